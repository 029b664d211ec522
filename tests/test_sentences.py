import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.text.sentences import (
    END,
    LINE_END,
    MARK_END,
    Quoted,
    Sentences,
    bounds,
    cut,
    ends_sentence,
    sentence_around,
)


def _pieces(pattern: re.Pattern[str], text: str) -> list[str]:
    """``text`` cut just after each of ``pattern``'s matches."""
    ends = [m.end() for m in pattern.finditer(text)]
    return [text[a:b] for a, b in zip([0, *ends], [*ends, len(text)], strict=True) if a < b]


# Where each sentence-end pattern cuts the same texts: the rows where the columns differ are
# the reason there are three.
@pytest.mark.parametrize(
    ("text", "end", "mark_end", "line_end"),
    [
        (  # all agree on an end mark before a space; a line end needs a line break
            "Rain fell. Roads shut.",
            ["Rain fell.", " Roads shut."],
            ["Rain fell.", " Roads shut."],
            ["Rain fell. Roads shut."],
        ),
        (  # a closing quotation mark after the end mark: only END ends there
            "She said “we won.” He left.",
            ["She said “we won.”", " He left."],
            ["She said “we won.” He left."],
            ["She said “we won.” He left."],
        ),
        (  # a closing bracket likewise
            "(Shut.) Open",
            ["(Shut.)", " Open"],
            ["(Shut.) Open"],
            ["(Shut.) Open"],
        ),
        (  # a run of marks is one end
            "Wait... really?! Yes.",
            ["Wait...", " really?!", " Yes."],
            ["Wait...", " really?!", " Yes."],
            ["Wait... really?! Yes."],
        ),
        (  # a line break alone ends a sentence, but not a quote left open
            "One line\nAnother line",
            ["One line\n", "Another line"],
            ["One line\n", "Another line"],
            ["One line\nAnother line"],
        ),
        (  # an end mark closing a line: LINE_END takes the line break with it
            "Ends here. \nNext",
            ["Ends here.", " \n", "Next"],
            ["Ends here.", " \n", "Next"],
            ["Ends here. \n", "Next"],
        ),
        (  # a tab is whitespace; no abbreviation is known
            "Mr.\tLee left",
            ["Mr.", "\tLee left"],
            ["Mr.", "\tLee left"],
            ["Mr.\tLee left"],
        ),
    ],
)
def test_each_sentence_end_cuts_where_its_note_says(
    text: str, end: list[str], mark_end: list[str], line_end: list[str]
) -> None:
    assert _pieces(END, text) == end
    assert _pieces(MARK_END, text) == mark_end
    assert _pieces(LINE_END, text) == line_end


@pytest.mark.parametrize(
    ("text", "word", "sentence"),
    [
        ("Rain fell. Roads shut.", "Roads", "Roads shut."),  # as END and MARK_END
        ("One line\nAnother line", "Another", "Another line"),
        ("She said “we won.” He left.", "He", "She said “we won.” He left."),  # as MARK_END
        ("Shut? Yes! Open.", "Yes", "Yes!"),
        ("Rain fell.\tRoads shut.", "Roads", "Rain fell.\tRoads shut."),  # unlike END, MARK_END
    ],
)
def test_sentence_around_breaks_at_a_line_break_or_an_end_mark_and_a_space(
    text: str, word: str, sentence: str
) -> None:
    start = text.index(word)
    assert sentence_around(text, start, start + len(word)) == sentence


def test_sentence_around_returns_the_sentence() -> None:
    text = "First one. On Thursday, he spoke. Last one."
    start = text.index("On Thursday")
    assert sentence_around(text, start, start + 11) == "On Thursday, he spoke."


def _sentence_around_plainly(text: str, start: int, end: int) -> str:
    left = max(text.rfind(p, 0, start) for p in ("\n", ". ", "? ", "! "))
    right = [i for i in (text.find(p, end) for p in ("\n", ". ", "? ", "! ")) if i >= 0]
    return text[left + 1 : min(right) + 1 if right else len(text)].strip()


@given(st.text(alphabet=st.sampled_from("ab .?!\n"), max_size=1500), st.data())
def test_sentence_around_looks_no_further_than_the_plain_way(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert sentence_around(text, start, end) == _sentence_around_plainly(text, start, end)


@pytest.mark.parametrize(
    ("line", "limit", "at"),
    [
        ("Aa bb. Cc dd. Ee ff", 12, 6),  # the last ". " that fits: after "Aa bb."
        ("Aa bb. Cc dd. Ee ff", 14, 13),  # ". " must fit whole within the limit
        ("Is it? Yes it is", 10, 10),  # only a full stop: "?" is not looked for
        (". Lead text here", 5, 5),  # a full stop at the very start is no cut
        ("No stop at all here", 8, 8),
    ],
)
def test_an_over_long_line_is_cut_after_its_last_full_stop_within_the_limit(
    line: str, limit: int, at: int
) -> None:
    assert cut(line, limit) == at


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


def test_bounds_are_the_sentences_and_lines_without_the_blank_ones() -> None:
    text = "Rain fell. \n\nRoads shut.”\nA line"
    assert [text[a:b] for a, b in bounds(text)] == ["Rain fell.", "Roads shut.”", "A line"]


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
