"""Date resolution: each 'when' resolved against the publication date, by code.

Pure: no clock, no environment, no files. See ``resolve_date``; ``Resolver`` is its type.
"""

from __future__ import annotations

from extractor.dates.mentions import find_mentions
from extractor.dates.outcome import NOT_A_DATE, is_recurring
from extractor.dates.resolve import (
    MAX_EXPRESSION,
    MAX_PRECEDING,
    day_of_month,
    is_date_expression,
    resolve_date,
)
from extractor.dates.resolver import Resolver
from extractor.dates.text import without_preposition

__all__ = [
    "MAX_EXPRESSION",
    "MAX_PRECEDING",
    "NOT_A_DATE",
    "Resolver",
    "day_of_month",
    "find_mentions",
    "is_date_expression",
    "is_recurring",
    "resolve_date",
    "without_preposition",
]
