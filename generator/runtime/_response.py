"""`client.with_raw_response`: the `httpx.Response` as well as the parsed model."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, Generic, ParamSpec, TypeVar, cast

import httpx

__all__ = ["APIResponse", "async_raw_response", "raw_response", "wants_raw_response"]

ModelT = TypeVar("ModelT")  # the parsed value: a model, a list, a str, None, ...
P = ParamSpec("P")

# Set while a method runs through `with_raw_response`; the request loop reads it once.
_RAW: ContextVar[bool] = ContextVar("raw_response", default=False)


def wants_raw_response() -> bool:
    return _RAW.get()


class APIResponse(Generic[ModelT]):
    """A successful response: the `httpx.Response` and, on `parse()`, the documented value.

    Errors are raised as usual before an `APIResponse` is made; `parse()` raises
    `APIResponseValidationError` when the body does not match the schema, so the raw body
    stays reachable through `http_response` even then.
    """

    def __init__(
        self,
        *,
        http_response: httpx.Response,
        parse: Callable[[], ModelT],
        retries_taken: int,
        request_id: str | None,
    ) -> None:
        self.http_response = http_response
        self.retries_taken = retries_taken
        self.request_id = request_id
        self._parse = parse
        self._parsed: ModelT | None = None

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def parse(self) -> ModelT:
        """The body as the documented model (validated once, then kept)."""
        if self._parsed is None:
            self._parsed = self._parse()
        return self._parsed

    def __repr__(self) -> str:
        return (
            f"<APIResponse [{self.status_code}] {self.http_response.request.method} "
            f"{self.http_response.request.url}>"
        )


def raw_response(method: Callable[P, ModelT]) -> Callable[P, APIResponse[ModelT]]:
    """`method`, returning an `APIResponse` instead of the parsed model."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[ModelT]:
        token = _RAW.set(True)
        try:
            return cast("APIResponse[ModelT]", method(*args, **kwargs))
        finally:
            _RAW.reset(token)

    return call


def async_raw_response(
    method: Callable[P, Awaitable[ModelT]],
) -> Callable[P, Awaitable[APIResponse[ModelT]]]:
    """The async twin of `raw_response`."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[ModelT]:
        token = _RAW.set(True)
        try:
            result: Any = await method(*args, **kwargs)
            return cast("APIResponse[ModelT]", result)
        finally:
            _RAW.reset(token)

    return call
