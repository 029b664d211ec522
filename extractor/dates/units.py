"""Rules for units around the publication date: 'yesterday', 'last week', 'next year',
'the week', 'earlier this month', 'year-end', 'a third straight week'."""

from __future__ import annotations

import datetime as dt
import re

from extractor.dates import periods
from extractor.dates.choose import choose
from extractor.dates.lexicon import DAY_PARTS, ORDINAL
from extractor.dates.outcome import Found, Missing, Outcome, Situation, need_anchor
from extractor.dates.years import YearRef

_DAYS = {
    "today": (0, None),
    "tonight": (0, "NI"),
    "yesterday": (-1, None),
    "tomorrow": (1, None),
    "the day before yesterday": (-2, None),
    "the day after tomorrow": (2, None),
    "last night": (-1, "NI"),
    "overnight": (0, None),
    "this morning": (0, "MO"),
    "this afternoon": (0, "AF"),
    "this evening": (0, "EV"),
}
_PARTS = "|".join(DAY_PARTS)
_DAY = re.compile(
    rf"^(?:(?:earlier|later)\s+)?(?P<word>{'|'.join(_DAYS)})(?:\s+(?P<part>{_PARTS}))?$"
)
_WHICH_UNIT = re.compile(
    r"^(?P<which>this|the current|current|last|the last|the past|past|the previous|previous"
    r"|the latest|latest|the most recent"
    r"|next|the next|the coming|coming|the following)\s+(?P<unit>week|weekend|fortnight|month"
    r"|quarter|year|decade|century)$"
)
_OFFSETS = {
    "this": 0,
    "the current": 0,
    "current": 0,
    "last": -1,
    "the last": -1,
    "the past": -1,
    "past": -1,
    "the previous": -1,
    "previous": -1,
    "the latest": -1,
    "latest": -1,
    "the most recent": -1,
    "next": 1,
    "the next": 1,
    "the coming": 1,
    "coming": 1,
    "the following": 1,
}
_BARE_UNIT = re.compile(
    r"^(?:the\s+|this\s+)?(?:(?:entire|whole|full|same)\s+)?(?P<unit>day|week|weekend|month"
    r"|quarter|year)$"
)
_SO_FAR = re.compile(
    r"^(?P<mod>earlier|later|so far|to date|so far in|until now)\s+(?:this|in the|the)\s+"
    r"(?P<unit>week|month|quarter|year|decade)$"
    r"|^(?:the\s+)?(?P<unit2>year|month|quarter)[- ]to[- ]date$|^(?P<ytd>ytd)$"
)
_UNIT_END = re.compile(r"^(?:this\s+|the\s+)?(?P<unit>year|month|quarter)[- ]end$")
_A_YEAR_AGO = re.compile(
    r"^(?:this|the same|about this|around this)\s+(?:time|day|date)\s+(?:last year|a year ago)$"
)
_STREAK = re.compile(
    rf"^(?:a|the)?\s*(?P<ord>{ORDINAL})\s+(?:(?P<s>straight|consecutive|successive)\s+)?"
    r"(?P<unit>trading day|day|session|week|month|quarter|year)"
    r"(?P<row>\s+in a row|\s+running)?$"
)


def day_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _DAY.match(text)
    if match is None:
        return None
    missing = need_anchor(situation, match["word"])
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    offset, part = _DAYS[match["word"]]
    date = situation.anchor + dt.timedelta(days=offset)
    part = DAY_PARTS[match["part"]] if match["part"] else part
    period = periods.day_part(date, part) if part else periods.day(date)
    return Found(period, True, f"{match['word']}: {offset:+d} days from the publication date")


def which_unit_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    match = _WHICH_UNIT.match(text)
    if match is None:
        return None
    missing = need_anchor(situation, text)
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    unit, offset = match["unit"], _OFFSETS[match["which"]]
    anchor = situation.anchor
    if unit == "weekend":
        return _weekend(anchor, situation, offset)
    period = periods.unit_of(unit, periods.shift(anchor, unit, offset))
    return Found(period, True, f"{text}: the {unit} {offset:+d} from the publication date")


def bare_unit_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """'the week', 'the year': the one of the publication date (when no other is in view)."""
    match = _BARE_UNIT.match(text)
    if match is None:
        return None
    missing = need_anchor(situation, text)
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    if match["unit"] == "weekend":
        return _weekend(situation.anchor, situation, None)
    period = periods.unit_of(match["unit"], situation.anchor)
    return Found(period, True, f"{text}: taken as the {match['unit']} of the publication date")


def _weekend(anchor: dt.date, situation: Situation, offset: int | None) -> Found:
    weekends = [periods.weekend_of(anchor + dt.timedelta(weeks=w)) for w in range(-2, 3)]
    if offset == -1:
        chosen = max((p for p in weekends if p.end < anchor), key=lambda p: p.start)
        how = "the last weekend before the publication date"
    elif offset == 1:
        chosen = min((p for p in weekends if p.start > anchor), key=lambda p: p.start)
        how = "the first weekend after the publication date"
    elif offset == 0:  # 'this weekend': the coming one, unless the sentence is past
        lean = situation.lean or "future"
        chosen = choose(weekends, anchor, lean)
        how = f"this weekend: the {'latest' if lean == 'past' else 'coming'} one"
    else:
        chosen = choose(weekends, anchor, situation.lean)
        how = "the weekend nearest the publication date, in the sentence's tense"
    return Found(chosen, True, how)


def so_far_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """'earlier this month' is this month up to the publication date; 'later this year'
    is the rest of the year."""
    match = _SO_FAR.match(text)
    if match is None:
        return None
    missing = need_anchor(situation, text)
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    anchor = situation.anchor
    unit = periods.unit_of(match["unit"] or match["unit2"] or "year", anchor)
    if match["mod"] == "later":
        return Found(periods.narrowed(unit, anchor, unit.end), True, f"{text}: rest of the unit")
    return Found(periods.narrowed(unit, unit.start, anchor), True, f"{text}: up to publication")


def year_ago_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """'this time last year': the publication day, a year back."""
    if not _A_YEAR_AGO.match(text):
        return None
    missing = need_anchor(situation, text)
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    date = periods.shift(situation.anchor, "year", -1)
    return Found(periods.day(date), True, f"{text}: the publication day, a year back")


def unit_end_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """'year-end', 'by month end': the end of the current year or month."""
    match = _UNIT_END.match(text)
    if match is None:
        return None
    missing = need_anchor(situation, text)
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    unit = periods.unit_of(match["unit"], situation.anchor)
    last = periods.unit_of("month" if match["unit"] != "month" else "day", unit.end)
    start = last.start if match["unit"] != "month" else unit.end - dt.timedelta(days=9)
    return Found(periods.narrowed(unit, start, unit.end), True, f"{text}: end of this one")


def streak_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """'a third straight week', 'the fourth week in a row': the week of publication."""
    match = _STREAK.match(text)
    if match is None or not (match["s"] or match["row"]):
        return None
    missing = need_anchor(situation, text)
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    unit = "day" if match["unit"] in ("trading day", "session") else match["unit"]
    period = periods.unit_of(unit, situation.anchor)
    return Found(period, True, f"{text}: a streak reported up to the publication date")


RULES = (
    day_rule,
    which_unit_rule,
    so_far_rule,
    year_ago_rule,
    unit_end_rule,
    streak_rule,
    bare_unit_rule,
)
