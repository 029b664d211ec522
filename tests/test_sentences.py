import pytest

from extractor.text.sentences import Quoted, Sentences

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
    "It also states that Russia “will exercise restraint in its deployments in Europe.”\n"
    "Formerly “iPhone OS,” iOS 4 was first introduced by Apple in April.\n"
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
        ("Russia will exercise restraint in Europe.", True),  # the quote's own words
        ("Apple introduced iOS 4 in April.", False),  # told outside the marks
        ("Apple introduced iPhone OS.", False),  # one word of three quoted
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
