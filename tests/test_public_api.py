"""The public API of ``import extractor``: pinned, importable, and cheap to import."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
from pathlib import Path

import extractor
from tests.fake_endpoint import FakeEndpoint, json_reply

PUBLIC = [
    "ArticleDocument",
    "EndpointConfig",
    "ExtractorError",
    "ModelClient",
    "PipelineSettings",
    "RawArticle",
    "RunSettings",
    "SCHEMA_VERSION",
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


def test_the_public_names_are_pinned() -> None:
    assert sorted(extractor.__all__) == sorted(PUBLIC)
    assert sorted(dir(extractor)) == sorted(PUBLIC)


def test_every_public_name_resolves() -> None:
    for name in PUBLIC:
        assert getattr(extractor, name) is not None, name


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        extractor.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("an unknown name resolved")


def test_importing_the_package_loads_neither_the_client_nor_the_pipeline() -> None:
    code = (
        "import sys, extractor; "
        "print(sorted(m for m in ('openai', 'extractor.article.pipeline', 'jsonschema') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_resolve_a_date_through_the_api() -> None:
    resolved = extractor.resolve_date("On Thursday", dt.date(2031, 3, 14), tense="past")
    assert resolved.value == "2031-03-13"


def test_extract_an_article_through_the_api(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Mayor Ada Quill opened the new bridge on Monday, the city said.\n", encoding="utf-8"
    )
    (loaded,) = extractor.load_inputs([article])
    assert isinstance(loaded, extractor.RawArticle)
    answer = {
        "events": [
            {
                "description": "Ada Quill opened the bridge",
                "actors": ["Ada Quill"],
                "place": None,
                "when": "on Monday",
                "tense": "past",
                "statements": [],
            }
        ]
    }
    with FakeEndpoint() as endpoint:
        endpoint.queue(json_reply(answer))
        config = extractor.EndpointConfig(base_url=endpoint.base_url, model="m", api_key="k")
        settings = extractor.PipelineSettings(
            prompt=extractor.load_prompt(extractor.default_prompts_dir())
        )

        async def go() -> extractor.ArticleDocument:
            client = extractor.ModelClient(config)
            try:
                return await extractor.extract_article(loaded, client, settings)
            finally:
                await client.aclose()

        document = asyncio.run(go())
    assert [event.actors[0].text for event in document.events] == ["Ada Quill"]
