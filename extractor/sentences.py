"""Which sentence of an article an event retells, found by the words of its description, and
whether it retells only the words of a quote in that sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = re.compile(r"[.!?]+[”\"’')\]]*(?=\s)|\n")
_WORD = re.compile(r"[^\W_]{3,}")
_STOP_WORDS = """the and for that this with from into over after before than also its their his
her they she has have had not are was were been will would which who said says"""
_STOP = frozenset(_STOP_WORDS.split())
# Share of a description's words its sentence must hold to be the one it retells.
SHARE = 0.5


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold())) - _STOP


class Sentences:
    """The sentences (and lines) of a text, each with its words, for ``retold``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds: list[tuple[int, int]] = []
        start = 0
        for end in [m.end() for m in _END.finditer(text)] + [len(text)]:
            if text[start:end].strip():
                self.bounds.append((start, end))
            start = end
        self.words = [_words(text[start:end]) for start, end in self.bounds]
        self._retold: dict[str, tuple[int, int] | None] = {}  # asked again when folding

    def retold(self, description: str) -> tuple[int, int] | None:
        """The bounds of the one sentence holding most of ``description``'s words, at least
        ``SHARE`` of them; None when none does or two hold as many."""
        if description not in self._retold:
            self._retold[description] = self._find(description)
        return self._retold[description]

    def _find(self, description: str) -> tuple[int, int] | None:
        wanted = _words(description)
        if not wanted or not self.words:
            return None
        shared = [len(wanted & words) for words in self.words]
        best = max(shared)
        if best < SHARE * len(wanted) or shared.count(best) > 1:
            return None
        return self.bounds[shared.index(best)]

    def quoted(
        self, bounds: tuple[int, int], quotes: Iterable[tuple[int, int]], description: str
    ) -> bool:
        """Whether ``description`` retells what is quoted in its sentence ``bounds``: at least
        ``SHARE`` of its words found there are only between the quotation marks (``quotes``:
        the spans of the text's quotes)."""
        start, end = bounds
        inside, outside, pos = [], [], start
        for q_start, q_end in sorted(quotes):
            if q_end <= start or q_start >= end:
                continue
            outside.append(self.text[pos : max(q_start, pos)])
            inside.append(self.text[max(q_start, start) : min(q_end, end)])
            pos = min(q_end, end)
        outside.append(self.text[pos:end])
        wanted = _words(description)
        said, told = wanted & _words(" ".join(inside)), wanted & _words(" ".join(outside))
        only_said = said - told
        return bool(only_said) and len(only_said) >= SHARE * len(said | told)
