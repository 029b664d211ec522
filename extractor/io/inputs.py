"""Reading inputs: files and folders of .txt, .html, .json and .jsonl, and an optional manifest.

This module does the I/O (input_files.py finds and opens the files). Every per-article failure
becomes an InputProblem in the result, so one bad file, folder or manifest row never stops a
batch; only unusable arguments (a missing path, a manifest unreadable as a whole) raise
ConfigError.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from extractor.article.pubdate import parse_date_value
from extractor.contract.article import RawArticle
from extractor.contract.ids import safe_id, source_id
from extractor.errors import ConfigError, InputError
from extractor.io.files import (
    Unreadable,
    list_files,
    open_regular,
    printable,
    resolved,
    unreadable,
)

__all__ = [
    "InputProblem",
    "Manifest",
    "ManifestRow",
    "RawArticle",
    "decode",
    "html_published_date",
    "load_inputs",
    "read_manifest",
]

DEFAULT_MAX_BYTES = 5_000_000
SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
_META_FIELDS = ("title", "url", "source")
# JSON can carry lone surrogates ("\ud800"), which no UTF-8 output can hold.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_TOO_DEEP = "is nested too deeply to be read as JSON; give flat records"


@dataclass(frozen=True)
class InputProblem:
    """A per-article failure; the batch goes on without it."""

    id: str
    path: str | None
    message: str  # names the path or article and says what to do
    raw_id: str | None = None  # what ``id`` was made from, as for RawArticle

    @property
    def source_id(self) -> str:
        return self.id if self.raw_id is None else source_id(self.raw_id)


@dataclass(frozen=True)
class ManifestRow:
    """Metadata the manifest gives one article."""

    title: str | None
    url: str | None
    source: str | None
    published_at: dt.date | None
    where: str  # "manifest.jsonl line 3"
    problem: str | None = None  # a bad row fails its article: "m.jsonl line 3: published_at ..."


@dataclass(frozen=True)
class Manifest:
    by_id: dict[str, ManifestRow]
    by_path: dict[Path, ManifestRow]

    def find(self, raw_id: str, path: Path | None) -> ManifestRow | None:
        if path is not None and path in self.by_path:
            return self.by_path[path]
        return self.by_id.get(raw_id) or self.by_id.get(safe_id(raw_id))


Item = RawArticle | InputProblem


def load_inputs(
    paths: Sequence[Path], *, manifest: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Item]:
    """Every article under ``paths`` (folders are walked recursively), sorted by id.

    ``max_bytes`` bounds each file and each JSONL line. Ids used twice (ignoring case) make
    problems of every input that uses them.
    """
    if max_bytes < 1:
        raise ConfigError(f"The input size limit must be at least 1 byte, not {max_bytes}.")
    rows = read_manifest(manifest) if manifest is not None else Manifest({}, {})
    items: list[Item] = []
    for found in list_files(paths, SUFFIXES):
        if found.error is not None:
            items.append(_folder_problem(found.path, found.error))
        else:
            items.extend(_read_file(found.path, found.real, max_bytes, rows))
    return _unique(items)


def _folder_problem(folder: Path, error: OSError) -> InputProblem:
    return InputProblem(
        # "name/" gets a hashed id, so it is never the id of an article called "name".
        id=safe_id(f"{folder.name}/"),
        path=printable(folder),
        message=f"{printable(folder)}: the folder cannot be read ({error.strerror or error}), "
        f"so its articles are missing; {unreadable(error).advice}",
        raw_id=f"{folder.name}/",
    )


# --- files ---------------------------------------------------------------------------------


def _read_file(shown: Path, real: Path, max_bytes: int, rows: Manifest) -> list[Item]:
    raw_id = shown.stem
    article_id = safe_id(raw_id)
    name = printable(shown)
    kind = SUFFIXES.get(shown.suffix.lower())
    try:
        if kind is None:
            raise InputError(
                article_id,
                f"unsupported file type {shown.suffix or '(none)'!r}; "
                "give .txt, .html, .json or .jsonl files",
            )
        if kind == "jsonl":
            return _read_jsonl(shown, name, max_bytes, rows)
        data = _read_bytes(shown, article_id, max_bytes)
        if kind == "json":
            return _read_json(shown, name, data, rows)
        text, encoding = decode(data, article_id)
        meta: dict[str, Any] = {}
        if kind == "html":
            text, meta = _from_html(text, article_id)
        article = RawArticle(
            id=article_id,
            text=text,
            title=meta.get("title"),
            url=meta.get("url"),
            source=meta.get("source"),
            published_at=meta.get("published_at"),
            published_evidence=meta.get("published_evidence"),
            path=name,
            input_sha256=hashlib.sha256(data).hexdigest(),
            encoding=encoding,
            raw_id=raw_id,
        )
        return [_with_manifest(article, raw_id, real, rows)]
    except InputError as exc:
        return [
            InputProblem(id=article_id, path=name, message=f"{name}: {exc.reason}", raw_id=raw_id)
        ]


def _read_bytes(path: Path, article_id: str, max_bytes: int) -> bytes:
    try:
        with open_regular(path) as handle:
            data = handle.read(max_bytes + 1)
    except Unreadable as exc:
        raise InputError(article_id, str(exc)) from None
    except OSError as exc:
        raise InputError(article_id, str(unreadable(exc))) from None
    if len(data) > max_bytes:
        raise InputError(
            article_id,
            f"is larger than the input size limit of {max_bytes:,} bytes; "
            "raise the limit (--max-input-bytes) or split the file",
        )
    if not data:
        raise InputError(article_id, "is empty; remove it or give it the article's text")
    return data


def decode(data: bytes, article_id: str) -> tuple[str, str]:
    """Text and encoding: a BOM's, else UTF-8, else what charset-normalizer detects.

    Newlines become ``\\n``. Raises InputError for binary, undecodable or blank content.
    """
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom) :].decode(name), name
            except UnicodeDecodeError:
                raise InputError(
                    article_id, f"starts with a {name} byte-order mark but is not {name}"
                ) from None
            break
    if text is None:
        if b"\x00" in data:
            text, encoding = _decode_wide(data, article_id)
        else:
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, encoding = _detect(data, article_id)
    if _looks_binary(text):
        raise InputError(article_id, "looks binary (many control characters); give a text file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(article_id, "has no text (only whitespace); remove it or fill it")
    return text, encoding


_BOMS = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def _decode_wide(data: bytes, article_id: str) -> tuple[str, str]:
    """Bytes with NULs: UTF-32 or UTF-16 without a byte-order mark, else binary."""
    encoding = _wide_encoding(data)
    text = None
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = None
    if text is None or "\x00" in text:
        raise InputError(article_id, "looks binary (it has NUL bytes); give a text file")
    return text, encoding or ""


def _wide_encoding(data: bytes) -> str | None:
    """The UTF-32 or UTF-16 byte order whose pattern of NUL bytes ``data`` shows, if any.

    In text of mostly Latin letters, each character's high bytes are NUL and its low byte is
    not: UTF-16-LE has NULs at odd offsets only, UTF-32-BE at offsets 0, 1 (mod 4), and so on.
    """
    size = len(data)
    if size % 4 == 0:
        units, nuls = size // 4, [data[k::4].count(0) for k in range(4)]
        if nuls[3] == units and 2 * nuls[2] >= units:
            return "utf-32-le"
        if nuls[0] == units and 2 * nuls[1] >= units:
            return "utf-32-be"
    if size % 2 == 0:
        units, even, odd = size // 2, data[0::2].count(0), data[1::2].count(0)
        if 8 * odd >= units and odd >= 4 * even:
            return "utf-16-le"
        if 8 * even >= units and even >= 4 * odd:
            return "utf-16-be"
    return None


def _detect(data: bytes, article_id: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            article_id, "is not UTF-8 and its encoding cannot be detected; save it as UTF-8"
        )
    return str(best), str(best.encoding)


def _looks_binary(text: str) -> bool:
    controls = sum(1 for c in text if (c < " " and c not in "\t\n\r\f\v") or c == "\x7f")
    return controls > max(2, len(text) // 200)


# --- HTML ----------------------------------------------------------------------------------

# Meta tags that carry the publication date, best first (name, property or itemprop).
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "date_published",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "original-publish-date",
    "date",
)


def _from_html(page: str, article_id: str) -> tuple[str, dict[str, Any]]:
    """The article text (title first) and what the page's metadata says."""
    import trafilatura

    tree = trafilatura.load_html(page)
    if tree is None:
        raise InputError(article_id, "is not parseable HTML; check the file")
    published = html_published_date(tree)
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        # Its own date guess is not used (it may come from the text or the URL); this only
        # keeps it from reading the clock.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": "2199-12-31",
        },
    )
    body = (getattr(document, "text", None) or "").strip()
    if not body:
        raise InputError(article_id, "has no article text that could be extracted from the HTML")
    title = _clean_str(getattr(document, "title", None))
    text = body if title is None or body.startswith(title) else f"{title}\n\n{body}"
    meta: dict[str, Any] = {
        "title": title,
        "url": _clean_str(getattr(document, "url", None)),
        "source": _clean_str(getattr(document, "sitename", None)),
    }
    if published is not None:
        meta["published_at"], meta["published_evidence"] = published
    return text, meta


