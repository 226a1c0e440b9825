"""What the runtime sends for an OpenAPI operation: header, cookie and query parameters in their
styles, and bodies as JSON values, multipart with files, forms, raw bytes and text.

Every request is answered by respx; the exact bytes, headers and query are checked.
"""

from __future__ import annotations

import base64
import datetime
import io
import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from generator import runtime
from generator.runtime import _encode as runtime_encode
from tests.openapi_runtime import BASE_URL, KEY_ENV, multipart_parts, send

MODES = pytest.mark.parametrize("mode", ["sync", "async"])
NOT_GIVEN = runtime.NOT_GIVEN


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


def op(**fields: Any) -> runtime.Operation[Any]:
    return runtime.Operation(**{"name": "doThing", "method": "POST", "path": "/things", **fields})


def last(route: respx.Route) -> httpx.Request:
    request: httpx.Request = route.calls.last.request
    return request


# -- header and cookie parameters ---------------------------------------------------------------


@MODES
def test_header_parameters_are_sent_in_simple_style(mode: str, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE_URL}/things").respond(204)
    headers = {
        "X-Version": "2024-11-06",
        "X-Dry-Run": True,
        "X-Ids": [1, 2, 3],
        "X-Point": {"x": 1, "y": "b"},
        "X-Unset": NOT_GIVEN,
    }
    send(mode, op(response_kind="none"), headers=headers)
    sent = last(route).headers
    assert sent["X-Version"] == "2024-11-06"
    assert sent["X-Dry-Run"] == "true"
    assert sent["X-Ids"] == "1,2,3"
    assert sent["X-Point"] == "x,1,y,b"
    assert "X-Unset" not in sent
    assert sent["Authorization"].startswith("Bearer ")


@MODES
@pytest.mark.parametrize("value", ["two\r\nlines", "nul\x00", "caf\u00e9"])
def test_a_header_value_no_header_may_carry_names_the_argument(
    mode: str, value: str, api: respx.MockRouter
) -> None:
    route = api.post(f"{BASE_URL}/things").respond(204)
    operation = op(response_kind="none", arguments={"X-Trace-Id": "x_trace_id"})
    with pytest.raises(runtime.ValidationError, match="x_trace_id") as caught:
        send(mode, operation, headers={"X-Trace-Id": value})
    assert caught.value.problems[0][0] == "x_trace_id"
    assert route.call_count == 0


@MODES
def test_cookie_parameters_go_in_one_cookie_header(mode: str, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE_URL}/things").respond(204)
    send(
        mode,
        op(response_kind="none"),
        cookies={"session": "abc123", "debug": False, "skip": NOT_GIVEN},
    )
    assert last(route).headers["Cookie"] == "session=abc123; debug=false"


@MODES
def test_a_cookie_value_with_a_separator_is_refused(mode: str, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE_URL}/things").respond(204)
    with pytest.raises(runtime.ValidationError, match="session"):
        send(mode, op(response_kind="none"), cookies={"session": "a; admin=1"})
    assert route.call_count == 0


# -- query parameters ---------------------------------------------------------------------------

COLOR = {"R": 100, "G": 200}
STYLES = [
    (None, ["blue", "black"], [("color", "blue"), ("color", "black")]),
    (None, COLOR, [("R", "100"), ("G", "200")]),
    (("form", True), ["blue", "black"], [("color", "blue"), ("color", "black")]),
    (("form", False), ["blue", "black"], [("color", "blue,black")]),
    (("form", False), COLOR, [("color", "R,100,G,200")]),
    (("spaceDelimited", False), ["blue", "black"], [("color", "blue black")]),
    (("spaceDelimited", False), COLOR, [("color", "R 100 G 200")]),
    (("spaceDelimited", True), ["blue", "black"], [("color", "blue"), ("color", "black")]),
    (("pipeDelimited", False), ["blue", "black"], [("color", "blue|black")]),
    (("pipeDelimited", False), COLOR, [("color", "R|100|G|200")]),
    (("deepObject", True), COLOR, [("color[R]", "100"), ("color[G]", "200")]),
    (
        ("deepObject", True),
        {"shade": {"dark": True}, "tags": ["a", "b"]},
        [("color[shade][dark]", "true"), ("color[tags]", "a"), ("color[tags]", "b")],
    ),
    (("form", False), "plain", [("color", "plain")]),
]


@MODES
@pytest.mark.parametrize(("style", "value", "expected"), STYLES)
def test_query_parameters_follow_their_style(
    mode: str, style: Any, value: Any, expected: list[tuple[str, str]], api: respx.MockRouter
) -> None:
    route = api.get(url__startswith=f"{BASE_URL}/things").respond(204)
    styles = {"color": style} if style else {}
    operation = op(method="GET", response_kind="none", query_styles=styles)
    send(mode, operation, query={"color": value, "unset": NOT_GIVEN})
    assert last(route).url.params.multi_items() == expected


