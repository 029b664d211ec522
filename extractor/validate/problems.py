"""What the validator reports: a problem at a JSON pointer of a file, with a stable code."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.errors import InternalError
from extractor.text.words import counted

# Stable codes: never renumber or rename one; add new codes instead.
CODES: dict[str, str] = {
    "E001": "unreadable",
    "E002": "schema-violation",
    "E101": "offset-out-of-range",
    "E102": "span-text-mismatch",
    "E103": "text-hash-mismatch",
    "E104": "grounded-without-span",
    "E201": "quote-text-mismatch",
    "E202": "ungrounded-direct-quote",
    "E203": "unverified-quote-grounded",
    "E204": "quote-stored-twice",
    "E301": "date-anchor-mismatch",
    "E302": "date-without-anchor",
    "E303": "date-range-inverted",
    "E304": "date-granularity-mismatch",
    "E305": "date-bounds-mismatch",
    "E306": "date-status-inconsistent",
    "E401": "duplicate-event-id",
    "E402": "event-id-mismatch",
    "E403": "unknown-warning-event",
    "E501": "run-missing-document",
    "E502": "run-unlisted-document",
    "E503": "run-entry-mismatch",
    "E504": "run-counts-mismatch",
    "E505": "run-failures-mismatch",
    "E506": "run-duplicate-article",
    "E507": "run-bad-document-path",
    "E508": "run-events-mismatch",
    "E601": "story-unknown-event",
    "E602": "event-without-story",
    "E603": "event-in-two-stories",
    "E604": "duplicate-story-id",
}

_MAX_MESSAGE = 300


@dataclass(frozen=True)
class Problem:
    """One defect: ``path[:line]:pointer: code name: message``."""

    path: str
    pointer: str
    code: str
    message: str
    line: int | None = None  # 1-based, for JSON Lines files

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise InternalError(f"unknown problem code {self.code!r}")

    @property
    def name(self) -> str:
        return CODES[self.code]

    @property
    def location(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}:{self.pointer}" if self.pointer else where

    def __str__(self) -> str:
        message = " ".join(self.message.split())
        if len(message) > _MAX_MESSAGE:
            message = message[: _MAX_MESSAGE - 1] + "…"
        return f"{self.location}: {self.code} {self.name}: {message}"

    def as_json(self) -> dict[str, str | int | None]:
        return {
            "path": self.path,
            "line": self.line,
            "pointer": self.pointer,
            "code": self.code,
            "name": self.name,
            "message": self.message,
        }


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.path, problem.line or 0, problem.pointer, problem.code)


def pointer(*parts: str | int) -> str:
    """An RFC 6901 JSON pointer from keys and indices."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass
class Result:
    """What one validation found, and how much it looked at."""

    problems: list[Problem]
    documents: int = 0
    runs: int = 0
    event_lines: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        checked = ", ".join(
            [
                counted(self.documents, "document"),
                counted(self.runs, "run"),
                counted(self.event_lines, "event line"),
            ]
        )
        if self.ok:
            return f"Checked {checked}: valid."
        by_code: dict[str, int] = {}
        for problem in self.problems:
            by_code[problem.code] = by_code.get(problem.code, 0) + 1
        codes = ", ".join(f"{n} {c} {CODES[c]}" for c, n in sorted(by_code.items()))
        files = len({p.path for p in self.problems})
        return (
            f"Checked {checked}: {counted(len(self.problems), 'problem')} "
            f"in {counted(files, 'file')} ({codes})."
        )

    def as_json(self) -> dict[str, object]:
        return {
            "valid": self.ok,
            "checked": {
                "documents": self.documents,
                "runs": self.runs,
                "event_lines": self.event_lines,
            },
            "problems": [p.as_json() for p in sorted(self.problems, key=sort_key)],
        }
