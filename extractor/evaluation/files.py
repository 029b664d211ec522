"""Reading what is scored: gold files, and the documents of a run."""

from __future__ import annotations

from pathlib import Path

from extractor.contract.gold import GoldArticle
from extractor.contract.ids import safe_id
from extractor.contract.models import ArticleDocument
from extractor.errors import ConfigError, InputError
from extractor.evaluation.evaluate import evaluate, parse_document, parse_gold
from extractor.evaluation.scores import Report


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error


def load_gold(path: Path) -> list[GoldArticle]:
    """One gold file, or every ``*.json`` in a directory."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise ConfigError(f"no *.json gold files in {path}: pass --gold eval/gold")
    golds = [parse_gold(_read(file), str(file)) for file in files]
    ids = [gold.id for gold in golds]
    repeated = sorted({article_id for article_id in ids if ids.count(article_id) > 1})
    if repeated:
        raise ConfigError(f"{path}: article ids annotated more than once: {repeated}")
    return golds


Loaded = dict[str, ArticleDocument | InputError]


def load_run(run: Path, wanted: list[str]) -> tuple[Loaded, list[str]]:
    """The run's documents for ``wanted`` ids (an InputError where unreadable), and all ids."""
    folder = run / "articles"
    if not folder.is_dir():
        raise ConfigError(f"{run} has no articles/ folder: pass a run directory (--out of run)")
    stored = {path.stem for path in folder.glob("*.json")}
    # Documents are stored under their safe id (e.g. ids with commas are sanitised).
    by_stem = {safe_id(article_id): article_id for article_id in wanted}
    available = sorted(by_stem.get(stem, stem) for stem in stored)
    docs: Loaded = {}
    for article_id in wanted:
        path = folder / f"{safe_id(article_id)}.json"
        if not path.is_file():
            continue
        try:
            docs[article_id] = parse_document(path.read_text(encoding="utf-8"), article_id)
        except InputError as error:
            docs[article_id] = error
        except (OSError, UnicodeDecodeError) as error:
            docs[article_id] = InputError(article_id, f"cannot read {path}: {error}")
    return docs, available


def score_run(golds: list[GoldArticle], gold_path: Path, run: Path) -> Report:
    docs, available = load_run(run, [gold.id for gold in golds])
    return evaluate(golds, docs, gold_name=str(gold_path), pred_name=str(run), available=available)
