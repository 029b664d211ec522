"""The ``extractor`` command: a thin layer that parses flags and calls the library.

Each command lives in its own module and is imported only when it runs, so ``extractor run``
does not pay for the imports of ``validate`` (jsonschema) or ``report``. Every command is an
``exits.Command``: its errors become one line and an exit code in one place (``exits.py``).
"""

from __future__ import annotations

import importlib

import click

from extractor import __version__
from extractor.cli.exits import DEBUG
from extractor.io.gc_pace import quick_exit

# Command name -> (module, attribute).
COMMANDS = {
    "batch": ("extractor.cli.batch", "batch"),
    "diff": ("extractor.cli.diff", "diff"),
    "eval": ("extractor.cli.eval", "eval_command"),
    "export": ("extractor.cli.export", "export"),
    "report": ("extractor.cli.report", "report"),
    "resolve-dates": ("extractor.cli.resolve_dates", "resolve_dates"),
    "run": ("extractor.cli.run", "run"),
    "schema": ("extractor.cli.schema", "schema"),
    "status": ("extractor.cli.status", "status"),
    "stories": ("extractor.cli.stories", "stories"),
    "validate": ("extractor.cli.validate", "validate"),
}
# The first paragraph of each command's help, for ``extractor --help`` to list the commands
# without importing them (``run`` alone imports the openai client); a test keeps it in step.
SUMMARIES = {
    "batch": "Export a run's requests for an offline engine (vLLM run_batch, Ray Data), import "
    "its answers.",
    "diff": "Compare the run (or document) OLD with NEW, event by event.",
    "eval": "Score the run PRED against the gold set GOLD: quotes, speakers, dates, events.",
    "export": "Write the run in RUN_DIR as flat tables for a warehouse: articles, events, actors, "
    "quotes and dates, one file each (Parquet or CSV), with explicit column types.",
    "report": "Write a self-contained HTML page (no network) to review the run RUN.",
    "resolve-dates": "Resolve date expressions read as JSONL from SOURCE (default: stdin); "
    "write JSONL on stdout.",
    "run": "Extract events from INPUTS (.txt, .html, .json, .jsonl files or directories).",
    "schema": "Print the JSON Schema NAME, or export all of them with --export DIR.",
    "status": "Say what a run did: when, its counts, what failed and why, what is still to do.",
    "stories": "Link the events of the run in RUN_DIR into stories and write "
    "RUN_DIR/stories.jsonl.",
    "validate": "Validate PATH...",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        command: click.Command = getattr(importlib.import_module(target[0]), target[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, from ``SUMMARIES``: no command module is imported."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit))
            for name in COMMANDS
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor")
@click.option(
    "--debug",
    is_flag=True,
    envvar="EXTRACTOR_DEBUG",
    help="Print the traceback of an error after its message. [env: EXTRACTOR_DEBUG]",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Extract events, actors, places, dates and quotes from news articles.

    Exit status of every command: 0 success; 1 a runtime or data failure; 2 bad usage or
    configuration; 3 the endpoint failed (run); 70 an internal error (a bug: please report it).
    """
    ctx.meta[DEBUG] = debug


def main() -> None:
    try:
        cli()
    finally:
        quick_exit()
