import pytest

from extractor.article.eventkind import kind


@pytest.mark.parametrize(
    "description",
    [
        "Maria Lopez said the plant would close.",
        "Chief engineer at Acme Rail Tom Berg says the line is safe.",
        "The union has said it will strike.",
        "Acme spokesman Ole Dahl told reporters the talks continue.",
        "Days after the vote, the council stated that the budget was final.",
    ],
)
def test_a_plain_report_of_speech_is_a_statement(description: str) -> None:
    assert kind(description) == "statement"


@pytest.mark.parametrize(
    "description",
    [
        "The plant is the largest in the region.",
        "Acme has two factories in Ohio.",
        "There is still a chance of a strike.",
        "Rival Bolt Cars remains the market leader.",
        # participles that tell a state, left out of the irregular ones
        "Acme has had two owners since 1990.",
        "The new mayor is known for long speeches.",
        "The old mill is in ruins.",  # a plural noun for a state, not for talk
    ],
)
def test_being_or_having_without_a_participle_is_a_state(description: str) -> None:
    assert kind(description) == "state"


@pytest.mark.parametrize(
    "description",
    [
        "The new phone uses a faster processor.",
        "Bolt Cars owns a 25 percent share in Acme.",
        "Phone users account for half of mobile browsing.",
    ],
)
def test_a_state_verb_in_the_present_is_a_state(description: str) -> None:
    assert kind(description) == "state"


@pytest.mark.parametrize(
    "description",
    [
        "Acme has already sold the plant.",  # a participle after "has"
        "The mayor was born in Leipzig.",
        "The mayor was elected in May.",
        "Acme will open a plant next year.",
        "The city council approved the sale.",
        "Rival generals held a meeting where officials said little.",  # the first verb decides
        "Acme announced that it will open a plant.",
        "Bolt Cars cut 2,000 jobs.",
        "Acme Motors is closing its Leipzig plant.",
        "Stock markets rise on hopes of a recovery.",  # "hopes" after "on" is a noun
        "Acme, in turn, charges an added fee.",  # and "added" after "an" an adjective
        "The phone will use a faster processor.",  # a plan: the modal comes first
        "Acme agreed to include a free case.",  # "to include" is no present tense
        "Talks come to an end.",  # "come" is no state verb
        "Acme is in talks to buy Bolt Cars.",  # talk going on: a happening under way
        "Acme is still in negotiations with the union.",
    ],
)
def test_anything_else_is_a_happening(description: str) -> None:
    assert kind(description) == "happening"


@pytest.mark.parametrize(
    "description",
    [
        "Tom Berg was shot at the gate.",
        "Two guards were caught on camera.",
        "The ferry has sunk off Lindby.",
        "A new mayor was sworn in.",
        "The old toll bridge was torn down.",
        "We have already begun the work on the new line.",
        "The roof was blown off in the storm.",
        "Acme has become the largest toy maker.",
        "The rebels have overcome the last checkpoint.",
    ],
)
def test_an_irregular_participle_after_be_or_have_is_a_happening(description: str) -> None:
    # the irregular participles with no -ed/-en ending are listed whole, not a few of them
    assert kind(description) == "happening"


@pytest.mark.parametrize(
    "description",
    [
        "Police shot a man who was at the gate.",
        "Acme Toys overtook Bolt Cars, which is now second.",
        "Two thieves stole a van that was outside.",
    ],
)
def test_an_irregular_past_tense_is_found_before_a_later_is_or_was(description: str) -> None:
    # the irregular past tenses are listed whole, so the scan stops at the first verb
    assert kind(description) == "happening"


def test_an_auxiliary_did_leaves_the_verb_after_it_to_decide() -> None:
    assert kind("Tom Berg did not say where the plant is.") == "statement"


def test_capitalised_words_are_names_not_verbs() -> None:
    # "Said" and "Says" here are parts of names, not the verb
    assert kind("Said Hassan opened a shop.") == "happening"
    assert kind("Acme bought Says Media Ltd.") == "happening"
