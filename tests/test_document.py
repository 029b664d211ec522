from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from extractor.article.document import build_document
from extractor.article.parts import ArticleParts
from extractor.article.quotes import FoundQuote, find_quotes
from extractor.contract.identity import event_id
from extractor.contract.models import (
    ArticleDocument,
    DateResolution,
    Event,
    ModelEvent,
    PublicationDate,
    Quote,
    SourceInfo,
)
from extractor.dates import resolve_date
from extractor.validate.document import expected_event_id
from tests.data.review.factory import provenance

TEXT = (
    "Okoro: Norvia must prove itself\n"
    "On Thursday, Trade Minister Sam Okoro spoke in Vienna.\n"
    "Okoro said that Norvia must “respect global trade rules just as we ask every honest "
    "partner across this continent to do.”\n"
)
PUBLISHED = dt.date(2017, 2, 16)
# The description of the events of most tests: it retells the second line, "On Thursday" and all.
DESCRIPTION = "Sam Okoro spoke in Vienna on Thursday."


def _parts(published: dt.date | None = PUBLISHED) -> ArticleParts:
    return ArticleParts(
        id="003",
        source=SourceInfo(
            path="seeds/003.txt", url=None, title=None, source=None, input_sha256="0" * 64
        ),
        title=None,
        published=PublicationDate(
            value=published, source="text" if published else "none", evidence=None
        ),
        text=TEXT,
        text_sha256="1" * 64,
        removed=[],
    )


calls: list[dict[str, Any]] = []


def resolver(
    expression: str,
    published: dt.date | None,
    *,
    context: str | None,
    tense: str | None,
    preceding: str | None,
) -> DateResolution:
    calls.append({"expression": expression, "context": context, "tense": tense})
    assert preceding is not None and preceding.endswith("Okoro: Norvia must prove itself\n")
    if published is None:
        return DateResolution(
            value=None,
            start=None,
            end=None,
            granularity=None,
            anchor=None,
            status="unresolved",
            reason="no publication date",
        )
    return DateResolution(
        value=published.isoformat(),
        start=published,
        end=published,
        granularity="day",
        anchor=published,
        status="resolved",
        reason=None,
    )


def _event(**changes: Any) -> ModelEvent:
    base: dict[str, Any] = {
        "description": DESCRIPTION,
        "actors": ["Sam Okoro", "Norvia", "sam okoro"],
        "place": "Vienna",
        "when": "On Thursday",
        "tense": "past",
        "statements": [
            {
                "speaker": "Okoro",
                "text": "respect global trade rules just as we ask every honest partner "
                "across this continent to do.",
                "kind": "direct",
            },
            {"speaker": "Okoro", "text": "We shall not abandon Norvia", "kind": "direct"},
            {"speaker": "Okoro", "text": "Norvia must follow the law", "kind": "indirect"},
        ],
    }
    base.update(changes)
    return ModelEvent.model_validate(base)


def test_grounded_and_unverified_quotes_are_kept_apart() -> None:
    doc = build_document(_parts(), [_event()], provenance(), resolver)
    [event] = doc.events
    direct = [q for q in event.quotes if q.kind == "direct"]
    assert [q.text for q in direct] == [
        "respect global trade rules just as we ask every honest partner across this continent to do"
    ]
    assert all(q.grounded and q.span is not None for q in direct)
    assert all(TEXT[q.span.start : q.span.end] == q.text for q in direct if q.span)
    [unverified] = event.unverified_quotes
    assert unverified.text == "We shall not abandon Norvia"
    assert not unverified.grounded and unverified.span is None
    assert [w.code for w in doc.warnings] == ["W001"]
    assert doc.warnings[0].event_id == event.id


def test_actors_are_deduplicated_and_located() -> None:
    doc = build_document(_parts(), [_event()], provenance(), resolver)
    [event] = doc.events
    assert [a.text for a in event.actors] == ["Sam Okoro", "Norvia"]
    assert all(a.grounded for a in event.actors)
    assert event.place is not None and event.place.span is not None
    assert TEXT[event.place.span.start : event.place.span.end] == "Vienna"


def test_date_is_resolved_by_code_with_its_sentence_as_context() -> None:
    calls.clear()
    doc = build_document(_parts(), [_event()], provenance(), resolver)
    when = doc.events[0].when
    assert when is not None and when.grounded
    assert when.resolution.value == "2017-02-16"
    assert calls == [
        {
            "expression": "On Thursday",
            "context": "On Thursday, Trade Minister Sam Okoro spoke in Vienna.",
            "tense": "past",
        }
    ]


def test_a_date_not_in_the_text_is_not_resolved() -> None:
    doc = build_document(_parts(), [_event(when="Last Tuesday")], provenance(), resolver)
    when = doc.events[0].when
    assert when is not None and not when.grounded
    assert when.resolution.status == "unresolved"
    assert "W003" in [w.code for w in doc.warnings]


def test_no_publication_date_is_warned_and_dates_stay_unresolved() -> None:
    doc = build_document(_parts(published=None), [_event()], provenance(), resolver)
    assert doc.events[0].when is not None
    assert doc.events[0].when.resolution.status == "unresolved"
    codes = [w.code for w in doc.warnings]
    assert "W005" in codes and "W002" in codes


def test_event_id_is_stable_and_duplicates_merge() -> None:
    first = build_document(_parts(), [_event(), _event()], provenance(), resolver)
    assert len(first.events) == 1
    event = first.events[0]
    assert event.id == event_id(
        "003", event.description, [a.text for a in event.actors], "Vienna", "On Thursday"
    )
    again = build_document(_parts(), [_event()], provenance(), resolver)
    assert again.events[0].id == event.id


def test_events_are_ordered_by_position_in_the_text() -> None:
    late = _event(description="Late", actors=["Sam Okoro"], when=None, statements=[])
    early = _event(description="Early", actors=["Norvia"], place=None, when=None, statements=[])
    doc = build_document(_parts(), [late, early], provenance(), resolver)
    assert [e.description for e in doc.events] == ["Early", "Late"]
    swapped = build_document(_parts(), [early, late], provenance(), resolver)
    assert swapped == doc


def _found() -> list[FoundQuote]:
    return find_quotes(TEXT)


def test_with_the_finder_a_direct_quote_is_the_finders_span() -> None:
    paraphrase = {
        "speaker": "Okoro",
        "text": "global trade rules just as we ask every honest partner",
        "kind": "direct",
    }
    event = _event(statements=[paraphrase])
    doc = build_document(_parts(), [event], provenance(), resolver, _found())
    [quote] = doc.events[0].quotes
    [span] = _found()
    assert quote.text == span.text and quote.grounded and quote.kind == "direct"
    assert quote.span is not None and TEXT[quote.span.start : quote.span.end] == quote.text
    assert quote.model_text == paraphrase["text"]
    assert quote.speaker.text == "Okoro"
    assert doc.events[0].unverified_quotes == []


def test_with_the_finder_a_direct_statement_outside_quotation_marks_is_indirect() -> None:
    statement = {"speaker": "Sam Okoro", "text": "spoke in Vienna", "kind": "direct"}
    doc = build_document(
        _parts(), [_event(statements=[statement])], provenance(), resolver, _found()
    )
    quotes = doc.events[0].quotes
    kinds = sorted((q.kind, q.text) for q in quotes)
    assert ("indirect", "spoke in Vienna") in kinds
    # the quoted span the model left out is still stored, with the rule's speaker
    [direct] = [q for q in quotes if q.kind == "direct"]
    assert direct.text.startswith("respect global trade rules")
    assert direct.speaker.text == "Okoro"


def test_with_the_finder_an_invented_quote_stays_unverified() -> None:
    statement = {"speaker": "Okoro", "text": "We shall not abandon Norvia", "kind": "direct"}
    doc = build_document(
        _parts(), [_event(statements=[statement])], provenance(), resolver, _found()
    )
    [unverified] = doc.events[0].unverified_quotes
    assert unverified.text == "We shall not abandon Norvia"
    assert "W001" in [w.code for w in doc.warnings]


