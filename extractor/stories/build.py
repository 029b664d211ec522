"""Stories as published in ``stories.jsonl``: each story's events and what they agree on."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from extractor.contract.story import Story, StoryEvent, StoryWhen
from extractor.stories.facts import Facts, contains, quote_key
from extractor.stories.link import Key
from extractor.stories.names import NameKey

TITLE_CHARS = 100  # a title longer than this is cut at a word
WHO = 3  # names shown as the story's who


def _title(events: Sequence[Facts]) -> str:
    """The description of the event that shares most names with the others, cut short."""

    counts = Counter(n for f in events for n in set(f.names))

    def shared(f: Facts) -> int:
        return sum(counts[n] - 1 for n in set(f.names))

    best = min(events, key=lambda f: (-shared(f), len(f.description), f.key))
    text = " ".join(best.description.split())
    if len(text) <= TITLE_CHARS:
        return text
    return text[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"


def _who(events: Sequence[Facts]) -> list[str]:
    """The names most events give, each shown in its longest written form; a surname alone
    counts for the full name of that surname most events give."""
    firsts: dict[str, Counter[str]] = defaultdict(Counter)
    for f in events:
        for key in f.names:
            if key.first:
                firsts[key.last][key.first[0]] += 1
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for f in events:
        seen: set[str] = set()
        for key, text in zip(f.names, f.shown_names, strict=False):
            k = _person(key, firsts)
            if k not in seen:
                counts[k] += 1
                seen.add(k)
            if len(text) > len(shown.get(k, "")):
                shown[k] = text
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    return [shown[k] for k in ranked[:WHO]]


def _person(key: NameKey, firsts: Mapping[str, Counter[str]]) -> str:
    initial = key.first[0] if key.first else None
    if initial is None and firsts.get(key.last):
        initial = min(firsts[key.last], key=lambda i: (-firsts[key.last][i], i))
    return key.last if initial is None else f"{initial} {key.last}"


def _where(events: Sequence[Facts]) -> str | None:
    places = Counter(f.shown_place for f in events if f.shown_place)
    if not places:
        return None
    return min(places, key=lambda p: (-places[p], p))


def _when(events: Sequence[Facts]) -> StoryWhen | None:
    dated = [f for f in events if f.start is not None and f.end is not None]
    if not dated:
        return None
    days = Counter(f.day for f in dated if f.day)
    value = min(days, key=lambda d: (-days[d], d)) if days else None
    return StoryWhen(
        value=value,
        start=min(f.start for f in dated if f.start is not None),
        end=max(f.end for f in dated if f.end is not None),
    )


def _shared_quotes(events: Sequence[Facts]) -> list[str]:
    """The quotes two or more of the articles give, word for word: one article's quote, or
    the part of a longer quote of another that it is ("the bridge stays open" in "the bridge
    stays open all winter")."""
    shown: dict[str, str] = {}
    keys: dict[str, set[str]] = defaultdict(set)  # article -> its quotes' keys
    for f in events:
        for q in f.quotes:
            k = quote_key(q)
            keys[f.article_id].add(k)
            shown.setdefault(k, q)
    held = {
        k: frozenset(a for a, ks in keys.items() if any(contains(other, k) for other in ks))
        for k in shown
    }
    shared = {k for k, articles in held.items() if len(articles) > 1}
    # a part listed once: not again inside a longer shared quote of the same articles
    kept = [
        k
        for k in shared
        if not any(o != k and contains(o, k) and held[o] == held[k] for o in shared)
    ]
    return sorted(shown[k] for k in kept)


def story(sid: str, events: Sequence[Facts]) -> Story:
    events = sorted(events, key=lambda f: f.key)
    published = [f.published for f in events if f.published is not None]
    return Story(
        id=sid,
        title=_title(events),
        events=[StoryEvent(article_id=f.article_id, event_id=f.event_id) for f in events],
        articles=len({f.article_id for f in events}),
        sources=len({f.source for f in events}),
        first_published=min(published, default=None),
        last_published=max(published, default=None),
        who=_who(events),
        where=_where(events),
        when=_when(events),
        shared_quotes=_shared_quotes(events),
    )


def build(facts: Sequence[Facts], ids: Mapping[Key, str]) -> list[Story]:
    """Every story of ``ids``, sorted by id."""
    groups: dict[str, list[Facts]] = defaultdict(list)
    for f in facts:
        groups[ids[f.key]].append(f)
    return [story(sid, groups[sid]) for sid in sorted(groups)]
