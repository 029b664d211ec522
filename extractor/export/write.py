"""The file-system edge of export: read a run directory, write its tables as Parquet or CSV."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from pydantic import ValidationError

from extractor.contract.models import ArticleDocument, RunManifest
from extractor.errors import ConfigError
from extractor.export.rows import run_rows
from extractor.export.tables import to_table

Format = Literal["parquet", "csv"]
FORMATS: tuple[Format, ...] = ("parquet", "csv")
MANIFEST = "run.json"


@dataclass
class Export:
    """What an export wrote (path, rows) and the documents it could not read."""

    written: list[tuple[Path, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def export_run(run_dir: Path, out_dir: Path, fmt: Format = "parquet") -> Export:
    """Write ``articles``, ``events``, ``actors``, ``quotes`` and ``dates`` of the run in
    ``run_dir`` into ``out_dir`` (one file each, replaced atomically). A document that cannot
    be read is left out and named in ``problems``; its article row keeps the run.json fields.
    Raises ConfigError when ``run_dir`` holds no readable run.json."""
    manifest = _manifest(run_dir)
    result = Export()
    documents: dict[str, ArticleDocument] = {}
    for entry in manifest.articles:
        if entry.document is None:
            continue
        doc = _document(run_dir, entry.document, result.problems)
        if doc is not None:
            documents[entry.id] = doc
    rows = run_rows(manifest.articles, manifest.failures, documents)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, table_rows in rows.tables().items():
        path = out_dir / f"{name}.{fmt}"
        _write_atomic(path, to_table(name, table_rows), _WRITERS[fmt])
        result.written.append((path, len(table_rows)))
    return result


def _manifest(run_dir: Path) -> RunManifest:
    path = run_dir / MANIFEST
    try:
        return RunManifest.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise ConfigError(
            f"{run_dir} has no {MANIFEST}: name the --out folder of an 'extractor run'"
        ) from None
    except (OSError, ValidationError) as exc:
        raise ConfigError(
            f"{path} cannot be read as a run manifest ({_first(exc)}): "
            f"run 'extractor validate {run_dir}' to see why"
        ) from None


def _document(run_dir: Path, relative: str, problems: list[str]) -> ArticleDocument | None:
    path = run_dir / relative
    if not path.resolve().is_relative_to(run_dir.resolve()):
        problems.append(f"{run_dir}/{relative}: outside the run directory; left out")
        return None
    try:
        return ArticleDocument.model_validate_json(path.read_bytes())
    except (OSError, ValidationError) as exc:
        problems.append(
            f"{path}: cannot be read as an article document ({_first(exc)}); left out: "
            f"run 'extractor validate {run_dir}' to see why"
        )
        return None


def _first(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        return f"{'/'.join(str(p) for p in error['loc'])}: {error['msg']}"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path)


def _csv(table: pa.Table, path: Path) -> None:
    pa_csv.write_csv(table, path)


_WRITERS: dict[Format, Callable[[pa.Table, Path], None]] = {"parquet": _parquet, "csv": _csv}


def _write_atomic(path: Path, table: pa.Table, write: Callable[[pa.Table, Path], None]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(table, Path(tmp))
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
