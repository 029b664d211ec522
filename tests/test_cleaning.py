from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.article import clean
from extractor.article.clean import MAX_CHARS, clean_line, clean_text, drop_reason, headline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

# Every line of every seed that must be dropped, with the reason; every other non-blank line
# must be kept.
DROPPED = {
    "000": {14: "copyright"},
    "001": {
        1: "paywall",
        2: "paywall",
        3: "paywall",
        4: "paywall",
        5: "paywall",
        6: "reader prompt",
        17: "reader prompt",
    },
    "002": {
        3: "counter",
        15: "advertisement",
        25: "reader prompt",
        26: "reader prompt",
        28: "reader prompt",
    },
    "003": {1: "navigation", 2: "reader prompt", 3: "decoration", 27: "ad token"},
    "004": {9: "photo credit", 15: "related link", 29: "url", 31: "url"},
}


def _seed_lines(seed: str) -> list[str]:
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    return path.read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("seed", sorted(DROPPED))
def test_seed_line_by_line(seed: str) -> None:
    lines = _seed_lines(seed)
    cleaned = clean_text("\n".join(lines))
    removed = {r.line: r.reason for r in cleaned.removed}
    assert removed == DROPPED[seed]
    for r in cleaned.removed:
        assert r.text == lines[r.line - 1]
    kept = set(cleaned.source_lines)
    out_lines = cleaned.text.split("\n")
    for number, line in enumerate(lines, start=1):
        if number in DROPPED[seed]:
            assert number not in kept
        elif line.strip():
            assert number in kept, f"seed {seed} line {number} was lost: {line!r}"
    for number, out in zip(cleaned.source_lines, out_lines, strict=True):
        assert out == clean_line(lines[number - 1])


@pytest.mark.parametrize("seed", sorted(DROPPED))
def test_seed_text_keeps_paragraphs_and_title(seed: str) -> None:
    lines = _seed_lines(seed)
    cleaned = clean_text("\n".join(lines))
    first = next(
        line for n, line in enumerate(lines, start=1) if line.strip() and n not in DROPPED[seed]
    )
    assert cleaned.text.split("\n")[0] == first.strip()
    assert "\n\n\n" not in cleaned.text
    assert cleaned.text == cleaned.text.strip()
    blank_paragraphs = sum(1 for line in lines if not line.strip()) > 0
    assert ("\n\n" in cleaned.text) == blank_paragraphs


@pytest.mark.parametrize("seed", sorted(DROPPED))
def test_seed_titles(seed: str) -> None:
    lines = _seed_lines(seed)
    title = clean_text("\n".join(lines)).title
    if seed == "001":  # starts straight with the story
        assert title is None
    else:
        assert title is not None
        assert title in lines
        assert title.startswith(("US Defence", "Mattis:", "NATO Will"))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Talks resume in the U.S.\nBody.", "Talks resume in the U.S."),
        ("Why did the bridge fall?\nBody.", "Why did the bridge fall?"),
        ("The minister resigned on Friday.\nBody.", None),
        ("He said: “We will win.”\nBody.", None),
        ("February 16, 2017\nBody.", None),
        ("A headline with nothing after it", None),
        (" ".join(["word"] * 30) + "\nBody.", None),
        ("", None),
    ],
)
def test_headline(text: str, title: str | None) -> None:
    assert headline(text) == title


def test_no_seed_boilerplate_reaches_the_text() -> None:
    text = "\n".join(clean_text("\n".join(_seed_lines(seed))).text for seed in DROPPED)
    for junk in [
        "last article",
        "Reset on",
        "subscrib",
        "Advertisement",
        "newsletter",
        "0 1,604",
        "Navigation",
        "Telegram",
        "•",
        "[revad2]",
        "Flickr",
        "Related article",
        "Original url",
        "http",
        "©",
        "donate",
        "<u>",
        "\xa0",
    ]:
        assert junk not in text, junk


