"""A headline no answer told an event in joins the event below that it tells; a lede
sentence no answer told an event in joins the headline's event that it tells again.

A headline tells an event below it in one of two ways:
- by that event's verb, endings aside, with another word of its description or actors in
  common ("Acme Opens Plant In Lindby" and "Acme opened its plant on Monday"); of several,
  the one sharing most words, the first of equals; a plan, its verb after "to", is not told
  by a past event ("Acme To Open Plant" and "Acme opened a plant in 1996"). An event's verb
  is its trigger word, and for an event told in the lede (the ``LEDE`` sentences under the
  headline) also its sentence's main verb (the root of its parse): "Acme has opened a plant
  to make toys", whose answer calls "make" the trigger, tells "Acme Opens Plant";
- by its speaker, as headlines write one: a name and a colon ("Lee: Port 'will reopen'");
  then the first event whose trigger is a verb of speech and whose first actor is that party
  ("Ann Lee said on Monday …").

The event then holds the headline's sentence first. Its id and slots stay.

A lede sentence no event is told in tells the headline's event again when its main verb is
that event's trigger word, endings aside, and one of the participants the parse gives that
verb (``slots.sentence_participants``) is among its actors ("Acme Shuts Vale Plant" over
"Acme, the toy maker, has shut its Vale plant after 40 years"): the event then holds that
sentence too. Its id and slots stay.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from extractor.article.attribution import LABEL
from extractor.article.event_dates import headline_end, lede
from extractor.article.ground import exact_span
from extractor.article.homes import position
from extractor.article.nominal import told_in
from extractor.article.occasions import SPEAKING
from extractor.article.retellings import stems
from extractor.article.slots import same_entity, sentence_participants
from extractor.contract.models import Event
from extractor.text.numbered import index
from extractor.text.parser import Parse

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A headline's verb after "to" tells a plan ("Acme To Open Plant").
_PLANNED = re.compile(r"\b[Tt]o\s+([A-Za-z]+)")


def with_headline(
    text: str, events: Sequence[Event], sentences: Sequence[tuple[int, int]], parse: Parse
) -> list[Event]:
    """``events`` with the headline among the sentences of the event it tells (see the module
    docstring), when no event is told in the headline; then in text order again (that event
    first). Otherwise ``events`` as they were, so nothing else moves in a diff."""
    end = headline_end(text)
    if not end or any(s.start < end for e in events for s in e.sentences):
        return list(events)
    headline = text[:end]
    number = _by_verb(headline, events, _lede_verbs(text, events, sentences, parse))
    if number is None:
        number = _by_speaker(headline, events)
    if number is None:
        return list(events)
    first = next(s for s in index(text).spans if s[0] < end)
    event = events[number]
    told = event.model_copy(update={"sentences": [exact_span(text, first), *event.sentences]})
    joined = [told if n == number else e for n, e in enumerate(events)]
    return sorted(joined, key=lambda e: (position(e), e.id))


def _main_verb(doc: Doc) -> Token | None:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return root if root is not None and root.tag_.startswith("VB") else None


def _lede_verbs(
    text: str, events: Sequence[Event], sentences: Sequence[tuple[int, int]], parse: Parse
) -> dict[int, set[str]]:
    """The stems of the main verb of each lede sentence an event is told in, by the
    sentence's start."""
    told = {s.start for e in events for s in e.sentences}
    under = [s for s in lede(text, sentences) if s[0] in told]
    docs = parse([text[a:b] for a, b in under])
    verbs = {s[0]: _main_verb(doc) for s, doc in zip(under, docs, strict=True)}
    return {at: stems(verb.text) for at, verb in verbs.items() if verb is not None}


def _by_verb(headline: str, events: Sequence[Event], lede_verbs: dict[int, set[str]]) -> int | None:
    """The event whose verb (its trigger word; in the lede, its sentence's main verb too:
    ``lede_verbs``) the headline writes, sharing most other words with it; not a past one for
    a headline's plan ("Acme To Open Plant": not "Acme opened a plant in 1996")."""
    words = stems(headline)
    planned = stems(" ".join(_PLANNED.findall(headline)))
    best, shared = None, 0
    for number, event in enumerate(events):
        trigger = stems(event.trigger.text) if event.trigger is not None else set()
        for sentence in event.sentences:
            trigger |= lede_verbs.get(sentence.start, set())
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


def lede_joined(
    text: str, events: Sequence[Event], sentences: Sequence[tuple[int, int]], parse: Parse
) -> list[Event]:
    """``events`` with each lede sentence no event is told in among the sentences of the
    headline's event it tells again (see the module docstring)."""
    end = headline_end(text)
    headed = [
        n for n, e in enumerate(events) if e.trigger and e.sentences and e.sentences[0].start < end
    ]
    told = {(s.start, s.end) for e in events for s in e.sentences}
    untold = [s for s in lede(text, sentences) if s not in told] if headed else []
    joined = list(events)
    for sentence, doc in zip(untold, parse([text[a:b] for a, b in untold]), strict=True):
        verb = _main_verb(doc)
        names = sentence_participants(verb) if verb is not None else []
        for number in headed if verb is not None and names else ():
            event = joined[number]
            trigger = stems(event.trigger.text) if event.trigger is not None else set()
            named = any(same_entity(a.text, n) for a in event.actors for n in names)
            if verb is not None and stems(verb.text) & trigger and named:
                joined[number] = told_in(text, event, sentence)
                break
    return joined
