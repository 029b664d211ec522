"""Cleaning of a date expression before the rules see it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extractor.dates.lexicon import WEEKDAY
from extractor.dates.outcome import Lean

# Leading words that do not change which date is meant; longest first.
_PREPOSITIONS = (
    "as recently as",
    "as early as",
    "as late as",
    "no later than",
    "not until",
    "up until",
    "up to",
    "prior to",
    "ahead of",
    "back in",
    "back on",
    "as of",
    "throughout",
    "through",
    "during",
    "within",
    "around",
    "about",
    "since",
    "until",
    "after",
    "before",
    "from",
    "till",
    "over",
    "til",
    "for",
    "on",
    "in",
    "at",
    "by",
    "of",
)
_PREPOSITION = re.compile(rf"^(?:{'|'.join(_PREPOSITIONS)})\s+(?=\S)")
_EARLIER_LATER = re.compile(r"^(?:earlier|later)\s+(?=(?:on|in|at)\s)")
# Words that do not change the date: 'just last week', 'only yesterday', 'a Tuesday meeting'.
_HEDGE = re.compile(r"^(?:just|only)\s+(?=\S)")
_ARTICLE = re.compile(rf"^(?:a|an)\s+(?={WEEKDAY}(?:\s|$))")
LEANS: dict[str, Lean] = {
    "since": "past",
    "back in": "past",
    "back on": "past",
    "as of": "past",
    "as recently as": "past",
    "until": "future",
    "till": "future",
    "til": "future",
    "up until": "future",
    "not until": "future",
    "no later than": "future",
    "by": "future",
}
_QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
_DASHES = re.compile(r"\s*[‐‑‒–—―]\s*")
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:])")
_POSSESSIVE = re.compile(r"\s*'s$")
_EDGE = ' \t"()[]{},;:!?.*'


def without_preposition(expression: str) -> str:
    """``expression`` as written, without a leading preposition ("on May 3" -> "May 3")."""
    match = _PREPOSITION.match(expression.lower())  # the prepositions are ASCII: same length
    return expression[match.end() :] if match else expression


@dataclass(frozen=True)
class Cleaned:
    """The expression in lower case with plain spaces and dashes, prepositions removed."""

    text: str
    preposition: str | None

    @property
    def lean(self) -> Lean | None:
        """The direction the removed preposition implies: 'since' past, 'until' future."""
        return LEANS.get(self.preposition or "")


def clean(expression: str) -> Cleaned:
    text = unicodedata.normalize("NFKC", expression).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACE.sub(" ", text)).lower()
    text = text.strip(_EDGE)
    if text.startswith("'") and not text[1:2].isdigit():
        text = text.strip("'")
    text = _POSSESSIVE.sub("", text).strip(_EDGE)
    preposition: str | None = None
    while True:
        text = _EARLIER_LATER.sub("", text)
        text = _ARTICLE.sub("", _HEDGE.sub("", text))
        match = _PREPOSITION.match(text)
        if match is None:
            break
        preposition = preposition or match.group(0).strip()
        text = text[match.end() :]
    return Cleaned(text, preposition)
