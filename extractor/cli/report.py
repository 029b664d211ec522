"""``extractor report``: one self-contained HTML page to review a run (several for a big run)."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.cli.exits import Command
from extractor.diff import diff_runs, load_snapshot
from extractor.report import PER_PAGE, render_pages


@click.command(cls=Command)
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
    help="Where to write the HTML page (more pages go beside it as NAME-2.html …).",
)
@click.option("--title", help="Page title [default: the run's path].")
@click.option(
    "--article",
    "articles",
    multiple=True,
    metavar="ID",
    help="Only this article (a glob such as 'bbc-*' works); repeat for more.",
)
@click.option(
    "--per-page",
    type=click.IntRange(min=0),
    default=PER_PAGE,
    show_default=True,
    help="Articles on one page; 0 puts them all on one page.",
)
def report(
    run: Path,
    against: Path | None,
    out: Path,
    title: str | None,
    articles: tuple[str, ...],
    per_page: int,
) -> None:
    """Write a self-contained HTML page (no network) to review the run RUN.

    Per article: the cleaned text with actors, places, dates and quotes highlighted and
    linked to their events; ungrounded quotes and unresolved dates flagged; with --against,
    what changed since the earlier run (a changed text as a line diff), changed articles
    first. A run of more than --per-page articles is split into pages, each listing them all.
    """
    snapshot = load_snapshot(run)
    previous = load_snapshot(against) if against else None
    diff = diff_runs(previous, snapshot) if previous else None
    pages = render_pages(
        snapshot,
        diff,
        title=title,
        previous=previous,
        articles=articles,
        per_page=per_page or None,
        name=out.name,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    for name, page in pages:
        (out.parent / name).write_text(page, encoding="utf-8")
        click.echo(str(out.parent / name))
