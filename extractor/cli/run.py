"""``extractor run``: articles in, one JSON document per article out."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

from extractor.article.pipeline import PipelineSettings, default_chunk_chars
from extractor.article.prompt import PROMPTS, default_prompts_dir, load_prompt
from extractor.cli.batch_modes import (
    LIVE,
    Mode,
    ModeKind,
    choose_for,
    describe_for,
    endpoint_for,
    run_mode,
    with_prices,
)
from extractor.cli.endpoint import (
    LocalOptions,
    Requested,
    default_cache_dir,
    default_stop_grace,
    with_threads,
)
from extractor.cli.exits import Command
from extractor.cli.outcome import finished, link_stories
from extractor.contract.endpoint import EndpointConfig, endpoint_kind
from extractor.contract.pricing import Price, looks_per_thousand, parse_price, price_for, price_text
from extractor.contract.schemas import Answers
from extractor.engine import (
    MAX_BYTES,
    MAX_REQUESTS,
    AppendFile,
    BatchOptions,
    JsonLog,
    Limit,
    Log,
    Refresh,
    RunSettings,
    Shard,
    Stopper,
    Stream,
    Tee,
    TextLog,
    code_sha256,
    default_cache_path,
    parse_shard,
    run_batch,
)
from extractor.errors import ConfigError
from extractor.io.config import load_config
from extractor.io.gc_pace import fewer_collections
from extractor.io.inputs import load_inputs

PRICES_KEY = "extractor.prices"
# The local model's --model-priority levels, llama.cpp's own (``local_model.priority``, not
# imported here: the local model's package is loaded only when a run uses it).
MODEL_PRIORITIES = ["low", "normal", "medium", "high", "realtime"]


class Threads(click.ParamType[int | None, object]):
    """``--threads``: a whole number of at least 1, or ``auto`` (None: chosen at start)."""

    name = "N|auto"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int | None:
        if value is None or value == "auto":
            return None
        if isinstance(value, int) and value >= 1:
            return value
        if isinstance(value, str) and value.isdigit() and int(value) >= 1:
            return int(value)
        self.fail(f"{value!r} is neither a whole number of at least 1 nor 'auto'.", param, ctx)


@dataclass(frozen=True)
class Reporting:
    quiet: bool
    log_format: str
    every_s: float = 10.0
    log_file: Path | None = None


def _observer(reporting: Reporting) -> Log:
    """stderr, and ``--log-file`` as well: every line (``--quiet`` is for stderr only)."""
    log = _log(reporting.log_format, sys.stderr, sys.stderr.isatty(), reporting)
    if reporting.log_file is None:
        return log
    file = AppendFile(reporting.log_file, lambda m: click.echo(f"warning: {m}", err=True))
    try:
        file.check()
    except OSError as exc:
        raise ConfigError(
            f"cannot write --log-file {reporting.log_file}: {exc.strerror or exc}"
        ) from exc
    return Tee([log, _log(reporting.log_format, file, False, replace(reporting, quiet=False))])


def _log(log_format: str, stream: Stream, interactive: bool, reporting: Reporting) -> Log:
    if log_format == "json":
        return JsonLog(stream, quiet=reporting.quiet, every_s=reporting.every_s)
    return TextLog(
        stream, interactive=interactive, quiet=reporting.quiet, every_s=reporting.every_s
    )


async def _run(
    inputs: list[Path],
    manifest: Path | None,
    max_bytes: int,
    endpoint_config: EndpointConfig,
    pipeline: PipelineSettings,
    settings: RunSettings,
    observer: Log,
    mode: Mode = LIVE,
) -> int:
    stopper = Stopper()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopper.request, sig.name)
    try:
        # In a thread, so a signal that comes while inputs are read is seen at once and no
        # article is started after it.
        items = await asyncio.to_thread(load_inputs, inputs, manifest=manifest, max_bytes=max_bytes)
        if mode.kind != "live":
            return await run_mode(
                mode, items, endpoint_config, pipeline, settings, observer, stopper
            )
        result = await run_batch(
            items, endpoint_config, pipeline, settings, observer=observer, stopper=stopper
        )
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    if not result.missing_shards:
        link_stories(settings, observer, result.facts)
    return finished(result, observer)


def _load_config(ctx: click.Context, _: click.Parameter, value: Path | None) -> Path | None:
    """``--config``: read it before the other options, as their defaults."""
    if value is None:
        return None
    allowed = {
        flag.lstrip("-").replace("-", "_"): param.name
        for param in ctx.command.params
        if isinstance(param, click.Option) and param.name and param.name != "config"
        for flag in param.opts
        if flag.startswith("--")
    }
    try:
        config = load_config(value, allowed)
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from exc
    ctx.default_map = {**(ctx.default_map or {}), **config.defaults}
    ctx.meta[PRICES_KEY] = config.prices
    return value


def request_timeout(base_url: str | None) -> float:
    """Seconds per request by default: the local model queues requests and cannot cancel one
    its client gave up on, so a timeout there costs a whole second generation."""
    return 300.0 if base_url else 3600.0


@click.command(cls=Command)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="EXTRACTOR_CONFIG",
    is_eager=True,
    expose_value=False,
    callback=_load_config,
    help="TOML file of defaults for these flags ([run]) and prices ([prices]). "
    "[env: EXTRACTOR_CONFIG]",
)
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
    help="OpenAI-compatible endpoint, e.g. https://api.openai.com/v1. [env: OPENAI_BASE_URL]",
)
@click.option("--api-key", envvar="OPENAI_API_KEY", help="API key. [env: OPENAI_API_KEY]")
@click.option(
    "--local",
    is_flag=True,
    help="Run the embedded local model on this CPU (the default only when no base URL, model "
    "or API key is set; a model or key without a base URL is a usage error).",
)
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
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Seconds per request. [default: 300 remote; local: 3600, since a request to the local "
    "model waits for the one before it and is generated again if it is retried]",
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
    help="Articles asking the model at once (as many more may be building their documents). "
    "[default: 16 remote; local: --parallel]",
)
@click.option(
    "--processes",
    type=click.IntRange(0, 64),
    default=None,
    help="Worker processes for cleaning and building documents beside the one that calls the "
    "endpoint (used from 64 articles to extract on). [default: 1 remote with 2 or more CPUs, "
    "else 0]",
)
@click.option(
    "--rpm",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Requests per minute for the whole run. [default: no limit]",
)
@click.option(
    "--tpm",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Tokens per minute for the whole run (prompt estimate + --max-tokens per request).",
)
@click.option(
    "--max-cost",
    type=click.FloatRange(min=0),
    default=None,
    help="USD: start no new article once the run could exceed this (needs a known price).",
)
@click.option(
    "--price",
    default=None,
    metavar="PROMPT,COMPLETION",
    help="USD per million (1M) prompt and completion tokens, as providers publish them, e.g. "
    "0.15,0.6 (per 1,000 tokens up to 0.1.0). [default: built-in table for some "
    "OpenAI models, [prices] of --config; local model: 0]",
)
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite run cache. [default: OUT/.extractor-cache.sqlite; with --shard K/N: "
    "OUT/.extractor-cache.shard-K-of-N.sqlite]",
)
@click.option(
    "--only-changed",
    is_flag=True,
    help="Re-extract only new and changed articles, even if the model, prompt or settings "
    "changed (documents of unchanged articles are kept as they are).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Re-extract every article with fresh model calls (the cache is updated, not read).",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Extract only the articles that failed in the previous run of OUT.",
)
@click.option(
    "--shard",
    default=None,
    metavar="K/N",
    help="Process the K-th of N shards (by a hash of the article id); N runs can share OUT.",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=None,
    metavar="N",
    help="Try the run on the first N articles (by id); the others are listed as skipped and "
    "keep their documents.",
)
@click.option(
    "--sample",
    type=click.IntRange(1),
    default=None,
    metavar="N",
    help="Like --limit, on N articles picked at random (the same for the same --sample-seed).",
)
@click.option("--sample-seed", type=int, default=0, show_default=True, help="Seed of --sample.")
@click.option(
    "--stop-grace",
    type=click.FloatRange(min=0),
    default=None,
    help="After SIGINT/SIGTERM, seconds that articles in flight get to finish. With the "
    "embedded model they send no new request and keep the answers under way, which it "
    "finishes anyway.  [default: 10; the embedded model: 600]",
)
@click.option(
    "--answers",
    type=click.Choice(list(PROMPTS)),
    default="full",
    show_default=True,
    help="What the model is asked for each event. short: no description and no tense (fewer "
    "answer tokens: the description is the sentence the event points at, the tense is read "
    "from its verb); the prompt is <prompts-dir>/extract-short.*.txt. anchors: only the "
    "sentence and the trigger; who, where and when are read from the sentence's parse; the "
    "prompt is <prompts-dir>/extract-anchors.*.txt.",
)
@click.option(
    "--small-model-rules",
    type=click.Choice(["auto", "on", "off"]),
    default="auto",
    show_default=True,
    help="The rules for a small model's habits: what it lists as events but is none is dropped "
    "(W008), and a trigger with no verb takes the sentence's verb even where another event "
    "holds it (docs/RULES.md). auto: on for the embedded local model, off for any other "
    "endpoint.",
)
@click.option(
    "--chunk-chars",
    type=click.IntRange(1000),
    default=None,
    help="Longer cleaned texts are split into overlapping chunks. [default: 12000 remote; "
    "local: 1200, since the small local model reports about two events a request]",
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
    type=Threads(),
    default=None,
    help="Local model: CPU threads, or 'auto': the cores idle when the model starts (at "
    "most 2). [default: auto]",
)
@click.option(
    "--ctx-size",
    type=click.IntRange(512),
    default=8192,
    show_default=True,
    help="Local model: context size in tokens of one request (each parallel slot has it).",
)
@click.option(
    "--parallel",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Local model: parallel slots.",
)
@click.option(
    "--model-priority",
    type=click.Choice(MODEL_PRIORITIES),
    default="normal",
    show_default=True,
    help="Local model: llama.cpp's scheduling level of its threads. medium, high and realtime "
    "take the cores from other processes while it generates (real-time scheduling: needs root "
    "or CAP_SYS_NICE); with --threads auto they use every core.",
)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one JSON object per line on stderr, for orchestrators.",
)
@click.option(
    "--progress-every",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    help="Seconds between progress lines when stderr is not a terminal.",
)
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append the log lines (--log-format, with times) to this file as well as stderr; "
    "it gets every line, whatever --quiet.",
)
@click.option(
    "--quiet", "-q", is_flag=True, help="Only failures and warnings on stderr, no progress."
)
@click.option(
    "--batch",
    "batch_api",
    is_flag=True,
    help="Send the requests through the provider's Batch API (about half the price, answers "
    "within 24 hours); the batch ids are kept in the cache, so the next run collects them.",
)
@click.option(
    "--wait",
    is_flag=True,
    help="With --batch: wait until every batch has ended (progress on stderr), then write all "
    "documents. Without it the run submits or collects, writes what is done and exits 75.",
)
@click.option(
    "--batch-retry",
    type=click.Choice(["live", "batch"]),
    default="live",
    show_default=True,
    help="With --batch: where requests a batch did not answer well go (a failed line, a "
    "refusal, an answer that does not fit the schema, the halves of a cut-off chunk).",
)
@click.option(
    "--batch-max-requests",
    type=click.IntRange(1),
    default=MAX_REQUESTS,
    show_default=True,
    help="With --batch: requests per batch file (the provider's limit).",
)
@click.option(
    "--batch-max-bytes",
    type=click.IntRange(1),
    default=MAX_BYTES,
    show_default=True,
    help="With --batch: bytes per batch file (the provider's limit).",
)
@click.option(
    "--batch-poll",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    help="With --batch --wait: seconds between looks at the open batches.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print what the run would send (articles, requests, estimated tokens) and its "
    "estimated cost at the live and the batch price; call nothing.",
)
def run(
    batch_api: bool,
    wait: bool,
    batch_retry: str,
    batch_max_requests: int,
    batch_max_bytes: int,
    batch_poll: float,
    dry_run: bool,
    **params: Any,
) -> None:
    """Extract events from INPUTS (.txt, .html, .json, .jsonl files or directories).

    Re-running on the same --out extracts only new and changed articles (answers are cached
    in OUT/.extractor-cache.sqlite); a killed run resumes where it stopped.

    The embedded local model runs only when no base URL, model or API key is configured, or
    with --local; every run's first line on stderr names its endpoint and model.

    Exit status: 0 every article done; 1 some failed or were left (--max-cost); 2 bad usage;
    3 the endpoint failed (refused key, unknown model, no connection: checked before the
    first request, and the run stops at once; run.json status "failed" when nothing was
    done); 75 with --batch, batches are still open: run the same command again later;
    130 after SIGINT, 143 after SIGTERM (run.json is written, status "interrupted").
    """
    if dry_run and batch_api:
        raise ConfigError("--dry-run shows the cost of both routes: drop --batch.")
    if wait and not batch_api:
        raise ConfigError("--wait waits for the batches of --batch: add --batch.")
    options = BatchOptions(
        wait=wait,
        retry="batch" if batch_retry == "batch" else "live",
        max_requests=batch_max_requests,
        max_bytes=batch_max_bytes,
        poll_s=batch_poll,
    )
    kind: ModeKind = "dry-run" if dry_run else "batch" if batch_api else "live"
    execute(Mode(kind, batch=options), **params)


def execute(
    mode: Mode,
    inputs: tuple[Path, ...],
    out_dir: Path,
    manifest: Path | None,
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    local: bool,
    response_format: str,
    temperature: float,
    seed: int,
    max_tokens: int,
    timeout: float | None,
    max_attempts: int,
    reasks: int,
    concurrency: int | None,
    processes: int | None,
    rpm: float | None,
    tpm: float | None,
    max_cost: float | None,
    price: str | None,
    cache_path: Path | None,
    only_changed: bool,
    force: bool,
    retry_failed: bool,
    shard: str | None,
    limit: int | None,
    sample: int | None,
    sample_seed: int,
    stop_grace: float | None,
    small_model_rules: str,
    answers: Answers,
    chunk_chars: int | None,
    max_input_bytes: int,
    prompts_dir: Path | None,
    model_file: Path | None,
    model_cache: Path | None,
    threads: int | None,
    ctx_size: int,
    parallel: int,
    model_priority: str,
    log_format: str,
    progress_every: float,
    log_file: Path | None,
    quiet: bool,
) -> None:
    """The run in ``mode``, with the flags of ``extractor run``."""
    ctx = click.get_current_context()
    flags = {
        name
        for name in ("base_url", "model")
        if ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE
    }
    requested = Requested(
        base_url, model, bool(api_key), local, "base_url" in flags, "model" in flags
    )
    if local:
        base_url = None
    template = EndpointConfig(
        base_url=base_url or "",
        model=model or "",
        api_key=api_key or "",
        kind=endpoint_kind(base_url) if base_url else "local",
        response_format=response_format,  # type: ignore[arg-type]
        temperature=temperature,
        seed=seed,
        max_tokens=max_tokens,
        timeout_s=timeout or request_timeout(base_url),
        max_attempts=max_attempts,
        reasks=reasks,
    )
    local_options = LocalOptions(
        model_file,
        model_cache or default_cache_dir(),
        threads,
        ctx_size,
        parallel,
        model_priority,
    )
    prices = ctx.meta.get(PRICES_KEY, {})
    reporting = Reporting(
        quiet=quiet, log_format=log_format, every_s=progress_every, log_file=log_file
    )
    choice = choose_for(mode, requested)
    if choice == "local" and mode.kind != "dry-run":
        local_options = with_threads(local_options)
    if only_changed and force:
        raise ConfigError("--only-changed and --force contradict each other: give one.")
    if limit is not None and sample is not None:
        raise ConfigError("--limit and --sample contradict each other: give one.")
    refresh: Refresh = "force" if force else "only-changed" if only_changed else "changed"
    parsed_shard = parse_shard(shard) if shard else None
    explicit = parse_price(price) if price else None
    prompt = load_prompt(prompts_dir or default_prompts_dir(), PROMPTS[answers])
    observer = _observer(reporting)
    observer.note("endpoint", describe_for(mode, choice, template, local_options))
    with endpoint_for(mode, choice, template, local_options) as (config, model_sha256):
        per_million = price_for(config.model, config.kind, explicit=explicit, table=prices)
        mode = with_prices(mode, config, per_million, prices)
        if max_cost is not None and per_million is None:
            raise ConfigError(
                f"--max-cost needs the price of {config.model}: pass --price "
                "PROMPT,COMPLETION (USD per million tokens, e.g. 0.15,0.6) or add it to "
                "[prices] of --config."
            )
        if per_million is not None and looks_per_thousand(per_million):
            observer.note(
                "budget",
                f"the price of {config.model} is {price_text(per_million)}: prices are per "
                "million tokens now (they were per 1,000); check --price and [prices]",
            )
        chunk_chars = chunk_chars or default_chunk_chars(config.kind)
        settings = RunSettings(
            out_dir=out_dir,
            concurrency=concurrency or (parallel if config.kind == "local" else 16),
            processes=_processes(processes, config.kind),
            inputs=[str(p) for p in inputs],
            cache_path=cache_path,
            refresh=refresh,
            retry_failed=retry_failed,
            shard=parsed_shard,
            rpm=rpm,
            tpm=tpm,
            max_cost=max_cost,
            price=per_million,
            batch_price=mode.batch.price,
            grace_s=default_stop_grace(config.kind) if stop_grace is None else stop_grace,
            # llama.cpp finishes a request it has begun even when its client has gone.
            only_sent_after_stop=config.kind == "local",
            limit=Limit(limit) if limit else Limit(sample, sample_seed) if sample else None,
            config={},
        )
        embedded = local_options if config.kind == "local" else None
        public = _public_config(config, chunk_chars, manifest, settings, embedded)
        settings = replace(settings, config=public)
        pipeline = PipelineSettings(
            prompt=prompt,
            chunk_chars=chunk_chars,
            model_sha256=model_sha256,
            price=per_million,
            batch_price=mode.batch.price,
            small_model_rules=(
                config.kind == "local" if small_model_rules == "auto" else small_model_rules == "on"
            ),
            answers=answers,
        )
        if mode.kind in ("batch", "export", "import") and refresh == "force":
            raise ConfigError("--force asks every request live again: drop it here.")
        with fewer_collections():
            code = asyncio.run(
                _run(
                    list(inputs),
                    manifest,
                    max_input_bytes,
                    config,
                    pipeline,
                    settings,
                    observer,
                    mode,
                )
            )
    sys.exit(code)


def _public_config(
    config: EndpointConfig,
    chunk_chars: int,
    manifest: Path | None,
    settings: RunSettings,
    local: LocalOptions | None = None,
) -> dict[str, str | int | float | bool | None]:
    """The run's configuration as recorded in run.json: never the key. With the embedded
    model (``local``), also its threads, slots and priority: its fresh answers depend on the
    thread count, which ``--threads auto`` takes from the load."""
    cache = settings.cache_path or default_cache_path(settings.out_dir, settings.shard)
    public: dict[str, str | int | float | bool | None] = {
        "model": config.model,
        "endpoint": config.public_endpoint if config.kind != "local" else "local",
        "endpoint_kind": config.kind,
        "response_format": config.response_format,
        "temperature": config.temperature,
        "seed": config.seed,
        "max_tokens": config.max_tokens,
        "reasks": config.reasks,
        "chunk_chars": chunk_chars,
        "manifest": str(manifest) if manifest else None,
        "concurrency": settings.concurrency,
        "processes": settings.processes,
        "rpm": settings.rpm,
        "tpm": settings.tpm,
        "max_cost": settings.max_cost,
        "price": _price_text(settings.price),
        "batch_price": _price_text(settings.batch_price),
        "cache": str(cache),
        "refresh": settings.refresh,
        "retry_failed": settings.retry_failed,
        "shard": _shard_text(settings.shard),
        "limit": settings.limit.label if settings.limit is not None else None,
        "code_sha256": code_sha256(),  # the code: a change within one version shows in a diff
    }
    if local is not None:
        public |= {
            "threads": local.threads,
            "parallel": local.parallel,
            "model_priority": local.priority,
        }
    return public


def _processes(given: int | None, kind: str) -> int:
    """``--processes``, or one worker process when a remote endpoint leaves the CPUs free (the
    local model keeps them busy) and there is more than one."""
    if given is not None:
        return given
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 1 if kind != "local" and (cpus or 1) > 1 else 0


def _price_text(price: Price | None) -> str | None:
    return price_text(price) if price is not None else None


def _shard_text(shard: Shard | None) -> str | None:
    return shard.label if shard is not None else None
