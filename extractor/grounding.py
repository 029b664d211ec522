"""Locate what the model returned in the cleaned text: exact, then normalised, then fuzzy.

Pure functions. A span's ``text`` is always the cleaned text at its offsets, so a stored quote
can be checked against the article by anyone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extractor.models import Span

QUOTE_MARKS = "\"'“”„‟«»‘’‚‛‹›`´″′"
_FOLD = {
    **dict.fromkeys("“”„‟«»″", '"'),
    **dict.fromkeys("‘’‚‛‹›`´′", "'"),
    **dict.fromkeys("‐‑‒–—―−", "-"),
}
_EDGE = QUOTE_MARKS + " \t\n\u00a0.,;:!?…"
FUZZY_THRESHOLD = 95.0
FUZZY_MIN_LENGTH = 12


_FOLDED = re.compile("[" + "".join(_FOLD) + "]")
_RESIZED = re.compile(r"\s\s+|…")  # what changes length (\s is str.isspace)


@dataclass(frozen=True)
class _Normalised:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the source of normalised char i; one extra


def _normalise(source: str, *, casefold: bool) -> _Normalised:
    """Fold quote marks and dashes, collapse whitespace, optionally casefold; keep an index map."""
    text = _FOLDED.sub(lambda m: _FOLD[m.group()], source)
    if casefold:
        folded = text.casefold()
        if len(folded) != len(text):  # a character that folds to several ("ß")
            return _normalise_by_char(source, casefold=True)
        text = folded
    origin = list(range(len(text) + 1))
    for match in reversed(list(_RESIZED.finditer(text))):
        start, end = match.span()
        origin[start + 1 : end] = [start, start] if text[start] == "…" else []
    words = text.split()  # splits at str.isspace runs, dropping those at the ends
    spaced = " ".join(words)
    if text[:1].isspace():
        spaced = " " + spaced
    if words and text[-1].isspace():
        spaced += " "
    return _Normalised(spaced.replace("…", "..."), tuple(origin))


# The article's text is searched for every name, date and quote of an article in a row.
_normalise_text = functools.lru_cache(maxsize=8)(_normalise)


def _normalise_by_char(source: str, *, casefold: bool) -> _Normalised:
    """``_normalise`` one character at a time (the reference; used when casefolding changes
    the length, where the map keeps one entry per source character as before)."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(source):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        elif char == "…":
            for dot in "...":
                chars.append(dot)
                origin.append(index)
            continue
        char = _FOLD.get(char, char)
        chars.append(char.casefold() if casefold else char)
        origin.append(index)
    origin.append(len(source))
    return _Normalised("".join(chars), tuple(origin))


def _span(text: str, start: int, end: int, match: str, score: float = 1.0) -> Span:
    return Span.model_validate(
        {"start": start, "end": end, "text": text[start:end], "match": match, "score": score}
    )


def strip_edges(needle: str) -> str:
    """Remove surrounding whitespace, quotation marks and trailing punctuation."""
    return needle.strip(_EDGE)


def _normalised_find(text: str, needle: str, *, casefold: bool) -> Span | None:
    hay = _normalise_text(text, casefold=casefold)
    pin = _normalise(needle, casefold=casefold).text.strip()
    if not pin:
        return None
    pos = hay.text.find(pin)
    if pos < 0:
        return None
    start = hay.origin[pos]
    end = hay.origin[pos + len(pin) - 1] + 1
    return _span(text, start, end, "normalized")


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def _fuzzy_find(text: str, needle: str) -> Span | None:
    hay = _normalise_text(text, casefold=True)
    pin = _normalise(needle, casefold=True).text.strip()
    if len(pin) < FUZZY_MIN_LENGTH:
        return None
    found = fuzz.partial_ratio_alignment(pin, hay.text, score_cutoff=FUZZY_THRESHOLD)
    if found is None:
        return None
    start = hay.origin[found.dest_start]
    end = hay.origin[max(found.dest_end - 1, found.dest_start)] + 1
    start, end = _widen_to_words(text, start, end)
    return _span(text, start, end, "fuzzy", round(found.score / 100, 4))


def locate(text: str, needle: str, *, fuzzy: bool = True) -> Span | None:
    """Find ``needle`` in ``text``: exact, then normalised (quote marks, dashes, whitespace,
    then case), then (if ``fuzzy``) fuzzy with a threshold. None when not found."""
    pin = strip_edges(needle)
    if not pin:
        return None
    pos = text.find(pin)
    if pos >= 0:
        return _span(text, pos, pos + len(pin), "exact")
    for casefold in (False, True):
        span = _normalised_find(text, pin, casefold=casefold)
        if span is not None:
            return span
    return _fuzzy_find(text, pin) if fuzzy else None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) that contains [start, end), for date-resolution context."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "? ", "! ")))
    right_candidates = [i for i in (text.find(p, end) for p in ("\n", ". ", "? ", "! ")) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 : right].strip()
