"""One self-contained HTML page to review a run: highlighted text, events, flags, and the diff.

Pure: it takes the parsed run (and the diff against an earlier run) and returns the page. All
article text is escaped; the only script and style are the inlined assets, allowed by hash in
the page's Content-Security-Policy, so nothing else can run or load even if escaping failed.
"""

from __future__ import annotations

import base64
import dataclasses
import fnmatch
import hashlib
import itertools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from extractor.contract.models import ArticleDocument, Event, Mention, Quote, Span
from extractor.diff import (
    ArticleDiff,
    EventChange,
    FieldChange,
    RunDiff,
    Snapshot,
    describe_date,
    select,
)
from extractor.errors import InternalError, NoArticlesError
from extractor.report.assets import CSS, JS
from extractor.report.stories import stories_section, told_by_many
from extractor.report.textdiff import text_diff
from extractor.text.words import counted

_LABELS = {"actor": "actor", "place": "place", "date": "date", "quote": "quote"}


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str  # actor, place, date, quote
    event: str
    classes: tuple[str, ...] = ()


PER_PAGE = 50  # articles on one page of a big run
# The anchor of an article's card of quotes no event holds (no event id looks like it).
_APART = "quotes"
_RANK = {"failed": 0, "changed": 1, "added": 2, "removed": 3, "unchanged": 4, "none": 4}
_GROUPS = {
    "failed": "failed",
    "changed": "changed",
    "added": "added",
    "removed": "removed",
    "unchanged": "unchanged",
    "none": "extracted",
}
_OPEN_UP_TO = 60  # a contents group longer than this starts folded


@dataclass(frozen=True)
class _Entry:
    id: str
    kind: str  # failed, changed, added, removed, unchanged; "none" without a diff
    anchor: str
    page: int


def render_report(
    run: Snapshot,
    diff: RunDiff | None = None,
    *,
    title: str | None = None,
    previous: Snapshot | None = None,
    articles: Collection[str] = (),
) -> str:
    """The whole run on one page; with ``diff`` (against ``previous``, an earlier run) the
    changes inline, and a changed text as a line diff when ``previous`` is given."""
    ((_, page),) = render_pages(
        run, diff, title=title, previous=previous, articles=articles, per_page=None
    )
    return page


