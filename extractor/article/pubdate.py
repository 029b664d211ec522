"""The publication date: the anchor for every relative date. Pure: never reads the clock.

Every decision about it is made here, in this order: what the input declares (a manifest row's
published_at, else a record's own published_at field, else the page's metadata: meta tags, then
JSON-LD, then microdata), then a dateline near the top of the text, then a dated URL (the given
one, then URLs in the text). Never a copyright line, never a year alone. The input readers
(io/inputs) only pull the raw strings out of files and pages and hand them over.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from extractor.contract.models import PublicationDate
from extractor.text.lexicon import MONTHS
from extractor.text.words import has_word

__all__ = [
    "PageDates",
    "dateline",
    "detect_publication_date",
    "manifest_date",
    "opens_as_dateline",
    "page_date",
    "parse_date_value",
    "record_date",
    "url_date",
]

# Datelines are looked for in this many first lines that have a letter or digit.
DATELINE_LINES = 10
_MIN_YEAR, _MAX_YEAR = 1900, 2199

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_DATE_FORMS = [
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # February 16, 2017
    rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",  # 16 February 2017
    r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)",  # ISO
    r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)",  # 16.02.2017
    r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})(?!\d)",  # unambiguous only
]
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:[a-z]*day)?\.?,?\s+)?"
_PREFIX = (
    r"^\s*(?:(?P<label>first\s+published|published|posted|date|dated|last\s+updated|updated"
    r"|last\s+modified|modified)(?:\s+(?:on|at))?\s*[:|\-–—]?\s*)?"
)
_LINE_DATES = [re.compile(_PREFIX + _WEEKDAY + form, re.IGNORECASE) for form in _DATE_FORMS]
# A dateline's label, then a time or a weekday ("Updated: 8:40 AM GMT", "Posted on Monday").
_LABELLED = re.compile(
    r"^\s*(?:first\s+published|published|posted|last\s+updated|updated|last\s+modified"
    r"|modified)(?:\s+(?:on|at))?\s*[:|\-–—]?\s*"
    r"(?:\d{1,2}[:.]\d{2}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
_LATER_LABELS = ("updated", "modified")
_HEAD = 120
_LINE = re.compile(r"[^\r\n]+")

_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_URL_DATES = [
    re.compile(r"/(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?=$|[/?#._-])"),
    re.compile(r"/(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?=$|[/?#._-])"),
    re.compile(r"/(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?=$|[/?#])"),
]
_ISO_VALUE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")

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


def detect_publication_date(
    text: str,
    *,
    url: str | None,
    metadata: dt.date | None,
    metadata_evidence: str | None = None,
) -> PublicationDate:
    """Where the article's publication date comes from, with the evidence.

    ``text`` is best the raw text (before cleaning), so that a source URL at its end still
    counts.
    """
    if metadata is not None:
        return PublicationDate(
            value=metadata, source="metadata", evidence=metadata_evidence or "metadata"
        )
    found = dateline(text)
    if found is not None:
        return PublicationDate(value=found[0], source="text", evidence=found[1])
    urls = ([url] if url else []) + _URL.findall(text)
    for candidate in urls:
        value = url_date(candidate)
        if value is not None:
            return PublicationDate(value=value, source="url", evidence=candidate)
    return PublicationDate(value=None, source="none", evidence=None)


def dateline(text: str) -> tuple[dt.date, str] | None:
    """The first date that starts one of the first lines, and that line.

    A line labelled "Updated"/"Modified" is taken only when no other line has a date.
    """
    later: tuple[dt.date, str] | None = None
    for line in _top_lines(text):
        found = _line_date(line)
        if found is None or _COPYRIGHT.search(line):
            continue
        value, label = found
        if label and label.lower().endswith(_LATER_LABELS):
            later = later or (value, line.strip())
            continue
        return value, line.strip()
    return later


def url_date(url: str) -> dt.date | None:
    """The date in a URL path such as ``/2018/06/07/`` or ``/2018-06-07-``, if valid."""
    path = re.sub(r"^https?://[^/]*", "", url, flags=re.IGNORECASE)
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            value = _make_date(match["year"], match["month"], match["day"])
            if value is not None:
                return value
    return None


def parse_date_value(value: str) -> dt.date | None:
    """A metadata date: ISO (``2018-06-07``, ``2018-06-07T10:00:00Z``) or a written date.

    The date part is taken as written, without converting time zones.
    """
    iso = _ISO_VALUE.match(value)
    if iso:
        return _make_date(*iso.groups())
    stripped = value.strip()
    if len(stripped) > _HEAD:
        return None
    for pattern in _LINE_DATES:
        match = pattern.fullmatch(stripped)
        if match:
            return _match_date(match)
    return None


# --- what the input declares ----------------------------------------------------------------


@dataclass(frozen=True)
class PageDates:
    """The raw strings an HTML page offers for its date, in page order, as the page reader
    found them; which one counts is decided by ``page_date``."""

    meta: tuple[tuple[str, str], ...] = ()  # each <meta>: (property, name or itemprop; content)
    json_ld: tuple[str, ...] = ()  # the text of each <script type="application/ld+json">
    microdata: tuple[tuple[str, str], ...] = ()  # each itemprop: (it; its datetime or content)


def page_date(page: PageDates) -> tuple[dt.date, str] | None:
    """The publication date declared in a page's metadata, and where: meta tags (best name
    first), then JSON-LD, then microdata ``datePublished``.

    Dates visible only in the page's text or URL are not metadata and are not used here.
    """
    found: dict[str, str] = {}
    for name, content in page.meta:
        key = name.lower()
        if key in _DATE_META and content and key not in found:
            found[key] = content
    for key in _DATE_META:
        if key in found:
            value = parse_date_value(found[key])
            if value is not None:
                return value, f"html meta {key}"
    for source in page.json_ld:
        value = _json_ld_date(source)
        if value is not None:
            return value, "html JSON-LD datePublished"
    for prop, stamp in page.microdata:
        value = parse_date_value(stamp) if prop == "datePublished" and stamp else None
        if value is not None:
            return value, "html microdata datePublished"
    return None


def record_date(
    field: dt.date | None, page: tuple[dt.date, str] | None
) -> tuple[dt.date, str] | None:
    """A JSON record's date and its evidence: its own published_at ``field`` (parsed by
    ``parse_date_value``) wins over the ``page_date`` of its HTML."""
    if field is not None:
        return field, "record field published_at"
    return page


def manifest_date(value: dt.date, row: str) -> tuple[dt.date, str]:
    """A manifest row's published_at and its evidence; it replaces the input's own date."""
    return value, f"{row}: published_at"


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


# --- helpers ---------------------------------------------------------------------------------


def _top_lines(text: str) -> list[str]:
    lines: list[str] = []
    for line in _LINE.finditer(text):
        if has_word(line.group()):
            lines.append(line.group())
            if len(lines) == DATELINE_LINES:
                break
    return lines


def opens_as_dateline(line: str) -> bool:
    """``line`` opens as a dateline does: a full date, maybe labelled ("Posted March 9, 2031
    …", "9 March 2031 Last updated at 08:40 GMT …"), or a dateline's label before a time or
    a date ("Updated: 8:40 AM GMT …", "Posted on Monday …")."""
    return _line_date(line) is not None or _LABELLED.match(line) is not None


def _line_date(line: str) -> tuple[dt.date, str | None] | None:
    head = line.strip()[:_HEAD]  # a dateline's date is at its start
    for pattern in _LINE_DATES:
        match = pattern.match(head)
        if match:
            value = _match_date(match)
            if value is not None:
                return value, match["label"]
    return None


def _match_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        if first > 12 >= second:
            return _make_date(groups["year"], str(second), str(first))
        if second > 12 >= first:
            return _make_date(groups["year"], str(first), str(second))
        return None  # 03/04/2017 could be March or April.
    month = groups["month"]
    if not month.isdigit():
        month = str(MONTHS[month[:3].lower()])
    return _make_date(groups["year"], month, groups["day"])


def _make_date(year: str, month: str, day: str) -> dt.date | None:
    if not _MIN_YEAR <= int(year) <= _MAX_YEAR:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
