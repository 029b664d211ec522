"""Placing a gold annotation on its raw article text: offsets, checksum, verbatim checks."""

from __future__ import annotations

import hashlib

from extractor.contract.gold import GoldArticle, GoldDate, GoldQuote
from extractor.errors import ConfigError
from extractor.evaluation.normalize import Normalized, find_all, key, normalize, trim


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _place(raw: str, norm: Normalized, text: str, occurrence: int) -> tuple[int, int] | str:
    """The raw offsets of ``text`` (verbatim) at ``occurrence``, or what is wrong."""
    needle = key(text)
    starts = find_all(norm.text, needle)
    if occurrence >= len(starts):
        return f"{text!r}: occurrence {occurrence} asked, {len(starts)} found"
    low, high = norm.to_original(starts[occurrence], starts[occurrence] + len(needle))
    # The key has lost the edge punctuation and spaces that the annotated text may keep.
    head, tail = trim(text, 0, len(text))
    start, end = low - head, high + len(text) - tail
    if raw[start:end] == text:
        return start, end
    return f"{text!r}: not verbatim in the article (it reads {raw[start:end]!r} there)"


def place(gold: GoldArticle, raw: str) -> GoldArticle:
    """``gold`` with its checksum and every quote's and date's offsets computed from ``raw``.

    Raises ConfigError naming the article when a text is not verbatim in ``raw``.
    """
    norm = normalize(raw)
    problems: list[str] = []
    quotes: list[GoldQuote] = []
    for quote in gold.quotes:
        found = _place(raw, norm, quote.text, quote.occurrence)
        if isinstance(found, str):
            problems.append("quote " + found)
            quotes.append(quote)
        else:
            quotes.append(quote.model_copy(update={"start": found[0], "end": found[1]}))
    dates: list[GoldDate] = []
    for date in gold.dates:
        found = _place(raw, norm, date.text, date.occurrence)
        if isinstance(found, str):
            problems.append("date " + found)
            dates.append(date)
        else:
            dates.append(date.model_copy(update={"start": found[0], "end": found[1]}))
    if problems:
        raise ConfigError(
            f"{gold.id}: gold annotation does not fit the article text; fix these texts or "
            "their occurrence numbers: " + "; ".join(problems)
        )
    return gold.model_copy(
        update={"text_sha256": text_sha256(raw), "quotes": quotes, "dates": dates}
    )


def problems(gold: GoldArticle, raw: str) -> list[str]:
    """What does not hold between ``gold`` and ``raw``: checksum, offsets, verbatim texts."""
    norm = normalize(raw)
    found: list[str] = []
    if gold.text_sha256 != text_sha256(raw):
        found.append("text_sha256 differs from the article text")
    items: list[GoldQuote | GoldDate] = [*gold.quotes, *gold.dates]
    for item in items:
        where = _place(raw, norm, item.text, item.occurrence)
        if isinstance(where, str):
            found.append(where)
        elif (item.start, item.end) != where:
            found.append(f"{item.text!r}: offsets {item.start}-{item.end}, expected {where}")
    return found
