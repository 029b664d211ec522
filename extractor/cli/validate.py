"""``extractor validate``: check runs, documents and events.jsonl against the published contract."""

from __future__ import annotations

import json
from pathlib import Path

import click

from extractor.errors import ConfigError
from extractor.validate import load_contract, validate_paths
from extractor.validate.problems import sort_key


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of lines.")
@click.option(
    "--schemas",
    "schemas_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Directory of the JSON Schemas [default: schemas/ of the repository].",
)
@click.option(
    "--no-precheck",
    is_flag=True,
    help="Run jsonschema on every value, not only on those the quick pre-check rejects.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print the problems only, no summary.")
def validate(
    paths: tuple[Path, ...],
    as_json: bool,
    schemas_dir: Path | None,
    no_precheck: bool,
    quiet: bool,
) -> None:
    """Validate PATH... (run directories, article documents, events.jsonl files).

    Prints one line per problem (path:json-pointer: code name: message) and a summary.
    Exits 0 when everything is valid, 1 when a problem was found, 2 on bad usage.
    """
    try:
        contract = load_contract(schemas_dir, precheck=not no_precheck)
        result = validate_paths(list(paths), contract)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        for problem in sorted(result.problems, key=sort_key):
            click.echo(str(problem))
        if not quiet:
            click.echo(result.summary())
    if not result.ok:
        raise SystemExit(1)
