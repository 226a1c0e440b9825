"""What each kind of success response becomes: the runtime's kind, the return annotation, the
model it is read through, and that parsing a body gives a value of the annotated type."""

from __future__ import annotations

import datetime
import importlib.util
import json
import sys
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import pytest
from pydantic import RootModel, TypeAdapter, ValidationError

from generator.emit.render import render_package
from generator.load.loader import load_spec
from generator.model.ir import Provider, build_provider
from generator.model.media import body_sort, preferred
from generator.model.operations import Response, success_responses
from generator.model.responses import primary_response
from generator.model.types import join_union, union_members

SPEC = """\
openapi: 3.1.0
info: {title: Pets, version: "1"}
servers: [{url: "https://pets.example"}]
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
        "404": {description: none, content: {text/html: {schema: {type: string}}}}
    post:
      operationId: createPet
      responses:
        "202": {description: later}
        "201":
          description: made
          content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}
        default:
          description: error
          content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}
  /pets/{id}:
    delete:
      operationId: deletePet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "204": {description: gone}
    get:
      operationId: getPetPhoto
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: photo
          content:
            image/png: {schema: {type: string, format: binary}}
            image/jpeg: {schema: {type: string, format: binary}}
  /names:
    get:
      operationId: getNames
      responses:
        "200": {description: ok, content: {text/plain; charset=utf-8: {schema: {type: string}}}}
  /counts:
    get:
      operationId: getCounts
      responses:
        "2XX":
          description: ok
          content:
            application/problem+json:
              schema: {type: object, additionalProperties: {type: integer}}
  /counted:
    get:
      operationId: getCounted
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Counts"}}}
  /either:
    get:
      operationId: getEither
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
  /when:
    get:
      operationId: getWhen
      responses:
        "200":
          description: ok
          content:
            application/json: {schema: {type: [string, "null"], format: date-time}}
  /status:
    get:
      operationId: getStatus
      responses:
        "200":
          description: ok
          content:
            application/json: {schema: {$ref: "#/components/schemas/Status"}}
  /anything:
    get:
      operationId: getAnything
      responses:
        "200": {description: whatever, content: {application/json: {}}}
  /report:
    get:
      operationId: getReport
      responses:
        "200":
          description: ok
          content:
            text/event-stream: {schema: {type: string}}
            application/pdf: {schema: {type: string, format: binary}}
            application/json: {schema: {$ref: "#/components/schemas/Pet"}}
  /speech:
    post:
      operationId: createSpeech
      responses:
        "200":
          description: the audio, whole or as events
          content:
            text/event-stream: {schema: {$ref: "#/components/schemas/Pet"}}
            application/octet-stream: {schema: {type: string, format: binary}}
  /ticks:
    get:
      operationId: watchTicks
      responses:
        "200":
          description: a tick a second, for ever
          content: {text/event-stream: {schema: {type: string}}}
  /keys:
    post:
      operationId: createKey
      responses:
        "200":
          description: a key, with its value shown once
          content: {application/json: {schema: {$ref: "#/components/schemas/CreatedKey"}}}
    get:
      operationId: getKey
      responses:
        "200":
          description: an inline composition
          content:
            application/json:
              schema:
                allOf:
                  - $ref: "#/components/schemas/Pet"
                  - {type: object, required: [age], properties: {age: {type: integer}}}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        status: {$ref: "#/components/schemas/Status"}
    Status: {type: string, enum: [available, sold]}
    Counts: {type: object, additionalProperties: {type: integer}}
    Problem: {type: object, properties: {detail: {type: string}}}
    Cat:
      type: object
      required: [lives]
      properties: {lives: {type: integer}}
    Dog:
      type: object
      required: [barks]
      properties: {barks: {type: boolean}}
    ListPetsResponse200: {type: object, properties: {taken: {type: string}}}
    CreatedKey:
      allOf:
        - $ref: "#/components/schemas/Pet"
        - {type: object, required: [value], properties: {value: {type: string}}}
"""

