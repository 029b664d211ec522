"""The file-system edge of diff: read a run directory, or one document, into a Snapshot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.contract.models import ArticleDocument
from extractor.contract.story import Story
from extractor.diff.model import Snapshot
from extractor.errors import UnreadableRunError
from extractor.io.nesting import loads

MANIFEST = "run.json"
STORIES = "stories.jsonl"


def load_snapshot(path: Path) -> Snapshot:
    """A run directory (with run.json, or a folder of documents) or one document."""
    if path.is_file():
        doc = _document(path, path)
        return Snapshot(str(path), {doc.id: doc})
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        files = sorted(path.glob("*.json")) or sorted((path / "articles").glob("*.json"))
        if not files:
            raise UnreadableRunError(
                f"{path} has no run.json and no article documents: name a run directory"
            )
        return Snapshot(str(path), _by_id(_document(f, path) for f in files))
    manifest = _json(manifest_path, path)
    if not isinstance(manifest, dict) or not isinstance(manifest.get("articles"), list):
        raise UnreadableRunError(_advice(path, f"{manifest_path} is not a run manifest"))
    documents = []
    failures: dict[str, str] = {}
    for entry in manifest["articles"]:
        if not isinstance(entry, dict):
            continue
        if entry.get("status") == "failed" and isinstance(entry.get("id"), str):
            failures[entry["id"]] = "failed"  # the reason comes from the failures list
        if isinstance(entry.get("document"), str):
            documents.append(_document(path / entry["document"], path))
    for failure in manifest.get("failures") or []:
        if isinstance(failure, dict) and isinstance(failure.get("id"), str):
            failures[failure["id"]] = f"{failure.get('error_class')}: {failure.get('message')}"
    config = manifest.get("config")
    return Snapshot(
        str(path),
        _by_id(documents),
        failures,
        manifest.get("extractor_version")
        if isinstance(manifest.get("extractor_version"), str)
        else None,
        config if isinstance(config, dict) else {},
        _stories(path),
    )


def _stories(run: Path) -> dict[str, Story] | None:
    """The run's stories by id; None when it has no stories.jsonl."""
    path = run / STORIES
    try:
        lines = path.read_bytes().splitlines()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UnreadableRunError(_advice(run, f"{path} cannot be read ({exc})")) from exc
    stories = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            story = Story.model_validate_json(line)
        except ValidationError as exc:
            raise UnreadableRunError(
                _advice(run, f"{path}:{number} is not a story ({exc.errors()[0]['msg']})")
            ) from exc
        stories[story.id] = story
    return stories


def _by_id(documents: Any) -> dict[str, ArticleDocument]:
    found: dict[str, ArticleDocument] = {}
    for doc in documents:
        found[doc.id] = doc
    return found


def _json(path: Path, run: Path) -> Any:
    try:
        return loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise UnreadableRunError(_advice(run, f"{path} cannot be read as JSON ({exc})")) from exc


def _document(path: Path, run: Path) -> ArticleDocument:
    try:
        return ArticleDocument.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise UnreadableRunError(_advice(run, f"{path} cannot be read ({exc})")) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/".join(str(p) for p in first["loc"])
        raise UnreadableRunError(
            _advice(run, f"{path} is not an article document ({where}: {first['msg']})")
        ) from exc


def _advice(run: Path, message: str) -> str:
    return f"{message}: run 'extractor validate {run}' to see every problem"
