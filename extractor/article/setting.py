"""An event's date and place from the sentence that tells its setting again.

A report often names the setting of its event in passing ("said in a joint press conference",
"spoke at a summit") and dates or places it in the next sentence ("At the press conference in
Rome on March 31, ..."). That sentence names the same setting with "the" ("this", "that"):
when the event's own sentence gives no date, a date expression of that setting's phrases is
the event's, located there (the evidence); when the event has no place, a place name of those
phrases (GPE, LOC or FAC) is its place, located there too. The event stays anchored to its own
sentence; its id follows its content. This is done after the fold (a plain "X said" does not
become an occasion through another sentence).

The setting: a common noun that the trigger verb governs through a preposition of place or
time (``PREPOSITIONS``), directly or through a verb that is the object of one of its
prepositions. The other sentence: one of the ``NEAR`` after the event's, else before it,
nearest first, where the same noun with such a determiner (``DEFINITE``) is again
the object of such a preposition. Its setting's phrases: that noun's own, and the other
prepositional phrases of the same head ("At the conference in Rome on Monday, she said").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor.article.event_dates import event_date, with_date, with_place
from extractor.article.grounded import mention
from extractor.article.parts import ArticleParts
from extractor.contract.models import Event, ModelEvent
from extractor.dates import Resolver, find_mentions
from extractor.text.parser import Parse

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["NEAR", "Setting", "Told", "setting_told", "with_setting"]

NEAR = 2  # sentences either side where the setting may be told again
PREPOSITIONS = frozenset({"in", "at", "during", "on"})  # not "after": another happening
DEFINITE = frozenset({"the", "this", "that"})
_COMMON = frozenset({"NN", "NNS"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})  # the entity types of a place name


@dataclass(frozen=True)
class Told:
    """A date or a place of the setting, and the sentence that tells the setting again."""

    sentence: tuple[int, int]
    text: str


@dataclass(frozen=True)
class Setting:
    """The nearest date and the nearest place the setting told again gives (None: none)."""

    when: Told | None
    place: Told | None


def _settings(verb: Token) -> set[str]:
    """The common nouns (``_noun``) that ``verb`` governs through a preposition of place or
    time ("in a press conference": "conference"), also through a verb that is the object of
    one of its prepositions ("accused her of lying in a speech")."""
    verbs, found = [verb], set()
    while verbs:
        head = verbs.pop()
        for prep in head.children:
            if prep.dep_ != "prep":
                continue
            objects = list(prep.children)
            verbs += [o for o in objects if o.dep_ == "pcomp" and o.tag_.startswith("VB")]
            if prep.lower_ in PREPOSITIONS:
                found |= {_noun(o) for o in objects if o.dep_ == "pobj" and o.tag_ in _COMMON}
    return found


def _noun(token: Token) -> str:
    """A common noun's singular, near enough to compare two mentions (the parse has no
    lemmatizer): "conferences" and "conference" are "conference"."""
    word = str(token.lower_)
    return word[:-1] if token.tag_ == "NNS" and word.endswith("s") else word


def _phrases(noun: Token) -> list[tuple[int, int]]:
    """The setting's phrases as character offsets in the parsed sentence: the noun's own,
    and the prepositional phrases beside the one it is the object of."""
    phrases = [noun]
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep":
        phrases += [c for c in prep.head.children if c.dep_ == "prep" and c.i != prep.i]
    bounds = []
    for head in phrases:
        tokens = list(head.subtree)
        bounds.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return bounds


def _named_again(doc: Doc, nouns: set[str]) -> Token | None:
    """The setting named again: the same noun with "the" ("this", "that") as the object of
    a preposition of place or time ("At the conference, ...")."""
    for token in doc:
        named = token.tag_ in _COMMON and _noun(token) in nouns
        placed = token.dep_ == "pobj" and token.head.lower_ in PREPOSITIONS
        if (
            named
            and placed
            and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)
        ):
            return token
    return None


def _inside(phrases: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in phrases)


def _order(at: int, count: int) -> list[int]:
    after = list(range(at + 1, min(count, at + NEAR + 1)))
    before = list(range(at - 1, max(-1, at - NEAR - 1), -1))
    return after + before


def setting_told(
    text: str,
    sentences: Sequence[tuple[int, int]],
    own: tuple[int, int],
    verb: Token | None,
    parse: Parse,
) -> Setting | None:
    """The date and the place written in the setting's phrases of the nearest sentences that
    name the setting of the event told in ``own`` (whose trigger is ``verb``) again; None when
    no such sentence gives either (see the module docstring). ``parse`` must give entities."""
    if verb is None or own not in sentences:
        return None
    nouns = _settings(verb)
    if not nouns:
        return None
    order = [sentences[n] for n in _order(sentences.index(own), len(sentences))]
    docs = parse([text[start:end] for start, end in order])
    when: Told | None = None
    place: Told | None = None
    for sentence, doc in zip(order, docs, strict=True):
        noun = _named_again(doc, nouns)
        if noun is None:
            continue
        phrases = _phrases(noun)
        if when is None:
            mentions = find_mentions(text[sentence[0] : sentence[1]])
            dates = [m.text for m in mentions if _inside(phrases, m.start, m.end)]
            when = Told(sentence, dates[0]) if dates else None
        if place is None:
            names = [
                e.text
                for e in doc.ents
                if e.label_ in _PLACES and _inside(phrases, e.start_char, e.end_char)
            ]
            place = Told(sentence, names[0]) if names else None
    return None if when is None and place is None else Setting(when, place)


def with_setting(
    parts: ArticleParts,
    event: Event,
    model_event: ModelEvent,
    verb: Token | None,
    resolve: Resolver,
    datelines: dict[str, bool],
    sentences: Sequence[tuple[int, int]],
    parse: Parse,
) -> Event:
    """``event`` (told in its first sentence, trigger ``verb``; answered as ``model_event``)
    with the date and the place it lacks from the sentence that tells its setting again, and
    the id its content then gives. ``parse`` must give entities."""
    if (event.when is not None and event.place is not None) or not event.sentences:
        return event
    own = (event.sentences[0].start, event.sentences[0].end)
    setting = setting_told(parts.text, sentences, own, verb, parse)
    if setting is None:
        return event
    if event.when is None and setting.when is not None:
        dated = model_event.model_copy(update={"when": setting.when.text})
        when, _ = event_date(parts, dated, resolve, setting.when.sentence, datelines, sentences)
        if when is not None:
            event = with_date(parts.id, event, when)
    if event.place is None and setting.place is not None:
        place = mention(parts.text, setting.place.text, setting.place.sentence)
        event = with_place(parts.id, event, place)
    return event
