"""``extractor run``: articles in, one JSON document per article out."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import click

from extractor.errors import ConfigError, ExtractorError
from extractor.inputs import load_inputs
from extractor.llm import EndpointConfig, ModelClient, endpoint_kind
from extractor.pipeline import PipelineSettings
from extractor.progress import reporter
from extractor.prompts import DEFAULT_PROMPT, default_prompts_dir, load_prompt
from extractor.runner import Progress, RunSettings, run_batch


@dataclass(frozen=True)
class LocalOptions:
    model_file: Path | None
    cache_dir: Path
    threads: int
    ctx_size: int
    parallel: int


def default_cache_dir() -> Path:
    explicit = os.environ.get("EXTRACTOR_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "extractor"


@contextmanager
def endpoint(
    template: EndpointConfig, local: LocalOptions
) -> Iterator[tuple[EndpointConfig, str | None]]:
    """The configured endpoint, or the embedded local model when no base URL is set."""
    if template.base_url:
        if template.kind == "openai" and not template.api_key:
            raise ConfigError("No API key: pass --api-key or set OPENAI_API_KEY.")
        if not template.model:
            raise ConfigError("No model: pass --model or set EXTRACTOR_MODEL.")
        yield replace(template, api_key=template.api_key or "not-needed"), None
        return
    from extractor.local_model import LocalModelConfig, serve

    config = LocalModelConfig(
        model_file=local.model_file,
        cache_dir=local.cache_dir,
        n_threads=local.threads,
        n_ctx=local.ctx_size,
        n_parallel=local.parallel,
    )
    with serve(config) as served:
        yield (
            replace(
                template,
                base_url=served.base_url,
                model=template.model or served.model,
                api_key="not-needed",
                kind="local",
            ),
            served.model_sha256,
        )


async def _run(
    inputs: list[Path],
    manifest: Path | None,
    max_bytes: int,
    endpoint_config: EndpointConfig,
    pipeline: PipelineSettings,
    settings: RunSettings,
    quiet: bool,
) -> int:
    items = load_inputs(inputs, manifest=manifest, max_bytes=max_bytes)
    report = reporter(sys.stderr, interactive=sys.stderr.isatty())
    progress = Progress(total=len(items), report=(lambda _: None) if quiet else report)
    client = ModelClient(endpoint_config)
    try:
        result = await run_batch(items, client, pipeline, settings, progress)
    finally:
        await client.aclose()
    for failure in result.failures:
        click.echo(f"failed: {failure.id}: {failure.stage}: {failure.message}", err=True)
    if not quiet:
        counts = result.counts
        click.echo(
            f"{counts.total} articles: {counts.added} added, {counts.changed} changed, "
            f"{counts.unchanged} unchanged, {counts.failed} failed -> {settings.out_dir}",
            err=True,
        )
    return 1 if result.failures else 0


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output directory (created if missing; reused in place).",
)
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSONL or CSV of metadata (id or path, title, url, published_at, source).",
)
@click.option("--model", envvar="EXTRACTOR_MODEL", help="Model name. [env: EXTRACTOR_MODEL]")
@click.option(
    "--base-url",
    envvar="OPENAI_BASE_URL",
    help="OpenAI-compatible endpoint; none: the embedded local model. [env: OPENAI_BASE_URL]",
)
@click.option("--api-key", envvar="OPENAI_API_KEY", help="API key. [env: OPENAI_API_KEY]")
@click.option(
    "--response-format",
    type=click.Choice(["auto", "json_schema", "json_object"]),
    default="auto",
    show_default=True,
    help="auto: strict json_schema, falling back to JSON mode where unsupported.",
)
@click.option("--temperature", type=float, default=0.0, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--max-tokens", type=int, default=2048, show_default=True, help="Answer token limit.")
@click.option(
    "--timeout", type=float, default=300.0, show_default=True, help="Seconds per request."
)
@click.option(
    "--max-attempts",
    type=int,
    default=6,
    show_default=True,
    help="Attempts per request on 429, 5xx, timeouts and dropped connections.",
)
@click.option(
    "--reasks",
    type=int,
    default=2,
    show_default=True,
    help="Re-asks with the errors when an answer does not fit the schema.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 256),
    default=None,
    help="Articles in flight at once. [default: 4 remote, 1 local]",
)
@click.option(
    "--chunk-chars",
    type=click.IntRange(1000),
    default=12_000,
    show_default=True,
    help="Longer cleaned texts are split into overlapping chunks.",
)
@click.option(
    "--max-input-bytes",
    type=click.IntRange(1),
    default=5_000_000,
    show_default=True,
    help="Inputs larger than this are refused (per article).",
)
@click.option(
    "--prompts-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Directory of prompt templates. [default: prompts/]",
)
@click.option(
    "--model-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Local model: a GGUF file instead of the packaged default.",
)
@click.option(
    "--model-cache",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Local model: where the packaged model is assembled. "
    "[env: EXTRACTOR_CACHE_DIR; default: ~/.cache/extractor]",
)
@click.option(
    "--threads",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Local model: CPU threads.",
)
@click.option(
    "--ctx-size",
    type=click.IntRange(512),
    default=8192,
    show_default=True,
    help="Local model: context size in tokens (shared by the parallel slots).",
)
@click.option(
    "--parallel",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Local model: parallel slots.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr.")
def run(
    inputs: tuple[Path, ...],
    out_dir: Path,
    manifest: Path | None,
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    response_format: str,
    temperature: float,
    seed: int,
    max_tokens: int,
    timeout: float,
    max_attempts: int,
    reasks: int,
    concurrency: int | None,
    chunk_chars: int,
    max_input_bytes: int,
    prompts_dir: Path | None,
    model_file: Path | None,
    model_cache: Path | None,
    threads: int,
    ctx_size: int,
    parallel: int,
    quiet: bool,
) -> None:
    """Extract events from INPUTS (.txt, .html, .json, .jsonl files or directories)."""
    template = EndpointConfig(
        base_url=base_url or "",
        model=model or "",
        api_key=api_key or "",
        kind=endpoint_kind(base_url) if base_url else "local",
        response_format=response_format,  # type: ignore[arg-type]
        temperature=temperature,
        seed=seed,
        max_tokens=max_tokens,
        timeout_s=timeout,
        max_attempts=max_attempts,
        reasks=reasks,
    )
    local = LocalOptions(
        model_file, model_cache or default_cache_dir(), threads, ctx_size, parallel
    )
    try:
        prompt = load_prompt(prompts_dir or default_prompts_dir(), DEFAULT_PROMPT)
        with endpoint(template, local) as (config, model_sha256):
            settings = RunSettings(
                out_dir=out_dir,
                concurrency=concurrency or (parallel if config.kind == "local" else 4),
                inputs=[str(p) for p in inputs],
                config=_public_config(config, chunk_chars, manifest),
            )
            pipeline = PipelineSettings(
                prompt=prompt, chunk_chars=chunk_chars, model_sha256=model_sha256
            )
            code = asyncio.run(
                _run(list(inputs), manifest, max_input_bytes, config, pipeline, settings, quiet)
            )
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    except ExtractorError as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


def _public_config(
    config: EndpointConfig, chunk_chars: int, manifest: Path | None
) -> dict[str, str | int | float | bool | None]:
    """The run's configuration as recorded in run.json: never the key."""
    return {
        "model": config.model,
        "endpoint": config.public_endpoint,
        "endpoint_kind": config.kind,
        "response_format": config.response_format,
        "temperature": config.temperature,
        "seed": config.seed,
        "max_tokens": config.max_tokens,
        "reasks": config.reasks,
        "chunk_chars": chunk_chars,
        "manifest": str(manifest) if manifest else None,
    }
