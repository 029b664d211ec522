"""The order in which the rules are tried on a cleaned expression."""

from __future__ import annotations

from collections.abc import Callable

from extractor.dates import counts, cyclic, explicit, refs, units
from extractor.dates.anaphora import anaphora_rule
from extractor.dates.asides import aside_rule, part_of_day_rule
from extractor.dates.business import business_rule
from extractor.dates.ended import ended_rule
from extractor.dates.fallback import dateparser_rule
from extractor.dates.modifiers import modifier_rule
from extractor.dates.outcome import NOT_A_DATE, Missing, Outcome, Situation
from extractor.dates.ranges import range_rule
from extractor.dates.years import YearRef, split_year

Rule = Callable[[str, YearRef | None, Situation], Outcome | None]
Composite = Callable[[str, Situation, Callable[[str, Situation], Outcome]], Outcome | None]

# Most specific first: a full date before a month, a month before a vague 'recently'.
ATOMIC: tuple[Rule, ...] = (
    *explicit.RULES,
    *cyclic.RULES,
    *units.RULES,
    *counts.RULES,
    *counts.LAST_RULES,
    *refs.RULES,
)
COMPOSITE: tuple[Composite, ...] = (
    aside_rule,
    part_of_day_rule,
    modifier_rule,
    ended_rule,
    range_rule,
)


def interpret(text: str, situation: Situation) -> Outcome:
    """What ``text`` (already cleaned) denotes, or why it cannot be said."""
    if not text:
        return Missing("empty expression")
    outcome = business_rule(text, situation) or anaphora_rule(text, situation, interpret)
    if outcome is not None:
        return outcome
    outcome = _atomic(text, None, situation)
    if outcome is not None:
        return outcome
    rest, year = split_year(text)
    if year is not None:
        outcome = _atomic(rest, year, situation)
        if outcome is not None:
            return outcome
    for composite in COMPOSITE:
        outcome = composite(text, situation, interpret)
        if outcome is not None:
            return outcome
    return dateparser_rule(text, None, situation) or Missing(NOT_A_DATE)


def _atomic(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    for rule in ATOMIC:
        outcome = rule(text, year, situation)
        if outcome is not None:
            return outcome
    return None
