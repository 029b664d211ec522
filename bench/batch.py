"""Batch API mode at scale: N articles submitted, collected and built from a fake provider.

    flock /tmp/extractor-cpu.lock .venv/bin/python -m bench.batch               # 10,000 articles
    flock /tmp/extractor-cpu.lock .venv/bin/python -m bench.batch --articles 1000

The fake provider (tests/fake_batch.py: files and batches endpoints, each batch moving
validating -> in_progress -> finalizing -> completed one step per look, every line answered
with the fake endpoint's answer) runs in its own process, so its CPU is not the tool's.
Articles are MEANTIME Wikinews texts (CC BY 4.0, data/meantime of ../shared), each with a
unique title, in one JSONL file.

Two measured commands, each a fresh ``extractor`` process on an empty output folder:

- submit: ``extractor run --batch`` (no ``--wait``): plan every request, write and upload the
  request files, create the batches, record them; exits 75.
- whole: ``extractor run --batch --wait``: the same, then poll, collect and build every
  document from the cache.

For each: wall seconds, CPU seconds of the tool's processes (its own and its worker
process: ``RUSAGE_CHILDREN``), peak resident memory of the largest of them, and the seconds
spent waiting for the provider (the polls, ``--batch-poll``), which are not the tool's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
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


def measure(command: list[str]) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    polls = done.stderr.count("batches open")
    return {
        "exit": float(done.returncode),
        "wall_s": wall,
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "peak_mb": after.ru_maxrss / 1024,  # the largest child so far (the tool's run)
        "polls": float(polls),
        "stderr_tail": done.stderr[-600:],  # type: ignore[dict-item]
    }


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
    figures = {}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        inputs = Path(tmp) / "articles.jsonl"
        write_articles(inputs, options.articles)
        for name, extra in (("submit", []), ("whole", ["--wait"])):
            out = Path(tmp) / name
            command = [*tool, str(inputs), "--out", str(out), "--base-url", base_url]
            command += ["--model", "fake-model", "--batch", "--batch-poll", str(POLL_S), *extra]
            figures[name] = measure(command)
            docs = len(list((out / "articles").glob("*.json"))) if (out / "articles").exists() else 0
            figures[name]["documents"] = float(docs)
    provider.stdin.close()
    provider.wait(timeout=60)
    print(f"articles: {options.articles}")
    print("| command | exit | documents | wall s | provider polls (x0.5 s) | CPU s (tool) | peak MB |")
    print("|---|---|---|---|---|---|---|")
    for name, f in figures.items():
        print(
            f"| {name} | {f['exit']:.0f} | {f['documents']:.0f} | {f['wall_s']:.1f} | "
            f"{f['polls']:.0f} | {f['cpu_s']:.1f} | {f['peak_mb']:.0f} |"
        )
    for name, f in figures.items():
        print(f"\n{name} stderr (end):\n{f['stderr_tail']}")


if __name__ == "__main__":
    main()
