"""``extractor batch ray``: the exported requests through Ray Data, on a local Ray, against the
fake endpoint; then ``batch import``. Needs the ``ray`` extra (CI installs only
``.[local,dev]``, so these are skipped there): ``pip install -c constraints.txt -e '.[ray]'``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.engine_support import answering, documents, write_articles
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, error
from tests.test_batch_offline import comparable, export, import_, invoke, live

ray = pytest.importorskip(
    "ray", reason="needs the 'ray' extra: pip install -c constraints.txt -e '.[ray]'"
)
pytestmark = [
    pytest.mark.ray,
    # Ray's own deprecations (its pydantic config classes, its DataContext), not this project's.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*"),
]

COUNT = 4
MARKS = ("Dispatch 0001", "Dispatch 0002")  # the articles a0001 and a0002


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """One small Ray on this machine for the module: one CPU, no dashboard, no usage stats."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(num_cpus=1, include_dashboard=False, _node_ip_address="127.0.0.1")
        try:
            yield
        finally:
            ray.shutdown()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_articles(folder, COUNT)
    return folder


def through_ray(endpoint: FakeEndpoint, requests: Path, results: Path, *more: str) -> list[Any]:
    done = invoke(
        "batch", "ray", str(requests), str(results), "--base-url", endpoint.base_url, *more
    )
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]


def test_ray_answers_the_export_and_the_import_builds_a_live_runs_documents(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, local_ray: None
) -> None:
    fake_endpoint.set_responder(answering)
    assert live(fake_endpoint, inputs, tmp_path / "live").exit_code == 0
    asked_live = len(fake_endpoint.chat_requests)

    out = tmp_path / "ray"
    requests = tmp_path / "requests.jsonl"
    lines = export(requests, inputs, out)
    results = tmp_path / "results.jsonl"
    answers = through_ray(fake_endpoint, requests, results, "--api-key", "sk-ray-test")

    # Every body reached the endpoint exactly as exported (Ray's rows did not reshape it).
    sent = fake_endpoint.chat_requests[asked_live:]
    assert sorted(json.dumps(r.body, sort_keys=True) for r in sent) == sorted(
        json.dumps(x["body"], sort_keys=True) for x in lines
    )
    assert {r.headers.get("authorization") for r in sent} == {"Bearer sk-ray-test"}
    assert [a["custom_id"] for a in answers] == [x["custom_id"] for x in lines]
    assert {a["response"]["status_code"] for a in answers} == {200}

    done = import_(results, inputs, out)
    assert done.exit_code == 0, done.output
    assert "sk-ray-test" not in done.output
    offline, online = documents(out), documents(tmp_path / "live")
    assert offline.keys() == online.keys() and len(offline) == COUNT
    for name in online:
        assert comparable(offline[name]) == comparable(online[name])


def test_failed_requests_are_error_lines_and_the_others_are_kept(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, local_ray: None
) -> None:
    out = tmp_path / "out"
    requests = tmp_path / "requests.jsonl"
    lines = export(requests, inputs, out)

    def respond(request: Recorded) -> Reply:
        text = json.dumps(request.body)
        if "Dispatch 0001" in text:
            return error(400, "the prompt is too long")
        if "Dispatch 0002" in text:
            return error(503, "busy")  # every time: Ray's retries run out
        return answering(request)

    fake_endpoint.set_responder(respond)
    results = tmp_path / "results.jsonl"
    answers = through_ray(
        fake_endpoint, requests, results, "--batch-size", "1", "--max-retries", "1"
    )
    assert [a["custom_id"] for a in answers] == [x["custom_id"] for x in lines]
    marked = {m: {x["custom_id"] for x in lines if m in json.dumps(x["body"])} for m in MARKS}
    refused, lost = marked["Dispatch 0001"], marked["Dispatch 0002"]
    assert refused and lost
    outcome = {a["custom_id"]: (a["error"] or a["response"]) for a in answers}
    assert {outcome[c]["status_code"] for c in refused} == {400}
    assert {outcome[c]["code"] for c in lost} == {"ray_failed"}
    others = outcome.keys() - refused - lost
    assert others and {outcome[c]["status_code"] for c in others} == {200}

    done = import_(results, inputs, out)
    assert done.exit_code == 1, done.output  # two articles wait for their second round
    listed = json.loads((out / "run.json").read_text(encoding="utf-8"))["articles"]
    skipped = {a["id"] for a in listed if a["status"] == "skipped"}
    assert skipped == {"a0001", "a0002"}
    assert set(documents(out)) == {"a0000", "a0003"}
    second = export(tmp_path / "second.jsonl", inputs, out)
    assert {x["custom_id"] for x in second} == refused | lost
