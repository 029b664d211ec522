"""The review page in a real browser: headless Chromium loads it from a file.

Needs Debian's ``chromium`` (``apt-get install -y chromium``); skipped
with that advice where no Chromium is installed. Screenshots go to tmp_path, or to
tests/artifacts/ (git-ignored) when EXTRACTOR_KEEP_SCREENSHOTS is set. The pages of 5, 120 and
1,000 invented articles are driven over Chromium's DevTools pipe (tests/browser.py).
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.diff import Snapshot, diff_runs, load_snapshot
from extractor.engine import link_run
from extractor.report import render_pages, render_report
from tests.browser import FLAGS, Chromium, find_chromium
from tests.data.review.bulk import bulk_runs
from tests.data.review.factory import DEFAULT_EVENTS, E, Q, make_document, write_run

ARTIFACTS = Path(__file__).parent / "artifacts"
HOSTILE = (
    "Officials said <script>document.documentElement.setAttribute('data-pwned','1')</script> "
    "and <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','2')\"> "
    "were found on Thursday in Paris."
)


def _browser() -> str:
    found = find_chromium()
    if found:
        return found
    pytest.skip(
        "no Chromium found: install Debian's chromium "
        "(apt-get install -y chromium) to run the browser test"
    )


def _chromium(browser: str, profile: Path, *args: str) -> str:
    done = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def page(tmp_path: Path) -> Path:
    hostile = E(
        "Officials found <b>devices</b>",
        actors=["Officials"],
        place="Paris",
        when="on Thursday",
        value="2017-03-30",
        quotes=[Q("Officials", "<script>alert(1)</script>")],
    )
    moved = dataclasses.replace(DEFAULT_EVENTS[0], value="2017-03-23")
    old = Snapshot(
        "old",
        {
            "a1": make_document("a1"),
            "a2": make_document("a2"),
            "x1": make_document("x1", [hostile], text=HOSTILE),
        },
    )
    new = Snapshot(
        "new",
        {
            "a1": make_document("a1", [moved, E("Talks ended", ["Michael Fallon"])]),
            "x1": make_document("x1", [hostile], text=HOSTILE, title="<i>Raid</i>"),
        },
        failures={"a3": "EndpointError: timed out"},
    )
    path = tmp_path / "report.html"
    path.write_text(render_report(new, diff_runs(old, new)), encoding="utf-8")
    return path


def test_report_in_headless_chromium(page: Path, tmp_path: Path) -> None:
    browser = _browser()
    dom = _chromium(browser, tmp_path / "profile", "--dump-dom", page.as_uri())

    html_tag = re.search(r"<html[^>]*>", dom)
    assert html_tag is not None
    assert 'data-ready="yes"' in html_tag.group(0)  # the page's own script ran
    assert "data-pwned" not in html_tag.group(0)  # the article's did not
    assert "<img" not in dom and dom.count("<script") == 1

    highlights = re.findall(r'<a class="hl ([^"]*)"[^>]*>([^<]*)</a>', dom)
    kinds = {c.split()[0] for c, _ in highlights}
    assert kinds == {"hl-actor", "hl-place", "hl-date", "hl-quote"}
    assert ("hl-place", "Paris") in {(c.split()[0], t) for c, t in highlights}
    assert any("ev-changed" in c for c, _ in highlights)
    assert any("ev-added" in c for c, _ in highlights)

    markers = set(re.findall(r'data-diff="(added|removed|changed|unchanged)"', dom))
    assert markers == {"added", "removed", "changed", "unchanged"}
    assert '<span class="badge diff diff-failed">failed</span>' in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom

    shot = _shots(tmp_path) / "report.png"
    _chromium(
        browser,
        tmp_path / "profile",
        "--window-size=1280,1600",
        f"--screenshot={shot}",
        page.as_uri(),
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank one


def _shots(tmp_path: Path) -> Path:
    folder = ARTIFACTS if os.environ.get("EXTRACTOR_KEEP_SCREENSHOTS") else tmp_path
    folder.mkdir(exist_ok=True)
    return folder


# --- at scale: 5, 120 and 1,000 articles ------------------------------------------------------

SIZES = (5, 120, 1000)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The first page of the report of each size (50 articles a page)."""
    _browser()  # skip before the work when there is no browser
    found = {}
    for size in SIZES:
        old, new = bulk_runs(size)
        folder = tmp_path_factory.mktemp(f"report{size}")
        for name, page in render_pages(new, diff_runs(old, new), previous=old):
            (folder / name).write_text(page, encoding="utf-8")
        found[size] = folder / "report.html"
    return found


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    browser = Chromium(_browser(), tmp_path_factory.mktemp("profile"), width=1280, height=1000)
    yield browser
    browser.close()


