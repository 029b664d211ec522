"""The not-an-event fold: what the model listed as an event but is none is dropped with a
``W008`` warning, its quotes joining the event that names their speaker, else the nearest
one before them; when every event is such, all are kept.

The rules (``RULES``) are tried in order; the first that applies drops the event:
- an event told only in the article's credit lines ("Reuters contributed reporting to this
  article", "Reporting by Ann Lee; editing by Tom Berg"): who made the article, not news;
- an event whose actors and place name nobody and nowhere, nor do the participants the parse
  gives its trigger ("local residents gathered"; "Acme's workers struck" names Acme; "the
  driver hit a post" picks out one person, as ``nominal.one_person`` reads a noun; "Acme
  said" names Acme, which the recogniser tags, even where the text writes it only to open a
  sentence; a headline names whom the article names: a word of it the sentences below write
  capitalised mid-sentence, "Rovers Beat Kings" or "ROVERS BEAT KINGS" over "the Vale
  Rovers won");
- a background state ("Acme is the largest toy maker", ``extractor.article.eventkind``),
  unless the parse shows its trigger done ("was nearly destroyed", "held by police"),
  happened (a simple past: "… the week when Acme closed its plant") or tied to a happening
  before it ("has a new owner after the sale");
- a state in the present: the parse shows its trigger in the simple present ("Acme makes
  toys"), not a plan, a dated happening (a recurring time is no date: "every Friday"), one
  in progress ("is in talks"), speech or a headline's present;
- a plain statement ("X said that …") with no date or place of its own written in the
  narrative (not made up, not inside the quoted words);
- a happening told only inside a quote (most of its description's words are, in each
  sentence the model pointed at, else in the sentence holding most of them, only between
  quotation marks);
- a possibility or an obligation: its trigger under "should", "must", "may", "might" or
  "could" ("Acme should build a plant").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from extractor.article.event_dates import headline_end
from extractor.article.eventkind import PAST_STATE, Kind, kind, under_way
from extractor.article.homes import Homes, joined, placed, position
from extractor.article.nominal import one_person
from extractor.article.slots import sentence_participants
from extractor.article.tense import verb_tense
from extractor.article.warning_codes import SHOWN, W_NOT_AN_EVENT
from extractor.contract.models import DocWarning, Event, Span
from extractor.dates import is_recurring
from extractor.text.names import CAPITALISED, POSSESSIVE, holds_name, names_someone, proper
from extractor.text.parser import Parse
from extractor.text.sentences import Quoted, Sentences, ends_sentence, sentence_around
from extractor.text.speech import REPORTING_VERBS
from extractor.text.words import word_set

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Reading:
    """An event as the fold rules read it, with the article around it."""

    text: str
    event: Event
    kind: Kind  # of its description (``eventkind.kind``)
    sentences: Sentences
    quoted: Quoted  # the spans of the text's quotes
    verb: Token | None = None  # the trigger's verb in the parse of its sentence
    parse: Parse | None = None  # with entities: the recogniser where an actor is written


def _written_outside(span: Span | None, quoted: Quoted) -> bool:
    """Whether ``span`` is in the text and not within one of the ``quoted`` spans."""
    if span is None:
        return False
    around = quoted.around(span.start - 1, span.end + 1)  # a few more: checked below
    return not any(start <= span.start and span.end <= end for start, end in around)


def has_occasion(event: Event, quoted: Quoted) -> bool:
    """Whether a statement has an occasion of its own: a date or place the article writes in
    its narrative, not one the model made up or one inside the words quoted."""
    marks = [m for m in (event.when, event.place) if m is not None and m.grounded]
    return any(_written_outside(m.span, quoted) for m in marks)


# A line that credits who reported, wrote or edited the article (not "X contributed 11 points").
_CREDIT = re.compile(
    r"\bcontributed\s+(?:additional\s+)?(?:reporting|to\s+this\s+(?:report|article|story))\b"
    r"|^\W*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b",
    re.IGNORECASE,
)


def _credit_line(reading: Reading) -> bool:
    """Each sentence that tells it credits the article's makers ("Reuters contributed
    reporting to this article"; "Reporting by Ann Lee; editing by Tom Berg")."""
    told = reading.event.sentences
    return bool(told) and all(_CREDIT.search(sentence.text) for sentence in told)


