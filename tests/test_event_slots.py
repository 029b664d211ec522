"""Who and where of an event from the parse of its sentence (extractor.article.slots), with
the real parser. Every example is invented."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from extractor.article.slots import (
    same_entity,
    sentence_actors,
    sentence_date,
    sentence_participants,
    sentence_place,
)
from extractor.article.speakers import antecedent
from extractor.article.tense import trigger_verb
from extractor.text.parser import parse_entities
from extractor.text.words import word_set


def read(sentence: str, trigger: str) -> tuple[str, tuple[int, int], object, object]:
    """The sentence as a whole text, its parse and the trigger's verb."""
    (doc,) = parse_entities([sentence])
    at = sentence.index(trigger)
    verb = trigger_verb(doc, (at, at + len(trigger)), word_set(trigger))
    return sentence, (0, len(sentence)), doc, verb


def actors(sentence: str, trigger: str, given: list[str]) -> list[str]:
    text, bounds, doc, verb = read(sentence, trigger)
    return sentence_actors(text, bounds, doc, verb, given)  # type: ignore[arg-type]


def place(sentence: str, trigger: str, given: str | None, who: Sequence[str] = ()) -> str | None:
    text, bounds, doc, verb = read(sentence, trigger)
    return sentence_place(text, bounds, doc, verb, given, who)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "trigger", "given", "expected"),
    [
        # a class of people holding a view is no actor; a group taking part, or a definite
        # group, is
        (
            "Industry experts said the Harbour Board failed on Monday.",
            "failed",
            ["industry experts", "Harbour Board"],
            ["Harbour Board"],
        ),
        (
            "Prisoners overpowered guards near the gate in Oslo.",
            "overpowered",
            ["Prisoners", "guards"],
            ["Prisoners", "guards"],
        ),
        (
            "Some analysts believed the plan of Mayor Ana Ruiz would fail.",
            "fail",
            ["analysts", "Ana Ruiz"],
            ["Mayor Ana Ruiz"],
        ),
        (
            "The protesters blocked the bridge in Portville.",
            "blocked",
            ["The protesters"],
            ["The protesters"],
        ),
        # a named group is an actor, with its nationality
        (
            "Ruritanian generals met the envoy in Oslo.",
            "met",
            ["Ruritanian generals", "envoy"],
            ["Ruritanian generals", "envoy"],
        ),
        # the full mention, and the agent first
        (
            "Minister Ann Lee accused Tom Berg of idle talk.",
            "accused",
            ["Berg", "Lee"],
            ["Minister Ann Lee", "Tom Berg"],
        ),
        # two of the model's names for one person: its full mention, once
        (
            "Minister Ann Lee visited the pier.",
            "visited",
            ["Lee", "Ann Lee", "pier"],
            ["Minister Ann Lee"],  # the pier: a thing acted upon
        ),
        # the agent added when the model did not list it (its name: no common noun)
        (
            "Port director Ola Nygaard closed the old pier.",
            "closed",
            ["old pier"],
            ["Ola Nygaard"],  # the pier: a thing acted upon
        ),
        # an actor the sentence does not write stays as given
        ("He closed the pier on Monday.", "closed", ["Ola Nygaard"], ["Ola Nygaard"]),
        # a person or an organisation the trigger verb takes as object or partner is added
        (
            "The Harbour Board hired Tom Berg on Monday.",
            "hired",
            ["Harbour Board"],
            ["Harbour Board", "Tom Berg"],
        ),
        (
            "Dana Holt will succeed Omar Fenn as chief executive.",
            "succeed",
            ["Dana Holt"],
            ["Dana Holt", "Omar Fenn"],
        ),
        # a country as a partner, not as a place visited; a thing is no actor
        (
            "Ruritania signed a treaty with Vallonia on Friday.",
            "signed",
            ["Ruritania"],
            ["Ruritania", "Vallonia"],
        ),
        ("Minister Ann Lee visited Oslo on Monday.", "visited", ["Ann Lee"], ["Minister Ann Lee"]),
        # a place after "in", "at", "near" … is where, not who; a country as the subject, or
        # a name after another preposition, stays
        (
            "Hundreds of workers marched in Portville on Sunday.",
            "marched",
            ["workers", "Portville"],
            ["workers"],
        ),
        (
            "Students marched in Portville and Eastvale on Sunday.",
            "marched",
            ["Students", "Portville", "Eastvale"],
            ["Students"],
        ),
        (
            "The senator spoke at a rally in Denver on Sunday.",
            "spoke",
            ["senator", "Denver"],
            ["senator"],
        ),
        (
            "The team will face the Rovers at Boston on Sunday.",
            "face",
            ["Rovers", "Boston"],
            ["Rovers"],
        ),
        ("Ruritania closed its border on Monday.", "closed", ["Ruritania"], ["Ruritania"]),
        # a name the parse cuts at "of" is the actor the model named in full; a name inside a
        # person's title is another entity
        (
            "The Bureau of Fisheries was sued by Tom Berg.",
            "sued",
            ["Tom Berg", "Bureau of Fisheries"],
            ["Tom Berg", "Bureau of Fisheries"],
        ),
        (
            "Senate leader Ann Lee sued the Senate on Monday.",
            "sued",
            ["Senate leader Ann Lee"],
            ["Senate leader Ann Lee", "Senate"],
        ),
        (
            "Tom Berg bought the Vela Tower on Monday.",
            "bought",
            ["Tom Berg"],
            ["Tom Berg"],
        ),
        # one party once, by its fullest mention, where its first mention stood: a shorter
        # name, or a title alone, of a name the model also gave
        (
            "The President met Ola Nygaard in Oslo on Monday.",
            "met",
            ["President", "President Ann Lee", "Ola Nygaard"],
            ["President Ann Lee", "Ola Nygaard"],
        ),
        (
            "Berg met Ola Nygaard in Oslo on Monday.",
            "met",
            ["Berg", "Ola Nygaard", "Mayor Tom Berg"],
            ["Mayor Tom Berg", "Ola Nygaard"],
        ),
        # a shorter name that is no name of the other (another last word) stays, and so
        # does a country before a title
        (
            "The US and President Ann Lee met Ola Nygaard in Oslo on Monday.",
            "met",
            ["US", "US President Ann Lee", "Ola Nygaard"],
            ["US", "US President Ann Lee", "Ola Nygaard"],
        ),
        (
            "Acme met Acme Holdings in Oslo on Monday.",
            "met",
            ["Acme", "Acme Holdings"],
            ["Acme", "Acme Holdings"],
        ),
        # a person's full name starts at the person's name when another name stands right
        # before it with no title between; a title keeps what stands before it
        (
            "Earlier, US ambassador to NATO Ann Lee revealed the plan in Oslo.",
            "revealed",
            ["Lee"],
            ["Ann Lee"],
        ),
        (
            "Earlier, US Defense Secretary Ann Lee revealed the plan in Oslo.",
            "revealed",
            ["Lee"],
            ["US Defense Secretary Ann Lee"],
        ),
    ],
)
def test_actors_from_the_sentence(
    sentence: str, trigger: str, given: list[str], expected: list[str]
) -> None:
    assert actors(sentence, trigger, given) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "given", "expected"),
    [
        # a thing acted upon, or where the event happens, is no party: a building, goods
        (
            "Rioters in Vale attacked a police station and stores on Sunday.",
            "attacked",
            ["Rioters", "police station", "stores"],
            ["Rioters"],
        ),
        (
            "The suspect was booked into the county jail on Friday.",
            "booked",
            ["suspect", "county jail"],
            ["suspect"],
        ),
        (
            "Protesters set up burning barricades near the bridge.",
            "set",
            ["Protesters", "burning barricades"],
            ["Protesters"],
        ),
        # as the subject, a happening or a state is no party; a building or a paper may stand
        # for the firm or the newsroom in it, and a group is one
        (
            "The elections were dismissed by critics as a sham.",
            "dismissed",
            ["elections", "critics"],
            ["critics"],
        ),
        ("The store said it would close on Friday.", "said", ["store"], ["store"]),
        ("The airline cancelled twelve flights.", "cancelled", ["airline"], ["airline"]),
        # whom it was told, a partner, a source: parties
        (
            "Ann Lee told state television she would stay.",
            "told",
            ["Ann Lee", "state television"],
            ["Ann Lee", "state television"],
        ),
        ("Acme signed a deal with the studio.", "signed", ["Acme", "studio"], ["Acme", "studio"]),
        (
            "Ten people died, according to state television.",
            "died",
            ["people", "state television"],
            ["people", "state television"],
        ),
        ("The council voted on the plan.", "voted", ["council"], ["council"]),
        # people in it, a name by its capital, a noun WordNet does not know: kept
        (
            "Dozens of people were hurt in the blast.",
            "hurt",
            ["Dozens of people"],
            ["Dozens of people"],
        ),
        ("Fans cheered as the Sixers lost.", "lost", ["Sixers"], ["Sixers"]),
        ("Two glorptangles stormed the gate.", "stormed", ["glorptangles"], ["glorptangles"]),
        # an actor written only inside a longer word is not judged by that word
        (
            "Police said the robbery suspect fled on foot.",
            "fled",
            ["robber"],
            ["robber"],
        ),
        # a verb is no party
        (
            "One man was detained by Vale police for trespass.",
            "detained",
            ["Vale police", "detained"],
            ["Vale police"],
        ),
        ("Shops were smashed and looted overnight.", "looted", ["looted"], []),
        # a name the parse may call a verb stays, and a participle standing for people
        ("Trump only conceded in May.", "conceded", ["Trump"], ["Trump"]),
        ("The accused was taken to jail.", "taken", ["accused"], ["accused"]),
        ("Two of the injured died.", "died", ["injured"], ["injured"]),
        ("Ten people injured in the blast were freed.", "freed", ["injured"], ["injured"]),
    ],
)
def test_a_thing_is_no_party(
    sentence: str, trigger: str, given: list[str], expected: list[str]
) -> None:
    assert actors(sentence, trigger, given) == expected


