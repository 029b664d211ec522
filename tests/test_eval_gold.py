"""The metrics on the real gold set: a run that says exactly what the gold says scores 100%.

This also checks the gold set's own consistency: every event's date is one of the article's
annotated dates with the same value.
"""

from __future__ import annotations

import pytest

from extractor.article.clean import clean_text
from extractor.contract.gold import GoldArticle, GoldDate, GoldEvent, GoldQuote
from extractor.contract.models import ArticleDocument, Event, Quote, Span, When
from extractor.evaluation import normalize, score_article
from extractor.evaluation.normalize import key, locate
from tests.test_eval_metrics import document, event, mention, when
from tests.test_gold import GOLDS, IDS, raw_text


def _span(raw: str, start: int | None, end: int | None) -> Span | None:
    if start is None or end is None:
        return None
    return Span(start=start, end=end, text=raw[start:end], match="exact", score=1.0)


def _when(gold: GoldArticle, raw: str, wanted: GoldEvent) -> When | None:
    if wanted.when_text is None:
        return None
    for date in gold.dates:
        if date.value == wanted.when and key(date.text) in key(wanted.when_text):
            at = when(raw, date.text, wanted.when)
            return at.model_copy(update={"span": _span(raw, date.start, date.end)})
    return when(raw, wanted.when_text, wanted.when).model_copy(update={"span": None})


def perfect(gold: GoldArticle, raw: str) -> ArticleDocument:
    """The document a flawless run would store for ``gold``."""
    quotes = [
        Quote(
            speaker=mention(quote.speaker),
            text=quote.text,
            kind="direct",
            span=_span(raw, quote.start, quote.end),
            grounded=True,
            model_text=None,
        )
        for quote in gold.quotes
    ]
    events: list[Event] = [
        event(
            wanted.actors,
            place=wanted.place,
            at=_when(gold, raw, wanted),
            description=wanted.description,
        )
        for wanted in gold.events
    ]
    events[0] = events[0].model_copy(update={"quotes": quotes})
    return document(raw, events, published=gold.published, doc_id=gold.id)


@pytest.mark.parametrize("gold", GOLDS, ids=IDS)
def test_a_perfect_run_scores_full_marks(gold: GoldArticle) -> None:
    raw = raw_text(gold)
    scores, notes = score_article(gold, perfect(gold, raw))
    assert notes == []
    assert scores.quotes.exact.f1 == 1.0
    assert scores.quotes.speaker.value == 1.0
    assert scores.events.matched.f1 == 1.0
    assert scores.events.who.value == 1.0
    assert scores.events.where.value == 1.0
    assert scores.events.when.value == 1.0
    assert scores.grounding.value == 1.0
    assert scores.published.value == 1.0
    assert scores.dates.value.value in (None, 1.0)
    assert scores.dates.found.precision in (None, 1.0)


@pytest.mark.parametrize("gold", GOLDS, ids=IDS)
def test_an_empty_run_scores_nothing(gold: GoldArticle) -> None:
    raw = raw_text(gold)
    scores, _ = score_article(gold, document(raw, [], published=gold.published, doc_id=gold.id))
    assert scores.quotes.overlap.recall == 0.0
    assert scores.events.matched.recall == 0.0
    assert scores.quotes.overlap.precision is None


@pytest.mark.parametrize("gold", GOLDS, ids=IDS)
def test_gold_items_are_found_in_the_pipelines_cleaned_text(gold: GoldArticle) -> None:
    """Each quote and date is found, by text and occurrence, on its own line after cleaning."""
    raw = raw_text(gold)
    cleaned = clean_text(raw)
    norm = normalize(cleaned.text)
    items: list[GoldQuote | GoldDate] = [*gold.quotes, *gold.dates]
    for item in items:
        where = locate(norm, item.text, item.occurrence)
        assert where is not None, f"{item.text!r} lost in cleaning"
        start = norm.to_original(*where)[0]
        line = cleaned.source_lines[cleaned.text.count("\n", 0, start)]
        assert item.start is not None
        assert line == raw.count("\n", 0, item.start) + 1, item.text
