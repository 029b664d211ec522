from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from extractor.cli import COMMANDS, SUMMARIES, cli


def test_every_command_loads_and_has_help() -> None:
    runner = CliRunner()
    for name in COMMANDS:
        command = cli.get_command(click.Context(cli), name)
        assert isinstance(command, click.Command), name
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage: " in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["nope"])
    assert result.exit_code == 2
    assert "No such command 'nope'" in result.output


def test_run_does_not_import_the_validator() -> None:
    code = (
        "import sys; from extractor.cli import cli; import click;"
        "cli.get_command(click.Context(cli), 'run');"
        "print('jsonschema' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_listed_summaries_are_each_commands_own() -> None:
    context = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(context, name)
        assert command is not None
        for limit in (30, 45, 64, 200):
            listed = click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit)
            assert listed == command.get_short_help_str(limit), (name, limit)


def test_help_imports_no_command() -> None:
    code = (
        "import sys; from extractor.cli import main; sys.argv = ['extractor', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('extractor.cli.') "
        "and m != 'extractor.cli.exits'), 'openai' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stderr.strip() == "[] False"
    assert "resolve-dates  Resolve date expressions" in done.stdout
