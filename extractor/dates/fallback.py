"""dateparser for what the rules do not know ('a fortnight ago', '16 Feb. 2017').

Never with the clock: the relative base is always given. An expression is explicit when two
far-apart bases give the same date, relative otherwise (and then it needs the anchor).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from extractor.dates import periods
from extractor.dates.lexicon import MONTH, WEEKDAY
from extractor.dates.outcome import Found, Lean, Missing, Outcome, Situation, need_anchor
from extractor.dates.periods import Period
from extractor.dates.years import YearRef

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

_HINT = re.compile(rf"\d|\b(?:{MONTH}|{WEEKDAY}|day|week|fortnight|month|year)s?\b")
MAX_LENGTH = 40  # dateparser is slow on long text, and dates are short
_PROBES = (dt.datetime(1991, 3, 13), dt.datetime(2011, 9, 28))
_PREFER = {"past": "past", "future": "future", None: "current_period"}
_parsers: dict[tuple[dt.datetime, str], DateDataParser] = {}


def _parse(text: str, base: dt.datetime, lean: Lean | None) -> tuple[dt.date, str] | None:
    key = (base, _PREFER[lean])
    parser = _parsers.get(key)
    if parser is None:
        settings: dict[str, Any] = {
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": key[1],
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": False,
        }
        from dateparser.date import DateDataParser  # 0.1 s to import: only when first needed

        parser = DateDataParser(languages=["en"], settings=settings)
        if len(_parsers) < 64:
            _parsers[key] = parser
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _period(date: dt.date, granularity: str) -> Period:
    if granularity == "year":
        return periods.year(date.year)
    if granularity == "month":
        return periods.month(date.year, date.month)
    if granularity == "week":
        return periods.day(date)  # 'two weeks ago' names a day
    return periods.day(date)


def dateparser_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    if len(text) > MAX_LENGTH or not _HINT.search(text):
        return None
    first = _parse(text, _PROBES[0], situation.lean)
    if first is None:
        return None
    second = _parse(text, _PROBES[1], situation.lean)
    if second is not None and _period(*second) == _period(*first):
        return Found(_period(*first), False, "parsed by dateparser: a full date")
    missing = need_anchor(situation, f"{text}, parsed by dateparser")
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    anchor = situation.anchor
    base = dt.datetime(anchor.year, anchor.month, anchor.day)
    parsed = _parse(text, base, situation.lean)
    if parsed is None:
        return None
    return Found(_period(*parsed), True, "parsed by dateparser against the publication date")
