"""What a run tells whoever watches it: counts as it goes, failures, and notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from extractor.contract.models import Failure

NoteKind = Literal[
    "endpoint",
    "endpoint-failed",
    "start",
    "budget",
    "stopping",
    "shards",
    "cleanup",
    "removed",
    "left",
    "cache",
    "stories-failed",
    "batch",
]


@dataclass
class Progress:
    """Running counts of a run; ``started`` and ``elapsed_s`` are on the engine's clock."""

    total: int = 0
    to_extract: int = 0  # articles the run has to send to the model (cache misses included)
    done: int = 0  # articles finished, whatever the outcome
    extracted: int = 0  # of those, the ones that went through the pipeline
    cached: int = 0  # finished without a model request
    failed: int = 0
    skipped: int = 0
    requests: int = 0
    rate_limited: int = 0
    tokens: int = 0
    cost_usd: float = 0.0
    elapsed_s: float = 0.0
    extract_s: float = 0.0  # time since the first article was started

    @property
    def rate_per_s(self) -> float:
        """Pipeline articles finished per second since extraction began."""
        return self.extracted / self.extract_s if self.extract_s > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        left = self.total - self.done
        if left <= 0:
            return 0.0
        rate = self.rate_per_s
        return left / rate if rate > 0 else None


class Observer(Protocol):
    def progress(self, progress: Progress, *, final: bool = False) -> None: ...

    def failed(self, failure: Failure) -> None: ...

    def note(self, kind: NoteKind, message: str) -> None: ...


class Silent:
    """An observer that ignores everything."""

    def progress(self, progress: Progress, *, final: bool = False) -> None:
        return None

    def failed(self, failure: Failure) -> None:
        return None

    def note(self, kind: NoteKind, message: str) -> None:
        return None
