"""Shards writing to one tree: each writes ``run.shard-K-of-N.json`` and
``events.shard-K-of-N.jsonl``; whichever finishes last (under a lock) merges all N into
``run.json`` and ``events.jsonl``. Until all N exist, ``run.json`` is left as it was."""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator
from pathlib import Path

from extractor.contract.models import RunManifest
from extractor.engine.files import TreeNames, read_manifest, wait_lock, write_lines_atomic
from extractor.engine.manifest import ConfigValue, merge
from extractor.engine.shards import Shard
from extractor.io.output import dumps, write_atomic

MERGE_LOCK = ".extractor-merge.lock"


def merge_shards(out_dir: Path, n: int) -> list[int]:
    """Merge the N shard manifests of ``out_dir``; returns the shards still missing."""
    with wait_lock(out_dir / MERGE_LOCK):
        names = [TreeNames(Shard(k, n)) for k in range(1, n + 1)]
        found = [read_manifest(out_dir / name.manifest) for name in names]
        missing = [k for k, manifest in enumerate(found, 1) if manifest is None]
        if missing:
            return missing
        manifests = [m for m in found if m is not None]
        write_lines_atomic(
            out_dir / "events.jsonl", _merged_lines([out_dir / n.events for n in names])
        )
        write_atomic(out_dir / "run.json", dumps(merge(manifests, _config(manifests[0], n))))
    return []


def _config(first: RunManifest, n: int) -> dict[str, ConfigValue]:
    config = {k: v for k, v in first.config.items() if k != "shard"}
    config["shards"] = n
    return config


def _lines(path: Path) -> Iterator[tuple[str, str]]:
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        return
    with handle:
        for line in handle:
            if line.strip():
                yield str(json.loads(line).get("article_id", "")), line


def _merged_lines(paths: list[Path]) -> Iterator[str]:
    """Each shard's lines are sorted by article id: a stable k-way merge keeps that order."""
    for _, line in heapq.merge(*(_lines(p) for p in paths), key=lambda pair: pair[0]):
        yield line
