"""Regression test of extraction quality with the real embedded model (slow: marked).

The two shortest gold articles that have quotes (MEANTIME Wikinews texts, CC BY 4.0, from
data/meantime of the shared data, tests/shared_data.py) go through the whole pipeline with the
default prompt; the run is scored against ``eval/gold`` and must keep quote recall (overlap) at
issue 7's target and every stored direct quote grounded.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from extractor.article.pipeline import PipelineSettings, extract_article
from extractor.article.prompt import default_prompts_dir, load_prompt
from extractor.contract.article import RawArticle
from extractor.contract.endpoint import EndpointConfig
from extractor.contract.ids import safe_id
from extractor.contract.models import ArticleDocument
from extractor.evaluation import TARGETS, evaluate, parse_gold
from extractor.io.inputs import load_inputs
from extractor.io.llm import ModelClient
from extractor.io.local_model import LocalModelConfig, serve
from tests.shared_data import meantime

pytestmark = pytest.mark.local_model

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [
    "143480_Automaker_GM_to_cut_10,000_jobs_at_Opel",
    "131162_Stock_markets_worldwide_rise_on_hopes_of_US_economic_recovery",
]
QUOTE_RECALL = TARGETS["quotes.overlap.recall"]


@pytest.fixture(scope="session")
def model_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pytest's cache directory, so the 1.1 GB assembly happens once, not on every run."""
    cache = getattr(request.config, "cache", None)
    if cache is None:  # run with -p no:cacheprovider
        return tmp_path_factory.mktemp("model-cache")
    return Path(cache.mkdir("extractor-local-model"))


def _articles() -> list[RawArticle]:
    paths = [meantime("articles", f"{name}.txt") for name in ARTICLES]
    items = load_inputs(paths, manifest=meantime("manifest.jsonl"))
    articles = [item for item in items if isinstance(item, RawArticle)]
    assert len(articles) == len(ARTICLES), items
    return articles


async def _extract(base_url: str, model: str, api_key: str) -> list[ArticleDocument]:
    client = ModelClient(EndpointConfig(base_url=base_url, model=model, api_key=api_key))
    settings = PipelineSettings(prompt=load_prompt(default_prompts_dir()))
    try:
        return [await extract_article(a, client, settings) for a in _articles()]
    finally:
        await client.aclose()


def test_quote_recall_and_grounding_hold_on_two_gold_articles(model_cache: Path) -> None:
    meantime()  # skips (fails in CI) before loading the model when the corpus is missing
    with serve(LocalModelConfig(model_file=None, cache_dir=model_cache)) as endpoint:
        docs = asyncio.run(_extract(endpoint.base_url, endpoint.model, endpoint.api_key))
    golds = [
        parse_gold((ROOT / "eval" / "gold" / f"{name}.json").read_text("utf-8"), name)
        for name in ARTICLES
    ]
    by_id = {doc.id: doc for doc in docs}  # documents carry the safe id (commas replaced)
    pred = {gold.id: by_id[safe_id(gold.id)] for gold in golds}
    report = evaluate(golds, dict(pred), gold_name="eval/gold", pred_name="test")
    quotes, grounding = report.overall.quotes.overlap, report.overall.grounding
    assert quotes.recall is not None and quotes.recall >= QUOTE_RECALL, report.overall
    assert grounding.total > 0 and grounding.value == 1.0, report.overall
