"""The config file of ``extractor run`` and the price table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.contract.models import Usage
from extractor.contract.pricing import cost, parse_price, price_for
from extractor.errors import ConfigError
from extractor.io.config import parse_config
from tests.engine_support import answering, write_articles
from tests.fake_endpoint import FakeEndpoint

ALLOWED = {n: n for n in ("model", "rpm", "tpm", "max_cost", "price", "concurrency")}
ALLOWED["cache"] = "cache_path"


def test_parse_config() -> None:
    text = """
[run]
model = "gpt-4o-mini"
max-cost = 2.5
price = [0.1, 0.4]
rpm = 500
cache = "/var/cache/extractor.sqlite"

[prices]
"my-model" = [0.3, 1.2]
"""
    config = parse_config(text, "x.toml", ALLOWED)
    assert config.defaults == {
        "model": "gpt-4o-mini",
        "max_cost": 2.5,
        "price": "0.1,0.4",
        "rpm": 500,
        "cache_path": "/var/cache/extractor.sqlite",
    }
    assert config.prices == {"my-model": (0.3, 1.2)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[run]\napi_key = 'sk-x'", "do not store the API key in a file"),
        ("[run]\nbogus = 1", "[run] bogus is not a flag of extractor run"),
        ("[other]\nx = 1", "unknown table(s) other"),
        ("[prices]\nm = [1]", "[prices] m must be [prompt, completion]"),
        ("[prices]\nm = [-1, 2]", "[prices] m must be [prompt, completion]"),
        ("[run\n", "is not valid TOML"),
    ],
)
def test_bad_config_files(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_config(text, "x.toml", ALLOWED)


def test_prices() -> None:
    assert price_for("gpt-4o-mini", "openai") == (0.15, 0.6)  # USD per million tokens
    assert price_for("gpt-4o-mini-2024-07-18", "openai") == (0.15, 0.6)
    assert price_for("gpt-4o-2024-08-06", "openai") == (2.5, 10.0)
    assert price_for("llama3", "openai-compatible") is None
    assert price_for("llama3", "local") == (0.0, 0.0)
    assert price_for("llama3", "openai-compatible", table={"llama3": (1.0, 2.0)}) == (1.0, 2.0)
    assert price_for("gpt-4o", "openai", explicit=(9.0, 9.0)) == (9.0, 9.0)
    assert parse_price("0.15, 0.6") == (0.15, 0.6)
    for bad in ("1", "a,b", "1,2,3", "-1,2"):
        with pytest.raises(ConfigError, match=r"--price|negative"):
            parse_price(bad)
    assert cost(Usage(prompt_tokens=1500, completion_tokens=500), (2.0, 8.0)) == 0.007
    assert cost(Usage(prompt_tokens=1), None) is None


def test_flag_beats_environment_beats_config_file(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 2)
    fake_endpoint.set_responder(answering)
    config = tmp_path / "extractor.toml"
    config.write_text(
        '[run]\nmodel = "from-file"\nconcurrency = 3\nrpm = 120\n[prices]\n"from-file" = [1, 2]\n',
        encoding="utf-8",
    )

    def run(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
        out = tmp_path / f"out{len(list(tmp_path.iterdir()))}"
        base = ["run", str(tmp_path / "in"), "--out", str(out), "-q"]
        base += ["--base-url", fake_endpoint.base_url, "--config", str(config)]
        result = CliRunner().invoke(cli, [*base, *args], env=env or {}, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        data: dict[str, object] = json.loads((out / "run.json").read_text(encoding="utf-8"))[
            "config"
        ]
        return data

    from_file = run()
    assert (from_file["model"], from_file["concurrency"], from_file["rpm"]) == ("from-file", 3, 120)
    assert from_file["price"] == "1,2 USD per 1M tokens"
    assert run(env={"EXTRACTOR_MODEL": "from-env"})["model"] == "from-env"
    flagged = run("--model", "from-flag", "--concurrency", "2", env={"EXTRACTOR_MODEL": "env"})
    assert (flagged["model"], flagged["concurrency"]) == ("from-flag", 2)


def test_a_bad_config_file_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[run]\napi_key = 'sk-abc'\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["run", str(config), "--out", str(tmp_path / "o"), "--config", str(config)]
    )
    assert result.exit_code == 2
    assert "do not store the API key in a file" in result.output
    assert "sk-abc" not in result.output
