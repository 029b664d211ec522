"""The article's sentences as the model sees them: split, numbered, chunked (invented text)."""

from __future__ import annotations

import itertools

from extractor.text.numbered import chunks, listing, spans

TEXT = (
    "Harbour Plan Approved\n"
    "The port board met on Monday.  Dr. Lena Ovi, the board's chair, said the U.S. firm "
    "would start at 9 a.m. on May 3.\n\n"
    '"We are ready," Mr. Arno Pell said. Work begins soon.'
)


def test_sentences_are_split_by_line_then_by_the_library_and_trimmed() -> None:
    found = [TEXT[start:end] for start, end in spans(TEXT)]
    assert found == [
        "Harbour Plan Approved",
        "The port board met on Monday.",
        "Dr. Lena Ovi, the board's chair, said the U.S. firm would start at 9 a.m. on May 3.",
        '"We are ready," Mr. Arno Pell said.',
        "Work begins soon.",
    ]


def test_a_title_the_splitter_does_not_know_ends_no_sentence() -> None:
    text = 'Ms. Ada Holm left. Then Const. Ivo Berg said "no." Mr. Lee stayed. He met Ms. Ruiz.'
    assert [text[start:end] for start, end in spans(text)] == [
        "Ms. Ada Holm left.",
        'Then Const. Ivo Berg said "no."',
        "Mr. Lee stayed.",
        "He met Ms. Ruiz.",
    ]


def test_a_time_zone_or_a_weekday_after_a_clock_time_ends_no_sentence() -> None:
    text = (
        "The blaze began at 9:40 p.m. Friday (3:40 a.m. GMT Saturday). "
        "Crews stayed until 5 a.m. Saturday, the paper said. The vote is at 2 p.m. PDT today. "
        "It ends at 4 p.m. The hall then closes."
    )
    assert [text[start:end] for start, end in spans(text)] == [
        "The blaze began at 9:40 p.m. Friday (3:40 a.m. GMT Saturday).",
        "Crews stayed until 5 a.m. Saturday, the paper said.",
        "The vote is at 2 p.m. PDT today.",
        "It ends at 4 p.m.",
        "The hall then closes.",
    ]


def test_a_month_after_a_clock_time_ends_no_sentence() -> None:
    text = (
        "Lee was stopped around 2:15 a.m. Oct. 4 on Pier Road in Vale. "
        "The fair opens at 10 a.m. March 9. It shuts at 6 p.m. The gates then close. "
        "A march begins at 9 a.m. "
        "Marchers gather first."
    )
    assert [text[start:end] for start, end in spans(text)] == [
        "Lee was stopped around 2:15 a.m. Oct. 4 on Pier Road in Vale.",
        "The fair opens at 10 a.m. March 9.",
        "It shuts at 6 p.m.",
        "The gates then close.",
        "A march begins at 9 a.m.",
        "Marchers gather first.",
    ]


def test_a_text_of_whitespace_has_no_sentence() -> None:
    assert spans(" \n\n \t") == []


def test_the_listing_numbers_sentences_one_a_line() -> None:
    sentences = spans("One here.\nTwo  there,\tthen.")
    assert listing("One here.\nTwo  there,\tthen.", sentences, [2]) == "S2: Two there, then."


def test_chunks_keep_every_sentence_in_order_and_repeat_one_at_the_border() -> None:
    text = " ".join(f"Sentence number {n} is here." for n in range(60))
    sentences = spans(text)
    groups = chunks(sentences, 200)
    assert len(groups) > 5
    assert sorted(set(itertools.chain.from_iterable(groups))) == list(range(1, 61))
    for first, second in itertools.pairwise(groups):
        assert second[0] == first[-1]
    for group in groups:
        start, end = sentences[group[0] - 1][0], sentences[group[-1] - 1][1]
        assert end - start <= 200


def test_a_sentence_longer_than_the_limit_is_a_chunk_of_its_own() -> None:
    text = "Short one. " + "Long " * 100 + "end. Short two."
    groups = chunks(spans(text), 100)
    assert [2] in groups
