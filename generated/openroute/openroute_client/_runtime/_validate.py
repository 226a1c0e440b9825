"""Checking a call's arguments against the spec before anything is sent.

The spec's constraints (required fields, enums, lengths, ranges, patterns) live in the generated
pydantic models; a call's JSON is validated against them in strict mode, so what is checked is
exactly what would be sent (a string "5" is not an integer 5). Rules JSON Schema cannot say, such
as "no private addresses in a callback URL" (`x-public-url`), are checked here.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import pydantic

__all__ = [
    "CHECKS",
    "field_name",
    "model_problems",
    "public_url_problem",
    "uri_problem",
    "values_at",
]

Problem = tuple[str, str]


def field_name(loc: Sequence[Any], value: Any, arguments: Mapping[str, str]) -> str:
    """A pydantic error location as the caller wrote it: `options.callback_url`, `contents[0]`.

    The first key becomes the Python argument name. Steps that are not in the value (pydantic
    names the branch of a union it tried) are left out.
    """
    parts: list[str] = []
    last = len(loc) - 1
    for index, step in enumerate(loc):
        present = (
            isinstance(step, int) and isinstance(value, list) and 0 <= step < len(value)
        ) or (isinstance(step, str) and isinstance(value, Mapping) and step in value)
        missing_key = index == last and isinstance(step, str) and isinstance(value, Mapping)
        if not present and not missing_key and (index < last or parts):
            # The name of a union branch pydantic tried (`int`, a model's name): not a field.
            continue
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif parts:
            parts.append(f".{step}")
        else:
            parts.append(arguments.get(step, step))
        value = value[step] if present else None
    return "".join(parts) or "(the arguments)"


def model_problems(
    model: type[pydantic.BaseModel], value: Mapping[str, Any], arguments: Mapping[str, str]
) -> list[Problem]:
    """Every way `value` breaks `model`, as `(field, message)` pairs."""
    import pydantic  # loaded with the models, not with the package

    try:
        model.model_validate(value, strict=True)
    except pydantic.ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            message = error["msg"]
            given = error.get("input")
            if error["type"] != "missing" and isinstance(given, (str, int, float, bool)):
                shown = repr(given) if len(repr(given)) <= 60 else repr(given)[:57] + "..."
                message += f" (got {shown})"
            problems.append((field_name(error["loc"], value, arguments), message))
        return problems
    return []


def values_at(document: Any, path: Sequence[str]) -> list[tuple[str, Any]]:
    """The values at a path of keys (`[]` steps into every list item), with their locations."""
    found: list[tuple[str, Any]] = [("", document)]
    for step in path:
        following: list[tuple[str, Any]] = []
        for where, value in found:
            if step == "[]" and isinstance(value, list):
                following.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
            elif isinstance(value, Mapping) and step in value:
                following.append((f"{where}.{step}" if where else step, value[step]))
        found = following
    return found


def public_url_problem(url: Any) -> str | None:
    """Why `url` cannot be a public callback address, or None when it can.

    Loopback, private, link-local and reserved IP literals are refused, and so is `localhost`.
    A host name is not resolved: a name that points at a private address is the gateway's to
    refuse.
    """
    if not isinstance(url, str):
        return None  # the type check reports it
    try:
        host = urlsplit(url).hostname
    except ValueError as exc:
        return f"the URL is not valid ({exc})"
    if not host:
        return "the URL has no host name; the gateway must be able to call it"
    if host == "localhost" or host.endswith(".localhost"):
        return f"the URL points at this machine ({host}); the gateway must be able to call it"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
        or address.is_multicast
    ):
        return (
            f"the URL points at the non-public address {host}; the gateway refuses loopback, "
            "private "
            "and link-local addresses: use a public host name"
        )
    return None


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def uri_problem(value: Any) -> str | None:
    """Why `value` is not an absolute URI (RFC 3986: a scheme, and no spaces), or None."""
    if not isinstance(value, str):
        return None  # the type check reports it
    if not _SCHEME.match(value):
        return f"{value[:60]!r} is not an absolute URI: it needs a scheme, such as https://"
    if any(c.isspace() for c in value):
        return "the URI contains whitespace: percent-encode it (%20)"
    return None


#: The checks an `Operation` may name, each returning why a value fails it (or None).
CHECKS: Mapping[str, Callable[[Any], str | None]] = {
    "uri": uri_problem,
    "public-url": public_url_problem,
}
