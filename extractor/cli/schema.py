"""``extractor schema``: print or export the JSON Schemas."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.cli.exits import Command
from extractor.contract.schemas import SCHEMAS, render


@click.command(cls=Command)
@click.argument("name", required=False, type=click.Choice(sorted(SCHEMAS)))
@click.option(
    "--export",
    "export_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every schema into this directory.",
)
def schema(name: str | None, export_dir: Path | None) -> None:
    """Print the JSON Schema NAME, or export all of them with --export DIR."""
    if export_dir is not None:
        export_dir.mkdir(parents=True, exist_ok=True)
        for file_name in sorted(SCHEMAS):
            (export_dir / file_name).write_text(render(file_name), encoding="utf-8")
            click.echo(str(export_dir / file_name))
        return
    if name is None:
        raise click.UsageError("Name a schema or pass --export DIR.")
    click.echo(render(name), nl=False)
