"""Compare two runs, or two documents, at the level of events."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Collection, Iterable, Mapping

from extractor.contract.models import ArticleDocument, DateResolution, Event, Provenance, Quote
from extractor.diff.match import Pair, canonical, match, norm, position
from extractor.diff.model import (
    CHANGES,
    ArticleDiff,
    Cause,
    EventChange,
    FieldChange,
    Kind,
    RunDiff,
    Snapshot,
    StoryChange,
)
from extractor.diff.stories import diff_stories


def diff_runs(old: Snapshot, new: Snapshot) -> RunDiff:
    """Every article of either run: added, removed, failed (in the new run, whatever document
    an earlier run left for it), changed or unchanged."""
    ids = sorted(set(old.documents) | set(new.documents) | set(new.failures))
    articles = []
    for article_id in ids:
        before, after = old.documents.get(article_id), new.documents.get(article_id)
        if article_id in new.failures:  # any document is an earlier run's, kept
            articles.append(ArticleDiff(article_id, "failed", failure=new.failures[article_id]))
        elif before is None and after is not None:
            events = tuple(EventChange("added", None, e) for e in _ordered(after.events))
            articles.append(ArticleDiff(article_id, "added", events))
        elif after is None and before is not None:
            events = tuple(EventChange("removed", e, None) for e in _ordered(before.events))
            articles.append(ArticleDiff(article_id, "removed", events))
        elif before is not None and after is not None:
            articles.append(diff_documents(before, after))
    stories = None
    if old.stories is not None or new.stories is not None:
        stories = diff_stories(old.stories or {}, new.stories or {})
    return RunDiff(old.label, new.label, tuple(articles), run_causes(old, new), stories)


def diff_documents(old: ArticleDocument, new: ArticleDocument) -> ArticleDiff:
    """Two versions of one article (under the new document's id)."""
    events = tuple(_event_change(pair) for pair in match(old.events, new.events))
    fields = _article_fields(old, new)
    changed = fields or any(e.kind != "unchanged" for e in events)
    return ArticleDiff(
        new.id,
        "changed" if changed else "unchanged",
        events,
        fields,
        _document_causes(old, new),
    )


def select(
    diff: RunDiff,
    *,
    articles: Collection[str] = (),
    kinds: Collection[Kind] | None = None,
) -> RunDiff:
    """Only the articles whose id matches one of ``articles`` (glob patterns; none: all), and
    only the events and articles of one of ``kinds`` (None: all)."""
    kept = []
    for article in diff.articles:
        if articles and not any(fnmatch.fnmatchcase(article.id, p) for p in articles):
            continue
        if kinds is None:
            kept.append(article)
            continue
        events = tuple(e for e in article.events if e.kind in kinds)
        if article.kind in kinds or events:
            kept.append(
                ArticleDiff(
                    article.id,
                    article.kind,
                    events,
                    article.fields,
                    article.causes,
                    article.failure,
                )
            )
    return RunDiff(
        diff.old, diff.new, tuple(kept), diff.causes, _stories(diff.stories, articles, kinds)
    )


def _stories(
    stories: tuple[StoryChange, ...] | None,
    articles: Collection[str],
    kinds: Collection[Kind] | None,
) -> tuple[StoryChange, ...] | None:
    """The stories of one of ``kinds`` that an event of one of ``articles`` joined or left."""
    if stories is None:
        return None

    def touches(story: StoryChange) -> bool:
        ids = [e.split("/", 1)[0] for e in (*story.joined, *story.left)]
        return any(fnmatch.fnmatchcase(i, p) for i in ids for p in articles)

    return tuple(
        s for s in stories if (kinds is None or s.kind in kinds) and (not articles or touches(s))
    )


def has_changes(diff: RunDiff, kinds: Collection[Kind] | None = None) -> bool:
    """Whether any article or event was added, removed, changed or failed (among ``kinds``)."""
    counted = CHANGES if kinds is None else CHANGES & set(kinds)
    if any(s.kind in counted for s in diff.stories or ()):
        return True
    return any(a.kind in counted or any(e.kind in counted for e in a.events) for a in diff.articles)


def _ordered(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (position(e), e.id, canonical(e)))


def _event_change(pair: Pair) -> EventChange:
    if pair.old is None:
        return EventChange("added", None, pair.new)
    if pair.new is None:
        return EventChange("removed", pair.old, None)
    fields = event_fields(pair.old, pair.new)
    return EventChange(
        "changed" if fields else "unchanged",
        pair.old,
        pair.new,
        "similarity" if pair.matched_by == "similarity" else "id",
        pair.score,
        fields,
    )


def event_fields(old: Event, new: Event) -> tuple[FieldChange, ...]:
    """The fields that differ between two versions of an event (spans moving do not count)."""
    changes: list[FieldChange] = []
    if old.description != new.description:
        changes.append(FieldChange("description", old.description, new.description))
    _members(changes, "actors", [a.text for a in old.actors], [a.text for a in new.actors])
    old_place = old.place.text if old.place else None
    new_place = new.place.text if new.place else None
    if norm(old_place) != norm(new_place):
        changes.append(FieldChange("place", old_place, new_place))
    old_when = old.when.expression if old.when else None
    new_when = new.when.expression if new.when else None
    if norm(old_when) != norm(new_when):
        changes.append(FieldChange("when", old_when, new_when))
    old_date = describe_date(old.when.resolution) if old.when else None
    new_date = describe_date(new.when.resolution) if new.when else None
    if old_date != new_date:
        changes.append(FieldChange("date", old_date, new_date))
    old_tense = old.when.tense if old.when else None
    new_tense = new.when.tense if new.when else None
    if old_tense != new_tense:
        changes.append(FieldChange("tense", old_tense, new_tense))
    _members(changes, "quotes", _quotes(old.quotes), _quotes(new.quotes))
    _members(
        changes, "unverified_quotes", _quotes(old.unverified_quotes), _quotes(new.unverified_quotes)
    )
    _members(changes, "grounded", _grounded(old), _grounded(new))
    return tuple(changes)


def describe_date(resolution: DateResolution) -> str:
    """A date resolution in a few words: '2017-04 [2017-04-01..2017-04-30] (month, resolved)'."""
    if resolution.status == "unresolved":
        return "unresolved" + (f" ({resolution.value})" if resolution.value else "")
    value = resolution.value or "+".join(resolution.values) or "?"
    start, end = resolution.start, resolution.end
    extent = f" [{start}..{end}]" if start and end and start != end else ""
    return f"{value}{extent} ({resolution.granularity}, {resolution.status})"


def _members(changes: list[FieldChange], name: str, old: list[str], new: list[str]) -> None:
    before = {norm(x): x for x in old}
    after = {norm(x): x for x in new}
    added = tuple(after[k] for k in sorted(after.keys() - before.keys()))
    removed = tuple(before[k] for k in sorted(before.keys() - after.keys()))
    if added or removed:
        changes.append(FieldChange(name, added=added, removed=removed))


def _quotes(quotes: list[Quote]) -> list[str]:
    return [
        f'{q.speaker.text}: "{q.text}"' + (" (indirect)" if q.kind == "indirect" else "")
        for q in quotes
    ]


def _grounded(event: Event) -> list[str]:
    """The mentions found in the text: a change says which ones were gained or lost."""
    names = [f"actor {a.text}" for a in event.actors if a.grounded]
    if event.place and event.place.grounded:
        names.append(f"place {event.place.text}")
    if event.when and event.when.grounded:
        names.append(f"date {event.when.expression}")
    return names


def _article_fields(old: ArticleDocument, new: ArticleDocument) -> tuple[FieldChange, ...]:
    changes = []
    if old.title != new.title:
        changes.append(FieldChange("title", old.title, new.title))
    old_date, new_date = old.published.value, new.published.value
    if old_date != new_date:
        changes.append(
            FieldChange(
                "published",
                old_date.isoformat() if old_date else None,
                new_date.isoformat() if new_date else None,
            )
        )
    if old.text_sha256 != new.text_sha256:
        changes.append(FieldChange("text", old.text_sha256[:12], new.text_sha256[:12]))
    _members(changes, "quotes", _quotes(old.quotes), _quotes(new.quotes))  # those apart
    return tuple(changes)


# Provenance fields that can explain a difference: name -> how to show the value.
_PROVENANCE: dict[str, Callable[[Provenance], str]] = {
    "model": lambda p: p.model + (f" ({p.model_sha256[:12]})" if p.model_sha256 else ""),
    "prompt": lambda p: f"{p.prompt_id} {p.prompt_sha256[:12]}",
    "schema_version": lambda p: p.schema_version,
    "extractor_version": lambda p: p.extractor_version,
    "sampling": lambda p: (
        f"temperature={p.sampling.temperature} seed={p.sampling.seed} "
        f"max_tokens={p.sampling.max_tokens}"
    ),
    "response_format": lambda p: p.response_format,
    "endpoint": lambda p: p.endpoint,
}


def _document_causes(old: ArticleDocument, new: ArticleDocument) -> tuple[Cause, ...]:
    causes = [
        Cause(name, show(old.provenance), show(new.provenance))
        for name, show in _PROVENANCE.items()
        if show(old.provenance) != show(new.provenance)
    ]
    if old.source.input_sha256 != new.source.input_sha256:
        causes.append(Cause("input", old.source.input_sha256[:12], new.source.input_sha256[:12]))
    return tuple(causes)


def run_causes(old: Snapshot, new: Snapshot) -> tuple[Cause, ...]:
    """What differs between the runs as a whole: provenance, version, configuration, inputs."""
    causes = []
    for name, show in _PROVENANCE.items():
        before = sorted({show(d.provenance) for d in old.documents.values()})
        after = sorted({show(d.provenance) for d in new.documents.values()})
        if before and after and before != after:
            causes.append(Cause(name, ", ".join(before), ", ".join(after)))
    if (
        old.extractor_version
        and new.extractor_version
        and old.extractor_version != new.extractor_version
        and not any(c.field == "extractor_version" for c in causes)
    ):
        causes.append(Cause("extractor_version", old.extractor_version, new.extractor_version))
    causes += _config_causes(old.config, new.config)
    inputs = tuple(
        article_id
        for article_id in sorted(set(old.documents) & set(new.documents))
        if old.documents[article_id].source.input_sha256
        != new.documents[article_id].source.input_sha256
    )
    if inputs:
        total = len(set(old.documents) & set(new.documents))
        causes.append(
            Cause("input", None, f"{len(inputs)} of {total} articles changed", articles=inputs)
        )
    return tuple(causes)


def _config_causes(old: Mapping[str, object], new: Mapping[str, object]) -> list[Cause]:
    if not old or not new:
        return []
    return [
        Cause(
            f"config.{key}",
            None if key not in old else str(old[key]),
            None if key not in new else str(new[key]),
        )
        for key in sorted(old.keys() | new.keys())
        if old.get(key, ...) != new.get(key, ...)
    ]