def test_with_the_finder_quotes_are_stored_apart_without_events() -> None:
    doc = build_document(_parts(), [], provenance(), resolver, _found())
    assert doc.events == []  # no event is made up to hold them
    [quote] = doc.quotes
    assert quote.speaker.text == "Okoro" and quote.grounded


def test_with_the_finder_a_quote_without_speaker_is_warned() -> None:
    text = "The plan is “a work in progress” for now.\n"
    parts = _parts()
    parts = ArticleParts(**{**parts.__dict__, "text": text})
    doc = build_document(parts, [], provenance(), resolver, find_quotes(text))
    assert [q.speaker.text for q in doc.quotes] == [""]
    assert [(w.code, w.event_id) for w in doc.warnings] == [("W006", None)]


def test_a_date_found_only_as_the_dateline_is_not_the_events_date() -> None:
    text = "Okoro: Norvia must prove itself\nOn Thursday, Sam Okoro spoke.\nFebruary 16, 2017\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    met = "Sam Okoro met Norvia's envoy."
    dateline = _event(when="February 16, 2017", statements=[], description=met)
    in_text = _event(when="On Thursday", statements=[], description="Spoke")
    # the dateline with a preposition the model wrote before it, in another case
    written = _event(when="on FEBRUARY 16, 2017", statements=[], description="Okoro left.")
    doc = build_document(parts, [dateline, in_text, written], provenance(), resolver)
    whens = {e.description: e.when for e in doc.events}
    assert whens[met] is None
    assert whens["Okoro left."] is None
    assert whens["Spoke"] is not None and whens["Spoke"].expression == "On Thursday"
    # the id is computed from what is stored, so `extractor validate` finds it right
    for event in doc.events:
        node = event.model_dump(mode="json")
        assert expected_event_id(node, doc.id) == event.id


@pytest.mark.parametrize(
    ("sentence", "given", "stored", "grounded"),
    [
        # the text writes the date without the model's "on" / "in": its own words are the date
        ("Sam Okoro met Lee Park Thursday in Vienna.", "on Thursday", "Thursday", True),
        ("Sam Okoro sang songs of the 1990s in Vienna.", "in the 1990s", "the 1990s", True),
        # as the text writes it, whatever the model's case
        ("Earlier, Sam Okoro met Lee Park in Vienna.", "on earlier", "Earlier", True),
        ("Sam Okoro met Lee Park Thursday in Vienna.", "on thursday", "Thursday", True),
        # a preposition that moves the date is never dropped: the model's date stays unfound
        ("Sam Okoro met Lee Park Thursday in Vienna.", "since Thursday", "since Thursday", False),
        # only a whole word: "May" is no part of "Mayor"
        ("Mayor Sam Okoro met Lee Park in Vienna.", "in May", "in May", False),
    ],
)
def test_a_date_written_without_the_models_preposition_is_found(
    sentence: str, given: str, stored: str, grounded: bool
) -> None:
    text = f"Okoro: Norvia must prove itself\n{sentence}\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    event = _event(when=given, statements=[], description=sentence, place=None)
    [built] = build_document(parts, [event], provenance(), resolve_date).events
    assert built.when is not None
    assert (built.when.expression, built.when.grounded) == (stored, grounded)
    if grounded:
        assert built.when.span is not None and text[built.when.span.start :].startswith(stored)


def test_the_same_quoted_span_twice_in_an_event_is_kept_once() -> None:
    statement = {"speaker": "Okoro", "text": "respect global trade rules", "kind": "direct"}
    doc = build_document(
        _parts(), [_event(statements=[statement, statement])], provenance(), resolver, _found()
    )
    assert len(doc.events[0].quotes) == 1


def test_with_the_finder_an_apposition_is_cut_from_the_speaker() -> None:
    statement = {
        "speaker": "Sam Okoro, the trade minister",
        "text": "respect global trade rules",
        "kind": "direct",
    }
    doc = build_document(
        _parts(), [_event(statements=[statement])], provenance(), resolver, _found()
    )
    assert [q.speaker.text for q in _quotes(doc)] == ["Sam Okoro"]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Ivan Petrov", "Okoro"),  # the sentence says "Okoro said": it wins
        ("Sam Okoro", "Sam Okoro"),  # a fuller form of the sentence's name is kept
        ("Secretary Okoro", "Secretary Okoro"),
        ("Okoroson", "Okoro"),  # whole words only
    ],
)
def test_with_the_finder_the_sentences_speaker_wins_over_the_models(
    given: str, stored: str
) -> None:
    statement = {"speaker": given, "text": "respect global trade rules", "kind": "direct"}
    doc = build_document(
        _parts(), [_event(statements=[statement])], provenance(), resolver, _found()
    )
    assert [q.speaker.text for q in _quotes(doc)] == [stored]


def _quotes(doc: ArticleDocument) -> list[Quote]:
    """Every quote of ``doc``: its events', then those it stores apart."""
    return [q for e in doc.events for q in e.quotes if q.kind == "direct"] + doc.quotes


def _with_finder(text: str, statement: dict[str, str]) -> ArticleDocument:
    """The document of ``text`` for one undated event holding ``statement``, with the finder."""
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    event = _event(when=None, statements=[statement])
    return build_document(parts, [event], provenance(), resolver, find_quotes(text))


def test_with_the_finder_the_models_speaker_stands_where_the_sentence_names_none() -> None:
    statement = {"speaker": "Sam Okoro", "text": "a work in progress", "kind": "direct"}
    doc = _with_finder("The plan remains “a work in progress” for now.\n", statement)
    assert [q.speaker.text for q in _quotes(doc)] == ["Sam Okoro"]


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # "he" is the senator named in the sentence before, not the model's earlier speaker
        (
            "“It failed,” Quist said.\nTom Hill was unhappy.\n“We were close,” he said.\n",
            "Tom Hill",
        ),
        # a quote standing alone right after another continues it
        ("“It failed,” said Tom Hill.\n“We were close.”\n", "Tom Hill"),
    ],
)
def test_with_the_finder_the_texts_speaker_for_a_pronoun_wins_over_the_models(
    text: str, stored: str
) -> None:
    statement = {"speaker": "Quist", "text": "We were close", "kind": "direct"}
    doc = _with_finder(text, statement)
    speakers = {q.text.rstrip(",."): q.speaker.text for q in _quotes(doc)}
    assert speakers["We were close"] == stored


def test_placeholders_are_no_value() -> None:
    event = _event(actors=["Sam Okoro", "Unknown"], place="N/A", when="not specified.")
    doc = build_document(_parts(), [event], provenance(), resolve_date)
    [stored] = doc.events
    assert [a.text for a in stored.actors] == ["Sam Okoro"]
    assert stored.place is None and stored.when is None
    assert stored.id == event_id("003", stored.description, ["Sam Okoro"], None, None)
    assert "W007" not in [w.code for w in doc.warnings]


def test_a_when_that_is_no_date_is_dropped_with_a_warning() -> None:
    doc = build_document(
        _parts(), [_event(when="said"), _event(when="said")], provenance(), resolve_date
    )
    [stored] = doc.events
    assert stored.when is None
    assert stored.id == event_id(
        "003", stored.description, [a.text for a in stored.actors], "Vienna", None
    )
    dropped = [w for w in doc.warnings if w.code == "W007"]
    assert [(w.event_id, w.message) for w in dropped] == [
        (stored.id, "the model's date 'said' is not a date expression: dropped")
    ]


def test_a_real_date_is_kept_by_the_real_resolver() -> None:
    doc = build_document(_parts(), [_event()], provenance(), resolve_date)
    when = doc.events[0].when
    assert when is not None and when.resolution.value == "2017-02-16"
    assert "W007" not in [w.code for w in doc.warnings]


