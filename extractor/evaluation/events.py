"""Event metrics: events matched on actors, date and place; who, where and when per field."""

from __future__ import annotations

from extractor.contract.gold import GoldArticle, GoldEvent
from extractor.contract.models import Event
from extractor.evaluation.matching import greedy
from extractor.evaluation.normalize import name_key, name_matches
from extractor.evaluation.scores import PRF, Accuracy, EventScores
from extractor.text.words import WORD


def resolve(gold: GoldArticle, name: str) -> str:
    """The canonical name ``name`` refers to (longest matching name wins), else its key."""
    best: tuple[int, str] | None = None
    for entity in gold.entities:
        for candidate in [entity.name, *entity.aliases]:
            if name_matches(name, [candidate]):
                length = len(name_key(candidate))
                if best is None or length > best[0]:
                    best = (length, entity.name)
    return best[1] if best is not None else "?" + name_key(name)


def _words(text: str) -> set[str]:
    return {word.casefold() for word in WORD.findall(text)}


class _Pair:
    """How a predicted event compares with a gold one, field by field."""

    def __init__(self, gold: GoldArticle, wanted: GoldEvent, event: Event) -> None:
        said = {resolve(gold, actor.text) for actor in event.actors}
        self.shared = len(said & set(wanted.actors))
        self.who = said == set(wanted.actors)
        value = event.when.resolution.value if event.when is not None else None
        self.when = value == wanted.when
        if wanted.place is None or event.place is None:
            self.where = wanted.place is None and event.place is None
        else:
            self.where = name_matches(event.place.text, gold.names_of(wanted.place))
        words_a, words_b = _words(wanted.description), _words(event.description)
        union = words_a | words_b
        self.similar = len(words_a & words_b) / len(union) if union else 0.0
        self.size = len(said | set(wanted.actors))

    def score(self) -> float | None:
        """None unless an actor is shared and the date or the place agrees."""
        if not self.shared or not (self.when or self.where):
            return None
        # Description words only break ties between otherwise equal candidates.
        return self.shared / self.size + self.when + self.where + 0.01 * self.similar


def score_events(gold: GoldArticle, events: list[Event]) -> EventScores:
    pairs = [[_Pair(gold, wanted, event) for event in events] for wanted in gold.events]
    matched = greedy(len(gold.events), len(events), lambda g, p: pairs[g][p].score())
    chosen = [pairs[g][p] for g, p in matched]
    total = len(chosen)
    return EventScores(
        matched=PRF(matched=total, predicted=len(events), gold=len(gold.events)),
        who=Accuracy(correct=sum(pair.who for pair in chosen), total=total),
        where=Accuracy(correct=sum(pair.where for pair in chosen), total=total),
        when=Accuracy(correct=sum(pair.when for pair in chosen), total=total),
    )
