"""Schemas as real documents write them: argument types of formats, maps, nullable enums and
unions; class names that clash or shadow the models' imports; schemas that contain themselves."""

from __future__ import annotations

import ast
import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from generator.emit.escape import UnsafeValue, annotation
from generator.emit.models import render_models
from generator.load.loader import load_spec
from generator.model.checks import body_checks
from generator.model.ir import build_provider
from generator.model.schemas import SchemaSet, class_name, python_type


def _document(schemas: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "components": {"schemas": schemas}}


def _type(schema: dict[str, Any], components: dict[str, Any] | None = None) -> str:
    return python_type(schema, SchemaSet("t.yaml", _document(components or {})))


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string", "format": "uuid"}, "str | uuid.UUID"),
        ({"type": "string", "format": "date-time"}, "str | datetime.datetime"),
        ({"type": ["string", "null"], "format": "date"}, "str | datetime.date | None"),
        ({"type": "string", "format": "byte"}, "str | bytes"),
        ({"type": "object", "additionalProperties": {"type": "integer"}}, "Mapping[str, int]"),
        ({"type": "object"}, "Mapping[str, Any]"),
        ({"type": ["string", "null"], "enum": ["a", "b"]}, "Literal['a', 'b'] | None"),
        ({"enum": [-1, 1, 2]}, "Literal[-1, 1, 2]"),
        ({"const": "fixed"}, "Literal['fixed']"),
        ({"allOf": [{"type": "integer"}]}, "int"),
        ({"type": "array", "items": {"type": "number"}}, "Sequence[float]"),
        ({"anyOf": [{"type": "string"}, {}]}, "Any"),
    ],
)
def test_argument_types(schema: dict[str, Any], expected: str) -> None:
    assert _type(schema) == expected
    annotation(expected)  # each can be written into a signature


def test_a_union_of_models_takes_each_model_or_a_mapping() -> None:
    components = {
        "Cat": {"type": "object", "properties": {"lives": {"type": "integer"}}},
        "Dog": {"type": "object", "properties": {"barks": {"type": "boolean"}}},
        "Pet": {
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {"propertyName": "kind"},
        },
    }
    assert _type({"$ref": "#/components/schemas/Pet"}, components) == (
        "models.Cat | models.Dog | Mapping[str, Any]"
    )


