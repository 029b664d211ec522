"""The model's names and statements located in the text: a ``Mention`` or a ``Quote`` with
its span, and what a model writes for "no value" (``given``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractor.article.ground import locate, strip_edges
from extractor.contract.models import Mention, ModelStatement, Quote
from extractor.text.lexicon import PLACEHOLDERS


def mention(text: str, name: str, within: tuple[int, int] | None = None) -> Mention:
    """``name`` with its first exact span in ``text`` (first looked for in the sentence
    ``within`` when given), ungrounded when it is not there. Initials are one writing with or
    without a space between them: "U. S. Forest Service" is found as "U.S. Forest Service"."""
    for written in dict.fromkeys([name, _INITIALS.sub(r"\1.", name)]):
        span = None
        if within is not None:
            span = locate(text, written, fuzzy=False, start=within[0], end=within[1])
        span = span or locate(text, written, fuzzy=False)
        if span is not None:
            return Mention(text=written, span=span, grounded=True)
    return Mention(text=name, span=None, grounded=False)


# A capital's full stop and the space after it, before another initial ("U. S.").
_INITIALS = re.compile(r"\b([A-Z])\.\s+(?=[A-Z]\.)")


def statement_quote(text: str, statement: ModelStatement) -> Quote:
    """The model's statement as a quote: a direct one stored as the text's own words where
    it is found (fuzzily), else as the model gave it, ungrounded."""
    span = locate(text, statement.text) if statement.kind == "direct" else None
    if span is None and statement.kind == "indirect":
        span = locate(text, statement.text, fuzzy=False)
    stored = span.text if span is not None else statement.text
    return Quote(
        speaker=mention(text, statement.speaker),
        text=stored,
        kind=statement.kind,
        span=span,
        grounded=span is not None,
        model_text=None if strip_edges(statement.text) == stored else statement.text,
    )


def given(value: str | None) -> str | None:
    """The model's value stripped, or None when it is empty or a placeholder ("n/a")."""
    value = value.strip() if value else ""
    return value if value and value.casefold().rstrip(".") not in PLACEHOLDERS else None


def unique(items: Iterable[str]) -> list[str]:
    """``items`` stripped, without empties, each once regardless of case (the first kept)."""
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item and item.casefold() not in {k.casefold() for k in seen}:
            seen[item] = None
    return list(seen)
