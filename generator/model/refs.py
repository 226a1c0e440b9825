"""Local references to component schemas (`#/components/schemas/<name>`)."""

from __future__ import annotations

REF_PREFIX = "#/components/schemas/"


def ref_name(ref: str) -> str | None:
    """The component name a local `$ref` points at, if it points at a component schema."""
    if ref.startswith(REF_PREFIX):
        return ref[len(REF_PREFIX) :].replace("~1", "/").replace("~0", "~")
    return None
