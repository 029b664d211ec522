"""Turn the model's answer into the stored document: ground, resolve, identify, order.

Pure: every input (the cleaned text, the publication date, the date resolver) is an argument.

Quote policy: a direct quote is stored in ``Event.quotes`` only when it is found in the text,
and then its ``text`` is the article's own words at its span. A direct quote that is not found
is kept apart in ``Event.unverified_quotes`` (``grounded: false``) with a ``W001`` warning.

With the quote finder's spans (``found``), the finder decides what is quoted: a direct statement
of the model is stored as the finder's span it overlaps (so the model cannot paraphrase it), a
"direct" statement that overlaps no quoted span is stored as indirect speech, and every span the
model left out is stored with the speaker the "said X" rule gives, under the event that names
that speaker or else the nearest event before it (``W006`` when no speaker is found). The
speaker the text gives (``extractor.article.speakers``) wins over the model's.

Event policy: one happening told twice (overlapping chunks) is one event: the same id, or a
shared actor, no other date and nearly the same description (or one's words all in the
other's). Pronouns are no actors. A plain statement ("X said that …", with no date or place
of its own written in the narrative: not made up, not inside the quoted words), a background
state ("GM is the largest carmaker", ``extractor.article.eventkind``), an event whose actors name
nobody ("industry experts") and one told only inside a quote (most of its description's words
are, in its sentence, only between quotation marks) are no events:
each is dropped with a ``W008`` warning and its quotes join the event that names their
speaker, else the nearest one before them; when every event is such, all are kept. A quoted
span held by several events under forms of one name takes the fullest form in each.

Date policy: a ``when`` found only as a line of its own (the dateline, which is the publication
date) is not an event's date; the event keeps no date rather than the day it was reported. A
``when`` that is no date expression at all ("said", "on the article") is dropped with a ``W007``
warning naming it. The date is looked for first in the sentence the event retells
(``extractor.text.sentences``); found only in another sentence, it is dropped with ``W009``. A
place, date or actor given as a placeholder ("not specified", "n/a") is no value.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from extractor.article.eventkind import kind
from extractor.article.ground import locate, sentence_around, strip_edges
from extractor.article.quotes import FoundQuote, find_quotes
from extractor.article.speakers import PRONOUNS, proper, speakers
from extractor.contract.identity import event_id
from extractor.contract.models import (
    SCHEMA_VERSION,
    ArticleDocument,
    DateResolution,
    DocWarning,
    Event,
    Mention,
    ModelEvent,
    ModelStatement,
    Provenance,
    PublicationDate,
    Quote,
    RemovedLine,
    SourceInfo,
    Span,
    Tense,
    When,
)
from extractor.dates import is_date_expression
from extractor.dates.outcome import NOT_A_DATE
from extractor.dates.resolve import MAX_PRECEDING
from extractor.text.sentences import Quoted, Sentences

Resolver = Callable[..., DateResolution]

W_UNGROUNDED_QUOTE = "W001"
W_UNRESOLVED_DATE = "W002"
W_DATE_NOT_IN_TEXT = "W003"
W_CHUNKED = "W004"
W_NO_PUBLICATION_DATE = "W005"
W_NO_SPEAKER = "W006"
W_NOT_A_DATE = "W007"
W_NOT_AN_EVENT = "W008"
W_DATE_ELSEWHERE = "W009"

# Share of description words two events with a shared actor have in common to be one event.
SAME_DESCRIPTION = 0.8
# Fewest words of a description whose words all in another's make the two one event.
_CONTAINED = 3
# A word with a capital letter in it: what an actor's name is made of.
_CAPITALISED = re.compile(r"\w*[A-Z][\w'’-]*")
# What a small model writes for "no value"; compared case-folded, without a final period.
_PLACEHOLDERS = frozenset(
    {
        "-",
        "n/a",
        "na",
        "none",
        "null",
        "unknown",
        "unspecified",
        "not specified",
        "not stated",
        "not mentioned",
        "not given",
        "not available",
    }
)


@dataclass(frozen=True)
class ArticleParts:
    """What the pipeline knows about an article before the model sees it."""

    id: str
    source: SourceInfo
    title: str | None
    published: PublicationDate
    text: str
    text_sha256: str
    removed: list[RemovedLine]
    source_id: str | None = None  # the caller's id (see models.ArticleDocument); None: ``id``


def _mention(text: str, name: str) -> Mention:
    span = locate(text, name, fuzzy=False)
    return Mention(text=name, span=span, grounded=span is not None)


def _dateline_only(text: str, expression: str) -> bool:
    """True when ``expression`` is in the text and every occurrence is a whole line."""
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


def _in_sentence(text: str, expression: str, own: tuple[int, int]) -> Span | None:
    """``expression`` located inside the sentence ``own`` of ``text``."""
    return locate(text, expression, fuzzy=False, start=own[0], end=own[1])


def _when(
    text: str,
    expression: str,
    tense: Tense | None,
    published: dt.date | None,
    resolve: Resolver,
    own: tuple[int, int] | None,
) -> When:
    """The event's date, found in its own sentence ``own`` when it is there."""
    span = _in_sentence(text, expression, own) if own is not None else None
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


