"""The type of a date resolver, as the stages that take one as an argument call it."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from extractor.contract.models import DateResolution, Tense


class Resolver(Protocol):
    """Resolves a date ``expression`` against the publication date (``resolve_date`` is one):
    ``context`` the sentence holding it, ``tense`` a hint, ``preceding`` the text just before.
    Called with every argument given, as ``extractor.article.event_dates`` calls it."""

    def __call__(
        self,
        expression: str,
        published: dt.date | None,
        *,
        context: str | None,
        tense: Tense | None,
        preceding: str | None,
    ) -> DateResolution: ...
