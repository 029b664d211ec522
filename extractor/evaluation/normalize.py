"""Text and name normalisation, with a map back to the original offsets."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Every quotation mark and apostrophe variant maps to a straight one.
_MARKS = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
    }
)
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def _is_edge(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


@dataclass(frozen=True)
class Normalized:
    """A text with quote marks unified and whitespace runs collapsed to one space.

    ``origin[i]`` is the offset in the original text of character ``i`` of ``text``.
    """

    text: str
    origin: tuple[int, ...]

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The interval of ``text`` covering the original interval [start, end)."""
        return bisect.bisect_left(self.origin, start), bisect.bisect_left(self.origin, end)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original interval covered by ``text[start:end]`` (non-empty)."""
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> Normalized:
    """Unify quote marks (straight, curly, guillemets, backticks), NFKC, collapse whitespace."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        mapped = unicodedata.normalize("NFKC", char.translate(_MARKS)).translate(_MARKS)
        for out in mapped:
            if out.isspace():
                if chars and chars[-1] == " ":
                    continue
                out = " "
            chars.append(out)
            origin.append(index)
    return Normalized("".join(chars), tuple(origin))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) of ``text`` past edge whitespace and punctuation."""
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return start, end


def key(text: str) -> str:
    """What a quote or date expression is compared on: normalised, edges trimmed."""
    norm = normalize(text).text
    start, end = trim(norm, 0, len(norm))
    return norm[start:end]


def find_all(haystack: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``haystack`` that do not cut a word in two."""
    found: list[int] = []
    if not needle:
        return found
    position = haystack.find(needle)
    while position != -1:
        end = position + len(needle)
        cuts_before = position > 0 and needle[0].isalnum() and haystack[position - 1].isalnum()
        cuts_after = end < len(haystack) and needle[-1].isalnum() and haystack[end].isalnum()
        if not (cuts_before or cuts_after):
            found.append(position)
        position = haystack.find(needle, position + 1)
    return found


def locate(norm: Normalized, text: str, occurrence: int = 0) -> tuple[int, int] | None:
    """The interval of ``norm.text`` holding occurrence ``occurrence`` of ``key(text)``.

    Falls back to the last occurrence when there are fewer; None when there is none.
    """
    needle = key(text)
    starts = find_all(norm.text, needle)
    if not starts:
        return None
    start = starts[min(occurrence, len(starts) - 1)]
    return start, start + len(needle)


def span_interval(norm: Normalized, start: int, end: int) -> tuple[int, int] | None:
    """The trimmed interval of ``norm.text`` for the original interval [start, end)."""
    low, high = trim(norm.text, *norm.from_original(start, end))
    return (low, high) if low < high else None


_NAME_DROP = re.compile(r"[.'\u2019]")
_NAME_SPLIT = re.compile(r"[^\w]+")


def name_key(name: str) -> str:
    """A name compared without case, punctuation, a possessive 's or a leading 'the'."""
    text = unicodedata.normalize("NFKC", name).translate(_MARKS).casefold().strip()
    text = re.sub(r"'s$", "", text)
    text = _NAME_SPLIT.sub(" ", _NAME_DROP.sub("", text)).strip()
    return text.removeprefix("the ")


def name_matches(predicted: str, names: Sequence[str]) -> bool:
    """Whether ``predicted`` names the same thing as one of ``names``.

    Equal after :func:`name_key`, or ending with one of them as whole words, so that a
    title in front is accepted ("GM chief Fritz Henderson" names "Fritz Henderson").
    """
    said = name_key(predicted)
    if not said:
        return False
    for name in names:
        wanted = name_key(name)
        if wanted and (said == wanted or said.endswith(" " + wanted)):
            return True
    return False
