"""The parser keeps the sentences it parsed last: a sentence asked for twice is parsed once,
and its entities, when asked for, are those the whole pipeline finds (sentences invented)."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.text import parser
from extractor.text.parser import forget, parse, parse_entities

SAID = "Port Minister Ada Lorn said in Vellmark on Friday that the ferry would sail."
MET = "The two councils met at the Amsel town hall."


def _parses(docs: list[Any]) -> list[list[tuple[str, str, str, int]]]:
    return [[(t.text, t.tag_, t.dep_, t.head.i) for t in doc] for doc in docs]


def _entities(docs: list[Any]) -> list[list[tuple[str, str]]]:
    return [[(e.text, e.label_) for e in doc.ents] for doc in docs]


def test_entities_of_a_kept_parse_are_the_whole_pipelines() -> None:
    forget()
    plain = parse([SAID, MET])
    named = parse_entities([MET, SAID])
    assert named[1] is plain[0] and named[0] is plain[1]  # parsed once
    whole = list(parser._pipeline().pipe([MET, SAID]))
    assert _parses(named) == _parses(whole)
    assert _entities(named) == _entities(whole) and ("Ada Lorn", "PERSON") in _entities(named)[1]


def test_a_sentence_is_parsed_once_until_it_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    forget()
    asked: list[str] = []
    real = parser._pipeline()

    class Counting:
        def pipe(self, texts: list[str], **kwargs: Any) -> Any:
            asked.extend(texts)
            return real.pipe(texts, **kwargs)

        def get_pipe(self, name: str) -> Any:
            return real.get_pipe(name)

    monkeypatch.setattr(parser, "_pipeline", lambda: Counting())
    monkeypatch.setattr(parser, "KEPT", 2)
    first = parse([SAID, SAID, MET])
    assert asked == [SAID, MET] and first[0] is first[1]
    parse_entities([SAID])
    parse(["A third sentence."])  # past KEPT: the oldest, MET, is dropped
    assert asked == [SAID, MET, "A third sentence."]
    parse([SAID, MET])
    assert asked == [SAID, MET, "A third sentence.", MET]
