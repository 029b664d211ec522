"""Counted units: 'three days ago', 'in two weeks', 'the past nine days', 'six years'."""

from __future__ import annotations

import re

from extractor.dates import periods
from extractor.dates.lexicon import NUMBER, UNIT, UNITS, number_value
from extractor.dates.outcome import Found, Missing, Outcome, Situation, Vague, need_anchor
from extractor.dates.periods import Period
from extractor.dates.years import YearRef

_AGO = re.compile(
    rf"^(?P<n>{NUMBER}|a few|several|some)\s+(?P<unit>{UNIT})\s+(?P<dir>ago|back|from now"
    r"|hence|from today)$"
)
_COUNT = re.compile(
    rf"^(?P<n>{NUMBER}|a few|several|some|single)?(?:\s*|-)(?P<unit>{UNIT})(?:-long|-old)?$"
)
_SPAN = re.compile(
    r"^(?:the\s+)?(?P<dir>past|last|previous|next|coming|following)\s+"
    rf"(?P<n>{NUMBER}|few|several|couple of)\s+(?P<unit>{UNIT})$"
)
_LETTERS = {"day": "D", "week": "W", "fortnight": "W", "month": "M", "quarter": "M", "year": "Y"}
_FACTOR = {"fortnight": 2, "quarter": 3, "decade": 10, "century": 100}
_POINT = {"fortnight": "day", "week": "day"}


def ago_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _AGO.match(text)
    forward = situation.preposition == "in" and match is None
    if forward:
        match = _COUNT.match(text)
        if match is None or match["n"] is None:
            return None
    if match is None:
        return None
    if match["n"] in ("a few", "several", "some"):
        return Vague("FUTURE_REF" if forward else "PAST_REF", f"{text}: an unspecified count")
    missing = need_anchor(situation, text)
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    unit = UNITS[match["unit"]]
    count = number_value(match["n"])
    ahead = forward or match["dir"] in ("from now", "hence", "from today")
    date = periods.shift(situation.anchor, unit, count if ahead else -count)
    period = periods.unit_of(_POINT.get(unit, unit), date)
    return Found(period, True, f"{count} {unit}(s) {'after' if ahead else 'before'} publication")


def span_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """'the past nine days': the stretch ending at the publication date, valued P9D."""
    match = _SPAN.match(text)
    if match is None:
        return None
    ahead = match["dir"] in ("next", "coming", "following")
    if match["n"] in ("few", "several"):
        return Vague("FUTURE_REF" if ahead else "PAST_REF", f"{text}: an unspecified count")
    missing = need_anchor(situation, text)
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    unit = UNITS[match["unit"]]
    count = 2 if match["n"] == "couple of" else number_value(match["n"])
    anchor = situation.anchor
    other = periods.shift(anchor, unit, count if ahead else -count)
    start, end = (anchor, other) if ahead else (other, anchor)
    period = Period(f"{start.isoformat()}/{end.isoformat()}", "range", start, end)
    how = f"{text} ({duration_value(count, unit)}): counted from the publication date"
    return Found(period, True, how)


def duration_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """'six years', 'a decade', 'months': a length of time, not a date."""
    match = _COUNT.match(text)
    if match is None:
        return None
    unit = UNITS[match["unit"]]
    vague = match["n"] is None or match["n"] in ("a few", "several", "some")
    count = None if vague else 1 if match["n"] == "single" else number_value(match["n"])
    value = duration_value(count, unit)
    return Missing(f"a duration ({value}), not a date", value)


def duration_value(count: int | None, unit: str) -> str:
    """TIMEX3 duration: P6Y, P9D, PXM; decades and centuries in years, quarters in months."""
    letter = _LETTERS.get(unit, "Y")
    if count is None:
        return f"PX{letter}"
    return f"P{count * _FACTOR.get(unit, 1)}{letter}"


RULES = (ago_rule, span_rule)
LAST_RULES = (duration_rule,)  # after the unit rules: 'year' alone is this year, not P1Y
