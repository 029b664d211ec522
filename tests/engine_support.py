"""Helpers for the engine tests: synthetic articles, a fake model that answers from the
article it is sent, and counting requests per article.

Article bodies are MEANTIME Wikinews texts (CC BY 4.0, data/meantime of the shared data found
by tests/shared_data.py; see its LICENSE.txt), each given a unique "Dispatch NNNN" line so
requests can be told apart.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tests import shared_data
from tests.fake_endpoint import Recorded, Reply, error, json_reply

ROOT = Path(__file__).resolve().parents[1]
JSON = {"Content-Type": "application/json"}
_MARK = re.compile(r"Dispatch (\d{4})\b")
_SENTENCE = re.compile(r"[A-Z][^.\n\"“”]{40,160}\.")
_FALLBACK = (
    "Harbour council approves a new ferry budget\n"
    "The harbour council of Westbrook met on Monday to discuss the ferry budget for next year.\n"
    "Councillor Mara Lind said the plan would be published next week after a final review.\n"
    '"We cannot keep the old boats running for another winter," Lind told reporters.\n'
    "The ferry company, which carries about four thousand passengers a day, asked for more money.\n"
    "Its chief, Tomas Ferrer, warned in March that two routes could close in the autumn.\n"
    "Residents of the northern islands gathered outside the town hall on Saturday morning.\n"
    '"Without the early boat our children cannot reach school," said Ana Ruiz, a teacher.\n'
    "The regional government in Eastport has promised to match any money the council sets aside.\n"
    "A spokesman for the regional transport office confirmed the offer on Tuesday afternoon.\n"
    "Engineers inspected the oldest vessel last month and found rust along most of its hull.\n"
    "The report recommended that the boat be taken out of service before the end of the year.\n"
    "Opposition members argued that the council had ignored earlier warnings about the fleet.\n"
    '"This crisis was visible three years ago," said councillor Peter Holm during the debate.\n'
    "The vote passed by eleven votes to six after a debate that lasted nearly four hours.\n"
    "Work on the first new vessel is expected to begin at the Northyard shipyard in the spring.\n"
    "The shipyard employs around three hundred people and welcomed the order in a statement.\n"
    "Union leaders said they hoped the contract would secure jobs for at least two more years.\n"
    "The council will publish the full budget, with the ferry plan attached, on its website.\n"
    "A public meeting on the timetable is planned for the first week of the new year.\n"
    "Passengers can send comments to the council by letter or through its online form.\n"
    "Lind said the council expected the first new boat to enter service within two years.\n"
    "Ferrer welcomed the decision but said the company still needed help with fuel costs.\n"
    "Fuel prices have risen by almost a third since the start of the year, the company said.\n"
    "The council plans to review the ferry contract again when the new boats are delivered.\n"
)


def bodies() -> list[str]:
    """Article texts to build synthetic articles from: MEANTIME's. Without the corpus,
    invented texts outside CI (the engine tests need text, not these texts); in CI
    (``CI`` set) a missing corpus fails the test."""
    folder = shared_data.shared_root() / "data" / "meantime" / "articles"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if texts:
        return texts
    if os.environ.get("CI"):
        shared_data.missing(folder)
    return _fallbacks()


def _fallbacks(count: int = 8) -> list[str]:
    """``count`` different invented texts of two chunks or more at 2,000 characters: the
    lines of ``_FALLBACK`` after its title, each text starting at another one, so no two
    articles share a chunk (a shared chunk is one request to a batch, several to the live
    path)."""
    title, *lines = _FALLBACK.splitlines(keepends=True)
    step = len(lines) // count
    return [title + "".join(lines[n * step :] + lines[: n * step]) for n in range(count)]


def article_text(number: int, texts: list[str], extra: str = "") -> str:
    body = texts[number % len(texts)]
    title, _, rest = body.partition("\n")
    return f"{title} (Dispatch {number:04d})\n{rest}{extra}"


def write_articles(folder: Path, count: int, texts: list[str] | None = None) -> list[Path]:
    texts = texts or bodies()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"a{number:04d}.txt"
        path.write_text(article_text(number, texts), encoding="utf-8")
        paths.append(path)
    return paths


def user_text(request: Recorded) -> str:
    messages = request.body.get("messages") or [{}]
    return str(messages[-1].get("content") or "")


def article_of(request: Recorded) -> str | None:
    """The article id (``aNNNN``) a request was about, from its text."""
    match = _MARK.search(user_text(request))
    return f"a{match[1]}" if match else None


def answer(text: str) -> dict[str, Any]:
    """A plausible answer: one event per sentence for the first two, quoting the sentence."""
    events = []
    for sentence in _SENTENCE.findall(text)[:2]:
        words = sentence.split()
        events.append(
            {
                "description": sentence[:80],
                "actors": [words[0]],
                "place": None,
                "when": None,
                "tense": "past",
                "statements": [{"speaker": words[0], "text": sentence[10:70], "kind": "direct"}],
            }
        )
    return {"events": events}


def answering(request: Recorded) -> Reply:
    """The fake model: answers every request from the article text it carries."""
    return json_reply(answer(user_text(request)), prompt_tokens=500, completion_tokens=120)


def per_article(requests: Iterable[Recorded]) -> Counter[str]:
    return Counter(a for a in (article_of(r) for r in requests) if a is not None)


def unit(key: str) -> float:
    """A number in [0, 1) from a string: deterministic whatever the order requests come in."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") / 2**64


def faulty(
    retry_after: str = "0.02", max_faults: int = 5
) -> tuple[Callable[[Recorded], Reply], Counter[str]]:
    """30% 429 (with Retry-After), 10% 500, 5% timeouts, 5% malformed bodies, decided by the
    article and how many requests it has made, so the outcome does not depend on scheduling.
    A timeout is a request never answered (held until the endpoint closes), so the client's
    timeout fires however loaded the machine is. After ``max_faults`` faults an article gets
    its answer. Returns the responder and a counter of what it answered."""
    seen: Counter[str] = Counter()
    given: Counter[str] = Counter()

    def respond(request: Recorded) -> Reply:
        article = article_of(request) or "?"
        seen[article] += 1
        roll = unit(f"{article}#{seen[article]}")
        faults = seen[article] - 1  # every earlier request of this article was a fault
        kind = "answer"
        if faults < max_faults:
            kind = (
                "429"
                if roll < 0.30
                else "500"
                if roll < 0.40
                else "timeout"
                if roll < 0.45
                else "malformed"
                if roll < 0.50
                else "answer"
            )
        given[kind] += 1
        if kind == "429":
            return error(429, "rate limited", {"Retry-After": retry_after})
        if kind == "500":
            return error(500, "internal error")
        if kind == "malformed":
            return Reply(body=b'{"id": "chatcmpl-broken", "choi', headers=JSON)
        if kind == "timeout":
            return Reply(hold=True)
        return answering(request)

    return respond, given


def documents(out: Path) -> dict[str, dict[str, Any]]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((out / "articles").glob("*.json"))
    }


def snapshot(out: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of a tree with its modification time (ns) and content."""
    return {
        str(p.relative_to(out)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".extractor")
    }


def clean_env() -> dict[str, str]:
    """This process's environment without OPENAI_* and EXTRACTOR_* (for child processes)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "EXTRACTOR_"))}
