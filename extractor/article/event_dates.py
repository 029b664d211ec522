"""An event's date: the model's ``when`` located, resolved, or dropped with a warning.

A ``when`` found only as a line of its own (the dateline, which is the publication date) is
not an event's date: the event keeps no date rather than the day it was reported. A ``when``
that is no date expression at all ("said", "on the article") is dropped with ``W007`` naming
it. The date is looked for first in the sentence the event retells. When that sentence
writes no date of its own, the date it refers back to counts too: the model's date as the last
date written in the ``REFERRED`` sentences before it (its span is there, the evidence); for an
event told in the headline, the model's date written in the ``LEDE`` sentences under it (a
headline leaves its date to them). Found only elsewhere, it is dropped with ``W009``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Sequence

from extractor.article.ground import locate, strip_edges, within
from extractor.article.grounded import given
from extractor.article.parts import ArticleParts
from extractor.article.pubdate import dateline
from extractor.article.warning_codes import SHOWN, W_DATE_ELSEWHERE, W_NOT_A_DATE
from extractor.contract.identity import event_id
from extractor.contract.models import DateResolution, Event, Mention, ModelEvent, Tense, When
from extractor.dates import (
    MAX_EXPRESSION,
    MAX_PRECEDING,
    NOT_A_DATE,
    Resolver,
    find_mentions,
    is_date_expression,
    without_preposition,
)
from extractor.text.sentences import sentence_around

# How many sentences back an event's sentence may refer to a date ("On Monday, X met Y. They
# agreed to ..."): the one before and the one before that.
REFERRED = 2
# The sentences after a headline that tell what it tells (the lede), where its date is.
LEDE = 3
_HEADLINE = re.compile(r"[^\n]+(?=\n)")
_NEXT_LINE = re.compile(r"\n\s*([^\n]+)(?=\n)")
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’']?\s*$")
_LOWER_WORD = re.compile(r"\b[a-z]{2,}")
# Prepositions that place a date and leave it as it is ("on Monday" is the Monday).
_PLACING = frozenset({"on", "in", "at", "of"})


def headline_end(text: str) -> int:
    """Where the text's headline ends: its first line when it ends with no full stop ("Port
    of Eastport to close"), or the line after a first line that is a dateline ("Friday, May
    3, 2013" over "Port of Eastport to close": the text before the headline holds no event);
    0 when it has none."""
    first = _HEADLINE.match(text)
    if first is not None and _date_line(first.group().strip(), _dateline(text)):
        first = _NEXT_LINE.match(text, first.end()) or first
    return 0 if first is None or _ENDS_SENTENCE.search(first.group()) else first.end()


def lede(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``LEDE`` sentences under the headline, datelines left out; none when the text has
    no headline."""
    end = headline_end(text)
    if not end:
        return []
    line = _dateline(text)
    under = (s for s in sentences if s[0] >= end and not _date_line(text[s[0] : s[1]], line))
    return list(itertools.islice(under, LEDE))


@functools.lru_cache(maxsize=4)
def _dateline(text: str) -> str | None:
    """The text's dateline (``pubdate.dateline``), asked for once per text."""
    found = dateline(text)
    return found[1] if found else None


def _date_line(sentence: str, line: str | None) -> bool:
    """The text's dateline ``line`` ("Published on 5 March 2024"), or a date and a time with
    no word of a sentence (no word in lower case: "Jan. 5 4:33 AM EST")."""
    if sentence.strip() == line:
        return True
    return not _LOWER_WORD.search(sentence) and bool(find_mentions(sentence))


