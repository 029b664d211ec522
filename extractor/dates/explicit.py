"""Rules for dates written in full, years, decades and centuries."""

from __future__ import annotations

import datetime as dt
import re

from extractor.dates import periods
from extractor.dates.lexicon import DECADE_WORDS, YEAR4
from extractor.dates.outcome import Found, Missing, Outcome, Situation, need_anchor
from extractor.dates.years import YearRef, two_digit_year

_ISO = re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$")
_ISO_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")
_US = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})$")
_DOTTED = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2}|\d{4})$")
_YEAR = re.compile(rf"^(?:the\s+)?(?:(?:calendar|fiscal)\s+)?(?:year\s+)?(?P<y>{YEAR4})$")
_FISCAL = re.compile(r"^(?:fy|fiscal year\s*)'?(?P<y>\d{4}|\d{2})$")
_APOSTROPHE_YEAR = re.compile(r"^'(?P<y>\d{2})$")
_DECADE = re.compile(r"^(?:the\s+)?(?P<d>1\d{2}|2\d{2})0'?s$")
_SHORT_DECADE = re.compile(rf"^(?:the\s+)?(?:'?(?P<d>\d)0'?s|(?P<word>{'|'.join(DECADE_WORDS)}))$")
_CENTURY = re.compile(r"^(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century$")
_CENTURY_WORDS = {
    "the nineteenth century": 18,
    "the twentieth century": 19,
    "the twenty-first century": 20,
    "the 21st century": 20,
}


def numeric_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """2017-02-16, 2018/06/07, 7/8/07 (month first, as in US news), 16.02.2017."""
    for pattern in (_ISO, _US, _DOTTED):
        match = pattern.match(text)
        if match:
            return _numeric(match["y"], match["m"], match["d"], text, situation)
    match = _ISO_MONTH.match(text)
    if match and 1 <= int(match["m"]) <= 12:
        return Found(periods.month(int(match["y"]), int(match["m"])), False, "ISO month")
    return None


def _numeric(y: str, m: str, d: str, text: str, situation: Situation) -> Outcome:
    number = int(y)
    relative = len(y) == 2
    if relative:
        missing = need_anchor(situation, "two-digit year")
        if missing is not None or situation.anchor is None:
            return missing or Missing("no publication date")
        number = two_digit_year(number, situation.anchor.year)
    try:
        date = dt.date(number, int(m), int(d))
    except ValueError:
        return Missing(f"no such date: {text}")
    how = "numeric date, two-digit year nearest the publication" if relative else "numeric date"
    return Found(periods.day(date), relative, how)


def year_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _YEAR.match(text) or _FISCAL.match(text)
    if match and len(match["y"]) == 4:
        return Found(periods.year(int(match["y"])), False, "year as written")
    match = match or _APOSTROPHE_YEAR.match(text)
    if match is None:
        return None
    missing = need_anchor(situation, "two-digit year")
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    number = two_digit_year(int(match["y"]), situation.anchor.year)
    return Found(periods.year(number), True, "two-digit year nearest the publication date")


def decade_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _DECADE.match(text)
    if match:
        number = int(match["d"])
        if number % 10 == 0 and number // 10 < 20:
            return Found(periods.century(number // 10), False, "century as written ('the 1900s')")
        return Found(periods.decade(number), False, "decade as written")
    match = _SHORT_DECADE.match(text)
    if match is None:
        return None
    digit = int(match["d"]) if match["d"] else DECADE_WORDS[match["word"]]
    missing = need_anchor(situation, "decade without its century")
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    number = situation.anchor.year // 100 * 10 + digit
    if number * 10 > situation.anchor.year:
        number -= 10
    return Found(periods.decade(number), True, "the latest such decade")


def century_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _CENTURY.match(text)
    number = int(match["n"]) - 1 if match else _CENTURY_WORDS.get(text)
    if number is None:
        return None
    return Found(periods.century(number), False, "century as written")


RULES = (numeric_rule, year_rule, decade_rule, century_rule)
