"""bench.annotated_answers: the annotation's answer to a request, on an invented article."""

from __future__ import annotations

from typing import Any

from bench import events_ecbplus as ecb
from bench.annotated_answers import answered, events, kept
from extractor.article.clean import clean_text
from tests.fake_batch import answer_line
from tests.fake_endpoint import json_reply

RAW = "Berg held\nAfter midnight on Monday, police arrested Tom Berg after the crash in Leeds.\n"


def _written(word: str) -> dict[str, Any]:
    start = RAW.index(word)
    return {"text": word, "char_start": start, "char_end": start + len(word)}


def _mention(word: str, instance: str, **arguments: list[str]) -> dict[str, Any]:
    kinds = {kind: arguments.get(kind, []) for kind in ("participants", "locations", "times")}
    return {**_written(word), "instance": instance, "in_coref_sentence": True, **kinds}


def _argument(mention_id: str, tag: str, word: str) -> dict[str, Any]:
    return {**_written(word), "mention_id": mention_id, "tag": tag, "instance": mention_id}


def _article() -> tuple[ecb.Article, str]:
    slots = {"participants": ["p1", "p2"], "locations": ["l1"], "times": ["t1", "t2"]}
    gold = {
        "id": "90_1ecb",
        "events": [
            _mention("arrested", "ACT1", **slots),
            _mention("crash", "ACT2", **slots),
            _mention("held", "ACT1"),  # the arrest told again, in the headline
            _mention("Leeds", "ACT9"),  # an instance of this article alone: not seminal
        ],
        "arguments": [
            _argument("p1", "HUMAN_PART_ORG", "police"),
            _argument("p2", "HUMAN_PART_PER", "Tom Berg"),
            _argument("l1", "LOC_GEO", "Leeds"),
            _argument("t1", "TIME_DATE", "After midnight"),
            _argument("t2", "TIME_DATE", "on Monday"),
        ],
    }
    text = clean_text(RAW).text
    return ecb.gold_article(gold, RAW, text, frozenset({"ACT1", "ACT2"})), text


def test_the_answer_lists_each_seminal_event_once_with_its_sentences_arguments() -> None:
    article, text = _article()
    listed = {2: " ".join(text.splitlines()[1].split())}  # a chunk listing the second line
    answer = events(article, text, listed)
    assert [(e["sentence"], e["trigger"]) for e in answer] == [(2, "arrested"), (2, "crash")]
    first = answer[0]
    assert first["actors"] == ["police", "Tom Berg"] and first["place"] == "Leeds"
    assert first["when"] == "on Monday"  # the date expression first, as a model writes it
    assert first["description"] == "police arrested." and first["tense"] is None
    # with the headline listed, the arrest is listed at its first mention there
    both = events(article, text, {1: "Berg held", **listed})
    assert [(e["sentence"], e["trigger"]) for e in both] == [(1, "held"), (2, "crash")]


def test_the_answers_events_kept_at_their_trigger() -> None:
    article, text = _article()
    answer = events(article, text, {2: " ".join(text.splitlines()[1].split())})
    request = {"custom_id": "90_1ecb/0/abc", "body": {}}
    results = [answer_line(request, lambda _: json_reply({"events": answer}), 0)]
    assert answered(results) == {"90_1ecb": answer}
    # the crash merged into the arrest: one of the two kept
    merged = {"90_1ecb": {"events": [{"trigger": {"text": "arrested"}}]}}
    assert kept(answered(results), merged) == {"answered": 2, "events": 1, "kept": 1}
    apart = {"90_1ecb": {"events": [{"trigger": {"text": t}} for t in ("crash", "arrested")]}}
    assert kept(answered(results), apart)["kept"] == 2
