"""Ranges: 'Thursday and Friday', 'between April and June', 'June 3-5', '2002-2010'."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from extractor.dates.lexicon import DAY_NUMBER, MONTH, WEEKDAY, YEAR4
from extractor.dates.outcome import Found, Members, Missing, Outcome, Situation
from extractor.dates.recurring import UNDECIDED
from extractor.dates.years import split_year

Interpret = Callable[[str, Situation], Outcome]

_BETWEEN = re.compile(r"^between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$")
_JOINED = re.compile(r"^(?P<a>.+?)\s*(?:\s(?:and|to|until|till|through|thru|or)\s|-)\s*(?P<b>.+)$")
_YEARS = re.compile(rf"^(?P<a>{YEAR4})\s*-\s*(?P<b>\d{{2}}|{YEAR4})$")
_DAYS_MONTH_FIRST = re.compile(
    rf"^(?P<m>{MONTH})\s+(?P<a>{DAY_NUMBER})\s*(?:-|and|to|through)\s*(?P<b>{DAY_NUMBER})(?P<rest>.*)$"
)
_DAYS_MONTH_LAST = re.compile(
    rf"^(?P<a>{DAY_NUMBER})\s*(?:-|and|to|through)\s*(?P<b>{DAY_NUMBER})\s+(?P<m>{MONTH}.*)$"
)
_MONTH_WORD = re.compile(rf"^(?:{MONTH})\b")
_WEEKDAY_WORD = re.compile(rf"^(?:{WEEKDAY})\b")


def range_rule(text: str, situation: Situation, interpret: Interpret) -> Outcome | None:
    pair = _split(text)
    if pair is None:
        return None
    first_text, second_text = pair
    first = interpret(first_text, situation)
    second = interpret(second_text, situation)
    if not isinstance(first, Found) or not isinstance(second, Found):
        missing = [o for o in (first, second) if isinstance(o, Missing)]
        if len(missing) == 2 and all(_known(o) for o in missing):
            return missing[0]  # both are dates, but e.g. there is no anchor
        return None
    if second.cyclic and second.period.start < first.period.start:
        later = replace(situation, anchor=first.period.start, lean="future")
        rolled = interpret(second_text, later)
        second = rolled if isinstance(rolled, Found) else second
    how = f"range of {first.period.value} and {second.period.value}"
    if first.assumed or second.assumed:
        how = f"{how}; {UNDECIDED}"
    return Members((first, second), how)


def _known(missing: Missing) -> bool:
    return missing.reason.startswith("no publication date")


def _split(text: str) -> tuple[str, str] | None:
    match = _YEARS.match(text)
    if match:
        a, b = match["a"], match["b"]
        return a, (a[:2] + b if len(b) == 2 else b)
    match = _DAYS_MONTH_FIRST.match(text)
    if match:
        return (
            f"{match['m']} {match['a']}{match['rest']}",
            f"{match['m']} {match['b']}{match['rest']}",
        )
    match = _DAYS_MONTH_LAST.match(text)
    if match:
        return f"{match['a']} {match['m']}", f"{match['b']} {match['m']}"
    match = _BETWEEN.match(text) or _JOINED.match(text)
    if match is None:
        return None
    a, b = match["a"], match["b"]
    if "-" in text and "-" not in (a + b) and not _dash_joins_names(a, b):
        return None  # 'mid-June', 'fourth-quarter', 'short-term' are not ranges
    _, year_b = split_year(b)
    _, year_a = split_year(a)
    if year_b is not None and year_a is None and year_b.explicit is not None:
        a = f"{a} {year_b.text}"
    return a, b


def _dash_joins_names(a: str, b: str) -> bool:
    """'Monday-Friday', 'June-August': dashes between two names of days or months."""
    return bool(
        (_MONTH_WORD.match(a) and _MONTH_WORD.match(b))
        or (_WEEKDAY_WORD.match(a) and _WEEKDAY_WORD.match(b))
    )
