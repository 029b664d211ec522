"""Every quoted span the finder found that no event holds, stored with the speaker the text
gives, under the event that names that speaker or else the nearest event before it."""

from __future__ import annotations

from collections.abc import Mapping

from extractor.article.attach_quotes import found_quote
from extractor.article.homes import Homes
from extractor.article.parts import ArticleParts
from extractor.article.quotes import FoundQuote
from extractor.contract.identity import event_id
from extractor.contract.models import Event, Quote, SpeakerSource


def add_left_over(
    parts: ArticleParts,
    ordered: list[Event],
    found: Mapping[FoundQuote, str | None],
    how: Mapping[FoundQuote, SpeakerSource] | None = None,
) -> list[Event]:
    """Store every quoted span no event holds, with the speaker the text gives."""
    held = {q.span.start for e in ordered for q in e.quotes if q.span is not None}
    events = list(ordered)
    places = Homes(events)
    added: dict[int, list[Quote]] = {}  # stored at the end, each event copied once
    for quote, name in found.items():
        if quote.start in held:
            continue
        stored = found_quote(parts.text, name or "", quote, None, (how or {}).get(quote, "rules"))
        if not events:
            actors = [stored.speaker] if name else []
            description = f"{name} is quoted." if name else "Statements quoted in the article."
            eid = event_id(parts.id, description, [name] if name else [], None, None)
            events.append(
                Event(
                    id=eid,
                    description=description,
                    actors=actors,
                    place=None,
                    when=None,
                    quotes=[],
                    unverified_quotes=[],
                )
            )
            places = Homes(events)
        home = places.home(name or "", quote.start)
        places.quoted_at(home, quote.start)
        added.setdefault(home, []).append(stored)
    for home, quotes in added.items():
        events[home] = events[home].model_copy(update={"quotes": [*events[home].quotes, *quotes]})
    return events
