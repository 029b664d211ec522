"""Date resolution by class, against a Thursday paper (2017-02-16, ISO week 2017-W07).

Each expected value is a calendar fact that can be checked by hand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from extractor.dates import resolve_date
from extractor.dates.holidays import easter
from extractor.dates.periods import unit_of
from extractor.errors import InternalError

PUBLISHED = dt.date(2017, 2, 16)

# (expression, keyword arguments, value, values, granularity, status, start, end)
CASES: list[
    tuple[str, dict[str, Any], str | None, list[str], str | None, str, str | None, str | None]
] = [
    ("Thursday", {}, "2017-02-16", [], "day", "resolved", "2017-02-16", "2017-02-16"),
    ("Wednesday", {}, "2017-02-15", [], "day", "assumed", "2017-02-15", "2017-02-15"),
    ("Friday", {}, "2017-02-10", [], "day", "assumed", "2017-02-10", "2017-02-10"),
    (
        "Friday",
        {"tense": "future"},
        "2017-02-17",
        [],
        "day",
        "resolved",
        "2017-02-17",
        "2017-02-17",
    ),
    (
        "Friday",
        {"context": "The minister will visit Berlin on Friday."},
        "2017-02-17",
        [],
        "day",
        "resolved",
        "2017-02-17",
        "2017-02-17",
    ),
    (
        "Friday",
        {"context": "The minister visited Berlin on Friday."},
        "2017-02-10",
        [],
        "day",
        "resolved",
        "2017-02-10",
        "2017-02-10",
    ),
    ("last Friday", {}, "2017-02-10", [], "day", "resolved", "2017-02-10", "2017-02-10"),
    ("next Friday", {}, "2017-02-17", [], "day", "resolved", "2017-02-17", "2017-02-17"),
    ("this Monday", {}, "2017-02-13", [], "day", "resolved", "2017-02-13", "2017-02-13"),
    ("last Thursday", {}, "2017-02-09", [], "day", "resolved", "2017-02-09", "2017-02-09"),
    ("next Thursday", {}, "2017-02-23", [], "day", "resolved", "2017-02-23", "2017-02-23"),
    ("Thursday night", {}, "2017-02-16TNI", [], "day", "resolved", "2017-02-16", "2017-02-16"),
    ("Monday's", {}, "2017-02-13", [], "day", "assumed", "2017-02-13", "2017-02-13"),
    ("today", {}, "2017-02-16", [], "day", "resolved", "2017-02-16", "2017-02-16"),
    ("yesterday", {}, "2017-02-15", [], "day", "resolved", "2017-02-15", "2017-02-15"),
    ("tomorrow", {}, "2017-02-17", [], "day", "resolved", "2017-02-17", "2017-02-17"),
    ("last night", {}, "2017-02-15TNI", [], "day", "resolved", "2017-02-15", "2017-02-15"),
    ("this morning", {}, "2017-02-16TMO", [], "day", "resolved", "2017-02-16", "2017-02-16"),
    (
        "the day before yesterday",
        {},
        "2017-02-14",
        [],
        "day",
        "resolved",
        "2017-02-14",
        "2017-02-14",
    ),
    ("February 3", {}, "2017-02-03", [], "day", "assumed", "2017-02-03", "2017-02-03"),
    ("March 3", {}, "2017-03-03", [], "day", "assumed", "2017-03-03", "2017-03-03"),
    ("3 March", {}, "2017-03-03", [], "day", "assumed", "2017-03-03", "2017-03-03"),
    ("the 3rd of March", {}, "2017-03-03", [], "day", "assumed", "2017-03-03", "2017-03-03"),
    ("March 3", {"tense": "past"}, "2016-03-03", [], "day", "resolved", "2016-03-03", "2016-03-03"),
    ("December 25", {}, "2016-12-25", [], "day", "assumed", "2016-12-25", "2016-12-25"),
    ("February 29", {}, "2016-02-29", [], "day", "assumed", "2016-02-29", "2016-02-29"),
    ("in February", {}, "2017-02", [], "month", "resolved", "2017-02-01", "2017-02-28"),
    ("in January", {}, "2017-01", [], "month", "assumed", "2017-01-01", "2017-01-31"),
    ("in March", {}, "2017-03", [], "month", "assumed", "2017-03-01", "2017-03-31"),
    ("in November", {}, "2016-11", [], "month", "assumed", "2016-11-01", "2016-11-30"),
    (
        "in March",
        {"context": "Sales fell in March."},
        "2016-03",
        [],
        "month",
        "resolved",
        "2016-03-01",
        "2016-03-31",
    ),
    ("next March", {}, "2017-03", [], "month", "resolved", "2017-03-01", "2017-03-31"),
    ("last March", {}, "2016-03", [], "month", "resolved", "2016-03-01", "2016-03-31"),
    ("last February", {}, "2016-02", [], "month", "resolved", "2016-02-01", "2016-02-29"),
    ("this February", {}, "2017-02", [], "month", "resolved", "2017-02-01", "2017-02-28"),
    ("since September", {}, "2016-09", [], "month", "resolved", "2016-09-01", "2016-09-30"),
    ("Back in February", {}, "2017-02", [], "month", "resolved", "2017-02-01", "2017-02-28"),
    ("February 2016", {}, "2016-02", [], "month", "explicit", "2016-02-01", "2016-02-29"),
    ("Feb. 2016", {}, "2016-02", [], "month", "explicit", "2016-02-01", "2016-02-29"),
    (
        "October",
        {"context": "Leases won't be extended after October of next year."},
        "2018-10",
        [],
        "month",
        "resolved",
        "2018-10-01",
        "2018-10-31",
    ),
    ("February 16, 2017", {}, "2017-02-16", [], "day", "explicit", "2017-02-16", "2017-02-16"),
    ("16 February 2017", {}, "2017-02-16", [], "day", "explicit", "2017-02-16", "2017-02-16"),
    (
        "Thursday, February 16, 2017",
        {},
        "2017-02-16",
        [],
        "day",
        "explicit",
        "2017-02-16",
        "2017-02-16",
    ),
    ("2017-02-16", {}, "2017-02-16", [], "day", "explicit", "2017-02-16", "2017-02-16"),
    ("2/16/17", {}, "2017-02-16", [], "day", "resolved", "2017-02-16", "2017-02-16"),
    ("16.02.2017", {}, "2017-02-16", [], "day", "explicit", "2017-02-16", "2017-02-16"),
    ("1997", {}, "1997", [], "year", "explicit", "1997-01-01", "1997-12-31"),
    ("'82", {}, "1982", [], "year", "resolved", "1982-01-01", "1982-12-31"),
    ("the year 2010", {}, "2010", [], "year", "explicit", "2010-01-01", "2010-12-31"),
    ("last week", {}, "2017-W06", [], "week", "resolved", "2017-02-06", "2017-02-12"),
    ("this week", {}, "2017-W07", [], "week", "resolved", "2017-02-13", "2017-02-19"),
    ("next week", {}, "2017-W08", [], "week", "resolved", "2017-02-20", "2017-02-26"),
    ("last month", {}, "2017-01", [], "month", "resolved", "2017-01-01", "2017-01-31"),
    ("next year", {}, "2018", [], "year", "resolved", "2018-01-01", "2018-12-31"),
    ("last year", {}, "2016", [], "year", "resolved", "2016-01-01", "2016-12-31"),
    ("the past decade", {}, "200", [], "decade", "resolved", "2000-01-01", "2009-12-31"),
    ("this decade", {}, "201", [], "decade", "resolved", "2010-01-01", "2019-12-31"),
    ("last quarter", {}, "2016-Q4", [], "quarter", "resolved", "2016-10-01", "2016-12-31"),
    ("this quarter", {}, "2017-Q1", [], "quarter", "resolved", "2017-01-01", "2017-03-31"),
    ("next quarter", {}, "2017-Q2", [], "quarter", "resolved", "2017-04-01", "2017-06-30"),
    ("earlier this month", {}, "2017-02", [], "month", "resolved", "2017-02-01", "2017-02-16"),
    ("later this year", {}, "2017", [], "year", "resolved", "2017-02-16", "2017-12-31"),
    ("three days ago", {}, "2017-02-13", [], "day", "resolved", "2017-02-13", "2017-02-13"),
    ("two weeks ago", {}, "2017-02-02", [], "day", "resolved", "2017-02-02", "2017-02-02"),
    ("a year ago", {}, "2016", [], "year", "resolved", "2016-01-01", "2016-12-31"),
    ("two months ago", {}, "2016-12", [], "month", "resolved", "2016-12-01", "2016-12-31"),
    ("in two weeks", {}, "2017-03-02", [], "day", "resolved", "2017-03-02", "2017-03-02"),
    ("in three years", {}, "2020", [], "year", "resolved", "2020-01-01", "2020-12-31"),
    (
        "the past nine days",
        {},
        "2017-02-07/2017-02-16",
        [],
        "range",
        "resolved",
        "2017-02-07",
        "2017-02-16",
    ),
    ("the third quarter", {}, "2016-Q3", [], "quarter", "assumed", "2016-07-01", "2016-09-30"),
    ("Q3", {}, "2016-Q3", [], "quarter", "assumed", "2016-07-01", "2016-09-30"),
    ("fourth-quarter", {}, "2016-Q4", [], "quarter", "assumed", "2016-10-01", "2016-12-31"),
    ("the first quarter", {}, "2017-Q1", [], "quarter", "resolved", "2017-01-01", "2017-03-31"),
    (
        "the first quarter of last year",
        {},
        "2016-Q1",
        [],
        "quarter",
        "resolved",
        "2016-01-01",
        "2016-03-31",
    ),
    (
        "the third quarter of 2009",
        {},
        "2009-Q3",
        [],
        "quarter",
        "explicit",
        "2009-07-01",
        "2009-09-30",
    ),
    ("Q2 2016", {}, "2016-Q2", [], "quarter", "explicit", "2016-04-01", "2016-06-30"),
    ("the first half", {}, "2017-H1", [], "range", "resolved", "2017-01-01", "2017-06-30"),
    ("last summer", {}, "2016-SU", [], "season", "resolved", "2016-06-01", "2016-08-31"),
    ("this summer", {}, "2017-SU", [], "season", "resolved", "2017-06-01", "2017-08-31"),
    ("next winter", {}, "2017-WI", [], "season", "resolved", "2017-12-01", "2018-02-28"),
    ("this winter", {}, "2016-WI", [], "season", "resolved", "2016-12-01", "2017-02-28"),
    ("spring", {}, "2017-SP", [], "season", "assumed", "2017-03-01", "2017-05-31"),
    ("the summer of 2016", {}, "2016-SU", [], "season", "explicit", "2016-06-01", "2016-08-31"),
    ("the 1990s", {}, "199", [], "decade", "explicit", "1990-01-01", "1999-12-31"),
    ("'70s", {}, "197", [], "decade", "resolved", "1970-01-01", "1979-12-31"),
    ("the '20s", {}, "192", [], "decade", "resolved", "1920-01-01", "1929-12-31"),
    ("the nineties", {}, "199", [], "decade", "resolved", "1990-01-01", "1999-12-31"),
    ("the mid-1990s", {}, "199", [], "decade", "explicit", "1993-05-02", "1996-08-31"),
    ("the 1900s", {}, "19", [], "century", "explicit", "1900-01-01", "1999-12-31"),
    ("the 21st century", {}, "20", [], "century", "explicit", "2000-01-01", "2099-12-31"),
    ("recently", {}, "PAST_REF", [], "ref", "resolved", None, "2017-02-16"),
    ("now", {}, "PRESENT_REF", [], "ref", "resolved", "2017-02-16", "2017-02-16"),
    ("in the future", {}, "FUTURE_REF", [], "ref", "resolved", "2017-02-16", None),
    ("the past", {}, "PAST_REF", [], "ref", "resolved", None, "2017-02-16"),
    ("soon", {}, "FUTURE_REF", [], "ref", "resolved", "2017-02-16", None),
    ("currently", {}, "PRESENT_REF", [], "ref", "resolved", "2017-02-16", "2017-02-16"),
    ("early January", {}, "2017-01", [], "month", "assumed", "2017-01-01", "2017-01-11"),
    ("late last year", {}, "2016", [], "year", "resolved", "2016-09-01", "2016-12-31"),
    ("the end of last year", {}, "2016", [], "year", "resolved", "2016-12-01", "2016-12-31"),
    ("mid-2011", {}, "2011", [], "year", "explicit", "2011-05-02", "2011-09-01"),
    (
        "on Thursday and Friday",
        {"tense": "future"},
        "2017-02-16/2017-02-17",
        ["2017-02-16", "2017-02-17"],
        "range",
        "resolved",
        "2017-02-16",
        "2017-02-17",
    ),
    (
        "between April and June",
        {"context": "The economy shrank between April and June."},
        "2016-04/2016-06",
        ["2016-04", "2016-06"],
        "range",
        "resolved",
        "2016-04-01",
        "2016-06-30",
    ),
    (
        "June 3-5, 2016",
        {},
        "2016-06-03/2016-06-05",
        ["2016-06-03", "2016-06-05"],
        "range",
        "explicit",
        "2016-06-03",
        "2016-06-05",
    ),
    (
        "from 2002 to 2010",
        {},
        "2002/2010",
        ["2002", "2010"],
        "range",
        "explicit",
        "2002-01-01",
        "2010-12-31",
    ),
    (
        "2002-2010",
        {},
        "2002/2010",
        ["2002", "2010"],
        "range",
        "explicit",
        "2002-01-01",
        "2010-12-31",
    ),
    (
        "the same day",
        {"context": "Apple announced the deal on Tuesday and its shares rose the same day."},
        "2017-02-14",
        [],
        "day",
        "resolved",
        "2017-02-14",
        "2017-02-14",
    ),
    (
        "the same month a year ago",
        {"context": "Orders dropped 12% in January, against the same month a year ago."},
        "2016-01",
        [],
        "month",
        "resolved",
        "2016-01-01",
        "2016-01-31",
    ),
    ("the day", {}, "2017-02-16", [], "day", "resolved", "2017-02-16", "2017-02-16"),
    ("that time", {}, None, [], None, "unresolved", None, None),
    (
        "a year earlier",
        {"context": "Profit rose in the third quarter from a year earlier."},
        "2015-Q3",
        [],
        "quarter",
        "resolved",
        "2015-07-01",
        "2015-09-30",
    ),
    ("the previous year", {}, "2016", [], "year", "resolved", "2016-01-01", "2016-12-31"),
    (
        "its date",
        {"context": "Sunday was picked because its date fits the theme."},
        "2017-02-12",
        [],
        "day",
        "resolved",
        "2017-02-12",
        "2017-02-12",
    ),
    (
        "the day",
        {
            "context": "The index closed up 1% to end the day at 7,000.",
            "preceding": "Stocks fell on Monday. Traders were nervous.",
        },
        "2017-02-13",
        [],
        "day",
        "resolved",
        "2017-02-13",
        "2017-02-13",
    ),
    ("Christmas", {}, "2016-12-25", [], "day", "assumed", "2016-12-25", "2016-12-25"),
    ("Thanksgiving", {}, "2016-11-24", [], "day", "assumed", "2016-11-24", "2016-11-24"),
    ("Easter", {}, "2017-04-16", [], "day", "assumed", "2017-04-16", "2017-04-16"),
    ("six years", {}, "P6Y", [], None, "unresolved", None, None),
    ("for a decade", {}, "P10Y", [], None, "unresolved", None, None),
    ("every Friday", {}, None, [], None, "unresolved", None, None),
    ("the conference", {}, None, [], None, "unresolved", None, None),
    ("", {}, None, [], None, "unresolved", None, None),
    ("last weekend", {}, "2017-W06-WE", [], "week", "resolved", "2017-02-11", "2017-02-12"),
    ("this weekend", {}, "2017-W07-WE", [], "week", "resolved", "2017-02-18", "2017-02-19"),
    ("a third straight week", {}, "2017-W07", [], "week", "resolved", "2017-02-13", "2017-02-19"),
]


@pytest.mark.parametrize(
    ("expression", "kwargs", "value", "values", "granularity", "status", "start", "end"), CASES
)
def test_resolution(
    expression: str,
    kwargs: dict[str, Any],
    value: str | None,
    values: list[str],
    granularity: str | None,
    status: str,
    start: str | None,
    end: str | None,
) -> None:
    resolution = resolve_date(expression, PUBLISHED, **kwargs)
    assert resolution.value == value
    assert resolution.values == values
    assert resolution.granularity == granularity
    assert resolution.status == status
    assert resolution.start == (dt.date.fromisoformat(start) if start else None)
    assert resolution.end == (dt.date.fromisoformat(end) if end else None)
    assert resolution.anchor == (PUBLISHED if status in ("resolved", "assumed") else None)
    assert resolution.reason


# Other publication dates: (expression, published, keyword arguments, value). Some sentences
# paraphrase Wikinews news (MEANTIME corpus, Wikinews contributors, CC BY 4.0).
OTHER_DAYS: list[tuple[str, str, dict[str, Any], str | None]] = [
    # ISO weeks belong to the month holding their Thursday: 2009-W13 is 23-29 March.
    ("the last week of March", "2009-04-01", {}, "2009-W13"),
    ("the first week of June", "2009-05-20", {}, "2009-W23"),
    # A weekday in a future clause is the coming one, even on a Tuesday in March.
    (
        "on Wednesday",
        "2006-03-28",
        {"context": "The inquiry is set to open on Wednesday in Leeds."},
        "2006-03-29",
    ),
    # 'until' looks ahead unless the clause is a simple past.
    (
        "until Friday",
        "2008-09-18",
        {"context": "The government has kept the markets closed until Friday."},
        "2008-09-19",
    ),
    (
        "until Friday",
        "2008-09-18",
        {"context": "The markets stayed closed until Friday."},
        "2008-09-12",
    ),
    # On a Monday, the weekend of a past sentence is the one just gone.
    (
        "the weekend",
        "2008-10-13",
        {"context": "The vote was held during the weekend."},
        "2008-W41-WE",
    ),
    (
        "the weekend",
        "2008-10-13",
        {"context": "Ministers will meet during the weekend."},
        "2008-W42-WE",
    ),
    # February 29 exists only in leap years.
    ("February 29", "2009-03-01", {}, "2008-02-29"),
    # A month of the publication date is that month, whatever the tense.
    ("in June", "2009-06-20", {"tense": "future"}, "2009-06"),
    ("in June", "2009-06-20", {"tense": "past"}, "2009-06"),
    # Two-digit years and decades take the century that puts them nearest the publication.
    ("'05", "2008-01-01", {}, "2005"),
    ("'95", "2008-01-01", {}, "1995"),
    ("the '00s", "2008-01-01", {}, "200"),
    (
        "the same period last year",
        "2010-03-03",
        {"context": "Exports grew 17% in February, measured against the same period last year."},
        "2009-02",
    ),
    (
        "which",
        "2007-01-18",
        {"context": "Revenue grew in the last quarter, which ended December 29, 2006."},
        "2006-Q4",
    ),
]


# Financial news of Thursday 1989-10-26.
OTHER_DAYS += [
    ("the quarter ended Sept. 30", "1989-10-26", {}, "1989-Q3"),
    ("the fiscal year ended June 30", "1989-10-26", {}, "1988-07-01/1989-06-30"),
    ("year-end", "1989-10-26", {}, "1989"),
    (
        "the year-earlier period",
        "1989-10-26",
        {"context": "Third-quarter profit rose 20% from the year-earlier period."},
        "1988-Q3",
    ),
    ("this year's third quarter", "1989-10-26", {}, "1989-Q3"),
    ("1988's fourth quarter", "1989-10-26", {}, "1988-Q4"),
    ("late yesterday", "1989-10-26", {}, "1989-10-25"),
    # A year after the expression in the sentence completes a month or day, not a weekday.
    (
        "June 3",
        "1989-10-26",
        {"context": "Prices peaked on June 3, 1988, traders said."},
        "1988-06-03",
    ),
    ("Thursday", "1989-10-26", {"context": "On Thursday, 1989 looked better."}, "1989-10-26"),
    ("Wednesday afternoon", "1989-10-26", {}, "1989-10-25TAF"),
    ("several days ago", "1989-10-26", {}, "PAST_REF"),
    ("in the coming weeks", "1989-10-26", {}, "FUTURE_REF"),
]


@pytest.mark.parametrize(("expression", "published", "kwargs", "value"), OTHER_DAYS)
def test_resolution_on_other_days(
    expression: str, published: str, kwargs: dict[str, Any], value: str | None
) -> None:
    resolution = resolve_date(expression, dt.date.fromisoformat(published), **kwargs)
    assert resolution.value == value


@pytest.mark.parametrize(
    "expression",
    [
        "Friday",
        "June 3",
        "in January",
        "last week",
        "the third quarter",
        "'82",
        "the '70s",
        "three days ago",
        "the same day",
        "next summer",
        "Christmas",
        "on Monday and Tuesday",
    ],
)
def test_relative_expressions_without_a_publication_date_stay_unresolved(expression: str) -> None:
    resolution = resolve_date(expression, None)
    assert resolution.status == "unresolved"
    assert (resolution.value, resolution.start, resolution.end, resolution.anchor) == (
        None,
        None,
        None,
        None,
    )
    assert resolution.reason is not None and "no publication date" in resolution.reason


def test_explicit_expressions_need_no_publication_date() -> None:
    resolution = resolve_date("February 16, 2017", None)
    assert (resolution.value, resolution.status, resolution.anchor) == (
        "2017-02-16",
        "explicit",
        None,
    )


def test_model_hint_overrides_the_sentence() -> None:
    sentence = "The minister said on Friday that talks had failed."
    assert resolve_date("on Friday", PUBLISHED, context=sentence).value == "2017-02-10"
    hinted = resolve_date("on Friday", PUBLISHED, context=sentence, tense="future")
    assert hinted.value == "2017-02-17"


@pytest.mark.parametrize(
    ("expression", "sentence", "value"),
    [
        # the words around a weekday, a month or a date make it a recurring time
        ("Tuesday", "The club posts its fixtures every Tuesday.", None),
        ("on Tuesday", "Lisk ships fixes each week on Tuesday.", None),
        ("the first Monday", "The board meets on the first Monday of every month.", None),
        ("Monday", "The board meets on the first Monday of each month.", None),
        ("in June", "The fair is held each year in June.", None),
        ("on Tuesday", "The fair opens every other year, on Tuesday.", None),
        # "each" or "every" of a thing, not of a time: one date
        ("on Tuesday", "Every player trained on Tuesday.", "2017-02-14"),
        ("on Tuesday", "Each of the clubs posted its fixtures on Tuesday.", "2017-02-14"),
        ("on Tuesday", "The club posted its fixtures on Tuesday, as every year.", "2017-02-14"),
    ],
)
def test_a_recurring_time_in_its_sentence_is_not_one_date(
    expression: str, sentence: str, value: str | None
) -> None:
    resolution = resolve_date(expression, PUBLISHED, context=sentence)
    assert resolution.value == value
    if value is None:
        assert resolution.reason == f"a recurring time ('{expression}' in it), not one date"


def test_since_points_back_even_with_a_future_hint() -> None:
    resolution = resolve_date("since March", PUBLISHED, tense="future")
    assert resolution.value == "2016-03"


def test_a_long_text_is_not_a_date_expression() -> None:
    resolution = resolve_date("On Thursday " + "and then " * 20, PUBLISHED)
    assert resolution.status == "unresolved"
    assert resolution.reason == "192 characters: too long for a date expression"


def test_a_huge_sentence_keeps_the_clause_around_the_expression() -> None:
    sentence = "Markets fell. " * 20_000 + "The council will vote on Friday."
    assert resolve_date("on Friday", PUBLISHED, context=sentence).value == "2017-02-17"


@pytest.mark.parametrize(
    "easter_sunday", ["2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21", "2024-03-31"]
)
def test_easter_follows_the_gregorian_computus(easter_sunday: str) -> None:
    day = dt.date.fromisoformat(easter_sunday)
    assert easter(day.year) == day
    assert resolve_date(f"Easter {day.year}", None).value == easter_sunday


@pytest.mark.parametrize(
    ("expression", "published"),
    [
        ("Friday", dt.date(9999, 12, 31)),
        ("yesterday", dt.date(1, 1, 1)),
        ("summer", dt.date(1, 1, 1)),
    ],
)
def test_the_edges_of_the_calendar_are_unresolved_not_errors(
    expression: str, published: dt.date
) -> None:
    resolution = resolve_date(expression, published)
    assert resolution.status == "unresolved"
    assert resolution.reason is not None
    assert resolution.reason.startswith("outside the calendar of years 1 to 9999")


def test_an_unknown_calendar_unit_is_an_internal_error() -> None:
    with pytest.raises(InternalError, match="unknown calendar unit 'lustrum'"):
        unit_of("lustrum", dt.date(2020, 3, 3))
