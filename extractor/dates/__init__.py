"""Date resolution: each 'when' resolved against the publication date, by code.

Pure: no clock, no environment, no files. See ``resolve_date``.
"""

from __future__ import annotations

from extractor.dates.resolve import is_date_expression, resolve_date

__all__ = ["is_date_expression", "resolve_date"]
