"""The Python type of a parsed value: what a method returns for a response body.

`result_type` follows what the model emitter makes of the same schema, so that the annotation
of a method returning a `RootModel`'s `.root` is the type that `.root` really has:

- a component with a class of its own (an object, or a non-object that refers to itself) is
  `models.<Name>`; any other component is written where it is used, as the emitter does;
- enums are open in responses (`Literal["a", "b"] | str`, see `model_shapes`);
- formats that pydantic parses become the types it parses them into (`uuid.UUID`,
  `datetime.datetime`, `datetime.date`, `bytes` for `format: binary`).

Recursion through components that are written inline stops at the first repeat (`Any`), which
is what the emitter does for a cycle it cannot name.
"""

from __future__ import annotations

from typing import Any

from ..emit.escape import python_literal
from .schemas import SchemaSet, is_object, ref_name

_JSON_TYPES = {str: "str", bool: "bool", int: "int", float: "float"}
_FORMATS = {
    "date-time": "datetime.datetime",
    "date": "datetime.date",
    "uuid": "uuid.UUID",
    "binary": "bytes",
}
_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def result_type(schema: Any, schemas: SchemaSet) -> str:
    """The annotation of a value parsed from `schema` in a response body."""
    return _union(_members(schema, schemas, frozenset()))


def has_class(name: str, schemas: SchemaSet) -> bool:
    """Whether the component `name` is a class of `models.py` (see `model_shapes`)."""
    schema = schemas.schemas.get(name)
    if schema is None:
        return False
    return is_object(schema) or refers_to(schemas.schemas, name, name)


def refers_to(source: dict[str, Any], start: str, target: str) -> bool:
    """Whether component `start` reaches `target` through components written inline."""
    seen: set[str] = set()
    todo = list(component_refs(source.get(start)))
    while todo:
        name = todo.pop()
        if name == target:
            return True
        if name in seen or name not in source or is_object(source[name]):
            continue
        seen.add(name)
        todo += component_refs(source[name])
    return False


def component_refs(node: Any) -> set[str]:
    """The component names a schema's `$ref`s point at, at any depth."""
    found: set[str] = set()
    todo = [node]
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo += item
        elif isinstance(item, dict):
            ref = item.get("$ref")
            name = ref_name(ref) if isinstance(ref, str) else None
            if name is not None:
                found.add(name)
            todo += item.values()
    return found


def _union(members: list[str]) -> str:
    unique = list(dict.fromkeys(members))
    if "Any" in unique:
        return "Any"
    if "float" in unique and "int" in unique:  # `float` takes ints already (PEP 484)
        unique.remove("int")
    return join_union(unique) or "Any"


def _members(schema: Any, schemas: SchemaSet, inside: frozenset[str]) -> list[str]:
    if not isinstance(schema, dict):
        return ["Any"]
    if isinstance(schema.get("$ref"), str):
        name = ref_name(schema["$ref"])
        if name is None or name not in schemas.schemas:
            return ["Any"]
        if has_class(name, schemas):
            return [f"models.{name}"]
        if name in inside:
            return ["Any"]
        return _members(schemas.schemas[name], schemas, inside | {name})
    values = schema["enum"] if isinstance(schema.get("enum"), list) else None
    if "const" in schema:
        values = [schema["const"]]
    if values is not None:
        return _values(values, schema.get("type"))
    for keyword in ("oneOf", "anyOf"):
        branches = schema.get(keyword)
        if isinstance(branches, list) and branches:
            out = [m for branch in branches for m in _members(branch, schemas, inside)]
            if _allows_null(schema.get("type")):
                out.append("None")
            return out
    branches = schema.get("allOf")
    if isinstance(branches, list) and len(branches) == 1:
        return _members(branches[0], schemas, inside)
    if isinstance(branches, list) and branches:
        return ["Any"]  # a composition the emitter names itself: not predictable here
    kinds = schema.get("type")
    if kinds is None:
        return ["Any"]
    out = []
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if kind == "array":
            out.append(f"list[{_union(_members(schema.get('items', {}), schemas, inside))}]")
        elif kind == "object":
            extra = schema.get("additionalProperties")
            value = _union(_members(extra, schemas, inside)) if isinstance(extra, dict) else "Any"
            out.append(f"dict[str, {value}]")
        elif kind == "null":
            out.append("None")
        elif kind == "string" and schema.get("format") in _FORMATS:
            out.append(_FORMATS[schema["format"]])
        else:
            out.append(_PRIMITIVES.get(kind, "Any"))
    return out


def _values(values: list[Any], declared: Any) -> list[str]:
    """An enum or const as a response reads it: the values, and their type (open, as
    `model_shapes` makes them) when they share one."""
    listed = [v for v in values if v is not None]
    kinds = {_JSON_TYPES[type(v)] for v in listed if type(v) in _JSON_TYPES}
    out = [f"Literal[{', '.join(python_literal(v) for v in listed)}]"] if listed else []
    if listed and len(kinds) == 1:
        out += sorted(kinds)
    if None in values or _allows_null(declared):
        out.append("None")
    return out


def _allows_null(declared: Any) -> bool:
    return declared == "null" or (isinstance(declared, list) and "null" in declared)


def union_members(annotation: str) -> list[str]:
    """The top-level members of `A | list[B | C] | Literal["x | y"]`: brackets and string
    literals are kept whole."""
    members, depth, quote, start = [], 0, "", 0
    index = 0
    while index < len(annotation):
        char = annotation[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0 and annotation.startswith(" | ", index):
            members.append(annotation[start:index])
            start = index + 3
            index += 2
        index += 1
    members.append(annotation[start:])
    return [m for m in members if m]


def join_union(members: list[str]) -> str:
    """Members as one annotation: each once, `None` last."""
    unique = list(dict.fromkeys(members))
    unique.sort(key=lambda m: m == "None")
    return " | ".join(unique)
