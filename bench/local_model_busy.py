"""The embedded model's generation speed on an idle machine and with one core taken.

    [GOMP_SPINCOUNT=N] .venv/bin/python -m bench.local_model_busy [--tokens 48] [--threads 1 2]
        [--poll 50] [--priority normal medium]

For each (threads, poll, priority) a fresh server is started and asked, through the real
``openai`` client, for ``--tokens`` tokens (temperature 0, a fixed prompt); the figure is the
server's own generation rate (``timings.predicted_per_second``). Each pair is measured twice:
with nothing else running, and with a second process spinning on one core (``busy``), as a
nightly machine that is not idle would be. ``poll`` is llama.cpp's thread polling level
(0 to 100): how long its threads spin waiting for work before sleeping. With all cores taken,
spinning threads steal the time the working thread needs. ``priority`` is llama.cpp's
scheduling level of its threads (``--model-priority``; medium and above are real-time and take
the cores from the spinning process). The packaged llama.cpp is built with OpenMP, which leaves
``poll`` unused: its threads spin ``GOMP_SPINCOUNT`` times before they sleep, the project's
``SPIN_COUNT`` unless the environment sets it (``extractor/io/local_model/spin.py``; libgomp
reads it once per process, so compare values one process each).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai

from extractor.io.local_model import (
    PRIORITIES,
    LocalModelConfig,
    default_cache_dir,
    serve,
    set_spin_count,
)

PROMPT = "Count from one to one hundred in words, separated by commas."


@contextlib.contextmanager
def busy_core(on: bool) -> Iterator[None]:
    """A child process spinning on one core while the block runs (nothing when ``on`` is off)."""
    if not on:
        yield
        return
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        yield
    finally:
        spinner.kill()
        spinner.wait()


def rate(threads: int, poll: int, tokens: int, busy: bool, priority: str = "normal") -> float:
    """Generated tokens per second for one request on a fresh server."""
    config = LocalModelConfig(
        model_file=None,
        cache_dir=default_cache_dir(os.environ, Path.home()),
        n_threads=threads,
        poll=poll,
        priority=priority,
        verbosity=0,
    )
    with serve(config) as endpoint, busy_core(busy):
        client = openai.OpenAI(base_url=endpoint.base_url, api_key=endpoint.api_key)
        response = client.chat.completions.create(
            model=endpoint.model,
            messages=[{"role": "user", "content": PROMPT}],
            temperature=0,
            max_tokens=tokens,
        )
        timings: dict[str, Any] = (response.model_extra or {}).get("timings", {})
        return float(timings.get("predicted_per_second", 0.0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=48)
    parser.add_argument("--threads", type=int, nargs="+", default=[2, 1])
    parser.add_argument("--poll", type=int, nargs="+", default=[50])  # unused with OpenMP
    parser.add_argument("--priority", nargs="+", default=["normal"], choices=PRIORITIES)
    args = parser.parse_args()
    set_spin_count(os.environ)  # as serve() would: printed here
    spin = os.environ.get("GOMP_SPINCOUNT") or f"wait policy {os.environ['OMP_WAIT_POLICY']}"
    print(f"load average before: {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores; spin {spin}")
    print("| priority | threads | poll | idle tok/s | one core busy tok/s | busy / idle |")
    print("|---|---|---|---|---|---|")
    for priority in args.priority:
        for threads in args.threads:
            for poll in args.poll:
                idle = rate(threads, poll, args.tokens, False, priority)
                loaded = rate(threads, poll, args.tokens, True, priority)
                share = loaded / idle if idle else 0.0
                row = [priority, threads, poll, f"{idle:.1f}", f"{loaded:.1f}", f"{share:.0%}"]
                print("| " + " | ".join(map(str, row)) + " |", flush=True)


if __name__ == "__main__":
    main()
