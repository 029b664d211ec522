from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from extractor.cli import COMMANDS, cli


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
