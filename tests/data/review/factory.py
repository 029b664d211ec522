"""Build valid article documents and run directories from a few plain arguments.

Spans are located in the text with ``str.find``, ids come from
``extractor.contract.identity``, hashes are real, so a document built here passes every
validation check unless a test breaks it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.article.parts import ArticleParts
from extractor.contract.identity import event_id
from extractor.contract.models import (
    SCHEMA_VERSION,
    ArticleDocument,
    ArticleEntry,
    DateResolution,
    Event,
    Failure,
    Mention,
    Provenance,
    PublicationDate,
    Quote,
    RunCounts,
    RunManifest,
    RunTotals,
    Sampling,
    SourceInfo,
    Span,
    Usage,
    When,
)

TEXT = (
    "Defence Secretary James Mattis met Michael Fallon in London on Thursday. "
    'Mattis said "Russia is mucking around in elections" at the press conference. '
    "The two ministers will meet again in Brussels next month."
)
PUBLISHED = "2017-03-31"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def span(text: str, part: str) -> Span | None:
    start = text.find(part)
    if start < 0:
        return None
    return Span(start=start, end=start + len(part), text=part, match="exact", score=1.0)


def mention(text: str, name: str) -> Mention:
    found = span(text, name)
    return Mention(text=name, span=found, grounded=found is not None)


@dataclass
class Q:
    """A quote spec: direct quotes found in the text are grounded, others go unverified."""

    speaker: str
    text: str
    kind: str = "direct"


@dataclass
class E:
    """An event spec."""

    description: str
    actors: list[str] = field(default_factory=list)
    place: str | None = None
    when: str | None = None
    value: str | None = None  # TIMEX3 value; None leaves the date unresolved
    granularity: str | None = None
    bounds: tuple[str, str] | None = None
    tense: str | None = "past"
    quotes: list[Q] = field(default_factory=list)


def resolution(spec: E, published: str | None) -> DateResolution:
    if spec.value is None:
        return DateResolution(
            value=None,
            start=None,
            end=None,
            granularity=None,
            anchor=None,
            status="unresolved",
            reason="no rule",
        )
    start, end = spec.bounds or (spec.value, spec.value)
    return DateResolution(
        value=spec.value,
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
        granularity=spec.granularity or "day",  # type: ignore[arg-type]
        anchor=dt.date.fromisoformat(published) if published else None,
        status="resolved",
        reason="relative to the publication date",
    )


def make_event(article_id: str, text: str, spec: E, published: str | None = PUBLISHED) -> Event:
    when = None
    if spec.when is not None:
        found = span(text, spec.when)
        when = When(
            expression=spec.when,
            tense=spec.tense,  # type: ignore[arg-type]
            span=found,
            grounded=found is not None,
            resolution=resolution(spec, published),
        )
    quotes: list[Quote] = []
    unverified: list[Quote] = []
    for q in spec.quotes:
        found = span(text, q.text)
        quote = Quote(
            speaker=mention(text, q.speaker),
            text=q.text,
            kind=q.kind,  # type: ignore[arg-type]
            span=found,
            grounded=found is not None,
            model_text=None,
        )
        (quotes if found is not None or q.kind == "indirect" else unverified).append(quote)
    return Event(
        id=event_id(article_id, spec.description, spec.actors, spec.place, spec.when),
        description=spec.description,
        actors=[mention(text, a) for a in spec.actors],
        place=mention(text, spec.place) if spec.place is not None else None,
        when=when,
        quotes=quotes,
        unverified_quotes=unverified,
    )


DEFAULT_EVENTS = [
    E(
        "Mattis met Fallon in London",
        actors=["James Mattis", "Michael Fallon"],
        place="London",
        when="on Thursday",
        value="2017-03-30",
        quotes=[Q("Mattis", "Russia is mucking around in elections")],
    ),
    E(
        "The ministers will meet again in Brussels",
        actors=["Mattis", "Michael Fallon"],
        place="Brussels",
        when="next month",
        value="2017-04",
        granularity="month",
        bounds=("2017-04-01", "2017-04-30"),
        tense="future",
    ),
]


def make_document(
    article_id: str = "a1",
    events: list[E] | None = None,
    *,
    text: str = TEXT,
    published: str | None = PUBLISHED,
    model: str = "tiny-model",
    prompt_sha256: str = "a" * 64,
    input_text: str | None = None,
    title: str | None = "Mattis accuses Russia",
) -> ArticleDocument:
    specs = DEFAULT_EVENTS if events is None else events
    return ArticleDocument(
        schema_version=SCHEMA_VERSION,
        id=article_id,
        source_id=article_id,
        source=SourceInfo(
            path=f"seeds/{article_id}.txt",
            url=None,
            title=title,
            source=None,
            input_sha256=sha(input_text if input_text is not None else text),
        ),
        title=title,
        published=PublicationDate(
            value=dt.date.fromisoformat(published) if published else None,
            source="metadata" if published else "none",
            evidence=None,
        ),
        text=text,
        text_sha256=sha(text),
        removed=[],
        events=[make_event(article_id, text, s, published) for s in specs],
        warnings=[],
        provenance=provenance(model=model, prompt_sha256=prompt_sha256),
    )


def article_parts(
    article_id: str, text: str, published: dt.date = dt.date(2031, 3, 12)
) -> ArticleParts:
    """An article's cleaned parts, as ``build_document`` takes them: ``text`` with a
    publication date found in it and nothing removed."""
    return ArticleParts(
        id=article_id,
        source=SourceInfo(
            path=f"{article_id}.txt", url=None, title=None, source=None, input_sha256="0" * 64
        ),
        title=None,
        published=PublicationDate(value=published, source="text", evidence=None),
        text=text,
        text_sha256="1" * 64,
        removed=[],
    )


def provenance(*, model: str = "m", prompt_sha256: str = "2" * 64, chunks: int = 1) -> Provenance:
    """A plausible provenance: the embedded model, one attempt, no cost."""
    return Provenance(
        extractor_version="0.1.0",
        model=model,
        endpoint="http://127.0.0.1/v1",
        endpoint_kind="local",
        model_sha256=None,
        prompt_id="extract",
        prompt_sha256=prompt_sha256,
        schema_version=SCHEMA_VERSION,
        sampling=Sampling(temperature=0.0, seed=1, max_tokens=None),
        response_format="json_schema",
        usage=Usage(prompt_tokens=100, completion_tokens=50),
        cost_usd=None,
        attempts=1,
        chunks=chunks,
        duration_s=1.0,
    )


def dump(value: Any) -> str:
    """The stored form: 2-space indent, sorted keys, trailing newline."""
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def doc_json(doc: ArticleDocument) -> dict[str, Any]:
    data: dict[str, Any] = doc.model_dump(mode="json")
    return data


def write_run(
    root: Path,
    docs: list[ArticleDocument],
    *,
    failures: list[Failure] | None = None,
    kept: list[ArticleDocument] | None = None,
    config: dict[str, str | int | float | bool | None] | None = None,
    order: list[int] | None = None,
) -> Path:
    """A consistent run directory as the runner writes it: articles/<id>.json, run.json (failed
    articles only in ``failures``) and events.jsonl. ``kept``: documents an earlier run wrote
    for articles that fail in this one; they stay, with their events."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    failed = failures or []
    indexes = order if order is not None else list(range(len(docs)))
    entries = []
    lines = []
    for doc in kept or []:
        (root / f"articles/{doc.id}.json").write_text(dump(doc_json(doc)), encoding="utf-8")
    for index in indexes:
        doc = docs[index]
        relative = f"articles/{doc.id}.json"
        (root / relative).write_text(dump(doc_json(doc)), encoding="utf-8")
        entries.append(
            ArticleEntry(
                id=doc.id,
                source_id=doc.source_id,
                status="added",
                document=relative,
                input_sha256=doc.source.input_sha256,
                events=len(doc.events),
                usage=doc.provenance.usage,
                cost_usd=None,
                cached=False,
                duration_s=1.0,
            )
        )
    for doc in sorted([*docs, *(kept or [])], key=lambda d: d.id):
        for event in doc.events:
            line = {"article_id": doc.id, "source_id": doc.source_id}
            lines.append(json.dumps({**line, **event.model_dump(mode="json")}))
    manifest = RunManifest(
        schema_version=SCHEMA_VERSION,
        extractor_version="0.1.0",
        started_at=dt.datetime(2017, 4, 1, 2, 0, tzinfo=dt.UTC),
        finished_at=dt.datetime(2017, 4, 1, 3, 0, tzinfo=dt.UTC),
        status="complete" if not failed else "partial",
        config=config if config is not None else {"model": "tiny-model"},
        inputs=["seeds"],
        counts=RunCounts(total=len(entries) + len(failed), added=len(docs), failed=len(failed)),
        articles=entries,
        removed=[],
        failures=failed,
        totals=RunTotals(usage=Usage(), cost_usd=None, model_calls=len(docs), duration_s=1.0),
    )
    (root / "run.json").write_text(dump(manifest.model_dump(mode="json")), encoding="utf-8")
    (root / "events.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return root


def failure(article_id: str, message: str = "the endpoint timed out") -> Failure:
    return Failure(
        id=article_id,
        source_id=article_id,
        stage="request",
        error_class="EndpointError",
        message=message,
        attempts=3,
    )
