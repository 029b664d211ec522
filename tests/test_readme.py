"""The README's ``--help`` excerpts are the commands' own output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import cli
from extractor.contract.article import RawArticle
from extractor.io.inputs import load_inputs
from tests.readme_help import BLOCK, README, render

ROOT = README.parent


def test_readme_has_help_blocks() -> None:
    blocks = [m["args"].split() for m in BLOCK.finditer(README.read_text(encoding="utf-8"))]
    for command in ("run", "status", "validate", "diff", "report", "export"):
        assert [command] in blocks


def test_help_blocks_are_current() -> None:
    current = README.read_text(encoding="utf-8")
    assert render(current) == current, "stale --help in README.md: run python -m tests.readme_help"


def test_render_fills_a_block() -> None:
    stale = "x\n<!-- help: validate -->\n```text\nold\n```\n<!-- /help -->\ny\n"
    fresh = render(stale)
    assert "old" not in fresh
    assert "Usage: extractor validate" in fresh
    assert fresh.startswith("x\n<!-- help: validate -->\n```text\n")
    assert fresh.endswith("```\n<!-- /help -->\ny\n")


def test_example_config_is_read_by_run(tmp_path: Path) -> None:
    config = ROOT / "examples" / "extractor.toml"
    ok = CliRunner().invoke(cli, ["run", "--config", str(config), "--help"])
    assert ok.exit_code == 0, ok.output
    broken = tmp_path / "broken.toml"
    broken.write_text(config.read_text(encoding="utf-8") + "\n[extra]\nx = 1\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["run", "--config", str(broken), "--help"])
    assert refused.exit_code == 2
    assert "unknown table(s) extra" in refused.output


def test_example_manifest_gives_the_seeds_their_dates() -> None:
    items = load_inputs([ROOT / "seeds"], manifest=ROOT / "examples" / "seeds-manifest.csv")
    dates = {item.id: item.published_at for item in items if isinstance(item, RawArticle)}
    assert len(dates) == 5
    assert dates["003_4ce2d9851149de12"] == dt.date(2017, 2, 16)
    assert dates["004_e990d03908ba375a"] == dt.date(2018, 6, 7)
    assert dates["000_e0f882ac583a9941"] is None
