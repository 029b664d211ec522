"""A dated happening the answer left out: a sentence no event is told in, that tells no
event's setting again (writes its date or place and names one of its actors), and that the
model pointed at for none, whose main verb tells in the past a happening someone took part
in, on a date the sentence writes for that verb ("A fisherman drowned off Vale Point on
Tuesday …", "Acme closed its Vale plant last year").

A sentence that opens as a dateline does ("Posted March 9, 2031 …") is none. The sentence's
main verb (the root of its parse) must be a simple past or a perfect ("died", "has
closed"), not of a state ("was", "had", "owned": ``PAST_STATE``), nor of speech (a
statement tells no happening of its own here), nor inside a quote; the date is the one the
parse attaches to it (``slots.sentence_date``); its participants are those the parse gives
it (``slots.sentence_participants``: a name, or a noun that is no class, as subject or
object; a place name as object is where, not who: "left Vale"; none for a pronoun
subject, "she hosted the show in 2005": the speaker's walk back is no resolver of a
narrative's pronouns), one of them someone (a name the recogniser calls a person, an
organisation, a place or a people, or a noun whose first sense is a person or a group; not
"Mar" or "EST" of a dateline). Such a sentence tells again
an event kept by the same verb, endings aside, with one of those participants among its
actors (a headline's "Acme closes plant" over the lede's "Acme closed its plant on
Monday"): it joins that event's sentences, and dates it when it has no date. Else it is an
event of its own, anchored to it and to that verb, its description the sentence, its actors
(those participants), place and date read as for an answer.

This reads the parse, not the model's habits, and applies to every model's answer: a
stronger model leaves out fewer such sentences, so fewer are added.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from extractor.article.event import Told, stored_event
from extractor.article.event_dates import with_date
from extractor.article.eventkind import NO_HAPPENING_PAST, past_form
from extractor.article.nominal import shares, told_in
from extractor.article.parts import ArticleParts
from extractor.article.pubdate import opens_as_dateline
from extractor.article.retellings import stems
from extractor.article.slots import same_entity, sentence_date, sentence_participants
from extractor.article.tense import verb_tense
from extractor.contract.models import Event, Mention, ModelEvent, Span, Tense
from extractor.dates import Resolver, find_mentions
from extractor.text.lexicon import AFTER_CLOCK, PRONOUNS
from extractor.text.nouns import noun
from extractor.text.parser import Parse
from extractor.text.parser import parse as plain
from extractor.text.sentences import Quoted
from extractor.text.speech import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["SOMEONE", "parsed_event", "with_untold"]

_WORD = re.compile(r"[a-z]+")
# The recogniser's types of a place.
_PLACES = frozenset({"GPE", "LOC", "FAC"})
# The recogniser's types of someone who takes part.
SOMEONE = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Sentences parsed at once.
_BATCH = 64


def _main_verb(doc: Doc) -> Token | None:
    """The root of the sentence's parse when it tells a past happening (see the module
    docstring)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ not in {"VBD", "VBN"} or _tense(root) != "past":
        return None
    if root.lower_ in NO_HAPPENING_PAST:
        return None
    if root.lower_ in REPORTING_VERBS or any(c.dep_ == "ccomp" for c in root.children):
        return None
    return root


def _dated_verb(
    text: str, sentence: tuple[int, int], doc: Doc, quoted: Quoted
) -> tuple[int, str] | None:
    """The sentence's main verb of a past happening, outside quotes (its index in ``doc``),
    and its date."""
    verb = _main_verb(doc)
    if verb is None or quoted.around(sentence[0] + verb.idx, sentence[0] + verb.idx + 1):
        return None
    when = sentence_date(text, sentence, doc, verb)
    return None if when is None else (verb.i, when)


def _tense(verb: Token) -> Tense | None:
    """``verb_tense``, a participle with no auxiliary as the root read as the simple past it is
    ("A man [drowned] on Friday", tagged a participle)."""
    alone = verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    return "past" if alone else verb_tense(verb)


