"""Checking a call's arguments against the spec before anything is sent.

The spec's constraints (required fields, enums, lengths, ranges, patterns) live in the generated
pydantic models; a call's JSON is validated against them in strict mode, so what is checked is
exactly what would be sent (a string "5" is not an integer 5). Rules JSON Schema cannot say, such
as "no private addresses in a callback URL" (`x-public-url`), are checked here.
"""

from __future__ import annotations

import ipaddress
import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

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
    model: type[pydantic.BaseModel],
    value: Any,
    arguments: Mapping[str, str],
    *,
    ignore: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every way `value` breaks `model`, as `(field, message)` pairs.

    `value` is validated as the JSON it will be sent as, in strict mode: a string that spells a
    UUID or a date passes for a `format: uuid` or `date` field, and "5" is still not 5. Problems
    with the top-level fields in `ignore` (files, which are not JSON) are left out.
    """
    import pydantic  # loaded with the models, not with the package

    try:
        try:
            text = json.dumps(value, allow_nan=False)
        except (TypeError, ValueError):  # not JSON at all: the type checks say where
            model.model_validate(value, strict=True)
        else:
            model.model_validate_json(text, strict=True)
    except pydantic.ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            if error["loc"] and error["loc"][0] in ignore:
                continue
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


def _ipv4_number(part: str) -> int | None:
    """One part of an IPv4 address as browsers and inet_aton read it: 10, 0x0a, 012 (octal)."""
    try:
        if part[:2] in ("0x", "0X"):
            return int(part[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part[1:], 8)
        return int(part, 10) if part.isdigit() else None
    except ValueError:
        return None


def host_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a URL's host spells, in any spelling a resolver accepts, or None for a name.

    Besides the usual forms: one to four parts in decimal, hex or octal (`2130706433`,
    `0x7f000001`, `127.1`, `0177.0.0.1`, `0`), IPv6 with a zone (`fe80::1%eth0`), and IPv6
    forms that carry an IPv4 address (mapped, 6to4, Teredo, NAT64), which count as that address.
    """
    host = host.strip("[]").split("%", 1)[0]
    address: ipaddress.IPv4Address | ipaddress.IPv6Address
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        parts = host.split(".")
        numbers = [_ipv4_number(part) for part in parts] if 1 <= len(parts) <= 4 else [None]
        if any(number is None for number in numbers):
            return None
        *leading, last = [number for number in numbers if number is not None]
        if any(n > 255 for n in leading) or last >= 256 ** (5 - len(parts)):
            return None
        value = last
        for index, number in enumerate(leading):
            value += number << (8 * (3 - index))
        address = ipaddress.IPv4Address(value)
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is None and address in ipaddress.IPv6Network("64:ff9b::/96"):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return embedded
    return address


def public_url_problem(url: Any) -> str | None:
    """Why `url` cannot be a public callback address, or None when it can.

    Loopback, private, link-local, reserved and unspecified addresses are refused in every
    spelling (see `host_address`), and so are `localhost` and its subdomains, with or without
    a trailing dot. A host name is not resolved: a name that points at a private address is the
    gateway's to refuse.
    """
    if not isinstance(url, str):
        return None  # the type check reports it
    try:
        host = urlsplit(url).hostname
    except ValueError as exc:
        return f"the URL is not valid ({exc})"
    if not host:
        return "the URL has no host name; the gateway must be able to call it"
    # As a resolver reads it: percent-escapes undone, full-width digits and dots folded.
    name = unicodedata.normalize("NFKC", unquote(host)).lower().replace("\u3002", ".")
    name = name.rstrip(".")
    if not name:
        return "the URL has no host name; the gateway must be able to call it"
    if name == "localhost" or name.endswith(".localhost"):
        return f"the URL points at this machine ({host}); the gateway must be able to call it"
    address = host_address(name)
    if address is None:
        return None
    site_local = isinstance(address, ipaddress.IPv6Address) and address.is_site_local
    if (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
        or address.is_multicast
        or site_local
    ):
        shown = host if host.strip("[]") == str(address) else f"{host} ({address})"
        return (
            f"the URL points at the non-public address {shown}; the gateway refuses "
            "loopback, private and link-local addresses: use a public host name"
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
