"""Walking the paths given: each file, and each input file under each folder, once.

Hidden names are skipped and symbolic links to folders are not followed; a folder that cannot be
listed is reported (``Listed.error``), never a crash of the batch.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import ConfigError
from extractor.io.inputs.files import resolved

__all__ = ["Listed", "list_files"]


@dataclass(frozen=True)
class Listed:
    """An input file, or a folder that could not be listed (``error`` set)."""

    path: Path  # as given, or as found in a folder
    real: Path  # resolved, so a file reached twice is read once
    error: OSError | None = None


def list_files(paths: Sequence[Path], suffixes: Collection[str]) -> Iterator[Listed]:
    """Each file given, and each file with one of ``suffixes`` under the folders given
    (recursively, skipping hidden names), once each, in a stable order.

    Raises ConfigError for a path that does not exist at all.
    """
    seen: set[Path] = set()
    for given in paths:
        if not os.path.lexists(given):
            raise ConfigError(f"{given}: no such file or folder; check the input path.")
        found = _walk(given, suffixes) if _is_dir(given) else [Listed(given, resolved(given))]
        for item in found:
            if item.error is not None or item.real not in seen:
                seen.add(item.real)
                yield item


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False  # read as a file, which then fails with the reason


def _walk(folder: Path, suffixes: Collection[str]) -> list[Listed]:
    """Without recursion (os.walk recurses, and a deep enough tree overflows Python's stack);
    symbolic links to folders are not followed."""
    files: list[Listed] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            files.append(Listed(current, resolved(current), exc))
            continue
        for entry in entries:
            path = current / entry.name
            if entry.name.startswith("."):
                continue
            if _is_folder(entry):
                stack.append(path)
            elif path.suffix.lower() in suffixes:
                files.append(Listed(path, resolved(path)))
    return sorted(files, key=lambda item: item.path)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False
