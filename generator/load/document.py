"""Reading an OpenAPI document: its operations, and where its `$ref`s and pointers lead."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from ..problems import escape_pointer_token

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
    paths = document.get("paths")
    for path, item in (paths if isinstance(paths, dict) else {}).items():
        if not isinstance(item, dict):  # an extension (`x-...: text`) beside the paths
            continue
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


def ref_cycles(document: Any) -> list[tuple[str, list[str]]]:
    """Every cycle of local `$ref`s (a node that, through references, contains itself): the
    pointer of the `$ref` that closes it, and the references around the cycle in order.

    Nothing here recurses, so a document of any depth is safe; references that lead nowhere
    are left to the caller.
    """
    sites: list[tuple[str, str]] = []  # (pointer of a $ref, the pointer it names)
    pending: list[tuple[Any, str]] = [(document, "")]
    while pending:
        node, at = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                sites.append((at + "/$ref", ref[1:]))
            pending += [(v, f"{at}/{escape_pointer_token(str(k))}") for k, v in node.items()]
        elif isinstance(node, list):
            pending += [(v, f"{at}/{i}") for i, v in enumerate(node)]
    sites.sort()
    keys = [site for site, _ in sites]

    def inside(target: str) -> list[tuple[str, str]]:
        """The $refs within the node at `target` ("0" sorts right after "/")."""
        return sites[bisect_left(keys, target + "/") : bisect_left(keys, target + "0")]

    cycles: list[tuple[str, list[str]]] = []
    done: set[str] = set()
    for start in sorted({target for _, target in sites}):
        if start in done:
            continue
        path, steps = [start], [iter(inside(start))]  # depth-first, without recursion
        while steps:
            step = next(steps[-1], None)
            if step is None:
                done.add(path.pop())
                steps.pop()
                continue
            site, named = step
            if named in path:
                cycles.append((site, ["#" + p for p in [*path[path.index(named) :], named]]))
            elif named not in done:
                path.append(named)
                steps.append(iter(inside(named)))
    return cycles
