"""Expressions built round another date: 'Thursday (June 13)', 'the night of Sept. 13'."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from extractor.dates import periods
from extractor.dates.lexicon import DAY_PARTS, WEEKDAY
from extractor.dates.outcome import Found, Outcome, Situation

Interpret = Callable[[str, Situation], Outcome]

_ASIDE = re.compile(r"^(?P<head>[^()]*?)\s*\((?P<inner>[^()]+)(?:\)\s*(?P<tail>[^()]*))?$")
_BARE_WEEKDAY = re.compile(rf"^{WEEKDAY}$")
_PART_OF = re.compile(
    rf"^(?:the\s+)?(?:early\s+|late\s+)?(?P<part>{'|'.join(DAY_PARTS)})\s+of\s+(?P<inner>.+)$"
)


def aside_rule(text: str, situation: Situation, interpret: Interpret) -> Outcome | None:
    """'Thursday (June 13) this week': the date in parentheses, its weekday pinning its year;
    else the expression without the aside."""
    match = _ASIDE.match(text)
    if match is None:
        return None
    head, inner, tail = match["head"], match["inner"].strip(), match["tail"] or ""
    tries = [f"{head}, {inner}"] if _BARE_WEEKDAY.match(head) else []
    tries += [inner, f"{head} {tail}".strip()]
    for attempt in tries:
        outcome = interpret(attempt, situation)
        if isinstance(outcome, Found):
            how = f"{outcome.how} (from '{attempt}', the aside in parentheses read with it)"
            return replace(outcome, how=how)
    return None


def part_of_day_rule(text: str, situation: Situation, interpret: Interpret) -> Outcome | None:
    """'the night of Sept. 13': that day with the TIMEX3 part of day."""
    match = _PART_OF.match(text)
    if match is None:
        return None
    inner = interpret(match["inner"], situation)
    if not isinstance(inner, Found) or inner.period.granularity != "day":
        return None
    period = periods.day_part(inner.period.start, DAY_PARTS[match["part"]])
    return replace(inner, period=period, how=f"the {match['part']} of {inner.how}")
