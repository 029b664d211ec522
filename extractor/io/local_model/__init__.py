"""The embedded local model: the packaged GGUF file and llama.cpp's server, in this process.

``serve(config)`` yields an OpenAI-compatible endpoint on 127.0.0.1 that the ordinary
``openai`` client calls; the server stops when the block ends, however it ends.
"""

from __future__ import annotations

from extractor.io.local_model.config import (
    DEFAULT_N_CTX,
    STOP_TIMEOUT_S,
    LocalEndpoint,
    LocalModelConfig,
    default_cache_dir,
)
from extractor.io.local_model.cores import MAX_THREADS, every_core, free_cores
from extractor.io.local_model.files import (
    DEFAULT_MODEL,
    ModelFile,
    ModelSpec,
    ensure_model_file,
    verify_model_file,
)
from extractor.io.local_model.priority import PRIORITIES, takes_cores
from extractor.io.local_model.server import serve
from extractor.io.local_model.spin import SPIN_COUNT, set_spin_count

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_N_CTX",
    "MAX_THREADS",
    "PRIORITIES",
    "SPIN_COUNT",
    "STOP_TIMEOUT_S",
    "LocalEndpoint",
    "LocalModelConfig",
    "ModelFile",
    "ModelSpec",
    "default_cache_dir",
    "ensure_model_file",
    "every_core",
    "free_cores",
    "serve",
    "set_spin_count",
    "takes_cores",
    "verify_model_file",
]
