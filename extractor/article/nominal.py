"""A happening a sentence names by a noun, with who took part in the noun's own phrase: "the
killing of X by police", "Acme's takeover of Bolt", "the Acme strike". A model often
lists only the sentence's verb ("riots broke out over the killing of X"), and the happening
the article is about is then missing, or its later tellings are.

A noun names a happening when it is a singular common noun that is an "-ing" form
(``NOT_HAPPENINGS`` aside: "the timing", "the building") or one of ``HAPPENINGS``, and not
under "any", "no", "every" or "each" ("no arrest was made" tells of none). Its
participants are the heads of its owner ("X's arrest"), its "of" and "by" phrases and the
names compounded before it ("the Acme strike"): each head's name (a person, an organisation
or a nationality; a country only as owner or "by"); else the people a common noun for a
person (``_for_a_person``) stands for, singular with "a", "the" or an owner, or with a
number ("the shooting of a teenage boy", "the arrest of two men"); else, for an owner or a
"by" phrase, the common noun itself ("by police"). At least one must be a name or such
people, so "the lifting of the ban", "the timing of the move" and "the arrest of
protesters" (a class) name no happening here.

Such a noun, when no event holds it already (its trigger is that word, or an event told in
that sentence shares a named participant and describes it by the same verb), is:
- another telling of an event kept: one that shares a named participant and whose trigger is
  the same verb ("shot" and "the shooting of X", endings aside): the sentence joins that
  event's sentences. When the noun's phrase names no one but a person by a common noun ("the
  shooting of a boy"), the same verb is enough: the article names that person elsewhere, or
  the noun recalls a happening it told;
- else an event of its own, anchored to that sentence and word: its description the noun's
  phrase as written, its actors the participants, its place a place name inside the phrase,
  its date a date expression inside the phrase, resolved as any other; no tense (a noun has
  none).

This reads the parse, not the model's habits: it applies to every model's answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from extractor.article.attribution import full_name
from extractor.article.event import Told, stored_event
from extractor.article.ground import exact_span
from extractor.article.parts import ArticleParts
from extractor.article.retellings import stems
from extractor.article.slots import noun_phrase, same_entity
from extractor.contract.models import Event, Mention, ModelEvent, Span
from extractor.dates import Resolver, find_mentions
from extractor.text.lexicon import word_list
from extractor.text.nouns import noun as wordnet_noun
from extractor.text.parser import Parse

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "HAPPENINGS",
    "NOT_HAPPENINGS",
    "PERSON_NOUNS",
    "one_person",
    "shares",
    "told_in",
    "with_nominal",
]


# Nouns that name a happening and are no "-ing" form.
HAPPENINGS = word_list(
    """arrest attack murder death assassination execution abduction escape resignation
    election appointment nomination acquisition merger takeover visit trial conviction
    rescue funeral crash explosion invasion raid capture departure arrival dismissal
    suspension defeat victory injury collapse transfer"""
)
# "-ing" nouns that name no happening.
NOT_HAPPENINGS = word_list(
    """timing thinking feeling beginning ending building meaning understanding standing ranking
    rating funding spending setting string morning evening thing something nothing anything
    everything ceiling clothing housing offering wording painting earning earnings
    handling"""
)
# Common nouns that stand for one person ("a man", "the driver"): one takes part in a
# happening as a name does, when the phrase says which ("a", "the", a number, an owner).
PERSON_NOUNS = word_list(
    """man woman boy girl child baby teen teenager youth toddler student pupil mother father
    son daughter wife husband brother sister grandmother grandfather neighbour neighbor
    officer policeman policewoman trooper deputy soldier guard driver pilot passenger
    pedestrian cyclist motorist climber hiker swimmer suspect victim gunman attacker robber
    thief inmate prisoner patient doctor nurse teacher worker employee resident owner
    tourist journalist reporter photographer priest pastor minister actor actress singer
    player coach manager director executive chairman spokesman spokeswoman lawyer judge
    candidate politician senator mayor governor president leader"""
)
_SPECIFIC = frozenset({"a", "an", "the", "this", "that"})  # words before one person's noun
_NO_ONE_HAPPENING = frozenset({"any", "no", "every", "each"})  # determiners of no single one
_GERUND = 6  # fewest letters of an "-ing" noun ("firing")
_BATCH = 64  # sentences parsed at a time
_BRACKETED = 4  # tokens after a phrase where the bracket it opened may close
_LOWER = re.compile(r"\b[a-z]+\b")
_AFTER = re.compile(r"\s+(?:of|by)\b")
_OWNER = re.compile(r"^[A-Z]|['’]s?$")  # a capitalised word, or one with "'s" or "'"
_LOOK_BACK = 60  # characters before a noun where its owner is looked for
_PERSONS = frozenset({"PERSON", "ORG", "NORP"})
_COUNTRY = "GPE"
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_AGENTS = frozenset({"poss", "by", "compound"})  # how an agent is written
_OWNERS = frozenset({"poss", "by"})  # where a country or a common noun takes part
# Words whose stem is not their verb's ("shot" and "shooting", "death" and "died").
_IRREGULAR = {
    "death": "die",
    "shot": "shoot",
    "fought": "fight",
    "struck": "strike",
    "stole": "steal",
    "won": "win",
}


def _gerund(word: str) -> bool:
    return word.endswith("ing") and len(word) >= _GERUND and word not in NOT_HAPPENINGS


def _happening(noun: Token) -> bool:
    if noun.tag_ != "NN" or noun.ent_type_:
        return False
    if any(c.dep_ == "det" and c.lower_ in _NO_ONE_HAPPENING for c in noun.children):
        return False  # "any victory", "no arrest": none that took place
    return noun.lower_ in HAPPENINGS or _gerund(noun.lower_)


def _heads(noun: Token) -> list[tuple[str, Token]]:
    """The heads of the noun's participant phrases, each with how it is attached."""
    found: list[tuple[str, Token]] = []
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in {"its", "his", "her", "their"}:
            found.append(("poss", child))
        elif child.dep_ == "compound" and child.tag_.startswith("NN") and child.ent_type_ != "DATE":
            found.append(("compound", child))
        elif child.dep_ in {"prep", "agent"} and child.lower_ in {"of", "by"}:
            found.extend((child.lower_, g) for g in child.children if g.dep_ == "pobj")
    return found


