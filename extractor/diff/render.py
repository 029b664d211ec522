"""A diff as coloured terminal text, Markdown, or JSON."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from extractor.contract.models import Event
from extractor.diff.model import (
    KINDS,
    ArticleDiff,
    Cause,
    EventChange,
    FieldChange,
    RunDiff,
    StoryChange,
)

_SIGNS = {"added": "+", "removed": "-", "changed": "~", "unchanged": "=", "failed": "!"}
_COLOURS = {"added": "32", "removed": "31", "changed": "33", "unchanged": "2", "failed": "1;35"}
_CAUSE_NAMES = {
    "model": "model",
    "prompt": "prompt",
    "schema_version": "schema version",
    "extractor_version": "extractor version",
    "sampling": "sampling",
    "response_format": "response format",
    "endpoint": "endpoint",
    "input": "input",
    "config.code_sha256": "extractor code",
}


def render_text(diff: RunDiff, *, summary_of: RunDiff | None = None, color: bool = False) -> str:
    """A readable report; ``summary_of``: the diff whose counts head it (default: ``diff``)."""

    def paint(kind: str, text: str) -> str:
        return f"\x1b[{_COLOURS[kind]}m{text}\x1b[0m" if color else text

    def safe(text: str) -> str:  # ids and messages too: no escape sequences from the data
        return _CONTROL.sub(" ", text)

    lines = [safe(f"Comparing {diff.old} -> {diff.new}")]
    if diff.causes:
        lines.append("Why results may differ:")
        lines += [safe(f"  {_cause(c)}") for c in diff.causes]
    lines += _counts_lines(summary_of or diff)
    for article in diff.articles:
        lines.append("")
        lines.append(paint(article.kind, safe(_article_head(article))))
        for change in article.fields:
            lines.append(f"    {_field(change, quote=_plain)}")
        for event in article.events:
            lines.append(paint(event.kind, f"  {_event_head(event, quote=_plain)}"))
            for change in event.fields:
                lines.append(f"      {_field(change, quote=_plain)}")
    if diff.stories is not None:
        lines += ["", _story_counts(summary_of or diff)]
        for story in _shown(diff.stories):
            lines.append(paint(story.kind, safe(_story_head(story, _plain))))
            lines += [f"    + {e}" for e in story.joined]
            lines += [f"    - {e}" for e in story.left]
    return "\n".join(lines) + "\n"


def render_markdown(diff: RunDiff, *, summary_of: RunDiff | None = None) -> str:
    """Markdown for a pull request or an e-mail; all article text is escaped."""
    lines = [f"## Extraction diff: {_code(diff.old)} → {_code(diff.new)}", ""]
    if diff.causes:
        lines.append("**Why results may differ**")
        lines.append("")
        lines += [f"- {_md(_cause(c, arrow=' → '))}" for c in diff.causes]
        lines.append("")
    summary = (summary_of or diff).summary()
    lines.append("| | " + " | ".join(k.capitalize() for k in KINDS) + " |")
    lines.append("|---|" + "---:|" * len(KINDS))
    lines.append("| Articles | " + " | ".join(str(summary.articles[k]) for k in KINDS) + " |")
    lines.append(
        "| Events | "
        + " | ".join("–" if k == "failed" else str(summary.events[k]) for k in KINDS)
        + " |"
    )
    for article in diff.articles:
        lines += ["", f"### {_SIGNS[article.kind]} {_code(article.id)} {article.kind}"]
        notes = _article_notes(article)
        if notes:
            lines += ["", f"_{_md(notes)}_"]
        if article.fields or article.events:
            lines.append("")
        lines += [f"- {_field(change, quote=_md, arrow=' → ')}" for change in article.fields]
        for event in article.events:
            lines.append(f"- **{event.kind}** {_event_head(event, quote=_md, markdown=True)}")
            lines += [f"  - {_field(change, quote=_md, arrow=' → ')}" for change in event.fields]
    if diff.stories is not None:
        lines += ["", "### Stories", "", _story_counts(summary_of or diff)]
        if _shown(diff.stories):
            lines.append("")
        for story in _shown(diff.stories):
            lines.append(f"- **{story.kind}** {_story_head(story, _md, markdown=True)}")
            lines += [f"  - joined: {_code(e)}" for e in story.joined]
            lines += [f"  - left: {_code(e)}" for e in story.left]
    return "\n".join(lines) + "\n"


def to_json(diff: RunDiff, *, summary_of: RunDiff | None = None) -> dict[str, Any]:
    """Everything in the diff, as plain JSON values."""
    summary = (summary_of or diff).summary()
    return {
        "old": diff.old,
        "new": diff.new,
        "causes": [_cause_json(c) for c in diff.causes],
        "summary": {"articles": dict(summary.articles), "events": dict(summary.events)},
        "articles": [
            {
                "id": a.id,
                "kind": a.kind,
                "failure": a.failure,
                "fields": [_field_json(f) for f in a.fields],
                "causes": [_cause_json(c) for c in a.causes],
                "events": [_event_json(e) for e in a.events],
            }
            for a in diff.articles
        ],
        **({} if diff.stories is None else {"stories": [_story_json(s) for s in diff.stories]}),
    }


# --- pieces --------------------------------------------------------------------------------


def _shown(stories: tuple[StoryChange, ...]) -> list[StoryChange]:
    """The stories listed one by one: those more than one article tells."""
    return [s for s in stories if s.told_by_many]


def _story_counts(diff: RunDiff) -> str:
    kinds = ("changed", "added", "removed", "unchanged")
    stories = diff.stories or ()
    counts = ", ".join(f"{sum(s.kind == k for s in stories)} {k}" for k in kinds)
    return f"Stories: {counts} (listed: those more than one article tells)"


def _story_head(story: StoryChange, quote: Callable[[str], str], markdown: bool = False) -> str:
    old, new = story.sources
    sources = (
        f"sources {old} -> {new}"
        if old is not None and new is not None and old != new
        else _plural_sources(new if new is not None else old)
    )
    sid = _code(story.id) if markdown else story.id
    if markdown:
        return f"{sid} {quote(story.title)} ({sources})"
    return f"{_SIGNS[story.kind]} story {sid}  {story.kind}  {quote(story.title)}  [{sources}]"


def _plural_sources(count: int | None) -> str:
    return f"{count} source" if count == 1 else f"{count} sources"


def _story_json(story: StoryChange) -> dict[str, Any]:
    return {
        "id": story.id,
        "kind": story.kind,
        "title": story.title,
        "sources": {"old": story.sources[0], "new": story.sources[1]},
        "articles": {"old": story.articles[0], "new": story.articles[1]},
        "joined": list(story.joined),
        "left": list(story.left),
    }


def _counts_lines(diff: RunDiff) -> list[str]:
    summary = diff.summary()
    articles = ", ".join(f"{summary.articles[k]} {k}" for k in KINDS)
    events = ", ".join(f"{summary.events[k]} {k}" for k in KINDS if k != "failed")
    return [f"Articles: {articles}", f"Events: {events}"]


def _article_head(article: ArticleDiff) -> str:
    head = f"{_SIGNS[article.kind]} {article.id}  {article.kind}"
    notes = _article_notes(article)
    return f"{head}  [{notes}]" if notes else head


def _article_notes(article: ArticleDiff) -> str:
    if article.failure:
        return article.failure
    notes = [f"{_CAUSE_NAMES.get(c.field, c.field)} changed" for c in article.causes]
    if article.kind in ("added", "removed"):
        notes.append(f"{len(article.events)} events")
    return "; ".join(notes)


def _event_head(event: EventChange, *, quote: Callable[[str], str], markdown: bool = False) -> str:
    ident: Callable[[str], str] = _code if markdown else str
    arrow = " → " if markdown else " -> "
    ids = ident(event.id)
    if event.old and event.new and event.old.id != event.new.id:
        ids = ident(event.old.id) + arrow + ident(event.new.id)
    head = "" if markdown else f"{_SIGNS[event.kind]} "
    text = f"{head}{ids}  {quote(_describe(event.event))}"
    if event.matched_by == "similarity":
        text += f"  (matched by similarity {event.score})"
    return text


def _describe(event: Event) -> str:
    details = [", ".join(a.text for a in event.actors)]
    if event.place:
        details.append(f"at {event.place.text}")
    if event.when:
        details.append(f"when {event.when.expression}")
    extra = "; ".join(d for d in details if d)
    return f'"{event.description}"' + (f" ({extra})" if extra else "")


def _field(change: FieldChange, *, quote: Callable[[str], str], arrow: str = " -> ") -> str:
    if change.added or change.removed:
        parts = [f"+ {quote(x)}" for x in change.added] + [f"- {quote(x)}" for x in change.removed]
        return f"{change.field}: " + "  ".join(parts)
    old = quote(change.old) if change.old is not None else "(none)"
    new = quote(change.new) if change.new is not None else "(none)"
    return f"{change.field}: {old}{arrow}{new}"


def _cause(cause: Cause, arrow: str = " -> ") -> str:
    name = _CAUSE_NAMES.get(cause.field, cause.field)
    if cause.articles:
        shown = ", ".join(cause.articles[:10]) + (", …" if len(cause.articles) > 10 else "")
        return f"{name}: {cause.new} ({shown})"
    old, new = cause.old, cause.new
    if cause.field == "config.code_sha256":  # 12 hex digits, as the prompt's (JSON: all 64)
        old, new = old and old[:12], new and new[:12]
    return f"{name}: {old or '(none)'}{arrow}{new or '(none)'}"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _plain(text: str) -> str:
    """One line, with no control characters (no terminal escape sequences from article text)."""
    return " ".join(_CONTROL.sub(" ", text).split())


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _md(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, links, HTML or table breaks."""
    return _MD_SPECIAL.sub(r"\\\1", _plain(text)).replace("&", "&amp;")


def _code(text: str) -> str:
    if "`" in text or "\n" in text:
        return _md(text)
    return f"`{text}`"


def _cause_json(cause: Cause) -> dict[str, Any]:
    return {
        "field": cause.field,
        "old": cause.old,
        "new": cause.new,
        "articles": list(cause.articles),
    }


def _field_json(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "added": list(change.added),
        "removed": list(change.removed),
    }


def _event_summary(event: Event | None) -> dict[str, Any] | None:
    if event is None:
        return None
    return {
        "id": event.id,
        "description": event.description,
        "actors": [a.text for a in event.actors],
        "place": event.place.text if event.place else None,
        "when": event.when.expression if event.when else None,
        "quotes": len(event.quotes),
    }


def _event_json(change: EventChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_id": change.old.id if change.old else None,
        "new_id": change.new.id if change.new else None,
        "matched_by": change.matched_by,
        "score": change.score,
        "fields": [_field_json(f) for f in change.fields],
        "old": _event_summary(change.old),
        "new": _event_summary(change.new),
    }
