"""The real embedded model, end to end through the ``openai`` client (slow: marked).

One server start: a short article goes through the strict schema, the answer is checked for
structure and grounding (not wording), then a real SIGINT must stop the server and close its
port. The packaged model is assembled once into pytest's cache directory and verified on
every run.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import openai
import pytest

from extractor.article.ground import locate
from extractor.contract.models import ModelExtraction
from extractor.contract.schemas import model_schema
from extractor.io.local_model import DEFAULT_MODEL, LocalModelConfig, serve
from extractor.io.local_model.health import port_is_open

pytestmark = pytest.mark.local_model

# An invented story: no real people, written for this test.
ARTICLE = """Harbour town opens new ferry terminal

LINDHOLM, 4 March 2024 - The town of Lindholm opened its new ferry terminal on Monday after
two years of building work.

"This terminal brings the islands within an hour of the city," said mayor Ingrid Balk at the
opening ceremony.

The ferry company Nordsund said it would add three daily crossings from next month.
"""

SYSTEM = (
    "You extract events from a news article. Answer with JSON only. For each event give a "
    "short description, the actors named exactly as in the article, the place and the date "
    "expression copied from the article (or null), the tense, and the statements: the speaker, "
    "kind 'direct' with the exact words inside the quotation marks, or kind 'indirect' with a "
    "short paraphrase. Use only the article; never invent names, places, dates or quotes."
)


def _os_threads() -> int:
    return len(os.listdir("/proc/self/task"))


@pytest.fixture(scope="session")
def model_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pytest's cache directory, so the 1.1 GB assembly happens once, not on every run."""
    cache = getattr(request.config, "cache", None)
    if cache is None:  # run with -p no:cacheprovider
        return tmp_path_factory.mktemp("model-cache")
    return Path(cache.mkdir("extractor-local-model"))


def test_real_model_answers_the_strict_schema_and_stops_on_ctrl_c(model_cache: Path) -> None:
    config = LocalModelConfig(model_file=None, cache_dir=model_cache)
    threads_before = _os_threads()

    with pytest.raises(KeyboardInterrupt), serve(config) as endpoint:
        assert port_is_open(endpoint.base_url)
        with openai.OpenAI(base_url=endpoint.base_url, api_key=endpoint.api_key) as client:
            response = client.chat.completions.create(
                model=endpoint.model,
                messages=[
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": f'Article:\n"""\n{ARTICLE}"""'},
                ],
                response_format={
                    "type": "json_schema",
                    "json_schema": {
                        "name": "extraction",
                        "strict": True,
                        "schema": model_schema(ModelExtraction),
                    },
                },
                temperature=0,
                seed=0,
                max_tokens=1024,
            )
        os.kill(os.getpid(), signal.SIGINT)  # a real Ctrl-C, delivered to this process
        time.sleep(10)
        pytest.fail("SIGINT did not raise KeyboardInterrupt inside serve()")

    # Stopped: the port is closed and llama.cpp's threads are joined. What may stay are the
    # process-wide pools llama.cpp keeps after first use (its log thread, OpenMP workers).
    assert not port_is_open(endpoint.base_url)
    assert _os_threads() <= threads_before + config.n_threads
    # Provenance facts the run records.
    assert endpoint.model == DEFAULT_MODEL.name
    assert endpoint.model_sha256 == DEFAULT_MODEL.sha256
    assert endpoint.base_url.startswith("http://127.0.0.1:")

    choice = response.choices[0]
    assert choice.finish_reason == "stop"
    assert response.usage is not None and response.usage.completion_tokens > 0
    extraction = ModelExtraction.model_validate_json(choice.message.content or "")
    assert extraction.events, "the model returned no events"

    # Grounding, with the project's own locator (exact or normalised, no fuzzy matching):
    # some actor is named as in the article, and the mayor's quote is found, attributed to her.
    actors = [actor for event in extraction.events for actor in event.actors]
    assert any(locate(ARTICLE, actor, fuzzy=False) for actor in actors), actors
    quotes = [s for event in extraction.events for s in event.statements if s.kind == "direct"]
    grounded = [q for q in quotes if locate(ARTICLE, q.text, fuzzy=False) is not None]
    assert any("balk" in q.speaker.lower() for q in grounded), quotes
