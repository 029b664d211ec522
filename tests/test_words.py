import pytest

from extractor.text.words import (
    JOINED_WORD,
    LONG_WORD,
    LOOSE_WORD,
    WORD,
    content_words,
    counted,
    has_word,
    word_count,
    word_set,
)


# What each tokeniser makes of the same texts: the rows where the columns differ are the
# reason there are four.
@pytest.mark.parametrize(
    ("text", "word", "joined", "loose", "long"),
    [
        ("Café 2024", ["Café", "2024"], ["Café", "2024"], ["Café", "2024"], ["Café", "2024"]),
        ("don't stop", ["don", "t", "stop"], ["don't", "stop"], ["don't", "stop"], ["don", "stop"]),
        (
            "co-chair_2 -led",
            ["co", "chair_2", "led"],
            ["co-chair", "2", "led"],
            ["co-chair_2", "-led"],
            ["chair", "led"],
        ),
        ("'tis ok", ["tis", "ok"], ["tis", "ok"], ["'tis", "ok"], ["tis"]),
        ("a — b", ["a", "b"], ["a", "b"], ["a", "b"], []),
    ],
)
def test_each_tokeniser_takes_the_words_its_note_says(
    text: str, word: list[str], joined: list[str], loose: list[str], long: list[str]
) -> None:
    assert WORD.findall(text) == word
    assert JOINED_WORD.findall(text) == joined
    assert LOOSE_WORD.findall(text) == loose
    assert LONG_WORD.findall(text) == long


@pytest.mark.parametrize(
    ("text", "found"),
    [("—— * ——", False), ("", False), ("_", True), ("ü", True), ("7", True)],
)
def test_has_word(text: str, found: bool) -> None:
    assert has_word(text) is found


def test_word_count_counts_what_whitespace_separates() -> None:
    assert word_count("a-b  c\n d\t") == 3
    assert word_count(" \n") == 0


def test_word_set_is_case_folded() -> None:
    assert word_set("Rain, RAIN! rain_fall") == {"rain", "rain_fall"}


def test_content_words_leave_out_short_and_stop_words() -> None:
    assert content_words("The Mill and its owners said: no to a sale.") == frozenset(
        {"mill", "owners", "sale"}
    )


@pytest.mark.parametrize(
    ("n", "said"), [(0, "0 event lines"), (1, "1 event line"), (2, "2 event lines")]
)
def test_counted_says_one_in_the_singular(n: int, said: str) -> None:
    assert counted(n, "event line") == said
