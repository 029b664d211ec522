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
    *,
    near: int = 0,
) -> Found | Missing:
    """An occurrence of a yearly thing ('June', 'June 3', 'the third quarter', 'summer').

    ``near``: a future sentence does not push past an occurrence that ended at most this
    many days before the publication date to the one almost a year later.
    """
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
    if not candidates:
        return Missing(f"no {what} within four years of the publication date")
    chosen = pick(candidates, which, situation, anchor)
    how = f"{which + ' ' if which else ''}{what}: " + _how(which, situation)
    recent = [p for p in candidates if 0 < (anchor - p.end).days <= near]
    if which is None and situation.lean == "future" and recent and chosen.start > anchor:
        days = (anchor - recent[-1].end).days
        how = (
            f"{what}: {days} day(s) before the publication date; the future in the sentence "
            f"({situation.evidence}) cannot mean the same day almost a year on"
        )
        return Found(recent[-1], True, how, cyclic=True)
    assumed = _undecided(candidates, which, situation, anchor)
    return Found(chosen, True, how, cyclic=which is None, assumed=assumed)


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
    if which in ("this", "this week", "next week", "last week"):
        week = week_of(anchor + dt.timedelta(weeks=_WEEK_OFFSETS.get(which, 0)))
        chosen = next(p for p in candidates if week.contains(p.start))
        named = f"this {what}" if which == "this" else f"{what} {which}"
        return Found(chosen, True, f"{named}: the one in that week", cyclic=False)
    chosen = pick(candidates, which, Situation(anchor, situation.lean or "past"), anchor)
    if which is None and situation.lean is None:
        how = (
            f"{what}: {UNDECIDED}; the latest one up to the publication day, as news reports "
            "a weekday without a cue"
        )
    else:
        how = f"{which + ' ' if which else ''}{what}: " + _how(which, situation)
    assumed = _undecided(candidates, which, situation, anchor)
    return Found(chosen, True, how, cyclic=which is None, assumed=assumed)


UNDECIDED = "direction undecided (no cue in the sentence)"


def _undecided(
    candidates: list[Period], which: str | None, situation: Situation, anchor: dt.date
) -> bool:
    """True when nothing gave a direction and it matters: the latest occurrence and the
    coming one differ ('Friday' in a Wednesday paper), so the choice is a convention."""
    if which is not None or situation.lean is not None:
        return False
    past = pick(candidates, None, Situation(anchor, "past"), anchor)
    future = pick(candidates, None, Situation(anchor, "future"), anchor)
    return past != future


_WEEK_OFFSETS = {"next week": 1, "last week": -1}


def _how(which: str | None, situation: Situation) -> str:
    if which is not None:
        return f"{which} one from the publication date"
    evidence = f": {situation.evidence}" if situation.evidence else ""
    if situation.lean == "future":
        return f"the coming one (future{evidence})"
    if situation.lean == "past":
        return f"the latest one (past{evidence})"
    return f"{UNDECIDED}; the nearest one, biased to the past"
