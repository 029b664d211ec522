"""A person an event names by surname alone, named in full: "Lee" is "Ann Lee" when the
article names exactly one person of that surname with a given name.

- A one-word actor that the recogniser does not call a company or a thing where the event's
  sentence writes it ("Ford" the company stays "Ford" in an article about Henry Ford); one
  the sentence does not write (the model's name for "he"), where the text first writes it
  alone (if it ever does). The small recogniser calls many surnames nothing, a nationality
  or a place: those are taken.
- A full form is a name the recogniser calls a person, in any sentence of the article that
  writes the surname, ending with the surname: at most three words, the title words in front
  left out ("Minister Ann Lee": "Ann Lee"; "Ann B. Lee").
- Two given names for one surname ("Ann Lee" and "Bo Lee") leave the surname as it is; of the
  forms with one given name the longest is taken.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from extractor.article.ground import within
from extractor.article.slots import fullest
from extractor.text.lexicon import TITLE_WORDS
from extractor.text.numbered import index
from extractor.text.parser import parse_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["full_forms", "in_full"]

_SURNAME = re.compile(r"[A-Z][\w'’\-]*[a-z][\w'’\-]*")  # "Lee", "DiLeo", "O'Hara"
# What the recogniser may call a word that names no person there: a company or a thing
# ("Ford", "Falcon"). It calls many surnames a place: those are taken.
_NOT_PERSONS = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_WORDS = 3  # a given name, a second given name or an initial, the surname
# A capitalised word and a space, right before where the search ends: a full form's given name.
_NAMED_BEFORE = re.compile(r"[A-Z][\w.’'-]* \Z")
_LOOK_BACK = 40  # characters


def in_full(text: str, sentence: tuple[int, int], doc: Doc, actors: Sequence[str]) -> list[str]:
    """``actors`` with each person named by surname alone in ``sentence`` (parsed as
    ``doc``, with its names) named in full, each party once, by its fullest mention."""
    return fullest([_full_form(text, sentence, doc, actor) or actor for actor in actors])


def _full_form(text: str, sentence: tuple[int, int], doc: Doc, actor: str) -> str | None:
    surname = actor.strip()
    if not _SURNAME.fullmatch(surname):
        return None
    span = within(text, surname, sentence)
    if span is None:  # the model's name for "he": as the text first writes it alone
        alone = _first_alone(text, surname)
        if alone is not None and not _a_person_there(text, alone, len(surname)):
            return None
    elif not _a_person_there(text, span.start, len(surname), sentence, doc):
        return None
    forms = full_forms(text, surname)
    if len({form[0] for form in forms}) != 1:
        return None
    longest = max(forms, key=len)
    return " ".join(longest)


@functools.lru_cache(maxsize=16)  # asked again for each event naming the surname
def _first_alone(text: str, surname: str) -> int | None:
    """Where ``text`` first writes ``surname`` with no capitalised word before it."""
    pattern = rf"(?<![\w’'-]){re.escape(surname)}(?![\w’'-])"
    for match in re.finditer(pattern, text):
        if not _NAMED_BEFORE.search(text[max(0, match.start() - _LOOK_BACK) : match.start()]):
            return match.start()
    return None


def _a_person_there(
    text: str,
    at: int,
    length: int,
    sentence: tuple[int, int] | None = None,
    doc: Doc | None = None,
) -> bool:
    """Whether the recogniser does not call the word at ``at`` a company or a thing (in
    ``sentence``, parsed as ``doc``, when given; else in the sentence holding it)."""
    if sentence is None or doc is None:
        spans = index(text)
        sentence = spans.spans[max(0, spans.number(at))]
        (doc,) = parse_entities([text[slice(*sentence)]])
    start = sentence[0]
    tokens = [t for t in doc if at <= start + t.idx < at + length]
    return bool(tokens) and not any(t.ent_type_ in _NOT_PERSONS for t in tokens)


@functools.lru_cache(maxsize=16)  # the article at hand's surnames (each entry holds its text)
def full_forms(text: str, surname: str) -> tuple[tuple[str, ...], ...]:
    """The full forms of ``surname`` the recogniser finds in ``text``, each as its words, in
    the order written."""
    # only a sentence with a capitalised word right before the surname can hold a full form
    written = re.compile(rf"[A-Z][\w.’'-]* {re.escape(surname)}(?![\w’'-])")
    sentences = [text[start:end] for start, end in index(text).spans]
    holding = [s for s in sentences if written.search(s)]
    forms: list[tuple[str, ...]] = []
    for doc in parse_entities(holding):
        for entity in doc.ents:
            words = [t.text for t in entity if not t.is_punct or t.text.endswith(".")]
            if entity.label_ != "PERSON" or not words or words[-1] != surname:
                continue
            while words and words[0].casefold().rstrip(".") in TITLE_WORDS:
                words.pop(0)
            if 1 < len(words) <= _WORDS and tuple(words) not in forms:
                forms.append(tuple(words))
    return tuple(forms)
