"""Locate what the model returned in the cleaned text: exact, then normalised, then fuzzy.

Pure functions. A span's ``text`` is always the cleaned text at its offsets, so a stored quote
can be checked against the article by anyone.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from rapidfuzz import fuzz

from extractor.contract.models import Span
from extractor.text.words import WORD

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


class _Origin(Sequence[int]):
    """The source index of each normalised character, as stretches: in a stretch the index
    grows by ``step`` (1, or 0 for a collapsed space or the dots of a "…") from ``source``."""

    def __init__(self) -> None:
        self.starts: list[int] = []  # normalised index where each stretch begins
        self.sources: list[int] = []
        self.steps: list[int] = []
        self.length = 0

    def add(self, source: int, length: int, step: int) -> None:
        if length:
            self.starts.append(self.length)
            self.sources.append(source)
            self.steps.append(step)
            self.length += length

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.length))]
        if not 0 <= index < self.length:
            raise IndexError(index)
        stretch = bisect.bisect_right(self.starts, index) - 1
        return self.sources[stretch] + (index - self.starts[stretch]) * self.steps[stretch]


@dataclass(frozen=True)
class _Normalised:
    text: str
    origin: Sequence[int]  # origin[i]: index in the source of normalised char i; one extra


def _normalise(source: str, *, casefold: bool) -> _Normalised:
    """Fold quote marks and dashes, collapse whitespace, optionally casefold; keep an index map.
    One pass over the text (an article of megabytes is normalised once, not per span)."""
    text = _FOLDED.sub(lambda m: _FOLD[m.group()], source)
    if casefold:
        folded = text.casefold()
        if len(folded) != len(text):  # a character that folds to several ("ß")
            return _normalise_by_char(source, casefold=True)
        text = folded
    origin = _Origin()
    done = 0
    for match in _RESIZED.finditer(text):
        start, end = match.span()
        origin.add(done, start - done, 1)
        origin.add(start, 3 if text[start] == "…" else 1, 0)
        done = end
    origin.add(done, len(text) - done + 1, 1)
    words = text.split()  # splits at str.isspace runs, dropping those at the ends
    spaced = " ".join(words)
    if text[:1].isspace():
        spaced = " " + spaced
    if words and text[-1].isspace():
        spaced += " "
    return _Normalised(spaced.replace("…", "..."), origin)


def _normalise_by_char(source: str, *, casefold: bool) -> _Normalised:
    """``_normalise`` one character at a time (the reference; used when casefolding changes
    the length: each character a source character folds to maps to it)."""
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
        folded = char.casefold() if casefold else char
        chars.append(folded)
        origin.extend([index] * len(folded))  # "ß" folds to "ss": both map to it
    origin.append(len(source))
    return _Normalised("".join(chars), tuple(origin))


def _span(text: str, start: int, end: int, match: str, score: float = 1.0) -> Span:
    return Span.model_validate(
        {"start": start, "end": end, "text": text[start:end], "match": match, "score": score}
    )


def strip_edges(needle: str) -> str:
    """Remove surrounding whitespace, quotation marks and trailing punctuation."""
    return needle.strip(_EDGE)


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def _fuzzy_find(text: str, hay: _Normalised, needle: str) -> Span | None:
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


# Times over a text plain searches may read it before its words are indexed: a short text,
# or one searched a few times, never needs the index; a long one named many times does.
INDEX_AFTER = 16
_MANY = 64  # words sharing a prefix or suffix past which that handle is not used


class _Words:
    """Where each word (a run of letters, digits or ``_``) of a string starts, to find a
    needle by its words: ``find`` equals ``str.find`` but looks only where one of the
    needle's words is."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at: dict[str, list[int]] = {}
        for match in WORD.finditer(text):
            self.at.setdefault(match.group(), []).append(match.start())
        self.forward = sorted(self.at)
        self.backward = sorted(word[::-1] for word in self.at)
        self.joined = "\0".join(self.forward)
        self.starts = list(itertools.accumulate((len(w) + 1 for w in self.forward), initial=0))

    def find(self, pin: str, start: int, end: int) -> int:
        where = self._candidates(pin)
        if where is None:
            return self.text.find(pin, start, end)
        for at in where[bisect.bisect_left(where, start) :]:
            if at + len(pin) > end:
                break
            if self.text.startswith(pin, at):
                return at
        return -1

    def _candidates(self, pin: str) -> list[int] | None:
        """Where ``pin`` may start, sorted: by its word with the fewest places, None when it
        has no word a text's word can be looked up by."""
        best: list[tuple[str, int]] | None = None  # (word of the text, pin's start from it)
        for match in WORD.finditer(pin):
            found: list[tuple[str, int]] | None
            a, b = match.span()
            run = match.group()
            if a > 0 and b < len(pin):  # a whole word of the text
                found = [(run, -a)] if run in self.at else []
            elif a > 0:  # the start of a word
                found = self._prefixed(run, a)
            elif b < len(pin):  # the end of a word
                found = self._suffixed(run, a)
            else:  # inside a word
                found = self._holding(run)
            if found is not None and (
                best is None or _places(self.at, found) < _places(self.at, best)
            ):
                best = found
        if best is None:
            return None
        return sorted(place + delta for word, delta in best for place in self.at[word])

    def _prefixed(self, run: str, offset: int) -> list[tuple[str, int]] | None:
        low = bisect.bisect_left(self.forward, run)
        high = bisect.bisect_left(self.forward, run + "\U0010ffff", low)
        if high - low > _MANY:
            return None
        return [(word, -offset) for word in self.forward[low:high]]

    def _suffixed(self, run: str, offset: int) -> list[tuple[str, int]] | None:
        reverse = run[::-1]
        low = bisect.bisect_left(self.backward, reverse)
        high = bisect.bisect_left(self.backward, reverse + "\U0010ffff", low)
        if high - low > _MANY:
            return None
        words = [word[::-1] for word in self.backward[low:high]]
        return [(word, len(word) - len(run) - offset) for word in words]

    def _holding(self, run: str) -> list[tuple[str, int]] | None:
        found: list[tuple[str, int]] = []
        at = self.joined.find(run)
        while at >= 0:
            number = bisect.bisect_right(self.starts, at) - 1
            found.append((self.forward[number], at - self.starts[number]))
            if len(found) > _MANY:
                return None
            at = self.joined.find(run, at + 1)
        return found


