"""Normalisation of quotes and names, and the map back to original offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.evaluation.matching import greedy, match_intervals
from extractor.evaluation.normalize import (
    find_all,
    key,
    locate,
    name_key,
    name_matches,
    normalize,
    span_interval,
)

TEXTS = st.text(alphabet=st.sampled_from("ab “”‘’\"'`«» \n\t\u00a0.,;-\u200bﬁ"), max_size=40)


def test_quote_marks_and_whitespace() -> None:
    norm = normalize("He said:\n“It’s  over.”")
    assert norm.text == 'He said: "It\'s over."'
    assert key("“It’s over,” ") == "It's over"
    assert key("`` It 's over '' ") == "It 's over"
    assert key("— «Non!» —") == "Non"


def test_offsets_map_back() -> None:
    raw = "A  “quote”\nhere"
    norm = normalize(raw)
    start = norm.text.index("quote")
    low, high = norm.to_original(start, start + len("quote"))
    assert raw[low:high] == "quote"
    assert span_interval(norm, raw.index("“"), raw.index("”") + 1) == (start, start + 5)


def test_find_all_respects_word_edges() -> None:
    assert find_all("today, today's GM, not todays", "today") == [0, 7]
    assert find_all("in 2010-11 and 2010", "2010") == [3, 15]
    assert find_all("a.b a.b", ".") == [1, 5]


def test_locate_occurrence_and_fallback() -> None:
    norm = normalize("yes, yes and yes")
    assert locate(norm, "yes", 1) == (5, 8)
    assert locate(norm, "yes", 9) == (13, 16)
    assert locate(norm, "no") is None
    assert locate(norm, "...") is None


def test_name_keys() -> None:
    assert name_key("The U.S. Treasury") == "us treasury"
    assert name_key("Apple’s") == "apple"
    assert name_key("AT&T") == "at t"
    assert name_matches("GM chief executive Fritz Henderson", ["Fritz Henderson"])
    assert name_matches("the Mayor", ["mayor"])
    assert not name_matches("Henderson, Fritz", ["Fritz Henderson"])
    assert not name_matches("Hendersonville", ["Henderson"])
    assert not name_matches("", ["Henderson"])


@settings(deadline=None)
@given(TEXTS)
def test_origin_is_monotonic_and_in_range(text: str) -> None:
    norm = normalize(text)
    assert len(norm.origin) == len(norm.text)
    assert list(norm.origin) == sorted(norm.origin)
    assert all(0 <= index < len(text) for index in norm.origin)
    assert "  " not in norm.text


@settings(deadline=None)
@given(TEXTS)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once
    assert key(key(text)) == key(text)


@settings(deadline=None)
@given(TEXTS, TEXTS)
def test_a_key_is_found_where_it_was_put(before: str, words: str) -> None:
    needle = key(words)
    norm = normalize(before + " " + words + " ")
    assert find_all(norm.text, needle) != [] or needle == ""


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 5)), max_size=6), st.booleans())
def test_matching_is_one_to_one(pairs: list[tuple[int, int]], exact: bool) -> None:
    gold = [(start, start + width) for start, width in pairs]
    pred = [(start + 1, start + width) for start, width in pairs]
    matched = match_intervals(gold, pred, exact=exact)
    assert len({g for g, _ in matched}) == len(matched)
    assert len({p for _, p in matched}) == len(matched)
    assert len(matched) <= min(len(gold), len(pred))
    distinct = sorted(set(gold))
    assert match_intervals(distinct, distinct, exact=True) == [(i, i) for i in range(len(distinct))]


def test_greedy_prefers_the_better_pair() -> None:
    scores = {(0, 0): 1.0, (0, 1): 3.0, (1, 1): 2.0, (1, 0): None}
    assert greedy(2, 2, lambda g, p: scores[(g, p)]) == [(0, 1)]
