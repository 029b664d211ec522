"""Speaker attribution on the dependency parse (extractor.article.attribution, through
speakers.attributed), with the real parser. Every example is invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from extractor.article.attach_quotes import Found, finder_quote
from extractor.article.attribution import _Compact, _subject_of
from extractor.article.quotes import find_quotes
from extractor.article.speakers import Said, attributed
from extractor.contract.models import ModelStatement, Quote
from extractor.errors import ModelFileError
from extractor.text.parser import WEIGHTS, parse, verify


def said(text: str) -> list[Said]:
    return attributed(text, find_quotes(text), parse)


# (text, the speaker of each quote, how each was found)
CUES = [
    # a speech verb after the quote, subject after it (inverted) and before it
    ('"The bridge will open in May," said harbour master Tom Berg.', ["Tom Berg"], ["cue"]),
    ('"We are ready," Ann Lee told reporters.', ["Ann Lee"], ["cue"]),
    # a verb outside the lexicon that governs the quote
    ('Ola Berg hammered the plan as "a waste of good money".', ["Ola Berg"], ["cue"]),
    ('Ann Lee implored the council: "Please vote for the bridge."', ["Ann Lee"], ["cue"]),
    # the grammatical speaker, not the nearest name
    ('Ann Lee accused Tom Berg of "idle talk" on Monday.', ["Ann Lee"], ["cue"]),
    # according to, and the agent of a passive
    ('According to Mara Quist, the bridge is "nearly done".', ["Mara Quist"], ["cue"]),
    ('"The vote is over," it was announced by Mara Quist.', ["Mara Quist"], ["cue"]),
    # a colon cue with no verb, and a transcript cue
    ('Jane Roe, an analyst: "Prices will fall."', ["Jane Roe"], ["cue"]),
    ('MR. SMITH: "I was not there."', ["Mr. Smith"], ["cue"]),
    # a title cut by its full stop
    ('"We found nothing," said Port Sgt. Ola Nygaard.', ["Port Sgt. Ola Nygaard"], ["cue"]),
    # a closing mark typed as an opening one before the attribution
    (
        "“We are ready, and we deliver, “said harbour master Tom Berg.\n“We sail at noon.”",
        ["Tom Berg", "Tom Berg"],
        ["cue", "continued"],
    ),
    # a question, then its asker: the question mark ends no sentence before the attribution
    ('"So which is it?" Ann Lee asked Tom Berg at the pier.', ["Ann Lee"], ["cue"]),
    # the quote is the content of a noun of speech: its possessor, or who made it
    (
        "Ivo Berg took umbrage at Ann Lee's comments that the port must act "
        '"from a position of strength."',
        ["Ann Lee"],
        ["cue"],
    ),
    ('Ann Lee repeated the claim that the port had "failed in many votes."', ["Ann Lee"], ["cue"]),
    # a headline naming its speaker before a colon, when the article uses the name
    ('Lee: Port "will never close again"\n\nHarbour master Ann Lee spoke.', ["Lee"], ["cue"]),
    ('Update: The port "will reopen soon"\n\nThe mayor spoke.', [None], ["none"]),
    # an unnamed newcomer
    ('"The gates stay shut," a harbour official said.', ["a harbour official"], ["cue"]),
    # a title the sentence splitter does not know, and the parse's two subjects for one verb
    ('"We held the line," Const. Ivo Berg said.', ["Const. Ivo Berg"], ["cue"]),
    ('In an e-mail to staff on Friday, Ann Lee said, "The pier is shut."', ["Ann Lee"], ["cue"]),
    # the passive of "quoted as saying"
    ('Ann Lee was quoted as saying "the pier is shut."', ["Ann Lee"], ["cue"]),
    # a word the tokenizer cut at its hyphens is one word of the description
    ('Then a co-worker shouted, "Run!"', ["a co-worker"], ["cue"]),
    # military and police titles keep their full stop: the sentence goes on
    (
        '"It was chaos," Cpl. Ines Moreau of the port police told reporters.',
        ["Cpl. Ines Moreau"],
        ["cue"],
    ),
    (
        '"We held," said Lt. Col. Ravi Mehta, a battalion commander.',
        ["Lt. Col. Ravi Mehta"],
        ["cue"],
    ),
    # the quote is part of a clause the speaker says, with a verb outside the lexicon
    ('Mayor Ivo Petrov boasts that the port is "open for trade".', ["Mayor Ivo Petrov"], ["cue"]),
    # a description the text links to no name is the speaker as written
    (
        'The ferry company said in a note that the delay was "a precaution".',
        ["the ferry company"],
        ["cue"],
    ),
    (
        '"Nobody told us," the shop\'s manager said, "not once."',
        ["the shop's manager"] * 2,
        ["cue", "cue"],
    ),
    (
        'The head of the dock workers\' union, Pia Lund, called the deal "a fair one".',
        ["Pia Lund"],
        ["cue"],
    ),
    # a degree after a name is no speaker; a name joined to a bare title is the person
    (
        "In a note, union president and general secretary Sister Ada Holm, OP, said that the "
        'union "stands with the dockers" now.',
        ["Sister Ada Holm"],
        ["cue"],
    ),
    # "who" and "which" speak for the noun their clause describes ("who": a person, the
    # head of the whole phrase, not a noun inside it)
    (
        "A rival view comes from Ivo Berg, a harbour expert at Eastport University, who "
        "stated, “Great ports rarely stay great for long”.",
        ["Ivo Berg"],
        ["cue"],
    ),
    (
        'The council, which called the plan "a folly," met on Monday.',
        ["the council"],
        ["cue"],
    ),
    # a speech verb set into the clause says it, not the clause's own verb
    (
        'But, Ann Lee said, the port must understand that "the tide has turned."',
        ["Ann Lee"],
        ["cue"],
    ),
    # the quote is in a "that" clause of a verb outside the lexicon: that verb's subject
    (
        "Ann Lee pointed out that the pier is old and that its repair shows "
        '"real care for the town."',
        ["Ann Lee"],
        ["cue"],
    ),
    # a participle after a comma goes with the main clause, not the clause it follows
    (
        "Harbour master Ivo Berg took offence at Mayor Ann Lee’s comments on Monday that the "
        "port must close “within a single month,” calling such plans “reckless.”",
        ["Mayor Ann Lee", "Ivo Berg"],
        ["cue", "cue"],
    ),
    # another quote is never the speaker
    (
        'Ann Lee warned that "rivals and foes" are building "new kinds of weapons."',
        ["Ann Lee", "Ann Lee"],
        ["cue", "cue"],
    ),
]


@pytest.mark.parametrize(("text", "names", "hows"), CUES)
def test_each_cue_kind_names_its_speaker(text: str, names: list[str], hows: list[str]) -> None:
    found = said(text)
    assert [s.name for s in found] == names
    assert [s.how for s in found] == hows


RESOLVED = [
    # a pronoun: the nearest earlier named mention
    (
        'Harbour master Tom Berg met the press on Friday.\n\n"We are late," he said.',
        ["Tom Berg"],
        ["pronoun"],
    ),
    # a description: the name it stands for
    (
        'Harbour master Tom Berg spoke first.\n\n"We are late," the harbour master said.',
        ["Tom Berg"],
        ["description"],
    ),
    # a title echoed with "the" stands for the name it was given with, however far back
    (
        "Defense Secretary Ann Lee flew to Oslo. "
        + "The flight was long. " * 7
        + 'The Defense Secretary met the press. "We are ready," the secretary said.',
        ["Defense Secretary Ann Lee"],
        ["description"],
    ),
    # a place before a title is no part of the name (a comma missing after the place)
    (
        'Speaking in Eastport Dr Ivo Petrov said the port was safe.\n\n"We are calm," he said.',
        ["Dr Ivo Petrov"],
        ["pronoun"],
    ),
    # "the Defence Secretary" is the name given with all those words, not another secretary;
    # and the grammatical speaker of "accused X of", not the nearest name
    (
        "Defence Secretary Ann Lee met Trade Secretary Tom Berg in Oslo.\n\n"
        'On Monday, Ivo Petrov accused Ann Lee of "idle talk" after '
        'the Defence Secretary accused Norvia of "bad faith."',
        ["Ivo Petrov", "Defence Secretary Ann Lee"],
        ["cue", "description"],
    ),
    # a quote-only paragraph continues the previous speaker
    (
        '"The tide is high," said Ann Lee.\n\n"And the wind is strong."',
        ["Ann Lee", "Ann Lee"],
        ["cue", "continued"],
    ),
    # a place phrase opening the sentence before is no antecedent
    (
        'In Eastport, the ferry captain Ada Holm said she would sail.\n\n"We sail," she said.',
        ["Ada Holm"],
        ["pronoun"],
    ),
    # the name in apposition to a description opening the sentence before ("A professor …,
    # Ivo Holm, stayed home"), not the speaker of the quote before it
    (
        'Mr Berg said "we are shocked."\nA professor of law at the port college, Ivo Holm, '
        'stayed home.\nBut he walked to the harbour.\n"It was empty," he said.',
        ["Mr Berg", "Ivo Holm"],
        ["cue", "pronoun"],
    ),
    # a quote alone after a sentence reporting what someone said goes on in her words
    (
        "In an interview, Ada Holm said she applied to the port college twice.\n\n"
        '"They turned me down both times."',
        ["Ada Holm"],
        ["continued"],
    ),
    # not after a sentence that reports no speech, nor a word that only opens a sentence
    ('Ada Holm walked to the pier on Monday.\n\n"It was cold."', [None], ["none"]),
    ('Yet, the ferries continued to sail all winter.\n\n"It was cold."', [None], ["none"]),
    # "she" is not the man named last: the woman named before him
    (
        'Ada Holm met the ferry captain.\n\nTom Berg said "the boat is late."\n\n'
        '"We will wait," she said.',
        ["Tom Berg", "Ada Holm"],
        ["cue", "pronoun"],
    ),
    (
        'Ms. Holm met the ferry captain.\n\nTom Berg said "the boat is late."\n\n'
        '"We will wait," she said.',
        ["Tom Berg", "Ms. Holm"],
        ["cue", "pronoun"],
    ),
    # a pronoun after a quote whose speaker is a bare description goes back to a name
    (
        'Tom Berg took the stand.\n\n"It is shut," the ferry company said. "We are late," he said.',
        ["the ferry company", "Tom Berg"],
        ["cue", "pronoun"],
    ),
    # a pronoun after a named subject in its own sentence is that subject, not a name
    # further back
    (
        "Judge Ivo Petrov ruled on Monday.\n\nOn Tuesday, Ada Holm said the appeal court, "
        'which she says "has never once changed a ruling," would hear it.',
        ["Ada Holm"],
        ["pronoun"],
    ),
    # but not a subject of another clause: the quote says what Norvia and Ruritania are not
    (
        "Mayor Ada Holm spoke on Monday.\n\nNorvia and Ruritania “are not ready to work "
        "together on the bridge,” she added, “but we will try.”",
        ["Mayor Ada Holm", "Mayor Ada Holm"],
        ["pronoun", "pronoun"],
    ),
    # "he" is no organisation named by its letters, nor a degree
    (
        'Tom Berg spoke to the press.\n\nPNA asked him about the pier.\n\n"It is safe," he said.',
        ["Tom Berg"],
        ["pronoun"],
    ),
    (
        'Ivo Berg, MP, a former harbour pilot, said the plan is sound.\n\n"It will save lives," '
        "he said.",
        ["Ivo Berg"],
        ["pronoun"],
    ),
    # a sentence whose speech verb has a pronoun for its subject names no one to go back to
    # ("Of the port in Norvia, he said": not Norvia)
    (
        "Tom Berg met the press on Friday.\n\nOf the new port in Norvia, he said it would "
        'open soon.\n\n"It will be busy," he added.',
        ["Tom Berg"],
        ["pronoun"],
    ),
    # a name in quotation marks is a term the article quotes, no one
    (
        "Tom Berg met the press on Friday.\n\nThe “New Acme” he also expected to focus on "
        "“three core brands”.",
        ["Tom Berg"],
        ["pronoun"],
    ),
    # a noun for a time is no one, though the parse makes it the subject
    (
        "Mayor Ann Lee spoke on Monday.\n\nShe said that she expected the port to grow, and "
        "several times described what she planned as “bold” and “fair” steps, after a review.",
        ["Mayor Ann Lee", "Mayor Ann Lee"],
        ["pronoun", "pronoun"],
    ),
    # a month is no one, though the tagger calls it a proper noun
    (
        "The award went to Tom Berg in May.\n\n“It is an honour,” he said.",
        ["Tom Berg"],
        ["pronoun"],
    ),
    # a description's person without the body after "of"; no name read from a headline
    (
        "On Monday, Judge Ada Holm of the Port District Court ruled on the case.\n\n"
        '"It is a sad day for the town," the judge said.',
        ["Judge Ada Holm"],
        ["description"],
    ),
    (
        "Ada Holm To Chair Port Board\n\nThe town has a new chair.\n\n"
        '"It is a great honour for me," the board chair said.',
        ["the board chair"],
        ["cue"],
    ),
    # a line introducing the quote after its colon: the subject of its main verb
    (
        'Harbour master Tom Berg issued a statement on the long delay:\n\n"We regret it."',
        ["Tom Berg"],
        ["cue"],
    ),
    # the cue on the line before, ending with a colon
    (
        'A Ruritanian coast guard spokesman said:\n\n"Nobody was hurt."',
        ["a Ruritanian coast guard spokesman"],
        ["cue"],
    ),
]


@pytest.mark.parametrize(("text", "names", "hows"), RESOLVED)
def test_pronouns_descriptions_and_continuations(
    text: str, names: list[str], hows: list[str]
) -> None:
    found = said(text)
    assert [s.name for s in found] == names
    assert [s.how for s in found] == hows


@pytest.mark.parametrize(
    "text",
    [
        # a possessive is never the speaker, nor a place phrase
        'Ruritania\'s "deep concern" was noted.',
        'In Eastport the "big freeze" came early.',
        'Even Mike Pence\'s "friends" were absent.',
    ],
)
def test_no_possessive_or_place_phrase_is_a_speaker(text: str) -> None:
    names = [s.name or "" for s in said(text)]
    assert not any(n.endswith(("'s", "’s")) or n.startswith(("In ", "Even ")) for n in names)


def test_a_quote_that_ends_its_sentence_ends_it_in_what_is_parsed() -> None:
    # the stand-in keeps the full stop, so the next sentence's subject ("Norvia") is not read
    # as the quote's speaker; a quote the sentence goes on after keeps no full stop
    text = 'Ann Lee said they built "more ships than us." However, Norvia feels safe.'
    quote = find_quotes(text)[0]
    compact = _Compact(text, 0, len(text), [quote])
    start, end = compact.at[quote]
    assert compact.text[start:end] == "things."
    text = '"Is it over?" Ann Lee asked the crowd at the pier.'
    quote = find_quotes(text)[0]
    compact = _Compact(text, 0, len(text), [quote])
    start, end = compact.at[quote]
    assert compact.text[start:end] in {"It is so", "It is so?"}


def test_of_two_subjects_the_parse_gives_a_verb_the_one_next_to_it_speaks() -> None:
    # the small parser's error on "In an e-mail …, Ann said": "mail" and "Ann" both subjects
    vocab = parse(["x"])[0].vocab
    words = ["In", "an", "e", "-", "mail", ",", "Ann", "said"]
    heads = [7, 2, 3, 4, 7, 7, 7, 7]
    deps = ["prep", "det", "pobj", "pobj", "nsubj", "punct", "nsubj", "ROOT"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps)
    subject = _subject_of(doc[7])
    assert subject is not None and subject.text == "Ann"


def test_no_one_is_never_a_speaker() -> None:
    names = [s.name for s in said('Ada Holm was sure, but no one believed her "story."')]
    assert "no one" not in names


def test_a_document_quoted_belongs_to_its_issuer() -> None:
    found = said('According to the Harbour Trust\'s statement, the pier was "unsafe".')
    assert [s.name for s in found] == ["Harbour Trust"]


def test_without_a_parse_the_rule_tables_answer() -> None:
    text = '"The bridge will open in May," said harbour master Tom Berg.'
    assert [s.how for s in attributed(text, find_quotes(text), None)] == ["rules"]


def test_the_pipeline_weights_are_verified(tmp_path: Path) -> None:
    (tmp_path / "tagger").mkdir()
    (tmp_path / "tagger" / "model").write_bytes(b"not the weights")
    with pytest.raises(ModelFileError, match=r"tagger/model has sha256 .* expected"):
        verify(tmp_path, {"tagger/model": WEIGHTS["tagger/model"]})
    with pytest.raises(ModelFileError, match="file missing"):
        verify(tmp_path, {"parser/model": WEIGHTS["parser/model"]})


def test_a_stored_quote_records_how_its_speaker_was_found() -> None:
    text = '"We are late," he said. Ann Lee spoke next: "The tide is high."'
    quotes = find_quotes(text)
    found = Found({quotes[0]: None, quotes[1]: "Ann Lee"}, {quotes[1]: "cue"})

    def stored(words: str, speaker: str) -> Quote:
        statement = ModelStatement(speaker=speaker, text=words, kind="direct")
        return finder_quote(text, statement, found)

    by_model = stored("We are late", "Tom Berg")  # the text names no one: the model's
    by_cue = stored("The tide is high", "Someone Else")
    assert (by_model.speaker.text, by_model.speaker_source) == ("Tom Berg", "model")
    assert (by_cue.speaker.text, by_cue.speaker_source) == ("Ann Lee", "cue")
