"""Prices are USD per million tokens, as providers publish them; ``--max-cost`` says what was
really spent."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.contract.models import Usage
from extractor.contract.pricing import batch_price, looks_per_thousand, routed_cost
from tests.engine_support import answering, write_articles
from tests.fake_endpoint import FakeEndpoint


def run(endpoint: FakeEndpoint, inputs: Path, out: Path, *args: str) -> Any:
    base = ["run", str(inputs), "--out", str(out), "--base-url", endpoint.base_url]
    return CliRunner().invoke(cli, [*base, "--model", "m", *args], env={}, catch_exceptions=False)


def test_a_per_million_price_gives_the_providers_cost(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 5)
    fake_endpoint.set_responder(answering)  # 500 prompt + 120 completion tokens a request
    result = run(fake_endpoint, tmp_path / "in", tmp_path / "out", "--price", "0.15,0.6")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    requests = manifest["totals"]["model_calls"]
    expected = requests * (500 * 0.15 + 120 * 0.6) / 1_000_000  # gpt-4o-mini's list price
    assert manifest["totals"]["cost_usd"] == round(expected, 6)
    assert manifest["totals"]["cost_usd"] < 0.01  # not the $12.57 of a per-1,000 reading
    assert manifest["config"]["price"] == "0.15,0.6 USD per 1M tokens"
    summary = result.output.splitlines()[-1]
    assert f"${manifest['totals']['cost_usd']:.4f} at 0.15,0.6 USD per 1M tokens" in summary
    assert "warning" not in result.output


def test_a_per_thousand_price_is_warned_about(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 1)
    fake_endpoint.set_responder(answering)
    result = run(fake_endpoint, tmp_path / "in", tmp_path / "out", "--price", "0.00015,0.0006")
    assert result.exit_code == 0, result.output
    assert (
        "warning: the price of m is 0.00015,0.0006 USD per 1M tokens: prices are per million "
        "tokens now (they were per 1,000)" in result.output
    )
    assert looks_per_thousand((0.0025, 0.01))  # gpt-4o per 1,000
    assert not looks_per_thousand((0.05, 0.4))  # gpt-5-nano per million
    assert not looks_per_thousand((0.0, 0.0))  # free


def test_max_cost_reports_what_was_spent(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 8)
    fake_endpoint.set_responder(answering)
    args = ["--price", "1000,1000", "--max-cost", "3", "--concurrency", "4", "--max-tokens", "200"]
    result = run(fake_endpoint, tmp_path / "in", tmp_path / "out", *args)
    assert result.exit_code == 1
    manifest = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    spent = manifest["totals"]["cost_usd"]
    assert spent > 0
    stop = re.search(
        r"warning: --max-cost \$3: spent \$([\d.]+) so far, up to \$[\d.]+ more "
        r"for the (\d+) articles in flight",
        result.output,
    )
    assert stop is not None, result.output
    assert float(stop[1]) + int(stop[2]) * 0.62 == pytest.approx(spent)  # one request each
    assert f"warning: --max-cost $3: spent ${spent:.4f} in all; " in result.output


def test_the_batch_price_is_half_the_live_one_unless_prices_name_it() -> None:
    assert batch_price("gpt-4o-mini", (0.15, 0.6)) == (0.075, 0.3)
    assert batch_price("m", (1.0, 4.0), {"m@batch": (0.2, 0.8)}) == (0.2, 0.8)
    assert batch_price("m", (1.0, 4.0), {"other@batch": (0.2, 0.8)}) == (0.5, 2.0)
    assert batch_price("m", None) is None
    assert batch_price("m", None, {"m@batch": (0.2, 0.8)}) == (0.2, 0.8)


def test_tokens_of_two_routes_are_each_at_their_price() -> None:
    live, batch = Usage(prompt_tokens=1000, completion_tokens=100), Usage(prompt_tokens=2000)
    assert routed_cost(live, batch, (1.0, 4.0), (0.5, 2.0)) == pytest.approx(0.0014 + 0.001)
    assert routed_cost(live, Usage(), (1.0, 4.0), None) == pytest.approx(0.0014)
    assert routed_cost(live, batch, (1.0, 4.0), None) is None  # a price it needs is unknown
    assert routed_cost(Usage(), Usage(), (1.0, 4.0), None) == 0
    assert routed_cost(Usage(), Usage(), None, (1.0, 1.0)) is None
