"""Expressions that point at another date of the sentence: 'the same day', 'that time',
'the same month a year ago', 'the previous year', 'three days later than planned'.

The antecedent is the nearest compatible date mentioned before the expression (else after
it). Without one, 'the day' is the publication day (in news, the day reported), 'the
previous year' counts from the publication date, and the rest stay unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import NamedTuple

from extractor.dates import periods
from extractor.dates.lexicon import DAY_PARTS, NUMBER, UNIT, UNITS, number_value
from extractor.dates.mentions import Mention, find_mentions
from extractor.dates.outcome import Found, Missing, Outcome, Situation, Vague
from extractor.dates.periods import Period
from extractor.dates.tense import context_lean
from extractor.dates.text import clean

Interpret = Callable[[str, Situation], Outcome]

_DAY = re.compile(
    r"^(?:(?:earlier|later)\s+(?:that|the same|on that|on the same|in the)\s+day"
    r"|(?:the|that|the same|that same|the very)\s+(?:very\s+)?day"
    r"|(?:late|early|earlier|later)\s+in\s+the\s+day"
    r"|the\s+(?:start|end|beginning|close)\s+of\s+the\s+day)$"
)
# 'that night', 'the next morning', 'later that evening': a part of the day just named.
_DAY_PART = re.compile(
    r"^(?:(?:earlier|later)\s+)?(?P<which>that|that same|the same|the next|the following)\s+"
    r"(?P<part>morning|afternoon|evening|night)$"
)
_DATE = re.compile(r"^(?:its|their|the|that|the same)\s+date$")
_YEAR_AGO = re.compile(
    r"^(?:the\s+)?year[- ](?:earlier|ago)\s+(?P<unit>day|week|month|quarter|period|time|year"
    r"|season|level|levels|figure|figures|results?)$"
)
_SAME = re.compile(
    r"^(?:the\s+)?same\s+(?P<unit>day|week|month|quarter|period|time|year|season)"
    r"(?:\s+(?P<shift>a year ago|a year earlier|a year before|last year|of last year"
    r"|the previous year|of the previous year|a year later|next year))?$"
)
_THAT = re.compile(
    r"^that\s+(?P<unit>time|moment|period|week|month|year|quarter|season)$"
    r"|^the\s+(?P<unit2>time|period)$|^(?P<then>then|at the time|at that time)$"
)
_RELATIVE = re.compile(
    r"^(?:the\s+(?P<dir>next|following|previous|preceding|prior)\s+(?P<unit>day|week|month"
    r"|quarter|year)|the\s+(?P<unit2>day|week|month|year)\s+(?P<dir2>before|after|previous|"
    r"earlier|later))$"
)
# 'two weeks later', 'three days before that': counted from the date the text has just named,
# never from the paper. (word after the count, step, what the word says)
COUNTED: tuple[tuple[str, int, str], ...] = (
    ("later", 1, "'later' counts on from the date just named"),
    ("after that", 1, "'after that' counts on from the date just named"),
    ("afterwards", 1, "'afterwards' counts on from the date just named"),
    ("afterward", 1, "'afterward' counts on from the date just named"),
    ("thereafter", 1, "'thereafter' counts on from the date just named"),
    ("after", 1, "'after' with nothing after it counts on from the date just named"),
    ("earlier", -1, "'earlier' counts back from the date just named"),
    ("before that", -1, "'before that' counts back from the date just named"),
    ("prior", -1, "'prior' counts back from the date just named"),
    ("before", -1, "'before' with nothing after it counts back from the date just named"),
)
_COUNTED = re.compile(
    rf"^(?P<n>{NUMBER})\s+(?P<unit>{UNIT})\s+"
    rf"(?P<word>{'|'.join(re.escape(word) for word, _, _ in COUNTED)})$"
)
_COUNTED_STEP = {word: (step, evidence) for word, step, evidence in COUNTED}
# Granularities from fine to coarse: 'two days later' than a month cannot be placed.
_COARSE = ("day", "week", "month", "season", "quarter", "year")
_COARSE_OF = {"day": "day", "week": "week", "fortnight": "week", "month": "month"}
_DELAY = re.compile(
    rf"^(?:(?:{NUMBER})\s+(?:{UNIT})\s+)?(?:later|earlier|behind|ahead of)\s+(?:than\s+)?"
    r"(?:originally\s+|first\s+)?(?:planned|expected|scheduled|anticipated|forecast|announced)$"
)
_BARE = re.compile(r"^the\s+(?:(?:entire|whole|full)\s+)?(?P<unit>week|month|quarter|year)$")
_EARLIER_LATER = re.compile(r"^(?:earlier|later)\s+(?=that\s)")
_RELATIVE_PRONOUN = re.compile(r"^(?:which|when)$")
# 'the week' or 'the year' takes a date named in the sentence or just before it (about the
# previous sentence), else it is the publication's own week or year.
JUST_NAMED = 300
_SHIFT_YEARS = {"a year later": 1, "next year": 1}
_BACKWARD = ("previous", "preceding", "prior", "before", "earlier")
_FINER = {
    "day": ("day",),
    "week": ("day", "week"),
    "month": ("day", "week", "month"),
    "quarter": ("day", "week", "month", "quarter"),
    "season": ("day", "week", "month", "season"),
    "year": ("day", "week", "month", "quarter", "season", "year"),
}


def anaphora_rule(text: str, situation: Situation, interpret: Interpret) -> Outcome | None:
    if not situation.anaphora:
        return None
    day = _day(text, situation, interpret)
    if day is not None:
        return day
    match = _SAME.match(text)
    if match:
        unit = match["unit"]
        years = _SHIFT_YEARS.get(match["shift"] or "", -1 if match["shift"] else 0)
        found = _antecedent(situation, unit, interpret)
        return _bound(found, years * 12, "month", text)
    match = _YEAR_AGO.match(text)
    if match:  # 'the year-earlier period': the antecedent a year back
        unit = match["unit"] if match["unit"] in _FINER else "period"
        return _bound(_antecedent(situation, unit, interpret), -12, "month", text)
    match = _THAT.match(_EARLIER_LATER.sub("", text))  # 'later that year' is that year
    if match:
        if match["then"]:
            found = _antecedent(situation, "time", interpret)
            return _bound(found, 0, "day", text) if found else Vague("PAST_REF", f"{text}: past")
        unit = match["unit"] or match["unit2"]
        return _bound(_antecedent(situation, unit, interpret), 0, "day", text)
    if _DELAY.match(text):
        found = _antecedent(situation, "day", interpret)
        return _bound(found, 0, "day", f"{text}: the planned date is shifted to the one named")
    match = _RELATIVE.match(text)
    if match:
        return _relative(match, situation, interpret, text)
    match = _COUNTED.match(text)
    if match:
        return _counted(match, situation, interpret, text)
    match = _BARE.match(text)
    if match:  # 'for the entire year' after 'the fourth quarter of 2005'; else a unit rule
        found = _antecedent(situation, match["unit"], interpret, reach=JUST_NAMED)
        return _bound(found, 0, "day", text) if found else None
    if _RELATIVE_PRONOUN.match(text):  # 'the last quarter, which ended ...'
        found = _antecedent(situation, "time", interpret, reach=False, after=False)
        return _bound(found, 0, "day", text)
    return None


def _relative(
    match: re.Match[str], situation: Situation, interpret: Interpret, text: str
) -> Outcome:
    unit = UNITS[match["unit"] or match["unit2"]]
    direction = match["dir"] or match["dir2"]
    step = -1 if direction in _BACKWARD else 1
    coarse = unit if unit in _FINER else "year"
    found = _antecedent(situation, coarse, interpret)  # 'the previous year' is a year
    if found is None and direction in _BACKWARD[:3] and situation.anchor is not None:
        base = periods.unit_of(unit if unit in _FINER else "year", situation.anchor)
        moved = periods.shifted(base, unit, step)
        return Found(moved, True, f"{text}: no earlier date in the sentence; from publication")
    return _bound(found, step, unit, text)


def _counted(
    match: re.Match[str], situation: Situation, interpret: Interpret, text: str
) -> Outcome:
    """'two weeks later': the nearest date named before it (in its sentence, else in the text
    before), moved by the count; it keeps that date's granularity ('a year earlier' than a
    quarter is a quarter). No date named before it: unresolved, not the paper's date."""
    unit = UNITS[match["unit"]]
    count = number_value(match["n"])
    sign, evidence = _COUNTED_STEP[match["word"]]
    source = _source(situation, "year", interpret, keep=True, after=False)
    if source is None:
        return Missing(f"'{text}' counts from a date the text has not named before it")
    found, named, where, assumed = source
    if _COARSE.index(found.granularity) > _COARSE.index(_COARSE_OF.get(unit, "year")):
        return Missing(f"'{text}': {found.value} ('{named}') is too coarse to count {unit}s from")
    moved = periods.shifted(found, unit, sign * count)
    how = f"{text}: {evidence}, {found.value} ('{named}' {where})"
    return Found(moved, True, how, assumed=assumed)


