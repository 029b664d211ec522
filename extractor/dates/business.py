"""The business calendar of a results story.

A story that reports quarterly figures is about one quarter: the one being reported, by
default the last that ended before the publication date, or the one the text names ('the
third quarter', 'Q2 of 2009'). Beside such figures, 'the quarter' is that quarter, and 'a year
ago', 'a year earlier' or 'the year-earlier period' is the same quarter a year before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractor.dates import periods
from extractor.dates.lexicon import ordinal_value
from extractor.dates.outcome import Found, Outcome, Situation
from extractor.dates.periods import Period

# Words of reported figures: a sentence with one of them is about results.
RESULTS = re.compile(
    r"\b(?:profits?|earnings|revenues?|net\s+(?:income|loss|profit)|losses|sales|per\s+share"
    r"|operating\s+(?:income|profit|loss)|results|ebitda|margins?|same-store|turnover"
    r"|deliveries|shipments|dividend|quarterly|a\s+share|cents|(?:m|b)illion)\b|\$\s?\d",
    re.IGNORECASE,
)
# A sentence about a longer period: its 'a year earlier' is a year, not a quarter.
_LONGER = re.compile(
    r"\bfor\s+(?:the\s+)?(?:(?:full|whole|fiscal|calendar)\s+)?year\b"
    r"|\b(?:first\s+)?(?:six|nine)\s+months\b|\bfiscal\s+(?:year|(?:19|20)\d\d)\b"
    r"|\bfor\s+(?:19|20)\d\d\b|\b(?:annual|year-end|full-year)\b",
    re.IGNORECASE,
)
_QUARTER_WORD = re.compile(r"\bquarter(?:ly|s)?\b", re.IGNORECASE)
_ORDINAL = r"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
# A named quarter in the text: 'the third quarter', 'fiscal first-quarter', '2009's Q2'.
_NAMED = re.compile(
    rf"\b(?:(?P<year>(?:19|20)\d\d)(?:'s)?\s+)?(?:fiscal\s+)?{_ORDINAL}[- ](?:fiscal[- ])?"
    rf"quarter\b(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year2>(?:19|20)\d\d))?"
    rf"|\bQ(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<year3>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
# The expressions this module answers in a results story.
_THE_QUARTER = re.compile(
    r"^(?:the|the latest|the most recent|the recent|the just-ended|the just ended|the past"
    r"|the reporting|the fiscal|the latest fiscal)\s+(?:fiscal\s+)?(?:quarter|three\s+months)$"
)
_YEAR_BACK = re.compile(
    r"^(?:a\s+year\s+(?:ago|earlier|before)|(?:the\s+)?year[- ](?:ago|earlier)"
    r"(?:\s+(?:quarter|period|three\s+months|figures?|results?|level|levels))?"
    r"|(?:the\s+)?same\s+(?:quarter|period|three\s+months)\s+(?:a\s+year\s+(?:ago|earlier"
    r"|before)|last\s+year|of\s+last\s+year|the\s+(?:previous|prior)\s+year))$"
)


@dataclass(frozen=True)
class Story:
    """Why the text is a results story, and the quarter it reports."""

    quarter: Period
    evidence: str


def results_story(situation: Situation, *, sentence_figures: bool) -> Story | None:
    """The quarter reported, if the text reports quarterly figures. ``sentence_figures``: the
    sentence itself must name a figure ('profit', 'sales'), as year-ago comparisons do."""
    anchor = situation.anchor
    if anchor is None:
        return None
    sentence = situation.context or ""
    text = f"{situation.preceding or ''}\n{sentence}"
    figure = RESULTS.search(sentence) or (None if sentence_figures else RESULTS.search(text))
    quarter_word = _QUARTER_WORD.search(text)
    if figure is None or quarter_word is None:
        return None
    evidence = f"a results story ('{figure.group(0)}', '{quarter_word.group(0)}')"
    named = _last_named(situation)
    if named is not None:
        return Story(_named_period(named, anchor), f"{evidence}, reporting '{named.group(0)}'")
    return Story(reporting_quarter(anchor), f"{evidence}, reporting the last ended quarter")


def reporting_quarter(anchor: dt.date) -> Period:
    """The last quarter that ended before ``anchor``: the one results are published for."""
    return periods.quarter_of(periods.shift(periods.quarter_of(anchor).start, "quarter", -1))


def quarter_number(match: re.Match[str]) -> int:
    if match["q"]:
        return int(match["q"])
    word = match["ord"].lower()
    return 4 if word == "final" else ordinal_value(word)


def _named_period(match: re.Match[str], anchor: dt.date) -> Period:
    number = quarter_number(match)
    year = match["year"] or match["year2"] or match["year3"]
    if year:
        return periods.quarter(int(year), number)
    return latest_quarter(number, anchor)


def latest_quarter(number: int, anchor: dt.date) -> Period:
    """Quarter ``number`` of the latest year in which it ended before ``anchor``."""
    period = periods.quarter(anchor.year, number)
    return period if period.end < anchor else periods.quarter(anchor.year - 1, number)


def _last_named(situation: Situation) -> re.Match[str] | None:
    sentence = situation.context or ""
    position = situation.position if situation.position is not None else len(sentence)
    for text in (sentence[:position], situation.preceding or ""):
        found = list(_NAMED.finditer(text))
        if found:
            return found[-1]
    return None


def business_rule(text: str, situation: Situation) -> Outcome | None:
    """'the quarter' and 'a year ago' in a results story."""
    if not situation.anaphora or situation.anchor is None:
        return None
    if _THE_QUARTER.match(text):
        story = results_story(situation, sentence_figures=False)
        if story is not None:
            return Found(story.quarter, True, f"{text}: the quarter of {story.evidence}")
    elif text == "the period" and _has_figures(situation):
        story = results_story(situation, sentence_figures=True)
        if story is not None and not _LONGER.search(situation.context or ""):
            return Found(story.quarter, True, f"{text}: the quarter of {story.evidence}")
    elif _YEAR_BACK.match(text):
        story = results_story(situation, sentence_figures=True)
        if story is not None and _LONGER.search(situation.context or ""):
            year = periods.year(story.quarter.start.year - 1)
            how = f"{text}: the year before the reported one, in {story.evidence}"
            return Found(year, True, f"{how}; the sentence is about a year, not a quarter")
        if story is not None:
            back = periods.shifted(story.quarter, "year", -1)
            how = f"{text}: the same quarter a year before, in {story.evidence}"
            return Found(back, True, how)
    return None


def _has_figures(situation: Situation) -> bool:
    return RESULTS.search(situation.context or "") is not None


def reported_quarter(number: int, situation: Situation) -> Found | None:
    """A named quarter without a year ('the third quarter') that is the one a results story
    reports: the latest that ended, whatever the tense ('will report third-quarter results')."""
    anchor = situation.anchor
    if anchor is None or not situation.anaphora:
        return None
    if reporting_quarter(anchor).value[-1] != str(number):
        return None
    story = results_story(situation, sentence_figures=False)
    if story is None:
        return None
    period = latest_quarter(number, anchor)
    return Found(period, True, f"Q{number}: the last ended one, reported in {story.evidence}")