def test_a_schema_that_contains_itself_is_typed_at_once() -> None:
    # Each level offers two ways down: following both to a fixed depth took 2**depth steps.
    components = {
        "Tree": {
            "anyOf": [
                {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
                {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Tree"}},
                {"type": "string"},
            ]
        }
    }
    started = time.perf_counter()
    found = _type({"$ref": "#/components/schemas/Tree"}, components)
    assert time.perf_counter() - started < 1
    assert found == "Sequence[Any] | str | Mapping[str, Any]"


def test_checks_follow_a_recursive_schema_once_per_path() -> None:
    document = _document(
        {
            "Node": {
                "type": "object",
                "properties": {
                    "link": {"type": "string", "format": "uri"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    "next": {
                        "anyOf": [{"$ref": "#/components/schemas/Node"}, {"type": "null"}],
                    },
                },
            }
        }
    )
    started = time.perf_counter()
    found = body_checks(document, {"$ref": "#/components/schemas/Node"}, (), 0)
    assert time.perf_counter() - started < 1
    assert found == [(("link",), "uri")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pet_list", "PetList"),
        ("UUID", "UUIDModel"),
        ("BaseModel", "BaseModelModel"),
        ("200_response", "Model200Response"),
        ("None", "NoneModel"),
        ("False_Parameters", "FalseParameters"),
    ],
)
def test_class_names(name: str, expected: str) -> None:
    assert class_name(name) == expected


def test_clashing_names_are_numbered_in_document_order_with_a_warning() -> None:
    components = {
        "pet": {"type": "object", "properties": {"a": {"type": "string"}}},
        "Pet": {"type": "object", "properties": {"b": {"type": "string"}}},
        "PetOwner": {"type": "object", "properties": {"c": {"type": "string"}}},
        "Owned": {
            "type": "object",
            "properties": {"ref": {"$ref": "#/components/schemas/Pet"}},
        },
        "UUID": {"type": "object", "properties": {"d": {"type": "string"}}},
    }
    components["pet"]["properties"]["owner"] = {
        "type": "object",
        "properties": {"name": {"type": "string"}},
    }
    schemas = SchemaSet("t.yaml", _document(components))
    assert list(schemas.schemas) == ["Pet", "Pet2", "PetOwner", "Owned", "UUIDModel", "PetOwner2"]
    # a reference keeps pointing at the schema it named
    assert schemas.schemas["Owned"]["properties"]["ref"] == {"$ref": "#/components/schemas/Pet2"}
    assert schemas.schemas["Pet"]["properties"]["owner"] == {
        "$ref": "#/components/schemas/PetOwner2"
    }
    messages = [(n.pointer, n.message, n.fix) for n in schemas.notices]
    assert all(n.rule == "names" for n in schemas.notices)
    assert messages[0][0] == "/components/schemas/Pet"
    assert "'pet' and 'Pet' would both be the Python class Pet" in messages[0][1]
    assert "'Pet' is the class Pet2" in messages[0][2]
    assert any("UUIDModel" in fix for _, _, fix in messages)
    assert any(
        pointer.startswith("/components/schemas/pet") and "PetOwner2" in fix
        for pointer, _, fix in messages
    )


SPEC = """\
openapi: 3.1.0
info: {title: Names, version: "1"}
servers: [{url: "https://names.example"}]
paths:
  /false:
    get:
      operationId: "false"
      parameters: [{name: id, in: query, schema: {type: string, format: uuid}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/UUID"}}}
  /pets:
    post:
      operationId: createPet
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {when: {type: string, format: date-time}}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/200_response"}}}
components:
  schemas:
    UUID: {type: object, properties: {value: {type: string, format: uuid}}}
    200_response: {type: object, properties: {ok: {type: boolean}}}
    CreatePetRequest: {type: object, properties: {taken: {type: string}}}
"""


def test_every_class_the_model_stage_names_is_written(tmp_path: Path) -> None:
    path = tmp_path / "names.yaml"
    path.write_text(SPEC, encoding="utf-8")
    provider = build_provider(load_spec(path))
    source = render_models(provider, "# test")  # raises when a class is named otherwise
    classes = {n.name for n in ast.parse(source).body if isinstance(n, ast.ClassDef)}
    assert {"UUIDModel", "Model200Response", "FalseParameters", "CreatePetRequest2"} <= classes
    false = provider.operation("false")
    assert false.response_class == "UUIDModel"
    assert [p.annotation for p in false.parameters] == ["str | uuid.UUID"]
    assert false.annotation_modules == ["uuid"]
    create = provider.operation("createPet")
    assert create.request_class == "CreatePetRequest2"
    assert create.annotation_modules == ["datetime"]
    assert any("CreatePetRequest2" in n.fix for n in provider.notices)


def test_negative_numbers_are_annotations_but_other_operators_are_not() -> None:
    assert str(annotation("Literal[-1, -2.5, 3]")) == "Literal[-1, -2.5, 3]"
    for bad in ("Literal[-x]", "Literal[1 - 2]", "Literal[~1]"):
        with pytest.raises(UnsafeValue):
            annotation(bad)


def test_bare_generics_from_the_emitter_get_their_item_types() -> None:
    from generator.emit.models import _typed

    source = (
        "from __future__ import annotations\n"
        "from pydantic import Field, RootModel\n\n\n"
        "class Tree(RootModel[list]):\n"
        "    root: list\n\n\n"
        "class Box(RootModel[dict[str, int]]):\n"
        "    root: dict[str, int] = Field(default_factory=dict)\n"
    )
    completed = _typed(source, ast.parse(source))
    assert "class Tree(RootModel[list[Any]]):\n    root: list[Any]\n" in completed
    assert "root: dict[str, int] = Field(default_factory=dict)" in completed
    assert "from typing import Any\n" in completed
    compile(completed, "models.py", "exec")


WRAPPED = """\
openapi: 3.0.3
info: {title: Wrapped, version: "1"}
servers: [{url: "https://wrapped.example"}]
paths:
  /things:
    post:
      operationId: makeThing
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                kind:
                  title: The kind
                  allOf: [{$ref: "#/components/schemas/Kind"}]
                  default: small
                owner: {type: string, format: email}
                size: {type: number, format: double}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}
components:
  schemas:
    Kind: {type: string, enum: [small, large]}
    Thing:
      type: object
      properties:
        kind: {allOf: [{$ref: "#/components/schemas/Kind"}], description: what it is}
"""


def test_an_annotated_reference_written_as_allof_is_the_reference(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.yaml"
    path.write_text(WRAPPED, encoding="utf-8")
    provider = build_provider(load_spec(path))
    source = render_models(provider, "# test")
    classes = {n.name for n in ast.parse(source).body if isinstance(n, ast.ClassDef)}
    assert classes == {"MakeThingRequest", "Thing"}  # no class for the wrapper
    (tmp_path / "wrapped_models.py").write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("wrapped_models", tmp_path / "wrapped_models.py")
    assert spec is not None and spec.loader is not None
    models = importlib.util.module_from_spec(spec)
    sys.modules["wrapped_models"] = models  # pydantic resolves the annotations through it
    try:
        spec.loader.exec_module(models)
    finally:
        del sys.modules["wrapped_models"]
    request = models.MakeThingRequest
    assert request.model_validate({}).kind == "small"  # the default, typed as the enum
    assert request.model_validate({"owner": "not checked"}).owner == "not checked"
    assert models.Thing.model_validate({"kind": "medium"}).kind == "medium"  # open
    assert provider.operation("makeThing").parameters[0].annotation == "Literal['small', 'large']"


def test_constrained_union_members_become_their_types() -> None:
    from generator.emit.models import _typed

    source = (
        "from pydantic import RootModel, confloat, conint\n\n\n"
        "class TopP(RootModel[conint(ge=0, le=1) | confloat(ge=0.0, le=1.0)]):\n"
        "    root: conint(ge=0, le=1) | confloat(ge=0.0, le=1.0) = 1\n"
    )
    assert _typed(source, ast.parse(source)).splitlines()[3:5] == [
        "class TopP(RootModel[int | float]):",
        "    root: int | float = 1",
    ]


def test_a_rewrite_right_of_non_ascii_text_lands_in_place() -> None:
    """ast's columns are UTF-8 bytes: a Chinese literal left of a constrained call must not
    shift where the call is cut out."""
    from generator.emit.models import _typed

    source = (
        "from typing import Literal\n\nfrom pydantic import RootModel, conint\n\n\n"
        "class Mode(RootModel[Literal['高清模式'] | conint(ge=0)]):\n"
        "    root: Literal['高清模式'] | conint(ge=0)\n"
    )
    assert _typed(source, ast.parse(source)).splitlines()[5:7] == [
        "class Mode(RootModel[Literal['高清模式'] | int]):",
        "    root: Literal['高清模式'] | int",
    ]


def test_both_rewrites_on_one_line_keep_each_other_in_place() -> None:
    """The rewrites are found in one walk and made from the right: a constrained call left of a
    bare generic on the same line must not shift where the generic is replaced."""
    from generator.emit.models import _typed

    source = (
        "from __future__ import annotations\n"
        "from pydantic import RootModel, conint\n\n\n"
        "class Mixed(RootModel[conint(ge=0) | list | dict]):\n"
        "    root: conint(ge=0) | list | dict\n"
    )
    typed = _typed(source, ast.parse(source))
    assert typed.splitlines()[6:8] == [
        "class Mixed(RootModel[int | list[Any] | dict[str, Any]]):",
        "    root: int | list[Any] | dict[str, Any]",
    ]
    assert "from typing import Any\n" in typed
    compile(typed, "models.py", "exec")


def test_a_default_of_a_union_of_types_is_left_to_the_server() -> None:
    from generator.emit.models import _strip

    epochs = {
        "oneOf": [{"anyOf": [{"enum": ["auto"]}, {"type": "string"}]}, {"type": "integer"}],
        "default": "auto",
    }
    assert "default" not in _strip(epochs)
    opened = {"anyOf": [{"enum": ["a", "b"]}, {"type": "string"}], "default": "a"}
    assert _strip(opened)["default"] == "a"
