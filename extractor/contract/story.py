"""A story: one real-world happening, with every event of every article that reports it.

``stories.jsonl`` holds one ``Story`` per line, sorted by id; every event of the run's
documents is in exactly one story (a story of one event is a story too). It is the index of
``story_id`` by event: the documents themselves do not carry it, so a document stays what its
article and the model made of it, and linking again never rewrites one.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

STORY_ID = r"^st_[0-9a-f]{16}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StoryEvent(_Strict):
    """One event of a story: the article it is in and its id there."""

    article_id: str
    event_id: str = Field(pattern=r"^ev_[0-9a-f]{16}$")


class StoryWhen(_Strict):
    """When the story happened, as far as its events' resolved dates say."""

    value: str | None = Field(description="The resolved date most of its events give.")
    start: dt.date
    end: dt.date


class Story(_Strict):
    id: str = Field(
        pattern=STORY_ID,
        description="Stable across nights: kept from the first night the story was seen, as "
        "it grows; when two stories join, the one with more events keeps its id.",
    )
    title: str = Field(description="A short title: the description of its central event.")
    events: list[StoryEvent] = Field(
        min_length=1, description="Sorted by article id, then event id."
    )
    articles: int = Field(ge=1, description="Distinct articles among its events.")
    sources: int = Field(
        ge=1,
        description="Distinct outlets (the articles' source, else their URL's host, else "
        "the article itself).",
    )
    first_published: dt.date | None = Field(description="Its earliest article's publication date.")
    last_published: dt.date | None = Field(description="Its latest article's publication date.")
    who: list[str] = Field(description="The people and organisations most of its events name.")
    where: str | None = Field(description="The place most of its events name.")
    when: StoryWhen | None
    shared_quotes: list[str] = Field(
        description="Verbatim quotes two or more of its articles give: one article's quote,"
        " or the part of a longer quote of another that it is."
    )
