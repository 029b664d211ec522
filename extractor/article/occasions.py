"""One speaker's statements at one occasion are one event.

"Ann Lee said on Monday that the plant will close" and, further on, "Lee added that talks
had failed": the article tells one occasion (Ann Lee spoke) in two sentences, and a model
may list each as an event. An event told by a verb of speech (its trigger) is that occasion
told again when an event before it is told by one too, with the same speaker (the first
actor of each), and the same date or none for both. The two are one event
(``speech_acts.retold``): both sentences, both quotes, and the place the first telling lacks.
A dated statement and an undated one stay apart: a statement's date is often that of what
it speaks of ("said she met the police on Sunday"), so it does not tell which occasion an
undated one belongs to; but an undated one told in the very next sentence goes on with the
occasion before it ("On Monday, Ann Lee said …. She added that …"). Places do not part
them either way: a statement's place is often what it speaks of ("warned about the riots in
Eastport").
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.article.slots import same_entity
from extractor.article.speech_acts import retold
from extractor.contract.models import Event
from extractor.text.lexicon import word_list
from extractor.text.speech import REPORTING_VERBS

# Verbs that only tell that someone spoke, and how: no act done by the speaking itself
# (*announced*, *accused*, *promised*, *denied* stay apart).
SPEAKING = (
    REPORTING_VERBS
    | word_list(
        """stressed stresses emphasized emphasizes emphasised emphasises reiterated reiterates
        repeated repeats remarked asked asks answered answers continued continues cautioned
        cautions"""
    )
) - word_list("believes believed thinks thought hopes hoped expects expected feels felt")


def _speaker(event: Event) -> str | None:
    spoken = event.trigger is not None and event.trigger.text.casefold() in SPEAKING
    return event.actors[0].text if spoken and event.actors else None


def _when(event: Event) -> str | None:
    if event.when is None:
        return None
    return event.when.resolution.value or event.when.expression.casefold()


def _next_to(text: str, first: Event, later: Event) -> bool:
    """``later``'s first sentence comes right after one of ``first``'s."""
    if not later.sentences:
        return False
    start = later.sentences[0].start
    return any(s.end <= start and not text[s.end : start].strip() for s in first.sentences)


def same_occasion(first: Event, later: Event, text: str = "") -> bool:
    """``later`` tells the occasion of ``first`` again (see the module docstring)."""
    a, b = _speaker(first), _speaker(later)
    if a is None or b is None or not same_entity(a, b):
        return False
    if later.when is None and text and _next_to(text, first, later):
        return True  # "On Monday Ann Lee said X. She added that Y."
    return _when(first) == _when(later)


def one_occasion(
    article_id: str, events: Sequence[Event], text: str = ""
) -> tuple[list[Event], dict[str, str]]:
    """``events`` (in text order) with each occasion told again merged into its first
    telling, and the ids that changed (old: new; a merged telling's id: its event's)."""
    kept: list[Event] = []
    renamed: dict[str, str] = {}
    for event in events:
        at = next((n for n, e in enumerate(kept) if same_occasion(e, event, text)), None)
        if at is None:
            kept.append(event)
            continue
        old, kept[at] = kept[at].id, retold(article_id, kept[at], event)
        for gone in (old, event.id):
            if gone != kept[at].id:
                renamed[gone] = kept[at].id
        renamed = {k: kept[at].id if v == old else v for k, v in renamed.items()}
    return kept, renamed
