"""Words of English date expressions and the regular-expression pieces built from them."""

from __future__ import annotations

from extractor.text.lexicon import MONTHS, WEEKDAYS

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}

# TIMEX3 suffixes for parts of the day.
DAY_PARTS: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
}

NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a couple of": 2,
    "a dozen": 12,
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}

DECADE_WORDS: dict[str, int] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

# Calendar units, singular and plural, mapped to one name.
UNITS: dict[str, str] = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "fortnight": "fortnight",
    "fortnights": "fortnight",
    "month": "month",
    "months": "month",
    "quarter": "quarter",
    "quarters": "quarter",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
    "century": "century",
    "centuries": "century",
}


def alternation(words: dict[str, int] | dict[str, str]) -> str:
    """A regex alternation of the keys, longest first so that 'sept' wins over 'sep'."""
    return "|".join(sorted(words, key=len, reverse=True))


MONTH = rf"(?:{alternation(MONTHS)})\.?"
WEEKDAY = rf"(?:{alternation(WEEKDAYS)})\.?"
SEASON = rf"(?:{alternation(SEASONS)})"
UNIT = rf"(?:{alternation(UNITS)})"
NUMBER = rf"(?:\d+|{alternation(NUMBERS)})"
ORDINAL = rf"(?:\d+(?:st|nd|rd|th)|{alternation(ORDINALS)})"
DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1\d{3}|2\d{3})"


def number_value(word: str) -> int:
    """The value of a cardinal written in digits or words ('3', 'three', 'a')."""
    return int(word) if word.isdigit() else NUMBERS[word]


def ordinal_value(word: str) -> int:
    """The value of an ordinal written in digits or words ('3rd', 'third')."""
    return int(word[:-2]) if word[:1].isdigit() else ORDINALS[word]


def month_value(word: str) -> int:
    return MONTHS[word.rstrip(".")]


def weekday_value(word: str) -> int:
    return WEEKDAYS[word.rstrip(".")]
