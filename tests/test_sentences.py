from extractor.sentences import Sentences

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
