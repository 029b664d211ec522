"""The metrics on small hand-made gold/prediction pairs whose scores are worked out by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from extractor.contract.gold import GoldArticle, GoldDate, GoldEntity, GoldEvent, GoldQuote
from extractor.contract.models import (
    SCHEMA_VERSION,
    ArticleDocument,
    DateResolution,
    Event,
    Mention,
    Provenance,
    PublicationDate,
    Quote,
    Sampling,
    SourceInfo,
    Span,
    Usage,
    When,
)
from extractor.evaluation import evaluate, score_article
from extractor.evaluation.scores import PRF, Accuracy

PUBLISHED = dt.date(2020, 1, 8)

# --- builders: documents as the pipeline stores them ---------------------------------------


def span(text: str, part: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return Span(start=start, end=start + len(part), text=part, match="exact", score=1.0)


def mention(name: str) -> Mention:
    return Mention(text=name, span=None, grounded=False)


def quote(text: str, words: str, speaker: str, *, located: bool = True) -> Quote:
    where = span(text, words) if located and words in text else None
    return Quote(
        speaker=mention(speaker),
        text=words,
        kind="direct",
        span=where,
        grounded=where is not None,
        model_text=None,
    )


def when(text: str, expression: str, value: str | None) -> When:
    where = span(text, expression) if expression in text else None
    resolution = DateResolution(
        value=value,
        start=None,
        end=None,
        granularity="day" if value else None,
        anchor=PUBLISHED,
        status="resolved" if value else "unresolved",
        reason=None,
    )
    return When(
        expression=expression,
        tense=None,
        span=where,
        grounded=where is not None,
        resolution=resolution,
    )


def event(
    actors: Sequence[str],
    *,
    place: str | None = None,
    at: When | None = None,
    quotes: Sequence[Quote] = (),
    unverified: Sequence[Quote] = (),
    description: str = "Something happened.",
) -> Event:
    return Event(
        id="ev_" + "0" * 16,
        description=description,
        actors=[mention(actor) for actor in actors],
        place=mention(place) if place else None,
        when=at,
        quotes=list(quotes),
        unverified_quotes=list(unverified),
    )


def document(
    text: str, events: Sequence[Event], *, published: dt.date | None = PUBLISHED, doc_id: str = "a1"
) -> ArticleDocument:
    provenance = Provenance(
        extractor_version="0",
        model="test",
        endpoint="http://127.0.0.1/v1",
        endpoint_kind="test",
        model_sha256=None,
        prompt_id="p",
        prompt_sha256="0" * 64,
        schema_version=SCHEMA_VERSION,
        sampling=Sampling(temperature=0, seed=None, max_tokens=None),
        response_format="json_schema",
        usage=Usage(),
        cost_usd=None,
        attempts=1,
        chunks=1,
        duration_s=0,
    )
    return ArticleDocument(
        schema_version=SCHEMA_VERSION,
        id=doc_id,
        source_id=doc_id,
        source=SourceInfo(path=None, url=None, title=None, source=None, input_sha256="0" * 64),
        title=None,
        published=PublicationDate(value=published, source="metadata", evidence=None),
        text=text,
        text_sha256="0" * 64,
        removed=[],
        events=list(events),
        warnings=[],
        provenance=provenance,
    )


def gold_article(
    *,
    entities: Sequence[tuple[str, list[str]]] = (),
    quotes: Sequence[GoldQuote] = (),
    dates: Sequence[GoldDate] = (),
    events: Sequence[GoldEvent] = (),
    doc_id: str = "a1",
) -> GoldArticle:
    return GoldArticle(
        id=doc_id,
        published=PUBLISHED,
        text_sha256="0" * 64,
        entities=[GoldEntity(name=name, aliases=aliases) for name, aliases in entities],
        quotes=list(quotes),
        dates=list(dates),
        events=list(events),
    )


def prf(matched: int, predicted: int, gold: int) -> PRF:
    return PRF(matched=matched, predicted=predicted, gold=gold)


# --- quotes --------------------------------------------------------------------------------

TEXT = (
    "Jane Doe said: “We will win the vote.” Later the mayor called it “a fine day” for "
    'Springfield. On Monday, Acme Corp opened a plant in Springfield.\nBob Roe said "It is '
    'over," last year, and left.'
)
PEOPLE = [
    ("Jane Doe", ["Doe"]),
    ("Mayor Smith", ["the mayor", "Smith"]),
    ("Bob Roe", ["Roe"]),
    ("Acme Corp", ["Acme"]),
    ("Springfield", []),
]
GOLD_QUOTES = [
    GoldQuote(text="We will win the vote.", speaker="Jane Doe"),
    GoldQuote(text="a fine day", speaker="Mayor Smith", partial=True),
    GoldQuote(text="It is over,", speaker="Bob Roe"),
]


def test_quotes_exact_overlapping_and_speakers() -> None:
    gold = gold_article(entities=PEOPLE, quotes=GOLD_QUOTES)
    predicted = [
        # Exact once the edge period is set aside; right speaker.
        quote(TEXT, "We will win the vote", "Jane Doe"),
        # Overlaps the gold quote but runs past its closing mark; wrong speaker.
        quote(TEXT, "a fine day” for Springfield", "Springfield"),
        # Not a quote at all.
        quote(TEXT, "and left", "Bob Roe"),
    ]
    scores, notes = score_article(gold, document(TEXT, [event(["Jane Doe"], quotes=predicted)]))
    assert scores.quotes.exact == prf(1, 3, 3)
    assert scores.quotes.overlap == prf(2, 3, 3)
    assert scores.quotes.exact.precision == pytest.approx(1 / 3)
    assert scores.quotes.overlap.f1 == pytest.approx(2 / 3)
    assert scores.quotes.speaker == Accuracy(correct=1, total=2)
    assert notes == ["speaker of 'a fine day': 'Springfield' for 'Mayor Smith'"]


def test_quote_marks_whitespace_and_edge_punctuation_do_not_matter() -> None:
    # The run's cleaned text has straight quotes and single spaces where the raw had curly
    # quotes and a line break; the model left out the final comma.
    cleaned = 'Bob Roe said "It is over, we are done." and left.'
    gold = gold_article(
        entities=PEOPLE,
        quotes=[GoldQuote(text="It is over,\nwe are done.", speaker="Bob Roe")],
    )
    predicted = quote(cleaned, "It is over, we are done", "Roe")
    scores, _ = score_article(gold, document(cleaned, [event(["Bob Roe"], quotes=[predicted])]))
    assert scores.quotes.exact == prf(1, 1, 1)
    assert scores.quotes.speaker == Accuracy(correct=1, total=1)


def test_a_quote_without_span_is_placed_by_its_text() -> None:
    gold = gold_article(entities=PEOPLE, quotes=GOLD_QUOTES[:1])
    predicted = quote(TEXT, "We will win the vote.", "Jane Doe", located=False)
    assert predicted.span is None
    scores, _ = score_article(gold, document(TEXT, [event(["Jane Doe"], quotes=[predicted])]))
    assert scores.quotes.exact == prf(1, 1, 1)


def test_the_same_quote_under_two_events_counts_once() -> None:
    gold = gold_article(entities=PEOPLE, quotes=GOLD_QUOTES)
    same = quote(TEXT, "It is over,", "Bob Roe")
    doc = document(TEXT, [event(["Bob Roe"], quotes=[same]), event(["Roe"], quotes=[same])])
    scores, _ = score_article(gold, doc)
    assert scores.quotes.exact == prf(1, 1, 3)
    assert scores.grounding == Accuracy(correct=2, total=2)


def test_a_quote_no_event_holds_is_scored_like_any_other() -> None:
    gold = gold_article(entities=PEOPLE, quotes=GOLD_QUOTES)
    apart = quote(TEXT, "It is over,", "Bob Roe")
    held = document(TEXT, [event(["Bob Roe"], quotes=[apart])])
    alone = document(TEXT, []).model_copy(update={"quotes": [apart]})
    assert score_article(gold, alone)[0].quotes == score_article(gold, held)[0].quotes
    assert score_article(gold, alone)[0].quotes.exact == prf(1, 1, 3)


def test_indirect_speech_is_not_a_quote_and_unverified_quotes_are_counted_apart() -> None:
    gold = gold_article(entities=PEOPLE, quotes=GOLD_QUOTES)
    indirect = quote(TEXT, "We will win the vote.", "Jane Doe").model_copy(
        update={"kind": "indirect"}
    )
    invented = quote(TEXT, "We shall overcome", "Jane Doe")
    doc = document(TEXT, [event(["Jane Doe"], quotes=[indirect], unverified=[invented])])
    scores, _ = score_article(gold, doc)
    assert scores.quotes.overlap == prf(0, 0, 3)
    assert scores.quotes.overlap.precision is None
    assert scores.quotes.unverified == 1
    assert scores.grounding == Accuracy(correct=0, total=0)


def test_speaker_aliases_titles_and_other_speakers() -> None:
    gold = gold_article(
        entities=[*PEOPLE, ("City Council", [])],
        quotes=[
            GoldQuote(text="We will win the vote.", speaker="Jane Doe"),
            GoldQuote(text="a fine day", speaker="Mayor Smith", other_speakers=["City Council"]),
            GoldQuote(text="It is over,", speaker="Bob Roe"),
        ],
    )
    predicted = [
        quote(TEXT, "We will win the vote.", "Councillor Jane Doe"),  # a title in front
        quote(TEXT, "a fine day", "the City Council"),  # accepted other speaker
        quote(TEXT, "It is over,", "Roe, Bob"),  # not a form of the name
    ]
    scores, _ = score_article(gold, document(TEXT, [event(["x"], quotes=predicted)]))
    assert scores.quotes.speaker == Accuracy(correct=2, total=3)


def test_a_gold_quote_missing_from_the_run_text_is_noted_and_missed() -> None:
    gold = gold_article(entities=PEOPLE, quotes=GOLD_QUOTES)
    shorter = TEXT.split("\n")[0]
    scores, notes = score_article(gold, document(shorter, []))
    assert scores.quotes.exact == prf(0, 0, 3)
    assert notes == ["gold quote not in the run's text: 'It is over,'"]


def test_occurrence_picks_the_repeated_quote() -> None:
    text = "He said “yes”. Later she said “yes” too."
    gold = gold_article(
        entities=[("He", []), ("She", [])],
        quotes=[GoldQuote(text="yes", speaker="She", occurrence=1)],
    )
    first = quote(text, "yes", "He")
    second = Quote(
        speaker=mention("She"),
        text="yes",
        kind="direct",
        span=span(text, "yes", occurrence=1),
        grounded=True,
        model_text=None,
    )
    assert score_article(gold, document(text, [event(["He"], quotes=[first])]))[0].quotes.exact == (
        prf(0, 1, 1)
    )
    right = score_article(gold, document(text, [event(["She"], quotes=[second])]))[0]
    assert right.quotes.exact == prf(1, 1, 1)
    assert right.quotes.speaker == Accuracy(correct=1, total=1)


# --- grounding -----------------------------------------------------------------------------


def test_grounding_counts_quotes_not_in_the_text() -> None:
    gold = gold_article(entities=PEOPLE)
    good = quote(TEXT, "It is over,", "Bob Roe")
    invented = Quote(
        speaker=mention("Jane Doe"),
        text="We will lose",
        kind="direct",
        span=None,
        grounded=True,
        model_text=None,
    )
    wrong_span = good.model_copy(update={"text": "It is done,"})
    doc = document(TEXT, [event(["Bob Roe"], quotes=[good, invented, wrong_span])])
    scores, _ = score_article(gold, doc)
    assert scores.grounding == Accuracy(correct=1, total=3)


# --- dates ---------------------------------------------------------------------------------

GOLD_DATES = [
    GoldDate(text="Monday", value="2020-01-06"),
    GoldDate(text="last year", value="2019"),
]


def test_dates_found_and_resolved() -> None:
    gold = gold_article(entities=PEOPLE, dates=GOLD_DATES)
    doc = document(
        TEXT,
        [
            event(["Acme"], at=when(TEXT, "On Monday", "2020-01-06")),  # found, right value
            event(["Roe"], at=when(TEXT, "last year", "2018")),  # found, wrong value
            event(["Doe"], at=when(TEXT, "next week", "2020-W03")),  # not in the text
            event(["Acme"], at=when(TEXT, "On Monday", "2020-01-06")),  # same place: once
        ],
    )
    scores, notes = score_article(gold, doc)
    assert scores.dates.found == prf(2, 3, 2)
    assert scores.dates.value == Accuracy(correct=1, total=2)
    assert notes == ["date 'last year': 2018 for 2019"]


def test_an_unresolved_date_is_wrong() -> None:
    gold = gold_article(entities=PEOPLE, dates=GOLD_DATES)
    doc = document(TEXT, [event(["Acme"], at=when(TEXT, "Monday", None))])
    scores, _ = score_article(gold, doc)
    assert scores.dates.value == Accuracy(correct=0, total=1)


# --- events --------------------------------------------------------------------------------

GOLD_EVENTS = [
    GoldEvent(
        description="Acme opened a plant.",
        actors=["Acme Corp"],
        place="Springfield",
        when="2020-01-06",
        when_text="On Monday",
    ),
    GoldEvent(description="Jane Doe spoke.", actors=["Jane Doe"]),
    GoldEvent(description="Bob Roe left.", actors=["Bob Roe"], when="2019"),
]


def test_events_matched_on_actors_date_and_place() -> None:
    gold = gold_article(entities=PEOPLE, events=GOLD_EVENTS)
    doc = document(
        TEXT,
        [
            # All three fields right, the actor by an alias.
            event(["Acme"], place="Springfield", at=when(TEXT, "On Monday", "2020-01-06")),
            # Shares Jane Doe (no date, no place, as gold): matched, but who has an extra.
            event(["Jane Doe", "Bob Roe"]),
            # Shares nobody.
            event(["Nobody"], at=when(TEXT, "last year", "2019")),
        ],
    )
    scores, _ = score_article(gold, doc)
    events = scores.events
    assert events.matched == prf(2, 3, 3)
    assert events.matched.f1 == pytest.approx(2 / 3)
    assert events.who == Accuracy(correct=1, total=2)
    assert events.where == Accuracy(correct=2, total=2)
    assert events.when == Accuracy(correct=2, total=2)


def test_a_shared_actor_alone_is_not_a_match() -> None:
    gold = gold_article(entities=PEOPLE, events=GOLD_EVENTS[:1])
    wrong_both = event(["Acme Corp"], place="Paris", at=when(TEXT, "last year", "2019"))
    scores, _ = score_article(gold, document(TEXT, [wrong_both]))
    assert scores.events.matched == prf(0, 1, 1)


def test_per_field_accuracy_on_a_match_by_date() -> None:
    gold = gold_article(entities=PEOPLE, events=GOLD_EVENTS[:1])
    elsewhere = event(
        ["Acme Corp", "Jane Doe"], place="Shelbyville", at=when(TEXT, "On Monday", "2020-01-06")
    )
    scores, _ = score_article(gold, document(TEXT, [elsewhere]))
    assert scores.events.matched == prf(1, 1, 1)
    assert scores.events.who == Accuracy(correct=0, total=1)
    assert scores.events.where == Accuracy(correct=0, total=1)
    assert scores.events.when == Accuracy(correct=1, total=1)


# --- whole runs ----------------------------------------------------------------------------


def test_missing_and_extra_documents() -> None:
    first = gold_article(entities=PEOPLE, quotes=GOLD_QUOTES, events=GOLD_EVENTS, doc_id="a1")
    second = gold_article(entities=PEOPLE, quotes=GOLD_QUOTES[:1], doc_id="a2")
    doc = document(
        TEXT, [event(["Jane Doe"], quotes=[quote(TEXT, "We will win the vote.", "Doe")])]
    )
    report = evaluate(
        [second, first],
        {"a1": doc},
        gold_name="gold",
        pred_name="run",
        available=["a1", "a9"],
    )
    assert [a.id for a in report.articles] == ["a1", "a2"]
    assert [a.status for a in report.articles] == ["scored", "missing"]
    assert report.ignored == ["a9"]
    # Summed counts: a1 found 1 of 3 quotes, a2 0 of 1.
    assert report.overall.quotes.exact == prf(1, 1, 4)
    assert report.overall.events.matched == prf(1, 1, 3)  # Jane Doe, no date, no place
    assert report.overall.published == Accuracy(correct=1, total=2)
    missing = report.articles[1].scores
    assert missing.quotes.exact.recall == 0.0
    assert missing.quotes.exact.precision is None


def test_wrong_publication_date() -> None:
    gold = gold_article(entities=PEOPLE)
    scores, _ = score_article(gold, document(TEXT, [], published=dt.date(2020, 1, 9)))
    assert scores.published == Accuracy(correct=0, total=1)
    scores, _ = score_article(gold, document(TEXT, [], published=None))
    assert scores.published == Accuracy(correct=0, total=1)
