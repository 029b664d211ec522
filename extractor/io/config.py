"""The optional config file of ``extractor run``: TOML defaults for its flags and a price table.

    [run]                      # any long flag of `extractor run`, dashes or underscores
    model = "gpt-4o-mini"
    concurrency = 16
    rpm = 500
    tpm = 200000
    max-cost = 5.0

    [prices]                   # USD per million tokens: [prompt, completion]
    "my-finetune" = [0.3, 1.2]

Flags and environment variables win over the file, the file over built-in defaults. The API
key is refused here: keep it in OPENAI_API_KEY.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.contract.pricing import Price
from extractor.errors import ConfigError

SECRET_KEYS = {"api_key"}


@dataclass(frozen=True)
class ConfigFile:
    defaults: dict[str, Any] = field(default_factory=dict)  # flag name (underscores) -> value
    prices: dict[str, Price] = field(default_factory=dict)


def parse_config(text: str, source: str, allowed: Mapping[str, str]) -> ConfigFile:
    """Read the TOML ``text``; ``allowed`` maps the flag names it may set (underscores for
    dashes, e.g. ``max_cost`` for ``--max-cost``) to the parameter each sets."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {source} is not valid TOML ({exc}); fix it.") from None
    unknown = sorted(set(data) - {"run", "prices"})
    if unknown:
        raise ConfigError(
            f"Config file {source}: unknown table(s) {', '.join(unknown)}; use [run] and [prices]."
        )
    return ConfigFile(
        defaults=_defaults(data.get("run", {}), source, allowed),
        prices=_prices(data.get("prices", {}), source),
    )


def _defaults(table: Any, source: str, allowed: Mapping[str, str]) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError(f"Config file {source}: [run] must be a table of flag = value.")
    defaults: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name in SECRET_KEYS:
            raise ConfigError(
                f"Config file {source}: do not store the API key in a file; "
                "set OPENAI_API_KEY or pass --api-key."
            )
        if name not in allowed:
            raise ConfigError(f"Config file {source}: [run] {key} is not a flag of extractor run.")
        if name == "price" and isinstance(value, list):
            value = ",".join(str(v) for v in value)
        defaults[allowed[name]] = value
    return defaults


def _prices(table: Any, source: str) -> dict[str, Price]:
    if not isinstance(table, dict):
        raise ConfigError(f"Config file {source}: [prices] must map model names to [p, c].")
    prices: dict[str, Price] = {}
    for model, value in table.items():
        ok = isinstance(value, list) and len(value) == 2
        ok = ok and all(isinstance(v, int | float) and v >= 0 for v in value)
        if not ok:
            raise ConfigError(
                f"Config file {source}: [prices] {model} must be [prompt, completion] in USD "
                "per million tokens, e.g. [0.15, 0.6]."
            )
        prices[model] = (float(value[0]), float(value[1]))
    return prices


def load_config(path: Path, allowed: Mapping[str, str]) -> ConfigFile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"Config file {path} cannot be read ({exc.strerror}).") from None
    return parse_config(text, str(path), allowed)
