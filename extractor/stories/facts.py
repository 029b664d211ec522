"""What the linker knows of one event: read from its document once, and small enough to keep
in the run's state, so that tonight's events can join a story whose documents are gone.

Only the event's own fields are read (actors, place, when, quotes, description) and its
article's publication date and outlet.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from extractor.contract.models import ArticleDocument, Event
from extractor.dates import day_of_month
from extractor.stories.names import NameKey, completed, name_key
from extractor.stories.rules import ACTION_KINDS, QUOTE_RUN, Rules
from extractor.text.lexicon import STOP_WORDS
from extractor.text.names import holds_name

_QUOTE_WORD = re.compile(r"\w+")
_PLACE_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


@dataclass(frozen=True)
class Facts:
    """One event, as the linker sees it. ``key`` is (article id, event id)."""

    article_id: str
    event_id: str
    source: str  # the outlet: the article's source, its URL's host, else the article
    published: dt.date | None
    names: tuple[NameKey, ...]
    start: dt.date | None  # the event's resolved date, None when unresolved
    end: dt.date | None
    day: str | None  # the resolved value when it is one day, e.g. 2020-05-04
    places: frozenset[str]  # the place's words, lower case
    quotes: tuple[str, ...]  # verbatim quotes long enough to tell, as written
    kinds: frozenset[str]
    description: str
    # For the story's canonical who and where: the names and place as written.
    shown_names: tuple[str, ...] = ()
    shown_place: str | None = None
    # (month, day) of a date written with no year and left unresolved ("March 31" in an
    # article with no publication date): still a day of the year that tells events apart
    month_day: tuple[int, int] | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.article_id, self.event_id

    @functools.cached_property
    def quote_keys(self) -> frozenset[str]:
        return frozenset(map(quote_key, self.quotes))

    @functools.cached_property
    def quote_runs(self) -> frozenset[str]:
        """Every run of ``QUOTE_RUN`` words of its quotes: two outlets quoting one statement
        at different lengths ("will never turn off dialogue with Russia") share them."""
        return frozenset(run for key in self.quote_keys for run in word_runs(key))


def outlet(document: ArticleDocument) -> str:
    source = document.source
    if source.source:
        return source.source.strip().lower()
    if source.url:
        host = urlsplit(source.url).hostname or ""
        return host.removeprefix("www.") or document.id
    return document.id


def quote_key(text: str) -> str:
    return " ".join(_QUOTE_WORD.findall(text.lower()))


def contains(key: str, part: str) -> bool:
    """Whether the quote key ``part`` is ``key`` or a run of its words."""
    return f" {part} " in f" {key} "


def word_runs(key: str, size: int = QUOTE_RUN) -> Iterator[str]:
    """The runs of ``size`` consecutive words of a quote's key (the whole key when shorter)."""
    words = key.split()
    for start in range(max(1, len(words) - size + 1)):
        yield " ".join(words[start : start + size])


# Each word beginning of ``ACTION_KINDS`` with the kinds it and the beginnings it starts with
# name ("fire": disaster and departure), so one pass over a description finds them all (the
# longest beginning at each word, and with it every shorter one).
_STEM_KINDS: dict[str, frozenset[str]] = {
    stem: frozenset(
        kind for kind, stems in ACTION_KINDS.items() for other in stems if stem.startswith(other)
    )
    for stems in ACTION_KINDS.values()
    for stem in stems
}
_STEMS = re.compile(
    " (?=(" + "|".join(sorted(map(re.escape, _STEM_KINDS), key=len, reverse=True)) + "))"
)


def kinds_of(description: str) -> frozenset[str]:
    """The kinds of action one of whose word beginnings starts a word of ``description``."""
    words = " " + " ".join(_QUOTE_WORD.findall(description.lower())) + " "
    return frozenset(k for m in _STEMS.finditer(words) for k in _STEM_KINDS[m.group(1)])


def _place_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _PLACE_WORD.findall(text) if w[0].isupper()) - STOP_WORDS


