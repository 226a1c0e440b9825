"""What a generated package tells the runtime about its provider and operations.

Plain frozen dataclasses, filled in by the generated `_client.py` from the spec: where the
provider's envelope and error fields are, what its error codes mean, and for each operation its
method, path, arguments, response model and what it costs. Kept apart from the client core so
that the core reads as behaviour and this as data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any, Generic, TypeVar

__all__ = [
    "Envelope",
    "ErrorCode",
    "ErrorFormat",
    "Operation",
    "Provider",
    "SecurityScheme",
    "as_events",
    "response_kind",
]

#: What calling an operation returns: its model, or for other response kinds a list, a str,
#: None, a `BinaryResponse` or an `EventStream`.
ModelT = TypeVar("ModelT")

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True)
class Envelope:
    """A provider's failure signal inside a 2xx body (the spec's `x-envelope`).

    Each field is a JSON pointer into the body; `success` lists the values of `code` that mean
    the call succeeded. Any other value is a failure, whatever the HTTP status said.
    """

    code: str
    success: tuple[Any, ...]
    message: str | None = None
    request_id: str | None = None


@dataclass(frozen=True)
class ErrorCode:
    """What one of the provider's own error codes means (the spec's `x-errors.codes`).

    `status` is the HTTP status the code stands for: it picks the error class when the code comes
    inside a 2xx envelope. `retry` overrides the status's retry rule (a spent quota is a 429 that
    waiting will not cure); `min_retry_delay` is the least pause before trying again.
    """

    meaning: str
    status: int | None = None
    retry: bool | None = None
    min_retry_delay: float = 0.0
    advice: str | None = None


@dataclass(frozen=True)
class ErrorFormat:
    """Where an error body keeps the provider's own fields (the spec's `x-errors`).

    Each field lists JSON pointers, tried in order: some gateways answer in two shapes.
    """

    code: tuple[str, ...] = ()
    message: tuple[str, ...] = ()
    request_id: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    codes: Mapping[str, ErrorCode] = field(default_factory=dict)


#: The kinds of `SecurityScheme`: how a credential travels.
SECURITY_KINDS = frozenset({"bearer", "header", "query", "cookie", "basic"})


@dataclass(frozen=True)
class SecurityScheme:
    """One way the API takes a credential (an entry of the spec's `securitySchemes`).

    `kind` is "bearer" (`Authorization: Bearer <key>`), "header", "query" or "cookie" (an API
    key under `name`), or "basic" (`Authorization: Basic`, from `basic_auth=`).
    """

    kind: str
    name: str | None = None


@dataclass(frozen=True)
class Provider:
    """What a generated client knows about its gateway, decided at generation time.

    `security` None is the gateways' way: a key is demanded when the client is built and sent as
    a bearer token with every request. Otherwise it lists the document's default security
    requirement alternatives (scheme names from `security_schemes`); `()` means no auth.
    """

    name: str
    title: str
    api_key_env: str
    base_url_env: str
    default_base_url: str | None
    user_agent: str
    #: Imports the package's `models` module; called on the first request, not at import.
    models: Callable[[], ModuleType]
    envelope: Envelope | None = None
    errors: ErrorFormat = field(default_factory=ErrorFormat)
    security_schemes: Mapping[str, SecurityScheme] = field(default_factory=dict)
    security: tuple[tuple[str, ...], ...] | None = None


@dataclass(frozen=True)
class Operation(Generic[ModelT]):
    """One documented operation: where it is, what it takes and returns, and what it costs.

    Models are named, not held, so that declaring an operation does not import them.
    `arguments` maps the JSON names that differ from their Python argument names. An operation
    with `paid_task` creates something the caller pays for; `idempotency_key` is the JSON pointer
    of the body field the provider deduplicates creates on. `checks` pairs body paths (`[]` for
    every list item) with a check pydantic does not make: "uri" (an absolute URI) or
    "public-url" (no private or loopback host). `options` maps the per-call options that are
    named otherwise in this operation's method, because a documented field took the name
    (`{"extra_body": "extra_body_"}`).
    """

    name: str
    method: str
    path: str
    response_model: str | None = None
    request_model: str | None = None
    parameters_model: str | None = None
    arguments: Mapping[str, str] = field(default_factory=dict)
    paid_task: bool = False
    idempotency_key: str | None = None
    checks: tuple[tuple[tuple[str, ...], str], ...] = ()
    options: Mapping[str, str] = field(default_factory=dict)
    #: For an operation that creates a task (`x-task`): the method's name, and where its answer
    #: keeps the task id.
    create_method: str | None = None
    task_id_at: tuple[str, ...] = ()
    #: Query parameters not sent as `form` with explode: json name -> (style, explode).
    query_styles: Mapping[str, tuple[str, bool]] = field(default_factory=dict)
    #: Path parameters not sent as `simple` without explode: json name -> (style, explode).
    path_styles: Mapping[str, tuple[str, bool]] = field(default_factory=dict)
    #: Header parameters declared with `explode: true` (an object as `key=value,...`).
    exploded_headers: frozenset[str] = frozenset()
    #: How the body is sent ("json", "multipart", "form", "binary", "text") and as what media
    #: type (None: the encoding's usual one).
    body_encoding: str = "json"
    body_content_type: str | None = None
    #: The multipart fields (json names) that carry files.
    file_fields: frozenset[str] = frozenset()
    #: What a 2xx body becomes: "model", "root" (a RootModel's `.root`), "none", "text",
    #: "binary" (a `BinaryResponse`, streamed) or "events" (an `EventStream` of server-sent
    #: events, read as they arrive).
    response_kind: str = "model"
    #: Other 2xx statuses ("201", "2XX") -> (kind, model name), when they differ.
    other_responses: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)
    accept: str = "application/json"
    #: The method that reads this operation's answer as server-sent events, when the document
    #: offers them beside the body this one reads (`create_response_events`).
    events_method: str | None = None
    #: The security requirement alternatives; None: the provider's; `()`: no auth at all.
    security: tuple[tuple[str, ...], ...] | None = None

    @property
    def retry_safe(self) -> bool:
        """Whether sending it twice is harmless (a read), whatever happened the first time."""
        return self.method in _SAFE_METHODS and not self.paid_task


def response_kind(operation: Operation[Any], status: int) -> tuple[str, str | None]:
    """How a 2xx answer with `status` becomes the return value: (kind, model name).

    An exact status in `other_responses` first, then its range (`2XX`), then the primary.
    """
    others = operation.other_responses
    for key in (str(status), f"{status // 100}XX", f"{status // 100}xx"):
        if key in others:
            return others[key]
    return operation.response_kind, operation.response_model


def as_events(operation: Operation[Any]) -> Operation[Any]:
    """The same operation, answered as server-sent events: what a generated `..._events`
    method sends (it asks for `text/event-stream` and returns an `EventStream`)."""
    return replace(
        operation,
        response_kind="events",
        response_model=None,
        other_responses={},
        accept="text/event-stream",
        events_method=None,
    )
