"""Other date expressions in the same sentence: the antecedents of 'the same day', 'that time'.

A small finder, not a tagger: capitalised month and weekday names, days of a month, years
from 1900 to 2099, numeric dates, quarters, words such as 'yesterday' or 'last year', and a
count of days, weeks … from the date the text has just named ('a year later', 'two days
earlier': ``anaphora.COUNTED``, but for a bare 'after' or 'before', which may take an object).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.dates.lexicon import NUMBER, UNIT
from extractor.text.lexicon import MONTHS, WEEKDAYS


def _titled(words: dict[str, int]) -> str:
    return "|".join(sorted((w.title() for w in words), key=len, reverse=True))


_MONTH = rf"(?:{_titled(MONTHS)})\.?"
_WEEKDAY = rf"(?:{_titled(WEEKDAYS)})\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_RELATIVE = (
    r"(?i:today|tonight|yesterday|tomorrow|(?:last|this|next) (?:week|month|year|quarter)"
    r"|the (?:first|second|third|fourth|final) quarter(?: of (?:this |last |next )?(?:year|\d{4}))?"
    r"|(?:first|second|third|fourth)-quarter)"
)
_COUNTED = (
    rf"(?i:{NUMBER}\s+{UNIT}\s+(?:later|earlier|afterwards?|thereafter|after that|before that))"
)
_MENTION = re.compile(
    rf"\b(?:(?:(?i:last|this|next) )?{_WEEKDAY}(?:,? {_MONTH} {_DAY}(?:,? {_YEAR})?)?"
    rf"|{_MONTH} {_DAY}(?:,? {_YEAR})?"
    rf"|{_DAY} {_MONTH}(?:,? {_YEAR})?"
    rf"|{_MONTH}(?:,? (?:of )?{_YEAR})?"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"
    rf"|{_RELATIVE}"
    rf"|{_COUNTED}"
    rf"|{_YEAR})\b(?!\s?%)"
)


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int


def find_mentions(context: str) -> list[Mention]:
    """Date expressions in ``context``, in order; 'May' only when not a verb ('it may')."""
    found = []
    for match in _MENTION.finditer(context):
        text = match.group(0)
        if text == "May" and _after_subject(context, match.start()):
            continue
        found.append(Mention(text, match.start(), match.end()))
    return found


def _after_subject(context: str, start: int) -> bool:
    before = context[:start].rstrip().rsplit(" ", 1)[-1].lower()
    return before not in ("in", "on", "since", "until", "by", "of", "from", "early", "late", "")
