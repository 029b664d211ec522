"""``resolve_date``: a date expression, as written, resolved against the publication date."""

from __future__ import annotations

import datetime as dt
import re

from extractor.contract.models import DateResolution, DateStatus, Tense
from extractor.dates import cyclic
from extractor.dates.direction import Direction
from extractor.dates.interpret import interpret
from extractor.dates.lexicon import DAY_NUMBER, MONTH, SEASON
from extractor.dates.outcome import (
    NO_ANCHOR,
    NOT_A_DATE,
    RECURRING,
    Found,
    Members,
    Missing,
    Outcome,
    Situation,
    Vague,
)
from extractor.dates.tense import context_direction
from extractor.dates.text import Cleaned, clean

# What may follow the expression in the sentence and belongs to it: 'October' + 'of next year'.
_TAIL = re.compile(
    r"^\s*,?\s*(?P<year>(?:of\s+)?(?:(?:this|last|next)\s+year|(?:19|20)\d\d)\b)"
    r"|^\s+(?P<row>in a row|running)\b"
    rf"|^\s+(?P<ended>(?:that\s+)?(?:ended|ending|ends)\s+{MONTH}\s+{DAY_NUMBER}\b"
    r"(?:,?\s+(?:19|20)\d\d\b)?)",
    re.IGNORECASE,
)
# A bare unit that the sentence names by its last day: 'the quarter' + 'ended Sept. 30'.
_TAKES_END = re.compile(r"^(?:the\s+)?(?:fiscal\s+)?(?:week|month|quarter|year|half)$")
_HAS_YEAR = re.compile(r"\d{4}|'\d\d|\byear\b")
# What a following year can complete: a month, a day of a month, a season, a quarter.
_TAKES_YEAR = re.compile(
    rf"(?:{MONTH}(?:\s+{DAY_NUMBER})?|{DAY_NUMBER}\s+(?:of\s+)?{MONTH}|{SEASON}|quarter|half)$"
)
# Words around an expression that make it a recurring time (a TIMEX3 set), not one date:
# "every Monday", "each year in May", "the second Tuesday of every month".
_EVERY_BEFORE = re.compile(
    r"\b(?:every|each)\s+(?:other\s+)?(?:(?:day|week|month|year)\s*,?\s*)?$", re.IGNORECASE
)
_EVERY_AFTER = re.compile(
    r"^\s*,?\s*(?:of\s+)?(?:every|each)\s+(?:week|month|year)\b", re.IGNORECASE
)
# Date expressions are short; longer text is not one (and would slow the patterns down).
MAX_EXPRESSION = 120
MAX_PRECEDING = 3000
WINDOW = 1000  # characters of the sentence kept on each side of the expression


def resolve_date(
    expression: str,
    published: dt.date | None,
    *,
    context: str | None = None,
    tense: Tense | None = None,
    preceding: str | None = None,
) -> DateResolution:
    """Resolve ``expression`` (e.g. 'On Thursday') against the publication date.

    ``context`` is the sentence that holds the expression: its tense decides between the
    past and the coming weekday or month, and its other dates are the antecedents of 'the
    same day'. ``tense`` is a hint ('past' or 'future') that overrides the sentence's.
    ``preceding`` is the text before the sentence (its paragraph, or the article so far):
    'the day' and 'that time' look there for their date when the sentence has none.
    Without ``published``, relative expressions stay unresolved: no anchor, no guess.
    """
    if len(expression) > MAX_EXPRESSION:
        reason = f"{len(expression)} characters: too long for a date expression"
        return build(Missing(reason), published)
    cleaned = clean(expression)
    position = _locate(expression, cleaned.text, context)
    if context is not None and position is not None and len(context) > 2 * WINDOW:
        start = max(0, position - WINDOW)
        context = context[start : position + len(expression) + WINDOW]
        position -= start
    text = cleaned.text
    if context is not None and position is not None:
        before, after = context[:position], context[position + len(expression) :]
        if _EVERY_BEFORE.search(before) or _EVERY_AFTER.match(after):
            reason = f"{RECURRING} ('{expression}' in it), not one date"
            return build(Missing(reason), published)
        text = _with_tail(text, after)
    direction = _direction(cleaned, tense, context, position, len(expression))
    situation = Situation(
        anchor=published,
        lean=direction.lean if direction else None,
        context=context,
        preceding=preceding[-MAX_PRECEDING:] if preceding else None,
        position=position,
        preposition=cleaned.preposition,
        evidence=direction.evidence if direction else None,
    )
    try:
        outcome = interpret(text, situation)
    except (ValueError, OverflowError) as error:  # arithmetic past year 1 or 9999
        outcome = Missing(f"outside the calendar of years 1 to 9999 ({error})")
    return build(outcome, published)


