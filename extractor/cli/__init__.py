"""The ``extractor`` command: a thin layer that parses flags and calls the library."""

from __future__ import annotations

import click

from extractor import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor")
def cli() -> None:
    """Extract events, actors, places, dates and quotes from news articles."""


def _register() -> None:
    # Each command lives in its own module; add one import and one add_command per command.
    from extractor.cli.diff import diff
    from extractor.cli.eval import eval_command
    from extractor.cli.report import report
    from extractor.cli.resolve_dates import resolve_dates
    from extractor.cli.run import run
    from extractor.cli.schema import schema
    from extractor.cli.validate import validate

    cli.add_command(run)
    cli.add_command(schema)
    cli.add_command(eval_command)
    cli.add_command(validate)
    cli.add_command(diff)
    cli.add_command(report)
    cli.add_command(resolve_dates)


_register()


def main() -> None:
    cli()