def test_a_when_that_is_no_date_is_dropped_even_when_not_in_the_text() -> None:
    doc = build_document(_parts(), [_event(when="in the conference")], provenance(), resolver)
    assert doc.events[0].when is None
    assert [w.code for w in doc.warnings if w.code in ("W003", "W007")] == ["W007"]


def test_the_same_event_told_twice_with_another_place_is_one_event() -> None:
    # overlapping chunks: the model reports the sentence again, placed differently
    first = _event(statements=[])
    again = _event(description="Sam Okoro spoke in Vienna on that Thursday.", place=None)
    doc = build_document(_parts(), [first, again], provenance(), resolver)
    [stored] = doc.events
    assert stored.description == first.description and stored.place is not None
    alone = build_document(_parts(), [again], provenance(), resolver).events[0]
    assert stored.quotes == alone.quotes != []  # the second telling's quotes are kept


@pytest.mark.parametrize(
    "other",
    [
        {"when": None, "description": "Norvia signed a treaty with Okoro in Vienna."},
        # no shared actor
        {"actors": ["NATO"], "description": "NATO signed a decree.", "when": None},
    ],
)
def test_events_unlike_each_other_stay_apart(other: dict[str, Any]) -> None:
    doc = build_document(
        _parts(), [_event(), _event(statements=[], **other)], provenance(), resolver
    )
    assert len(doc.events) == 2


def test_a_pronoun_is_no_actor() -> None:
    doc = build_document(_parts(), [_event(actors=["He", "Norvia"])], provenance(), resolver)
    assert [a.text for a in doc.events[0].actors] == ["Norvia"]


def test_a_warning_of_a_retelling_names_the_event_it_was_merged_into() -> None:
    first = _event(statements=[])
    again = _event(description="Sam Okoro spoke in Vienna on that Thursday.", when="said")
    doc = build_document(_parts(), [first, again], provenance(), resolve_date)
    [stored] = doc.events
    dropped = [w for w in doc.warnings if w.code == "W007"]
    assert dropped and all(w.event_id == stored.id for w in dropped)


def _arrival(**changes: Any) -> ModelEvent:
    fields: dict[str, Any] = {
        "description": "Okoro arrived in Vienna.",
        "actors": ["Sam Okoro"],
        "statements": [],
    }
    return _event(**{**fields, **changes})


def test_a_plain_statement_is_no_event_and_its_quotes_join_the_speakers_event() -> None:
    statement = _event(place=None, when=None)  # "Okoro said …", with three statements
    doc = build_document(_parts(), [statement, _arrival()], provenance(), resolver)
    [arrival] = doc.events
    assert arrival.description == "Okoro arrived in Vienna."
    alone = build_document(_parts(), [statement], provenance(), resolver)
    # alone, the statement (placed by its first mention, in the headline) is too far from its
    # quote to hold it: the quote is stored apart
    assert arrival.quotes == [*alone.events[0].quotes, *alone.quotes] != []
    assert arrival.unverified_quotes == alone.events[0].unverified_quotes != []
    [folded] = [w for w in doc.warnings if w.code == "W008"]
    assert folded.event_id == arrival.id
    assert "is a plain statement: not an event" in folded.message


def test_without_the_small_model_rules_a_plain_statement_stays_an_event() -> None:
    statement = _event(place=None, when=None)
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(_parts(), [statement, _arrival()], made, resolver)
    assert len(doc.events) == 2
    assert "W008" not in [w.code for w in doc.warnings]
    assert doc.provenance.small_model_rules is False


def test_a_statement_with_its_own_date_or_place_is_an_event() -> None:
    for changes in ({"place": None}, {"when": None}):
        doc = build_document(_parts(), [_event(**changes), _arrival()], provenance(), resolver)
        assert len(doc.events) == 2
        assert "W008" not in [w.code for w in doc.warnings]


def test_a_statement_dated_by_words_not_in_the_text_is_plain() -> None:
    # the model's date is nowhere in the article: it gives the statement no occasion
    statement = _event(place=None, when="on February 16, 2017")
    doc = build_document(_parts(), [statement, _arrival()], provenance(), resolver)
    assert [e.description for e in doc.events] == ["Okoro arrived in Vienna."]
    [folded] = [w for w in doc.warnings if w.code == "W008"]
    assert "is a plain statement" in folded.message


def _ruiz(line: str) -> ArticleParts:
    text = f"Acme to close a plant\n{line}\nBolt Cars opened a plant in Texas.\n"
    return ArticleParts(**{**_parts().__dict__, "text": text})


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Acme chief Ana Ruiz said the plant “will close in Ohio by May.”", False),
        ("In Ohio, Acme chief Ana Ruiz said the plant “will close by May.”", True),
    ],
)
def test_a_place_only_inside_the_quote_is_no_occasion(line: str, kept: bool) -> None:
    said = _event(
        description="Ana Ruiz said the plant will close.",
        actors=["Ana Ruiz"],
        place="Ohio",
        when=None,
        statements=[],
    )
    opened = _event(
        description="Bolt Cars opened a plant.", actors=["Bolt Cars"], place=None, when=None
    )
    doc = build_document(_ruiz(line), [said, opened], provenance(), resolver)
    assert ("Ana Ruiz said the plant will close." in [e.description for e in doc.events]) is kept


def test_a_background_state_is_no_event_even_with_a_date() -> None:
    state = _arrival(description="Okoro is the Trade Minister.", place=None)
    doc = build_document(_parts(), [state, _arrival()], provenance(), resolver)
    assert [e.description for e in doc.events] == ["Okoro arrived in Vienna."]
    [folded] = [w for w in doc.warnings if w.code == "W008"]
    assert folded.event_id is None  # it held no quote
    assert "is a background state" in folded.message


@pytest.mark.parametrize(("sentence", "kept"), [(2, True), (None, False)])
def test_a_state_by_its_words_is_an_event_when_the_parse_shows_it_done(
    sentence: int | None, kept: bool
) -> None:
    # "was nearly sold": the description's first verb reads as a state; the trigger's
    # verb in the sentence pointed at is a participle after "was" (no sentence: no parse)
    text = "Acme to close a plant\nAcme Toys was nearly sold to Bolt Cars.\nBolt Cars left.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    sold = _event(
        description="Acme Toys was nearly sold to Bolt Cars.",
        actors=["Acme Toys"],
        place=None,
        when=None,
        statements=[],
        sentence=sentence,
        trigger="sold",
    )
    left = _event(description="Bolt Cars left.", actors=["Bolt Cars"], place=None, when=None)
    doc = build_document(parts, [sold, left], provenance(), resolver)
    assert (
        "Acme Toys was nearly sold to Bolt Cars." in [e.description for e in doc.events]
    ) is kept


def test_when_every_event_is_a_statement_all_are_kept() -> None:
    doc = build_document(_parts(), [_event(place=None, when=None)], provenance(), resolver)
    assert len(doc.events) == 1 and doc.events[0].quotes
    assert "W008" not in [w.code for w in doc.warnings]


def test_a_warning_about_a_dropped_statement_names_the_event_that_took_its_quotes() -> None:
    statement = _event(place=None, when="said")  # W007 for the date, then folded
    doc = build_document(_parts(), [statement, _arrival()], provenance(), resolve_date)
    [arrival] = doc.events
    assert {w.code: w.event_id for w in doc.warnings if w.code in ("W007", "W008")} == {
        "W007": arrival.id,
        "W008": arrival.id,
    }


def test_a_date_the_events_sentence_refers_back_to_is_kept_with_its_span_there() -> None:
    # the event retells the third line, which writes no date; "On Thursday" is in the second
    told = "Okoro said that Norvia must respect global trade rules."
    doc = build_document(_parts(), [_event(description=told)], provenance(), resolver)
    [event] = doc.events
    assert event.when is not None and event.when.span is not None
    assert event.when.span.start == TEXT.index("On Thursday")
    assert "W009" not in [w.code for w in doc.warnings]


