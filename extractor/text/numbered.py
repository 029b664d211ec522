"""The article's sentences, numbered for the model: the project's one library splitter.

A sentence is a span of one line (a paragraph) as ``sentencex`` (Wikimedia's rule-based
splitter, which knows "Mr.", "U.S." and "3 p.m.") cuts it, its outer whitespace left out. The
model is shown them as ``S1: …``, ``S2: …`` and answers with the number of the sentence that
tells each event, as it points at a listed quote; the number is global to the article, so a
chunk shows its own sentences under their article numbers.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence

from extractor.text.lexicon import AFTER_CLOCK, MONTHS, TITLE_ABBREVIATIONS

__all__ = ["SentenceIndex", "chunks", "index", "listing", "spans"]

_LINE = re.compile(r"[^\n]+")
# A sentence's last word when it is a short capitalised word with a full stop ("Ms.").
_LAST_WORD = re.compile(r"(?:^|(?<=[\s(]))([A-Z][A-Za-z]{0,5})\.$")
# How a sentence ends with a time's "a.m." or "p.m.".
_CLOCK = ("a.m.", "p.m.", "A.M.", "P.M.")
_FIRST_WORD = re.compile(r"\w+")


@functools.cache
def _segment() -> object:
    import sentencex  # type: ignore[import-untyped]  # at first use: the CLI starts without it

    return sentencex.segment


def spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)``, in order, none across a line break and
    none of whitespace only; ``text[start:end]`` has no outer whitespace. A cut the splitter
    makes after a title it does not know ("Ms.", "Const.": ``TITLE_ABBREVIATIONS``) is
    undone: the name goes on. So is one after "a.m." or "p.m." before a time zone, a weekday
    (``AFTER_CLOCK``: "at 5 p.m. EST Friday") or a month ("at 1:30 a.m. Feb. 1"): the time
    goes on."""
    segment = _segment()
    found: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        at = line.start()
        joined = False  # the last piece ended with a title: the next one goes on with it
        clock = False  # the last piece ended with "a.m." or "p.m."
        for piece in segment("en", line.group()):  # type: ignore[operator]
            start = at + len(piece) - len(piece.lstrip())
            end = at + len(piece.rstrip())
            at += len(piece)
            if end <= start:
                continue
            if clock:  # the time goes on when this piece starts with its zone, day or month
                first = _FIRST_WORD.search(text, start, end)
                joined = joined or (first is not None and _goes_on(first.group()))
            if joined and found:
                start = found.pop()[0]
            found.append((start, end))
            title = _LAST_WORD.search(text, start, end)
            joined = title is not None and title.group(1) in TITLE_ABBREVIATIONS
            clock = text.endswith(_CLOCK, start, end)
    return found


def _goes_on(word: str) -> bool:
    """A word that goes on with a time before it: a zone or a weekday ("EST", "Friday"), or a
    month, capitalised ("Feb. 1": "at 1:30 a.m. Feb. 1")."""
    return word in AFTER_CLOCK or (word.istitle() and word.lower() in MONTHS)


class SentenceIndex:
    """A text's ``spans``, looked up by position."""

    def __init__(self, text: str) -> None:
        self.spans = spans(text)
        self.starts = [start for start, _ in self.spans]

    def number(self, pos: int) -> int:
        """The index of the sentence holding ``pos`` (or the last one before it); -1 before
        the first."""
        return bisect.bisect_right(self.starts, pos) - 1

    def start(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts (0 before the first)."""
        number = self.number(pos)
        return self.starts[number] if number >= 0 else 0

    def end(self, pos: int) -> int:
        """Where the sentence holding ``pos`` ends (``pos`` itself past the last one's end)."""
        number = self.number(pos)
        return max(self.spans[number][1], pos) if number >= 0 else pos

    def before(self, pos: int) -> Iterator[tuple[int, int]]:
        """The sentences before the one holding ``pos``, nearest first."""
        for number in range(self.number(pos) - 1, -1, -1):
            yield self.spans[number]


@functools.lru_cache(maxsize=4)
def index(text: str) -> SentenceIndex:
    """``text``'s sentence index, kept for the few texts asked last (an article's stages ask
    for the same text many times)."""
    return SentenceIndex(text)


def listing(text: str, sentences: Sequence[tuple[int, int]], numbers: Sequence[int]) -> str:
    """The sentences ``numbers`` (1-based) of ``text``, one per line as ``S<n>: <sentence>``."""
    return "\n".join(f"S{n}: {' '.join(text[slice(*sentences[n - 1])].split())}" for n in numbers)


def chunks(sentences: Sequence[tuple[int, int]], limit: int) -> list[list[int]]:
    """The sentence numbers of each request: consecutive sentences up to about ``limit``
    characters, each chunk repeating the previous chunk's last sentence (when both fit) so an
    event on the border is seen whole. A sentence longer than ``limit`` is a chunk of its own."""

    def size(number: int) -> int:
        start, end = sentences[number - 1]
        return end - start + 1

    groups: list[list[int]] = []
    current: list[int] = []
    total = 0  # the characters of ``current``
    for number in range(1, len(sentences) + 1):
        if current and total + size(number) > limit:
            groups.append(current)
            current = [current[-1]] if size(current[-1]) + size(number) <= limit else []
            total = sum(map(size, current))
        current.append(number)
        total += size(number)
    if current:
        groups.append(current)
    return groups
