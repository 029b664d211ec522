"""The lean of the sentence around a date expression: past, future or none."""

from __future__ import annotations

import pytest

from extractor.dates.tense import context_lean


def _lean(sentence: str, expression: str, preposition: str | None = None) -> str | None:
    start = sentence.index(expression)
    return context_lean(sentence, start, start + len(expression), preposition)


@pytest.mark.parametrize(
    ("sentence", "expression", "lean"),
    [
        ("The council will vote on Friday.", "Friday", "future"),
        ("The council voted on Friday.", "Friday", "past"),
        ("The council votes on Friday.", "Friday", None),
        ("The inquiry is set to open on Wednesday in Leeds.", "Wednesday", "future"),
        ("A May 9 audit has been scheduled by the board.", "May 9", "future"),
        ("The firm has filed for bankruptcy on Thursday.", "Thursday", "past"),
        ("The treaty may be ratified on October 21, during the summit.", "October 21", "future"),
        ("Okafor is scheduled to meet Lindqvist on Friday, aides said.", "Friday", "future"),
        ("On Thursday, the minister said talks had failed.", "Thursday", "past"),
        ("On Thursday, the minister will travel to Bonn.", "Thursday", "future"),
        ("Globex revealed on Friday that it will give buyers a free charger.", "Friday", "past"),
        ("The chain wants to close 312 stores by early June.", "early June", "future"),
        ("Shares were flat in March.", "March", "past"),
        ("The brewer has a July 4 deadline.", "July 4", "future"),
        ("Danish ports to stay shut until Friday", "Friday", "future"),
        ("The markets remained closed until Friday.", "Friday", "past"),
        ("Sales have fallen since November.", "November", "past"),
        ("No verb here: Friday", "Friday", None),
        # An aside in parentheses does not cut the clause; a present progressive looks ahead.
        ("In Friday's race, the Lions (4-1) will start last.", "Friday", "future"),
        ("The unions are striking on Monday.", "Monday", "future"),
        ("Rescuers are searching for survivors of Monday's storm.", "Monday", None),
        ("On Monday, the results show the firm is growing.", "Monday", None),
        # 'until' after a clause of its own without a verb takes no past from the clause before.
        ("The judge spoke before sending the jury home until Monday.", "Monday", "future"),
    ],
)
def test_lean(sentence: str, expression: str, lean: str | None) -> None:
    assert _lean(sentence, expression) == lean


def test_the_removed_preposition_counts() -> None:
    # The expression was written 'until Friday' but the sentence quotes only 'Friday'.
    assert _lean("The banks have kept them closed, Friday", "Friday", "until") == "future"
    assert _lean("The banks kept them shut, Friday", "Friday", "since") == "past"


def test_an_expression_not_in_the_context_has_no_lean() -> None:
    assert context_lean("They will meet.", 40, 46) is None
