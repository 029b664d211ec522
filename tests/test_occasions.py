"""One speaker's statements at one occasion are one event (``article.occasions``)."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.article.document import build_document
from extractor.article.parts import ArticleParts
from extractor.contract.models import ModelEvent, PublicationDate, SourceInfo
from extractor.dates import resolve_date
from extractor.validate.document import expected_event_id
from tests.data.review.factory import provenance

TEXT = (
    "Harbour plans\n\n"
    "Mayor Ann Lee said on Monday that the harbour will close. "
    "Dock workers marched through Ostby on Tuesday. "
    "Lee added on Monday that the talks had failed. "
    "On Friday, Lee told reporters that she would stay. "
    "She added that the budget was tight. "
    "Crowds gathered at the pier on Saturday. "
    "Lee noted that the port was old.\n"
)


def _parts() -> ArticleParts:
    return ArticleParts(
        id="harbour",
        source=SourceInfo(
            path="in/h.txt", url=None, title=None, source=None, input_sha256="0" * 64
        ),
        title=None,
        published=PublicationDate(value=dt.date(2017, 2, 16), source="text", evidence=None),
        text=TEXT,
        text_sha256="1" * 64,
        removed=[],
    )


def _answer(
    sentence: int,
    trigger: str,
    description: str,
    actors: list[str],
    when: str | None,
    place: str | None = None,
) -> ModelEvent:
    return ModelEvent(
        sentence=sentence,
        trigger=trigger,
        description=description,
        actors=actors,
        place=place,
        when=when,
        tense="past",
    )


ANSWER = [
    _answer(2, "said", "Ann Lee said the harbour will close.", ["Mayor Ann Lee"], "on Monday"),
    _answer(
        3, "marched", "Dock workers marched through Ostby.", ["Dock workers"], "on Tuesday", "Ostby"
    ),
    _answer(4, "added", "Lee added that the talks had failed.", ["Lee"], "on Monday"),
    _answer(5, "told", "Lee told reporters she would stay.", ["Lee"], "On Friday"),
    _answer(6, "added", "Lee added that the budget was tight.", ["Lee"], None),
    _answer(7, "gathered", "Crowds gathered at the pier.", ["Crowds"], "on Saturday", "pier"),
    _answer(8, "noted", "Lee noted that the port was old.", ["Lee"], None),
]


@pytest.mark.parametrize("small_model_rules", [True, False])
def test_a_speakers_statements_on_one_day_are_one_event(small_model_rules: bool) -> None:
    made = provenance().model_copy(update={"small_model_rules": small_model_rules})
    doc = build_document(_parts(), ANSWER, made, resolve_date)
    told = {
        e.trigger.text: [TEXT[s.start : s.end] for s in e.sentences]
        for e in doc.events
        if e.trigger is not None
    }
    assert told["said"] == [
        "Mayor Ann Lee said on Monday that the harbour will close.",
        "Lee added on Monday that the talks had failed.",
    ]
    assert "added" not in told
    # another day: apart; with no date, the statement right after is that occasion's (for
    # the small model's rules a plain statement with no date or place, dropped before)
    assert told["told"] == [
        "On Friday, Lee told reporters that she would stay.",
        *([] if small_model_rules else ["She added that the budget was tight."]),
    ]
    assert told["marched"] == ["Dock workers marched through Ostby on Tuesday."]
    # further on, which occasion an undated one belongs to is not written: apart; and a plain
    # statement with no date or place of its own is no event for the small model's rules
    assert ("noted" in told) is not small_model_rules
    for event in doc.events:
        assert event.id == expected_event_id(event.model_dump(mode="json"), doc.id)


def test_statements_of_two_speakers_stay_apart() -> None:
    text = (
        "Talks\n\nAnn Lee said on Monday that talks failed. Tom Berg said on Monday they did not.\n"
    )
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    answer = [
        _answer(2, "said", "Ann Lee said talks failed.", ["Ann Lee"], "on Monday"),
        _answer(3, "said", "Tom Berg said not so.", ["Tom Berg"], "on Monday"),
    ]
    doc = build_document(parts, answer, provenance(), resolve_date)
    assert [e.actors[0].text for e in doc.events] == ["Ann Lee", "Tom Berg"]
