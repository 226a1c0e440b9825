"""`gatewaygen diff OLD NEW`: every change between two versions of a spec, rated for a client.

The levels are oasdiff's: breaking, possibly breaking, non-breaking. A change is rated from the
point of view of a client generated from OLD that now talks to a gateway described by NEW, and
of the code that calls that client. What a client may send is a *request* question (narrowing
breaks it); what it may receive is a *response* question (widening breaks it, because the
generated pydantic models have closed `Literal` enums and typed fields). A change is an
*addition* when a client can ignore it (a new operation, a new optional field, a new enum value
it may send, a new response field). `bump` turns the findings into a release: major for
anything breaking, minor for additions and possibly breaking changes, patch for the rest.

Operations are matched by `operationId` first, so a new path or method for the same
`operationId` is one `operation-moved` finding, not a removal and an addition; what is left is
matched by path and method (`operation-id-changed`: the client method is renamed). Parameters
are matched by (`in`, `name`), responses by status, media types and properties by name;
`$ref`s are followed (each pair of schemas is compared once, which also ends cycles), and
`oneOf`/`anyOf`/`allOf` branches are paired by the component they name, inline ones in order.

Each finding names its operation ("createJob (POST /v1/jobs)"; None for document-level ones),
the JSON pointer of the changed place (in NEW; in OLD for a removal), the value there in OLD
and in NEW (None where there is none; an operation is given as "METHOD /path", a renamed thing
by its names), and one sentence for people. Documentation findings inside `components` belong
to no one operation: they are reported once, as document-level findings.

Rules (MAX stands for each of max-length, max-items, max-properties, maximum,
exclusive-maximum; MIN for min-length, min-items, min-properties, minimum, exclusive-minimum):

| rule | level | when |
|---|---|---|
| operation-removed | breaking | an operationId is gone |
| operation-moved | breaking | same operationId, new path or method |
| operation-id-changed | breaking | same path and method, new operationId |
| operation-added | non-breaking, addition | a new operation |
| security-changed | breaking | the security requirements differ |
| security-scheme-changed | breaking | a scheme's type, scheme, in, name... differ |
| security-scheme-removed | breaking | |
| security-scheme-added | non-breaking, addition | |
| servers-changed | possibly-breaking | the server URLs (the default base URL) differ |
| extension-changed | possibly-breaking | x-task, x-paid-task, x-errors, x-envelope, x-public-url |
| request-parameter-removed | breaking | |
| request-parameter-added-required | breaking | |
| request-parameter-became-required | breaking | |
| request-parameter-serialization-changed | breaking | style, explode, allowReserved, content |
| request-parameter-added | non-breaking, addition | an optional parameter |
| request-parameter-became-optional | non-breaking | |
| request-body-removed | breaking | |
| request-body-added-required | breaking | |
| request-body-became-required | breaking | |
| request-body-added | non-breaking, addition | an optional body |
| request-body-became-optional | non-breaking | |
| request-media-type-removed | breaking | |
| request-media-type-added | non-breaking, addition | |
| response-success-status-removed | breaking | a 2xx response is gone |
| response-status-removed | non-breaking | another response is no longer documented |
| response-status-added | non-breaking, addition | |
| response-media-type-removed | breaking | |
| response-media-type-added | non-breaking, addition | |
| request-property-removed | breaking | |
| request-property-renamed | breaking | one removed, one added, same schema |
| request-property-added-required | breaking | |
| request-property-became-required | breaking | |
| request-property-added | non-breaking, addition | an optional field |
| request-property-became-optional | non-breaking | |
| response-property-removed | breaking | |
| response-property-renamed | breaking | |
| response-property-became-optional | breaking | |
| response-property-added | non-breaking, addition | |
| response-property-became-required | non-breaking | |
| request-type-changed | breaking | a type the client sends is refused |
| request-type-widened | non-breaking | |
| response-type-changed | breaking | a type the client does not expect may arrive |
| response-type-narrowed | non-breaking | |
| request-enum-value-removed | breaking | |
| request-enum-added | breaking | a free field now takes listed values only |
| request-enum-value-added | non-breaking, addition | |
| request-enum-removed | non-breaking | |
| response-enum-value-added | breaking | a strict client rejects the new value |
| response-enum-removed | breaking | any value may now arrive |
| response-enum-value-removed | non-breaking | |
| response-enum-added | non-breaking | |
| request-const-changed | breaking | set or changed |
| request-const-removed | non-breaking | |
| response-const-changed | breaking | changed or removed |
| response-const-added | non-breaking | |
| request-MAX-decreased, request-MIN-increased | breaking | a bound tightened, or set |
| request-MAX-increased, request-MIN-decreased | non-breaking | a bound loosened, or removed |
| response-MAX-increased, response-MIN-decreased | possibly-breaking | |
| response-MAX-decreased, response-MIN-increased | non-breaking | |
| request-pattern-changed, request-format-changed | breaking | set or changed |
| request-pattern-removed, request-format-removed | non-breaking | |
| response-pattern-changed, response-format-changed | possibly-breaking | changed or removed |
| response-pattern-added, response-format-added | non-breaking | |
| request-additional-properties-closed | breaking | now false |
| request-additional-properties-opened | non-breaking | no longer false |
| response-additional-properties-changed | non-breaking | the client keeps unknown fields |
| request-one-of-branch-removed, request-any-of-branch-removed | breaking | |
| request-all-of-branch-added | breaking | |
| request-one-of-branch-added, request-any-of-branch-added | non-breaking, addition | |
| request-all-of-branch-removed | non-breaking | |
| response-one-of-branch-added, response-any-of-branch-added | breaking | |
| response-all-of-branch-removed | breaking | |
| response-one-of-branch-removed, response-any-of-branch-removed | non-breaking | |
| response-all-of-branch-added | non-breaking | |
| request-composition-changed, response-composition-changed | breaking | a oneOf... comes or goes |
| request-default-changed | possibly-breaking | callers who leave it out get another result |
| response-default-changed | non-breaking | |
| request-schema-changed, response-schema-changed | possibly-breaking | another keyword changed |
| model-renamed | possibly-breaking | a $ref names another component: the model class is renamed |
| known-values-changed | non-breaking | x-known-values: the field stays open |
| deprecated-changed | non-breaking | |
| documentation-changed | non-breaking | descriptions, summaries, titles, tags, other x- keys |
| example-changed | non-breaking | example, examples |

Not compared: `info.version` (the version is not a change), response headers, links,
callbacks, webhooks, and components no operation reaches.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..load.document import MISSING, iter_operations, resolve_at
from ..load.loader import load_spec
from ..problems import Problem, SpecError, escape_pointer_token, pointer

__all__ = [
    "LEVELS",
    "RULES",
    "Change",
    "Level",
    "as_json",
    "bump",
    "diff_documents",
    "main",
    "render_markdown",
    "render_text",
]

Level = Literal["breaking", "possibly-breaking", "non-breaking"]
Direction = Literal["request", "response"]
Bump = Literal["major", "minor", "patch"]

LEVELS: tuple[Level, ...] = ("breaking", "possibly-breaking", "non-breaking")
_HEADINGS: dict[Level, str] = {
    "breaking": "Breaking",
    "possibly-breaking": "Possibly breaking",
    "non-breaking": "Non-breaking",
}


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a spec, and what it means for a client."""

    level: Level
    rule: str
    operation: str | None
    pointer: str
    old: Any
    new: Any
    message: str
    addition: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "rule": self.rule,
            "operation": self.operation,
            "pointer": self.pointer,
            "old": self.old,
            "new": self.new,
            "message": self.message,
            "addition": self.addition,
        }


