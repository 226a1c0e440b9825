"""Where a published document's error bodies keep the code and the message, when it has no
`x-errors`: read from the schemas of its documented error responses.

A curated spec says it in `x-errors`; a published one rarely does, yet most describe an error
body (`{"error": {"message", "code"}}`, `{"code", "message"}`, `{"detail"}`). Only fields that
an error schema declares, as strings or integers, are used, so an error's `.provider_message`
and `.code` are what the API documents, or None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..load.document import iter_operations, resolve_ref
from .runtime_types import ErrorFormat

# (field of ErrorFormat, JSON pointers tried in order): the shapes common in published APIs.
_CANDIDATES = (
    ("message", ("/error/message", "/message", "/detail", "/error_description")),
    ("code", ("/error/code", "/code", "/error/type", "/error")),
    ("request_id", ("/request_id", "/error/request_id", "/requestId")),
)
_SCALARS = frozenset({"string", "integer"})


def inferred_error_format(doc: dict[str, Any]) -> ErrorFormat:
    """The error fields the document's error responses declare (none: an empty format)."""
    declared: set[str] = set()
    for schema in _error_schemas(doc):
        declared |= set(_scalar_pointers(doc, schema, "", 0))
    found = {field: tuple(p for p in pointers if p in declared) for field, pointers in _CANDIDATES}
    return ErrorFormat(code=found["code"], message=found["message"], request_id=found["request_id"])


def _error_schemas(doc: dict[str, Any]) -> Iterator[Any]:
    for _path, _method, operation in iter_operations(doc):
        for status, response in (operation.get("responses") or {}).items():
            if str(status)[:1] not in ("4", "5", "d"):  # 4xx, 5xx, default
                continue
            response = resolve_ref(doc, response)
            if not isinstance(response, dict):
                continue
            for media, content in (response.get("content") or {}).items():
                if "json" in media and isinstance(content, dict) and "schema" in content:
                    yield content["schema"]


def _scalar_pointers(doc: dict[str, Any], schema: Any, at: str, depth: int) -> Iterator[str]:
    """Pointers to the string or integer fields of `schema`, two levels deep."""
    schema = resolve_ref(doc, schema) if isinstance(schema, dict) else schema
    if not isinstance(schema, dict) or depth > 2:
        return
    for part in schema.get("allOf") or ():
        yield from _scalar_pointers(doc, part, at, depth + 1)
    for name, sub in (schema.get("properties") or {}).items():
        sub = resolve_ref(doc, sub) if isinstance(sub, dict) else sub
        if not isinstance(sub, dict):
            continue
        kinds = sub.get("type")
        kinds = set(kinds) if isinstance(kinds, list) else {kinds}
        if kinds & _SCALARS:
            yield f"{at}/{name}"
        if "object" in kinds or "properties" in sub or "$ref" in sub:
            yield from _scalar_pointers(doc, sub, f"{at}/{name}", depth + 1)
