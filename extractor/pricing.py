"""What tokens cost: a small built-in price table, overridable per run or per config file.

Prices are US dollars per 1,000 tokens, (prompt, completion). The built-in table holds list
prices of a few OpenAI models (standard tier, as published in 2025); check your provider's
pricing and pass ``--price`` or a ``[prices]`` config entry when they differ. The local model
costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from extractor.errors import ConfigError
from extractor.models import Usage

Price = tuple[float, float]  # USD per 1,000 prompt tokens, per 1,000 completion tokens

BUILT_IN: dict[str, Price] = {
    "gpt-4o-mini": (0.00015, 0.0006),
    "gpt-4o": (0.0025, 0.01),
    "gpt-4.1-nano": (0.0001, 0.0004),
    "gpt-4.1-mini": (0.0004, 0.0016),
    "gpt-4.1": (0.002, 0.008),
    "gpt-5-nano": (0.00005, 0.0004),
    "gpt-5-mini": (0.00025, 0.002),
    "gpt-5": (0.00125, 0.01),
}
FREE: Price = (0.0, 0.0)


def parse_price(value: str) -> Price:
    """``"0.15,0.6"`` (prompt, completion per 1K tokens) as a pair of non-negative floats."""
    parts = value.split(",")
    try:
        prompt, completion = (float(p) for p in parts)
    except ValueError:
        raise ConfigError(
            f"Price {value!r} is not PROMPT,COMPLETION: give two numbers in USD per 1,000 "
            "tokens, e.g. --price 0.15,0.6"
        ) from None
    if prompt < 0 or completion < 0:
        raise ConfigError(f"Price {value!r} is negative; give prices of 0 or more.")
    return prompt, completion


def price_for(
    model: str,
    kind: str,
    *,
    explicit: Price | None = None,
    table: Mapping[str, Price] | None = None,
) -> Price | None:
    """The price of ``model``: an explicit one, else the config table, else the built-in
    table (exact name, or the longest name a dated snapshot starts with); None when unknown."""
    if explicit is not None:
        return explicit
    if kind == "local":
        return FREE
    for source in (table or {}, BUILT_IN):
        if model in source:
            return source[model]
        prefixes = [name for name in source if model.startswith(name + "-")]
        if prefixes:
            return source[max(prefixes, key=len)]
    return None


def cost(usage: Usage, price: Price | None) -> float | None:
    """USD for ``usage`` at ``price``, rounded to a millionth of a dollar; None if unknown."""
    if price is None:
        return None
    return round(
        usage.prompt_tokens / 1000 * price[0] + usage.completion_tokens / 1000 * price[1], 6
    )
