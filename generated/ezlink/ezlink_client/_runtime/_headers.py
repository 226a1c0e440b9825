"""Headers a caller adds to every request (`default_headers=`) or to one call (`extra_headers=`).

The API key goes only through `api_key=`: a header that would replace the `Authorization` the
client sends is refused, so that no mapping passed around an application can swap the key
silently. Names and values are checked here, where the caller made the mistake, rather than when
httpx refuses them in the middle of sending a paid create.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["header_problems", "value_problem"]

# RFC 9110 field names are tokens; values may not hold CR, LF or NUL (RFC 9110 section 5.5).
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_FORBIDDEN_IN_VALUE = re.compile(r"[\r\n\x00]")
_AUTH = "authorization"


def value_problem(value: str) -> str | None:
    """Why `value` cannot be sent as a header value, or None when it can."""
    if _FORBIDDEN_IN_VALUE.search(value):
        return "holds a line break or NUL, which no header value may"
    if not value.isascii():
        return "holds a non-ASCII character, which a header value cannot carry as text"
    return None


def header_problems(
    headers: Any, argument: str, credentials: frozenset[str] = frozenset()
) -> list[str]:
    """What is wrong with `headers` (given as the argument `argument`); empty when nothing.

    `credentials` names (in lower case) the other headers that carry the API key (an API's
    `apiKey` schemes): like `Authorization`, they are the client's to send.
    """
    if not isinstance(headers, Mapping):
        return [f"{argument} must be a mapping of header names to strings, got {headers!r}"]
    problems = []
    for name, value in headers.items():
        if not isinstance(name, str) or not _TOKEN.fullmatch(name):
            problems.append(f"{argument}: {name!r} is not a valid header name")
        elif name.lower() == _AUTH or name.lower() in credentials:
            problems.append(
                f"{argument} may not set {name}: the client sends the API key itself; pass "
                "api_key=... (or with_options(api_key=...) for other calls) instead"
            )
        elif not isinstance(value, str):
            problems.append(f"{argument}[{name!r}] must be a string, got {value!r}")
        elif (problem := value_problem(value)) is not None:
            problems.append(f"{argument}[{name!r}] {problem}")
    return problems
