from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractor.article.quotes import FoundQuote, find_quotes
from extractor.article.speakers import speaker_near, speakers


def _texts(text: str, **kwargs: int) -> list[str]:
    return [q.text for q in find_quotes(text, **kwargs)]


def test_curly_and_straight_marks_give_the_words_between_them() -> None:
    text = 'He said “we will win,” and she said "we will not".'
    assert _texts(text) == ["we will win,", "we will not"]


def test_guillemets_and_tex_pairs_are_quotes() -> None:
    text = "Il a dit « nous gagnerons » puis ``we shall see'' hier."
    assert _texts(text) == ["nous gagnerons", "we shall see"]


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "Acme’s chief said ‘it’s the close of a chapter’ on Monday; don't worry."
    assert _texts(text) == ["it’s the close of a chapter"]


def test_an_apostrophe_typed_as_a_single_mark_opens_no_quote() -> None:
    text = "Ann Lee ‘s garden won the prize.\nThe judges praised “the roses” at length.\n"
    assert _texts(text) == ["the roses"]


def test_a_plural_apostrophe_lines_later_does_not_close_a_single_mark() -> None:
    text = (
        "The mayor ‘plan was bold.\nCouncillors met at noon.\nThe voters’ mood was calm.\n"
        "He said ‘we will build it.\nIt starts soon.’\n"
    )
    assert _texts(text) == ["we will build it.\nIt starts soon."]


def test_a_quote_runs_over_a_line_break_to_its_closing_mark() -> None:
    text = "He remarked that “this shows the ugly face.\nThat is unacceptable.”\nNext line."
    [quote] = find_quotes(text)
    assert quote.text == "this shows the ugly face.\nThat is unacceptable."
    assert quote.closed


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "She said “we are going home.\n\nThe next paragraph is narrative."
    [quote] = find_quotes(text)
    assert quote.text == "we are going home."
    assert not quote.closed


def test_a_closing_mark_typed_as_an_opening_one_closes_the_quote() -> None:
    # double quotes do not nest: the second “ after the comma is the quote's closing mark
    text = "“We are ready, and we deliver, “said harbour master Tom Berg.\nHe left."
    [quote] = find_quotes(text)
    assert (quote.text, quote.closed) == ("We are ready, and we deliver,", True)
    # a second opening mark with no clause ended before it opens nothing new
    assert _texts("He said “it is the “best” pier.") == ["it is the “best"]


def test_paragraphs_each_opening_a_mark_are_separate_quotes() -> None:
    text = "“First paragraph of the speech.\n“Second paragraph,” he said."
    assert _texts(text) == ["First paragraph of the speech.", "Second paragraph,"]


def test_names_and_terms_are_not_quotes() -> None:
    text = (
        'The "Bright Path" plan, a screen called "vivid screen", the so-called "ghost touch" '
        "and a “turning point” for the firm."
    )
    assert _texts(text) == ["turning point"]


def test_min_words_drops_short_fragments() -> None:
    text = "Analysts called it “likely” and he said “we shall see it soon”."
    assert _texts(text, min_words=3) == ["we shall see it soon"]


def test_offsets_point_at_the_text() -> None:
    text = "Intro.\n“One two three,” said Ann Lee.\n"
    for quote in find_quotes(text):
        assert text[quote.start : quote.end] == quote.text


