"""The report's stories page: every story told by two or more articles, its sources side by
side (each article's events of the story and their quotes), and the quotes they share."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from extractor.contract.models import ArticleDocument, Event
from extractor.contract.story import Story
from extractor.diff import Snapshot
from extractor.stories import contains, quote_key


def told_by_many(run: Snapshot) -> list[Story]:
    """The stories of more than one article, most sources first."""
    stories = [s for s in (run.stories or {}).values() if s.articles > 1]
    return sorted(stories, key=lambda s: (-s.sources, -s.articles, s.id))


def stories_section(
    stories: list[Story],
    documents: Mapping[str, ArticleDocument],
    link: Mapping[str, str],
    e: Callable[[object], str],
) -> str:
    """``link``: article id -> the href of its section in the report; ``e``: HTML escape."""
    noun = "story" if len(stories) == 1 else "stories"
    parts = [f'<p class="meta">{len(stories)} {noun} told by more than one article.</p>']
    for story in stories:
        parts.append(_story(story, documents, link, e))
    return "\n".join(parts)


def _story(
    story: Story,
    documents: Mapping[str, ArticleDocument],
    link: Mapping[str, str],
    e: Callable[[object], str],
) -> str:
    when = story.when.value or f"{story.when.start} – {story.when.end}" if story.when else None
    facts = [
        ("who", ", ".join(story.who) or "–"),
        ("where", story.where or "–"),
        ("when", when or "–"),
        ("published", _published(story)),
    ]
    fields = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
    shared = {quote_key(q) for q in story.shared_quotes}
    quotes = "".join(f'<blockquote class="shared">{e(q)}</blockquote>' for q in story.shared_quotes)
    by_article: dict[str, list[str]] = {}
    for member in story.events:
        by_article.setdefault(member.article_id, []).append(member.event_id)
    columns = "".join(
        _source(article_id, ids, documents.get(article_id), link.get(article_id), shared, e)
        for article_id, ids in by_article.items()
    )
    noun = "source" if story.sources == 1 else "sources"
    return (
        f'<section class="story" id="{e(story.id)}">'
        f"<h2>{e(story.title)}</h2>"
        f'<div class="ids">{e(story.id)} · {story.sources} {noun} · '
        f"{story.articles} articles · {len(story.events)} events</div>"
        f'<dl class="fields">{fields}</dl>'
        + (f"<h3>Quotes they share</h3>{quotes}" if quotes else "")
        + f'<div class="sources">{columns}</div></section>'
    )


def _published(story: Story) -> str:
    first, last = story.first_published, story.last_published
    if first is None:
        return "–"
    return str(first) if first == last else f"{first} – {last}"


def _source(
    article_id: str,
    event_ids: list[str],
    doc: ArticleDocument | None,
    href: str | None,
    shared: set[str],
    e: Callable[[object], str],
) -> str:
    name = e(article_id) if href is None else f'<a href="{e(href)}">{e(article_id)}</a>'
    if doc is None:
        return (
            f'<div class="source"><h4>{name}</h4>'
            f'<p class="ids">an article of an earlier run: {len(event_ids)} events</p></div>'
        )
    events = {ev.id: ev for ev in doc.events}
    title = f'<div class="ids">{e(doc.title)}</div>' if doc.title else ""
    published = doc.published.value or "no publication date"
    cards = "".join(_event(events[i], shared, e) for i in event_ids if i in events)
    return (
        f'<div class="source"><h4>{name}</h4>{title}'
        f'<div class="ids">{e(published)}</div><ul class="story-events">{cards}</ul></div>'
    )


def _shares(key: str, shared: set[str]) -> bool:
    """Whether the quote (its key) is, or holds, a quote the story's articles share."""
    return any(contains(key, part) for part in shared)


def _event(event: Event, shared: set[str], e: Callable[[object], str]) -> str:
    quotes = "".join(
        f'<blockquote class="{"shared" if _shares(quote_key(q.text), shared) else "own"}">'
        f"{e(q.text)}</blockquote>"
        for q in event.quotes
        if q.kind == "direct"
    )
    return f'<li class="story-event"><div class="desc">{e(event.description)}</div>{quotes}</li>'