def _quote(text: str, statement: ModelStatement) -> Quote:
    span = locate(text, statement.text) if statement.kind == "direct" else None
    if span is None and statement.kind == "indirect":
        span = locate(text, statement.text, fuzzy=False)
    stored = span.text if span is not None else statement.text
    return Quote(
        speaker=_mention(text, statement.speaker),
        text=stored,
        kind=statement.kind,
        span=span,
        grounded=span is not None,
        model_text=None if strip_edges(statement.text) == stored else statement.text,
    )


class _Found:
    """The quote finder's spans with the speaker the text gives each, found by position."""

    def __init__(self, speakers: Mapping[FoundQuote, str | None]) -> None:
        self.speakers = speakers
        self.quotes = list(speakers)
        self.starts = [q.start for q in self.quotes]
        self.ends = [q.end for q in self.quotes]
        pairs = itertools.pairwise(self.quotes)
        self.in_order = all(a.start <= a.end <= b.start for a, b in pairs)  # as the finder gives

    def overlapping(self, span: Span) -> FoundQuote | None:
        """The first span sharing the most characters with ``span``; None for none."""
        low, high = 0, len(self.quotes)
        if self.in_order:  # only those between the last ending before and the first after
            low = bisect.bisect_right(self.ends, span.start)
            high = bisect.bisect_left(self.starts, span.end, low)
        best, most = None, 0
        for quote in self.quotes[low:high]:
            shared = min(span.end, quote.end) - max(span.start, quote.start)
            if shared > most:
                best, most = quote, shared
        return best


def _speaker_name(speaker: str) -> str:
    """The name before an apposition ("Ann Lee, project manager at X" -> "Ann Lee")."""
    head = speaker.split(",")[0].strip()
    return head or speaker.strip()


def _found_quote(text: str, speaker: str, quote: FoundQuote, model_text: str | None) -> Quote:
    speaker = _speaker_name(speaker)
    span = Span(start=quote.start, end=quote.end, text=quote.text, match="exact", score=1.0)
    return Quote(
        speaker=_mention(text, speaker) if speaker else Mention(text="", span=None, grounded=False),
        text=quote.text,
        kind="direct",
        span=span,
        grounded=True,
        model_text=(
            model_text
            if model_text and strip_edges(model_text) != strip_edges(quote.text)
            else None
        ),
    )


def _preferred(named: str | None, given: str) -> str:
    """The sentence's speaker, unless the model gave a fuller form of the same name."""
    if not named:
        return given
    if re.search(rf"(?<!\w){re.escape(named)}(?!\w)", given, re.IGNORECASE):
        return given
    return named


