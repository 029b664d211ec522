"""Accuracy and speed of date resolution on MEANTIME gold dates, against plain dateparser.

Data: MEANTIME English Wikinews (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/),
286 TIMEX3 dates with their publication dates and sentences, from ../shared/data/meantime; or,
with --data, a file of the same rows that carry their own 'preceding' text, such as the held-out
ECB+ halves eval/dates/dev.jsonl and eval/dates/test.jsonl (see eval/dates/README.md).

    .venv/bin/python bench/dates_accuracy.py [--data PATH] [--out FILE.md] [--errors FILE.jsonl]

Accuracy is the share of expressions whose TIMEX3 value equals the gold value exactly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import dateparser

from extractor.dates import resolve_date

ROOT = Path(__file__).resolve().parents[1]
# The shared data: ../shared beside the repository, or $EXTRACTOR_SHARED_DATA (as in the tests).
SHARED = Path(os.environ.get("EXTRACTOR_SHARED_DATA") or ROOT.parent / "shared")
DEFAULT_DATA = SHARED / "data" / "meantime" / "dates.jsonl"
TARGET_DAY_MONTH = "day or month, needs the publication date"
TARGET_COARSE = "week, quarter, season or decade"
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[0-9]|20)\d\d\b")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "`": "'"})

Row = dict[str, Any]
Resolver = Callable[[Row], str | None]


def load(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def resolver(row: Row) -> str | None:
    """The resolver with the sentence as context."""
    published = dt.date.fromisoformat(row["dct"])
    return resolve_date(row["text_of_timex"], published, context=row["sentence"]).value


def resolver_preceding(row: Row) -> str | None:
    """The resolver with the sentence and the article text before it."""
    published = dt.date.fromisoformat(row["dct"])
    return resolve_date(
        row["text_of_timex"], published, context=row["sentence"], preceding=row["preceding"]
    ).value


def _squash(text: str) -> tuple[str, list[int]]:
    """The text without spaces and with plain quotes, and where each character came from."""
    text = text.replace("``", '"').replace("''", '"')
    kept = [(c, i) for i, c in enumerate(text) if not c.isspace()]
    plain = "".join(c for c, _ in kept).translate(_QUOTES)
    return plain, [i for _, i in kept]


def add_preceding(rows: list[Row], articles: Path) -> int:
    """Give each row the article text before its sentence; the count of sentences found."""
    paths = {}
    with (articles.parent / "manifest.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            paths[entry["id"]] = articles.parent / entry["path"]
    found = 0
    for row in rows:
        row["preceding"] = None
        path = paths.get(row["doc_id"])
        if path is None or not path.exists():
            continue
        raw = path.read_text(encoding="utf-8")
        plain, where = _squash(raw)
        at = plain.find(_squash(row["sentence"])[0])
        if at >= 0:
            row["preceding"] = raw[: where[at]]
            found += 1
    return found


def plain_dateparser(row: Row, prefer: str) -> str | None:
    """dateparser with the publication date as base and a simple rule for the granularity:
    a year alone is a year, a month name without a day is a month, the rest are days."""
    text = row["text_of_timex"]
    base = dt.datetime.fromisoformat(row["dct"])
    settings: Any = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    without_year = _YEAR.sub("", text)
    if _YEAR.search(text) and not _MONTH.search(text) and not re.search(r"\d", without_year):
        return f"{parsed.year:04d}"
    if _MONTH.search(text) and not re.search(r"\d", without_year):
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return parsed.date().isoformat()


def dateparser_past(row: Row) -> str | None:
    return plain_dateparser(row, "past")


def dateparser_current(row: Row) -> str | None:
    return plain_dateparser(row, "current_period")


def groups(row: Row) -> Iterable[str]:
    granularity = row["granularity"]
    yield f"granularity: {granularity}"
    yield f"category: {row['category']}"
    if granularity in ("day", "month") and row["needs_dct"]:
        yield TARGET_DAY_MONTH
    if granularity in ("week", "quarter", "season", "decade"):
        yield TARGET_COARSE
    yield "all"


def score(rows: list[Row], systems: dict[str, Resolver]) -> tuple[dict[str, Any], list[Row]]:
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors = []
    for row in rows:
        answers = {name: system(row) for name, system in systems.items()}
        for group in groups(row):
            table[group]["n"] += 1
            for name, answer in answers.items():
                table[group][name] += answer == row["value"]
        if any(answer != row["value"] for name, answer in answers.items() if "resolver" in name):
            errors.append({**{k: v for k, v in row.items() if k != "preceding"}, **answers})
    return table, errors


def timing(rows: list[Row], system: Resolver, passes: int) -> tuple[float, float]:
    """Milliseconds per expression: the mean wall time over the passes, and the CPU time of
    the fastest pass (steadier on a machine shared with other work)."""
    for row in rows[:20]:
        system(row)  # warm up: dateparser loads its language data on first use
    start = time.perf_counter()
    best = float("inf")
    for _ in range(passes):
        cpu = time.process_time()
        for row in rows:
            system(row)
        best = min(best, time.process_time() - cpu)
    wall = (time.perf_counter() - start) * 1000 / (passes * len(rows))
    return wall, best * 1000 / len(rows)


def hostile() -> dict[str, float]:
    """Milliseconds for inputs built to be slow: huge sentences and texts, long expressions."""
    published = dt.date(2017, 2, 16)
    cases = {
        "1 MB sentence, 'the day'": ("the day", "Markets fell. " * 75_000 + "the day", None),
        "1 MB preceding text, 'the same day'": (
            "the same day",
            "It fell the same day.",
            "a " * 500_000,
        ),
        "120-character expression": ("and then " * 13 + "in 1997", None, None),
        "40 characters for dateparser": ("a fortnight and a day or so ago, 2 weeks", None, None),
    }
    times = {}
    for name, (expression, context, preceding) in cases.items():
        start = time.perf_counter()
        resolve_date(expression, published, context=context, preceding=preceding)
        times[name] = (time.perf_counter() - start) * 1000
    return times


def render(table: dict[str, Any], names: list[str], speed: dict[str, tuple[float, float]]) -> str:
    def line(group: str) -> str:
        counts = table[group]
        cells = [f"{100 * counts[name] / counts['n']:.1f}% ({counts[name]})" for name in names]
        return f"| {group} | {counts['n']} | " + " | ".join(cells) + " |"

    header = "| group | n | " + " | ".join(names) + " |\n|---|---:|" + "---:|" * len(names)
    targets = [TARGET_DAY_MONTH, TARGET_COARSE, "all"]
    by_granularity = sorted(g for g in table if g.startswith("granularity: "))
    by_category = sorted(g for g in table if g.startswith("category: "))
    parts = [
        "### Targets\n\n" + header + "\n" + "\n".join(line(g) for g in targets),
        "### By gold granularity\n\n" + header + "\n" + "\n".join(line(g) for g in by_granularity),
        "### By category\n\n" + header + "\n" + "\n".join(line(g) for g in by_category),
        "### Speed\n\n| system | ms per expression (wall, mean) | CPU ms (fastest pass) |\n"
        "|---|---:|---:|\n"
        + "\n".join(f"| {name} | {wall:.3f} | {cpu:.3f} |" for name, (wall, cpu) in speed.items()),
    ]
    return "\n\n".join(parts) + "\n"


def statuses(rows: list[Row]) -> str:
    """How many of the resolver's answers (with the preceding text) have each status, and how
    many of each are right: 'assumed' is a weekday or month chosen without a cue."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        published = dt.date.fromisoformat(row["dct"])
        resolution = resolve_date(
            row["text_of_timex"], published, context=row["sentence"], preceding=row["preceding"]
        )
        counts[resolution.status][0] += 1
        counts[resolution.status][1] += resolution.value == row["value"]
    cells = ", ".join(f"{s} {n} ({right} right)" for s, (n, right) in sorted(counts.items()))
    return f"\nStatuses, resolver + preceding text: {cells}.\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, help="also write the tables to this Markdown file")
    parser.add_argument("--errors", type=Path, help="write the resolver's misses as JSONL")
    parser.add_argument("--passes", type=int, default=5, help="timing passes over the data")
    args = parser.parse_args(argv)
    rows = load(args.data)
    if all("preceding" in row for row in rows):  # eval/dates/*.jsonl carry it
        located = sum(row["preceding"] is not None for row in rows)
    else:
        located = add_preceding(rows, args.data.parent / "articles")
    systems: dict[str, Resolver] = {
        "resolver": resolver,
        "resolver + preceding text": resolver_preceding,
        "dateparser, past": dateparser_past,
        "dateparser, current period": dateparser_current,
    }
    table, errors = score(rows, systems)
    speed = {name: timing(rows, system, args.passes) for name, system in systems.items()}
    report = render(table, list(systems), speed)
    report += f"\nSentences located in their article: {located} of {len(rows)}.\n"
    report += statuses(rows)
    report += "\n### Hostile inputs\n\n| input | ms |\n|---|---:|\n"
    report += "".join(f"| {name} | {ms:.1f} |\n" for name, ms in hostile().items())
    sys.stdout.write(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as handle:
            for row in errors:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
