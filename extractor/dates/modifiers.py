"""'early June', 'mid-2011', 'late last year', 'the end of this year': the same TIMEX3 value
as the period they modify, with a narrower interval."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from extractor.dates import periods
from extractor.dates.outcome import NOT_A_DATE, Found, Missing, Outcome, Situation
from extractor.dates.periods import Period

Interpret = Callable[[str, Situation], Outcome]

_EARLY_LATE = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?P<mod>early|mid|middle|late)[- ]?(?P<inner>.+)$"
)
_PART_OF = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?P<mod>beginning|start|end|middle|close|dawn)\s+of\s+"
    r"(?P<inner>.+)$"
)
_NOT_MODIFIED = frozenset({"midday", "midnight", "mid-day", "mid-morning", "mid-afternoon"})
_SUB_UNIT = {
    "decade": "year",
    "century": "decade",
    "year": "month",
    "quarter": "month",
    "season": "month",
    "range": "month",
    "month": "week",
    "week": "day",
    "day": "day",
}


def modifier_rule(text: str, situation: Situation, interpret: Interpret) -> Outcome | None:
    match = _EARLY_LATE.match(text) or _PART_OF.match(text)
    if match is None or text in _NOT_MODIFIED:
        return None
    inner = interpret(match["inner"], situation)
    if isinstance(inner, Missing):
        return None if inner.reason == NOT_A_DATE else inner
    if not isinstance(inner, Found):
        return inner
    mod = match["mod"]
    narrowed = _narrow(inner.period, mod)
    how = f"{mod} {inner.period.value}; {inner.how}"
    return Found(narrowed, inner.relative, how, assumed=inner.assumed)


def _narrow(period: Period, mod: str) -> Period:
    if mod in ("early", "mid", "middle", "late"):
        third = (period.end - period.start).days // 3
        if mod == "early":
            return periods.narrowed(period, period.start, period.start + dt.timedelta(third))
        if mod == "late":
            return periods.narrowed(period, period.end - dt.timedelta(third), period.end)
        return periods.narrowed(
            period, period.start + dt.timedelta(third), period.end - dt.timedelta(third)
        )
    if period.granularity == "month":  # the first or last ten days
        if mod in ("beginning", "start", "dawn"):
            return periods.narrowed(period, period.start, period.start + dt.timedelta(9))
        if mod != "middle":
            return periods.narrowed(period, period.end - dt.timedelta(9), period.end)
    sub = _SUB_UNIT[period.granularity]
    if mod in ("beginning", "start", "dawn"):
        return periods.narrowed(period, period.start, periods.unit_of(sub, period.start).end)
    if mod == "middle":
        middle = period.start + (period.end - period.start) / 2
        part = periods.unit_of(sub, middle)
        return periods.narrowed(period, part.start, part.end)
    return periods.narrowed(period, periods.unit_of(sub, period.end).start, period.end)
