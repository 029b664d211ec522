"""What a diff says: per article and per event, what changed, and why it may have."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from extractor.contract.models import ArticleDocument, Event
from extractor.contract.story import Story
from extractor.errors import InternalError

Kind = Literal["added", "removed", "changed", "unchanged", "failed"]
KINDS: tuple[Kind, ...] = ("added", "removed", "changed", "unchanged", "failed")
CHANGES: frozenset[Kind] = frozenset({"added", "removed", "changed", "failed"})
MatchedBy = Literal["id", "similarity"]
Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class Snapshot:
    """One side of a diff: a run (or a single document), already read and parsed."""

    label: str
    documents: Mapping[str, ArticleDocument]
    failures: Mapping[str, str] = field(default_factory=dict)  # article id -> why it failed
    extractor_version: str | None = None
    config: Mapping[str, Scalar] = field(default_factory=dict)
    stories: Mapping[str, Story] | None = None  # by id; None: the run has no stories.jsonl


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: a value replaced (old, new) or members added and removed."""

    field: str
    old: str | None = None
    new: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventChange:
    kind: Kind  # added, removed, changed or unchanged
    old: Event | None
    new: Event | None
    matched_by: MatchedBy | None = None
    score: float | None = None  # content similarity, for events matched by similarity
    fields: tuple[FieldChange, ...] = ()

    @property
    def event(self) -> Event:
        found = self.new or self.old
        if found is None:
            raise InternalError("an event change with neither an old nor a new event")
        return found

    @property
    def id(self) -> str:
        return self.event.id


@dataclass(frozen=True)
class Cause:
    """A difference between the two runs that can explain different results."""

    field: str  # model, prompt, schema_version, extractor_version, sampling, input, config.KEY
    old: str | None
    new: str | None
    articles: tuple[str, ...] = ()  # at run level: the articles it concerns, when not all


@dataclass(frozen=True)
class ArticleDiff:
    id: str
    kind: Kind
    events: tuple[EventChange, ...] = ()
    fields: tuple[FieldChange, ...] = ()  # title, published, text, quotes (those apart)
    causes: tuple[Cause, ...] = ()
    failure: str | None = None  # why the new run failed on it


@dataclass(frozen=True)
class StoryChange:
    """A story of either run, by its id: added, removed, changed (events joined or left it)
    or unchanged. Events are shown as ``article_id/event_id``."""

    id: str
    kind: Kind
    title: str
    sources: tuple[int | None, int | None]  # (old, new)
    articles: tuple[int | None, int | None] = (None, None)  # (old, new)
    joined: tuple[str, ...] = ()
    left: tuple[str, ...] = ()

    @property
    def told_by_many(self) -> bool:
        """Whether more than one article tells it, on either side."""
        return any(n is not None and n > 1 for n in self.articles)


@dataclass(frozen=True)
class Summary:
    articles: Mapping[Kind, int]
    events: Mapping[Kind, int]


@dataclass(frozen=True)
class RunDiff:
    old: str
    new: str
    articles: tuple[ArticleDiff, ...]
    causes: tuple[Cause, ...] = ()
    stories: tuple[StoryChange, ...] | None = None  # None: neither run has stories

    def summary(self) -> Summary:
        articles = dict.fromkeys(KINDS, 0)
        events = dict.fromkeys(KINDS, 0)
        for article in self.articles:
            articles[article.kind] += 1
            for change in article.events:
                events[change.kind] += 1
        return Summary(articles, events)