def _locate(expression: str, cleaned: str, context: str | None) -> int | None:
    if not context:
        return None
    lowered = context.lower()
    for needle in (expression.strip().lower(), cleaned):
        if needle:
            found = lowered.find(needle)
            if found >= 0:
                return found
    return None


def _with_tail(text: str, after: str) -> str:
    match = _TAIL.match(after)
    if match is None:
        return text
    if match["year"] and _TAKES_YEAR.search(text) and not _HAS_YEAR.search(text):
        return f"{text} {match['year'].lower()}"
    if match["row"]:
        return f"{text} {match['row'].lower()}"
    if match["ended"] and _TAKES_END.match(text):
        return f"{text} {' '.join(match['ended'].lower().split())}"
    return text


def _direction(
    cleaned: Cleaned, tense: Tense | None, context: str | None, position: int | None, size: int
) -> Direction | None:
    if cleaned.lean == "past":
        return Direction("past", f"'{cleaned.preposition}' looks back")  # 'since', 'back in'
    if tense == "past" or tense == "future":
        return Direction(tense, f"the tense hint '{tense}'")
    if context is not None and position is not None:
        return context_direction(context, position, position + size, cleaned.preposition)
    if cleaned.lean is not None:
        return Direction(cleaned.lean, f"'{cleaned.preposition}' looks ahead")
    return None


def build(outcome: Outcome, published: dt.date | None) -> DateResolution:
    """The stored form of what the rules found. Without ``published``, nothing is dated
    relative to it: a period found from a date the text names ("the week before" a named
    day) stays unresolved too, with the reason, as the contract says (``validate``: E302)."""
    if published is None and isinstance(outcome, Found | Members) and _relative(outcome):
        return _unresolved(Missing(f"{outcome.how}; {NO_ANCHOR}"))
    if isinstance(outcome, Found):
        period = outcome.period
        return DateResolution(
            value=period.value,
            start=period.start,
            end=period.end,
            granularity=period.granularity,
            anchor=published if outcome.relative else None,
            status=_status(outcome.relative, outcome.assumed),
            reason=outcome.how,
        )
    if isinstance(outcome, Members):
        relative = _relative(outcome)
        first, last = outcome.parts[0].period.value, outcome.parts[-1].period.value
        return DateResolution(
            value=f"{first}/{last}",
            values=[p.period.value for p in outcome.parts],
            start=min(p.period.start for p in outcome.parts),
            end=max(p.period.end for p in outcome.parts),
            granularity="range",
            anchor=published if relative else None,
            status=_status(relative, any(p.assumed for p in outcome.parts)),
            reason=outcome.how,
        )
    if isinstance(outcome, Vague) and published is None:
        # 'recently' needs no date to be PAST_REF, but cannot be placed without one
        reason = f"{outcome.how}; {NO_ANCHOR}"
        return _unresolved(Missing(reason, outcome.kind))
    if isinstance(outcome, Vague):
        return DateResolution(
            value=outcome.kind,
            start=published if outcome.kind != "PAST_REF" else None,
            end=published if outcome.kind != "FUTURE_REF" else None,
            granularity="ref",
            anchor=published,
            status="resolved",
            reason=outcome.how,
        )
    return _unresolved(outcome)


def _relative(outcome: Found | Members) -> bool:
    if isinstance(outcome, Found):
        return outcome.relative
    return any(p.relative for p in outcome.parts)


def _status(relative: bool, assumed: bool) -> DateStatus:
    """'assumed' when no word of the sentence gave the direction the choice needed."""
    if not relative:
        return "explicit"
    return "assumed" if assumed else "resolved"


def _unresolved(missing: Missing) -> DateResolution:
    return DateResolution(
        value=missing.value,
        start=None,
        end=None,
        granularity=None,
        anchor=None,
        status="unresolved",
        reason=missing.reason,
    )


_ANY_DAY = dt.date(2000, 1, 1)  # only to tell a date expression from other words


def day_of_month(expression: str) -> tuple[int, int] | None:
    """(month, day) when ``expression`` is a day of a month written with no year ("on March
    31", "the 31st of March"): a day of the year even where no publication date anchors it."""
    return cyclic.day_of_month(clean(expression).text)


def is_date_expression(expression: str) -> bool:
    """True unless ``expression`` is no calendar expression at all ("said", "in the
    conference"); the anchor used to tell does not matter."""
    return resolve_date(expression, _ANY_DAY).reason != NOT_A_DATE
