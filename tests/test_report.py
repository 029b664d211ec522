"""The review page: highlights, flags, diff markers, escaping, self-containment."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import extractor.report as report_api
from extractor.cli import cli
from extractor.diff import Snapshot, diff_runs
from extractor.errors import InternalError
from extractor.report import NoArticlesError, render_pages, render_report
from extractor.report.html import _Entry, _section
from extractor.report.textdiff import text_diff
from tests.data.review.bulk import bulk_runs
from tests.data.review.factory import (
    DEFAULT_EVENTS,
    TEXT,
    E,
    Q,
    failure,
    make_document,
    write_run,
)

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
    assert sorted(report_api.__all__) == [
        "NoArticlesError",
        "PER_PAGE",
        "highlight",
        "render_pages",
        "render_report",
    ]


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


def test_quotes_no_event_holds_have_a_card_their_highlights_link_to() -> None:
    doc = make_document("a1")
    [quote] = doc.events[0].quotes
    held = doc.events[0].model_copy(update={"quotes": []})
    doc = doc.model_copy(update={"events": [held, *doc.events[1:]], "quotes": [quote]})
    page = render_report(Snapshot("run", {"a1": doc}))
    parsed = _parse(page)
    [link] = [a for t, a in parsed.tags if t == "a" and "hl-quote" in (a.get("class") or "")]
    assert (link["href"], link["data-events"]) == ("#art0-quotes", "quotes")
    [card] = [a for t, a in parsed.tags if t == "li" and a.get("id") == "art0-quotes"]
    assert "apart" in (card.get("class") or "")
    assert "Quotes no event holds</span><blockquote>Mattis" in page


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
    assert 'class="key hl-actor"' in page  # the legend is plain markup, no image
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


# --- at scale: counts, order, contents, legend, text diff, filter, pages ------------------


@pytest.fixture(scope="module")
def runs5() -> tuple[Snapshot, Snapshot]:
    return bulk_runs(5)


@pytest.fixture(scope="module")
def runs120() -> tuple[Snapshot, Snapshot]:
    return bulk_runs(120)


def _sections(page: str) -> list[tuple[str, str]]:
    """(kind, article id) of each article section, in page order."""
    return re.findall(
        r'<section class="article diff-(\w+)" id="art\d+" data-article="([^"]+)"', page
    )


def test_header_counts_every_article_of_the_run(runs5: tuple[Snapshot, Snapshot]) -> None:
    old, new = runs5  # 5 articles: 3 extracted, 2 failed (one kept an earlier document)
    page = render_report(new, diff_runs(old, new))
    extracted = [d for i, d in new.documents.items() if i not in new.failures]
    events = sum(len(d.events) for d in extracted)
    assert f"5 articles: 3 extracted, 2 failed · {events} events · model tiny-model" in page


def test_changed_articles_come_first(runs120: tuple[Snapshot, Snapshot]) -> None:
    old, new = runs120
    sections = _sections(render_report(new, diff_runs(old, new)))
    rank = ["failed", "changed", "added", "removed", "unchanged"]
    assert sections == sorted(sections, key=lambda s: (rank.index(s[0]), s[1]))
    assert [k for k, _ in sections[:8]] == ["failed"] * 7 + ["changed"]
    assert len(sections) == 120


def test_contents_entries_carry_their_kind_and_link_to_their_section(
    runs5: tuple[Snapshot, Snapshot],
) -> None:
    old, new = runs5
    page = render_report(new, diff_runs(old, new))
    entries = re.findall(r'<li class="diff-(\w+)"><a href="#(art\d+)">([^<]+)</a></li>', page)
    sections = re.findall(r'<section class="article diff-(\w+)" id="(art\d+)" data-article', page)
    assert sorted((k, a) for k, a, _ in entries) == sorted(sections)
    assert [k for k, _, _ in entries] == ["failed", "failed", "changed", "changed", "unchanged"]
    assert '<details class="group diff-unchanged" open>' in page  # hidden by "Hide unchanged"


def test_legend_names_every_highlight_class() -> None:
    old, new = _hostile_runs()
    page = render_report(new, diff_runs(old, new))
    legend = re.search(r'<span class="legend">(.*?)</span></nav>', page)
    assert legend is not None
    keys = {c for cs in re.findall(r'class="key ([^"]+)"', legend.group(1)) for c in cs.split()}
    used = {c for cs in re.findall(r'<a class="hl ([^"]+)"', page) for c in cs.split()}
    assert used <= keys
    assert keys >= {"hl-actor", "hl-place", "hl-date", "hl-quote", "hl-unresolved"}
    assert keys >= {"ev-added", "ev-changed"}


def test_a_changed_text_shows_as_a_line_diff() -> None:
    edited = TEXT.replace("at the press conference", "at a <b>late</b> briefing")
    old = Snapshot("old", {"a1": make_document("a1")})
    new = Snapshot("new", {"a1": make_document("a1", text=edited)})
    page = render_report(new, diff_runs(old, new), previous=old)
    assert '<details class="textdiff" open><summary>text changed (' in page
    assert "<del>the press conference.</del>" in page
    assert "&lt;b&gt;late&lt;/b&gt;" in page and "<b>late" not in page
    assert "<li>text:" not in page  # not the two bare hashes
    # Without the earlier run's documents, the hashes are all there is to show.
    assert "<li>text: <del>" in render_report(new, diff_runs(old, new))


def test_text_diff_marks_the_changed_words_and_elides_the_rest() -> None:
    before = "intro line\n" + "a" * 200 + " the vote was close " + "b" * 200 + "\nlast line"
    after = before.replace("was close", "was <lost>")
    diff = text_diff(before, after)
    assert "<del>close</del>" in diff and "<ins>&lt;lost&gt;</ins>" in diff
    assert "line 2" in diff
    assert len(diff) < 600  # 400 unchanged characters around the change are cut
    assert "intro line" not in diff and "last line" not in diff


def test_text_diff_context_is_cut_at_word_boundaries() -> None:
    words = " ".join(f"word{i:03d}" for i in range(100))
    diff = text_diff(words, words.replace("word050", "changed"))
    shown = re.sub(r"<[^>]+>", " ", diff.replace("line 1", "")).replace("…", " ").split()
    assert len(shown) > 10
    assert all(re.fullmatch(r"word\d{3}|changed|[-+]", w) for w in shown)  # no word cut in two
    assert "<del>word050</del>" in diff and "<ins>changed</ins>" in diff


def test_text_diff_is_bounded() -> None:
    before = "\n".join(f"line {i}" for i in range(500))
    after = "\n".join(f"line {i} edited" for i in range(500))
    diff = text_diff(before, after, max_lines=30)
    assert diff.count('<span class="del">') + diff.count('<span class="ins">') <= 30
    assert "more lines not shown" in diff
    one_long = text_diff("", "x" * 5000)
    assert len(one_long) < 500 and "4700 more characters" in one_long


@given(st.text())
def test_text_diff_of_a_text_with_itself_is_empty(text: str) -> None:
    assert text_diff(text, text) == ""


def test_article_filter_keeps_matching_articles_only(runs120: tuple[Snapshot, Snapshot]) -> None:
    old, new = runs120
    page = render_report(new, diff_runs(old, new), previous=old, articles=["0002_*", "0119_*"])
    assert sorted(i for _, i in _sections(page)) == [
        "0002_000000013c6ef362",
        "0119_000000498bc99147",
    ]
    assert "2 articles: 2 extracted, 0 failed" in page
    assert "Only the articles matching &#x27;0002_*&#x27;, &#x27;0119_*&#x27;" in page
    assert "articles 1 added, 0 removed, 1 changed, 0 unchanged, 0 failed" in page
    with pytest.raises(NoArticlesError, match="no article of runs/tonight matches 'nope'"):
        render_report(new, articles=["nope"])


def test_a_big_run_is_split_into_pages_that_list_every_article(
    runs120: tuple[Snapshot, Snapshot],
) -> None:
    old, new = runs120
    pages = render_pages(new, diff_runs(old, new), previous=old, per_page=50, name="night.html")
    assert [name for name, _ in pages] == ["night.html", "night-2.html", "night-3.html"]
    seen: list[str] = []
    for number, (_, page) in enumerate(pages):
        seen += [i for _, i in _sections(page)]
        assert len(re.findall(r'<li class="diff-\w+"><a href="', page)) == 120
        assert len(page.encode()) < 1_000_000
        assert page.count('<nav class="pages">') == 2
        for other, (name, _) in enumerate(pages):
            assert (f'href="{name}"' in page) == (other != number)
    assert sorted(seen) == sorted(set(new.documents) | set(old.documents))
    assert 'href="night-3.html#art119"' in pages[0][1]
    assert 'href="#art119"' in pages[2][1]


def test_report_command_pages_and_filter(tmp_path: Path) -> None:
    docs = [make_document(f"a{i}") for i in range(5)]
    run = write_run(tmp_path / "run", docs)
    out = tmp_path / "out" / "review.html"
    result = CliRunner().invoke(cli, ["report", str(run), "--out", str(out), "--per-page", "2"])
    assert result.exit_code == 0, result.output
    names = ["review.html", "review-2.html", "review-3.html"]
    assert result.output == "".join(f"{tmp_path / 'out' / n}\n" for n in names)
    assert all((tmp_path / "out" / n).is_file() for n in names)
    result = CliRunner().invoke(cli, ["report", str(run), "--out", str(out), "--article", "b*"])
    assert result.exit_code == 2
    assert f"no article of {run} matches 'b*': check the pattern" in result.output


def test_an_empty_run_is_one_page_saying_so() -> None:
    ((name, page),) = render_pages(Snapshot("run", {}), per_page=50)
    assert name == "report.html"
    assert "0 articles: 0 extracted, 0 failed · 0 events" in page


def test_page_names_are_escaped_in_links() -> None:
    docs = {f"a{i}": make_document(f"a{i}") for i in range(3)}
    pages = render_pages(Snapshot("run", docs), per_page=1, name='it\'s "#1" <x>.html')
    assert [n for n, _ in pages][1] == 'it\'s "#1" <x>-2.html'
    page = pages[0][1]
    assert 'href="it%27s%20%22%231%22%20%3Cx%3E-2.html#art1"' in page
    assert "<x>" not in page


def test_a_report_section_of_no_article_is_an_internal_error() -> None:
    with pytest.raises(InternalError, match="article x1 listed but in neither"):
        _section(_Entry("x1", "removed", "art0", 0), Snapshot("runs/a", {}), None, None)


def test_how_a_speaker_was_found_is_shown_next_to_it() -> None:
    spec = E("Talk", ["Mattis"], quotes=[Q("Mattis", "words never written")])
    doc = make_document(events=[spec])
    old_page = render_report(Snapshot("run", {doc.id: doc}))  # a run before schema 1.4.0
    assert 'class="how"' not in old_page
    event = doc.events[0]
    quote = event.quotes[0] if event.quotes else event.unverified_quotes[0]
    labelled = quote.model_copy(update={"speaker_source": "pronoun"})
    update = {"quotes": [labelled]} if event.quotes else {"unverified_quotes": [labelled]}
    doc = doc.model_copy(update={"events": [event.model_copy(update=update)]})
    page = render_report(Snapshot("run", {doc.id: doc}))
    assert 'Mattis <span class="how">[pronoun]</span>' in page
