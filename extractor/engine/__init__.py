"""The nightly batch engine: incremental, resumable, concurrent, rate-limited.

``run_batch`` is the entry point; the rest is listed for callers that build on it.
"""

from __future__ import annotations

from extractor.engine.batch import Refresh, RunResult, RunSettings, default_cache_path, run_batch
from extractor.engine.cache import Cache
from extractor.engine.files import prepare_document, render
from extractor.engine.merge import merge_shards
from extractor.engine.observe import Observer, Progress, Silent
from extractor.engine.progress import AppendFile, JsonLog, Log, Stream, Tee, TextLog
from extractor.engine.select import Limit
from extractor.engine.shards import Shard, parse_shard, shard_of
from extractor.engine.stages import StagePool
from extractor.engine.status import status_json, status_lines
from extractor.engine.stop import Stopper
from extractor.engine.story_state import STORIES_FILE, Linked, link_run

__all__ = [
    "STORIES_FILE",
    "AppendFile",
    "Cache",
    "JsonLog",
    "Limit",
    "Linked",
    "Log",
    "Observer",
    "Progress",
    "Refresh",
    "RunResult",
    "RunSettings",
    "Shard",
    "Silent",
    "StagePool",
    "Stopper",
    "Stream",
    "Tee",
    "TextLog",
    "default_cache_path",
    "link_run",
    "merge_shards",
    "parse_shard",
    "prepare_document",
    "render",
    "run_batch",
    "shard_of",
    "status_json",
    "status_lines",
]