#: method -> (kind, model, sync annotation, accept)
EXPECTED = {
    "list_pets": ("root", "ListPetsResponse200Body", "list[models.Pet]", "application/json"),
    "create_pet": ("model", "Pet", "models.Pet | None", "application/json"),
    "delete_pet": ("none", None, "None", "application/json"),
    "get_pet_photo": ("binary", None, "BinaryResponse", "image/png"),
    "get_names": ("text", None, "str", "text/plain; charset=utf-8"),
    "get_counts": ("root", "GetCountsResponse2xx", "dict[str, int]", "application/problem+json"),
    "get_counted": ("root", "Counts", "dict[str, int]", "application/json"),
    "get_either": ("root", "GetEitherResponse200", "models.Cat | models.Dog", "application/json"),
    "get_when": (
        "root",
        "GetWhenResponse200",
        "datetime.datetime | None",
        "application/json",
    ),
    "get_status": (
        "root",
        "GetStatusResponse200",
        "Literal['available', 'sold'] | str",
        "application/json",
    ),
    "get_anything": ("root", "GetAnythingResponse200", "Any", "application/json"),
    "get_report": ("model", "Pet", "models.Pet", "application/json"),
    "create_speech": ("binary", None, "BinaryResponse", "application/octet-stream"),
    # A component that is an allOf of objects is an object: its own class is the response's.
    "create_key": ("model", "CreatedKey", "models.CreatedKey", "application/json"),
    "get_key": ("model", "GetKeyResponse200", "models.GetKeyResponse200", "application/json"),
    "watch_ticks": ("events", None, "EventStream", "text/event-stream"),
}

#: method -> a body its primary response may have, for the parsing check
SAMPLES = {
    "list_pets": b'[{"name": "Rex", "status": "sold"}, {"name": "Tom", "status": "lost"}]',
    "get_counts": b'{"a": 1, "b": 2}',
    "get_counted": b'{"a": 1}',
    "get_either": b'{"barks": true}',
    "get_when": b'"2024-05-01T10:00:00Z"',
    "get_status": b'"adopted"',
    "get_anything": b'{"x": [1, 2]}',
}


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Provider:
    path = tmp_path_factory.mktemp("spec") / "pets.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return build_provider(load_spec(path))


