"""The review page: highlights, flags, diff markers, escaping, self-containment."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

import extractor.report as report_api
from extractor.cli import cli
from extractor.diff import Snapshot, diff_runs
from extractor.report import render_report
from tests.data.review.factory import DEFAULT_EVENTS, E, Q, failure, make_document, write_run

HOSTILE = (
    "Officials said <script>document.documentElement.setAttribute('data-pwned','1')</script> "
    'and <img src=x onerror="document.title=1"> were found on Thursday in Paris & Lyon.'
)


class _Page(HTMLParser):
    """Collects tags with their attributes, and the text inside each highlight link."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.highlights: list[tuple[str, str]] = []  # (class, text)
        self._open: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        classes = dict(attrs).get("class") or ""
        self._open.append(classes if tag == "a" and "hl" in classes.split() else "")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        if self._open and self._open[-1]:
            self.highlights.append((self._open[-1], data))


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _hostile_runs() -> tuple[Snapshot, Snapshot]:
    events = [
        E(
            "Officials found <b>devices</b>",
            actors=["Officials"],
            place="Paris & Lyon",
            when="on Thursday",
            value="2017-03-30",
            quotes=[Q("Officials", "<script>alert(1)</script>")],
        )
    ]
    old = make_document("x1", events, text=HOSTILE, title="<i>Old</i>")
    moved = [dataclasses.replace(events[0], value="2017-03-23"), E("A raid", ["Police"])]
    new = make_document("x1", moved, text=HOSTILE, title="<i>Raid</i> & more")
    return Snapshot("old", {"x1": old}), Snapshot("new", {"x1": new})


def test_public_api_is_pinned() -> None:
    assert sorted(report_api.__all__) == ["highlight", "render_report"]


def test_highlights_are_the_spans_and_link_to_their_events() -> None:
    doc = make_document("a1")
    page = render_report(Snapshot("run", {"a1": doc}))
    parsed = _parse(page)
    texts = {(c.split()[1], t) for c, t in parsed.highlights}
    assert texts == {
        # The second event's actor "Mattis" was located inside the first one's "James Mattis".
        ("hl-actor", "James "),
        ("hl-actor", "Mattis"),
        ("hl-actor", "Michael Fallon"),
        ("hl-place", "London"),
        ("hl-date", "on Thursday"),
        ("hl-quote", "Russia is mucking around in elections"),
        ("hl-place", "Brussels"),
        ("hl-date", "next month"),
    }
    links = [a for t, a in parsed.tags if t == "a" and "hl" in (a.get("class") or "")]
    event_ids = {e.id for e in doc.events}
    for link in links:
        assert link["href"] == f"#art0-{(link['data-events'] or '').split()[0]}"
        assert set((link["data-events"] or "").split()) <= event_ids
    cards = {a["id"] for t, a in parsed.tags if t == "li" and "event" in (a.get("class") or "")}
    assert cards == {f"art0-{i}" for i in event_ids}


def test_overlapping_spans_are_split_not_lost() -> None:
    # "Mattis" (actor of one event) lies inside "James Mattis" (actor of another).
    doc = make_document(events=[E("Meeting", ["James Mattis"]), E("Speech", ["Mattis"])])
    parsed = _parse(render_report(Snapshot("run", {doc.id: doc})))
    assert "".join(t for _, t in parsed.highlights) == "James Mattis"
    both = [
        a for t, a in parsed.tags if t == "a" and len((a.get("data-events") or "").split()) == 2
    ]
    assert len(both) == 1  # the shared "Mattis"


def test_ungrounded_quotes_and_unresolved_dates_are_flagged() -> None:
    spec = E("Talk", ["Mattis"], when="someday", quotes=[Q("Mattis", "words never written")])
    doc = make_document(events=[spec], published=None)
    page = render_report(Snapshot("run", {doc.id: doc}))
    assert "1 ungrounded quote(s)" in page
    assert "date unresolved" in page
    assert "not found in the text" in page
    assert "no publication date" in page
    assert 'class="event diff-none flagged"' in page


def test_diff_markers_inline() -> None:
    old, new = _hostile_runs()
    page = render_report(new, diff_runs(old, new))
    parsed = _parse(page)
    cards = [a for t, a in parsed.tags if t == "li" and "event" in (a.get("class") or "")]
    assert sorted(a["data-diff"] or "" for a in cards) == ["added", "changed"]
    assert any("ev-changed" in c for c, _ in parsed.highlights)
    assert "<del>2017-03-30 (day, resolved)</del> → <ins>2017-03-23 (day, resolved)</ins>" in page
    assert 'id="hide-unchanged"' in page


def test_removed_and_failed_articles_are_listed() -> None:
    old = Snapshot("old", {"a1": make_document("a1"), "a2": make_document("a2")})
    new = Snapshot("new", {"a1": make_document("a1")}, failures={"a3": "EndpointError: <down>"})
    page = render_report(new, diff_runs(old, new))
    assert re.search(r'<section class="article diff-removed" id="art1" data-article="a2">', page)
    assert page.count('data-diff="removed"') == len(DEFAULT_EVENTS)
    assert '<pre class="failure">EndpointError: &lt;down&gt;</pre>' in page


def test_article_text_is_escaped_everywhere() -> None:
    old, new = _hostile_runs()
    page = render_report(new, diff_runs(old, new), title="<title>")
    parsed = _parse(page)
    assert [t for t, _ in parsed.tags].count("script") == 1
    assert [t for t, _ in parsed.tags].count("img") == 0
    assert "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;document.documentElement" in page
    assert "Paris &amp; Lyon" in page
    for _, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)


def test_page_is_self_contained_and_its_script_is_allowed_by_hash() -> None:
    page = render_report(Snapshot("run", {"a1": make_document("a1")}))
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img")
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, attrs)
    (policy,) = [a["content"] for t, a in parsed.tags if a.get("http-equiv")]
    assert policy is not None and policy.startswith("default-src 'none'")
    (script,) = parsed.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "http://" not in page and "https://" not in page


def test_report_command(tmp_path: Path) -> None:
    old = write_run(tmp_path / "old", [make_document("a1"), make_document("a2")])
    new = write_run(tmp_path / "new", [make_document("a1")], failures=[failure("a2")])
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(
        cli, ["report", str(new), "--against", str(old), "--out", str(out), "--title", "Nightly"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"{out}\n"
    page = out.read_text(encoding="utf-8")
    assert "<title>Nightly</title>" in page
    assert '<span class="badge diff diff-failed">failed</span>' in page


def test_report_command_needs_out(tmp_path: Path) -> None:
    run = write_run(tmp_path / "run", [make_document("a1")])
    result = CliRunner().invoke(cli, ["report", str(run)])
    assert result.exit_code == 2
    assert "Missing option '--out'" in result.output
