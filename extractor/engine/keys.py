"""Cache keys: hashes of everything that determines a model answer or a stored document."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any

from extractor.inputs import RawArticle
from extractor.llm import EndpointConfig
from extractor.models import SCHEMA_VERSION
from extractor.pipeline import PipelineSettings
from extractor.schemas import answer_schema


def digest(*parts: Any) -> str:
    """sha256 of the parts as canonical JSON."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def _endpoint(config: EndpointConfig) -> str:
    # The embedded model listens on a new port every run: its checksum identifies it instead.
    return "local" if config.kind == "local" else config.public_endpoint


def answer_base(config: EndpointConfig, pipeline: PipelineSettings) -> str:
    """What, besides the messages, decides the model's answer."""
    return digest(
        "answer",
        config.model,
        config.kind,
        _endpoint(config),
        pipeline.model_sha256,
        pipeline.prompt.sha256,
        SCHEMA_VERSION,
        config.sampling.model_dump(mode="json"),
        config.response_format,
    )


@functools.cache
def _schema_key(quotes: int, events: int | None) -> str:
    return digest(answer_schema(quotes, events))


def request_key(
    base: str, messages: list[dict[str, str]], quotes: int = 0, events: int | None = None
) -> str:
    """The key of one model request. The messages hold the prompt and the exact chunk of
    cleaned text, so cleaning and chunking settings are part of it; the schema sent with them
    (narrowed to ``quotes`` listed quotes, at most ``events`` events) is part of it too, so a
    change to it asks again."""
    return digest(base, messages, _schema_key(quotes, events))


def config_key(config: EndpointConfig, pipeline: PipelineSettings, version: str) -> str:
    """What, besides the article, decides its stored document (provenance included)."""
    return digest(
        "document",
        version,
        answer_base(config, pipeline),
        pipeline.chunk_chars,
        pipeline.price,
    )


def input_key(article: RawArticle) -> str:
    """The article as read: its bytes and the metadata that lands in its document."""
    return digest(
        "input",
        article.id,
        article.input_sha256,
        article.title,
        article.url,
        article.source,
        article.published_at.isoformat() if article.published_at else None,
        article.published_evidence,
        article.path,
    )