@pytest.fixture(scope="module")
def package(provider: Provider, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """The generated package's `models.py`, imported on its own (it needs only pydantic)."""
    path = tmp_path_factory.mktemp("package") / "pets_models.py"
    path.write_bytes(render_package(provider)["pets_client/models.py"])
    spec = importlib.util.spec_from_file_location("pets_models", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pets_models"] = module  # pydantic resolves the annotations through it
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["pets_models"]
    return module


def test_each_kind_of_success_response(provider: Provider) -> None:
    found = {
        op.method_name: (
            op.response_kind,
            op.response_class,
            op.return_annotation(False),
            op.accept,
        )
        for op in provider.operations
    }
    assert found == EXPECTED


def test_binary_results_are_streamed_objects_of_each_client_style(provider: Provider) -> None:
    photo = provider.operation("getPetPhoto")
    assert photo.return_annotation(True) == "AsyncBinaryResponse"
    assert photo.returns_binary
    assert not provider.operation("getNames").returns_binary


def test_events_beside_a_body_give_the_operation_an_events_method(provider: Provider) -> None:
    """OpenAI's streaming endpoints answer JSON, or events when asked (`stream: true`): the
    method reads the JSON, and `<method>_events` the events."""
    with_events = {op.method_name for op in provider.operations if op.has_events_method}
    assert with_events == {"get_report", "create_speech"}
    report = provider.operation("getReport")
    assert (report.events_method_name, report.events_constant) == (
        "get_report_events",
        "GET_REPORT_EVENTS",
    )
    ticks = provider.operation("watchTicks")  # events only: the method itself streams them
    assert ticks.returns_events and not ticks.has_events_method
    assert ticks.return_annotation(True) == "AsyncEventStream"
    assert not provider.operation("getPetPhoto").returns_events


def test_success_statuses_that_differ_from_the_primary_are_listed(provider: Provider) -> None:
    create = provider.operation("createPet")
    assert [r.status for r in create.success_responses] == ["201", "202"]
    assert create.other_responses == {"202": ("none", None)}
    # `default` is the error here, since 2xx responses are documented
    assert provider.operation("createPet").responses[-1].status == "default"
    assert all(not op.other_responses for op in provider.operations if op is not create)


def test_a_taken_model_name_is_given_way_with_a_warning(provider: Provider) -> None:
    (notice,) = [n for n in provider.notices if "ListPetsResponse200" in n.message]
    assert notice.rule == "names"
    assert "ListPetsResponse200Body" in notice.fix
    assert notice.pointer.startswith("/paths/~1pets/get/responses/200")


def test_the_client_declares_each_kind_to_the_runtime(provider: Provider) -> None:
    client = render_package(provider)["pets_client/_client.py"].decode()
    # The operation's type is what its call returns (the sync client's, for bytes).
    assert "LIST_PETS: Operation[list[models.Pet]] = Operation(" in client
    assert "DELETE_PET: Operation[None] = Operation(" in client
    assert "GET_PET_PHOTO: Operation[BinaryResponse] = Operation(" in client
    assert "return cast('AsyncBinaryResponse', await self._request(" in client
    assert "    response_kind='binary',\n    accept='image/png'," in client
    assert "    other_responses={'202': ('none', None)}," in client
    assert ") -> datetime.datetime | None:" in client
    assert "\nimport datetime\nimport importlib\n" in client
    assert "from ._runtime._binary import AsyncBinaryResponse, BinaryResponse" in client
    assert client.count(") -> AsyncBinaryResponse:") == 2  # getPetPhoto, createSpeech
    # Events: a method of their own beside the one that reads the body, or the only one.
    assert "    events_method='get_report_events',\n" in client
    assert "\nGET_REPORT_EVENTS: Operation[EventStream] = as_events(GET_REPORT)\n" in client
    assert "WATCH_TICKS: Operation[EventStream] = Operation(" in client
    assert "    def get_report_events(\n" in client
    recast = "return cast('AsyncEventStream', await self._request(\n            GET_REPORT_EVENTS,"
    assert recast in client
    assert client.count(") -> AsyncEventStream:") == 3  # two `_events` methods, watch_ticks


@pytest.mark.parametrize("method", sorted(SAMPLES))
def test_a_parsed_body_has_the_annotated_type(
    provider: Provider, package: ModuleType, method: str
) -> None:
    operation = next(op for op in provider.operations if op.method_name == method)
    assert operation.response_class is not None
    root_model = getattr(package, operation.response_class)
    parsed = root_model.model_validate_json(SAMPLES[method]).root
    namespace = {
        "models": package,
        "datetime": datetime,
        "uuid": uuid,
        "Any": Any,
        "Literal": Literal,
    }
    annotation = eval(operation.return_annotation(False), namespace)  # our own text
    assert TypeAdapter(annotation).validate_python(parsed, strict=True) == parsed


def test_the_parsed_values_are_what_the_body_said(package: ModuleType) -> None:
    pets = package.ListPetsResponse200Body.model_validate_json(SAMPLES["list_pets"]).root
    assert [(p.name, p.status) for p in pets] == [("Rex", "sold"), ("Tom", "lost")]
    dog = package.GetEitherResponse200.model_validate_json(SAMPLES["get_either"]).root
    assert isinstance(dog, package.Dog) and dog.barks is True
    when = package.GetWhenResponse200.model_validate_json(SAMPLES["get_when"]).root
    assert when == datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("create_key", b'{"name": "Rex", "status": "sold", "value": "sk-1"}'),
        ("get_key", b'{"name": "Rex", "age": 3}'),
    ],
)
def test_an_all_of_of_objects_is_a_plain_model_with_every_part(
    provider: Provider, package: ModuleType, method: str, body: bytes
) -> None:
    """The runtime reads `.root` only from a RootModel: a composition of objects is written as
    a class inheriting its parts, so its kind must be "model"."""
    operation = next(op for op in provider.operations if op.method_name == method)
    assert operation.response_class is not None
    model = getattr(package, operation.response_class)
    assert not issubclass(model, RootModel)
    assert issubclass(model, package.Pet)
    parsed = model.model_validate_json(body)
    assert parsed.model_dump(exclude_unset=True) == json.loads(body)
    with pytest.raises(ValidationError):  # each part's required fields are required
        model.model_validate_json(b'{"name": "Rex"}')


