"""validate, diff and report on runs written by the real ``extractor run`` (fake endpoint)."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from extractor.cli import cli
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, error, json_reply

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT / "seeds" / "000_e0f882ac583a9941.txt", ROOT / "seeds" / "003_4ce2d9851149de12.txt"]
ANSWER: dict[str, Any] = json.loads(
    (ROOT / "tests" / "data" / "answer_003.json").read_text(encoding="utf-8")
)


def _extract(endpoint: FakeEndpoint, out: Path, *extra: str) -> int:
    # the small-model rules on, as for the embedded model: the answer's statements are folded
    args = ["run", "--base-url", endpoint.base_url, "--model", "fake-model", "--quiet"]
    args += ["--small-model-rules", "on"]
    args += [*map(str, SEEDS), "--out", str(out), "--max-attempts", "1", *extra]
    return CliRunner().invoke(cli, args, env={}, catch_exceptions=False).exit_code


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_real_runs_validate_diff_and_report(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    fake_endpoint.set_responder(lambda _: json_reply(ANSWER))
    first = tmp_path / "first"
    assert _extract(fake_endpoint, first) == 0
    assert _cli("validate", str(first)) == (
        0,
        "Checked 2 documents, 1 run, 3 event lines: valid.\n",  # the statements are folded
    )

    changed = copy.deepcopy(ANSWER)
    changed["events"][0]["actors"].append("NATO")  # a new id, matched by content
    del changed["events"][-1]
    fake_endpoint.set_responder(lambda _: json_reply(changed))
    second = tmp_path / "second"
    assert _extract(fake_endpoint, second) == 0
    assert _cli("validate", str(second))[0] == 0

    code, output = _cli("diff", str(first), str(second), "--format", "json", "--fail-on-change")
    assert code == 1
    data = json.loads(output)
    assert data["summary"]["articles"]["changed"] == 2
    # only seed 003 held the deleted event: in seed 000 its place is not in the text, so it was
    # already a plain statement
    assert data["summary"]["events"]["removed"] == 1
    for article in data["articles"]:
        (moved,) = [e for e in article["events"] if e.get("matched_by") == "similarity"]
        assert moved["kind"] == "changed"
        assert moved["fields"][0]["field"] == "actors"
        assert moved["fields"][0]["added"] == ["NATO"]
    assert _cli("diff", str(first), str(first), "--fail-on-change")[0] == 0

    page = tmp_path / "report.html"
    assert _cli("report", str(second), "--against", str(first), "--out", str(page))[0] == 0
    assert page.read_text(encoding="utf-8").count('data-diff="removed"') == 1


def test_failed_article_keeps_its_document(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    fake_endpoint.set_responder(lambda _: json_reply(ANSWER))
    out = tmp_path / "out"
    assert _extract(fake_endpoint, out) == 0
    before = tmp_path / "before"
    shutil.copytree(out, before)

    def fail_003(request: Recorded) -> Reply:
        user = json.dumps(request.body)
        return error(500, "down") if "Jim Mattis stated" in user else json_reply(ANSWER)

    fake_endpoint.set_responder(fail_003)
    assert _extract(fake_endpoint, out, "--force") == 1
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in manifest["failures"]] == ["003_4ce2d9851149de12"]
    assert (out / "articles" / "003_4ce2d9851149de12.json").exists()  # the earlier document
    code, output = _cli("validate", str(out))
    assert code == 0, output

    code, output = _cli("diff", str(before), str(out), "--fail-on-change")
    assert code == 1
    assert "Articles: 0 added, 0 removed, 0 changed, 1 unchanged, 1 failed" in output
    assert "! 003_4ce2d9851149de12  failed  [EndpointError: endpoint failed after 1" in output
    page = tmp_path / "report.html"
    assert _cli("report", str(out), "--against", str(before), "--out", str(page))[0] == 0
    text = page.read_text(encoding="utf-8")
    assert '<pre class="failure">EndpointError: endpoint failed after 1' in text
