"""One article through the whole path: clean, date, chunk, ask the model, build the document."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from extractor.article.clean import clean_text
from extractor.article.document import build_document
from extractor.article.parts import ArticleParts
from extractor.article.prompt import Prompt, fence, fill
from extractor.article.pubdate import detect_publication_date
from extractor.article.quotes import find_quotes
from extractor.contract.article import RawArticle
from extractor.contract.endpoint import CallResult, EndpointConfig
from extractor.contract.models import (
    SCHEMA_VERSION,
    ArticleDocument,
    ModelEvent,
    Provenance,
    SourceInfo,
    Usage,
)
from extractor.contract.pricing import Price, routed_cost
from extractor.contract.schemas import PLAIN, Answers, Shape, max_events
from extractor.contract.version import VERSION
from extractor.dates import resolve_date
from extractor.errors import InputError, TruncatedOutputError
from extractor.text.numbered import chunks, index, listing, spans

MIN_CHUNK_CHARS = 1_000
R = TypeVar("R")


class Client(Protocol):
    """The model endpoint as the pipeline sees it (``io.llm.ModelClient`` in production)."""

    @property
    def config(self) -> EndpointConfig: ...

    async def extract(self, messages: list[dict[str, str]], shape: Shape = PLAIN) -> CallResult:
        """``shape``: the sentence numbers listed, the most events, the fields asked."""
        ...


class Runner(Protocol):
    """Where the pure stages run: here, or in the engine's worker processes."""

    async def run(self, function: Callable[..., R], *args: Any) -> R: ...

    async def first(self, function: Callable[..., R], *args: Any) -> R:
        """As ``run``, ahead of its other work: a model request waits for the result."""
        ...


class Here:
    """Runs each stage in this process."""

    async def run(self, function: Callable[..., R], *args: Any) -> R:
        return function(*args)

    async def first(self, function: Callable[..., R], *args: Any) -> R:
        return function(*args)


HERE = Here()


def default_chunk_chars(kind: str) -> int:
    """Characters a request by default, by endpoint kind: the small local model lists about
    as many events for a short text as for a long one, so it gets short chunks."""
    return 1_200 if kind == "local" else 12_000


@dataclass(frozen=True)
class PipelineSettings:
    prompt: Prompt
    chunk_chars: int = 12_000  # longer cleaned texts are asked about in overlapping chunks
    model_sha256: str | None = None
    price: Price | None = None  # (prompt, completion) USD per million tokens, live
    batch_price: Price | None = None  # of the answers that came by a batch
    settings_sha256: str | None = None  # recorded in provenance (the engine's document key)
    # The not-an-event fold (``fold.RULES``): it makes up for a small model's habits, and
    # must not remove good events from a stronger model's answer.
    small_model_rules: bool = True
    # What an event's answer holds (``schemas.OMITS``; the prompt must not ask what it leaves
    # out: ``prompt.PROMPTS``): without a description, an event's description is its sentence.
    answers: Answers = "full"


def prepare(article: RawArticle) -> ArticleParts:
    """The article before the model sees it: cleaned text, publication date. Pure (the
    engine may run it in a worker process)."""
    cleaned = clean_text(article.text)
    if not cleaned.text.strip():
        raise InputError(article.id, "no article text left after removing boilerplate")
    published = detect_publication_date(
        article.text,
        url=article.url,
        metadata=article.published_at,
        metadata_evidence=article.published_evidence,
    )
    return ArticleParts(
        id=article.id,
        source_id=article.source_id,
        source=SourceInfo(
            path=article.path,
            url=article.url,
            title=article.title,
            source=article.source,
            input_sha256=article.input_sha256,
        ),
        title=article.title or cleaned.title,
        published=published,
        text=cleaned.text,
        text_sha256=hashlib.sha256(cleaned.text.encode()).hexdigest(),
        sentences=tuple(index(cleaned.text).spans),  # kept for the document's own split
        removed=cleaned.removed,
    )


def messages(prompt: Prompt, listed: str) -> list[dict[str, str]]:
    """The chat messages for one chunk: its numbered sentences ``listed`` (``$sentences``,
    ``text.numbered.listing``) and the ``$fence`` around them."""
    return [
        {"role": "system", "content": fill(prompt.system)},
        {"role": "user", "content": fill(prompt.user, sentences=listed, fence=fence(listed))},
    ]


def chunk_count(text: str, limit: int) -> int:
    """How many requests ``text`` takes at ``limit`` characters a chunk (before any split)."""
    return len(chunks(spans(text), limit))


def numbered(text: str) -> str:
    """Every sentence of ``text`` numbered, as one request would list them."""
    sentences = spans(text)
    return listing(text, sentences, range(1, len(sentences) + 1))


