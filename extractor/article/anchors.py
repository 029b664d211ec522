"""Where the text tells each event: the sentence the model pointed at (its ``S<n>``), the
trigger's verb in the parse of that sentence, and that verb's tense (``tense``). The parse
(with its names) is kept for the event's who and where (``slots``)."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.article.event import Told
from extractor.article.ground import locate
from extractor.article.grounded import given
from extractor.article.tense import trigger_verb, verb_tense
from extractor.contract.models import Mention, ModelEvent, Span
from extractor.text.parser import Parse
from extractor.text.words import word_set


def _located(text: str, words: str | None, sentence: tuple[int, int]) -> Span | None:
    words = given(words)
    if words is None:
        return None
    return locate(text, words, fuzzy=False, start=sentence[0], end=sentence[1])


def told(
    text: str,
    sentences: Sequence[tuple[int, int]],
    events: Sequence[ModelEvent],
    parse: Parse,
) -> list[Told | None]:
    """For each event, where the text tells it; None when its ``sentence`` is missing or no
    sentence of ``text`` (an answer in JSON mode is not held to the listed numbers)."""
    anchored = {
        sentences[e.sentence - 1]
        for e in events
        if e.sentence is not None and 1 <= e.sentence <= len(sentences)
    }
    order = sorted(anchored)
    parsed = dict(zip(order, parse([text[start:end] for start, end in order]), strict=True))
    result: list[Told | None] = []
    for event in events:
        if event.sentence is None or not 1 <= event.sentence <= len(sentences):
            result.append(None)
            continue
        sentence = sentences[event.sentence - 1]
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
        elif span is not None:  # a trigger with no verb ("the attack"): as the model wrote it
            found = Mention(text=span.text, span=span, grounded=True)
            result.append(Told(sentence, found, None, doc))
        else:
            result.append(Told(sentence, None, None, doc))
    return result
