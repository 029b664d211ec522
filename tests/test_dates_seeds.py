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

# (seed, expression, publication date, sentence, value, status, granularity)
CASES: list[tuple[str, str, dt.date | None, str, str | None, str, str | None]] = [
    (
        "000",
        "on March 31",
        None,
        "At the press conference in London on March 31, Mattis was critical of Russia",
        None,
        "unresolved",
        None,
    ),
    (
        "000",
        "for months",
        None,
        "Vladimir Putinand for months denied allegations Russia attempted",
        "PXM",
        "unresolved",
        None,
    ),
    (
        "000",
        "now",
        None,
        "Russia's violations of international law are now a matter of record",
        "PRESENT_REF",
        "unresolved",
        None,
    ),
    (
        "000",
        "On Thursday",
        None,
        'On Thursday, Putin accused Mattis of "idle talk" after the US Defence Secretary',
        None,
        "unresolved",
        None,
    ),
    (
        "000",
        "in January",
        None,
        "Trump only conceded in January that Russia may have attempted",
        None,
        "unresolved",
        None,
    ),
    (
        "000",
        "previously",
        None,
        "He has previously suggested that the US would only come to the aid of Nato allies",
        "PAST_REF",
        "unresolved",
        None,
    ),
    (
        "000",
        "annual",
        None,
        "too few Nato members meet their annual 2% defence spending target",
        None,
        "unresolved",
        None,
    ),
    (
        "000",
        "at this point",
        None,
        "I'm not going to say at this point if that has manifested into weapons",
        "PRESENT_REF",
        "unresolved",
        None,
    ),
    (
        "000",
        "Ahead of the conference",
        None,
        "Ahead of the conference Mattis said that too few Nato members meet",
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
    (
        "001",
        "this month",
        None,
        "This is the last article you can read this month",
        None,
        "unresolved",
        None,
    ),
    (
        "001",
        "yesterday",
        None,
        "Putin hit back at Nato’s sabre-rattling yesterday and accused the alliance",
        None,
        "unresolved",
        None,
    ),
    (
        "001",
        "in recent years",
        None,
        "Mr Putin said the threat from Nato had only increased in recent years.",
        "PAST_REF",
        "unresolved",
        None,
    ),
    (
        "001",
        "in the past year",
        None,
        "claiming hundreds of foreign spies had been caught in the past year.",
        None,
        "unresolved",
        None,
    ),
    (
        "001",
        "on Wednesday",
        None,
        "took umbrage at US Defence Secretary James Mattis’s comments on Wednesday",
        None,
        "unresolved",
        None,
    ),
    (
        "001",
        "Yesterday",
        None,
        "Yesterday Mr Mattis said his government would seek a “partnership”",
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
        "has more in common with the alliance in terms of the future, but that it has been",
        "FUTURE_REF",
        "unresolved",
        None,
    ),
    (
        "002",
        "on Thursday and Friday",
        None,
        "defense ministers’ meeting on Thursday and Friday to prepare for NATO’s July summit",
        None,
        "unresolved",
        None,
    ),
    (
        "002",
        "July",
        None,
        "to prepare for NATO’s July summit, which will focus on approving",
        None,
        "unresolved",
        None,
    ),
    (
        "002",
        "Earlier",
        None,
        "Earlier, US ambassador to NATO Kay Bailey Hutchison revealed that",
        "PAST_REF",
        "unresolved",
        None,
    ),
    (
        "002",
        "Back in February",
        None,
        "Back in February, Mattis claimed that the United States had been “absent”",
        None,
        "unresolved",
        None,
    ),
    (
        "002",
        "in recent years",
        None,
        "from nuclear weapons development in recent years, unlike Russia",
        "PAST_REF",
        "unresolved",
        None,
    ),
    (
        "002",
        "over the past eight years",
        None,
        "The development of nuclear supply systems over the past eight years shows",
        None,
        "unresolved",
        None,
    ),
    ("003", "February 16, 2017", P003, "February 16, 2017", "2017-02-16", "explicit", "day"),
    (
        "003",
        "On Thursday",
        P003,
        "On Thursday, Defense Secretary Jim Mattis stated that the United States",
        "2017-02-16",
        "resolved",
        "day",
    ),
    (
        "003",
        "at this time",
        P003,
        "is not in a position to collaborate militarily with Russia at this time.",
        "PRESENT_REF",
        "resolved",
        "ref",
    ),
    (
        "003",
        "just hours after",
        P003,
        "Mattis made the statement just hours after Russian President Vladimir Putin",
        None,
        "unresolved",
        None,
    ),
    (
        "003",
        "in 1997",
        P003,
        "agreed upon by the two entities in 1997 then reaffirmed in 2002 and 2010.",
        "1997",
        "explicit",
        "year",
    ),
    (
        "003",
        "in 2002",
        P003,
        "agreed upon by the two entities in 1997 then reaffirmed in 2002 and 2010.",
        "2002",
        "explicit",
        "year",
    ),
    (
        "003",
        "2010",
        P003,
        "agreed upon by the two entities in 1997 then reaffirmed in 2002 and 2010.",
        "2010",
        "explicit",
        "year",
    ),
    (
        "003",
        "right now",
        P003,
        "“are not in a position right now to collaborate on a military level,”",
        "PRESENT_REF",
        "resolved",
        "ref",
    ),
    (
        "003",
        "At the end of the conference",
        P003,
        "At the end of the conference, Mattis reassured the Unites States’ commitment",
        None,
        "unresolved",
        None,
    ),
    ("004", "June 07, 2018", P004, "June 07, 2018", "2018-06-07", "explicit", "day"),
    (
        "004",
        "in April",
        P004,
        "generals held a rare face-to-face meeting in April to discuss military exercises",
        "2018-04",
        "resolved",
        "month",
    ),
    (
        "004",
        "on Wednesday",
        P004,
        "Mattis told reporters en route to Brussels on Wednesday.",
        "2018-06-06",
        "resolved",
        "day",
    ),
    (
        "004",
        "2014",
        P004,
        "civilian cooperation after the 2014 annexation of the Crimean peninsula",
        "2014",
        "explicit",
        "year",
    ),
    (
        "004",
        "on Friday",
        P004,
        "Dunford Jr. is scheduled to meet his Russian counterpart Valery Gerasimov in Helsinki "
        "on Friday, Finnish defence forces said in a statement.",
        "2018-06-08",
        "resolved",
        "day",
    ),
    (
        "004",
        "2018/06/07",
        P004,
        "https://www.themoscowtimes.com/2018/06/07/nato-will-never-give-up-diologue-with-russia",
        "2018-06-07",
        "explicit",
        "day",
    ),
]


def _seed_text(seed: str) -> str:
    """The seed's text without its HTML tags ('Mattis <u>told</u> reporters')."""
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    return re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))