def _name(how: str, head: Token) -> tuple[str, str] | None:
    """The participant ``head`` gives and what it is ("name", "person" or "noun"), or None."""
    if head.ent_type_ in _PERSONS or (head.ent_type_ == _COUNTRY and how in _OWNERS):
        return full_name(head), "name"
    named = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ in _PERSONS]
    if named:  # "a boy, Tom Berg"
        return full_name(named[0]), "name"
    if one_person(head):  # with its words before it: "a 13-year-old girl"
        return head.doc[head.left_edge.i : head.i + 1].text, "person"
    if how in _OWNERS and head.tag_ in {"NN", "NNS"} and not head.ent_type_:
        return noun_phrase(head), "noun"
    return None


def _singular(word: str) -> str:
    """A person noun's singular ("men", "children", "actresses", "officers"); the parse has no
    lemmas."""
    if word.endswith("men"):
        return word[:-3] + "man"
    if word == "children":
        return "child"
    if word.endswith("sses"):
        return word[:-2]
    return word.removesuffix("s")


def _for_a_person(word: str) -> bool:
    """``word`` is a noun for a person: WordNet's first sense of it ("offender", "rioter"), or
    one of ``PERSON_NOUNS`` (the first sense of "climber" is a plant)."""
    if _singular(word) in PERSON_NOUNS:
        return True
    found = wordnet_noun(word)
    return found is not None and "noun.person" in found.first


def one_person(head: Token) -> bool:
    """Whether ``head`` is a common noun for people the phrase picks out: one ("a teenage
    boy", "the driver", "its owner") or a number of them ("two officers"), not a class
    ("drivers", "the officers")."""
    if head.ent_type_ or head.tag_ not in {"NN", "NNS"} or not _for_a_person(head.lower_):
        return False
    if head.tag_ == "NNS":
        return any(c.dep_ == "nummod" for c in head.children)
    return head.tag_ == "NN" and any(
        c.dep_ in {"det", "nummod", "poss"} and (c.dep_ != "det" or c.lower_ in _SPECIFIC)
        for c in head.children
    )


