"""``extractor export``: write a run's documents as flat Parquet or CSV tables."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.cli.exits import Command
from extractor.export import FORMATS, Format, export_run


@click.command(cls=Command)
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="parquet",
    show_default=True,
    help="File format of the tables.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the tables. [default: RUN/tables]",
)
def export(run_dir: Path, fmt: Format, out_dir: Path | None) -> None:
    """Write the run in RUN_DIR as flat tables for a warehouse: articles, events, actors,
    quotes and dates, one file each (Parquet or CSV), with explicit column types.

    Prints each file written and its row count. Exits 0 on success, 1 when a document could
    not be read (it is left out, the rest is written), 2 on bad usage.
    """
    result = export_run(run_dir, out_dir or run_dir / "tables", fmt)
    for path, rows in result.written:
        click.echo(f"{path}\t{rows} rows")
    for problem in result.problems:
        click.echo(f"error: {problem}", err=True)
    if result.problems:
        raise SystemExit(1)
