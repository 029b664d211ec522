"""The attribution rules (``speakers.RULES``) and how ``speakers`` completes them
(``speakers.RESOLUTIONS``), one invented example per rule."""

from __future__ import annotations

import pytest

from extractor.article.quotes import find_quotes
from extractor.article.speakers import RESOLUTIONS, RULES, attribution, speakers

# (rule expected to name the speaker, text, the speaker it names for the text's last quote)
ATTRIBUTIONS = [
    ("subject of a verb after", "“We open the new bridge in May,” Ann Lee said.", "Ann Lee"),
    (
        "subject of a verb after",
        "“The tide is late,” the harbour master said.",
        "the harbour master",
    ),
    ("subject of a verb after", "“The tide is late,” he said.", ""),
    (
        "object of a verb after",
        "“The river is rising fast,” said harbour master Tom Berg.",
        "Tom Berg",
    ),
    ("pronoun after a verb after", "“The river is rising fast,” said he.", ""),
    ("passive by", "It was announced by Mayor Grant: “The bridge opens in May.”", "Mayor Grant"),
    ("object of a verb before", "According to Ann Lee, “the bridge opens in May.”", "Ann Lee"),
    ("object of a verb before", "“The bridge,” said Ann Lee, “opens in May.”", "Ann Lee"),
    ("subject of a verb before", "Ann Lee said: “The bridge opens in May.”", "Ann Lee"),
    ("subject of a verb before", "She then said: “The bridge opens in May.”", ""),
    # an aside in brackets is no speaker: a party and state, an age
    (
        "subject of a verb before",
        "Senator Ann Lee (D-Ore.), who chairs the panel, called the plan “a good start.”",
        "Senator Ann Lee",
    ),
    ("subject of a verb after", "“The bridge opens in May,” Tom Berg (R-Ohio) said.", "Tom Berg"),
    ("subject of a verb before", "Ann Lee (54) said: “The bridge opens in May.”", "Ann Lee"),
]


@pytest.mark.parametrize(("rule", "text", "speaker"), ATTRIBUTIONS)
def test_each_rule_names_its_speaker(rule: str, text: str, speaker: str) -> None:
    found, fired = attribution(text, find_quotes(text)[-1])
    assert fired is not None
    assert (fired.name, found) == (rule, speaker)


def test_no_speech_verb_no_rule() -> None:
    text = "The bridge opens in May, “if the weather holds.”"
    [quote] = find_quotes(text)
    assert attribution(text, quote) == (None, None)


def test_every_rule_has_an_example_and_a_distinct_name() -> None:
    names = [rule.name for rule in RULES]
    assert len(set(names)) == len(names)
    assert {row[0] for row in ATTRIBUTIONS} == set(names)


# (resolution expected, text, the speakers of its quotes in order)
RESOLVED = [
    (
        "pronoun",
        "Ann Lee opened the bridge. “It is a great day,” she said.",
        ["Ann Lee"],
    ),
    (
        "definite description",
        "Harbour master Tom Berg inspected the dam. “It holds,” the harbour master said.",
        ["Tom Berg"],
    ),
    (
        "continuation",
        "“The river is rising,” Ann Lee said.\n“We are ready for it.”",
        ["Ann Lee", "Ann Lee"],
    ),
    (  # too many lines apart: no continuation
        "continuation",
        "“The river is rising,” Ann Lee said.\n\n\n\n“We are ready for it.”",
        ["Ann Lee", None],
    ),
]


@pytest.mark.parametrize(("resolution", "text", "expected"), RESOLVED)
def test_each_resolution_completes_the_speaker(
    resolution: str, text: str, expected: list[str | None]
) -> None:
    quotes = find_quotes(text)
    last = attribution(text, quotes[-1])[0]
    applied = next((r.name for r in RESOLUTIONS if r.applies(last)), None)
    assert (applied, speakers(text, quotes)) == (resolution, expected)


def test_a_name_given_needs_no_resolution() -> None:
    assert not any(r.applies("Ann Lee") for r in RESOLUTIONS)
    assert {row[0] for row in RESOLVED} == {r.name for r in RESOLUTIONS}
