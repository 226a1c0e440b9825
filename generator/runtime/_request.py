"""Building a call's request: its arguments checked and encoded, its headers and credentials.

`Requests` is the part of a client that turns a generated method's keyword arguments into an
`httpx.Request` (and what the task ledger keeps of it); `_base._BaseClient` sends it and reads
the answer. How each part of a request is spelled lives in `_encode.py`.
"""

from __future__ import annotations

import base64
import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qsl

import httpx

from ._auth import (
    Applied,
    Credentials,
    applied_credentials,
    credential_headers,
    redacted_request,
)
from ._encode import (
    EncodedBody,
    cookie_header,
    encode_body,
    header_values,
    path_segment,
    query_items,
    split_files,
)
from ._errors import ValidationError
from ._events import is_event_stream
from ._headers import header_problems
from ._json import json_pointer
from ._keys import Secret
from ._response import wants_raw_response
from ._spec import Operation, Provider, response_kind
from ._tracking import Tracking
from ._types import NOT_GIVEN, NotGiven
from ._validate import CHECKS, model_problems, values_at

if TYPE_CHECKING:
    import pydantic

__all__ = ["Call", "Requests", "Timeout", "merged_headers", "to_jsonable"]

Timeout = float | httpx.Timeout | None


def to_jsonable(value: Any) -> Any:
    """The JSON value of an argument, exactly as the caller gave it.

    Models become what they were built from (`exclude_unset`: no defaults filled in); mappings
    and sequences keep their order; numbers and strings are untouched. `NOT_GIVEN` entries are
    left out, since they were never given. The values of string formats become their text:
    UUIDs, dates and times (ISO 8601), and bytes as base64 (`format: byte`).
    """
    if isinstance(value, Mapping):
        return {key: to_jsonable(item) for key, item in value.items() if item is not NOT_GIVEN}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    dump = getattr(value, "model_dump", None)  # a pydantic model
    if callable(dump):
        return dump(mode="json", by_alias=True, exclude_unset=True)
    return value


def merged_headers(base: Mapping[str, str], added: Mapping[str, str]) -> dict[str, str]:
    """`base` with `added` on top; a name in any case replaces the same name in `base`."""
    replaced = {name.lower() for name in added}
    merged = {name: value for name, value in base.items() if name.lower() not in replaced}
    merged.update(added)
    return merged


@dataclass
class Call:
    """One call in flight: the request to (re)send and what its retries have seen."""

    operation: Operation[Any]
    request: httpx.Request
    payload: Any
    idempotency_key: Any
    raw: bool
    retries: int = 0
    uncertain: bool = False  # an earlier attempt may have reached the gateway
    entry: int | None = None  # the create's entry in the task ledger
    task_id: str | None = None  # the id a create's answer holds
    body: EncodedBody | None = None  # holds the files the call opened, closed when it ends
    streamed: bool = False  # sent with stream=True: a 2xx may be a binary body or events

    def streams(self, response: httpx.Response) -> bool:
        """Whether `response` is a binary body or a stream of events, left unread for the
        caller."""
        if not (self.streamed and response.is_success):
            return False
        kind = response_kind(self.operation, response.status_code)[0]
        return kind == "binary" or (kind == "events" and is_event_stream(response))

    @property
    def replayable(self) -> bool:
        """Whether the request can be sent again (a file it streams can be rewound)."""
        return self.body is None or self.body.replayable

    def close(self) -> None:
        if self.body is not None:
            self.body.close()


