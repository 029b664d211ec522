"""Where the text tells each event: the sentence the model pointed at (its ``S<n>``; a
sentence near it when the trigger is only written there, ``pointed``), the trigger's verb in
the parse of that sentence, and that verb's tense (``tense``). The parse (with its names) is
kept for the event's who and where (``slots``)."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.article.event import Told
from extractor.article.ground import within
from extractor.article.grounded import given
from extractor.article.tense import trigger_verb, verb_tense
from extractor.contract.models import Mention, ModelEvent, Span
from extractor.text.parser import Parse
from extractor.text.words import content_words, word_set

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
) -> list[Told | None]:
    """For each event, where the text tells it (``pointed``); None when its ``sentence`` is
    missing or no sentence of ``text`` (an answer in JSON mode is not held to the listed
    numbers)."""
    where = [pointed(text, sentences, e) for e in events]
    order = sorted({s for s in where if s is not None})
    parsed = dict(zip(order, parse([text[start:end] for start, end in order]), strict=True))
    result: list[Told | None] = []
    for event, sentence in zip(events, where, strict=True):
        if sentence is None:
            result.append(None)
            continue
        span = _located(text, event.trigger, sentence)
        given_at = None if span is None else (span.start - sentence[0], span.end - sentence[0])
        doc = parsed[sentence]
        verb = trigger_verb(doc, given_at, word_set(event.description))
        if verb is not None:
            start = sentence[0] + verb.idx
            end = start + len(verb.text)
            at = Span(start=start, end=end, text=verb.text, match="exact", score=1.0)
            trigger = Mention(text=verb.text, span=at, grounded=True)
            result.append(Told(sentence, trigger, verb_tense(verb), doc, verb))
        elif span is not None:  # a sentence with no verb: the trigger as the model wrote it
            found = Mention(text=span.text, span=span, grounded=True)
            result.append(Told(sentence, found, None, doc))
        else:
            result.append(Told(sentence, None, None, doc))
    return result
