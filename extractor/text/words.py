"""Words of a text. Each tokeniser is named by what it counts as a word; they differ on
purpose, and each stage keeps the one its results were measured with."""

from __future__ import annotations

import re

from extractor.text.lexicon import STOP_WORDS

# Letters, digits and "_" in a row: how grounding indexes a text, and descriptions compare.
WORD = re.compile(r"\w+")
# Letters and digits, joined by an apostrophe or hyphen inside ("don't", "co-chair"); "_"
# splits: the words of a quote (an apostrophe or hyphen at either end is left out).
JOINED_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Letters, digits, "_", apostrophes and hyphens in any order ("'s" and "-led" are words too):
# the words a description's verb is read from.
LOOSE_WORD = re.compile(r"[\w'’-]+")
# Letters and digits, three or more in a row ("_" splits; "is", "a" are none): the words a
# sentence is recognised by.
LONG_WORD = re.compile(r"[^\W_]{3,}")


def has_word(text: str) -> bool:
    """Whether ``text`` holds a letter, a digit or "_" (a ``WORD``)."""
    return WORD.search(text) is not None


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1: "1 thread", "2 threads"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def word_count(text: str) -> int:
    """How many words whitespace separates in ``text`` ("a-b c" has two)."""
    return len(text.split())


def word_set(text: str) -> set[str]:
    """The ``WORD``s of ``text``, case-folded."""
    return set(WORD.findall(text.casefold()))


def content_words(text: str) -> frozenset[str]:
    """The ``LONG_WORD``s of ``text``, case-folded, stop words left out."""
    return frozenset(LONG_WORD.findall(text.casefold())) - STOP_WORDS
