"""The checks of a request body that pydantic does not make, found in its schema."""

from __future__ import annotations

from typing import Any

from ..load.document import resolve_ref


def body_checks(
    doc: dict[str, Any], schema: Any, path: tuple[str, ...], depth: int
) -> list[tuple[tuple[str, ...], str]]:
    """The checks pydantic does not make, by body path (keys, and `[]` for list items).

    "uri": a `format: uri` string must be an absolute URI; "public-url": an `x-public-url`
    string must not point at a private address. A schema that contains itself (a tree) is
    followed once along each path: the runtime checks the paths listed, not a pattern.
    """
    return _checks(doc, schema, path, depth, frozenset())


def _checks(
    doc: dict[str, Any], schema: Any, path: tuple[str, ...], depth: int, inside: frozenset[str]
) -> list[tuple[tuple[str, ...], str]]:
    if depth > 30 or not isinstance(schema, dict):
        return []
    ref = schema.get("$ref")
    if isinstance(ref, str):
        if ref in inside:
            return []
        inside = inside | {ref}
    schema = resolve_ref(doc, schema)
    if not isinstance(schema, dict):
        return []
    found = []
    if path and schema.get("format") == "uri":
        found.append((path, "uri"))
    if path and schema.get("x-public-url") is True:
        found.append((path, "public-url"))
    for name, sub in (schema.get("properties") or {}).items():
        found += _checks(doc, sub, (*path, name), depth + 1, inside)
    if isinstance(schema.get("items"), dict):
        found += _checks(doc, schema["items"], (*path, "[]"), depth + 1, inside)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for branch in schema.get(keyword) or []:
            found += [c for c in _checks(doc, branch, path, depth + 1, inside) if c not in found]
    return found
