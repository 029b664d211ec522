"""Date metrics: expressions found, and resolved to the gold TIMEX3 value."""

from __future__ import annotations

from extractor.contract.gold import GoldArticle
from extractor.contract.models import ArticleDocument, When
from extractor.evaluation.matching import Interval, match_intervals
from extractor.evaluation.normalize import Normalized, key, locate, span_interval
from extractor.evaluation.quotes import span_fits
from extractor.evaluation.scores import PRF, Accuracy, DateScores


def place_when(norm: Normalized, text: str, when: When) -> Interval | None:
    """Where a predicted date expression lies in the normalised text: its span, else its text."""
    if when.span is not None and span_fits(text, when.span):
        return span_interval(norm, when.span.start, when.span.end)
    return locate(norm, when.expression)


def predicted_dates(doc: ArticleDocument, norm: Normalized) -> list[tuple[Interval | None, When]]:
    """The document's date expressions, one per place in the text (or per unplaced text)."""
    found: list[tuple[Interval | None, When]] = []
    seen: set[Interval | str] = set()
    for event in doc.events:
        if event.when is None:
            continue
        where = place_when(norm, doc.text, event.when)
        identity: Interval | str = where if where is not None else key(event.when.expression)
        if identity not in seen:
            seen.add(identity)
            found.append((where, event.when))
    return found


def score_dates(
    gold: GoldArticle, doc: ArticleDocument, norm: Normalized
) -> tuple[DateScores, list[str]]:
    """Match the document's date expressions to the gold ones; compare values where matched.

    Gold expressions are every date of the article; predictions are the events' ``when``,
    so recall here measures coverage, and the value accuracy is the figure that counts.
    """
    notes: list[str] = []
    gold_at = [locate(norm, date.text, date.occurrence) for date in gold.dates]
    for date, where in zip(gold.dates, gold_at, strict=True):
        if where is None:
            notes.append(f"gold date not in the run's text: {date.text!r}")
    predicted = predicted_dates(doc, norm)
    pairs = match_intervals(gold_at, [where for where, _ in predicted], exact=False)
    correct = 0
    for g, p in pairs:
        value = predicted[p][1].resolution.value
        if value == gold.dates[g].value:
            correct += 1
        else:
            notes.append(f"date {gold.dates[g].text!r}: {value} for {gold.dates[g].value}")
    scores = DateScores(
        found=PRF(matched=len(pairs), predicted=len(predicted), gold=len(gold.dates)),
        value=Accuracy(correct=correct, total=len(pairs)),
    )
    return scores, notes