@given(st.text(alphabet=st.sampled_from(list("ab ,.\n“”\"'‘’«»`")), max_size=80))
def test_every_span_is_the_text_at_its_offsets(text: str) -> None:
    for quote in find_quotes(text):
        assert text[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()


def _one(text: str) -> FoundQuote:
    [quote] = find_quotes(text)
    return quote


def test_said_after_the_quote_names_the_speaker() -> None:
    text = "“It is the right choice for Wales,” said union leader Gwen Pryce."
    assert speaker_near(text, _one(text)) == "Gwen Pryce"


def test_name_before_said_after_the_quote() -> None:
    text = "“We grow where we sell,” Okonkwo said on Monday."
    assert speaker_near(text, _one(text)) == "Okonkwo"


def test_said_before_the_quote_names_the_speaker() -> None:
    text = "In a statement, Nadia Berg said that “the product is ready.”"
    assert speaker_near(text, _one(text)) == "Nadia Berg"


def test_no_speech_verb_gives_no_speaker() -> None:
    text = "The plan is “a work in progress” for now."
    assert speaker_near(text, _one(text)) is None


def test_a_pronoun_takes_the_previous_speaker() -> None:
    text = "“We are ready,” said Ruth Adeyemi.\n“It is a big day,” she told reporters.\n"
    assert speakers(text, find_quotes(text)) == ["Ruth Adeyemi", "Ruth Adeyemi"]


def test_a_pronoun_without_an_earlier_quote_takes_the_last_name_before() -> None:
    text = "Colin Marsh praised the deal.\nHe said “the grant has helped Acme.”\n"
    assert speakers(text, find_quotes(text)) == ["Colin Marsh"]


def test_an_apposition_before_the_verb_is_set_aside() -> None:
    text = "“Prices will fall,” Pavel Ruiz, an analyst at Tradefx.com, said."
    assert speaker_near(text, _one(text)) == "Pavel Ruiz"


def test_after_said_the_first_full_name_wins() -> None:
    text = "“The ferry is ready to sail,” said Lena Hartwell, manager at Acme Marine."
    assert speaker_near(text, _one(text)) == "Lena Hartwell"


def test_quoted_as_saying_names_the_one_quoted() -> None:
    text = "“We have no need to buy ships,” Kabar.id quoted Harun as saying, said Newsline."
    assert speaker_near(text, _one(text)) == "Harun"


def test_a_passive_by_names_the_speaker() -> None:
    text = "The tablet was praised by Okafor as “the boldest step we have made.”"
    assert speaker_near(text, _one(text)) == "Okafor"


def test_told_with_a_pronoun_is_not_the_listener() -> None:
    text = "“It is a big day,” said Gwen Pryce.\n“I am delighted,” she told the WBN.\n"
    assert speakers(text, find_quotes(text)) == ["Gwen Pryce", "Gwen Pryce"]


def test_days_and_months_are_not_speakers() -> None:
    text = "Smith said on Wednesday that he would give details “very soon”."
    assert speaker_near(text, _one(text)) == "Smith"


def test_a_description_before_the_verb_refers_back() -> None:
    text = (
        "“Growth will return,” said Clara Voss.\n"
        "Addressing a forum in Oslo, the bank chief said that “the upturn is slow.”\n"
    )
    assert speakers(text, find_quotes(text)) == ["Clara Voss", "Clara Voss"]


def test_after_said_the_name_ending_the_noun_phrase_wins() -> None:
    text = "“We will win,” said Brazilian president Lula, to cheers."
    assert speaker_near(text, _one(text)) == "Lula"


def test_a_quote_split_by_its_attribution_has_one_speaker_both_sides() -> None:
    text = "“Acme is ready,” said Dutch minister Anna Visser, “and we will not wait.”\n"
    assert speakers(text, find_quotes(text)) == ["Anna Visser", "Anna Visser"]


def test_a_clause_opened_by_but_is_no_apposition() -> None:
    text = "The firm courted rival Acme, but Beta chief Ann Lee stated that it was “too costly”."
    assert speaker_near(text, _one(text)) == "Ann Lee"


def test_according_to_names_the_speaker_after_it() -> None:
    text = "According to Mr Brown, the deal will hold “for a decade” at least."
    assert speaker_near(text, _one(text)) == "Mr Brown"


def test_a_pronoun_takes_the_person_named_since_the_last_quote() -> None:
    text = (
        "“It failed,” Quist said.\nSenator Tom Hill was also unhappy.\n“We were close,” he said.\n"
    )
    assert speakers(text, find_quotes(text)) == ["Quist", "Senator Tom Hill"]


def test_a_pronoun_looks_past_sentences_about_the_same_person() -> None:
    text = (
        "Acme named Jane Doe as its chief.\nDoe, 51, is an engineer.\n"
        "She has worked there for years.\nShe said: “I am honoured to lead the team.”\n"
    )
    assert speakers(text, find_quotes(text)) == ["Doe"]


def test_a_pronoun_skips_a_sentence_opened_by_a_noun_phrase() -> None:
    text = (
        "Tom Hill spoke on Monday.\nThe Czech Republic treasury would take a share.\n"
        "He said that “the share is temporary.”\n"
    )
    assert speakers(text, find_quotes(text)) == ["Tom Hill"]


def test_an_unnamed_newcomer_is_named_by_the_description() -> None:
    text = "“It will be short,” a senior treasury official said, “and it will work.”\n"
    assert speakers(text, find_quotes(text)) == ["senior treasury official"] * 2


def test_a_verb_joined_to_the_first_clause_shares_its_subject() -> None:
    text = (
        "Ann Lee opened the plant in May.\nShe said the company would make “safe cars”, "
        "and several times described them as “better” than Acme's.\n"
    )
    assert speakers(text, find_quotes(text)) == ["Ann Lee", "Ann Lee"]


def test_names_inside_an_earlier_quote_are_not_the_subject() -> None:
    text = (
        "Tom Hill spoke on Monday.\nHe said he refused “to let Acme and Beta fail”, "
        "and described the plan as “quick and clean”.\n"
    )
    assert speakers(text, find_quotes(text)) == ["Tom Hill", "Tom Hill"]


def test_a_definite_description_finds_the_name_it_stands_for() -> None:
    text = (
        "The pact is the Lisbon Treaty on trade.\nMinisters met on Monday.\n"
        "According to the ministry, the treaty says that “tariffs will fall”.\n"
    )
    assert speakers(text, find_quotes(text)) == ["Lisbon Treaty"]


def test_a_description_before_the_verb_is_its_subject_unless_set_off_by_commas() -> None:
    text = (
        "Senator Tom Hill toured the state.\n"
        "Addressing a crowd in Ohio, the senator said that “rates will rise.”\n"
        "“Rates will fall,” Ann Lee, an analyst, said.\n"
    )
    assert speakers(text, find_quotes(text)) == ["Senator Tom Hill", "Ann Lee"]


def test_an_unclosed_quote_ends_with_the_line_ending_its_sentence() -> None:
    text = "Brandt said “This will be a ferry.\nAcme had agreed to charter it.\nA third line."
    [quote] = find_quotes(text)
    assert quote.text == "This will be a ferry."
    assert not quote.closed


def test_an_unclosed_quote_runs_over_a_line_break_inside_its_sentence() -> None:
    text = "She said “we are going\nhome now.\nNarrative follows."
    [quote] = find_quotes(text)
    assert quote.text == "we are going\nhome now."