def html_published_date(tree: Any) -> tuple[dt.date, str] | None:
    """The publication date declared in a page's metadata: meta tags, JSON-LD or microdata.

    Dates visible only in the page's text or URL are not metadata and are not used here.
    """
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (
            element.get("property") or element.get("name") or element.get("itemprop") or ""
        ).lower()
        content = element.get("content")
        if key in _DATE_META and content and key not in found:
            found[key] = content
    for key in _DATE_META:
        if key in found:
            value = parse_date_value(found[key])
            if value is not None:
                return value, f"html meta {key}"
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            value = _json_ld_date(script.text)
            if value is not None:
                return value, "html JSON-LD datePublished"
    for element in tree.iter():
        if isinstance(element.tag, str) and element.get("itemprop") == "datePublished":
            stamp = element.get("datetime") or element.get("content")
            value = parse_date_value(stamp) if stamp else None
            if value is not None:
                return value, "html microdata datePublished"
    return None


def _json_ld_date(source: str) -> dt.date | None:
    try:
        data = json.loads(source)
    except (ValueError, RecursionError):
        return None
    stack: list[Any] = [data]
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            stamp = node.get("datePublished")
            if isinstance(stamp, str):
                value = parse_date_value(stamp)
                if value is not None:
                    return value
            stack.extend(v for v in node.values() if isinstance(v, list | dict))
    return None


