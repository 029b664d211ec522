"""Whether a name, or a pronoun, is of a man or a woman, when the text or the name tells.

A pronoun resolved to an earlier name must agree with it ("she" is not "Tom Berg"). A name's
gender is read from a title in it ("Mr Berg"), else from its given name, else from the titles
and given names written before its surname in the article ("Ms. Lee", "Ann Lee"). Given names
are the first names of the 1990 US census (public domain, as shipped by the ``names`` package,
MIT; files verified by their sha256 at first use), a name counting as a man's or a woman's
only when the census found it at least ``CLEAR`` times as often among one as among the other
("Chris", "Jean" tell nothing). Unknown is compatible with either pronoun.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from extractor.errors import ModelFileError

Gender = Literal["male", "female"]

PACKAGE = "names"
FILES: dict[Gender, tuple[str, str]] = {
    "male": ("dist.male.first", "0a5078ef6effe3b483d15b0f7f95047662126c9bfb624ecd5e5b978fc0f2470b"),
    "female": (
        "dist.female.first",
        "bd2f310fc4e5d5e5ea122c9d4342c9821145823118eb20db1647f305ec77b358",
    ),
}
CLEAR = 9  # times as frequent among one sex as the other, for a given name to tell

PRONOUNS: dict[str, Gender] = {
    **dict.fromkeys(("he", "him", "his", "himself"), "male"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "female"),
}
TITLES: dict[str, Gender] = {
    **dict.fromkeys(("mr", "sir", "lord", "king", "prince", "father", "brother"), "male"),
    **dict.fromkeys(
        ("mrs", "ms", "miss", "madam", "lady", "dame", "queen", "princess", "sister"), "female"
    ),
}
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,}")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*\.?")


def _folder() -> Path:
    try:
        package = importlib.import_module(PACKAGE)
    except ImportError as error:
        raise ModelFileError(f"The name table {PACKAGE} is not installed (make install)") from error
    return Path(str(package.__file__)).parent


@functools.cache
def given_names() -> dict[str, Gender]:
    """Given names (upper case) that tell a gender, from the census tables."""
    folder = _folder()
    shares: dict[Gender, dict[str, float]] = {}
    for gender, (name, expected) in FILES.items():
        data = (folder / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != expected:
            raise ModelFileError(f"{folder / name} is not the census table recorded (make install)")
        rows = (line.split() for line in data.decode("ascii").splitlines())
        shares[gender] = {row[0]: float(row[1]) for row in rows if len(row) == 4}
    men, women = shares["male"], shares["female"]
    told: dict[str, Gender] = {}
    for name in men.keys() | women.keys():
        m, w = men.get(name, 0.0), women.get(name, 0.0)
        if m >= CLEAR * w:
            told[name] = "male"
        elif w >= CLEAR * m:
            told[name] = "female"
    return told


def _bare(word: str) -> str:
    return word.rstrip(".").lower()


def _before(text: str, surname: str) -> Gender | None:
    """The gender the words written before ``surname`` in ``text`` agree on: titles ("Ms
    Lee") and given names ("Ann Lee", "Ann B. Lee"). Kept per text: an article asks for the
    same surname again for each pronoun after it."""
    known = _asked(text)
    if surname not in known:
        known[surname] = _read_before(text, surname)
    return known[surname]


@functools.lru_cache(maxsize=4)
def _asked(text: str) -> dict[str, Gender | None]:
    """The surnames of ``text`` asked so far, with their answers (the few texts asked last)."""
    return {}


def _read_before(text: str, surname: str) -> Gender | None:
    told = given_names()
    found: set[Gender] = set()
    for word in _words_before(text, surname):
        gender = TITLES.get(_bare(word)) or told.get(_bare(word).upper())
        if gender:
            found.add(gender)
    return found.pop() if len(found) == 1 else None


def _words_before(text: str, surname: str) -> Iterator[str]:
    """The capitalised word before each ``surname`` written in ``text``, passing an initial:
    the matches of ``\\b([A-Z][a-z]+)\\.? (?:[A-Z]\\. )?<surname>\\b``, one after the other as a
    search over the whole text gives them. The surname is found first (a plain substring
    search), and the pattern is tried only where such a word may start: a search from every
    position of a long text for each surname asked took seconds."""
    name = re.escape(surname)
    pattern = re.compile(rf"\b([A-Z][a-z]+)\.? (?:[A-Z]\. )?{name}\b")
    written = re.compile(rf"{name}\b")
    starts: set[int] = set()
    at = written.search(text)
    while at is not None:
        starts.update(_word_starts(text, at.start()))
        at = written.search(text, at.start() + 1)
    end = 0
    for start in sorted(starts):
        if start < end:  # inside the last match, as a search going on from it would skip
            continue
        match = pattern.match(text, start)
        if match is not None:
            end = match.end()
            yield match.group(1)


def _word_starts(text: str, pos: int) -> Iterator[int]:
    """Where a word ("Ann", "Ms.") may start that ends one space before ``pos``, or one space
    before an initial there ("Ann B. Lee"): a letter and the small letters after it."""
    for space in (pos - 1, pos - 4):
        if space < 1 or text[space] != " ":
            continue
        start = space - 1 if text[space - 1] == "." else space
        while start > 0 and "a" <= text[start - 1] <= "z":
            start -= 1
        if start > 0:
            yield start - 1


def gender_of(name: str, text: str = "") -> Gender | None:
    """The gender ``name`` tells (a title in it, else its given name, else the titles and
    given names written before its surname in ``text``), or None."""
    # the name: the last run of capitalised words before an "of" ("harbour master Ann Lee",
    # "Ann Lee of the Port Authority")
    words = _WORD.findall(name.split(" of ")[0])
    words = list(itertools.takewhile(lambda w: w[0].isupper(), reversed(words)))[::-1]
    if not words:  # "an official": no name
        return None
    for word in words[:-1]:
        if _bare(word) in TITLES:
            return TITLES[_bare(word)]
    # the given name: the word before the surname, passing initials ("George W. Bush")
    given = [w for w in words[:-1] if len(w.rstrip(".")) > 1 and w[0].isupper()]
    if given and given[-1].upper() in given_names():
        return given_names()[given[-1].upper()]
    return _before(text, words[-1].rstrip(".")) if text else None


def agrees(pronoun: str, name: str, text: str = "") -> bool:
    """Whether ``pronoun`` can stand for ``name``: unless both tell a gender and differ, or
    "he" or "she" would stand for letters ("CNA", "MD")."""
    wanted = PRONOUNS.get(pronoun.lower())
    if wanted is None:
        return True
    if _ACRONYM.fullmatch(name):  # "CNA", "M.D.": a body or a degree, never "he" or "she"
        return False
    found = gender_of(name, text)
    return found is None or found == wanted
