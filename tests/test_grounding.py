from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.article import ground as grounding
from extractor.article.ground import (
    TextIndex,
    _normalise,
    _normalise_by_char,
    locate,
    strip_edges,
)
from extractor.article.grounded import mention

# An invented article: curly apostrophes and quotation marks, quotes inside long lines.
ARTICLE = (
    "Norvia hits back at the alliance\n"
    "\n"
    "The Norvian president hit back at the alliance’s naval drills yesterday and accused it of "
    "stirring up trouble along the coast.\n"
    "He attacked Valdor’s “freshly announced plan to encircle the harbour,” saying: “They keep "
    "testing us at every turn, trying to pull us into a quarrel.”\n"
    "Defence Minister Ilse Brandt took issue with remarks by the alliance chief on Tuesday that "
    "talks must begin “from a place of power,” calling such claims “pointless.”\n"
    "The ministry said the drills would go on until the end of the month.\n"
)


def test_exact_quote_is_found_with_its_offsets() -> None:
    span = locate(ARTICLE, "They keep testing us at every turn, trying to pull us into a quarrel.")
    assert span is not None
    assert span.match == "exact"
    assert ARTICLE[span.start : span.end] == span.text
    assert span.text.startswith("They keep testing us")


def test_straight_marks_find_curly_quotes() -> None:
    # The article writes Valdor’s with a curly apostrophe; the model answers with a straight one.
    span = locate(
        ARTICLE, 'He attacked Valdor\'s "freshly announced plan to encircle the harbour,"'
    )
    assert span is not None
    assert span.match == "normalized"
    assert "Valdor’s “freshly announced" in span.text


def test_whitespace_and_case_differences_are_normalised() -> None:
    text = "Mr Okafor said  Kenya\nand Uganda were reviewed."
    span = locate(text, "kenya and uganda were reviewed")
    assert span is not None
    assert span.text == "Kenya\nand Uganda were reviewed"


def test_paraphrase_is_not_found() -> None:
    paraphrase = "We want Norvia to keep its harbour promises and calm the coast"
    assert locate(ARTICLE, paraphrase) is None


def test_near_verbatim_quote_is_found_fuzzily_and_stored_as_the_articles_words() -> None:
    model_text = "They keep testing us at every turn trying to pull us into quarrel"
    span = locate(ARTICLE, model_text)
    assert span is not None
    assert span.match == "fuzzy"
    assert 0.95 <= span.score < 1
    assert span.text == ARTICLE[span.start : span.end]
    assert span.text.startswith("They keep testing")


def test_fuzzy_can_be_switched_off() -> None:
    model_text = "They keep testing us at every turn trying to pull us into quarrel"
    assert locate(ARTICLE, model_text, fuzzy=False) is None


def test_edges_are_stripped() -> None:
    assert strip_edges(" “pointless.” ") == "pointless"
    assert locate(ARTICLE, "“pointless.”") is not None


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
    at_once, by_char = (
        _normalise(source, casefold=casefold),
        _normalise_by_char(source, casefold=casefold),
    )
    assert (at_once.text, list(at_once.origin)) == (by_char.text, list(by_char.origin))
    assert len(by_char.origin) == len(by_char.text) + 1


def _reference(text: str, needle: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The plain way to locate without fuzzy search: cut the part searched out, normalise it
    and the needle one character at a time, search."""
    part, pin = text[start:end], strip_edges(needle)
    if not pin:
        return None
    if pin in part:
        at = part.index(pin)
        return start + at, start + at + len(pin), "exact"
    for casefold in (False, True):
        hay = _normalise_by_char(part, casefold=casefold)
        wanted = _normalise_by_char(pin, casefold=casefold).text.strip()
        at = hay.text.find(wanted) if wanted else -1
        if at >= 0:
            return (
                start + hay.origin[at],
                start + hay.origin[at + len(wanted) - 1] + 1,
                "normalized",
            )
    return None


_TRICKY = st.text(alphabet=st.sampled_from(" \t\n\u00a0…“”‘’—-ßİﬁaAbZ.'\""), max_size=40)


@given(
    st.one_of(st.text(max_size=40), _TRICKY),
    st.one_of(st.text(max_size=12), _TRICKY.map(lambda s: s[:12])),
    st.integers(0, 45),
    st.integers(0, 45),
    st.data(),
)
def test_locate_in_part_of_a_text_equals_the_plain_way(
    text: str, needle: str, start: int, length: int, data: st.DataObject
) -> None:
    if data.draw(st.booleans()) and text:  # a needle taken from the text, its case changed
        left = data.draw(st.integers(0, len(text) - 1))
        needle = text[left : left + len(needle) + 1].swapcase()
    end = min(start + length, len(text))
    start = min(start, end)
    for plain in (grounding.INDEX_AFTER, -1):  # -1: every search by the index of words
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(grounding, "INDEX_AFTER", plain)
            span = TextIndex(text).locate(needle, fuzzy=False, start=start, end=end)
        found = None if span is None else (span.start, span.end, span.match)
        assert found == _reference(text, needle, start, end)
        if span is not None:
            assert text[span.start : span.end] == span.text


_WORDY = st.text(alphabet=st.sampled_from("ab AB_1é-' \n."), max_size=60)


@given(_WORDY, _WORDY.map(lambda s: s[:8]), st.integers(0, 60), st.integers(0, 60), st.data())
def test_finding_by_words_equals_str_find(
    text: str, pin: str, start: int, end: int, data: st.DataObject
) -> None:
    if data.draw(st.booleans()) and text:  # a pin taken from the text
        left = data.draw(st.integers(0, len(text) - 1))
        pin = text[left : left + data.draw(st.integers(1, 8))]
    assert grounding._Words(text).find(pin, start, end) == text.find(pin, start, end)


def test_a_lowercase_needle_after_a_character_that_casefolds_to_two_is_found() -> None:
    text = "Straße und Fluß: Der Rat TAGT heute."
    span = locate(text, "der rat tagt")
    assert span is not None and span.text == "Der Rat TAGT"


def test_the_whole_text_is_normalised_once_however_many_searches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "The mayor met the council.\n“We build,” she said.\n" * 200
    passes: list[int] = []
    folded = grounding._FOLDED

    class Counting:
        def sub(self, repl: Callable[[re.Match[str]], str], source: str) -> str:
            passes.append(len(source))
            return folded.sub(repl, source)

    monkeypatch.setattr(grounding, "_FOLDED", Counting())
    index = TextIndex(text)
    for start in range(0, len(text), 500):  # windows and the rest of the text, as dates are
        index.locate("THE COUNCIL", start=start)
        index.locate("the Mayor met", start=start, end=start + 300)
    assert sum(1 for n in passes if n == len(text)) == 2  # one per form: with case, without
    assert sum(passes) < 3 * len(text)


def test_a_name_is_found_with_or_without_a_space_between_its_initials() -> None:
    text = "The U.S. Parks Service closed the trail. Ann Lee of the U. N. spoke."
    found = mention(text, "U. S. Parks Service")
    assert found.grounded and found.text == "U.S. Parks Service"
    assert found.span is not None and found.span.start == text.index("U.S.")
    assert mention(text, "U. N.").grounded  # written with the space: found as written
    assert not mention(text, "U. Parks Service").grounded  # an initial left out: not found