# --- JSON records ----------------------------------------------------------------------------


def _read_json(shown: Path, name: str, data: bytes, rows: Manifest) -> list[Item]:
    text, _ = decode(data, safe_id(shown.stem))
    try:
        parsed = json.loads(text)
    except ValueError as exc:
        raise InputError(shown.stem, f"is not valid JSON ({exc}); fix the file") from None
    except RecursionError:
        raise InputError(shown.stem, _TOO_DEEP) from None
    if isinstance(parsed, dict):
        return [_record(parsed, name, rows)]
    if isinstance(parsed, list) and parsed:
        return [_record(r, f"{name}#{n}", rows) for n, r in enumerate(parsed, 1)]
    raise InputError(shown.stem, "holds no records; give an object or a list of objects")


def _read_jsonl(shown: Path, name: str, max_bytes: int, rows: Manifest) -> list[Item]:
    items: list[Item] = []
    article_id = safe_id(shown.stem)
    try:
        with open_regular(shown) as handle:
            if b"\x00" in handle.read(8192):
                raise InputError(shown.stem, "looks binary (it has NUL bytes); give JSON lines")
            handle.seek(0)
            for number, line in _lines(handle, max_bytes):
                where = f"{name}#{number}"
                if line is None:
                    items.append(
                        _problem(
                            where,
                            f"is longer than {max_bytes:,} bytes; raise "
                            "the input size limit (--max-input-bytes) or shorten it",
                        )
                    )
                    continue
                try:
                    obj = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
                except (UnicodeDecodeError, ValueError) as exc:
                    items.append(_problem(where, f"is not valid JSON ({exc}); fix this line"))
                    continue
                except RecursionError:
                    items.append(_problem(where, _TOO_DEEP))
                    continue
                items.append(_record(obj, where, rows))
    except Unreadable as exc:
        raise InputError(article_id, str(exc)) from None
    except OSError as exc:
        raise InputError(article_id, str(unreadable(exc))) from None
    if not items:
        raise InputError(shown.stem, "holds no records; give one JSON object per line")
    return items


