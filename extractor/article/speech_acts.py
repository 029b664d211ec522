"""The speech act of a sentence whose event the fold dropped as told only inside a quote.

"“We will build it,” Ann Lee told reporters in Oslo on Monday": the model pointed at this
sentence for what the quote says, which the fold drops (``fold``). What the sentence itself
tells, outside the quotation marks, is that Ann Lee spoke: to whom, where and when. Read
from the sentence's parse, that is a speech verb outside every quote with a subject outside
them; the event is the sentence with its quotes left out, its trigger that verb. It is kept
only where the fold keeps it too: a statement with a date or place of its own.

An article often tells one speech act twice: "Ann Lee told reporters in Oslo that …" in its
lede, then "“…,” Lee said on Monday". An act is that telling again (``told_again``) when a
kept event is told by a speech verb and has the act's speaker among its actors, with no other
date: the two are one event (``retold``), with both sentences, and the date or place the first
telling lacks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from extractor.article.anchors import told
from extractor.article.attach_quotes import Found
from extractor.article.event import Told, stored_event
from extractor.article.event_dates import with_date, with_place
from extractor.article.fold import IN_A_QUOTE, Folded, has_occasion, not_an_event
from extractor.article.ground import QUOTE_MARKS
from extractor.article.homes import position
from extractor.article.parts import ArticleParts
from extractor.article.retellings import merge
from extractor.article.slots import same_entity
from extractor.contract.models import Event, ModelEvent
from extractor.dates import Resolver
from extractor.text.parser import parse_entities
from extractor.text.sentences import Quoted, Sentences
from extractor.text.speech import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = {"nsubj", "nsubjpass"}
_VERB_TAGS = {"VBD", "VBZ", "VBP", "VBN"}
_GAP = "\0"  # where a quote was
_OPENING = re.compile(r"^\0[\s,;:—–-]*")  # a quote opening the sentence
_CLOSING = re.compile(r"\s*[,;:—–-][\s,;:—–-]*\0[\s.!?]*$")  # one closing it after punctuation


def _outside(start: int, end: int, quotes: Sequence[tuple[int, int]]) -> bool:
    return not any(s < end and start < e for s, e in quotes)


def _speech_verb(doc: Doc, offset: int, quotes: Sequence[tuple[int, int]]) -> Token | None:
    """The first speech verb of the sentence written outside its quotes, with its subject
    outside them too: "Ann Lee told reporters", "he said on Monday"."""
    for token in doc:
        start = offset + token.idx
        if token.lower_ not in REPORTING_VERBS or token.tag_ not in _VERB_TAGS:
            continue
        if not _outside(start, start + len(token.text), quotes):
            continue
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if any(_outside(offset + s.idx, offset + s.idx + len(s.text), quotes) for s in subjects):
            return token
    return None


def _marked(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """A quote's span within ``sentence``, with its quotation marks."""
    start, end = max(start, sentence[0]), min(end, sentence[1])
    while start > sentence[0] and text[start - 1] in QUOTE_MARKS:
        start -= 1
    while end < sentence[1] and text[end] in QUOTE_MARKS:
        end += 1
    return start, end


def _narrative(text: str, sentence: tuple[int, int], quotes: Sequence[tuple[int, int]]) -> str:
    """The sentence with its quotes left out: one at either end set off by punctuation
    dropped with it ("“…,” Ann said", "Ann said: “…”"), any other replaced by an ellipsis in
    quotation marks ("Ann said that “…”")."""
    start, end = sentence
    pieces: list[str] = []
    at = start
    for s, e in quotes:
        pieces += [text[at:s], _GAP]
        at = e
    pieces.append(text[at:end])
    told = _OPENING.sub("", "".join(pieces).strip())
    told = _CLOSING.sub(".", told)
    told = " ".join(told.replace(_GAP, "“…”").split())
    return told if told.endswith((".", "!", "?")) else told.rstrip(" ,;:—–-") + "."


def speech_act(
    text: str, sentence: tuple[int, int], number: int, doc: Doc, quoted: Quoted
) -> ModelEvent | None:
    """The speech act ``sentence`` (``number`` in the article, from 1) tells outside its
    quotes, as an answer the stages read like the model's (no actors given: the parse's);
    None when it tells none. ``doc``: the sentence's parse."""
    quotes = [_marked(text, s, e, sentence) for s, e in quoted.around(*sentence)]
    if not quotes:
        return None
    verb = _speech_verb(doc, sentence[0], quotes)
    if verb is None:
        return None
    description = _narrative(text, sentence, quotes)
    return ModelEvent(sentence=number, trigger=verb.text, description=description)


def _spoken(event: Event) -> bool:
    return event.trigger is not None and event.trigger.text.casefold() in REPORTING_VERBS


def _value(event: Event) -> str | None:
    return event.when.resolution.value if event.when is not None else None


