"""``extractor eval``: score a run against the gold set, optionally beside a baseline run."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.cli.exits import Command
from extractor.errors import DataError
from extractor.evaluation import evaluation, load_gold, render, render_comparison, score_run


@click.command(name="eval", cls=Command)
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="A gold article file, or a directory of them (eval/gold).",
)
@click.option(
    "--pred",
    "pred_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The run directory to score (it holds articles/<id>.json).",
)
@click.option(
    "--baseline",
    "baseline_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Another run directory, shown beside --pred with the differences.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write every metric, overall and per article, as JSON to this file.",
)
def eval_command(
    gold_path: Path, pred_dir: Path, baseline_dir: Path | None, json_path: Path | None
) -> None:
    """Score the run PRED against the gold set GOLD: quotes, speakers, dates, events."""
    golds = load_gold(gold_path)
    report = score_run(golds, gold_path, pred_dir)
    baseline = score_run(golds, gold_path, baseline_dir) if baseline_dir else None
    text = render(report) if baseline is None else render_comparison(report, baseline)
    click.echo(text, nl=False)
    if json_path is not None:
        body = evaluation(report, baseline).model_dump_json(indent=2)
        try:
            json_path.write_text(body + "\n", encoding="utf-8")
        except OSError as error:
            raise DataError(f"cannot write {json_path}: {error}") from error
    unreadable = [a.id for a in report.articles if a.status == "unreadable"]
    if unreadable:
        raise DataError(
            f"{len(unreadable)} document(s) of {pred_dir} could not be read and scored as "
            f"empty: {', '.join(unreadable)}; see the notes in --json or re-run them"
        )
