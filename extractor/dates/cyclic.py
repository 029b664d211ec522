"""Rules for what recurs: weekdays, months, days of a month, seasons, quarters, halves,
weeks of a month and holidays, with or without a year."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from extractor.dates import periods
from extractor.dates.business import reported_quarter
from extractor.dates.holidays import holiday
from extractor.dates.lexicon import (
    DAY_NUMBER,
    DAY_PARTS,
    MONTH,
    ORDINAL,
    SEASON,
    SEASONS,
    WEEKDAY,
    month_value,
    ordinal_value,
    weekday_value,
)
from extractor.dates.outcome import Found, Missing, Outcome, Situation
from extractor.dates.periods import Period
from extractor.dates.recurring import WHICH, WHICH_PATTERN, weekly, yearly
from extractor.dates.years import YearRef

Rule = Callable[[str, YearRef | None, Situation], Outcome | None]

_PART = rf"(?:\s+(?P<part>{'|'.join(DAY_PARTS)}))?"
_WEEKDAY = re.compile(
    rf"^(?:(?P<which>{WHICH_PATTERN})\s+)?(?P<weekday>{WEEKDAY}){_PART}"
    r"(?:\s+(?P<week>this|next|last)\s+week)?$"
)
_MONTH_DAY = re.compile(
    rf"^(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:the\s+)?(?:(?P<month>{MONTH})\s+(?P<day>{DAY_NUMBER})"
    rf"|(?P<day2>{DAY_NUMBER})(?:\s+of)?\s+(?P<month2>{MONTH})){_PART}$"
)
_MONTH = re.compile(
    rf"^(?:(?P<which>{WHICH_PATTERN})\s+|(?:the\s+)?month\s+of\s+)?(?P<month>{MONTH})$"
)
_SEASON = re.compile(rf"^(?:(?P<which>{WHICH_PATTERN})\s+|the\s+)?(?P<season>{SEASON})$")
_QUARTER = re.compile(
    rf"^(?:the\s+)?(?:fiscal\s+)?(?P<ordinal>{ORDINAL}|final|last)[- ](?:fiscal[- ])?quarter$"
    r"|^(?:fiscal\s+)?q(?P<number>[1-4])$"
)
_HALF = re.compile(r"^(?:the\s+)?(?P<ordinal>first|second|1st|2nd)\s+half$|^h(?P<number>[12])$")
_WEEK_OF_MONTH = re.compile(
    rf"^(?:the\s+)?(?P<ordinal>{ORDINAL}|last|final)\s+week\s+of\s+(?P<month>{MONTH})$"
)


def weekday_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _WEEKDAY.match(text)
    if match is None or year is not None:
        return None
    which = WHICH[match["which"]] if match["which"] else None
    if match["week"]:  # 'Thursday this week', 'Monday next week'
        which = f"{match['week']} week"
    found = weekly(weekday_value(match["weekday"]), match["weekday"], which, situation)
    return _with_part(found, match["part"])


def _month_and_day(match: re.Match[str]) -> tuple[int, int]:
    return month_value(match["month"] or match["month2"]), int(
        (match["day"] or match["day2"]).rstrip("stndrh")
    )


def day_of_month(text: str) -> tuple[int, int] | None:
    """(month, day) when ``text`` (cleaned) is a day of a month with no year ("march 31")."""
    match = _MONTH_DAY.match(text)
    return None if match is None else _month_and_day(match)


def month_day_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _MONTH_DAY.match(text)
    if match is None:
        return None
    number, day_number = _month_and_day(match)
    weekday = weekday_value(match["weekday"]) if match["weekday"] else None

    def make(y: int) -> Period | None:
        try:
            date = dt.date(y, number, day_number)
        except ValueError:
            return None
        # 'Monday, Oct. 26': only the years in which that day is a Monday
        return periods.day(date) if weekday is None or date.weekday() == weekday else None

    if year is None and make(2000) is None and weekday is None:  # 2000 has a February 29
        return Missing(f"no such date: {text}")
    found = yearly(make, text, None, year, situation, near=NEAR_DAYS)
    if weekday is not None and isinstance(found, Found) and year is None:
        how = f"{found.how}; the weekday written with it pins the year"
        found = replace(found, how=how)
    if weekday is not None and isinstance(found, Missing) and year is None:
        return Missing(f"{text}: no year near the publication date has that weekday")
    return _with_part(found, match["part"])


# A day of a month 'ahead' in the sentence but within this many days before the publication
# date is that recent day, not the same day almost a year on ('Jan. 14' in a Jan. 15 paper).
NEAR_DAYS = 7


def month_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _MONTH.match(text)
    if match is None:
        return None
    number = month_value(match["month"])
    which = WHICH[match["which"]] if match["which"] else None
    return yearly(lambda y: periods.month(y, number), match["month"], which, year, situation)


def season_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _SEASON.match(text)
    if match is None:
        return None
    code = SEASONS[match["season"]]
    which = WHICH[match["which"]] if match["which"] else None
    return yearly(lambda y: periods.season(y, code), match["season"], which, year, situation)


def quarter_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _QUARTER.match(text)
    if match is None:
        return None
    if match["number"]:
        number = int(match["number"])
    elif match["ordinal"] == "last" and year is None:
        return None  # 'the last quarter' is the one before this one: a unit rule
    else:
        number = 4 if match["ordinal"] in ("final", "last") else ordinal_value(match["ordinal"])
    if not 1 <= number <= 4:
        return Missing(f"no such quarter: {text}")
    reported = reported_quarter(number, situation) if year is None else None
    if reported is not None:
        return reported
    return yearly(lambda y: periods.quarter(y, number), f"Q{number}", None, year, situation)


def half_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _HALF.match(text)
    if match is None:
        return None
    number = int(match["number"]) if match["number"] else ordinal_value(match["ordinal"])
    return yearly(lambda y: periods.half(y, number), f"H{number}", None, year, situation)


def week_of_month_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """'the last week of March': weeks belong to the month holding their Thursday (ISO)."""
    match = _WEEK_OF_MONTH.match(text)
    if match is None:
        return None
    number = month_value(match["month"])
    ordinal = match["ordinal"]
    index = -1 if ordinal in ("last", "final") else ordinal_value(ordinal) - 1

    def make(y: int) -> Period | None:
        weeks = _weeks_of_month(y, number)
        return weeks[index] if -len(weeks) <= index < len(weeks) else None

    return yearly(make, f"{ordinal} week of {match['month']}", None, year, situation)


def holiday_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    name = text.removeprefix("the ")
    if holiday(name, 2000) is None:
        return None
    return yearly(lambda y: _holiday_day(name, y), name, None, year, situation)


def _holiday_day(name: str, year: int) -> Period | None:
    date = holiday(name, year)
    return periods.day(date) if date else None


def _weeks_of_month(year: int, number: int) -> list[Period]:
    first = dt.date(year, number, 1)
    thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    weeks = []
    while thursday.month == number:
        weeks.append(periods.week_of(thursday))
        thursday += dt.timedelta(days=7)
    return weeks


def _with_part(found: Found | Missing, part: str | None) -> Found | Missing:
    if part is None or isinstance(found, Missing):
        return found
    period = periods.day_part(found.period.start, DAY_PARTS[part])
    return replace(found, period=period, how=f"{found.how}, {part}")


RULES: tuple[Rule, ...] = (
    weekday_rule,
    month_day_rule,
    month_rule,
    season_rule,
    quarter_rule,
    half_rule,
    week_of_month_rule,
    holiday_rule,
)
