"""``extractor report``: one self-contained HTML page to review a run."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.diff import diff_runs, load_snapshot
from extractor.errors import ConfigError
from extractor.report import render_report


@click.command()
@click.argument("run", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--against",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="An earlier run: show the diff against it inline.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the HTML page.",
)
@click.option("--title", help="Page title [default: the run's path].")
def report(run: Path, against: Path | None, out: Path, title: str | None) -> None:
    """Write one self-contained HTML page (no network) to review the run RUN.

    Per article: the cleaned text with actors, places, dates and quotes highlighted and
    linked to their events; ungrounded quotes and unresolved dates flagged; with --against,
    what changed since the earlier run.
    """
    try:
        snapshot = load_snapshot(run)
        diff = diff_runs(load_snapshot(against), snapshot) if against else None
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    page = render_report(snapshot, diff, title=title)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    click.echo(str(out))