def _day(text: str, situation: Situation, interpret: Interpret) -> Outcome | None:
    """'the same day', 'its date', 'that night': the day of a date the text names."""
    if _DAY.match(text) or _DATE.match(text):
        found = _antecedent(situation, "day", interpret)
        if found or _DATE.match(text):
            return _bound(found, 0, "day", text)
        return _publication_day(situation, text)
    match = _DAY_PART.match(text)
    return _part_of(match, situation, interpret, text) if match else None


def _part_of(
    match: re.Match[str], situation: Situation, interpret: Interpret, text: str
) -> Outcome:
    found = _antecedent(situation, "day", interpret)
    if found is None:
        return Missing(f"'{text}' refers to another day and the text names none")
    step = 1 if match["which"] in ("the next", "the following") else 0
    date = found.start + dt.timedelta(days=step)
    period = periods.day_part(date, DAY_PARTS[match["part"]])
    return Found(period, True, f"{text}: bound to {found.value} named before it")


def _bound(found: Period | None, step: int, unit: str, text: str) -> Outcome:
    if found is None:
        return Missing(f"'{text}' refers to another date and the sentence names none")
    moved = periods.shifted(found, unit, step) if step else found
    return Found(moved, True, f"{text}: bound to {found.value}, the date the text names")


def _publication_day(situation: Situation, text: str) -> Outcome:
    if situation.anchor is None:
        return Missing(f"'{text}' refers to another date and there is no publication date")
    how = f"{text}: no other day in the sentence, so the publication day"
    return Found(periods.day(situation.anchor), True, how)