def _bolts(doc: ArticleDocument) -> Event:
    """The one event of Bolt Cars (a dated happening the answer left out, such as "On
    Monday, Acme opened a plant", is an event of its own: ``article.untold``)."""
    [event] = [e for e in doc.events if e.actors and e.actors[0].text == "Bolt Cars"]
    return event


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # a later date stands between
        (
            "On Monday, Acme opened a plant in Ohio.\nOn Tuesday, Acme met the union.\n"
            "Bolt Cars closed its plant.\n",
            None,
        ),
        # three sentences back
        (
            "On Monday, Acme opened a plant in Ohio.\nThe plant cost a lot.\n"
            "It employs many people.\nBolt Cars closed its plant.\n",
            None,
        ),
        # the event's sentence has its own date: that one is taken
        (
            "On Monday, Acme opened a plant in Ohio.\nBolt Cars closed its plant on Friday.\n",
            "Friday",
        ),
        # after the event's sentence: nothing refers forward
        ("Bolt Cars closed its plant.\nOn Monday, Acme opened a plant in Ohio.\n", None),
        # the event's sentence counts on from that date: its own date, that count
        (
            "On Monday, Acme opened a plant in Ohio.\nBolt Cars closed its plant two days later.\n",
            "two days later",
        ),
    ],
)
def test_a_date_from_another_sentence_than_the_events_own_is_dropped(
    text: str, written: str | None
) -> None:
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    number = 1 + [line.startswith("Bolt") for line in text.splitlines()].index(True)
    closed = _event(
        description="Bolt Cars closed its plant.",
        actors=["Bolt Cars"],
        place=None,
        when="On Monday",
        sentence=number,
        trigger="closed",
    )
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [closed], made, resolve_date)
    event = _bolts(doc)
    assert (event.when.expression if event.when else None) == written
    [elsewhere] = [w for w in doc.warnings if w.code == "W009"]
    assert elsewhere.event_id == event.id
    assert elsewhere.message == (
        "the model's date 'On Monday' is not in the event's own sentence: dropped"
    )


def test_a_count_from_the_date_before_is_the_events_own_date() -> None:
    text = "On March 3, 2031, Acme opened a plant.\nA week later, Bolt Cars closed its plant.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    closed = _event(
        description="Bolt Cars closed its plant.",
        actors=["Bolt Cars"],
        place=None,
        when="March 3, 2031",  # the model's date of the sentence before
        sentence=2,
        trigger="closed",
    )
    doc = build_document(parts, [closed], provenance(), resolve_date)
    event = _bolts(doc)
    assert event.when is not None and event.when.expression == "A week later"
    assert event.when.resolution.value == "2031-03-10"


def test_a_date_written_twice_is_taken_from_the_events_own_sentence() -> None:
    text = "On Monday, Acme opened a plant in Ohio.\nOn Monday, Bolt Cars closed its plant.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    closed = _event(
        description="Bolt Cars closed its plant.", actors=["Bolt Cars"], when="On Monday"
    )
    doc = build_document(parts, [closed], provenance(), resolve_date)
    when = _bolts(doc).when
    assert when is not None and when.span is not None
    assert when.span.start == text.index("On Monday, Bolt")


def test_a_date_stays_when_no_sentence_is_retold() -> None:
    unlike = _event(description="Talks between the allies went on.", place=None)
    doc = build_document(_parts(), [unlike], provenance(), resolver)
    when = doc.events[0].when
    assert when is not None and when.expression == "On Thursday"
    assert "W009" not in [w.code for w in doc.warnings]


@pytest.mark.parametrize(
    ("actors", "kept"),
    [
        (["industry experts"], False),
        (["People"], False),  # capitalised only where a sentence opens
        ([], False),
        (["Norvia"], True),  # a capital mid-sentence in the text
        (["NATO allies"], True),  # a capital inside the word
        (["eBay"], True),
        (["Ivan Petrov"], True),  # two capitalised words
    ],
)
def test_an_event_without_a_named_participant_is_no_event(actors: list[str], kept: bool) -> None:
    other = _arrival(description="Talks between the allies went on.", actors=actors, place=None)
    doc = build_document(_parts(), [_arrival(), other], provenance(), resolver)
    assert len(doc.events) == (2 if kept else 1)
    folded = [w.message for w in doc.warnings if w.code == "W008"]
    assert folded == (
        [] if kept else ["'Talks between the allies went on.' names no participant: not an event"]
    )


def test_an_event_with_no_named_actor_but_a_named_place_is_kept() -> None:
    riot = _arrival(description="Crowds rioted in Vienna.", actors=["crowds"], place="Vienna")
    doc = build_document(_parts(), [_arrival(), riot], provenance(), resolver)
    assert "Crowds rioted in Vienna." in [e.description for e in doc.events]
    assert not [w for w in doc.warnings if w.code == "W008"]


@pytest.mark.parametrize(
    ("first", "again", "events"),
    [
        ("Sam Okoro met Norvia in Vienna.", "Sam Okoro met Norvia in Vienna on a visit.", 1),
        ("Sam Okoro met Norvia on a visit to Vienna.", "Sam Okoro met Norvia.", 1),
        ("Okoro met.", "Okoro met Norvia in Vienna.", 2),  # too few words to tell
    ],
)
def test_a_retelling_whose_words_all_are_in_the_other_is_one_event(
    first: str, again: str, events: int
) -> None:
    told = [_arrival(description=d, place=None) for d in (first, again)]
    doc = build_document(_parts(), told, provenance(), resolver)
    descriptions = [e.description for e in doc.events]
    assert len(descriptions) == events and first in descriptions  # merged into the first


def test_an_event_told_only_inside_a_quote_is_no_event() -> None:
    # line 3 quotes Okoro: "respect global trade rules just as … honest partner …"
    quoted = _arrival(
        description="Norvia must respect global trade rules like every honest partner."
    )
    doc = build_document(_parts(), [_arrival(), quoted], provenance(), resolver)
    assert [e.description for e in doc.events] == ["Okoro arrived in Vienna."]
    [folded] = [w.message for w in doc.warnings if w.code == "W008"]
    assert folded.endswith("is told only inside a quote: not an event")


def test_a_statement_retelling_its_quote_keeps_the_statement_rule() -> None:
    said = _arrival(description="Okoro said Norvia must respect global trade rules.")
    doc = build_document(_parts(), [_arrival(), said], provenance(), resolver)
    assert len(doc.events) == 2  # a statement with a place of its own is an event


def test_a_quote_held_by_two_events_is_held_by_one_in_the_fullest_form_of_its_speaker() -> None:
    def holding(speaker: str, **changes: Any) -> ModelEvent:
        statement = {"speaker": speaker, "text": "respect global trade rules", "kind": "direct"}
        return _arrival(statements=[statement], **changes)

    # the sentence says "Okoro said": the model's "Sam Okoro" is a fuller form, "Petrov" is not
    told = [holding("Sam Okoro"), holding("Petrov", description="Okoro met allies.")]
    doc = build_document(_parts(), told, provenance(), resolver, _found())
    assert len(doc.events) == 2
    assert [q.speaker.text for e in doc.events for q in e.quotes] == ["Sam Okoro"]
    assert doc.quotes == []


def test_a_quote_joins_the_event_its_speaker_leads_not_one_that_only_names_him() -> None:
    text = (
        "Ann Lee accused Tom Berg of idle talk.\n"
        "“We will not stop the port,” Berg said.\n"
        "Tom Berg spoke to reporters in Oslo on Monday.\n"
    )
    parts = ArticleParts(**{**_parts().__dict__, "text": text})

    def told(number: int, description: str, actors: list[str], trigger: str) -> ModelEvent:
        return ModelEvent(
            description=description,
            actors=actors,
            place=None,
            when=None,
            tense="past",
            sentence=number,
            trigger=trigger,
        )

    # both are told next to the quote; the one Berg leads takes it
    spoke = told(3, "Tom Berg spoke to reporters.", ["Tom Berg"], "spoke")
    accused = told(1, "Tom Berg was accused of idle talk.", ["Tom Berg", "Ann Lee"], "accused")
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [spoke, accused], made, resolve_date, find_quotes(text))
    by_trigger = {e.trigger.text if e.trigger else "": e for e in doc.events}
    assert [a.text for a in by_trigger["accused"].actors] == ["Ann Lee", "Tom Berg"]  # the agent
    assert [q.text for q in by_trigger["spoke"].quotes] == ["We will not stop the port,"]
    assert by_trigger["accused"].quotes == []


