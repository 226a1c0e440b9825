"""Reading and writing JSON bodies by JSON pointer, and making values fit a schema.

The mock fills documented examples in place: it writes a task's id and status where the spec's
`x-task` points, creating the objects and list items on the way, and takes out what a task does
not have yet (a video URL while it runs).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from ..load.document import MISSING, lookup, resolve_ref
from ..problems import pointer


def steps(json_pointer: str) -> list[str]:
    """The unescaped reference tokens of a JSON pointer: "/a~1b/0" gives ["a/b", "0"]."""
    return [t.replace("~1", "/").replace("~0", "~") for t in json_pointer.split("/")[1:]]


def get(document: Any, json_pointer: str) -> Any:
    """The value at `json_pointer`, or MISSING (None is a value a body may hold)."""
    return lookup(document, "#" + json_pointer)


def put(document: Any, json_pointer: str, value: Any) -> None:
    """Set the value at `json_pointer`, creating objects (or lists, before a number) on the way."""
    tokens = steps(json_pointer)
    if not tokens:
        raise ValueError("cannot replace the whole document through a pointer")
    node = document
    for token, following in pairwise(tokens):
        wanted: type = list if following.isdigit() else dict
        current = _child(node, token)
        if not isinstance(current, wanted):
            current = wanted()
            _assign(node, token, current)
        node = current
    _assign(node, tokens[-1], value)


def _child(node: Any, token: str) -> Any:
    if isinstance(node, dict):
        return node.get(token, MISSING)
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return MISSING


def _assign(node: Any, token: str, value: Any) -> None:
    if isinstance(node, dict):
        node[token] = value
    elif isinstance(node, list) and token.isdigit():
        index = int(token)
        node.extend([None] * (index + 1 - len(node)))
        node[index] = value
    else:
        raise TypeError(f"cannot write {token!r} into a {type(node).__name__}")


def remove(document: Any, json_pointer: str, keep: int = 0) -> None:
    """Take out what `json_pointer` leads to, then any container that this left empty.

    A pointer through a list item below the first `keep` tokens takes out the whole item (a
    video URL at /results/0 or /outputs/0/url: the output does not exist yet), and nothing within
    the first `keep` tokens is taken out (the task's own item in a list of tasks).
    """
    tokens = steps(json_pointer)
    cut = len(tokens)
    for index in range(len(tokens) - 1, keep - 1, -1):
        if tokens[index].isdigit():
            cut = index + 1
            break
    while cut > max(keep, 0):
        parent = get(document, pointer(*tokens[: cut - 1]))
        token = tokens[cut - 1]
        if isinstance(parent, dict):
            parent.pop(token, None)
        elif isinstance(parent, list) and token.isdigit() and int(token) < len(parent):
            del parent[int(token)]
        else:
            return
        cut -= 1
        if parent or cut <= keep:
            return


def types_of(schema: dict[str, Any] | None) -> list[str]:
    declared = (schema or {}).get("type")
    if isinstance(declared, str):
        return [declared]
    return [t for t in declared or [] if isinstance(t, str)]


def conform(value: Any, schema: dict[str, Any] | None) -> Any:
    """`value`, or its string or integer form where the schema wants that type instead."""
    types = types_of(schema)
    if not types:
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and ("integer" in types or "number" in types):
        return value
    if isinstance(value, str) and "string" in types:
        return value
    if "string" in types:
        return str(value)
    if isinstance(value, str) and value.isdigit() and ("integer" in types or "number" in types):
        return int(value)
    return value


def percent(value: int, schema: dict[str, Any] | None) -> Any:
    """A progress of `value` percent in the schema's form: 40, or "40%" for a string."""
    types = types_of(schema)
    if "string" in types and not {"integer", "number"} & set(types):
        return f"{value}%"
    return value


def sample_of(document: dict[str, Any], schema: Any, depth: int = 0) -> Any:
    """A small value that `schema` accepts, for an operation that documents no example."""
    if not isinstance(schema, dict) or depth > 20:
        return None
    schema = resolve_ref(document, schema)
    for keyword in ("const", "default"):
        if keyword in schema:
            return schema[keyword]
    for keyword in ("examples", "enum"):
        if schema.get(keyword):
            return schema[keyword][0]
    if schema.get("allOf"):
        merged: dict[str, Any] = {}
        for branch in schema["allOf"]:
            part = sample_of(document, branch, depth + 1)
            if isinstance(part, dict):
                merged.update(part)
        return merged
    for keyword in ("oneOf", "anyOf"):
        if schema.get(keyword):
            return sample_of(document, schema[keyword][0], depth + 1)
    kinds = [t for t in types_of(schema) if t != "null"] or (
        ["object"] if "properties" in schema else ["null"]
    )
    kind = kinds[0]
    if kind == "object":
        properties = schema.get("properties") or {}
        return {
            name: sample_of(document, properties.get(name, {}), depth + 1)
            for name in schema.get("required") or []
        }
    if kind == "array":
        return [sample_of(document, schema.get("items"), depth + 1)] * int(
            schema.get("minItems") or 0
        )
    if kind == "string":
        text = "https://example.com/mock" if schema.get("format") == "uri" else "mock"
        return text.ljust(int(schema.get("minLength") or 0), "x")
    if kind in ("integer", "number"):
        return schema.get("minimum", 0)
    if kind == "boolean":
        return False
    return None