class Source(NamedTuple):
    """A date the text names: its period, the words, where they stand, whether its direction
    was assumed."""

    period: Period
    named: str
    where: str
    assumed: bool


def _antecedent(
    situation: Situation,
    unit: str,
    interpret: Interpret,
    *,
    reach: bool | int = True,
    after: bool = True,
    keep: bool = False,
) -> Period | None:
    """The nearest date at least as fine as ``unit``, taken at that unit: first before the
    expression in its sentence, then (``reach``) in the text before the sentence (a number:
    only its last so many characters), then (``after``) later in the sentence."""
    source = _source(situation, unit, interpret, reach=reach, after=after, keep=keep)
    return source.period if source else None


def _source(
    situation: Situation,
    unit: str,
    interpret: Interpret,
    *,
    reach: bool | int = True,
    after: bool = True,
    keep: bool = False,
) -> Source | None:
    """As ``_antecedent``, with the words that named the date and where they stand."""
    for text, mention, where in _mentions(situation, reach=reach, after=after):
        lean = context_lean(text, mention.start, mention.end)
        cleaned = clean(mention.text)
        inner = replace(situation, lean=lean, anaphora=False, preposition=cleaned.preposition)
        outcome = interpret(cleaned.text, inner)
        if not isinstance(outcome, Found):
            continue
        period = outcome.period
        if unit in ("time", "period"):
            return Source(period, mention.text, where, outcome.assumed)
        if period.granularity in _FINER.get(unit, ()):
            if not (keep or unit == "day"):
                period = periods.unit_of(unit, period.start)
            return Source(period, mention.text, where, outcome.assumed)
    return None


def _mentions(
    situation: Situation, *, reach: bool | int, after: bool
) -> Iterator[tuple[str, Mention, str]]:
    context = situation.context or ""
    position = situation.position if situation.position is not None else len(context)
    own = [m for m in find_mentions(context) if not m.start <= position < m.end]
    for mention in reversed([m for m in own if m.end <= position]):
        yield context, mention, "earlier in the sentence"
    if reach and situation.preceding:
        preceding = situation.preceding
        if reach is not True:
            preceding = preceding[-reach:]
        for mention in reversed(find_mentions(preceding)):
            yield preceding, mention, "in the text before the sentence"
    if after:
        for mention in (m for m in own if m.start > position):
            yield context, mention, "later in the sentence"