def _lines(handle: Any, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Non-blank lines with their numbers; None for a line over ``max_bytes`` (skipped)."""
    number = 0
    while True:
        line: bytes = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        elif line.strip():
            yield number, line


def _problem(where: str, reason: str) -> InputProblem:
    name = where.rsplit("/", 1)[-1]
    return InputProblem(id=safe_id(name), path=where, message=f"{where} {reason}", raw_id=name)


def _record(obj: Any, where: str, rows: Manifest) -> Item:
    """One JSON record: ``id``, ``text`` or ``html``, optional title, url, published_at, source."""
    if not isinstance(obj, dict):
        return _problem(where, "is not a JSON object; give one object per record")
    raw_id = obj.get("id")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)
    if not isinstance(raw_id, str) or not raw_id.strip():
        return _problem(where, 'has no "id"; give every record a non-empty string id')
    article_id = safe_id(raw_id)
    try:
        canonical = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except RecursionError:  # loaded at the edge of the limit, a frame short to dump
        return _problem(where, _TOO_DEEP)
    try:
        fields = {name: _optional_str(obj, name, article_id) for name in _META_FIELDS}
        text, html_meta = _record_text(obj, article_id)
        published, evidence = html_meta.get("published_at"), html_meta.get("published_evidence")
        stamp = _optional_str(obj, "published_at", article_id)
        if stamp is not None:
            published, evidence = _record_date(stamp, article_id), "record field published_at"
    except InputError as exc:
        return InputProblem(
            id=article_id,
            path=where,
            message=f"{where} (id {raw_id!r}): {exc.reason}",
            raw_id=raw_id,
        )
    article = RawArticle(
        id=article_id,
        text=text,
        title=fields["title"] or html_meta.get("title"),
        url=fields["url"] or html_meta.get("url"),
        source=fields["source"] or html_meta.get("source"),
        published_at=published,
        published_evidence=evidence,
        path=where,
        input_sha256=hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest(),
        raw_id=raw_id,
    )
    return _with_manifest(article, raw_id, None, rows)


def _record_text(obj: dict[str, Any], article_id: str) -> tuple[str, dict[str, Any]]:
    text, page = obj.get("text"), obj.get("html")
    is_html = not (isinstance(text, str) and text.strip())
    content = page if is_html else text
    if not isinstance(content, str) or not content.strip():
        raise InputError(article_id, 'has no "text" or "html"; give the article\'s text')
    content = _SURROGATE.sub("\ufffd", content)
    if _looks_binary(content):
        raise InputError(article_id, "has a text that looks binary; give the article's text")
    if not is_html:
        return content.replace("\r\n", "\n").replace("\r", "\n"), {}
    return _from_html(content, article_id)


def _record_date(stamp: str, article_id: str) -> dt.date:
    value = parse_date_value(stamp)
    if value is None:
        raise InputError(
            article_id, f"has published_at {stamp!r}, which is not a date; use YYYY-MM-DD"
        )
    return value


def _optional_str(obj: dict[str, Any], name: str, article_id: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(article_id, f"has a {name!r} that is not a string; fix the record")
    return _clean_str(value)


def _clean_str(value: str | None) -> str | None:
    if not isinstance(value, str):
        return None
    return _SURROGATE.sub("\ufffd", value).strip() or None


# --- manifest ------------------------------------------------------------------------------


def read_manifest(path: Path) -> Manifest:
    """A JSONL or CSV manifest: rows with ``id`` or ``path`` (relative to the manifest's
    folder) and any of title, url, source, published_at.

    Raises ConfigError when the manifest is unusable as a whole: unreadable, a line that is not
    a JSON object (or not CSV), a row with neither id nor path. A row with a bad value, or a
    second row for the same article, fails that article alone (``ManifestRow.problem``).
    """
    try:
        with open_regular(path) as handle:
            content = handle.read().decode("utf-8-sig")
    except Unreadable as exc:
        raise ConfigError(
            f"Cannot read the manifest {path}: it {exc.reason}; check --manifest."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read the manifest {path} ({exc}); check --manifest.") from None
    by_id: dict[str, ManifestRow] = {}
    by_path: dict[Path, ManifestRow] = {}
    for number, entry in _manifest_entries(path, content):
        where = f"{printable(Path(path.name))} line {number}"
        row = _manifest_row(entry, where)
        keys: list[tuple[dict[Any, ManifestRow], Any]] = []
        if entry.get("id"):
            keys.append((by_id, str(entry["id"])))
        if entry.get("path"):
            keys.append((by_path, resolved(path.parent / str(entry["path"]))))
        if not keys:
            raise ConfigError(f"{path}: line {number} has neither id nor path; add one.")
        for table, key in keys:
            first = table.get(key)
            if first is not None:
                problem = f"{where} repeats {first.where}; keep one row per article"
                row = replace(row, problem=problem)
            table[key] = row
    return Manifest(by_id=by_id, by_path=by_path)


def _manifest_entries(path: Path, content: str) -> Iterator[tuple[int, dict[str, Any]]]:
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(content.splitlines())
        try:
            for entry in reader:
                yield reader.line_num, {k: v for k, v in entry.items() if k and v not in ("", None)}
        except csv.Error as exc:
            raise ConfigError(
                f"{path}: line {reader.line_num + 1} is not valid CSV ({exc}); fix it."
            ) from None
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError as exc:
            raise ConfigError(f"{path}: line {number} is not valid JSON ({exc}); fix it.") from None
        except RecursionError:
            raise ConfigError(f"{path}: line {number} is nested too deeply; fix it.") from None
        if not isinstance(entry, dict):
            raise ConfigError(f"{path}: line {number} is not a JSON object; fix it.")
        yield number, entry


def _manifest_row(entry: dict[str, Any], where: str) -> ManifestRow:
    """The row's metadata, or a row whose ``problem`` says what is wrong with it."""
    values: dict[str, str | None] = {}
    for name in (*_META_FIELDS, "published_at"):
        value = entry.get(name)
        if value is not None and not isinstance(value, str):
            return _bad_row(where, f"{name} must be a string")
        values[name] = _clean_str(value)
    published = None
    if values["published_at"] is not None:
        published = parse_date_value(values["published_at"])
        if published is None:
            return _bad_row(
                where, f"published_at {values['published_at']!r} is not a date; use YYYY-MM-DD"
            )
    return ManifestRow(
        title=values["title"],
        url=values["url"],
        source=values["source"],
        published_at=published,
        where=where,
    )


def _bad_row(where: str, reason: str) -> ManifestRow:
    return ManifestRow(None, None, None, None, where=where, problem=f"{where}: {reason}")


def _with_manifest(article: RawArticle, raw_id: str, path: Path | None, rows: Manifest) -> Item:
    """The manifest's values replace the article's own, field by field; a bad row fails it."""
    row = rows.find(raw_id, path)
    if row is None:
        return article
    if row.problem is not None:
        return InputProblem(
            id=article.id,
            path=article.path,
            message=f"{article.path}: manifest {row.problem}",
            raw_id=article.raw_id,
        )
    changes: dict[str, Any] = {
        name: getattr(row, name) for name in _META_FIELDS if getattr(row, name) is not None
    }
    if row.published_at is not None:
        changes["published_at"] = row.published_at
        changes["published_evidence"] = f"{row.where}: published_at"
    return replace(article, **changes)


# --- ids -----------------------------------------------------------------------------------


def _unique(items: list[Item]) -> list[Item]:
    """Sorted by id; every input whose id another input also uses becomes a problem."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        groups[item.id.casefold()].append(item)
    out: list[Item] = []
    for group in groups.values():
        if len(group) == 1:
            out.extend(group)
            continue
        paths = ", ".join(str(item.path) for item in group)
        for item in group:
            if isinstance(item, RawArticle):
                item = InputProblem(
                    id=item.id,
                    path=item.path,
                    message=f"{item.path}: the id {item.id!r} is used by {len(group)} inputs "
                    f"({paths}); ids must be unique ignoring case, so rename the file or "
                    "change the record's id",
                    raw_id=item.raw_id,
                )
            out.append(item)
    return sorted(out, key=lambda item: (item.id, item.path or ""))
