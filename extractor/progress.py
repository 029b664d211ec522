"""What ``extractor run`` says on stderr while it works.

- ``TextLog``: a live line on a terminal; otherwise a progress line every ``every_s``
  seconds. Failures and warnings always show; ``quiet`` drops progress and the summary.
- ``JsonLog`` (``--log-format json``): one JSON object per line for orchestrators, with an
  ``event`` of ``start``, ``progress``, ``failed``, ``budget``, ``stopping``, ``shards``,
  ``cleanup`` or ``finished``.

Neither ever sees the API key: they get counts, article ids and error messages (which
``llm`` has already scrubbed of anything key-like).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, TextIO

from extractor.engine.observe import NoteKind, Progress
from extractor.models import Failure, RunManifest

WARNINGS: set[NoteKind] = {"budget", "stopping", "left", "cache"}
LIVE_EVERY_S = 0.2


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def line(p: Progress) -> str:
    """``37/120 articles, 2 failed, 80 cached, 12.5/min, ETA 3m20s, 48,210 tokens, $0.0123``."""
    parts = [f"{p.done}/{p.total} articles", f"{p.failed} failed"]
    if p.cached:
        parts.append(f"{p.cached} cached")
    if p.skipped:
        parts.append(f"{p.skipped} skipped")
    parts += [f"{p.rate_per_s * 60:.1f}/min", f"ETA {_duration(p.eta_s)}"]
    parts.append(f"{p.tokens:,} tokens")
    if p.cost_usd:
        parts.append(f"${p.cost_usd:.4f}")
    if p.rate_limited:
        parts.append(f"{p.rate_limited} rate-limited")
    return ", ".join(parts)


def summary(manifest: RunManifest, where: str) -> str:
    c, t = manifest.counts, manifest.totals
    cost = f", ${t.cost_usd:.4f}" if t.cost_usd is not None else ""
    return (
        f"{c.total} articles: {c.added} added, {c.changed} changed, {c.unchanged} unchanged, "
        f"{c.failed} failed, {c.skipped} skipped, {c.removed} removed; {t.model_calls} model "
        f"calls, {t.usage.total_tokens:,} tokens{cost} ({manifest.status}) -> {where}"
    )


def failure_line(failure: Failure) -> str:
    return f"failed: {failure.id}: {failure.stage}: {failure.message}"


class TextLog:
    """Human-readable stderr output."""

    def __init__(
        self,
        stream: TextIO,
        *,
        interactive: bool,
        quiet: bool = False,
        every_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream, self._interactive, self._quiet = stream, interactive, quiet
        self._every_s, self._clock = every_s, clock
        self._last = clock()  # the start note stands for the first line
        self._live = False  # a live line is on screen

    def _write(self, text: str) -> None:
        if self._live:
            self._stream.write("\r\x1b[K")
            self._live = False
        self._stream.write(text + "\n")
        self._stream.flush()

    def progress(self, progress: Progress, *, final: bool = False) -> None:
        if self._quiet:
            return
        now = self._clock()
        every = LIVE_EVERY_S if self._interactive else self._every_s
        if not final and now - self._last < every:
            return
        self._last = now
        if self._interactive and not final:
            self._stream.write("\r\x1b[K" + line(progress))
            self._live = True
            self._stream.flush()
        else:
            self._write(line(progress))

    def failed(self, failure: Failure) -> None:
        self._write(failure_line(failure))

    def note(self, kind: NoteKind, message: str) -> None:
        if kind in WARNINGS:
            self._write(f"warning: {message}")
        elif not self._quiet:
            self._write(message)

    def finished(self, manifest: RunManifest, where: str, exit_code: int) -> None:
        if not self._quiet:
            self._write(summary(manifest, where))


class JsonLog:
    """One JSON object per line: ``{"event": ..., ...}``."""

    def __init__(
        self,
        stream: TextIO,
        *,
        quiet: bool = False,
        every_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream, self._quiet = stream, quiet
        self._every_s, self._clock = every_s, clock
        self._last = clock()

    def _emit(self, event: str, **fields: Any) -> None:
        record = {"event": event, **fields}
        self._stream.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        self._stream.flush()

    def progress(self, progress: Progress, *, final: bool = False) -> None:
        now = self._clock()
        if self._quiet or (not final and now - self._last < self._every_s):
            return
        self._last = now
        p = progress
        eta = p.eta_s
        self._emit(
            "progress",
            done=p.done,
            total=p.total,
            failed=p.failed,
            cached=p.cached,
            skipped=p.skipped,
            requests=p.requests,
            rate_limited=p.rate_limited,
            tokens=p.tokens,
            cost_usd=round(p.cost_usd, 6),
            rate_per_min=round(p.rate_per_s * 60, 2),
            eta_s=round(eta, 1) if eta is not None else None,
            elapsed_s=round(p.elapsed_s, 3),
        )

    def failed(self, failure: Failure) -> None:
        self._emit("failed", **failure.model_dump(mode="json"))

    def note(self, kind: NoteKind, message: str) -> None:
        if kind in WARNINGS or not self._quiet:
            self._emit(kind, message=message)

    def finished(self, manifest: RunManifest, where: str, exit_code: int) -> None:
        totals = manifest.totals
        self._emit(
            "finished",
            status=manifest.status,
            exit_code=exit_code,
            manifest=where,
            counts=manifest.counts.model_dump(mode="json"),
            model_calls=totals.model_calls,
            tokens=totals.usage.total_tokens,
            cost_usd=totals.cost_usd,
            duration_s=totals.duration_s,
        )
