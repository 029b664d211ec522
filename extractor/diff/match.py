"""Pair the events of one article across two runs: by stable id, then by content similarity.

An event keeps its id while its actors, place, date expression and description stay the same
(``extractor.contract.identity``); when one of those changed, the old and the new event are
paired by a similarity score. Everything here is symmetric and order-free: swapping the sides
swaps the pairs, and the order events come in never changes the result.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.contract.models import Event
from extractor.errors import InternalError
from extractor.text.words import WORD

MIN_DESCRIPTION = 0.5  # events whose descriptions share less than this are never paired
THRESHOLD = 0.7  # the least score of a pair
_WEIGHTS = {"description": 0.4, "actors": 0.3, "place": 0.15, "when": 0.15}


@dataclass(frozen=True)
class Pair:
    old: Event | None
    new: Event | None
    matched_by: str | None  # "id", "similarity", or None for an unpaired event
    score: float | None = None


def norm(text: str | None) -> str:
    """Case, Unicode form and spacing do not count."""
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _words(text: str) -> Counter[str]:
    return Counter(WORD.findall(norm(text)))


def dice(a: str, b: str) -> float:
    """Word overlap of two texts, from 0 to 1 (symmetric)."""
    left, right = _words(a), _words(b)
    total = sum(left.values()) + sum(right.values())
    if total == 0:
        return 1.0
    return 2 * sum((left & right).values()) / total


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def actor_names(event: Event) -> set[str]:
    return {norm(a.text) for a in event.actors}


def similarity(a: Event, b: Event) -> float:
    """How likely two events are one event extracted twice; 0 when descriptions differ."""
    description = dice(a.description, b.description)
    if description < MIN_DESCRIPTION:
        return 0.0
    place = norm(a.place.text if a.place else None) == norm(b.place.text if b.place else None)
    when = norm(a.when.expression if a.when else None) == norm(
        b.when.expression if b.when else None
    )
    return (
        _WEIGHTS["description"] * description
        + _WEIGHTS["actors"] * _jaccard(actor_names(a), actor_names(b))
        + _WEIGHTS["place"] * place
        + _WEIGHTS["when"] * when
    )


def canonical(event: Event) -> str:
    """A total order on events that does not depend on where they came from."""
    return json.dumps(event.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def match(old: Sequence[Event], new: Sequence[Event]) -> list[Pair]:
    """Every event of both sides, paired where possible, in the text order of the newer side."""
    olds = sorted(old, key=canonical)
    news = sorted(new, key=canonical)
    pairs: list[Pair] = []
    by_id: dict[str, list[Event]] = {}
    for event in news:
        by_id.setdefault(event.id, []).append(event)
    left: list[Event] = []
    for event in olds:
        same = by_id.get(event.id)
        if same:
            pairs.append(Pair(event, same.pop(0), "id"))
        else:
            left.append(event)
    right = [event for events in by_id.values() for event in events]
    pairs += _by_similarity(left, sorted(right, key=canonical))
    return sorted(pairs, key=_pair_key)


def _by_similarity(old: list[Event], new: list[Event]) -> list[Pair]:
    keys = {id(e): canonical(e) for e in [*old, *new]}
    candidates = []
    for a in old:
        for b in new:
            score = similarity(a, b)
            if score >= THRESHOLD:
                # Ties break on the pair's two keys in sorted order: the same either way round.
                ka, kb = keys[id(a)], keys[id(b)]
                candidates.append((-score, min(ka, kb), max(ka, kb), a, b))
    candidates.sort(key=lambda c: c[:3])
    taken: set[int] = set()
    pairs = []
    for negative, _, _, a, b in candidates:
        if id(a) in taken or id(b) in taken:
            continue
        taken.update((id(a), id(b)))
        pairs.append(Pair(a, b, "similarity", round(-negative, 3)))
    pairs += [Pair(a, None, None) for a in old if id(a) not in taken]
    pairs += [Pair(None, b, None) for b in new if id(b) not in taken]
    return pairs


def position(event: Event) -> int:
    """Where the event is first mentioned in the text (events with no span come last)."""
    spans = [m.span for m in event.actors]
    spans += [event.place.span if event.place else None, event.when.span if event.when else None]
    spans += [q.span for q in event.quotes]
    starts = [span.start for span in spans if span is not None]
    return min(starts) if starts else 1 << 62


def _pair_key(pair: Pair) -> tuple[int, str, str]:
    """Text order of the newer event; content breaks ties, never the order of the input."""
    event = pair.new or pair.old
    if event is None:
        raise InternalError("an event pair with neither an old nor a new event")
    return (position(event), event.id, canonical(event))