def test_seed_inline_markup_is_stripped() -> None:
    cleaned = clean_text("\n".join(_seed_lines("004")))
    assert ' Mattis told reporters en route to Brussels on Wednesday."' not in cleaned.text
    assert '," Mattis told reporters en route to Brussels on Wednesday.' in cleaned.text


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("ADVERTISEMENT", "advertisement"),
        ("— Advertisement —", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Sponsored content", "advertisement"),
        ("[ad_slot_3]", "ad token"),
        ("{{ad-unit}}", "ad token"),
        ("12 comments", "counter"),
        ("1.2K shares", "counter"),
        ("0 0 0", "counter"),
        ("https://example.com/a/b?c=d", "url"),
        ("www.example.com/story", "url"),
        ("Source URL: https://example.com/x", "url"),
        ("Original article:", "url"),
        ("Copyright 2024 The Associated Press. All rights reserved.", "copyright"),
        ("(c) 2019 Example Media Ltd", "copyright"),
        ("Copyright Example News 2021", "copyright"),
        ("You have 3 free articles left this month", "paywall"),
        ("You have reached your free article limit.", "paywall"),
        ("Already a subscriber? Log in", "paywall"),
        ("Subscribe to continue reading", "paywall"),
        ("Sign up for our daily newsletter", "reader prompt"),
        ("Subscribe now", "reader prompt"),
        ("Support our journalism: become a member today.", "reader prompt"),
        ("Follow us on Twitter and Facebook", "reader prompt"),
        ("Share this article", "reader prompt"),
        ("Click here to download our app", "reader prompt"),
        ("Turn on notifications to get breaking news", "reader prompt"),
        ("Skip to content", "navigation"),
        ("Menu", "navigation"),
        ("Home | News | Share", "navigation"),
        ("Facebook Twitter WhatsApp Email", "navigation"),
        ("Back to top", "navigation"),
        ("Read more: Fed raises rates again", "related link"),
        ("READ MORE", "navigation"),
        ("Related stories", "related link"),
        ("See also: The 2014 crisis", "related link"),
        ("More from Example News", "related link"),
        ("You may also like", "related link"),
        ("Watch: the moment the bridge fell", "related link"),
        ("Photo: Reuters/Kevin Lamarque", "photo credit"),
        ("(AP Photo/Evan Vucci)", "photo credit"),
        ("Reuters/Kevin Lamarque", "photo credit"),
        ("Jane Doe / Wikimedia Commons (CC BY-SA 4.0)", "photo credit"),
        ("Image credit: NASA", "photo credit"),
        ("Photograph by John Smith", "photo credit"),
        ("John Smith/Getty Images", "photo credit"),
        ("Getty Images", "photo credit"),
        ("AFP via Getty Images", "photo credit"),
        ("Image source, Reuters", "photo credit"),
        ("Image caption, The minister arrived in Brussels on Thursday", "caption"),
        ("Caption: Troops on parade", "caption"),
        ("Tags: NATO, Russia, Mattis", "navigation"),
        ("We use cookies to improve your experience. Accept all cookies", "reader prompt"),
        ("Please enable JavaScript to view the comments", "reader prompt"),
        ("Loading...", "reader prompt"),
        ("Listen to this article", "reader prompt"),
        ("Follow @AMN_news", "reader prompt"),
        ("Advertisement - Scroll to continue", "advertisement"),
        ("4 min read", "counter"),
        ("* * *", "decoration"),
        ("—", "decoration"),
    ],
)
def test_boilerplate_classes(line: str, reason: str) -> None:
    assert drop_reason(clean_line(line)) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Voters can register now at any post office.",
        "More news is expected on Monday.",
        "Copyright law changed in 2023.",
        "Copyright infringement cases rose sharply.",
        "He urged children to continue reading books.",
        "The billionaire will donate $1bn to charity.",
        "Thousands sign up for the new pension scheme.",
        "“Subscribe to our newsletter, click here,” the scam email said.",
        "Reuters contributed reporting to this article.",
        "Photos of the event were shared widely on social media.",
        "The US/EPA rules were challenged in court.",
        "Home Secretary Priti Patel said the plan would go ahead.",
        "Watch out for falling rocks, the park warned.",
        "Related to the case, police arrested two men.",
        "Read more than 300 pages of the report, the judge told jurors.",
        "Ad hoc talks continued on Friday.",
        "16.02.2017",
        "February 16, 2017",
        "Mattis: NATO will never turn off dialogue",
        "Reset of the talks: Moscow and Washington meet again",
        "Follow the money, investigators said.",
        "Nato members meet their 2% target.",
        "“Navigation” was the word he used.",
        "Join the Army, the posters said.",
        "Donations to the party rose to £4m in 2016.",
        "Share prices fell 3% on Tuesday.",
        "Print editions will end next year, the publisher said.",
        "News of the deal broke on Monday.",
        "Sign up to the pension scheme closed on 31 March.",
        "Please help, the mayor said to volunteers.",
        "Loading the ship took three days.",
        "Reuters reported the talks had failed.",
        "Getty Images said it would appeal the ruling.",
        "Image rights lawyers welcomed the decision.",
        "Tags on the crates showed they came from Odessa.",
        "Cookies and cakes were served at the summit.",
        "Listen to the people, the protesters demanded.",
    ],
)
def test_article_sentences_are_kept(line: str) -> None:
    assert drop_reason(clean_line(line)) is None


