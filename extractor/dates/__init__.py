"""Date resolution: each 'when' resolved against the publication date, by code.

Pure: no clock, no environment, no files. See ``resolve_date``; ``Resolver`` is its type.
"""

from __future__ import annotations

from extractor.dates.resolve import is_date_expression, resolve_date
from extractor.dates.resolver import Resolver

__all__ = ["Resolver", "is_date_expression", "resolve_date"]
