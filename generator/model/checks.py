"""The checks of a request body that pydantic does not make, found in its schema."""

from __future__ import annotations

from typing import Any

from ..load.document import resolve_ref


def body_checks(
    doc: dict[str, Any], schema: Any, path: tuple[str, ...], depth: int
) -> list[tuple[tuple[str, ...], str]]:
    """The checks pydantic does not make, by body path (keys, and `[]` for list items).

    "uri": a `format: uri` string must be an absolute URI; "public-url": an `x-public-url`
    string must not point at a private address.
    """
    if depth > 30 or not isinstance(schema, dict):
        return []
    schema = resolve_ref(doc, schema)
    found = []
    if path and schema.get("format") == "uri":
        found.append((path, "uri"))
    if path and schema.get("x-public-url") is True:
        found.append((path, "public-url"))
    for name, sub in (schema.get("properties") or {}).items():
        found += body_checks(doc, sub, (*path, name), depth + 1)
    if isinstance(schema.get("items"), dict):
        found += body_checks(doc, schema["items"], (*path, "[]"), depth + 1)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for branch in schema.get(keyword) or []:
            found += [c for c in body_checks(doc, branch, path, depth + 1) if c not in found]
    return found
