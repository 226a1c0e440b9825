"""The two clients a generated package builds on: `SyncAPIClient` (httpx.Client) and
`AsyncAPIClient` (httpx.AsyncClient).

Everything that does not depend on how a request is awaited (preparing, validating, retry
decisions, errors, waiting rules) lives in `_base._BaseClient`; these classes only send, sleep,
wait and download, each in its own I/O style.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from ._base import DEFAULT_TIMEOUT, POOL_LIMITS, _BaseClient, _ssl_context
from ._download import adownload, download
from ._errors import APIError
from ._request import Timeout
from ._retry import DEFAULT_MAX_RETRIES
from ._spec import ModelT, Operation
from ._task import (
    DEFAULT_MAX_WAIT,
    DEFAULT_POLL_INTERVAL,
    DownloadProgress,
    Lifecycle,
    TaskProgress,
    TaskResult,
)
from ._tracking import LedgerOption
from ._types import NOT_GIVEN, NotGiven

if sys.version_info >= (3, 11):
    from typing import Self
else:  # typing_extensions comes with pydantic
    from typing_extensions import Self

__all__ = ["AsyncAPIClient", "SyncAPIClient"]


class SyncAPIClient(_BaseClient):
    """The base of a generated `Client`; usable as a context manager."""

    _sleep: Callable[[float], None] = staticmethod(time.sleep)

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        validate_requests: bool = True,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        ledger: LedgerOption = None,
        basic_auth: tuple[str, str] | None = None,
    ) -> None:
        if http_client is None and isinstance(timeout, NotGiven):
            timeout = DEFAULT_TIMEOUT
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            validate_requests=validate_requests,
            default_headers=default_headers,
            ledger=ledger,
            basic_auth=basic_auth,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(verify=_ssl_context(), limits=POOL_LIMITS)

    def _request(
        self,
        operation: Operation[ModelT],
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        headers: Mapping[str, Any] | None = None,
        cookies: Mapping[str, Any] | None = None,
        body: Any = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ModelT:
        http = self._http
        call = self._prepare(
            http,
            operation,
            path_params=path_params,
            query=query,
            headers=headers,
            cookies=cookies,
            body=body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        try:
            self._record(call)
            while True:
                self._log_request(call)
                started = time.monotonic()
                try:
                    response = http.send(call.request, stream=call.streamed)
                    if call.streamed and not call.streams(response):
                        response.read()
                except httpx.RequestError as exc:
                    failure = self._transport_failure(call, exc)
                else:
                    self._log_response(call, response, started)
                    found = self._response_failure(call, response)
                    if found is None:
                        result: ModelT = self._result(call, response)
                        return result
                    failure = found
                self._sleep(self._retry_delay(call, failure))
        finally:
            call.close()

    def _wait(
        self,
        lifecycle: Lifecycle,
        task_id: str,
        *,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
    ) -> TaskResult[Any]:
        """Poll until the task succeeds (its result), fails or outlives `max_wait` (errors)."""
        waiter = self._waiter(lifecycle, task_id, max_wait, poll_interval, on_progress)
        try:
            while True:
                try:
                    answer = self._request(lifecycle.poll, **waiter.poll_arguments())
                except APIError as error:
                    waiter.failed_poll(error)
                else:
                    result = waiter.seen(answer, self)
                    if result is not None:
                        return result
                self._sleep(waiter.next_delay())
        except BaseException as exc:
            self._interrupted(task_id, exc)
            raise

    def _download(
        self,
        result: TaskResult[Any],
        path: Path,
        on_progress: Callable[[DownloadProgress], None] | None,
    ) -> Path:
        return download(self, result, path, on_progress)

    def close(self) -> None:
        """Close the connection pool, unless the caller passed its own `http_client`."""
        self._close_ledger()
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


class _InFlight:
    """At most `limit` requests in flight at once (no limit for None), for one event loop."""

    def __init__(self, limit: int | None) -> None:
        self._limit = limit
        self._semaphore: Any = None  # made on first use: asyncio is imported only when needed

    async def __aenter__(self) -> None:
        if self._limit is None:
            return
        if self._semaphore is None:
            import asyncio  # only async users pay for importing asyncio

            self._semaphore = asyncio.Semaphore(self._limit)
        await self._semaphore.acquire()

    async def __aexit__(self, *exc_info: object) -> None:
        if self._semaphore is not None:
            self._semaphore.release()


async def _async_sleep(seconds: float) -> None:
    import asyncio  # only async users pay for importing asyncio

    await asyncio.sleep(seconds)


class AsyncAPIClient(_BaseClient):
    """The base of a generated `AsyncClient`; usable as an async context manager."""

    _sleep: Callable[[float], Any] = staticmethod(_async_sleep)
    _asynchronous = True

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        validate_requests: bool = True,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        ledger: LedgerOption = None,
        basic_auth: tuple[str, str] | None = None,
    ) -> None:
        if http_client is None and isinstance(timeout, NotGiven):
            timeout = DEFAULT_TIMEOUT
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            validate_requests=validate_requests,
            default_headers=default_headers,
            ledger=ledger,
            basic_auth=basic_auth,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(verify=_ssl_context(), limits=POOL_LIMITS)
        # Requests beyond the pool's size wait here, not in httpx's pool: a pool with hundreds of
        # queued requests (many concurrent waits) spends its time re-sorting the queue.
        self._in_flight = _InFlight(POOL_LIMITS.max_connections if http_client is None else None)

    async def _request(
        self,
        operation: Operation[ModelT],
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        headers: Mapping[str, Any] | None = None,
        cookies: Mapping[str, Any] | None = None,
        body: Any = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ModelT:
        http = self._http
        call = self._prepare(
            http,
            operation,
            path_params=path_params,
            query=query,
            headers=headers,
            cookies=cookies,
            body=body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        try:
            self._record(call)
            while True:
                self._log_request(call)
                started = time.monotonic()
                try:
                    async with self._in_flight:
                        response = await http.send(call.request, stream=call.streamed)
                        if call.streamed and not call.streams(response):
                            await response.aread()
                except httpx.RequestError as exc:
                    failure = self._transport_failure(call, exc)
                else:
                    self._log_response(call, response, started)
                    found = self._response_failure(call, response)
                    if found is None:
                        result: ModelT = self._result(call, response)
                        return result
                    failure = found
                await self._sleep(self._retry_delay(call, failure))
        finally:
            call.close()

    async def _wait(
        self,
        lifecycle: Lifecycle,
        task_id: str,
        *,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
    ) -> TaskResult[Any]:
        """Poll until the task succeeds (its result), fails or outlives `max_wait` (errors).

        Cancelling the awaiting task stops the polling at once; the task id is logged.
        """
        waiter = self._waiter(lifecycle, task_id, max_wait, poll_interval, on_progress)
        try:
            while True:
                try:
                    answer = await self._request(lifecycle.poll, **waiter.poll_arguments())
                except APIError as error:
                    waiter.failed_poll(error)
                else:
                    result = waiter.seen(answer, self)
                    if result is not None:
                        return result
                await self._sleep(waiter.next_delay())
        except BaseException as exc:
            self._interrupted(task_id, exc)
            raise

    async def _adownload(
        self,
        result: TaskResult[Any],
        path: Path,
        on_progress: Callable[[DownloadProgress], None] | None,
    ) -> Path:
        return await adownload(self, result, path, on_progress)

    async def close(self) -> None:
        """Close the connection pool, unless the caller passed its own `http_client`."""
        self._close_ledger()
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
