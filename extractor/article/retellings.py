"""One happening told twice is one event: the same id, the same trigger word in the text
(two answers pointing at one word name one happening), a shared actor (``same_entity``:
"Lee" and "Ann Lee"), no other date and nearly the same description (or one's words all in
the other's: overlapping chunks), or a headline's happening told again in the lede under it,
by the same verb or by the main verb of the lede event's sentence (``lede_main``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import snowballstemmer

from extractor.article.event_dates import headline_end, lede, with_date
from extractor.article.ground import within
from extractor.article.homes import joined
from extractor.article.slots import same_entity, sentence_participants
from extractor.contract.models import Event, ModelEvent, Span
from extractor.text.numbered import index
from extractor.text.verbs import verb_bases
from extractor.text.words import WORD, content_words, word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

# Share of description words two events with a shared actor have in common to be one event.
SAME_DESCRIPTION = 0.8
# Fewest words of a description whose words all in another's make the two one event.
_CONTAINED = 3
# Share of a description's words a sentence writes for the description to tell it.
FITS = 0.5


def _same_telling(words: set[str], theirs: set[str]) -> bool:
    """Two descriptions of one happening: ``SAME_DESCRIPTION`` of their words shared, or all
    the words of one (at least ``_CONTAINED``) in the other ("Acme opened a plant." and
    "Acme opened a plant and an office.")."""
    if min(len(words), len(theirs)) >= _CONTAINED and (words <= theirs or theirs <= words):
        return True
    union = words | theirs
    return bool(union) and len(words & theirs) / len(union) >= SAME_DESCRIPTION


class Tellings:
    """The events kept so far, by actor, to find one told again (``told_before``)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.words: list[set[str]] = []
        self.values: list[str | None] = []
        self.actors: list[list[str]] = []
        self.by_actor: dict[str, list[int]] = {}  # by an actor's last word
        self.by_trigger: dict[tuple[int, int], int] = {}

    def add(self, event: Event, by_words: bool = True) -> None:
        """``event`` kept; told again by its description's words too when ``by_words``."""
        number = len(self.ids)
        self.ids.append(event.id)
        trigger = _trigger(event)
        if trigger is not None:
            self.by_trigger.setdefault(trigger, number)
        self.words.append(word_set(event.description) if by_words else set())
        self.values.append(event.when.resolution.value if event.when else None)
        self.actors.append([a.text for a in event.actors])
        for last in {_last_word(a.text) for a in event.actors}:
            self.by_actor.setdefault(last, []).append(number)

    def same_trigger(self, event: Event) -> str | None:
        """The id of the first event kept whose trigger is ``event``'s, the same word of the
        text: one happening, however the two answers described it."""
        trigger = _trigger(event)
        number = None if trigger is None else self.by_trigger.get(trigger)
        return None if number is None else self.ids[number]

    def joined(self, kept: str, event: Event) -> None:
        """``event`` is now the event kept as ``kept``: a later answer at its trigger word
        tells that event again (the headline's happening, now led by its lede's telling)."""
        trigger = _trigger(event)
        if trigger is not None and kept in self.ids:
            self.by_trigger.setdefault(trigger, self.ids.index(kept))

    def renamed(self, old: str, new: str) -> None:
        """The event kept as ``old`` is now ``new`` (another telling leads, or a fuller date)."""
        self.ids = [new if i == old else i for i in self.ids]

    def told_before(self, event: Event, by_words: bool = True) -> str | None:
        """The id of the first event kept that is ``event`` told again: the same trigger
        (``same_trigger``), or (overlapping chunks give the same sentence twice, with another
        place or date) a shared actor, no other date, and the same happening described
        (``_same_telling``)."""
        same = self.same_trigger(event)
        if same is not None or not by_words:
            return same
        actors = [a.text for a in event.actors]
        words = word_set(event.description)
        value = event.when.resolution.value if event.when else None
        near = {n for a in actors for n in self.by_actor.get(_last_word(a), ())}
        for number in sorted(near):
            if not any(same_entity(a, b) for a in actors for b in self.actors[number]):
                continue  # "Ann Lee" and "Lee" are one actor, "Ann Lee" and "Bo Lee" are not
            other = self.values[number]
            if value is not None and other is not None and value != other:
                continue
            if _same_telling(words, self.words[number]):
                return self.ids[number]
        return None


