"""``extractor batch export`` / ``import``: a run's requests for an offline engine, and back;
``extractor batch ray``: the exported requests answered through Ray Data.

Export and import take every flag of ``extractor run`` (the same inputs and settings decide
the same requests), and the file they write or read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from extractor.cli.batch_modes import Mode
from extractor.cli.endpoint import check_base_url
from extractor.cli.exits import Command, Group
from extractor.cli.run import execute, run
from extractor.io.ray_batch import RayOptions, run_requests

# Flags of ``run`` that choose its route: not for an offline engine.
RUN_ONLY = {
    "batch_api",
    "wait",
    "batch_retry",
    "batch_max_requests",
    "batch_max_bytes",
    "batch_poll",
    "dry_run",
}
SHARED = [p for p in run.params if p.name not in RUN_ONLY]


def _export(requests: Path, **params: Any) -> None:
    execute(Mode("export", path=requests), **params)


def _import(results: Path, **params: Any) -> None:
    execute(Mode("import", path=results), **params)


export = Command(
    "export",
    callback=_export,
    params=[
        click.Argument(["requests"], type=click.Path(dir_okay=False, path_type=Path)),
        *SHARED,
    ],
    help="Write every request the run of INPUTS needs to REQUESTS (JSONL, the OpenAI batch "
    "format), for an offline engine such as vLLM's run_batch.\n\n"
    "Requests the cache (OUT/.extractor-cache.sqlite) answers are left out; each line's "
    "custom_id names its article and chunk. Nothing is called. Exits 0, 2 on bad usage.",
)
import_ = Command(
    "import",
    callback=_import,
    params=[
        click.Argument(["results"], type=click.Path(exists=True, dir_okay=False, path_type=Path)),
        *SHARED,
    ],
    help="Store the answers of RESULTS (an offline engine's output for the requests of "
    "'batch export') in OUT's cache, then write the documents as 'extractor run' does.\n\n"
    "Give the same INPUTS and flags as to export. Requests still unanswered (a failed line, "
    "an answer that does not fit the schema, the halves of a cut-off chunk) are asked live "
    "with --base-url; without it their articles are skipped: export again for them. "
    "Exits as 'extractor run' does.",
)


@click.command(cls=Command)
@click.argument("requests", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("results", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--base-url",
    required=True,
    help="The OpenAI-compatible endpoint, e.g. a vLLM fleet's http://HOST:8000/v1.",
)
@click.option("--api-key", envvar="OPENAI_API_KEY", help="API key. [env: OPENAI_API_KEY]")
@click.option(
    "--address",
    help="The Ray cluster to join (e.g. auto on a cluster node). "
    "[default: a Ray started on this machine]",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Ray actors sending requests.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=16,
    show_default=True,
    help="Requests an actor sends at once.",
)
@click.option(
    "--max-retries",
    type=click.IntRange(0),
    default=3,
    show_default=True,
    help="Retries of a request answered 429, 408, 502, 503 or 504, or whose connection failed.",
)
def ray(
    requests: Path,
    results: Path,
    base_url: str,
    api_key: str | None,
    address: str | None,
    concurrency: int,
    batch_size: int,
    max_retries: int,
) -> None:
    """Answer REQUESTS (from 'batch export') through Ray Data's HTTP request processor,
    write RESULTS (the OpenAI batch output format) for 'batch import'.

    Needs the ray extra (pip install 'extractor[ray]'). A request that fails (an error
    status, or no answer after the retries: then its whole batch of --batch-size requests)
    is an error line, which the import leaves to its second round. Exits 0 once RESULTS is
    written, 2 on bad usage.
    """
    check_base_url(base_url)
    options = RayOptions(base_url, api_key or "", address, concurrency, batch_size, max_retries)
    done = run_requests(requests, results, options)
    click.echo(
        f"wrote {done.requests} lines to {results}: {done.answered} answers, {done.failed} "
        "error lines; then: extractor batch import",
        err=True,
    )


@click.group(cls=Group)
def batch() -> None:
    """Export a run's requests for an offline engine (vLLM run_batch, Ray Data), import its
    answers."""


batch.add_command(export)
batch.add_command(import_)
batch.add_command(ray)
