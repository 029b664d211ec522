"""Named days of the year (mostly US and UK public holidays) and their date in a given year."""

from __future__ import annotations

import datetime as dt

_FIXED: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
    "st. patrick's day": (3, 17),
    "st patrick's day": (3, 17),
    "may day": (5, 1),
    "independence day": (7, 4),
    "the fourth of july": (7, 4),
    "fourth of july": (7, 4),
    "bastille day": (7, 14),
    "halloween": (10, 31),
    "guy fawkes night": (11, 5),
    "veterans day": (11, 11),
    "armistice day": (11, 11),
    "remembrance day": (11, 11),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "boxing day": (12, 26),
}

# (month, weekday with Monday 0, nth: 1 first ... -1 last)
_NTH_WEEKDAY: dict[str, tuple[int, int, int]] = {
    "martin luther king day": (1, 0, 3),
    "martin luther king jr. day": (1, 0, 3),
    "presidents day": (2, 0, 3),
    "presidents' day": (2, 0, 3),
    "mother's day": (5, 6, 2),
    "memorial day": (5, 0, -1),
    "father's day": (6, 6, 3),
    "labor day": (9, 0, 1),
    "columbus day": (10, 0, 2),
    "thanksgiving": (11, 3, 4),
    "thanksgiving day": (11, 3, 4),
}

_AFTER_THANKSGIVING = {"black friday": 1, "cyber monday": 4}
_AFTER_EASTER = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1}


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = following - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def holiday(name: str, year: int) -> dt.date | None:
    """The date of the named day in ``year``, or None if the name is not known."""
    if name in _FIXED:
        month, day = _FIXED[name]
        return dt.date(year, month, day)
    if name in _NTH_WEEKDAY:
        return nth_weekday(year, *_NTH_WEEKDAY[name])
    if name in _AFTER_THANKSGIVING:
        return nth_weekday(year, 11, 3, 4) + dt.timedelta(days=_AFTER_THANKSGIVING[name])
    if name in _AFTER_EASTER:
        return easter(year) + dt.timedelta(days=_AFTER_EASTER[name])
    return None
