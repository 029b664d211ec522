"""Status 'assumed': the sentence gives no direction, the latest and the coming occurrence
differ, and the news convention chose. All sentences are invented."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.dates import resolve_date
from extractor.dates.recurring import UNDECIDED

THURSDAY = dt.date(2017, 2, 16)

# (expression, sentence, value, status)
STATUSES: list[tuple[str, str | None, str, str]] = [
    # No cue, and the past and the coming one differ: a convention, said so.
    ("Friday", "The council meeting on Friday.", "2017-02-10", "assumed"),
    ("Friday", None, "2017-02-10", "assumed"),
    ("early Friday", "A fire early Friday.", "2017-02-10", "assumed"),
    ("Friday night", "A fire Friday night.", "2017-02-10TNI", "assumed"),
    ("Monday and Tuesday", "Talks Monday and Tuesday.", "2017-02-13/2017-02-14", "assumed"),
    ("June", "The June meeting of the board.", "2017-06", "assumed"),
    # A cue in the sentence: resolved.
    ("Friday", "The council met on Friday.", "2017-02-10", "resolved"),
    ("Friday", "The council will meet on Friday.", "2017-02-17", "resolved"),
    ("Friday", "The vote is set for Friday.", "2017-02-17", "resolved"),
    ("next Friday", "The council meeting next Friday.", "2017-02-17", "resolved"),
    # No cue, but both directions give the same date: nothing was assumed.
    ("Thursday", "The council meeting on Thursday.", "2017-02-16", "resolved"),
    ("February", "The February meeting of the board.", "2017-02", "resolved"),
    ("yesterday", "The meeting yesterday.", "2017-02-15", "resolved"),
    # A full date needs no direction.
    ("March 3, 2009", "The meeting on March 3, 2009.", "2009-03-03", "explicit"),
]


@pytest.mark.parametrize(("expression", "sentence", "value", "status"), STATUSES)
def test_status_says_when_the_direction_was_assumed(
    expression: str, sentence: str | None, value: str, status: str
) -> None:
    resolution = resolve_date(expression, THURSDAY, context=sentence)
    assert (resolution.value, resolution.status) == (value, status), resolution.reason
    assert resolution.reason is not None
    if status == "assumed":
        assert UNDECIDED in resolution.reason


def test_without_a_publication_date_nothing_is_assumed() -> None:
    resolution = resolve_date("Friday", None, context="The council meeting on Friday.")
    assert (resolution.status, resolution.anchor) == ("unresolved", None)
