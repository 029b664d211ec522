"""What one endpoint is (its settings) and what one call to it gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from extractor.contract.models import ModelExtraction, Sampling, Usage

ResponseFormat = Literal["auto", "json_schema", "json_object"]
OPENAI_HOST = "api.openai.com"


@dataclass(frozen=True)
class EndpointConfig:
    """Everything needed to reach one endpoint. ``api_key`` never leaves this object."""

    base_url: str
    model: str
    api_key: str = field(repr=False)
    kind: str = "openai-compatible"
    response_format: ResponseFormat = "auto"
    temperature: float = 0.0
    seed: int | None = 0
    max_tokens: int | None = 2048
    timeout_s: float = 120.0
    max_attempts: int = 6
    max_retry_s: float = 300.0
    reasks: int = 2

    @property
    def sampling(self) -> Sampling:
        return Sampling(temperature=self.temperature, seed=self.seed, max_tokens=self.max_tokens)

    @property
    def public_endpoint(self) -> str:
        return public_url(self.base_url)


def public_url(url: str) -> str:
    """Scheme, host, port and path only: no user info, query or fragment (they may hold keys)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}".rstrip("/")


def endpoint_kind(base_url: str) -> str:
    host = urlsplit(base_url).hostname or ""
    return "openai" if host == OPENAI_HOST else "openai-compatible"


Route = Literal["live", "batch"]


@dataclass
class CallResult:
    extraction: ModelExtraction
    usage: Usage
    attempts: int  # HTTP requests made, retries and re-asks included
    response_format: Literal["json_schema", "json_object"]
    # How the answer came: "batch" through a provider's Batch API (priced at the batch price),
    # "live" every other way (a live call, an imported engine's answer: the run's price).
    route: Route = "live"
