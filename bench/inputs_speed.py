"""How long reading, cleaning and publication-date detection take, per article.

Usage: .venv/bin/python bench/inputs_speed.py [--articles 1000] [--html 200]

Writes, in a temporary folder, ``--articles`` .txt files (the five seeds in turn, each made
distinct), ``--html`` copies of tests/data/inputs/article.html and one JSONL file of
``--articles`` records; times ``load_inputs`` on each kind, then ``clean_text`` plus
``detect_publication_date`` on every text, then the worst case: hostile 1 MB inputs (one long
line of markup, digits, slashes, spaces or entities).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from extractor.article.clean import clean_text
from extractor.article.pubdate import detect_publication_date
from extractor.contract.article import RawArticle
from extractor.io.inputs import load_inputs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PAGE = ROOT / "tests" / "data" / "inputs" / "article.html"
HOSTILE = {
    "markup": "<a" + ' x="1"' * 150_000 + " <",
    "digits": "1 " * 500_000 + "x",
    "slashes": "a/" * 500_000,
    "spaces": " \u00a0" * 500_000 + "x",
    "entities": "&amp" * 250_000,
    "words": "word " * 200_000,
}


def _timed(label: str, count: int, work: Callable[[], object]) -> object:
    started = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - started
    print(f"{label:<38} {count:>6} in {elapsed:7.3f} s = {1000 * elapsed / count:7.3f} ms each")
    return result


def _process(articles: list[RawArticle]) -> None:
    for article in articles:
        clean_text(article.text)
        detect_publication_date(
            article.text,
            url=article.url,
            metadata=article.published_at,
            metadata_evidence=article.published_evidence,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--html", type=int, default=200)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    page = PAGE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in ("txt", "html", "jsonl"):
            (folder / kind).mkdir()
        for n in range(args.articles):
            body = f"{texts[n % len(texts)]}\nArticle number {n}."
            (folder / "txt" / f"a{n:05d}.txt").write_text(body, encoding="utf-8")
        for n in range(args.html):
            (folder / "html" / f"p{n:05d}.html").write_text(
                page.replace("31 votes to 12", f"31 votes to {n}"), encoding="utf-8"
            )
        with (folder / "jsonl" / "records.jsonl").open("w", encoding="utf-8") as handle:
            for n in range(args.articles):
                record = {"id": f"r{n:05d}", "text": texts[n % len(texts)], "url": None}
                handle.write(json.dumps(record) + "\n")
        loaded: list[RawArticle] = []
        for kind, count in (("txt", args.articles), ("html", args.html), ("jsonl", args.articles)):
            items = _timed(f"load_inputs .{kind}", count, partial(load_inputs, [folder / kind]))
            assert isinstance(items, list)
            articles = [i for i in items if isinstance(i, RawArticle)]
            assert len(articles) == count, f"{kind}: {len(articles)} of {count} loaded"
            loaded.extend(articles)
    _timed("clean_text + detect_publication_date", len(loaded), lambda: _process(loaded))
    for name, text in HOSTILE.items():
        _timed(f"hostile 1 MB line: {name}", 1, partial(_process, [_raw(text)]))


def _raw(text: str) -> RawArticle:
    return RawArticle(
        id="hostile",
        text=text,
        title=None,
        url=None,
        source=None,
        published_at=None,
        published_evidence=None,
        path=None,
        input_sha256="",
    )


if __name__ == "__main__":
    main()
