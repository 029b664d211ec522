"""Properties of date resolution that hold for any publication date and expression."""

from __future__ import annotations

import datetime as dt

import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.dates import resolve_date
from extractor.validate import timex

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EXPRESSIONS = [
    "today",
    "yesterday",
    "tomorrow",
    "last week",
    "next month",
    "this year",
    "three days ago",
    "in two weeks",
    "the past nine days",
    "earlier this month",
    "late last year",
    "June 3",
    "in February",
    "last summer",
    "the third quarter",
    "Q4",
    "the '70s",
    "the 1990s",
    "'82",
    "recently",
    "now",
    "the future",
    "on Thursday and Friday",
    "between April and June",
    "the same day",
    "a year earlier",
    "Christmas",
    "the last week of March",
    "the weekend",
    "February 16, 2017",
    "7/8/07",
    "a fortnight ago",
    "the first half of next year",
]

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31))
anchors = st.one_of(st.none(), dates)
expressions = st.sampled_from(EXPRESSIONS + WEEKDAYS + MONTHS)
tenses = st.sampled_from([None, "past", "present", "future"])


@settings(max_examples=60, deadline=None)
@given(expression=expressions, published=anchors, tense=tenses)
def test_resolution_never_depends_on_the_clock(
    expression: str, published: dt.date | None, tense: str | None
) -> None:
    sentence = f"Officials said the talks {expression} went well."
    answers = []
    for now in (dt.datetime(1971, 3, 1, 12), dt.datetime(2093, 11, 30, 23)):
        with time_machine.travel(now, tick=False):
            assert dt.date.today() == now.date()
            resolution = resolve_date(expression, published, context=sentence, tense=tense)  # type: ignore[arg-type]
        answers.append(resolution)
    assert (
        answers[0]
        == answers[1]
        == resolve_date(
            expression,
            published,
            context=sentence,
            tense=tense,  # type: ignore[arg-type]
        )
    )


@given(day=dates, published=anchors, month_first=st.booleans())
def test_an_explicit_date_resolves_to_itself(
    day: dt.date, published: dt.date | None, month_first: bool
) -> None:
    name = MONTHS[day.month - 1]
    written = f"{name} {day.day}, {day.year}" if month_first else f"{day.day} {name} {day.year}"
    for expression in (written, day.isoformat(), f"on {written}"):
        resolution = resolve_date(expression, published)
        assert resolution.status == "explicit"
        assert resolution.value == day.isoformat()
        assert resolution.start == resolution.end == day
        assert resolution.anchor is None


@given(day=dates, published=anchors)
def test_explicit_months_years_and_quarters_resolve_to_themselves(
    day: dt.date, published: dt.date | None
) -> None:
    quarter = (day.month - 1) // 3 + 1
    ordinal = ["first", "second", "third", "fourth"][quarter - 1]
    cases = {
        f"{MONTHS[day.month - 1]} {day.year}": f"{day.year}-{day.month:02d}",
        f"in {day.year}": f"{day.year}",
        f"the {ordinal} quarter of {day.year}": f"{day.year}-Q{quarter}",
    }
    for expression, value in cases.items():
        resolution = resolve_date(expression, published)
        assert (resolution.value, resolution.status) == (value, "explicit")
        assert resolution.start is not None and resolution.end is not None
        assert resolution.start <= day <= resolution.end


@given(expression=expressions, published=dates, tense=tenses)
def test_resolution_is_idempotent(expression: str, published: dt.date, tense: str | None) -> None:
    """A resolved value, read back as an expression, names the same period."""
    first = resolve_date(expression, published, tense=tense)  # type: ignore[arg-type]
    if first.granularity in ("day", "month", "year") and first.value and "T" not in first.value:
        again = resolve_date(first.value, published)
        assert again.value == first.value and again.status == "explicit"
        # 'earlier this month' keeps the month's value with a narrower interval
        assert again.start is not None and again.end is not None
        assert first.start is not None and first.end is not None
        assert again.start <= first.start <= first.end <= again.end


@given(expression=expressions, published=dates, tense=tenses)
def test_intervals_are_well_formed(expression: str, published: dt.date, tense: str | None) -> None:
    resolution = resolve_date(expression, published, tense=tense)  # type: ignore[arg-type]
    if resolution.status == "unresolved":
        assert resolution.start is None and resolution.end is None
        return
    if resolution.start is not None and resolution.end is not None:
        assert resolution.start <= resolution.end
    if resolution.granularity == "day" and resolution.value:
        assert resolution.value[:10] == resolution.start.isoformat()  # type: ignore[union-attr]
    if resolution.status in ("resolved", "assumed"):
        assert resolution.anchor == published


@given(published=dates, weekday=st.sampled_from(WEEKDAYS), tense=tenses)
def test_a_weekday_is_within_a_week_of_publication(
    published: dt.date, weekday: str, tense: str | None
) -> None:
    resolution = resolve_date(weekday, published, tense=tense)  # type: ignore[arg-type]
    day = resolution.start
    assert day is not None and day == resolution.end
    assert day.weekday() == WEEKDAYS.index(weekday)
    if tense == "future":
        assert published <= day <= published + dt.timedelta(days=6)
    else:
        assert published - dt.timedelta(days=6) <= day <= published


@given(published=dates, month=st.integers(1, 12), tense=tenses)
def test_a_month_without_a_year_is_within_a_year_of_publication(
    published: dt.date, month: int, tense: str | None
) -> None:
    resolution = resolve_date(f"in {MONTHS[month - 1]}", published, tense=tense)  # type: ignore[arg-type]
    assert resolution.start is not None and resolution.end is not None
    assert resolution.start.month == month
    assert abs((resolution.start - published).days) <= 366
    if tense == "past":
        assert resolution.start <= published
    if tense == "future":
        assert resolution.end >= published


@given(expression=expressions, published=dates, weeks=st.integers(-20, 20))
def test_moving_the_publication_by_whole_weeks_moves_day_answers_alike(
    expression: str, published: dt.date, weeks: int
) -> None:
    """Weekdays, 'yesterday', 'three days ago' and the like follow the anchor exactly."""
    if expression not in [*WEEKDAYS, "today", "yesterday", "tomorrow", "three days ago"]:
        return
    first = resolve_date(expression, published)
    moved = resolve_date(expression, published + dt.timedelta(weeks=weeks))
    assert first.start is not None and moved.start is not None
    assert moved.start - first.start == dt.timedelta(weeks=weeks)


@given(expression=expressions)
def test_without_an_anchor_nothing_is_dated_relative_to_it(expression: str) -> None:
    resolution = resolve_date(expression, None)
    assert resolution.anchor is None
    assert resolution.status not in ("resolved", "assumed")


@given(expression=expressions, published=anchors, tense=tenses)
def test_resolutions_pass_the_document_validator_rules(
    expression: str, published: dt.date | None, tense: str | None
) -> None:
    """The shape rules of ``extractor validate`` (E302 to E306) hold for every resolution."""
    resolution = resolve_date(expression, published, tense=tense)  # type: ignore[arg-type]
    if resolution.status == "unresolved":
        assert resolution.start is None and resolution.end is None
        return
    relative = resolution.status in ("resolved", "assumed")
    assert resolution.anchor == (published if relative else None)
    value, granularity = resolution.value, resolution.granularity
    assert value is not None and granularity is not None
    assert timex.matches(value, granularity), (value, granularity)
    assert all(timex.is_well_formed(member) for member in resolution.values)
    bounds = timex.period(value) if granularity != "range" else None
    if bounds is not None and resolution.start and resolution.end:
        assert bounds[0] <= resolution.start <= resolution.end <= bounds[1]