def _finder_quote(text: str, statement: ModelStatement, found: _Found) -> Quote:
    """A statement under the finder's policy: a quoted span, else indirect speech.

    The speaker the text gives (``speakers``: "…,” said X", a pronoun resolved, a
    continuation) wins over the model's: on the development gold set it was right more often
    (docs/BENCHMARKS.md, Extraction quality)."""
    span = locate(text, statement.text) if statement.kind == "direct" else None
    quote = found.overlapping(span) if span is not None else None
    if quote is not None:
        speaker = _preferred(found.speakers[quote], _speaker_name(statement.speaker))
        return _found_quote(text, speaker, quote, statement.text)
    if statement.kind == "direct" and span is None:
        return _quote(text, statement)  # not in the text at all: kept apart as unverified
    indirect = ModelStatement(speaker=statement.speaker, text=statement.text, kind="indirect")
    return _quote(text, indirect)


def _given(value: str | None) -> str | None:
    """The model's value stripped, or None when it is empty or a placeholder ("n/a")."""
    value = value.strip() if value else ""
    return value if value and value.casefold().rstrip(".") not in _PLACEHOLDERS else None


def _no_date(when: When) -> bool:
    """True when the model's ``when`` is no date expression at all ("said"): told by its
    resolution where it is in the text, else by the expression alone."""
    if when.grounded:
        return when.resolution.reason == NOT_A_DATE
    return not is_date_expression(when.expression)


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item and item.casefold() not in {k.casefold() for k in seen}:
            seen[item] = None
    return list(seen)


def _event_date(
    parts: ArticleParts,
    model_event: ModelEvent,
    resolve: Resolver,
    own: tuple[int, int] | None,
    datelines: dict[str, bool],
) -> tuple[When | None, list[tuple[str, str]]]:
    """The event's date, and (code, message) for a date of the model's that was dropped.
    ``datelines``: ``_dateline_only`` for each expression asked so far (a text repeating its
    dateline costs a walk over its lines once, not once per event)."""
    text, expression = parts.text, _given(model_event.when)
    if expression and expression not in datelines:
        datelines[expression] = _dateline_only(text, expression)
    if not expression or datelines[expression]:
        return None, []  # the dateline dates the article, not its events
    when = _when(text, expression, model_event.tense, parts.published.value, resolve, own)
    named = f"the model's date {expression[:80]!r}"
    if _no_date(when):
        return None, [(W_NOT_A_DATE, f"{named} is not a date expression: dropped")]
    if own is not None and when.span is not None and not own[0] <= when.span.start < own[1]:
        return None, [(W_DATE_ELSEWHERE, f"{named} is not in the event's own sentence: dropped")]
    return when, []


def _event(
    parts: ArticleParts,
    model_event: ModelEvent,
    resolve: Resolver,
    found: _Found | None,
    own: tuple[int, int] | None,
    datelines: dict[str, bool],
) -> tuple[Event, list[DocWarning]]:
    """The stored event, and a warning for what of the model's answer was dropped. ``own``:
    the sentence the event retells, when one is found; ``datelines``: see ``_event_date``."""
    text = parts.text
    actors = _unique(
        a for a in model_event.actors if _given(a) and a.strip().casefold() not in PRONOUNS
    )
    place = _given(model_event.place)
    when, dropped = _event_date(parts, model_event, resolve, own, datelines)
    expression = when.expression if when is not None else None
    eid = event_id(parts.id, model_event.description, actors, place, expression)
    statements = [s for s in model_event.statements if s.text.strip()]
    quotes = (
        [_quote(text, s) for s in statements]
        if found is None
        else [_finder_quote(text, s, found) for s in statements]
    )
    spans: set[int] = set()
    verified = []
    for quote in quotes:  # the same quoted span given twice is kept once
        if quote.grounded or quote.kind == "indirect":
            if quote.kind == "direct" and quote.span is not None:
                if quote.span.start in spans:
                    continue
                spans.add(quote.span.start)
            verified.append(quote)
    unverified = [q for q in quotes if not q.grounded and q.kind == "direct"]
    event = Event(
        id=eid,
        description=model_event.description.strip(),
        actors=[_mention(text, a) for a in actors],
        place=_mention(text, place) if place else None,
        when=when,
        quotes=verified,
        unverified_quotes=unverified,
    )
    notes = [DocWarning(code=code, message=m, event_id=eid) for code, m in dropped]
    return event, notes


