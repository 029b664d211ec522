"""bench.who_misses_ecbplus: the kind of a who miss, on invented sentences."""

from __future__ import annotations

from bench.events_ecbplus import Value
from bench.who_misses_ecbplus import kind, sources

LINE = "A fire destroyed the old mill in Ostby on Monday, the town's mayor said."


def value(text: str) -> Value:
    return Value(text, None)


def test_the_sources_are_the_subjects_of_saying_and_of_according_to() -> None:
    assert {"mayor", "town"} <= sources(LINE)
    assert "fire" not in sources(LINE)
    assert "police" in sources("The mill burned down, according to police.")


def test_kinds_of_miss() -> None:
    mill, mayor = value("old mill"), value("mayor")
    assert kind([], [mayor], LINE) == "we give no actor"
    assert kind([mill], [value("she")], LINE) == "gold: pronouns only"
    assert kind([mill], [mayor], LINE) == "gold: the reporting source only"
    assert kind([mill], [mayor, value("Ann Lee")], LINE) == "gold: a source and others"
    assert kind([mill], [value("Ann Lee")], LINE) == "other"
