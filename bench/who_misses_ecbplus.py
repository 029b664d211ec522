"""Who misses on ECB+ by kind (issue 19): counts only, so an untouched half can be counted.

Data: the ECB+ corpus (Cybulska & Vossen, LREC 2014; (c) Agata Cybulska, Piek Vossen and VU
University Amsterdam; CC BY 3.0), as converted in ../shared/data/ecbplus.

    .venv/bin/python -m bench.who_misses_ecbplus RUN_DIR [--half dev|test] [--ids FILE] [--show]

Over the found pairs whose *who, same entity* is wrong (``bench.events_ecbplus``), the kind of
miss: we give no actor; the gold participants are only pronouns; they are only the reporting
source of the sentence (the subject of a verb of saying, or *according to* X: ECB+ attaches
every participant of the sentence, the source too); a source and others; else other.
``--show`` prints each miss with its names (development halves only).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from bench import events_ecbplus as ecb
from extractor.text.lexicon import PRONOUNS
from extractor.text.parser import parse
from extractor.text.speech import REPORTING_VERBS

_SOURCE_VERBS = REPORTING_VERBS | {"reported", "reports", "according"}


def sources(line: str) -> set[str]:
    """The words of the reporting sources of ``line``: the subjects of its verbs of saying and
    the objects of its *according to*."""
    (doc,) = parse([line])
    found: set[str] = set()
    for token in doc:
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "to":
            head = head.head
        if token.dep_ in {"nsubj", "pobj"} and head.lower_ in _SOURCE_VERBS:
            found |= {t.lower_ for t in token.subtree}
    return found


def kind(ours: list[ecb.Value], gold: list[ecb.Value], line: str) -> str:
    """The kind of a who miss (see the module docstring)."""
    if not ours:
        return "we give no actor"
    if all(v.text.casefold() in PRONOUNS for v in gold):
        return "gold: pronouns only"
    said = sources(line)

    def source(value: ecb.Value) -> bool:
        words = set(ecb._words(value.text))
        return bool(words) and words <= said

    if all(source(v) or v.text.casefold() in PRONOUNS for v in gold):
        return "gold: the reporting source only"
    return "gold: a source and others" if any(map(source, gold)) else "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("run", type=Path)
    parser.add_argument("--half", choices=ecb.HALVES, default="dev")
    parser.add_argument("--ids", type=Path)
    parser.add_argument("--data", type=Path, default=ecb.DEFAULT_DATA)
    parser.add_argument("--show", action="store_true", help="print each miss (dev halves)")
    args = parser.parse_args(argv)
    golds = ecb.load_gold(args.data)
    instances = ecb.seminal(golds.values())
    wanted = args.ids and ecb.sample_ids(args.ids, args.half)
    kinds: Counter[str] = Counter()
    found = 0
    for aid, doc in sorted(ecb.run_documents(args.run).items()):
        if doc is None or ecb.half_of(golds[aid]["topic"]) != args.half:
            continue
        if wanted and aid not in wanted:
            continue
        article = ecb.scored_article(golds[aid], ecb.raw_text(args.data, aid), doc, instances)
        lines = doc["text"].splitlines()
        for pair in article.pairs:
            matched = [(m, e) for e in article.events if (m := ecb.match(e, pair)) is not None]
            if not matched:
                continue
            found += 1
            best, event = max(matched, key=lambda x: x[0].key())
            if best.slots[ecb.WHO_ENTITY] != "wrong":
                continue
            gold = [v for m in pair if m.line in event.lines for v in m.slots["who"]]
            line = lines[min(event.lines)]
            miss = kind(event.slots["who"], gold, line)
            kinds[miss] += 1
            if args.show:
                ours = [v.text for v in event.slots["who"]]
                print(f"{aid}: {miss}: ours {ours}, gold {[v.text for v in gold]}")
    print(f"ECB+ {args.half} half: {found} found, {sum(kinds.values())} who (same entity) wrong")
    for name, count in kinds.most_common():
        print(f"- {name}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
