"""``extractor status``: what a run did, what failed and why, what is still to do."""

from __future__ import annotations

import json
from pathlib import Path

import click
from pydantic import ValidationError

from extractor.cli.exits import Command
from extractor.contract.models import RunManifest
from extractor.engine import status_json, status_lines
from extractor.errors import ConfigError, DataError

MANIFEST = "run.json"


@click.command(cls=Command)
@click.argument("run", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of lines.")
def status(run: Path, as_json: bool) -> None:
    """Say what a run did: when, its counts, what failed and why, what is still to do.

    RUN is an --out directory, or its run.json or run.shard-K-of-N.json. Each failure is
    shown with its stage, error, attempts, and for an answer that did not fit the schema its
    validation errors and its start; skipped articles are the ones still to do.

    Exits 0 when the manifest was read, 1 when it cannot be, 2 when RUN holds none.
    """
    path = run / MANIFEST if run.is_dir() else run
    if not path.is_file():
        shards = sorted(p.name for p in run.glob("run.shard-*.json"))
        hint = f" (shard manifests: {', '.join(shards)}; give one)" if shards else ""
        raise ConfigError(f"{run} holds no {MANIFEST}{hint}: is it the --out of a run?")
    try:
        manifest = RunManifest.model_validate_json(path.read_bytes())
    except (OSError, ValueError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise DataError(
            f"{path} is not a readable run manifest ({first}); check it with extractor validate"
        ) from exc
    where = str(run)
    if as_json:
        click.echo(json.dumps(status_json(manifest, where), indent=2, ensure_ascii=False))
        return
    for line in status_lines(manifest, where):
        click.echo(line)