def test_very_long_lines_are_boilerplate_only_without_words() -> None:
    url = "https://example.com/" + "a" * MAX_CHARS
    assert drop_reason(url[:MAX_CHARS]) == "url"
    assert drop_reason(url) is None
    assert drop_reason("*" * (2 * MAX_CHARS)) == "decoration"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Mattis <u>told</u> reporters", "Mattis told reporters"),
        ('See <a href="https://x.org/a">the report</a> now', "See the report now"),
        ("one<br/>two", "one two"),
        ("<b>Bold</b> and <EM>em</EM>", "Bold and em"),
        ("AT&amp;T &lt;u&gt;said&lt;/u&gt;", "AT&T said"),
        ("R&D and S&P 500", "R&D and S&P 500"),
        ("a\xa0b\u202fc\u2009d", "a b c d"),
        ("zero\u200bwidth soft\xadhyphen\ufeff", "zerowidth softhyphen"),
        ("  tabs\tand   spaces  ", "tabs and spaces"),
        ("cafe\u0301", "café"),
        ("ctrl\x07char", "ctrl char"),
        ("x < y and y > z", "x < y and y > z"),
    ],
)
def test_clean_line(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


@given(st.text())
def test_clean_lines_have_only_plain_single_spaces(line: str) -> None:
    out = clean_line(line)
    assert out == out.strip()
    assert "  " not in out
    for char in out:
        category = unicodedata.category(char)
        assert category not in ("Zl", "Zp", "Cc"), repr(char)
        assert category != "Zs" or char == " ", repr(char)
        assert char not in "\u00ad\u200b\u200c\u200d\u2060\ufeff"


def test_blank_lines_become_single_paragraph_breaks() -> None:
    raw = "\n\nTitle\n\n\n\nFirst.\n- Advertisement -\n\nSecond.\n\n[ad]\n\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "Title\n\nFirst.\n\nSecond."
    assert cleaned.source_lines == [3, 4, 7, 9, 10]
    assert [(r.line, r.reason) for r in cleaned.removed] == [
        (8, "advertisement"),
        (12, "ad token"),
    ]


def test_windows_and_old_mac_newlines() -> None:
    cleaned = clean_text("Title\r\n\r\nBody one.\rBody two.\r\n© 2020 X")
    assert cleaned.text == "Title\n\nBody one.\nBody two."
    assert [r.line for r in cleaned.removed] == [5]


def test_empty_text() -> None:
    cleaned = clean_text("")
    assert (cleaned.text, cleaned.removed, cleaned.source_lines) == ("", [], [])


@pytest.mark.parametrize("seed", sorted(DROPPED))
def test_cleaning_is_idempotent_on_seeds(seed: str) -> None:
    once = clean_text("\n".join(_seed_lines(seed)))
    twice = clean_text(once.text)
    assert twice.text == once.text
    assert twice.removed == []


@given(st.lists(st.text(alphabet=st.characters(exclude_characters="\r\n")), max_size=30))
def test_every_raw_line_is_kept_or_removed_or_blank(lines: list[str]) -> None:
    cleaned = clean_text("\n".join(lines))
    removed = {r.line for r in cleaned.removed}
    kept = set(cleaned.source_lines)
    assert not removed & kept
    assert cleaned.source_lines == sorted(kept)
    for number, line in enumerate(lines, start=1):
        if clean_line(line):
            assert (number in kept) != (number in removed)
    out = cleaned.text.split("\n") if cleaned.text else []
    assert len(out) == len(cleaned.source_lines)
    for number, text in zip(cleaned.source_lines, out, strict=True):
        assert text == clean_line(lines[number - 1])


def test_meantime_articles_lose_nothing_and_keep_their_titles(meantime_dir: Path) -> None:
    # MEANTIME (Wikinews, CC BY 4.0): see its LICENSE.txt.
    paths = sorted((meantime_dir / "articles").glob("*.txt"))
    assert len(paths) == 120
    manifest = (meantime_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in manifest]
    titles = {Path(row["path"]).name: row["title"] for row in rows}
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        cleaned = clean_text(raw)
        assert cleaned.removed == [], path.name
        assert cleaned.title == titles[path.name], path.name
        kept = [line.strip() for line in raw.split("\n") if line.strip()]
        assert [line for line in cleaned.text.split("\n") if line] == [
            clean_line(line) for line in kept
        ]


# Words and marks of the reader-prompt pattern, to build lines that reach each of its branches.
_PROMPT_LITERALS = re.sub(r"\\[a-zA-Z]", " ", clean._PROMPT.pattern)  # \b, \s, \w dropped
_PROMPT_WORDS_SEEN = sorted(set(re.findall(r"[a-z]{2,}", _PROMPT_LITERALS)))
_PROMPT_VOCAB = [
    *_PROMPT_WORDS_SEEN,
    ",",
    ".",
    "!",
    ":",
    "@desk",
    "the",
    "daily",
    "ſubscribe",
    "Ｓign",
]


@given(
    st.lists(
        st.tuples(st.sampled_from(_PROMPT_VOCAB), st.sampled_from(["lower", "upper", "title"])),
        max_size=10,
    )
)
def test_the_reader_prompt_shortcut_decides_as_the_pattern(words: list[tuple[str, str]]) -> None:
    line = " ".join(getattr(w, case)() for w, case in words)
    assert clean._prompt(line) == bool(clean._PROMPT.search(line))


def test_the_shortcut_decides_as_the_pattern_on_every_pair_of_its_words() -> None:
    words = [*_PROMPT_WORDS_SEEN, "a", "ſubscribe", "Ｓign"]
    for first in words:
        for second in words:
            for line in (f"{first} {second}", f"Now, {first.title()} {second}."):
                assert clean._prompt(line) == bool(clean._PROMPT.search(line)), line


def test_every_prompt_branch_needs_one_of_its_words() -> None:
    branches = clean._PROMPT.pattern.split(")|(?:")
    assert len(branches) == 19  # the alternatives of _PROMPT, one each
    for branch in branches:
        literal = re.sub(r"\\[sbwW]|[^a-z]", " ", branch)
        assert any(word in literal for word in clean.PROMPT_WORDS), branch
