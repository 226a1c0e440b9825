"""Every parameter a published document declares becomes a keyword argument sent where it
belongs: path, query (in its declared style), header, cookie, or JSON text; parameters of the
path item apply to its operations; clashing names are renamed with a warning."""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import respx

from generator.load.loader import load_spec
from generator.model.ir import build_provider
from generator.pipeline import generate

BASE_URL = "https://params.test"
MODES = pytest.mark.parametrize("mode", ["sync", "async"])

OK = (
    '{"200": {description: ok, content: {application/json: '
    '{schema: {$ref: "#/components/schemas/Item"}}}}}'
)

SPEC = f"""\
openapi: 3.1.0
info: {{title: Params, version: "1"}}
servers: [{{url: "{BASE_URL}"}}]
paths:
  /items/{{itemId}}:
    parameters:
      - {{name: itemId, in: path, required: true, schema: {{type: string}}}}
      - {{name: X-Api-Version, in: header, required: true, schema: {{type: string}}}}
      - {{name: verbose, in: query, schema: {{type: boolean}}}}
    get:
      operationId: getItem
      parameters:
        - name: verbose
          in: query
          description: the operation's own declaration wins
          schema: {{type: integer}}
        - {{name: session, in: cookie, schema: {{type: string}}}}
        - {{name: tags, in: query, style: pipeDelimited, explode: false,
            schema: {{type: array, items: {{type: string}}}}}}
        - {{name: ids, in: query, explode: false,
            schema: {{type: array, items: {{type: integer}}}}}}
        - {{name: repeat, in: query, schema: {{type: array, items: {{type: integer}}}}}}
        - {{name: filter, in: query, style: deepObject,
            schema: {{type: object, properties: {{color: {{type: string}}}}}}}}
        - name: where
          in: query
          content:
            application/json:
              schema: {{type: object, properties: {{size: {{type: integer}}}}}}
        - {{name: Accept, in: header, schema: {{type: string}}}}
        - {{name: X-Trace, in: header, schema: {{type: array, items: {{type: string}}}}}}
      responses: {OK}
    post:
      operationId: updateItem
      parameters:
        - {{name: name, in: query, schema: {{type: string}}}}
        - {{name: name, in: header, schema: {{type: string}}}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {{type: string}}
      responses: {OK}
components:
  schemas:
    Item:
      type: object
      properties:
        id: {{type: string}}
"""


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("params") / "params.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def params(spec: Path) -> Iterator[ModuleType]:
    out = spec.parent / "out"
    generate([spec], out, whole_folder=False)
    sys.path.insert(0, str(out / "params"))
    try:
        yield importlib.import_module("params_client")
    finally:
        sys.path.remove(str(out / "params"))
        for name in [m for m in sys.modules if m.split(".")[0] == "params_client"]:
            del sys.modules[name]


def call(mode: str, package: ModuleType, method: str, **kwargs: Any) -> Any:
    options = {"api_key": "k", "base_url": BASE_URL}
    if mode == "sync":
        with package.Client(**options) as client:
            return getattr(client, method)(**kwargs)

    async def main() -> Any:
        async with package.AsyncClient(**options) as client:
            return await getattr(client, method)(**kwargs)

    return asyncio.run(main())


def test_path_item_parameters_apply_and_the_operation_wins(spec: Path) -> None:
    provider = build_provider(load_spec(spec))
    get = provider.operation("getItem")
    assert [(p.name, p.location, p.annotation, p.required) for p in get.parameters] == [
        ("itemId", "path", "str", True),
        ("x_api_version", "header", "str", True),
        ("verbose", "query", "int", False),
        ("session", "cookie", "str", False),
        ("tags", "query", "Sequence[str]", False),
        ("ids", "query", "Sequence[int]", False),
        ("repeat", "query", "Sequence[int]", False),
        ("filter", "query", "Mapping[str, Any]", False),
        ("where", "query", "Mapping[str, Any]", False),
        ("x_trace", "header", "Sequence[str]", False),
    ]
    assert get.query_style_map == {
        "tags": ("pipeDelimited", False),
        "ids": ("form", False),
        "filter": ("deepObject", False),
    }
    assert [p.json_text for p in get.parameters if p.json_name == "where"] == [True]


