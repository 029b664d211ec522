"""Batch API mode at scale: N articles submitted, collected and built from a fake provider.

    flock /tmp/extractor-cpu.lock .venv/bin/python -m bench.batch               # 10,000 articles
    flock /tmp/extractor-cpu.lock .venv/bin/python -m bench.batch --articles 1000

The fake provider (tests/fake_batch.py: files and batches endpoints, each batch moving
validating -> in_progress -> finalizing -> completed one step per look, every line answered
with the fake endpoint's answer) runs in its own process, so its CPU is not the tool's.
Articles are MEANTIME Wikinews texts (CC BY 4.0, data/meantime of ../shared), each with a
unique title, in one JSONL file.

Three measured commands, each a fresh ``extractor`` process:

- submit: ``extractor run --batch`` (no ``--wait``) on an empty folder: plan every request,
  write and upload the request files, create the batches, record them; exits 75.
- look: the same command again while the batch runs (the hourly cron job): looks at the
  batch, plans only articles in no open batch; exits 75.
- whole: ``extractor run --batch --wait`` on another empty folder: plan, submit, poll
  (``looks``, every 0.5 s, waiting for the provider), collect, and build every document
  from the cache (``build s``: the ordinary run, from its log).

- live: for comparison, the same articles through the fake provider's live endpoint (no
  latency), ``extractor run`` without ``--batch``.

For each: wall and CPU seconds of the tool (its process and its worker process, from GNU
``time``) and its peak resident memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EXTRACTOR_SHARED_DATA") or ROOT.parent / "shared")
MEANTIME = SHARED / "data" / "meantime" / "articles"
POLL_S = 0.5


def serve() -> None:
    """The fake provider: prints its base URL, serves until stdin closes."""
    from tests.engine_support import answering
    from tests.fake_batch import FakeBatchAPI
    from tests.fake_endpoint import FakeEndpoint

    with FakeEndpoint(answering) as endpoint:
        api = FakeBatchAPI(endpoint, answering)
        print(endpoint.base_url, flush=True)
        sys.stdin.read()
        print(json.dumps({"batches": len(api.created), "uploads": len(api.uploads)}), flush=True)


def write_articles(path: Path, count: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(MEANTIME.glob("*.txt"))]
    if not texts:
        sys.exit(f"no articles in {MEANTIME}: set EXTRACTOR_SHARED_DATA")
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            title, _, rest = texts[number % len(texts)].partition("\n")
            text = f"{title} (Dispatch {number:05d})\n{rest}"
            out.write(json.dumps({"id": f"n{number:05d}", "text": text}) + "\n")


def measure(command: list[str]) -> dict[str, str]:
    """Wall and CPU seconds and peak memory of one command (GNU time: the tool's process
    and its worker process), and the seconds its document build took (from its log)."""
    timed = ["/usr/bin/time", "-f", "TIMED %e %U %S %M", *command]
    done = subprocess.run(timed, capture_output=True, text=True, check=False)
    lines = done.stderr.splitlines()
    wall, user, system, peak_kb = lines[-1].split()[1:]
    started = [x for x in lines if " to extract, " in x and not x.split()[1].startswith("0/")]
    build = 0.0
    if started and " to extract" in started[-1]:
        first = _stamp(started[-1])
        last = _stamp(next(x for x in reversed(lines) if x[:4].isdigit()))
        build = last - first
    return {
        "exit": str(done.returncode),
        "wall s": f"{float(wall):.1f}",
        "CPU s": f"{float(user) + float(system):.1f}",
        "peak MB": f"{int(peak_kb) / 1024:.0f}",
        "build s": f"{build:.1f}",
        "looks": str(done.stderr.count("batches open")),
    }


def _stamp(line: str) -> float:
    moment = dt.datetime.strptime(line.split()[0], "%Y-%m-%dT%H:%M:%SZ")
    return moment.timestamp()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    options = parser.parse_args()
    provider = subprocess.Popen(
        [sys.executable, "-c", "from bench.batch import serve; serve()"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert provider.stdout is not None and provider.stdin is not None
    base_url = provider.stdout.readline().strip()
    tool = [sys.executable, "-c", "from extractor.cli import main; main()", "run"]
    figures: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        inputs = Path(tmp) / "articles.jsonl"
        write_articles(inputs, options.articles)
        steps: list[tuple[str, str, list[str]]] = [
            ("submit", "a", []),
            ("look", "a", []),
            ("whole", "b", ["--wait"]),
            ("live", "c", []),
        ]
        for name, folder, extra in steps:
            out = Path(tmp) / folder
            command = [*tool, str(inputs), "--out", str(out), "--base-url", base_url]
            command += ["--model", "fake-model"]
            if name != "live":
                command += ["--batch", "--batch-poll", str(POLL_S), *extra]
            figures[name] = measure(command)
            found = list((out / "articles").glob("*.json")) if (out / "articles").exists() else []
            figures[name]["documents"] = str(len(found))
    provider.stdin.close()
    provider.wait(timeout=60)
    columns = ["exit", "documents", "wall s", "build s", "looks", "CPU s", "peak MB"]
    print(f"articles: {options.articles}; load average before: {os.getloadavg()[0]:.1f}")
    print("| command | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for name, f in figures.items():
        print(f"| {name} | " + " | ".join(f[c] for c in columns) + " |")


if __name__ == "__main__":
    main()
