"""Server-sent events: an operation answered with `text/event-stream` returns a stream read event
by event as the body arrives (sync and async), parsed as the HTML standard's event-stream format
says; an answer of another kind, or events to a method that reads a body, is a clear error.

Every response comes from respx; nothing touches the network.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from generator import runtime
from generator.runtime._events import _Parser
from tests.fresh_package import generate_fresh, imported
from tests.openapi_runtime import KEY_ENV
from tests.test_runtime_openapi_responses import BASE_URL, with_client

MODES = pytest.mark.parametrize("mode", ["sync", "async"])
URL = f"{BASE_URL}/chat"
SSE = {"Content-Type": "text/event-stream; charset=utf-8"}

CHAT = runtime.Operation(
    name="createChat", method="POST", path="/chat", response_model="Thing", events_method=None
)
CHAT_EVENTS = runtime.as_events(CHAT)

#: A stream with each feature of the format: comments, a named event, several data lines, an id
#: kept for the events after it, a retry, a field without a colon, CRLF and CR line ends, an
#: event without data (never dispatched), and a last event cut off by the end of the body.
STREAM = (
    b": keep-alive\n\n"
    b'data: {"delta": "Hel"}\n\n'
    b"event: done\r\ndata: first line\r\ndata:second line\r\nid: 7\r\n\r\n"
    b"retry: 1500\rdata\r\r"
    b"event: ignored\n\n"
    b"data: cut off"
)
EVENTS = [
    runtime.ServerSentEvent('{"delta": "Hel"}'),
    runtime.ServerSentEvent("first line\nsecond line", "done", "7"),
    runtime.ServerSentEvent("", "message", "7", 1500),
]


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


class Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body sent in the given pieces, recording how many were read."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks, self.sent = chunks, 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.sent += 1
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk


def events_of(mode: str, operation: runtime.Operation[Any], **call: Any) -> Any:
    """Call `operation` and read every event of its answer: (stream, events)."""

    def use_sync(client: Any) -> Any:
        with client._request(operation, **call) as stream:
            return stream, list(stream)

    async def use_async(client: Any) -> Any:
        async with await client._request(operation, **call) as stream:
            return stream, [event async for event in stream]

    return with_client(mode, use_sync if mode == "sync" else use_async)


@MODES
def test_events_are_parsed_as_the_format_says(mode: str, api: respx.MockRouter) -> None:
    route = api.post(URL).mock(return_value=httpx.Response(200, headers=SSE, content=STREAM))
    stream, events = events_of(mode, CHAT_EVENTS, body={"stream": True})
    assert events == EVENTS
    assert events[0].json() == {"delta": "Hel"}
    assert isinstance(stream, runtime.AsyncEventStream if mode == "async" else runtime.EventStream)
    request = route.calls.last.request
    assert request.headers["Accept"] == "text/event-stream"
    kept = stream.http_response.request.headers["Authorization"]
    assert kept == "Bearer <redacted>"  # the stream keeps no credential
    assert stream.http_response.is_closed


def test_each_event_comes_as_soon_as_it_has_arrived(api: respx.MockRouter) -> None:
    body = Chunks(b"data: one\n\n", b"data: two\n", b"\n", b"data: three\n\n")
    api.post(URL).mock(return_value=httpx.Response(200, headers=SSE, stream=body))

    def use(client: Any) -> Any:
        seen = []
        with client._request(CHAT_EVENTS, body={}) as stream:
            assert body.sent == 0  # nothing is read before the caller asks
            for event in stream:
                seen.append((event.data, body.sent))
        return seen

    assert with_client("sync", use) == [("one", 1), ("two", 3), ("three", 4)]


def test_lines_split_anywhere_across_pieces_give_the_same_events() -> None:
    text = STREAM.replace(b"first", "f\u00efrst".encode())  # a character of two bytes
    whole = _Parser()
    expected = whole.feed(text) + whole.end()
    assert expected[1].data == "f\u00efrst line\nsecond line"
    for cut in range(1, len(text)):
        parser = _Parser()
        found = parser.feed(text[:cut]) + parser.feed(text[cut:]) + parser.end()
        assert found == expected, f"split at {cut}: {text[:cut]!r}"


def test_a_byte_order_mark_before_the_first_field_is_ignored() -> None:
    parser = _Parser()
    assert parser.feed("\ufeffevent: x\ndata: y\n\n".encode()) == [
        runtime.ServerSentEvent("y", "x")
    ]


@MODES
def test_an_events_method_answered_otherwise_says_what_to_do(
    mode: str, api: respx.MockRouter
) -> None:
    api.post(URL).respond(200, json={"id": "not a stream"})

    def use_sync(client: Any) -> Any:
        return client._request(CHAT_EVENTS, body={})

    async def use_async(client: Any) -> Any:
        return await client._request(CHAT_EVENTS, body={})

    with pytest.raises(runtime.APIResponseValidationError) as caught:
        with_client(mode, use_sync if mode == "sync" else use_async)
    message = str(caught.value)
    assert "createChat asked for server-sent events" in message
    assert "application/json" in message and "stream=True" in message
    assert caught.value.body == {"id": "not a stream"}


@MODES
@pytest.mark.parametrize(
    ("events_method", "advice"),
    [("create_chat_events", "call create_chat_events to read them"), (None, "regenerate")],
)
def test_events_to_a_method_that_reads_a_body_name_the_method_that_reads_them(
    mode: str, events_method: str | None, advice: str, api: respx.MockRouter
) -> None:
    api.post(URL).mock(return_value=httpx.Response(200, headers=SSE, content=b"data: x\n\n"))
    operation = runtime.Operation(
        name="createChat",
        method="POST",
        path="/chat",
        response_model="Thing",
        events_method=events_method,
    )

    def use_sync(client: Any) -> Any:
        return client._request(operation, body={})

    async def use_async(client: Any) -> Any:
        return await client._request(operation, body={})

    with pytest.raises(runtime.APIResponseValidationError, match=advice):
        with_client(mode, use_sync if mode == "sync" else use_async)


@MODES
def test_an_error_status_is_the_typed_error_not_a_stream(mode: str, api: respx.MockRouter) -> None:
    api.post(URL).respond(429, json={"error": {"message": "slow down"}})

    def use_sync(client: Any) -> Any:
        return client._request(CHAT_EVENTS, body={})

    async def use_async(client: Any) -> Any:
        return await client._request(CHAT_EVENTS, body={})

    with pytest.raises(runtime.RateLimitError) as caught:
        with_client(mode, use_sync if mode == "sync" else use_async)
    assert caught.value.body == {"error": {"message": "slow down"}}


def test_a_stream_cut_by_the_network_keeps_the_events_before_it(api: respx.MockRouter) -> None:
    class Broken(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield b"data: kept\n\n"
            raise httpx.ReadError("connection reset")

    api.post(URL).mock(return_value=httpx.Response(200, headers=SSE, stream=Broken()))
    seen: list[str] = []

    def use(client: Any) -> Any:
        with client._request(CHAT_EVENTS, body={}) as stream:
            for event in stream:
                seen.append(event.data)

    with pytest.raises(runtime.APIConnectionError, match="events before it were delivered"):
        with_client("sync", use)
    assert seen == ["kept"]


STREAMING_SPEC = """\
openapi: 3.1.0
info: {title: Streams, version: "1"}
servers: [{url: "https://streams.test"}]
security: [{bearer: []}]
paths:
  /chat:
    post:
      operationId: createChat
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [prompt]
              properties: {prompt: {type: string}, stream: {type: boolean}}
      responses:
        "200":
          description: the answer, whole or (with stream) as events
          content:
            application/json: {schema: {$ref: "#/components/schemas/Answer"}}
            text/event-stream: {schema: {type: string}}
  /ticks:
    get:
      operationId: watchTicks
      responses:
        "200": {description: ticks, content: {text/event-stream: {schema: {type: string}}}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Answer: {type: object, required: [text], properties: {text: {type: string}}}
"""


@pytest.mark.slow
def test_a_generated_package_streams_events_sync_and_async(tmp_path: Path) -> None:
    spec = tmp_path / "streams.yaml"
    spec.write_text(STREAMING_SPEC, encoding="utf-8")
    fresh = generate_fresh(spec, tmp_path / "gen", "streams")
    chat = b'data: {"text": "Hel"}\n\ndata: {"text": "lo"}\n\ndata: [DONE]\n\n'
    with imported(fresh) as package, respx.mock(assert_all_called=True) as api:
        route = api.post("https://streams.test/chat").mock(
            return_value=httpx.Response(200, headers=SSE, content=chat)
        )
        api.get("https://streams.test/ticks").mock(
            return_value=httpx.Response(200, headers=SSE, content=b"event: tick\ndata: 1\n\n")
        )
        with package.Client(api_key="sk-streams-0123456789") as client:
            with client.create_chat_events(prompt="Hi", stream=True) as stream:
                texts = [e.json()["text"] for e in stream if e.data != "[DONE]"]
            ticks = list(client.watch_ticks())
            raw = client.with_raw_response.create_chat_events(prompt="Hi", stream=True)
            with raw.parse() as stream:
                raw_events = [e.data for e in stream]
            with pytest.raises(package.APIResponseValidationError, match="create_chat_events"):
                client.create_chat(prompt="Hi", stream=True)

        async def read_async() -> list[str]:
            async with package.AsyncClient(api_key="sk-streams-0123456789") as client:
                stream = await client.create_chat_events(prompt="Hi", stream=True)
                return [e.data async for e in stream]

        assert asyncio.run(read_async()) == ['{"text": "Hel"}', '{"text": "lo"}', "[DONE]"]
    assert texts == ["Hel", "lo"]
    assert (raw.status_code, raw_events[-1]) == (200, "[DONE]")
    assert [(tick.event, tick.data, tick.id) for tick in ticks] == [("tick", "1", None)]
    request = route.calls.last.request
    assert request.headers["Accept"] == "text/event-stream"
    assert request.read() == b'{"prompt":"Hi","stream":true}'
