"""A stronger model's answers, simulated by ECB+'s annotation (issue 19): what the rules that
apply to every model do to a good answer, with the small-model rules on and off.

Data: the ECB+ corpus (Cybulska & Vossen, LREC 2014; (c) Agata Cybulska, Piek Vossen and VU
University Amsterdam; CC BY 3.0), as converted in ../shared/data/ecbplus.

    extractor batch export REQ INPUTS --out RUN --model annotation \\
        --base-url http://127.0.0.1:9/v1 --api-key none --small-model-rules off|on
    .venv/bin/python -m bench.annotated_answers answer REQ RESULTS
    extractor batch import RESULTS INPUTS --out RUN (the same flags)
    .venv/bin/python -m bench.annotated_answers kept RESULTS RUN
    .venv/bin/python -m bench.events_ecbplus RUN --half dev --ids FILE

``answer`` answers each exported request (the OpenAI batch format; nothing is called) as a
model that knows the annotation would: every seminal event (``events_ecbplus.seminal``) the
chunk's sentences tell, once, at its first mention there, in text order. Its ``sentence`` is
the listed sentence holding the mention, its ``trigger`` the mention's words, its actors the
mention's HUMAN_PART arguments, its place the first LOC, its date the first TIME that the
date finder reads as a date (else the first TIME), its description the first actor and the
trigger, and no tense. ECB+ attaches the arguments of a sentence to each of its events.

``kept`` counts the answer's events that an event of the run's documents still has at its
trigger (its words all words of the answer's trigger): an event merged into another, moved to
another word or dropped is not.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from bench import events_ecbplus as ecb
from extractor.article.clean import clean_text
from extractor.dates import find_mentions
from extractor.text.numbered import spans
from tests.fake_batch import answer_line
from tests.fake_endpoint import Responder, json_reply

Json = ecb.Json
_LISTED = re.compile(r"^S(\d+): (.*)$", re.MULTILINE)


def listed(request: Json) -> dict[int, str]:
    """The numbered sentences a request lists, by number."""
    user = request["body"]["messages"][-1]["content"]
    return {int(m.group(1)): m.group(2) for m in _LISTED.finditer(user)}


def _date_first(times: list[str]) -> list[str]:
    return sorted(times, key=lambda time: not find_mentions(time))


def events(article: ecb.Article, text: str, sentences: dict[int, str]) -> list[Json]:
    """The annotation's answer for the ``sentences`` of ``text`` (see the module docstring)."""
    bounds = spans(text)
    for listed_as, sentence in sentences.items():
        if " ".join(text[slice(*bounds[listed_as - 1])].split()) != sentence:
            raise SystemExit(f"{article.id}: S{listed_as} is not the cleaned text's sentence")
    answer: list[Json] = []
    for pair in article.pairs:
        for mention in sorted((m for m in pair if m.span), key=lambda m: m.span or (0, 0)):
            assert mention.span is not None
            start, end = mention.span
            number = next(
                (n for n in sentences if bounds[n - 1][0] <= start < bounds[n - 1][1]), None
            )
            if number is None:
                continue
            trigger = text[start:end]
            actors = list(dict.fromkeys(v.text for v in mention.slots["who"]))
            places = [v.text for v in mention.slots["where"]]
            times = _date_first([v.text for v in mention.slots["when"]])
            answer.append(
                {
                    "sentence": number,
                    "trigger": trigger,
                    "description": " ".join([*actors[:1], trigger]) + ".",
                    "actors": actors,
                    "place": places[0] if places else None,
                    "when": times[0] if times else None,
                    "tense": None,
                    "_at": start,
                }
            )
            break  # once: a happening told again is listed once
    answer.sort(key=lambda event: event.pop("_at"))
    return answer


def answer_requests(requests: Iterable[Json], data: Path) -> Iterable[Json]:
    golds = ecb.load_gold(data)
    instances = ecb.seminal(golds.values())
    for number, request in enumerate(requests):
        article_id = request["custom_id"].split("/")[0]
        raw = ecb.raw_text(data, article_id)
        text = clean_text(raw).text
        article = ecb.gold_article(golds[article_id], raw, text, instances)
        answer = {"events": events(article, text, listed(request))}
        # the output line an offline engine writes (the tests' fake run_batch)
        yield answer_line(request, _replying(answer), number)


def _replying(answer: Json) -> Responder:
    return lambda _: json_reply(answer)


def answered(results: Iterable[Json]) -> dict[str, list[Json]]:
    """The events of each article's answers in a batch output."""
    found: dict[str, list[Json]] = {}
    for line in results:
        content = line["response"]["body"]["choices"][0]["message"]["content"]
        article_id = line["custom_id"].split("/")[0]
        found.setdefault(article_id, []).extend(json.loads(content)["events"])
    return found


def _words(text: str | None) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", (text or "").casefold()))


def kept(answers: Mapping[str, list[Json]], docs: Mapping[str, Json | None]) -> Counter[str]:
    """How many of the answers' events an event of the documents still has at its trigger:
    an event whose trigger's words are all words of the answer's ("checked" for "checked
    into"), each event of the documents counted once."""
    tally: Counter[str] = Counter()
    for article_id, given in answers.items():
        doc = docs.get(article_id) or {"events": []}
        left = [_words((e.get("trigger") or {}).get("text")) for e in doc["events"]]
        tally["answered"] += len(given)
        tally["events"] += len(doc["events"])
        for event in given:
            wanted = _words(event["trigger"])
            at = next((n for n, words in enumerate(left) if words and words <= wanted), None)
            if at is not None:
                left[at] = frozenset()
                tally["kept"] += 1
    return tally


def _lines(path: Path) -> list[Json]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    verbs = parser.add_subparsers(dest="verb", required=True)
    answer = verbs.add_parser("answer", help="answer exported requests with the annotation")
    answer.add_argument("requests", type=Path)
    answer.add_argument("results", type=Path)
    answer.add_argument("--data", type=Path, default=ecb.DEFAULT_DATA)
    count = verbs.add_parser("kept", help="the answers' events kept with their trigger")
    count.add_argument("results", type=Path)
    count.add_argument("run", type=Path)
    args = parser.parse_args(argv)
    if args.verb == "answer":
        lines = answer_requests(_lines(args.requests), args.data)
        args.results.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
        return 0
    tally = kept(answered(_lines(args.results)), ecb.run_documents(args.run))
    print(json.dumps(dict(tally)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
