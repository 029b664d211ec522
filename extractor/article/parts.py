"""What the pipeline knows about an article before the model sees it."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.contract.models import PublicationDate, RemovedLine, SourceInfo


@dataclass(frozen=True)
class ArticleParts:
    """What the pipeline knows about an article before the model sees it."""

    id: str
    source: SourceInfo
    title: str | None
    published: PublicationDate
    text: str
    text_sha256: str
    removed: list[RemovedLine]
    source_id: str | None = None  # the caller's id (see models.ArticleDocument); None: ``id``
    # ``text``'s sentences (``numbered.spans``), split where it was cleaned; (): not yet
    sentences: tuple[tuple[int, int], ...] = ()
