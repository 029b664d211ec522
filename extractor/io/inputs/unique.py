"""Ids unique ignoring case: every input whose id another input also uses becomes a problem."""

from __future__ import annotations

from collections import defaultdict

from extractor.contract.article import RawArticle
from extractor.io.inputs.problems import InputProblem, Item

__all__ = ["unique"]


def unique(items: list[Item]) -> list[Item]:
    """Sorted by id; every input whose id another input also uses becomes a problem."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        groups[item.id.casefold()].append(item)
    out: list[Item] = []
    for group in groups.values():
        if len(group) == 1:
            out.extend(group)
            continue
        paths = ", ".join(str(item.path) for item in group)
        for item in group:
            if isinstance(item, RawArticle):
                item = InputProblem(
                    id=item.id,
                    path=item.path,
                    message=f"{item.path}: the id {item.id!r} is used by {len(group)} inputs "
                    f"({paths}); ids must be unique ignoring case, so rename the file or "
                    "change the record's id",
                    raw_id=item.raw_id,
                )
            out.append(item)
    return sorted(out, key=lambda item: (item.id, item.path or ""))
