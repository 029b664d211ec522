"""One self-contained HTML page to review a run: highlighted text, events, flags, and the diff.

Pure: it takes the parsed run (and the diff against an earlier run) and returns the page. All
article text is escaped; the only script and style are the inlined assets, allowed by hash in
the page's Content-Security-Policy, so nothing else can run or load even if escaping failed.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from extractor.diff.compare import describe_date
from extractor.diff.model import ArticleDiff, EventChange, FieldChange, RunDiff, Snapshot
from extractor.models import ArticleDocument, Event, Mention, Quote, Span
from extractor.report.assets import CSS, JS

_LABELS = {"actor": "actor", "place": "place", "date": "date", "quote": "quote"}


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str  # actor, place, date, quote
    event: str
    classes: tuple[str, ...] = ()


def render_report(run: Snapshot, diff: RunDiff | None = None, *, title: str | None = None) -> str:
    """The whole page for ``run``; with ``diff`` (against an earlier run) the changes inline."""
    by_id = {a.id: a for a in diff.articles} if diff else {}
    ids = sorted(set(run.documents) | set(run.failures) | set(by_id))
    sections = []
    toc = []
    for index, article_id in enumerate(ids):
        anchor = f"art{index}"
        change = by_id.get(article_id)
        doc = run.documents.get(article_id)
        if doc is not None:
            sections.append(_article(anchor, doc, change, run.failures.get(article_id)))
        elif article_id in run.failures:
            sections.append(_failed(anchor, article_id, run.failures[article_id]))
        elif change is not None:
            sections.append(_removed(anchor, change))
        kind = change.kind if change else ("failed" if article_id in run.failures else None)
        badge = _badge(kind) if kind else ""
        toc.append(f'<li><a href="#{anchor}">{_e(article_id)}</a>{badge}</li>')
    heading = title or f"Run {run.label}"
    return _page(heading, _header(heading, run, diff), "\n".join(toc), "\n".join(sections), diff)


def _page(heading: str, header: str, toc: str, sections: str, diff: RunDiff | None) -> str:
    policy = (
        f"default-src 'none'; style-src '{_sha(CSS)}'; script-src '{_sha(JS)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    controls = '<label><input type="checkbox" id="flagged-only"> Only flagged events</label>'
    if diff is not None:
        controls = (
            '<label><input type="checkbox" id="hide-unchanged"> Hide unchanged</label>' + controls
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{_e(heading)}</title>
<style>{CSS}</style>
</head>
<body>
{header}
<nav class="controls">{controls}</nav>
<main>
<ul class="toc">
{toc}
</ul>
{sections}
</main>
<script>{JS}</script>
</body>
</html>
"""