def _participants(doc: Doc, verb: Token) -> list[str]:
    """The parse's participants of ``verb``, but a place name it takes as object: where, not
    who ("left Eastport on Monday"); none when its subject is a pronoun (which of the
    article's people "she" is, the walk back that finds a quote's speaker does not tell)."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in PRONOUNS for c in verb.children):
        return []
    return [n for n in sentence_participants(verb) if not _place_object(doc, n)]


def _place_object(doc: Doc, name: str) -> bool:
    tokens = _written(doc, name)
    if not tokens or not all(t.ent_type_ in _PLACES for t in tokens):
        return False
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside]
    return all(t.dep_ not in {"nsubj", "nsubjpass"} for t in heads)


def _written(doc: Doc, name: str) -> list[Token]:
    """The words of the first writing of ``name`` in the sentence (``doc``)."""
    at = doc.text.find(name)
    return [t for t in doc if at <= t.idx < at + len(name)] if at >= 0 else []


def _someone(doc: Doc, name: str) -> bool:
    """``name``, where the sentence (``doc``) first writes it, is someone: a person, an
    organisation, a place or a people to the recogniser, or a common noun whose first sense
    is a person or a group ("a man", "police"); not a date read as a subject ("Mar 9": a
    dateline)."""
    if all(word in AFTER_CLOCK for word in name.split()):
        return False  # "EST" of a dateline's "10:05 AM EST", maybe called an organisation
    tokens = _written(doc, name)
    if any(t.ent_type_ in SOMEONE for t in tokens):
        return True
    head = next((t for t in reversed(tokens) if t.tag_ in {"NN", "NNS"}), None)
    found = None if head is None or head.ent_type_ else noun(head.text)
    return found is not None and found.someone


class _Kept:
    """The events, looked up by the stems of their trigger word and by the sentences that
    write their date or place (a long article asks for many sentences)."""

    def __init__(self, events: list[Event], sentences: Sequence[tuple[int, int]]) -> None:
        self.events: dict[str, Event] = {}
        self.stemmed: dict[str, list[str]] = {}
        self.settings: dict[int, list[str]] = {}
        starts = [start for start, _ in sentences]
        for event in events:
            self.add(event)
            for mention in (event.when, event.place):
                if mention is not None and mention.span is not None:
                    at = starts[max(0, bisect.bisect_right(starts, mention.span.start) - 1)]
                    self.settings.setdefault(at, []).append(event.id)

    def add(self, event: Event) -> None:
        """``event``, unless one of the same content (its id) is kept: that one stays."""
        if event.id in self.events:
            return
        self.events[event.id] = event
        for stem in stems(event.trigger.text) if event.trigger is not None else ():
            self.stemmed.setdefault(stem, []).append(event.id)

    def retold(self, old: str, event: Event) -> None:
        """The kept event ``old``, now told as ``event`` is (one more sentence, maybe its
        date and so another id), where ``old`` stood."""
        self.events = {
            event.id if i == old else i: event if i == old else e for i, e in self.events.items()
        }
        for ids in (*self.stemmed.values(), *self.settings.values()):
            ids[:] = [event.id if i == old else i for i in ids]

    def by_verb(self, verb: Token) -> list[Event]:
        """The events whose trigger word is ``verb``, endings aside."""
        words = stems(verb.text)
        ids = dict.fromkeys(i for word in words for i in self.stemmed.get(word, []))
        return [self.events[i] for i in ids]

    def set_in(self, sentence: tuple[int, int]) -> list[Event]:
        """The events whose date or place ``sentence`` writes."""
        return [self.events[i] for i in self.settings.get(sentence[0], [])]


def _setting_of(event: Event, names: list[str]) -> bool:
    """A sentence that writes ``event``'s date or place tells its setting again when it names
    one of its actors among ``names`` ("At the press conference in Vale on June 3, Lee called
    the plan late"; a common noun, "a man", tells no one in particular)."""
    named = [n for n in names if any(w[:1].isupper() for w in n.split())]
    return any(same_entity(a.text, n) for a in event.actors for n in named)


def _candidates(
    text: str, sentences: Sequence[tuple[int, int]], told: set[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """The sentences no event is told in that write a word in a past form and a date (the
    parse decides the rest)."""
    for sentence in sentences:
        written = text[sentence[0] : sentence[1]]
        if sentence in told or not any(past_form(w) for w in _WORD.findall(written.lower())):
            continue
        if opens_as_dateline(written):  # a dateline, maybe run into the lede
            continue
        if find_mentions(written):
            yield sentence


def with_untold(
    parts: ArticleParts,
    events: list[Event],
    sentences: Sequence[tuple[int, int]],
    pointed: set[tuple[int, int]],
    quoted: Quoted,
    parse: Parse,
    resolve: Resolver,
    datelines: dict[str, bool],
) -> list[Event]:
    """``events`` with an event for each dated happening no event tells (see the module
    docstring). ``pointed``: the sentences the model pointed at, whatever became of them."""
    text = parts.text
    told = pointed | {(s.start, s.end) for e in events for s in e.sentences}
    chosen = list(_candidates(text, sentences, told))
    kept = _Kept(events, sentences)
    for at in range(0, len(chosen), _BATCH):
        batch = chosen[at : at + _BATCH]
        # the parse alone first: the recogniser only for the sentences it keeps
        plainly = zip(batch, plain([text[a:b] for a, b in batch]), strict=True)
        found = [(s, d) for s, doc in plainly if (d := _dated_verb(text, s, doc, quoted))]
        named = parse([text[a:b] for (a, b), _ in found])  # the same parse, with names
        for (sentence, (at, when)), doc in zip(found, named, strict=True):
            verb = doc[at]
            names = _participants(doc, verb)
            if not any(_someone(doc, name) for name in names):
                continue
            if any(_setting_of(e, names) for e in kept.set_in(sentence)):
                continue
            again = next((e for e in kept.by_verb(verb) if shares(e, names)), None)
            if again is not None and again.when is not None:  # the headline's "Acme closes plant"
                kept.retold(again.id, told_in(text, again, sentence))  # its lede joins it
                continue
            event = parsed_event(
                parts, sentence, doc, verb, when, names, resolve, datelines, sentences
            )
            if again is None:
                kept.add(event)
            else:  # an undated telling joined, and dated, by this one
                dated = again if event.when is None else with_date(parts.id, again, event.when)
                kept.retold(again.id, told_in(text, dated, sentence))
    return list(kept.events.values())


def parsed_event(
    parts: ArticleParts,
    sentence: tuple[int, int],
    doc: Doc,
    verb: Token,
    when: str | None,
    actors: list[str],
    resolve: Resolver,
    datelines: dict[str, bool],
    sentences: Sequence[tuple[int, int]],
    description: str | None = None,
) -> Event:
    """The event ``sentence`` tells by ``verb`` in its parse (``doc``), stored as an answer
    would be: its trigger that verb, its description ``description`` (else the sentence)."""
    at = sentence[0] + verb.idx
    word = Span(start=at, end=at + len(verb.text), text=verb.text, match="exact", score=1.0)
    answer = ModelEvent(
        sentence=None,
        trigger=verb.text,
        description=description or parts.text[sentence[0] : sentence[1]],
        actors=actors,
        place=None,
        when=when,
        tense=_tense(verb),
    )
    trigger = Mention(text=verb.text, span=word, grounded=True)
    told = Told(sentence, trigger, _tense(verb), doc, verb)
    event, _ = stored_event(parts, answer, resolve, None, sentence, datelines, told, sentences)
    return event
