"""The API key: checked once when the client is built, then kept out of every repr and message.

A key travels in the `Authorization` header. A character a header cannot carry (a line break
from a `.env` file saved on Windows, a NUL, a non-ASCII letter) would make httpx fail deep in a
request, with the key in the exception, its causes and httpcore's debug log. Such a key is
refused here instead, and the refusal says where the bad character is, never the key.
"""

from __future__ import annotations

from ._errors import ConfigurationError

__all__ = ["REDACTED", "Secret", "checked_key"]

REDACTED = "<redacted>"

_NAMES = {
    "\n": "a line break (\\n)",
    "\r": "a carriage return (\\r, as a .env file saved on Windows leaves)",
    "\t": "a tab",
    " ": "a space",
    "\x00": "a NUL byte",
}


def _describe(character: str) -> str:
    if character in _NAMES:
        return _NAMES[character]
    if ord(character) < 0x20 or ord(character) == 0x7F:
        return f"the control character U+{ord(character):04X}"
    return f"the non-ASCII character U+{ord(character):04X}"


def checked_key(key: str, *, where: str) -> str:
    """`key` if every character can go in an HTTP header; else a `ConfigurationError`.

    `where` says where the key came from ("api_key=..." or the environment variable's name).
    Printable ASCII without spaces is accepted: no provider issues keys with anything else.
    """
    if not isinstance(key, str):
        raise ConfigurationError(
            f"The API key from {where} must be a string, not {type(key).__name__}."
        )
    for position, character in enumerate(key):
        if not "\x21" <= character <= "\x7e":
            if position == len(key) - 1 and character in "\r\n ":
                place = "ends with"
            elif position == 0:
                place = "starts with"
            else:
                place = f"has, at character {position + 1} of {len(key)},"
            raise ConfigurationError(
                f"The API key from {where} {place} {_describe(character)}, which cannot be sent "
                "in an HTTP header. Copy the key again without it (strip trailing line breaks "
                "and spaces). The key itself is not shown."
            ) from None
    return key


class Secret:
    """The API key, kept out of every repr (even `vars(client)`)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return repr(REDACTED)
