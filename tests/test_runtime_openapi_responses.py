"""What the runtime returns for an OpenAPI operation: models, root models (lists, primitives),
nothing, text, binary bodies streamed to a file, and the right kind for each 2xx status.

Every response comes from respx; nothing touches the network.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from generator import runtime
from tests.openapi_runtime import (
    API_KEY,
    BASE_URL,
    KEY_ENV,
    Thing,
    client_classes,
    send,
)

MODES = pytest.mark.parametrize("mode", ["sync", "async"])
IDENT = "12345678-1234-5678-1234-567812345678"
VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


def op(**fields: Any) -> runtime.Operation[Any]:
    return runtime.Operation(**{"name": "getThing", "method": "GET", "path": "/thing", **fields})


@MODES
def test_a_model_response_is_parsed_with_its_formats(mode: str, api: respx.MockRouter) -> None:
    api.get(f"{BASE_URL}/thing").respond(json={"id": IDENT, "day": "2026-01-02"})
    thing = send(mode, op(response_model="Thing"))
    assert isinstance(thing, Thing)
    assert thing.id == uuid.UUID(IDENT)
    assert thing.day is not None and thing.day.isoformat() == "2026-01-02"


@MODES
def test_a_root_response_returns_the_value_itself(mode: str, api: respx.MockRouter) -> None:
    api.get(f"{BASE_URL}/thing").respond(json=[3, 1, 2])
    assert send(mode, op(response_kind="root", response_model="Ids")) == [3, 1, 2]


@MODES
def test_a_root_response_that_breaks_its_schema_is_an_error(
    mode: str, api: respx.MockRouter
) -> None:
    api.get(f"{BASE_URL}/thing").respond(json=[1, "two"])
    with pytest.raises(runtime.APIResponseValidationError, match=r"\[1\]") as caught:
        send(mode, op(response_kind="root", response_model="Ids"))
    assert caught.value.body == [1, "two"]


@MODES
@pytest.mark.parametrize("answer", [httpx.Response(204), httpx.Response(200, text="ignored")])
def test_a_none_response_returns_none(
    mode: str, answer: httpx.Response, api: respx.MockRouter
) -> None:
    api.get(f"{BASE_URL}/thing").mock(return_value=answer)
    assert send(mode, op(response_kind="none")) is None


@MODES
def test_a_text_response_returns_the_text(mode: str, api: respx.MockRouter) -> None:
    route = api.get(f"{BASE_URL}/thing").respond(text="line one\nline two")
    assert send(mode, op(response_kind="text", accept="text/plain")) == "line one\nline two"
    assert route.calls.last.request.headers["Accept"] == "text/plain"


SEVERAL = op(
    response_model="Thing",
    other_responses={"201": ("root", "Ids"), "202": ("none", None)},
)
RANGE = op(response_model="Thing", other_responses={"201": ("none", None), "2XX": ("text", None)})


@MODES
@pytest.mark.parametrize(
    ("operation", "status", "body", "expected"),
    [
        (SEVERAL, 201, [7], [7]),
        (SEVERAL, 202, {"queued": True}, None),
        (SEVERAL, 200, {"id": IDENT}, Thing(id=IDENT)),
        (RANGE, 201, {"id": IDENT}, None),  # the exact status first
        (RANGE, 203, {"id": IDENT}, '{"id":"' + IDENT + '"}'),  # then its range
    ],
)
def test_the_kind_follows_the_status(
    mode: str,
    operation: runtime.Operation[Any],
    status: int,
    body: Any,
    expected: Any,
    api: respx.MockRouter,
) -> None:
    api.get(f"{BASE_URL}/thing").respond(status, json=body)
    assert send(mode, operation) == expected


# -- binary ----------------------------------------------------------------------------------

DOWNLOAD = op(
    name="downloadFile",
    path="/files/f-1/content",
    response_kind="binary",
    accept="application/octet-stream",
)
FILE_URL = f"{BASE_URL}/files/f-1/content"


class Watched(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that records whether anyone read it."""

    def __init__(self, data: bytes, chunk: int = 1000) -> None:
        self.data, self.chunk, self.read = data, chunk, False

    def __iter__(self) -> Iterator[bytes]:
        self.read = True
        for start in range(0, len(self.data), self.chunk):
            yield self.data[start : start + self.chunk]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for part in self:
            yield part


def with_client(mode: str, use: Any, **options: Any) -> Any:
    """`use(client)` on a fresh client; for async, `use` returns an awaitable."""
    client_class, async_class = client_classes()
    settings = {"api_key": API_KEY, "base_url": BASE_URL, "max_retries": 0, **options}
    if mode == "sync":
        with client_class(**settings) as client:
            return use(client)

    async def run() -> Any:
        async with async_class(**settings) as client:
            return await use(client)

    return asyncio.run(run())


