"""Request bodies as a published document has them: the media type chosen among several, JSON
objects as one argument per field (allOf merged), other JSON bodies as one `body` argument,
multipart with files, form-urlencoded, bytes and text, each sent exactly as declared."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import pytest
import respx

from generator.load.loader import load_spec
from generator.model.ir import build_provider
from generator.pipeline import generate

BASE_URL = "https://bodies.test"
MODES = pytest.mark.parametrize("mode", ["sync", "async"])

OK = (
    '{"200": {description: ok, content: {application/json: '
    '{schema: {$ref: "#/components/schemas/Done"}}}}}'
)


def post(path: str, operation_id: str, body: str) -> str:
    lines = [f"  {path}:", "    post:", f"      operationId: {operation_id}", "      requestBody:"]
    lines += [f"        {line}" for line in body.strip("\n").splitlines()]
    lines.append(f"      responses: {OK}")
    return "\n".join(lines)


SPEC = "\n".join(
    [
        f"""\
openapi: 3.1.0
info: {{title: Bodies, version: "1"}}
servers: [{{url: "{BASE_URL}"}}]
paths:""",
        post(
            "/choose",
            "chooseJson",
            """
required: true
content:
  multipart/form-data:
    schema: {$ref: "#/components/schemas/Pet"}
  application/json:
    schema: {$ref: "#/components/schemas/Pet"}
""",
        ),
        post(
            "/patch",
            "mergePatch",
            """
content:
  application/merge-patch+json:
    schema: {$ref: "#/components/schemas/Pet"}
""",
        ),
        post(
            "/union",
            "sendUnion",
            """
required: true
content:
  application/json:
    schema:
      oneOf:
        - {$ref: "#/components/schemas/Pet"}
        - {type: array, items: {type: string}}
""",
        ),
        post(
            "/optional-list",
            "sendOptionalList",
            """
content:
  application/json:
    schema: {type: array, items: {type: integer}}
""",
        ),
        post(
            "/merged",
            "sendMerged",
            """
required: true
content:
  application/json:
    schema:
      allOf:
        - {$ref: "#/components/schemas/Named"}
        - {type: object, required: [age], properties: {age: {type: integer}}}
""",
        ),
        post(
            "/upload",
            "uploadFiles",
            """
required: true
content:
  multipart/form-data:
    schema:
      type: object
      required: [file]
      properties:
        file: {type: string, format: binary}
        extra: {type: array, items: {type: string, contentMediaType: image/png}}
        note: {type: string}
        tags: {type: array, items: {type: string}}
""",
        ),
        post(
            "/form",
            "sendForm",
            """
content:
  application/x-www-form-urlencoded:
    schema:
      type: object
      properties:
        name: {type: string}
        ids: {type: array, items: {type: integer}}
""",
        ),
        post(
            "/bytes",
            "sendBytes",
            """
required: true
content:
  image/png:
    schema: {type: string, format: binary}
""",
        ),
        post(
            "/text",
            "sendText",
            """
required: true
content:
  text/plain:
    schema: {type: string}
""",
        ),
        """\
components:
  schemas:
    Done:
      type: object
      properties:
        ok: {type: boolean}
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        color: {type: string}
    Named:
      allOf:
        - {$ref: "#/components/schemas/Pet"}
        - {type: object, properties: {nickname: {type: string}}}
