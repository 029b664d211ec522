"""'Two weeks later', 'three days before that': counted from the date the text has just named,
never from the paper (``anaphora.COUNTED``). All sentences are invented."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.dates import resolve_date
from extractor.dates.anaphora import COUNTED

PUBLISHED = dt.date(2013, 6, 10)  # a Monday
OPENED = "The plant opened on March 3, 2009."
BEFORE = "('March 3, 2009' in the text before the sentence)"

# (expression, sentence, preceding, value, what the reason must hold)
CASES: list[tuple[str, str, str | None, str | None, str]] = [
    ("Two weeks later", "Two weeks later it was closed.", OPENED, "2009-03-17", BEFORE),
    (
        "Three days earlier",
        "Three days earlier, the mayor had visited.",
        OPENED,
        "2009-02-28",
        BEFORE,
    ),
    ("Two days after that", "Two days after that, it was shut.", OPENED, "2009-03-05", BEFORE),
    ("A week before that", "A week before that, it was inspected.", OPENED, "2009-02-24", BEFORE),
    ("three days afterwards", "It was shut three days afterwards.", OPENED, "2009-03-06", BEFORE),
    ("a month thereafter", "It was sold a month thereafter.", OPENED, "2009-04-03", "'thereafter'"),
    ("two days prior", "Its permit came two days prior.", OPENED, "2009-03-01", "'prior'"),
    (
        "two weeks later",
        "The plant opened on March 3, 2009, and two weeks later it was closed.",
        None,
        "2009-03-17",
        "2009-03-03 ('March 3, 2009' earlier in the sentence)",
    ),
    # The nearest date named before it wins, and the unit of that date is kept.
    (
        "a year later",
        "A year later the line was sold.",
        "It was built in 2001. Sales fell in the third quarter of 2008.",
        "2009-Q3",
        "2008-Q3 ('the third quarter of 2008'",
    ),
    # No date named before it: unresolved, never the paper's date.
    ("Two weeks later", "Two weeks later it was closed.", None, None, "has not named"),
    ("Two weeks later", "Two weeks later, on June 1, it was closed.", None, None, "has not named"),
    # Days counted from a month cannot be placed.
    ("two days later", "It closed two days later.", "It opened in March 2009.", None, "too coarse"),
    # 'ago' is counted from the paper even after a named date.
    ("two days ago", "It was closed two days ago.", OPENED, "2013-06-08", "before publication"),
]


@pytest.mark.parametrize(("expression", "sentence", "preceding", "value", "reason"), CASES)
def test_counted_from_the_date_just_named(
    expression: str, sentence: str, preceding: str | None, value: str | None, reason: str
) -> None:
    resolution = resolve_date(expression, PUBLISHED, context=sentence, preceding=preceding)
    assert resolution.value == value, resolution.reason
    assert resolution.reason is not None and reason in resolution.reason
    assert resolution.status == ("resolved" if value else "unresolved")


def test_every_word_of_the_table_is_read() -> None:
    for word, step, _ in COUNTED:
        resolution = resolve_date(
            f"two days {word}", PUBLISHED, context=f"two days {word}", preceding=OPENED
        )
        assert resolution.value == ("2009-03-05" if step > 0 else "2009-03-01"), word


def test_a_date_whose_direction_was_assumed_passes_it_on() -> None:
    resolution = resolve_date(
        "Two days later", PUBLISHED, context="Two days later it shut.", preceding="A fire Friday."
    )
    assert (resolution.value, resolution.status) == ("2013-06-09", "assumed")


def test_an_event_anchored_count_is_left_as_it_was() -> None:
    """'two days before the vote on May 2' names its own event: not counted from the text."""
    sentence = "He spoke two days before the vote on May 2."
    expression = "two days before the vote on May 2"
    resolution = resolve_date(expression, PUBLISHED, context=sentence, preceding=OPENED)
    assert resolution.status == "unresolved"


@pytest.mark.parametrize(
    ("expression", "sentence"),
    [
        ("Two weeks later", "Two weeks later it was closed."),  # counted from a named date
        ("the week before", "It had been inspected the week before."),  # bound to a named date
    ],
)
def test_without_a_publication_date_nothing_is_dated_relative_to_another_date(
    expression: str, sentence: str
) -> None:
    """The contract: with no publication date a relative date stays unresolved (``validate``
    reports E302 otherwise), even one found from a date the text names; the reason keeps it."""
    preceding = "The plant opened on Monday, June 10, 2013."
    dated = resolve_date(expression, PUBLISHED, context=sentence, preceding=preceding)
    assert dated.status == "resolved" and dated.anchor == PUBLISHED
    resolution = resolve_date(expression, None, context=sentence, preceding=preceding)
    assert (resolution.status, resolution.anchor, resolution.value) == ("unresolved", None, None)
    assert resolution.reason is not None and "no publication date" in resolution.reason
    assert "2013" in resolution.reason  # the date it was found from, as evidence
