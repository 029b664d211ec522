"""The speech act of a sentence whose event is told only inside a quote
(extractor.article.speech_acts), with the real parser and date resolver, through
``build_document``. Every example is invented."""

from __future__ import annotations

from extractor.article.document import build_document
from extractor.article.quotes import find_quotes
from extractor.article.speech_acts import speech_act
from extractor.article.warning_codes import W_NOT_AN_EVENT
from extractor.contract.models import ArticleDocument, ModelEvent
from extractor.dates import resolve_date
from extractor.text.parser import parse
from extractor.text.sentences import Quoted
from extractor.validate.document import check_document
from tests.data.review.factory import provenance
from tests.test_setting import _event, _parts

CLOSE = _event(1, "close", "Acme Motors will close its plant.", actors=["Acme Motors"])
TALKS = _event(
    2, "keep talking", "Acme Motors will keep talking to the union.", actors=["Acme Motors"]
)


def _document(text: str, *events: ModelEvent) -> ArticleDocument:
    parts = _parts(text)
    return build_document(parts, list(events), provenance(), resolve_date, find_quotes(text))


def test_the_speech_act_outside_the_quote_stands_for_an_event_told_inside_it() -> None:
    text = (
        "Acme Motors will close its plant in Portville.\n"
        "“We will keep talking to the union,” Ann Roe told reporters in Lakeside on Friday.\n"
    )
    doc = _document(text, CLOSE, TALKS)
    [close, act] = doc.events
    assert close.trigger is not None and close.trigger.text == "close"
    assert act.description == "Ann Roe told reporters in Lakeside on Friday."
    assert act.trigger is not None and act.trigger.text == "told"
    assert [a.text for a in act.actors] == ["Ann Roe"]
    assert act.place is not None and act.place.text == "Lakeside"
    assert act.when is not None and act.when.expression == "Friday"
    assert str(act.when.resolution.value) == "2021-06-04"  # published Saturday 5 June 2021
    assert [s.text for s in act.sentences] == [text.splitlines()[1]]
    assert [(q.text, q.speaker.text) for q in act.quotes] == [
        ("We will keep talking to the union,", "Ann Roe")
    ]
    [warning] = [w for w in doc.warnings if w.code == W_NOT_AN_EVENT]
    assert (
        warning.event_id == act.id and f"its sentence's speech act is {act.id}" in warning.message
    )
    assert check_document(doc.model_dump(mode="json"), "a1.json") == []


def test_with_the_small_model_rules_off_the_models_events_stand_and_no_act_is_made() -> None:
    text = "Acme Motors will close.\n“We will keep talking,” Ann Roe told reporters on Friday.\n"
    off = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(_parts(text), [CLOSE, TALKS], off, resolve_date, find_quotes(text))
    assert [e.description for e in doc.events] == [CLOSE.description, TALKS.description]


def test_a_speech_act_told_again_is_one_event_with_both_sentences_and_its_date() -> None:
    text = (
        "Ann Roe told reporters in Lakeside that talks with the union would go on.\n"
        "“We will keep talking,” Roe said on Friday.\n"
    )
    lede = _event(1, "told", "Ann Roe told reporters in Lakeside.", place="Lakeside")
    quoted = _event(2, "keep talking", "Acme Motors will keep talking.", actors=["Acme Motors"])
    [event] = _document(text, lede, quoted).events
    assert event.description == "Ann Roe told reporters in Lakeside."
    assert [s.text for s in event.sentences] == text.splitlines()
    assert event.when is not None and event.when.expression == "Friday"
    assert event.place is not None and event.place.text == "Lakeside"


def test_warnings_name_the_event_that_took_the_quotes_by_the_id_it_has_after_the_act() -> None:
    text = (
        "Ann Roe told reporters in Lakeside that talks with the union would go on.\n"
        "“We will keep talking,” Roe said on Friday.\n"
    )
    lede = _event(1, "told", "Ann Roe told reporters in Lakeside.", place="Lakeside")
    said = {"kind": "direct", "text": "We will keep talking,", "speaker": "Ann Roe"}
    quoted = _event(2, "keep talking", "Acme Motors will keep talking.", statements=[said])
    doc = _document(text, lede, quoted)
    [event] = doc.events  # the lede took the quote, then the act's date: a new id
    assert event.when is not None and [q.text for q in event.quotes] == ["We will keep talking,"]
    [warning] = [w for w in doc.warnings if w.code == W_NOT_AN_EVENT]
    assert warning.event_id == event.id
    assert f"its quotes joined {event.id}; its sentence's speech act is {event.id}" in (
        warning.message
    )
    assert check_document(doc.model_dump(mode="json"), "a1.json") == []  # no E403


def test_an_act_joins_only_the_speech_of_its_own_speaker_not_of_whom_it_addresses() -> None:
    text = (
        "Tom Berg said in Portville that talks with the union would go on.\n"
        "“We will keep talking,” Ann Roe told Tom Berg in Lakeside on Friday.\n"
    )
    lede = _event(1, "said", "Tom Berg said talks would go on.", actors=["Tom Berg"])
    quoted = _event(2, "keep talking", "Acme Motors will keep talking.", actors=["Acme Motors"])
    said, act = _document(text, lede, quoted).events
    assert [s.text for s in said.sentences] == text.splitlines()[:1]
    assert act.description == "Ann Roe told Tom Berg in Lakeside on Friday."
    assert [a.text for a in act.actors][:1] == ["Ann Roe"]


def test_no_speech_act_without_a_date_or_place_of_its_own_nor_inside_the_quote() -> None:
    plain = (
        "Acme Motors will close its plant in Portville.\n“We will keep talking,” said Ann Roe.\n"
    )
    assert [e.trigger.text for e in _document(plain, CLOSE, TALKS).events if e.trigger] == ["close"]
    inside = (
        "Acme Motors will close its plant in Portville.\n"
        "“Ann Roe told us in Lakeside on Friday that we will keep talking.”\n"
    )
    assert [e.trigger.text for e in _document(inside, CLOSE, TALKS).events if e.trigger] == [
        "close"
    ]


def test_the_act_is_the_sentence_with_its_quotes_left_out() -> None:
    text = "Ann Roe said on Friday that “talks go on” and added: “We will not give up.”"
    (doc,) = parse([text])
    quoted = Quoted((q.start, q.end) for q in find_quotes(text))
    act = speech_act(text, (0, len(text)), 1, doc, quoted)
    assert act is not None and act.trigger == "said" and act.sentence == 1
    assert act.description == "Ann Roe said on Friday that “…” and added."
    assert "actors" not in act.model_fields_set  # the parse's participants, as for anchors


def test_a_quote_at_either_end_set_off_by_punctuation_is_left_out_and_any_other_marked() -> None:
    cases = {
        "“We go,” Ann Roe said on Friday, “and we stay.”": "Ann Roe said on Friday.",
        "Ann Roe said on Friday, pledging that “we go.”": "Ann Roe said on Friday, pledging "
        "that “…”.",
        "Ann Roe said on Friday: “We go.”": "Ann Roe said on Friday.",
    }
    for text, description in cases.items():
        (doc,) = parse([text])
        quoted = Quoted((q.start, q.end) for q in find_quotes(text))
        act = speech_act(text, (0, len(text)), 1, doc, quoted)
        assert act is not None and act.description == description, text