@MODES
def test_query_scalars_are_spelled_as_json_spells_them(mode: str, api: respx.MockRouter) -> None:
    route = api.get(url__startswith=f"{BASE_URL}/things").respond(204)
    operation = op(method="GET", response_kind="none")
    send(mode, operation, query={"a": True, "b": 1.5, "c": None})
    assert last(route).url.params.multi_items() == [("a", "true"), ("b", "1.5"), ("c", "")]


@MODES
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, [("beta", "true")]),
        ({"limit": 3, "order": NOT_GIVEN}, [("beta", "true"), ("limit", "3")]),
        ({"ids": [1, 2]}, [("beta", "true"), ("ids", "1"), ("ids", "2")]),
    ],
)
def test_a_query_in_the_path_is_sent_with_the_arguments_query(
    mode: str, query: dict[str, Any], expected: list[tuple[str, str]], api: respx.MockRouter
) -> None:
    """OpenAI documents `/responses/{response_id}?beta=true` beside `/responses/{response_id}`:
    the path's own query is part of the endpoint, and the arguments' query adds to it."""
    route = api.get(url__startswith=f"{BASE_URL}/responses/r%3F1").respond(204)
    operation = op(method="GET", path="/responses/{id}?beta=true", response_kind="none")
    send(mode, operation, path_params={"id": "r?1"}, query=query)
    request = last(route)
    assert request.url.raw_path.decode().partition("?")[0] == "/responses/r%3F1"
    assert request.url.params.multi_items() == expected


#: OpenAPI's table of path styles: (style, explode) -> the spellings of 5, [3, 4, 5] and
#: {"role": "admin", "firstName": "Alex"} for a parameter named `id`.
PATH_STYLES = {
    ("simple", False): ("5", "3,4,5", "role,admin,firstName,Alex"),
    ("simple", True): ("5", "3,4,5", "role=admin,firstName=Alex"),
    ("label", False): (".5", ".3,4,5", ".role,admin,firstName,Alex"),
    ("label", True): (".5", ".3.4.5", ".role=admin.firstName=Alex"),
    ("matrix", False): (";id=5", ";id=3,4,5", ";id=role,admin,firstName,Alex"),
    ("matrix", True): (";id=5", ";id=3;id=4;id=5", ";role=admin;firstName=Alex"),
}


@pytest.mark.parametrize(("style", "explode"), sorted(PATH_STYLES))
def test_path_parameters_follow_openapis_style_table(style: str, explode: bool) -> None:
    values = (5, [3, 4, 5], {"role": "admin", "firstName": "Alex"})
    found = tuple(runtime_encode.path_segment("id", v, style, explode) for v in values)
    assert found == PATH_STYLES[(style, explode)]
    # Values are percent-encoded, `/` and `,` too; the style's own delimiters are not.
    assert runtime_encode.path_segment("id", ["a/b", "c,d"], style, explode).count("%2F") == 1
    assert runtime_encode.path_segment("id", "c,d", style, explode).endswith("c%2Cd")


# -- JSON bodies ---------------------------------------------------------------------------------


@MODES
@pytest.mark.parametrize("body", [[1, 2, 3], "just text", 7, {"a": [1, {"b": None}]}])
def test_a_json_body_may_be_any_json_value(mode: str, body: Any, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE_URL}/things").respond(204)
    send(mode, op(response_kind="none"), body=body)
    request = last(route)
    assert request.headers["Content-Type"] == "application/json"
    assert httpx.Response(200, content=request.content).json() == body


@MODES
def test_a_json_body_is_sent_with_its_declared_media_type(mode: str, api: respx.MockRouter) -> None:
    route = api.patch(f"{BASE_URL}/things").respond(204)
    operation = op(
        method="PATCH", response_kind="none", body_content_type="application/merge-patch+json"
    )
    send(mode, operation, body={"name": None})
    assert last(route).headers["Content-Type"] == "application/merge-patch+json"
    assert last(route).content == b'{"name":null}'


@MODES
def test_extra_body_adds_to_an_object_and_refuses_any_other_body(
    mode: str, api: respx.MockRouter
) -> None:
    route = api.post(f"{BASE_URL}/things").respond(204)
    send(mode, op(response_kind="none"), body={"a": 1}, extra_body={"b": 2})
    assert last(route).content == b'{"a":1,"b":2}'
    with pytest.raises(TypeError, match=r"doThing.*extra_body.*list"):
        send(mode, op(response_kind="none"), body=[1, 2], extra_body={"b": 2})
    assert route.call_count == 1