# --- the rules --------------------------------------------------------------------------------

# keyword: (rule stem, which bound, how the bound reads, what a call beyond it sends)
_BOUNDS: dict[str, tuple[str, str, str, str]] = {
    "maxLength": ("max-length", "upper", "at most {} characters", "a longer value"),
    "maxItems": ("max-items", "upper", "at most {} items", "more items"),
    "maxProperties": ("max-properties", "upper", "at most {} properties", "more properties"),
    "maximum": ("maximum", "upper", "at most {}", "a larger value"),
    "exclusiveMaximum": ("exclusive-maximum", "upper", "less than {}", "a larger value"),
    "minLength": ("min-length", "lower", "at least {} characters", "a shorter value"),
    "minItems": ("min-items", "lower", "at least {} items", "fewer items"),
    "minProperties": ("min-properties", "lower", "at least {} properties", "fewer properties"),
    "minimum": ("minimum", "lower", "at least {}", "a smaller value"),
    "exclusiveMinimum": ("exclusive-minimum", "lower", "greater than {}", "a smaller value"),
}
_BRANCHES = {"oneOf": "one-of", "anyOf": "any-of", "allOf": "all-of"}


def _rules() -> dict[str, tuple[Level, bool]]:
    rules: dict[str, tuple[Level, bool]] = {}

    def add(level: Level, *names: str, addition: bool = False) -> None:
        rules.update({name: (level, addition) for name in names})

    b: Level = "breaking"
    p: Level = "possibly-breaking"
    n: Level = "non-breaking"
    add(b, "operation-removed", "operation-moved", "operation-id-changed")
    add(n, "operation-added", addition=True)
    add(b, "security-changed", "security-scheme-changed", "security-scheme-removed")
    add(n, "security-scheme-added", addition=True)
    add(p, "servers-changed", "extension-changed")
    add(b, "request-parameter-removed", "request-parameter-added-required")
    add(b, "request-parameter-became-required", "request-parameter-serialization-changed")
    add(n, "request-parameter-added", addition=True)
    add(n, "request-parameter-became-optional")
    add(b, "request-body-removed", "request-body-added-required", "request-body-became-required")
    add(n, "request-body-added", addition=True)
    add(n, "request-body-became-optional")
    add(b, "request-media-type-removed")
    add(n, "request-media-type-added", addition=True)
    add(b, "response-success-status-removed")
    add(n, "response-status-removed")
    add(n, "response-status-added", addition=True)
    add(b, "response-media-type-removed")
    add(n, "response-media-type-added", addition=True)
    add(b, "request-property-removed", "request-property-renamed")
    add(b, "request-property-added-required", "request-property-became-required")
    add(n, "request-property-added", addition=True)
    add(n, "request-property-became-optional")
    add(b, "response-property-removed", "response-property-renamed")
    add(b, "response-property-became-optional")
    add(n, "response-property-added", addition=True)
    add(n, "response-property-became-required")
    add(b, "request-type-changed", "response-type-changed")
    add(n, "request-type-widened", "response-type-narrowed")
    add(b, "request-enum-value-removed", "request-enum-added")
    add(n, "request-enum-value-added", addition=True)
    add(n, "request-enum-removed")
    add(b, "response-enum-value-added", "response-enum-removed")
    add(n, "response-enum-value-removed", "response-enum-added")
    add(b, "request-const-changed", "response-const-changed")
    add(n, "request-const-removed", "response-const-added")
    for stem, kind, _, _ in _BOUNDS.values():
        narrower, wider = _bound_words(kind)
        add(b, f"request-{stem}-{narrower}")
        add(n, f"request-{stem}-{wider}", f"response-{stem}-{narrower}")
        add(p, f"response-{stem}-{wider}")
    for keyword in ("pattern", "format"):
        add(b, f"request-{keyword}-changed")
        add(n, f"request-{keyword}-removed", f"response-{keyword}-added")
        add(p, f"response-{keyword}-changed")
    add(b, "request-additional-properties-closed")
    add(n, "request-additional-properties-opened", "response-additional-properties-changed")
    for stem in ("one-of", "any-of"):
        add(b, f"request-{stem}-branch-removed", f"response-{stem}-branch-added")
        add(n, f"request-{stem}-branch-added", addition=True)
        add(n, f"response-{stem}-branch-removed")
    add(b, "request-all-of-branch-added", "response-all-of-branch-removed")
    add(n, "request-all-of-branch-removed", "response-all-of-branch-added")
    add(b, "request-composition-changed", "response-composition-changed")
    add(p, "request-default-changed", "request-schema-changed", "response-schema-changed")
    add(p, "model-renamed")
    add(n, "response-default-changed", "known-values-changed", "deprecated-changed")
    add(n, "documentation-changed", "example-changed")
    return rules


def _bound_words(kind: str) -> tuple[str, str]:
    """(narrowing, widening) for an upper or a lower bound."""
    return ("decreased", "increased") if kind == "upper" else ("increased", "decreased")


RULES: dict[str, tuple[Level, bool]] = _rules()
"""Every rule id with its level and whether it is an addition: one level per rule, always."""

# Findings about the document's text: inside components they belong to no one operation.
_DOCUMENT_RULES = frozenset(
    {"documentation-changed", "example-changed", "known-values-changed", "deprecated-changed"}
)
BEHAVIOUR_EXTENSIONS = frozenset(
    {"x-task", "x-paid-task", "x-errors", "x-envelope", "x-public-url"}
)
"""The extensions the generated client's runtime acts on; every other `x-` key is prose."""
_DOC_KEYS = frozenset(
    {"description", "summary", "title", "tags", "externalDocs", "$comment", "contact", "license"}
    | {"termsOfService"}
)
_EXAMPLE_KEYS = frozenset({"example", "examples"})
# Schema keywords with rules of their own; any other keyword is `*-schema-changed`.
_SCHEMA_KEYS = frozenset(
    {"$ref", "type", "enum", "const", "pattern", "format", "default", "properties", "required"}
    | {"additionalProperties", "items", *_BOUNDS, *_BRANCHES}
)
_PARAMETER_WIRE = ("style", "explode", "allowReserved", "content")


