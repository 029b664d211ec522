from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from extractor.grounding import (
    _normalise,
    _normalise_by_char,
    locate,
    sentence_around,
    strip_edges,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_001 = (SEEDS / "001_7f284cf21ca29828.txt").read_text(encoding="utf-8")


def test_exact_quote_is_found_with_its_offsets() -> None:
    span = locate(
        SEED_001, "They are constantly provoking us, trying to drag us into a confrontation."
    )
    assert span is not None
    assert span.match == "exact"
    assert SEED_001[span.start : span.end] == span.text
    assert span.text.startswith("They are constantly provoking us")


def test_straight_marks_find_curly_quotes() -> None:
    # The article writes Nato’s with a curly apostrophe; the model answers with a straight one.
    span = locate(
        SEED_001, 'He attacked Nato\'s "newly declared official mission to deter Russia,"'
    )
    assert span is not None
    assert span.match == "normalized"
    assert "Nato’s “newly declared" in span.text


def test_whitespace_and_case_differences_are_normalised() -> None:
    text = "Mr Lavrov said  Afghanistan\nand Ukraine were discussed."
    span = locate(text, "afghanistan and ukraine were discussed")
    assert span is not None
    assert span.text == "Afghanistan\nand Ukraine were discussed"


def test_paraphrase_is_not_found() -> None:
    paraphrase = "We want Russia to keep its Minsk promises and calm the fighting in Ukraine"
    assert locate(SEED_001, paraphrase) is None


def test_near_verbatim_quote_is_found_fuzzily_and_stored_as_the_articles_words() -> None:
    model_text = "They are constantly provoking us trying to drag us into confrontation"
    span = locate(SEED_001, model_text)
    assert span is not None
    assert span.match == "fuzzy"
    assert 0.95 <= span.score < 1
    assert span.text == SEED_001[span.start : span.end]
    assert span.text.startswith("They are constantly")


def test_fuzzy_can_be_switched_off() -> None:
    model_text = "They are constantly provoking us trying to drag us into confrontation"
    assert locate(SEED_001, model_text, fuzzy=False) is None


def test_edges_are_stripped() -> None:
    assert strip_edges(" “futile.” ") == "futile"
    assert locate(SEED_001, "“futile.”") is not None


def test_sentence_around_returns_the_sentence() -> None:
    text = "First one. On Thursday, he spoke. Last one."
    start = text.index("On Thursday")
    assert sentence_around(text, start, start + 11) == "On Thursday, he spoke."


@given(st.text(min_size=1, max_size=60), st.text(max_size=40), st.text(max_size=40))
def test_a_span_always_matches_the_text_at_its_offsets(needle: str, left: str, right: str) -> None:
    text = left + needle + right
    span = locate(text, needle)
    if strip_edges(needle):
        assert span is not None
    if span is not None:
        assert text[span.start : span.end] == span.text
        assert 0 <= span.start <= span.end <= len(text)


_MARKS_AND_SPACES = st.text(alphabet=st.sampled_from(" \t\n\u00a0\u2003…“”‘’—-ßİﬁaZ.'\""))


@given(st.one_of(st.text(max_size=60), _MARKS_AND_SPACES), st.booleans())
def test_normalising_at_once_equals_character_by_character(source: str, casefold: bool) -> None:
    assert _normalise(source, casefold=casefold) == _normalise_by_char(source, casefold=casefold)
