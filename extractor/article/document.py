"""Turn the model's answer into the stored document: ground, resolve, identify, order.

Pure: every input (the cleaned text, the publication date, the date resolver) is an argument.
``build_document`` takes these steps, in this order:

1. attribute the quote finder's spans: who said each (``speakers``; the finder's policy in
   ``attach_quotes``);
2. each model event as a stored event (``event``) told in the sentence the model pointed at
   (``anchors``: its trigger there, the tense of its verb): actors and place read from that
   sentence's parse (``slots``; a surname alone named in full: ``full_names``) and located
   there first (``grounded``), its date resolved, or dropped with W007/W009 when it is not
   in that sentence (``event_dates``);
3. merge an event told again into the first telling (``retellings``): the same trigger word,
   or the same happening described with a shared actor; an answer whose description is
   another's, pointed at a sentence it does not tell, is that sentence's own event instead,
   told in its words (``retellings.copied``);
4. order the events by where they sit in the text (``homes.position``);
5. fold what is no event into the events (``fold``, its rules a table), with W008: rules for
   a small model's habits, applied when ``provenance.small_model_rules`` says so; for an
   event told only inside a quote, the speech act its sentence tells outside the quote
   ("“…,” Ann Lee told reporters on Monday": ``speech_acts``), new or another telling;
   then a happening the text names by a noun ("the arrest of X"): another telling of an event
   kept, else an event of its own (``nominal``, every model's answers); then a dated
   happening in a sentence the answer tells nothing of (``untold``); then a happening in a
   clause of its own of a sentence the answer tells (``clauses``); then one speaker's
   statements at one occasion as one event (``occasions``, every model's answers); then the
   headline and the lede sentences no event is told in, each among the sentences of the
   event it tells (``headline``);
6. one form of a speaker's name per quoted span (``speaker_names``), then each quoted span
   under one event its speaker leads, told in or next to its sentences, else the nearest
   before it, else after it; else apart in the document's ``quotes`` (``quote_homes``);
7. the warnings W001-W006 (``warning_codes``), then the document.

The article's parts come in as ``parts.ArticleParts``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from extractor.article.anchors import told
from extractor.article.attach_quotes import Found
from extractor.article.clauses import with_clauses
from extractor.article.event import Told, stored_event
from extractor.article.fold import ANY_MODEL_RULES, fold, fold_warning
from extractor.article.headline import lede_joined, with_headline
from extractor.article.homes import position
from extractor.article.nominal import with_nominal
from extractor.article.occasions import one_occasion
from extractor.article.parts import ArticleParts
from extractor.article.quote_homes import placed_quotes
from extractor.article.quotes import FoundQuote, find_quotes
from extractor.article.retellings import (
    Tellings,
    better_told,
    copied,
    fits,
    fuller_date,
    headline_dated,
    headline_told_again,
    lede_main,
    merge,
    told_there,
    where_it_fits,
)
from extractor.article.setting import with_setting
from extractor.article.speaker_names import one_speaker
from extractor.article.speakers import attributed
from extractor.article.speech_acts import SpeechActs
from extractor.article.untold import with_untold
from extractor.article.warning_codes import (
    article_warnings,
    event_warnings,
    quote_warnings,
    unique_warnings,
)
from extractor.contract.models import (
    SCHEMA_VERSION,
    ArticleDocument,
    DocWarning,
    Event,
    ModelEvent,
    Provenance,
)
from extractor.dates import Resolver
from extractor.text.numbered import index
from extractor.text.parser import parse, parse_entities
from extractor.text.sentences import Quoted, Sentences

__all__ = ["build_document"]


class _Stored:
    """The events stored so far (steps 2-3), each one's first telling (its answer and where
    it is told) and the warnings of what was dropped."""

    def __init__(self, parts: ArticleParts, triggers: set[int]) -> None:
        self.parts = parts
        self.triggers = triggers  # where the answers' trigger words start
        self.events: dict[str, Event] = {}
        self.first: dict[str, tuple[ModelEvent, Told]] = {}
        self.dropped: list[DocWarning] = []
        self.tellings = Tellings()

    def add(
        self,
        answer: ModelEvent,
        anchor: Told | None,
        event: Event,
        notes: list[DocWarning],
        described: bool = True,
    ) -> None:
        """``event`` stored, or merged into the event it tells again. Not ``described``: its
        description is its sentence (``copied``), which writes the words of every happening
        told there, so it is told again only by its id or its trigger word."""
        events, tellings = self.events, self.tellings
        same = event.id if event.id in events else tellings.told_before(event, described)
        verb, at = (anchor.verb, anchor.sentence) if anchor else (None, (0, 0))
        main = functools.partial(lede_main, event, verb, self.triggers, at)
        again = headline_told_again(self.parts.text, event, events.values(), main)
        again = again if described else None
        # the lede's telling of the headline's happening leads, even where the two answers
        # describe it alike (a small model's one description for both)
        headline = again if same is None or same == again else None
        same = again if same is None else same
        if same is None:
            events[event.id] = event
            tellings.add(event, described)
            if anchor is not None:
                self.first[event.id] = (answer, anchor)
            self.dropped += notes
            return
        text = self.parts.text
        lead, other = events.pop(same), event
        one_word = tellings.same_trigger(event) == same
        lede_leads = headline is not None  # the lede tells the headline's happening in full
        by_words = not one_word and not lede_leads  # the same description again
        fits_better = by_words and fits(text, event) > fits(text, lead)
        if lede_leads or fits_better or (one_word and better_told(text, event, lead)):
            lead, other = event, lead
            self.first.pop(same, None)
            if anchor is not None:
                self.first[same] = (answer, anchor)  # under the id it is renamed from
        merged = merge(lead, where_it_fits(text, other) if by_words else other)
        if one_word:
            merged = fuller_date(self.parts.id, merged, other)
        if lede_leads:
            merged = headline_dated(self.parts.id, merged, other)
        if merged.id != same:  # another telling leads, or its date changed: a new id
            self._rename(same, merged.id)
        tellings.joined(merged.id, merged)  # its word, when another telling now leads
        events[merged.id] = merged
        self.dropped += [n.model_copy(update={"event_id": merged.id}) for n in notes]

    def copied(self, anchor: Told, event: Event) -> bool:
        """``event``'s description is that of the telling it would join by its words, given
        again for a sentence it does not tell (``retellings.copied``): that sentence tells a
        happening of its own."""
        events, tellings = self.events, self.tellings
        if tellings.same_trigger(event) is not None or not copied(self.parts.text, event):
            return False
        if event.id not in events and tellings.told_before(event) is None:
            return False
        main = functools.partial(lede_main, event, anchor.verb, self.triggers, anchor.sentence)
        # not the lede's telling of the headline's happening
        return headline_told_again(self.parts.text, event, events.values(), main) is None

    def _rename(self, old: str, new: str) -> None:
        self.tellings.renamed(old, new)
        if old in self.first:
            self.first[new] = self.first.pop(old)
        self.dropped = [
            n.model_copy(update={"event_id": new}) if n.event_id == old else n for n in self.dropped
        ]


def build_document(
    parts: ArticleParts,
    model_events: Iterable[ModelEvent],
    provenance: Provenance,
    resolve: Resolver,
    found: Sequence[FoundQuote] | None = None,
) -> ArticleDocument:
    """The stored document for one article, in a deterministic order. ``found``: the quote
    finder's spans in ``parts.text``, to store quotes under the finder's policy."""
    # 1. who said each of the finder's spans
    # (the parse's cue, the rule tables where it gives none: docs/BENCHMARKS.md, Speakers)
    who = [] if found is None else attributed(parts.text, list(found), parse)
    said = None if found is None else {q: s.name for q, s in zip(found, who, strict=True)}
    how = {} if found is None else {q: s.how for q, s in zip(found, who, strict=True)}
    finder = None if said is None else Found(said, how)
    # 2-3. each model event stored, one told again merged into its first telling
    sentences = Sentences(parts.text)
    datelines: dict[str, bool] = {}
    answered = list(model_events)
    numbered = index(parts.text).spans  # the sentences Sentences reads too: split once
    separate = provenance.small_model_rules is False
    where = told(parts.text, numbered, answered, parse_entities, separate=separate)
    triggers = {a.trigger.span.start for a in where if a and a.trigger and a.trigger.span}
    stored = _Stored(parts, triggers)
    pointed = set()  # the sentences the answer tells, whatever becomes of its events there
    for model_event, anchor in zip(answered, where, strict=True):
        own = anchor.sentence if anchor else sentences.retold(model_event.description.strip())
        if own is not None:
            pointed.add(own)
        event, notes = stored_event(
            parts, model_event, resolve, finder, own, datelines, anchor, numbered
        )
        described = anchor is None or not stored.copied(anchor, event)
        if anchor is not None and not described:  # told in its sentence's words
            model_event = told_there(parts.text, model_event, anchor.sentence)
            event, notes = stored_event(
                parts, model_event, resolve, finder, own, datelines, anchor, numbered
            )
        stored.add(model_event, anchor, event, notes, described)
    events, first, dropped = stored.events, stored.first, stored.dropped
    # 4. in text order
    ordered = sorted(events.values(), key=lambda e: (position(e), e.id))
    # 5. the not-an-event fold
    quoted = found if found is not None else find_quotes(parts.text)
    marks = Quoted((q.start, q.end) for q in quoted)
    verbs = {eid: anchor.verb for eid, (_, anchor) in first.items()}
    if provenance.small_model_rules is False:  # only what is no event for any model
        kept, moved = fold(parts.text, ordered, sentences, marks, verbs, rules=ANY_MODEL_RULES)
    else:
        kept, moved = fold(parts.text, ordered, sentences, marks, verbs, parse_entities)
        # 5a. the speech act of a sentence whose event is told only inside its quotes
        acts = SpeechActs(parts, numbered, first, marks, resolve, finder, datelines)
        kept, moved, retold = acts.added(ordered, kept, moved, sentences)
        dropped = [
            n.model_copy(update={"event_id": retold[n.event_id]}) if n.event_id in retold else n
            for n in dropped
        ]
    folded = [e for e in ordered if e.id in moved]
    # 5b. a date its sentence lacks, from the sentence that tells its setting again
    ordered, taken, renamed = [], set(events), {}
    for event in kept:
        dated = event
        if event.id in first:
            model_event, anchor = first[event.id]
            dated = with_setting(
                parts, event, model_event, anchor.verb, resolve, datelines, numbered, parse_entities
            )
        if dated.id in taken - {event.id}:
            dated = event  # the same content as another event's: left as it was
        taken.add(dated.id)
        renamed[event.id] = dated.id
        ordered.append(dated)
    dropped = [
        n.model_copy(update={"event_id": renamed[n.event_id]}) if n.event_id in renamed else n
        for n in dropped
    ]
    # 5c. happenings the text names by a noun ("the arrest of X"), told again or missing
    ordered = with_nominal(parts, ordered, numbered, parse_entities, resolve, datelines)
    # 5c'. a dated happening in a sentence the answer tells nothing of ("X died on Friday")
    ordered = with_untold(
        parts, ordered, numbered, pointed, marks, parse_entities, resolve, datelines
    )
    # 5c''. a happening told in a clause of its own of a sentence the answer tells
    # ("X closed the plant after Y raised the tariff")
    anchors = [anchor for _, anchor in first.values()]
    ordered = with_clauses(parts, ordered, anchors, marks, resolve, datelines, numbered)
    ordered.sort(key=lambda e: (position(e), e.id))
    # 5d. one speaker's statements at one occasion, one event
    ordered, merged = one_occasion(parts.id, ordered, parts.text)
    renamed = {old: merged.get(new, new) for old, new in renamed.items()} | merged
    dropped = [
        n.model_copy(update={"event_id": merged[n.event_id]}) if n.event_id in merged else n
        for n in dropped
    ]
    # 5e. a headline no event is told in, among the sentences of the event it tells (which
    # then comes first); a lede sentence no event is told in, among those of the headline's
    # event it tells again
    ordered = lede_joined(parts.text, ordered, numbered, parse_entities)
    ordered = with_headline(parts.text, ordered, numbered, parse)
    # 6. one form of a speaker's name per quoted span, each span under an event its speaker
    # leads (told next to it, else before it, else after it), else apart
    ordered, apart = placed_quotes(parts, one_speaker(ordered), said or {}, how, index(parts.text))
    # 6a. a warning about a dropped event names the event holding its quotes now, else its
    # speech act, else none
    holders = {q.span.start: e.id for e in ordered for q in e.quotes if q.span is not None}
    moved = {k: f.renamed(renamed).settled(holders) for k, f in moved.items()}
    dropped = [
        n.model_copy(update={"event_id": moved[n.event_id].now}) if n.event_id in moved else n
        for n in dropped
    ]
    dropped += [fold_warning(e, moved[e.id]) for e in folded]
    # 7. the warnings
    warnings = [w for e in ordered for w in event_warnings(e)] + unique_warnings(dropped)
    warnings += quote_warnings(apart)
    warnings += article_warnings(parts.published.value is not None, provenance.chunks)
    return ArticleDocument(
        schema_version=SCHEMA_VERSION,
        id=parts.id,
        source_id=parts.id if parts.source_id is None else parts.source_id,
        source=parts.source,
        title=parts.title,
        published=parts.published,
        text=parts.text,
        text_sha256=parts.text_sha256,
        removed=parts.removed,
        events=ordered,
        quotes=apart,
        warnings=warnings,
        provenance=provenance,
    )