@pytest.mark.parametrize(
    ("media_type", "schema", "sort"),
    [
        ("application/json", {"type": "object"}, "json"),
        ("application/vnd.api+json", {}, "json"),
        ("Application/JSON; charset=utf-8", None, "json"),
        ("application/json", {"type": "string", "format": "binary"}, "binary"),
        ("text/csv", {"type": "string"}, "text"),
        ("application/xml", None, "text"),
        ("application/octet-stream", {"type": "string"}, "binary"),
        ("audio/mpeg", None, "binary"),
        ("*/*", {"$ref": "#/components/schemas/Pet"}, "json"),
        ("*/*", None, "binary"),
        ("text/event-stream", {"type": "string"}, "events"),
        ("Text/Event-Stream; charset=utf-8", None, "events"),
    ],
)
def test_how_a_media_type_is_read(media_type: str, schema: Any, sort: str) -> None:
    assert body_sort(media_type, schema) == sort


def test_json_is_preferred_then_text_then_bytes() -> None:
    content: dict[str, Any] = {
        "image/png": {},
        "text/plain": {},
        "application/hal+json": {"schema": {}},
    }
    assert preferred(content) == ("application/hal+json", {"schema": {}}, "json")
    assert preferred({"image/png": {}, "text/plain": {}})[0] == "text/plain"  # type: ignore[index]
    assert preferred({}) is None
    # Server-sent events come last: a body that can be had whole is preferred to a stream.
    events = {"text/event-stream": {}, "audio/mpeg": {}}
    assert preferred(events) == ("audio/mpeg", {}, "binary")
    assert preferred({"text/event-stream": {}}) == ("text/event-stream", {}, "events")


def test_unions_split_only_at_the_top_level() -> None:
    text = "Literal['a | b'] | list[models.A | None] | None | str"
    assert union_members(text) == ["Literal['a | b']", "list[models.A | None]", "None", "str"]
    assert join_union([*union_members(text), "str"]) == (
        "Literal['a | b'] | list[models.A | None] | str | None"
    )


def test_default_is_the_success_only_where_no_2xx_is_documented() -> None:
    def response(status: str) -> Response:
        return Response(status, None, (), kind="none", annotation="None")

    found = success_responses([response("default"), response("2XX"), response("204")])
    assert [r.status for r in found] == ["204", "2XX"]
    assert [r.status for r in success_responses([response("400"), response("default")])] == [
        "default"
    ]
    assert primary_response([response("400"), response("500")]) is None


def test_an_operation_named_like_an_events_method_gives_way(tmp_path: Path) -> None:
    path = tmp_path / "clash.yaml"
    path.write_text(
        """\
openapi: 3.1.0
info: {title: Clash, version: "1"}
paths:
  /chat:
    post:
      operationId: createChat
      responses:
        "200":
          description: ok
          content:
            application/json: {schema: {type: object, properties: {a: {type: string}}}}
            text/event-stream: {schema: {type: string}}
  /chat/events:
    get:
      operationId: createChatEvents
      responses: {"204": {description: none}}
""",
        encoding="utf-8",
    )
    provider = build_provider(load_spec(path))
    assert [(op.method_name, op.has_events_method) for op in provider.operations] == [
        ("create_chat", True),
        ("create_chat_events_", False),
    ]
    (notice,) = provider.notices
    assert notice.rule == "names" and "create_chat_events is a member" in notice.message