class Requests(Tracking):
    """The request side of a client: arguments in, an `httpx.Request` out (nothing is sent)."""

    _provider: ClassVar[Provider]
    base_url: str
    validate_requests: bool
    _api_key: Secret | None
    _basic_auth: Secret | None
    _default_headers: dict[str, str]
    _timeout_extension: dict[str, float | None] | None

    def _model(self, name: str) -> type[pydantic.BaseModel]:
        model: type[pydantic.BaseModel] = getattr(self._provider.models(), name)
        return model

    def _prepare(
        self,
        http: httpx.Client | httpx.AsyncClient,
        operation: Operation[Any],
        *,
        path_params: Mapping[str, Any] | None,
        query: Mapping[str, Any] | None,
        headers: Mapping[str, Any] | None = None,
        cookies: Mapping[str, Any] | None = None,
        body: Any,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, Any] | None,
        extra_body: Mapping[str, Any] | None,
        timeout: Timeout | NotGiven,
    ) -> Call:
        params = {k: to_jsonable(v) for k, v in (query or {}).items() if v is not NOT_GIVEN}
        path_values = {k: to_jsonable(v) for k, v in (path_params or {}).items()}
        fields, files = split_files(operation, body)
        # Bytes and text are sent as given; to_jsonable would turn bytes into base64 text.
        raw = operation.body_encoding in ("binary", "text")
        payload = body if raw else to_jsonable(fields) if fields is not None else None
        if self.validate_requests:
            given = {**path_values, **params}
            for values in (headers or {}, cookies or {}):  # checked with the others, by name
                given.update({k: to_jsonable(v) for k, v in values.items() if v is not NOT_GIVEN})
            self._validate(operation, path_values, given, payload, frozenset(files))
        # A path may carry a fixed query of its own (OpenAI's `/responses?beta=true`): it is
        # sent before the arguments' query, which httpx would otherwise put in its place.
        path, _, fixed = operation.path.partition("?")
        for name, value in path_values.items():
            style, explode = operation.path_styles.get(name, ("simple", False))
            path = path.replace("{" + name + "}", path_segment(name, value, style, explode))
        if extra_query:
            extra = to_jsonable(extra_query)
            self._refuse_overlap(operation, "extra_query", params, extra)
            params.update(extra)
        if extra_body:
            payload = self._with_extra_body(operation, payload, to_jsonable(extra_body))
        applied = self._credentials(operation)
        params.update(applied.query)
        sent = {**applied.headers, **header_values(operation, headers or {})}
        cookie = cookie_header(operation, cookies or {}) + applied.cookies
        if cookie:
            sent["Cookie"] = "; ".join(cookie)
        encoded = encode_body(
            operation,
            payload,
            files,
            asynchronous=isinstance(http, httpx.AsyncClient),
            order=list(body) if isinstance(body, Mapping) else (),
        )
        try:
            pairs = parse_qsl(fixed, keep_blank_values=True) + query_items(
                params, operation.query_styles
            )
            return self._build(http, operation, pairs, path, sent, encoded, extra_headers, timeout)
        except BaseException:
            encoded.close()
            raise

    def _build(
        self,
        http: httpx.Client | httpx.AsyncClient,
        operation: Operation[Any],
        pairs: list[tuple[str, Any]],
        path: str,
        sent: Mapping[str, str],
        encoded: EncodedBody,
        extra_headers: Mapping[str, str] | None,
        timeout: Timeout | NotGiven,
    ) -> Call:
        headers = {"Accept": operation.accept, "User-Agent": self._provider.user_agent}
        headers = merged_headers(headers, sent)
        headers = merged_headers(headers, encoded.headers)
        headers = merged_headers(headers, self._default_headers)
        if extra_headers:
            credentials = credential_headers(self._provider)
            problems = header_problems(extra_headers, "extra_headers", credentials)
            if problems:
                raise ValidationError(
                    f"{operation.name} was not sent: " + "; ".join(problems) + ".",
                    operation=operation.name,
                    problems=[("extra_headers", problem) for problem in problems],
                )
            headers = merged_headers(headers, extra_headers)
        extension = (
            self._timeout_extension
            if isinstance(timeout, NotGiven)
            else httpx.Timeout(timeout).as_dict()
        )
        request = http.build_request(
            operation.method,
            self.base_url + path,
            params=pairs or None,
            content=encoded.content,
            files=encoded.files,
            headers=headers,
            extensions={"timeout": extension} if extension is not None else None,
        )
        record = encoded.record
        key = json_pointer(record, operation.idempotency_key) if operation.idempotency_key else None
        streamed = operation.response_kind in ("binary", "events") or any(
            kind == "binary" for kind, _ in operation.other_responses.values()
        )
        return Call(
            operation,
            request,
            record,
            key,
            raw=wants_raw_response(),
            body=encoded,
            streamed=streamed,
        )

    def _credentials(self, operation: Operation[Any]) -> Applied:
        """The credentials this call sends (see `_auth.py`)."""
        if self._provider.security is None:  # the gateways: always the key, as a bearer token
            assert self._api_key is not None
            return Applied(headers={"Authorization": f"Bearer {self._api_key.get()}"})
        credentials = Credentials(self._api_key, self._basic_auth)
        return applied_credentials(self._provider, operation, credentials, type(self).__name__)

    def _with_extra_body(
        self, operation: Operation[Any], payload: Any, extra: Mapping[str, Any]
    ) -> Any:
        """The body with `extra_body`'s fields added: only a body of fields has room for them."""
        if payload is None:
            return dict(extra)
        if not isinstance(payload, Mapping):
            option = operation.options.get("extra_body", "extra_body")
            raise TypeError(
                f"{operation.name} was not sent: {option} adds fields to a body of fields (a "
                f"JSON object, a form, multipart fields), and this body is "
                f"{type(payload).__name__}. Put what you meant to add in the body itself."
            )
        self._refuse_overlap(operation, "extra_body", payload, extra)
        return {**payload, **extra}

    @staticmethod
    def _refuse_overlap(
        operation: Operation[Any], option: str, given: Mapping[str, Any], extra: Mapping[str, Any]
    ) -> None:
        """Extras add to the documented arguments; they never silently replace one."""
        twice = [key for key in extra if key in given]
        if not twice:
            return
        option = operation.options.get(option, option)

        def shown(value: Any) -> str:
            text = repr(value)
            return text if len(text) <= 60 else text[:57] + "..."

        both = "; ".join(
            f"the argument {operation.arguments.get(key, key)}={shown(given[key])} and "
            f"{option}[{key!r}]={shown(extra[key])}"
            for key in twice
        )
        raise TypeError(
            f"{operation.name} was not sent, because {len(twice)} field(s) would be given "
            f"twice: {both}. Pass each field once: as its argument, or in {option} when no "
            "argument carries it."
        )

    def _validate(
        self,
        operation: Operation[Any],
        path_values: Mapping[str, Any],
        given: Mapping[str, Any],
        payload: Any,
        files: frozenset[str] = frozenset(),
    ) -> None:
        """Check the arguments before sending: `given` holds every parameter's value by JSON
        name (path, query, header and cookie), `payload` the body."""
        problems: list[tuple[str, str]] = []
        if operation.parameters_model is not None:
            problems += model_problems(
                self._model(operation.parameters_model), given, operation.arguments
            )
        for name, value in path_values.items():
            # An empty segment would send the request to another endpoint, spec or no spec.
            field = operation.arguments.get(name, name)
            if (value is None or str(value) == "") and all(field != f for f, _ in problems):
                problems.append((field, "must not be empty: it is part of the URL path"))
        structured = operation.body_encoding in ("json", "multipart", "form")
        if operation.request_model is not None and structured and (payload is not None or files):
            problems += model_problems(
                self._model(operation.request_model),
                payload if payload is not None else {},
                operation.arguments,
                ignore=files,
            )
            for path, check in operation.checks:
                for where, value in values_at(payload, path):
                    name = operation.arguments.get(path[0], path[0]) + where[len(path[0]) :]
                    reason = CHECKS[check](value)
                    # One problem per field: a value the schema refused is not checked further.
                    if reason is not None and all(name != known for known, _ in problems):
                        problems.append((name, reason))
        if not problems:
            return
        listed = "; ".join(f"{name}: {message}" for name, message in problems)
        raise ValidationError(
            f"{operation.name} was not sent, because its arguments break the documented "
            f"constraints: {listed}. Fix the argument{'s' if len(problems) > 1 else ''}; if "
            "the API accepts more than its documentation says, skip this check with "
            "client.with_options(validate_requests=False).",
            operation=operation.name,
            problems=problems,
        )

    def _record(self, call: Call) -> None:
        """Write a paid create into the task ledger (when there is one) before it is sent."""
        operation = call.operation
        if operation.paid_task:
            call.entry = self._ledger_submitting(
                operation.create_method or operation.name, call.payload, call.idempotency_key
            )

    def _redacted(self, request: httpx.Request) -> httpx.Request:
        """A copy of the request that is safe to keep in an error: no credential."""
        return redacted_request(self._provider, request)
