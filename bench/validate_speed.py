"""How long ``extractor validate`` takes on a run of 1,000 article documents.

Usage: .venv/bin/python -m bench.validate_speed [--documents 1000] [--events 12] [--no-precheck]

Builds a consistent run directory in a temporary folder (documents of about 4,000 characters
with ``--events`` events each, built by the test factory), then times the whole validation:
reading the files, the JSON Schema check with formats, and every semantic check.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from extractor.validate import load_contract, validate_paths
from tests.data.review.factory import TEXT, E, Q, make_document, write_run


def _specs(count: int) -> list[E]:
    return [
        E(
            f"Event {i}: Mattis met Fallon in London",
            actors=["James Mattis", "Michael Fallon"],
            place="London",
            when="on Thursday",
            value="2017-03-30",
            # each event its own quoted span: a span stored twice is a problem (E204)
            quotes=[Q("Mattis", f"Russia is mucking around in elections number {i}")],
        )
        for i in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--events", type=int, default=12)
    parser.add_argument(
        "--no-precheck", action="store_true", help="jsonschema on every value (the slow path)"
    )
    args = parser.parse_args()
    # about 4,000 characters, each sentence with a quote of its own
    text = " ".join(TEXT.replace("elections", f"elections number {i}") for i in range(20))
    with tempfile.TemporaryDirectory() as tmp:
        docs = [
            make_document(f"art{i:05d}", _specs(args.events), text=text)
            for i in range(args.documents)
        ]
        run = write_run(Path(tmp) / "run", docs)
        contract = load_contract(precheck=not args.no_precheck)
        started, cpu = time.perf_counter(), time.process_time()
        result = validate_paths([run], contract)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        commands = [_command(run) for _ in range(3)]
    assert result.ok, result.summary()
    print(result.summary())
    size = sum(len(d.model_dump_json()) for d in docs) // len(docs)
    print(
        f"{args.documents} documents x {args.events} events (~{size // 1000} kB each): "
        f"{elapsed:.2f} s wall, {cpu:.2f} s CPU "
        f"({1000 * elapsed / args.documents:.2f} ms per document)"
    )
    shown = " / ".join(f"{c:.2f}" for c in commands)
    print(f"the whole command, `extractor validate RUN` (start-up included): {shown} s")


def _command(run: Path) -> float:
    program = str(Path(sys.executable).parent / "extractor")
    started = time.perf_counter()
    subprocess.run([program, "validate", str(run)], check=True, capture_output=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
