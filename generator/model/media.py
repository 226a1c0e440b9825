"""Media types: which ones carry JSON, text or bytes, and which of several to read.

A response may offer its body in several media types; the client reads one. JSON is preferred
(it parses into the package's models), then text, then bytes, and a stream of server-sent events
(`text/event-stream`) last: it is text on the wire, but a call that can have the whole answer as
one body should (OpenAI's speech endpoint offers `application/octet-stream` beside events).
"""

from __future__ import annotations

from typing import Any

JSON = "application/json"

#: What a client does with a body of each sort, best first.
_PREFERENCE = ("json", "text", "binary", "events")

EVENT_STREAM = "text/event-stream"


def essence(media_type: str) -> str:
    """`Application/JSON; charset=utf-8` -> `application/json`."""
    return media_type.split(";", 1)[0].strip().lower()


def is_json(media_type: str) -> bool:
    """`application/json` and the structured `+json` types (`application/problem+json`)."""
    kind = essence(media_type)
    return kind == JSON or kind.endswith("+json")


def body_sort(media_type: str, schema: Any) -> str:
    """How a body of this media type is read: "json", "text", "binary" or "events" (server-sent
    events).

    A wildcard (`*/*`, springdoc's habit) with a schema that is not a string of bytes is read as
    JSON, since that is what such documents describe; without a schema it is bytes.
    """
    kind = essence(media_type)
    describes_bytes = isinstance(schema, dict) and (
        schema.get("format") == "binary"
        or "contentMediaType" in schema
        or "contentEncoding" in schema
    )
    if describes_bytes:
        return "binary"
    if is_json(kind):
        return "json"
    if kind == EVENT_STREAM:
        return "events"
    if kind.startswith("text/") or kind == "application/xml" or kind.endswith("+xml"):
        return "text"
    if kind in ("*/*", "application/*") and isinstance(schema, dict) and schema:
        return "json"
    return "binary"


def preferred(content: dict[str, Any]) -> tuple[str, dict[str, Any], str] | None:
    """The media type a client asks for among a body's `content`, its Media Type Object and
    how it is read; None for no content. Ties keep the document's order."""
    choices = []
    for media_type, media in content.items():
        media = media if isinstance(media, dict) else {}
        sort = body_sort(str(media_type), media.get("schema"))
        choices.append((_PREFERENCE.index(sort), str(media_type), media, sort))
    if not choices:
        return None
    _, media_type, media, sort = min(choices, key=lambda choice: choice[0])
    return media_type, media, sort