def _event_warnings(event: Event) -> list[DocWarning]:
    warnings = [
        DocWarning(
            code=W_UNGROUNDED_QUOTE,
            message=f"direct quote by {q.speaker.text!r} not found in the text: {q.text[:80]!r}",
            event_id=event.id,
        )
        for q in event.unverified_quotes
    ]
    warnings += [
        DocWarning(
            code=W_NO_SPEAKER,
            message=f"no speaker found for the quote {q.text[:80]!r}: check it by hand",
            event_id=event.id,
        )
        for q in event.quotes
        if q.kind == "direct" and not q.speaker.text
    ]
    if event.when is not None:
        if not event.when.grounded:
            warnings.append(
                DocWarning(
                    code=W_DATE_NOT_IN_TEXT,
                    message=f"date expression {event.when.expression!r} not found in the text",
                    event_id=event.id,
                )
            )
        elif event.when.resolution.status == "unresolved":
            warnings.append(
                DocWarning(
                    code=W_UNRESOLVED_DATE,
                    message=f"date {event.when.expression!r} unresolved: "
                    f"{event.when.resolution.reason}",
                    event_id=event.id,
                )
            )
    return warnings


def _unique_warnings(warnings: list[DocWarning]) -> list[DocWarning]:
    """Each warning once (an event reported twice drops the same date twice)."""
    return list(dict.fromkeys(warnings))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _same_telling(words: set[str], theirs: set[str]) -> bool:
    """Two descriptions of one happening: ``SAME_DESCRIPTION`` of their words shared, or all
    the words of one (at least ``_CONTAINED``) in the other ("Apple unveiled iOS 4." and
    "Apple unveiled iPhone 4 and iOS 4.")."""
    if min(len(words), len(theirs)) >= _CONTAINED and (words <= theirs or theirs <= words):
        return True
    union = words | theirs
    return bool(union) and len(words & theirs) / len(union) >= SAME_DESCRIPTION


