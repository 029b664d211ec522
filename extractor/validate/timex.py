"""The shape of ISO-TimeML TIMEX3 values and the calendar period each one denotes."""

from __future__ import annotations

import calendar
import datetime as dt
import re

# The value forms each granularity allows. Day values may carry a time of day ("TMO", "T14:00"),
# week values a weekend suffix ("-WE"). Placeholders (X) never count as resolved.
_SHAPES: dict[str, re.Pattern[str]] = {
    "day": re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T[0-9A-Z:.]+)?"),
    "week": re.compile(r"(\d{4})-W(\d{2})(?:-WE)?"),
    "month": re.compile(r"(\d{4})-(\d{2})"),
    "quarter": re.compile(r"(\d{4})-Q([1-4])"),
    "season": re.compile(r"(\d{4})-(SP|SU|FA|WI)"),
    "year": re.compile(r"(\d{4})"),
    "decade": re.compile(r"(\d{3})"),
    "century": re.compile(r"(\d{2})"),
    "ref": re.compile(r"(PRESENT|PAST|FUTURE)_REF"),
}
# Well-formed values with no granularity of their own (a half year is a range).
_OTHER = re.compile(r"\d{4}-H[12]")
# Meteorological seasons, northern hemisphere (as extractor.dates resolves them): first month.
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

Period = tuple[dt.date, dt.date]


def granularity_of(value: str) -> str | None:
    """The granularity whose shape ``value`` has, or None when it is no well-formed date value."""
    for name, shape in _SHAPES.items():
        if shape.fullmatch(value) and (name != "day" or _day(value) is not None):
            return name
    return None


def is_well_formed(value: str) -> bool:
    """A single TIMEX3 date value, or an interval ``A/B`` of two."""
    parts = value.split("/")
    return len(parts) <= 2 and all(
        granularity_of(part) is not None or _OTHER.fullmatch(part) for part in parts
    )


def matches(value: str, granularity: str) -> bool:
    """Whether ``value`` has the shape of ``granularity``; ``range`` takes any well-formed one."""
    if granularity == "range":
        return is_well_formed(value)
    return granularity_of(value) == granularity


def period(value: str) -> Period | None:
    """First and last day of the period ``value`` denotes, when it has a fixed calendar extent."""
    kind = granularity_of(value)
    found = _SHAPES[kind].fullmatch(value) if kind else None
    if found is None or kind == "ref":
        return None  # references (PRESENT_REF) have no calendar extent
    head = int(found.group(1))
    if kind == "day":
        day = _day(value)
        return None if day is None else (day, day)
    if kind == "week":
        return _week(head, int(found.group(2)))
    if kind == "month":
        return _months(head, int(found.group(2)), 1)
    if kind == "quarter":
        return _months(head, 3 * int(found.group(2)) - 2, 3)
    if kind == "year":
        return _years(head, 1)
    if kind == "decade":
        return _years(head * 10, 10)
    if kind == "century":
        return _years(head * 100, 100)
    if kind == "season":
        first = _SEASON_START[found.group(2)]
        if first == 12:  # the winter of Y runs from December of Y to February of Y + 1
            return _join(_months(head, 12, 1), _months(head + 1, 1, 2))
        return _months(head, first, 3)
    return None


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _week(year: int, week: int) -> Period | None:
    try:
        return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)
    except ValueError:
        return None


def _months(year: int, first: int, count: int) -> Period | None:
    last = first + count - 1
    if not 1 <= first <= last <= 12 or year < 1:
        return None
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def _join(first: Period | None, last: Period | None) -> Period | None:
    return (first[0], last[1]) if first and last else None


def _years(first: int, count: int) -> Period | None:
    if first < 1:
        return None
    return dt.date(first, 1, 1), dt.date(first + count - 1, 12, 31)
