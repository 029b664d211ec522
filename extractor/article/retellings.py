"""One happening told twice (overlapping chunks) is one event: the same id, or a shared
actor, no other date and nearly the same description (or one's words all in the other's)."""

from __future__ import annotations

from extractor.article.homes import joined
from extractor.contract.models import Event
from extractor.text.words import word_set

# Share of description words two events with a shared actor have in common to be one event.
SAME_DESCRIPTION = 0.8
# Fewest words of a description whose words all in another's make the two one event.
_CONTAINED = 3


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
        self.by_actor: dict[str, list[int]] = {}

    def add(self, event: Event) -> None:
        number = len(self.ids)
        self.ids.append(event.id)
        self.words.append(word_set(event.description))
        self.values.append(event.when.resolution.value if event.when else None)
        for actor in {a.text.casefold() for a in event.actors}:
            self.by_actor.setdefault(actor, []).append(number)

    def told_before(self, event: Event) -> str | None:
        """The id of the first event kept that is ``event`` told again (overlapping chunks
        give the same sentence twice, with another place or date): a shared actor, no other
        date, and the same happening described (``_same_telling``)."""
        actors = {a.text.casefold() for a in event.actors}
        words = word_set(event.description)
        value = event.when.resolution.value if event.when else None
        for number in sorted({n for a in actors for n in self.by_actor.get(a, ())}):
            other = self.values[number]
            if value is not None and other is not None and value != other:
                continue
            if _same_telling(words, self.words[number]):
                return self.ids[number]
        return None


def merge(first: Event, second: Event) -> Event:
    """The same event reported twice (e.g. in overlapping chunks): keep each quote once, and
    each sentence that tells it, in text order."""
    merged = joined(first, second.quotes, second.unverified_quotes)
    told = {(s.start, s.end): s for s in [*first.sentences, *second.sentences]}
    if len(told) == len(first.sentences):
        return merged
    return merged.model_copy(update={"sentences": [told[k] for k in sorted(told)]})
