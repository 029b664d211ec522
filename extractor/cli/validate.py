"""``extractor validate``: check runs, documents and events.jsonl against the published contract."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import click

from extractor.cli.exits import Command
from extractor.validate import (
    MANIFEST,
    failed_articles,
    load_contract,
    sort_key,
    validate_paths,
)


@click.command(cls=Command)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of lines.")
@click.option(
    "--schemas",
    "schemas_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Directory of the JSON Schemas [default: the schemas shipped with extractor].",
)
@click.option(
    "--no-precheck",
    is_flag=True,
    help="Run jsonschema on every value, not only on those the quick pre-check rejects.",
)
@click.option(
    "--max-failures",
    type=click.IntRange(0),
    default=None,
    metavar="N",
    help="Also exit 1 when a run lists more than N failed articles (0: any failure).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print the problems only, no summary.")
def validate(
    paths: tuple[Path, ...],
    as_json: bool,
    schemas_dir: Path | None,
    no_precheck: bool,
    max_failures: int | None,
    quiet: bool,
) -> None:
    """Validate PATH... (run directories, article documents, events.jsonl files).

    Prints one line per problem (path:json-pointer: code name: message) and a summary.
    Exits 0 when everything is valid, 1 when a problem was found (or, with --max-failures, a
    run has too many failed articles), 2 on bad usage.
    """
    contract = load_contract(schemas_dir, precheck=not no_precheck)
    result = validate_paths(list(paths), contract)
    gate = _failures(paths) if max_failures is not None else []
    too_many = [g for g in gate if max_failures is not None and g.failed > max_failures]
    if as_json:
        output = result.as_json()
        if max_failures is not None:
            output["failures"] = [
                {"run": g.run, "failed": g.failed, "total": g.total, "max_failures": max_failures}
                for g in gate
            ]
        click.echo(json.dumps(output, indent=2, ensure_ascii=False))
    else:
        for problem in sorted(result.problems, key=sort_key):
            click.echo(str(problem))
        for run in gate:
            if run in too_many or not quiet:
                over = "more than" if run in too_many else "within"
                click.echo(
                    f"{run.run}: {run.failed} of {run.total} articles failed, "
                    f"{over} --max-failures {max_failures}"
                )
        if not quiet:
            click.echo(result.summary())
    if not result.ok or too_many:
        raise SystemExit(1)


@dataclass(frozen=True)
class RunFailures:
    run: str
    failed: int
    total: int


def _failures(paths: tuple[Path, ...]) -> list[RunFailures]:
    """Failed and listed articles of each run among ``paths`` (an unreadable run.json is a
    problem that validation reports already)."""
    runs = []
    for path in paths:
        root = path if path.is_dir() else path.parent
        if not (path.is_dir() or path.name == MANIFEST) or not (root / MANIFEST).is_file():
            continue
        try:
            manifest = json.loads((root / MANIFEST).read_bytes())
        except (OSError, ValueError):
            continue
        runs.append(RunFailures(str(root), *failed_articles(manifest)))
    return runs