def test_with_no_date_from_the_model_the_date_the_sentence_writes_for_its_verb() -> None:
    text = "Acme news\nOn Monday, Acme opened a plant in Ohio.\nBolt Cars, founded in 1990, grew.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    opened = _event(description="Acme opened a plant.", actors=["Acme"], place=None, when=None)
    grew = _event(description="Bolt Cars grew.", actors=["Bolt Cars"], place=None, when=None)
    opened = opened.model_copy(update={"sentence": 2, "trigger": "opened"})
    grew = grew.model_copy(update={"sentence": 3, "trigger": "grew"})
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [opened, grew], made, resolve_date)
    dated = {e.description: e.when for e in doc.events}
    when = dated["Acme opened a plant."]
    assert when is not None and when.span is not None and when.expression == "Monday"
    assert when.span.start == text.index("Monday")
    assert when.resolution.value == "2017-02-13"  # the Monday before the paper's Thursday
    assert dated["Bolt Cars grew."] is None  # 1990 is the founding's, not the growth's


def test_a_date_of_the_model_not_in_the_text_gives_way_to_the_one_the_sentence_writes() -> None:
    text = "Acme news\nAcme opened a plant in Ohio on Monday night.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    opened = _event(description="Acme opened a plant.", actors=["Acme"], place=None, when=None)
    opened = opened.model_copy(
        update={"sentence": 2, "trigger": "opened", "when": "on March 3, 2031"}
    )
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [opened], made, resolve_date)
    (event,) = doc.events
    assert event.when is not None and event.when.grounded
    assert event.when.span is not None and event.when.span.text.startswith("Monday")
    notes = [w for w in doc.warnings if w.code == "W003"]
    assert [w.event_id for w in notes] == [event.id]
    assert "'on March 3, 2031' is not in the text: dropped" in notes[0].message
    # a sentence that writes no date keeps the model's, unfound, as before (W003)
    bare = opened.model_copy(update={"when": "on March 3, 2031"})
    text = "Acme news\nAcme opened a plant in Ohio.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    (event,) = build_document(parts, [bare], made, resolve_date).events
    assert event.when is not None and not event.when.grounded


def test_a_when_as_long_as_a_sentence_is_the_date_it_holds() -> None:
    sentence = (
        "Saturday, the harbour crew of Port Amsel opened the new northern pier to traffic "
        "after nine years of planning, delays and a long dispute over its cost"
    )
    text = f"Acme news\nThe town cheered. {sentence}.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    opened = _event(description="The crew opened the pier.", actors=["Acme"], when=None)
    opened = opened.model_copy(update={"sentence": 3, "trigger": "opened", "when": sentence})
    made = provenance().model_copy(update={"small_model_rules": False})
    (event,) = build_document(parts, [opened], made, resolve_date).events
    assert event.when is not None and event.when.expression == "Saturday"
    assert event.when.resolution.status == "resolved"


@pytest.mark.parametrize(
    ("text", "written", "dropped"),
    [
        # a headline leaves its date to the lede under it
        (
            "Bolt Cars closes its plant\n\nBolt Cars closed its Ohio plant on Monday.\n",
            "Monday",
            False,
        ),
        # a first line that is a sentence is no headline: the model's date is not the
        # lede's (W009), but the sentence after tells the event again, and dates it
        (
            "Bolt Cars closes its plant.\n\nBolt Cars closed its Ohio plant on Monday.\n",
            "Monday",
            True,
        ),
        # a headline needs no blank line under it
        (
            "Bolt Cars closes its plant\nBolt Cars closed its Ohio plant on Monday.\n",
            "Monday",
            False,
        ),
        # a dateline under it is no sentence of the lede: its date is the article's
        (
            "Bolt Cars closes its plant\nMonday 4:33 PM EST\nBolt Cars closed its plant.\n",
            None,
            True,
        ),
        (
            "Bolt Cars closes its plant\nPosted on Monday, Feb. 13, 2017\n"
            "Bolt Cars closed its plant.\n",
            None,
            True,
        ),
    ],
)
def test_a_headline_events_date_is_read_in_the_lede(
    text: str, written: str | None, dropped: bool
) -> None:
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    closes = _event(
        description="Bolt Cars closes its plant",
        actors=["Bolt Cars"],
        place=None,
        when="Monday",
        sentence=1,
        trigger="closes",
    )
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [closes], made, resolve_date)
    [event] = doc.events
    assert (event.when.expression if event.when else None) == written
    assert [w.code for w in doc.warnings if w.code == "W009"] == (["W009"] if dropped else [])
    if written:
        assert event.when is not None and event.when.span is not None
        assert event.when.span.start == text.index("Monday")
        assert event.when.resolution.value == "2017-02-13"


HEADLINE = "Bolt Cars closes Ohio plant"


@pytest.mark.parametrize(
    ("text", "lede_verb", "events"),
    [
        # the headline's happening told again in the lede: one event, as the lede tells it
        (f"{HEADLINE}\n\nBolt Cars closed its Ohio plant on Monday.\n", "closed", 1),
        # another happening in the lede: two events
        (f"{HEADLINE}\n\nBolt Cars sold its Ohio plant on Monday.\n", "sold", 2),
        # a first line that is a sentence is no headline
        (f"{HEADLINE}.\n\nBolt Cars closed its Ohio plant on Monday.\n", "closed", 2),
        # a headline needs no blank line under it, and a dateline is no sentence of the lede
        (
            f"{HEADLINE}\nFeb. 16 4:33 PM EST\nBolt Cars closed its Ohio plant on Monday.\n",
            "closed",
            1,
        ),
    ],
)
def test_a_headline_told_again_in_the_lede_is_one_event(
    text: str, lede_verb: str, events: int
) -> None:
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    headline = _event(
        description=HEADLINE,
        actors=["Bolt Cars"],
        place=None,
        when=None,
        statements=[],
        sentence=1,
        trigger="closes",
    )
    lede = headline.model_copy(
        update={
            "description": f"Bolt Cars {lede_verb} its Ohio plant.",
            "place": "Ohio",
            "when": "on Monday",
            "sentence": 2,
            "trigger": lede_verb,
        }
    )
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [headline, lede], made, resolve_date)
    assert len(doc.events) == events
    if events == 1:
        [event] = doc.events
        assert event.description == lede.description
        assert event.when is not None and event.when.expression == "on Monday"
        told = [text[s.start : s.end] for s in event.sentences]
        assert told == [HEADLINE, "Bolt Cars closed its Ohio plant on Monday."]
        assert event.id == expected_event_id(event.model_dump(mode="json"), doc.id)


