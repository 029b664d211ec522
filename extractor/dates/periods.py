"""Calendar periods with their TIMEX3 value and the interval of dates they cover.

Weeks are ISO weeks (Monday to Sunday). Seasons are meteorological, northern hemisphere:
spring is March to May, summer June to August, autumn September to November, and the
winter of year Y runs from December of Y to the end of February of Y + 1.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from extractor.contract.models import Granularity
from extractor.errors import InternalError

SEASON_MONTHS: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_ORDER = ("WI", "SP", "SU", "FA")


@dataclass(frozen=True)
class Period:
    """A stretch of calendar with its TIMEX3 value, e.g. 2017-Q1 from 2017-01-01 to 2017-03-31."""

    value: str
    granularity: Granularity
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def day(date: dt.date) -> Period:
    return Period(date.isoformat(), "day", date, date)


def day_part(date: dt.date, part: str) -> Period:
    """A part of a day ('MO', 'AF', 'EV', 'NI'): the day, with the TIMEX3 suffix."""
    return Period(f"{date.isoformat()}T{part}", "day", date, date)


def week_of(date: dt.date) -> Period:
    year, week, weekday = date.isocalendar()
    start = date - dt.timedelta(days=weekday - 1)
    return Period(f"{year:04d}-W{week:02d}", "week", start, start + dt.timedelta(days=6))


def weekend_of(date: dt.date) -> Period:
    """The Saturday and Sunday of the ISO week holding ``date``."""
    week = week_of(date)
    saturday = week.start + dt.timedelta(days=5)
    return Period(f"{week.value}-WE", "week", saturday, week.end)


def month(year: int, number: int) -> Period:
    last = calendar.monthrange(year, number)[1]
    return Period(
        f"{year:04d}-{number:02d}", "month", dt.date(year, number, 1), dt.date(year, number, last)
    )


def quarter(year: int, number: int) -> Period:
    first = month(year, 3 * number - 2)
    last = month(year, 3 * number)
    return Period(f"{year:04d}-Q{number}", "quarter", first.start, last.end)


def half(year: int, number: int) -> Period:
    first = month(year, 6 * number - 5)
    last = month(year, 6 * number)
    return Period(f"{year:04d}-H{number}", "range", first.start, last.end)


def season(year: int, code: str) -> Period:
    first = SEASON_MONTHS[code]
    start = dt.date(year, first, 1)
    end = add_months(start, 3) - dt.timedelta(days=1)
    return Period(f"{year:04d}-{code}", "season", start, end)


def year(number: int) -> Period:
    return Period(f"{number:04d}", "year", dt.date(number, 1, 1), dt.date(number, 12, 31))


def decade(number: int) -> Period:
    """Decade 199 is 1990 to 1999."""
    return Period(
        f"{number:03d}", "decade", dt.date(number * 10, 1, 1), dt.date(number * 10 + 9, 12, 31)
    )


def century(number: int) -> Period:
    """Century 19 is 1900 to 1999 (TIMEX3 counts centuries by their leading digits)."""
    start = dt.date(max(number * 100, 1), 1, 1)
    return Period(f"{number:02d}", "century", start, dt.date(number * 100 + 99, 12, 31))


def season_of(date: dt.date) -> Period:
    if date.month == 12:
        return season(date.year, "WI")
    if date.month <= 2:
        return season(date.year - 1, "WI")
    return season(date.year, SEASON_ORDER[date.month // 3])


def quarter_of(date: dt.date) -> Period:
    return quarter(date.year, (date.month - 1) // 3 + 1)


def unit_of(unit: str, date: dt.date) -> Period:
    """The calendar unit ('day', 'week', 'month', ...) that holds ``date``."""
    if unit == "day":
        return day(date)
    if unit in ("week", "fortnight"):
        return week_of(date)
    if unit == "weekend":
        return weekend_of(date)
    if unit == "month":
        return month(date.year, date.month)
    if unit == "quarter":
        return quarter_of(date)
    if unit == "season":
        return season_of(date)
    if unit == "year":
        return year(date.year)
    if unit == "decade":
        return decade(date.year // 10)
    if unit == "century":
        return century(date.year // 100)
    raise InternalError(f"unknown calendar unit {unit!r}")


def add_months(date: dt.date, months: int) -> dt.date:
    """Move by whole months, keeping the day where the month allows it (Jan 31 + 1 = Feb 28)."""
    index = date.year * 12 + date.month - 1 + months
    new_year, new_month = divmod(index, 12)
    last = calendar.monthrange(new_year, new_month + 1)[1]
    return dt.date(new_year, new_month + 1, min(date.day, last))


def shift(date: dt.date, unit: str, count: int) -> dt.date:
    """Move ``date`` by ``count`` units (negative: back in time)."""
    if unit == "day":
        return date + dt.timedelta(days=count)
    if unit == "week":
        return date + dt.timedelta(weeks=count)
    if unit == "fortnight":
        return date + dt.timedelta(weeks=2 * count)
    months = {"month": 1, "quarter": 3, "season": 3, "year": 12, "decade": 120, "century": 1200}
    return add_months(date, months[unit] * count)


def shifted(period: Period, unit: str, count: int) -> Period:
    """The period of the same granularity, ``count`` units away ('the same month a year ago')."""
    granularity = "week" if period.value.endswith("-WE") else period.granularity
    moved = shift(period.start, unit, count)
    if period.value.endswith("-WE"):
        return weekend_of(moved)
    if granularity in ("range", "ref"):
        return replace(period, start=moved, end=shift(period.end, unit, count))
    return unit_of(granularity, moved)


def narrowed(period: Period, start: dt.date, end: dt.date) -> Period:
    """The same TIMEX3 value with a narrower interval ('early June' is June, 1st to 10th)."""
    return replace(period, start=max(start, period.start), end=min(end, period.end))
