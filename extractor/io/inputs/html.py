"""An HTML page to the article's text (title first) and what the page's metadata says."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from extractor.article.pubdate import parse_date_value
from extractor.errors import InputError
from extractor.io.inputs.fields import clean_str

__all__ = ["from_html", "html_published_date"]

# Meta tags that carry the publication date, best first (name, property or itemprop).
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "date_published",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "original-publish-date",
    "date",
)


def from_html(page: str, article_id: str) -> tuple[str, dict[str, Any]]:
    """The article text (title first) and what the page's metadata says."""
    import trafilatura

    tree = trafilatura.load_html(page)
    if tree is None:
        raise InputError(article_id, "is not parseable HTML; check the file")
    published = html_published_date(tree)
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        # Its own date guess is not used (it may come from the text or the URL); this only
        # keeps it from reading the clock.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": "2199-12-31",
        },
    )
    body = (getattr(document, "text", None) or "").strip()
    if not body:
        raise InputError(article_id, "has no article text that could be extracted from the HTML")
    title = clean_str(getattr(document, "title", None))
    text = body if title is None or body.startswith(title) else f"{title}\n\n{body}"
    meta: dict[str, Any] = {
        "title": title,
        "url": clean_str(getattr(document, "url", None)),
        "source": clean_str(getattr(document, "sitename", None)),
    }
    if published is not None:
        meta["published_at"], meta["published_evidence"] = published
    return text, meta


def html_published_date(tree: Any) -> tuple[dt.date, str] | None:
    """The publication date declared in a page's metadata: meta tags, JSON-LD or microdata.

    Dates visible only in the page's text or URL are not metadata and are not used here.
    """
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (
            element.get("property") or element.get("name") or element.get("itemprop") or ""
        ).lower()
        content = element.get("content")
        if key in _DATE_META and content and key not in found:
            found[key] = content
    for key in _DATE_META:
        if key in found:
            value = parse_date_value(found[key])
            if value is not None:
                return value, f"html meta {key}"
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            value = _json_ld_date(script.text)
            if value is not None:
                return value, "html JSON-LD datePublished"
    for element in tree.iter():
        if isinstance(element.tag, str) and element.get("itemprop") == "datePublished":
            stamp = element.get("datetime") or element.get("content")
            value = parse_date_value(stamp) if stamp else None
            if value is not None:
                return value, "html microdata datePublished"
    return None


def _json_ld_date(source: str) -> dt.date | None:
    try:
        data = json.loads(source)
    except (ValueError, RecursionError):
        return None
    stack: list[Any] = [data]
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            stamp = node.get("datePublished")
            if isinstance(stamp, str):
                value = parse_date_value(stamp)
                if value is not None:
                    return value
            stack.extend(v for v in node.values() if isinstance(v, list | dict))
    return None
