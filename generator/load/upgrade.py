"""An OpenAPI 3.0 document rewritten as OpenAPI 3.1 says the same thing, so that the later
stages read one dialect.

What differs between the two, for a generator: 3.0 schemas say `nullable: true` where 3.1
lists `"null"` among the types, and write exclusive bounds as booleans beside `minimum` and
`maximum` where 3.1 gives the bound itself. Everything else of 3.0 that we read is valid 3.1
(`example` in a schema is deprecated in 3.1 but allowed, and `format: binary` bodies are read
as they are by the model stage). The document given is never changed: the result is a copy.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from ..problems import Problem, escape_pointer_token

__all__ = ["SUBSCHEMAS", "SUBSCHEMA_LISTS", "SUBSCHEMA_MAPS", "schemas_in", "upgrade"]

SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SUBSCHEMAS = (
    "items",
    "contains",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "contentSchema",
)

#: Keywords that describe a value rather than constrain it: they stay on the outside when a
#: nullable schema becomes `anyOf: [schema, {type: "null"}]`.
_ANNOTATIONS = ("title", "description", "default", "example", "readOnly", "writeOnly", "deprecated")


def upgrade(document: dict[str, Any], shown: str) -> tuple[dict[str, Any], list[Problem]]:
    """A 3.1 copy of a 3.0 document, and warnings for what had no 3.1 meaning (an exclusive
    bound without its bound). A document that is not 3.0 is returned as it is."""
    if not str(document.get("openapi", "")).startswith("3.0"):
        return document, []
    upgraded = copy.deepcopy(document)
    upgraded["openapi"] = "3.1.0"
    warnings: list[Problem] = []
    # Children first: a schema wrapped in anyOf moves, so its own rewriting is done by then.
    for at, holder, key in reversed(list(schemas_in(upgraded))):
        holder[key] = _upgrade_schema(holder[key], at, shown, warnings)
    return upgraded, warnings


def schemas_in(document: dict[str, Any], *, nested: bool = True) -> Iterator[tuple[str, Any, Any]]:
    """(pointer, holder, key) of every Schema Object of an OpenAPI document, each schema before
    the schemas inside it: `holder[key]` is the schema. Schemas are found where OpenAPI puts
    them (`components/schemas`, and `schema` of parameters, headers and media types, wherever
    those are) and, unless `nested` is False, inside other schemas; examples and extensions are
    not searched."""
    pending: list[tuple[str, Any, Any, bool]] = []  # (pointer, holder, key, is a schema)
    components = document.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    for key in document:
        if key != "components":
            pending.append((f"/{escape_pointer_token(key)}", document, key, False))
    if isinstance(components, dict):
        for key in components:
            if key != "schemas":
                at = f"/components/{escape_pointer_token(key)}"
                pending.append((at, components, key, False))
    if isinstance(schemas, dict):
        for name in schemas:
            pending.append(
                (f"/components/schemas/{escape_pointer_token(name)}", schemas, name, True)
            )
    pending.reverse()
    while pending:
        at, holder, key, is_schema = pending.pop()
        node = holder[key]
        children: list[tuple[str, Any, Any, bool]] = []
        if is_schema:
            yield at, holder, key
            if nested and isinstance(node, dict):
                children = list(_subschemas(node, at))
        elif isinstance(node, dict):
            for child_key in node:
                if child_key in ("example", "examples") or child_key.startswith("x-"):
                    continue
                child_at = f"{at}/{escape_pointer_token(child_key)}"
                children.append((child_at, node, child_key, child_key == "schema"))
        elif isinstance(node, list):
            children = [(f"{at}/{index}", node, index, False) for index in range(len(node))]
        pending.extend(reversed(children))


def _subschemas(schema: dict[str, Any], at: str) -> Iterator[tuple[str, Any, Any, bool]]:
    for keyword in SUBSCHEMA_MAPS:
        inner = schema.get(keyword)
        if isinstance(inner, dict):
            for name in inner:
                yield f"{at}/{keyword}/{escape_pointer_token(name)}", inner, name, True
    for keyword in SUBSCHEMA_LISTS:
        inner = schema.get(keyword)
        if isinstance(inner, list):
            for index in range(len(inner)):
                yield f"{at}/{keyword}/{index}", inner, index, True
    for keyword in SUBSCHEMAS:
        if isinstance(schema.get(keyword), (dict, bool)):
            yield f"{at}/{keyword}", schema, keyword, True


def _upgrade_schema(schema: Any, at: str, shown: str, warnings: list[Problem]) -> Any:
    if not isinstance(schema, dict):
        return schema
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        flag = schema.get(exclusive)
        if not isinstance(flag, bool):
            continue
        del schema[exclusive]
        if flag and isinstance(schema.get(bound), (int, float)):
            schema[exclusive] = schema.pop(bound)
        elif flag:
            warnings.append(
                Problem(
                    shown,
                    f"{at}/{exclusive}",
                    f"{exclusive}: true has no {bound} beside it",
                    f"the keyword is ignored: no {bound} is checked",
                    rule="upgrade",
                )
            )
    if "nullable" not in schema:
        return schema
    nullable = schema.pop("nullable")
    if nullable is not True:
        return schema
    kind = schema.get("type")
    if isinstance(kind, str) and "$ref" not in schema:
        schema["type"] = [kind, "null"]
        if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return schema
    outer = {key: schema.pop(key) for key in _ANNOTATIONS if key in schema}
    return {**outer, "anyOf": [schema, {"type": "null"}]}
