"""Where the text tells each event: the sentence the model pointed at (its ``S<n>``; a
sentence near it when the trigger is only written there, ``pointed``), the trigger's verb in
the parse of that sentence, and that verb's tense (``tense``). The parse (with its names) is
kept for the event's who and where (``slots``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from extractor.article.event import Told
from extractor.article.ground import within
from extractor.article.grounded import given
from extractor.article.tense import trigger_verb, verb_tense
from extractor.contract.models import Mention, ModelEvent, Span
from extractor.text.parser import Parse
from extractor.text.words import content_words, word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

# How many sentences either side of the one the model pointed at may tell the event instead.
NEAR = 2


def _located(text: str, words: str | None, sentence: tuple[int, int]) -> Span | None:
    words = given(words)
    return None if words is None else within(text, words, sentence)


def _shared(text: str, sentence: tuple[int, int], words: frozenset[str]) -> int:
    return len(words & content_words(text[sentence[0] : sentence[1]]))


def pointed(
    text: str, sentences: Sequence[tuple[int, int]], event: ModelEvent
) -> tuple[int, int] | None:
    """The sentence that tells ``event``: the one it points at (its ``sentence``, None when
    missing or no sentence of ``text``), unless the model's trigger is not written there and a
    sentence near it (``NEAR`` either side) shares more words with its description (the
    trigger counting as one more when written there): then the nearest sharing the most."""
    if event.sentence is None or not 1 <= event.sentence <= len(sentences):
        return None
    at = event.sentence - 1
    if given(event.trigger) is None or _located(text, event.trigger, sentences[at]) is not None:
        return sentences[at]
    words = content_words(event.description)
    best, most = at, _shared(text, sentences[at], words)
    near = range(max(0, at - NEAR), min(len(sentences), at + NEAR + 1))
    for other in sorted(near, key=lambda n: abs(n - at)):
        written = _located(text, event.trigger, sentences[other]) is not None
        shared = _shared(text, sentences[other], words) + written
        if shared > most:
            best, most = other, shared
    return sentences[best]


def told(
    text: str,
    sentences: Sequence[tuple[int, int]],
    events: Sequence[ModelEvent],
    parse: Parse,
    *,
    separate: bool = False,
) -> list[Told | None]:
    """For each event, where the text tells it (``pointed``); None when its ``sentence`` is
    missing or no sentence of ``text`` (an answer in JSON mode is not held to the listed
    numbers). A trigger the model wrote without a verb takes the sentence's verb
    (``trigger_verb``). With ``separate`` (the small-model rules off), not when another event
    of the answer, at another trigger of that sentence, holds that verb or would take it too:
    separate happenings the answer lists in one sentence ("was arrested" and "the crash")
    then stay separate, each at its own word, with no tense from the parse. The small model
    lists such nouns mostly for no happening of their own ("margin of error"), so with its
    rules on they take the verb, and the event that holds it takes them in. Two answers at
    one chain of verbs, the one the other's complement with no subject of its own
    ("managed to outsell"), both take the upper verb (``_one_chain``): one event."""
    where = [pointed(text, sentences, e) for e in events]
    order = sorted({s for s in where if s is not None})
    parsed = dict(zip(order, parse([text[start:end] for start, end in order]), strict=True))
    found: list[tuple[tuple[int, int], Span | None, Token | None] | None] = []
    for event, sentence in zip(events, where, strict=True):
        if sentence is None:
            found.append(None)
            continue
        span = _located(text, event.trigger, sentence)
        given_at = None if span is None else (span.start - sentence[0], span.end - sentence[0])
        verb = trigger_verb(parsed[sentence], given_at, word_set(event.description))
        found.append((sentence, span, verb))
    # the triggers of the answer at each verb (an event answered twice, by two chunks, once)
    taken: dict[tuple[tuple[int, int], int], set[tuple[int, int] | None]] = {}
    for item in found:
        if item is not None and item[2] is not None:
            written = None if item[1] is None else (item[1].start, item[1].end)
            taken.setdefault((item[0], item[2].i), set()).add(written)
    result: list[Told | None] = []
    for item in _one_chain(found):
        if item is None:
            result.append(None)
            continue
        sentence, span, verb = item
        doc = parsed[sentence]
        fell_back = verb is not None and span is not None and not _inside(verb, span, sentence)
        if separate and fell_back and verb is not None and len(taken[(sentence, verb.i)]) > 1:
            verb = None  # the verb is another event's too: the word the model wrote stays
        if verb is not None:
            start = sentence[0] + verb.idx
            end = start + len(verb.text)
            at = Span(start=start, end=end, text=verb.text, match="exact", score=1.0)
            trigger = Mention(text=verb.text, span=at, grounded=True)
            result.append(Told(sentence, trigger, verb_tense(verb), doc, verb))
        elif span is not None:  # no verb, or another event's: the trigger as the model wrote it
            mention = Mention(text=span.text, span=span, grounded=True)
            result.append(Told(sentence, mention, None, doc))
        else:
            result.append(Told(sentence, None, None, doc))
    return result


_Found = tuple[tuple[int, int], Span | None, "Token | None"] | None


def _one_chain(found: list[_Found]) -> list[_Found]:
    """Two answers of one sentence whose verbs are one chain, the one the other's complement
    with no subject of its own ("managed to outsell", "plans to sell", "advised X to
    release"), tell one happening: both take the upper verb, so they are one event at one
    trigger word."""
    verbs = {(item[0], item[2].i) for item in found if item is not None and item[2] is not None}
    result: list[_Found] = []
    for item in found:
        if item is not None and item[2] is not None:
            verb = item[2]
            if verb.dep_ == "xcomp" and (item[0], verb.head.i) in verbs:
                item = (item[0], item[1], verb.head)
        result.append(item)
    return result


def _inside(verb: Token, span: Span, sentence: tuple[int, int]) -> bool:
    """Whether ``verb`` is a word of the trigger the model wrote (at ``span``)."""
    return span.start <= sentence[0] + verb.idx < span.end
