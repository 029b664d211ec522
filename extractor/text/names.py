"""Whether words name someone or something, read from their capitals. Three questions:
``capitalised_as_name`` (is a short phrase written as a name or title, every word capitalised),
``holds_name`` (does a phrase hold a name at all, judged against the whole text) and
``names_someone`` (is a name more than titles)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from extractor.text.lexicon import MONTH_NAMES, NAME_GLUE, TITLE_WORDS, WEEKDAY_NAMES
from extractor.text.words import WORD

# Days, months and these start with a capital but name nobody.
NOT_NAMES = frozenset({*WEEKDAY_NAMES, "today", "yesterday", *MONTH_NAMES})

_GLUE = "|".join(NAME_GLUE)
# A run of capitalised words and small words of names ("Bank of Ruritania"); no word
# boundary is asked for, so the glue matches inside words too ("the" in "other").
NAME = re.compile(rf"(?:[A-Z][\w.&'’\-]*|{_GLUE})(?:\s+(?:[A-Z][\w.&'’\-]*|{_GLUE}))*")
# A word with a capital letter in it: what an actor's name is made of.
CAPITALISED = re.compile(r"\w*[A-Z][\w'’-]*")
# Capitalised words that make a name on their own ("Ann Lee"); fewer need more evidence.
NAME_WORDS = 2
# Texts whose mid-sentence capitalised words (``proper``) are kept: the article at hand.
_TEXTS_KEPT = 4
# A capitalised word after a word or a comma and a space: not a sentence's first word.
_MID_SENTENCE = re.compile(r"(?<=[\w,] )[A-Z][\w'’\-]*")


def names_someone(name: str) -> bool:
    """Whether a word of ``name`` is no title word: "President" names nobody, "President
    Ann Lee" does."""
    return any(w.casefold() not in TITLE_WORDS for w in WORD.findall(name))


def capitalised_as_name(words: Sequence[str]) -> bool:
    """Whether every word starts with a capital or a digit or is a small word of names
    (``NAME_GLUE``): "Port of Ruritania", "Route 9"; no words is a name too."""
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in NAME_GLUE for w in words)


# A possessive ending: "Eastland's" is written mid-sentence as "Eastland" too.
POSSESSIVE = re.compile(r"['’]s?$")


@functools.lru_cache(maxsize=_TEXTS_KEPT)
def _mid_sentence(text: str) -> frozenset[str]:
    """The capitalised words of ``text`` that follow a word or a comma: names, not openers;
    each also without its possessive ending."""
    words = _MID_SENTENCE.findall(text)
    return frozenset(words + [POSSESSIVE.sub("", w) for w in words])


def proper(text: str, word: str) -> bool:
    """Whether ``word`` is capitalised in the middle of a sentence somewhere in ``text``."""
    return word in _mid_sentence(text)


def holds_name(text: str, phrase: str) -> bool:
    """Whether ``phrase`` holds a name: two capitalised words ("Ann Lee"), a word capitalised
    mid-sentence somewhere in ``text``, or one with a capital inside ("NATO", "eBay");
    "local farmers" and "Farmers" (capitalised only to open a sentence) hold none."""
    words = CAPITALISED.findall(phrase)
    if len(words) >= NAME_WORDS:
        return True
    return any(proper(text, w) or any(c.isupper() for c in w[1:]) for w in words)