def render_pages(
    run: Snapshot,
    diff: RunDiff | None = None,
    *,
    title: str | None = None,
    previous: Snapshot | None = None,
    articles: Collection[str] = (),
    per_page: int | None = PER_PAGE,
    name: str = "report.html",
) -> list[tuple[str, str]]:
    """The run as pages of ``per_page`` articles (None: one page), each a (file name, HTML)
    pair: ``name``, then ``name`` with -2, -3 … before its suffix. Articles are ordered
    failed, changed, added, removed, then unchanged, by id within each; every page lists them
    all. ``articles``: only those whose id matches one of these globs (as ``extractor diff``)."""
    if articles:
        run = _only(run, articles)
        previous = _only(previous, articles) if previous else None
        diff = select(diff, articles=articles) if diff else None
    by_id = {a.id: a for a in diff.articles} if diff else {}
    ids = set(run.documents) | set(run.failures) | set(by_id)
    if not ids and articles:
        shown = ", ".join(repr(p) for p in articles)
        raise NoArticlesError(f"no article of {run.label} matches {shown}: check the pattern")
    kinds = {
        i: by_id[i].kind if i in by_id else ("failed" if i in run.failures else "none") for i in ids
    }
    order = sorted(ids, key=lambda i: (_RANK[kinds[i]], i))
    size = max(1, per_page or len(order))
    entries = [_Entry(i, kinds[i], f"art{n}", n // size) for n, i in enumerate(order)]
    count = max(1, (len(entries) + size - 1) // size)
    names = [_page_name(name, n) for n in range(count)]
    heading = title or f"Run {run.label}"
    header = _header(heading, run, diff, articles)
    stories = told_by_many(run)
    # One page: the stories close it; several: they get a page of their own.
    inline = count == 1 and per_page is None
    stem, dot, suffix = name.rpartition(".")
    story_name = f"{stem}-stories.{suffix}" if dot else f"{name}-stories"
    if stories:
        noun = "story" if len(stories) == 1 else "stories"
        target = "#stories" if inline else _href(story_name)
        link = (
            f'<div class="meta"><a href="{target}">{len(stories)} {noun} told by '
            "more than one article: their sources side by side</a></div>"
        )
        header = header.replace("</header>", link + "</header>")
    hrefs = {e.id: f"{'' if inline else names[e.page]}#{e.anchor}" for e in entries}
    pages = []
    for number in range(count):
        sections = [
            _section(e, run, by_id.get(e.id), previous) for e in entries if e.page == number
        ]
        if stories and inline:
            body = stories_section(stories, run.documents, hrefs, _e)
            sections.append(
                f'<section class="stories" id="stories"><h2>Stories</h2>{body}</section>'
            )
        pager = _pager(names, number, entries)
        toc = _toc(entries, names, number)
        pages.append(
            (names[number], _page(heading, header, pager + toc, "\n".join(sections), pager, diff))
        )
    if stories and not inline:
        body = stories_section(stories, run.documents, hrefs, _e)
        back = f'<nav class="pages"><a href="{_href(names[0])}">Back to the articles</a></nav>'
        pages.append((story_name, _page(f"{heading}: stories", header, back, body, "", None)))
    return pages


def _only(snapshot: Snapshot, patterns: Collection[str]) -> Snapshot:
    def keep(article_id: str) -> bool:
        return any(fnmatch.fnmatchcase(article_id, p) for p in patterns)

    stories = snapshot.stories
    if stories is not None:
        stories = {
            sid: s for sid, s in stories.items() if any(keep(e.article_id) for e in s.events)
        }
    return dataclasses.replace(
        snapshot,
        documents={i: d for i, d in snapshot.documents.items() if keep(i)},
        failures={i: f for i, f in snapshot.failures.items() if keep(i)},
        stories=stories,
    )


def _page_name(name: str, number: int) -> str:
    if number == 0:
        return name
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-{number + 1}.{suffix}" if dot else f"{name}-{number + 1}"


def _section(
    entry: _Entry, run: Snapshot, change: ArticleDiff | None, previous: Snapshot | None
) -> str:
    doc = run.documents.get(entry.id)
    if doc is not None:
        old = previous.documents.get(entry.id) if previous else None
        return _article(entry.anchor, doc, change, run.failures.get(entry.id), old)
    if entry.id in run.failures:
        return _failed(entry.anchor, entry.id, run.failures[entry.id])
    if change is None:  # an article of neither the run nor the diff is not listed
        raise InternalError(f"article {entry.id} listed but in neither the run nor the diff")
    return _removed(entry.anchor, change)


def _toc(entries: list[_Entry], names: list[str], page: int) -> str:
    """The contents: one foldable group per kind, the ids in a grid that wraps long ones."""
    groups = []
    for kind, members in itertools.groupby(entries, key=lambda e: e.kind):
        items = list(members)
        links = "".join(
            f'<li class="diff-{kind}"><a href="{"" if e.page == page else _href(names[e.page])}'
            f'#{e.anchor}">{_e(e.id)}</a></li>'
            for e in items
        )
        opened = " open" if len(items) <= _OPEN_UP_TO else ""
        label = _badge(_GROUPS[kind]) if kind != "none" else _GROUPS[kind]
        groups.append(
            f'<details class="group diff-{kind}"{opened}><summary>{label} '
            f"{len(items)} article{'s' if len(items) != 1 else ''}</summary>"
            f'<ul class="toc">{links}</ul></details>'
        )
    return '<nav class="contents">' + "".join(groups) + "</nav>"


def _pager(names: list[str], page: int, entries: list[_Entry]) -> str:
    if len(names) == 1:
        return ""
    links = []
    for number, name in enumerate(names):
        on = [n for n, e in enumerate(entries) if e.page == number]
        label = f"{number + 1} ({on[0] + 1}–{on[-1] + 1})"
        links.append(
            f"<strong>{label}</strong>"
            if number == page
            else f'<a href="{_href(name)}">{label}</a>'
        )
    return f'<nav class="pages">Page: {" ".join(links)}</nav>'


def _href(name: str) -> str:
    """A link to a sibling page: its name as a relative URL, escaped for the attribute."""
    return _e(quote(name))


def _page(
    heading: str, header: str, top: str, sections: str, bottom: str, diff: RunDiff | None
) -> str:
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
<nav class="controls">{controls}{_LEGEND}</nav>
<main>
{top}
{sections}
{bottom}
</main>
<script>{JS}</script>
</body>
</html>
"""


_LEGEND = (
    '<span class="legend">'
    '<span class="key hl-actor">actor</span><span class="key hl-place">place</span>'
    '<span class="key hl-date">date</span><span class="key hl-quote">quote</span>'
    '<span class="key hl-date hl-unresolved">unresolved date</span>'
    '<span class="key ev-added">event added</span>'
    '<span class="key ev-changed">event changed</span>'
    "</span>"
)


def _sha(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _badge(kind: str) -> str:
    return f'<span class="badge diff diff-{_e(kind)}">{_e(kind)}</span>'


def _flag(text: str) -> str:
    return f'<span class="flag">{_e(text)}</span>'


def _header(heading: str, run: Snapshot, diff: RunDiff | None, articles: Collection[str]) -> str:
    failed = set(run.failures)
    docs = [d for i, d in run.documents.items() if i not in failed]  # not an earlier run's
    total = len(set(run.documents) | failed)
    events = sum(len(d.events) for d in docs)
    models = sorted({d.provenance.model for d in docs})
    prompts = sorted({f"{d.provenance.prompt_id} {d.provenance.prompt_sha256[:12]}" for d in docs})
    meta = (
        f"{counted(total, 'article')}: {len(docs)} extracted, {len(failed)} failed · "
        f"{counted(events, 'event')} · "
        f"model {', '.join(models) or '-'} · prompt {', '.join(prompts) or '-'}"
    )
    parts = [f"<h1>{_e(heading)}</h1>", f'<div class="meta">{_e(meta)}</div>']
    if articles:
        patterns = ", ".join(repr(p) for p in articles)
        parts.append(f'<div class="meta">Only the articles matching {_e(patterns)}</div>')
    if diff is not None:
        summary = diff.summary()
        counts = ", ".join(f"{n} {k}" for k, n in summary.events.items() if k != "failed")
        changes = ", ".join(f"{n} {k}" for k, n in summary.articles.items())
        parts.append(
            f'<div class="meta">Against {_e(diff.old)}: articles {_e(changes)}; '
            f"events {_e(counts)}</div>"
        )
        for cause in diff.causes:
            said = cause.new if cause.articles else f"{cause.old} → {cause.new}"
            parts.append(f'<div class="causes">{_e(cause.field)}: {_e(said)}</div>')
    return '<header class="page">' + "".join(parts) + "</header>"


def _article(
    anchor: str,
    doc: ArticleDocument,
    change: ArticleDiff | None,
    failure: str | None = None,
    old: ArticleDocument | None = None,
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
    # the caller's id, when it had to be made a safe file name
    given = f" (given as {_e(doc.source_id)})" if doc.source_id != doc.id else ""
    head = (
        f"<h2>{_e(doc.title or doc.id)}{_badge(kind) if kind != 'none' else ''}</h2>"
        f'<div class="ids">{_e(doc.id)}{given} · {date}{url}</div>'
    )
    fields = _article_changes(change, doc, old) if change else ""
    if failure is not None:  # the run failed on it; this document is an earlier run's
        fields = (
            f'<pre class="failure">{_e(failure)}</pre>'
            '<div class="ids">Showing the document an earlier run wrote.</div>' + fields
        )
    cards = [_event_card(anchor, e, changes.get(e.id), doc.text) for e in doc.events]
    cards += [_event_card(anchor, c.event, c, None) for c in removed]
    if doc.quotes:  # the quoted spans no event holds, in a card of their own
        quotes = "".join(_quote(q, verified=True) for q in doc.quotes)
        cards.append(
            f'<li class="event apart" id="{anchor}-{_APART}" data-event="{_APART}">'
            f'<span class="desc">Quotes no event holds</span>{quotes}</li>'
        )
    return (
        f'<section class="article diff-{_e(kind)}" id="{anchor}" data-article="{_e(doc.id)}">'
        f"{head}{fields}"
        f'<div class="columns"><div class="text">{highlight(anchor, doc, changes)}</div>'
        f'<ol class="events">{"".join(cards)}</ol></div></section>'
    )


def _article_changes(change: ArticleDiff, doc: ArticleDocument, old: ArticleDocument | None) -> str:
    """The fields that changed; a changed text as a line diff when the earlier text is known."""
    shown = [f for f in change.fields if f.field != "text" or old is None]
    out = _changes(shown)
    if old is not None and any(f.field == "text" for f in change.fields):
        lines = text_diff(old.text, doc.text)
        hashes = f"{old.text_sha256[:12]} → {doc.text_sha256[:12]}"
        out += (
            f'<details class="textdiff" open><summary>text changed ({_e(hashes)})</summary>'
            f"{lines}</details>"
        )
    causes = [c for c in change.causes if c.field == "input"]
    if causes and not any(f.field == "text" for f in change.fields):
        out += '<div class="ids">The input changed; its cleaned text is the same.</div>'
    return out


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
    marks += [
        _Mark(q.span.start, q.span.end, "quote", _APART, ())
        for q in doc.quotes
        if q.span is not None and _located(q.span, text)
    ]
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
            f'data-events="{_e(" ".join(events))}" '
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
        f'<li class="{" ".join(classes)}" id="{anchor}-{_e(event.id)}" '
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
    # how the speaker was found, next to it ("cue", "pronoun", "continued", "model", ...)
    how = f' <span class="how">[{_e(quote.speaker_source)}]</span>' if quote.speaker_source else ""
    return f"<blockquote{css}>{_e(quote.speaker.text)}{how}{kind}: {words}{flag}</blockquote>"


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
