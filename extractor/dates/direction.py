"""Words right next to a date expression that say whether it lies ahead or behind.

Rules as data: each row is a pattern on the text just before the expression (ending where the
expression starts) or just after it (starting where it ends), the direction it gives, and the
evidence written into the resolution's reason. They are tried before the clause's tenses
(``tense.py``): 'postponed until Monday' looks ahead although 'postponed' is a past form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.dates.outcome import Lean


@dataclass(frozen=True)
class Direction:
    """Where the sentence puts the expression, and the words that say so."""

    lean: Lean
    evidence: str


_BE_NOW = r"(?:is|are|'re|remains|remain)"  # not "'s": 'the company's Friday meeting'
_ADVERB = r"(?:(?:now|still|tentatively|currently|also|provisionally|expected\s+to\s+be)\s+)?"
_LINK = r"(?:\s+(?:for|on|in|at|until|till|to|by))?"
_DETERMINER = r"(?:\s+(?:the|a|an|this|next))?"

# (pattern on the text before the expression, lean, evidence)
BEFORE: tuple[tuple[re.Pattern[str], Lean, str], ...] = (
    (
        re.compile(
            rf"\b{_BE_NOW}\s+{_ADVERB}(?:set|scheduled|slated|planned|due|penciled\s+in"
            rf"|pencilled\s+in|expected|poised){_LINK}\s*$"
        ),
        "future",
        "scheduled",
    ),
    (
        re.compile(
            r"\b(?:postpon\w*|adjourn\w*|delay\w*|defer\w*|put\s+off|push\w*\s+(?:\w+\s+){0,4}?back"
            r"|moved\s+back|reschedul\w*|recess\w*)\b[^.;:!?]{0,80}?"
            r"\b(?:until|till|to|for)\s*$"
        ),
        "future",
        "put off to a later date",
    ),
    (
        re.compile(
            r"\b(?:ahead\s+of|heading\s+into|going\s+into|in\s+the\s+run[- ]up\s+to"
            r"|in\s+advance\s+of|in\s+preparation\s+for|preparing\s+for|previewing)"
            rf"{_DETERMINER}\s*$"
        ),
        "future",
        "an event still ahead ('ahead of', 'heading into')",
    ),
    (
        re.compile(r"\b(?:is|are)(?:\s+(?:on|for))?\s*$"),
        "future",
        "a fixture in the present tense ('the vote is Thursday')",
    ),
)

# (pattern on the text after the expression, lean, evidence)
AFTER: tuple[tuple[re.Pattern[str], Lean, str], ...] = (
    (
        re.compile(
            r"^(?:'s)?\s*(?:deadline|due\s+date|target\s+date|start\s+date|opening\s+date"
            r"|release\s+date|kick-?off|expiry|expiration)\b"
        ),
        "future",
        "a deadline or start date",
    ),
)

WINDOW = 120  # characters looked at on each side


def adjacent_direction(
    context: str, start: int, end: int, preposition: str | None = None
) -> Direction | None:
    """The direction the words touching ``context[start:end]`` give, or None."""
    before = context[max(0, start - WINDOW) : start].lower().replace("’", "'")
    if preposition:
        before = f"{before} {preposition}"
    before = " ".join(before.split())
    for pattern, lean, evidence in BEFORE:
        match = pattern.search(before)
        if match:
            return Direction(lean, f"{evidence}: '{match.group(0).strip()}'")
    after = context[end : end + WINDOW].lower().replace("’", "'")
    for pattern, lean, evidence in AFTER:
        match = pattern.search(after)
        if match:
            return Direction(lean, f"{evidence}: '{match.group(0).strip()}'")
    return None
