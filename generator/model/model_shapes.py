"""The schemas as the model emitter gets them: values stay plain Python values.

Two rules, so that a status reads as the string it is:

- A component that is not an object (a string with known values, an enum, a union, an array) is
  written where it is used instead of becoming a class of its own: a `RootModel` would make
  `task.status` print `root='queued'` and compare unequal to `"queued"`.
- An enum in a schema that a response uses is open: `Literal["pending", ...] | str`. The
  annotation lists what the spec documents, and a value it does not list (a gateway's new
  status) still parses. Request-only schemas keep their enums closed, since the client checks
  arguments against them before sending.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from .schemas import is_object, ref_name
from .types import component_refs, refers_to

if TYPE_CHECKING:
    from .ir import Provider

_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


def model_schemas(provider: Provider) -> dict[str, dict[str, Any]]:
    """The provider's component schemas, one per model class, with the rules above applied."""
    source = provider.schemas
    keep = {name for name, schema in source.items() if is_object(schema)}
    # A non-object component that refers back to itself cannot be written inline: keep it.
    keep |= {name for name in source if name not in keep and refers_to(source, name, name)}
    # A body read through a RootModel (a list, a union...) is a class of its own too.
    keep |= {
        r.class_name
        for op in provider.operations
        for r in op.responses
        if r.kind == "root" and r.class_name
    }
    out = {name: _inline(copy.deepcopy(source[name]), source, keep, 0) for name in keep}
    out = {name: out[name] for name in source if name in out}  # the spec's order
    responses = {r.class_name for op in provider.operations for r in op.responses if r.class_name}
    for name in _reachable(out, responses):
        out[name] = _open_enums(out[name])
    return out


def _inline(node: Any, source: dict[str, Any], keep: set[str], depth: int) -> Any:
    if isinstance(node, list):
        return [_inline(item, source, keep, depth) for item in node]
    if not isinstance(node, dict):
        return node
    name = ref_name(node["$ref"]) if isinstance(node.get("$ref"), str) else None
    if name is not None and name in source and name not in keep and depth < 50:
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        target = _inline(copy.deepcopy(source[name]), source, keep, depth + 1)
        return {**target, **siblings}  # a description beside the $ref wins, as in 3.1
    return {key: _inline(value, source, keep, depth) for key, value in node.items()}


def _reachable(schemas: dict[str, Any], roots: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = [name for name in roots if name in schemas]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += [n for n in component_refs(schemas[name]) if n in schemas]
    return seen


def _open_enums(node: Any) -> Any:
    """`enum`/`const` values that a response may extend, as `anyOf: [the values, the type]`."""
    if isinstance(node, list):
        return [_open_enums(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _open_enums(value) for key, value in node.items()}
    values = node.get("enum", [node["const"]] if "const" in node else None)
    if not isinstance(values, list):
        return node
    listed = [v for v in values if v is not None]
    kinds = sorted({_JSON_TYPES[type(v)] for v in listed if type(v) in _JSON_TYPES})
    if not listed or len(kinds) != 1:
        return node  # null alone, or mixed types: nothing sensible to widen to
    outer = {k: v for k, v in node.items() if k not in ("enum", "const", "type")}
    branches: list[dict[str, Any]] = [{"enum": listed}, {"type": kinds[0]}]
    declared = node.get("type")
    if None in values or declared == "null" or (isinstance(declared, list) and "null" in declared):
        branches.append({"type": "null"})
    return {**outer, "anyOf": branches}
