"""Server-sent events (`text/event-stream`): an answer read event by event, as it arrives.

An operation whose answer is a stream of events returns an `EventStream` (`AsyncEventStream`
from an async client) instead of reading the body: iterate it for `ServerSentEvent`s, each with
its `event` type, its `data` text (`.json()` decodes it), its `id` and `retry`. The stream is
read as the HTML standard's event-stream parser reads it: lines end with CRLF, LF or CR, a
blank line ends an event, `:` starts a comment, and an event cut off by the end of the body is
dropped. The connection goes back to the pool once the stream is read to its end, or on
`close()` (the streams are context managers too).

    with client.responses.create_response_events(model="gpt-5", input="Hi", stream=True) as events:
        for event in events:
            print(event.event, event.data)
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

from ._errors import APIConnectionError, APIResponseValidationError
from ._json import response_body
from ._spec import Operation

if sys.version_info >= (3, 11):
    from typing import Self
else:  # typing_extensions comes with pydantic
    from typing_extensions import Self

__all__ = ["AsyncEventStream", "EventStream", "ServerSentEvent", "is_event_stream", "read_events"]

EVENT_STREAM = "text/event-stream"


def is_event_stream(response: httpx.Response) -> bool:
    """Whether the server declared its body a stream of events."""
    declared = response.headers.get("Content-Type", "")
    return str(declared).split(";", 1)[0].strip().lower() == EVENT_STREAM


@dataclass(frozen=True)
class ServerSentEvent:
    """One event: its type (`message` unless the server named one), its data (the `data:`
    lines joined by newlines), the last event id the stream set, and the reconnection time
    in milliseconds it asked for (None: it asked for none)."""

    data: str
    event: str = "message"
    id: str | None = None
    retry: int | None = None

    def json(self) -> Any:
        """The data decoded as JSON (raises `ValueError` for data that is not JSON, such as
        OpenAI's closing `[DONE]`)."""
        return json.loads(self.data)


class _Parser:
    """The event-stream parser, fed text in pieces of any size."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""  # text after the last complete line
        self._first = True  # a byte order mark may start the stream
        self._data: list[str] = []
        self._event = ""
        self._id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        return self._lines(self._pending + self._decoder.decode(chunk), final=False)

    def end(self) -> list[ServerSentEvent]:
        """The last events; an event not ended by a blank line is dropped, as the standard says."""
        return self._lines(self._pending + self._decoder.decode(b"", final=True), final=True)

    def _lines(self, text: str, *, final: bool) -> list[ServerSentEvent]:
        if self._first and text:
            text, self._first = text.removeprefix("\ufeff"), False
        events: list[ServerSentEvent] = []
        start = 0
        while True:
            cr, lf = text.find("\r", start), text.find("\n", start)
            ends = [i for i in (cr, lf) if i >= 0]
            if not ends:
                break
            end = min(ends)
            if end == cr and end + 1 == len(text) and not final:
                break  # a CR at the end of a piece may be the first half of a CRLF
            step = 2 if text.startswith("\r\n", end) else 1
            event = self._line(text[start:end])
            if event is not None:
                events.append(event)
            start = end + step
        self._pending = "" if final else text[start:]
        return events

    def _line(self, line: str) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment (servers send them to keep the connection open)
        field, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if field == "event":
            self._event = value
        elif field == "data":
            self._data.append(value)
        elif field == "id" and "\0" not in value:
            self._id = value
        elif field == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        data, event = self._data, self._event
        self._data, self._event = [], ""
        if not data:
            return None
        return ServerSentEvent("\n".join(data), event or "message", self._id, self._retry)


class _Stream:
    def __init__(self, response: httpx.Response, operation: str) -> None:
        self.http_response = response
        self._operation = operation

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def _failed(self, exc: httpx.HTTPError) -> APIConnectionError:
        error = APIConnectionError(
            f"Reading the events of {self._operation} failed: {type(exc).__name__}: {exc}. "
            f"The events before it were delivered; call {self._operation} again for the rest.",
            request=self.http_response.request,
        )
        error.__cause__ = exc
        return error

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<{type(self).__name__} [{self.status_code}] {request.method} {request.url}>"


def _events(parser: _Parser, chunks: Iterable[bytes]) -> Iterator[ServerSentEvent]:
    for chunk in chunks:
        yield from parser.feed(chunk)
    yield from parser.end()


class EventStream(_Stream):
    """A 2xx answer that is a stream of server-sent events (from a sync `Client`)."""

    def __iter__(self) -> Iterator[ServerSentEvent]:
        """The events, each as soon as it has arrived; the response is closed at the end."""
        try:
            yield from _events(_Parser(), self.http_response.iter_bytes())
        except httpx.HTTPError as exc:
            raise self._failed(exc) from exc
        finally:
            self.close()

    def close(self) -> None:
        """Give the connection back (the events not read yet are dropped)."""
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


class AsyncEventStream(_Stream):
    """A 2xx answer that is a stream of server-sent events (from an `AsyncClient`)."""

    async def __aiter__(self) -> AsyncIterator[ServerSentEvent]:
        """The events, each as soon as it has arrived; the response is closed at the end."""
        parser = _Parser()
        try:
            async for chunk in self.http_response.aiter_bytes():
                for event in parser.feed(chunk):
                    yield event
            for event in parser.end():
                yield event
        except httpx.HTTPError as exc:
            raise self._failed(exc) from exc
        finally:
            await self.aclose()

    async def aclose(self) -> None:
        """Give the connection back (the events not read yet are dropped)."""
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


def read_events(
    response: httpx.Response, operation: Operation[Any], kind: str, *, asynchronous: bool
) -> Any:
    """The stream of events an `..._events` method returns (for the client style that received
    it). Any other answer to one, or an answer in events to a method that reads a body, is an
    `APIResponseValidationError` saying what to do."""
    if kind == "events" and is_event_stream(response):
        if asynchronous:
            return AsyncEventStream(response, operation.name)
        return EventStream(response, operation.name)
    declared = response.headers.get("Content-Type") or "no content type"
    if kind == "events":
        message = (
            f"{operation.name} asked for server-sent events and the {response.status_code} "
            f"answer is {declared}: the API may need its own switch to stream (an argument "
            "such as stream=True). The body is kept in the error's .body."
        )
    elif operation.events_method:
        message = (
            f"The {response.status_code} answer to {operation.name} is a stream of server-sent "
            f"events, which this method does not read: call {operation.events_method} to read "
            "them."
        )
    else:
        message = (
            f"The {response.status_code} answer to {operation.name} is a stream of server-sent "
            "events, which its document does not mention; if the API changed, regenerate the "
            "client from an updated spec."
        )
    raise APIResponseValidationError(
        message, request=response.request, response=response, body=response_body(response)
    )
