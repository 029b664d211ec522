"""Seconds to attribute every quote of a long article (the speaker rules scale with it).

    .venv/bin/python bench/speakers_speed.py

The text repeats a two-sentence paragraph with two quotes (one "he said", one "said X") up
to about 200 kB; prints characters, quotes and seconds for each size.
"""

from __future__ import annotations

import time

from extractor.article.quotes import find_quotes
from extractor.article.speakers import speakers

PARAGRAPH = (
    "Tom Hill spoke on Monday. He said the firm would grow. “We will win,” he said.\n"
    "The plan is new. “It is good,” said Ann Lee.\n"
)


def main() -> None:
    for copies in (100, 400, 1600):
        text = PARAGRAPH * copies
        found = find_quotes(text)
        began = time.perf_counter()
        speakers(text, found)
        seconds = time.perf_counter() - began
        print(f"{len(text):>7} characters  {len(found):>5} quotes  {seconds:.2f} s")


if __name__ == "__main__":
    main()