# --- comparing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Operation:
    """One side of an operation: where it is and what it says."""

    op_id: str
    method: str
    path: str
    node: dict[str, Any]

    @property
    def at(self) -> str:
        return pointer("paths", self.path, self.method)

    @property
    def route(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def label(self) -> str:
        return f"{self.op_id} ({self.route})"


@dataclass
class _Walk:
    """Where a schema comparison is: the operation, the direction, whose schema it is."""

    op: _Operation
    direction: Direction
    root: str  # how the schema itself reads: "the request body", "the job_id path parameter"
    owner: str  # how its fields read: "the request's", "the 200 response's"
    visited: set[tuple[str, str]] = field(default_factory=set)

    def label(self, path: str) -> str:
        return f"{self.owner} {path}" if path else self.root

    @property
    def request(self) -> bool:
        return self.direction == "request"


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from `old` to `new` (two loaded spec documents), in document order:
    document-level findings first, then each operation of `new`, then removed operations."""
    return _Differ(old, new).run()


class _Differ:
    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old = old
        self.new = new
        self.changes: list[Change] = []
        self._seen: set[tuple[str, str | None, str]] = set()

    def emit(
        self, rule: str, op: _Operation | None, at: str, old: Any, new: Any, text: str
    ) -> None:
        """Record a finding (once per rule, operation and pointer)."""
        level, addition = RULES[rule]
        if rule in _DOCUMENT_RULES and at.startswith("/components/"):
            op = None
        label = op.label if op else None
        if (rule, label, at) in self._seen:
            return
        self._seen.add((rule, label, at))
        message = f"{op.op_id}: {text}" if op else text[:1].upper() + text[1:]
        change = Change(level, rule, label, at, _plain(old), _plain(new), message, addition)
        self.changes.append(change)

    def run(self) -> list[Change]:
        self._document()
        self._operations()
        return self.changes

    # -- the document --

    def _document(self) -> None:
        old, new = self.old, self.new
        info_old, info_new = old.get("info") or {}, new.get("info") or {}
        self._annotations(None, info_old, info_new, "/info", "/info", ignore={"version"})
        top = {"openapi", "jsonSchemaDialect", "info", "servers", "security", "paths"}
        self._annotations(None, old, new, "", "", ignore=top | {"components", "webhooks"})
        self._servers(None, old, new, "", "")
        was, now = old.get("security"), new.get("security")
        if _requirements(was) != _requirements(now):
            text = f"the security requirements changed from {_show(was)} to {_show(now)}"
            text += "; calls authenticated the old way will be refused."
            self.emit("security-changed", None, "/security", was, now, text)
        self._security_schemes()
        old_paths = old.get("paths") or {}
        for path, item in (new.get("paths") or {}).items():
            if isinstance(old_paths.get(path), dict) and isinstance(item, dict):
                at = pointer("paths", path)
                self._annotations(None, old_paths[path], item, at, at, only_annotations=True)
                self._servers(None, old_paths[path], item, at, at)

    def _security_schemes(self) -> None:
        old = (self.old.get("components") or {}).get("securitySchemes") or {}
        new = (self.new.get("components") or {}).get("securitySchemes") or {}
        for name, scheme in old.items():
            at = pointer("components", "securitySchemes", name)
            if name not in new:
                text = f"the security scheme {name!r} was removed."
                self.emit("security-scheme-removed", None, at, scheme, None, text)
                continue
            was, now = _essentials(scheme), _essentials(new[name])
            if was != now:
                text = f"the security scheme {name!r} changed from {_show(was)} to {_show(now)}"
                text += "; calls authenticated the old way will be refused."
                self.emit("security-scheme-changed", None, at, scheme, new[name], text)
            if isinstance(scheme, dict) and isinstance(new[name], dict):
                self._annotations(None, scheme, new[name], at, at, only_annotations=True)
        for name, scheme in new.items():
            if name not in old:
                at = pointer("components", "securitySchemes", name)
                text = f"the security scheme {name!r} was added."
                self.emit("security-scheme-added", None, at, None, scheme, text)

    def _servers(
        self,
        op: _Operation | None,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
    ) -> None:
        was, now = old.get("servers"), new.get("servers")
        if was == now:
            return
        at = f"{new_at}/servers" if now is not None else f"{old_at}/servers"
        if _urls(was) != _urls(now):
            text = f"the servers changed from {_show(_urls(was))} to {_show(_urls(now))}"
            text += "; the client's default base URL changes."
            self.emit("servers-changed", op, at, _urls(was), _urls(now), text)
        else:
            text = "the servers' descriptions changed; this is documentation only."
            self.emit("documentation-changed", op, at, was, now, text)

    # -- operations --

    def _operations(self) -> None:
        old_ops = [_operation(p, m, o) for p, m, o in iter_operations(self.old)]
        new_ops = [_operation(p, m, o) for p, m, o in iter_operations(self.new)]
        unmatched = {op.op_id: op for op in old_ops}
        pairs: dict[int, _Operation] = {}  # index in new_ops: the same operation in old
        for index, op in enumerate(new_ops):
            if op.op_id in unmatched:
                pairs[index] = unmatched.pop(op.op_id)
        by_route = {(op.path, op.method): op for op in unmatched.values()}
        for index, op in enumerate(new_ops):
            if index not in pairs and (op.path, op.method) in by_route:
                pairs[index] = by_route.pop((op.path, op.method))
                del unmatched[pairs[index].op_id]
        for index, op in enumerate(new_ops):
            before = pairs.get(index)
            if before is None:
                text = f"the operation {op.route} was added."
                self.emit("operation-added", op, op.at, None, op.route, text)
                continue
            if before.op_id != op.op_id:
                text = f"the operationId changed from {before.op_id!r} to {op.op_id!r}, so the "
                text += "client method is renamed."
                at = f"{op.at}/operationId"
                self.emit("operation-id-changed", op, at, before.op_id, op.op_id, text)
            elif before.route != op.route:
                text = f"the operation moved from {before.route} to {op.route}; calls to the old "
                text += "route will fail."
                self.emit("operation-moved", op, op.at, before.route, op.route, text)
            self._operation(before, op)
        for op in old_ops:
            if op.op_id in unmatched:
                text = f"the operation {op.route} was removed, and its client method with it."
                self.emit("operation-removed", op, op.at, op.route, None, text)

    def _operation(self, old: _Operation, new: _Operation) -> None:
        shape = {"operationId", "parameters", "requestBody", "responses", "security", "servers"}
        self._annotations(new, old.node, new.node, old.at, new.at, ignore=shape | {"callbacks"})
        self._servers(new, old.node, new.node, old.at, new.at)
        if "security" in old.node or "security" in new.node:
            was = old.node.get("security", self.old.get("security"))
            now = new.node.get("security", self.new.get("security"))
            if _requirements(was) != _requirements(now):
                at = f"{new.at if 'security' in new.node else old.at}/security"
                text = f"the security requirements changed from {_show(was)} to {_show(now)}"
                text += "; calls authenticated the old way will be refused."
                self.emit("security-changed", new, at, was, now, text)
        self._parameters(old, new)
        self._request_body(old, new)
        self._responses(old, new)

    def _parameters(self, old_op: _Operation, op: _Operation) -> None:
        before = dict(_parameters(self.old, old_op))
        after = dict(_parameters(self.new, op))
        for (where, name), (at, param) in before.items():
            if (where, name) not in after:
                text = f"the {name} {where} parameter was removed."
                self.emit("request-parameter-removed", op, at, param, None, text)
        for key, (at, param) in after.items():
            label = f"the {key[1]} {key[0]} parameter"
            required = param.get("required") is True
            if key not in before:
                if required:
                    text = f"{label} was added and is required; calls without it will fail."
                    self.emit("request-parameter-added-required", op, at, None, param, text)
                else:
                    text = f"{label} was added (optional)."
                    self.emit("request-parameter-added", op, at, None, param, text)
                continue
            old_at, old_param = before[key]
            was_required = old_param.get("required") is True
            was, now = old_param.get("required"), param.get("required")
            if required and not was_required:
                text = f"{label} is now required; calls without it will fail."
                self.emit("request-parameter-became-required", op, f"{at}/required", was, now, text)
            elif was_required and not required:
                text = f"{label} is now optional."
                self.emit("request-parameter-became-optional", op, f"{at}/required", was, now, text)
            for keyword in _PARAMETER_WIRE:
                was, now = old_param.get(keyword), param.get(keyword)
                if was != now:
                    text = f"{label} is sent differently now ({keyword} changed)."
                    rule = "request-parameter-serialization-changed"
                    self.emit(rule, op, f"{at}/{keyword}", was, now, text)
            shape = {"name", "in", "required", "schema", *_PARAMETER_WIRE}
            self._annotations(op, old_param, param, old_at, at, ignore=shape)
            if "schema" in old_param or "schema" in param:
                walk = _Walk(op, "request", label, f"{label}'s")
                was, now = old_param.get("schema"), param.get("schema")
                self._schema(walk, was, now, f"{old_at}/schema", f"{at}/schema", "")

    def _request_body(self, old_op: _Operation, op: _Operation) -> None:
        old, old_at = resolve_at(
            self.old, old_op.node.get("requestBody"), f"{old_op.at}/requestBody"
        )
        new, at = resolve_at(self.new, op.node.get("requestBody"), f"{op.at}/requestBody")
        if not isinstance(new, dict):
            if isinstance(old, dict):
                text = "the request body was removed."
                self.emit("request-body-removed", op, old_at, old, None, text)
            return
        required = new.get("required") is True
        if not isinstance(old, dict):
            if required:
                text = "a required request body was added; calls without it will fail."
                self.emit("request-body-added-required", op, at, None, new, text)
            else:
                text = "an optional request body was added."
                self.emit("request-body-added", op, at, None, new, text)
            return
        was_required = old.get("required") is True
        was, now = old.get("required"), new.get("required")
        if required and not was_required:
            text = "the request body is now required; calls without it will fail."
            self.emit("request-body-became-required", op, f"{at}/required", was, now, text)
        elif was_required and not required:
            text = "the request body is now optional."
            self.emit("request-body-became-optional", op, f"{at}/required", was, now, text)
        self._annotations(op, old, new, old_at, at, ignore={"required", "content"})
        walk = _Walk(op, "request", "the request body", "the request's")
        self._content(walk, old, new, old_at, at)

    def _responses(self, old_op: _Operation, op: _Operation) -> None:
        before = {str(k): v for k, v in (old_op.node.get("responses") or {}).items()}
        after = {str(k): v for k, v in (op.node.get("responses") or {}).items()}
        for status, response in before.items():
            if status not in after:
                at = f"{old_op.at}/responses/{escape_pointer_token(status)}"
                if status.startswith("2"):
                    text = f"the {status} response was removed; a client that expects it will "
                    text += "not understand the gateway's answer."
                    self.emit("response-success-status-removed", op, at, response, None, text)
                else:
                    text = f"the {status} response is no longer documented."
                    self.emit("response-status-removed", op, at, response, None, text)
        for status, response in after.items():
            at = f"{op.at}/responses/{escape_pointer_token(status)}"
            if status not in before:
                text = f"a {status} response was added."
                self.emit("response-status-added", op, at, None, response, text)
                continue
            old_at = f"{old_op.at}/responses/{escape_pointer_token(status)}"
            old, old_at = resolve_at(self.old, before[status], old_at)
            new, at = resolve_at(self.new, response, at)
            if isinstance(old, dict) and isinstance(new, dict):
                self._annotations(op, old, new, old_at, at, ignore={"content", "headers", "links"})
                walk = _Walk(
                    op, "response", f"the {status} response body", f"the {status} response's"
                )
                self._content(walk, old, new, old_at, at)

    def _content(
        self, walk: _Walk, old: dict[str, Any], new: dict[str, Any], old_at: str, new_at: str
    ) -> None:
        before, after = old.get("content") or {}, new.get("content") or {}
        d, op = walk.direction, walk.op
        for media, holder in before.items():
            if media not in after:
                at = f"{old_at}/content/{escape_pointer_token(media)}"
                verb = "accepted" if walk.request else "sent"
                text = f"{walk.root} is no longer {verb} as {media}."
                self.emit(f"{d}-media-type-removed", op, at, holder, None, text)
        for media, holder in after.items():
            at = f"{new_at}/content/{escape_pointer_token(media)}"
            if media not in before:
                text = f"{walk.root} may now be {media}."
                self.emit(f"{d}-media-type-added", op, at, None, holder, text)
                continue
            was_at = f"{old_at}/content/{escape_pointer_token(media)}"
            was, now = before[media] or {}, holder or {}
            self._annotations(op, was, now, was_at, at, ignore={"schema", "encoding"})
            if "schema" in was or "schema" in now:
                self._schema(
                    walk,
                    was.get("schema"),
                    now.get("schema"),
                    f"{was_at}/schema",
                    f"{at}/schema",
                    "",
                )

    # -- annotations: documentation, examples, extensions --

    def _annotations(
        self,
        op: _Operation | None,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        *,
        ignore: Iterable[str] = (),
        only_annotations: bool = False,
    ) -> list[str]:
        """Report the keys of two objects that document rather than shape the API; return
        the other keys that differ (the caller knows what they mean)."""
        skipped = set(ignore)
        others: list[str] = []
        for key in _keys(old, new):
            before, after = old.get(key, MISSING), new.get(key, MISSING)
            if key in skipped or before == after:
                continue
            at = f"{new_at if after is not MISSING else old_at}/{escape_pointer_token(key)}"
            was, now = _value(before), _value(after)
            if key in _EXAMPLE_KEYS:
                self._examples(op, key, before, after, old_at, new_at)
            elif key == "x-known-values":
                text = f"the known values{_place(op, at)} changed from {_show(was)} to "
                text += f"{_show(now)}; the field stays open, so this is documentation."
                self.emit("known-values-changed", op, at, was, now, text)
            elif key == "deprecated":
                state = "deprecated" if now is True else "no longer deprecated"
                what = "the operation" if op and _parent(at) == op.at else _parent(at)
                self.emit("deprecated-changed", op, at, was, now, f"{what} is now {state}.")
            elif key in BEHAVIOUR_EXTENSIONS:
                self._extension(op, key, was, now, at)
            elif key in _DOC_KEYS or key.startswith("x-"):
                text = f"the {key}{_place(op, at)} {_verb(before, after)}; this is "
                text += "documentation only."
                self.emit("documentation-changed", op, at, was, now, text)
            elif not only_annotations:
                others.append(key)
        return others

    def _examples(
        self, op: _Operation | None, key: str, before: Any, after: Any, old_at: str, new_at: str
    ) -> None:
        maps = [v for v in (before, after) if v is not MISSING]
        if key == "examples" and all(isinstance(v, dict) for v in maps):
            before = {} if before is MISSING else before
            after = {} if after is MISSING else after
            for name in _keys(before, after):
                one, other = before.get(name, MISSING), after.get(name, MISSING)
                if one != other:
                    where = new_at if other is not MISSING else old_at
                    at = f"{where}/examples/{escape_pointer_token(name)}"
                    text = f"the example {name!r}{_place(op, at)} {_verb(one, other)}; this is "
                    text += "documentation only."
                    self.emit("example-changed", op, at, _value(one), _value(other), text)
            return
        where = new_at if after is not MISSING else old_at
        at = f"{where}/{key}"
        text = f"the {key}{_place(op, at)} {_verb(before, after)}; this is documentation only."
        self.emit("example-changed", op, at, _value(before), _value(after), text)

    def _extension(self, op: _Operation | None, key: str, old: Any, new: Any, at: str) -> None:
        """A change to an extension the runtime acts on, key by key where both are objects."""
        if not (isinstance(old, dict) and isinstance(new, dict)):
            text = f"the {key} extension changed from {_show(old)} to {_show(new)}; the client "
            text += "runtime behaves differently."
            self.emit("extension-changed", op, at, old, new, text)
            return
        for name in _keys(old, new):
            one, other = old.get(name, MISSING), new.get(name, MISSING)
            if one == other:
                continue
            where = f"{at}/{escape_pointer_token(name)}"
            was, now = _value(one), _value(other)
            if name.startswith("x-"):
                text = f"the {name} of {key} {_verb(one, other)}; this is documentation only."
                self.emit("documentation-changed", op, where, was, now, text)
            else:
                text = f"the {name} of the {key} extension changed from {_show(was)} to "
                text += f"{_show(now)}; the client runtime behaves differently."
                self.emit("extension-changed", op, where, was, now, text)

    # -- schemas --

    def _schema(self, walk: _Walk, old: Any, new: Any, old_at: str, new_at: str, path: str) -> None:
        """Compare two schemas of a request or a response; `path` names the field."""
        label, op, d = walk.label(path), walk.op, walk.direction
        old_ref, new_ref = _ref(old), _ref(new)
        if old_ref and new_ref and old_ref.rsplit("/", 1)[-1] != new_ref.rsplit("/", 1)[-1]:
            old_name, new_name = old_ref.rsplit("/", 1)[-1], new_ref.rsplit("/", 1)[-1]
            text = f"the model of {label} is now {new_name} (was {old_name}); code that names "
            text += "the generated class breaks."
            self.emit("model-renamed", op, f"{new_at}/$ref", old_name, new_name, text)
        old, old_at = resolve_at(self.old, old, old_at)
        new, new_at = resolve_at(self.new, new, new_at)
        if (old_at, new_at) in walk.visited:
            return
        walk.visited.add((old_at, new_at))
        if not isinstance(old, dict) or not isinstance(new, dict):
            if old != new:
                text = f"the schema of {label} changed from {_show(old)} to {_show(new)}."
                self.emit(f"{d}-schema-changed", op, new_at, old, new, text)
            return
        for key in self._annotations(op, old, new, old_at, new_at, ignore=_SCHEMA_KEYS):
            was, now = old.get(key), new.get(key)
            at = f"{new_at if key in new else old_at}/{escape_pointer_token(key)}"
            text = f"the {key} of {label} changed from {_show(was)} to {_show(now)}."
            self.emit(f"{d}-schema-changed", op, at, was, now, text)
        one_sided = [
            k for k in _BRANCHES if isinstance(old.get(k), list) != isinstance(new.get(k), list)
        ]
        for keyword in one_sided:  # the rest would only repeat the same break
            self._branches(walk, keyword, old, new, old_at, new_at, path)
        if one_sided or not self._type(walk, old, new, old_at, new_at, label):
            return
        self._enum(walk, old, new, old_at, new_at, label)
        self._const(walk, old, new, old_at, new_at, label)
        for keyword in _BOUNDS:
            self._bound(walk, keyword, old.get(keyword), new.get(keyword), old_at, new_at, label)
        for keyword in ("pattern", "format"):
            self._pattern(walk, keyword, old.get(keyword), new.get(keyword), old_at, new_at, label)
        self._default(walk, old, new, old_at, new_at, label)
        self._properties(walk, old, new, old_at, new_at, path)
        self._additional(walk, old, new, old_at, new_at, path)
        was, now = old.get("items"), new.get("items")
        if isinstance(was, dict) and isinstance(now, dict):
            self._schema(walk, was, now, f"{old_at}/items", f"{new_at}/items", f"{path}[]")
        elif was != now:
            at = f"{new_at if 'items' in new else old_at}/items"
            text = f"the items of {label} changed from {_show(was)} to {_show(now)}."
            self.emit(f"{d}-schema-changed", op, at, was, now, text)
        for keyword in _BRANCHES:
            self._branches(walk, keyword, old, new, old_at, new_at, path)

    def _type(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        label: str,
    ) -> bool:
        """Report a change of type; False when the old and the new types share no value
        (comparing further would only repeat the same break)."""
        before, after = _types(old), _types(new)
        if before == after:
            return True
        lost = _uncovered(before, after)  # some old value the new schema refuses
        gained = _uncovered(after, before)  # some new value the old schema refuses
        at = f"{new_at}/type" if "type" in new else f"{old_at}/type"
        was, now = old.get("type"), new.get("type")
        change = f"{_type_words(after)} (was {_type_words(before)})"
        if walk.request and lost:
            text = f"{label} must now be {change}; calls that send the old type will be refused."
            self.emit("request-type-changed", walk.op, at, was, now, text)
        elif walk.request and gained:
            text = f"{label} may now be {change}."
            self.emit("request-type-widened", walk.op, at, was, now, text)
        elif not walk.request and gained:
            text = f"{label} may now be {change}; a client built for the old type cannot read it."
            self.emit("response-type-changed", walk.op, at, was, now, text)
        elif not walk.request and lost:
            text = f"{label} is now always {change}."
            self.emit("response-type-narrowed", walk.op, at, was, now, text)
        return before is None or after is None or _overlap(before, after)

    def _enum(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        label: str,
    ) -> None:
        before, after = old.get("enum"), new.get("enum")
        if before == after:
            return
        op, strict = walk.op, "a strict client (the generated models use closed enums) rejects"
        if not isinstance(after, list):
            text = f"{label} is no longer limited to {_show(before)}"
            text += "." if walk.request else f"; {strict} any other value."
            rule = "request-enum-removed" if walk.request else "response-enum-removed"
            self.emit(rule, op, f"{old_at}/enum", before, None, text)
            return
        if not isinstance(before, list):
            if walk.request:
                text = f"{label} must now be one of {_show(after)}; calls that send another "
                text += "value will be refused."
                self.emit("request-enum-added", op, f"{new_at}/enum", None, after, text)
            else:
                text = f"{label} is now documented as one of {_show(after)}."
                self.emit("response-enum-added", op, f"{new_at}/enum", None, after, text)
            return
        old_keys, new_keys = [_key(v) for v in before], [_key(v) for v in after]
        for index, value in enumerate(before):
            if old_keys[index] not in new_keys:
                at = f"{old_at}/enum/{index}"
                if walk.request:
                    text = f"{label} no longer accepts {_show(value)}; calls that send it will "
                    text += "be refused."
                    self.emit("request-enum-value-removed", op, at, value, None, text)
                else:
                    text = f"{label} is no longer documented to be {_show(value)}."
                    self.emit("response-enum-value-removed", op, at, value, None, text)
        for index, value in enumerate(after):
            if new_keys[index] not in old_keys:
                at = f"{new_at}/enum/{index}"
                if walk.request:
                    text = f"{label} now also accepts {_show(value)}."
                    self.emit("request-enum-value-added", op, at, None, value, text)
                else:
                    text = f"{label} may now be {_show(value)}, which {strict}: breaking for such "
                    text += "clients."
                    self.emit("response-enum-value-added", op, at, None, value, text)

    def _const(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        label: str,
    ) -> None:
        before, after = old.get("const", MISSING), new.get("const", MISSING)
        if before == after:
            return
        at = f"{new_at}/const" if after is not MISSING else f"{old_at}/const"
        was, now = _value(before), _value(after)
        if walk.request and after is MISSING:
            text = f"{label} no longer has to be {_show(was)}."
            self.emit("request-const-removed", walk.op, at, was, None, text)
        elif walk.request:
            text = f"{label} must now be {_show(now)}; calls that send another value will be "
            text += "refused."
            self.emit("request-const-changed", walk.op, at, was, now, text)
        elif before is MISSING:
            text = f"{label} is now documented to be always {_show(now)}."
            self.emit("response-const-added", walk.op, at, None, now, text)
        else:
            anything = "may be anything" if after is MISSING else f"is {_show(now)}"
            text = f"{label} was always {_show(was)} and now {anything}; a strict client rejects "
            text += "the new value."
            self.emit("response-const-changed", walk.op, at, was, now, text)

    def _bound(
        self,
        walk: _Walk,
        keyword: str,
        was: Any,
        now: Any,
        old_at: str,
        new_at: str,
        label: str,
    ) -> None:
        if was == now:
            return
        stem, kind, words, beyond = _BOUNDS[keyword]
        at = f"{new_at}/{keyword}" if now is not None else f"{old_at}/{keyword}"
        if not _number(was) or not _number(now):
            text = f"the {keyword} of {label} changed from {_show(was)} to {_show(now)}."
            self.emit(f"{walk.direction}-schema-changed", walk.op, at, was, now, text)
            return
        if now is None or was is None:
            narrower = was is None
        else:
            narrower = now < was if kind == "upper" else now > was
        narrow, wide = _bound_words(kind)
        change = f"{'unlimited' if now is None else words.format(now)} (was "
        change += f"{'unlimited' if was is None else was})"
        if walk.request and narrower:
            text = f"{label} must now be {change}; a call with {beyond} will be refused."
            self.emit(f"request-{stem}-{narrow}", walk.op, at, was, now, text)
        elif walk.request:
            self.emit(
                f"request-{stem}-{wide}", walk.op, at, was, now, f"{label} may now be {change}."
            )
        elif narrower:
            text = f"{label} is now documented as {change}."
            self.emit(f"response-{stem}-{narrow}", walk.op, at, was, now, text)
        else:
            text = f"{label} may now be {change}; code that relies on the old limit may break."
            self.emit(f"response-{stem}-{wide}", walk.op, at, was, now, text)

    def _pattern(
        self,
        walk: _Walk,
        keyword: str,
        was: Any,
        now: Any,
        old_at: str,
        new_at: str,
        label: str,
    ) -> None:
        """`pattern` or `format`: both constrain what a string may be."""
        if was == now:
            return
        at = f"{new_at}/{keyword}" if now is not None else f"{old_at}/{keyword}"
        if walk.request and now is None:
            text = f"{label} no longer has to match the {keyword} {_show(was)}."
            self.emit(f"request-{keyword}-removed", walk.op, at, was, None, text)
        elif walk.request:
            text = f"{label} must now match the {keyword} {_show(now)} (was {_show(was)}); "
            text += "calls that send other values will be refused."
            self.emit(f"request-{keyword}-changed", walk.op, at, was, now, text)
        elif was is None:
            text = f"{label} is now documented to match the {keyword} {_show(now)}."
            self.emit(f"response-{keyword}-added", walk.op, at, None, now, text)
        else:
            text = f"{label} no longer promises the {keyword} {_show(was)} (now {_show(now)}); "
            text += "code that relies on it may break."
            self.emit(f"response-{keyword}-changed", walk.op, at, was, now, text)

    def _default(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        label: str,
    ) -> None:
        before, after = old.get("default", MISSING), new.get("default", MISSING)
        if before == after:
            return
        at = f"{new_at if after is not MISSING else old_at}/default"
        was, now = _value(before), _value(after)
        change = f"from {_show(was)} to {_show(now)}"
        if walk.request:
            text = f"the default of {label} changed {change}; calls that leave it out may now "
            text += "get a different result."
            self.emit("request-default-changed", walk.op, at, was, now, text)
        else:
            text = f"the documented default of {label} changed {change}."
            self.emit("response-default-changed", walk.op, at, was, now, text)

    def _properties(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        path: str,
    ) -> None:
        before, after = old.get("properties") or {}, new.get("properties") or {}
        old_required = [str(n) for n in old.get("required") or []]
        new_required = [str(n) for n in new.get("required") or []]
        removed = [n for n in before if n not in after]
        added = [n for n in after if n not in before]
        renamed: dict[str, str] = {}  # new name: old name
        if len(removed) == len(added) == 1:
            was, now = removed[0], added[0]
            same_need = (was in old_required) == (now in new_required)
            if same_need and self._same_shape(before[was], after[now]):
                renamed[now] = was
        op, d = walk.op, walk.direction
        consequence = (
            "calls that send it will lose it or be refused"
            if walk.request
            else "code that reads it will break"
        )

        def at_(where: str, name: str) -> str:
            return f"{where}/properties/{escape_pointer_token(name)}"

        def child(name: str) -> str:
            return f"{path}.{name}" if path else name

        for name in removed:
            if name not in renamed.values():
                text = f"{walk.label(child(name))} was removed; {consequence}."
                self.emit(f"{d}-property-removed", op, at_(old_at, name), before[name], None, text)
        for name, schema in after.items():
            at, label = at_(new_at, name), walk.label(child(name))
            if name in renamed:
                was = renamed[name]
                text = f"{walk.label(child(was))} is now called {name!r}; " + (
                    f"calls that still send {was!r} will lose it or be refused."
                    if walk.request
                    else f"code that reads {was!r} will break."
                )
                self.emit(f"{d}-property-renamed", op, at, was, name, text)
                self._schema(walk, before[was], schema, at_(old_at, was), at, child(name))
            elif name in before:
                self._schema(walk, before[name], schema, at_(old_at, name), at, child(name))
            elif walk.request and name in new_required:
                text = f"{label} was added and is required; calls without it will be refused."
                self.emit("request-property-added-required", op, at, None, schema, text)
            else:
                text = f"{label} was added" + (" (optional)." if walk.request else ".")
                self.emit(f"{d}-property-added", op, at, None, schema, text)
        skip = set(removed) | set(added)
        for index, name in enumerate(new_required):
            if name not in skip and name not in old_required:
                at, label = f"{new_at}/required/{index}", walk.label(child(name))
                if walk.request:
                    text = f"{label} is now required; calls without it will be refused."
                    self.emit("request-property-became-required", op, at, None, name, text)
                else:
                    text = f"{label} is now always present."
                    self.emit("response-property-became-required", op, at, None, name, text)
        for index, name in enumerate(old_required):
            if name not in skip and name not in new_required:
                at, label = f"{old_at}/required/{index}", walk.label(child(name))
                if walk.request:
                    text = f"{label} is now optional."
                    self.emit("request-property-became-optional", op, at, name, None, text)
                else:
                    text = f"{label} may now be missing; code that expects it will break."
                    self.emit("response-property-became-optional", op, at, name, None, text)

    def _same_shape(self, old: Any, new: Any) -> bool:
        """Whether two property schemas are the same apart from their documentation."""
        old, _ = resolve_at(self.old, old, "")
        new, _ = resolve_at(self.new, new, "")
        return bool(_shape(old) == _shape(new))

    def _additional(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        path: str,
    ) -> None:
        key = "additionalProperties"
        was, now = old.get(key), new.get(key)
        if isinstance(was, dict) and isinstance(now, dict):  # compared even if equal: $refs
            where = f"{path}.*" if path else "*"
            self._schema(walk, was, now, f"{old_at}/{key}", f"{new_at}/{key}", where)
            return
        if was == now:
            return
        label, op = walk.label(path), walk.op
        at = f"{new_at if key in new else old_at}/{key}"
        change = f"the {key} of {label} changed from {_show(was)} to {_show(now)}"
        if not walk.request:
            text = f"{change}; the client keeps unknown fields either way."
            self.emit("response-additional-properties-changed", op, at, was, now, text)
        elif now is False:
            text = f"{label} no longer accepts undocumented fields; calls that send them will be "
            text += "refused."
            self.emit("request-additional-properties-closed", op, at, was, now, text)
        elif was is False:
            text = f"{label} now accepts undocumented fields."
            self.emit("request-additional-properties-opened", op, at, was, now, text)
        else:
            self.emit("request-schema-changed", op, at, was, now, f"{change}.")

    def _branches(
        self,
        walk: _Walk,
        keyword: str,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        path: str,
    ) -> None:
        before, after = old.get(keyword), new.get(keyword)
        label, op, d = walk.label(path), walk.op, walk.direction
        if not isinstance(before, list) or not isinstance(after, list):
            if before == after:
                return
            at = f"{new_at}/{keyword}" if after is not None else f"{old_at}/{keyword}"
            state = "is now" if after is not None else "is no longer"
            text = f"{label} {state} a {keyword} of schemas, so its generated type changes."
            self.emit(f"{d}-composition-changed", op, at, before, after, text)
            return
        old_left, new_left = list(range(len(before))), list(range(len(after)))
        pairs: list[tuple[int, int]] = []
        for j in range(len(after)):  # branches naming the same component first
            i = next(
                (i for i in old_left if _ref(after[j]) and _ref(before[i]) == _ref(after[j])), None
            )
            if i is not None:
                pairs.append((i, j))
                old_left.remove(i)
                new_left.remove(j)
        inline = zip(
            [i for i in old_left if not _ref(before[i])],
            [j for j in new_left if not _ref(after[j])],
            strict=False,
        )
        for i, j in list(inline):  # then inline branches, in order
            pairs.append((i, j))
            old_left.remove(i)
            new_left.remove(j)
        for i, j in sorted(pairs, key=lambda pair: pair[1]):
            was_at, at = f"{old_at}/{keyword}/{i}", f"{new_at}/{keyword}/{j}"
            self._schema(walk, before[i], after[j], was_at, at, path)
        stem = _BRANCHES[keyword]
        for i in old_left:
            text = f"a {keyword} branch of {label} was removed ({_show(before[i])})."
            at = f"{old_at}/{keyword}/{i}"
            self.emit(f"{d}-{stem}-branch-removed", op, at, before[i], None, text)
        for j in new_left:
            text = f"a {keyword} branch was added to {label} ({_show(after[j])})."
            at = f"{new_at}/{keyword}/{j}"
            self.emit(f"{d}-{stem}-branch-added", op, at, None, after[j], text)


# --- helpers ----------------------------------------------------------------------------------


def _operation(path: str, method: str, node: dict[str, Any]) -> _Operation:
    return _Operation(str(node.get("operationId") or f"{method} {path}"), method, path, node)


def _parameters(
    document: dict[str, Any], op: _Operation
) -> Iterator[tuple[tuple[str, str], tuple[str, dict[str, Any]]]]:
    """((in, name), (pointer, parameter)) for an operation: its path's parameters first, then
    its own, which override them (a later entry wins in a dict)."""
    item = (document.get("paths") or {}).get(op.path) or {}
    for holder, at in ((item, pointer("paths", op.path)), (op.node, op.at)):
        for index, param in enumerate(holder.get("parameters") or []):
            param, where = resolve_at(document, param, f"{at}/parameters/{index}")
            if isinstance(param, dict):
                yield (str(param.get("in")), str(param.get("name"))), (where, param)


def _ref(node: Any) -> str | None:
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return str(node["$ref"])
    return None


def _keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The keys of both objects: the old order, then the new keys."""
    return [str(k) for k in old] + [str(k) for k in new if k not in old]


def _value(value: Any) -> Any:
    return None if value is MISSING else value


def _parent(at: str) -> str:
    return at.rsplit("/", 1)[0] or "/"


def _place(op: _Operation | None, at: str) -> str:
    """Where the thing at `at` is, for a message: nothing for an operation's own keys."""
    parent = _parent(at)
    return "" if op and parent == op.at else f" at {parent}"


def _shape(schema: Any) -> Any:
    """A schema without its documentation keys (at the top level), for comparing shapes."""
    if not isinstance(schema, dict):
        return schema
    prose = _DOC_KEYS | _EXAMPLE_KEYS | {"deprecated"}
    return {k: v for k, v in schema.items() if k not in prose and not str(k).startswith("x-")}


def _types(schema: dict[str, Any]) -> frozenset[str] | None:
    """The JSON types a schema allows (None: any)."""
    kind = schema.get("type")
    if isinstance(kind, str):
        return frozenset({kind})
    if isinstance(kind, list):
        return frozenset(str(k) for k in kind)
    return None


def _uncovered(these: frozenset[str] | None, those: frozenset[str] | None) -> bool:
    """Whether some value of the types `these` is not one of the types `those`."""
    if those is None:
        return False
    if these is None:
        return True
    return any(t not in those and not (t == "integer" and "number" in those) for t in these)


def _overlap(these: frozenset[str], those: frozenset[str]) -> bool:
    """Whether some value is of one of `these` types and of one of `those`."""
    widened = {"integer": "number"}
    return any(t in those or widened.get(t) in those for t in these) or any(
        widened.get(t) in these for t in those
    )


def _type_words(types: frozenset[str] | None) -> str:
    return "any type" if types is None else " or ".join(sorted(types))


def _requirements(security: Any) -> list[str] | None:
    """Security requirements as an order-free, comparable list (None: none declared)."""
    if not isinstance(security, list):
        return None
    out = []
    for requirement in security:
        if isinstance(requirement, dict):
            normal = {str(k): sorted(map(str, v or [])) for k, v in requirement.items()}
            out.append(json.dumps(normal, sort_keys=True))
    return sorted(out)


def _essentials(scheme: Any) -> Any:
    """What of a security scheme decides how a client authenticates."""
    if not isinstance(scheme, dict):
        return scheme
    return {k: v for k, v in scheme.items() if k not in _DOC_KEYS and not str(k).startswith("x-")}


def _urls(servers: Any) -> list[str] | None:
    if not isinstance(servers, list):
        return None
    return [str(s.get("url")) if isinstance(s, dict) else str(s) for s in servers]


def _key(value: Any) -> str:
    """Equality for enum values that tells 1 from true and 5 from "5"."""
    return json.dumps(_plain(value), sort_keys=True)


def _number(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _plain(value: Any) -> Any:
    """A JSON-serialisable copy (YAML may hold dates and integer keys)."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _verb(before: Any, after: Any) -> str:
    if before is MISSING or before is None:
        return "was added"
    if after is MISSING or after is None:
        return "was removed"
    return "changed"


def _compact(value: Any, limit: int) -> str:
    """A value as one line of JSON, shortened to `limit` characters."""
    text = json.dumps(_plain(value), ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _show(value: Any, limit: int = 80) -> str:
    """A value as a message shows it: strings quoted, the rest as JSON, long ones shortened."""
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[: limit - 3] + "...")
    return "nothing" if value is None else _compact(value, limit)


# --- reports ----------------------------------------------------------------------------------


def bump(changes: Sequence[Change]) -> Bump | None:
    """The release a client package needs: major for anything breaking, minor for additions
    and possibly breaking changes, patch for any other change, None for no change at all."""
    if not changes:
        return None
    if any(c.level == "breaking" for c in changes):
        return "major"
    if any(c.addition or c.level == "possibly-breaking" for c in changes):
        return "minor"
    return "patch"


def _counts(changes: Sequence[Change]) -> dict[Level, int]:
    return {level: sum(c.level == level for c in changes) for level in LEVELS}


def as_json(changes: Sequence[Change]) -> dict[str, Any]:
    """The report as one JSON object: the bump, the count per level and every change."""
    counts = _counts(changes)
    return {
        "bump": bump(changes),
        "breaking": counts["breaking"],
        "possibly_breaking": counts["possibly-breaking"],
        "non_breaking": counts["non-breaking"],
        "changes": [c.as_json() for c in changes],
    }


def _values(change: Change, code: bool = False) -> str:
    """The values, compactly: old -> new, "added <new>" or "removed <old>"."""

    def show(value: Any) -> str:
        text = _compact(value, 60)
        if not code:
            return text
        return f"`` {text} ``" if "`" in text else f"`{text}`"

    if change.old is None and change.new is not None:
        return f"added {show(change.new)}"
    if change.new is None and change.old is not None:
        return f"removed {show(change.old)}"
    return f"{show(change.old)} -> {show(change.new)}"


def render_text(changes: Sequence[Change], old_name: str, new_name: str) -> str:
    """The report for a terminal: what was compared, a summary, then each change by level."""
    lines = [f"{old_name} -> {new_name}"]
    if not changes:
        return "\n".join([*lines, "No changes."]) + "\n"
    counts, release, total = _counts(changes), bump(changes), len(changes)
    lines.append(
        f"{total} change{'s' if total != 1 else ''}: {counts['breaking']} breaking, "
        f"{counts['possibly-breaking']} possibly breaking, {counts['non-breaking']} "
        f"non-breaking; the client needs a {release} release."
    )
    for level in LEVELS:
        group = [c for c in changes if c.level == level]
        if group:
            lines += ["", f"{_HEADINGS[level]}:"]
        for change in group:
            lines.append(f"  {change.operation or '(document)'} [{change.rule}]")
            lines.append(f"    {change.message}")
            lines.append(f"    at {change.pointer or '/'}: {_values(change)}")
    return "\n".join(lines) + "\n"


def render_markdown(changes: Sequence[Change]) -> str:
    """A markdown list by level (### Breaking, ### Possibly breaking, ### Non-breaking), one
    bullet per change, for CHANGELOG.md entries."""
    if not changes:
        return "No changes.\n"
    out: list[str] = []
    for level in LEVELS:
        group = [c for c in changes if c.level == level]
        if not group:
            continue
        out += [*([""] if out else []), f"### {_HEADINGS[level]}", ""]
        for change in group:
            text = change.message
            if change.operation:
                name = change.operation.split(" (", 1)[0]
                text = f"{change.operation}: {text.removeprefix(f'{name}: ')}"
            where = change.pointer or "/"
            out.append(f"- {text} `{where}`: {_values(change, code=True)} (`{change.rule}`)")
    return "\n".join(out) + "\n"


def main(args: argparse.Namespace) -> int:
    """`gatewaygen diff OLD NEW`: print the report; 1 when `fail_on` names a level and a change
    at or above it was found, 2 when a spec cannot be loaded, else 0."""
    documents: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for path in (args.old, args.new):
        try:
            documents.append(load_spec(path).document)
        except SpecError as exc:
            problems += exc.problems
    if problems:
        error = SpecError(problems)
        print(f"gatewaygen: {error.counted} in the specs; nothing was compared.", file=sys.stderr)
        print(error, file=sys.stderr)
        return 2
    changes = diff_documents(documents[0], documents[1])
    fmt = getattr(args, "format", None) or "text"
    if fmt == "json":
        print(json.dumps(as_json(changes), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        print(render_markdown(changes), end="")
    else:
        print(render_text(changes, str(args.old), str(args.new)), end="")
    fail_on = getattr(args, "fail_on", None)
    if fail_on is None:
        return 0
    worst = LEVELS.index(fail_on)
    return 1 if any(LEVELS.index(c.level) <= worst for c in changes) else 0
