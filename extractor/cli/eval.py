"""``extractor eval``: score a run against the gold set, optionally beside a baseline run."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.contract.gold import GoldArticle
from extractor.contract.ids import safe_id
from extractor.contract.models import ArticleDocument
from extractor.errors import ConfigError, ExtractorError, InputError
from extractor.evaluation import (
    Report,
    evaluate,
    evaluation,
    parse_document,
    parse_gold,
    render,
    render_comparison,
)


class _UsageFailure(click.ClickException):
    """Configuration or input the user can fix: exit code 2."""

    exit_code = 2


class _DataFailure(click.ClickException):
    """A document that could not be read or a file not written: exit code 1."""

    exit_code = 1


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error


def load_gold(path: Path) -> list[GoldArticle]:
    """One gold file, or every ``*.json`` in a directory."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise ConfigError(f"no *.json gold files in {path}: pass --gold eval/gold")
    golds = [parse_gold(_read(file), str(file)) for file in files]
    ids = [gold.id for gold in golds]
    repeated = sorted({article_id for article_id in ids if ids.count(article_id) > 1})
    if repeated:
        raise ConfigError(f"{path}: article ids annotated more than once: {repeated}")
    return golds


Loaded = dict[str, ArticleDocument | InputError]


def load_run(run: Path, wanted: list[str]) -> tuple[Loaded, list[str]]:
    """The run's documents for ``wanted`` ids (an InputError where unreadable), and all ids."""
    folder = run / "articles"
    if not folder.is_dir():
        raise ConfigError(f"{run} has no articles/ folder: pass a run directory (--out of run)")
    stored = {path.stem for path in folder.glob("*.json")}
    # Documents are stored under their safe id (e.g. ids with commas are sanitised).
    by_stem = {safe_id(article_id): article_id for article_id in wanted}
    available = sorted(by_stem.get(stem, stem) for stem in stored)
    docs: Loaded = {}
    for article_id in wanted:
        path = folder / f"{safe_id(article_id)}.json"
        if not path.is_file():
            continue
        try:
            docs[article_id] = parse_document(path.read_text(encoding="utf-8"), article_id)
        except InputError as error:
            docs[article_id] = error
        except (OSError, UnicodeDecodeError) as error:
            docs[article_id] = InputError(article_id, f"cannot read {path}: {error}")
    return docs, available


def score_run(golds: list[GoldArticle], gold_path: Path, run: Path) -> Report:
    docs, available = load_run(run, [gold.id for gold in golds])
    return evaluate(golds, docs, gold_name=str(gold_path), pred_name=str(run), available=available)


@click.command(name="eval")
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
    try:
        golds = load_gold(gold_path)
        report = score_run(golds, gold_path, pred_dir)
        baseline = score_run(golds, gold_path, baseline_dir) if baseline_dir else None
    except ConfigError as error:
        raise _UsageFailure(str(error)) from error
    except ExtractorError as error:
        raise _DataFailure(str(error)) from error
    text = render(report) if baseline is None else render_comparison(report, baseline)
    click.echo(text, nl=False)
    if json_path is not None:
        body = evaluation(report, baseline).model_dump_json(indent=2)
        try:
            json_path.write_text(body + "\n", encoding="utf-8")
        except OSError as error:
            raise _DataFailure(f"cannot write {json_path}: {error}") from error
    unreadable = [a.id for a in report.articles if a.status == "unreadable"]
    if unreadable:
        raise _DataFailure(
            f"{len(unreadable)} document(s) of {pred_dir} could not be read and scored as "
            f"empty: {', '.join(unreadable)}; see the notes in --json or re-run them"
        )
