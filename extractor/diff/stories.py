"""Stories of two runs compared by their stable ids: which were added, removed, or changed
(events that joined or left them)."""

from __future__ import annotations

from collections.abc import Mapping

from extractor.contract.story import Story
from extractor.diff.model import Kind, StoryChange


def _events(story: Story) -> set[str]:
    return {f"{e.article_id}/{e.event_id}" for e in story.events}


def diff_stories(old: Mapping[str, Story], new: Mapping[str, Story]) -> tuple[StoryChange, ...]:
    """Every story of either side, changed ones first, then added, removed and unchanged."""
    changes = []
    for sid in sorted(set(old) | set(new)):
        before, after = old.get(sid), new.get(sid)
        if before is None and after is not None:
            change = StoryChange(
                sid, "added", after.title, (None, after.sources), (None, after.articles)
            )
        elif after is None and before is not None:
            change = StoryChange(
                sid, "removed", before.title, (before.sources, None), (before.articles, None)
            )
        elif before is not None and after is not None:
            was, now = _events(before), _events(after)
            kind: Kind = "changed" if was != now or before.sources != after.sources else "unchanged"
            change = StoryChange(
                sid,
                kind,
                after.title,
                (before.sources, after.sources),
                (before.articles, after.articles),
                tuple(sorted(now - was)),
                tuple(sorted(was - now)),
            )
        else:
            continue
        changes.append(change)
    order = {"changed": 0, "added": 1, "removed": 2, "unchanged": 3}
    return tuple(sorted(changes, key=lambda c: (order[c.kind], c.id)))
