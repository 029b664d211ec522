"""What tokens cost: a small built-in price table, overridable per run or per config file.

Prices are US dollars per million tokens, (prompt, completion), as providers publish them
(up to 0.1.0 they were per 1,000 tokens: a price from then is 1,000 times too small now, which
``looks_per_thousand`` catches for the usual prices). The built-in table holds list
prices of a few OpenAI models (standard tier, as published in 2025); check your provider's
pricing and pass ``--price`` or a ``[prices]`` config entry when they differ. The local model
costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from extractor.contract.models import Usage
from extractor.errors import ConfigError

Price = tuple[float, float]  # USD per million prompt tokens, per million completion tokens
PER_TOKENS = 1_000_000  # the tokens a price is for
UNIT = "USD per 1M tokens"

BUILT_IN: dict[str, Price] = {
    "gpt-4o-mini": (0.15, 0.6),
    "gpt-4o": (2.5, 10.0),
    "gpt-4.1-nano": (0.1, 0.4),
    "gpt-4.1-mini": (0.4, 1.6),
    "gpt-4.1": (2.0, 8.0),
    "gpt-5-nano": (0.05, 0.4),
    "gpt-5-mini": (0.25, 2.0),
    "gpt-5": (1.25, 10.0),
}
FREE: Price = (0.0, 0.0)
BATCH_SHARE = 0.5  # a Batch API's price, as a share of the live price (OpenAI's, 2025)
BATCH_SUFFIX = "@batch"  # [prices] "MODEL@batch" = [prompt, completion]: a batch price
SMALLEST_LIKELY = 0.05  # USD per 1M: a dearer price below it was likely given per 1,000


def parse_price(value: str) -> Price:
    """``"0.15,0.6"`` (prompt, completion per 1M tokens) as a pair of non-negative floats."""
    parts = value.split(",")
    try:
        prompt, completion = (float(p) for p in parts)
    except ValueError:
        raise ConfigError(
            f"Price {value!r} is not PROMPT,COMPLETION: give two numbers in USD per million "
            "tokens (as providers publish them), e.g. --price 0.15,0.6"
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
        (usage.prompt_tokens * price[0] + usage.completion_tokens * price[1]) / PER_TOKENS, 6
    )


def routed_cost(
    live_usage: Usage, batch_usage: Usage, live: Price | None, batch: Price | None
) -> float | None:
    """USD for tokens some of which came live and some by a batch, each at its price; None
    when the price of a route that has tokens is unknown (or, with no tokens, the live one)."""
    parts = [(u, p) for u, p in ((live_usage, live), (batch_usage, batch)) if u.total_tokens]
    costs = [cost(u, p) for u, p in parts] or [cost(Usage(), live)]
    if any(c is None for c in costs):
        return None
    return round(sum(c for c in costs if c is not None), 6)


def price_text(price: Price) -> str:
    """``0.15,0.6 USD per 1M tokens``: a price as recorded in run.json, with its unit."""
    return f"{price[0]:g},{price[1]:g} {UNIT}"


def looks_per_thousand(price: Price) -> bool:
    """Whether a non-zero price is so small that it was likely meant per 1,000 tokens (the
    unit up to 0.1.0): list prices per million are from a few cents up."""
    return 0 < max(price) < SMALLEST_LIKELY


def batch_price(
    model: str, live: Price | None, table: Mapping[str, Price] | None = None
) -> Price | None:
    """The price of ``model`` through a Batch API: ``[prices]`` ``"MODEL@batch"`` when given,
    else half the live price (None when the live price is unknown)."""
    given = (table or {}).get(model + BATCH_SUFFIX)
    if given is not None:
        return given
    if live is None:
        return None
    return live[0] * BATCH_SHARE, live[1] * BATCH_SHARE
