"""Settings of the embedded model, and what a running one tells its caller."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ConfigError
from extractor.io.local_model.priority import DEFAULT_PRIORITY, PRIORITIES

# The context of one request (one slot). The longest seed's prompt (system prompt, article and
# chat template) is 747 tokens and llm.py allows 2,048 answer tokens: 2,795. 8,192 leaves room
# for one re-ask and for articles four times as long; the KV cache costs 28 KiB a token for
# this model (224 MiB a slot), and time depends on the tokens used, not on this size.
DEFAULT_N_CTX = 8192
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
# llama.cpp's draftless speculative decoding; slower with the packaged model on this machine's
# CPU, and answers change (bench/local_model_speculative.py): off unless set.
SPECULATIVE = frozenset({"ngram-simple", "ngram-map-k", "ngram-map-k4v", "ngram-mod"})


# How long the server waits at the end for the requests in flight: llama.cpp cannot cancel
# one, and max_tokens bounds each.
STOP_TIMEOUT_S = 600.0


@dataclass(frozen=True)
class LocalModelConfig:
    """How to run the embedded model.

    ``model_file`` None means the packaged default, assembled into ``cache_dir``. ``n_ctx`` is
    the context of one request; the server allocates ``n_ctx * n_parallel``. With
    ``verify_checksum`` the file is hashed before loading: compared with the packaged checksum
    or ``expected_sha256`` when there is one, and recorded either way.
    """

    model_file: Path | None
    cache_dir: Path
    n_threads: int = 2
    # llama.cpp's thread polling, 0-100: how long idle threads spin before sleeping (its own
    # default is 50). Only for a llama.cpp built without OpenMP: the packaged one uses OpenMP,
    # whose threads spin as ``spin.py`` sets.
    poll: int = 50
    # llama.cpp's thread scheduling level, one of ``PRIORITIES`` (see ``priority.py``).
    priority: str = DEFAULT_PRIORITY
    n_ctx: int = DEFAULT_N_CTX
    n_parallel: int = 1
    verify_checksum: bool = True
    expected_sha256: str | None = None
    verbosity: int = 1  # llama.cpp's own log on stderr: 0 none, 1 errors, 2 warnings, 3 all
    speculative: str | None = None  # one of ``SPECULATIVE``; None: off
    ready_timeout_s: float = 60.0
    stop_timeout_s: float = STOP_TIMEOUT_S

    def __post_init__(self) -> None:
        for name in ("n_threads", "n_ctx", "n_parallel"):
            if getattr(self, name) < 1:
                raise ConfigError(f"Local model setting {name} must be at least 1.")
        if not 0 <= self.poll <= 100:
            raise ConfigError(f"Local model setting poll must be 0 to 100, not {self.poll}.")
        if self.priority not in PRIORITIES:
            raise ConfigError(
                f"Local model setting priority must be one of {', '.join(PRIORITIES)}"
                f", not {self.priority!r}."
            )
        if self.speculative is not None and self.speculative not in SPECULATIVE:
            raise ConfigError(
                f"Local model setting speculative must be one of {', '.join(sorted(SPECULATIVE))}"
                f", not {self.speculative!r}."
            )
        if self.expected_sha256 is not None and not _SHA256.match(self.expected_sha256):
            raise ConfigError(
                f"Expected model checksum {self.expected_sha256!r} is not a SHA-256 "
                "(64 hexadecimal digits)."
            )


@dataclass(frozen=True)
class LocalEndpoint:
    """Where the running local model answers, and what provenance should say about it."""

    base_url: str  # http://127.0.0.1:<port>/v1
    model: str
    model_sha256: str | None
    api_key: str = field(repr=False)  # random per start: other local users cannot call it
    model_path: Path
    n_ctx: int  # tokens one request may use (prompt and answer)
    n_parallel: int
    load_s: float  # from the start of serve() to ready, checksum included


def default_cache_dir(environ: Mapping[str, str], home: Path) -> Path:
    """``$XDG_CACHE_HOME/extractor``, else ``~/.cache/extractor`` (the caller passes both in)."""
    xdg = environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base / "extractor"
