"""Quote metrics: spans found (exact and overlapping), speakers, grounding."""

from __future__ import annotations

from extractor.contract.gold import GoldArticle, GoldQuote
from extractor.contract.models import ArticleDocument, Quote, Span
from extractor.evaluation.matching import Interval, match_intervals
from extractor.evaluation.normalize import Normalized, locate, name_matches, span_interval
from extractor.evaluation.scores import PRF, Accuracy, QuoteScores


def span_fits(text: str, span: Span | None) -> bool:
    return (
        span is not None
        and 0 <= span.start < span.end <= len(text)
        and (text[span.start : span.end] == span.text)
    )


def place_quote(norm: Normalized, text: str, quote: Quote) -> Interval | None:
    """Where a predicted quote lies in the normalised text: its span, else its text."""
    if quote.span is not None and span_fits(text, quote.span):
        return span_interval(norm, quote.span.start, quote.span.end)
    return locate(norm, quote.text)


def direct_quotes(doc: ArticleDocument) -> list[Quote]:
    """The document's direct quotes: its events' and those it stores apart."""
    held = [quote for event in doc.events for quote in event.quotes]
    return [quote for quote in [*held, *doc.quotes] if quote.kind == "direct"]


def _speaker_right(gold: GoldArticle, wanted: GoldQuote, quote: Quote) -> bool:
    accepted = [wanted.speaker, *wanted.other_speakers]
    return any(name_matches(quote.speaker.text, gold.names_of(name)) for name in accepted)


def score_quotes(
    gold: GoldArticle, doc: ArticleDocument, norm: Normalized
) -> tuple[QuoteScores, list[str]]:
    """Match the document's direct quotes to the gold quotes, in ``norm`` (of ``doc.text``).

    The same span stored under two events counts once.
    """
    notes: list[str] = []
    gold_at = [locate(norm, quote.text, quote.occurrence) for quote in gold.quotes]
    for wanted, where in zip(gold.quotes, gold_at, strict=True):
        if where is None:
            notes.append(f"gold quote not in the run's text: {wanted.text[:60]!r}")
    quotes: list[Quote] = []
    pred_at: list[Interval | None] = []
    for quote in direct_quotes(doc):
        where = place_quote(norm, doc.text, quote)
        if where is not None and where in pred_at:
            continue
        quotes.append(quote)
        pred_at.append(where)
    exact = match_intervals(gold_at, pred_at, exact=True)
    overlapping = match_intervals(gold_at, pred_at, exact=False)
    speakers = 0
    for g, p in overlapping:
        if _speaker_right(gold, gold.quotes[g], quotes[p]):
            speakers += 1
        else:
            said = quotes[p].speaker.text or "no speaker"
            notes.append(
                f"speaker of {gold.quotes[g].text[:60]!r}: {said!r} for {gold.quotes[g].speaker!r}"
            )
    unverified = sum(
        1 for event in doc.events for quote in event.unverified_quotes if quote.kind == "direct"
    )
    scores = QuoteScores(
        exact=PRF(matched=len(exact), predicted=len(quotes), gold=len(gold.quotes)),
        overlap=PRF(matched=len(overlapping), predicted=len(quotes), gold=len(gold.quotes)),
        speaker=Accuracy(correct=speakers, total=len(overlapping)),
        unverified=unverified,
    )
    return scores, notes


def grounding(doc: ArticleDocument) -> Accuracy:
    """Stored direct quotes whose text is literally in the document's text (at its span)."""
    grounded = 0
    quotes = direct_quotes(doc)
    for quote in quotes:
        if not quote.text:
            continue
        if quote.span is None:
            grounded += quote.text in doc.text
        else:
            grounded += span_fits(doc.text, quote.span) and quote.span.text == quote.text
    return Accuracy(correct=grounded, total=len(quotes))
