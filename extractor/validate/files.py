"""The file-system edge of validation: find the schemas, read runs, documents and event lines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extractor.contract.resources import data_dir
from extractor.errors import ConfigError
from extractor.io.gc_pace import fewer_collections
from extractor.io.nesting import check_depth, loads, parse
from extractor.validate.contract import (
    ARTICLE_SCHEMA,
    RUN_SCHEMA,
    STORY_SCHEMA,
    Contract,
    build_contract,
)
from extractor.validate.document import check_document, check_event_lines
from extractor.validate.problems import Problem, Result
from extractor.validate.run import (
    ARTICLES,
    EVENTS,
    LINE_KEYS,
    MANIFEST,
    RunFiles,
    check_run,
    is_inside,
)
from extractor.validate.stories import STORIES, check_stories


def default_schemas_dir() -> Path:
    """``schemas/`` of the repository, or its copy inside an installed wheel."""
    return data_dir("schemas")


def load_contract(directory: Path | None = None, *, precheck: bool = True) -> Contract:
    """Read the committed JSON Schemas; ConfigError when they cannot be found or read."""
    folder = directory if directory is not None else default_schemas_dir()
    schemas: dict[str, Any] = {}
    for name in (ARTICLE_SCHEMA, RUN_SCHEMA):
        path = folder / name
        try:
            schemas[name] = json.loads(path.read_bytes())
        except FileNotFoundError:
            raise ConfigError(
                f"JSON Schema {path} not found: validation needs the committed schemas/ "
                "(shipped with the package; reinstall it), or pass --schemas DIR "
                "(create one with 'extractor schema --export DIR')"
            ) from None
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"JSON Schema {path} cannot be read ({exc}): "
                "restore it with 'extractor schema --export schemas'"
            ) from exc
    story = folder / STORY_SCHEMA  # optional: a --schemas folder of an older release has none
    if story.is_file():
        try:
            schemas[STORY_SCHEMA] = json.loads(story.read_bytes())
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"JSON Schema {story} cannot be read ({exc}): "
                "restore it with 'extractor schema --export schemas'"
            ) from exc
    try:
        return build_contract(schemas, str(folder), precheck=precheck)
    except Exception as exc:  # a schema that is not a valid Draft 2020-12 schema
        raise ConfigError(
            f"the JSON Schemas in {folder} are not valid Draft 2020-12 schemas ({exc}): "
            "restore them with 'extractor schema --export schemas'"
        ) from exc


def validate_paths(paths: Sequence[Path], contract: Contract) -> Result:
    """Validate run directories, directories of documents, documents and events.jsonl files."""
    with fewer_collections():
        return _validate_paths(paths, contract)


def _validate_paths(paths: Sequence[Path], contract: Contract) -> Result:
    result = Result(problems=[])
    for path in paths:
        if path.is_dir() and (path / MANIFEST).is_file():
            _validate_run(path, contract, result)
        elif path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in (".json", ".jsonl"))
            if not files:
                raise ConfigError(f"{path} holds no run.json, .json or .jsonl file to validate")
            for file in files:
                _validate_file(file, contract, result)
        elif path.name == MANIFEST:
            _validate_run(path.parent, contract, result)
        elif path.suffix in (".json", ".jsonl"):
            _validate_file(path, contract, result)
        else:
            raise ConfigError(
                f"{path} is not a run directory, an article document (.json) or events.jsonl"
            )
    return result


def _validate_file(path: Path, contract: Contract, result: Result) -> None:
    if path.name == STORIES:
        _story_lines(path, str(path), contract, result)
        return
    if path.suffix == ".jsonl":
        lines = _read_lines(path, str(path), contract, result)
        result.problems += check_event_lines(lines, str(path))
        return
    doc = _read_document(path, str(path), contract, result)
    if doc is not _UNREADABLE:
        result.problems += check_document(doc, str(path))


def _validate_run(root: Path, contract: Contract, result: Result) -> None:
    result.runs += 1
    shown = str(root)
    manifest = _read_json(root / MANIFEST, f"{shown}/{MANIFEST}", result)
    if manifest is _UNREADABLE:
        return
    result.problems += contract.run.problems(manifest, f"{shown}/{MANIFEST}")
    present = {
        p.relative_to(root).as_posix() for p in (root / ARTICLES).glob("*.json") if p.is_file()
    }
    present |= {r for r in _listed(manifest) if is_inside(r) and (root / r).is_file()}
    documents: dict[str, Any] = {}
    for relative in sorted(present):  # listed, kept for a failed article, or stray
        doc = _read_document(root / relative, f"{shown}/{relative}", contract, result)
        if doc is not _UNREADABLE:
            result.problems += check_document(doc, f"{shown}/{relative}")
            documents[relative] = doc
    events = root / EVENTS
    lines = None
    if events.is_file():
        # A line equal to an event of its document was checked with the document.
        known = {
            (doc["id"], event["id"]): event
            for doc in documents.values()
            if isinstance(doc, dict)
            and isinstance(doc.get("id"), str)
            and isinstance(doc.get("events"), list)
            for event in doc["events"]
            if isinstance(event, dict) and isinstance(event.get("id"), str)
        }
        checked: set[int] = set()
        lines = _read_lines(events, f"{shown}/{EVENTS}", contract, result, known, checked)
        result.problems += check_event_lines(lines, f"{shown}/{EVENTS}", checked=checked)
    result.problems += check_run(RunFiles(shown, manifest, documents, present, lines))
    if (root / STORIES).is_file():
        stories = _story_lines(root / STORIES, f"{shown}/{STORIES}", contract, result)
        by_id = {d["id"]: d for d in documents.values() if isinstance(d, dict) and "id" in d}
        result.problems += check_stories(stories, f"{shown}/{STORIES}", by_id)


def _json_lines(
    path: Path, shown: str, result: Result, *, depth_later: bool = False
) -> tuple[list[tuple[int, Any]], int] | None:
    """The (line number, value) of each JSON line of ``path`` and how many lines are not
    blank; E001 for a file that cannot be read (None) and for each line that is not JSON.
    ``depth_later``: the caller checks the depth of the values (``_too_deep``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:
        result.problems.append(Problem(shown, "", "E001", f"cannot be read ({exc})"))
        return None
    lines: list[tuple[int, Any]] = []
    filled = 0
    # Split on newlines only: U+2028 and friends may sit raw inside JSON strings.
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        filled += 1
        try:
            lines.append((number, parse(raw) if depth_later else loads(raw)))
        except ValueError as exc:
            result.problems.append(_not_json(shown, exc, number))
    return lines, filled


def _not_json(shown: str, exc: ValueError, number: int) -> Problem:
    return Problem(shown, "", "E001", f"line is not JSON ({exc}): fix or remove it", number)


def _too_deep(shown: str, number: int, value: Any, result: Result) -> bool:
    try:
        check_depth(value)
    except ValueError as exc:
        result.problems.append(_not_json(shown, exc, number))
        return True
    return False


def _story_lines(
    path: Path, shown: str, contract: Contract, result: Result
) -> list[tuple[int, Any]]:
    """The lines of ``stories.jsonl``, each checked against story.schema.json."""
    read = _json_lines(path, shown, result)
    if read is None:
        return []
    if contract.story is None:
        raise ConfigError(
            f"{shown} needs {STORY_SCHEMA}, which {contract.origin} does not hold: "
            "pass --schemas with it (create one with 'extractor schema --export DIR')"
        )
    for number, value in read[0]:
        result.problems += contract.story.problems(value, shown, line=number)
    return read[0]


_UNREADABLE = object()


def _listed(manifest: Any) -> list[str]:
    entries = manifest.get("articles") if isinstance(manifest, dict) else None
    return [
        e["document"]
        for e in (entries if isinstance(entries, list) else [])
        if isinstance(e, dict) and isinstance(e.get("document"), str)
    ]


def _read_json(path: Path, shown: str, result: Result) -> Any:
    try:
        return loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        result.problems.append(
            Problem(shown, "", "E001", f"cannot be read as JSON ({exc}): restore or re-create it")
        )
        return _UNREADABLE


def _read_document(path: Path, shown: str, contract: Contract, result: Result) -> Any:
    result.documents += 1
    doc = _read_json(path, shown, result)
    if doc is not _UNREADABLE:
        result.problems += contract.article.problems(doc, shown)
    return doc


def _read_lines(
    path: Path,
    shown: str,
    contract: Contract,
    result: Result,
    known: dict[tuple[Any, Any], Any] | None = None,
    checked: set[int] | None = None,
) -> list[tuple[int, Any]]:
    read = _json_lines(path, shown, result, depth_later=True)
    if read is None:
        return []
    lines, filled = read
    result.event_lines += filled
    kept = []
    for number, value in lines:
        key = (value.get("article_id"), value.get("id")) if isinstance(value, dict) else None
        if known and checked is not None and key and all(isinstance(k, str) for k in key):
            body = {k: v for k, v in value.items() if k not in LINE_KEYS}
            if known.get(key) == body and isinstance(value.get("source_id"), str):
                checked.add(number)  # as deep as its document's event, which was checked
                kept.append((number, value))
                continue
        if _too_deep(shown, number, value, result):
            continue
        kept.append((number, value))
        result.problems += _event_schema(contract, value, shown, number)
    return kept


def _event_schema(contract: Contract, value: Any, shown: str, line: int) -> list[Problem]:
    if not isinstance(value, dict):
        return contract.event.problems(value, shown, line=line)
    problems = [
        Problem(shown, f"/{key}", "E002", f"each line needs a string {key}", line)
        for key in LINE_KEYS
        if not isinstance(value.get(key), str)
    ]
    body = {k: v for k, v in value.items() if k not in LINE_KEYS}
    return problems + contract.event.problems(body, shown, line=line)
