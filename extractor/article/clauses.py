"""A happening told in a clause of its own, in a sentence whose answer tells another: "Acme
closed the plant hours after Ruritania's premier Ann Lee raised the tariff" tells the closure
and the tariff; a small model gives the first only.

A clause is its own when its verb, a simple past outside quotes that no event's trigger is,
has a subject of its own that names someone the recogniser knows (a person, an organisation,
a place or a people: "Ruritania's premier Ann Lee") and that is none of the actors of the
events told in that sentence, and hangs from the sentence as an "after"/"when"/"while"
clause, a conjunct, or a relative clause ("…, where Tom Berg took their keys"). Not a verb of
a state ("was", "had", "owned", "did": ``NO_HAPPENING_PAST``) or of a state of mind
("suspected"), nor a negated one ("a lead Acme never gave up"), nor a clause about a claim ("denied
allegations Acme bribed the mayor": a noun WordNet files under communication or cognition),
nor a verb of speech unless it takes a thing as object ("expressed his interest"; not "said
that …", nor "told police": a statement or its attribution tells no happening of its own).
Its event is anchored to the sentence and that verb, described by the clause's words, its
actors the verb's participants in the parse (``slots.sentence_participants``), its date the
one the parse gives that verb.

This reads the parse of the sentences the answer pointed at, not a model's habits, and applies
to every model's answer: a stronger model lists such clauses itself, so fewer are added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from extractor.article.attribution import subject_name
from extractor.article.event import Told
from extractor.article.eventkind import NO_HAPPENING_PAST
from extractor.article.parts import ArticleParts
from extractor.article.slots import same_entity, sentence_date, sentence_participants
from extractor.article.untold import SOMEONE, parsed_event
from extractor.contract.models import Event
from extractor.dates import Resolver
from extractor.text.lexicon import word_list
from extractor.text.nouns import noun
from extractor.text.sentences import Quoted
from extractor.text.speech import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["with_clauses"]

# How a clause of its own hangs from its sentence.
_CLAUSES = frozenset({"advcl", "conj", "relcl"})
# Verbs of a state of mind, no happening ("suspected", "feared"); those of thinking that
# report a clause ("believed", "thought") are verbs of speech (``REPORTING_VERBS``).
_MINDS = word_list("suspected feared doubted wondered assumed presumed realised realized")
# WordNet's classes of a noun for what is said or thought ("allegations", "belief").
_SAID_OR_THOUGHT = frozenset({"noun.communication", "noun.cognition"})
# What a verb takes beside the noun its clause is about ("bribed [the mayor]", "attempted
# [to sway]").
_COMPLEMENTS = frozenset({"dobj", "xcomp", "ccomp"})
# Words that open a clause and are not part of what it tells ("after", "and", "where").
_OPENING = frozenset({"mark", "cc", "advmod", "punct"})


def _own_clause(verb: Token) -> str | None:
    """The name of ``verb``'s subject when it tells a happening in a clause of its own (see
    the module docstring), else None."""
    if verb.tag_ != "VBD" or verb.dep_ not in _CLAUSES:
        return None
    if verb.lower_ in NO_HAPPENING_PAST or _told_of(verb):
        return None
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        return None
    if verb.lower_ in _MINDS or (verb.lower_ in REPORTING_VERBS and not _a_thing_said(verb)):
        return None
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    if subject is None or not any(t.ent_type_ in SOMEONE for t in subject.subtree):
        return None
    return subject_name(verb)


def _a_thing_said(verb: Token) -> bool:
    """A verb of speech that takes a thing as object and reports no clause ("expressed his
    interest", "added 90"; not "told police", "said that …")."""
    children = list(verb.children)
    if any(c.dep_ == "ccomp" for c in children):
        return False
    objects = [c for c in children if c.dep_ == "dobj"]
    return bool(objects) and not any(_someone(o) for o in objects)


def _someone(token: Token) -> bool:
    """A person or a group, by the recogniser or by WordNet's first sense ("police")."""
    if token.ent_type_ in SOMEONE:
        return True
    found = noun(token.text) if token.tag_ in {"NN", "NNS"} else None
    return found is not None and found.someone


def _told_of(verb: Token) -> bool:
    """``verb`` heads what a noun of something said or thought holds ("denied allegations
    Acme [bribed] the mayor": a claim, not a happening told), not a clause of which that noun
    is the object ("the report Acme [released]": a happening)."""
    if verb.dep_ != "relcl" or verb.head.tag_ not in {"NN", "NNS"}:
        return False
    if not any(c.dep_ in _COMPLEMENTS for c in verb.children):
        return False  # the noun is what the verb acts on
    found = noun(verb.head.text)
    return found is not None and bool(found.first & _SAID_OR_THOUGHT)


def _clause_words(verb: Token) -> tuple[int, int]:
    """Where the clause of ``verb`` is written in its sentence (character offsets), its
    opening word ("after", "and", "where") and commas left out."""
    tokens = list(verb.subtree)
    while tokens and tokens[0].dep_ in _OPENING and tokens[0].head.i == verb.i:
        tokens.pop(0)
    while tokens and tokens[-1].dep_ == "punct":
        tokens.pop()
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def with_clauses(
    parts: ArticleParts,
    events: list[Event],
    told: Iterable[Told],
    quoted: Quoted,
    resolve: Resolver,
    datelines: dict[str, bool],
    sentences: Sequence[tuple[int, int]],
) -> list[Event]:
    """``events`` with an event for each happening told in a clause of its own of a sentence
    the answer pointed at (``told``: where the answer's events are told, with the parse)."""
    text = parts.text
    triggers = {e.trigger.span.start for e in events if e.trigger and e.trigger.span}
    docs = {t.sentence: t.doc for t in told if t.doc is not None}
    actors: dict[int, list[str]] = {}  # by the start of a sentence an event is told in
    for e in events:
        for s in e.sentences:
            actors.setdefault(s.start, []).extend(a.text for a in e.actors)
    ids = {e.id for e in events}
    added: list[Event] = []
    for sentence, doc in sorted(docs.items()):
        for verb in doc:
            at = sentence[0] + verb.idx
            subject = _own_clause(verb)
            if subject is None or at in triggers or quoted.around(at, at + 1):
                continue
            if any(same_entity(subject, a) for a in actors.get(sentence[0], ())):
                continue  # the answer's event holds this doer
            start, end = _clause_words(verb)
            words = text[sentence[0] + start : sentence[0] + end]
            when = sentence_date(text, sentence, doc, verb)
            names = sentence_participants(verb)
            event = parsed_event(
                parts, sentence, doc, verb, when, names, resolve, datelines, sentences, words
            )
            if event.id not in ids:
                added.append(event)
                ids.add(event.id)
                triggers.add(at)
    return events + added
