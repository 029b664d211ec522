"""When a worker process pays: ``extractor run`` on N fresh articles, with and without one.

    flock /tmp/extractor-cpu.lock .venv/bin/python -m bench.engine_workers [--counts 16 64 128]

For each N, the whole command (start-up included) runs as a subprocess on N fresh MEANTIME
articles against ``bench/engine.py``'s fake endpoint (200 ms latency, concurrency 16), once
with ``--processes 0`` (every stage in the main process) and once with ``--processes 1`` and
the engine's threshold lowered to 1, so the worker is used whatever N (``POOL_MIN_ARTICLES``
decides it in the product). Reported: wall time and CPU (the command and its children).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.engine import Endpoint, write_articles

# Runs the CLI with the pool threshold at 1, so --processes 1 always starts its worker.
_ALWAYS_POOL = """
import extractor.engine.batch as batch
batch.POOL_MIN_ARTICLES = 1
from extractor.cli import main
main()
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(inputs: Path, out: Path, base_url: str, processes: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``extractor run``."""
    command = [sys.executable, "-c", _ALWAYS_POOL, "run", str(inputs), "--out", str(out)]
    command += ["--base-url", base_url, "--model", "bench", "--quiet", "--concurrency", "16"]
    command += ["--processes", str(processes)]
    env = {**os.environ, "OPENAI_API_KEY": "none"}
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, env=env)
    return time.perf_counter() - started, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[16, 32, 64, 128, 256])
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| articles | no worker: wall s | CPU s | one worker: wall s | CPU s |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp, Endpoint(0.2) as base_url:
        work = Path(tmp)
        for count in args.counts:
            cells = []
            for processes in (0, 1):
                inputs = work / f"in-{count}-{processes}"
                write_articles(inputs, count, start=count * 10 + processes * 5_000)
                wall, cpu = run_once(inputs, work / f"out-{count}-{processes}", base_url, processes)
                cells += [f"{wall:.2f}", f"{cpu:.2f}"]
            print(f"| {count} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
