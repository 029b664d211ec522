"""Names normalised for linking: "Jim Mattis", "James N. Mattis" and "US Defense Secretary
James Mattis" are one person. Titles are stripped, nicknames mapped to the given name, middle
initials ignored; two names are the same person when their surnames agree and their given
names (when both have one) agree or one is the other's initial."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from extractor.stories.rules import GENERIC_ACTORS, NICKNAMES, SUFFIXES, TITLES
from extractor.text.lexicon import NAME_GLUE, STOP_WORDS
from extractor.text.names import NOT_NAMES, capitalised_as_name, proper

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
# Capitalised words in a row on one line, a full stop ending the run unless it ends an
# initial ("N.") or a title ("Mr."); cut again after a possessive ("Lee's Bo Ng").
_RUN = re.compile(r"[A-Z][\w'’\-]*\.?(?: [A-Z][\w'’\-]*\.?)+")
_PARTS = re.compile(r"(?<=['’]s) |(?<=[\w'’\-]{3}\.) ")
_NAME_WORDS = 3  # a given name, a middle name or initial, a surname


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


@functools.lru_cache(maxsize=4)  # the article at hand, asked once per event
def _full_names(text: str) -> dict[str, frozenset[NameKey]]:
    """The names with a given name written in ``text`` ("James Mattis"), by surname. Runs of
    capitals are cut at full stops and possessives ("Lee's Bo Ng"); a
    run opening a sentence ("But Mattis") gives none: its first word must be written with a
    capital in the middle of a sentence somewhere in the text. Headlines are left out."""
    found: dict[str, set[NameKey]] = defaultdict(set)
    lines = (line for line in text.splitlines() if not _title_case(line))
    for run in (run for line in lines for run in _RUN.findall(line)):
        for part in _PARTS.split(run):
            key = name_key(part)
            if key is None or key.first is None or key.words > _NAME_WORDS:
                continue
            first = _words(part)[-key.words]
            if _bare(first) not in STOP_WORDS and proper(text, first):
                found[key.last].add(key)
    return {last: frozenset(keys) for last, keys in found.items()}


def _title_case(line: str) -> bool:
    """Whether every long word of ``line`` is capitalised, as in a headline ("Talks With
    Lee Go On"): its capitals tell no name."""
    long = [w for w in (w.strip("\"'“”‘’(),:") for w in line.split()) if len(w) > 3]
    return len(long) >= 3 and capitalised_as_name(long)


def completed(key: NameKey, text: str) -> NameKey:
    """``key`` with its given name when it has none and ``text`` names one person of that
    surname in full ("Mr Lee" in an article naming "Ann Lee"; not in one naming "Ann Lee"
    and "Bo Lee")."""
    if key.first is not None:
        return key
    full = _full_names(text).get(key.last, frozenset())
    if len({k.first for k in full}) != 1:
        return key
    return max(full, key=lambda k: k.words)
