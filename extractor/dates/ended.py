"""'the quarter ended Sept. 30', 'the fiscal year ended June 30': a unit named by its last day."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from extractor.dates import periods
from extractor.dates.outcome import NOT_A_DATE, Found, Missing, Outcome, Situation
from extractor.dates.periods import Period

Interpret = Callable[[str, Situation], Outcome]

_ENDED = re.compile(
    r"^(?:the\s+)?(?P<fiscal>fiscal\s+)?(?P<unit>week|month|quarter|year|half)\s+(?:that\s+)?"
    r"(?:ended|ending|ends|to)\s+(?P<date>.+)$"
)


def ended_rule(text: str, situation: Situation, interpret: Interpret) -> Outcome | None:
    match = _ENDED.match(text)
    if match is None:
        return None
    end = interpret(match["date"], situation)
    if isinstance(end, Missing):
        return None if end.reason == NOT_A_DATE else end
    if not isinstance(end, Found) or end.period.granularity != "day":
        return None
    date = end.period.start
    period = _unit_ending(match["unit"], date, bool(match["fiscal"]))
    how = f"the {match['fiscal'] or ''}{match['unit']} that ends on {date.isoformat()}"
    return Found(period, end.relative, how, assumed=end.assumed)


def _unit_ending(unit: str, date: dt.date, fiscal: bool) -> Period:
    if unit == "half":
        return periods.half(date.year, 1 if date.month <= 6 else 2)
    if unit == "year" and (fiscal or (date.month, date.day) != (12, 31)):
        start = periods.shift(date, "year", -1) + dt.timedelta(days=1)
        return Period(f"{start.isoformat()}/{date.isoformat()}", "range", start, date)
    return periods.unit_of(unit, date)
