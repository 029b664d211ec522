"""The story linker (extractor.stories): names, blocking, the pair decision, stable ids.

Every example is invented.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.contract.models import ArticleDocument
from extractor.dates import day_of_month
from extractor.stories import (
    DEFAULT_RULES,
    Facts,
    NameKey,
    build,
    candidates,
    document_facts,
    evidence,
    link,
    name_key,
)
from extractor.stories.facts import from_json, kinds_of, to_json
from extractor.stories.link import similarity, word_vectors
from extractor.stories.rules import ACTION_KINDS
from tests.data.review.factory import E, Q, make_document

TEXT = (
    "Finance Minister William Okafor opened the Vell bridge in Port Amsel on Monday. "
    'Okafor said "this bridge joins two halves of one country" to the crowd. '
    "Police arrested Dora Flint in Lindby on Tuesday."
)


def doc(article_id: str, events: list[E], published: str | None = "2031-05-06") -> ArticleDocument:
    return make_document(article_id, events, text=TEXT, published=published)


def opened(value: str = "2031-05-05", place: str | None = "Port Amsel", **kw: object) -> E:
    fields: dict[str, object] = {
        "description": "Okafor opened the Vell bridge",
        "actors": ["Finance Minister William Okafor"],
        "place": place,
        "when": "on Monday",
        "value": value,
        **kw,
    }
    return E(**fields)  # type: ignore[arg-type]


def facts_of(*docs: ArticleDocument) -> list[Facts]:
    return [f for d in docs for f in document_facts(d, DEFAULT_RULES)]


# --- names ----------------------------------------------------------------------------


def test_titles_nicknames_and_middle_initials_make_one_person() -> None:
    keys = [
        name_key("Bill Okafor"),
        name_key("William T. Okafor"),
        name_key("Ruritanian Finance Minister William Okafor"),
        name_key("Mr Okafor's"),
    ]
    assert all(k is not None for k in keys)
    first = keys[0]
    assert first == NameKey("okafor", "william", 2)
    assert all(first.same(k) for k in keys if k is not None)


def test_surname_and_first_initial_are_compatible_but_other_given_names_are_not() -> None:
    w = name_key("William Okafor")
    assert w is not None
    assert w.same(NameKey("okafor", "w")) and NameKey("okafor", "w").same(w)
    assert w.same(NameKey("okafor"))  # a surname alone could be him
    other = name_key("Grace Okafor")
    assert other is not None and not w.same(other)
    assert not w.same(NameKey("okafor", "g"))


def test_generic_parties_days_and_lower_case_phrases_name_nobody() -> None:
    assert [name_key(t) for t in ("Police", "Monday", "local farmers", "the Minister")] == [
        None,
        None,
        None,
        None,
    ]


def test_action_kinds_are_read_from_the_description() -> None:
    assert kinds_of("Police arrested Dora Flint") == {"arrest"}
    assert kinds_of("Okafor opened the Vell bridge") == set()  # no kind: any kind
    assert "disaster" in kinds_of("An earthquake struck Lindby")


_KIND_WORDS = sorted(
    {w for stems in ACTION_KINDS.values() for stem in stems for w in stem.split()}
    | {"the", "fired", "passed", "away", "laid", "off", "signal", "dealt", "met", "Met"}
)


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(_KIND_WORDS), st.sampled_from(["", "s", "ed", "ing"]))))
def test_kinds_are_those_the_plain_reading_finds(words: list[tuple[str, str]]) -> None:
    description = " ".join(w + end for w, end in words)
    spaced = " " + " ".join(re.findall(r"\w+", description.lower())) + " "
    plain = {k for k, stems in ACTION_KINDS.items() if any(f" {s}" in spaced for s in stems)}
    assert kinds_of(description) == plain


# --- the pair decision --------------------------------------------------------------------


def test_one_happening_in_two_outlets_is_one_story() -> None:
    a, b = facts_of(doc("outlet-a", [opened()]), doc("outlet-b", [opened()]))
    assert evidence(a, b) >= DEFAULT_RULES.threshold
    ids = link([a, b])
    assert ids[a.key] == ids[b.key]


def test_the_same_person_a_month_later_is_another_story() -> None:
    a, b = facts_of(doc("a", [opened()]), doc("b", [opened("2031-06-09")], "2031-06-10"))
    assert evidence(a, b) == 0.0
    ids = link([a, b])
    assert ids[a.key] != ids[b.key]


VETO = dataclasses.replace(DEFAULT_RULES, place_veto=True)


def test_with_the_place_veto_another_place_keeps_two_events_apart() -> None:
    a, b = facts_of(doc("a", [opened()]), doc("b", [opened(place="Lindby")]))
    assert evidence(a, b, VETO) == 0.0
    # without the place signal the same pair is linked: the place is what tells them apart
    assert evidence(a, b, dataclasses.replace(VETO, use_places=False)) > 0
    # by default places named apart are no evidence either way (a city and its port, where
    # a climber is from and where he fell): the names and the day link the pair
    assert evidence(a, b) == DEFAULT_RULES.full_name + DEFAULT_RULES.same_day


def test_another_kind_of_action_keeps_two_events_apart() -> None:
    arrest = E(
        "Police arrested Okafor", ["William Okafor"], "Port Amsel", "on Monday", "2031-05-05"
    )
    unveiled = opened(description="Okafor unveiled the Vell bridge")
    a, b = facts_of(doc("a", [unveiled]), doc("b", [arrest]))
    assert (a.kinds, b.kinds) == (frozenset({"launch"}), frozenset({"arrest"}))
    assert evidence(a, b) == 0.0
    assert evidence(a, b, dataclasses.replace(DEFAULT_RULES, use_kinds=False)) > 0


def test_a_shared_verbatim_quote_links_events_that_share_no_name() -> None:
    said = "this bridge joins two halves of one country"
    first = E(
        "The bridge was opened",
        ["Gil Amsel"],
        when="on Monday",
        value="2031-05-05",
        quotes=[Q("Gil Amsel", said)],
    )
    second = E(
        "A speech was given",
        ["Ida Vell"],
        when="on Monday",
        value="2031-05-05",
        quotes=[Q("Ida Vell", said)],
    )
    a, b = facts_of(doc("a", [first]), doc("b", [second]))
    assert a.quotes == (said,)
    assert evidence(a, b) >= DEFAULT_RULES.threshold
    no_quotes = dataclasses.replace(DEFAULT_RULES, use_quotes=False)
    assert evidence(a, b, no_quotes) < DEFAULT_RULES.threshold


def test_one_statement_quoted_at_two_lengths_links_across_place_names() -> None:
    whole = "this bridge joins two halves of one country"
    part = "joins two halves of one country"  # the second outlet quotes less of it
    first = opened(quotes=[Q("William Okafor", whole)])
    second = opened(place="Lindby", quotes=[Q("William Okafor", part)])
    a, b = facts_of(doc("a", [first]), doc("b", [second]))
    assert a.quote_runs & b.quote_runs
    # the places differ in name only: the shared statement says it is one happening
    assert evidence(a, b, VETO) >= DEFAULT_RULES.threshold
    assert evidence(a, b, dataclasses.replace(VETO, use_quotes=False)) == 0.0
    ids = link([a, b])
    assert ids[a.key] == ids[b.key]


def test_quotes_sharing_fewer_words_in_a_row_are_no_evidence() -> None:
    first = opened(place=None, quotes=[Q("William Okafor", "this bridge joins two halves")])
    second = opened(place=None, quotes=[Q("William Okafor", "two halves of one country")])
    a, b = facts_of(doc("a", [first]), doc("b", [second]))
    assert not a.quote_runs & b.quote_runs


def test_one_person_named_twice_in_an_event_counts_once() -> None:
    twice = opened(actors=["Finance Minister William Okafor", "Okafor"], place=None)
    a, b = facts_of(doc("a", [twice]), doc("b", [twice]))
    assert [(n.first, n.last) for n in a.names] == [("william", "okafor")]
    no_day = dataclasses.replace(DEFAULT_RULES, same_day=0.0)
    assert evidence(a, b, no_day) == DEFAULT_RULES.full_name


def test_a_speaker_quoted_in_another_party_s_event_is_no_party_of_it() -> None:
    said = "this bridge joins two halves of one country"
    umbrage = E("Dora Flint took umbrage at the minister's words", ["Dora Flint"])
    umbrage.quotes.append(Q("William Okafor", said))
    unnamed = E("The bridge opened", [], quotes=[Q("William Okafor", said)])
    (reported,) = facts_of(doc("a", [umbrage]))
    (spoken,) = facts_of(doc("b", [unnamed]))
    assert [n.last for n in reported.names] == ["flint"]  # Okafor's words, Flint's act
    assert [n.last for n in spoken.names] == ["okafor"]  # no actor: who spoke in it counts


def test_two_events_of_one_article_are_never_one_story() -> None:
    a, b = facts_of(doc("a", [opened(), opened(description="The bridge opened to traffic")]))
    assert evidence(a, b) == 0.0


def test_a_missing_date_is_unknown_not_a_clash() -> None:
    undated = E("Okafor opened the Vell bridge", ["William Okafor"], "Port Amsel")
    a, b = facts_of(doc("a", [opened()], None), doc("b", [undated], None))
    assert b.start is None and b.published is None
    assert evidence(a, b) >= DEFAULT_RULES.threshold


def test_a_day_written_with_no_year_is_read_as_one() -> None:
    assert [
        day_of_month(e) for e in ("March 31", "on May 5th", "31 March", "the 3rd of Sept.")
    ] == [
        (3, 31),
        (5, 5),
        (3, 31),
        (9, 3),
    ]
    assert [day_of_month(e) for e in ("March 31, 2031", "March", "on Monday", "May")] == [None] * 4


def _on(when: str, **kw: object) -> E:
    """The opening, dated with a day of a month and no year (no publication date: unresolved)."""
    return E("Okafor opened the Vell bridge", ["William Okafor"], "Port Amsel", when, **kw)  # type: ignore[arg-type]


def test_a_day_with_no_year_keeps_apart_another_day() -> None:
    march, may = facts_of(doc("a", [_on("March 31")], None), doc("b", [opened()], "2031-05-06"))
    assert march.month_day == (3, 31) and march.start is None
    assert evidence(march, may) == 0.0  # March 31 is no day near May 5, whatever the year
    near, same = facts_of(doc("c", [_on("May 4")], None), doc("d", [_on("on May 5")], None))
    assert evidence(near, may) >= DEFAULT_RULES.threshold
    assert evidence(near, same) >= DEFAULT_RULES.threshold
    # undated, in an article published a week after March 31: the days before it count
    late = facts_of(
        doc("e", [E("Okafor opened the Vell bridge", ["William Okafor"])], "2031-04-03")
    )
    assert evidence(march, late[0]) >= DEFAULT_RULES.threshold


def test_an_event_with_no_time_links_no_two_stories_of_other_times() -> None:
    # one opening in March (a day written with no year), one in May (published then), and an
    # outlet with no date at all naming the same minister: it may join one, never both
    undated = E("Okafor opened the Vell bridge", ["William Okafor"], "Port Amsel")
    march, may, bare = facts_of(
        doc("a", [_on("March 31")], None), doc("b", [opened()]), doc("c", [undated], None)
    )
    assert evidence(march, bare) >= DEFAULT_RULES.threshold
    assert evidence(may, bare) >= DEFAULT_RULES.threshold
    ids = link([march, may, bare])
    assert ids[march.key] != ids[may.key]


def test_an_undated_event_links_no_two_stories_published_months_apart() -> None:
    undated = E("Okafor opened the Vell bridge", ["William Okafor"], "Port Amsel")
    spring, autumn, bare = facts_of(
        doc("a", [undated], "2031-05-06"),
        doc("b", [undated], "2031-10-06"),
        doc("c", [undated], None),
    )
    assert evidence(spring, autumn) == 0.0
    ids = link([spring, autumn, bare])
    assert ids[spring.key] != ids[autumn.key]


def test_a_month_long_date_is_too_coarse_to_keep_stories_apart() -> None:
    # "in May" (a month) and an undated event published in May: one happening may be both
    undated = E("Okafor opened the Vell bridge", ["William Okafor"], "Port Amsel")
    in_may = opened("2031-05", when="in May", bounds=("2031-05-01", "2031-05-31"))
    month, week, bare = facts_of(
        doc("a", [in_may]), doc("b", [undated], "2031-05-20"), doc("c", [undated], None)
    )
    assert (month.start, month.end) == (dt.date(2031, 5, 1), dt.date(2031, 5, 31))
    ids = link([month, week, bare])
    assert ids[month.key] == ids[week.key] == ids[bare.key]


def test_an_article_with_no_date_is_near_the_days_its_own_events_give() -> None:
    # no publication date; one event dated "March 31" (no year), one with no date: the second
    # lies near March 31 too, so it joins no opening of May
    undated = E("Okafor opened the Vell bridge", ["William Okafor"], "Port Amsel")
    march, bare = facts_of(doc("a", [_on("March 31"), undated], None))
    (may,) = facts_of(doc("b", [opened()]))
    assert bare.month_day is None and bare.published is None
    assert evidence(may, bare) >= DEFAULT_RULES.threshold  # the pair alone: nothing against
    ids = link([march, bare, may])
    assert ids[bare.key] != ids[may.key]
    # the same two articles, the first with a resolved date of May: the undated event joins
    (near,) = facts_of(doc("c", [opened("2031-05-05", when="on May 5, 2031"), undated], None))[1:]
    assert link([near, may])[near.key] == link([near, may])[may.key]


def test_an_undated_article_is_near_the_time_of_an_outlet_quoting_it() -> None:
    said = "this bridge joins two halves of one country"
    speech = E("A speech was given", ["Ida Vell"], quotes=[Q("Ida Vell", said)])
    undated = E("Okafor opened the Vell bridge", ["William Okafor"], "Port Amsel")
    # outlet c has no date at all; outlet a, published in May, quotes the same statement
    quoting, bare = facts_of(doc("c", [speech, undated], None))
    (may,) = facts_of(doc("a", [E("Vell spoke", ["Ida Vell"], quotes=[Q("Ida Vell", said)])]))
    (october,) = facts_of(doc("d", [opened("2031-10-05")], "2031-10-06"))
    assert evidence(bare, october) >= DEFAULT_RULES.threshold
    ids = link([quoting, bare, may, october])
    assert ids[quoting.key] == ids[may.key]
    assert ids[bare.key] != ids[october.key]  # c is of May: its opening is no October's
    # without the quoting outlet nothing tells c's time: its opening joins October's
    alone = link([quoting, bare, october])
    assert alone[bare.key] == alone[october.key]


def _said(article_id: str, text: str, actor: str) -> Facts:
    event = E("The minister spoke", [actor], "Port Amsel")
    return facts_of(make_document(article_id, [event], text=text, published="2031-05-06"))[0]


def test_a_surname_alone_is_the_one_full_name_of_its_article() -> None:
    named = "Finance Minister William Okafor spoke in Port Amsel. Later Mr Okafor left."
    assert _said("a", named, "Mr Okafor").names == (NameKey("okafor", "william", 2),)
    # two Okafors named in full: the surname alone is left as it is
    two = named + " His sister Grace Okafor stayed."
    assert _said("b", two, "Mr Okafor").names == (NameKey("okafor"),)
    # capitals opening a sentence, or a headline's, name no given name
    for text in ("But Okafor spoke in Port Amsel.", "Talks With Okafor End Today\nOkafor spoke."):
        assert _said("c", text, "Okafor").names == (NameKey("okafor"),)
    off = dataclasses.replace(DEFAULT_RULES, complete_names=False)
    document = make_document("d", [E("Spoke", ["Mr Okafor"])], text=named, published=None)
    assert document_facts(document, off).__next__().names == (NameKey("okafor"),)


def test_what_two_descriptions_say_decides_between_two_stories() -> None:
    # an outlet with no date names the minister as two others do, in May and in October;
    # its description says what May's does: it joins May's story
    def event(description: str) -> E:
        return E(description, ["William Okafor"])

    toll = "Okafor abolished the ferry toll for pensioners"
    may, october, bare = facts_of(
        doc("a", [event("Okafor toured the Lindby textile mill")], "2031-05-06"),
        doc("b", [event(toll)], "2031-10-06"),
        doc("c", [event("Pensioners ride the ferry free: Okafor abolished the toll")], None),
    )
    ids = link([may, october, bare])
    assert ids[bare.key] == ids[october.key] != ids[may.key]
    vectors = word_vectors([may, october, bare], DEFAULT_RULES)
    assert similarity(vectors[2], vectors[1]) > similarity(vectors[2], vectors[0])
    assert "okafo" not in vectors[0]  # a word every event uses tells none apart


# --- blocking -----------------------------------------------------------------------------


def _named(n: int, name: str, day: str) -> Facts:
    base = facts_of(doc(f"art-{n:04d}", [opened(day, actors=[name], place=None)]))[0]
    return base


def test_events_naming_nobody_are_compared_by_their_place() -> None:
    crash = E("A tram derailed in Port Amsel", [], "Port Amsel", "on Monday", "2031-05-05")
    again = E("A tram derailed in Port Amsel", [], "Port Amsel")  # told again, no date
    other = E("A bus crashed in Lindby", [], "Lindby", "on Monday", "2031-05-05")
    facts = facts_of(doc("a", [crash]), doc("b", [again]), doc("c", [other]))
    assert candidates(facts) == {(0, 1)}
    off = dataclasses.replace(DEFAULT_RULES, block_places=False)
    assert candidates(facts, off) == set()
    ids = link(facts)
    assert ids[facts[0].key] == ids[facts[1].key] != ids[facts[2].key]


def test_blocking_compares_only_events_sharing_a_name_within_the_date_window() -> None:
    people = [f"Ann Name{chr(65 + i % 26)}{chr(65 + i // 26)}" for i in range(300)]
    facts = [_named(i, people[i], "2031-05-05") for i in range(300)]
    assert candidates(facts) == set()  # 300 events, no name shared: no pair at all
    same = [_named(i, "Ann Lee", f"2031-{1 + i % 12:02d}-05") for i in range(24)]
    pairs = candidates(same)
    # only the events of the same month (two each) are compared, not all 276 pairs
    assert len(pairs) == 12
    assert all(same[i].start == same[j].start for i, j in pairs)


# --- stable ids ----------------------------------------------------------------------------


def test_a_story_keeps_its_id_when_it_grows_and_a_re_run_changes_no_id() -> None:
    first_night = facts_of(doc("a", [opened()]), doc("b", [opened()]))
    ids = link(first_night)
    again = link(first_night, prior=ids)
    assert again == ids
    tonight = facts_of(doc("c", [opened()], "2031-05-07"))
    grown = link([*first_night, *tonight], prior=ids)
    (sid,) = set(ids.values())
    assert set(grown.values()) == {sid}


def test_a_new_night_starts_a_new_story_for_another_happening() -> None:
    first_night = facts_of(doc("a", [opened()]))
    ids = link(first_night)
    later = facts_of(doc("d", [opened("2031-07-01")], "2031-07-02"))
    both = link([*first_night, *later], prior=ids)
    assert both[first_night[0].key] == ids[first_night[0].key]
    assert both[later[0].key] != ids[first_night[0].key]


def test_when_two_stories_join_the_larger_keeps_its_id() -> None:
    undated = E("Okafor opened the Vell bridge", ["William Okafor"], "Port Amsel")
    big = facts_of(doc("a", [opened()]), doc("b", [opened()]))
    small = facts_of(doc("c", [opened(actors=["Gil Amsel"])]))
    ids = {**link(big), **link(small)}
    assert len(set(ids.values())) == 2
    bridge = facts_of(
        doc("z", [dataclasses.replace(undated, actors=["William Okafor", "Gil Amsel"])])
    )
    joined = link([*big, *small, *bridge], prior=ids)
    assert set(joined.values()) == {ids[big[0].key]}


def test_facts_survive_the_state_unchanged() -> None:
    (a,) = facts_of(
        doc("a", [opened(quotes=[Q("Okafor", "this bridge joins two halves of one country")])])
    )
    assert from_json(to_json(a)) == a
    (dated,) = facts_of(doc("b", [_on("March 31")], None))
    assert from_json(to_json(dated)) == dated and dated.month_day == (3, 31)
    earlier = {k: v for k, v in to_json(dated).items() if k != "month_day"}  # an older state
    assert from_json(earlier).month_day is None


def test_stories_name_their_sources_dates_and_shared_quotes() -> None:
    said = "this bridge joins two halves of one country"
    event = opened(quotes=[Q("Okafor", said)])
    docs = [doc("a", [event]), doc("b", [event], "2031-05-07")]
    facts = facts_of(*docs)
    (story,) = build(facts, link(facts))
    assert [(e.article_id, e.event_id) for e in story.events] == [f.key for f in facts]
    assert (story.articles, story.sources) == (2, 2)
    assert (str(story.first_published), str(story.last_published)) == ("2031-05-06", "2031-05-07")
    assert story.who == ["Finance Minister William Okafor"]
    assert story.where == "Port Amsel"
    assert story.when is not None and story.when.value == "2031-05-05"
    assert story.shared_quotes == [said]
    assert story.title == "Okafor opened the Vell bridge"


def test_a_quote_one_outlet_gives_inside_a_longer_one_of_another_is_shared() -> None:
    part = "joins two halves of one country"
    whole = "this bridge joins two halves of one country, and it is ours"
    own = "we paid for it ourselves, every single one"
    text = f'{TEXT} Okafor said "{whole}" and "{own}".'

    def told(article_id: str, *quotes: str) -> ArticleDocument:
        event = opened(quotes=[Q("Okafor", q) for q in quotes])
        return make_document(article_id, [event], text=text, published="2031-05-06")

    docs = [told("a", part, own), told("b", whole), told("c", whole)]
    facts = facts_of(*docs)
    (story,) = build(facts, link(facts))
    # the part all three give, and the whole two give; not the quote only one gives
    assert story.shared_quotes == [part, whole]


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_ids_do_not_depend_on_the_order_events_come_in(rnd: random.Random) -> None:
    said = "this bridge joins two halves of one country"
    facts = facts_of(
        doc("a", [opened(), E("Police arrested Dora Flint", ["Dora Flint"], "Lindby")]),
        doc("b", [opened(quotes=[Q("Okafor", said)])]),
        doc("c", [opened("2031-06-09")], "2031-06-10"),
        doc("d", [E("Flint was detained", ["Dora Flint"], "Lindby")]),
    )
    expected = link(facts)
    shuffled = list(facts)
    rnd.shuffle(shuffled)
    assert link(shuffled) == expected
    assert link(shuffled, prior=expected) == expected
