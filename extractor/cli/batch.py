"""``extractor batch export`` / ``import``: a run's requests for an offline engine, and back.

Both take every flag of ``extractor run`` (the same inputs and settings decide the same
requests), and the file they write or read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from extractor.cli.batch_modes import Mode
from extractor.cli.exits import Command, Group
from extractor.cli.run import execute, run

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


@click.group(cls=Group)
def batch() -> None:
    """Export a run's requests for an offline engine (vLLM run_batch), import its answers."""


batch.add_command(export)
batch.add_command(import_)
