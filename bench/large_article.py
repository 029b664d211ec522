"""Seconds and peak memory to build the document of one large article (issue 18, item 3).

    flock /tmp/extractor-cpu.lock .venv/bin/python -m bench.large_article
    .venv/bin/python -m bench.large_article --sizes 0.25 --profile   # cProfile, top 25

The article is real text: the MEANTIME Wikinews articles (CC BY 4.0,
data/meantime of ../shared; attribution: Wikinews, via the MEANTIME corpus) one after the
other, over again until the size is reached. The model answer is what the pipeline would get
for it chunk by chunk (``chunk_count``, 12,000 characters): up to 15 events a chunk, one per
sentence naming someone, with its actors, a date written in the sentence, the finder's quotes
of the sentence as direct statements, an indirect statement for every fifth event (every
other one a paraphrase found nowhere) and, for every tenth event, a direct quote with a
word changed (found only by the fuzzy search). Timed: ``pipeline.finish`` (quote finder,
speakers, grounding, dates, folding), once per size, each size in a fresh process, cold (no
cache of an earlier build). CPU seconds are the process's own (``time.process_time``:
steadier than wall time on a machine shared with other work). Memory is the process's peak
resident set (``ru_maxrss``, interpreter, imports and the answer included) and the peak of
Python allocations while building (``tracemalloc``, in a second cold build).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import json
import os
import pstats
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from extractor.article.parts import ArticleParts
from extractor.article.pipeline import chunk_count, finish
from extractor.article.quotes import find_quotes
from extractor.contract.models import (
    ModelEvent,
    PublicationDate,
    SourceInfo,
)
from extractor.text.numbered import chunks, spans
from tests.data.review.factory import provenance

ROOT = Path(__file__).resolve().parents[1]
# The shared data: ../shared beside the repository, or $EXTRACTOR_SHARED_DATA (as in the tests).
SHARED = Path(os.environ.get("EXTRACTOR_SHARED_DATA") or ROOT.parent / "shared")
MEANTIME = SHARED / "data" / "meantime" / "articles"
CHUNK = 12_000
EVENTS_PER_CHUNK = 15
_SENTENCE = re.compile(r"[^\n.!?]+[.!?]?")
_NAME = re.compile(r"(?<![.\n] )(?<!^)\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")
_DATE = re.compile(
    r"\b(?:(?:on |last |next )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"today|yesterday|tomorrow|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)(?: \d{1,2})?(?:, \d{4})?|in \d{4})\b"
)


def article_text(size: int) -> str:
    """MEANTIME texts one after the other, over again, cut at a line end near ``size``."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(MEANTIME.glob("*.txt"))]
    if not any(texts):
        raise SystemExit(f"No MEANTIME texts in {MEANTIME} (set EXTRACTOR_SHARED_DATA)")
    parts: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)


def _changed(quote: str) -> str:
    """The quote with one word changed: a model's slip, found only by the fuzzy search."""
    words = quote.split(" ")
    middle = len(words) // 2
    words[middle] = words[middle][::-1] if len(words[middle]) > 2 else words[middle] + "x"
    return " ".join(words)


def _chunk_events(chunk: str, first: int) -> list[dict[str, Any]]:
    quotes = find_quotes(chunk)
    events: list[dict[str, Any]] = []
    for match in _SENTENCE.finditer(chunk):
        sentence = match.group().strip()
        names = _NAME.findall(sentence)
        if not names or len(sentence.split()) < 6:
            continue
        number = first + len(events)
        inside = [q for q in quotes if match.start() <= q.start < match.end()]
        statements = [{"speaker": names[0], "text": q.text, "kind": "direct"} for q in inside]
        if number % 5 == 0:
            clause = " ".join(sentence.split()[2:12])
            text = clause if number % 10 else f"{names[0]} spoke about {clause.lower()}"
            statements.append({"speaker": names[0], "text": text, "kind": "indirect"})
        if number % 10 == 3 and inside and inside[0].words > 4:
            statements.append(
                {"speaker": names[0], "text": _changed(inside[0].text), "kind": "direct"}
            )
        date = _DATE.search(sentence)
        place = re.search(r"\bin ([A-Z][a-z]+)", sentence)
        events.append(
            {
                "description": " ".join(sentence.split()[:14]).rstrip(",;:") + ".",
                "actors": list(dict.fromkeys(names[:3])),
                "place": place.group(1) if place else None,
                "when": date.group() if date else None,
                "tense": "past",
                "statements": statements,
            }
        )
        if len(events) == EVENTS_PER_CHUNK:
            break
    return events


def model_answer(text: str) -> list[ModelEvent]:
    """The events a model would list for ``text``, chunk by chunk."""
    events: list[dict[str, Any]] = []
    sentences = spans(text)
    for group in chunks(sentences, CHUNK):
        chunk = text[sentences[group[0] - 1][0] : sentences[group[-1] - 1][1]]
        events += _chunk_events(chunk, len(events))
    return [ModelEvent.model_validate(e) for e in events]


def parts_of(text: str, article_id: str = "large") -> ArticleParts:
    return ArticleParts(
        id=article_id,
        source=SourceInfo(path=None, url=None, title=None, source=None, input_sha256="0" * 64),
        title=None,
        published=PublicationDate(value=dt.date(2013, 12, 10), source="metadata", evidence="b"),
        text=text,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        removed=[],
    )


def one(megabytes: float, profile: bool) -> dict[str, Any]:
    text = article_text(int(megabytes * 1_000_000))
    events = model_answer(text)
    parts, made = parts_of(text), provenance(chunks=chunk_count(text, CHUNK))
    statements = sum(len(e.statements) for e in events)
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(finish, parts, events, made)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
        parts = parts_of(text + " ")  # a new text: nothing cached from the profiled build
    began, cpu = time.perf_counter(), time.process_time()
    document = finish(parts, events, made)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    finish(parts_of(text + "  "), events, made)  # a new text again: a cold build
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    quotes = sum(len(e.quotes) for e in document.events) + len(document.quotes)  # held, apart
    return {
        "mb": megabytes,
        "chars": len(text),
        "events_asked": len(events),
        "statements": statements,
        "events": len(document.events),
        "quotes": quotes,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "max_rss_mb": round(rss),
        "traced_peak_mb": round(peak),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0.25,0.5,1,5", help="megabytes, comma-separated")
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true", help="cProfile the build to stderr")
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.profile)))
        return
    print(
        "| size | characters | events asked | statements | events | quotes | s | CPU s "
        "| max RSS MB | traced peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in (float(s) for s in args.sizes.split(",")):
        command = [sys.executable, "-m", "bench.large_article", "--one", str(size)]
        if args.profile:
            command.append("--profile")
        out = subprocess.run(
            command, check=True, capture_output=not args.profile, text=True, cwd=ROOT
        )
        if args.profile:
            continue
        r = json.loads(out.stdout)
        print(
            f"| {r['mb']} MB | {r['chars']:,} | {r['events_asked']:,} | {r['statements']:,} | "
            f"{r['events']:,} | {r['quotes']:,} | {r['seconds']} | {r['cpu_seconds']} | "
            f"{r['max_rss_mb']} | "
            f"{r['traced_peak_mb']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
