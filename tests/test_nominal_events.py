"""Happenings a sentence names by a noun (extractor.article.nominal), with the real parser and
date resolver, through ``build_document``. Every example is invented."""

from __future__ import annotations

from extractor.article.nominal import HAPPENINGS, NOT_HAPPENINGS, PERSON_NOUNS
from extractor.contract.models import ArticleDocument, Event
from extractor.validate.document import check_document
from tests.test_setting import _document, _event

TEXT = (
    "Crowds marched through Portville on Sunday after the killing of Tom Berg by police.\n"
    "Police shot Ann Roe in Lakeside on Friday.\n"
    "Protests followed the shooting of Ann Roe.\n"
    "The timing of the move by Acme Motors surprised investors.\n"
    "The lifting of the ban pleased farmers.\n"
    "Acme's takeover of Bolt Cars was approved on Monday.\n"
)
SHOT = _event(2, "shot", "Police shot Ann Roe.", actors=["Police", "Ann Roe"])


def _by_trigger(doc: ArticleDocument) -> dict[str, Event]:
    return {e.trigger.text: e for e in doc.events if e.trigger is not None}


def test_a_happening_named_by_a_noun_is_an_event_anchored_to_its_word_with_its_actors() -> None:
    doc = _document(TEXT, SHOT)
    killing = _by_trigger(doc)["killing"]
    assert killing.description == "the killing of Tom Berg by police"
    assert [a.text for a in killing.actors] == ["police", "Tom Berg"]  # the agent first
    assert all(a.grounded for a in killing.actors)
    assert killing.trigger is not None and killing.trigger.span is not None
    assert TEXT[killing.trigger.span.start : killing.trigger.span.end] == "killing"
    assert [s.text for s in killing.sentences] == [TEXT.splitlines()[0]]
    assert killing.tense is None  # a noun has none
    assert killing.when is None  # "on Sunday" is the march's, not inside the noun's phrase
    takeover = _by_trigger(doc)["takeover"]
    assert [a.text for a in takeover.actors] == ["Acme", "Bolt Cars"]
    assert check_document(doc.model_dump(mode="json"), "a1.json") == []


def test_a_noun_telling_a_kept_event_again_adds_its_sentence_and_no_event() -> None:
    doc = _document(TEXT, SHOT)
    shot = _by_trigger(doc)["shot"]
    assert [s.text for s in shot.sentences] == TEXT.splitlines()[1:3]
    assert "shooting" not in _by_trigger(doc)


def test_no_name_among_the_participants_or_a_noun_that_names_no_happening_gives_no_event() -> None:
    triggers = set(_by_trigger(_document(TEXT, SHOT)))
    assert "timing" in NOT_HAPPENINGS and "timing" not in triggers  # "by Acme Motors" aside
    assert "lifting" not in triggers  # "of the ban" names no one


def test_a_date_inside_the_nouns_phrase_is_its_date_resolved_against_publication() -> None:
    text = "Saturday's shooting of Ann Roe stunned the town.\n"
    [event] = _document(text).events
    assert event.when is not None and event.when.expression == "Saturday"
    assert str(event.when.resolution.value) == "2021-06-05"  # published Saturday 5 June 2021


def test_an_event_the_model_gave_for_the_noun_is_not_told_twice() -> None:
    text = "Crowds marched after the killing of Tom Berg by police.\n"
    answer = _event(1, "the killing", "Police killed Tom Berg.", actors=["police", "Tom Berg"])
    doc = _document(text, answer)
    assert len(doc.events) == 1
    assert doc.events[0].description == "Police killed Tom Berg."


def test_the_word_lists_are_lower_case_and_apart() -> None:
    assert all(w == w.lower() for w in HAPPENINGS | NOT_HAPPENINGS)
    assert not HAPPENINGS & NOT_HAPPENINGS


def test_an_owner_two_words_before_the_noun_is_found_without_an_of_or_by_phrase() -> None:
    text = "Acme's hostile takeover stunned investors.\n"
    [event] = _document(text).events
    assert event.trigger is not None and event.trigger.text == "takeover"
    assert [a.text for a in event.actors] == ["Acme"]


def test_one_person_named_by_a_common_noun_takes_part_as_a_name_does() -> None:
    text = (
        "Riots spread through Portville after the shooting of a teenage boy.\n"
        "The trial of two men opened in Lakeside.\n"
        "The rescue of three actresses made the news.\n"
        "The arrest of protesters angered the town.\n"
        "The arrest of the protesters angered the town again.\n"
        "The capture of a convicted arsonist ended the hunt.\n"
    )
    events = _by_trigger(_document(text))
    assert [a.text for a in events["shooting"].actors] == ["a teenage boy"]
    assert events["shooting"].description == "the shooting of a teenage boy"
    assert [a.text for a in events["trial"].actors] == ["two men"]
    assert [a.text for a in events["rescue"].actors] == ["three actresses"]
    # a noun for a person by WordNet's first sense, not only one of the listed nouns
    assert [a.text for a in events["capture"].actors] == ["a convicted arsonist"]
    assert "arrest" not in events  # protesters, with or without "the", are a class


def test_a_noun_naming_only_a_person_by_a_common_noun_tells_again_the_event_of_its_verb() -> None:
    text = "Police shot Ann Roe in Lakeside on Friday.\nThe shooting of a woman shocked the town.\n"
    doc = _document(text, _event(1, "shot", "Police shot Ann Roe.", actors=["Police", "Ann Roe"]))
    assert len(doc.events) == 1
    assert [s.text for s in doc.events[0].sentences] == text.splitlines()


def test_the_person_nouns_are_lower_case_words_apart_from_the_happenings() -> None:
    assert all(w == w.lower() and " " not in w for w in PERSON_NOUNS)
    assert not PERSON_NOUNS & (HAPPENINGS | NOT_HAPPENINGS)


def test_a_person_by_a_common_noun_joins_a_later_named_telling_of_the_happening() -> None:
    text = "The boy's death shocked Portville.\nThe death of Tom Berg was mourned in Lakeside.\n"
    [event] = _document(text).events
    assert [a.text for a in event.actors] == ["Tom Berg"]
    assert [s.text for s in event.sentences] == text.splitlines()


def test_a_description_closes_the_bracket_it_opens_or_ends_before_it() -> None:
    text = (
        "Riots followed the shooting of Tom Berg (16) in Portville.\n"
        "Crowds mourned the death of Ann Roe (a nurse at the local clinic) in Lakeside.\n"
    )
    events = _by_trigger(_document(text))
    assert events["shooting"].description == "the shooting of Tom Berg (16)"
    assert events["death"].description == "the death of Ann Roe"


def test_a_happening_under_any_or_no_is_none_that_took_place() -> None:
    text = "Acme feared any takeover of Bolt Cars.\nNo arrest of Tom Berg was made.\n"
    assert _document(text).events == []
