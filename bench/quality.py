"""Extraction quality of one prompt variant: run it over the gold articles and score the run.

    .venv/bin/python bench/quality.py --prompts-dir prompts --out runs/q-default
    .venv/bin/python bench/quality.py --prompts-dir /tmp/variant --out runs/q-v --ids 143480,004
    .venv/bin/python bench/quality.py --score-only --out runs/q-default   # score an existing run

The gold inputs are the articles named by ``eval/gold/*.json``: MEANTIME texts (Wikinews,
CC BY 4.0, data/meantime of ../shared, metadata from its manifest.jsonl) and the seeds
(``seeds/``). They are linked into ``OUT.inputs/`` and extracted by ``extractor run`` with the
embedded local model (a subprocess, so the figures are the product's own), then scored with
``extractor eval``'s library (documents looked up by ``safe_id``). ``--ids`` takes id
prefixes for a quick subset; the gold set is cut to the same articles. Prints one Markdown
row: quote overlap precision and recall, speaker accuracy, date accuracy, event F1,
grounding, and seconds per article (the mean of the documents' ``provenance.duration_s``;
a document rebuilt from cached answers records the rebuild's time, not the model's).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from extractor.contract.ids import safe_id
from extractor.contract.models import ArticleDocument
from extractor.errors import InputError
from extractor.evaluation import Report, evaluate, load_gold, parse_document

ROOT = Path(__file__).resolve().parents[1]
# The shared data: ../shared beside the repository, or $EXTRACTOR_SHARED_DATA (as in the tests).
SHARED = Path(os.environ.get("EXTRACTOR_SHARED_DATA") or ROOT.parent / "shared")
MEANTIME = SHARED / "data" / "meantime"


def _inputs(ids: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for article_id in ids:
        candidates = [
            MEANTIME / "articles" / f"{article_id}.txt",
            ROOT / "seeds" / f"{article_id}.txt",
        ]
        source = next((c for c in candidates if c.exists()), None)
        if source is None:
            sys.exit(f"no input text for gold article {article_id}")
        link = folder / source.name
        if not link.exists():
            link.symlink_to(source)


def _wanted(gold_dir: Path, prefixes: list[str]) -> list[str]:
    ids = sorted(p.stem for p in gold_dir.glob("*.json"))
    if not prefixes:
        return ids
    return [i for i in ids if any(i.startswith(f"{p}_") or i == p for p in prefixes)]


def _seconds(run: Path, golds: list[Any]) -> tuple[float | None, int]:
    """Mean ``provenance.duration_s`` of the scored documents (rebuilt from the cache: ~0)."""
    spent = []
    for gold in golds:
        path = run / "articles" / f"{safe_id(gold.id)}.json"
        if path.is_file():
            spent.append(json.loads(path.read_text(encoding="utf-8"))["provenance"]["duration_s"])
    return (sum(spent) / len(spent) if spent else None, len(spent))


def score(golds: list[Any], gold_dir: Path, run: Path) -> Report:
    """Like ``extractor eval``, but finding each document under its safe id (MEANTIME ids
    with commas are stored as ``safe_id(id)``)."""
    docs: dict[str, ArticleDocument | InputError] = {}
    for gold in golds:
        path = run / "articles" / f"{safe_id(gold.id)}.json"
        if path.is_file():
            docs[gold.id] = parse_document(path.read_text(encoding="utf-8"), gold.id)
    return evaluate(golds, docs, gold_name=str(gold_dir), pred_name=str(run))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def row(name: str, report: Report, seconds: float | None) -> str:
    s = report.overall
    q = s.quotes.overlap
    cells = [
        name,
        _pct(q.precision),
        _pct(q.recall),
        _pct(s.quotes.speaker.value),
        _pct(s.dates.value.value),
        _pct(s.events.matched.f1),
        _pct(s.grounding.value),
        "–" if seconds is None else f"{seconds:.0f}",
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| variant | quotes P | quotes R | speakers | dates | events F1 | grounding | s/article |\n"
    "|---|---|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="run directory")
    parser.add_argument("--prompts-dir", type=Path, default=ROOT / "prompts")
    parser.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold")
    parser.add_argument("--ids", default="", help="comma-separated article id prefixes")
    parser.add_argument("--name", default=None, help="variant name in the row")
    parser.add_argument("--score-only", action="store_true", help="score OUT as it is")
    parser.add_argument("--json", type=Path, default=None, help="write the report here")
    parser.add_argument("extra", nargs="*", help="more flags for extractor run (after --)")
    args = parser.parse_args()
    ids = _wanted(args.gold, [p for p in args.ids.split(",") if p])
    if not args.score_only:
        inputs = args.out.with_name(args.out.name + ".inputs")
        _inputs(ids, inputs)
        command = [
            str(ROOT / ".venv" / "bin" / "extractor"),
            "run",
            str(inputs),
            "--manifest",
            str(MEANTIME / "manifest.jsonl"),
            "--out",
            str(args.out),
            "--prompts-dir",
            str(args.prompts_dir),
            "--timeout",
            "1800",
            *args.extra,
        ]
        subprocess.run(command, check=False)
    golds = [g for g in load_gold(args.gold) if g.id in ids]
    report = score(golds, args.gold, args.out)
    seconds, fresh = _seconds(args.out, golds)
    if args.json is not None:
        payload: dict[str, Any] = {
            "report": report.model_dump(mode="json"),
            "seconds_per_article": seconds,
            "fresh": fresh,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(HEADER)
    print(row(args.name or args.prompts_dir.name, report, seconds))


if __name__ == "__main__":
    main()