VISIBLE = "(el => el.getClientRects().length > 0)"  # display: none, or in a folded group: none


def _count(chromium: Chromium, selector: str) -> int:
    found: int = chromium.eval(
        f"[...document.querySelectorAll({selector!r})].filter({VISIBLE}).length"
    )
    return found


@pytest.mark.parametrize("size", SIZES)
def test_big_reports_fit_the_window(
    size: int, pages: dict[int, Path], chromium: Chromium, tmp_path: Path
) -> None:
    chromium.open(pages[size])
    assert chromium.eval("document.documentElement.dataset.ready") == "yes"
    width, client = chromium.eval(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert width <= client  # no horizontal scrollbar
    entries = chromium.eval("document.querySelectorAll('nav.contents li').length")
    assert entries == size
    # No two contents links overlap (the raw ids in CSS columns did), folded groups opened.
    chromium.eval("document.querySelectorAll('nav.contents details').forEach(d => d.open = true)")
    overlaps = chromium.eval(
        "(() => { const r = [...document.querySelectorAll('nav.contents a')]"
        ".flatMap(a => [...a.getClientRects()]); let n = 0;"
        " for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) {"
        " const a = r[i], b = r[j];"
        " if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++; }"
        " return n; })()"
    )
    assert overlaps == 0
    width, client = chromium.eval(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert width <= client
    chromium.eval("scrollTo(0, 0)")
    data = chromium.screenshot(_shots(tmp_path) / f"report-{size}.png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_narrow_window_has_no_horizontal_scrollbar(
    pages: dict[int, Path], chromium: Chromium, tmp_path: Path
) -> None:
    chromium.resize(480, 900)
    try:
        chromium.open(pages[120])
        width, client = chromium.eval(
            "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        chromium.screenshot(_shots(tmp_path) / "report-120-narrow.png")
    finally:
        chromium.resize(1280, 1000)
    assert width <= client


def test_hide_unchanged_hides_contents_entries_too(
    pages: dict[int, Path], chromium: Chromium, tmp_path: Path
) -> None:
    chromium.open(pages[120])
    chromium.eval("document.querySelectorAll('nav.contents details').forEach(d => d.open = true)")
    unchanged = "nav.contents li.diff-unchanged"
    assert _count(chromium, unchanged) == 94
    assert _count(chromium, "section.article.diff-unchanged") > 0
    chromium.eval("document.getElementById('hide-unchanged').click()")
    assert _count(chromium, unchanged) == 0
    assert _count(chromium, "section.article.diff-unchanged") == 0
    assert _count(chromium, "nav.contents li.diff-changed") == 17
    chromium.screenshot(_shots(tmp_path) / "report-120-hidden.png")


def test_changed_articles_come_first_on_the_first_page(
    pages: dict[int, Path], chromium: Chromium
) -> None:
    chromium.open(pages[120])
    kinds = chromium.eval(
        "[...document.querySelectorAll('section.article')]"
        ".map(s => s.className.replace('article diff-', ''))"
    )
    rank = ["failed", "changed", "added", "removed", "unchanged"]
    assert kinds == sorted(kinds, key=rank.index)
    assert kinds[:8] == ["failed"] * 7 + ["changed"] and len(kinds) == 50
    assert kinds.count("changed") == 17 and kinds.count("unchanged") == 50 - 26


def test_legend_shows_the_highlight_colours(pages: dict[int, Path], chromium: Chromium) -> None:
    chromium.open(pages[5])
    for kind in ("actor", "place", "date", "quote"):
        key, mark = chromium.eval(
            f"[document.querySelector('.legend .key.hl-{kind}'),"
            f" document.querySelector('.text a.hl-{kind}')]"
            ".map(el => getComputedStyle(el).backgroundColor)"
        )
        assert key == mark and key != "rgba(0, 0, 0, 0)", kind
    assert _count(chromium, ".legend .key") == 7
    # The legend stays in the sticky bar while the page scrolls.
    chromium.eval("scrollTo(0, 5000)")
    top = chromium.eval("document.querySelector('.legend').getBoundingClientRect().top")
    assert 0 <= top < 100


def test_a_changed_text_shows_its_line_diff(pages: dict[int, Path], chromium: Chromium) -> None:
    chromium.open(pages[5])
    removed, added = chromium.eval(
        "['del', 'ins'].map(t => [...document.querySelectorAll('pre.textdiff ' + t)]"
        ".filter(el => el.getClientRects().length > 0).map(el => el.textContent))"
    )
    assert (removed, added) == (["frank", "long,"], ["short", "tense,"])
    assert _count(chromium, "pre.textdiff") == 1


def test_a_click_links_highlights_and_their_event(
    pages: dict[int, Path], chromium: Chromium
) -> None:
    chromium.open(pages[5])
    link = "document.querySelector('section.diff-changed .text a.hl')"
    card_id = chromium.eval(f"{link}.click(); {link}.getAttribute('href').slice(1)")
    focused = chromium.eval("[...document.querySelectorAll('li.event.focus')].map(e => e.id)")
    assert focused == [card_id]
    marks = chromium.eval(
        f"document.getElementById({card_id!r}).click();"
        " [...document.querySelectorAll('a.hl.focus')].map(a => a.closest('section').id)"
    )
    assert marks and set(marks) == {card_id.split("-")[0]}


# --- the stories page ---------------------------------------------------------------------


def test_stories_page_shows_sources_side_by_side(chromium: Chromium, tmp_path: Path) -> None:
    text = (
        "Mayor Ida Vell opened the Amsel tunnel in Lindby on Monday. "
        'Vell said "the tunnel ends forty years of waiting" at the gate.'
    )
    said = "the tunnel ends forty years of waiting"
    spec = E(
        "Vell opened the Amsel tunnel",
        actors=["Mayor Ida Vell"],
        place="Lindby",
        when="on Monday",
        value="2031-05-05",
        quotes=[Q("Vell", said)],
    )
    docs = [make_document(i, [spec], text=text, published="2031-05-06") for i in ("p", "q", "r")]
    run = write_run(tmp_path / "run", docs)
    link_run(run, run / ".extractor-cache.sqlite")
    for name, html in render_pages(load_snapshot(run), name="review.html"):
        (tmp_path / name).write_text(html, encoding="utf-8")
    chromium.open(tmp_path / "review-stories.html")
    assert chromium.eval("document.documentElement.dataset.ready") == "yes"
    tops = chromium.eval(
        "[...document.querySelectorAll('section.story .source')]"
        ".map(el => Math.round(el.getBoundingClientRect().top))"
    )
    assert len(tops) == 3 and len(set(tops)) == 1  # three columns, side by side
    shared = chromium.eval(
        "[...document.querySelectorAll('blockquote.shared')]"
        ".map(el => [el.textContent, getComputedStyle(el).backgroundColor])"
    )
    assert len(shared) == 4 and {t for t, _ in shared} == {said}
    assert all(colour != "rgba(0, 0, 0, 0)" for _, colour in shared)
    width, client = chromium.eval(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert width <= client
    href = chromium.eval("document.querySelector('.source h4 a').getAttribute('href')")
    assert href == "review.html#art0"
    data = chromium.screenshot(_shots(tmp_path) / "report-stories.png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
