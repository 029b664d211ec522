"""The year a date expression names, if it names one: '2009', "'82", 'last year', 'of next year'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.dates.lexicon import YEAR4
from extractor.dates.outcome import Missing, Situation, need_anchor

_EXPLICIT = re.compile(rf"^(?P<rest>.+?),?\s+(?:of\s+|in\s+)?(?P<year>{YEAR4})$")
_TWO_DIGIT = re.compile(r"^(?P<rest>.+?),?\s+(?:of\s+)?'(?P<year>\d{2})$")
_RELATIVE = re.compile(
    r"^(?P<rest>.+?),?\s+(?:of\s+)?(?P<which>this|last|next|the current|the coming|the past"
    r"|the previous|the following) year$"
)
_POSSESSIVE = re.compile(
    rf"^(?:(?P<year>{YEAR4})|(?P<which>this|last|next) year)'s\s+(?P<rest>.+)$"
)
_OFFSETS = {
    "this": 0,
    "the current": 0,
    "last": -1,
    "the past": -1,
    "the previous": -1,
    "next": 1,
    "the coming": 1,
    "the following": 1,
}


@dataclass(frozen=True)
class YearRef:
    """A year as written: explicit ('2009'), two-digit ("'82") or relative ('last year')."""

    text: str
    explicit: int | None = None
    two_digit: int | None = None
    offset: int | None = None


def split_year(text: str) -> tuple[str, YearRef | None]:
    """Split 'the first quarter of last year' into 'the first quarter' and its year."""
    match = _POSSESSIVE.match(text)
    if match and match["year"]:
        return match["rest"], YearRef(match["year"], explicit=int(match["year"]))
    if match:
        return match["rest"], YearRef(f"{match['which']} year", offset=_OFFSETS[match["which"]])
    match = _EXPLICIT.match(text)
    if match:
        return match["rest"], YearRef(match["year"], explicit=int(match["year"]))
    match = _TWO_DIGIT.match(text)
    if match:
        return match["rest"], YearRef("'" + match["year"], two_digit=int(match["year"]))
    match = _RELATIVE.match(text)
    if match:
        return match["rest"], YearRef(f"{match['which']} year", offset=_OFFSETS[match["which"]])
    return text, None


def two_digit_year(digits: int, anchor_year: int) -> int:
    """The year ending in ``digits`` nearest the anchor, at most ten years after it."""
    year = anchor_year - anchor_year % 100 + digits
    return year - 100 if year > anchor_year + 10 else year


def year_of(ref: YearRef, situation: Situation) -> tuple[int, bool] | Missing:
    """The year and whether it needed the anchor, or why it cannot be known."""
    if ref.explicit is not None:
        return ref.explicit, False
    missing = need_anchor(situation, ref.text)
    if missing is not None or situation.anchor is None:
        return missing or Missing("no publication date")
    if ref.two_digit is not None:
        return two_digit_year(ref.two_digit, situation.anchor.year), True
    return situation.anchor.year + (ref.offset or 0), True
