"""The nightly batch engine: incremental, resumable, concurrent, rate-limited.

``run_batch`` is the entry point; the rest is listed for callers that build on it.
"""

from __future__ import annotations

from extractor.engine.batch import Refresh, RunResult, RunSettings, default_cache_path, run_batch
from extractor.engine.cache import Cache
from extractor.engine.files import prepare_document, render
from extractor.engine.keys import code_sha256
from extractor.engine.merge import merge_shards
from extractor.engine.observe import Observer, Progress, Silent
from extractor.engine.offline import Imported, dry_run, export_requests, import_results
from extractor.engine.progress import AppendFile, JsonLog, Log, Stream, Tee, TextLog
from extractor.engine.provider import MAX_BYTES, MAX_REQUESTS, Batched, BatchOptions, run_batched
from extractor.engine.requests import (
    Collected,
    Estimate,
    Request,
    RequestPlan,
    plan_requests,
    store_results,
)
from extractor.engine.select import Limit
from extractor.engine.shards import Shard, parse_shard, shard_of
from extractor.engine.stages import StagePool
from extractor.engine.status import status_json, status_lines
from extractor.engine.stop import Stopper
from extractor.engine.story_state import STORIES_FILE, KnownFacts, Linked, link_run

__all__ = [
    "MAX_BYTES",
    "MAX_REQUESTS",
    "STORIES_FILE",
    "AppendFile",
    "BatchOptions",
    "Batched",
    "Cache",
    "Collected",
    "Estimate",
    "Imported",
    "JsonLog",
    "KnownFacts",
    "Limit",
    "Linked",
    "Log",
    "Observer",
    "Progress",
    "Refresh",
    "Request",
    "RequestPlan",
    "RunResult",
    "RunSettings",
    "Shard",
    "Silent",
    "StagePool",
    "Stopper",
    "Stream",
    "Tee",
    "TextLog",
    "code_sha256",
    "default_cache_path",
    "dry_run",
    "export_requests",
    "import_results",
    "link_run",
    "merge_shards",
    "parse_shard",
    "plan_requests",
    "prepare_document",
    "render",
    "run_batch",
    "run_batched",
    "shard_of",
    "status_json",
    "status_lines",
    "store_results",
]