def _names_nobody(reading: Reading) -> bool:
    """Neither its actors nor its place name anyone or anywhere, nor does its trigger's verb
    take one person a common noun picks out: "riots erupted in Brooklyn" names where, "the
    driver hit a post" who, and each is kept."""
    event = reading.event
    named = [a.text for a in event.actors] + ([event.place.text] if event.place else [])
    if any(holds_name(reading.text, n) for n in named):
        return False
    found = sentence_participants(reading.verb)  # "Acme's workers struck": Acme
    if any(holds_name(reading.text, n) for n in found):
        return False
    if _recognised(reading.verb, [*named, *found]) or _picks_out(reading.verb):
        return False
    return not (_recognised_where_written(reading) or _headline_names(reading))


def _headline_names(reading: Reading) -> bool:
    """The event is told in the headline, and a word of the headline is a name the article
    writes capitalised mid-sentence below it: a headline's capitals ("Rovers Beat Kings",
    "ROVERS BEAT KINGS") do not tell its names, the article's sentences do."""
    end = headline_end(reading.text)
    told = reading.event.sentences
    if not end or not told or told[0].start >= end:
        return False
    below = reading.text[end:]
    for word in CAPITALISED.findall(reading.text[:end]):
        bare = POSSESSIVE.sub("", word)  # "Palin's": "Palin"
        forms = {bare, bare[:1] + bare[1:].lower()}  # "NYPD" as written, "PALIN" as "Palin"
        if names_someone(bare) and any(proper(below, form) for form in forms):
            return True
    return False


def _recognised(verb: Token | None, names: list[str]) -> bool:
    """One of ``names`` holds a proper noun the recogniser calls someone in the trigger's
    sentence ("Acme said …": a name the text writes only where a sentence opens)."""
    if verb is None:
        return False
    proper = {t.lower_ for t in verb.doc if t.tag_ in _PROPER and t.ent_type_ in _SOMEONE}
    return any(w in proper for n in names for w in word_set(n))


def _recognised_where_written(reading: Reading) -> bool:
    """An actor the text writes in another sentence is a proper noun the recogniser calls
    someone there: "Acme" opens every sentence that writes it, and "The firm said it …" tells
    the event without writing it."""
    if reading.parse is None:
        return False
    own = reading.verb.doc.text if reading.verb is not None else None
    for actor in reading.event.actors:
        if not actor.grounded or actor.span is None:
            continue
        sentence = sentence_around(reading.text, actor.span.start, actor.span.end)
        if sentence == own:
            continue  # ``_recognised`` asked there already
        (doc,) = reading.parse([sentence])
        if len(doc) and _recognised(doc[0], [actor.text]):
            return True
    return False


def _picks_out(verb: Token | None) -> bool:
    """The trigger's verb has for subject or object one person a common noun picks out ("the
    officer", "a man", "two climbers"), as a name would."""
    if verb is None:
        return False
    heads = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    heads += [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    return any(one_person(t) for h in heads for t in (h, *h.conjuncts))


# Proper nouns the recogniser calls someone or somewhere: a name wherever it is written.
_PROPER = frozenset({"NNP", "NNPS"})
_SOMEONE = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Words that tie a verb to a happening before it: a present tense then tells a change.
_AFTER = frozenset({"after", "following"})
# Participles of "be" and "have": "has been", "had had" tell a state.
_STATE_PARTICIPLES = frozenset({"been", "had"})
# Forms of "be" and "have" before a participle.
_BE_HAVE = frozenset(
    ["is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "'s"]
)


def _done(verb: Token | None) -> bool:
    """The parse shows the trigger's verb done: a participle after a form of "be" or "have"
    ("was nearly destroyed", "has quietly sold", not "has not sold"), or one with its doer
    after "by" ("a man held by police"), whatever words the description puts around it."""
    if verb is None or verb.tag_ != "VBN" or verb.lower_ in _STATE_PARTICIPLES:
        return False
    if any(c.dep_ == "neg" for c in verb.children):  # "has not come": not done
        return False
    if any(c.dep_ == "agent" for c in verb.children):  # "a man held by police"
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _BE_HAVE for c in verb.children)


def _background_state(reading: Reading) -> bool:
    """A state by its words, unless the parse shows the trigger's verb done or happened, or
    tied to a happening before it ("police have a man in custody after the crash": a
    change)."""
    verb = reading.verb
    if reading.kind != "state" or _done(verb) or _happened(verb):
        return False
    return verb is None or not any(_after(c) for c in verb.children)


def _happened(verb: Token | None) -> bool:
    """The parse shows the trigger's verb in the simple past of a happening: not of a state
    ("owned"), of speech ("said"), nor with a clause it reports ("the filing showed that …").
    "The worst week was the one when Acme closed its plant": the description's "was"
    misleads, the model pointed at "closed"."""
    if verb is None or verb.tag_ != "VBD" or verb.lower_ in PAST_STATE:
        return False
    return verb.lower_ not in REPORTING_VERBS and not any(c.dep_ == "ccomp" for c in verb.children)


def _present_state(reading: Reading) -> bool:
    """The parse shows the trigger's verb in the simple present ("Acme makes toys", "the plant
    is owned by Acme"): a state or a habit. Not a plan ("plans to sell"), a happening with its
    date ("opens on Friday"; "opens every Friday" is a habit), one in progress ("is
    selling", "is being held"), speech ("says"), a change tied to a happening before it ("is
    dead after a fall", "returns after two years"), nor a headline's present (told in a line
    with no full stop: "Acme Sells Plant")."""
    verb = reading.verb
    if verb is None or verb.tag_ == "VBG" or verb_tense(verb) != "present":
        return False
    if any(c.dep_ == "auxpass" and c.lower_ == "being" for c in verb.children):  # "is being held"
        return False
    if verb.lower_ in REPORTING_VERBS:
        return False
    if any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children):  # "plans to sell"
        return False
    if any(_after(c) for c in verb.children):  # "is dead after a fall": a change
        return False
    if any(_in_talks(c) for c in verb.children):  # "is in talks to buy Bolt": under way
        return False
    event = reading.event
    if (
        event.when is not None
        and event.when.grounded
        and not is_recurring(event.when.resolution.reason)
    ):
        return False  # "opens on Friday"; not "opens every Friday": a habit
    told = [reading.text[s.start : s.end].strip() for s in event.sentences]
    return bool(told) and all(ends_sentence(line) for line in told)


