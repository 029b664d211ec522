import pytest

from extractor.text.names import NAME, NOT_NAMES, capitalised_as_name, holds_name, proper

TEXT = "Farmers met on Monday. Later the Grain Board and local farmers spoke to Ivo.\n"


@pytest.mark.parametrize(
    ("phrase", "written_so", "holds"),
    [
        ("Grain Board", True, True),  # two capitalised words
        ("Ivo", True, True),  # capitalised mid-sentence in the text
        ("NATO", True, True),  # a capital inside the word
        ("eBay", False, True),
        ("Farmers", True, False),  # capitalised only to open a sentence
        ("local farmers", False, False),
        ("Port of Ruritania", True, True),  # a small word of names inside
        ("Route 9", True, False),  # a number, and one capitalised word not used mid-sentence
    ],
)
def test_the_two_name_tests_side_by_side(phrase: str, written_so: bool, holds: bool) -> None:
    assert capitalised_as_name(phrase.split()) is written_so
    assert holds_name(TEXT, phrase) is holds


def test_a_name_written_mid_sentence_only_as_a_possessive_holds_a_name() -> None:
    text = "Voting starts soon. In the history of post-war Eastland's parliament, a first.\n"
    assert holds_name(text, "Eastland")
    assert proper(text, "Eastland's") and not proper(text, "Voting")


def test_no_words_are_written_as_a_name() -> None:
    assert capitalised_as_name([])
    assert not holds_name(TEXT, "")


def test_proper_is_a_word_capitalised_after_a_word_or_a_comma() -> None:
    assert proper(TEXT, "Board")
    assert proper(TEXT, "Monday")
    assert not proper(TEXT, "Farmers")  # opens the text
    assert not proper(TEXT, "Later")  # opens a sentence


def test_a_name_is_a_run_of_capitalised_words_and_small_words_of_names() -> None:
    found = [m.group() for m in NAME.finditer("another loan from Bank of Ruritania to Ivo Lee")]
    assert found == ["the", "Bank of Ruritania", "Ivo Lee"]  # "the" inside "another": no \b


@pytest.mark.parametrize(
    ("word", "named"),
    [("monday", False), ("december", False), ("yesterday", False), ("tomorrow", True)],
)
def test_days_and_months_name_nobody(word: str, named: bool) -> None:
    assert (word not in NOT_NAMES) is named
