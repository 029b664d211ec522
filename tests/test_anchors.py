"""Which sentence tells an event (extractor.article.anchors.pointed). Invented texts."""

from __future__ import annotations

from extractor.article.anchors import pointed
from extractor.contract.models import ModelEvent
from extractor.text.numbered import spans

TEXT = (
    "Published on Monday, 3 March 2031\n"
    "The harbour board of Westbrook met on Monday.\n"
    "Board chair Ann Lee announced a new ferry route to Eastport.\n"
    "The route will open in May.\n"
    "Boats will run twice a day.\n"
    "Tickets will cost less than the old ones.\n"
)


def event(number: int, trigger: str | None, description: str) -> ModelEvent:
    return ModelEvent(
        description=description,
        actors=[],
        place=None,
        when=None,
        tense="past",
        sentence=number,
        trigger=trigger,
    )


def sentence_of(found: tuple[int, int] | None) -> str:
    assert found is not None
    return TEXT[found[0] : found[1]].strip()


def test_the_sentence_pointed_at_when_it_writes_the_trigger() -> None:
    found = pointed(TEXT, spans(TEXT), event(4, "open", "A ferry route to Eastport opens."))
    assert sentence_of(found) == "The route will open in May."


def test_a_near_sentence_writing_the_trigger_and_more_of_the_description() -> None:
    # pointed at the dateline; the trigger and the description are two lines down
    described = event(1, "announced", "Ann Lee announced a ferry route to Eastport.")
    found = pointed(TEXT, spans(TEXT), described)
    assert sentence_of(found).startswith("Board chair Ann Lee announced")


def test_a_near_sentence_sharing_more_words_when_the_trigger_is_nowhere() -> None:
    described = event(1, "said", "The harbour board of Westbrook met.")
    assert sentence_of(pointed(TEXT, spans(TEXT), described)).startswith("The harbour board")


def test_no_move_without_a_trigger_or_beyond_two_sentences() -> None:
    sentences = spans(TEXT)
    assert sentence_of(pointed(TEXT, sentences, event(1, None, "Ann Lee announced"))).startswith(
        "Published"
    )
    far = event(6, "announced", "Ann Lee announced a plan.")
    assert sentence_of(pointed(TEXT, sentences, far)).startswith("Tickets")  # three back
    assert pointed(TEXT, sentences, event(9, "met", "The board met.")) is None