def test_a_place_name_after_a_locative_preposition() -> None:
    sentence = "The ministers met at the summit in the Norwegian city of Oslo on Friday."
    assert place(sentence, "met", None) == "Oslo"
    assert place(sentence, "met", "Oslo") == "Oslo"
    # "on" a site, not a country or a day
    assert place("On Friday a climber fell on Mount Vale.", "fell", None) == "Mount Vale"
    assert place("Ruritania imposed sanctions on Borduria.", "imposed", None) is None
    # along a path
    assert place("A hiker fell over the edge of Mount Vale.", "fell", None) == "Mount Vale"
    # on the way there ("to" alone names where to, not where: "flew to Lisbon")
    assert place("Ann Lee told reporters en route to Portugal.", "told", None) == "Portugal"
    assert place("Ann Lee spoke on her way to Lisbon.", "spoke", None) == "Lisbon"
    assert place("Ann Lee flew to Lisbon.", "flew", None) is None


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # the recogniser's place name is the first part of a longer one
        (
            "At the conference in St Vale's Palace, Ann Lee said it went well.",
            "said",
            "St Vale's Palace",
        ),
        ("Fighting raged in Russia's Far East overnight.", "raged", "Russia's Far East"),
        # not through a name that is no place's, nor into a date or a common noun
        ("Ann Lee spoke in Britain's Labour Party on Monday.", "spoke", "Britain"),
        ("Tom Berg was held in Vale County Jail Tuesday.", "held", "Vale County Jail"),
        ("Ann Lee arrived in Oslo Friday morning with Tom Berg.", "arrived", "Oslo"),
        ("A fire broke out at the Vale plant of Acme.", "broke", "Vale"),
    ],
)
def test_a_place_name_is_taken_whole(sentence: str, trigger: str, expected: str) -> None:
    assert place(sentence, trigger, None) == expected


