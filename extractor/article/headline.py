"""A headline no answer told an event in joins the event below that it tells.

A headline tells an event below it in one of two ways:
- by that event's trigger word, endings aside, with another word of its description or
  actors in common ("Acme Opens Plant In Lindby" and "Acme opened its plant on Monday"); of
  several, the one sharing most words, the first of equals; a plan, its verb after "to", is
  not told by a past event ("Acme To Open Plant" and "Acme opened a plant in 1996");
- by its speaker, as headlines write one: a name and a colon ("Lee: Port 'will reopen'");
  then the first event whose trigger is a verb of speech and whose first actor is that party
  ("Ann Lee said on Monday …").

The event then holds the headline's sentence first. Its id and slots stay.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.article.attribution import LABEL
from extractor.article.event_dates import headline_end
from extractor.article.ground import exact_span
from extractor.article.homes import position
from extractor.article.occasions import SPEAKING
from extractor.article.retellings import stems
from extractor.article.slots import same_entity
from extractor.contract.models import Event
from extractor.text.numbered import index

# A headline's verb after "to" tells a plan ("Acme To Open Plant").
_PLANNED = re.compile(r"\b[Tt]o\s+([A-Za-z]+)")


def with_headline(text: str, events: Sequence[Event]) -> list[Event]:
    """``events`` with the headline among the sentences of the event it tells (see the module
    docstring), when no event is told in the headline; then in text order again (that event
    first). Otherwise ``events`` as they were, so nothing else moves in a diff."""
    end = headline_end(text)
    if not end or any(s.start < end for e in events for s in e.sentences):
        return list(events)
    headline = text[:end]
    number = _by_verb(headline, events)
    if number is None:
        number = _by_speaker(headline, events)
    if number is None:
        return list(events)
    first = next(s for s in index(text).spans if s[0] < end)
    event = events[number]
    told = event.model_copy(update={"sentences": [exact_span(text, first), *event.sentences]})
    joined = [told if n == number else e for n, e in enumerate(events)]
    return sorted(joined, key=lambda e: (position(e), e.id))


def _by_verb(headline: str, events: Sequence[Event]) -> int | None:
    """The event whose trigger word the headline writes, sharing most other words with it;
    not a past one for a headline's plan ("Acme To Open Plant": not "Acme opened a plant in
    1996")."""
    words = stems(headline)
    planned = stems(" ".join(_PLANNED.findall(headline)))
    best, shared = None, 0
    for number, event in enumerate(events):
        trigger = stems(event.trigger.text) if event.trigger is not None else set()
        if not trigger & words:
            continue
        if event.tense == "past" and trigger & planned:
            continue
        told = stems(" ".join([event.description, *(a.text for a in event.actors)])) - trigger
        common = len(told & words)
        if common > shared:
            best, shared = number, common
    return best


def _by_speaker(headline: str, events: Sequence[Event]) -> int | None:
    """The first event of speech led by the speaker a headline names before a colon."""
    label = LABEL.match(headline)
    if label is None:
        return None
    name = label.group(1)  # "Update: …" names no speaker of an event
    for number, event in enumerate(events):
        spoken = event.trigger is not None and event.trigger.text.casefold() in SPEAKING
        if spoken and event.actors and same_entity(event.actors[0].text, name):
            return number
    return None
