"""One model event as a stored event: actors, place, date and quotes located in the text.

A direct quote is stored in ``Event.quotes`` only when it is found in the text, and then its
``text`` is the article's own words at its span; one not found is kept apart in
``Event.unverified_quotes`` (``grounded: false``; ``W001``). A pronoun for one person given
as an actor ("he") stands for the name it points back at in the text, found as a speaker's
pronoun is; other pronouns are no actors, and a place, date or actor given as a placeholder
("not specified", "n/a") is no value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor.article.attach_quotes import Found, finder_quote
from extractor.article.event_dates import event_date
from extractor.article.full_names import in_full
from extractor.article.ground import exact_span
from extractor.article.grounded import given, mention, statement_quote, unique
from extractor.article.parts import ArticleParts
from extractor.article.retellings import describes
from extractor.article.slots import (
    sentence_actors,
    sentence_date,
    sentence_participants,
    sentence_place,
)
from extractor.article.speakers import antecedent
from extractor.article.warning_codes import SHOWN, W_DATE_NOT_IN_TEXT
from extractor.contract.identity import event_id
from extractor.contract.models import DocWarning, Event, Mention, ModelEvent, Quote, Tense
from extractor.dates import Resolver
from extractor.text.gender import PRONOUNS as GENDERS
from extractor.text.gender import gender_of
from extractor.text.lexicon import PRONOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _verified(quotes: list[Quote]) -> list[Quote]:
    """The quotes found in the text and the indirect ones, the same quoted span once."""
    spans: set[int] = set()
    verified = []
    for quote in quotes:
        if quote.grounded or quote.kind == "indirect":
            if quote.kind == "direct" and quote.span is not None:
                if quote.span.start in spans:
                    continue
                spans.add(quote.span.start)
            verified.append(quote)
    return verified


@dataclass(frozen=True)
class Told:
    """Where the text tells an event: its sentence, its trigger there, the tense of its verb,
    and the sentence's parse (``doc``, with its names) and the trigger's ``verb`` in it."""

    sentence: tuple[int, int]
    trigger: Mention | None
    tense: Tense | None
    doc: Doc | None = None
    verb: Token | None = None


def _trigger_word(told: Told) -> Token | None:
    """The parsed word where a trigger that is no verb starts ("the attack": "attack")."""
    if told.doc is None or told.trigger is None or told.trigger.span is None:
        return None
    start, end = (
        told.trigger.span.start - told.sentence[0],
        told.trigger.span.end - told.sentence[0],
    )
    words = [t for t in told.doc if start <= t.idx < end]
    return next((t for t in words if t.tag_.startswith("NN")), words[-1] if words else None)


# Pronouns for one person: the name each stands for is the actor.
_ONE_PERSON = frozenset({"he", "him", "she", "her"})


def _actor(text: str, actor: str, told: Told | None) -> str | None:
    """The actor the model gave, or the name a pronoun for one person stands for: the
    pronoun as the event's sentence writes it (the trigger verb's own first), resolved as a
    speaker's pronoun is, to a person's name of its gender ("he": not "Acme", nor a name of
    no known gender); None for any other pronoun, or one that stands for no such name."""
    word = actor.strip().casefold()
    if word not in PRONOUNS:
        return actor
    if word not in _ONE_PERSON or told is None or told.doc is None:
        return None
    written = [t for t in told.doc if t.lower_ == word]
    verb = told.verb
    own = [t for t in written if verb is not None and t.head.i == verb.i]
    token = next(iter(own or written), None)
    name = None if token is None else antecedent(text, told.sentence[0] + token.idx, word)
    return name if name and gender_of(name, text) == GENDERS[word] else None


def stored_event(
    parts: ArticleParts,
    model_event: ModelEvent,
    resolve: Resolver,
    found: Found | None,
    own: tuple[int, int] | None,
    datelines: dict[str, bool],
    told: Told | None = None,
    sentences: Sequence[tuple[int, int]] = (),
) -> tuple[Event, list[DocWarning]]:
    """The stored event, and a warning for what of the model's answer was dropped. ``found``:
    the quote finder's spans, to store quotes under its policy (``attach_quotes``); ``own``
    and ``datelines``: see ``event_dates.event_date``; ``told``: the sentence the model
    pointed at, where actors and place are looked for first, and the tense of its verb;
    ``sentences``: the text's, for a date the event's sentence refers back to."""
    text = parts.text
    within = None if told is None else told.sentence
    if told is not None and told.tense is not None:
        model_event = model_event.model_copy(update={"tense": told.tense})
    actors = unique(
        named for a in model_event.actors if given(a) for named in [_actor(text, a, told)] if named
    )
    place = given(model_event.place)
    if told is not None and told.doc is not None:  # who and where from the sentence's parse
        if "actors" not in model_event.model_fields_set:  # an answer that names none: anchors
            start = told.sentence[0]

            def named(pronoun: Token) -> str | None:
                return antecedent(text, start + pronoun.idx, pronoun.lower_)

            actors = sentence_participants(told.verb or _trigger_word(told), named)
        tells = describes(text, told.sentence, model_event.description)
        actors = sentence_actors(text, told.sentence, told.doc, told.verb, actors, tells)
        place = sentence_place(text, told.sentence, told.doc, told.verb, place, actors)
        actors = in_full(text, told.sentence, told.doc, actors)  # "Lee": "Ann Lee"
    when, dropped = event_date(parts, model_event, resolve, own, datelines, sentences)
    unfound = when is not None and not when.grounded  # the model's date is not in the text
    if (when is None or unfound) and told is not None and told.doc is not None:
        written = sentence_date(text, told.sentence, told.doc, told.verb, rewritten=unfound)
        if written is not None:  # the date the sentence writes for its verb
            dated = model_event.model_copy(update={"when": written})
            instead, _ = event_date(parts, dated, resolve, told.sentence, datelines, sentences)
            if instead is not None and when is not None:
                shown = when.expression[:SHOWN]
                note = f"the model's date {shown!r} is not in the text: dropped for {written!r}"
                dropped.append((W_DATE_NOT_IN_TEXT, note))
            when = instead or when
    expression = when.expression if when is not None else None
    # the id from what is stored: a name is stored as the text writes it ("U.S." for "U. S.")
    stored = [mention(text, a, within) for a in actors]
    where = mention(text, place, within) if place else None
    description = model_event.description.strip()
    names = [a.text for a in stored]
    eid = event_id(parts.id, description, names, where.text if where else None, expression)
    statements = [s for s in model_event.statements if s.text.strip()]
    quotes = (
        [statement_quote(text, s) for s in statements]
        if found is None
        else [finder_quote(text, s, found) for s in statements]
    )
    event = Event(
        id=eid,
        description=description,
        sentences=[] if within is None else [exact_span(text, within)],
        trigger=None if told is None else told.trigger,
        tense=model_event.tense,
        actors=stored,
        place=where,
        when=when,
        quotes=_verified(quotes),
        unverified_quotes=[q for q in quotes if not q.grounded and q.kind == "direct"],
    )
    notes = [DocWarning(code=code, message=m, event_id=eid) for code, m in dropped]
    return event, notes