def _last_word(name: str) -> str:
    words = WORD.findall(name.casefold())
    return words[-1] if words else ""


def _trigger(event: Event) -> tuple[int, int] | None:
    span = event.trigger.span if event.trigger is not None else None
    return None if span is None else (span.start, span.end)


def headline_dated(article_id: str, lede: Event, headline: Event) -> Event:
    """``lede``, the lede's telling of the headline's happening, with the headline's date
    when it writes none ("Acme cutting 3,000 jobs by 2012" over "Acme will cut 3,000 jobs");
    its id follows its content."""
    if lede.when is not None or headline.when is None:
        return lede
    return with_date(article_id, lede, headline.when)


def merge(first: Event, second: Event) -> Event:
    """The same event reported twice (e.g. in overlapping chunks): keep each quote once, and
    each sentence that tells it, in text order."""
    merged = joined(first, second.quotes, second.unverified_quotes)
    told = {(s.start, s.end): s for s in [*first.sentences, *second.sentences]}
    if len(told) == len(first.sentences):
        return merged
    return merged.model_copy(update={"sentences": [told[k] for k in sorted(told)]})


def _written(text: str, sentence: Span, description: str) -> int:
    """How many of ``description``'s words ``sentence`` writes."""
    said = content_words(text[sentence.start : sentence.end])
    return len(said & content_words(description))


def better_told(text: str, event: Event, kept: Event) -> bool:
    """Of two events on one trigger word, ``event`` describes the sentence that writes it
    better than ``kept``: more of that sentence's words in its description (an answer pointed
    near the word for another happening shares few)."""
    if not event.sentences:
        return False
    sentence = event.sentences[0]
    return _written(text, sentence, event.description) > _written(text, sentence, kept.description)


def describes(text: str, sentence: tuple[int, int], description: str) -> bool:
    """``sentence`` writes at least ``FITS`` of ``description``'s words: the answer tells it."""
    words = content_words(description)
    return len(words & content_words(text[slice(*sentence)])) >= FITS * len(words)


def fits(text: str, event: Event) -> float:
    """The share of ``event``'s description words that its own sentence (the one holding its
    trigger, else its first) writes: how well the description tells that sentence."""
    span = _own_sentence(event)
    words = content_words(event.description)
    if span is None or not words:
        return 0.0
    return _written(text, span, event.description) / len(words)


def _own_sentence(event: Event) -> Span | None:
    trigger = _trigger(event)
    held = [s for s in event.sentences if trigger and s.start <= trigger[0] < s.end]
    if held:
        return held[0]
    return event.sentences[0] if event.sentences else None


def copied(text: str, event: Event) -> bool:
    """``event``'s description is another telling's, given again for the sentence the answer
    points at, which it does not tell: that sentence holds the event's trigger and writes less
    than ``FITS`` of the description's words."""
    trigger, own = _trigger(event), _own_sentence(event)
    held = trigger is not None and own is not None and own.start <= trigger[0] < own.end
    return held and fits(text, event) < FITS


def told_there(text: str, answer: ModelEvent, sentence: tuple[int, int]) -> ModelEvent:
    """The ``answer`` for ``sentence`` whose description was another telling's (``copied``):
    what the answer says of that telling is no evidence for this one, so the sentence is its
    description, of its actors and place only those the sentence writes stay, and its tense is
    its verb's alone."""

    def written(value: str) -> bool:
        return within(text, value, sentence) is not None

    return answer.model_copy(
        update={
            "description": text[sentence[0] : sentence[1]],
            "actors": [a for a in answer.actors if written(a)],
            "place": answer.place if answer.place and written(answer.place) else None,
            "tense": None,
        }
    )


