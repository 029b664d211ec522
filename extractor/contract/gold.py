"""The gold format: one hand-annotated article, what ``extractor eval`` scores a run against.

Names are canonical: every speaker, actor and place is the ``name`` of an entry in
``entities``, whose ``aliases`` list the other ways the article (or a model) may name it.
Quotes and dates carry their text exactly as written in the article; ``occurrence`` says
which occurrence of that text is meant when it appears more than once, and ``start``/``end``
are offsets into the raw article file (``text_sha256``), filled in by a tool.
The annotation rules are in ``eval/README.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

GOLD_VERSION = "1.0.0"

QuoteSource = Literal["speech", "document"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
ValueOrigin = Literal["meantime", "annotator"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldEntity(_Strict):
    """A person, organisation or place, with the other names that refer to it."""

    name: str = Field(min_length=1, description="The canonical name.")
    aliases: list[str] = Field(
        default_factory=list, description="Other names accepted for it (e.g. a surname alone)."
    )


def _check_offsets(start: int | None, end: int | None) -> None:
    if (start is None) != (end is None):
        raise ValueError("give both start and end, or neither")
    if start is not None and end is not None and end <= start:
        raise ValueError("end must be greater than start")


class GoldQuote(_Strict):
    """A direct quote: the words inside one pair of quotation marks."""

    text: str = Field(min_length=1, description="The words between the marks, exactly as written.")
    speaker: str = Field(description="Canonical name of who said or wrote it (an entity name).")
    other_speakers: list[str] = Field(
        default_factory=list,
        description="Other entities also accepted as the speaker, e.g. the organisation "
        "a spokesperson speaks for.",
    )
    partial: bool = Field(
        default=False, description="A fragment quoted inside reported speech or a description."
    )
    source: QuoteSource = Field(
        default="speech", description="speech: said aloud or in a statement; document: written."
    )
    occurrence: int = Field(default=0, ge=0, description="Which occurrence of text (from 0).")
    start: int | None = Field(default=None, ge=0, description="Offset in the raw article text.")
    end: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _offsets_in_order(self) -> GoldQuote:
        _check_offsets(self.start, self.end)
        return self


class GoldDate(_Strict):
    """A temporal expression and its ISO-TimeML TIMEX3 value."""

    text: str = Field(min_length=1, description="The expression exactly as written.")
    value: str = Field(min_length=1, description="TIMEX3 value, e.g. 2013-12-10, 2009-W23.")
    type: TimexType = "DATE"
    origin: ValueOrigin = Field(
        default="annotator", description="meantime: the value comes from MEANTIME's gold TIMEX3."
    )
    occurrence: int = Field(default=0, ge=0, description="Which occurrence of text (from 0).")
    start: int | None = Field(default=None, ge=0, description="Offset in the raw article text.")
    end: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _offsets_in_order(self) -> GoldDate:
        _check_offsets(self.start, self.end)
        return self


class GoldEvent(_Strict):
    """Something that happened (or is planned), with who, where and when."""

    description: str = Field(min_length=1, description="What happened, in one short sentence.")
    actors: list[str] = Field(min_length=1, description="Canonical names of who took part.")
    place: str | None = Field(default=None, description="Canonical name of where; null if none.")
    when: str | None = Field(default=None, description="TIMEX3 value of when; null if not stated.")
    when_text: str | None = Field(default=None, description="The date expression as written.")


class GoldArticle(_Strict):
    """One annotated article."""

    gold_version: str = GOLD_VERSION
    id: str = Field(min_length=1, description="The article id a run uses for its document.")
    title: str | None = None
    url: str | None = None
    attribution: str | None = Field(default=None, description="Source and licence of the text.")
    published: dt.date = Field(description="The publication date.")
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="Of the raw article text.")
    entities: list[GoldEntity]
    quotes: list[GoldQuote]
    dates: list[GoldDate]
    events: list[GoldEvent]
    notes: str | None = Field(default=None, description="Choices the annotator made.")

    @model_validator(mode="after")
    def _names_are_entities(self) -> GoldArticle:
        names = [entity.name for entity in self.entities]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"entities named more than once: {duplicates}")
        known = set(names)
        used = [name for quote in self.quotes for name in [quote.speaker, *quote.other_speakers]]
        for event in self.events:
            used.extend(event.actors)
            if event.place is not None:
                used.append(event.place)
        unknown = sorted(set(used) - known)
        if unknown:
            raise ValueError(f"names used but not listed in entities: {unknown}")
        return self

    def names_of(self, name: str) -> list[str]:
        """The canonical name and the aliases of entity ``name``."""
        for entity in self.entities:
            if entity.name == name:
                return [entity.name, *entity.aliases]
        return [name]