class _Tellings:
    """The events kept so far, by actor, to find one told again (``told_before``)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.words: list[set[str]] = []
        self.values: list[str | None] = []
        self.by_actor: dict[str, list[int]] = {}

    def add(self, event: Event) -> None:
        number = len(self.ids)
        self.ids.append(event.id)
        self.words.append(_words(event.description))
        self.values.append(event.when.resolution.value if event.when else None)
        for actor in {a.text.casefold() for a in event.actors}:
            self.by_actor.setdefault(actor, []).append(number)

    def told_before(self, event: Event) -> str | None:
        """The id of the first event kept that is ``event`` told again (overlapping chunks
        give the same sentence twice, with another place or date): a shared actor, no other
        date, and the same happening described (``_same_telling``)."""
        actors = {a.text.casefold() for a in event.actors}
        words = _words(event.description)
        value = event.when.resolution.value if event.when else None
        for number in sorted({n for a in actors for n in self.by_actor.get(a, ())}):
            other = self.values[number]
            if value is not None and other is not None and value != other:
                continue
            if _same_telling(words, self.words[number]):
                return self.ids[number]
        return None


def _merge(first: Event, second: Event) -> Event:
    """The same event reported twice (e.g. in overlapping chunks): keep each quote once."""
    return _joined(first, second.quotes, second.unverified_quotes)


def _joined(event: Event, quotes: list[Quote], unverified: list[Quote]) -> Event:
    """``event`` holding ``quotes`` and ``unverified`` too, each quote once."""

    def key(q: Quote) -> tuple[str, str, str]:
        return (q.speaker.text.casefold(), q.text, q.kind)

    held = {key(q): q for q in [*event.quotes, *quotes]}
    unheld = {key(q): q for q in [*event.unverified_quotes, *unverified]}
    return event.model_copy(
        update={"quotes": list(held.values()), "unverified_quotes": list(unheld.values())}
    )


def _position(event: Event) -> int:
    """Where the event sits in the text: its date or first quote, else its first mention."""
    anchors = [q.span for q in event.quotes] + [event.when.span if event.when else None]
    mentions = [m.span for m in event.actors] + [event.place.span if event.place else None]
    for spans in (anchors, mentions):
        starts = [s.start for s in spans if s is not None]
        if starts:
            return min(starts)
    return 1 << 62


def _names_speaker(event: Event, speaker: str) -> bool:
    wanted = speaker.casefold()
    return any(
        a.text.casefold() in wanted or wanted in a.text.casefold()
        for a in event.actors
        if len(a.text) > 2
    )


_NOWHERE = 1 << 63  # past every position


class _Homes:
    """Where left-over quotes go among ``events`` (``home``), kept up to date as they join
    (``joined``): the events naming each speaker are looked up in an index of their actors,
    and the last event before a position in a tree of the least position of each range."""

    def __init__(self, events: list[Event]) -> None:
        self.events = events
        self.positions = [_position(e) for e in events]
        self.size = 1 << max(0, len(events) - 1).bit_length()
        self.least = [_NOWHERE] * (2 * self.size)
        self.least[self.size : self.size + len(events)] = self.positions
        for node in range(self.size - 1, 0, -1):
            self.least[node] = min(self.least[2 * node], self.least[2 * node + 1])
        self.by_actor: dict[str, set[int]] = {}
        for number, event in enumerate(events):
            for actor in event.actors:
                if len(actor.text) > 2:
                    self.by_actor.setdefault(actor.text.casefold(), set()).add(number)
        self.actors = list(self.by_actor)
        self.lengths = sorted({len(a) for a in self.actors})
        self.starts = list(itertools.accumulate((len(a) + 1 for a in self.actors), initial=0))
        self.joined = "\0".join(self.actors)
        self._naming: dict[str, list[int]] = {}
        self.quoted: set[int] = set()  # events given a quote by ``quoted_at``

    def naming(self, speaker: str) -> list[int]:
        """The events with an actor in ``speaker``'s name or holding it (``_names_speaker``)."""
        wanted = speaker.casefold()
        if wanted not in self._naming:
            if "\0" in wanted:
                found = {i for i, e in enumerate(self.events) if _names_speaker(e, speaker)}
            else:
                found = set()
                for length in itertools.takewhile(lambda n: n <= len(wanted), self.lengths):
                    for at in range(len(wanted) - length + 1):  # actors within the speaker
                        found |= self.by_actor.get(wanted[at : at + length], set())
                at = self.joined.find(wanted)
                while at >= 0:  # actors holding the speaker
                    actor = bisect.bisect_right(self.starts, at) - 1
                    found |= self.by_actor[self.actors[actor]]
                    at = self.joined.find(wanted, self.starts[actor + 1])
            self._naming[wanted] = sorted(found)
        return self._naming[wanted]

    def home(self, speaker: str, start: int) -> int:
        """The event a left-over quote joins: the nearest naming its speaker, else the last
        one placed before it, else the first."""
        named = self.naming(speaker) if speaker else []
        if named:
            return min(named, key=lambda i: abs(self.positions[i] - start))
        if self.least[1] > start:
            return 0
        node = 1
        while node < self.size:  # the rightmost leaf placed at or before ``start``
            node = 2 * node + 1 if self.least[2 * node + 1] <= start else 2 * node
        return node - self.size

    def joined_at(self, number: int, event: Event) -> None:
        """``event`` (with quotes more) now stands at ``number``."""
        self.events[number] = event
        self._place(number, _position(event))

    def quoted_at(self, number: int, start: int) -> None:
        """A quote at ``start`` joins the event at ``number`` (stored by the caller): the
        event's position, were the quote in it."""
        event = self.events[number]
        anchored = event.when is not None and event.when.span is not None
        anchored = anchored or any(q.span is not None for q in event.quotes)
        if number in self.quoted or anchored:
            start = min(start, self.positions[number])
        self.quoted.add(number)
        self._place(number, start)

    def _place(self, number: int, position: int) -> None:
        self.positions[number] = position
        node = self.size + number
        self.least[node] = position
        while node > 1:
            node //= 2
            self.least[node] = min(self.least[2 * node], self.least[2 * node + 1])


