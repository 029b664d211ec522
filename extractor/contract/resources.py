"""Where the data files the package needs are: the prompt templates and the JSON Schemas.

The repository keeps them at its top level (``prompts/``, ``schemas/``); a built wheel carries
them inside the package (``extractor/_prompts``, ``extractor/_schemas``: see the package-dir
mapping in pyproject.toml; underscored so as not to shadow the modules ``prompts`` and
``schemas``). An installed wheel finds its own copies, an editable checkout the top-level
folders.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Literal

__all__ = ["data_dir"]

DataName = Literal["prompts", "schemas"]


def data_dir(name: DataName) -> Path:
    """The folder of ``name``: inside the installed package, else the repository's."""
    packaged = Path(str(files("extractor"))) / f"_{name}"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name