def _participants(noun: Token) -> tuple[list[str], bool]:
    """Who takes part in the happening ``noun`` names (agents first), or [] when none of
    them is a name or one person; and whether one is a name."""
    found = [(how, n) for how, head in _heads(noun) for n in [_name(how, head)] if n]
    kinds = {kind for _, (_, kind) in found}
    if not kinds & {"name", "person"}:
        return [], False
    found.sort(key=lambda item: item[0] not in _AGENTS)
    names: list[str] = []
    for _, (name, _) in found:
        if not any(same_entity(name, n) for n in names):
            names.append(name)
    return names, "name" in kinds


def _phrase(noun: Token) -> tuple[int, int]:
    """The noun's phrase as offsets in its doc: its modifiers and the participants' heads with
    the words before them ("the sudden dismissal of a head coach"), a name in apposition
    ("of a boy, Tom Berg")."""
    heads = [head for _, head in _heads(noun)]
    heads += [c for h in heads for c in h.children if c.dep_ == "appos" and c.ent_type_]
    tokens = [noun, *heads, *(t for h in heads for t in h.lefts)]
    tokens += [c for c in noun.lefts if c.dep_ in {"det", "amod", "poss", "compound"}]
    first = min(t.left_edge.i if t in noun.lefts else t.i for t in tokens)
    last = _closed(noun.doc, first, max(t.i for t in tokens))
    doc = noun.doc
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _closed(doc: Doc, first: int, last: int) -> int:
    """``last``, or the token that closes a bracket opened after ``first`` ("of Tom Berg
    (16)"), else the token before that bracket."""
    opened = [t.i for t in doc[first : last + 1] if t.text == "("]
    closed = sum(t.text == ")" for t in doc[first : last + 1])
    if len(opened) <= closed:
        return last
    after = doc[last + 1 : last + 1 + _BRACKETED]
    end = next((t.i for t in after if t.text == ")"), None)
    return end if end is not None else max(opened[closed] - 1, first)


def _inside(doc: Doc, bounds: tuple[int, int], labels: frozenset[str]) -> str | None:
    return next(
        (e.text for e in doc.ents if e.label_ in labels and bounds[0] <= e.start_char < bounds[1]),
        None,
    )


def _date_inside(text: str, bounds: tuple[int, int]) -> str | None:
    found = find_mentions(text[bounds[0] : bounds[1]])
    return found[0].text if found else None


def _stem(word: str) -> set[str]:
    return stems(_IRREGULAR.get(word.casefold(), word))


def _told_already(noun: Token, start: int, names: list[str], events: Iterable[Event]) -> bool:
    """An event holds the happening ``noun`` names (at ``start`` + its offset in the
    sentence): its trigger is that word, or it is told in that sentence, shares a named
    participant (any, when ``names`` is empty) and describes it by the same verb ("Police
    killed X" for "the killing of X", the model's trigger turned into the sentence's verb)."""
    at = start + noun.idx
    verb = _stem(noun.lower_)
    for event in events:
        span = event.trigger.span if event.trigger is not None else None
        if span is not None and span.start <= at < span.end:
            return True
        here = any(s.start <= at < s.end for s in event.sentences)
        if here and verb & stems(event.description) and shares(event, names):
            return True
    return False


def shares(event: Event, names: list[str]) -> bool:
    """Whether ``event`` has one of ``names`` among its actors; every event does when
    ``names`` is empty (the noun's phrase names no one but a person by a common noun)."""
    return not names or any(same_entity(a.text, n) for a in event.actors for n in names)


def _retold(noun: Token, names: list[str], events: Iterable[Event]) -> Event | None:
    verb = _stem(noun.lower_)
    for event in events:
        if event.trigger is None or not verb & _stem(event.trigger.text):
            continue
        if shares(event, names):
            return event
    return None