def test_dropped_headers_and_renamed_arguments_are_warnings(spec: Path) -> None:
    provider = build_provider(load_spec(spec))
    assert [(n.rule, n.pointer, n.message) for n in provider.notices] == [
        (
            "openapi",
            "/paths/~1items~1{itemId}/get/parameters/7",
            "the header parameter 'Accept' is ignored, as OpenAPI says: the client sets "
            "Accept itself",
        ),
        (
            "names",
            "/paths/~1items~1{itemId}/post",
            "the query parameter 'name' and the body field 'name' would both be the argument "
            "name; the query parameter 'name' is name_query",
        ),
        (
            "names",
            "/paths/~1items~1{itemId}/post",
            "the header parameter 'name' and the body field 'name' would both be the argument "
            "name; the header parameter 'name' is name_header",
        ),
    ]
    update = provider.operation("updateItem")
    assert [(p.name, p.location) for p in update.parameters] == [
        ("itemId", "path"),
        ("x_api_version", "header"),
        ("verbose", "query"),
        ("name_query", "query"),
        ("name_header", "header"),
        ("name", "body"),
    ]


@MODES
def test_each_parameter_is_sent_where_and_how_it_is_declared(mode: str, params: ModuleType) -> None:
    with respx.mock() as router:
        route = router.get(url__startswith=f"{BASE_URL}/items/a%2Fb").respond(json={"id": "1"})
        item = call(
            mode,
            params,
            "get_item",
            itemId="a/b",
            x_api_version="2024-11-06",
            verbose=2,
            session="s-1",
            tags=["x", "y"],
            ids=[1, 2],
            repeat=[3, 4],
            filter={"color": "red"},
            where={"size": 5},
            x_trace=["t1", "t2"],
        )
        request = route.calls.last.request
    assert item.id == "1"
    assert parse_qsl(urlsplit(str(request.url)).query) == [
        ("verbose", "2"),
        ("tags", "x|y"),
        ("ids", "1,2"),
        ("repeat", "3"),
        ("repeat", "4"),
        ("filter[color]", "red"),
        ("where", json.dumps({"size": 5}, separators=(",", ":"))),
    ]
    assert request.headers["X-Api-Version"] == "2024-11-06"
    assert request.headers["X-Trace"] == "t1,t2"
    assert request.headers["Cookie"] == "session=s-1"


@MODES
def test_renamed_arguments_are_sent_under_their_wire_names(mode: str, params: ModuleType) -> None:
    with respx.mock() as router:
        route = router.post(url__startswith=f"{BASE_URL}/items/i").respond(json={"id": "1"})
        call(
            mode,
            params,
            "update_item",
            itemId="i",
            x_api_version="1",
            name="body name",
            name_query="query name",
            name_header="header name",
        )
        request = route.calls.last.request
    assert parse_qsl(urlsplit(str(request.url)).query) == [("name", "query name")]
    assert request.headers["name"] == "header name"
    assert json.loads(request.content) == {"name": "body name"}


SAME_NAME = f"""\
openapi: 3.1.0
info: {{title: Same, version: "1"}}
paths:
  /things/{{id}}:
    get:
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: string, minLength: 3}}}}
        - {{name: id, in: query, required: true, schema: {{type: integer}}}}
        - {{name: kind, in: query, required: true, schema: {{type: string}}}}
        - {{name: kind, in: header, required: true, schema: {{type: string}}}}
        - {{name: limit, in: query, schema: {{type: integer, maximum: 5}}}}
      responses: {OK}
components:
  schemas:
    Item: {{type: object}}
"""


def test_a_name_in_two_locations_is_not_checked_by_the_parameters_model(
    tmp_path: Path,
) -> None:
    path = tmp_path / "same.yaml"
    path.write_text(SAME_NAME, encoding="utf-8")
    built = build_provider(load_spec(path))
    (operation,) = built.operations
    assert [(p.name, p.location) for p in operation.parameters] == [
        ("id", "path"),
        ("id_query", "query"),
        ("kind", "query"),
        ("kind_header", "header"),
        ("limit", "query"),
    ]
    model = built.schemas[operation.parameters_class or ""]
    assert list(model["properties"]) == ["limit"]
    assert model["required"] == []


