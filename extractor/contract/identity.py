"""Stable, content-derived event ids: the same event keeps its id across runs."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    if text is None:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def event_id(
    article_id: str,
    description: str,
    actors: list[str],
    place: str | None,
    when: str | None,
) -> str:
    """Hash of what identifies an event: its article, actors, place, date and description.

    Case, Unicode form, whitespace and actor order do not change the id.
    """
    key = [
        article_id,
        sorted({_norm(a) for a in actors}),
        _norm(place),
        _norm(when),
        _norm(description),
    ]
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()
    return f"ev_{digest[:16]}"
