import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.text.sentences import (
    LINE_END,
    Quoted,
    Sentences,
    ends_sentence,
    sentence_around,
)


def _pieces(pattern: re.Pattern[str], text: str) -> list[str]:
    """``text`` cut just after each of ``pattern``'s matches."""
    ends = [m.end() for m in pattern.finditer(text)]
    return [text[a:b] for a, b in zip([0, *ends], [*ends, len(text)], strict=True) if a < b]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Rain fell. Roads shut.", ["Rain fell. Roads shut."]),  # a line break is needed
        ("One line\nAnother line", ["One line\nAnother line"]),  # and an end mark before it
        ("Ends here. \nNext", ["Ends here. \n", "Next"]),  # spaces or tabs between
    ],
)
def test_a_quote_left_open_stops_at_an_end_mark_closing_a_line(
    text: str, pieces: list[str]
) -> None:
    assert _pieces(LINE_END, text) == pieces


@pytest.mark.parametrize(
    ("text", "word", "sentence"),
    [
        ("Rain fell. Roads shut.", "Roads", "Roads shut."),
        ("One line\nAnother line", "Another", "Another line"),
        ("Shut? Yes! Open.", "Yes", "Yes!"),
        ("First one. On Thursday, he spoke. Last one.", "On Thursday", "On Thursday, he spoke."),
        # the splitter knows abbreviations and times
        ("Mr. Lee spoke. Then he left.", "Lee", "Mr. Lee spoke."),
        ("It ended at 3 p.m. on Friday. Then rain.", "Friday", "It ended at 3 p.m. on Friday."),
    ],
)
def test_sentence_around_is_the_splitters_sentence(text: str, word: str, sentence: str) -> None:
    start = text.index(word)
    assert sentence_around(text, start, start + len(word)) == sentence


@given(st.text(alphabet=st.sampled_from("ab .?!\n"), max_size=600), st.data())
def test_sentence_around_holds_the_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert text[start:end].strip() in sentence_around(text, start, end)


@pytest.mark.parametrize(
    ("line", "ends"),
    [
        ("Rain fell.", True),
        ("She said “enough.”", True),  # a closing quotation mark may follow
        ("Talks with Mr.", False),  # an abbreviation of two letters
        ("Signed by J.", False),  # an initial
        ("Made in the U.S.", False),
        ("Is it over?", False),  # only a full stop ends a line so
        ("Rain fell. Then", False),  # at the end only
    ],
)
def test_a_line_ends_a_sentence_with_a_full_stop_not_after_an_initial(
    line: str, ends: bool
) -> None:
    assert ends_sentence(line) is ends


TEXT = (
    "Acme Motors opened a car plant in Leipzig on Monday. Its shares rose 5 percent.\n"
    "Rival Bolt Cars cut 2,000 jobs in March!\n"
    "Acme Motors opened a car plant in Leipzig on Monday.\n"
)


def _sentence(text: str, bounds: tuple[int, int] | None) -> str | None:
    return None if bounds is None else text[bounds[0] : bounds[1]].strip()


def test_the_sentence_holding_most_of_the_descriptions_words_is_retold() -> None:
    sentences = Sentences(TEXT)
    assert _sentence(TEXT, sentences.retold("Acme shares rose.")) == ("Its shares rose 5 percent.")
    assert _sentence(TEXT, sentences.retold("Bolt Cars cut jobs.")) == (
        "Rival Bolt Cars cut 2,000 jobs in March!"
    )


def test_no_sentence_when_two_hold_as_many_words_or_none_holds_half() -> None:
    sentences = Sentences(TEXT)
    assert sentences.retold("Acme opened a plant in Leipzig.") is None  # said twice
    assert sentences.retold("Acme hired a new chief executive in Berlin.") is None
    assert sentences.retold("It is.") is None  # no word to go by
    assert Sentences("").retold("Acme opened a plant.") is None


QUOTED = (
    "It also states that Norvia “will show restraint in its patrols on the coast.”\n"
    "Formerly “Pixel OS,” Lumo 7 was first released by Acme in March.\n"
)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], text.find("“")
    while start >= 0:
        end = text.index("”", start)
        spans.append((start + 1, end))
        start = text.find("“", end)
    return spans


@pytest.mark.parametrize(
    ("description", "quoted"),
    [
        ("Norvia will show restraint on the coast.", True),  # the quote's own words
        ("Acme released Lumo 7 in March.", False),  # told outside the marks
        ("Acme released Pixel OS.", False),  # one word of three quoted
    ],
)
def test_a_description_retelling_a_quote_is_told_inside_quotation_marks(
    description: str, quoted: bool
) -> None:
    sentences = Sentences(QUOTED)
    own = sentences.retold(description)
    assert own is not None
    assert sentences.quoted(own, Quoted(_quote_spans(QUOTED)), description) is quoted


def test_a_sentence_without_quotes_retells_no_quote() -> None:
    sentences = Sentences(TEXT)
    own = sentences.retold("Bolt Cars cut jobs.")
    assert own is not None
    assert not sentences.quoted(own, Quoted([]), "Bolt Cars cut jobs.")
    assert not sentences.quoted(own, Quoted([(0, 10)]), "Bolt Cars cut jobs.")  # a quote elsewhere
