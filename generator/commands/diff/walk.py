"""Where a comparison is (an operation's two sides, a schema walk) and the small
helpers every part of the comparison shares."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ...load.document import MISSING, resolve_at
from ...problems import pointer
from .rules import _DOC_KEYS, _EXAMPLE_KEYS, Direction


@dataclass(frozen=True)
class _Operation:
    """One side of an operation: where it is and what it says."""

    op_id: str
    method: str
    path: str
    node: dict[str, Any]

    @property
    def at(self) -> str:
        return pointer("paths", self.path, self.method)

    @property
    def route(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def label(self) -> str:
        return f"{self.op_id} ({self.route})"


@dataclass
class _Walk:
    """Where a schema comparison is: the operation, the direction, whose schema it is."""

    op: _Operation
    direction: Direction
    root: str  # how the schema itself reads: "the request body", "the job_id path parameter"
    owner: str  # how its fields read: "the request's", "the 200 response's"
    visited: set[tuple[str, str]] = field(default_factory=set)

    def label(self, path: str) -> str:
        return f"{self.owner} {path}" if path else self.root

    @property
    def request(self) -> bool:
        return self.direction == "request"


# --- helpers ----------------------------------------------------------------------------------


def _operation(path: str, method: str, node: dict[str, Any]) -> _Operation:
    return _Operation(str(node.get("operationId") or f"{method} {path}"), method, path, node)


def _parameters(
    document: dict[str, Any], op: _Operation
) -> Iterator[tuple[tuple[str, str], tuple[str, dict[str, Any]]]]:
    """((in, name), (pointer, parameter)) for an operation: its path's parameters first, then
    its own, which override them (a later entry wins in a dict)."""
    item = (document.get("paths") or {}).get(op.path) or {}
    for holder, at in ((item, pointer("paths", op.path)), (op.node, op.at)):
        for index, param in enumerate(holder.get("parameters") or []):
            param, where = resolve_at(document, param, f"{at}/parameters/{index}")
            if isinstance(param, dict):
                yield (str(param.get("in")), str(param.get("name"))), (where, param)


def _ref(node: Any) -> str | None:
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return str(node["$ref"])
    return None


def _keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The keys of both objects: the old order, then the new keys."""
    return [str(k) for k in old] + [str(k) for k in new if k not in old]


def _value(value: Any) -> Any:
    return None if value is MISSING else value


def _parent(at: str) -> str:
    return at.rsplit("/", 1)[0] or "/"


def _place(op: _Operation | None, at: str) -> str:
    """Where the thing at `at` is, for a message: nothing for an operation's own keys."""
    parent = _parent(at)
    return "" if op and parent == op.at else f" at {parent}"


def _shape(schema: Any) -> Any:
    """A schema without its documentation keys (at the top level), for comparing shapes."""
    if not isinstance(schema, dict):
        return schema
    prose = _DOC_KEYS | _EXAMPLE_KEYS | {"deprecated"}
    return {k: v for k, v in schema.items() if k not in prose and not str(k).startswith("x-")}


def _types(schema: dict[str, Any]) -> frozenset[str] | None:
    """The JSON types a schema allows (None: any)."""
    kind = schema.get("type")
    if isinstance(kind, str):
        return frozenset({kind})
    if isinstance(kind, list):
        return frozenset(str(k) for k in kind)
    return None


def _uncovered(these: frozenset[str] | None, those: frozenset[str] | None) -> bool:
    """Whether some value of the types `these` is not one of the types `those`."""
    if those is None:
        return False
    if these is None:
        return True
    return any(t not in those and not (t == "integer" and "number" in those) for t in these)


def _overlap(these: frozenset[str], those: frozenset[str]) -> bool:
    """Whether some value is of one of `these` types and of one of `those`."""
    widened = {"integer": "number"}
    return any(t in those or widened.get(t) in those for t in these) or any(
        widened.get(t) in these for t in those
    )


def _type_words(types: frozenset[str] | None) -> str:
    return "any type" if types is None else " or ".join(sorted(types))


def _requirements(security: Any) -> list[str] | None:
    """Security requirements as an order-free, comparable list (None: none declared)."""
    if not isinstance(security, list):
        return None
    out = []
    for requirement in security:
        if isinstance(requirement, dict):
            normal = {str(k): sorted(map(str, v or [])) for k, v in requirement.items()}
            out.append(json.dumps(normal, sort_keys=True))
    return sorted(out)


def _essentials(scheme: Any) -> Any:
    """What of a security scheme decides how a client authenticates."""
    if not isinstance(scheme, dict):
        return scheme
    return {k: v for k, v in scheme.items() if k not in _DOC_KEYS and not str(k).startswith("x-")}


def _urls(servers: Any) -> list[str] | None:
    if not isinstance(servers, list):
        return None
    return [str(s.get("url")) if isinstance(s, dict) else str(s) for s in servers]


def _key(value: Any) -> str:
    """Equality for enum values that tells 1 from true and 5 from "5"."""
    return json.dumps(_plain(value), sort_keys=True)


def _number(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _plain(value: Any) -> Any:
    """A JSON-serialisable copy (YAML may hold dates and integer keys)."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _verb(before: Any, after: Any) -> str:
    if before is MISSING or before is None:
        return "was added"
    if after is MISSING or after is None:
        return "was removed"
    return "changed"


def _compact(value: Any, limit: int) -> str:
    """A value as one line of JSON, shortened to `limit` characters."""
    text = json.dumps(_plain(value), ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _show(value: Any, limit: int = 80) -> str:
    """A value as a message shows it: strings quoted, the rest as JSON, long ones shortened."""
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[: limit - 3] + "...")
    return "nothing" if value is None else _compact(value, limit)
