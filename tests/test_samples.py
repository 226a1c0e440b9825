"""The schema sampler behind the round trips (tests/samples.py): every value it makes is one
its schema accepts (checked with jsonschema), the same every time, or a clear refusal."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from tests.samples import SampleError, sample

DOCUMENT: dict[str, Any] = {
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["id", "name", "tags"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "name": {"type": "string", "minLength": 8, "maxLength": 12},
                    "tags": {
                        "type": "array",
                        "minItems": 2,
                        "uniqueItems": True,
                        "items": {"type": "string"},
                    },
                    "nickname": {"type": "string"},
                },
            },
            "Alias": {"$ref": "#/components/schemas/Pet"},
            "Node": {
                "type": "object",
                "required": ["children"],
                "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
                },
            },
        }
    }
}

ACCEPTED = [
    {"type": "string", "format": "date-time"},
    {"type": "string", "format": "date"},
    {"type": "string", "format": "email"},
    {"type": "string", "format": "uri"},
    {"type": "string", "pattern": "^[a-z]+-[0-9]+$"},
    {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    {"type": "string", "minLength": 20},
    {"type": "string", "maxLength": 3},
    {"type": "integer", "minimum": 5, "maximum": 9},
    {"type": "integer", "exclusiveMinimum": 5},
    {"type": "number", "maximum": -3},
    {"type": "integer", "minimum": 7, "multipleOf": 5},
    {"type": ["null", "integer"], "minimum": 2},
    {"type": "boolean"},
    {"enum": ["b", "a"]},
    {"const": {"kind": "fixed"}},
    {"oneOf": [{"type": "null"}, {"type": "string", "minLength": 2}]},
    {"anyOf": [{"type": "integer"}, {"type": "string"}]},
    {
        "allOf": [
            {"$ref": "#/components/schemas/Pet"},
            {"type": "object", "required": ["age"], "properties": {"age": {"type": "integer"}}},
        ]
    },
    {  # one branch requires what another declares
        "allOf": [
            {"type": "object", "properties": {"model": {"type": "string", "minLength": 3}}},
            {"type": "object", "required": ["model"], "properties": {"model": {}}},
        ]
    },
    {  # a part requires what another part declares (OpenAI's Response)
        "allOf": [
            {"type": "object", "properties": {"model": {"type": "string", "minLength": 3}}},
            {"$ref": "#/components/schemas/Pet"},
            {"type": "object", "required": ["model", "name"]},
        ]
    },
    {"$ref": "#/components/schemas/Alias"},
    {"$ref": "#/components/schemas/Node"},
    {"type": "object", "minProperties": 2, "additionalProperties": {"type": "integer"}},
    {"type": "array", "minItems": 2, "prefixItems": [{"type": "integer"}, {"type": "string"}]},
    {},
]


@pytest.mark.parametrize("schema", ACCEPTED, ids=[str(i) for i in range(len(ACCEPTED))])
def test_every_sample_is_accepted_by_its_schema(schema: dict[str, Any]) -> None:
    value = sample(DOCUMENT, schema, "/test")
    validator = Draft202012Validator(
        {**schema, "components": DOCUMENT["components"]}, format_checker=FormatChecker()
    )
    assert list(validator.iter_errors(value)) == [], value
    assert sample(DOCUMENT, schema, "/test") == value  # deterministic


def test_samples_are_as_small_as_the_schema_allows_and_use_documented_values() -> None:
    pet = sample(DOCUMENT, {"$ref": "#/components/schemas/Pet"}, "/pet")
    assert sorted(pet) == ["id", "name", "tags"]  # the optional nickname is left out
    assert pet["tags"] == ["sample", "sample1"]  # unique items
    assert sample(DOCUMENT, {"type": "integer", "default": 42}, "/d") == 42
    assert sample(DOCUMENT, {"type": "string", "example": "documented"}, "/e") == "documented"
    assert sample(DOCUMENT, {"type": "string", "examples": ["first", "x"]}, "/e") == "first"
    assert sample(DOCUMENT, {"type": "array", "items": {"type": "string"}}, "/a") == []


def test_openapi_3_0_boolean_exclusive_bounds_are_read() -> None:
    schema = {"type": "integer", "minimum": 0, "exclusiveMinimum": True}
    assert sample(DOCUMENT, schema, "/n") == 1
    schema = {"type": "number", "maximum": 10, "exclusiveMaximum": True, "minimum": 10}
    assert sample(DOCUMENT, schema, "/n") == 9.5


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({"not": {"type": "string"}}, r"/bad: a `not` schema has no sample"),
        ({"type": "string", "pattern": "^Z{3}q$"}, r"/bad: no sample matches the pattern"),
        ({"type": "integer", "minimum": 1.5, "maximum": 1.7}, r"/bad: no integer fits"),
        ({"$ref": "other.yaml#/Pet"}, r"/bad: cannot follow \$ref 'other.yaml#/Pet'"),
        ({"$ref": "#/components/schemas/Missing"}, r"/bad: \$ref .* points nowhere"),
        ({"$ref": "#/components/schemas/Loop"}, r"cannot follow \$ref"),
    ],
)
def test_what_cannot_be_sampled_is_refused_naming_the_pointer(
    schema: dict[str, Any], message: str
) -> None:
    document = {"components": {"schemas": {"Loop": {"$ref": "#/components/schemas/Loop"}}}}
    with pytest.raises(SampleError, match=message):
        sample(document, schema, "/bad")


def test_a_schema_that_only_recurses_is_refused_at_a_depth() -> None:
    document = {
        "components": {
            "schemas": {
                "Chain": {
                    "type": "object",
                    "required": ["next"],
                    "properties": {"next": {"$ref": "#/components/schemas/Chain"}},
                }
            }
        }
    }
    with pytest.raises(SampleError, match="nested deeper than"):
        sample(document, {"$ref": "#/components/schemas/Chain"}, "/chain")
