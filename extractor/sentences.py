"""Which sentence of an article an event retells, found by the words of its description."""

from __future__ import annotations

import re

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
        self.bounds: list[tuple[int, int]] = []
        start = 0
        for end in [m.end() for m in _END.finditer(text)] + [len(text)]:
            if text[start:end].strip():
                self.bounds.append((start, end))
            start = end
        self.words = [_words(text[start:end]) for start, end in self.bounds]

    def retold(self, description: str) -> tuple[int, int] | None:
        """The bounds of the one sentence holding most of ``description``'s words, at least
        ``SHARE`` of them; None when none does or two hold as many."""
        wanted = _words(description)
        if not wanted or not self.words:
            return None
        shared = [len(wanted & words) for words in self.words]
        best = max(shared)
        if best < SHARE * len(wanted) or shared.count(best) > 1:
            return None
        return self.bounds[shared.index(best)]
