import datetime as dt

import pytest

from extractor.dates.lexicon import MONTH, month_value, weekday_value
from extractor.text.lexicon import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, WEEKDAYS


@pytest.mark.parametrize(
    ("word", "number"),
    [("january", 1), ("jan", 1), ("may", 5), ("september", 9), ("sept", 9), ("sep", 9)],
)
def test_months_by_name_and_short_form(word: str, number: int) -> None:
    assert MONTHS[word] == number


@pytest.mark.parametrize(
    ("word", "day"),
    [("monday", dt.date(2031, 3, 3)), ("thurs", dt.date(2031, 3, 6)), ("sun", dt.date(2031, 3, 9))],
)
def test_weekdays_count_as_date_weekday(word: str, day: dt.date) -> None:
    assert WEEKDAYS[word] == day.weekday()


def test_names_in_order_and_every_short_form_starts_its_name() -> None:
    assert [MONTHS[name] for name in MONTH_NAMES] == list(range(1, 13))
    assert [WEEKDAYS[name] for name in WEEKDAY_NAMES] == list(range(7))
    for form, number in MONTHS.items():
        assert MONTH_NAMES[number - 1].startswith(form)
    for form, number in WEEKDAYS.items():
        assert WEEKDAY_NAMES[number].startswith(form)


def test_the_date_rules_read_the_same_words() -> None:
    assert month_value("sept.") == 9
    assert weekday_value("tue.") == 1
    assert MONTH.startswith("(?:september|")  # longest first