def told_again(act: Event, kept: Sequence[Event]) -> int | None:
    """The first of ``kept`` that ``act`` tells again: the one on the same trigger word, else
    a speech verb's event with the act's speaker (its first actor, the verb's subject) among
    its actors and no other date; None for none."""
    at = act.trigger.span if act.trigger is not None else None
    same = [n for n, e in enumerate(kept) if at is not None and e.trigger and e.trigger.span == at]
    if same:
        return same[0]
    speaker = act.actors[0].text if act.actors else None
    for number, event in enumerate(kept):
        if speaker is None or not _spoken(event):
            continue
        if None not in (_value(act), _value(event)) and _value(act) != _value(event):
            continue
        if any(same_entity(a.text, speaker) for a in event.actors):
            return number
    return None


def retold(article_id: str, event: Event, act: Event) -> Event:
    """``event`` told again by ``act``: both sentences, and the act's date or place where
    ``event`` has none (its id then follows its content)."""
    merged = merge(event, act)
    if merged.when is None and act.when is not None:
        merged = with_date(article_id, merged, act.when)
    if merged.place is None and act.place is not None:
        merged = with_place(article_id, merged, act.place)
    return merged


class SpeechActs:
    """The speech act of the sentence an event is told in (``speech_acts``), stored as a
    model's event is (step 2), and kept as the rules keep an event (``not_an_event``)."""

    def __init__(
        self,
        parts: ArticleParts,
        numbered: list[tuple[int, int]],
        first: dict[str, tuple[ModelEvent, Told]],
        quoted: Quoted,
        resolve: Resolver,
        finder: Found | None,
        datelines: dict[str, bool],
    ) -> None:
        self.parts, self.numbered, self.first, self.quoted = parts, numbered, first, quoted
        self.resolve, self.finder, self.datelines = resolve, finder, datelines
        self.number = {span: n for n, span in enumerate(numbered, start=1)}
        self.made: dict[tuple[int, int], tuple[Event, ModelEvent, Told] | None] = {}

    def _act(self, event: Event, sentences: Sentences) -> tuple[Event, ModelEvent, Told] | None:
        """The speech act of the sentence ``event`` is told in, when the rules keep it (read
        once a sentence: two events dropped there share it)."""
        anchor = self.first[event.id][1] if event.id in self.first else None
        if anchor is None:
            return None
        if anchor.sentence not in self.made:
            self.made[anchor.sentence] = self._read(anchor, sentences)
        return self.made[anchor.sentence]

    def _read(self, anchor: Told, sentences: Sentences) -> tuple[Event, ModelEvent, Told] | None:
        number = self.number.get(anchor.sentence)
        if number is None or anchor.doc is None:
            return None
        text = self.parts.text
        answer = speech_act(text, anchor.sentence, number, anchor.doc, self.quoted)
        where = None if answer is None else told(text, self.numbered, [answer], parse_entities)[0]
        if answer is None or where is None:
            return None
        act, _ = stored_event(
            self.parts,
            answer,
            self.resolve,
            self.finder,
            where.sentence,
            self.datelines,
            where,
            self.numbered,
        )
        if not has_occasion(act, self.quoted):  # "said Ann Lee": a plain statement
            return None
        if not_an_event(text, act, sentences, self.quoted, where.verb) is not None:
            return None
        return act, answer, where

    def added(
        self,
        ordered: list[Event],
        kept: list[Event],
        moved: dict[str, Folded],
        sentences: Sentences,
    ) -> tuple[list[Event], dict[str, Folded], dict[str, str]]:
        """``kept`` with the speech acts of the events folded as told inside a quote (a new
        event, or another telling of one kept: ``told_again``), ``moved`` naming each act (and
        the events that took quotes by the ids they now have), and the kept events renamed by a
        telling's date or place (old id: new id)."""
        kept, moved = list(kept), dict(moved)
        renamed: dict[str, str] = {}
        for event in ordered:
            if event.id not in moved or moved[event.id].rule is not IN_A_QUOTE:
                continue
            found = self._act(event, sentences)
            if found is None:
                continue
            act, answer, where = found
            at = told_again(act, kept)
            if at is None:
                kept.append(act)
                self.first.setdefault(act.id, (answer, where))
                now = act.id
            else:
                old, kept[at] = kept[at].id, retold(self.parts.id, kept[at], act)
                now = kept[at].id
                if now != old:
                    renamed[old] = now
                    if old in self.first:
                        self.first[now] = self.first.pop(old)
            moved[event.id] = replace(moved[event.id], act=now)
        final = {old: _last(renamed, old) for old in renamed}
        moved = {k: f.renamed(final) for k, f in moved.items()}
        kept.sort(key=lambda e: (position(e), e.id))
        return kept, moved, final


def _last(renamed: dict[str, str], old: str) -> str:
    while old in renamed:
        old = renamed[old]
    return old