def _named(text: str, actor: str) -> bool:
    """Whether ``actor`` holds a name: two capitalised words ("Jim Mattis"), a word capitalised
    mid-sentence somewhere in ``text``, or one with a capital inside ("UAW", "eBay");
    "industry experts" and "People" hold none."""
    words = _CAPITALISED.findall(actor)
    if len(words) >= 2:
        return True
    return any(proper(text, w) or any(c.isupper() for c in w[1:]) for w in words)


def _written_outside(span: Span | None, quoted: Quoted) -> bool:
    """Whether ``span`` is in the text and not within one of the ``quoted`` spans."""
    if span is None:
        return False
    around = quoted.around(span.start - 1, span.end + 1)  # a few more: checked below
    return not any(start <= span.start and span.end <= end for start, end in around)


def _has_occasion(event: Event, quoted: Quoted) -> bool:
    """Whether a statement has an occasion of its own: a date or place the article writes in
    its narrative, not one the model made up or one inside the words quoted."""
    marks = [m for m in (event.when, event.place) if m is not None and m.grounded]
    return any(_written_outside(m.span, quoted) for m in marks)


def _not_an_event(text: str, event: Event, sentences: Sentences, quoted: Quoted) -> str | None:
    """Why ``event`` is no event of its own, or None when it is one. ``quoted``: the spans of
    the text's quotes."""
    if not any(_named(text, a.text) for a in event.actors):
        return "names no participant"
    found = kind(event.description)
    if found == "state":
        return "is a background state"
    if found == "statement":
        return None if _has_occasion(event, quoted) else "is a plain statement"
    own = sentences.retold(event.description)
    if own is not None and sentences.quoted(own, quoted, event.description):
        return "is told only inside a quote"
    return None


def _fold(
    text: str, ordered: list[Event], sentences: Sentences, quoted: Quoted
) -> tuple[list[Event], dict[str, tuple[str, str | None]]]:
    """Drop what is no event (``_not_an_event``), moving its quotes to the event that names
    each quote's speaker, else the nearest event before it. Also, for each event dropped: why,
    and the event that took its quotes (None for none or several)."""
    why = {e.id: _not_an_event(text, e, sentences, quoted) for e in ordered}
    kept = [e for e in ordered if why[e.id] is None]
    if not kept:
        return ordered, {}
    moved: dict[str, tuple[str, str | None]] = {}
    places = _Homes(kept)
    for event in ordered:
        reason = why[event.id]
        if reason is None:
            continue
        homes: set[str] = set()
        for quote, grounded in [(q, True) for q in event.quotes] + [
            (q, False) for q in event.unverified_quotes
        ]:
            start = quote.span.start if quote.span is not None else _position(event)
            home = places.home(quote.speaker.text, start)
            joined = _joined(kept[home], [quote] if grounded else [], [] if grounded else [quote])
            places.joined_at(home, joined)
            homes.add(joined.id)
        moved[event.id] = (reason, min(homes) if len(homes) == 1 else None)
    return kept, moved


def _one_speaker(events: list[Event]) -> list[Event]:
    """A quoted span held by several events under forms of one name ("Government Oversight",
    "Project on Government Oversight") takes the fullest form in each."""
    forms: dict[int, dict[str, Mention]] = {}
    for quote in (q for e in events for q in e.quotes):
        if quote.span is not None:
            forms.setdefault(quote.span.start, {})[quote.speaker.text] = quote.speaker
    fullest = {}
    for start, names in forms.items():
        longest = max(names, key=lambda n: (len(n), n))
        if len(names) > 1 and all(_preferred(n, longest) == longest for n in names):
            fullest[start] = names[longest]

    def fixed(quote: Quote) -> Quote:
        speaker = fullest.get(quote.span.start) if quote.span is not None else None
        return quote if speaker is None else quote.model_copy(update={"speaker": speaker})

    return [e.model_copy(update={"quotes": [fixed(q) for q in e.quotes]}) for e in events]


