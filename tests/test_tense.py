"""An event's trigger verb and tense, read from the parse of its sentence (invented text)."""

from __future__ import annotations

import pytest

from extractor.article.tense import trigger_verb, verb_tense
from extractor.text.parser import parse


@pytest.mark.parametrize(
    ("sentence", "trigger", "tense"),
    [
        ("The mayor opened the bridge on Sunday.", "opened", "past"),
        ("The bridge was opened by the mayor.", "was opened", "past"),
        ("The mayor has opened the bridge.", "has opened", "past"),
        ("The mayor will open the bridge next week.", "will open", "future"),
        ("The mayor is going to open the bridge.", "is going to open", "future"),
        ("The mayor opens the bridge today.", "opens", "present"),
        ("Crews are repairing the bridge.", "are repairing", "present"),
        ("The mayor could open the bridge.", "could open", None),  # a modal: no tense
    ],
)
def test_the_verb_gives_the_tense(sentence: str, trigger: str, tense: str | None) -> None:
    [doc] = parse([sentence])
    start = sentence.index(trigger)
    verb = trigger_verb(doc, (start, start + len(trigger)), set())
    assert verb is not None and verb_tense(verb) == tense


def test_a_trigger_without_a_verb_falls_back_to_the_verb_the_description_repeats() -> None:
    sentence = "The bridge will close for repairs, the city's engineer Ida Moss told reporters."
    [doc] = parse([sentence])
    at = sentence.index("Ida Moss")  # a small model may give a name as the trigger
    verb = trigger_verb(doc, (at, at + len("Ida Moss")), {"ida", "moss", "told", "reporters"})
    assert verb is not None and verb.text == "told" and verb_tense(verb) == "past"


def test_a_noun_given_as_trigger_takes_the_sentences_verb() -> None:
    sentence = "Crowds marched after the attack on the embassy."
    [doc] = parse([sentence])
    at = sentence.index("the attack")
    verb = trigger_verb(doc, (at, at + len("the attack")), {"militants", "attacked", "embassy"})
    assert verb is not None and verb.text == "marched"


def test_a_participle_before_a_noun_of_the_trigger_is_no_verb_of_it() -> None:
    sentence = "A convicted bank robber who fled the Lindby jail was caught on Monday."
    (doc,) = parse([sentence])
    at = sentence.index("convicted bank robber")
    given = (at, at + len("convicted bank robber"))
    verb = trigger_verb(doc, given, {"convicted", "bank", "robber", "caught", "monday"})
    assert verb is not None and verb.text == "caught"
    # a participle given alone stays the trigger ("smashed" of "smashed windows")
    at = sentence.index("convicted")
    verb = trigger_verb(doc, (at, at + len("convicted")), set())
    assert verb is not None and verb.text == "convicted"


def test_with_no_hint_the_root_verb_is_the_trigger() -> None:
    [doc] = parse(["Rescue teams reached the village after the storm had passed."])
    verb = trigger_verb(doc, None, set())
    assert verb is not None and verb.text == "reached"


def test_a_sentence_without_a_verb_has_no_trigger_verb() -> None:
    [doc] = parse(["Storm warning for the coast"])
    assert trigger_verb(doc, None, {"storm"}) is None