def where_it_fits(text: str, event: Event) -> Event:
    """``event`` without its own sentence when that sentence writes less than ``FITS`` of its
    description's words: a small model gives one description again for the sentences after
    the one it tells, which tell other things. Its other sentences stay."""
    own = _own_sentence(event)
    if own is None or fits(text, event) >= FITS:
        return event
    return event.model_copy(update={"sentences": [s for s in event.sentences if s != own]})


def fuller_date(article_id: str, kept: Event, other: Event) -> Event:
    """``kept`` with ``other``'s date where ``other`` names the same happening by the same
    word and writes the same date in full: ``other``'s span holds ``kept``'s ("in the second
    half of this year" against "this year"); its id follows its content."""
    mine = kept.when.span if kept.when is not None else None
    theirs = other.when.span if other.when is not None else None
    if mine is None or theirs is None or other.when is None:
        return kept
    if not theirs.start <= mine.start <= mine.end <= theirs.end or theirs == mine:
        return kept
    return with_date(article_id, kept, other.when)


# Words compared without their endings ("unveils", "unveiled": "unveil"; "stops", "stopped":
# "stop"): the Snowball English stemmer (Porter 2).
_STEMMER = snowballstemmer.stemmer("english")


def stems(text: str) -> set[str]:
    """The stems of ``text``'s words, and of the base forms of those that are irregular verb
    forms ("shot": "shot" and "shoot", as "shoots" gives "shoot")."""
    words = content_words(text)
    bases = {base for word in words for base in verb_bases(word)}
    return {_STEMMER.stemWord(word) for word in words | bases}


def _told_in(event: Event, start: int, end: int) -> bool:
    return bool(event.sentences) and all(start <= s.start and s.end <= end for s in event.sentences)


def headline_told_again(
    text: str,
    event: Event,
    kept: Iterable[Event],
    main: Callable[[], set[str] | None] = lambda: None,
) -> str | None:
    """The id of the event kept that ``event`` tells again when ``event`` is told in the lede
    (the ``LEDE`` sentences under a headline) and the kept one in the headline: by the same
    verb ("Acme opens plant" and "Acme opened its plant on Monday"; one word of the trigger in
    common, endings aside) with another word of their descriptions in common, or by the main
    verb of ``event``'s sentence (``main`` gives its stems when asked: ``lede_main``)."""
    end = headline_end(text)
    if not end or event.trigger is None:
        return None
    under = lede(text, index(text).spans)
    if not under or not _told_in(event, under[0][0], under[-1][1]):
        return None
    verb = stems(event.trigger.text)
    words = stems(event.description) - verb
    headed = [e for e in kept if e.trigger is not None and _told_in(e, 0, end)]
    for other in headed:
        theirs = stems(other.trigger.text) if other.trigger is not None else set()
        if verb & theirs and words & stems(other.description):
            return other.id
    told = main() if headed else None
    if not told:
        return None
    return next((o.id for o in headed if o.trigger and told & stems(o.trigger.text)), None)


def lede_main(
    event: Event, verb: Token | None, triggers: set[int], sentence: tuple[int, int]
) -> set[str] | None:
    """The stems of the main verb (the root of the parse) of the sentence that tells
    ``event``, when that verb tells ``event``'s happening: it is the event's trigger
    (``verb``), or no answer's trigger (``triggers``: their offsets) is that verb, the
    event's description writes it, endings aside, and the event names one of the
    participants the parse gives it ("Acme has closed its plant that made toys", an answer
    at "made" describing the closing and naming Acme). Else None."""
    if verb is None:
        return None
    root = verb.sent.root
    if not root.tag_.startswith("VB"):
        return None
    found = stems(root.text)
    if root.i == verb.i:
        return found
    if sentence[0] + root.idx in triggers or not found & stems(event.description):
        return None  # the answer tells another clause ("Lee, who starred in …, died")
    names = sentence_participants(root)
    named = any(same_entity(a.text, n) for a in event.actors for n in names)
    return found if named else None
