"""Reading a spec written as JSON: parsed by the `json` module, so that numbers stay numbers
(`1e-05` is a float, where a YAML 1.1 reader makes it a string).

The `json` module alone would keep the last of two equal keys silently, recurse as deep as the
input nests, and accept `NaN`. So a scan without recursion goes first: it checks the limits of
`spec_yaml.Limits` (nesting, number of values), names every key that appears twice with both
lines, and records the line of every JSON pointer for later problems. The `json` module then
builds the values and reports syntax errors with their line and column.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from ..problems import Problem, SpecError, escape_pointer_token
from .spec_yaml import LIMITS, Limits, number_out_of_range

__all__ = ["json_lines", "load_json", "looks_like_json"]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONSTANT = re.compile(r"NaN|-?Infinity")  # what Python's json reads and JSON does not have


def looks_like_json(source: bytes) -> bool:
    """Whether a spec's bytes read as a JSON object: the first character (after a byte-order
    mark and white space) is `{`."""
    return source.lstrip(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"{")


def load_json(source: bytes, shown: str, limits: Limits = LIMITS) -> Any:
    """The JSON value of a spec file; `SpecError` naming file, line and pointer of every
    problem (the first limit met stops the reading)."""
    if len(source) > limits.max_bytes:
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    f"the file is {len(source):,} bytes; a spec may have at most "
                    f"{limits.max_bytes:,}",
                    "keep only the API in the spec (no embedded data or pages)",
                    rule="limits",
                )
            ]
        )
    try:
        text = source.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = source[: exc.start].count(b"\n") + 1
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    f"not valid JSON at line {line}: the byte 0x{source[exc.start]:02x} is not "
                    "UTF-8 text",
                    "save the file as UTF-8",
                    rule="json",
                    line=line,
                )
            ]
        ) from None
    scan = _Scan(text, shown, limits)
    scan.run()
    if scan.problems:
        raise SpecError(scan.problems)
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except _NotANumber as exc:
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    f"{exc.args[0]} is not a JSON number",
                    "write a finite number, or quote it to make it a string",
                    rule="json",
                )
            ]
        ) from None
    except json.JSONDecodeError as exc:
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                    "fix the JSON syntax there",
                    rule="json",
                    line=exc.lineno,
                )
            ]
        ) from None
    except RecursionError:  # the scan bounds nesting first; this is a last guard
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    "the document nests too deeply to read",
                    "flatten it: name nested schemas under components/schemas and $ref them",
                    rule="limits",
                )
            ]
        ) from None


def json_lines(source: bytes) -> dict[str, int] | None:
    """The line of every JSON pointer of a JSON spec (keys at the line of their key), or None
    when the bytes do not scan as JSON to the end."""
    try:
        text = source.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    scan = _Scan(text, "", Limits(max_bytes=len(source) + 1, max_depth=10**6, max_nodes=10**9))
    return scan.lines if scan.run() and not scan.problems else None


class _NotANumber(Exception):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotANumber(name)


class _Stop(Exception):
    """A limit was met: reading further is pointless."""


@dataclass
class _Frame:
    """An object or array being scanned."""

    pointer: str
    is_object: bool
    count: int = 0  # values seen (an array's next index)
    key: str | None = None  # an object's key waiting for its value
    keys: dict[str, int] = field(default_factory=dict)  # key -> line, for duplicates


class _Scan:
    """One pass over JSON text: limits, duplicate keys and the lines of pointers. Anything the
    scan does not understand ends it quietly; the `json` module then reports the syntax
    error."""

    def __init__(self, text: str, shown: str, limits: Limits) -> None:
        self.text = text
        self.shown = shown
        self.limits = limits
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []

    def line(self, position: int) -> int:
        return bisect_right(self.newlines, position - 1) + 1

    def run(self) -> bool:
        """Scan the text; True when it was read to the end as JSON."""
        try:
            return self._scan()
        except _Stop:
            return False

    def _scan(self) -> bool:
        text, position, end = self.text, 0, len(self.text)
        while True:
            position = _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]
            if position >= end:
                return not self.stack
            char = text[position]
            if char in "{[":
                at = self._here()
                self._value_starts(position)
                self._nest(position, at, char == "{")
                position += 1
            elif char in "}]":
                if not self.stack or self.stack[-1].is_object != (char == "}"):
                    return False
                self.stack.pop()
                position += 1
            elif char == ",":
                if self.stack:
                    self.stack[-1].key = None
                position += 1
            elif char == ":":
                position += 1
            elif char == '"':
                try:
                    value, after = json.decoder.scanstring(text, position + 1)  # type: ignore[attr-defined]
                except (json.JSONDecodeError, ValueError):
                    return False
                if _SURROGATE.search(value):
                    self._problem(
                        position,
                        self._here(),
                        "a string holds a lone surrogate escape (\\ud800-\\udfff), which is "
                        "not text",
                        "write the character itself, or its full surrogate pair",
                    )
                if self._expecting_key():
                    self._key(value, position)
                else:
                    self._value_starts(position)
                position = after
            else:
                match = _SCALAR.match(text, position) or _CONSTANT.match(text, position)
                if match is None:
                    return False
                token = match.group()
                if _CONSTANT.fullmatch(token):
                    self._problem(
                        position,
                        self._here(),
                        f"{token} is not a JSON number",
                        "write a finite number, or quote it to make it a string",
                    )
                elif token[-1].isdigit() and math.isinf(float(token)):
                    self._problem(position, self._here(), *number_out_of_range(token))
                self._value_starts(position)
                position = match.end()

    def _expecting_key(self) -> bool:
        return bool(self.stack) and self.stack[-1].is_object and self.stack[-1].key is None

    def _here(self) -> str:
        """The pointer of the value about to be read."""
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if frame.is_object:
            return frame.pointer + "/" + escape_pointer_token(frame.key or "")
        return f"{frame.pointer}/{frame.count}"

    def _value_starts(self, position: int) -> None:
        at = self._here()
        self.lines.setdefault(at, self.line(position))
        if self.stack:
            self.stack[-1].count += 1
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            self._stop(
                position,
                at,
                f"the document holds more than {self.limits.max_nodes:,} values",
                "split the spec, or keep only the API in it",
            )

    def _nest(self, position: int, at: str, is_object: bool) -> None:
        if len(self.stack) + 1 > self.limits.max_depth:
            self._stop(
                position,
                at,
                f"the document nests deeper than {self.limits.max_depth} levels",
                "flatten it: name nested schemas under components/schemas and $ref them",
            )
        self.stack.append(_Frame(at, is_object))

    def _key(self, key: str, position: int) -> None:
        frame = self.stack[-1]
        line = self.line(position)
        at = frame.pointer + "/" + escape_pointer_token(key)
        if key in frame.keys:
            self._problem(
                position,
                at,
                f"the key {key!r} appears twice in this object, at lines {frame.keys[key]} "
                f"and {line} (a JSON reader would keep only the second)",
                "remove one of the two, or merge what they hold",
            )
        else:
            frame.keys[key] = line
        frame.key = key
        self.lines.setdefault(at, line)

    def _problem(self, position: int, at: str, message: str, fix: str) -> None:
        self.problems.append(
            Problem(self.shown, at, message, fix, rule="json", line=self.line(position))
        )

    def _stop(self, position: int, at: str, message: str, fix: str) -> None:
        self._problem(position, at, message, fix)
        raise _Stop
