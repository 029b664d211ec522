from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.article.clean import clean_text
from extractor.article.pubdate import (
    DATELINE_LINES,
    PageDates,
    detect_publication_date,
    manifest_date,
    page_date,
    parse_date_value,
    record_date,
    url_date,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("seed", "value", "evidence"),
    [
        ("000", None, None),
        ("001", None, None),
        ("002", None, None),
        ("003", dt.date(2017, 2, 16), "February 16, 2017"),
        ("004", dt.date(2018, 6, 7), "June 07, 2018"),
    ],
)
@pytest.mark.parametrize("cleaned", [False, True])
def test_seeds(seed: str, value: dt.date | None, evidence: str | None, cleaned: bool) -> None:
    text = _seed(seed)
    if cleaned:
        text = clean_text(text).text
    found = detect_publication_date(text, url=None, metadata=None)
    assert found.value == value
    assert found.source == ("none" if value is None else "text")
    assert found.evidence == evidence


def test_seed_000_copyright_year_is_not_a_date() -> None:
    text = _seed("000")
    assert "© Copyright IBTimes 2024" in text
    assert detect_publication_date(text, url=None, metadata=None).value is None


def test_seed_004_url_is_the_fallback_when_the_dateline_is_gone() -> None:
    text = _seed("004").replace("June 07, 2018", "")
    found = detect_publication_date(text, url=None, metadata=None)
    assert found.value == dt.date(2018, 6, 7)
    assert found.source == "url"
    assert found.evidence is not None
    assert found.evidence.startswith("https://www.themoscowtimes.com/2018/06/07/")


def test_metadata_comes_first() -> None:
    found = detect_publication_date(
        _seed("003"),
        url="https://example.com/2001/01/01/x",
        metadata=dt.date(2017, 2, 17),
        metadata_evidence="manifest.jsonl line 3: published_at",
    )
    assert found.value == dt.date(2017, 2, 17)
    assert found.source == "metadata"
    assert found.evidence == "manifest.jsonl line 3: published_at"


def test_metadata_without_evidence_says_metadata() -> None:
    found = detect_publication_date("", url=None, metadata=dt.date(2020, 1, 2))
    assert (found.source, found.evidence) == ("metadata", "metadata")


def test_dateline_comes_before_the_url() -> None:
    found = detect_publication_date(
        "Title\n\nMarch 3, 2019\n\nBody.", url="https://x.org/2019/03/04/title", metadata=None
    )
    assert (found.value, found.source) == (dt.date(2019, 3, 3), "text")


def test_url_argument_comes_before_urls_in_the_text() -> None:
    found = detect_publication_date(
        "Body.\nSource: https://a.org/2010/01/02/x",
        url="https://b.org/news/2011/05/06/y.html",
        metadata=None,
    )
    assert (found.value, found.source) == (dt.date(2011, 5, 6), "url")
    assert found.evidence == "https://b.org/news/2011/05/06/y.html"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("February 16, 2017", dt.date(2017, 2, 16)),
        ("Feb. 16, 2017 10:32 AM EST", dt.date(2017, 2, 16)),
        ("Thursday, February 16, 2017", dt.date(2017, 2, 16)),
        ("Thu 16 Feb 2017", dt.date(2017, 2, 16)),
        ("16 February 2017", dt.date(2017, 2, 16)),
        ("16th of February, 2017", dt.date(2017, 2, 16)),
        ("2017-02-16", dt.date(2017, 2, 16)),
        ("2017/02/16 09:00", dt.date(2017, 2, 16)),
        ("16.02.2017", dt.date(2017, 2, 16)),
        ("02/16/2017", dt.date(2017, 2, 16)),
        ("16/02/2017", dt.date(2017, 2, 16)),
        ("Published: 16 February 2017", dt.date(2017, 2, 16)),
        ("Posted on Sept 5, 2021 by Jane Doe", dt.date(2021, 9, 5)),
        ("June 7, 2018 — BRUSSELS (Reuters) — NATO said it would talk.", dt.date(2018, 6, 7)),
    ],
)
def test_dateline_forms(line: str, value: dt.date) -> None:
    found = detect_publication_date(f"Headline\n{line}\nBody text.", url=None, metadata=None)
    assert (found.value, found.source, found.evidence) == (value, "text", line)