def _one_each(names: dict[NameKey, str]) -> dict[NameKey, str]:
    """One key a party: "Mattis" and "James Mattis" in one event are one person (the fuller
    key kept), so a second mention counts no second time as evidence."""
    kept: dict[NameKey, str] = {}
    for key in sorted(names, key=lambda k: (k.first is None, -k.words)):
        if not any(key.same(other) for other in kept):
            kept[key] = names[key]
    return kept


def _order(key: NameKey) -> tuple[str, str, int]:
    return key.last, key.first or "", key.words


def event_facts(document: ArticleDocument, event: Event, rules: Rules) -> Facts:
    names: dict[NameKey, str] = {}
    # its actors; its quotes' speakers only when it names no actor (a quote a report of
    # another's act gives, "X took umbrage at Y's words “…”", is no act of Y's)
    speakers = [] if event.actors else [q.speaker for q in event.quotes]
    for mention in [*event.actors, *speakers]:
        key = name_key(mention.text)
        # a word capitalised only to open a sentence ("Despite") names nobody
        if key is None or not holds_name(document.text, mention.text):
            continue
        if rules.complete_names:
            key = completed(key, document.text)  # "Mr Lee" is the article's "Ann Lee"
        names.setdefault(key, mention.text)
    names = _one_each(names)
    resolution = event.when.resolution if event.when else None
    start = resolution.start if resolution else None
    end = resolution.end if resolution else None
    day = resolution.value if resolution and start is not None and start == end else None
    quotes = tuple(
        dict.fromkeys(
            q.text
            for q in event.quotes
            if q.kind == "direct"
            and q.grounded
            and len(quote_key(q.text).split()) >= rules.quote_words
        )
    )
    place = event.place.text if event.place else None
    unresolved = event.when is not None and start is None
    return Facts(
        article_id=document.id,
        event_id=event.id,
        source=outlet(document),
        published=document.published.value,
        names=tuple(sorted(names, key=_order)),
        start=start,
        end=end,
        day=day,
        places=_place_words(place) if place else frozenset(),
        quotes=quotes,
        kinds=kinds_of(event.description),
        description=event.description,
        shown_names=tuple(names[k] for k in sorted(names, key=_order)),
        shown_place=place,
        month_day=day_of_month(event.when.expression) if unresolved and event.when else None,
    )


def document_facts(document: ArticleDocument, rules: Rules) -> Iterator[Facts]:
    for event in document.events:
        yield event_facts(document, event, rules)


# --- kept in the run's state as JSON ------------------------------------------------------


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def to_json(facts: Facts) -> dict[str, Any]:
    return {
        "article_id": facts.article_id,
        "event_id": facts.event_id,
        "source": facts.source,
        "published": _day(facts.published),
        "names": [[n.last, n.first, n.words] for n in facts.names],
        "start": _day(facts.start),
        "end": _day(facts.end),
        "day": facts.day,
        "places": sorted(facts.places),
        "quotes": list(facts.quotes),
        "kinds": sorted(facts.kinds),
        "description": facts.description,
        "shown_names": list(facts.shown_names),
        "shown_place": facts.shown_place,
        "month_day": list(facts.month_day) if facts.month_day else None,
    }


def from_json(data: dict[str, Any]) -> Facts:
    return Facts(
        article_id=data["article_id"],
        event_id=data["event_id"],
        source=data["source"],
        published=_date(data["published"]),
        names=tuple(NameKey(last, first, words) for last, first, words in data["names"]),
        start=_date(data["start"]),
        end=_date(data["end"]),
        day=data["day"],
        places=frozenset(data["places"]),
        quotes=tuple(data["quotes"]),
        kinds=frozenset(data["kinds"]),
        description=data["description"],
        shown_names=tuple(data["shown_names"]),
        shown_place=data["shown_place"],
        month_day=_month_day(data.get("month_day")),  # absent in states of earlier versions
    )


def _month_day(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if isinstance(value, list) and len(value) == 2 else None