def test_the_place_of_speech_is_where_it_was_said_not_a_place_in_what_was_said() -> None:
    assert place("Ann Lee said in Oslo that the plant in Lisbon would close.", "said", None) == (
        "Oslo"
    )
    assert place("Ann Lee said that the plant in Lisbon would close.", "said", None) is None
    assert place("Ann Lee claimed the plant in Lisbon would close.", "claimed", None) is None
    # a verb that is no speech keeps a place under it
    assert place("Acme decided to close the plant in Lisbon.", "decided", None) == "Lisbon"


def test_the_models_place_when_the_sentence_writes_it_else_the_parse() -> None:
    sentence = "Ann Lee spoke to reporters in Oslo after the vote."
    assert place(sentence, "spoke", "Sweden") == "Oslo"  # Sweden: not in this sentence
    assert place("Ann Lee spoke to reporters.", "spoke", "Sweden") == "Sweden"


def test_no_place_from_a_name_that_is_no_place_or_is_inside_an_actor() -> None:
    assert place("Ann Lee will talk to Norway next week.", "talk", None) is None
    assert place("Ann Lee took offence at US Trade Secretary Tom Berg.", "took", None) is None
    sentence = "The Commission for Trade in Europe met Ann Lee."
    assert place(sentence, "met", None, ["Commission for Trade in Europe"]) is None


