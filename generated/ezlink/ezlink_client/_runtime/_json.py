"""Reading values out of JSON bodies by RFC 6901 pointer, as the spec's extensions name them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

__all__ = ["first", "json_pointer", "response_body"]


def response_body(response: httpx.Response) -> Any:
    """A response's JSON, or its text when it is not JSON (or nests too deep to decode)."""
    try:
        return response.json()
    except (ValueError, RecursionError):
        try:
            return response.text
        except (ValueError, LookupError):  # an unknown or broken charset
            return response.content.decode("utf-8", "replace")


def json_pointer(document: Any, pointer: str) -> Any:
    """The value at an RFC 6901 pointer, or None where the document has nothing there."""
    current = document
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(current, Mapping) and token in current:
            current = current[token]
        elif isinstance(current, list) and token.isdigit() and int(token) < len(current):
            current = current[int(token)]
        else:
            return None
    return current


def first(document: Any, pointers: tuple[str, ...]) -> Any:
    """The value at the first pointer that has one (not None, not ""), else None.

    Specs list several pointers where a gateway answers in more than one shape.
    """
    for pointer in pointers:
        value = json_pointer(document, pointer)
        if value is not None and value != "":
            return value
    return None
