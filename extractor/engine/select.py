"""Which articles a tried run (``--limit N``, ``--sample N``) extracts. Pure.

The others are not dropped from the run: they are listed as skipped, keeping any document an
earlier run wrote, so a tried run on a nightly ``--out`` removes nothing and leaves a tree
that validates.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """``count`` articles: the first by id, or, with a ``seed``, a random sample."""

    count: int
    seed: int | None = None

    @property
    def label(self) -> str:
        """As given on the command line: ``--limit 5`` or ``--sample 5 --sample-seed 0``."""
        if self.seed is None:
            return f"--limit {self.count}"
        return f"--sample {self.count} --sample-seed {self.seed}"


def choose(ids: Iterable[str], limit: Limit) -> set[str]:
    """The ids a tried run extracts. A sample ranks each id by a hash of the seed and the id,
    so it is the same whatever the input order, and articles added later change it little."""
    unique = sorted(set(ids))
    if limit.seed is None:
        return set(unique[: limit.count])
    seed = limit.seed

    def rank(article_id: str) -> bytes:
        return hashlib.sha256(f"{seed}\x00{article_id}".encode()).digest()

    return set(sorted(unique, key=rank)[: limit.count])
