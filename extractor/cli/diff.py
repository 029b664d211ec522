"""``extractor diff``: what changed between two runs, or two documents, event by event."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from extractor.cli.exits import Command
from extractor.diff import (
    KINDS,
    RunDiff,
    diff_documents,
    diff_runs,
    has_changes,
    load_snapshot,
    render_markdown,
    render_text,
    select,
    to_json,
)

DEFAULT_KINDS = ("added", "removed", "changed", "failed")


@click.command(cls=Command)
@click.argument("old", type=click.Path(exists=True, path_type=Path))
@click.argument("new", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Terminal text, Markdown (for a pull request or an e-mail), or JSON.",
)
@click.option(
    "--article",
    "articles",
    multiple=True,
    metavar="ID",
    help="Only this article (a glob such as 'bbc-*' works); repeat for more.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help="Only events and articles of this kind; repeat for more "
    "[default: added, removed, changed, failed].",
)
@click.option(
    "--fail-on-change",
    is_flag=True,
    help="Exit 1 when anything shown was added, removed, changed or failed (a CI gate).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output [default: when stdout is a terminal].",
)
def diff(
    old: Path,
    new: Path,
    output_format: str,
    articles: tuple[str, ...],
    kinds: tuple[str, ...],
    fail_on_change: bool,
    color: bool | None,
) -> None:
    """Compare the run (or document) OLD with NEW, event by event.

    Events are matched by their stable id, then by content similarity. Exits 0, or 1 with
    --fail-on-change when something changed or when a run cannot be read; 2 on bad usage.
    """
    if old.is_dir() != new.is_dir():
        raise click.UsageError("OLD and NEW must both be run directories or both be documents.")
    before, after = load_snapshot(old), load_snapshot(new)
    if old.is_dir():
        full = diff_runs(before, after)
    else:
        (old_doc,), (new_doc,) = before.documents.values(), after.documents.values()
        full = RunDiff(before.label, after.label, (diff_documents(old_doc, new_doc),))
    scoped = select(full, articles=articles)
    wanted = [k for k in KINDS if k in (kinds or DEFAULT_KINDS)]
    shown = select(scoped, kinds=wanted)
    if output_format == "json":
        click.echo(json.dumps(to_json(shown, summary_of=scoped), indent=2, ensure_ascii=False))
    elif output_format == "markdown":
        click.echo(render_markdown(shown, summary_of=scoped), nl=False)
    else:
        colour = sys.stdout.isatty() if color is None else color
        click.echo(render_text(shown, summary_of=scoped, color=colour), nl=False, color=colour)
    if fail_on_change and has_changes(shown, wanted):
        raise SystemExit(1)
