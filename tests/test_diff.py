"""Event-level diff of two runs: matching, field changes, causes, filters and output."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import extractor.diff as diff_api
from extractor.contract.models import ArticleDocument
from extractor.diff import (
    RunDiff,
    Snapshot,
    diff_documents,
    diff_runs,
    has_changes,
    render_markdown,
    render_text,
    select,
    to_json,
)
from extractor.diff.compare import describe_date
from extractor.diff.match import dice, similarity
from tests.data.review.factory import DEFAULT_EVENTS, E, Q, make_document

MEETING = DEFAULT_EVENTS[0]
NEXT = DEFAULT_EVENTS[1]


def _snap(*docs: ArticleDocument, failures: dict[str, str] | None = None, **kw: str) -> Snapshot:
    return Snapshot("run", {d.id: d for d in docs}, failures or {}, **kw)  # type: ignore[arg-type]


def _with(spec: E, **changes: Any) -> E:
    return dataclasses.replace(spec, **changes)


def test_public_api_is_pinned() -> None:
    assert sorted(diff_api.__all__) == [
        "ArticleDiff",
        "Cause",
        "EventChange",
        "FieldChange",
        "KINDS",
        "Kind",
        "RunDiff",
        "Snapshot",
        "StoryChange",
        "Summary",
        "UnreadableRunError",
        "describe_date",
        "diff_documents",
        "diff_runs",
        "has_changes",
        "load_snapshot",
        "render_markdown",
        "render_text",
        "select",
        "to_json",
    ]


def test_identical_documents_are_unchanged() -> None:
    result = diff_documents(make_document(), make_document())
    assert result.kind == "unchanged"
    assert [e.kind for e in result.events] == ["unchanged", "unchanged"]
    assert all(e.matched_by == "id" for e in result.events)


def test_added_quote_keeps_the_id_and_is_a_change() -> None:
    quotes = [*MEETING.quotes, Q("Fallon", "We stand together")]
    new = make_document(events=[_with(MEETING, quotes=quotes), NEXT])
    result = diff_documents(make_document(), new)
    changed = [e for e in result.events if e.kind == "changed"]
    assert len(changed) == 1
    assert changed[0].matched_by == "id"
    (field,) = changed[0].fields
    # Not in the text, so the quote is kept apart as unverified.
    assert (field.field, field.added, field.removed) == (
        "unverified_quotes",
        ('Fallon: "We stand together"',),
        (),
    )


def test_a_quote_moved_from_its_event_to_those_apart_shows_at_both_levels() -> None:
    old = make_document()
    [quote] = old.events[0].quotes
    moved = old.events[0].model_copy(update={"quotes": []})
    new = old.model_copy(update={"events": [moved, *old.events[1:]], "quotes": [quote]})
    result = diff_documents(old, new)
    assert result.kind == "changed"
    said = 'Mattis: "Russia is mucking around in elections"'
    assert [(f.field, f.added, f.removed) for f in result.fields] == [("quotes", (said,), ())]
    [event] = [e for e in result.events if e.kind == "changed"]
    assert [(f.field, f.added, f.removed) for f in event.fields] == [("quotes", (), (said,))]
    assert "quotes: + Mattis" in render_text(diff_runs(_snap(old), _snap(new)))


def test_date_resolved_differently() -> None:
    new = make_document(events=[_with(MEETING, value="2017-03-23"), NEXT])
    result = diff_documents(make_document(), new)
    (change,) = [e for e in result.events if e.kind == "changed"]
    (field,) = change.fields
    assert (field.field, field.old, field.new) == (
        "date",
        "2017-03-30 (day, resolved)",
        "2017-03-23 (day, resolved)",
    )


def test_actor_added_is_matched_by_similarity() -> None:
    actors = [*MEETING.actors, "Boris Johnson"]
    new = make_document(events=[_with(MEETING, actors=actors), NEXT])
    result = diff_documents(make_document(), new)
    (change,) = [e for e in result.events if e.kind == "changed"]
    assert change.matched_by == "similarity"
    assert change.old is not None and change.new is not None
    assert change.old.id != change.new.id
    fields = {f.field: f for f in change.fields}
    assert set(fields) == {"actors"}
    assert fields["actors"].added == ("Boris Johnson",)
    assert change.score is not None and 0.7 <= change.score < 1


def test_unrelated_event_is_removed_and_added() -> None:
    other = E("Parliament passed the budget", actors=["Parliament"], when="on Thursday")
    result = diff_documents(make_document(), make_document(events=[other, NEXT]))
    kinds = sorted(e.kind for e in result.events)
    assert kinds == ["added", "removed", "unchanged"]
    assert result.kind == "changed"


def test_similarity_needs_a_similar_description() -> None:
    old = make_document().events[0]
    same_words = make_document(events=[_with(MEETING, description="London: Fallon met Mattis")])
    different = make_document(events=[_with(MEETING, description="Budget vote postponed")])
    assert similarity(old, same_words.events[0]) > 0.9
    assert similarity(old, different.events[0]) == 0.0
    assert dice("a b c", "c b a") == 1.0
    assert dice("", "") == 1.0


def test_spans_moving_is_not_a_change() -> None:
    text = "Update: " + make_document().text
    result = diff_documents(make_document(), make_document(text=text))
    assert all(e.kind == "unchanged" for e in result.events)
    assert [f.field for f in result.fields] == ["text"]
    assert result.kind == "changed"
    assert [c.field for c in result.causes] == ["input"]


def test_runs_list_added_removed_and_failed_articles() -> None:
    old = _snap(make_document("a1"), make_document("a2"), make_document("a3"))
    new = _snap(
        make_document("a1"),
        make_document("a4"),
        failures={"a3": "EndpointError: down", "a5": "InputError: empty"},
    )
    result = diff_runs(old, new)
    assert [(a.id, a.kind) for a in result.articles] == [
        ("a1", "unchanged"),
        ("a2", "removed"),
        ("a3", "failed"),
        ("a4", "added"),
        ("a5", "failed"),
    ]
    failed = result.articles[2]
    assert failed.failure == "EndpointError: down" and failed.events == ()
    summary = result.summary()
    assert summary.events["removed"] == 2 and summary.events["added"] == 2
    assert has_changes(result)
    assert not has_changes(select(result, articles=["a1"]))


def test_causes_tell_a_prompt_change_from_an_input_change() -> None:
    old = _snap(make_document("a1"), make_document("a2"))
    new = _snap(
        make_document("a1", prompt_sha256="b" * 64, model="other-model"),
        make_document("a2", prompt_sha256="b" * 64, model="other-model", input_text="edited"),
    )
    result = diff_runs(old, new)
    fields = {c.field: c for c in result.causes}
    assert set(fields) == {"model", "prompt", "input"}
    assert (fields["prompt"].old, fields["prompt"].new) == (
        "extract aaaaaaaaaaaa",
        "extract bbbbbbbbbbbb",
    )
    assert fields["input"].articles == ("a2",)
    per_article = {a.id: [c.field for c in a.causes] for a in result.articles}
    assert per_article == {"a1": ["model", "prompt"], "a2": ["model", "prompt", "input"]}


def test_config_and_version_causes() -> None:
    old = _snap(make_document(), extractor_version="0.1.0")
    new = _snap(make_document(), extractor_version="0.2.0")
    old = Snapshot(
        "old", old.documents, config={"chunk_chars": 8000, "seed": 0}, extractor_version="0.1.0"
    )
    new = Snapshot("new", new.documents, config={"chunk_chars": 4000}, extractor_version="0.2.0")
    fields = {c.field: (c.old, c.new) for c in diff_runs(old, new).causes}
    assert fields == {
        "extractor_version": ("0.1.0", "0.2.0"),
        "config.chunk_chars": ("8000", "4000"),
        "config.seed": ("0", None),
    }


def test_select_by_kind_and_article_glob() -> None:
    old = _snap(make_document("bbc-1"), make_document("bbc-2"), make_document("cnn-1"))
    changed = make_document("bbc-2", events=[_with(MEETING, value="2017-03-23"), NEXT])
    new = _snap(make_document("bbc-1"), changed, make_document("cnn-2"))
    result = diff_runs(old, new)
    bbc = select(result, articles=["bbc-*"])
    assert [a.id for a in bbc.articles] == ["bbc-1", "bbc-2"]
    only_changes = select(bbc, kinds=["changed"])
    assert [a.id for a in only_changes.articles] == ["bbc-2"]
    assert [e.kind for e in only_changes.articles[0].events] == ["changed"]
    added = select(result, kinds=["added"])
    assert [(a.id, a.kind) for a in added.articles] == [("cnn-2", "added")]


def _sample() -> RunDiff:
    actors = [*MEETING.actors, "Boris Johnson"]
    old = _snap(make_document("a1"), make_document("a2"))
    new = _snap(
        make_document("a1", events=[_with(MEETING, actors=actors), NEXT], prompt_sha256="b" * 64),
        make_document("a3", events=[E("Talks <script>alert(1)</script> *ended*", ["A|B"])]),
        failures={"a2": "EndpointError: \x1b[31mdown"},
    )
    return diff_runs(old, new)


def test_text_output() -> None:
    text = render_text(select(_sample(), kinds=["added", "removed", "changed", "failed"]))
    lines = text.splitlines()
    assert lines[0] == "Comparing run -> run"
    assert "  prompt: extract aaaaaaaaaaaa -> extract aaaaaaaaaaaa, extract bbbbbbbbbbbb" in lines
    assert "Articles: 1 added, 0 removed, 1 changed, 0 unchanged, 1 failed" in lines
    assert "~ a1  changed  [prompt changed]" in lines
    assert "      actors: + Boris Johnson" in lines
    assert "! a2  failed  [EndpointError:  [31mdown]" in lines  # the escape character is gone
    assert "\x1b" not in text
    assert "\x1b[32m" in render_text(_sample(), color=True)


def test_markdown_escapes_article_text() -> None:
    markdown = render_markdown(_sample())
    assert "<script>" not in markdown
    assert "Talks \\<script\\>alert(1)\\</script\\> \\*ended\\*" in markdown
    assert "A\\|B" in markdown
    assert "| Articles | 1 | 0 | 1 | 0 | 1 |" in markdown
    assert "### ~ `a1` changed" in markdown


def test_json_output_round_trips() -> None:
    data = json.loads(json.dumps(to_json(_sample())))
    assert data["summary"]["articles"] == {
        "added": 1,
        "removed": 0,
        "changed": 1,
        "unchanged": 0,
        "failed": 1,
    }
    a1 = data["articles"][0]
    (changed,) = [e for e in a1["events"] if e["kind"] == "changed"]
    assert changed["matched_by"] == "similarity"
    assert changed["fields"] == [
        {"field": "actors", "old": None, "new": None, "added": ["Boris Johnson"], "removed": []}
    ]
    assert changed["new"]["actors"] == ["James Mattis", "Michael Fallon", "Boris Johnson"]


def test_describe_date() -> None:
    doc = make_document()
    assert doc.events[1].when is not None
    assert describe_date(doc.events[1].when.resolution) == (
        "2017-04 [2017-04-01..2017-04-30] (month, resolved)"
    )
    unresolved = make_document(events=[E("x", when="someday")]).events[0].when
    assert unresolved is not None
    assert describe_date(unresolved.resolution) == "unresolved"