def test_formats_become_their_json_text() -> None:
    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
    moment = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    value = {"id": ident, "at": moment, "day": datetime.date(2026, 1, 2), "raw": b"\x00\xff"}
    assert runtime.to_jsonable(value) == {
        "id": "12345678-1234-5678-1234-567812345678",
        "at": "2026-01-02T03:04:05+00:00",
        "day": "2026-01-02",
        "raw": base64.b64encode(b"\x00\xff").decode(),
    }


@MODES
def test_strings_pass_for_uuid_and_date_fields_and_numbers_stay_strict(
    mode: str, api: respx.MockRouter
) -> None:
    route = api.post(f"{BASE_URL}/things").respond(204)
    operation = op(response_kind="none", request_model="Thing")
    ident = "12345678-1234-5678-1234-567812345678"
    send(mode, operation, body={"id": ident, "day": "2026-01-02", "at": "2026-01-02T03:04:05Z"})
    send(mode, operation, body={"id": uuid.UUID(ident), "day": datetime.date(2026, 1, 2)})
    assert route.call_count == 2
    with pytest.raises(runtime.ValidationError) as caught:
        send(mode, operation, body={"id": "not-a-uuid", "size": "5"})
    assert [field for field, _ in caught.value.problems] == ["id", "size"]
    assert route.call_count == 2


# -- multipart -------------------------------------------------------------------------------

UPLOAD = op(
    name="uploadFile",
    path="/files",
    body_encoding="multipart",
    file_fields=frozenset({"file", "extra"}),
    request_model="Upload",
    response_kind="none",
)


@MODES
def test_multipart_sends_files_and_fields_as_parts(mode: str, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE_URL}/files").respond(204)
    body = {
        "purpose": "fine-tune",
        "file": b"\x00binary\xff",
        "count": 3,
        "flag": True,
        "tags": ["a", "b"],
        "meta": {"k": [1, 2]},
        "extra": [("a.png", b"png", "image/png"), ("b.txt", io.BytesIO(b"text"))],
        "skipped": NOT_GIVEN,
    }
    send(mode, UPLOAD, body=body)
    request = last(route)
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert multipart_parts(request) == [  # in the order the fields were given
        ("purpose", None, None, b"fine-tune"),
        ("file", "file", "application/octet-stream", b"\x00binary\xff"),
        ("count", None, None, b"3"),
        ("flag", None, None, b"true"),
        ("tags", None, None, b"a"),
        ("tags", None, None, b"b"),
        ("meta", None, None, b'{"k":[1,2]}'),
        ("extra", "a.png", "image/png", b"png"),
        ("extra", "b.txt", "text/plain", b"text"),
    ]


def open_descriptors_to(path: Path) -> list[str]:
    folder = Path("/proc/self/fd")
    found = []
    for fd in os.listdir(folder):
        try:
            if os.readlink(folder / fd) == str(path):
                found.append(fd)
        except OSError:
            continue
    return found


@MODES
def test_multipart_streams_a_path_and_closes_it(
    mode: str, api: respx.MockRouter, tmp_path: Path
) -> None:
    route = api.post(f"{BASE_URL}/files").respond(204)
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"v" * 200_000)
    send(mode, UPLOAD, body={"purpose": "p", "file": video})
    [part] = [part for part in multipart_parts(last(route)) if part[0] == "file"]
    assert part[1:] == ("clip.mp4", "video/mp4", b"v" * 200_000)
    assert open_descriptors_to(video) == []


@MODES
def test_multipart_without_files_is_still_multipart(mode: str, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE_URL}/files").respond(204)
    operation = op(path="/files", body_encoding="multipart", response_kind="none")
    send(mode, operation, body={"purpose": "p", "quote": 'say "hi"'})
    request = last(route)
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert multipart_parts(request) == [
        ("purpose", None, None, b"p"),
        ("quote", None, None, b'say "hi"'),
    ]
    send(mode, operation, body={})  # no fields at all: still a (empty) multipart body
    boundary = last(route).headers["Content-Type"].split("boundary=")[1]
    assert last(route).content == f"--{boundary}--\r\n".encode()


@MODES
def test_a_missing_required_file_is_a_validation_error(mode: str, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE_URL}/files").respond(204)
    with pytest.raises(runtime.ValidationError) as caught:
        send(mode, UPLOAD, body={"purpose": "p"})
    assert caught.value.problems == [("file", "Field required")]
    with pytest.raises(runtime.ValidationError) as wrong:
        send(mode, UPLOAD, body={"purpose": 5, "file": b"x"})
    assert [field for field, _ in wrong.value.problems] == ["purpose"]
    assert route.call_count == 0


