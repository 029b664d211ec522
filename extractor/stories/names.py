"""Names normalised for linking: "Jim Mattis", "James N. Mattis" and "US Defense Secretary
James Mattis" are one person. Titles are stripped, nicknames mapped to the given name, middle
initials ignored; two names are the same person when their surnames agree and their given
names (when both have one) agree or one is the other's initial."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.stories.rules import GENERIC_ACTORS, NICKNAMES, SUFFIXES, TITLES
from extractor.text.lexicon import NAME_GLUE
from extractor.text.names import NOT_NAMES

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class NameKey:
    """A name reduced to what tells it apart: ``last`` (the surname, or the whole of a
    one-word name, lower case) and ``first`` (the given name, nicknames mapped; None when
    the name gave none)."""

    last: str
    first: str | None = None
    words: int = 1  # words of the name once titles are stripped

    def same(self, other: NameKey) -> bool:
        """Whether the two can name the same party."""
        if self.last != other.last:
            return False
        if self.first is None or other.first is None:
            return True
        if len(self.first) == 1 or len(other.first) == 1:
            return self.first[0] == other.first[0]
        return self.first == other.first


def _words(text: str) -> list[str]:
    words = [_POSSESSIVE.sub("", w.strip(".’'-")) for w in _WORD.findall(text)]
    return [w for w in words if w]


def _bare(word: str) -> str:
    return word.lower().replace(".", "")


def name_key(text: str) -> NameKey | None:
    """The key of an actor's name, or None when it names nobody in particular ("police",
    "industry experts", "Thursday")."""
    words = _words(text)
    # What follows the last title is the name ("Brussels Mr Lee" is "Lee").
    titled = [i for i, w in enumerate(words[:-1]) if _bare(w) in TITLES]
    if titled:
        words = words[titled[-1] + 1 :]
    while words and not words[0][0].isupper():
        words = words[1:]
    while words and _bare(words[-1]) in SUFFIXES:
        words = words[:-1]
    if not words or any(not w[0].isupper() and w not in NAME_GLUE for w in words):
        return None
    last = _bare(words[-1])
    if len(words) == 1 and (last in GENERIC_ACTORS or last in NOT_NAMES or last in TITLES):
        return None
    if len(words) == 1:
        return NameKey(last)
    # Middle names and initials are left out: "James N. Mattis" is "James Mattis".
    first = _bare(words[0])
    return NameKey(last, NICKNAMES.get(first, first), len(words))