@pytest.mark.parametrize(
    "line",
    [
        "© Copyright Example Times 2024. All rights reserved.",
        "Copyright 2019-03-04 Example Media",
        "March 4, 2019 (c) Example Media",
        "March 4, 2019 © Example Media",
        "Published March 4, 2019. Copyright Example Media",
        "March 4, 2019 - All rights reserved",
        "2017",
        "Since 2017",
        "03/04/2017",  # March or April: ambiguous
        "February 30, 2017",
        "March 31",
        "On March 5, 2017, the minister resigned.",
        "1850-01-01",  # before the supported range
        "Okoro spoke on 16.02.17",
    ],
)
def test_lines_that_are_not_datelines(line: str) -> None:
    found = detect_publication_date(f"Headline\n{line}\nBody.", url=None, metadata=None)
    assert found.value is None
    assert found.source == "none"


def test_published_beats_updated() -> None:
    text = "Headline\nUpdated: March 5, 2020\nPublished: March 4, 2020\nBody."
    assert detect_publication_date(text, url=None, metadata=None).value == dt.date(2020, 3, 4)


def test_updated_is_used_when_nothing_else_is_there() -> None:
    text = "Headline\nLast updated on March 5, 2020\nBody."
    found = detect_publication_date(text, url=None, metadata=None)
    assert (found.value, found.evidence) == (dt.date(2020, 3, 5), "Last updated on March 5, 2020")


def test_datelines_are_only_looked_for_near_the_top() -> None:
    body = "\n".join(f"Paragraph {n} of the story." for n in range(DATELINE_LINES))
    assert detect_publication_date(f"{body}\nMay 1, 2020", url=None, metadata=None).value is None
    lines = "\n\n  •  \n".join(f"Line {n}" for n in range(DATELINE_LINES - 1))
    found = detect_publication_date(f"{lines}\nMay 1, 2020", url=None, metadata=None)
    assert found.value == dt.date(2020, 5, 1)


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("https://news.example.org/2018/06/07/talks-a61708", dt.date(2018, 6, 7)),
        ("https://x.com/news/2018-06-07-nato", dt.date(2018, 6, 7)),
        ("https://x.com/20180607/nato", dt.date(2018, 6, 7)),
        ("https://x.com/2018/6/7", dt.date(2018, 6, 7)),
        ("https://x.com/2018/06/nato", None),  # a month is not a day
        ("https://x.com/2018/13/45/nato", None),
        ("https://x.com/article/2018", None),
        ("https://2018.06.07.example.com/nato", None),
        ("https://x.com/id/12345678/", None),
    ],
)
def test_url_dates(url: str, value: dt.date | None) -> None:
    assert url_date(url) == value


@pytest.mark.parametrize(
    ("stamp", "value"),
    [
        ("2008-03-01", dt.date(2008, 3, 1)),
        ("2018-06-07T23:30:00-05:00", dt.date(2018, 6, 7)),
        ("2018-06-07 10:00", dt.date(2018, 6, 7)),
        (" June 7, 2018 ", dt.date(2018, 6, 7)),
        ("7 June 2018", dt.date(2018, 6, 7)),
        ("2018-02-30", None),
        ("yesterday", None),
        ("2018", None),
        ("", None),
    ],
)
def test_parse_date_value(stamp: str, value: dt.date | None) -> None:
    assert parse_date_value(stamp) == value


@given(st.text(alphabet=st.characters(exclude_categories=["Nd"])))
def test_no_digits_no_date(text: str) -> None:
    found = detect_publication_date(text, url=None, metadata=None)
    assert (found.value, found.source, found.evidence) == (None, "none", None)


@given(st.text(), st.one_of(st.none(), st.text()))
def test_never_fails(text: str, url: str | None) -> None:
    found = detect_publication_date(text, url=url, metadata=None)
    assert (found.value is None) == (found.source == "none")


