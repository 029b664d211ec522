"""An event's date and place from the sentence that tells its setting again
(extractor.article.setting), with the real parser and date resolver. Every example is
invented."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from extractor.article.document import build_document
from extractor.article.parts import ArticleParts
from extractor.article.setting import Setting, setting_told
from extractor.article.tense import trigger_verb
from extractor.contract.models import (
    ArticleDocument,
    Event,
    ModelEvent,
    PublicationDate,
    SourceInfo,
)
from extractor.dates import resolve_date
from extractor.text.numbered import spans
from extractor.text.parser import parse_entities
from extractor.text.words import word_set
from extractor.validate.document import check_document
from tests.data.review.factory import provenance

PUBLISHED = dt.date(2021, 6, 5)
CONFERENCE = (
    "Ferry talks end\n"
    "Mayor Ann Roe criticised the ferry plan in a joint press conference with Governor Tom "
    "Lee.\n"
    "At the press conference in Portville on June 3, Roe called the plan late.\n"
    "The council met on Friday.\n"
)


def _parts(text: str) -> ArticleParts:
    return ArticleParts(
        id="a1",
        source=SourceInfo(path="a1.txt", url=None, title=None, source=None, input_sha256="0" * 64),
        title=None,
        published=PublicationDate(value=PUBLISHED, source="metadata", evidence=None),
        text=text,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        removed=[],
    )


def _event(sentence: int, trigger: str, description: str, **more: Any) -> ModelEvent:
    fields: dict[str, Any] = {
        "sentence": sentence,
        "trigger": trigger,
        "description": description,
        "actors": ["Ann Roe"],
        "place": None,
        "when": None,
        "tense": "past",
        **more,
    }
    return ModelEvent.model_validate(fields)


def _document(text: str, *events: ModelEvent) -> ArticleDocument:
    return build_document(_parts(text), list(events), provenance(), resolve_date)


def _only(doc: ArticleDocument) -> Event:
    """The event at "criticised" ("The council met on Friday", a dated happening the answer
    left out, is an event of its own: ``article.untold``)."""
    [event] = [e for e in doc.events if e.trigger is not None and e.trigger.text == "criticised"]
    return event


def _setting(text: str, sentence: int, trigger: str) -> Setting | None:
    """What ``setting_told`` finds for the event of S``sentence``."""
    bounds = spans(text)
    start, end = bounds[sentence - 1]
    (doc,) = parse_entities([text[start:end]])
    at = text[start:end].index(trigger)
    verb = trigger_verb(doc, (at, at + len(trigger)), word_set(trigger))
    return setting_told(text, bounds, (start, end), verb, parse_entities)


def _told(text: str, sentence: int, trigger: str) -> str | None:
    """The date ``setting_told`` finds for the event of S``sentence``."""
    found = _setting(text, sentence, trigger)
    return None if found is None or found.when is None else found.when.text


def test_the_date_of_the_setting_told_again_is_the_events_with_its_evidence() -> None:
    doc = _document(CONFERENCE, _event(2, "criticised", "Ann Roe criticised the ferry plan."))
    event = _only(doc)
    assert event.when is not None and event.when.expression == "June 3"
    assert event.when.resolution.value == "2021-06-03"
    assert event.when.span is not None
    assert doc.text[event.when.span.start : event.when.span.end] == "June 3"
    later = doc.text.index("At the press conference")
    assert event.when.span.start > later  # located in the sentence that gives it
    # so is the place of the setting, which its own sentence does not write
    assert event.place is not None and event.place.text == "Portville"
    assert event.place.span is not None and event.place.span.start > later
    [told] = event.sentences  # still anchored to its own sentence
    assert doc.text[told.start : told.end].startswith("Mayor Ann Roe criticised")
    # its id is the one its content gives, and the document validates
    assert check_document(doc.model_dump(mode="json"), "a1.json") == []


def test_the_events_own_place_stays_and_each_comes_from_the_nearest_telling() -> None:
    text = CONFERENCE.replace("press conference with", "press conference in Lakeside with")
    doc = _document(text, _event(2, "criticised", "Ann Roe criticised the ferry plan."))
    event = _only(doc)
    assert event.place is not None and event.place.text == "Lakeside"
    assert event.when is not None and event.when.expression == "June 3"
    # a first telling with a date only, a second with a place: the date of the first and
    # the place of the second
    text = (
        "Ferry talks end\n"
        "Mayor Ann Roe criticised the ferry plan in a joint press conference.\n"
        "At the press conference on June 3, Roe called the plan late.\n"
        "At the press conference in Portville, Roe also took questions.\n"
    )
    found = _setting(text, 2, "criticised")
    assert found is not None and found.when is not None and found.place is not None
    assert (found.when.text, found.place.text) == ("June 3", "Portville")
    assert text[found.place.sentence[0] : found.place.sentence[1]].startswith("At the press")
    assert found.place.sentence != found.when.sentence


def test_the_events_own_date_stays() -> None:
    text = CONFERENCE.replace("press conference with", "press conference on Tuesday with")
    doc = _document(text, _event(2, "criticised", "Ann Roe criticised the ferry plan."))
    event = _only(doc)
    assert event.when is not None and event.when.expression == "Tuesday"


def test_another_setting_or_a_setting_named_anew_gives_no_date() -> None:
    # "a press conference": another one, maybe
    text = CONFERENCE.replace("At the press conference", "At a press conference")
    assert _told(text, 2, "criticised") is None
    # another noun
    text = CONFERENCE.replace("At the press conference", "At the summit")
    assert _told(text, 2, "criticised") is None
    # the same noun, not as the setting of a clause ("the conference was long")
    text = CONFERENCE.replace(
        "At the press conference in Portville on June 3, Roe called the plan late.",
        "The press conference on June 3 was long.",
    )
    assert _told(text, 2, "criticised") is None
    assert _told(CONFERENCE, 2, "criticised") == "June 3"


def test_a_happening_after_which_it_came_is_not_its_setting() -> None:
    text = (
        "Vote held\n"
        "The mayor resigned after the vote on the bridge.\n"
        "After the vote on May 2, the council met.\n"
    )
    assert _told(text, 2, "resigned") is None


def test_a_setting_told_again_too_far_away_gives_no_date() -> None:
    filler = "The weather was mild.\nThe harbour was busy.\n"
    text = CONFERENCE.replace("At the press conference", filler + "At the press conference")
    assert _told(text, 2, "criticised") is None


def test_a_setting_told_just_before_counts_too() -> None:
    text = (
        "Ferry talks end\n"
        "At the summit in Portville on June 3, the two leaders spoke for an hour.\n"
        "Mayor Ann Roe praised the ferry plan at the summit.\n"
    )
    assert _told(text, 3, "praised") == "June 3"


def test_a_plain_statement_stays_no_event_whatever_its_setting() -> None:
    # "said" with no occasion of its own is folded before the setting is looked for
    text = CONFERENCE + "Roe said in the press conference that the plan was late.\n"
    doc = _document(
        text,
        _event(2, "criticised", "Ann Roe criticised the ferry plan."),
        _event(5, "said", "Ann Roe said the plan was late."),
    )
    told = [e.description for e in doc.events]
    assert told == ["Ann Roe criticised the ferry plan.", "The council met on Friday."]
