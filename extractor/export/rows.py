"""Flat rows of a run, one list per table: pure functions of the documents and run.json.

Column names are warehouse-safe (lower snake case, never an SQL keyword such as ``when``,
``end`` or ``values``); a row is a dict of plain values (str, int, float, bool, date, None).
Offsets are those of the documents: code-point indices into the article's ``text``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from extractor.contract.models import (
    ArticleDocument,
    ArticleEntry,
    Event,
    Failure,
    Mention,
    Quote,
    Span,
    When,
)

Row = dict[str, Any]


@dataclass(frozen=True)
class RunRows:
    """Every table of one run, as rows."""

    articles: list[Row]
    events: list[Row]
    actors: list[Row]
    quotes: list[Row]
    dates: list[Row]

    def tables(self) -> dict[str, list[Row]]:
        return {
            "articles": self.articles,
            "events": self.events,
            "actors": self.actors,
            "quotes": self.quotes,
            "dates": self.dates,
        }


def run_rows(
    entries: Sequence[ArticleEntry],
    failures: Sequence[Failure],
    documents: dict[str, ArticleDocument],
) -> RunRows:
    """The rows of a run: one article row per run.json entry (with its document's fields when
    it has one), and the events, actors, quotes and dates of every document."""
    failed = {f.id: f for f in failures}
    articles = [_article(e, documents.get(e.id), failed.get(e.id)) for e in entries]
    listed = {e.id for e in entries}
    articles += [
        _article(None, documents[i], failed.get(i)) for i in sorted(documents) if i not in listed
    ]
    docs = [documents[i] for i in sorted(documents)]
    return RunRows(
        articles=articles,
        events=[row for doc in docs for row in _events(doc)],
        actors=[row for doc in docs for row in _actors(doc)],
        quotes=[row for doc in docs for row in _quotes(doc)],
        dates=[row for doc in docs for row in _dates(doc)],
    )


def _article(
    entry: ArticleEntry | None, doc: ArticleDocument | None, failure: Failure | None
) -> Row:
    ident = entry.id if entry is not None else doc.id if doc is not None else ""
    source_id = entry.source_id if entry is not None else doc.source_id if doc is not None else ""
    row: Row = {
        "article_id": ident,
        "source_id": source_id,
        "status": entry.status if entry is not None else None,
        "document_path": entry.document if entry is not None else None,
        "error_stage": failure.stage if failure else None,
        "error_class": failure.error_class if failure else None,
        "error_message": failure.message if failure else None,
    }
    row.update(_document_fields(doc))
    return row


def _document_fields(doc: ArticleDocument | None) -> Row:
    if doc is None:  # a failed article with no earlier document: those columns stay null
        return {}
    prov = doc.provenance
    return {
        "title": doc.title,
        "url": doc.source.url,
        "publisher": doc.source.source,
        "input_path": doc.source.path,
        "published_date": doc.published.value,
        "published_source": doc.published.source,
        "published_evidence": doc.published.evidence,
        "event_count": len(doc.events),
        "quote_count": sum(len(e.quotes) for e in doc.events) + len(doc.quotes),
        "unverified_quote_count": sum(len(e.unverified_quotes) for e in doc.events),
        "warning_count": len(doc.warnings),
        "article_text": doc.text,
        "text_sha256": doc.text_sha256,
        "input_sha256": doc.source.input_sha256,
        "schema_version": doc.schema_version,
        "extractor_version": prov.extractor_version,
        "model": prov.model,
        "endpoint_kind": prov.endpoint_kind,
        "prompt_id": prov.prompt_id,
        "prompt_sha256": prov.prompt_sha256,
        "prompt_tokens": prov.usage.prompt_tokens,
        "completion_tokens": prov.usage.completion_tokens,
        "cost_usd": prov.cost_usd,
        "duration_s": prov.duration_s,
    }


def _ids(doc: ArticleDocument, event: Event) -> Row:
    return {"article_id": doc.id, "source_id": doc.source_id, "event_id": event.id}


def _span(prefix: str, span: Span | None) -> Row:
    return {
        f"{prefix}start": span.start if span else None,
        f"{prefix}end": span.end if span else None,
    }


def _events(doc: ArticleDocument) -> Iterator[Row]:
    for position, event in enumerate(doc.events, start=1):
        place = event.place
        yield {
            **_ids(doc, event),
            "event_number": position,
            "description": event.description,
            "place": place.text if place else None,
            **_span("place_", place.span if place else None),
            "place_grounded": place.grounded if place else None,
            **_when(event.when),
            "actor_count": len(event.actors),
            "quote_count": len(event.quotes),
            "unverified_quote_count": len(event.unverified_quotes),
            "title": doc.title,
            "url": doc.source.url,
            "published_date": doc.published.value,
        }


def _when(when: When | None) -> Row:
    """The date columns an event row and a date row share."""
    resolution = when.resolution if when else None
    members = " ".join(resolution.values) if resolution else ""
    return {
        "when_text": when.expression if when else None,
        "tense": when.tense if when else None,
        "date_value": resolution.value if resolution else None,
        "date_members": members or None,  # a range's members, e.g. "2017-02-16 2017-02-17"
        "date_start": resolution.start if resolution else None,
        "date_end": resolution.end if resolution else None,
        "date_granularity": resolution.granularity if resolution else None,
        "date_status": resolution.status if resolution else None,
    }


def _actors(doc: ArticleDocument) -> Iterator[Row]:
    for event in doc.events:
        for position, actor in enumerate(event.actors, start=1):
            yield {**_ids(doc, event), "actor_number": position, **_mention(actor)}


def _mention(mention: Mention) -> Row:
    span = mention.span
    return {
        "name": mention.text,
        **_span("span_", span),
        "grounded": mention.grounded,
        "match_kind": span.match if span else None,
        "match_score": span.score if span else None,
    }


def _quotes(doc: ArticleDocument) -> Iterator[Row]:
    """Each event's quotes, then those no event holds (``event_id`` null)."""
    for event in doc.events:
        listed = [(q, True) for q in event.quotes] + [(q, False) for q in event.unverified_quotes]
        for position, (quote, verified) in enumerate(listed, start=1):
            yield {**_ids(doc, event), "quote_number": position, **_quote(quote, verified)}
    apart = {"article_id": doc.id, "source_id": doc.source_id, "event_id": None}
    for position, quote in enumerate(doc.quotes, start=1):
        yield {**apart, "quote_number": position, **_quote(quote, True)}


def _quote(quote: Quote, verified: bool) -> Row:
    span = quote.span
    speaker = quote.speaker
    return {
        "quote_text": quote.text,
        "speech_kind": quote.kind,
        "verified": verified,
        **_span("span_", span),
        "grounded": quote.grounded,
        "match_kind": span.match if span else None,
        "match_score": span.score if span else None,
        "model_text": quote.model_text,
        "speaker": speaker.text,
        **_span("speaker_span_", speaker.span),
        "speaker_grounded": speaker.grounded,
    }


def _dates(doc: ArticleDocument) -> Iterator[Row]:
    for event in doc.events:
        when = event.when
        if when is None:
            continue
        resolution = when.resolution
        yield {
            **_ids(doc, event),
            **_when(when),
            **_span("span_", when.span),
            "grounded": when.grounded,
            "anchor_date": resolution.anchor,
            "reason": resolution.reason,
        }
