"""A happening told in a clause of its own of a sentence the answer tells (``article.clauses``)."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.article.clauses import _told_of
from extractor.article.document import build_document
from extractor.contract.models import ArticleDocument, ModelEvent
from extractor.dates import resolve_date
from extractor.text.parser import parse_entities
from extractor.validate.document import expected_event_id
from tests.data.review.factory import article_parts, provenance


def _document(
    sentence: str, trigger: str, actors: list[str], rules: bool = True
) -> ArticleDocument:
    text = f"Vale news\n\n{sentence} Nothing else happened.\n"
    parts = article_parts("clause", text, published=dt.date(2031, 3, 7))
    answer = ModelEvent(
        sentence=2, trigger=trigger, description=sentence, actors=actors, tense="past"
    )
    made = provenance().model_copy(update={"small_model_rules": rules})
    return build_document(parts, [answer], made, resolve_date)


@pytest.mark.parametrize("rules", [True, False])
def test_a_clause_with_its_own_named_doer_is_an_event(rules: bool) -> None:
    sentence = (
        "Acme closed its plant in Ostby hours after Borduria's premier Ann Lee raised the"
        " tariff on steel on Tuesday."
    )
    doc = _document(sentence, "closed", ["Acme"], rules)
    by_trigger = {e.trigger.text: e for e in doc.events if e.trigger is not None}
    raised = by_trigger["raised"]
    assert raised.description == "Borduria's premier Ann Lee raised the tariff on steel on Tuesday"
    assert [a.text for a in raised.actors] == ["Ann Lee"]
    assert [doc.text[s.start : s.end] for s in raised.sentences] == [sentence]
    assert raised.when is not None and raised.when.resolution.value == "2031-03-04"
    assert raised.tense == "past"
    assert raised.id == expected_event_id(raised.model_dump(mode="json"), doc.id)
    assert [a.text for a in by_trigger["closed"].actors] == ["Acme"]


@pytest.mark.parametrize(
    ("sentence", "trigger", "actors", "added"),
    [
        ("Tom Berg ran for 200 yards while Bo Nygaard added 90.", "ran", ["Tom Berg"], "added"),
        (
            "The guards drove to Ostby, where Tom Berg took their keys and fled.",
            "drove",
            ["guards"],
            "took",
        ),
        # the answer's event holds the clause's doer already
        (
            "Tom Berg ran for 200 yards while Bo Nygaard added 90.",
            "ran",
            ["Tom Berg", "Bo Nygaard"],
            None,
        ),
        # negated, a statement, a state, or a doer the recogniser does not name
        ("The Jays built a lead that Acme never gave up.", "built", ["Jays"], None),
        ("Ann Lee is in Oslo, but the Vale Herald said her sons left.", "is", ["Ann Lee"], None),
        ("Acme cut jobs after Bolt Cars was sold.", "cut", ["Acme"], None),
        ("Acme cut jobs after the market fell.", "cut", ["Acme"], None),
        # a statement's attribution, and a state of mind
        ("Ann Lee fled after Tom Berg told police.", "fled", ["Ann Lee"], None),
        ("Ann Lee fled, though Tom Berg suspected a trap.", "fled", ["Ann Lee"], None),
        # a clause about a claim, and "did"
        ("Ann Lee denied allegations Acme bribed the mayor.", "denied", ["Ann Lee"], None),
        ("The lease cost less than the last lease Acme did.", "cost", ["lease"], None),
    ],
)
def test_which_clauses_are_events_of_their_own(
    sentence: str, trigger: str, actors: list[str], added: str | None
) -> None:
    doc = _document(sentence, trigger, actors)
    triggers = {e.trigger.text for e in doc.events if e.trigger is not None}
    assert triggers - {trigger} == ({added} if added else set())


def test_a_clause_of_what_a_claim_holds_is_no_happening() -> None:
    doc = parse_entities(
        ["Ann Lee read the claims Acme bribed the mayor and the report Bolt released."]
    )[0]
    verbs = {t.text: t for t in doc}
    claimed, released = verbs["bribed"], verbs["released"]
    assert (claimed.dep_, released.dep_) == ("relcl", "relcl")
    assert _told_of(claimed)  # what the claims hold
    assert not _told_of(released)  # what Bolt did to the report
