"""What a rule found, and what it was given to find it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from extractor.dates.periods import Period

Lean = Literal["past", "future"]
RefKind = Literal["PAST_REF", "PRESENT_REF", "FUTURE_REF"]


@dataclass(frozen=True)
class Situation:
    """Everything a rule may use besides the expression: no clock, no files."""

    anchor: dt.date | None
    lean: Lean | None = None  # from the tense hint, the sentence or the preposition
    context: str | None = None  # the sentence, for anaphora ('the same day')
    preceding: str | None = None  # the text before the sentence, for anaphora too
    position: int | None = None  # where the expression starts in the context
    preposition: str | None = None  # removed from the expression: 'in', 'since', ...
    anaphora: bool = True  # off while resolving the context's own mentions
    evidence: str | None = None  # the words that gave the lean, for the reason


@dataclass(frozen=True)
class Found:
    """A calendar period. ``relative``: it needed the anchor (status 'resolved').
    ``assumed``: the sentence gave no direction and the past and the coming occurrence
    differ, so the news convention chose (status 'assumed')."""

    period: Period
    relative: bool
    how: str
    cyclic: bool = False  # a weekday, month or season: it recurs, so ranges may roll it on
    assumed: bool = False


@dataclass(frozen=True)
class Members:
    """A range given as its members ('Thursday and Friday', 'between April and June')."""

    parts: tuple[Found, ...]
    how: str


@dataclass(frozen=True)
class Vague:
    """PAST_REF, PRESENT_REF or FUTURE_REF: a time but no calendar date."""

    kind: RefKind
    how: str


@dataclass(frozen=True)
class Missing:
    """Why the expression cannot be resolved; ``value`` keeps a duration such as P6Y."""

    reason: str
    value: str | None = None


Outcome = Found | Members | Vague | Missing

NOT_A_DATE = "not a calendar expression"
NO_ANCHOR = "no publication date: a relative expression needs one"
# How the reason of a recurring time (a TIMEX3 set: "every Friday") begins.
RECURRING = "a recurring time"


def is_recurring(reason: str | None) -> bool:
    """Whether a resolution's ``reason`` says it is a recurring time, not one date."""
    return reason is not None and reason.startswith(RECURRING)


def need_anchor(situation: Situation, what: str) -> Missing | None:
    """Missing with the reason when there is no anchor, else None."""
    if situation.anchor is None:
        return Missing(f"{NO_ANCHOR} ({what})")
    return None
