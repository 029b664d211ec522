"""Progress on stderr: a live line on a terminal, periodic log lines otherwise."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from extractor.runner import Progress


def line(progress: Progress, now: float) -> str:
    elapsed = now - progress.started
    rate = progress.done / elapsed if elapsed > 0 else 0.0
    left = (progress.total - progress.done) / rate if rate > 0 else 0.0
    return (
        f"{progress.done}/{progress.total} articles, {progress.failed} failed, "
        f"{elapsed:.0f}s elapsed, {rate * 60:.1f}/min, ETA {left:.0f}s, "
        f"{progress.tokens} tokens"
    )


def reporter(
    stream: TextIO, *, interactive: bool, every_s: float = 10.0
) -> Callable[[Progress], None]:
    """Report after each article on a terminal; at most every ``every_s`` seconds otherwise."""
    last = [0.0]

    def report(progress: Progress) -> None:
        now = time.monotonic()
        finished = progress.done == progress.total
        if interactive:
            stream.write("\r" + line(progress, now) + ("\n" if finished else ""))
        elif finished or now - last[0] >= every_s:
            stream.write(line(progress, now) + "\n")
            last[0] = now
        stream.flush()

    return report