@pytest.mark.parametrize(
    ("lede", "answers", "told"),
    [
        # the lede's main verb is the headline's: the answer at another word of it, telling
        # that verb's happening and naming its doer, tells the headline's happening
        (
            "Bolt Cars has closed its Ohio plant that made trucks.",
            [("made", ["Bolt Cars"], "Bolt Cars closed the plant that made its trucks.")],
            [[HEADLINE, "Bolt Cars has closed its Ohio plant that made trucks."]],
        ),
        # the answer tells the other clause: another happening
        (
            "Bolt Cars has closed its Ohio plant that made trucks.",
            [("made", ["Bolt Cars"], "Bolt Cars made trucks at its Ohio plant.")],
            [[HEADLINE], ["Bolt Cars has closed its Ohio plant that made trucks."]],
        ),
        # naming someone else: another happening
        (
            "Bolt Cars has closed its Ohio plant that made trucks.",
            [("made", ["Ohio workers"], "Ohio workers saw the plant closed.")],
            [[HEADLINE], ["Bolt Cars has closed its Ohio plant that made trucks."]],
        ),
        # an answer at the main verb: that one tells the headline's happening, not the other
        (
            "Bolt Cars has closed its Ohio plant that made trucks.",
            [
                ("made", ["Bolt Cars"], "Bolt Cars made trucks at its Ohio plant."),
                ("closed", ["Bolt Cars"], "Bolt Cars closed its Ohio plant."),
            ],
            [
                [HEADLINE, "Bolt Cars has closed its Ohio plant that made trucks."],
                ["Bolt Cars has closed its Ohio plant that made trucks."],
            ],
        ),
        # the answer at the main verb, the headline's, with no other word in common: one event
        (
            "Bolt Cars closes a plant in Ohio, its oldest.",
            [("closes", ["Bolt Cars"], "The oldest site is gone.")],
            [[HEADLINE, "Bolt Cars closes a plant in Ohio, its oldest."]],
        ),
    ],
)
def test_a_lede_event_tells_the_headlines_happening_by_its_sentences_main_verb(
    lede: str, answers: list[tuple[str, list[str], str]], told: list[list[str]]
) -> None:
    text = f"{HEADLINE}\n\n{lede}\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    headline = _event(
        description="Bolt Cars shuts a plant.", actors=["Bolt Cars"], place=None, when=None,
        statements=[], sentence=1, trigger="closes",
    )  # fmt: skip
    below = [
        headline.model_copy(
            update={"description": said, "actors": actors, "sentence": 2, "trigger": word}
        )
        for word, actors, said in answers
    ]
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [headline, *below], made, resolve_date)
    assert sorted([text[s.start : s.end] for s in e.sentences] for e in doc.events) == told
    assert all(e.id == expected_event_id(e.model_dump(mode="json"), doc.id) for e in doc.events)


@pytest.mark.parametrize(
    ("above", "events"),
    [
        ("", 1),
        # a dateline over the headline: the headline is the line under it
        ("Friday, May 3, 2013\n", 1),
        ("Posted May 3, 2013 at 4:10 PM\n", 1),
        # a first line that is no dateline is the headline; the second then is none
        ("Vale Business\n", 2),
    ],
)
def test_the_headline_under_a_dateline_is_told_again_in_the_lede(above: str, events: int) -> None:
    lede = "Bolt Cars closed its Ohio plant on Monday."
    text = f"{above}{HEADLINE}\n\n{lede}\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    first = 2 if above else 1
    headline = _event(
        description=HEADLINE, actors=["Bolt Cars"], place=None, when=None, statements=[],
        sentence=first, trigger="closes",
    )  # fmt: skip
    below = headline.model_copy(
        update={"description": lede, "when": "on Monday", "sentence": first + 1,
                "trigger": "closed"}
    )  # fmt: skip
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [headline, below], made, resolve_date)
    assert len(doc.events) == events
    if events == 1:
        told = [text[s.start : s.end] for s in doc.events[0].sentences]
        assert told == [HEADLINE, lede]


def test_a_lede_told_alike_as_its_headline_leads_with_its_date() -> None:
    # a small model's one description for the headline and the lede: the lede's telling,
    # with the date it writes, leads
    lede = "Vale Rovers put Tom Berg on the injured list Wednesday after a knee injury."
    text = f"Rovers TE Tom Berg put on injured list\n\n{lede}\nBerg missed four games.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    told = "Tom Berg was put on the injured list."
    headline = _event(
        description=told, actors=["Tom Berg"], place=None, when=None, statements=[],
        sentence=1, trigger="put",
    )  # fmt: skip
    below = headline.model_copy(update={"sentence": 2, "when": "Wednesday"})
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [headline, below], made, resolve_date)
    [event] = doc.events
    assert [text[s.start : s.end] for s in event.sentences] == [text.split("\n")[0], lede]
    assert event.when is not None and event.when.expression == "Wednesday"
    assert event.id == expected_event_id(event.model_dump(mode="json"), doc.id)


def test_the_headlines_date_stays_when_the_lede_that_tells_it_again_gives_none() -> None:
    headline = "Bolt Cars cutting 3,000 jobs by 2012"
    below = "Bolt Cars will cut 3,000 jobs and two plants."
    text = f"{headline}\n\n{below}\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    told = _event(
        description=headline,
        actors=["Bolt Cars"],
        place=None,
        when="by 2012",
        statements=[],
        sentence=1,
        trigger="cutting",
    )
    lede = told.model_copy(
        update={"description": below, "when": None, "sentence": 2, "trigger": "cut"}
    )
    made = provenance().model_copy(update={"small_model_rules": False})
    [event] = build_document(parts, [told, lede], made, resolve_date).events
    assert event.description == below
    assert event.when is not None and event.when.expression == "by 2012"
    assert [text[s.start : s.end] for s in event.sentences] == [headline, below]
    assert event.id == expected_event_id(event.model_dump(mode="json"), parts.id)


def test_an_answer_at_the_ledes_word_after_the_headline_joined_it_is_the_same_event() -> None:
    text = f"{HEADLINE}\n\nBolt Cars closed its Ohio plant on Monday.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    headline = _event(
        description=HEADLINE, actors=["Bolt Cars"], place=None, when=None, statements=[],
        sentence=1, trigger="closes",
    )  # fmt: skip
    lede = headline.model_copy(
        update={
            "description": "Bolt Cars closed its Ohio plant.",
            "sentence": 2,
            "trigger": "closed",
        }
    )
    # a third answer, in other words, at the same word of the lede
    again = lede.model_copy(update={"description": "The Ohio plant was shut by its owner."})
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [headline, lede, again], made, resolve_date)
    [event] = doc.events
    told = [text[s.start : s.end] for s in event.sentences]
    assert told == [HEADLINE, "Bolt Cars closed its Ohio plant on Monday."]


def _cheered() -> ModelEvent:
    return _event(
        description="Workers cheered.", actors=["workers"], place=None, when=None,
        sentence=2, trigger="cheered",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("below", "actor", "trigger", "joined"),
    [
        # no answer for the headline: it joins the event below told by the verb it writes
        ("Bolt Cars closed its Ohio plant on Monday.", "Bolt Cars", "closed", True),
        # a headline no event's verb is written in joins none
        ("Bolt Cars sold its Ohio plant on Monday.", "Bolt Cars", "sold", False),
        # a verb shared, but no other word: not the headline's happening
        ("Acme closed a shop on Monday.", "Acme", "closed", False),
    ],
)
def test_a_headline_no_answer_tells_joins_the_event_it_tells(
    below: str, actor: str, trigger: str, joined: bool
) -> None:
    text = f"{HEADLINE}\n\nWorkers cheered.\n{below}\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    cheered = _cheered()
    event = _event(
        description=below, actors=[actor], place=None, when=None, sentence=3, trigger=trigger
    )
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [cheered, event], made, resolve_date)
    told = [[text[s.start : s.end] for s in e.sentences] for e in doc.events]
    if joined:  # the event it tells comes first now, as its headline does
        assert told == [[HEADLINE, below], ["Workers cheered."]]
    else:
        assert told == [["Workers cheered."], [below]]
    assert all(e.id == expected_event_id(e.model_dump(mode="json"), doc.id) for e in doc.events)


