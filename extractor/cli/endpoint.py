"""Which model endpoint ``extractor run`` calls: a remote one, or the embedded local model.

The embedded model (a 1.5B model on this machine's CPU) is chosen only when nothing remote is
configured, or with ``--local``. A model name or an API key without a base URL is a mistake
(a lost ``OPENAI_BASE_URL`` must not turn a night of API calls into days of CPU), so it stops
the run with a usage error instead of silently running the local model.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from extractor.contract.endpoint import EndpointConfig, public_url
from extractor.errors import ConfigError, InternalError
from extractor.text.words import counted

Choice = Literal["local", "remote"]


@dataclass(frozen=True)
class LocalOptions:
    model_file: Path | None
    cache_dir: Path
    threads: int | None  # None: the cores free at start (resolved before the model starts)
    ctx_size: int
    parallel: int
    priority: str = "normal"  # llama.cpp's scheduling level of its threads


@dataclass(frozen=True)
class Requested:
    """What the user configured, from any source; ``*_flag``: given on the command line."""

    base_url: str | None
    model: str | None
    api_key: bool  # whether a key is set (its value never gets here)
    local: bool
    base_url_flag: bool = False
    model_flag: bool = False


def choose(requested: Requested) -> Choice:
    """``remote`` with a base URL; ``local`` with ``--local`` or when nothing remote is set.

    A flag wins over the environment: ``--local`` ignores ``OPENAI_BASE_URL``,
    ``OPENAI_API_KEY`` and ``EXTRACTOR_MODEL``, but not a ``--base-url`` or ``--model`` given
    beside it."""
    if requested.local:
        if requested.base_url_flag:
            raise ConfigError("--local and --base-url contradict each other: give one.")
        if requested.model_flag:
            raise ConfigError(
                "--local runs the embedded model, which --model cannot rename: drop --model "
                "(--model-file loads another GGUF file)."
            )
        return "local"
    if requested.base_url:
        check_base_url(requested.base_url)
        return "remote"
    configured = []
    if requested.model:
        configured.append(f"model {requested.model}")
    if requested.api_key:
        configured.append("an API key")
    if configured:
        raise ConfigError(
            f"A remote endpoint is configured ({' and '.join(configured)}) but no base URL: "
            "pass --base-url (e.g. https://api.openai.com/v1) or set OPENAI_BASE_URL, or pass "
            "--local to run the embedded local model on this machine's CPU."
        )
    return "local"


def check_base_url(url: str) -> None:
    """Refuse a base URL the client cannot use as given; never echo a password."""
    try:
        parts = urlsplit(url)
        has_credentials = parts.username is not None or parts.password is not None
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        raise ConfigError("--base-url is not a valid URL: give e.g. http://HOST:8000/v1.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"--base-url {public_url(url)!r} is not an http(s) URL: give e.g. http://HOST:8000/v1."
        )
    if has_credentials:
        raise ConfigError(
            f"--base-url holds a user name or password ({public_url(url)} with user info): "
            "remove it and pass the key with --api-key or OPENAI_API_KEY."
        )


def describe(choice: Choice, config: EndpointConfig, local: LocalOptions) -> str:
    """The run's first line: which endpoint and model it uses (never the key)."""
    if choice == "local":
        from extractor.io.local_model import DEFAULT_MODEL

        name = local.model_file.name if local.model_file else DEFAULT_MODEL.name
        priority = "" if local.priority == "normal" else f", priority {local.priority}"
        return (
            f"endpoint: the embedded local model ({name}) on this machine's CPU, "
            f"{counted(local.threads, 'thread') if local.threads else 'threads auto'}{priority}"
        )
    return f"endpoint: {config.public_endpoint} ({config.kind}), model {config.model}"


def with_threads(local: LocalOptions) -> LocalOptions:
    """``local`` with ``--threads auto`` resolved: the cores idle now (see ``free_cores``), or
    every core (up to ``MAX_THREADS``) at a priority that takes them from other processes."""
    if local.threads is not None:
        return local
    from extractor.io.local_model import every_core, free_cores, takes_cores

    if takes_cores(local.priority):
        return replace(local, threads=every_core())
    return replace(local, threads=free_cores())


REMOTE_STOP_GRACE_S = 10.0


def default_stop_grace(kind: str) -> float:
    """Seconds the articles in flight get after a stop request, by endpoint kind. The embedded
    model finishes every request it has begun before it can stop (llama.cpp cannot cancel
    one), so its articles get that whole wait and keep their answers."""
    if kind != "local":
        return REMOTE_STOP_GRACE_S
    from extractor.io.local_model import STOP_TIMEOUT_S

    return STOP_TIMEOUT_S


def default_cache_dir() -> Path:
    explicit = os.environ.get("EXTRACTOR_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "extractor"


@contextmanager
def endpoint(
    choice: Choice, template: EndpointConfig, local: LocalOptions
) -> Iterator[tuple[EndpointConfig, str | None]]:
    """The configured remote endpoint, or the embedded local model started for the block."""
    if choice == "remote":
        if template.kind == "openai" and not template.api_key:
            raise ConfigError("No API key: pass --api-key or set OPENAI_API_KEY.")
        if not template.model:
            raise ConfigError("No model: pass --model or set EXTRACTOR_MODEL.")
        yield replace(template, api_key=template.api_key or "not-needed"), None
        return
    from extractor.io.local_model import LocalModelConfig, serve

    if local.threads is None:
        raise InternalError("the local model's thread count was not resolved (with_threads)")

    config = LocalModelConfig(
        model_file=local.model_file,
        cache_dir=local.cache_dir,
        n_threads=local.threads,
        n_ctx=local.ctx_size,
        n_parallel=local.parallel,
        priority=local.priority,
    )
    with serve(config) as served:
        # The served name, never a --model or EXTRACTOR_MODEL meant for a remote endpoint.
        yield (
            replace(
                template,
                base_url=served.base_url,
                model=served.model,
                api_key=served.api_key,
                kind="local",
            ),
            served.model_sha256,
        )
