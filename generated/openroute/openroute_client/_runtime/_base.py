"""The hand-written core of every generated client.

A generated `_client.py` declares, per operation, an `Operation` (method, path, response model)
and one thin method that gathers its keyword arguments; everything else is here: the API key and
base URL, building the request, sending it with httpx, and turning the response into either the
documented model or an error. The file is copied unchanged into each generated package.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar
from urllib.parse import quote

import httpx
import pydantic

from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    status_error_class,
)
from ._types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:  # typing.Self is 3.11+; typing_extensions comes with pydantic
    from typing_extensions import Self

__all__ = [
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "Envelope",
    "Operation",
    "Provider",
    "SyncAPIClient",
    "to_jsonable",
]

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)

#: Creating a task answers in seconds; reads are quicker. A minute bounds a stuck connection.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)

_REDACTED = "<redacted>"


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
class Provider:
    """What a generated client knows about its gateway, decided at generation time."""

    name: str
    title: str
    api_key_env: str
    base_url_env: str
    default_base_url: str | None
    user_agent: str
    envelope: Envelope | None = None


@dataclass(frozen=True)
class Operation(Generic[ModelT]):
    """One documented operation: where it is and what its success response is."""

    name: str
    method: str
    path: str
    response_model: type[ModelT]


def to_jsonable(value: Any) -> Any:
    """The JSON value of an argument, exactly as the caller gave it.

    Models become what they were built from (`exclude_unset`: no defaults filled in); mappings
    and sequences keep their order; numbers and strings are untouched. `NOT_GIVEN` entries are
    left out, since they were never given.
    """
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {key: to_jsonable(item) for key, item in value.items() if item is not NOT_GIVEN}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in value]
    return value


def json_pointer(document: Any, pointer: str) -> Any:
    """The value at an RFC 6901 pointer, or None where the document has nothing there."""
    current = document
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(current, Mapping) and token in current:
            current = current[token]
        elif isinstance(current, list) and token.isdigit() and int(token) < len(current):
            current = current[int(token)]
        else:
            return None
    return current


class _BaseClient:
    """What the sync and async clients share: configuration, requests and responses."""

    _provider: ClassVar[Provider]

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: float | httpx.Timeout | NotGiven | None,
    ) -> None:
        provider = self._provider
        key = api_key if api_key is not None else os.environ.get(provider.api_key_env)
        if not key:
            raise ConfigurationError(
                f"No API key for {provider.title}: pass api_key=... to "
                f"{type(self).__name__}() or set the environment variable "
                f"{provider.api_key_env}."
            )
        url = base_url or os.environ.get(provider.base_url_env) or provider.default_base_url
        if not url:
            raise ConfigurationError(
                f"No base URL for {provider.title}: its documentation names no server. "
                f"Pass base_url='https://...' to {type(self).__name__}() or set the "
                f"environment variable {provider.base_url_env}."
            )
        if httpx.URL(url).scheme not in ("https", "http"):
            raise ConfigurationError(
                f"The base URL {url!r} for {provider.title} is not an http(s) URL; "
                "give the full address, such as 'https://api.example.com'."
            )
        self._api_key = key
        self.base_url = url.rstrip("/")
        self.timeout = timeout
        self._log = logging.getLogger(provider.name + "_client")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key={_REDACTED!r})"

    def _build_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        operation: Operation[Any],
        *,
        path_params: Mapping[str, Any] | None,
        query: Mapping[str, Any] | None,
        body: Mapping[str, Any] | None,
    ) -> httpx.Request:
        path = operation.path
        for name, value in (path_params or {}).items():
            path = path.replace("{" + name + "}", quote(str(value), safe=""))
        params = {k: to_jsonable(v) for k, v in (query or {}).items() if v is not NOT_GIVEN}
        headers = {
            "Accept": "application/json",
            "User-Agent": self._provider.user_agent,
            "Authorization": f"Bearer {self._api_key}",
        }
        content: bytes | None = None
        if body is not None:
            payload = to_jsonable(body)
            try:
                text = json.dumps(
                    payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False
                )
            except (TypeError, ValueError) as exc:
                raise TypeError(
                    f"The arguments of {operation.name} cannot be sent as JSON: {exc}. Pass "
                    "strings, finite numbers, booleans, None, lists, dicts or the package's "
                    "models."
                ) from exc
            content = text.encode("utf-8")
            headers["Content-Type"] = "application/json"
        extensions = {}
        if not isinstance(self.timeout, NotGiven):
            extensions["timeout"] = httpx.Timeout(self.timeout).as_dict()
        request = http.build_request(
            operation.method,
            self.base_url + path,
            params=params or None,
            content=content,
            headers=headers,
            extensions=extensions,
        )
        self._log.debug("%s %s (%s)", request.method, request.url, operation.name)
        return request

    def _redacted(self, request: httpx.Request) -> httpx.Request:
        """A copy of the request that is safe to keep in an error: no API key."""
        headers = httpx.Headers(request.headers)
        if "Authorization" in headers:
            headers["Authorization"] = "Bearer " + _REDACTED
        return httpx.Request(request.method, request.url, headers=headers, content=request.content)

    def _transport_error(
        self, operation: Operation[Any], request: httpx.Request, exc: httpx.TransportError
    ) -> APIConnectionError:
        safe_request = self._redacted(request)
        exc.request = safe_request  # the chained httpx error must not keep the key either
        kind = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        what = "timed out" if kind is APITimeoutError else "could not be completed"
        return kind(
            f"{operation.name} ({request.method} {request.url}) {what}: "
            f"{type(exc).__name__}: {exc}. Check the base URL and the network, and "
            "query the task before creating it again: the gateway may have received it.",
            request=safe_request,
        )

    def _parse(
        self, operation: Operation[ModelT], request: httpx.Request, response: httpx.Response
    ) -> ModelT:
        try:
            body: Any = response.json()
        except ValueError:
            body = response.text
        safe_request = self._redacted(request)
        # Errors keep the response, and a response keeps its request: let that be the copy
        # without the API key.
        response.request = safe_request
        if not response.is_success:
            raise self._status_error(
                operation, safe_request, response, body, code=None, message=None, request_id=None
            )
        envelope = self._provider.envelope
        if envelope is not None:
            code = json_pointer(body, envelope.code)
            # No code at all is not a reported failure: the schema check below names it.
            if code is not None and code not in envelope.success:
                raise self._status_error(
                    operation,
                    safe_request,
                    response,
                    body,
                    code=code,
                    message=json_pointer(body, envelope.message) if envelope.message else None,
                    request_id=(
                        json_pointer(body, envelope.request_id) if envelope.request_id else None
                    ),
                )
        try:
            return operation.response_model.model_validate(body)
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "(the body)"
            raise APIResponseValidationError(
                f"The {response.status_code} response to {operation.name} does not match the "
                f"documented schema: {field}: {first['msg']} ({exc.error_count()} problem(s) in "
                "all). The body is kept in the error's .body; if the gateway changed, "
                "regenerate the client from an updated spec.",
                request=safe_request,
                response=response,
                body=body,
            ) from exc

    def _status_error(
        self,
        operation: Operation[Any],
        request: httpx.Request,
        response: httpx.Response,
        body: Any,
        *,
        code: Any,
        message: Any,
        request_id: Any,
    ) -> APIStatusError:
        where = f"HTTP {response.status_code}"
        if code is not None:
            where += f" with provider code {code!r}"
        said = f": {message}" if message else ""
        rid = f" (request id {request_id})" if request_id else ""
        # An envelope failure has no HTTP status of its own to classify it by.
        error_class = status_error_class(response.status_code) if code is None else APIStatusError
        return error_class(
            f"{operation.name} failed, {where}{said}{rid}. The response body is in the "
            "error's .body.",
            request=request,
            response=response,
            body=body,
            code=code,
            provider_message=str(message) if message is not None else None,
            request_id=str(request_id) if request_id is not None else None,
        )


class SyncAPIClient(_BaseClient):
    """The base of a generated `Client`; usable as a context manager."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(api_key=api_key, base_url=base_url, timeout=timeout)
        if http_client is None and isinstance(timeout, NotGiven):
            self.timeout = DEFAULT_TIMEOUT
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client()

    def _request(
        self,
        operation: Operation[ModelT],
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> ModelT:
        request = self._build_request(
            self._http, operation, path_params=path_params, query=query, body=body
        )
        try:
            response = self._http.send(request)
        except httpx.TransportError as exc:
            raise self._transport_error(operation, request, exc) from exc
        return self._parse(operation, request, response)

    def close(self) -> None:
        """Close the connection pool, unless the caller passed its own `http_client`."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncAPIClient(_BaseClient):
    """The base of a generated `AsyncClient`; usable as an async context manager."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(api_key=api_key, base_url=base_url, timeout=timeout)
        if http_client is None and isinstance(timeout, NotGiven):
            self.timeout = DEFAULT_TIMEOUT
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient()

    async def _request(
        self,
        operation: Operation[ModelT],
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> ModelT:
        request = self._build_request(
            self._http, operation, path_params=path_params, query=query, body=body
        )
        try:
            response = await self._http.send(request)
        except httpx.TransportError as exc:
            raise self._transport_error(operation, request, exc) from exc
        return self._parse(operation, request, response)

    async def close(self) -> None:
        """Close the connection pool, unless the caller passed its own `http_client`."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
