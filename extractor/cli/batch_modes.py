"""The ways ``extractor run`` can go besides live: ``--batch``, ``--dry-run``, and the
``extractor batch export`` / ``import`` of requests for an offline engine.

Each takes the same flags as a live run; this module picks the endpoint each needs (none for
an offline engine or a dry run: the embedded model is never started for them) and runs it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import click

from extractor.article.pipeline import PipelineSettings
from extractor.cli.endpoint import (
    LocalOptions,
    Requested,
    check_base_url,
    choose,
    describe,
    endpoint,
)
from extractor.cli.exits import PENDING
from extractor.cli.outcome import finished, link_stories
from extractor.contract.article import RawArticle
from extractor.contract.endpoint import EndpointConfig
from extractor.contract.models import Usage
from extractor.contract.pricing import Price, batch_price, cost, price_text
from extractor.engine import (
    BatchOptions,
    Estimate,
    Log,
    RunSettings,
    Stopper,
    dry_run,
    export_requests,
    import_results,
    run_batched,
)
from extractor.errors import ConfigError
from extractor.io.inputs import InputProblem

ModeKind = Literal["live", "batch", "dry-run", "export", "import"]
Choice = Literal["local", "remote", "offline"]
OFFLINE = "offline://"  # the endpoint an offline engine's answers are recorded with


@dataclass(frozen=True)
class Mode:
    kind: ModeKind = "live"
    path: Path | None = None  # export: the request file to write; import: the results to read
    batch: BatchOptions = field(default_factory=BatchOptions)
    live_price: Price | None = None


LIVE = Mode()


def choose_for(mode: Mode, requested: Requested) -> Choice:
    """``offline`` for export and import without a base URL; a live run's choice otherwise
    (``--batch`` needs a remote provider)."""
    if mode.kind in ("export", "import"):
        if requested.local:
            raise ConfigError(
                f"batch {mode.kind} is for an offline engine: give --model (the name it serves), "
                "not --local."
            )
        if requested.base_url:
            check_base_url(requested.base_url)
            return "remote"
        return "offline"
    choice = choose(requested)
    if mode.kind == "batch" and choice == "local":
        raise ConfigError(
            "--batch needs a provider's Batch API: pass --base-url (e.g. "
            "https://api.openai.com/v1) and --model."
        )
    return choice


def describe_for(mode: Mode, choice: Choice, config: EndpointConfig, local: LocalOptions) -> str:
    if choice == "offline":
        return f"endpoint: none (requests for an offline engine), model {config.model or '?'}"
    if mode.kind == "dry-run" and choice == "local":
        return "endpoint: the embedded local model (not started: --dry-run)"
    line = describe(choice, config, local)
    return line + ", through its Batch API" if mode.kind == "batch" else line


@contextmanager
def endpoint_for(
    mode: Mode, choice: Choice, template: EndpointConfig, local: LocalOptions
) -> Iterator[tuple[EndpointConfig, str | None]]:
    """The endpoint ``mode`` needs; the embedded model is started only for a live run."""
    if choice == "offline":
        if not template.model:
            raise ConfigError(
                "No model: pass --model, the name the offline engine serves (vLLM: its --model "
                "or --served-model-name)."
            )
        yield replace(template, base_url=OFFLINE, kind="offline", api_key="not-needed"), None
        return
    if choice == "local" and mode.kind == "dry-run":
        from extractor.io.local_model import DEFAULT_MODEL, verify_model_file

        # Not started, but known by the checksum a run records: its cached answers count.
        if local.model_file is None:
            name, sha256 = DEFAULT_MODEL.name, DEFAULT_MODEL.sha256
        else:
            name, sha256 = local.model_file.stem, verify_model_file(local.model_file)
        yield replace(template, model=name, kind="local"), sha256
        return
    with endpoint("local" if choice == "local" else "remote", template, local) as made:
        yield made


def with_prices(
    mode: Mode, config: EndpointConfig, live: Price | None, table: Mapping[str, Price]
) -> Mode:
    """``mode`` with the live price and the batch price of ``config.model``."""
    price = batch_price(config.model, live, table)
    return replace(mode, live_price=live, batch=replace(mode.batch, price=price))


async def run_mode(
    mode: Mode,
    items: Sequence[RawArticle | InputProblem],
    config: EndpointConfig,
    pipeline: PipelineSettings,
    settings: RunSettings,
    observer: Log,
    stopper: Stopper,
) -> int:
    """Run ``mode`` (not ``live``); its exit code."""
    if mode.kind == "dry-run":
        estimate = await dry_run(items, config, pipeline, settings)
        for line in estimate_lines(estimate, config.model, mode):
            click.echo(line)
        return 0
    if mode.kind == "export":
        path = _path(mode)
        plan = await export_requests(items, config, pipeline, settings, path)
        count = len({r.key for r in plan.requests})
        observer.note(
            "batch",
            f"wrote {count} requests of {len(plan.needing)} articles to {path} ({plan.answered} "
            "already answered in the cache); answer them, then: extractor batch import",
        )
        return 0
    if mode.kind == "import":
        done = await import_results(
            items,
            config,
            pipeline,
            settings,
            _path(mode),
            live=config.kind != "offline",
            observer=observer,
            stopper=stopper,
        )
        got = done.collected
        observer.note(
            "batch",
            f"imported {got.stored} answers, {got.truncated} cut off, {len(got.rejected)} "
            f"unusable, {len(got.unknown)} not requests of this run",
        )
        for custom_id, reason in sorted(got.rejected.items())[:5]:
            observer.note("batch", f"  {custom_id}: {reason}")
        if done.missing and config.kind == "offline":
            observer.note(
                "batch",
                f"{done.missing} requests still have no answer (failed, unusable, or the halves "
                "of a cut-off chunk): export again for them, or import with --base-url to ask "
                "them live",
            )
        if not done.result.missing_shards:
            link_stories(settings, observer)
        return finished(done.result, observer)
    batched = await run_batched(
        items, config, pipeline, settings, mode.batch, observer=observer, stopper=stopper
    )
    result = batched.result
    code = None
    if batched.open and result.stop_reason is None and result.endpoint_failure is None:
        code = PENDING
        observer.note(
            "batch",
            f"{batched.open} batches still open: run the same command again to collect them "
            f"(exit {PENDING})",
        )
    if not result.missing_shards:
        link_stories(settings, observer)  # the documents written so far
    return finished(result, observer, code)


def _path(mode: Mode) -> Path:
    if mode.path is None:
        raise ConfigError(f"batch {mode.kind} needs its file.")
    return mode.path


def estimate_lines(estimate: Estimate, model: str, mode: Mode) -> list[str]:
    """``--dry-run``'s lines on stdout."""
    usage = Usage(prompt_tokens=estimate.prompt_tokens, completion_tokens=estimate.answer_tokens)
    lines = [
        f"articles to extract: {estimate.articles}",
        f"requests: {estimate.requests} to send ({estimate.answered} answered by the cache)",
        f"prompt tokens: about {estimate.prompt_tokens:,}",
        f"answer tokens: about {estimate.answer_tokens:,} ({estimate.answer_basis})",
    ]
    live, batch = mode.live_price, mode.batch.price
    if live is None or batch is None:
        lines.append(
            f"cost: unknown (no price for {model}: pass --price PROMPT,COMPLETION or add it "
            "to [prices] of --config)"
        )
    else:
        lines.append(f"cost at the live price: about ${cost(usage, live):.4f} ({price_text(live)})")
        lines.append(
            f"cost at the batch price: about ${cost(usage, batch):.4f} ({price_text(batch)})"
        )
    return lines
