"""Binary responses (downloads): the open response, read only when and as the caller asks.

An operation whose 2xx answer is a file returns a `BinaryResponse` (`AsyncBinaryResponse` from
an async client) instead of reading the body: a video of gigabytes is streamed to disk with
`write_to(path)`, which writes a temporary file beside the path and renames it into place only
once the whole body came. A body shorter than its Content-Length is refused, never saved.

Use it as a context manager, or call `close()`, so the connection goes back to the pool:

    with client.download_file(file_id="f-1") as download:
        download.write_to("video.mp4")
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

from ._errors import APIConnectionError
from ._task import temporary_file

if sys.version_info >= (3, 11):
    from typing import Self
else:  # typing_extensions comes with pydantic
    from typing_extensions import Self

__all__ = ["AsyncBinaryResponse", "BinaryResponse", "binary_response"]

_CHUNK = 1 << 16


class _Body:
    """What the sync and async responses share: headers, length checks, the file being written."""

    def __init__(self, response: httpx.Response, operation: str) -> None:
        self.http_response = response
        self._operation = operation

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def content_type(self) -> str:
        """The media type the server declared ("" when it declared none)."""
        return str(self.http_response.headers.get("Content-Type", ""))

    def _announced(self) -> int | None:
        value = self.http_response.headers.get("Content-Length", "")
        return int(value) if value.isdigit() else None

    def _check_complete(self, where: str) -> None:
        """Refuse a body shorter (or longer) than the Content-Length the server announced."""
        announced = self._announced()
        # Counted on the wire, before any Content-Encoding was undone.
        received = self.http_response.num_bytes_downloaded
        if announced is not None and received != announced:
            raise APIConnectionError(
                f"The body of {self._operation} was cut short: the server announced {announced} "
                f"bytes and sent {received}. {where} Call {self._operation} again.",
                request=self.http_response.request,
            )

    def _failed(self, exc: httpx.HTTPError, where: str) -> APIConnectionError:
        error = APIConnectionError(
            f"Reading the body of {self._operation} failed: {type(exc).__name__}: {exc}. {where} "
            f"Call {self._operation} again.",
            request=self.http_response.request,
        )
        error.__cause__ = exc
        return error

    def _open_temporary(self, path: str | os.PathLike[str]) -> tuple[Path, Path, IO[bytes]]:
        target = Path(path)
        handle, temporary = temporary_file(target)
        return target, temporary, os.fdopen(handle, "wb")

    def _finish(self, target: Path, temporary: Path, out: IO[bytes]) -> Path:
        out.close()
        self._check_complete(f"Nothing was written at {target}.")
        os.replace(temporary, target)
        return target

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<{type(self).__name__} [{self.status_code}] {request.method} {request.url}>"


class BinaryResponse(_Body):
    """A 2xx answer whose body is a file, not yet read (from a sync `Client`)."""

    def iter_bytes(self, chunk_size: int = _CHUNK) -> Iterator[bytes]:
        """The body in chunks, as it arrives; the response is closed at the end."""
        try:
            yield from self.http_response.iter_bytes(chunk_size)
        except httpx.HTTPError as exc:
            raise self._failed(exc, "") from exc
        finally:
            self.close()
        self._check_complete("")

    def read(self) -> bytes:
        """The whole body in memory: for small bodies (use `write_to` for large ones)."""
        return b"".join(self.iter_bytes())

    def write_to(self, path: str | os.PathLike[str]) -> Path:
        """Stream the body to `path` (replaced only when the whole body came); returns it."""
        target, temporary, out = self._open_temporary(path)
        try:
            with out:
                for chunk in self.http_response.iter_bytes(_CHUNK):
                    out.write(chunk)
            return self._finish(target, temporary, out)
        except httpx.HTTPError as exc:
            raise self._failed(exc, f"Nothing was written at {target}.") from exc
        finally:
            temporary.unlink(missing_ok=True)
            self.close()

    def close(self) -> None:
        """Give the connection back (the body, if unread, is dropped)."""
        self.http_response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncBinaryResponse(_Body):
    """A 2xx answer whose body is a file, not yet read (from an `AsyncClient`)."""

    async def aiter_bytes(self, chunk_size: int = _CHUNK) -> AsyncIterator[bytes]:
        """The body in chunks, as it arrives; the response is closed at the end."""
        try:
            async for chunk in self.http_response.aiter_bytes(chunk_size):
                yield chunk
        except httpx.HTTPError as exc:
            raise self._failed(exc, "") from exc
        finally:
            await self.aclose()
        self._check_complete("")

    async def read(self) -> bytes:
        """The whole body in memory: for small bodies (use `write_to` for large ones)."""
        return b"".join([chunk async for chunk in self.aiter_bytes()])

    async def write_to(self, path: str | os.PathLike[str]) -> Path:
        """Stream the body to `path` (replaced only when the whole body came); returns it."""
        target, temporary, out = self._open_temporary(path)
        try:
            with out:
                async for chunk in self.http_response.aiter_bytes(_CHUNK):
                    out.write(chunk)
            return self._finish(target, temporary, out)
        except httpx.HTTPError as exc:
            raise self._failed(exc, f"Nothing was written at {target}.") from exc
        finally:
            temporary.unlink(missing_ok=True)
            await self.aclose()

    async def aclose(self) -> None:
        """Give the connection back (the body, if unread, is dropped)."""
        await self.http_response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


def binary_response(response: httpx.Response, operation: str, *, asynchronous: bool) -> Any:
    """The response wrapped for the client style that received it."""
    if asynchronous:
        return AsyncBinaryResponse(response, operation)
    return BinaryResponse(response, operation)
