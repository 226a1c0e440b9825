"""The string formats the mock checks requests for: jsonschema's own, plus `uri` by RFC 3986.

jsonschema checks `uri` only with an extra package installed, so the mock brings its own check,
as strict as the RFC's grammar (and as the Rust validator Schemathesis uses): ASCII only, `%`
only before two hex digits, brackets only around an IPv6 or IPvFuture host, one `#`.
"""

from __future__ import annotations

import ipaddress
import re

from jsonschema import FormatChecker

__all__ = ["format_checker", "is_uri"]

# The character classes of RFC 3986, section 2, and the rules of section 3 built from them.
_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = r"!$&'()*+,;="
_PCT_ENCODED = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT_ENCODED})"
_USERINFO = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT_ENCODED})*"
_REG_NAME = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT_ENCODED})*"
# An IP literal's inside is checked apart (see is_uri): a regex for IPv6 would be unreadable.
_HOST = rf"(?:\[(?P<literal>[^\[\]/?#@]*)\]|{_REG_NAME})"
_AUTHORITY = rf"(?:{_USERINFO}@)?{_HOST}(?::[0-9]*)?"
_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:"  # scheme
    # hier-part: "//" authority path-abempty, or path-absolute, path-rootless or path-empty
    rf"(?://{_AUTHORITY}(?:/{_PCHAR}*)*|/?(?:{_PCHAR}+(?:/{_PCHAR}*)*)?)"
    rf"(?:\?(?:{_PCHAR}|[/?])*)?"  # query
    rf"(?:#(?:{_PCHAR}|[/?])*)?"  # fragment
)
_IP_FUTURE = re.compile(rf"[vV][0-9A-Fa-f]+\.[{_UNRESERVED}{_SUB_DELIMS}:]+")


def is_uri(value: str) -> bool:
    """Whether `value` is a URI (RFC 3986, section 3: a scheme, then the rest)."""
    match = _URI.fullmatch(value)
    if match is None:
        return False
    literal = match.group("literal")
    if literal is None or _IP_FUTURE.fullmatch(literal):
        return True
    if "%" in literal:  # a zone id is not part of an RFC 3986 IP literal
        return False
    try:
        ipaddress.IPv6Address(literal)
    except ValueError:
        return False
    return True


def format_checker() -> FormatChecker:
    """jsonschema's format checks, with `uri` added."""
    checker = FormatChecker()
    checker.checks("uri")(lambda value: not isinstance(value, str) or is_uri(value))
    return checker