@MODES
@pytest.mark.parametrize("file", ["clip.mp4", 12, ("a", "b", "c", "d")])
def test_a_file_of_the_wrong_type_is_refused_before_sending(
    mode: str, file: Any, api: respx.MockRouter
) -> None:
    route = api.post(f"{BASE_URL}/files").respond(204)
    operation = op(
        path="/files",
        body_encoding="multipart",
        file_fields=frozenset({"file"}),
        response_kind="none",
        arguments={"file": "file_"},
    )
    with pytest.raises(TypeError, match=r"file_ takes a file.*pathlib\.Path"):
        send(mode, operation, body={"file": file})
    assert route.call_count == 0


# -- form, binary and text bodies ---------------------------------------------------------------


@MODES
def test_a_form_body_repeats_lists_and_flattens_objects(mode: str, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE_URL}/token").respond(204)
    operation = op(path="/token", body_encoding="form", response_kind="none")
    body = {"grant_type": "client_credentials", "scope": ["a", "b"], "opts": {"x": 1, "y": True}}
    send(mode, operation, body=body)
    request = last(route)
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.content == b"grant_type=client_credentials&scope=a&scope=b&x=1&y=true"
    nested = {"items": [{"a": 1}, {"b": [2]}], "opts": {"tags": ["x"]}, "gone": None}
    send(mode, operation, body=nested)
    assert httpx.QueryParams(last(route).content.decode()).multi_items() == [
        ("items", '{"a":1}'),
        ("items", '{"b":[2]}'),
        ("tags", '["x"]'),
    ]


@MODES
def test_a_binary_body_is_sent_as_given(mode: str, api: respx.MockRouter, tmp_path: Path) -> None:
    route = api.put(f"{BASE_URL}/blob").respond(204)
    image = tmp_path / "frame.png"
    image.write_bytes(b"\x89PNG" + b"p" * 100_000)
    operation = op(method="PUT", path="/blob", body_encoding="binary", response_kind="none")
    send(mode, operation, body=b"\x00\x01")
    assert last(route).content == b"\x00\x01"
    assert last(route).headers["Content-Type"] == "application/octet-stream"
    typed = op(
        method="PUT",
        path="/blob",
        body_encoding="binary",
        body_content_type="image/png",
        response_kind="none",
    )
    send(mode, typed, body=image)
    request = last(route)
    assert request.headers["Content-Type"] == "image/png"
    assert request.headers["Content-Length"] == str(100_004)
    assert request.read() == image.read_bytes()
    assert open_descriptors_to(image) == []
    with image.open("rb") as handle:
        handle.seek(4)
        send(mode, typed, body=handle)
        assert not handle.closed  # the caller's file stays the caller's
    assert last(route).read() == b"p" * 100_000
    assert last(route).headers["Content-Length"] == str(100_000)


@MODES
def test_a_text_body_is_sent_as_utf8(mode: str, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE_URL}/things").respond(204)
    send(mode, op(body_encoding="text", response_kind="none"), body="grüße")
    assert last(route).content == "grüße".encode()
    assert last(route).headers["Content-Type"] == "text/plain"
    with pytest.raises(TypeError, match="doThing sends text"):
        send(mode, op(body_encoding="text", response_kind="none"), body=b"bytes")


class _OneWay(io.RawIOBase):
    """A pipe-like file: read once, never rewound."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@MODES
def test_a_body_that_cannot_be_rewound_is_not_sent_twice(mode: str, api: respx.MockRouter) -> None:
    route = api.put(f"{BASE_URL}/blob").respond(503)
    operation = op(method="PUT", path="/blob", body_encoding="binary", response_kind="none")
    with pytest.raises(runtime.InternalServerError):
        send(mode, operation, body=_OneWay(b"stream"), options={"max_retries": 2})
    assert route.call_count == 1
    assert route.calls.last.request.read() == b"stream"
    with pytest.raises(runtime.InternalServerError):
        send(mode, operation, body=io.BytesIO(b"again"), options={"max_retries": 2})
    assert route.call_count == 4  # a file that can be rewound is sent whole each time
    assert [call.request.read() for call in route.calls[1:]] == [b"again"] * 3


@MODES
def test_extra_body_adds_parts_to_a_multipart_body(mode: str, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE_URL}/files").respond(204)
    send(mode, UPLOAD, body={"purpose": "p", "file": b"x"}, extra_body={"beta": True})
    assert ("beta", None, None, b"true") in multipart_parts(route.calls.last.request)
    with pytest.raises(TypeError, match="extra_body_ adds fields to a body of fields"):
        binary = op(body_encoding="binary", response_kind="none")
        options = {"extra_body": "extra_body_"}
        send(mode, replace(binary, options=options), body=b"x", extra_body={"a": 1})
