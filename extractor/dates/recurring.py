"""Picking one occurrence of something that recurs every year or week.

'last June', 'next Friday', 'this summer', or a bare 'June', 'Friday', 'summer' whose
occurrence the lean decides (see ``choose``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from extractor.dates.choose import choose
from extractor.dates.outcome import Found, Missing, Situation, need_anchor
from extractor.dates.periods import Period, day, week_of
from extractor.dates.years import YearRef, year_of

# 'last', 'next', 'this' and their synonyms, as written before a month, weekday or season.
WHICH: dict[str, str] = {
    "last": "last",
    "this past": "last",
    "past": "last",
    "previous": "last",
    "next": "next",
    "coming": "next",
    "this coming": "next",
    "upcoming": "next",
    "this": "this",
    "the current": "this",
}
WHICH_PATTERN = "|".join(sorted(WHICH, key=len, reverse=True))


def pick(
    candidates: list[Period], which: str | None, situation: Situation, anchor: dt.date
) -> Period:
    if which == "last":
        return max((p for p in candidates if p.end < anchor), key=lambda p: p.start)
    if which == "next":
        return min((p for p in candidates if p.start > anchor), key=lambda p: p.start)
    if which == "this":
        holding = [p for p in candidates if p.contains(anchor)]
        if holding:
            return holding[0]
        same_year = [p for p in candidates if p.start.year == anchor.year]
        if same_year:
            return choose(same_year, anchor, situation.lean)
    return choose(candidates, anchor, situation.lean)


def yearly(
    make: Callable[[int], Period | None],
    what: str,
    which: str | None,
    year: YearRef | None,
    situation: Situation,
) -> Found | Missing:
    """An occurrence of a yearly thing ('June', 'June 3', 'the third quarter', 'summer')."""
    if year is not None:
        known = year_of(year, situation)
        if isinstance(known, Missing):
            return known
        period = make(known[0])
        if period is None:
            return Missing(f"no such date: {what} {known[0]}")
        return Found(period, known[1], f"{what} of {year.text}")
    missing = need_anchor(situation, f"{what} without a year")
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    anchor = situation.anchor
    candidates = [p for y in range(anchor.year - 4, anchor.year + 5) if (p := make(y))]
    chosen = pick(candidates, which, situation, anchor)
    how = f"{which + ' ' if which else ''}{what}: " + _how(which, situation)
    return Found(chosen, True, how, cyclic=which is None)


def weekly(weekday: int, what: str, which: str | None, situation: Situation) -> Found | Missing:
    """A weekday: by default the latest one up to and including the publication day."""
    missing = need_anchor(situation, what)
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    anchor = situation.anchor
    candidates = [
        day(d)
        for offset in range(-14, 15)
        if (d := anchor + dt.timedelta(days=offset)).weekday() == weekday
    ]
    if which == "this":
        week = week_of(anchor)
        chosen = next(p for p in candidates if week.contains(p.start))
    else:
        chosen = pick(candidates, which, Situation(anchor, situation.lean or "past"), anchor)
    if which is None and situation.lean is None:
        how = f"{what}: the latest one up to the publication day (no future in the sentence)"
    else:
        how = f"{which + ' ' if which else ''}{what}: " + _how(which, situation)
    return Found(chosen, True, how, cyclic=which is None)


def _how(which: str | None, situation: Situation) -> str:
    if which is not None:
        return f"{which} one from the publication date"
    if situation.lean == "future":
        return "the coming one (future context)"
    if situation.lean == "past":
        return "the latest one (past context)"
    return "the nearest one, biased to the past"
