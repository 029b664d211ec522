"""The words next to a date expression that say which way it lies (``direction.py``), and the
classes of held-out news the resolver used to miss. All sentences are invented."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.dates import resolve_date
from extractor.dates.direction import adjacent_direction


def _direction(sentence: str, expression: str, preposition: str | None = None) -> str | None:
    start = sentence.index(expression)
    found = adjacent_direction(sentence, start, start + len(expression), preposition)
    return f"{found.lean}: {found.evidence}" if found else None


# (sentence, expression, the lean and the start of its evidence, or None)
ADJACENT: list[tuple[str, str, str | None]] = [
    ("The final vote is set for Tuesday.", "Tuesday", "future: scheduled: 'is set for'"),
    ("The launch is now slated for March 4.", "March 4", "future: scheduled"),
    ("A ruling is expected in March.", "March", "future: scheduled: 'is expected in'"),
    ("Hearings are tentatively scheduled on Monday.", "Monday", "future: scheduled"),
    ("The judge adjourned the case until Monday.", "Monday", "future: put off"),
    ("The board pushed the vote back to Friday.", "Friday", "future: put off"),
    ("The court postponed sentencing", "sentencing", None),
    ("Stocks rose ahead of Friday's jobs report.", "Friday", "future: an event still ahead"),
    ("Fans are heading into Sunday's final in good spirits.", "Sunday", "future: an event"),
    ("The vote is Thursday.", "Thursday", "future: a fixture in the present tense"),
    ("The deadline is on Friday.", "Friday", "future: a fixture"),
    ("The board has set a March 1 deadline.", "March 1", "future: a deadline or start date"),
    ("Bidders face a June 2 start date.", "June 2", "future: a deadline"),
    # Not cues: a past schedule, a possessive, a plain past.
    ("The vote was set for Tuesday.", "Tuesday", None),
    ("The company's Friday meeting ran long.", "Friday", None),
    ("Markets fell on Friday.", "Friday", None),
]


@pytest.mark.parametrize(("sentence", "expression", "expected"), ADJACENT)
def test_adjacent_direction(sentence: str, expression: str, expected: str | None) -> None:
    found = _direction(sentence, expression)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found.startswith(expected)


def test_the_removed_preposition_is_read_with_the_words_before() -> None:
    # The expression was written 'until Monday': 'until' is no longer in the quoted text.
    assert _direction("The judge adjourned the case Monday", "Monday", "until") is not None


THURSDAY = "2017-02-16"  # ISO week 2017-W07
OCT_SUNDAY = "2015-10-25"
RESULTS_DAY = "1998-10-22"  # a Thursday, three weeks after the third quarter ended

# (expression, published, sentence, text before it, value, words the reason must hold)
CLASSES: list[tuple[str, str, str | None, str | None, str | None, str]] = [
    # Weekdays: the verb group decides the direction, and says so in the reason.
    ("Tuesday", THURSDAY, "The final vote is set for Tuesday.", None, "2017-02-21", "is set for"),
    (
        "on Tuesday",
        THURSDAY,
        "Ministers are meeting on Tuesday in Oslo.",
        None,
        "2017-02-21",
        "present progressive 'are meeting'",
    ),
    (
        "until Monday",
        THURSDAY,
        "The judge adjourned the hearing until Monday.",
        None,
        "2017-02-20",
        "put off",
    ),
    (
        "Friday's",
        THURSDAY,
        "Shares rose ahead of Friday's jobs report.",
        None,
        "2017-02-17",
        "ahead of",
    ),
    (
        "Saturday's",
        THURSDAY,
        "In Saturday's final, the Lions (12-3) will face the Hawks.",
        None,
        "2017-02-18",
        "'will'",
    ),
    ("Friday", THURSDAY, "The vote is Friday.", None, "2017-02-17", "fixture"),
    ("Friday", THURSDAY, "Markets fell on Friday.", None, "2017-02-10", "'fell'"),
    ("Thursday night", THURSDAY, "Fans will gather Thursday night.", None, "2017-02-16TNI", ""),
    # No cue: the paper's habit, and the reason says the direction was not decided.
    (
        "Friday",
        THURSDAY,
        "No comment Friday from the ministry.",
        None,
        "2017-02-10",
        "direction undecided",
    ),
    ("a Tuesday", THURSDAY, "The firm will hold a Tuesday briefing.", None, "2017-02-21", ""),
    ("Thursday next week", THURSDAY, None, None, "2017-02-23", "that week"),
    ("Monday last week", THURSDAY, None, None, "2017-02-06", "that week"),
    ("Thursday this week", THURSDAY, None, None, "2017-02-16", "that week"),
    ("just last week", THURSDAY, None, None, "2017-W06", ""),
    # Month and day: a deadline looks ahead; a written weekday pins the year.
    ("March 1", THURSDAY, "The board has set a March 1 deadline.", None, "2017-03-01", "deadline"),
    ("Sunday, Oct. 26", OCT_SUNDAY, None, None, "2014-10-26", "pins the year"),
    ("Monday, Oct. 26", OCT_SUNDAY, None, None, "2015-10-26", "pins the year"),
    (
        "Jan. 14",
        "2016-01-15",
        "The new rules will apply from Jan. 14.",
        None,
        "2016-01-14",
        "1 day(s) before the publication date",
    ),
    ("Jan. 3", "2016-12-29", "Trading will resume on Jan. 3.", None, "2017-01-03", "coming"),
    ("Dec. 30", "2017-01-02", "The store closed on Dec. 30.", None, "2016-12-30", "latest"),
    # Asides and parts of a day.
    ("on Thursday (June 13)", "2013-06-14", None, None, "2013-06-13", "parentheses"),
    ("Friday (local time)", "2013-06-14", None, None, "2013-06-14", "parentheses"),
    ("the night of Sept. 13", "2013-09-18", None, None, "2013-09-13TNI", "night"),
    # Anaphora: the day or week the text has just named, not the paper's.
    (
        "earlier that day",
        THURSDAY,
        "Earlier that day, the road was closed.",
        "A storm hit the coast on Monday.",
        "2017-02-13",
        "bound to 2017-02-13",
    ),
    (
        "that night",
        THURSDAY,
        "Crews worked through that night.",
        "A storm hit the coast on Monday.",
        "2017-02-13TNI",
        "bound to 2017-02-13",
    ),
    (
        "the next morning",
        THURSDAY,
        "The mayor toured the coast the next morning.",
        "A storm hit the coast on Monday.",
        "2017-02-14TMO",
        "bound to 2017-02-13",
    ),
    (
        "the week",
        THURSDAY,
        "Prices rose 4% over the week.",
        "Trading resumed on Jan. 9.",
        "2017-W02",
        "bound to 2017-W02",
    ),
    ("that night", THURSDAY, "Crews worked through that night.", None, None, "names none"),
    (
        "later that year",
        THURSDAY,
        "She left the band later that year.",
        "In June 2009, she joined the band.",
        "2009",
        "bound to 2009",
    ),
    ("March", THURSDAY, "A ruling is expected in March.", None, "2017-03", "'is expected in'"),
    # Quarters in a results story: the reported quarter and the same quarter a year before.
    (
        "the quarter",
        RESULTS_DAY,
        "Net income for the quarter rose 12% to $40 million.",
        "Acme Corp. said third-quarter profit rose.",
        "1998-Q3",
        "results story",
    ),
    (
        "the quarter",
        RESULTS_DAY,
        "Revenue in the quarter was $2 billion.",
        "Acme Corp. posted quarterly results on Thursday.",
        "1998-Q3",
        "last ended quarter",
    ),
    (
        "a year ago",
        RESULTS_DAY,
        "Net income rose to $40 million from $31 million a year ago.",
        "Acme Corp. reported quarterly results.",
        "1997-Q3",
        "same quarter a year before",
    ),
    (
        "a year earlier",
        RESULTS_DAY,
        "Sales fell 3% from a year earlier.",
        "Acme said its fiscal first-quarter loss widened.",
        "1997-Q1",
        "",
    ),
    (
        "year-earlier",
        RESULTS_DAY,
        "Earnings beat year-earlier levels by a wide margin.",
        "Acme Corp. said third-quarter profit rose.",
        "1997-Q3",
        "same quarter a year before",
    ),
    (
        "the third quarter",
        RESULTS_DAY,
        "Acme will report results for the third quarter next week.",
        None,
        "1998-Q3",
        "last ended one",
    ),
    (
        "the fiscal first quarter",
        RESULTS_DAY,
        "Acme lost money in the fiscal first quarter.",
        None,
        "1998-Q1",
        "'lost'",
    ),
    (
        "a year earlier",
        RESULTS_DAY,
        "Earnings were 45 cents a share, against 30 cents a year earlier.",
        "Acme Corp. said third-quarter net income rose.",
        "1997-Q3",
        "same quarter a year before",
    ),
    (
        "a year earlier",
        "1999-02-04",
        "For the full year, net income rose to $3 billion from $2.5 billion a year earlier.",
        "Acme Corp. said fourth-quarter net income rose.",
        "1997",
        "about a year, not a quarter",
    ),
    (
        "the period",
        RESULTS_DAY,
        "Net income for the period was $40 million.",
        "Acme Corp. said third-quarter net income rose.",
        "1998-Q3",
        "results story",
    ),
    # A bare unit that the sentence names by its last day.
    (
        "the quarter",
        RESULTS_DAY,
        "Sales for the quarter ended Sept. 30 rose.",
        None,
        "1998-Q3",
        "ends on 1998-09-30",
    ),
    # Not a results story, or no figure in the sentence: no quarter.
    (
        "the fourth quarter",
        RESULTS_DAY,
        "Acme will cut output in the fourth quarter.",
        None,
        "1998-Q4",
        "",
    ),
    (
        "a year ago",
        RESULTS_DAY,
        "He joined Acme a year ago.",
        "Acme Corp. reported quarterly results.",
        "1997",
        "",
    ),
    (
        "the quarter",
        RESULTS_DAY,
        "The quarter was hard for the whole industry.",
        None,
        "1998-Q4",
        "",
    ),
]


@pytest.mark.parametrize(
    ("expression", "published", "sentence", "preceding", "value", "reason"), CLASSES
)
def test_held_out_classes(
    expression: str,
    published: str,
    sentence: str | None,
    preceding: str | None,
    value: str | None,
    reason: str,
) -> None:
    resolution = resolve_date(
        expression, dt.date.fromisoformat(published), context=sentence, preceding=preceding
    )
    assert resolution.value == value
    assert resolution.reason is not None and reason in resolution.reason
