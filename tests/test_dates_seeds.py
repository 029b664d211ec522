"""Every date expression of the five seed articles, with its sentence and publication date.

000, 001 and 002 carry no publication date: their relative expressions stay unresolved.
003 was published on Thursday 2017-02-16 ('On Thursday' is that day); 004 on Thursday
2018-06-07 ('on Friday' is scheduled, so the next day).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from extractor.dates import resolve_date

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
P003 = dt.date(2017, 2, 16)
P004 = dt.date(2018, 6, 7)
NO_DATE = "no publication date"

# (seed, expression, publication date, excerpt, value, status, granularity). The excerpt is the
# seed's sentence around the expression with words left out (" … "), so no seed sentence is
# copied here: the test rebuilds the whole context from the seed file (see _context).
CASES: list[tuple[str, str, dt.date | None, str, str | None, str, str | None]] = [
    (
        "000",
        "on March 31",
        None,
        "At the … London on March 31, Mattis … of Russia",
        None,
        "unresolved",
        None,
    ),
    (
        "000",
        "for months",
        None,
        "Vladimir Putinand for months … allegations Russia attempted",
        "PXM",
        "unresolved",
        None,
    ),
    (
        "000",
        "now",
        None,
        "Russia's violations … now a matter of record",
        "PRESENT_REF",
        "unresolved",
        None,
    ),
    (
        "000",
        "On Thursday",
        None,
        "On Thursday, Putin … US Defence Secretary",
        None,
        "unresolved",
        None,
    ),
    (
        "000",
        "in January",
        None,
        "Trump only conceded in January … may have attempted",
        None,
        "unresolved",
        None,
    ),
    (
        "000",
        "previously",
        None,
        "He has previously … of Nato allies",
        "PAST_REF",
        "unresolved",
        None,
    ),
    (
        "000",
        "annual",
        None,
        "too few Nato … annual 2% defence spending target",
        None,
        "unresolved",
        None,
    ),
    (
        "000",
        "at this point",
        None,
        "I'm … say at this point if … into weapons",
        "PRESENT_REF",
        "unresolved",
        None,
    ),
    (
        "000",
        "Ahead of the conference",
        None,
        "Ahead of the conference … Nato members meet",
        None,
        "unresolved",
        None,
    ),
    (
        "000",
        "2024",
        None,
        "© Copyright IBTimes 2024. All rights reserved.",
        "2024",
        "explicit",
        "year",
    ),
    ("001", "this month", None, "This is the … read this month", None, "unresolved", None),
    (
        "001",
        "yesterday",
        None,
        "Putin hit back … yesterday and accused the alliance",
        None,
        "unresolved",
        None,
    ),
    (
        "001",
        "in recent years",
        None,
        "Mr Putin said … in recent years.",
        "PAST_REF",
        "unresolved",
        None,
    ),
    (
        "001",
        "in the past year",
        None,
        "claiming hundreds of … in the past year.",
        None,
        "unresolved",
        None,
    ),
    (
        "001",
        "on Wednesday",
        None,
        "took umbrage at … comments on Wednesday",
        None,
        "unresolved",
        None,
    ),
    (
        "001",
        "Yesterday",
        None,
        "Yesterday Mr Mattis … seek a “partnership”",
        None,
        "unresolved",
        None,
    ),
    (
        "002",
        "on Wednesday",
        None,
        "Mattis said on Wednesday, pledging that",
        None,
        "unresolved",
        None,
    ),
    (
        "002",
        "the future",
        None,
        "has more … of the future, but … has been",
        "FUTURE_REF",
        "unresolved",
        None,
    ),
    (
        "002",
        "on Thursday and Friday",
        None,
        "defense ministers … on Thursday and Friday to … July summit",
        None,
        "unresolved",
        None,
    ),
    (
        "002",
        "July",
        None,
        "to prepare for NATO’s July … focus on approving",
        None,
        "unresolved",
        None,
    ),
    (
        "002",
        "Earlier",
        None,
        "Earlier, US ambassador … Hutchison revealed that",
        "PAST_REF",
        "unresolved",
        None,
    ),
    (
        "002",
        "Back in February",
        None,
        "Back in February … had been “absent”",
        None,
        "unresolved",
        None,
    ),
    (
        "002",
        "in recent years",
        None,
        "from nuclear weapons … in recent years, unlike Russia",
        "PAST_REF",
        "unresolved",
        None,
    ),
    (
        "002",
        "over the past eight years",
        None,
        "The development of … over the past eight years shows",
        None,
        "unresolved",
        None,
    ),
    ("003", "February 16, 2017", P003, "February 16, 2017", "2017-02-16", "explicit", "day"),
    (
        "003",
        "On Thursday",
        P003,
        "On Thursday, Defense … the United States",
        "2017-02-16",
        "resolved",
        "day",
    ),
    ("003", "at this time", P003, "is not in … at this time.", "PRESENT_REF", "resolved", "ref"),
    (
        "003",
        "just hours after",
        P003,
        "Mattis made … statement just hours after Russian … Vladimir Putin",
        None,
        "unresolved",
        None,
    ),
    (
        "003",
        "in 1997",
        P003,
        "agreed upon … entities in 1997 then … and 2010.",
        "1997",
        "explicit",
        "year",
    ),
    ("003", "in 2002", P003, "agreed upon by … in 2002 and 2010.", "2002", "explicit", "year"),
    ("003", "2010", P003, "agreed upon by … 2002 and 2010.", "2010", "explicit", "year"),
    (
        "003",
        "right now",
        P003,
        "“are not … position right now to … military level,”",
        "PRESENT_REF",
        "resolved",
        "ref",
    ),
    (
        "003",
        "At the end of the conference",
        P003,
        "At the end of the conference … Unites States’ commitment",
        None,
        "unresolved",
        None,
    ),
    ("004", "June 07, 2018", P004, "June 07, 2018", "2018-06-07", "explicit", "day"),
    (
        "004",
        "in April",
        P004,
        "generals held a … in April to discuss military exercises",
        "2018-04",
        "resolved",
        "month",
    ),
    (
        "004",
        "on Wednesday",
        P004,
        "Mattis told reporters … Brussels on Wednesday.",
        "2018-06-06",
        "resolved",
        "day",
    ),
    (
        "004",
        "2014",
        P004,
        "civilian cooperation after the 2014 … the Crimean peninsula",
        "2014",
        "explicit",
        "year",
    ),
    (
        "004",
        "on Friday",
        P004,
        "Dunford Jr … Helsinki on Friday, Finnish … a statement.",
        "2018-06-08",
        "resolved",
        "day",
    ),
    (
        "004",
        "2018/06/07",
        P004,
        "https://www … com/2018/06/07/nato … with-russia",
        "2018-06-07",
        "explicit",
        "day",
    ),
]


def _seed_text(seed: str) -> str:
    """The seed's text without its HTML tags ('Mattis <u>told</u> reporters')."""
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    return re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))