def _in_talks(child: Token) -> bool:
    """``child`` is "in" before talk going on: "in talks", "in negotiations" (``under_way``)."""
    if child.dep_ != "prep" or child.lower_ != "in":
        return False
    return any(o.dep_ == "pobj" and o.tag_ == "NNS" and under_way(o.lower_) for o in child.children)


def _after(child: Token) -> bool:
    """Whether ``child`` ties its verb to an earlier happening: "after a fall", "following
    the vote", "after she fell"."""
    if child.dep_ == "prep":
        return child.lower_ in _AFTER
    return child.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in _AFTER for m in child.children
    )


def _plain_statement(reading: Reading) -> bool:
    return reading.kind == "statement" and not has_occasion(reading.event, reading.quoted)


def _told_in_a_quote(reading: Reading) -> bool:
    if reading.kind != "happening":  # a statement with an occasion is an event
        return False
    description = reading.event.description
    told = [(s.start, s.end) for s in reading.event.sentences]  # where the model pointed
    own = told or [b for b in [reading.sentences.retold(description)] if b is not None]
    return bool(own) and all(reading.sentences.quoted(b, reading.quoted, description) for b in own)


# Modal verbs that make a happening a possibility or an obligation, not a fact or a plan.
_MODALS = frozenset({"should", "must", "may", "might", "could", "ought"})
_BEFORE_TRIGGER = 3  # words read before the trigger for its modal
_READ_BEFORE = 40  # characters that hold them


def _possible_only(reading: Reading) -> bool:
    """The trigger's verb is under "should", "must", "may", "might" or "could": "Acme should
    build a plant" says what ought to or may happen, not what happened or is planned."""
    trigger = reading.event.trigger
    if trigger is None or trigger.span is None:
        return False
    before = reading.text[max(0, trigger.span.start - _READ_BEFORE) : trigger.span.start]
    words = before.lower().split()[-_BEFORE_TRIGGER:] + trigger.text.lower().split()[:-1]
    return any(w in _MODALS for w in words)


@dataclass(frozen=True)
class FoldRule:
    """A reason an event is none: its name, when it applies, its warning code and the words
    the warning gives after the event's description."""

    name: str
    applies: Callable[[Reading], bool]
    code: str
    reason: str


# An event its sentence tells only inside a quote: that sentence's speech act may stand for it
# (``speech_acts``).
IN_A_QUOTE = FoldRule(
    "told in a quote", _told_in_a_quote, W_NOT_AN_EVENT, "is told only inside a quote"
)
# No event, whichever model listed it.
ANY_MODEL_RULES = (
    FoldRule("credit line", _credit_line, W_NOT_AN_EVENT, "credits the article's makers"),
)
# Tried in order: the first that applies drops the event.
RULES = (
    *ANY_MODEL_RULES,
    FoldRule("names nobody", _names_nobody, W_NOT_AN_EVENT, "names no participant"),
    FoldRule("background state", _background_state, W_NOT_AN_EVENT, "is a background state"),
    FoldRule("present state", _present_state, W_NOT_AN_EVENT, "is a state in the present"),
    FoldRule("plain statement", _plain_statement, W_NOT_AN_EVENT, "is a plain statement"),
    IN_A_QUOTE,
    FoldRule("possible only", _possible_only, W_NOT_AN_EVENT, "is a possibility or an obligation"),
)


