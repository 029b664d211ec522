"""Sentences on the project's one splitter (``numbered``): the sentence around a span, and
which sentence of an article an event retells, found by the words of its description, and
whether it retells only the words of a quote in that sentence.

Two line-level tests are not sentence splitting and stay here: where a quote left open stops
(``LINE_END``) and whether a line ends with a sentence's full stop (``ends_sentence``, for
headlines).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable

from extractor.text.numbered import index
from extractor.text.words import content_words

# Where a quote left open stops: an end mark that closes a line (spaces or tabs between); a
# line break alone is no end.
LINE_END = re.compile(r"[.!?][ \t]*\n")
# ``ends_sentence``'s: a full stop (a closing quotation mark may follow) at the very end, not
# after an initial or a two-letter abbreviation ("J.", "Mr.").
_FINAL_STOP = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])\.[\"”’']?$")
# Share of a description's words its sentence must hold to be the one it retells.
SHARE = 0.5


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends with a sentence's full stop (``_FINAL_STOP``): "He left." does,
    "Talks with Mr." and "Talks?" do not."""
    return _FINAL_STOP.search(line) is not None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or sentences) holding [start, end), for date-resolution context, stripped
    (the project's one splitter, ``numbered``)."""
    sentences = index(text)
    return text[sentences.start(start) : sentences.end(max(start, end - 1))].strip()


class Quoted:
    """The spans of a text's quotes, sorted once, looked up by position."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.longest = max((end - start for start, end in self.spans), default=0)

    def around(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that share a character with ``[start, end)``, in order."""
        low = bisect.bisect_left(self.starts, start - self.longest)  # before: end <= start
        high = bisect.bisect_left(self.starts, end, low)
        return [(s, e) for s, e in self.spans[low:high] if e > start]


class Sentences:
    """The sentences (and lines) of a text, each with its words, for ``retold``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = index(text).spans
        self.words = [content_words(text[start:end]) for start, end in self.bounds]
        self._holding: dict[str, list[int]] = {}  # word -> the sentences holding it, in order
        for number, words in enumerate(self.words):
            for word in words:
                self._holding.setdefault(word, []).append(number)
        self._retold: dict[str, tuple[int, int] | None] = {}  # asked again when folding

    def retold(self, description: str) -> tuple[int, int] | None:
        """The bounds of the one sentence holding most of ``description``'s words, at least
        ``SHARE`` of them; None when none does or two hold as many."""
        if description not in self._retold:
            self._retold[description] = self._find(description)
        return self._retold[description]

    def _find(self, description: str) -> tuple[int, int] | None:
        wanted = content_words(description)
        if not wanted or not self.words:
            return None
        # only the sentences holding one of the words, counted in C: a long text costs the
        # postings of the description's words, not a set operation per sentence
        shared = Counter(itertools.chain.from_iterable(self._holding.get(w, ()) for w in wanted))
        counts = list(shared.values())
        best = max(counts, default=0)
        if best < SHARE * len(wanted) or counts.count(best) > 1:
            return None
        return self.bounds[list(shared)[counts.index(best)]]

    def quoted(self, bounds: tuple[int, int], quotes: Quoted, description: str) -> bool:
        """Whether ``description`` retells what is quoted in its sentence ``bounds``: at least
        ``SHARE`` of its words found there are only between the quotation marks (``quotes``:
        the spans of the text's quotes, sorted)."""
        start, end = bounds
        inside, outside, pos = [], [], start
        for q_start, q_end in quotes.around(start, end):
            outside.append(self.text[pos : max(q_start, pos)])
            inside.append(self.text[max(q_start, start) : min(q_end, end)])
            pos = min(q_end, end)
        outside.append(self.text[pos:end])
        wanted = content_words(description)
        said, told = (
            wanted & content_words(" ".join(inside)),
            wanted & content_words(" ".join(outside)),
        )
        only_said = said - told
        return bool(only_said) and len(only_said) >= SHARE * len(said | told)
