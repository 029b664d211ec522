"""``extractor stories``: link a run's events into stories again, from its documents."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.cli.exits import Command
from extractor.engine import default_cache_path, link_run


@click.command(cls=Command)
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite run state holding the stories of earlier nights. "
    "[default: RUN_DIR/.extractor-cache.sqlite]",
)
def stories(run_dir: Path, cache_path: Path | None) -> None:
    """Link the events of the run in RUN_DIR into stories and write RUN_DIR/stories.jsonl.

    `extractor run` does this at the end of every run; this command does it again from the
    documents, keeping the story ids stored in the run's state. Exits 0, or 1 when a document
    could not be read (it is left out, the rest is linked).
    """
    result = link_run(run_dir, cache_path or default_cache_path(run_dir, None))
    for problem in result.problems:
        click.echo(f"error: {problem}", err=True)
    click.echo(
        f"{result.stories} stories of {result.events} events "
        f"({result.joined} joined earlier stories, {result.kept} kept from earlier runs)"
    )
    if result.problems:
        raise SystemExit(1)
