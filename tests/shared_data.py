"""The one place that finds the shared data (MEANTIME, ECB+) the tests read.

It is ``../shared`` beside the repository, or the folder named by ``EXTRACTOR_SHARED_DATA``.
A test whose data is missing skips on a developer's machine and fails in CI (``CI`` set), so
a CI without the data is never green by skipping.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

ENV = "EXTRACTOR_SHARED_DATA"
ROOT = Path(__file__).resolve().parents[1]


def shared_root() -> Path:
    """The shared data folder (``$EXTRACTOR_SHARED_DATA``, else ``../shared``)."""
    return Path(os.environ.get(ENV) or ROOT.parent / "shared")


def missing(path: Path) -> NoReturn:
    """Fail in CI, skip elsewhere, naming what is missing and how to point at it."""
    message = (
        f"shared data not found: {path} is missing. Put the shared folder (data/meantime, "
        f"data/ecbplus) at {ROOT.parent / 'shared'}, or set {ENV} to where it is."
    )
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def shared(*parts: str) -> Path:
    """The path ``parts`` under the shared data folder; skips (fails in CI) when missing."""
    path = shared_root().joinpath(*parts)
    if not path.exists():
        missing(path)
    return path


def meantime(*parts: str) -> Path:
    """A path under MEANTIME (Wikinews, CC BY 4.0): ``data/meantime``."""
    return shared("data", "meantime", *parts)


def ecbplus(*parts: str) -> Path:
    """A path under ECB+ (Cybulska & Vossen 2014, CC BY 3.0): ``data/ecbplus``."""
    return shared("data", "ecbplus", *parts)
