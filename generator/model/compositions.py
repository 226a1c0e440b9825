"""`allOf` and `nullable` as published documents write them, made into shapes the model emitter
types soundly.

- An `allOf` of objects in which a part redefines a field of another is one object: its
  parts' properties (a later part's definition of a field wins, as it narrows an earlier one)
  and the union of their `required`. Left as a composition, the emitter writes a subclass whose
  fields redefine its base's with a type `mypy` refuses (OpenAI's `top_logprobs` is
  `int | None` in a base and `int` in a subclass, which the emitter turns into two unrelated
  classes). Parts that add fields only stay a subclass of their parts.
- An `allOf` part that only annotates (`{nullable: true}`, `{description: ...}`) shapes
  nothing: it is dropped, so that `allOf: [$ref: AUnion, {nullable: true}]` stays the union
  instead of becoming a class that only takes objects.
- `nullable: true` is OpenAPI 3.0's way of allowing null; 3.1 documents converted by hand keep
  it here and there, and their authors still mean it, so it allows null here too.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

#: Follow a `$ref` to its component schema, normalised first (`{}` when it names none).
Resolve = Callable[[dict[str, Any]], dict[str, Any]]

#: Keywords that describe a value without constraining it.
_ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "nullable",
        "default",
        "example",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "$comment",
    }
)
#: Keywords an object part of an allOf may have and still be merged into one object.
_MERGEABLE = _ANNOTATIONS | {"type", "properties", "required", "additionalProperties"}


def _annotates_only(part: Any) -> bool:
    return isinstance(part, dict) and all(
        key in _ANNOTATIONS or key.startswith("x-") for key in part
    )


def drop_annotation_parts(schema: dict[str, Any]) -> None:
    """Remove the allOf parts that only annotate; a `nullable: true` among them moves to the
    schema (the one thing such a part says about the value)."""
    parts = schema.get("allOf")
    if not isinstance(parts, list) or not any(_annotates_only(p) for p in parts):
        return
    if any(p.get("nullable") is True for p in parts if _annotates_only(p)):
        schema.setdefault("nullable", True)
    kept = [p for p in parts if not _annotates_only(p)]
    if kept:
        schema["allOf"] = kept
    else:
        del schema["allOf"]


def merge_objects(schema: dict[str, Any], resolve: Resolve) -> None:
    """An allOf whose parts are all plain objects (followed through references) becomes one
    object with every part's properties; any other allOf is left as it is."""
    parts = schema.get("allOf")
    if not isinstance(parts, list) or not parts:
        return
    if any(key in schema for key in ("oneOf", "anyOf", "not", "if", "$ref", "enum", "const")):
        return
    targets = [resolve(p) if isinstance(p, dict) and "$ref" in p else p for p in parts]
    if not all(_plain_object(target) for target in targets):
        return
    names = [name for target in [*targets, schema] for name in target.get("properties") or {}]
    if len(names) == len(set(names)):
        return  # no part redefines another's field: a subclass of its parts types soundly
    properties: dict[str, Any] = {}
    required: list[str] = []
    extra: list[Any] = []
    for target in [*targets, schema]:
        properties.update(copy.deepcopy(target.get("properties") or {}))
        required += [n for n in target.get("required") or [] if n not in required]
        if "additionalProperties" in target:
            extra.append(target["additionalProperties"])
    del schema["allOf"]
    schema["type"] = "object"
    schema["properties"] = properties
    if required:
        schema["required"] = required
    if extra and "additionalProperties" not in schema:
        # Closed only when every part that says so closes it; a part's map of values wins.
        maps = [e for e in extra if isinstance(e, dict)]
        schema["additionalProperties"] = maps[-1] if maps else any(e is not False for e in extra)


def _plain_object(schema: Any) -> bool:
    if not isinstance(schema, dict) or not schema:
        return False
    if not all(key in _MERGEABLE or key.startswith("x-") for key in schema):
        return False
    return schema.get("type", "object") in ("object", ["object"])


def allow_null(schema: dict[str, Any]) -> None:
    """`nullable: true` as 3.1 says it: `"null"` among the types, `None` among the values, or
    a union with `{type: null}`; the schema is changed in place."""
    if schema.pop("nullable", None) is not True:
        return
    kind = schema.get("type")
    if isinstance(kind, str) and "$ref" not in schema:
        schema["type"] = [kind, "null"]
        if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return
    if isinstance(kind, list):
        if "null" not in kind:
            schema["type"] = [*kind, "null"]
        return
    for keyword in ("oneOf", "anyOf"):
        if isinstance(schema.get(keyword), list):
            if {"type": "null"} not in schema[keyword]:
                schema[keyword] = [*schema[keyword], {"type": "null"}]
            return
    if not schema or all(key in _ANNOTATIONS for key in schema):
        return  # any value, null included
    if "allOf" not in schema and ("properties" in schema or "additionalProperties" in schema):
        schema["type"] = ["object", "null"]  # an object without its `type: object`
        return
    inner = {key: value for key, value in schema.items() if key not in _ANNOTATIONS}
    for key in inner:
        del schema[key]
    schema["anyOf"] = [inner, {"type": "null"}]