def test_the_models_place_that_is_whom_a_speech_addresses_is_no_place() -> None:
    sentence = "The pier was closed, Ann Lee told the Vale Herald on Sunday."
    assert place(sentence, "closed", "Vale Herald") is None
    sentence = "The pier was closed, Ann Lee said to the Vale Herald on Sunday."
    assert place(sentence, "closed", "Vale Herald") is None
    sentence = "The pier was closed, Ann Lee confirmed to the Vale Herald on Sunday."
    assert place(sentence, "closed", "Vale Herald") is None
    sentence = "Ann Lee was admitted to Vale General Hospital."  # no speech: the place stays
    assert place(sentence, "admitted", "Vale General Hospital") == "Vale General Hospital"
    # a place the sentence also writes as a place stays; so does a move to a place
    sentence = "Ann Lee told Vale radio in Vale that the pier was closed."
    assert place(sentence, "told", "Vale") == "Vale"
    assert place("Ann Lee moved to Vale on Sunday.", "moved", "Vale") == "Vale"


def test_the_models_place_written_only_in_a_persons_title_is_no_place() -> None:
    sentence = "A fire broke out at Vale Gov. Ann Lee's house on Friday."
    assert place(sentence, "broke", "Vale") is None
    sentence = "A fire broke out at Vale Gov. Ann Lee's house in Vale on Friday."
    assert place(sentence, "broke", "Vale") == "Vale"  # written outside the title too
    sentence = "US Trade Secretary Tom Berg met Ann Lee."
    assert place(sentence, "met", "US") is None
    sentence = "Ann Lee, Vale's Governor, signed the bill on Friday."
    assert place(sentence, "signed", "Vale") is None
    # a city in an organisation's name can be where it happened: the city stays
    sentence = "The Eastport Fire Department put out the fire."
    assert place(sentence, "put", "Eastport") == "Eastport"
    # a name with no title between: a store, not a title
    sentence = "A woman was hit outside Eastport Sam's Club on Friday."
    assert place(sentence, "hit", "Eastport") == "Eastport"


def test_same_entity_shares_all_the_words_of_the_shorter_name_and_its_last() -> None:
    assert same_entity("Lee", "Minister Ann Lee") and same_entity("Ann Lee", "ann lee")
    assert same_entity("Minister Lee", "Trade Minister Ann Lee")
    assert not same_entity("Lee", "Leeds") and not same_entity("Ann", "Tom Berg")
    assert not same_entity("Ann", "Ann Lee")  # a first name alone is no surname


