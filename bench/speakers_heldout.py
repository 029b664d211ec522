"""Speaker attribution on the held-out ECB+ quote set (eval/speakers), with a trivial baseline.

Data: hand-annotated quotes and speakers of ECB+ articles (Cybulska & Vossen, LREC 2014;
CC BY 3.0, http://creativecommons.org/licenses/by/3.0/), texts from ../shared/data/ecbplus.
See eval/speakers/README.md.

    .venv/bin/python bench/speakers_heldout.py [--gold eval/speakers] [--data PATH] [--half dev]
        [--json FILE]

Each gold quote span is given to an attributor, which names its speaker from the article text.
*source-found* is the share of gold quotes whose predicted speaker names the gold speaker or
an accepted other speaker (`extractor.evaluation.name_matches` over the entity's name and
aliases, as `extractor eval` scores speakers). Attributors (``--attributor``):

- ``said-rule``, the baseline: the capitalised name nearest the quote right after or before a
  "said"/"says" in the quote's sentence (none of the project's speaker code);
- ``rules``: the project's rule tables (``extractor.article.speakers.RULES``, ``RESOLUTIONS``);
- ``parser``: the project's default, the cue on the dependency parse
  (``extractor.article.attribution``), the rule tables where it gives none.

``--old`` scores the development gold set instead (eval/gold: 24 MEANTIME and seed articles,
texts from ../shared/data/meantime and seeds/), all of it and seeds 003/004 apart, with the
gold quote spans given as here (no model, no documents).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from extractor.article.quotes import FoundQuote
from extractor.article.speakers import attributed, speakers
from extractor.contract.gold import GoldArticle
from extractor.evaluation import name_matches
from extractor.text.parser import parse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "eval" / "speakers"
# The shared data: ../shared beside the repository, or $EXTRACTOR_SHARED_DATA (as in the tests).
SHARED = Path(os.environ.get("EXTRACTOR_SHARED_DATA") or ROOT.parent / "shared")
DEFAULT_DATA = SHARED / "data" / "ecbplus"
OLD_GOLD = ROOT / "eval" / "gold"
OLD_TEXTS = (ROOT / "seeds", SHARED / "data" / "meantime" / "articles")
HALVES = ("dev", "test", "fresh", "fresh2")
CUE = re.compile(r"\bq(\d+) ([a-z-]+)")

# A name: capitalised words (initials, hyphens and apostrophes allowed) in a row.
_WORD = r"[A-Z][\w.'\u2019-]*"
_NAME = rf"{_WORD}(?:\s+{_WORD})*"
_SAID = r"(?:said|says)"
_AFTER = re.compile(rf"\b{_SAID}\s+({_NAME})")
_BEFORE = re.compile(rf"({_NAME})\s+{_SAID}\b")
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you"}

# An attributor: (raw article text, quote start, quote end) -> the speaker's name, or None.
Attributor = Callable[[str, int, int], str | None]
# An article's attributor: (raw text, every quote's (start, end) in order) -> their speakers.
ArticleAttributor = Callable[[str, list[tuple[int, int]]], list[str | None]]


class SpeakerGoldArticle(GoldArticle):
    """The gold format with no publication date: ECB+ gives none."""

    published: dt.date | None = None  # type: ignore[assignment]


def load(path: Path) -> SpeakerGoldArticle:
    return SpeakerGoldArticle.model_validate_json(path.read_text(encoding="utf-8"))


def sentence_of(raw: str, start: int, end: int) -> tuple[int, int]:
    """The lines (ECB+ writes one sentence a line) that hold the quote."""
    low = raw.rfind("\n", 0, start) + 1
    high = raw.find("\n", end)
    return low, len(raw) if high < 0 else high


def said_rule(raw: str, start: int, end: int) -> str | None:
    """The capitalised name nearest the quote right after or before a "said"/"says"."""
    low, high = sentence_of(raw, start, end)
    # The quote itself is blanked out (same length, so offsets hold).
    context = raw[low:start] + " " * (end - start) + raw[end:high]
    rel_start, rel_end = start - low, end - low
    best: tuple[int, str] | None = None
    for pattern in (_AFTER, _BEFORE):
        for match in pattern.finditer(context):
            name = match.group(1).strip().rstrip(".")
            if name.casefold() in _PRONOUNS:
                continue
            at, to = match.span(1)
            distance = rel_start - to if to <= rel_start else max(0, at - rel_end)
            if best is None or distance < best[0]:
                best = (distance, name)
    return None if best is None else best[1]


def _spans(raw: str, spans: list[tuple[int, int]]) -> list[FoundQuote]:
    return [FoundQuote(a, b, raw[a:b], True, len(raw[a:b].split())) for a, b in spans]


def rules(raw: str, spans: list[tuple[int, int]]) -> list[str | None]:
    """The project's rule tables as they were before the parse (``speakers``: RULES and
    RESOLUTIONS)."""
    return speakers(raw, _spans(raw, spans))


def parser(raw: str, spans: list[tuple[int, int]]) -> list[str | None]:
    """The parse's cues (extractor.article.attribution), the rule tables where it gives none."""
    return [s.name for s in attributed(raw, _spans(raw, spans), parse)]


