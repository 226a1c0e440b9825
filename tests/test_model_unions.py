"""Unions and compositions as published documents write them, read by the models: a
discriminator without a mapping tags each branch with the value its own property declares, and
a branch that is an allOf is one class whose fields are those of all its parts."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import ValidationError

from generator.emit.models import render_models
from generator.load.loader import load_spec
from generator.model.ir import Provider, build_provider
from generator.model.schemas import SchemaSet

HEAD = """\
openapi: 3.1.0
info: {title: Unions, version: "1"}
servers: [{url: "https://unions.example"}]
paths:
  /items:
    get:
      operationId: getItem
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Item"}}}
components:
  schemas:
"""

# OpenAI's way: no mapping, each branch's `type` an enum of one value; one branch an allOf
# that narrows fields of its base (`id` made required).
TAGGED = """\
    Item:
      oneOf:
        - $ref: "#/components/schemas/Message"
        - $ref: "#/components/schemas/CallResource"
        - $ref: "#/components/schemas/Note"
      discriminator: {propertyName: type}
    Message:
      type: object
      properties:
        type: {type: string, enum: [message]}
        text: {type: string}
      required: [type]
    Call:
      type: object
      properties:
        id: {type: string}
        type: {type: string, const: function_call}
        status: {type: string, enum: [running, done]}
      required: [type]
    CallResource:
      allOf:
        - $ref: "#/components/schemas/Call"
        - type: object
          properties:
            id: {type: string}
            status: {$ref: "#/components/schemas/Status"}
          required: [id, status]
    Status: {type: string, enum: [running, done]}
    Note:
      type: object
      properties:
        type: {type: string}
        body: {type: string}
      required: [type]
