"""A speaker's name as stored: the name before an apposition, the fuller of two forms of
one name, and one form for a quoted span several events hold."""

from __future__ import annotations

import re

from extractor.contract.models import Event, Mention, Quote


def speaker_name(speaker: str) -> str:
    """The name before an apposition ("Ann Lee, project manager at X" -> "Ann Lee")."""
    head = speaker.split(",")[0].strip()
    return head or speaker.strip()


def preferred(named: str | None, given: str) -> str:
    """The sentence's speaker, unless the model gave a fuller form of the same name."""
    if not named:
        return given
    if re.search(rf"(?<!\w){re.escape(named)}(?!\w)", given, re.IGNORECASE):
        return given
    return named


def one_speaker(events: list[Event]) -> list[Event]:
    """A quoted span held by several events under forms of one name ("Harbour Trust",
    "Friends of the Harbour Trust") takes the fullest form in each."""
    forms: dict[int, dict[str, Mention]] = {}
    for quote in (q for e in events for q in e.quotes):
        if quote.span is not None:
            forms.setdefault(quote.span.start, {})[quote.speaker.text] = quote.speaker
    fullest = {}
    for start, names in forms.items():
        longest = max(names, key=lambda n: (len(n), n))
        if len(names) > 1 and all(preferred(n, longest) == longest for n in names):
            fullest[start] = names[longest]

    def fixed(quote: Quote) -> Quote:
        speaker = fullest.get(quote.span.start) if quote.span is not None else None
        return quote if speaker is None else quote.model_copy(update={"speaker": speaker})

    return [e.model_copy(update={"quotes": [fixed(q) for q in e.quotes]}) for e in events]