def _places(at: dict[str, list[int]], found: list[tuple[str, int]]) -> int:
    return sum(len(at[word]) for word, _ in found)


class TextIndex:
    """One text, normalised once (each form when first needed), searched for every name, date
    and quote of its article: ``locate`` costs a search, not a pass over the whole text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._forms: dict[bool, _Normalised] = {}
        self._found: dict[tuple[str, bool, int, int], Span | None] = {}
        self._words: frozenset[str] | None = None  # of the case-folded normalised text
        self._indexes: dict[str, _Words] = {}  # "text", "normalised", "folded"
        self._read: dict[str, int] = {}  # characters read by plain searches, at most

    def _find(self, form: str, hay: str, pin: str, start: int, end: int) -> int:
        """``hay.find(pin, start, end)``: plainly, until plain searches of ``hay`` have read
        it ``INDEX_AFTER`` times over; then by the words of ``pin`` in an index of ``hay``'s
        words, built once (a long text named many times costs no pass per needle)."""
        index = self._indexes.get(form)
        if index is None:
            self._read[form] = self._read.get(form, 0) + end - start
            if self._read[form] <= INDEX_AFTER * len(hay):
                return hay.find(pin, start, end)
            index = self._indexes[form] = _Words(hay)
        return index.find(pin, start, end)

    def normalised(self, *, casefold: bool) -> _Normalised:
        if casefold not in self._forms:
            self._forms[casefold] = _normalise(self.text, casefold=casefold)
        return self._forms[casefold]

    def locate(
        self, needle: str, *, fuzzy: bool = True, start: int = 0, end: int | None = None
    ) -> Span | None:
        """``locate`` in ``text[start:end]``, with offsets in the whole text. Each answer is
        kept: an article names the same people and dates many times."""
        end = len(self.text) if end is None else min(end, len(self.text))
        start = max(0, min(start, end))
        key = (needle, fuzzy, start, end)
        if key not in self._found:
            self._found[key] = self._locate(needle, fuzzy=fuzzy, start=start, end=end)
        return self._found[key]

    def _locate(self, needle: str, *, fuzzy: bool, start: int, end: int) -> Span | None:
        pin = strip_edges(needle)
        if not pin:
            return None
        if self._may_hold(pin):
            pos = self._find("text", self.text, pin, start, end)
            if pos >= 0:
                return _span(self.text, pos, pos + len(pin), "exact")
            for casefold in (False, True):
                span = self._normalised_find(pin, start, end, casefold=casefold)
                if span is not None:
                    return span
        if not fuzzy:
            return None
        if start == 0 and end == len(self.text):
            return _fuzzy_find(self.text, self.normalised(casefold=True), pin)
        return _shifted(TextIndex(self.text[start:end]).locate(pin), start)

    def _may_hold(self, pin: str) -> bool:
        """False when ``pin`` cannot be in the text even up to case, marks and spaces: a word
        inside it (with a space either side) is no word of the text. Tells most misses
        without a pass over the text (a pin found exactly is found case-folded too)."""
        words = _normalise(pin, casefold=True).text.strip().split(" ")[1:-1]
        if not words:
            return True
        if self._words is None:
            self._words = frozenset(self.normalised(casefold=True).text.split(" "))
        return all(word in self._words for word in words)

    def _normalised_find(self, pin: str, start: int, end: int, *, casefold: bool) -> Span | None:
        hay = self.normalised(casefold=casefold)
        wanted = _normalise(pin, casefold=casefold).text.strip()
        if not wanted:
            return None
        # the normalised characters from source offset ``start`` up to ``end``: a space they
        # share with the text before is not searched (``wanted`` neither starts nor ends so)
        low = bisect.bisect_left(hay.origin, start)
        high = bisect.bisect_left(hay.origin, end, low)
        pos = self._find("folded" if casefold else "normalised", hay.text, wanted, low, high)
        if pos < 0:
            return None
        first = hay.origin[pos]
        last = hay.origin[pos + len(wanted) - 1] + 1
        return _span(self.text, first, last, "normalized")


def _shifted(span: Span | None, offset: int) -> Span | None:
    if span is None or not offset:
        return span
    return span.model_copy(update={"start": span.start + offset, "end": span.end + offset})


# The article's text is searched for every name, date and quote of an article in a row.
_index = functools.lru_cache(maxsize=4)(TextIndex)


def locate(
    text: str, needle: str, *, fuzzy: bool = True, start: int = 0, end: int | None = None
) -> Span | None:
    """Find ``needle`` in ``text`` (in ``text[start:end]`` when given, offsets still in
    ``text``): exact, then normalised (quote marks, dashes, whitespace, then case), then (if
    ``fuzzy``) fuzzy with a threshold. None when not found."""
    return _index(text).locate(needle, fuzzy=fuzzy, start=start, end=end)


def within(text: str, needle: str, bounds: tuple[int, int]) -> Span | None:
    """``needle`` found in the part ``bounds`` of ``text`` (a sentence), not fuzzily."""
    return locate(text, needle, fuzzy=False, start=bounds[0], end=bounds[1])


def exact_span(text: str, bounds: tuple[int, int]) -> Span:
    """The part ``bounds`` of ``text`` (a sentence) as an exact span."""
    return _span(text, bounds[0], bounds[1], "exact")