"""


def _provider(tmp_path: Path, components: str) -> Provider:
    path = tmp_path / "unions.yaml"
    path.write_text(HEAD + components, encoding="utf-8")
    return build_provider(load_spec(path))


def _models(tmp_path: Path, provider: Provider) -> tuple[str, ModuleType]:
    source = render_models(provider, "# test")
    (tmp_path / "unions_models.py").write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("unions_models", tmp_path / "unions_models.py")
    assert spec is not None and spec.loader is not None
    models = importlib.util.module_from_spec(spec)
    sys.modules["unions_models"] = models  # pydantic resolves the annotations through it
    try:
        spec.loader.exec_module(models)
    finally:
        del sys.modules["unions_models"]
    return source, models


def _read(models: ModuleType, provider: Provider, value: dict[str, Any]) -> Any:
    root = getattr(models, provider.operation("getItem").response_class or "")
    return root.model_validate(value).root


def test_a_discriminator_without_mapping_is_mapped_by_each_branchs_declared_value(
    tmp_path: Path,
) -> None:
    provider = _provider(tmp_path, TAGGED)
    mapping = provider.schemas["Item"]["discriminator"]["mapping"]
    assert mapping == {
        "message": "#/components/schemas/Message",
        "function_call": "#/components/schemas/CallResource",
        "Note": "#/components/schemas/Note",  # unconstrained: the component's name, as OpenAPI says
    }
    source, models = _models(tmp_path, provider)
    assert "datamodel-code-generator" not in source  # no internal marker as a tag
    assert type(_read(models, provider, {"type": "message", "text": "hi"})).__name__ == "Message"
    call = _read(models, provider, {"type": "function_call", "id": "c1", "status": "done"})
    assert type(call).__name__ == "CallResource" and call.id == "c1"
    assert type(_read(models, provider, {"type": "Note", "body": "b"})).__name__ == "Note"
    with pytest.raises(ValidationError):
        _read(models, provider, {"type": "Message", "text": "the schema name is no tag here"})


def test_an_allof_branch_is_one_class_without_conflicting_bases(tmp_path: Path) -> None:
    provider = _provider(tmp_path, TAGGED)
    source, models = _models(tmp_path, provider)
    classes = {n.name: n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)}
    resource = classes["CallResource"]
    assert len(resource.bases) == 1  # one base (or none): never two that redefine `id`
    assert not any(name.startswith("CallResourceOption") for name in classes)
    with pytest.raises(ValidationError):  # the part's `required: [id, status]` holds
        models.CallResource.model_validate({"type": "function_call"})


def test_a_discriminator_that_cannot_be_mapped_soundly_is_dropped() -> None:
    ref = "#/components/schemas/"
    components = {
        "A": {"type": "object", "properties": {"kind": {"enum": ["same"]}}},
        "B": {"type": "object", "properties": {"kind": {"const": "same"}}},
        "Twice": {
            "oneOf": [{"$ref": ref + "A"}, {"$ref": ref + "B"}],
            "discriminator": {"propertyName": "kind"},
        },
        "Inline": {
            "oneOf": [{"$ref": ref + "A"}, {"type": "string"}],
            "discriminator": {"propertyName": "kind"},
        },
        "Given": {
            "oneOf": [{"$ref": ref + "A"}, {"$ref": ref + "B"}],
            "discriminator": {"propertyName": "kind", "mapping": {"a": "A", "b": ref + "B"}},
        },
    }
    schemas = SchemaSet("t.yaml", {"openapi": "3.1.0", "components": {"schemas": components}})
    assert "discriminator" not in schemas.schemas["Twice"]  # one tag, two branches
    assert "discriminator" not in schemas.schemas["Inline"]  # a branch with no component
    # the document's own mapping is kept, its bare names made references
    assert schemas.schemas["Given"]["discriminator"]["mapping"] == {"a": ref + "A", "b": ref + "B"}


# A chain of allOf that narrows a field at each step, as OpenAI's request schemas do
# (`top_logprobs` nullable in the base, bounded in the middle, nullable again at the leaf), and
# 3.0's `nullable` left in a 3.1 document, beside a union, a type and a reference.
LAYERED = """\
    Item:
      type: object
      properties:
        tool_choice:
          allOf: [{$ref: "#/components/schemas/Choice"}, {nullable: true}]
        top: {type: integer, nullable: true}
        owner: {$ref: "#/components/schemas/Leaf", nullable: true}
      required: [tool_choice, top, owner]
    Choice:
      oneOf:
        - {type: string, enum: [none, auto]}
        - {type: object, properties: {name: {type: string}}, required: [name]}
    Base:
      type: object
      properties:
        top_logprobs: {anyOf: [{type: integer}, {type: "null"}]}
        model: {type: string}
      required: [model]
    Mid:
      allOf:
        - $ref: "#/components/schemas/Base"
        - type: object
          properties:
            top_logprobs: {type: integer, minimum: 0, maximum: 20}
    Leaf:
      allOf:
        - $ref: "#/components/schemas/Mid"
        - type: object
          description: the leaf's own fields
          properties:
            top_logprobs: {type: integer, nullable: true}
            settings: {type: object, properties: {depth: {type: integer}}}
"""


def test_an_allof_of_objects_is_one_class_with_every_parts_fields(tmp_path: Path) -> None:
    provider = _provider(tmp_path, LAYERED)
    source, models = _models(tmp_path, provider)
    classes = {n.name: n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)}
    assert [ast.unparse(b) for b in classes["Leaf"].bases] == ["BaseModel"]
    leaf = models.Leaf.model_validate({"model": "m", "top_logprobs": None, "settings": {}})
    assert leaf.top_logprobs is None and leaf.model == "m"  # the leaf's definition wins
    with pytest.raises(ValidationError):
        models.Leaf.model_validate({"top_logprobs": 3})  # `model`, required by the base
    with pytest.raises(ValidationError):
        models.Mid.model_validate({"model": "m", "top_logprobs": 21})  # the middle's bound
    assert "LeafSettings" in classes  # an inline object of a part is named after its schema


def test_nullable_in_a_31_document_allows_null(tmp_path: Path) -> None:
    provider = _provider(tmp_path, LAYERED)
    _, models = _models(tmp_path, provider)
    root = getattr(models, provider.operation("getItem").response_class or "")
    nulls = root.model_validate({"tool_choice": None, "top": None, "owner": None})
    assert (nulls.tool_choice, nulls.top, nulls.owner) == (None, None, None)
    # the annotation-only allOf part leaves the union itself: a string is no object
    assert root.model_validate({"tool_choice": "auto", "top": 1, "owner": None}).tool_choice == (
        "auto"
    )
    with pytest.raises(ValidationError):
        root.model_validate({"tool_choice": "auto", "top": "one", "owner": None})