def date(sentence: str, trigger: str, rewritten: bool = False) -> str | None:
    text, bounds, doc, verb = read(sentence, trigger)
    return sentence_date(text, bounds, doc, verb, rewritten)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("The mayor's lawyer said Thursday that the pier was safe.", "said", "Thursday"),
        ("On Monday, Ann Lee met the envoy in Oslo.", "met", "Monday"),
        # a date of another clause is not the trigger's
        ("Ann Lee, who was elected in 2019, closed the pier.", "closed", None),
        ("The vote, planned for March 3, will be held in Oslo.", "held", None),
        ("Ann Lee closed the pier.", "closed", None),
        # the verb of an "after …-ing" phrase shares the time of the verb it hangs from
        (
            "On Friday, a climber died after slipping and falling from the ridge.",
            "falling",
            "Friday",
        ),
        # a "when"/"as" clause, and a clause with no subject of its own, share its head's time
        ("Ann Lee was leaving the pier on Friday when a wave hit her.", "hit", "Friday"),
        ("Tom Berg scored twice on Sunday to win the cup.", "win", "Sunday"),
        ("On Sunday Tom Berg scored twice, passing the old club record.", "passing", "Sunday"),
        # ... and the other way: a verb under the trigger at its time gives its date
        ("Tom Berg scored twice to win the cup on Sunday.", "scored", "Sunday"),
        ("Ann Lee slipped and fell from the ridge on Friday.", "slipped", "Friday"),
        ("Acme filed for bankruptcy, but a deal went through on Thursday.", "filed", None),
        # not a verb the trigger is the object or complement of
        ("On Monday, the mayor announced plans to close the pier in 2031.", "close", "2031"),
        ("On Monday, the mayor announced plans to close the pier.", "close", None),
        # a plan or a schedule takes the time of the happening its "to" clause tells
        ("Ann Lee plans to open the bridge on Friday.", "plans", "Friday"),
        ("The hearing is scheduled to resume Monday.", "scheduled", "Monday"),
        ("Ann Lee refused to open the bridge on Friday.", "refused", None),
        ("On Monday, Ann Lee planned to open the bridge in May.", "open", "May"),
    ],
)
def test_the_date_the_sentence_writes_for_the_trigger(
    sentence: str, trigger: str, expected: str | None
) -> None:
    assert date(sentence, trigger) == expected


def test_a_date_the_model_rewrote_is_the_sentences_only_date_of_the_same_doer() -> None:
    sentence = "Ann Lee beat Tom Berg in the sixth round to keep her title Saturday night."
    assert date(sentence, "beat") == "Saturday"  # "keep" holds it, at the time of "beat"
    assert date(sentence, "beat", rewritten=True) == "Saturday"
    # a date of a clause with its own subject stays its own
    sentence = "Acme filed for bankruptcy on Thursday, but a deal with Bolt went through."
    assert date(sentence, "went", rewritten=True) is None


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # a year before a thing is the thing's year
        ("Tom Berg hit the fence with his 2013 Corvexa sedan, police said.", "hit", None),
        # read by its words where the parse takes the year for the object of "with"
        (
            "Ann Lee was crossing Elm Street when Tom Berg allegedly drove into her with his"
            " gray 2013 Corvexa Nova around 9 p.m., police said.",
            "drove",
            None,
        ),
        ("In 2013 Corvexa sold its plant in Vale.", "sold", "2013"),
        ("Ann Lee passed the 2012 budget on Friday.", "passed", "Friday"),
        # before a happening or a time it may be the event's
        ("Tom Berg won the 2008 race.", "won", "2008"),
        ("Ann Lee retired after the 2019 season.", "retired", "2019"),
    ],
)
def test_a_year_before_a_thing_is_no_date_of_the_event(
    sentence: str, trigger: str, expected: str | None
) -> None:
    assert date(sentence, trigger) == expected
    assert date(sentence, trigger, rewritten=True) == expected


