"""The not-an-event fold's rules (``fold.RULES``), one invented example per rule and rows
where none applies."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from extractor.article.fold import RULES, Folded, FoldRule, fold_warning, not_an_event
from extractor.article.ground import exact_span
from extractor.article.grounded import mention
from extractor.article.quotes import find_quotes
from extractor.contract.identity import event_id
from extractor.contract.models import DateResolution, Event, When
from extractor.dates import resolve_date
from extractor.text.parser import parse_entities
from extractor.text.sentences import Quoted, Sentences

if TYPE_CHECKING:
    from spacy.tokens import Token

TEXT = (
    "Ann Lee opened the bridge on Friday. Local residents gathered on the bank. "
    "Crowds marched through Eastport at dusk. "
    "Acme Toys should open a plant in Eastport. Acme Toys will open a shop in Lindby. "
    "Acme Toys is the largest toy maker. Tom Berg said the toll would fall. "
    "Tom Berg spoke at the town hall. "
    "“The old ferry was sold to a museum,” Ann Lee said."
)

# (rule expected to drop the event or None, description, actors, place)
EXAMPLES: list[tuple[str | None, str, list[str], str | None]] = [
    ("names nobody", "Local residents gathered on the bank.", ["local residents"], None),
    # no named actor, but a named place taking part: an event (a riot, a fire, a storm)
    (None, "Crowds marched through Eastport.", ["crowds"], "Eastport"),
    # what ought to or may happen is no event; what is planned is one
    ("possible only", "Acme Toys should open a plant.", ["Acme Toys"], "Eastport"),
    (None, "Acme Toys will open a shop.", ["Acme Toys"], "Lindby"),
    ("background state", "Acme Toys is the largest toy maker.", ["Acme Toys"], None),
    ("plain statement", "Tom Berg said the toll would fall.", ["Tom Berg"], None),
    ("told in a quote", "The old ferry was sold to a museum.", ["Ann Lee"], None),
    (None, "Ann Lee opened the bridge on Friday.", ["Ann Lee"], None),
    # a statement with a place of its own written in the narrative is an event
    (None, "Tom Berg spoke at the town hall.", ["Tom Berg"], "the town hall"),
]


def _event(description: str, actors: list[str], place: str | None, text: str = TEXT) -> Event:
    # the trigger, for the two rows about Acme Toys's plans: "will open", "should open"
    words = description.split()
    planned = text is TEXT and words[:2] == ["Acme", "Toys"]
    return Event(
        id=event_id("a1", description, actors, place, None),
        description=description,
        actors=[mention(text, a) for a in actors],
        place=mention(text, place) if place else None,
        when=None,
        quotes=[],
        unverified_quotes=[],
        trigger=mention(text, " ".join(words[2:4])) if planned else None,
    )


@pytest.mark.parametrize(("rule", "description", "actors", "place"), EXAMPLES)
def test_the_first_rule_that_applies_drops_the_event(
    rule: str | None, description: str, actors: list[str], place: str | None
) -> None:
    quoted = Quoted((q.start, q.end) for q in find_quotes(TEXT))
    found = not_an_event(TEXT, _event(description, actors, place), Sentences(TEXT), quoted)
    assert (found.name if found is not None else None) == rule


def test_every_rule_has_an_example_and_a_distinct_name() -> None:
    names = [rule.name for rule in RULES]
    assert len(set(names)) == len(names)
    shown = {row[0] for row in EXAMPLES} | {row[2] for row in PRESENT_EXAMPLES}
    shown |= {row[2] for row in CREDIT_EXAMPLES}
    assert shown - {None} == set(names)


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_the_warning_gives_the_rule_code_and_reason(rule: FoldRule) -> None:
    took = _event("Ann Lee opened the bridge on Friday.", ["Ann Lee"], None).id
    dropped = _event("Local residents gathered on the bank.", ["local residents"], None)
    warning = fold_warning(dropped, Folded(rule, frozenset({took})))
    assert (warning.code, warning.event_id) == ("W008", took)
    expected = f"'Local residents gathered on the bank.' {rule.reason}: not an event"
    assert warning.message == f"{expected}: its quotes joined {took}"


# The parse of the trigger's sentence read by two rules (invented sentences): the verb done
# whatever the description's words say, and the names the sentence gives its participants.
PARSED = (
    "Acme Toys was nearly sold to a rival in March. "
    "Acme Toys has not got a buyer for Lindby. "
    "Acme Toys has been the largest toy maker. "
    "Acme Toys's workers struck on Monday. "
    "Local workers struck on Tuesday. "
    "Acme Toys has a new owner after the sale of its plant. "
    "The worst week was the one when Acme Toys closed its plant. "
    "The question was whether Acme Toys said no. "
    "The driver hit a lamp post on Monday. "
    "Police arrested two climbers on the ridge. "
    "Drivers hit lamp posts all the time. "
    "Corvexa closed its plant on Monday. "
    "Farmers closed the road on Monday."
)


def _verb(sentence: str, word: str) -> Token:
    [doc] = parse_entities([sentence])
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("sentence", "trigger", "actors", "without", "with_parse"),
    [
        # "was nearly sold": the description's words read as a state, the parse as done
        ("Acme Toys was nearly sold to a rival in March.", "sold", ["Acme Toys"],
         "background state", None),
        # a participle under "not" is not done; "has been" tells a state
        ("Acme Toys has not got a buyer for Lindby.", "got", ["Acme Toys"],
         "background state", "background state"),
        ("Acme Toys has been the largest toy maker.", "been", ["Acme Toys"],
         "background state", "background state"),
        # the actor the model names holds no name, the sentence's participant does
        ("Acme Toys's workers struck on Monday.", "struck", ["workers"], "names nobody", None),
        ("Local workers struck on Tuesday.", "struck", ["local workers"],
         "names nobody", "names nobody"),
        # one person a common noun picks out takes part as a name does; a class does not
        ("The driver hit a lamp post on Monday.", "hit", ["driver"],
         "names nobody", None),
        ("Police arrested two climbers on the ridge.", "arrested", ["police"],
         "names nobody", None),
        ("Drivers hit lamp posts all the time.", "hit", ["drivers"],
         "names nobody", "names nobody"),
        # a name the text writes only to open a sentence, which the recogniser tags
        ("Corvexa closed its plant on Monday.", "closed", ["Corvexa"], "names nobody", None),
        ("Farmers closed the road on Monday.", "closed", ["farmers"],
         "names nobody", "names nobody"),
        # a state by its words, the trigger a simple past: a happening; not one of speech
        ("The worst week was the one when Acme Toys closed its plant.", "closed", ["Acme Toys"],
         "background state", None),
        ("The question was whether Acme Toys said no.", "said", ["Acme Toys"],
         "background state", "background state"),
        # a state by its words, tied by "after" to a happening before it: a change
        ("Acme Toys has a new owner after the sale of its plant.", "has", ["Acme Toys"],
         "background state", None),
    ],
)  # fmt: skip
def test_the_parse_of_the_trigger_decides_where_the_description_misleads(
    sentence: str, trigger: str, actors: list[str], without: str, with_parse: str | None
) -> None:
    event = _event(sentence, actors, None, PARSED)
    quoted = Quoted(())
    sentences = Sentences(PARSED)
    before = not_an_event(PARSED, event, sentences, quoted)
    after = not_an_event(PARSED, event, sentences, quoted, _verb(sentence, trigger))
    assert (before.name if before else None) == without
    assert (after.name if after else None) == with_parse


@pytest.mark.parametrize(
    ("headline", "below", "dropped"),
    [
        # a headline's capitals do not tell its names; the article's sentences do
        ("Rovers Beat Kings In Overtime", "The Vale Rovers beat the Harbour Kings 3-2.", False),
        ("ROVERS BEAT KINGS IN OVERTIME", "The Vale Rovers beat the Harbour Kings 3-2.", False),
        ("NYPD Officer Fires At Car", "An NYPD officer fired at a car on Friday.", False),
        ("Storm Hits Coast Overnight", "A storm hit the coast, and residents lost power.", True),
        # a possessive in the headline, the name below
        ("Lee's Barn Burns Overnight", "A fire burned the barn of Ann Lee on Friday.", False),
    ],
)
def test_a_headline_names_whom_the_article_names(headline: str, below: str, dropped: bool) -> None:
    text = f"{headline}\n\n{below} Crowds gathered on the bank."
    event = _event(headline, ["crowds"], None, text)
    headline_event = event.model_copy(update={"sentences": [exact_span(text, (0, len(headline)))]})
    rule = not_an_event(text, headline_event, Sentences(text), Quoted(()))
    assert (rule.name if rule else None) == ("names nobody" if dropped else None)
    # the same event told in a sentence below the headline is read by its actors alone
    at = text.index("Crowds")
    told_below = event.model_copy(update={"sentences": [exact_span(text, (at, len(text)))]})
    rule = not_an_event(text, told_below, Sentences(text), Quoted(()))
    assert rule is not None and rule.name == "names nobody"


def test_a_participle_with_its_doer_after_by_is_done() -> None:
    # the description says "was nearly shot" (a state by its words: "nearly" between); the
    # sentence "nearly shot by a guard"
    event = _event("Ann Lee was nearly shot by a guard.", ["Ann Lee"], None, PARSED)
    verb = _verb("Ann Lee, nearly shot by a guard, fled.", "shot")
    assert verb.tag_ == "VBN"
    quoted, sentences = Quoted(()), Sentences(PARSED)
    dropped = not_an_event(PARSED, event, sentences, quoted)
    assert dropped is not None and dropped.name == "background state"
    assert not_an_event(PARSED, event, sentences, quoted, verb) is None


def test_told_in_a_quote_is_read_in_the_sentence_the_model_pointed_at() -> None:
    # most of the description's words are in the quoted sentence; the model pointed at the other
    text = "Ann Lee cut the ribbon at the bridge. “Ann Lee opened the new bridge,” her office said."
    description = "Ann Lee opened the new bridge."
    event = _event(description, ["Ann Lee"], None, text)
    quoted = Quoted((q.start, q.end) for q in find_quotes(text))
    sentences = Sentences(text)
    unanchored = not_an_event(text, event, sentences, quoted)
    assert unanchored is not None and unanchored.name == "told in a quote"
    narrative = exact_span(text, (0, text.index(" “")))
    anchored = event.model_copy(update={"sentences": [narrative]})
    assert not_an_event(text, anchored, sentences, quoted) is None
    quote = exact_span(text, (text.index("“"), len(text)))
    pointed_at_the_quote = event.model_copy(update={"sentences": [quote]})
    dropped = not_an_event(text, pointed_at_the_quote, sentences, quoted)
    assert dropped is not None and dropped.name == "told in a quote"


# The simple present, read from the parse of the sentence the model pointed at (invented
# sentences under an invented headline): a state or a habit is no event; a plan, a happening
# with its date, one in progress, speech, a change after a happening and the headline's
# present are left to the other rules.
PRESENT = (
    "Acme Toys opens a store in Lindby\n\n"
    "Acme Toys makes wooden trains in Lindby. The Lindby plant is owned by Acme Toys. "
    "Acme Toys plans to close the plant. The new Acme Toys store opens on Friday. "
    "Acme Toys is opening a store in Lindby. Acme Toys says the plant will close. "
    "The old Acme Toys plant is being sold. "
    "Ana Ruiz leaves Acme Toys after ten years. Acme Toys returns to Lindby after it left in May. "
    "Acme Toys is in talks to buy Bolt Cars. Acme Toys is in ruins."
)
PRESENT_EXAMPLES = [
    ("Acme Toys makes wooden trains in Lindby.", "makes", "present state"),
    ("The Lindby plant is owned by Acme Toys.", "owned", "present state"),
    ("Acme Toys plans to close the plant.", "plans", None),
    ("The new Acme Toys store opens on Friday.", "opens", None),
    ("Acme Toys is opening a store in Lindby.", "opening", None),
    ("The old Acme Toys plant is being sold.", "sold", None),
    ("Acme Toys says the plant will close.", "says", "plain statement"),
    ("Acme Toys opens a store in Lindby", "opens", None),
    ("Ana Ruiz leaves Acme Toys after ten years.", "leaves", None),
    ("Acme Toys returns to Lindby after it left in May.", "returns", None),
    # talk going on is a happening under way; a plural noun for a state is no talk
    ("Acme Toys is in talks to buy Bolt Cars.", "is", None),
    ("Acme Toys is in ruins.", "is", "background state"),
]


def _dated(event: Event, expression: str) -> Event:
    start = PRESENT.index(expression)
    resolution = DateResolution(
        value="2024-03-08",
        start=None,
        end=None,
        granularity="day",
        anchor=dt.date(2024, 3, 8),
        status="resolved",
        reason=None,
    )
    when = When(
        expression=expression,
        tense=None,
        span=exact_span(PRESENT, (start, start + len(expression))),
        grounded=True,
        resolution=resolution,
    )
    return event.model_copy(update={"when": when})


@pytest.mark.parametrize(("sentence", "trigger", "rule"), PRESENT_EXAMPLES)
def test_a_state_in_the_present_is_read_from_the_parse(
    sentence: str, trigger: str, rule: str | None
) -> None:
    start = PRESENT.index(sentence)
    told = exact_span(PRESENT, (start, start + len(sentence)))
    event = _event(sentence, ["Acme Toys"], None, PRESENT).model_copy(update={"sentences": [told]})
    if "on Friday" in sentence:
        event = _dated(event, "on Friday")
    verb = _verb(sentence, trigger)
    found = not_an_event(PRESENT, event, Sentences(PRESENT), Quoted(()), verb)
    assert (found.name if found is not None else None) == rule
    # without the parse, the description's words alone find no state in these
    if rule in {"present state", None}:
        assert not_an_event(PRESENT, event, Sentences(PRESENT), Quoted(())) is None


@pytest.mark.parametrize(
    ("sentence", "expression", "rule"),
    [
        # a recurring time tells a habit, no date of a happening
        ("The Acme Toys outlet opens every Friday.", "every Friday", "present state"),
        (
            "The Acme Toys outlet opens on the first Friday of each month.",
            "Friday",
            "present state",
        ),
        # one date: a happening
        ("The Acme Toys outlet opens on Friday.", "on Friday", None),
    ],
)
def test_a_habit_on_a_recurring_day_is_a_state_in_the_present(
    sentence: str, expression: str, rule: str | None
) -> None:
    text = f"Acme Toys opens a store in Lindby\n\n{sentence}"
    start = text.index(sentence)
    at = text.index(expression)
    when = When(
        expression=expression,
        tense=None,
        span=exact_span(text, (at, at + len(expression))),
        grounded=True,
        resolution=resolve_date(expression, dt.date(2024, 3, 6), context=sentence),
    )
    event = _event(sentence, ["Acme Toys"], None, text).model_copy(
        update={"sentences": [exact_span(text, (start, start + len(sentence)))], "when": when}
    )
    found = not_an_event(text, event, Sentences(text), Quoted(()), _verb(sentence, "opens"))
    assert (found.name if found is not None else None) == rule


@pytest.mark.parametrize(
    ("first", "actor", "dropped"),
    [
        # a name written only where sentences open, which the recogniser tags where it is written
        ("Corvexa opened a plant in Lindby in May.", "Corvexa", False),
        # a class the recogniser tags as no one, wherever it is written
        ("Farmers blocked the road to Lindby in May.", "Farmers", True),
    ],
)
def test_the_recogniser_is_asked_where_the_actor_is_written(
    first: str, actor: str, dropped: bool
) -> None:
    told = "The firm said it has closed the plant."
    text = f"{first} {told}"
    event = _event("Corvexa has closed the plant.", [], None, text)
    event = event.model_copy(
        update={
            "actors": [mention(text, actor)],
            "sentences": [exact_span(text, (text.index(told), len(text)))],
        }
    )
    verb = _verb(told, "closed")
    sentences, quoted = Sentences(text), Quoted(())
    without = not_an_event(text, event, sentences, quoted, verb)
    assert without is not None and without.name == "names nobody"
    rule = not_an_event(text, event, sentences, quoted, verb, parse_entities)
    assert (rule.name if rule else None) == ("names nobody" if dropped else None)


# The article's credit lines, under invented sentences: who made the article is no news.
CREDITED = (
    "Acme Toys closed its Lindby plant on Friday. Ann Lee contributed 11 points to the win. "
    "Tom Berg contributed reporting to this article.\n\n"
    "Reporting by Ann Lee; editing by Tom Berg"
)
CREDIT_EXAMPLES = [
    ("Tom Berg contributed reporting to this article.", ["Tom Berg"], "credit line"),
    ("Reporting by Ann Lee; editing by Tom Berg", ["Ann Lee"], "credit line"),
    ("Ann Lee contributed 11 points to the win.", ["Ann Lee"], None),
]


@pytest.mark.parametrize(("sentence", "actors", "rule"), CREDIT_EXAMPLES)
def test_a_credit_line_of_the_article_is_no_event(
    sentence: str, actors: list[str], rule: str | None
) -> None:
    start = CREDITED.index(sentence)
    told = exact_span(CREDITED, (start, start + len(sentence)))
    event = _event(sentence, actors, None, CREDITED).model_copy(update={"sentences": [told]})
    quoted = Quoted((q.start, q.end) for q in find_quotes(CREDITED))
    found = not_an_event(CREDITED, event, Sentences(CREDITED), quoted)
    assert (found.name if found is not None else None) == rule
