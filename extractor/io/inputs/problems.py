"""What reading gives for each input: a RawArticle, or an InputProblem saying why it failed."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.contract.article import RawArticle
from extractor.contract.ids import source_id

__all__ = ["InputProblem", "Item"]


@dataclass(frozen=True)
class InputProblem:
    """A per-article failure; the batch goes on without it."""

    id: str
    path: str | None
    message: str  # names the path or article and says what to do
    raw_id: str | None = None  # what ``id`` was made from, as for RawArticle

    @property
    def source_id(self) -> str:
        return self.id if self.raw_id is None else source_id(self.raw_id)


Item = RawArticle | InputProblem
