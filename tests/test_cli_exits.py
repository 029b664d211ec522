"""One mapping of errors to exit codes: every command x every kind of error, made to happen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from extractor.cli import COMMANDS, cli, exits
from extractor.errors import (
    ConfigError,
    DataError,
    EndpointError,
    EndpointUnavailableError,
    ExtractorError,
    InputError,
    InternalError,
    ModelFileError,
    NoArticlesError,
    UnreadableRunError,
)
from tests.data.review.factory import make_document, write_run
from tests.fake_endpoint import FakeEndpoint, error
from tests.test_eval_cli import write_gold

SECRET = "sk-exits-never-shown-0000"
ARTICLE = "Invented Town, 3 March 2020. The mayor opened a new bridge on Monday.\n"


def invoke(args: list[str], env: dict[str, str] | None = None) -> Result:
    # catch_exceptions=False: an error that escapes as a traceback fails the test.
    return CliRunner().invoke(cli, args, env=env or {}, catch_exceptions=False)


def blocked(tmp: Path, *parts: str) -> Path:
    """A path under a file: nothing can be read or written there (whoever runs the test)."""
    blocker = tmp / "blocker"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    return blocker.joinpath("sub", *parts)


def a_run(tmp: Path) -> Path:
    return write_run(tmp / "run", [make_document("a1")])


def an_empty_folder(tmp: Path, name: str = "empty") -> Path:
    folder = tmp / name
    folder.mkdir()
    return folder


def inputs(tmp: Path) -> Path:
    folder = tmp / "in"
    folder.mkdir()
    (folder / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def remote(endpoint: FakeEndpoint) -> list[str]:
    return ["--base-url", endpoint.base_url, "--model", "fake-model", "--quiet"]


def a_run_of(tmp: Path, endpoint: FakeEndpoint, out: Path) -> list[str]:
    return ["run", str(inputs(tmp)), "--out", str(out), *remote(endpoint)]


def scored(tmp: Path) -> list[str]:
    return ["eval", "--gold", str(write_gold(tmp / "gold")), "--pred", str(a_run(tmp))]


@dataclass(frozen=True)
class Case:
    command: str
    kind: str  # the kind of error made to happen
    args: Callable[[Path, FakeEndpoint], list[str]]
    code: int
    # The one "Error: ..." line (``{tmp}`` is the test's folder); None: the command reports
    # the failure in its output instead (a validation report, failed lines, failed articles).
    line: str | None
    alone: bool = True  # the line is all of stderr (not so: click's usage errors, run's notes)


CASES = [
    Case(
        "run",
        "usage",
        lambda t, e: [*a_run_of(t, e, t / "out"), "--limit", "1", "--sample", "1"],
        exits.USAGE,
        "Error: --limit and --sample contradict each other: give one.",
    ),
    Case(
        "run",
        "os",
        lambda t, e: a_run_of(t, e, blocked(t, "out")),
        exits.FAILED,
        "Error: cannot read or write {tmp}/blocker/sub/out: Not a directory",
        alone=False,
    ),
    Case(
        "run",
        "endpoint",
        lambda t, e: a_run_of(t, e, t / "out"),
        exits.ENDPOINT,
        None,
    ),
    Case(
        "batch",
        "usage",
        lambda t, e: ["batch", "export", str(t / "r.jsonl"), str(inputs(t)), "--out", str(t / "o")],
        exits.USAGE,
        "Error: No model: pass --model, the name the offline engine serves (vLLM: its --model "
        "or --served-model-name).",
        alone=False,
    ),
    Case(
        "batch",
        "os",
        lambda t, e: [
            *["batch", "export", str(blocked(t, "r.jsonl")), str(inputs(t))],
            *["--out", str(t / "o"), "--model", "m"],
        ],
        exits.FAILED,
        "Error: cannot read or write {tmp}/blocker/sub: Not a directory",
        alone=False,
    ),
    Case(
        "validate",
        "usage",
        lambda t, e: ["validate", "--schemas", str(an_empty_folder(t)), str(a_run(t))],
        exits.USAGE,
        "Error: JSON Schema {tmp}/empty/article.schema.json not found: validation needs the "
        "committed schemas/ (shipped with the package; reinstall it), or pass --schemas DIR "
        "(create one with 'extractor schema --export DIR')",
    ),
    Case(
        "validate",
        "data",
        lambda t, e: ["validate", str(bad_json(t))],
        exits.FAILED,
        None,
    ),
    Case(
        "diff",
        "usage",
        lambda t, e: ["diff", str(a_run(t)), str(a_run(t) / "run.json")],
        exits.USAGE,
        "Error: OLD and NEW must both be run directories or both be documents.",
        alone=False,
    ),
    Case(
        "diff",
        "data",
        lambda t, e: ["diff", str(an_empty_folder(t)), str(a_run(t))],
        exits.FAILED,
        "Error: {tmp}/empty has no run.json and no article documents: name a run directory",
    ),
    Case(
        "report",
        "os",
        lambda t, e: ["report", str(a_run(t)), "--out", str(blocked(t, "review.html"))],
        exits.FAILED,
        "Error: cannot read or write {tmp}/blocker/sub: Not a directory",
    ),
    Case(
        "report",
        "usage",
        lambda t, e: ["report", str(a_run(t)), "--out", str(t / "r.html"), "--article", "zz*"],
        exits.USAGE,
        "Error: no article of {tmp}/run matches 'zz*': check the pattern",
    ),
    Case(
        "report",
        "data",
        lambda t, e: ["report", str(an_empty_folder(t)), "--out", str(t / "r.html")],
        exits.FAILED,
        "Error: {tmp}/empty has no run.json and no article documents: name a run directory",
    ),
    Case(
        "eval",
        "usage",
        lambda t, e: ["eval", "--gold", str(an_empty_folder(t)), "--pred", str(a_run(t))],
        exits.USAGE,
        "Error: no *.json gold files in {tmp}/empty: pass --gold eval/gold",
    ),
    Case(
        "eval",
        "os",
        lambda t, e: [*scored(t), "--json", str(blocked(t, "metrics.json"))],
        exits.FAILED,
        "Error: cannot write {tmp}/blocker/sub/metrics.json: [Errno 20] Not a directory: "
        "'{tmp}/blocker/sub/metrics.json'",
    ),
    Case(
        "export",
        "usage",
        lambda t, e: ["export", str(an_empty_folder(t))],
        exits.USAGE,
        "Error: {tmp}/empty has no run.json: name the --out folder of an 'extractor run'",
    ),
    Case(
        "export",
        "os",
        lambda t, e: ["export", str(a_run(t)), "--out", str(blocked(t, "tables"))],
        exits.FAILED,
        "Error: cannot read or write {tmp}/blocker/sub/tables: Not a directory",
    ),
    Case(
        "schema",
        "usage",
        lambda t, e: ["schema"],
        exits.USAGE,
        "Error: Name a schema or pass --export DIR.",
        alone=False,
    ),
    Case(
        "schema",
        "os",
        lambda t, e: ["schema", "--export", str(blocked(t, "schemas"))],
        exits.FAILED,
        "Error: cannot read or write {tmp}/blocker/sub/schemas: Not a directory",
    ),
    Case(
        "status",
        "usage",
        lambda t, e: ["status", str(an_empty_folder(t))],
        exits.USAGE,
        "Error: {tmp}/empty holds no run.json: is it the --out of a run?",
    ),
    Case(
        "status",
        "data",
        lambda t, e: ["status", str(bad_json(t, "run.json"))],
        exits.FAILED,
        "Error: {tmp}/run.json is not a readable run manifest (1 validation error for "
        "RunManifest); check it with extractor validate",
    ),
    Case(
        "stories",
        "usage",
        lambda t, e: ["stories", str(an_empty_folder(t))],
        exits.USAGE,
        "Error: {tmp}/empty has no readable run.json: name the --out folder of an 'extractor run'",
    ),
    Case(
        "stories",
        "data",
        lambda t, e: ["stories", str(a_run(t)), "--cache", str(bad_json(t, "state.sqlite"))],
        exits.FAILED,
        "Error: the stories kept in {tmp}/state.sqlite cannot be read or written (file is not a "
        "database): pass another --cache (story ids start afresh there)",
    ),
    Case(
        "resolve-dates",
        "usage",
        lambda t, e: ["resolve-dates", str(an_empty_folder(t))],
        exits.USAGE,
        "Error: Invalid value for '[SOURCE]': '{tmp}/empty': Is a directory",
        alone=False,
    ),
    Case(
        "resolve-dates",
        "data",
        lambda t, e: ["resolve-dates", str(bad_json(t, "dates.jsonl"))],
        exits.FAILED,
        None,
    ),
]


def bad_json(tmp: Path, name: str = "doc.json") -> Path:
    path = tmp / name
    path.write_text("not json at all\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES, ids=[f"{c.command}-{c.kind}" for c in CASES])
def test_every_command_maps_each_error_to_its_exit_code(
    case: Case, tmp_path: Path, fake_endpoint: FakeEndpoint
) -> None:
    fake_endpoint.models = error(401, "Incorrect API key provided")
    result = invoke(case.args(tmp_path, fake_endpoint))
    assert result.exit_code == case.code, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    if case.line is None:
        assert errors == []
    else:
        assert errors == [case.line.format(tmp=tmp_path)]
        assert result.stderr.splitlines()[-1] == errors[0]  # the last word on stderr
        if case.alone:
            assert result.stderr == errors[0] + "\n"


def test_the_table_covers_every_command() -> None:
    assert {case.command for case in CASES} == set(COMMANDS)


def test_every_command_goes_through_the_one_mapping() -> None:
    for name in COMMANDS:
        command = cli.get_command(click.Context(cli), name)
        assert isinstance(command, exits.Command), name


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (InternalError("a state that cannot be"), exits.INTERNAL),
        (ConfigError("bad flag"), exits.USAGE),
        (ModelFileError("truncated"), exits.USAGE),
        (NoArticlesError("no match"), exits.USAGE),
        (EndpointUnavailableError("refused", attempts=1), exits.ENDPOINT),
        (EndpointError("timed out", attempts=6), exits.FAILED),
        (InputError("a1", "binary"), exits.FAILED),
        (DataError("cannot write"), exits.FAILED),
        (UnreadableRunError("no run.json"), exits.FAILED),
        (ExtractorError("anything else on purpose"), exits.FAILED),
        (PermissionError(13, "Permission denied", "/x"), exits.FAILED),
        (KeyError("a bug"), exits.INTERNAL),
        (RuntimeError("a bug"), exits.INTERNAL),
    ],
)
def test_exit_codes_follow_the_table(error: Exception, code: int) -> None:
    assert exits.exit_code_of(error) == code


def _boom(*_: Any, **__: Any) -> Any:
    raise RuntimeError(f"boom with {SECRET}\nand a second line")


def test_an_unexpected_error_is_an_internal_error_in_one_line_without_the_key(
    tmp_path: Path, fake_endpoint: FakeEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No real failure can reach here (that would be a bug to fix): one is planted.
    monkeypatch.setattr("extractor.cli.run.load_prompt", _boom)
    result = invoke(a_run_of(tmp_path, fake_endpoint, tmp_path / "out"), {"OPENAI_API_KEY": SECRET})
    assert result.exit_code == exits.INTERNAL == 70
    assert result.stderr.splitlines()[-1] == (
        "Error: internal error: RuntimeError: boom with ***. This is a bug in extractor: please "
        "report it. Run with --debug for the traceback."
    )
    assert "Traceback" not in result.output and SECRET not in result.output


@pytest.mark.parametrize(
    ("flag", "env"), [(["--debug"], {}), ([], {"EXTRACTOR_DEBUG": "1"})], ids=["flag", "env"]
)
def test_the_traceback_only_with_debug_and_without_the_key(
    flag: list[str],
    env: dict[str, str],
    tmp_path: Path,
    fake_endpoint: FakeEndpoint,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("extractor.cli.run.load_prompt", _boom)
    args = [*flag, *a_run_of(tmp_path, fake_endpoint, tmp_path / "out"), "--api-key", SECRET]
    result = invoke(args, env=env)
    assert result.exit_code == exits.INTERNAL
    assert "Traceback (most recent call last):" in result.stderr
    assert "RuntimeError: boom with ***" in result.stderr
    assert SECRET not in result.output
    assert result.stderr.splitlines()[-1].startswith("Error: internal error: RuntimeError")


def test_an_unexpected_error_in_another_command_is_internal_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("extractor.cli.status.status_lines", _boom)
    result = invoke(["status", str(a_run(tmp_path))])
    assert result.exit_code == exits.INTERNAL
    assert result.stderr.startswith("Error: internal error: RuntimeError: boom with ")
    assert result.stderr.count("\n") == 1


def test_an_os_error_names_both_paths_of_a_rename() -> None:
    error = OSError(18, "Invalid cross-device link", "/a/x.tmp", None, "/b/x")
    assert exits.message_of(error) == (
        "cannot read or write /a/x.tmp -> /b/x: Invalid cross-device link"
    )
