"""A name's gender, and whether a pronoun can stand for it (extractor.text.gender). Every
example is invented."""

from __future__ import annotations

import random
import re

import pytest

from extractor.errors import ModelFileError
from extractor.text import gender
from extractor.text.gender import agrees, gender_of, given_names


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("Tom Berg", "", "male"),
        ("Harbour master Ada Holm", "", "female"),
        ("George W. Berg", "", "male"),  # an initial passed
        ("Mr Lund", "", "male"),  # a title in the name
        ("Ms. Lund", "", "female"),
        ("Lund", "Later Mrs. Lund left.", "female"),  # a title before the surname in the text
        ("Lund", "Ada Lund spoke first.", "female"),  # a given name before it in the text
        ("Lund", "Ada Lund and Tom Lund spoke.", None),  # two people: untold
        ("Chris Lund", "", None),  # a given name of both
        ("Ruritania", "", None),
        ("an official", "", None),
        ("Tom Berg of the Port Authority", "", "male"),  # the name ends at its small words
    ],
)
def test_the_gender_a_name_tells(name: str, text: str, expected: str | None) -> None:
    assert gender_of(name, text) == expected


def test_a_pronoun_agrees_unless_both_genders_are_known_and_differ() -> None:
    assert agrees("he", "Tom Berg") and not agrees("she", "Tom Berg")
    assert agrees("She", "Ada Holm") and not agrees("him", "Ada Holm")
    assert agrees("she", "Lund") and agrees("they", "Tom Berg") and agrees("it", "Ada Holm")
    # letters name a body or a degree, not a man or a woman
    assert not agrees("he", "PNA") and not agrees("she", "M.D.") and agrees("it", "PNA")


def test_the_census_tables_are_verified_before_use(monkeypatch: pytest.MonkeyPatch) -> None:
    assert given_names()["JAMES"] == "male" and given_names()["MARY"] == "female"
    wrong = {**gender.FILES, "male": (gender.FILES["male"][0], "0" * 64)}
    monkeypatch.setattr(gender, "FILES", wrong)
    given_names.cache_clear()
    try:
        with pytest.raises(ModelFileError, match="census table"):
            given_names()
    finally:
        monkeypatch.undo()
        given_names.cache_clear()


def test_the_words_before_a_surname_are_those_a_search_of_the_whole_text_finds() -> None:
    # the pattern the surname is found by, tried at every position: the reference
    pieces = ["Ann", "Ms.", "Mr", "B.", "Lee", "Leeds", "McLee", "Lee.", "Lee,", "LEE", "the"]
    pieces += ["Ada Lee Lee", "Tom B. B. Lee", "x.Lee", "Ann  Lee", "Ann\nLee", "Éva Lee"]
    draw = random.Random(7)
    for _ in range(2000):
        text = draw.choice(["", " ", "."]).join(draw.choices(pieces, k=draw.randint(1, 12)))
        whole = re.finditer(r"\b([A-Z][a-z]+)\.? (?:[A-Z]\. )?Lee\b", text)
        assert list(gender._words_before(text, "Lee")) == [m.group(1) for m in whole], text
