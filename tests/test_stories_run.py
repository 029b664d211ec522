"""Stories of a run: ``stories.jsonl``, the state across nights, ``extractor stories``,
``extractor validate`` on them, and ``extractor run`` writing them at its end.

Events are invented (tests/data/review/factory builds the documents).
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor import stories as linker
from extractor.cli import cli
from extractor.diff import load_snapshot
from extractor.engine import link_run
from extractor.report import render_report
from tests.data.review.factory import E, Q, make_document, write_run
from tests.fake_endpoint import FakeEndpoint, json_reply

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "Finance Minister William Okafor opened the Vell bridge in Port Amsel on Monday. "
    'Okafor said "this bridge joins two halves of one country" to the crowd. '
    "Police arrested Dora Flint in Lindby on Tuesday."
)
SAID = "this bridge joins two halves of one country"
BRIDGE = E(
    "Okafor opened the Vell bridge",
    ["Finance Minister William Okafor"],
    "Port Amsel",
    "on Monday",
    "2031-05-05",
    quotes=[Q("Okafor", SAID)],
)
ARREST = E("Police arrested Dora Flint", ["Dora Flint"], "Lindby", "on Tuesday", "2031-05-06")


def doc(article_id: str, events: list[E], published: str = "2031-05-06") -> Any:
    return make_document(article_id, events, text=TEXT, published=published)


def stories(out: Path) -> list[dict[str, Any]]:
    lines = (out / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def story_of(out: Path) -> dict[tuple[str, str], str]:
    return {(e["article_id"], e["event_id"]): s["id"] for s in stories(out) for e in s["events"]}


def validate(out: Path) -> Any:
    return CliRunner().invoke(cli, ["validate", str(out)])


def test_a_run_is_linked_into_stories_that_validate(tmp_path: Path) -> None:
    out = write_run(tmp_path / "run", [doc("a", [BRIDGE, ARREST]), doc("b", [BRIDGE])])
    linked = link_run(out, out / ".extractor-cache.sqlite")
    assert (linked.stories, linked.events, linked.joined) == (2, 3, 0)
    bridge, arrest = sorted(stories(out), key=lambda s: -len(s["events"]))
    assert [e["article_id"] for e in bridge["events"]] == ["a", "b"]
    assert bridge["sources"] == 2 and bridge["shared_quotes"] == [SAID]
    assert [e["article_id"] for e in arrest["events"]] == ["a"]
    result = validate(out)
    assert result.exit_code == 0, result.output


def test_tonights_events_join_yesterdays_story_and_a_re_run_keeps_every_id(
    tmp_path: Path,
) -> None:
    out = write_run(tmp_path / "run", [doc("a", [BRIDGE, ARREST]), doc("b", [BRIDGE])])
    state = out / ".extractor-cache.sqlite"
    link_run(out, state)
    first = (out / "stories.jsonl").read_bytes()
    yesterday = story_of(out)
    link_run(out, state)  # an ordinary re-run: nothing changes
    assert (out / "stories.jsonl").read_bytes() == first

    # the next night: yesterday's articles are gone from the inputs, a new one comes
    shutil.rmtree(out / "articles")
    write_run(out, [doc("c", [BRIDGE], "2031-05-07")])
    linked = link_run(out, state)
    assert linked.joined == 1 and linked.kept == 3
    tonight = story_of(out)
    bridge = yesterday["a", doc("a", [BRIDGE]).events[0].id]
    assert tonight["c", doc("c", [BRIDGE]).events[0].id] == bridge
    assert {k: v for k, v in tonight.items() if k[0] != "c"} == yesterday
    grown = next(s for s in stories(out) if s["id"] == bridge)
    assert grown["articles"] == 3 and grown["last_published"] == "2031-05-07"
    result = validate(out)  # a story may hold events of articles no longer in the run
    assert result.exit_code == 0, result.output


def test_a_run_as_the_last_link_left_it_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor.engine import story_state

    out = write_run(tmp_path / "run", [doc("a", [BRIDGE, ARREST]), doc("b", [BRIDGE])])
    state = out / ".extractor-cache.sqlite"
    first = link_run(out, state)
    written = (out / "stories.jsonl").stat().st_mtime_ns
    reads: list[int] = []
    real = story_state._read

    def counted(*args: Any) -> Any:
        reads.append(1)
        return real(*args)

    monkeypatch.setattr(story_state, "_read", counted)
    assert link_run(out, state) == first and not reads
    assert (out / "stories.jsonl").stat().st_mtime_ns == written

    other = write_run(tmp_path / "other", [doc("c", [ARREST])])
    link_run(other, state)  # another tree through the same state: linked, and forgotten
    assert reads == [1]
    link_run(out, state)
    assert reads == [1, 1]
    (out / "stories.jsonl").unlink()  # a file the link wrote is gone: linked again
    assert link_run(out, state).stories and reads == [1, 1, 1]
    assert (out / "stories.jsonl").exists()
    write_run(out, [doc("b", [BRIDGE, ARREST])])  # a document replaced
    assert link_run(out, state).events == 2 and reads == [1, 1, 1, 1]
    link_run(out, state)
    assert reads == [1, 1, 1, 1]
    monkeypatch.setattr(linker, "REVISION", linker.REVISION + 1)  # another linker: again
    link_run(out, state)
    assert reads == [1, 1, 1, 1, 1]


def test_validate_finds_an_event_in_no_story_and_an_unknown_event(tmp_path: Path) -> None:
    out = write_run(tmp_path / "run", [doc("a", [BRIDGE, ARREST]), doc("b", [BRIDGE])])
    link_run(out, out / ".extractor-cache.sqlite")
    rows = stories(out)
    dropped = rows.pop()  # its events are now in no story
    rows[0]["events"].append({"article_id": "a", "event_id": "ev_" + "0" * 16})
    text = "".join(json.dumps(r) + "\n" for r in rows)
    (out / "stories.jsonl").write_text(text, encoding="utf-8")
    result = validate(out)
    assert result.exit_code == 1
    assert "E601 story-unknown-event" in result.output
    assert result.output.count(": E602 event-without-story:") == len(dropped["events"])


def test_validate_checks_stories_against_the_schema(tmp_path: Path) -> None:
    out = write_run(tmp_path / "run", [doc("a", [BRIDGE])])
    link_run(out, out / ".extractor-cache.sqlite")
    [row] = stories(out)
    row["sources"] = 0
    (out / "stories.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = validate(out)
    assert result.exit_code == 1
    assert "stories.jsonl:1:/sources: E002 schema-violation" in result.output


def test_the_stories_command_links_a_run_again(tmp_path: Path) -> None:
    out = write_run(tmp_path / "run", [doc("a", [BRIDGE]), doc("b", [BRIDGE])])
    result = CliRunner().invoke(cli, ["stories", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 stories of 2 events")
    assert len(stories(out)) == 1


def test_extractor_run_writes_stories_at_its_end(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    answer = {
        "events": [
            {
                "description": "Okafor opened the Vell bridge",
                "actors": ["Finance Minister William Okafor"],
                "place": "Port Amsel",
                "when": "on Monday",
                "tense": "past",
                "statements": [{"kind": "direct", "text": "Q1", "speaker": "Okafor"}],
            }
        ]
    }
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("one", "two"):
        (inputs / f"{name}.txt").write_text(f"Bridge news ({name})\n\n{TEXT}\n", encoding="utf-8")
        fake_endpoint.queue(json_reply(answer))
    out = tmp_path / "out"
    base = ["run", "--base-url", fake_endpoint.base_url, "--model", "fake-model", "--quiet"]
    result = CliRunner().invoke(cli, [*base, str(inputs), "--out", str(out)], env={})
    assert result.exit_code == 0, result.output
    # the bridge's story, and the arrest's: a dated happening the answer left out
    bridge, arrest = sorted(stories(out), key=lambda s: not s["shared_quotes"])
    assert [e["article_id"] for e in bridge["events"]] == ["one", "two"]
    assert bridge["shared_quotes"] == [SAID]
    assert [e["article_id"] for e in arrest["events"]] == ["one", "two"]
    assert validate(out).exit_code == 0
    # an ordinary re-run of the same --out (answers cached): the same stories, the same ids
    first = (out / "stories.jsonl").read_bytes()
    again = CliRunner().invoke(cli, [*base, str(inputs), "--out", str(out)], env={})
    assert again.exit_code == 0, again.output
    assert (out / "stories.jsonl").read_bytes() == first
    assert len(fake_endpoint.chat_requests) == 2


def test_a_run_whose_stories_cannot_be_written_warns_and_keeps_its_exit_code(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    fake_endpoint.queue(json_reply({"events": []}))
    (tmp_path / "one.txt").write_text(f"Bridge news\n\n{TEXT}\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "stories.jsonl").mkdir(parents=True)  # in the way of the file
    base = ["run", "--base-url", fake_endpoint.base_url, "--model", "fake-model", "--quiet"]
    result = CliRunner().invoke(cli, [*base, str(tmp_path / "one.txt"), "--out", str(out)], env={})
    assert result.exit_code == 0, result.output
    assert "warning: stories.jsonl not written (" in result.stderr
    assert f"link the run with 'extractor stories {out}'" in result.stderr
    assert (out / "articles" / "one.json").is_file()


def test_diff_shows_the_stories_that_grew(tmp_path: Path) -> None:
    old = write_run(tmp_path / "old", [doc("a", [BRIDGE, ARREST]), doc("b", [BRIDGE])])
    link_run(old, old / ".extractor-cache.sqlite")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    write_run(new, [doc("a", [BRIDGE, ARREST]), doc("b", [BRIDGE]), doc("c", [BRIDGE])])
    link_run(new, new / ".extractor-cache.sqlite")
    bridge = story_of(old)["a", doc("a", [BRIDGE]).events[0].id]
    joined = f"c/{doc('c', [BRIDGE]).events[0].id}"

    text = CliRunner().invoke(cli, ["diff", str(old), str(new), "--no-color"])
    assert text.exit_code == 0, text.output
    assert "Stories: 1 changed, 0 added, 0 removed, 1 unchanged (listed: " in text.output
    assert "Dora Flint" not in text.output  # a story of one article is counted, not listed
    assert f"~ story {bridge}  changed  Okafor opened the Vell bridge  [sources 2 -> 3]" in (
        text.output
    )
    assert f"    + {joined}" in text.output

    markdown = CliRunner().invoke(cli, ["diff", str(old), str(new), "--format", "markdown"])
    assert "### Stories" in markdown.output and f"  - joined: `{joined}`" in markdown.output

    every = ["--kind", "changed", "--kind", "unchanged"]
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--format", "json", *every])
    story, arrest = json.loads(result.output)["stories"]  # JSON: every story of those kinds
    assert story["id"] == bridge and story["joined"] == [joined]
    assert story["sources"] == {"old": 2, "new": 3}
    assert story["articles"] == {"old": 2, "new": 3}
    assert arrest["kind"] == "unchanged" and arrest["title"] == "Police arrested Dora Flint"

    only_a = CliRunner().invoke(cli, ["diff", str(old), str(new), "--article", "a", "--no-color"])
    assert "~ story" not in only_a.output  # no event of article a joined or left a story


def test_report_has_a_stories_page_with_the_sources_side_by_side(tmp_path: Path) -> None:
    out = write_run(tmp_path / "run", [doc("a", [BRIDGE, ARREST]), doc("b", [BRIDGE])])
    link_run(out, out / ".extractor-cache.sqlite")
    page = tmp_path / "review.html"
    result = CliRunner().invoke(cli, ["report", str(out), "--out", str(page)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [str(page), str(tmp_path / "review-stories.html")]
    main = page.read_text(encoding="utf-8")
    assert '<a href="review-stories.html">1 story told by more than one article' in main
    stories_page = (tmp_path / "review-stories.html").read_text(encoding="utf-8")
    [bridge] = [s for s in stories(out) if s["articles"] == 2]
    assert f'<section class="story" id="{bridge["id"]}">' in stories_page
    assert stories_page.count('<div class="source">') == 2
    assert '<a href="review.html#art0">a</a>' in stories_page
    assert '<a href="review.html#art1">b</a>' in stories_page
    # the quote both outlets carry: once in the shared list, once in each source
    assert stories_page.count(f'<blockquote class="shared">{SAID}</blockquote>') == 3
    assert "Dora Flint" not in stories_page  # a story of one article is not shown


def test_a_run_without_stories_has_no_stories_page(tmp_path: Path) -> None:
    out = write_run(tmp_path / "run", [doc("a", [BRIDGE])])
    page = tmp_path / "review.html"
    result = CliRunner().invoke(cli, ["report", str(out), "--out", str(page)])
    assert result.output.splitlines() == [str(page)]
    assert "stories.html" not in page.read_text(encoding="utf-8")


def test_a_one_page_report_closes_with_its_stories(tmp_path: Path) -> None:
    out = write_run(tmp_path / "run", [doc("a", [BRIDGE, ARREST]), doc("b", [BRIDGE])])
    link_run(out, out / ".extractor-cache.sqlite")
    page = render_report(load_snapshot(out))  # the one-page API
    assert '<a href="#stories">1 story told by more than one article' in page
    assert '<section class="stories" id="stories">' in page
    assert '<a href="#art0">a</a>' in page
    result = CliRunner().invoke(
        cli, ["report", str(out), "--out", str(tmp_path / "r.html"), "--per-page", "0"]
    )
    assert result.output.splitlines() == [str(tmp_path / "r.html")]


def test_events_of_gone_articles_are_kept_sixty_days_then_dropped(tmp_path: Path) -> None:
    out = write_run(tmp_path / "run", [doc("a", [BRIDGE]), doc("b", [BRIDGE])])
    state = out / ".extractor-cache.sqlite"
    link_run(out, state)
    later = dataclasses.replace(BRIDGE, value="2031-07-01")  # 57 days on: a's and b's kept
    shutil.rmtree(out / "articles")
    write_run(out, [doc("c", [later], "2031-07-02")])
    assert link_run(out, state).kept == 2
    much_later = dataclasses.replace(BRIDGE, value="2031-08-20")  # 107 days on: dropped
    shutil.rmtree(out / "articles")
    write_run(out, [doc("d", [much_later], "2031-08-21")])
    linked = link_run(out, state)
    assert linked.kept == 1  # c's (50 days before d's article) is kept, a's and b's are not
    assert {e["article_id"] for s in stories(out) for e in s["events"]} == {"c", "d"}
