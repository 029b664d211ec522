"""The review page in a real browser: headless Chromium loads it from a file.

Needs Debian's ``chromium`` (``apt-get install -y chromium``); skipped
with that advice where no Chromium is installed. The screenshot goes to tmp_path, or to
tests/artifacts/ (git-ignored) when EXTRACTOR_KEEP_SCREENSHOTS is set.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.diff import Snapshot, diff_runs
from extractor.report import render_report
from tests.data.review.factory import DEFAULT_EVENTS, E, Q, make_document

ARTIFACTS = Path(__file__).parent / "artifacts"
HOSTILE = (
    "Officials said <script>document.documentElement.setAttribute('data-pwned','1')</script> "
    "and <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','2')\"> "
    "were found on Thursday in Paris."
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
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

    keep = bool(os.environ.get("EXTRACTOR_KEEP_SCREENSHOTS"))
    folder = ARTIFACTS if keep else tmp_path
    folder.mkdir(exist_ok=True)
    shot = folder / "report.png"
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
