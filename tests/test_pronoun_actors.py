"""A pronoun the model gives as an event's actor (extractor.article.event): the name it stands
for, through ``build_document`` with the real parser. Every example is invented."""

from __future__ import annotations

import pytest

from extractor.contract.models import ArticleDocument
from tests.test_setting import _document, _event

TEXT = (
    "Tom Berg, a ferry captain, left Eastport on Monday with two crew members.\n"
    "He sank the old ferry off Lindby on Tuesday.\n"
)


def _actors(doc: ArticleDocument) -> list[list[str]]:
    """The actors of the events at "sank" (the sentence before, a dated happening the answer
    left out, is an event of its own: ``article.untold``)."""
    sank = [e for e in doc.events if e.trigger is not None and e.trigger.text == "sank"]
    return [[a.text for a in e.actors] for e in sank]


@pytest.mark.parametrize(
    ("given", "actors"),
    [
        (["he"], [["Tom Berg"]]),  # the name the pronoun points back at
        (["He", "the old ferry"], [["Tom Berg"]]),  # the ferry: a thing acted upon
        (["she"], [[]]),  # no woman is named before it: no actor, as before
        (["it"], [[]]),  # not a pronoun for one person
    ],
)
def test_a_pronoun_for_one_person_is_the_name_it_stands_for(
    given: list[str], actors: list[list[str]]
) -> None:
    sank = _event(2, "sank", "The old ferry was sunk off Lindby.", actors=given)
    assert _actors(_document(TEXT, sank)) == actors


def test_a_pronoun_standing_for_a_company_is_no_actor() -> None:
    text = "Acme Shipping sold its last ferry on Monday.\nHe sank it off Lindby on Tuesday.\n"
    sank = _event(2, "sank", "The ferry was sunk off Lindby.", actors=["he"])
    assert _actors(_document(text, sank)) == [[]]
