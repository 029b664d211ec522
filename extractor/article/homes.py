"""Where a quote goes among the events: an event's position in the text, an event holding
quotes more (``joined``), and the event the quotes of a dropped event join in the fold
(``Homes``): the one led by its speaker, else one that names its speaker, else the nearest
one before it. Where each quoted span is stored in the end is ``quote_homes``' rule."""

from __future__ import annotations

import bisect
import itertools

from extractor.contract.models import Event, Quote

# An actor of at most this many characters ("UN", "he") names no speaker.
SHORT = 2
# The position of an event with no span at all: after every text.
UNPLACED = 1 << 62
# Past every position, UNPLACED included.
_NOWHERE = 1 << 63


def joined(event: Event, quotes: list[Quote], unverified: list[Quote]) -> Event:
    """``event`` holding ``quotes`` and ``unverified`` too, each quote once."""

    def key(q: Quote) -> tuple[str, str, str]:
        return (q.speaker.text.casefold(), q.text, q.kind)

    held = {key(q): q for q in [*event.quotes, *quotes]}
    unheld = {key(q): q for q in [*event.unverified_quotes, *unverified]}
    return event.model_copy(
        update={"quotes": list(held.values()), "unverified_quotes": list(unheld.values())}
    )


def placed(quote: Quote) -> bool:
    """A verbatim quote with a span: ``quote_homes`` stores it where its speaker leads."""
    return quote.kind == "direct" and quote.span is not None


def position(event: Event) -> int:
    """Where the event sits in the text: its first sentence, else its date or first quote,
    else its first mention."""
    if event.sentences:
        return event.sentences[0].start
    anchors = [q.span for q in event.quotes] + [event.when.span if event.when else None]
    mentions = [m.span for m in event.actors] + [event.place.span if event.place else None]
    for spans in (anchors, mentions):
        starts = [s.start for s in spans if s is not None]
        if starts:
            return min(starts)
    return UNPLACED


def _names_speaker(event: Event, speaker: str, first: bool = False) -> bool:
    """An actor of ``event`` (its first one only: ``first``) is in ``speaker``'s name or
    holds it."""
    wanted = speaker.casefold()
    return any(
        a.text.casefold() in wanted or wanted in a.text.casefold()
        for a in (event.actors[:1] if first else event.actors)
        if len(a.text) > SHORT
    )


class Homes:
    """Where a dropped event's quotes go among ``events`` (``home``), kept up to date as they
    join (``joined``): the events naming each speaker are looked up in an index of their
    actors, and the last event before a position in a tree of the least position of each
    range."""

    def __init__(self, events: list[Event]) -> None:
        self.events = events
        self.positions = [position(e) for e in events]
        self.size = 1 << max(0, len(events) - 1).bit_length()
        self.least = [_NOWHERE] * (2 * self.size)
        self.least[self.size : self.size + len(events)] = self.positions
        for node in range(self.size - 1, 0, -1):
            self.least[node] = min(self.least[2 * node], self.least[2 * node + 1])
        self.by_actor: dict[str, set[int]] = {}
        for number, event in enumerate(events):
            for actor in event.actors:
                if len(actor.text) > SHORT:
                    self.by_actor.setdefault(actor.text.casefold(), set()).add(number)
        self.actors = list(self.by_actor)
        self.lengths = sorted({len(a) for a in self.actors})
        self.starts = list(itertools.accumulate((len(a) + 1 for a in self.actors), initial=0))
        self.joined = "\0".join(self.actors)
        self._naming: dict[str, list[int]] = {}

    def naming(self, speaker: str) -> list[int]:
        """The events with an actor in ``speaker``'s name or holding it (``_names_speaker``)."""
        wanted = speaker.casefold()
        if wanted not in self._naming:
            if "\0" in wanted:
                found = {i for i, e in enumerate(self.events) if _names_speaker(e, speaker)}
            else:
                found = set()
                for length in itertools.takewhile(lambda n: n <= len(wanted), self.lengths):
                    for at in range(len(wanted) - length + 1):  # actors within the speaker
                        found |= self.by_actor.get(wanted[at : at + length], set())
                at = self.joined.find(wanted)
                while at >= 0:  # actors holding the speaker
                    actor = bisect.bisect_right(self.starts, at) - 1
                    found |= self.by_actor[self.actors[actor]]
                    at = self.joined.find(wanted, self.starts[actor + 1])
            self._naming[wanted] = sorted(found)
        return self._naming[wanted]

    def home(self, speaker: str, start: int) -> int:
        """The event a dropped event's quote joins: the nearest whose first actor (its agent,
        when the parse found one) is the speaker, else the nearest naming the speaker, else the
        last one placed before it, else the first."""
        named = self.naming(speaker) if speaker else []
        if named:
            led = [i for i in named if _names_speaker(self.events[i], speaker, first=True)]
            return min(led or named, key=lambda i: abs(self.positions[i] - start))
        if self.least[1] > start:
            return 0
        node = 1
        while node < self.size:  # the rightmost leaf placed at or before ``start``
            node = 2 * node + 1 if self.least[2 * node + 1] <= start else 2 * node
        return node - self.size

    def joined_at(self, number: int, event: Event) -> None:
        """``event`` (with quotes more) now stands at ``number``."""
        self.events[number] = event
        self._place(number, position(event))

    def _place(self, number: int, at: int) -> None:
        self.positions[number] = at
        node = self.size + number
        self.least[node] = at
        while node > 1:
            node //= 2
            self.least[node] = min(self.least[2 * node], self.least[2 * node + 1])
