"""Building a document costs about as much per event on a long article as on a short one.

Counted in lines of Python run (``sys.settrace``), not in seconds: the count is the same on
any machine. Seconds and memory for articles up to 5 MB are in bench/large_article.py.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from extractor.article import ground as grounding
from extractor.article.document import build_document
from extractor.article.parts import ArticleParts
from extractor.article.quotes import FoundQuote, find_quotes
from extractor.contract.models import (
    ModelEvent,
    PublicationDate,
    SourceInfo,
)
from extractor.dates import resolve_date
from extractor.text import parser
from tests.data.review.factory import provenance

FIRST = ["Ann", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ida", "Jo", "Kit", "Lou"]
LAST = ["Marsh", "Nolte", "Oakes", "Pryce", "Quill", "Rook", "Sand", "Tull", "Vance", "Wolk"]
TOWNS = ["Arden", "Brisk", "Colby", "Dunmore", "Elmvale", "Fenwick", "Glenrock"]


def _name(number: int) -> str:
    return f"{FIRST[number % len(FIRST)]} {LAST[number // len(FIRST) % len(LAST)]}"


def _paragraph(number: int) -> tuple[str, list[dict[str, Any]]]:
    """An invented paragraph and the events a model would list for it."""
    name, other, town = _name(number), _name(number + 7), TOWNS[number % len(TOWNS)]
    text = (
        "March 4\n"  # a dateline
        f"On Monday, {name} opened the new bridge number {number} in {town}.\n"
        f"“We will build more of them together,” {name} said.\n"
        f"The council of {town} met again on Tuesday to count bridge {number}.\n"
        f"“It is a good day for the town,” said {other}.\n\n"
    )
    events: list[dict[str, Any]] = [
        {
            "description": f"{name} opened the new bridge number {number} in {town}.",
            "actors": [name],
            "place": town,
            "when": "on monday",  # as a model may write it: found up to case
            "tense": "past",
            "statements": [
                {"speaker": name, "text": "We will build more of them together", "kind": "direct"},
                {"speaker": name, "text": f"bridges matter to {town} now", "kind": "indirect"},
            ],
        },
        {
            "description": f"The council of {town} met to count bridge {number}.",
            "actors": [f"council of {town}"],
            "place": None,
            "when": "march 4",  # the dateline, found up to case: no date of the event
            "tense": "past",
            "statements": [],
        },
    ]
    return text, events


def _article(paragraphs: int) -> tuple[ArticleParts, list[ModelEvent], list[FoundQuote]]:
    texts, answers = zip(*(_paragraph(n) for n in range(paragraphs)), strict=True)
    text = "".join(texts)
    parts = ArticleParts(
        id="scale",
        source=SourceInfo(path=None, url=None, title=None, source=None, input_sha256="0" * 64),
        title=None,
        published=PublicationDate(value=dt.date(2020, 3, 4), source="metadata", evidence="m"),
        text=text,
        text_sha256="1" * 64,
        removed=[],
    )
    events = [ModelEvent.model_validate(e) for answer in answers for e in answer]
    return parts, events, find_quotes(text)


def lines_run(paragraphs: int) -> int:
    """Lines of Python run to build the document of an article of ``paragraphs`` paragraphs."""
    parts, events, found = _article(paragraphs)
    parser.parse(["The parser is loaded."])  # loaded before, and no sentence kept from
    parser.forget()  # another test or size: each size is parsed cold alike
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        count += event == "line"
        return trace

    sys.settrace(trace)
    try:
        build_document(parts, events, provenance(), resolve_date, found)
    finally:
        sys.settrace(None)
    return count


def test_lines_run_grow_with_the_article_not_with_its_square() -> None:
    small, large = lines_run(40), lines_run(160)
    assert large / small < 4.6, (small, large)  # 4 times the text; quadratic steps give ~16


def test_the_text_is_normalised_once_per_form_however_many_spans(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parts, events, found = _article(60)
    passes: list[int] = []
    folded = grounding._FOLDED

    class Counting:  # every normalisation folds the marks of what it normalises first
        def sub(self, repl: Callable[[re.Match[str]], str], source: str) -> str:
            passes.append(len(source))
            return folded.sub(repl, source)

    monkeypatch.setattr(grounding, "_FOLDED", Counting())
    build_document(parts, events, provenance(), resolve_date, found)
    long = [n for n in passes if n > len(parts.text) // 2]
    assert len(long) <= 2, len(long)  # with case and case-folded, once each
