"""Vague times: 'now', 'recently', 'in the future' become PRESENT_REF, PAST_REF, FUTURE_REF."""

from __future__ import annotations

import re

from extractor.dates.outcome import RECURRING, Missing, Outcome, RefKind, Situation, Vague
from extractor.dates.years import YearRef

_PRESENT_PHRASES = re.compile(
    r"^(?:for\s+)?(?:the\s+time\s+being|these\s+days|this\s+time|the\s+moment"
    r"|(?:at\s+)?this\s+(?:point|stage|juncture)|at\s+this\s+time"
    r"|(?:so\s+far|to\s+date|until\s+now|up\s+to\s+now|as\s+yet))$"
)
_RULES: tuple[tuple[RefKind, re.Pattern[str]], ...] = (
    ("FUTURE_REF", re.compile(r"\b(?:future|soon|shortly|later|eventually|someday|upcoming"
                              r"|ahead|forthcoming|afterwards|(?:long|short|near|medium)[- ]term"
                              r"|coming\s+(?:days|weeks|months|years|decades)|due\s+course"
                              r"|years\s+to\s+come|one\s+day)\b")),
    ("PAST_REF", re.compile(r"\b(?:recent(?:ly)?|lately|past|previously|formerly|earlier"
                            r"|history|historically|ago|once|beforehand|one\s+point)\b")),
    ("PRESENT_REF", re.compile(r"\b(?:now|currently|current|present(?:ly)?|moment|nowadays"
                               r"|ongoing|today's|contemporary)\b")),
)  # fmt: skip
_CALENDAR = re.compile(r"\d|\b(?:week|month|year|day)\b(?!s)")
# A ref is a short phrase ("in the not too distant future"); a longer text holding "now" or
# "past" is a sentence, not a date expression.
_REF_WORDS = 8


_SET = re.compile(
    r"^(?:every|each|once a|twice a|per)\s+\S.*$"
    r"|^(?:daily|weekly|fortnightly|monthly|quarterly|yearly|annual|annually|nightly|hourly)$"
)


def set_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """'every Friday', 'annually': a recurring time (a TIMEX3 set), not one date."""
    if _SET.match(text):
        return Missing(f"{RECURRING} ('{text}'), not one date")
    return None


def ref_rule(text: str, year: YearRef | None, situation: Situation) -> Outcome | None:
    """A ref when the short text holds no calendar word of its own (digits, a single unit)."""
    if _PRESENT_PHRASES.match(text):
        return Vague("PRESENT_REF", f"{text}: the present, no calendar date")
    if _CALENDAR.search(text) or len(text.split()) > _REF_WORDS:
        return None
    for kind, pattern in _RULES:
        if pattern.search(text):
            word = kind.removesuffix("_REF").lower()
            return Vague(kind, f"{text}: the {word}, no calendar date")
    return None


RULES = (set_rule, ref_rule)