def _context(seed: str, excerpt: str) -> str:
    """The shortest span of the seed that holds the excerpt's pieces in order, gaps filled in."""
    text = _seed_text(seed)
    first, *rest = excerpt.split(" … ")
    spans: list[str] = []
    for match in re.finditer(re.escape(first), text):
        end = match.end()
        for piece in rest:
            found = text.find(piece, end)
            if found < 0:
                break
            end = found + len(piece)
        else:
            spans.append(text[match.start() : end])
    assert spans, f"the excerpt is not in seed {seed}: {excerpt!r}"
    return min(spans, key=len)


CONTEXTS = {(c[0], c[3]): _context(c[0], c[3]) for c in CASES}


def _sentence(seed: str, expression: str) -> str:
    return next(CONTEXTS[c[0], c[3]] for c in CASES if c[0] == seed and c[1] == expression)


@pytest.mark.parametrize(
    ("seed", "expression", "published", "excerpt", "value", "status", "granularity"), CASES
)
def test_seed_expression(
    seed: str,
    expression: str,
    published: dt.date | None,
    excerpt: str,
    value: str | None,
    status: str,
    granularity: str | None,
) -> None:
    sentence = CONTEXTS[seed, excerpt]
    assert sentence in _seed_text(seed), "the context must be the seed's own words"
    assert expression in sentence
    resolution = resolve_date(expression, published, context=sentence)
    assert (resolution.value, resolution.status, resolution.granularity) == (
        value,
        status,
        granularity,
    )
    assert resolution.anchor == (published if status in ("resolved", "assumed") else None)
    assert resolution.reason


@pytest.mark.parametrize(
    ("expression", "sentence"),
    [
        (c[1], CONTEXTS[c[0], c[3]])
        for c in CASES
        if c[2] is None and c[5] == "unresolved" and c[4] is None
    ],
)
def test_no_publication_date_means_no_guess(expression: str, sentence: str) -> None:
    resolution = resolve_date(expression, None, context=sentence)
    assert resolution.start is None and resolution.end is None and resolution.anchor is None


def test_seed_003_thursday_is_the_publication_day() -> None:
    resolution = resolve_date("On Thursday", P003, context=_sentence("003", "On Thursday"))
    assert resolution.start == resolution.end == P003
    assert P003.weekday() == 3


def test_seed_004_scheduled_friday_is_the_next_day() -> None:
    resolution = resolve_date("on Friday", P004, context=_sentence("004", "on Friday"))
    assert resolution.start == P004 + dt.timedelta(days=1)
    # The same words in the past tense point back a week minus a day.
    past = resolve_date("on Friday", P004, context="They met in Helsinki on Friday.")
    assert past.value == "2018-06-01"


def test_no_anchor_reasons_name_the_missing_date() -> None:
    for seed, expression, published, excerpt, value, status, _ in CASES:
        if published is None and status == "unresolved" and value is None:
            sentence = CONTEXTS[seed, excerpt]
            reason = resolve_date(expression, None, context=sentence).reason or ""
            assert reason.startswith((NO_DATE, "not a calendar", "a recurring")), expression


def test_range_of_the_seed_resolves_as_two_days_with_a_date() -> None:
    # 002 tells the story of 004 (the ministers met on Thursday 7 and Friday 8 June 2018).
    sentence = _sentence("002", "on Thursday and Friday")
    resolution = resolve_date("on Thursday and Friday", P004, context=sentence)
    assert resolution.granularity == "range"
    assert resolution.values == ["2018-06-07", "2018-06-08"]
    assert (resolution.start, resolution.end) == (P004, P004 + dt.timedelta(days=1))
