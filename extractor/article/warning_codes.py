"""The document's warnings: their codes (W001-W009) and those each stored event carries."""

from __future__ import annotations

from extractor.contract.models import DocWarning, Event, Quote

W_UNGROUNDED_QUOTE = "W001"
W_UNRESOLVED_DATE = "W002"
W_DATE_NOT_IN_TEXT = "W003"
W_CHUNKED = "W004"
W_NO_PUBLICATION_DATE = "W005"
W_NO_SPEAKER = "W006"
W_NOT_A_DATE = "W007"
W_NOT_AN_EVENT = "W008"
W_DATE_ELSEWHERE = "W009"

# Characters of a quote, a date or a description a warning message shows.
SHOWN = 80


def event_warnings(event: Event) -> list[DocWarning]:
    """W001 for each unverified quote, W006 for each direct quote with no speaker, W003 for
    a date not in the text, else W002 for one left unresolved."""
    warnings = [
        DocWarning(
            code=W_UNGROUNDED_QUOTE,
            message=(
                f"direct quote by {q.speaker.text!r} not found in the text: {q.text[:SHOWN]!r}"
            ),
            event_id=event.id,
        )
        for q in event.unverified_quotes
    ]
    warnings += quote_warnings(event.quotes, event.id)
    if event.when is not None:
        if not event.when.grounded:
            warnings.append(
                DocWarning(
                    code=W_DATE_NOT_IN_TEXT,
                    message=f"date expression {event.when.expression!r} not found in the text",
                    event_id=event.id,
                )
            )
        elif event.when.resolution.status == "unresolved":
            warnings.append(
                DocWarning(
                    code=W_UNRESOLVED_DATE,
                    message=f"date {event.when.expression!r} unresolved: "
                    f"{event.when.resolution.reason}",
                    event_id=event.id,
                )
            )
    return warnings


def quote_warnings(quotes: list[Quote], event_id: str | None = None) -> list[DocWarning]:
    """W006 for each direct quote with no speaker (``event_id``: the event holding them)."""
    return [
        DocWarning(
            code=W_NO_SPEAKER,
            message=f"no speaker found for the quote {q.text[:SHOWN]!r}: check it by hand",
            event_id=event_id,
        )
        for q in quotes
        if q.kind == "direct" and not q.speaker.text
    ]


def unique_warnings(warnings: list[DocWarning]) -> list[DocWarning]:
    """Each warning once (an event reported twice drops the same date twice)."""
    return list(dict.fromkeys(warnings))


def article_warnings(published: bool, chunks: int) -> list[DocWarning]:
    """W005 for an article with no publication date, W004 for one split into chunks."""
    warnings = []
    if not published:
        warnings.append(
            DocWarning(
                code=W_NO_PUBLICATION_DATE,
                message="no publication date: relative dates stay unresolved",
            )
        )
    if chunks > 1:
        warnings.append(
            DocWarning(
                code=W_CHUNKED,
                message=f"article split into {chunks} overlapping chunks",
            )
        )
    return warnings
