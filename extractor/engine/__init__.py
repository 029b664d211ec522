"""The nightly batch engine: incremental, resumable, concurrent, rate-limited.

``run_batch`` is the entry point; the rest is listed for callers that build on it.
"""

from __future__ import annotations

from extractor.engine.batch import RunResult, RunSettings, default_cache_path, run_batch
from extractor.engine.cache import Cache
from extractor.engine.merge import merge_shards
from extractor.engine.observe import Observer, Progress, Silent
from extractor.engine.shards import Shard, parse_shard, shard_of
from extractor.engine.stop import Stopper

__all__ = [
    "Cache",
    "Observer",
    "Progress",
    "RunResult",
    "RunSettings",
    "Shard",
    "Silent",
    "Stopper",
    "default_cache_path",
    "merge_shards",
    "parse_shard",
    "run_batch",
    "shard_of",
]
