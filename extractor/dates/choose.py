"""Which occurrence of a recurring date is meant: the past one, the coming one, or the nearest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from extractor.dates.outcome import Lean
from extractor.dates.periods import Period

# Without a tense, a future occurrence must be this many times nearer than the past one
# to win: news mostly reports what happened.
FUTURE_WEIGHT = 2


def _distance(period: Period, anchor: dt.date) -> int:
    if period.contains(anchor):
        return 0
    if period.end < anchor:
        return (anchor - period.end).days
    return (period.start - anchor).days * FUTURE_WEIGHT


def choose(candidates: Iterable[Period], anchor: dt.date, lean: Lean | None) -> Period:
    """The latest occurrence that has begun (past), the first that has not ended (future),
    or, with no lean, the nearest with a bias to the past. The one holding the anchor counts
    as both past and future."""
    ordered = sorted(candidates, key=lambda p: p.start)
    if lean == "past":
        begun = [p for p in ordered if p.start <= anchor]
        if begun:
            return begun[-1]
    if lean == "future":
        pending = [p for p in ordered if p.end >= anchor]
        if pending:
            return pending[0]
    return min(ordered, key=lambda p: _distance(p, anchor))
