"""Irregular verb forms from WordNet (``text.verbs``)."""

from __future__ import annotations

from extractor.article.retellings import stems
from extractor.text.verbs import verb_bases


def test_an_irregular_form_has_its_base_and_any_other_word_none() -> None:
    assert verb_bases("fled") == ("flee",)
    assert verb_bases("Sold") == ("sell",)
    assert verb_bases("closed") == ()  # regular: the stemmer's
    assert verb_bases("harbour") == ()


def test_stems_hold_the_base_of_an_irregular_form() -> None:
    assert stems("Bolt Cars sold a plant") >= stems("sells")
    assert stems("the plant closed") >= stems("closes")
    assert not stems("Bolt Cars sold a plant") & stems("sealed")