def participants(sentence: str, trigger: str) -> list[str]:
    _, _, doc, verb = read(sentence, trigger)
    at = sentence.index(trigger)
    if verb is None or verb.idx != at:  # type: ignore[attr-defined]  # a trigger that is no verb
        verb = next(t for t in doc if t.idx == at)  # type: ignore[attr-defined]
    return sentence_participants(verb)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # the subject, then the names the verb takes as object or partner
        (
            "Minister Ann Lee signed a treaty with Borduria in Oslo on Monday.",
            "signed",
            ["Minister Ann Lee", "Borduria"],
        ),
        (
            "Tom Berg met Ann Lee and Ola Nygaard at the pier.",
            "met",
            ["Tom Berg", "Ann Lee", "Ola Nygaard"],
        ),
        # the subject of a passive, and a name joined to the subject by "and"
        ("Ann Lee was elected by the Harbour Board.", "elected", ["Harbour Board", "Ann Lee"]),
        ("Ruritania and Borduria agreed a truce.", "agreed", ["Ruritania", "Borduria"]),
        # a common noun that is no class is an actor; a class holding a view is none
        ("Two climbers died on Mount Vale.", "died", ["Two climbers"]),
        ("Industry experts said the pier was unsafe.", "said", []),
        # an object that names nobody is no actor
        ("Ann Lee closed the old pier.", "closed", ["Ann Lee"]),
        # the names a common noun holds: its owner, a name beside it
        ("Acme's Canadian car sales fell 9 percent.", "fell", ["Acme"]),
        (
            "The chief officer Tom Berg Jr. is due to meet Ann Lee in Oslo.",
            "meet",
            ["Tom Berg Jr.", "Ann Lee"],
        ),
        # the objects of the verb the trigger's verb takes ("agreed to lease")
        (
            "Ann Lee agreed to buy the pier from Bolt Cars with Tom Berg.",
            "agreed",
            ["Ann Lee", "Tom Berg"],
        ),
        # a verb with no subject of its own does what its head's subject does
        ("After meeting the envoy, Ann Lee left Oslo.", "meeting", ["Ann Lee"]),
        ("Ann Lee arrived in Oslo and met the envoy.", "met", ["Ann Lee"]),
        ("Ann Lee cut fares to win riders back.", "win", ["Ann Lee"]),
        # a relative pronoun stands for the noun its clause is about, as does a past
        # participle's noun; "according to X" names X; a purpose on the object: the subject
        ("Police found the sailor who fled the pier.", "fled", ["sailor"]),
        ("The sailor held for a week was freed.", "held", ["sailor"]),
        ("According to Ann Lee, the pier will close.", "According", ["Ann Lee"]),
        ("Acme issued a patch to fix the flaw.", "fix", ["Acme"]),
        # a trigger that is no verb: whose it is, who it is of, or the subject of its clause
        ("The arrest of Tom Berg surprised the port.", "arrest", ["Tom Berg"]),
        ("Ruritania launched the attack at dawn.", "attack", ["Ruritania"]),
        ("Borduria voted Sunday in a local election.", "election", ["Borduria"]),
    ],
)
def test_the_participants_of_an_answer_that_names_none(
    sentence: str, trigger: str, expected: list[str]
) -> None:
    assert participants(sentence, trigger) == expected


def test_a_pronoun_subject_stands_for_the_name_before_it() -> None:
    text = "Minister Ann Lee arrived in Oslo on Monday. She met the envoy at the pier."
    start = text.index("She")
    *_, verb = read(text[start:], "met")

    def named(pronoun: Any) -> str | None:
        return antecedent(text, start + pronoun.idx, pronoun.lower_)

    assert sentence_participants(verb, named) == ["Minister Ann Lee"]  # type: ignore[arg-type]
    assert sentence_participants(verb) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "trigger", "given", "expected"),
    [
        # who reports a happening whose clause names its own doer takes no part in it
        (
            "Ann Lee met Tom Berg in Oslo on Monday, the Vale ministry said.",
            "met",
            ["Ann Lee", "Tom Berg", "Vale ministry"],
            ["Ann Lee", "Tom Berg"],
        ),
        (
            "Ann Lee is scheduled to meet Tom Berg on Friday, Valian defence forces said.",
            "meet",
            ["Ann Lee", "Tom Berg", "Valian defence forces"],
            ["Ann Lee", "Tom Berg"],
        ),
        (
            "Ann Lee is scheduled to meet Tom Berg on Friday, Valian defence forces said.",
            "scheduled",
            ["Ann Lee", "Tom Berg", "Valian defence forces"],
            ["Ann Lee", "Tom Berg"],
        ),
        (
            "Officer Jo Pike said Tom Berg gave a blood sample.",
            "gave",
            ["Tom Berg", "Officer Jo Pike"],
            ["Tom Berg"],
        ),
        # a passive may be the reporter's own doing; a pronoun or a common noun names no
        # other doer
        (
            "Tom Berg was arrested on Sunday, the Vale police said.",
            "arrested",
            ["Tom Berg", "Vale police"],
            ["Tom Berg", "Vale police"],
        ),
        ("Acme said it will receive six aircraft.", "receive", ["Acme"], ["Acme"]),
        (
            "The police explained that officers shot Tom Berg.",
            "shot",
            ["police", "Tom Berg"],
            ["police", "Tom Berg"],
        ),
        # the speech itself is the reporter's
        ("Ann Lee said Tom Berg had resigned.", "said", ["Ann Lee"], ["Ann Lee"]),
    ],
)
def test_who_reports_a_happening_with_its_own_doer_takes_no_part(
    sentence: str, trigger: str, given: list[str], expected: list[str]
) -> None:
    assert actors(sentence, trigger, given) == expected