def test_meantime_datelines_agree_with_the_manifest(meantime_dir: Path) -> None:
    # MEANTIME (Wikinews, CC BY 4.0): see its LICENSE.txt.
    lines = (meantime_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    agree = 0
    for row in rows:
        text = (meantime_dir / row["path"]).read_text(encoding="utf-8")
        found = detect_publication_date(text, url=row["url"], metadata=None)
        assert found.source == "text", row["id"]
        agree += found.value == dt.date.fromisoformat(row["published_at"])
    # The texts carry their Wikinews dateline; a few manifest dates differ from it.
    assert agree >= 0.95 * len(rows)


# --- what the input declares: the strings a page offers, and which wins ------------------------

_LD_GRAPH = (
    '{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2020-05-06"}]}'
)


@pytest.mark.parametrize(
    ("page", "declared"),
    [
        (PageDates(), None),
        # The best name wins wherever it stands in the page; names are matched ignoring case.
        (
            PageDates(meta=(("date", "2020-01-01"), ("Article:Published_Time", "2020-05-06"))),
            (dt.date(2020, 5, 6), "html meta article:published_time"),
        ),
        # The first tag of a name counts; an empty one is passed over.
        (
            PageDates(meta=(("pubdate", ""), ("pubdate", "2020-05-06"), ("pubdate", "2021-01-01"))),
            (dt.date(2020, 5, 6), "html meta pubdate"),
        ),
        # A best name that is not a date gives way to the next name.
        (
            PageDates(meta=(("og:published_time", "soon"), ("dc.date", "6 May 2020"))),
            (dt.date(2020, 5, 6), "html meta dc.date"),
        ),
        (PageDates(meta=(("description", "2020-05-06"),)), None),
        (PageDates(meta=(("pubdate", "20200506"),)), None),
        # Meta tags come before JSON-LD, which comes before microdata.
        (
            PageDates(
                meta=(("date", "2020-05-06"),),
                json_ld=('{"datePublished": "2019-01-01"}',),
                microdata=(("datePublished", "2018-01-01"),),
            ),
            (dt.date(2020, 5, 6), "html meta date"),
        ),
        (
            PageDates(json_ld=(_LD_GRAPH,), microdata=(("datePublished", "2018-01-01"),)),
            (dt.date(2020, 5, 6), "html JSON-LD datePublished"),
        ),
        (
            PageDates(json_ld=("{not json", '[{"datePublished": "2020-05-06T09:00:00Z"}]')),
            (dt.date(2020, 5, 6), "html JSON-LD datePublished"),
        ),
        (PageDates(json_ld=('{"dateModified": "2020-05-06"}',)), None),
        (PageDates(json_ld=("[" * 100_000 + "]" * 100_000,)), None),
        (
            PageDates(microdata=(("datepublished", "2019-01-01"), ("datePublished", "2020-05-06"))),
            (dt.date(2020, 5, 6), "html microdata datePublished"),
        ),
        (PageDates(microdata=(("datePublished", ""), ("dateModified", "2020-05-06"))), None),
    ],
)
def test_page_date(page: PageDates, declared: tuple[dt.date, str] | None) -> None:
    assert page_date(page) == declared


@given(
    st.lists(st.tuples(st.text(), st.text())),
    st.lists(st.text()),
    st.lists(st.tuples(st.text(), st.text())),
)
def test_page_date_never_fails(
    meta: list[tuple[str, str]], json_ld: list[str], microdata: list[tuple[str, str]]
) -> None:
    page = PageDates(meta=tuple(meta), json_ld=tuple(json_ld), microdata=tuple(microdata))
    declared = page_date(page)
    assert declared is None or declared[1].startswith("html ")


def test_a_record_field_wins_over_its_page() -> None:
    page = (dt.date(2020, 5, 6), "html meta date")
    assert record_date(dt.date(2021, 7, 8), page) == (
        dt.date(2021, 7, 8),
        "record field published_at",
    )
    assert record_date(None, page) == page
    assert record_date(None, None) is None


def test_a_manifest_row_says_where_its_date_comes_from() -> None:
    assert manifest_date(dt.date(2020, 5, 6), "m.csv line 4") == (
        dt.date(2020, 5, 6),
        "m.csv line 4: published_at",
    )
