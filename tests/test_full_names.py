"""A person an event names by surname alone is named in full when the article names one
person of that surname in full (extractor.article.full_names), with the real parser; an event
told again under the short and the full name is one event. Every example is invented."""

from __future__ import annotations

from typing import Any

from extractor.article.document import build_document
from extractor.article.full_names import full_forms, in_full
from extractor.article.quotes import find_quotes
from extractor.contract.models import ArticleDocument, ModelEvent
from extractor.dates import resolve_date
from extractor.text.parser import parse_entities
from extractor.validate.document import expected_event_id
from tests.data.review.factory import article_parts, provenance

TEXT = (
    "Bridge news\n"
    "Mayor Ana Broz opened the new bridge in Tarsk.\n"
    "Broz thanked the builders.\n"
    "Bo Lee and Ann Lee run the ferry.\n"
    "Lee said the ferry will stop.\n"
    "Ford cut 500 jobs at its plant in Tarsk.\n"
    "Henry Ford built the first plant there.\n"
    "Later, Berg and Mayor Tom B. Berg met the builders.\n"
    "He praised the crews.\n"
)
LINES = TEXT.splitlines()


def _told(sentence: int, trigger: str, actors: list[str], description: str) -> ModelEvent:
    fields: dict[str, Any] = {
        "description": description,
        "actors": actors,
        "place": None,
        "when": None,
        "tense": "past",
        "sentence": sentence,
        "trigger": trigger,
    }
    return ModelEvent.model_validate(fields)


def _document(*events: ModelEvent) -> ArticleDocument:
    made = provenance().model_copy(update={"small_model_rules": False})
    return build_document(
        article_parts("bridge", TEXT), list(events), made, resolve_date, find_quotes(TEXT)
    )


def _actors(doc: ArticleDocument) -> list[list[str]]:
    return [[a.text for a in e.actors] for e in doc.events]


def test_a_surname_alone_is_named_in_full_and_the_id_follows() -> None:
    doc = _document(_told(3, "thanked", ["Broz"], "Broz thanked the builders."))
    [event] = doc.events
    [actor] = event.actors
    assert actor.text == "Ana Broz"  # the title in front left out
    assert actor.span is not None and TEXT[actor.span.start : actor.span.end] == "Ana Broz"
    assert expected_event_id(event.model_dump(mode="json"), doc.id) == event.id


def test_two_people_of_one_surname_leave_it_as_it_is() -> None:
    doc = _document(_told(5, "said", ["Lee"], "Lee said the ferry will stop."))
    assert _actors(doc) == [["Lee"]]


def test_a_surname_the_recogniser_calls_a_company_there_stays() -> None:
    doc = _document(_told(6, "cut", ["Ford"], "Ford cut 500 jobs."))
    assert _actors(doc) == [["Ford"]]
    assert full_forms(TEXT, "Ford") == (("Henry", "Ford"),)  # there is a full form


def test_one_party_once_by_its_fullest_form() -> None:
    start = TEXT.index("Later")
    sentence = (start, TEXT.index("\n", start))
    (doc,) = parse_entities([TEXT[slice(*sentence)]])
    assert in_full(TEXT, sentence, doc, ["Berg", "Tom Berg"]) == ["Tom B. Berg"]


def test_an_event_told_again_under_the_short_and_the_full_name_is_one_event() -> None:
    thanked = _told(3, "thanked", ["Broz"], "Ana Broz thanked the builders.")
    # the same answer again, pointed at a sentence that does not write the name
    again = _told(4, "run", ["Broz"], "Ana Broz thanked the builders.")
    doc = _document(thanked, again)
    event, other = doc.events
    assert [a.text for a in event.actors] == ["Ana Broz"]
    # that sentence tells something else: it does not join the event (retellings.fits), it
    # is told in its own words, without the copied answer's actor (retellings.told_there)
    assert [s.text for s in event.sentences] == [LINES[2]]
    assert [s.text for s in other.sentences] == [LINES[3]] == [other.description]
    assert "Ana Broz" not in [a.text for a in other.actors]


def test_two_people_of_one_surname_tell_two_events() -> None:
    runs = _told(4, "run", ["Bo Lee"], "Lee runs the ferry.")
    other = _told(5, "said", ["Ann Lee"], "Lee runs the ferry.")
    assert _actors(_document(runs, other)) == [["Bo Lee"], ["Ann Lee"]]


def test_only_sentences_that_can_hold_a_full_form_are_parsed(monkeypatch: Any) -> None:
    asked: list[str] = []

    def recorded(texts: list[str]) -> Any:
        asked.extend(texts)
        return parse_entities(texts)

    monkeypatch.setattr("extractor.article.full_names.parse_entities", recorded)
    text = "Coach Ida Moe spoke. " + "Moe said no. " * 500 + "Then Moe left."
    assert full_forms(text, "Moe") == (("Ida", "Moe"),)
    # the 500 "Moe said no." are not parsed: no capitalised word before the surname
    assert asked == ["Coach Ida Moe spoke.", "Then Moe left."]


def test_the_models_name_for_he_is_named_in_full_unless_the_text_first_writes_a_company() -> None:
    praised = _told(9, "praised", ["Broz"], "Broz praised the crews.")
    assert _actors(_document(praised)) == [["Ana Broz"]]
    # "Ford" written alone first in "Ford cut 500 jobs": a company there
    company = _told(9, "praised", ["Ford"], "Ford praised the crews.")
    assert _actors(_document(company)) == [["Ford"]]