def not_an_event(
    text: str,
    event: Event,
    sentences: Sentences,
    quoted: Quoted,
    verb: Token | None = None,
    parse: Parse | None = None,
    rules: Sequence[FoldRule] = RULES,
) -> FoldRule | None:
    """The first of ``rules`` by which ``event`` is no event of its own, or None when it is
    one. ``quoted``: the spans of the text's quotes; ``verb``: its trigger's verb in the parse;
    ``parse``: a parse with entities, for sentences other than the event's."""
    reading = Reading(text, event, kind(event.description), sentences, quoted, verb, parse)
    return next((rule for rule in rules if rule.applies(reading)), None)


@dataclass(frozen=True)
class Folded:
    """An event dropped: the rule that dropped it, the events holding its quotes (None: one
    stored apart) and the speech act kept in its stead."""

    rule: FoldRule
    homes: frozenset[str | None] = frozenset()
    act: str | None = None  # the speech act of its sentence, kept in its stead (``speech_acts``)
    # The starts of its verbatim quotes, which ``quote_homes`` places later (``settled``).
    spans: tuple[int, ...] = ()

    @property
    def took(self) -> str | None:
        """The one event holding all its quotes, else None (none, several, or one apart)."""
        return next(iter(self.homes)) if len(self.homes) == 1 else None

    @property
    def now(self) -> str | None:
        """The event a warning about it names: the one that took its quotes, else its act."""
        return self.took or self.act

    def renamed(self, ids: Mapping[str, str]) -> Folded:
        """The same, with the events it names by their new ids (old id: new id)."""
        homes = frozenset(ids.get(h, h) if h else h for h in self.homes)
        act = ids.get(self.act, self.act) if self.act else self.act
        return replace(self, homes=homes, act=act)

    def settled(self, holders: Mapping[int, str]) -> Folded:
        """Where its quotes are once the verbatim ones are placed (``holders``: the event
        holding each quoted span, by its start; a span none holds is stored apart)."""
        homes = self.homes | {holders.get(start) for start in self.spans}
        return replace(self, homes=homes, spans=())


def fold(
    text: str,
    ordered: list[Event],
    sentences: Sentences,
    quoted: Quoted,
    verbs: Mapping[str, Token | None] | None = None,
    parse: Parse | None = None,
    rules: Sequence[FoldRule] = RULES,
) -> tuple[list[Event], dict[str, Folded]]:
    """Drop what is no event (``not_an_event``), moving its quotes to the event that names
    each quote's speaker, else the nearest event before it. Also, for each event dropped:
    why, and the events that took its quotes. Its verbatim quotes are placed again later
    (``quote_homes``): it records their spans, not their event (``Folded.settled``).
    ``verbs``: each event's trigger verb (by id); ``parse``, ``rules``: as ``not_an_event``'s."""
    verbs = verbs or {}
    why = {
        e.id: not_an_event(text, e, sentences, quoted, verbs.get(e.id), parse, rules)
        for e in ordered
    }
    kept = [e for e in ordered if why[e.id] is None]
    if not kept:
        return ordered, {}
    moved: dict[str, Folded] = {}
    places = Homes(kept)
    for event in ordered:
        rule = why[event.id]
        if rule is None:
            continue
        homes: set[str | None] = set()
        spans: list[int] = []
        for quote, grounded in [(q, True) for q in event.quotes] + [
            (q, False) for q in event.unverified_quotes
        ]:
            start = quote.span.start if quote.span is not None else position(event)
            home = places.home(quote.speaker.text, start)
            held = joined(kept[home], [quote] if grounded else [], [] if grounded else [quote])
            places.joined_at(home, held)
            if grounded and placed(quote):
                spans.append(start)
            else:
                homes.add(held.id)
        moved[event.id] = Folded(rule, frozenset(homes), spans=tuple(spans))
    return kept, moved


def fold_warning(event: Event, folded: Folded) -> DocWarning:
    """Why ``event`` was dropped (``fold``), naming the event that took its quotes and the
    speech act kept in its stead."""
    where = f": its quotes joined {folded.took}" if folded.took else ""
    if folded.act:
        where += f"; its sentence's speech act is {folded.act}"
    message = f"{event.description[:SHOWN]!r} {folded.rule.reason}: not an event{where}"
    return DocWarning(code=folded.rule.code, message=message, event_id=folded.now)