@pytest.mark.parametrize(
    ("headline", "below", "trigger"),
    [
        # the verb in another form: a final consonant doubled, an irregular plural ending
        ("Bolt Cars stops Ohio plant", "Bolt Cars stopped its Ohio plant on Monday.", "stopped"),
        ("Bolt Cars ships Ohio trucks", "Bolt Cars shipped its Ohio trucks on Monday.", "shipped"),
        ("Bolt Cars denies Ohio deal", "Bolt Cars denied the Ohio deal on Monday.", "denied"),
        # an irregular past (WordNet's list of irregular verb forms)
        ("Bolt Cars sells Ohio plant", "Bolt Cars sold its Ohio plant on Monday.", "sold"),
        ("Bolt Cars leaves Ohio", "Bolt Cars left Ohio on Monday.", "left"),
    ],
)
def test_a_headline_tells_the_event_of_its_verb_whatever_its_ending(
    headline: str, below: str, trigger: str
) -> None:
    text = f"{headline}\n\nWorkers cheered.\n{below}\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    event = _event(
        description=below, actors=["Bolt Cars"], place=None, when=None, sentence=3, trigger=trigger
    )
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [_cheered(), event], made, resolve_date)
    told = [[text[s.start : s.end] for s in e.sentences] for e in doc.events]
    assert told == [[headline, below], ["Workers cheered."]]


@pytest.mark.parametrize(
    ("headline", "joined"),
    [
        ("Lee: Port “will reopen” in May", True),  # a speaker's name and a colon
        ("Update: Port “will reopen” in May", False),  # a label that is no speaker
        ("Roe: Port “will reopen” in May", False),  # a speaker who leads no event of speech
    ],
)
def test_a_headline_naming_its_speaker_joins_the_first_event_of_her_speech(
    headline: str, joined: bool
) -> None:
    said = "Ann Lee said on Monday that the port would reopen."
    text = f"{headline}\n\nWorkers cheered.\n{said}\nLee also said the fares would fall.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    cheered = _cheered()
    spoke = _event(
        description=said, actors=["Ann Lee"], place=None, when="on Monday", sentence=3,
        trigger="said",
    )  # fmt: skip
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [cheered, spoke], made, resolve_date)
    told = [[text[s.start : s.end] for s in e.sentences] for e in doc.events]
    if joined:
        assert told == [[headline, said], ["Workers cheered."]]
    else:
        assert told == [["Workers cheered."], [said]]


@pytest.mark.parametrize(
    ("before", "joined"),
    [
        # the lede's main verb is the headline's, though the answer calls "cut" the trigger
        ([], True),
        # past the lede (its first three sentences), the trigger word alone counts
        (["Workers cheered.", "Roads were shut.", "Rain fell."], False),
    ],
)
def test_a_headline_tells_the_lede_event_of_its_sentences_main_verb(
    before: list[str], joined: bool
) -> None:
    below = "Bolt Cars has closed its Ohio plant to cut costs."
    text = "\n".join([HEADLINE, "", *before, below, "Workers left."]) + "\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    event = _event(
        description=below, actors=["Bolt Cars"], place=None, when=None,
        sentence=len(before) + 2, trigger="cut",
    )  # fmt: skip
    left = _event(
        description="Workers left.", actors=["workers"], place=None, when=None,
        sentence=len(before) + 3, trigger="left",
    )  # fmt: skip
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [event, left], made, resolve_date)
    told = [[text[s.start : s.end] for s in e.sentences] for e in doc.events]
    assert told == [[HEADLINE, below] if joined else [below], ["Workers left."]]


@pytest.mark.parametrize(
    ("lede", "joined"),
    [
        # the lede tells the headline's happening by its verb, with its actor: one event
        ("Bolt Cars, the truck maker, has shut its Ohio plant after forty years.", True),
        ("Bolt Cars will close its Ohio plant and its Iowa office.", True),
        # another verb: another happening
        ("Bolt Cars, the truck maker, has sold its Ohio plant after forty years.", False),
        # the same verb, someone else's happening
        ("Acme, the toy maker, has shut its Ohio plant after forty years.", False),
    ],
)
def test_a_lede_no_answer_tells_joins_the_headlines_event_it_tells_again(
    lede: str, joined: bool
) -> None:
    headline = "Bolt Cars shuts Ohio plant" if "shut" in lede else HEADLINE
    text = f"{headline}\n\n{lede}\nWorkers cheered.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    told_there = _event(
        description=headline, actors=["Bolt Cars"], place=None, when=None, sentence=1,
        trigger=headline.split()[2],
    )  # fmt: skip
    cheered = _cheered().model_copy(update={"sentence": 3})
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [told_there, cheered], made, resolve_date)
    told = [[text[s.start : s.end] for s in e.sentences] for e in doc.events]
    assert told == [[headline, lede] if joined else [headline], ["Workers cheered."]]
    assert all(e.id == expected_event_id(e.model_dump(mode="json"), doc.id) for e in doc.events)


def test_of_two_events_by_the_headlines_verb_the_one_sharing_more_of_its_words() -> None:
    text = f"{HEADLINE}\n\nAcme closed a shop in Ohio.\nBolt Cars closed its Ohio plant.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    shop = _event(
        description="Acme closed a shop in Ohio.", actors=["Acme"], place="Ohio", when=None,
        sentence=2, trigger="closed",
    )  # fmt: skip
    plant = _event(
        description="Bolt Cars closed its Ohio plant.", actors=["Bolt Cars"], place="Ohio",
        when=None, sentence=3, trigger="closed",
    )  # fmt: skip
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [shop, plant], made, resolve_date)
    [first, second] = doc.events
    assert first.description == plant.description
    assert text[first.sentences[0].start : first.sentences[0].end] == HEADLINE
    assert len(second.sentences) == 1


@pytest.mark.parametrize("small_model_rules", [True, False])
def test_one_description_given_for_other_sentences_is_told_where_it_fits(
    small_model_rules: bool,
) -> None:
    # a small model repeats one description for the sentences after the one it tells
    text = (
        "Port news\n\n"
        "The harbour was quiet in the morning. "
        "Bolt Cars opened a new plant in Ostby on Monday. "
        "Fans of the local team cheered in the stands.\n"
    )
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    opened = _event(
        description="Bolt Cars opened a new plant in Ostby.",
        actors=["Bolt Cars"],
        place="Ostby",
        when=None,
        statements=[],
        trigger="was",
        sentence=2,
    )
    answers = [
        opened,  # pointed at the sentence before
        opened.model_copy(update={"sentence": 3, "trigger": "opened"}),
        opened.model_copy(update={"sentence": 4, "trigger": "cheered"}),
    ]
    made = provenance().model_copy(update={"small_model_rules": small_model_rules})
    doc = build_document(parts, answers, made, resolve_date)
    event, *others = doc.events
    told = [text[s.start : s.end] for s in event.sentences]
    assert told == ["Bolt Cars opened a new plant in Ostby on Monday."]
    assert event.trigger is not None and event.trigger.text == "opened"
    assert event.id == expected_event_id(event.model_dump(mode="json"), doc.id)
    # the sentence after is no telling of it: an event of its own, told in its own words,
    # with none of the copied answer's actors and place; it names no one, so the small
    # model's rules drop it, with a warning
    cheered = "Fans of the local team cheered in the stands."
    if small_model_rules:
        assert others == []
        assert any(w.code == "W008" and cheered in w.message for w in doc.warnings)
    else:
        [other] = others
        assert (other.description, other.actors, other.place) == (cheered, [], None)
        assert [text[s.start : s.end] for s in other.sentences] == [cheered]


def test_a_copied_description_keeps_what_its_own_sentence_writes() -> None:
    # the answer for the second sentence repeats the first's description, actors and place;
    # the sentence tells the same night in other words, and its own doer
    text = (
        "Crash news\n\n"
        "Ann Lee was killed by a driver in Ostby on Friday. "
        "Tom Berg drove into the older woman with his car.\n"
    )
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    killed = _event(
        description="Ann Lee was killed by a driver.", actors=["Ann Lee", "driver"],
        place="Ostby", when=None, statements=[], trigger="killed", sentence=2,
    )  # fmt: skip
    answers = [killed, killed.model_copy(update={"sentence": 3, "trigger": "drove"})]
    doc = build_document(parts, answers, provenance(), resolve_date)
    first, second = doc.events
    assert [a.text for a in first.actors] == ["Ann Lee", "driver"]
    assert second.description == "Tom Berg drove into the older woman with his car."
    assert ([a.text for a in second.actors], second.place) == (["Tom Berg"], None)
    assert second.id == expected_event_id(second.model_dump(mode="json"), doc.id)


