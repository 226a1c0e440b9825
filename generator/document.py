"""Reading an OpenAPI document: its operations, and where its `$ref`s and pointers lead."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
JSON = "application/json"

MISSING = object()
"""What `lookup` returns where a pointer leads nowhere (None is a value a document may hold)."""


def lookup(document: Any, ref: str) -> Any:
    """The value a local `$ref` (`#/a/b`) names, or MISSING."""
    target = document
    for token in ref[1:].split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(target, dict) and token in target:
            target = target[token]
        elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
            target = target[int(token)]
        else:
            return MISSING
    return target


def iter_operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) for every operation, in document order."""
    for path, item in (document.get("paths") or {}).items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def resolve_at(document: dict[str, Any], node: Any, at: str) -> tuple[Any, str]:
    """Follow local `$ref`s from `node` (found at pointer `at`): the node they lead to and the
    pointer where it really is. A dangling or looping reference stops the walk."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        target = lookup(document, ref) if ref.startswith("#") and ref not in seen else MISSING
        if target is MISSING:
            break
        seen.add(ref)
        node, at = target, ref[1:]
    return node, at


def resolve_ref(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow local `$ref`s (loading has already checked that each one resolves)."""
    while isinstance(node, dict) and "$ref" in node:
        node = lookup(document, node["$ref"])
    return node