def test_a_required_header_is_a_required_argument(params: ModuleType) -> None:
    with params.Client(api_key="k", base_url=BASE_URL) as client:
        with pytest.raises(TypeError, match="x_api_version"):
            client.get_item(itemId="i")


def test_a_header_value_with_a_line_break_is_refused(params: ModuleType) -> None:
    with params.Client(api_key="k", base_url=BASE_URL) as client:
        with pytest.raises(params.ValidationError, match="x_api_version"):
            client.get_item(itemId="i", x_api_version="1\r\nInjected: yes")


STYLED = f"""\
openapi: 3.1.0
info: {{title: Styled, version: "1"}}
servers: [{{url: "{BASE_URL}"}}]
paths:
  /colors/{{label}}/{{matrix}}/{{plain}}:
    get:
      operationId: getColors
      parameters:
        - {{name: label, in: path, required: true, style: label, schema: {{type: array}}}}
        - {{name: matrix, in: path, required: true, style: matrix, explode: true,
            schema: {{type: object}}}}
        - {{name: plain, in: path, required: true, schema: {{type: string}}}}
        - {{name: X-Point, in: header, explode: true, schema: {{type: object}}}}
        - {{name: X-Flat, in: header, schema: {{type: object}}}}
        - {{name: X-Version, in: header, schema: {{type: string, enum: ["2024-11-06"]}}}}
        - {{name: session, in: cookie, schema: {{type: string, minLength: 8}}}}
      responses: {{"204": {{description: done}}}}
"""


@pytest.fixture(scope="module")
def styled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder = tmp_path_factory.mktemp("styled")
    path = folder / "styled.yaml"
    path.write_text(STYLED, encoding="utf-8")
    generate([path], folder / "out", whole_folder=False)
    sys.path.insert(0, str(folder / "out" / "styled"))
    try:
        yield importlib.import_module("styled_client")
    finally:
        sys.path.remove(str(folder / "out" / "styled"))
        for name in [m for m in sys.modules if m.split(".")[0] == "styled_client"]:
            del sys.modules[name]


@MODES
def test_path_and_header_styles_are_sent_as_declared(
    mode: str, styled: ModuleType, tmp_path: Path
) -> None:
    path = tmp_path / "styled.yaml"
    path.write_text(STYLED, encoding="utf-8")
    colors = build_provider(load_spec(path)).operation("getColors")
    assert colors.path_style_map == {"label": ("label", False), "matrix": ("matrix", True)}
    assert colors.exploded_headers == frozenset({"X-Point"})
    with respx.mock(assert_all_called=True) as api:
        route = api.get(url__startswith=BASE_URL).respond(204)
        call(
            mode,
            styled,
            "get_colors",
            label=["a b", "c"],
            matrix={"R": 100, "G": "x/y"},
            plain="p,q",
            x_point={"x": 1, "y": "b"},
            x_flat={"x": 1, "y": "b"},
            x_version="2024-11-06",
            session="s3cr3t-session",
        )
    request = route.calls.last.request
    assert request.url.raw_path == b"/colors/.a%20b,c/;R=100;G=x%2Fy/p%2Cq"
    assert request.headers["X-Point"] == "x=1,y=b"
    assert request.headers["X-Flat"] == "x,1,y,b"
    assert request.headers["Cookie"] == "session=s3cr3t-session"


@MODES
@pytest.mark.parametrize(("argument", "value"), [("x_version", "2023-01-01"), ("session", "short")])
def test_header_and_cookie_values_are_checked_against_their_schemas(
    mode: str, argument: str, value: str, styled: ModuleType
) -> None:
    given = {"label": ["a"], "matrix": {"R": 1}, "plain": "p", argument: value}
    with respx.mock(assert_all_called=False) as api:
        route = api.get(url__startswith=BASE_URL).respond(204)
        with pytest.raises(styled.ValidationError) as caught:
            call(mode, styled, "get_colors", **given)
    assert [name for name, _ in caught.value.problems] == [argument]
    assert route.call_count == 0