def test_an_event_told_in_its_sentences_words_takes_in_no_other_event_of_that_sentence() -> None:
    # the sentence writes every word of the other answer's description: no telling of it
    text = (
        "Crash news\n\n"
        "Ann Lee was killed by a driver in Ostby on Friday. "
        "Tom Berg drove into the older woman before Tom Berg fled on foot.\n"
    )
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    killed = _event(
        description="Ann Lee was killed by a driver.", actors=["Ann Lee", "driver"],
        place="Ostby", when=None, statements=[], trigger="killed", sentence=2,
    )  # fmt: skip
    fled = _event(
        description="Tom Berg fled on foot.", actors=["Tom Berg"], place=None, when=None,
        statements=[], trigger="fled", sentence=3,
    )  # fmt: skip
    answers = [killed, killed.model_copy(update={"sentence": 3, "trigger": "drove"}), fled]
    doc = build_document(parts, answers, provenance(), resolve_date)
    by_trigger = {e.trigger.text: e for e in doc.events if e.trigger is not None}
    assert sorted(by_trigger) == ["drove", "fled", "killed"]
    assert by_trigger["fled"].description == "Tom Berg fled on foot."


@pytest.mark.parametrize("small_model_rules", [True, False])
def test_separate_happenings_of_one_sentence_stay_apart_without_the_small_model_rules(
    small_model_rules: bool,
) -> None:
    # the answer lists the arrest (a verb) and the crash (a noun) told by one sentence
    text = "Crash news\nOn Monday, police arrested Tom Berg after the crash in Leeds.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    arrested = _event(description="Police arrested Tom Berg.", actors=["police", "Tom Berg"])
    crash = _event(description="Tom Berg crashed.", actors=["Tom Berg"])
    answer = [
        arrested.model_copy(update={"sentence": 2, "trigger": "arrested", "statements": []}),
        crash.model_copy(update={"sentence": 2, "trigger": "crash", "statements": []}),
    ]
    answer.append(answer[1])  # the same answer again, as two chunks give a border sentence
    made = provenance().model_copy(update={"small_model_rules": small_model_rules})
    doc = build_document(parts, answer, made, resolve_date)
    triggers = sorted(e.trigger.text for e in doc.events if e.trigger is not None)
    # with the small model's rules the noun takes the sentence's verb, and the two are one
    assert triggers == (["arrested"] if small_model_rules else ["arrested", "crash"])
    if not small_model_rules:
        crash_event = next(e for e in doc.events if e.trigger and e.trigger.text == "crash")
        assert crash_event.trigger is not None and crash_event.trigger.span is not None
        assert crash_event.trigger.span.start == text.index("crash")
        assert crash_event.tense == "past"  # a noun has no tense of its own: the model's


def test_a_noun_trigger_alone_at_its_verb_takes_the_verb_without_the_small_model_rules() -> None:
    # one event at the sentence, answered twice (two chunks): no other happening there
    text = "Crash news\nOn Monday, police arrested Tom Berg after the crash in Leeds.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    crash = _event(description="Police held Tom Berg.", actors=["police", "Tom Berg"])
    crash = crash.model_copy(update={"sentence": 2, "trigger": "crash", "statements": []})
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [crash, crash], made, resolve_date)
    assert [e.trigger.text for e in doc.events if e.trigger is not None] == ["arrested"]


_BARE: dict[str, Any] = {"actors": ["Bolt Cars"], "place": None, "when": None, "statements": []}


@pytest.mark.parametrize(
    ("sentence", "triggers", "trigger"),
    [
        # one verb the complement of the other, with no subject of its own: one happening,
        # at the upper verb
        ("Bolt Cars managed to outsell its rivals in May.", ("managed", "outsell"), "managed"),
        ("Bolt Cars advised the mayor to close the plant.", ("close", "advised"), "advised"),
        # two verbs joined by "and": two happenings
        ("Bolt Cars sold a plant and bought a port in May.", ("sold", "bought"), None),
    ],
)
def test_two_answers_at_one_chain_of_verbs_are_one_event(
    sentence: str, triggers: tuple[str, str], trigger: str | None
) -> None:
    text = f"{HEADLINE}\n\n{sentence}\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    answers = [
        _event(description=f"Bolt Cars {said} something.", sentence=2, trigger=said, **_BARE)
        for said in triggers
    ]
    for rules in (True, False):
        made = provenance().model_copy(update={"small_model_rules": rules})
        doc = build_document(parts, answers, made, resolve_date)
        assert sorted(e.trigger.text for e in doc.events if e.trigger) == sorted(
            triggers if trigger is None else [trigger]
        )
        assert all([text[s.start : s.end] for s in e.sentences] == [sentence] for e in doc.events)


@pytest.mark.parametrize("small_model_rules", [True, False])
def test_a_credit_line_is_no_event_for_any_model(small_model_rules: bool) -> None:
    text = (
        "Bridge news\nOn Monday, Tom Berg opened the bridge in Leeds.\n"
        "Ann Lee contributed reporting to this article.\n"
    )
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    opened = _event(description="Tom Berg opened the bridge.", actors=["Tom Berg"])
    credit = _event(description="Ann Lee contributed reporting.", actors=["Ann Lee"], when=None)
    answer = [
        opened.model_copy(update={"sentence": 2, "trigger": "opened", "statements": []}),
        credit.model_copy(update={"sentence": 3, "trigger": "contributed", "statements": []}),
    ]
    made = provenance().model_copy(update={"small_model_rules": small_model_rules})
    doc = build_document(parts, answer, made, resolve_date)
    assert [e.trigger.text for e in doc.events if e.trigger is not None] == ["opened"]
    [folded] = [w for w in doc.warnings if w.code == "W008"]
    assert "credits the article's makers: not an event" in folded.message


@pytest.mark.parametrize(
    ("below", "trigger", "joined"),
    [
        # a headline's plan ("To Close") is told by the plan below, not by a past closing
        ("Bolt Cars will close its Ohio plant in May.", "close", True),
        ("Bolt Cars closed its Ohio plant in 1996.", "closed", False),
    ],
)
def test_a_headline_of_a_plan_joins_no_past_event(below: str, trigger: str, joined: bool) -> None:
    headline = "Bolt Cars To Close Ohio Plant"
    text = f"{headline}\n\nWorkers cheered.\n{below}\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    event = _event(
        description=below, actors=["Bolt Cars"], place=None, when=None, sentence=3,
        trigger=trigger,
    )  # fmt: skip
    made = provenance().model_copy(update={"small_model_rules": False})
    doc = build_document(parts, [_cheered(), event], made, resolve_date)
    told = [[text[s.start : s.end] for s in e.sentences] for e in doc.events]
    expected = (
        [[headline, below], ["Workers cheered."]] if joined else [["Workers cheered."], [below]]
    )
    assert told == expected


def test_the_id_follows_the_names_as_stored() -> None:
    # the model spaced the initials and padded the description: the id is the stored event's
    text = "Forest news\n\nThe U.S. Forest Service closed the Vale trail on Monday.\n"
    parts = ArticleParts(**{**_parts().__dict__, "text": text})
    closed = _event(
        description=" The service closed the trail. ",
        actors=["U. S. Forest Service"],
        place=None,
        when="on Monday",
        statements=[],
        sentence=2,
        trigger="closed",
    )
    doc = build_document(parts, [closed], provenance(), resolve_date)
    [event] = doc.events
    assert [a.text for a in event.actors] == ["U.S. Forest Service"]
    assert event.description == "The service closed the trail."
    assert event.id == expected_event_id(event.model_dump(mode="json"), doc.id)
