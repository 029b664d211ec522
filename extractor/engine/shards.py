"""``--shard K/N``: a stable 1/N of the articles by a hash of their id, and per-shard files."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from extractor.errors import ConfigError

_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class Shard:
    k: int  # 1-based
    n: int

    @property
    def label(self) -> str:
        return f"{self.k}/{self.n}"

    @property
    def suffix(self) -> str:
        """Inserted in the names of per-shard files: ``run.shard-2-of-4.json``."""
        return f"shard-{self.k}-of-{self.n}"

    def holds(self, article_id: str) -> bool:
        return shard_of(article_id, self.n) == self.k


def shard_of(article_id: str, n: int) -> int:
    """1-based shard of an id: the first 8 bytes of its sha256, big-endian, modulo ``n``."""
    number = int.from_bytes(hashlib.sha256(article_id.encode("utf-8")).digest()[:8], "big")
    return number % n + 1


def parse_shard(value: str) -> Shard:
    match = _SHARD.fullmatch(value)
    if not match:
        raise ConfigError(f"Shard {value!r} is not K/N: give e.g. --shard 2/4.")
    k, n = int(match[1]), int(match[2])
    if not 1 <= k <= n:
        raise ConfigError(
            f"Shard {value!r}: K must be between 1 and N, e.g. --shard 1/{max(n, 1)}."
        )
    return Shard(k, n)