def _sentence(seed: str, expression: str) -> str:
    return next(c[3] for c in CASES if c[0] == seed and c[1] == expression)


@pytest.mark.parametrize(
    ("seed", "expression", "published", "sentence", "value", "status", "granularity"), CASES
)
def test_seed_expression(
    seed: str,
    expression: str,
    published: dt.date | None,
    sentence: str,
    value: str | None,
    status: str,
    granularity: str | None,
) -> None:
    text = _seed_text(seed)
    assert sentence in text, "the test sentence must be copied from the seed"
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
    [(c[1], c[3]) for c in CASES if c[2] is None and c[5] == "unresolved" and c[4] is None],
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
    for _, expression, published, sentence, value, status, _ in CASES:
        if published is None and status == "unresolved" and value is None:
            reason = resolve_date(expression, None, context=sentence).reason or ""
            assert reason.startswith((NO_DATE, "not a calendar", "a recurring")), expression


def test_range_of_the_seed_resolves_as_two_days_with_a_date() -> None:
    # 002 tells the story of 004 (the ministers met on Thursday 7 and Friday 8 June 2018).
    sentence = _sentence("002", "on Thursday and Friday")
    resolution = resolve_date("on Thursday and Friday", P004, context=sentence)
    assert resolution.granularity == "range"
    assert resolution.values == ["2018-06-07", "2018-06-08"]
    assert (resolution.start, resolution.end) == (P004, P004 + dt.timedelta(days=1))
