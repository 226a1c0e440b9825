"""Reading a spec's YAML safely: plain JSON values out, or a clear refusal with file and line.

A spec is untrusted input, and YAML can do more than JSON: aliases that expand exponentially
(an alias bomb) or refer to the node that contains them (a cycle), unbounded nesting, keys that
are numbers or appear twice (YAML keeps the last one silently), tags that build dates, bytes or
sets. `load_yaml` reads the event stream of the parser (libyaml's when PyYAML has it) and builds
the document itself, so that every limit is checked while reading, before anything is expanded,
and no recursion depends on the input. Line numbers are read from the events as they pass; a
`LineMap` (a second pass) finds the line of any pointer when a later check reports a problem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..problems import Problem, SpecError, escape_pointer_token

__all__ = [
    "LIMITS",
    "Limits",
    "LineMap",
    "TextKey",
    "load_yaml",
    "number_out_of_range",
    "read_yaml",
    "refusals",
]

# libyaml's parser when PyYAML was built with it (the usual wheels), else the pure-Python one.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Limits:
    """What a spec may hold. The four curated specs use about a tenth of each."""

    max_bytes: int = 5_000_000
    max_depth: int = 64  # nested mappings and sequences
    max_aliases: int = 100
    max_nodes: int = 200_000  # every scalar and collection, counted again at each alias


LIMITS = Limits()

_STR = "tag:yaml.org,2002:str"
_MAP_TAGS = (None, "!", "tag:yaml.org,2002:map")
_SEQ_TAGS = (None, "!", "tag:yaml.org,2002:seq")


def number_out_of_range(text: str) -> tuple[str, str]:
    """The message and fix for a number written as `text` that is too large to hold.

    Every number of a spec ends up a double somewhere (JSON Schema checks, defaults and bounds in
    the generated models), where one past about 1.8e308 turns into infinity or fails to convert;
    refusing it here is the only place the line is still known. Long digit runs are shortened."""
    shown = text if len(text) <= 32 else f"{text[:16]}...{text[-8:]} ({len(text):,} characters)"
    return (
        f"{shown!r} is out of range: a number may be at most about 1.8e308 either side of 0",
        "write a smaller number, or quote it to make it a string",
    )


# How a key that is not a string is named. Keys of these kinds, written without a tag, are
# kept as the text written (see `TextKey`); a key with an explicit tag (`!!int 200`) is refused.
_KEY_KINDS = {
    "int": "a number",
    "float": "a number",
    "bool": "a boolean",
    "null": "null",
    "timestamp": "a date",
}


@dataclass(frozen=True)
class TextKey:
    """A key YAML reads as a number, boolean, null or date (`200:`, `on:`, `~:`), kept as the
    text its author wrote. JSON keys are strings, and so are OpenAPI's response codes and
    property names: a published document that leaves `200` unquoted means "200". A curated
    spec is refused on it (`refusal`), a published one warned about (`warning`).

    With `index`, a name in a schema's `required` list that YAML 1.1 reads as a boolean
    (`required: [on]`, the property `on`): the document holds the boolean (a curated spec is
    refused on it as a schema error, as always); a published one takes the text instead."""

    mapping: str  # the pointer of the mapping that holds the key (with `index`: the list)
    text: str
    kind: str  # "a number", "a boolean", "null" or "a date"
    line: int
    index: int | None = None  # a name in a `required` list: its place there

    @property
    def pointer(self) -> str:
        token = escape_pointer_token(self.text) if self.index is None else str(self.index)
        return f"{self.mapping}/{token}"

    def refusal(self, shown: str) -> Problem:
        return Problem(
            shown,
            self.mapping,
            f"a key is {self.kind} ({self.text}); every key of a spec is a string",
            _QUOTE_THE_KEY,
            rule="yaml",
            line=self.line,
        )

    def warning(self, shown: str) -> Problem:
        if self.index is not None:
            return Problem(
                shown,
                self.pointer,
                f"the name {self.text} in required is not quoted, and YAML 1.1 reads it as "
                f"{self.kind}",
                f"the name is taken as the text {self.text!r}, the property it spells",
                rule="yaml-key",
                line=self.line,
            )
        written = f"the key {self.text}" if self.text else "an empty key"
        return Problem(
            shown,
            self.pointer,
            f"{written} is not quoted, and YAML reads it as {self.kind}",
            f"the key is taken as the text {self.text!r}, as written",
            rule="yaml-key",
            line=self.line,
        )


_QUOTE_THE_KEY = 'quote the key ("200": instead of 200:)'
# The spellings YAML 1.1 reads as booleans and YAML 1.2 (and JSON) as text.
_YAML_11_BOOLEANS = frozenset({"yes", "no", "on", "off"})


def refusals(shown: str, text_keys: list[TextKey]) -> list[Problem]:
    """The refusals of a spec that must quote its keys (curated, or an overlay): one for each
    key kept as text; names in `required` lists are left to the schema checks."""
    return [key.refusal(shown) for key in text_keys if key.index is None]


class _Stop(Exception):
    """A problem that makes reading further pointless (a limit, a cycle)."""


@dataclass
class _Frame:
    """A mapping or sequence being read."""

    value: dict[str, Any] | list[Any]
    pointer: str
    anchor: str | None
    size: int = 1  # this node and everything under it, aliases expanded
    key: str | None = None  # a mapping's key waiting for its value
    key_line: int = 0
    skip: bool = False  # the pending key was refused: drop its value
    lines: dict[str, int] = field(default_factory=dict)  # key -> line, for duplicates


def load_yaml(source: bytes, shown: str, limits: Limits = LIMITS) -> Any:
    """The JSON value a YAML spec holds; `SpecError` naming file, line and pointer of every
    problem (the first limit or cycle met stops the reading), a key that is not a string
    among them."""
    value, text_keys = read_yaml(source, shown, limits)
    refused = refusals(shown, text_keys)
    if refused:
        raise SpecError(refused)
    return value


def read_yaml(source: bytes, shown: str, limits: Limits = LIMITS) -> tuple[Any, list[TextKey]]:
    """The JSON value a YAML spec holds, with each key YAML reads as a number, boolean, null
    or date kept as its text and listed (the caller decides whether that is allowed);
    `SpecError` as `load_yaml` for every other problem."""
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
    builder = _Builder(shown, limits)
    try:
        for event in yaml.parse(source, Loader=_LOADER):
            builder.feed(event)
    except yaml.reader.ReaderError as exc:  # bytes that are not UTF-8 text, or forbidden
        line = source[: exc.position].count(b"\n") + 1
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    f"not valid YAML at line {line}: the character or byte 0x{character:02x} "
                    f"({exc.reason}) cannot be in a spec",
                    "save the file as UTF-8, without control characters (write them as "
                    "escapes such as \\u0000 inside double quotes)",
                    rule="yaml",
                    line=line,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    f"not valid YAML{at}: {getattr(exc, 'problem', None) or exc}",
                    "fix the YAML syntax there",
                    rule="yaml",
                    line=mark.line + 1 if mark else None,
                )
            ]
        ) from None
    except _Stop:
        pass
    if builder.problems:
        raise SpecError(builder.problems)
    return builder.result, builder.text_keys


class _Builder:
    """Builds the document from parser events, checking the limits as it goes."""

    def __init__(self, shown: str, limits: Limits) -> None:
        self.shown = shown
        self.limits = limits
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # name -> (value, expanded size)
        self.open_anchors: set[str] = set()
        self.aliases = 0
        self.nodes = 0
        self.documents = 0
        self.result: Any = None
        self.problems: list[Problem] = []
        self.text_keys: list[TextKey] = []
        self._resolver = _LOADER("")

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._stop(
                    event,
                    "",
                    "the file holds more than one YAML document",
                    "keep one spec per file: remove the `---` line and what follows it",
                )
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._start(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._end()
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)

    # -- nodes

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        line = _line(event)
        tag = event.tag
        if tag in (None, "!"):
            implicit = (event.implicit[0], event.implicit[1]) if tag is None else (False, True)
            tag = self._resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, implicit
            )
        if self._expecting_key():
            self._key(event.value, tag, line, as_text=event.tag is None)
            return
        value = self._scalar_value(event.value, tag, line)
        if value is True or value is False:
            self._required_name(event, line)
        self._count(1, event)
        self._add(value, 1, event.anchor)

    def _scalar_value(self, text: str, tag: str, line: int) -> Any:
        if tag == _STR or tag == "tag:yaml.org,2002:timestamp":
            return text  # a date stays the text written, as in JSON
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return yaml.constructor.SafeConstructor.bool_values[text.lower()]
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            node = yaml.ScalarNode(tag, text)
            constructor = yaml.constructor.SafeConstructor()
            try:
                number = (
                    constructor.construct_yaml_int(node)
                    if tag.endswith("int")
                    else constructor.construct_yaml_float(node)
                )
                finite = math.isfinite(number)
            except (ValueError, OverflowError):  # past int()'s digit limit, or a double's range
                self._problem(line, self._here(), *number_out_of_range(text))
                return None
            if finite:
                return number
            if tag.endswith("int") or text.strip("+-").lower() not in (".inf", ".nan"):
                self._problem(line, self._here(), *number_out_of_range(text))
                return None
            self._problem(
                line,
                self._here(),
                f"{text!r} is not a JSON number",
                "write a finite number, or quote it to make it a string",
            )
            return None
        self._problem(
            line,
            self._here(),
            f"the tag {tag} makes a value JSON does not have",
            "drop the tag: a spec holds strings, numbers, true/false, null, lists and mappings",
        )
        return None

    def _start(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        line = _line(event)
        is_map = isinstance(event, yaml.MappingStartEvent)
        if self._expecting_key():
            self._refuse_key("a mapping" if is_map else "a list", line)
        pointer = self._here()
        if len(self.stack) + 1 > self.limits.max_depth:
            self._stop(
                event,
                pointer,
                f"the document nests deeper than {self.limits.max_depth} levels",
                "flatten it: name nested schemas under components/schemas and $ref them",
            )
        if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            self._problem(
                line,
                pointer,
                f"the tag {event.tag} makes a value JSON does not have",
                "drop the tag: a spec holds plain lists and mappings",
            )
        self._count(1, event)
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        container: dict[str, Any] | list[Any] = {} if is_map else []
        self.stack.append(_Frame(container, pointer, event.anchor))

    def _end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
        self._add(frame.value, frame.size, frame.anchor)

    def _alias(self, event: yaml.AliasEvent) -> None:
        line = _line(event)
        name = str(event.anchor)
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            self._stop(
                event,
                self._here(),
                f"more than {self.limits.max_aliases} aliases (*name)",
                "write the values out, or $ref a shared component instead of YAML aliases",
            )
        if name in self.open_anchors:
            self._stop(
                event,
                self._here(),
                f"the alias *{name} refers to a node that contains it (a cycle)",
                "a spec is a tree: remove the alias, or $ref a component",
            )
        if name not in self.anchors:
            self._stop(
                event,
                self._here(),
                f"the alias *{name} has no anchor &{name} before it",
                "define the anchor first, or write the value out",
            )
        if self._expecting_key():
            self._refuse_key(f"the alias *{name}", line)
        value, size = self.anchors[name]
        self._count(size, event)
        self._add(value, size, None)

    # -- placing values

    def _add(self, value: Any, size: int, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.result = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.value, list):
            frame.value.append(value)
            return
        if not frame.skip and frame.key is not None:
            frame.value[frame.key] = value
        frame.key, frame.skip = None, False

    def _expecting_key(self) -> bool:
        if not self.stack:
            return False
        frame = self.stack[-1]
        return isinstance(frame.value, dict) and frame.key is None and not frame.skip

    def _key(self, text: str, tag: str, line: int, as_text: bool) -> None:
        """Take a scalar key. `as_text`: it has no tag, so a key YAML resolves to a number,
        boolean, null or date is kept as the text written (and listed in `text_keys`)."""
        frame = self.stack[-1]
        if tag == "tag:yaml.org,2002:merge":
            self._problem(
                line,
                frame.pointer,
                "merge keys (<<) are not supported",
                "write the merged keys out, or $ref a shared component",
            )
            frame.skip = True
            return
        if tag != _STR:
            kind = _KEY_KINDS.get(tag.rsplit(":", 1)[-1])
            if kind is None or not as_text:
                self._refuse_key(f"{kind or 'a value'} ({text})", line)
                return
            self.text_keys.append(TextKey(frame.pointer, text, kind, line))
        at = frame.pointer + "/" + escape_pointer_token(text)
        if text in frame.lines:
            self._problem(
                line,
                at,
                f"the key {text!r} appears twice in this mapping, at lines "
                f"{frame.lines[text]} and {line} (YAML would keep only the second)",
                "remove one of the two, or merge what they hold",
            )
        else:
            frame.lines[text] = line
        frame.key, frame.key_line = text, line

    def _required_name(self, event: yaml.ScalarEvent, line: int) -> None:
        """List a name of a `required` list that only YAML 1.1 reads as a boolean (`on`)."""
        frame = self.stack[-1] if self.stack else None
        if (
            event.tag is None
            and event.value.lower() in _YAML_11_BOOLEANS
            and frame is not None
            and isinstance(frame.value, list)
            and frame.pointer.endswith("/required")
        ):
            index = len(frame.value)
            self.text_keys.append(TextKey(frame.pointer, event.value, "a boolean", line, index))

    def _refuse_key(self, what: str, line: int) -> None:
        frame = self.stack[-1]
        self._problem(
            line,
            frame.pointer,
            f"a key is {what}; every key of a spec is a string",
            _QUOTE_THE_KEY,
        )
        frame.skip = True

    def _here(self) -> str:
        """The pointer of the value about to be read."""
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return f"{frame.pointer}/{len(frame.value)}"
        return frame.pointer + "/" + escape_pointer_token(frame.key or "")

    # -- limits and problems

    def _count(self, size: int, event: yaml.Event) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            self._stop(
                event,
                self._here(),
                f"the document expands to more than {self.limits.max_nodes:,} values"
                + (" through its aliases (an alias bomb)" if self.aliases else ""),
                "remove the aliases that repeat large parts, or split the spec",
            )

    def _problem(self, line: int, pointer: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.shown, pointer, message, fix, rule="yaml", line=line))

    def _stop(self, event: yaml.Event, pointer: str, message: str, fix: str) -> None:
        self._problem(_line(event), pointer, message, fix)
        raise _Stop


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 0


class LineMap:
    """The line of the node at each JSON pointer of a spec file (a second reading, made only
    when a problem needs its line). The file must have loaded with `load_yaml`, or with
    `spec_json.load_json` when it is JSON."""

    def __init__(self, source: bytes) -> None:
        from .spec_json import json_lines, looks_like_json  # it reads LIMITS from here

        scanned = json_lines(source) if looks_like_json(source) else None
        self._lines: dict[str, int] = scanned or {}
        if scanned is not None:
            return
        try:
            root = yaml.compose(source, Loader=_LOADER)
        except yaml.YAMLError:
            return
        pending: list[tuple[yaml.Node, str]] = [(root, "")] if root is not None else []
        seen: set[int] = set()
        while pending:  # no recursion, and each node once: aliases share their node
            node, at = pending.pop()
            self._lines.setdefault(at, node.start_mark.line + 1)
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                for key, value in reversed(node.value):
                    child = at + "/" + escape_pointer_token(str(key.value))
                    self._lines.setdefault(child, key.start_mark.line + 1)
                    pending.append((value, child))
            elif isinstance(node, yaml.SequenceNode):
                pending += [
                    (item, f"{at}/{i}") for i, item in reversed(list(enumerate(node.value)))
                ]

    def line(self, at: str) -> int | None:
        """The line of `at`, or of its nearest ancestor that has one."""
        while True:
            if at in self._lines:
                return self._lines[at]
            if not at:
                return None
            at = at.rsplit("/", 1)[0]
