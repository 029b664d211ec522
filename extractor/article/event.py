"""One model event as a stored event: actors, place, date and quotes located in the text.

A direct quote is stored in ``Event.quotes`` only when it is found in the text, and then its
``text`` is the article's own words at its span; one not found is kept apart in
``Event.unverified_quotes`` (``grounded: false``; ``W001``). Pronouns are no actors, and a
place, date or actor given as a placeholder ("not specified", "n/a") is no value.
"""

from __future__ import annotations

from extractor.article.attach_quotes import Found, finder_quote
from extractor.article.event_dates import event_date
from extractor.article.grounded import given, mention, statement_quote, unique
from extractor.article.parts import ArticleParts
from extractor.contract.identity import event_id
from extractor.contract.models import DocWarning, Event, ModelEvent, Quote
from extractor.dates import Resolver
from extractor.text.lexicon import PRONOUNS


def _verified(quotes: list[Quote]) -> list[Quote]:
    """The quotes found in the text and the indirect ones, the same quoted span once."""
    spans: set[int] = set()
    verified = []
    for quote in quotes:
        if quote.grounded or quote.kind == "indirect":
            if quote.kind == "direct" and quote.span is not None:
                if quote.span.start in spans:
                    continue
                spans.add(quote.span.start)
            verified.append(quote)
    return verified


def stored_event(
    parts: ArticleParts,
    model_event: ModelEvent,
    resolve: Resolver,
    found: Found | None,
    own: tuple[int, int] | None,
    datelines: dict[str, bool],
) -> tuple[Event, list[DocWarning]]:
    """The stored event, and a warning for what of the model's answer was dropped. ``found``:
    the quote finder's spans, to store quotes under its policy (``attach_quotes``); ``own``
    and ``datelines``: see ``event_dates.event_date``."""
    text = parts.text
    actors = unique(
        a for a in model_event.actors if given(a) and a.strip().casefold() not in PRONOUNS
    )
    place = given(model_event.place)
    when, dropped = event_date(parts, model_event, resolve, own, datelines)
    expression = when.expression if when is not None else None
    eid = event_id(parts.id, model_event.description, actors, place, expression)
    statements = [s for s in model_event.statements if s.text.strip()]
    quotes = (
        [statement_quote(text, s) for s in statements]
        if found is None
        else [finder_quote(text, s, found) for s in statements]
    )
    event = Event(
        id=eid,
        description=model_event.description.strip(),
        actors=[mention(text, a) for a in actors],
        place=mention(text, place) if place else None,
        when=when,
        quotes=_verified(quotes),
        unverified_quotes=[q for q in quotes if not q.grounded and q.kind == "direct"],
    )
    notes = [DocWarning(code=code, message=m, event_id=eid) for code, m in dropped]
    return event, notes
