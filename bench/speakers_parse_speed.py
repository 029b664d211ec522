"""Attribution time per 1,000-word article: the parse's attribution and the rule tables alone.

    flock /tmp/extractor-cpu.lock .venv/bin/python bench/speakers_parse_speed.py [--repeat 3]

Over the texts of the development gold set (seeds/ and ../shared/data/meantime) and of the
ECB+ speaker set (../shared/data/ecbplus), apart, each article's quotes found by the finder and
attributed (``extractor.article.speakers.attributed``) ``--repeat`` times; the parser is
loaded (and its weights verified) once before timing, and that load is reported apart; the
sentences the parser keeps are forgotten before each pass, so every pass parses. Each
article counts its best pass (this machine's speed varies by a third from run to run).
Prints, for each set, words, quotes and milliseconds per 1,000 words (the total time over the
total words, and the slowest article's).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from extractor.article.quotes import find_quotes
from extractor.article.speakers import attributed
from extractor.text.parser import Parse, forget, parse

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EXTRACTOR_SHARED_DATA") or ROOT.parent / "shared")
_WORDS_PER = 1000
# The texts timed: the development gold set (news as it comes), and the ECB+ speaker set
# (articles chosen for holding many quotation marks).
SETS = {"old 24": "eval/gold/*.json", "ECB+ speaker set": "eval/speakers/*/*.json"}


def _texts(pattern: str) -> list[str]:
    ids = [p.stem for p in ROOT.glob(pattern)]
    data = SHARED / "data"
    folders = (ROOT / "seeds", data / "meantime" / "articles", data / "ecbplus" / "articles")
    texts = []
    for article_id in sorted(ids):
        for folder in folders:
            path = folder / f"{article_id}.txt"
            if path.is_file():
                texts.append(path.read_text(encoding="utf-8"))
                break
    return texts


def _time(texts: Sequence[str], use: Parse | None, repeat: int) -> tuple[float, float]:
    """Seconds in all, and the slowest article's seconds per 1,000 words."""
    total, worst = 0.0, 0.0
    for text in texts:
        quotes = find_quotes(text)
        passes = []
        for _ in range(repeat):
            forget()  # each pass parses again, as a new article would
            started = time.perf_counter()
            attributed(text, quotes, use)
            passes.append(time.perf_counter() - started)
        took = min(passes)  # the best pass: what the code costs, not what else ran
        total += took
        worst = max(worst, took * _WORDS_PER / max(1, len(text.split())))
    return total, worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    parse(["The parser is loaded once."])
    print(f"parser load (weights verified): {time.perf_counter() - started:.2f} s")
    print("| texts | articles | words | quotes | attribution | ms per 1,000 words | slowest |")
    print("|---|---|---|---|---|---|---|")
    for label, pattern in SETS.items():
        texts = _texts(pattern)
        if not texts:
            print(f"no texts found for {label} (seeds/, ../shared/data)", file=sys.stderr)
            return 2
        words = sum(len(t.split()) for t in texts)
        quotes = sum(len(find_quotes(t)) for t in texts)
        for name, use in (("parser (default)", parse), ("rules alone", None)):
            total, worst = _time(texts, use, args.repeat)
            print(
                f"| {label} | {len(texts)} | {words} | {quotes} | {name} "
                f"| {total * 1000 * _WORDS_PER / words:.1f} | {worst * 1000:.1f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
