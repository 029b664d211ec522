"""extractor: events, actors, places, dates and quotes from news articles, with provenance.

The public API (everything else is internal and may move):

- Extract: ``load_inputs`` reads files into ``RawArticle``s; ``extract_article`` runs one
  through the pipeline with a ``ModelClient`` (built from an ``EndpointConfig``) and
  ``PipelineSettings`` (a prompt from ``load_prompt(default_prompts_dir())``), giving an
  ``ArticleDocument``.
- Run a batch: ``run_batch`` with ``RunSettings`` (what ``extractor run`` does).
- Resolve a date: ``resolve_date("On Thursday", publication_date)``.
- Validate: ``validate_paths(paths, load_contract())``.
- Diff: ``diff_runs(load_snapshot(old), load_snapshot(new))``.
- Evaluate: ``evaluate(load_gold(path), documents, ...)``.

Names load on first use, so ``import extractor`` (and every CLI command) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from extractor.contract.version import VERSION as __version__

if TYPE_CHECKING:
    from extractor.article.pipeline import PipelineSettings, extract_article
    from extractor.article.prompt import default_prompts_dir, load_prompt
    from extractor.contract.article import RawArticle
    from extractor.contract.endpoint import EndpointConfig
    from extractor.contract.models import SCHEMA_VERSION, ArticleDocument
    from extractor.dates import resolve_date
    from extractor.diff import diff_runs, load_snapshot
    from extractor.engine import RunSettings, run_batch
    from extractor.errors import ExtractorError
    from extractor.evaluation import evaluate, load_gold
    from extractor.io.inputs import load_inputs
    from extractor.io.llm import ModelClient
    from extractor.validate import load_contract, validate_paths

_WHERE = {
    "ArticleDocument": "extractor.contract.models",
    "EndpointConfig": "extractor.contract.endpoint",
    "ExtractorError": "extractor.errors",
    "ModelClient": "extractor.io.llm",
    "PipelineSettings": "extractor.article.pipeline",
    "RawArticle": "extractor.contract.article",
    "RunSettings": "extractor.engine",
    "SCHEMA_VERSION": "extractor.contract.models",
    "default_prompts_dir": "extractor.article.prompt",
    "diff_runs": "extractor.diff",
    "evaluate": "extractor.evaluation",
    "extract_article": "extractor.article.pipeline",
    "load_contract": "extractor.validate",
    "load_gold": "extractor.evaluation",
    "load_inputs": "extractor.io.inputs",
    "load_prompt": "extractor.article.prompt",
    "load_snapshot": "extractor.diff",
    "resolve_date": "extractor.dates",
    "run_batch": "extractor.engine",
    "validate_paths": "extractor.validate",
}

__all__ = [
    "SCHEMA_VERSION",
    "ArticleDocument",
    "EndpointConfig",
    "ExtractorError",
    "ModelClient",
    "PipelineSettings",
    "RawArticle",
    "RunSettings",
    "__version__",
    "default_prompts_dir",
    "diff_runs",
    "evaluate",
    "extract_article",
    "load_contract",
    "load_gold",
    "load_inputs",
    "load_prompt",
    "load_snapshot",
    "resolve_date",
    "run_batch",
    "validate_paths",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