def each(attributor: Attributor) -> ArticleAttributor:
    """A quote-by-quote attributor over all the quotes of an article."""
    return lambda raw, spans: [attributor(raw, a, b) for a, b in spans]


ATTRIBUTORS: dict[str, ArticleAttributor] = {
    "said-rule": each(said_rule),
    "rules": rules,
    "parser": parser,
}


def cues(gold: GoldArticle) -> list[str]:
    """The cue kind of each quote, from the article's notes ("q0 said-verb; q1 pronoun ...")."""
    found = {int(m.group(1)): m.group(2) for m in CUE.finditer(gold.notes or "")}
    return [found.get(index, "?") for index in range(len(gold.quotes))]


def _text(article_id: str, data: Path) -> str:
    """An article's text: ECB+'s, else a seed's or a MEANTIME article's (``--old``)."""
    for folder in (data / "articles", *OLD_TEXTS):
        path = folder / f"{article_id}.txt"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(f"no text for {article_id} under {data} or {OLD_TEXTS}")


def _sets(args: argparse.Namespace) -> dict[str, list[SpeakerGoldArticle]]:
    """The gold articles scored, by the name of their row."""
    if args.old:
        golds = [load(path) for path in sorted(OLD_GOLD.glob("*.json"))]
        return {
            "old-24": golds,
            "seeds-003-004": [g for g in golds if g.id.startswith(("003_", "004_"))],
        }
    return {
        half: [load(path) for path in sorted((args.gold / half).glob("*.json"))]
        for half in args.half or HALVES
    }


def score(
    attributor: ArticleAttributor, golds: list[SpeakerGoldArticle], data: Path
) -> dict[str, object]:
    total = attributed = found = 0
    by_cue: Counter[str] = Counter()
    found_by_cue: Counter[str] = Counter()
    for gold in golds:
        raw = _text(gold.id, data)
        spans = [(q.start or 0, q.end or 0) for q in gold.quotes]
        named = attributor(raw, spans)
        for quote, cue, predicted in zip(gold.quotes, cues(gold), named, strict=True):
            assert quote.start is not None and quote.end is not None
            total += 1
            by_cue[cue] += 1
            if predicted is None:
                continue
            attributed += 1
            accepted = [quote.speaker, *quote.other_speakers]
            if any(name_matches(predicted, gold.names_of(name)) for name in accepted):
                found += 1
                found_by_cue[cue] += 1
    return {
        "articles": len(golds),
        "quotes": total,
        "attributed": attributed,
        "source_found": found,
        "source_found_share": round(found / total, 3) if total else None,
        "by_cue": {
            cue: {"quotes": n, "source_found": found_by_cue[cue]}
            for cue, n in sorted(by_cue.items())
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--half", choices=HALVES, action="append")
    parser.add_argument("--attributor", choices=sorted(ATTRIBUTORS), default="said-rule")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--old", action="store_true", help="score eval/gold (the old 24)")
    args = parser.parse_args(argv)
    if not (args.data / "articles").is_dir():
        print(f"ECB+ not found at {args.data}", file=sys.stderr)
        return 2
    attributor = ATTRIBUTORS[args.attributor]
    results: dict[str, dict[str, object]] = {}
    for half, golds in _sets(args).items():
        results[half] = score(attributor, golds, args.data)
    print(f"attributor: {args.attributor}")
    print("| half | articles | quotes | attributed | source-found | share |")
    print("|---|---|---|---|---|---|")
    for half, row in results.items():
        print(
            f"| {half} | {row['articles']} | {row['quotes']} | {row['attributed']} "
            f"| {row['source_found']} | {row['source_found_share']} |"
        )
    print()
    print("| half | cue | quotes | source-found |")
    print("|---|---|---|---|")
    for half, row in results.items():
        by_cue = row["by_cue"]
        assert isinstance(by_cue, dict)
        for cue, counts in by_cue.items():
            print(f"| {half} | {cue} | {counts['quotes']} | {counts['source_found']} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