async def _ask(
    client: Client,
    settings: PipelineSettings,
    text: str,
    sentences: list[tuple[int, int]],
    group: list[int],
) -> tuple[list[ModelEvent], list[CallResult]]:
    """Ask about the sentences ``group``; a truncated answer splits the group in two, down to
    a floor."""
    listed = listing(text, sentences, group)
    shape = Shape(range(group[0], group[-1] + 1), max_events(listed), settings.answers)
    try:
        result = await client.extract(messages(settings.prompt, listed), shape)
    except TruncatedOutputError:
        if len(group) < 2 or len(listed) <= MIN_CHUNK_CHARS:
            raise
        half = len(group) // 2
        first, first_calls = await _ask(client, settings, text, sentences, group[:half])
        second, second_calls = await _ask(client, settings, text, sentences, group[half:])
        return first + second, first_calls + second_calls
    return [_described(e, text, sentences) for e in result.extraction.events], [result]


def _described(event: ModelEvent, text: str, sentences: list[tuple[int, int]]) -> ModelEvent:
    """The event with a description: the model's, else (a short answer, or an answer that
    left it out) the sentence it points at, as listed."""
    if event.description or event.sentence is None or not 1 <= event.sentence <= len(sentences):
        return event
    said = " ".join(text[slice(*sentences[event.sentence - 1])].split())
    return event.model_copy(update={"description": said})


async def ask(
    client: Client,
    settings: PipelineSettings,
    text: str,
    split: Iterable[tuple[int, int]] = (),
) -> tuple[list[ModelEvent], list[CallResult]]:
    """The model's events for the cleaned ``text``, chunk by chunk of its numbered sentences
    (``split``: its ``spans``, when known), and the calls made."""
    sentences = list(split) or spans(text)
    events: list[ModelEvent] = []
    calls: list[CallResult] = []
    for group in chunks(sentences, settings.chunk_chars):
        more_events, more_calls = await _ask(client, settings, text, sentences, group)
        events += more_events
        calls += more_calls
    return events, calls


def _usage(calls: Iterable[CallResult]) -> Usage:
    return sum((c.usage for c in calls), Usage())


def provenance(
    config: EndpointConfig, settings: PipelineSettings, calls: list[CallResult], duration_s: float
) -> Provenance:
    """How the document was made: endpoint, prompt, sampling, usage, cost and time."""
    live = _usage(c for c in calls if c.route == "live")
    batch = _usage(c for c in calls if c.route == "batch")
    usage = _usage(calls)
    return Provenance(
        extractor_version=VERSION,
        model=config.model,
        # The embedded model's port is new each run: not part of a reproducible document.
        endpoint="local" if config.kind == "local" else config.public_endpoint,
        endpoint_kind=config.kind,
        model_sha256=settings.model_sha256,
        prompt_id=settings.prompt.id,
        prompt_sha256=settings.prompt.sha256,
        schema_version=SCHEMA_VERSION,
        settings_sha256=settings.settings_sha256,
        sampling=config.sampling,
        response_format=calls[-1].response_format if calls else "json_schema",
        usage=usage,
        cost_usd=routed_cost(live, batch, settings.price, settings.batch_price),
        attempts=max(1, sum(c.attempts for c in calls)),
        chunks=max(1, len(calls)),
        duration_s=duration_s,
        small_model_rules=settings.small_model_rules,
    )


def finish(parts: ArticleParts, events: list[ModelEvent], made: Provenance) -> ArticleDocument:
    """The stored document: grounded, dates resolved, quotes placed. Pure (the engine may run
    it in a worker process)."""
    return build_document(parts, events, made, resolve_date, find_quotes(parts.text))


async def extract_article(
    article: RawArticle,
    client: Client,
    settings: PipelineSettings,
    clock: Callable[[], float] = time.monotonic,
) -> ArticleDocument:
    """Extract one article. Raises ``ExtractorError`` subclasses for the caller to record."""
    return await compose(article, client, settings, HERE, clock, finish)


async def compose(
    article: RawArticle,
    client: Client,
    settings: PipelineSettings,
    runner: Runner,
    clock: Callable[[], float],
    last: Callable[..., R],
    *extra: Any,
    prepared: ArticleParts | None = None,
    asked: Callable[[], None] | None = None,
) -> R:
    """The one composition of the stages, for tests, benchmarks and the engine alike:
    ``prepare`` (clean, publication date; ``prepared`` when the caller has its result
    already), ``ask`` (prompt, call, check), then ``last`` (``finish``: ground, attribute,
    fold events, resolve dates; the engine also renders), given the parts, the model's
    events, the provenance and ``extra``. ``runner`` runs the pure stages (the engine: in
    its worker processes); ``asked`` is called once the model has answered."""
    started = clock()
    parts = prepared if prepared is not None else await runner.first(prepare, article)
    events, calls = await ask(client, settings, parts.text, parts.sentences)
    if asked is not None:
        asked()
    made = provenance(client.config, settings, calls, round(clock() - started, 3))
    return await runner.run(last, parts, events, made, *extra)