def test_a_name_that_is_also_a_word_is_no_thing() -> None:
    # "Luck" opens the sentence, and the text writes it as a name elsewhere
    text = "Andrew Luck threw for 300 yards. Luck broke the record in the second quarter."
    start = text.index("Luck broke")
    (doc,) = parse_entities([text[start:]])
    verb = trigger_verb(doc, (5, 10), word_set("broke"))
    assert sentence_actors(text, (start, len(text)), doc, verb, ["Luck"]) == ["Luck"]


@pytest.mark.parametrize(
    ("sentence", "trigger", "given", "expected"),
    [
        # a headline's first word, a name for its capital alone, whose first sense is a
        # happening, is no party to it, nor its agent
        (
            "Riot breaks out in Vale after police shoot a boy",
            "breaks",
            ["Riot", "police"],
            ["police"],
        ),
        ("Stampede kills nine at a Vale stadium", "kills", ["Stampede"], []),
        ("'We are angry': Riot breaks out in Vale", "breaks", ["Riot"], []),
        # a firm's name that is also a word stays: its first sense is no happening
        ("Acme said on Friday it would close two plants", "said", ["Acme"], ["Acme"]),
        ("Target cut 300 jobs at its Vale stores", "cut", ["Target"], ["Target"]),
    ],
)
def test_a_first_word_capitalised_for_the_sentence_alone_may_be_a_happening(
    sentence: str, trigger: str, given: list[str], expected: list[str]
) -> None:
    assert actors(sentence, trigger, given) == expected


def test_a_thing_named_with_an_adjective_of_a_people_is_no_party() -> None:
    sentence = "Ann Lee condemned meddling in US and French elections on Monday."
    assert actors(sentence, "condemned", ["Ann Lee", "French elections"]) == ["Ann Lee"]
    sentence = "Ann Lee said Valian forces attacked the border on Monday."
    assert actors(sentence, "attacked", ["Valian forces"]) == ["Valian forces"]
    sentence = "A fire gutted a Corvexa supermarket in Vale on Monday."  # a firm's name
    assert actors(sentence, "gutted", ["Corvexa supermarket"]) == ["Corvexa supermarket"]


def test_a_happening_written_as_a_name_elsewhere_stays() -> None:
    text = "Lawyers for Riot Games filed suit on Monday. Riot said the game was copied."
    start = text.index("Riot said")
    (doc,) = parse_entities([text[start:]])
    assert sentence_actors(text, (start, len(text)), doc, None, ["Riot"]) == ["Riot"]


