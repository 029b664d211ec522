"""One base error and the few kinds a caller can act on.

The tree (the CLI's exit code for each is in ``extractor/cli/exits.py``)::

    ExtractorError                  raised on purpose; exit 1 unless a kind below says otherwise
    ├── ConfigError                 usage or configuration the user can fix: exit 2
    │   ├── ModelFileError          a local model file missing, truncated or wrong
    │   └── NoArticlesError         an article filter that matches no article
    ├── InputError                  one article that cannot be read (names it)
    ├── DataError                   stored data that cannot be read or written
    │   └── UnreadableRunError      a run or document that cannot be read: validate it
    ├── EndpointError               the model endpoint failed after retries
    │   └── EndpointUnavailableError  the endpoint itself fails, the run stops: exit 3
    ├── OutputValidationError       the model's answer does not fit the schema after re-asks
    ├── TruncatedOutputError        the model stopped at its token limit
    ├── RefusalError                the model refused to answer
    ├── MalformedResponseError      a 200 answer that is no chat completion
    └── InternalError               a bug, not the user's fault: exit 70, please report it

Private exceptions that never leave their module stay there, as control flow:
``engine/stages._WorkerGone`` (a worker process died; the call is run again in the main
process), ``validate/precheck._Unsupported`` (the quick pre-check hands a value to jsonschema),
``io/llm._SchemaUnsupportedError`` (strict schemas unsupported: the client falls back to JSON
mode) and ``io/files.Unreadable`` (a file's reason, always turned into an ``InputError`` or a
``ConfigError`` naming the file by ``io/inputs``). ``cli/exits.Failure`` is no error of the
tree: it carries the one line and the exit code of an error to click.
"""

from __future__ import annotations


class ExtractorError(Exception):
    """Base of every error this package raises on purpose."""


class ConfigError(ExtractorError):
    """Configuration or usage the user can fix (a flag, a file, an environment variable)."""


class InputError(ExtractorError):
    """An article that cannot be read: empty, binary, too large, malformed."""

    def __init__(self, article_id: str, message: str) -> None:
        super().__init__(f"{article_id}: {message}")
        self.article_id = article_id
        self.reason = message


class DataError(ExtractorError):
    """Stored data (a run, a document, a file to write) that cannot be used: a data failure,
    not bad usage."""


class UnreadableRunError(DataError):
    """A run or document that cannot be read or parsed: validate it to see why."""


class NoArticlesError(ConfigError):
    """The article filter matched no article of the run."""


class EndpointError(ExtractorError):
    """The model endpoint failed after retries; keeps the original exception."""

    def __init__(self, message: str, *, attempts: int, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.cause = cause


class EndpointUnavailableError(EndpointError):
    """The endpoint itself fails (a refused key, an unknown model, no connection): no article
    can succeed, so the run stops starting new ones."""


class OutputValidationError(ExtractorError):
    """The model's answer failed validation after every re-ask; keeps the raw output and
    the validation errors of the last answer."""

    def __init__(
        self, message: str, *, raw_output: str, attempts: int, errors: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.raw_output = raw_output
        self.attempts = attempts
        self.errors = errors


class ModelFileError(ConfigError):
    """A local model file is missing, truncated or has the wrong checksum."""


class TruncatedOutputError(ExtractorError):
    """The model stopped at its token limit: the answer is incomplete."""


class RefusalError(ExtractorError):
    """The model refused to answer."""


class MalformedResponseError(ExtractorError):
    """The endpoint answered 200 with a body that is not a chat completion; retried."""


class InternalError(ExtractorError):
    """A state the code should never reach: a bug in extractor, not the user's fault."""

    def __init__(self, what: str) -> None:
        super().__init__(f"internal error: {what}. This is a bug in extractor: please report it.")
        self.what = what

    def __reduce__(self) -> tuple[type[InternalError], tuple[str]]:
        return (InternalError, (self.what,))  # travels back from a worker process unchanged
