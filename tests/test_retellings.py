"""One trigger word of the text is one event: two answers pointing at it are merged, the
answer that describes its sentence leads, and the date written in full is kept."""

from __future__ import annotations

from typing import Any

from extractor.article.document import build_document
from extractor.article.quotes import find_quotes
from extractor.contract.models import ArticleDocument, ModelEvent
from extractor.dates import resolve_date
from extractor.validate.document import expected_event_id
from tests.data.review.factory import article_parts, provenance

TEXT = (
    "Harbour news\n"
    "The Lindqvist ferry line will open a route to Tarsk in the second half of this year.\n"
    "Mayor Ana Broz spoke at the quay on Monday.\n"
    "“The ferry will bring visitors,” Broz said.\n"
    "Port workers cheered the plan.\n"
)


def _told(sentence: int, trigger: str, description: str, **more: Any) -> ModelEvent:
    fields: dict[str, Any] = {
        "description": description,
        "actors": ["Lindqvist"],
        "place": None,
        "when": None,
        "tense": "future",
        "sentence": sentence,
        "trigger": trigger,
    }
    return ModelEvent.model_validate({**fields, **more})


def _document(*events: ModelEvent) -> ArticleDocument:
    made = provenance().model_copy(update={"small_model_rules": False})
    return build_document(
        article_parts("harbour", TEXT), list(events), made, resolve_date, find_quotes(TEXT)
    )


def _ids_follow_content(doc: ArticleDocument) -> bool:
    return all(expected_event_id(e.model_dump(mode="json"), doc.id) == e.id for e in doc.events)


def test_two_answers_on_one_trigger_word_are_one_event() -> None:
    opening = _told(2, "open", "The Lindqvist ferry line will open a route to Tarsk.")
    again = _told(2, "open", "A new ferry route to Tarsk.", actors=["Lindqvist ferry line"])
    doc = _document(opening, again)
    [event] = doc.events
    assert event.description == opening.description
    assert [s.text for s in event.sentences] == [TEXT.splitlines()[1]]
    assert _ids_follow_content(doc)


def test_answers_on_two_words_of_one_sentence_stay_two_events() -> None:
    spoke = _told(3, "spoke", "Ana Broz spoke at the quay.", actors=["Ana Broz"], tense="past")
    cheered = _told(5, "cheered", "Port workers cheered.", actors=["Port workers"], tense="past")
    doc = _document(spoke, cheered)
    assert len(doc.events) == 2


def test_the_answer_that_describes_the_sentence_leads() -> None:
    # an answer about the cheering, pointed at the quote's line, lands on its "said"
    astray = _told(4, "said", "Workers were happy about it all.", actors=["Port workers"])
    said = _told(4, "said", "Broz said the ferry will bring visitors.", actors=["Ana Broz"])
    doc = _document(astray, said)
    [event] = doc.events
    assert event.description == said.description
    assert [a.text for a in event.actors] == ["Ana Broz"]
    assert _ids_follow_content(doc)


def test_the_date_written_in_full_is_kept() -> None:
    short = _told(2, "open", "Lindqvist will open a route to Tarsk.", when="this year")
    full = _told(
        2,
        "open",
        "Lindqvist will open a route to Tarsk this year.",
        when="in the second half of this year",
    )
    for order in ((short, full), (full, short)):
        doc = _document(*order)
        [event] = doc.events
        assert event.when is not None
        assert event.when.expression == "in the second half of this year"
        assert event.when.resolution.value == "2031-H2"
        assert _ids_follow_content(doc)