@pytest.mark.parametrize(
    ("sentence", "trigger", "given", "expected"),
    [
        # a person the sentence neither writes nor refers to is the model's guess: no actor
        ("Sales of the new tablet rose 12 percent in May.", "rose", ["Ann Lee"], []),
        # a company, or a name of no known gender, is left to the model (a product's maker)
        ("The spring catalogue was printed in March.", "printed", ["Tom Berg", "Acme"], ["Acme"]),
        ("Sales of the tablet rose in May.", "rose", ["Chris Lee"], ["Chris Lee"]),
        # a name with a given name may be a company's: "it" or a noun for a group may stand
        # for it
        ("The firm said sales rose in May.", "said", ["Ann Lee"], ["Ann Lee"]),
        ("It said sales rose in May.", "said", ["Ann Lee"], ["Ann Lee"]),
        # a noun whose first sense is no person stands for none ("model": a fashion model
        # only in a later sense)
        ("The old model was dropped.", "dropped", ["Tom Berg"], []),
        # a pronoun, a determiner standing alone or "the" with a noun for a person may stand
        # for the name
        ("He said sales of the tablet rose in May.", "said", ["Tom Berg"], ["Tom Berg"]),
        ("The bank chief said growth would return.", "said", ["Tom Berg"], ["Tom Berg"]),
        ("Both were fined in 2019.", "fined", ["Ann Lee", "Tom Berg"], ["Ann Lee", "Tom Berg"]),
        ("“We will win,” the striker told reporters.", "told", ["Tom Berg"], ["Tom Berg"]),
        ("A man was arrested on Friday.", "arrested", ["Tom Berg"], ["Tom Berg"]),
        # the sentence writes a word of the name
        ("Lee cut the ribbon on Monday.", "cut", ["Ann Lee"], ["Ann Lee"]),
        ("Jobs announced a tablet today.", "announced", ["Ann Jobs"], ["Ann Jobs"]),
    ],
)
def test_a_person_the_sentence_does_not_refer_to_is_no_actor(
    sentence: str, trigger: str, given: list[str], expected: list[str]
) -> None:
    assert actors(sentence, trigger, given) == expected


def test_an_unwritten_party_stays_when_the_answer_tells_another_sentence() -> None:
    # a small model gives one description again for the sentence after the one it tells
    text, bounds, doc, verb = read("Sales of the new tablet rose in May.", "rose")
    given = ["Ann Lee"]
    assert sentence_actors(text, bounds, doc, verb, given, tells=False) == given  # type: ignore[arg-type]
    assert sentence_actors(text, bounds, doc, verb, given) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "trigger", "given", "expected"),
    [
        # a firm written only in the title of a person who is an actor is what the person is
        (
            "Acme chief Ann Lee said the plant would close.",
            "said",
            ["Acme", "Ann Lee"],
            ["Ann Lee"],
        ),
        (
            "Acme Corp. spokesman Tom Berg denied it.",
            "denied",
            ["Acme Corp.", "Tom Berg"],
            ["Tom Berg"],
        ),
        (
            "Ann Lee, Acme's chief executive, resigned.",
            "resigned",
            ["Ann Lee", "Acme"],
            ["Ann Lee"],
        ),
        # the firm written elsewhere in the sentence stays
        (
            "Acme said its chief Ann Lee would resign.",
            "said",
            ["Acme", "Ann Lee"],
            ["Acme", "Ann Lee"],
        ),
        # a country stays a party
        (
            "US President Ann Lee met Tom Berg.",
            "met",
            ["US", "Ann Lee"],
            ["US President Ann Lee", "US", "Tom Berg"],
        ),
    ],
)
def test_a_firm_only_in_an_actors_title_is_no_other_actor(
    sentence: str, trigger: str, given: list[str], expected: list[str]
) -> None:
    assert actors(sentence, trigger, given) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "given", "expected"),
    [
        # a person or a firm the verb's object comes from, or it is done before, takes part
        (
            "The bank received a loan from Goldman Sachs.",
            "received",
            ["The bank"],
            ["The bank", "Goldman Sachs"],
        ),
        (
            "Ann Lee testified before the Senate Armed Services Committee.",
            "testified",
            ["Ann Lee"],
            ["Ann Lee", "Senate Armed Services Committee"],
        ),
        # "to X" tells where the object went; with no object "from X" tells a move
        ("Police took the driver to Vale General Hospital.", "took", ["Police"], ["Police"]),
        ("Ann Lee fled from Corvexa Holdings.", "fled", ["Ann Lee"], ["Ann Lee"]),
        (
            "Ann Lee confirmed to Corvexa News that she resigned.",
            "confirmed",
            ["Ann Lee"],
            ["Ann Lee"],
        ),
        # a place after them is where, and a time no one
        ("Ann Lee flew to France on Monday.", "flew", ["Ann Lee"], ["Ann Lee"]),
        ("Ann Lee spoke to reporters before the game.", "spoke", ["Ann Lee"], ["Ann Lee"]),
    ],
)
def test_whom_the_happening_comes_from_or_is_done_before(
    sentence: str, trigger: str, given: list[str], expected: list[str]
) -> None:
    assert actors(sentence, trigger, given) == expected