def test_a_binary_response_is_not_read_until_asked(api: respx.MockRouter, tmp_path: Path) -> None:
    body = Watched(VIDEO)
    headers = {"Content-Type": "video/mp4", "Content-Length": str(len(VIDEO))}
    route = api.get(FILE_URL).mock(return_value=httpx.Response(200, headers=headers, stream=body))

    def use(client: Any) -> Any:
        with client._request(DOWNLOAD) as download:
            assert isinstance(download, runtime.BinaryResponse)
            assert body.read is False
            assert download.content_type == "video/mp4"
            assert download.headers["Content-Length"] == str(len(VIDEO))
            saved = download.write_to(tmp_path / "out" / "clip.mp4")
            assert body.read is True
            return saved

    saved = with_client("sync", use)
    assert saved == tmp_path / "out" / "clip.mp4"
    assert saved.read_bytes() == VIDEO
    assert [p.name for p in saved.parent.iterdir()] == ["clip.mp4"]
    assert route.calls.last.request.headers["Accept"] == "application/octet-stream"


def test_an_async_binary_response_streams_the_same_way(
    api: respx.MockRouter, tmp_path: Path
) -> None:
    body = Watched(VIDEO)
    headers = {"Content-Type": "video/mp4", "Content-Length": str(len(VIDEO))}
    api.get(FILE_URL).mock(return_value=httpx.Response(200, headers=headers, stream=body))

    async def use(client: Any) -> Any:
        async with await client._request(DOWNLOAD) as download:
            assert isinstance(download, runtime.AsyncBinaryResponse)
            assert body.read is False
            return await download.write_to(tmp_path / "clip.mp4")

    assert with_client("async", use).read_bytes() == VIDEO


@MODES
def test_read_and_iter_bytes_give_the_whole_body(mode: str, api: respx.MockRouter) -> None:
    api.get(FILE_URL).mock(return_value=httpx.Response(200, stream=Watched(VIDEO)))

    def use_sync(client: Any) -> Any:
        with client._request(DOWNLOAD) as first:
            whole = first.read()
        with client._request(DOWNLOAD) as second:
            chunks = list(second.iter_bytes(4096))
        return whole, chunks

    async def use_async(client: Any) -> Any:
        async with await client._request(DOWNLOAD) as first:
            whole = await first.read()
        async with await client._request(DOWNLOAD) as second:
            chunks = [chunk async for chunk in second.aiter_bytes(4096)]
        return whole, chunks

    whole, chunks = with_client(mode, use_sync if mode == "sync" else use_async)
    assert whole == VIDEO
    assert b"".join(chunks) == VIDEO
    assert max(len(chunk) for chunk in chunks) <= 4096


@MODES
def test_a_short_binary_body_is_refused_and_nothing_is_written(
    mode: str, api: respx.MockRouter, tmp_path: Path
) -> None:
    headers = {"Content-Length": str(len(VIDEO) + 100)}
    api.get(FILE_URL).mock(return_value=httpx.Response(200, headers=headers, stream=Watched(VIDEO)))
    target = tmp_path / "clip.mp4"

    def use_sync(client: Any) -> Any:
        return client._request(DOWNLOAD).write_to(target)

    async def use_async(client: Any) -> Any:
        return await (await client._request(DOWNLOAD)).write_to(target)

    with pytest.raises(runtime.APIConnectionError, match="cut short") as caught:
        with_client(mode, use_sync if mode == "sync" else use_async)
    assert f"announced {len(VIDEO) + 100} bytes and sent {len(VIDEO)}" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@MODES
def test_a_binary_operation_answering_an_error_raises_the_typed_error(
    mode: str, api: respx.MockRouter
) -> None:
    api.get(FILE_URL).respond(404, json={"error": {"message": "no such file"}})

    def use_sync(client: Any) -> Any:
        return client._request(DOWNLOAD)

    async def use_async(client: Any) -> Any:
        return await client._request(DOWNLOAD)

    with pytest.raises(runtime.NotFoundError) as caught:
        with_client(mode, use_sync if mode == "sync" else use_async)
    assert caught.value.body == {"error": {"message": "no such file"}}
    assert "Bearer <redacted>" == caught.value.request.headers["Authorization"]


@MODES
def test_binary_for_one_status_and_a_model_for_another(mode: str, api: respx.MockRouter) -> None:
    """A 200 is the file; a 202 says it is not ready yet, as JSON."""
    operation = op(
        path="/files/f-1/content",
        response_kind="binary",
        other_responses={"202": ("model", "Thing")},
    )
    api.get(FILE_URL).respond(202, json={"id": IDENT})

    def use_sync(client: Any) -> Any:
        return client._request(operation)

    async def use_async(client: Any) -> Any:
        return await client._request(operation)

    assert with_client(mode, use_sync if mode == "sync" else use_async) == Thing(id=IDENT)


@MODES
def test_a_binary_response_is_returned_raw_too(mode: str, api: respx.MockRouter) -> None:
    api.get(FILE_URL).respond(200, content=b"abc")

    def use_sync(client: Any) -> Any:
        raw = runtime.raw_response(client._request)(DOWNLOAD)
        with raw.parse() as download:
            return raw.status_code, download.read()

    async def use_async(client: Any) -> Any:
        raw = await runtime.async_raw_response(client._request)(DOWNLOAD)
        async with raw.parse() as download:
            return raw.status_code, await download.read()

    assert with_client(mode, use_sync if mode == "sync" else use_async) == (200, b"abc")