def _candidate(sentence: str) -> bool:
    """Whether ``sentence`` may name a happening with a name in its phrase (the parse
    decides): a word that may be such a noun, with "of" or "by" after it, or an owner or a
    capitalised word up to two words before it ("X's arrest", "X's surprise arrest", "the
    Acme strike")."""
    for found in _LOWER.finditer(sentence):
        word = found.group()
        if word not in HAPPENINGS and not _gerund(word):
            continue
        if _AFTER.match(sentence, found.end()):
            return True
        before = sentence[max(0, found.start() - _LOOK_BACK) : found.start()].split()[-2:]
        if any(_OWNER.search(w) for w in before):
            return True
    return False


def _parsed(
    text: str, sentences: Sequence[tuple[int, int]], parse: Parse
) -> Iterator[tuple[tuple[int, int], Doc]]:
    """The sentences that may name a happening (``_candidate``), each with its parse, a
    ``_BATCH`` at a time (a long article is not held parsed at once)."""
    chosen = [s for s in sentences if _candidate(text[s[0] : s[1]])]
    for at in range(0, len(chosen), _BATCH):
        batch = chosen[at : at + _BATCH]
        yield from zip(batch, parse([text[a:b] for a, b in batch]), strict=True)


def with_nominal(
    parts: ArticleParts,
    events: list[Event],
    sentences: Sequence[tuple[int, int]],
    parse: Parse,
    resolve: Resolver,
    datelines: dict[str, bool],
) -> list[Event]:
    """``events`` with the happenings the text names by a noun (see the module docstring):
    sentences added to the events they tell again, and new events, in no particular order.
    The nouns whose phrase holds a name come first, so one naming only a person by a common
    noun ("the boy's death") tells again the event of a later, named telling ("the death of
    Tom Berg") wherever it stands."""
    kept = {e.id: e for e in events}  # their ids are unique

    def add(
        sentence: tuple[int, int], doc: Doc, noun: Token, names: list[str], shared: bool
    ) -> None:
        """Nothing when an event holds the happening already, its sentence when it tells a
        kept event again, else an event of its own. ``shared``: such an event must share one
        of ``names`` (else any will do)."""
        must_share = names if shared else []
        if _told_already(noun, sentence[0], must_share, kept.values()):
            return
        again = _retold(noun, must_share, kept.values())
        if again is not None:
            kept[again.id] = told_in(parts.text, again, sentence)
            return
        event = _event(parts, noun, names, sentence, doc, resolve, datelines, sentences)
        kept.setdefault(event.id, event)  # one with the same content stays as it is

    unnamed = []
    for sentence, doc in _parsed(parts.text, sentences, parse):
        for noun in doc:
            names, named = _participants(noun) if _happening(noun) else ([], False)
            if named:
                add(sentence, doc, noun, names, shared=True)
            elif names:
                unnamed.append((sentence, doc, noun, names))
    for sentence, doc, noun, names in unnamed:
        add(sentence, doc, noun, names, shared=False)
    return list(kept.values())


def told_in(text: str, event: Event, sentence: tuple[int, int]) -> Event:
    """``event`` told in ``sentence`` too, its sentences in text order."""
    if any((s.start, s.end) == sentence for s in event.sentences):
        return event
    joined = sorted([*event.sentences, exact_span(text, sentence)], key=lambda s: s.start)
    return event.model_copy(update={"sentences": joined})


def _event(
    parts: ArticleParts,
    noun: Token,
    names: list[str],
    sentence: tuple[int, int],
    doc: Doc,
    resolve: Resolver,
    datelines: dict[str, bool],
    sentences: Sequence[tuple[int, int]],
) -> Event:
    text, start = parts.text, sentence[0]
    local = _phrase(noun)
    bounds = (start + local[0], start + local[1])
    at = start + noun.idx
    word = Span(start=at, end=at + len(noun.text), text=noun.text, match="exact", score=1.0)
    answer = ModelEvent(
        sentence=None,
        trigger=noun.text,
        description=text[bounds[0] : bounds[1]],
        actors=names,
        place=_inside(doc, local, _PLACES),
        when=_date_inside(text, bounds),
        tense=None,
    )
    told = Told(sentence, Mention(text=noun.text, span=word, grounded=True), None)
    event, _ = stored_event(parts, answer, resolve, None, sentence, datelines, told, sentences)
    return event
