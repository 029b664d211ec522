"""One base error and the few kinds a caller can act on."""

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
