"""Cache keys: hashes of everything that determines a model answer or a stored document."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from extractor.article.pipeline import PipelineSettings
from extractor.contract.article import RawArticle
from extractor.contract.endpoint import EndpointConfig
from extractor.contract.models import SCHEMA_VERSION
from extractor.contract.pricing import batch_price
from extractor.contract.schemas import PLAIN, Shape


def digest(*parts: Any) -> str:
    """sha256 of the parts as canonical JSON."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def _model(config: EndpointConfig, pipeline: PipelineSettings) -> tuple[str, str | None]:
    """The model's identity: the name the endpoint serves it under, and the checksum of its
    file when known; for the embedded model the checksum alone (its name is the file's)."""
    if config.kind == "local" and pipeline.model_sha256:
        return "", pipeline.model_sha256
    return config.model, pipeline.model_sha256


# The document schema version of 0.1.0, which its answer keys held.
LEGACY_SCHEMA_VERSION = "1.1.0"


def answer_base(config: EndpointConfig, pipeline: PipelineSettings) -> str:
    """What, besides the messages and the request schema (``request_key``), decides the
    model's answer: the model, the prompt, sampling and response format. Not where the
    endpoint is: the same model reached as localhost or 127.0.0.1, through a proxy or on a
    moved host answers the same. Nor the version of the stored document's schema: a change
    to the document alone rebuilds documents from the cached answers (``config_key``)."""
    return digest(
        "answer-v3",
        _model(config, pipeline),
        pipeline.prompt.sha256,
        config.sampling.model_dump(mode="json"),
        config.response_format,
    )


def legacy_answer_base(config: EndpointConfig, pipeline: PipelineSettings) -> str:
    """``answer_base`` of 0.1.0, which held the endpoint's URL and kind: answers cached under
    it are still found (and copied to the new key), so the change re-pays nothing."""
    endpoint = "local" if config.kind == "local" else config.public_endpoint
    return digest(
        "answer",
        config.model,
        config.kind,
        endpoint,
        pipeline.model_sha256,
        pipeline.prompt.sha256,
        LEGACY_SCHEMA_VERSION,
        config.sampling.model_dump(mode="json"),
        config.response_format,
    )


@functools.cache
def _schema_key(shape: Shape) -> str:
    return digest(shape.schema())


def request_key(base: str, messages: list[dict[str, str]], shape: Shape = PLAIN) -> str:
    """The key of one model request. The messages hold the prompt and the exact chunk of
    cleaned text, so cleaning and chunking settings are part of it; the schema sent with them
    (``shape``: narrowed to the sentence numbers listed, at most so many events, the fields
    asked) is part of it too, so a change to it asks again."""
    return digest(base, messages, _schema_key(shape))


@functools.cache
def code_sha256() -> str:
    """sha256 of the package's own code: a document built by other code of the same version
    is not the one this code builds."""
    return tree_sha256(Path(__file__).resolve().parents[1])


def tree_sha256(package: Path) -> str:
    """sha256 of the modules under ``package``: each one's path and bytes (no bytecode)."""
    files = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    hashed = hashlib.sha256()
    for path in files:
        hashed.update(path.relative_to(package).as_posix().encode() + b"\0")
        hashed.update(hashlib.sha256(path.read_bytes()).digest())
    return hashed.hexdigest()


def build_key(config_key: str, code: str) -> str:
    """What decides a stored document: its settings (``config_key``, which the document
    records) and the code that built it (which it does not record)."""
    return digest("build", config_key, code)


def config_key(config: EndpointConfig, pipeline: PipelineSettings, version: str) -> str:
    """What, besides the article, decides its stored document (provenance included)."""
    return digest(
        "document",
        version,
        SCHEMA_VERSION,
        answer_base(config, pipeline),
        pipeline.chunk_chars,
        pipeline.price,
        pipeline.small_model_rules,
        *((f"{pipeline.answers} answers",) if pipeline.answers != "full" else ()),
        *_batch_price(pipeline),
    )


def _batch_price(pipeline: PipelineSettings) -> tuple[object, ...]:
    """The batch price, in the key only where the live price does not decide it (unknown, or
    half the live price): so the key of a run that gives no batch price stays as it was."""
    implied = batch_price("", pipeline.price)
    return (pipeline.batch_price,) if pipeline.batch_price not in (None, implied) else ()


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
