"""A dated happening the answer left out (``article.untold``)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Span

from extractor.article.document import build_document
from extractor.article.parts import ArticleParts
from extractor.article.untold import _someone, with_untold
from extractor.contract.models import ModelEvent
from extractor.dates import resolve_date
from extractor.text.parser import parse_entities
from extractor.text.sentences import Quoted
from extractor.validate.document import expected_event_id
from tests.data.review.factory import article_parts, provenance

TEXT = (
    "Pier news\n\n"
    "Mayor Ann Lee opened the new pier on Monday. "
    "A fisherman drowned off Vale Point on Tuesday after his boat capsized. "
    "The pier was busy on Wednesday. "
    "Lee said on Thursday that the pier would stay open. "
    "“We rebuilt the harbour wall in March,” she added. "
    "A trawler sank near the pier. "
    "The Vale council has approved a second pier this week.\n"
)


def _parts(text: str = TEXT) -> ArticleParts:
    return article_parts("pier", text, published=dt.date(2017, 2, 17))


ANSWER = [
    ModelEvent(
        sentence=2,
        trigger="opened",
        description="Ann Lee opened the new pier.",
        actors=["Mayor Ann Lee"],
        when="on Monday",
        tense="past",
    )
]


@pytest.mark.parametrize("small_model_rules", [True, False])
def test_a_dated_past_happening_no_answer_tells_is_an_event(small_model_rules: bool) -> None:
    made = provenance().model_copy(update={"small_model_rules": small_model_rules})
    doc = build_document(_parts(), ANSWER, made, resolve_date)
    by_trigger = {e.trigger.text: e for e in doc.events if e.trigger is not None}
    drowned = by_trigger["drowned"]
    assert [TEXT[s.start : s.end] for s in drowned.sentences] == [
        "A fisherman drowned off Vale Point on Tuesday after his boat capsized."
    ]
    assert drowned.when is not None and drowned.when.resolution.value == "2017-02-14"
    assert drowned.tense == "past" and [a.text for a in drowned.actors] == ["fisherman"]
    assert by_trigger["approved"].when is not None  # a perfect, dated "this week"
    # a state, a statement, a quote, a happening with no date: none of them
    assert set(by_trigger) == {"opened", "drowned", "approved"}
    for event in doc.events:
        assert event.id == expected_event_id(event.model_dump(mode="json"), doc.id)


def test_a_sentence_the_model_pointed_at_gains_no_event() -> None:
    # whatever became of the model's event there (here: none is kept), it was not left out
    parts = _parts()
    drowned = TEXT.index("A fisherman")
    sentence = (drowned, TEXT.index(" The pier was"))
    doc = build_document(parts, ANSWER, provenance(), resolve_date)
    at = [(s.start, s.end) for e in doc.events for s in e.sentences]
    assert at.count(sentence) == 1  # the event the text gives it, once
    events = [e for e in doc.events if (e.sentences[0].start, e.sentences[0].end) != sentence]
    again = with_untold(
        parts, events, [sentence], {sentence}, Quoted([]), parse_entities, resolve_date, {}
    )
    assert again == events


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A fisherman drowned off Vale Point on Tuesday.", True),
        ("Police arrested two men in Vale on Monday.", True),
        ("The Rovers beat the Kings on Sunday.", True),
        # a dateline's date or word read as the subject is no one
        ("9 March 2031 Last updated at 08:40 GMT Vale fire put out.", False),
        ("Mar 9, 2031 updated on Monday.", False),
        # which of the article's people a pronoun stands for is not read here
        ("She hosted the Vale awards in 2005.", False),
        ("Dec. 5, 2012 10:05 AM EST Police arrested a man in Vale on Monday.", False),
        ("Updated: 8:40 AM GMT Police arrested a man in Vale on Monday.", False),
    ],
)
def test_someone_takes_part(sentence: str, expected: bool) -> None:
    parts = _parts(sentence)
    bounds = [(0, len(sentence))]
    found = with_untold(parts, [], bounds, set(), Quoted([]), parse_entities, resolve_date, {})
    assert bool(found) is expected


@pytest.mark.parametrize(("word", "expected"), [("EST", False), ("Acme", True)])
def test_a_time_zone_the_recogniser_calls_an_organisation_is_no_one(
    word: str, expected: bool
) -> None:
    (doc,) = parse_entities([f"{word} updated the page on Monday."])
    doc.ents = [Span(doc, 0, 1, label="ORG")]  # as the recogniser may tag a dateline's zone
    assert _someone(doc, word) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Tom Berg had been in Oslo and visited the pier on Monday.",
        "Tom Berg did the talking and visited the pier on Monday.",
    ],
)
def test_a_past_of_be_or_do_is_no_happening(sentence: str) -> None:
    text = f"Pier news\n\nMayor Ann Lee opened the new pier on Monday. {sentence}\n"
    doc = build_document(_parts(text), ANSWER, provenance(), resolve_date)
    assert [e.trigger.text for e in doc.events if e.trigger is not None] == ["opened"]


def test_a_dated_sentence_that_tells_an_undated_event_again_joins_it_with_its_date() -> None:
    text = "Pier news\n\nMayor Ann Lee has opened the new pier. Lee opened it on Monday at dawn.\n"
    answer = [ANSWER[0].model_copy(update={"when": None})]
    doc = build_document(_parts(text), answer, provenance(), resolve_date)
    [opened] = doc.events
    assert [text[s.start : s.end] for s in opened.sentences] == [
        "Mayor Ann Lee has opened the new pier.",
        "Lee opened it on Monday at dawn.",
    ]
    assert opened.when is not None and opened.when.resolution.value == "2017-02-13"
    assert opened.id == expected_event_id(opened.model_dump(mode="json"), doc.id)
