"""An HTML page to the article's text (title first) and its metadata; the strings it offers for
the publication date go to article/pubdate, which decides."""

from __future__ import annotations

from typing import Any

from extractor.article.pubdate import PageDates, page_date
from extractor.errors import InputError
from extractor.io.inputs.fields import clean_str

__all__ = ["from_html", "page_dates"]


def from_html(page: str, article_id: str) -> tuple[str, dict[str, Any]]:
    """The article text (title first) and what the page's metadata says: title, url, source
    and ``published`` (the date and its evidence, when the page declares one)."""
    import trafilatura

    tree = trafilatura.load_html(page)
    if tree is None:
        raise InputError(article_id, "is not parseable HTML; check the file")
    published = page_date(page_dates(tree))
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
        meta["published"] = published
    return text, meta


def page_dates(tree: Any) -> PageDates:
    """The raw strings the parsed page offers for its publication date, in page order."""
    meta: list[tuple[str, str]] = []
    json_ld: list[str] = []
    microdata: list[tuple[str, str]] = []
    for element in tree.iter("meta"):
        name = element.get("property") or element.get("name") or element.get("itemprop") or ""
        meta.append((name, element.get("content") or ""))
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            json_ld.append(script.text)
    for element in tree.iter():
        prop = element.get("itemprop") if isinstance(element.tag, str) else None
        if prop is not None:
            microdata.append((prop, element.get("datetime") or element.get("content") or ""))
    return PageDates(meta=tuple(meta), json_ld=tuple(json_ld), microdata=tuple(microdata))