""",
    ]
)


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bodies") / "bodies.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bodies(spec: Path) -> Iterator[ModuleType]:
    out = spec.parent / "out"
    generate([spec], out, whole_folder=False)
    sys.path.insert(0, str(out / "bodies"))
    try:
        yield importlib.import_module("bodies_client")
    finally:
        sys.path.remove(str(out / "bodies"))
        for name in [m for m in sys.modules if m.split(".")[0] == "bodies_client"]:
            del sys.modules[name]


def sent(mode: str, package: ModuleType, path: str, method: str, **kwargs: Any) -> Any:
    """The request a method sends (answered with a `Done`)."""
    with respx.mock() as router:
        route = router.post(BASE_URL + path).respond(json={"ok": True})
        if mode == "sync":
            with package.Client(api_key="k", base_url=BASE_URL) as client:
                assert getattr(client, method)(**kwargs).ok is True
        else:

            async def main() -> None:
                async with package.AsyncClient(api_key="k", base_url=BASE_URL) as client:
                    assert (await getattr(client, method)(**kwargs)).ok is True

            asyncio.run(main())
        return route.calls.last.request


def test_each_body_is_modelled_as_declared(spec: Path) -> None:
    provider = build_provider(load_spec(spec))
    shapes = {
        op.method_name: (
            op.body_encoding,
            op.body_content_type,
            sorted(op.file_fields),
            [(p.name, p.location, p.annotation, p.required) for p in op.parameters],
        )
        for op in provider.operations
    }
    assert shapes == {
        "choose_json": (
            "json",
            None,
            [],
            [("name", "body", "str", True), ("color", "body", "str", False)],
        ),
        "merge_patch": (
            "json",
            "application/merge-patch+json",
            [],
            [("name", "body", "str", True), ("color", "body", "str", False)],
        ),
        "send_union": (
            "json",
            None,
            [],
            [("body", "content", "models.Pet | Sequence[str] | Mapping[str, Any]", True)],
        ),
        "send_optional_list": ("json", None, [], [("body", "content", "Sequence[int]", False)]),
        "send_merged": (
            "json",
            None,
            [],
            [
                ("name", "body", "str", True),
                ("color", "body", "str", False),
                ("nickname", "body", "str", False),
                ("age", "body", "int", True),
            ],
        ),
        "upload_files": (
            "multipart",
            None,
            ["extra", "file"],
            [
                ("file", "body", "FileTypes", True),
                ("extra", "body", "Sequence[FileTypes]", False),
                ("note", "body", "str", False),
                ("tags", "body", "Sequence[str]", False),
            ],
        ),
        "send_form": (
            "form",
            None,
            [],
            [("name", "body", "str", False), ("ids", "body", "Sequence[int]", False)],
        ),
        "send_bytes": (
            "binary",
            "image/png",
            [],
            [("body", "content", "bytes | IO[bytes] | os.PathLike[str]", True)],
        ),
        "send_text": ("text", None, [], [("body", "content", "str", True)]),
    }
    assert provider.notices == ()
    chosen = provider.operation("chooseJson")
    assert chosen.other_media_types == ("multipart/form-data",)


def test_the_docstring_names_the_media_types_not_sent(bodies: ModuleType) -> None:
    doc = inspect.getdoc(bodies.Client.choose_json) or ""
    assert "The body is sent as `application/json`; the API also takes `multipart/form-data`." in (
        " ".join(doc.split())
    )


@MODES
def test_a_json_object_body_and_a_json_subtype(mode: str, bodies: ModuleType) -> None:
    request = sent(mode, bodies, "/choose", "choose_json", name="Rex", color="red")
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {"name": "Rex", "color": "red"}
    request = sent(mode, bodies, "/patch", "merge_patch", name="Rex", color="blue")
    assert request.headers["Content-Type"] == "application/merge-patch+json"
    assert json.loads(request.content) == {"name": "Rex", "color": "blue"}


@MODES
def test_a_union_body_is_sent_as_the_value_given(mode: str, bodies: ModuleType) -> None:
    request = sent(mode, bodies, "/union", "send_union", body={"name": "Rex"})
    assert json.loads(request.content) == {"name": "Rex"}
    request = sent(mode, bodies, "/union", "send_union", body=["a", "b"])
    assert json.loads(request.content) == ["a", "b"]
    model = bodies.models.Pet(name="Rex")
    request = sent(mode, bodies, "/union", "send_union", body=model)
    assert json.loads(request.content) == {"name": "Rex"}


@MODES
def test_an_optional_whole_body_left_out_sends_no_body(mode: str, bodies: ModuleType) -> None:
    request = sent(mode, bodies, "/optional-list", "send_optional_list")
    assert request.content == b""
    request = sent(mode, bodies, "/optional-list", "send_optional_list", body=[1, 2])
    assert json.loads(request.content) == [1, 2]


@MODES
def test_an_all_of_body_takes_the_fields_of_every_part_at_any_depth(
    mode: str, bodies: ModuleType
) -> None:
    request = sent(mode, bodies, "/merged", "send_merged", name="Rex", nickname="R", age=3)
    assert json.loads(request.content) == {"name": "Rex", "nickname": "R", "age": 3}


@MODES
def test_multipart_sends_files_and_fields(mode: str, bodies: ModuleType, tmp_path: Path) -> None:
    on_disk = tmp_path / "photo.png"
    on_disk.write_bytes(b"PNG-ON-DISK")
    request = sent(
        mode,
        bodies,
        "/upload",
        "upload_files",
        file=b"RAW-BYTES",
        extra=[on_disk, ("named.png", io.BytesIO(b"FROM-OBJECT"), "image/png")],
        note="hello",
        tags=["a", "b"],
    )
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    body = request.read()
    assert b'name="file"; filename="file"' in body and b"RAW-BYTES" in body
    assert b'name="extra"; filename="photo.png"' in body and b"PNG-ON-DISK" in body
    assert b'name="extra"; filename="named.png"' in body and b"FROM-OBJECT" in body
    assert b'name="note"\r\n\r\nhello' in body
    assert body.count(b'name="tags"') == 2


def test_a_missing_required_file_is_refused_by_the_signature(bodies: ModuleType) -> None:
    with bodies.Client(api_key="k", base_url=BASE_URL) as client:
        with pytest.raises(TypeError, match="file"):
            client.upload_files(note="no file")


@MODES
def test_a_form_body(mode: str, bodies: ModuleType) -> None:
    request = sent(mode, bodies, "/form", "send_form", name="a b", ids=[1, 2])
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(request.content.decode()) == [("name", "a b"), ("ids", "1"), ("ids", "2")]


@MODES
def test_a_bytes_body_from_bytes_and_from_a_path(
    mode: str, bodies: ModuleType, tmp_path: Path
) -> None:
    request = sent(mode, bodies, "/bytes", "send_bytes", body=b"\x89PNG")
    assert request.headers["Content-Type"] == "image/png"
    assert request.read() == b"\x89PNG"
    on_disk = tmp_path / "big.png"
    on_disk.write_bytes(b"0123456789" * 1000)
    request = sent(mode, bodies, "/bytes", "send_bytes", body=on_disk)
    assert request.read() == b"0123456789" * 1000


@MODES
def test_a_text_body(mode: str, bodies: ModuleType) -> None:
    request = sent(mode, bodies, "/text", "send_text", body="héllo")
    assert request.headers["Content-Type"].startswith("text/plain")
    assert request.content == "héllo".encode()


def test_bodies_that_are_not_fields_take_no_extra_body(bodies: ModuleType) -> None:
    for method in ("send_bytes", "send_text"):
        assert "extra_body" not in inspect.signature(getattr(bodies.Client, method)).parameters
    for method in ("send_union", "upload_files", "send_form", "choose_json"):
        assert "extra_body" in inspect.signature(getattr(bodies.Client, method)).parameters


UNSENDABLE = """\
openapi: 3.1.0
info: {title: Odd, version: "1"}
paths:
  /mixed:
    post:
      operationId: sendMixed
      requestBody:
        content:
          multipart/mixed:
            schema: {type: object}
      responses: {"204": {description: done}}
  /list-form:
    post:
      operationId: sendListForm
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: array, items: {type: string}}
      responses: {"204": {description: done}}
"""


def test_a_body_the_client_cannot_send_leaves_its_operation_out(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(UNSENDABLE, encoding="utf-8")
    provider = build_provider(load_spec(path))
    assert provider.operations == ()
    assert [(n.rule, n.message) for n in provider.notices] == [
        (
            "left-out",
            "POST /mixed (sendMixed) is left out: the request body has no media type the "
            "client can send (multipart/mixed)",
        ),
        (
            "left-out",
            "POST /list-form (sendListForm) is left out: the application/x-www-form-urlencoded "
            "body is not an object of fields",
        ),
    ]