def _lede(
    text: str, expression: str, own: tuple[int, int], sentences: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """For an event told in the headline (``own``), the sentence of the lede that writes
    ``expression``: a headline leaves its date to the sentences under it."""
    end = headline_end(text)
    if not end or own[1] > end:
        return None
    return next((s for s in lede(text, sentences) if within(text, expression, s) is not None), None)


def _dateline_only(text: str, expression: str) -> bool:
    """True when ``expression`` is in the text and every occurrence is a whole line; a
    preposition the model wrote before it aside ("on May 3, 2013" of the line "MAY 3, 2013")."""
    bare = without_preposition(expression)
    if bare != expression and _dateline_only(text, bare):
        return True
    span = locate(text, expression, fuzzy=False)
    if span is None:
        return False
    while span is not None:
        start = text.rfind("\n", 0, span.start) + 1
        end = text.find("\n", span.end)
        end = len(text) if end < 0 else end
        if strip_edges(text[start:end]) != strip_edges(span.text):
            return False
        span = locate(text, expression, fuzzy=False, start=end)
    return True


def _unresolved(published: dt.date | None, reason: str) -> DateResolution:
    return DateResolution(
        value=None,
        start=None,
        end=None,
        granularity=None,
        anchor=published,
        status="unresolved",
        reason=reason,
    )


def _when(
    text: str,
    expression: str,
    tense: Tense | None,
    published: dt.date | None,
    resolve: Resolver,
    own: tuple[int, int] | None,
) -> When:
    """The event's date, found in its own sentence ``own`` when it is there."""
    span = within(text, expression, own) if own is not None else None
    span = span or locate(text, expression, fuzzy=False)
    if span is None:
        resolution = _unresolved(published, "expression not found in the article text")
    else:
        context = sentence_around(text, span.start, span.end)
        preceding = text[max(0, span.start - MAX_PRECEDING) : span.start]  # all it reads
        resolution = resolve(
            span.text, published, context=context, tense=tense, preceding=preceding
        )
    return When(
        expression=expression,
        tense=tense,
        span=span,
        grounded=span is not None,
        resolution=resolution,
    )


def _no_date(when: When) -> bool:
    """True when the model's ``when`` is no date expression at all ("said"): told by its
    resolution where it is in the text, else by the expression alone."""
    if when.grounded:
        return when.resolution.reason == NOT_A_DATE
    return not is_date_expression(when.expression)


def _referred(
    text: str, expression: str, own: tuple[int, int], sentences: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """The sentence before ``own`` (at most ``REFERRED`` back) whose date ``own`` refers back
    to: ``own`` writes no date of its own, and ``expression`` is the last date written before
    it, in that sentence."""
    if find_mentions(text[own[0] : own[1]]):
        return None
    ended = bisect.bisect_right(sentences, own[0], key=lambda s: s[1])  # those ended before
    before = sentences[max(0, ended - REFERRED) : ended]
    for sentence in reversed(before):
        span = within(text, expression, sentence)
        while span is not None:  # its last occurrence there
            later = within(text, expression, (span.end, sentence[1]))
            if later is None:
                break
            span = later
        if span is not None:
            return None if find_mentions(text[span.end : own[0]]) else sentence
        if find_mentions(text[sentence[0] : sentence[1]]):
            return None  # another date stands between
    return None


def _date_in(expression: str | None) -> str | None:
    """The model's ``when``, or, when it is longer than any date expression (a sentence with
    a date in it: "Saturday, a climber fell …"), the first date mention it holds."""
    if not expression or len(expression) <= MAX_EXPRESSION:
        return expression
    mentions = find_mentions(expression)
    return mentions[0].text if mentions else expression


def _as_written(text: str, expression: str, own: tuple[int, int] | None) -> str:
    """``expression``, or, when the text does not write it but the event's own sentence
    ``own`` writes it without the "on", "in", "at" or "of" before it, as a word of its own,
    that form as the text writes it: "in the 1990s" for "songs of the 1990s", "on Monday" for
    "said Monday", "Earlier" for "on earlier". A preposition that moves the date ("since",
    "before" …) is never dropped."""
    bare = without_preposition(expression)
    dropped = expression[: len(expression) - len(bare)].strip().lower()
    if own is None or dropped not in _PLACING or locate(text, expression, fuzzy=False) is not None:
        return expression
    span = within(text, bare, own)
    word = re.compile(rf"(?<!\w){re.escape(bare)}(?!\w)", re.IGNORECASE)
    return span.text if span is not None and word.match(text, span.start) else expression


def event_date(
    parts: ArticleParts,
    model_event: ModelEvent,
    resolve: Resolver,
    own: tuple[int, int] | None,
    datelines: dict[str, bool],
    sentences: Sequence[tuple[int, int]] = (),
) -> tuple[When | None, list[tuple[str, str]]]:
    """The event's date, and (code, message) for a date of the model's that was dropped.
    ``own``: the sentence the event retells, when one is found; ``datelines``:
    ``_dateline_only`` for each expression asked so far (a text repeating its dateline costs a
    walk over its lines once, not once per event); ``sentences``: the text's sentences, for a
    date ``own`` refers back to (``_referred``)."""
    text, expression = parts.text, _date_in(given(model_event.when))
    expression = expression and _as_written(text, expression, own)
    if expression and expression not in datelines:
        datelines[expression] = _dateline_only(text, expression)
    if not expression or datelines[expression]:
        return None, []  # the dateline dates the article, not its events
    referred = None
    if own is not None and within(text, expression, own) is None:
        referred = _referred(text, expression, own, sentences)
        referred = referred or _lede(text, expression, own, sentences)
    where = own if referred is None else referred
    when = _when(text, expression, model_event.tense, parts.published.value, resolve, where)
    named = f"the model's date {expression[:SHOWN]!r}"
    if _no_date(when):
        return None, [(W_NOT_A_DATE, f"{named} is not a date expression: dropped")]
    if where is not None and when.span is not None and not where[0] <= when.span.start < where[1]:
        return None, [(W_DATE_ELSEWHERE, f"{named} is not in the event's own sentence: dropped")]
    return when, []


def with_date(article_id: str, event: Event, when: When) -> Event:
    """``event`` dated ``when``, with the id its content then gives."""
    return _identified(article_id, event.model_copy(update={"when": when}))


def with_place(article_id: str, event: Event, place: Mention) -> Event:
    """``event`` placed at ``place``, with the id its content then gives."""
    return _identified(article_id, event.model_copy(update={"place": place}))


def _identified(article_id: str, event: Event) -> Event:
    place = event.place.text if event.place else None
    expression = event.when.expression if event.when else None
    actors = [a.text for a in event.actors]
    eid = event_id(article_id, event.description, actors, place, expression)
    return event.model_copy(update={"id": eid})