def _fold_warning(event: Event, reason: str, took: str | None) -> DocWarning:
    """Why ``event`` was dropped (``_fold``), naming the event that took its quotes."""
    where = f": its quotes joined {took}" if took else ""
    message = f"{event.description[:80]!r} {reason}: not an event{where}"
    return DocWarning(code=W_NOT_AN_EVENT, message=message, event_id=took)


def _add_left_over(
    parts: ArticleParts, ordered: list[Event], found: Mapping[FoundQuote, str | None]
) -> list[Event]:
    """Store every quoted span no event holds, with the speaker the text gives."""
    held = {q.span.start for e in ordered for q in e.quotes if q.span is not None}
    events = list(ordered)
    places = _Homes(events)
    added: dict[int, list[Quote]] = {}  # stored at the end, each event copied once
    for quote, name in found.items():
        if quote.start in held:
            continue
        stored = _found_quote(parts.text, name or "", quote, None)
        if not events:
            actors = [stored.speaker] if name else []
            description = f"{name} is quoted." if name else "Statements quoted in the article."
            eid = event_id(parts.id, description, [name] if name else [], None, None)
            events.append(
                Event(
                    id=eid,
                    description=description,
                    actors=actors,
                    place=None,
                    when=None,
                    quotes=[],
                    unverified_quotes=[],
                )
            )
            places = _Homes(events)
        home = places.home(name or "", quote.start)
        places.quoted_at(home, quote.start)
        added.setdefault(home, []).append(stored)
    for home, quotes in added.items():
        events[home] = events[home].model_copy(update={"quotes": [*events[home].quotes, *quotes]})
    return events


def build_document(
    parts: ArticleParts,
    model_events: Iterable[ModelEvent],
    provenance: Provenance,
    resolve: Resolver,
    found: Sequence[FoundQuote] | None = None,
) -> ArticleDocument:
    """The stored document for one article, in a deterministic order. ``found``: the quote
    finder's spans in ``parts.text``, to store quotes under the finder's policy."""
    events: dict[str, Event] = {}
    dropped: list[DocWarning] = []
    said = (
        None if found is None else dict(zip(found, speakers(parts.text, list(found)), strict=True))
    )
    finder = None if said is None else _Found(said)
    sentences = Sentences(parts.text)
    tellings = _Tellings()
    datelines: dict[str, bool] = {}
    for model_event in model_events:
        own = sentences.retold(model_event.description.strip())
        event, notes = _event(parts, model_event, resolve, finder, own, datelines)
        same = event.id if event.id in events else tellings.told_before(event)
        if same is None:
            events[event.id] = event
            tellings.add(event)
        else:
            events[same] = _merge(events[same], event)
            notes = [n.model_copy(update={"event_id": same}) for n in notes]
        dropped += notes
    ordered = sorted(events.values(), key=lambda e: (_position(e), e.id))
    spans = found if found is not None else find_quotes(parts.text)
    kept, moved = _fold(parts.text, ordered, sentences, Quoted((q.start, q.end) for q in spans))
    # a warning about a dropped event names the event that took its quotes, or none
    dropped = [
        n.model_copy(update={"event_id": moved[n.event_id][1]}) if n.event_id in moved else n
        for n in dropped
    ]
    dropped += [_fold_warning(e, *moved[e.id]) for e in ordered if e.id in moved]
    ordered = kept
    if said is not None:
        ordered = _add_left_over(parts, ordered, said)
    ordered = _one_speaker(ordered)
    warnings = [w for e in ordered for w in _event_warnings(e)] + _unique_warnings(dropped)
    if parts.published.value is None:
        warnings.append(
            DocWarning(
                code=W_NO_PUBLICATION_DATE,
                message="no publication date: relative dates stay unresolved",
            )
        )
    if provenance.chunks > 1:
        warnings.append(
            DocWarning(
                code=W_CHUNKED,
                message=f"article split into {provenance.chunks} overlapping chunks",
            )
        )
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
        warnings=warnings,
        provenance=provenance,
    )
