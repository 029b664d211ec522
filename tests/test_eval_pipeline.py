"""``extractor eval`` on documents written by the real pipeline (``extractor run``).

The fake endpoint answers with exactly what the gold says (an oracle model), so the scores
that depend only on the model's answer and on grounding must be perfect.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from extractor.cli import cli
from extractor.contract.gold import GoldArticle
from extractor.evaluation import Evaluation
from tests.fake_endpoint import FakeEndpoint, json_reply

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ["003_4ce2d9851149de12", "004_e990d03908ba375a"]


def gold(article_id: str) -> GoldArticle:
    path = ROOT / "eval" / "gold" / f"{article_id}.json"
    return GoldArticle.model_validate_json(path.read_text(encoding="utf-8"))


def oracle_answer(article: GoldArticle) -> dict[str, Any]:
    """The model answer that says what the gold says, quotes under the first event."""
    events: list[dict[str, Any]] = [
        {
            "description": event.description,
            "actors": event.actors,
            "place": event.place,
            "when": event.when_text,
            "tense": "past",
            "statements": [],
        }
        for event in article.events
    ]
    events[0]["statements"] = [
        {"speaker": quote.speaker, "text": quote.text, "kind": "direct"} for quote in article.quotes
    ]
    return {"events": events}


def test_eval_scores_pipeline_documents(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    golds = {article_id: gold(article_id) for article_id in SEEDS}
    answers = {article_id: oracle_answer(golds[article_id]) for article_id in SEEDS}

    def respond(request: Any) -> Any:
        user = request.body["messages"][-1]["content"]
        if "Jens Stoltenberg" in user:
            return json_reply(answers[SEEDS[1]])
        return json_reply(answers[SEEDS[0]])

    fake_endpoint.set_responder(respond)
    out = tmp_path / "run"
    inputs = [str(ROOT / "seeds" / f"{article_id}.txt") for article_id in SEEDS]
    flags = ["--base-url", fake_endpoint.base_url, "--model", "fake-model", "--quiet"]
    flags += ["--small-model-rules", "on"]  # as for the embedded model (below: W008)
    ran = CliRunner().invoke(cli, ["run", *inputs, "--out", str(out), *flags], env={})
    assert ran.exit_code == 0, ran.output

    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for article_id, article in golds.items():
        (gold_dir / f"{article_id}.json").write_text(article.model_dump_json(), "utf-8")
    metrics = tmp_path / "metrics.json"
    result = CliRunner().invoke(
        cli, ["eval", "--gold", str(gold_dir), "--pred", str(out), "--json", str(metrics)]
    )
    assert result.exit_code == 0, result.output
    report = Evaluation.model_validate_json(metrics.read_text(encoding="utf-8")).pred
    assert [article.status for article in report.articles] == ["scored", "scored"]
    overall = report.overall
    assert overall.quotes.exact.matched == overall.quotes.exact.gold == 10
    assert overall.quotes.exact.precision == 1.0
    assert overall.quotes.speaker.value == 1.0
    assert overall.grounding.value == 1.0
    assert overall.published.value == 1.0
    # The gold's "Vladimir Putin expressed interest in …" (no date, no place) is a plain
    # statement to the pipeline: folded away with a W008 warning, the other 10 all matched.
    assert overall.events.matched.predicted == overall.events.matched.matched == 10
    assert overall.events.matched.gold == 11
    document = (out / "articles" / f"{SEEDS[0]}.json").read_text(encoding="utf-8")
    assert "W008" in document and "Vladimir Putin expressed interest" in document
    assert overall.events.who.value == 1.0
    assert overall.events.where.value == 1.0


def test_a_remote_endpoints_answer_keeps_every_event(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    """Without the small-model rules (the default for any endpoint but the embedded model),
    the plain statement the gold lists is kept as the event it is in the answer."""
    article_id = SEEDS[0]
    answer = oracle_answer(gold(article_id))
    fake_endpoint.set_responder(lambda _: json_reply(answer))
    out = tmp_path / "run"
    flags = ["--base-url", fake_endpoint.base_url, "--model", "fake-model", "--quiet"]
    path = str(ROOT / "seeds" / f"{article_id}.txt")
    ran = CliRunner().invoke(cli, ["run", path, "--out", str(out), *flags], env={})
    assert ran.exit_code == 0, ran.output
    document = json.loads((out / "articles" / f"{article_id}.json").read_text(encoding="utf-8"))
    assert document["provenance"]["small_model_rules"] is False
    assert "W008" not in [w["code"] for w in document["warnings"]]
    assert len(document["events"]) == len(answer["events"])
