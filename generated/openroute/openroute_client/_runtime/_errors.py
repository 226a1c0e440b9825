"""Errors raised by a generated client.

    GatewayError
     +-- ConfigurationError        the client cannot be built (no API key, no base URL)
     +-- ValidationError           the arguments break the spec; nothing was sent
     +-- APIError                  something went wrong with a request
          +-- APIConnectionError   the request could not be completed
          |    +-- APITimeoutError
          +-- APIResponseValidationError   a 2xx body does not match the documented schema
          +-- SubmissionUncertainError     a paid task may or may not have been created
          +-- APIStatusError       the gateway answered with a failure
               +-- BadRequestError (400), AuthenticationError (401),
                   PermissionDeniedError (403), NotFoundError (404),
                   ConflictError (409), UnprocessableEntityError (422),
                   RateLimitError (429), InternalServerError (>= 500)

An `APIStatusError` is raised both for an HTTP error status and for a 2xx body whose envelope
reports a failure (a provider whose spec declares `x-envelope`, such as EZLINK's `code != 0`).

A `SubmissionUncertainError` is also an instance of the class of the failure behind it: a paid
create answered with a 500 raises `SubmissionUncertainInternalServerError`, which
`except SubmissionUncertainError`, `except InternalServerError` and `except APIStatusError` all
catch (a timeout: `SubmissionUncertainAPITimeoutError`, also an `APITimeoutError`). Put
`except SubmissionUncertainError` first where the two call for different handling: a retry on
`InternalServerError` would pay for the task twice.
"""

from __future__ import annotations

from typing import Any, cast

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "GatewayError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "SubmissionUncertainError",
    "UnprocessableEntityError",
    "ValidationError",
]


class GatewayError(Exception):
    """The base of every error a generated client raises."""


class ConfigurationError(GatewayError, ValueError):
    """The client was constructed without something it needs."""


class ValidationError(GatewayError, ValueError):
    """The arguments of a call break the spec's constraints, so no request was sent.

    `problems` lists `(field, message)` pairs; the field is the argument's name, followed by the
    path inside it (`options.callback_url`, `contents[0].url`).
    """

    def __init__(self, message: str, *, operation: str, problems: list[tuple[str, str]]) -> None:
        super().__init__(message)
        self.message = message
        self.operation = operation
        self.problems = problems


class APIError(GatewayError):
    """A request failed. `request` is the request that was sent (its auth header redacted)."""

    def __init__(self, message: str, *, request: httpx.Request | None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class APIConnectionError(APIError):
    """The request could not be sent, or no response came back."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class APIResponseValidationError(APIError):
    """A success response does not match the documented schema; `body` keeps it as received.

    For a create, `task_id` is the id of the task it made when the body holds one where the
    spec says (the task exists and was paid for), else None.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None,
        response: httpx.Response,
        body: Any,
        task_id: str | None = None,
    ) -> None:
        super().__init__(message, request=request)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.task_id = task_id


class APIStatusError(APIError):
    """The gateway reported a failure, by HTTP status or inside a 2xx envelope.

    `body` is the parsed JSON body (or the text, when it is not JSON). `code`, `provider_message`
    and `request_id` are the provider's own fields, read from the body at the places the spec
    declares (`x-errors` for an error status, `x-envelope` for a failure inside a 2xx body); each
    is None when the body does not have it.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None,
        response: httpx.Response,
        body: Any,
        code: Any = None,
        provider_message: str | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, request=request)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.code = code
        self.provider_message = provider_message
        self.request_id = request_id


class SubmissionUncertainError(APIError):
    """A request that creates a paid task failed in a way that leaves its fate unknown.

    The request reached the gateway (or may have), but no definite answer came back: a timeout
    after sending, a dropped connection, a 5xx. Sending it again could pay for a second task, so
    the client did not. Find out whether the task exists before creating it again.

    `payload` is the JSON body that was sent, `idempotency_key` the value of the field the
    provider deduplicates on (None when the caller gave none), `attempts` how many times the
    request was sent, and `last_error` the error of the last attempt (also the `__cause__`).
    The error raised is also an instance of `last_error`'s class (see `uncertain_error_class`),
    with its attributes: `status_code`, `response`, and for a status error `body`, `code`,
    `provider_message` and `request_id`.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None,
        operation: str,
        payload: Any,
        idempotency_key: Any,
        attempts: int,
        last_error: APIError,
    ) -> None:
        # Not super(): in a combined class the next in line is the status class, whose
        # constructor wants a response; its attributes are copied from `last_error` instead.
        APIError.__init__(self, message, request=request)
        self.operation = operation
        self.payload = payload
        self.idempotency_key = idempotency_key
        self.attempts = attempts
        self.last_error = last_error
        self.response: httpx.Response | None = getattr(last_error, "response", None)
        self.status_code: int | None = getattr(last_error, "status_code", None)
        for name in ("body", "code", "provider_message", "request_id"):
            if hasattr(last_error, name):
                setattr(self, name, getattr(last_error, name))


class BadRequestError(APIStatusError):
    """HTTP 400: the gateway rejected the request's content."""


class AuthenticationError(APIStatusError):
    """HTTP 401: the API key is missing or wrong."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403: the key may not do this."""


class NotFoundError(APIStatusError):
    """HTTP 404: no such resource (for a task query: no such task id)."""


class ConflictError(APIStatusError):
    """HTTP 409: the request conflicts with the resource's state (a duplicate, a busy task)."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422: the request is well formed but cannot be processed."""


class RateLimitError(APIStatusError):
    """HTTP 429: too many requests or too many running tasks."""


class InternalServerError(APIStatusError):
    """HTTP 500 or above: the gateway or its upstream failed."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The most specific `APIStatusError` subclass for an HTTP status."""
    if status_code >= 500:
        return InternalServerError
    return _BY_STATUS.get(status_code, APIStatusError)


_UNCERTAIN: dict[type[APIError], type[SubmissionUncertainError]] = {}


def uncertain_error_class(cause: type[APIError]) -> type[SubmissionUncertainError]:
    """The `SubmissionUncertainError` that is also a `cause`: for `InternalServerError`,
    `SubmissionUncertainInternalServerError`. Made once per class, so that the same failure
    always raises the same class."""
    if issubclass(cause, SubmissionUncertainError):
        return cause
    if cause in _UNCERTAIN:
        return _UNCERTAIN[cause]
    name = "SubmissionUncertain" + cause.__name__
    combined = type(
        name,
        (SubmissionUncertainError, cause),
        {
            "__module__": __name__,
            "__qualname__": name,
            "__doc__": f"A `SubmissionUncertainError` whose last failure was a {cause.__name__}.",
        },
    )
    _UNCERTAIN[cause] = cast("type[SubmissionUncertainError]", combined)
    return _UNCERTAIN[cause]
