"""What OpenAPI says a value looks like on the wire, written from the specification (3.1,
"Style Values" and "Style Examples"; media types), not from our runtime: the round trips
(tests/roundtrip.py) compare the runtime's requests with these.

- Parameters: `simple` (path and header; the default), `form` (query and cookie; the default
  there, exploded by default), `spaceDelimited`, `pipeDelimited`, `deepObject`, and the path
  styles `label` and `matrix`.
- Bodies: a check of the request for each kind of media type (JSON and `+json`, form, multipart,
  text, anything else as bytes).
- Responses: the body served for a value of each kind.
"""

from __future__ import annotations

import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl, quote

import httpx

#: The style and explode each location defaults to.
DEFAULT_STYLE = {"path": "simple", "header": "simple", "query": "form", "cookie": "form"}


def style_of(parameter: dict[str, Any]) -> tuple[str, bool]:
    """A parameter's style and explode, with the defaults OpenAPI gives them."""
    style = str(parameter.get("style") or DEFAULT_STYLE[str(parameter.get("in"))])
    explode = parameter.get("explode")
    return style, bool(style == "form" if explode is None else explode)


def scalar(value: Any) -> str:
    """A primitive value as text: JSON's spelling of booleans and null."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def _pairs(value: dict[str, Any]) -> list[str]:
    return [part for key, item in value.items() for part in (key, scalar(item))]


def simple(value: Any, explode: bool = False) -> str:
    """`simple` style: `a,b,c`; an object `k,v,k2,v2`, or exploded `k=v,k2=v2`."""
    if isinstance(value, list):
        return ",".join(scalar(item) for item in value)
    if isinstance(value, dict):
        if explode:
            return ",".join(f"{key}={scalar(item)}" for key, item in value.items())
        return ",".join(_pairs(value))
    return scalar(value)


def path_segment(name: str, value: Any, style: str, explode: bool) -> str:
    """A path parameter's text in the URL, percent-encoded (`/` too: it is one segment)."""

    def encoded(text: str) -> str:
        return quote(text, safe="")

    if isinstance(value, dict):
        pairs = [(encoded(k), encoded(scalar(v))) for k, v in value.items()]
        exploded = [f"{k}={v}" for k, v in pairs]
        flat = [part for pair in pairs for part in pair]
        if style == "label":
            return "." + (".".join(exploded) if explode else ",".join(flat))
        if style == "matrix":
            return "".join(f";{p}" for p in exploded) if explode else f";{name}=" + ",".join(flat)
        return ",".join(exploded if explode else flat)
    items = [encoded(scalar(v)) for v in value] if isinstance(value, list) else None
    if style == "label":
        return "." + ("." if explode else ",").join(items or [encoded(scalar(value))])
    if style == "matrix":
        if items is not None and explode:
            return "".join(f";{name}={item}" for item in items)
        return f";{name}=" + ",".join(items or [encoded(scalar(value))])
    return ",".join(items) if items is not None else encoded(scalar(value))


def query(name: str, value: Any, style: str, explode: bool) -> list[tuple[str, str]]:
    """A query parameter's (name, value) pairs, before URL encoding."""
    if value is None:
        return []
    if style == "deepObject" and isinstance(value, dict):
        return [(f"{name}[{key}]", scalar(item)) for key, item in value.items()]
    delimiter = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
    if isinstance(value, list):
        if explode:
            return [(name, scalar(item)) for item in value]
        return [(name, delimiter.join(scalar(item) for item in value))]
    if isinstance(value, dict):
        if explode:
            return [(key, scalar(item)) for key, item in value.items()]
        return [(name, delimiter.join(_pairs(value)))]
    return [(name, scalar(value))]


def cookie(name: str, value: Any, explode: bool) -> str:
    """A cookie parameter as it appears in the Cookie header: `name=value`."""
    if isinstance(value, list) and explode:
        return "; ".join(f"{name}={scalar(item)}" for item in value)
    return f"{name}={simple(value)}"


def media_kind(media_type: str) -> str:
    """How a body of this media type is written: json, form, multipart, text or binary."""
    essence = media_type.split(";")[0].strip().lower()
    if essence == "application/json" or essence.endswith("+json"):
        return "json"
    if essence == "application/x-www-form-urlencoded":
        return "form"
    if essence == "multipart/form-data":
        return "multipart"
    if essence.startswith("text/"):
        return "text"
    return "binary"


def body_problem(kind: str, request: httpx.Request, expected: Any, files: set[str]) -> str | None:
    """What is wrong with the request's body for a value of this kind, or None.

    `expected` is the body as the arguments gave it: a JSON value, a mapping of fields (form,
    multipart; the fields named in `files` hold bytes), bytes or text.
    """
    content = request.read()
    if kind == "json":
        if canonical(json.loads(content)) != canonical(expected):
            return f"JSON {content[:300]!r}, expected {canonical(expected)[:300]}"
        return None
    if kind == "form":
        wanted = [pair for key, item in expected.items() for pair in query(key, item, "form", True)]
        got = parse_qsl(content.decode("ascii"), keep_blank_values=True)
        return None if got == wanted else f"form fields {got}, expected {wanted}"
    if kind == "multipart":
        return _multipart_problem(request, content, expected, files)
    if kind == "text":
        return None if content.decode("utf-8") == expected else f"text {content[:300]!r}"
    return None if content == expected else f"bytes {content[:100]!r}, expected {expected[:100]!r}"


def _multipart_problem(
    request: httpx.Request, content: bytes, expected: dict[str, Any], files: set[str]
) -> str | None:
    header = f"Content-Type: {request.headers.get('content-type', '')}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(header + content)
    got: list[tuple[str, bytes]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        got.append((str(name), part.get_payload(decode=True) or b""))
    wanted: list[tuple[str, bytes]] = []
    for key, item in expected.items():
        items = item if isinstance(item, list) and (key in files or _all_scalars(item)) else [item]
        for one in items:
            data = one if key in files else scalar(one).encode("utf-8")
            wanted.append((key, data))
    # Parts of different names may come in any order; those of one name keep theirs.
    got.sort(key=lambda part: part[0])
    wanted.sort(key=lambda part: part[0])
    return None if got == wanted else f"multipart parts {got}, expected {wanted}"


def _all_scalars(items: list[Any]) -> bool:
    return all(not isinstance(item, (dict, list)) for item in items)


def served(status: int, kind: str, value: Any, media_type: str) -> httpx.Response:
    """A response answering `value` as a body of this kind (json, text, binary or none)."""
    if kind == "none":
        return httpx.Response(status)
    if kind == "json":
        return httpx.Response(status, json=value, headers={"content-type": media_type})
    data = value.encode("utf-8") if isinstance(value, str) else value
    return httpx.Response(status, content=data, headers={"content-type": media_type})


def canonical(value: Any) -> str:
    """JSON text that tells 5 from 5.0 and "5" from 5, whatever the key order."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
