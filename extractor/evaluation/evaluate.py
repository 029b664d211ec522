"""Scoring a run's documents against gold articles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import ValidationError

from extractor.contract.gold import GoldArticle
from extractor.contract.models import ArticleDocument
from extractor.errors import ConfigError, InputError
from extractor.evaluation.dates import score_dates
from extractor.evaluation.events import score_events
from extractor.evaluation.normalize import normalize
from extractor.evaluation.quotes import grounding, score_quotes
from extractor.evaluation.scores import (
    PRF,
    Accuracy,
    ArticleReport,
    DateScores,
    EventScores,
    QuoteScores,
    Report,
    Scores,
)


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    return f"{where}: {first['msg']} ({error.error_count()} error(s) in all)"


def parse_gold(text: str, origin: str) -> GoldArticle:
    """A gold article from JSON text; ``origin`` (a file name) is named in errors."""
    try:
        return GoldArticle.model_validate_json(text)
    except ValidationError as error:
        raise ConfigError(
            f"{origin}: not a valid gold article ({_first_error(error)}); "
            "check it against schemas/gold.schema.json"
        ) from error


def parse_document(text: str, article_id: str) -> ArticleDocument:
    """A run's document from JSON text; raises InputError naming the article."""
    try:
        return ArticleDocument.model_validate_json(text)
    except ValidationError as error:
        raise InputError(
            article_id,
            f"document is not a valid article document ({_first_error(error)}); "
            "re-run the article or check it against schemas/article.schema.json",
        ) from error


def score_article(gold: GoldArticle, doc: ArticleDocument) -> tuple[Scores, list[str]]:
    """Every metric of one document against its gold article."""
    norm = normalize(doc.text)
    quotes, quote_notes = score_quotes(gold, doc, norm)
    dates, date_notes = score_dates(gold, doc, norm)
    scores = Scores(
        quotes=quotes,
        dates=dates,
        events=score_events(gold, doc.events),
        grounding=grounding(doc),
        published=Accuracy(correct=int(doc.published.value == gold.published), total=1),
    )
    return scores, quote_notes + date_notes


def missed(gold: GoldArticle) -> Scores:
    """What an article with no document scores: every gold item missed, nothing predicted."""
    quotes = PRF(gold=len(gold.quotes))
    return Scores(
        quotes=QuoteScores(exact=quotes, overlap=quotes),
        dates=DateScores(found=PRF(gold=len(gold.dates))),
        events=EventScores(matched=PRF(gold=len(gold.events))),
        published=Accuracy(correct=0, total=1),
    )


def evaluate(
    golds: list[GoldArticle],
    docs: Mapping[str, ArticleDocument | InputError],
    *,
    gold_name: str,
    pred_name: str,
    available: Iterable[str] = (),
) -> Report:
    """Score ``docs`` (by article id; an InputError for one that could not be read).

    ``available`` lists every article id the run has; those with no gold are reported as
    ignored.
    """
    articles: list[ArticleReport] = []
    overall = Scores()
    for gold in sorted(golds, key=lambda item: item.id):
        doc = docs.get(gold.id)
        if isinstance(doc, ArticleDocument):
            scores, notes = score_article(gold, doc)
            articles.append(ArticleReport(id=gold.id, status="scored", scores=scores, notes=notes))
        else:
            scores = missed(gold)
            if doc is None:
                report = ArticleReport(id=gold.id, status="missing", scores=scores, notes=[])
            else:
                notes = [doc.reason]
                report = ArticleReport(id=gold.id, status="unreadable", scores=scores, notes=notes)
            articles.append(report)
        overall = overall + scores
    known = {gold.id for gold in golds}
    return Report(
        gold=gold_name,
        pred=pred_name,
        overall=overall,
        articles=articles,
        ignored=sorted((set(available) | set(docs)) - known),
    )