def _sha(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _badge(kind: str) -> str:
    return f'<span class="badge diff diff-{_e(kind)}">{_e(kind)}</span>'


def _flag(text: str) -> str:
    return f'<span class="flag">{_e(text)}</span>'


def _header(heading: str, run: Snapshot, diff: RunDiff | None) -> str:
    docs = list(run.documents.values())
    events = sum(len(d.events) for d in docs)
    models = sorted({d.provenance.model for d in docs})
    prompts = sorted({f"{d.provenance.prompt_id} {d.provenance.prompt_sha256[:12]}" for d in docs})
    meta = (
        f"{len(docs)} articles, {events} events, {len(run.failures)} failed · "
        f"model {', '.join(models) or '-'} · prompt {', '.join(prompts) or '-'}"
    )
    parts = [f"<h1>{_e(heading)}</h1>", f'<div class="meta">{_e(meta)}</div>']
    if diff is not None:
        summary = diff.summary()
        counts = ", ".join(f"{n} {k}" for k, n in summary.events.items() if k != "failed")
        articles = ", ".join(f"{n} {k}" for k, n in summary.articles.items())
        parts.append(
            f'<div class="meta">Against {_e(diff.old)}: articles {_e(articles)}; '
            f"events {_e(counts)}</div>"
        )
        for cause in diff.causes:
            shown = cause.new if cause.articles else f"{cause.old} → {cause.new}"
            parts.append(f'<div class="causes">{_e(cause.field)}: {_e(shown)}</div>')
    return '<header class="page">' + "".join(parts) + "</header>"


def _article(
    anchor: str, doc: ArticleDocument, change: ArticleDiff | None, failure: str | None = None
) -> str:
    changes = {c.new.id: c for c in change.events if c.new} if change else {}
    removed = [c for c in change.events if c.new is None] if change else []
    kind = change.kind if change else ("failed" if failure is not None else "none")
    published = doc.published.value
    date = (
        _e(f"published {published}")
        if published
        else _flag("no publication date: relative dates stay unresolved")
    )
    url = f" · {_e(doc.source.url)}" if doc.source.url else ""
    head = (
        f"<h2>{_e(doc.title or doc.id)}{_badge(kind) if kind != 'none' else ''}</h2>"
        f'<div class="ids">{_e(doc.id)} · {date}{url}</div>'
    )
    fields = _changes(change.fields) if change else ""
    if failure is not None:  # the run failed on it; this document is an earlier run's
        fields = (
            f'<pre class="failure">{_e(failure)}</pre>'
            '<div class="ids">Showing the document an earlier run wrote.</div>' + fields
        )
    cards = [_event_card(anchor, e, changes.get(e.id), doc.text) for e in doc.events]
    cards += [_event_card(anchor, c.event, c, None) for c in removed]
    return (
        f'<section class="article diff-{_e(kind)}" id="{anchor}" data-article="{_e(doc.id)}">'
        f"{head}{fields}"
        f'<div class="columns"><div class="text">{highlight(anchor, doc, changes)}</div>'
        f'<ol class="events">{"".join(cards)}</ol></div></section>'
    )


def _failed(anchor: str, article_id: str, message: str) -> str:
    return (
        f'<section class="article diff-failed" id="{anchor}" data-article="{_e(article_id)}">'
        f"<h2>{_e(article_id)}{_badge('failed')}</h2>"
        f'<pre class="failure">{_e(message)}</pre></section>'
    )


def _removed(anchor: str, change: ArticleDiff) -> str:
    cards = "".join(_event_card(anchor, c.event, c, None) for c in change.events)
    return (
        f'<section class="article diff-removed" id="{anchor}" data-article="{_e(change.id)}">'
        f"<h2>{_e(change.id)}{_badge('removed')}</h2>"
        f'<ol class="events">{cards}</ol></section>'
    )


# --- text with highlights ----------------------------------------------------------------


def highlight(anchor: str, doc: ArticleDocument, changes: Mapping[str, EventChange]) -> str:
    """The escaped text, with each located mention wrapped in a link to its event."""
    text = doc.text
    marks = [m for event in doc.events for m in _marks(event, text, changes.get(event.id))]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for start, end in itertools.pairwise(cuts):
        piece = _e(text[start:end])
        over = [m for m in marks if m.start <= start and end <= m.end]
        if not over:
            out.append(piece)
            continue
        kinds = sorted({m.kind for m in over})
        events = list(dict.fromkeys(m.event for m in over))
        classes = ["hl", *(f"hl-{k}" for k in kinds), *sorted({c for m in over for c in m.classes})]
        label = ", ".join(_LABELS[k] for k in kinds)
        out.append(
            f'<a class="{" ".join(classes)}" href="#{anchor}-{_e(events[0])}" '
            f'data-article="{anchor}" data-events="{_e(" ".join(events))}" '
            f'title="{_e(label)}">{piece}</a>'
        )
    return "".join(out)


def _marks(event: Event, text: str, change: EventChange | None) -> list[_Mark]:
    extra = (f"ev-{change.kind}",) if change and change.kind in ("added", "changed") else ()
    found: list[tuple[Span | None, str, tuple[str, ...]]] = []
    found += [(a.span, "actor", ()) for a in event.actors]
    if event.place:
        found.append((event.place.span, "place", ()))
    if event.when:
        unresolved = event.when.resolution.status == "unresolved"
        found.append((event.when.span, "date", ("hl-unresolved",) if unresolved else ()))
    found += [(q.span, "quote", ()) for q in event.quotes]
    return [
        _Mark(span.start, span.end, kind, event.id, classes + extra)
        for span, kind, classes in found
        if span is not None and _located(span, text)
    ]


def _located(span: Span, text: str) -> bool:
    return 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text


# --- event cards ---------------------------------------------------------------------------


def _event_card(anchor: str, event: Event, change: EventChange | None, text: str | None) -> str:
    kind = change.kind if change else "none"
    flags = _event_flags(event, text)
    classes = ["event", f"diff-{kind}"] + (["flagged"] if flags else [])
    badges = (_badge(kind) if change else "") + "".join(_flag(f) for f in flags)
    rows = [("Actors", ", ".join(_mention(a) for a in event.actors) or "—")]
    if event.place:
        rows.append(("Place", _mention(event.place)))
    if event.when:
        resolution = event.when.resolution
        date = f"{_e(event.when.expression)} → {_e(describe_date(resolution))}"
        if resolution.status == "unresolved" and resolution.reason:
            date += f" ({_e(resolution.reason)})"
        rows.append(("When", date))
    fields = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    quotes = "".join(_quote(q, verified=True) for q in event.quotes)
    quotes += "".join(_quote(q, verified=False) for q in event.unverified_quotes)
    moved = ""
    if change and change.old and change.new and change.old.id != change.new.id:
        moved = f'<div class="ids">was {_e(change.old.id)} (matched by content)</div>'
    return (
        f'<li class="{" ".join(classes)}" id="{anchor}-{_e(event.id)}" data-article="{anchor}" '
        f'data-event="{_e(event.id)}" data-diff="{kind}">'
        f'<span class="desc">{_e(event.description)}</span>{badges}'
        f'<div class="ids">{_e(event.id)}</div>{moved}'
        f'<dl class="fields">{fields}</dl>{quotes}'
        f"{_changes(change.fields) if change else ''}</li>"
    )


def _event_flags(event: Event, text: str | None) -> list[str]:
    flags = []
    if event.unverified_quotes:
        flags.append(f"{len(event.unverified_quotes)} ungrounded quote(s)")
    if event.when and event.when.resolution.status == "unresolved":
        flags.append("date unresolved")
    spans = [m.span for m in event.actors] + [q.span for q in event.quotes]
    spans += [event.place.span if event.place else None, event.when.span if event.when else None]
    if text is not None and any(s is not None and not _located(s, text) for s in spans):
        flags.append("span not in text")
    return flags


def _mention(mention: Mention) -> str:
    shown = _e(mention.text)
    if not mention.grounded:
        shown += _flag("not in text")
    return shown


def _quote(quote: Quote, *, verified: bool) -> str:
    kind = "" if quote.kind == "direct" else " (indirect)"
    words = f"“{_e(quote.text)}”" if quote.kind == "direct" else _e(quote.text)
    flag = "" if verified else _flag("not found in the text")
    css = "" if verified else ' class="unverified"'
    return f"<blockquote{css}>{_e(quote.speaker.text)}{kind}: {words}{flag}</blockquote>"


def _changes(fields: Iterable[FieldChange]) -> str:
    items = []
    for change in fields:
        if change.added or change.removed:
            parts = [f"<ins>+ {_e(x)}</ins>" for x in change.added]
            parts += [f"<del>- {_e(x)}</del>" for x in change.removed]
            body = " ".join(parts)
        else:
            body = (
                f"<del>{_e(change.old or '(none)')}</del> → <ins>{_e(change.new or '(none)')}</ins>"
            )
        items.append(f"<li>{_e(change.field)}: {body}</li>")
    return f'<ul class="changes">{"".join(items)}</ul>' if items else ""
