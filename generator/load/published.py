"""A published document, taken as its authors wrote it: its defects become warnings and a
repaired copy goes on to the next stages.

Curated specs (ours, in a `specs/` folder) are refused on any defect (`loader.document_problems`),
because we can fix them. A published document cannot be fixed by its user, so here:
- a `$ref` to another file, to nothing, or that is not a string is dropped: the value it stood
  for is any value (`{}`), and the warning says so;
- a `$ref` cycle through schemas (a recursive schema: `Node.children: [Node]`) is kept; a cycle
  that only renames (`A: {$ref: B}`, `B: {$ref: A}`) or passes through no property or item has
  no meaning and is dropped the same way;
- a keyword that is not valid JSON Schema is dropped from its schema (the schema says less, never
  something else);
- an operation that is not valid OpenAPI is left out, with a `left-out` warning naming it and the
  reason; a component that is not valid leaves out the operations that use it;
- other structure errors (in `info`, `servers`, `tags`...) are warnings about what is ignored.
Only a document that is unusable as a whole (no `openapi`, not 3.0 or 3.1, no `paths`) is
refused. Everything is found in one run.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..problems import Problem, SpecError, escape_pointer_token, pointer
from .document import HTTP_METHODS, MISSING, lookup, ref_cycles
from .overlay import AppliedOverlay, apply_overlays
from .schema_check import Failure, ValueCheck, meta_schema_failures, openapi_failures
from .upgrade import SUBSCHEMA_LISTS, SUBSCHEMA_MAPS, SUBSCHEMAS, schemas_in, upgrade

__all__ = ["LEFT_OUT", "normalize_published", "usable_version"]

LEFT_OUT = "left-out"
#: Where the model stage reads a boolean schema as it is.
_BOOLEANS_READ = ("additionalProperties", "unevaluatedProperties", "items", "unevaluatedItems")
_CONTAINERS = ("properties", "patternProperties", "additionalProperties", "items", "prefixItems")


def usable_version(shown: str, document: dict[str, Any]) -> str:
    """The document's OpenAPI version when it is 3.0.x or 3.1.x and it has `paths`;
    `SpecError` otherwise (nothing can be generated from it)."""
    version = document.get("openapi")
    if not isinstance(version, str) or not version.startswith(("3.0", "3.1")):
        shown_version = "(missing)" if version is None else repr(version)
        raise SpecError(
            [
                Problem(
                    shown,
                    "/openapi",
                    f"OpenAPI version {shown_version} is not 3.0 or 3.1",
                    "the generator reads OpenAPI 3.0.x and 3.1.x documents (convert a "
                    "Swagger 2.0 document to OpenAPI 3 first)",
                    rule="openapi",
                )
            ]
        )
    if not isinstance(document.get("paths"), dict):
        raise SpecError(
            [
                Problem(
                    shown,
                    "/paths",
                    "the document has no paths"
                    if "paths" not in document
                    else "paths is not a mapping",
                    "a client is made of the operations under paths: describe them there",
                    rule="openapi",
                )
            ]
        )
    return version


def normalize_published(
    shown: str, document: dict[str, Any], overlays: list[tuple[Path, bool]] | None = None
) -> tuple[dict[str, Any], list[Problem], list[AppliedOverlay]]:
    """The repaired 3.1 copy of a published document (with `overlays` applied after the
    upgrade), the warnings of every repair and the overlays applied; `SpecError` when the
    document is unusable (see `usable_version`) or an overlay is not valid."""
    usable_version(shown, document)
    upgraded, warnings = upgrade(document, shown)
    overlaid, overlay_warnings, applied = apply_overlays(upgraded, overlays or [])
    warnings += overlay_warnings
    normal = overlaid if overlaid is not document else copy.deepcopy(document)
    repair = _Repair(shown, normal, warnings)
    repair.references()
    repair.cycles()
    repair.structure()
    repair.schemas()
    repair.values()
    return normal, warnings, applied


class _Repair:
    def __init__(self, shown: str, document: dict[str, Any], warnings: list[Problem]) -> None:
        self.shown = shown
        self.document = document
        self.warnings = warnings

    def warn(self, at: str, message: str, assumed: str, rule: str) -> None:
        self.warnings.append(Problem(self.shown, at, message, assumed, rule=rule))

    # -- references

    def references(self) -> None:
        """Drop every `$ref` that does not lead to a value of this document."""
        for at, node in _ref_holders(self.document):
            ref = node["$ref"]
            if not isinstance(ref, str):
                reason = f"$ref is {_short(repr(ref))}, not a reference"
            elif not ref.startswith("#"):
                reason = f"$ref {ref!r} points outside this document"
            elif lookup(self.document, ref) is MISSING:
                reason = f"$ref {ref!r} points at nothing"
            else:
                continue
            del node["$ref"]
            self.warn(
                at + "/$ref",
                reason,
                "the reference is ignored: the value it stands for may be anything",
                "ref",
            )

    def cycles(self) -> None:
        """Keep recursive schemas; drop a cycle that has no meaning."""
        for site, loop in ref_cycles(self.document):
            targets = [ref[1:] for ref in loop]
            if all(t.startswith("/components/schemas/") for t in targets) and any(
                _through_container(site_target, site)
                for site_target, site in _steps(self.document, targets)
            ):
                continue  # a recursive schema: the model stage makes a recursive model
            holder = lookup(self.document, "#" + site.removesuffix("/$ref"))
            if isinstance(holder, dict):
                holder.pop("$ref", None)
            self.warn(
                site,
                f"$ref cycle with no value inside it: {' -> '.join(loop)}",
                "the reference that closes the cycle is ignored: the value there may be anything",
                "ref-cycle",
            )

    # -- OpenAPI structure

    def structure(self) -> None:
        """Leave out the operations that are not valid OpenAPI 3.1; warn about the rest."""
        reasons: dict[tuple[str, str], list[tuple[str, str]]] = {}
        elsewhere: list[tuple[str, str, bool]] = []  # (pointer, message, taken out)
        wrong_types: list[tuple[str | int, ...]] = []
        for failure in openapi_failures(self.document):
            at = pointer(*failure.steps)
            if self._drop_unknown_keys(failure, at):
                continue
            message = f"not valid OpenAPI 3.1: {_short(failure.message)}"
            places = self._operations_at(list(failure.steps))
            if places is None:
                elsewhere.append((at, message, failure.keyword == "type"))
                if failure.keyword == "type":
                    wrong_types.append(failure.steps)
            for place in places or []:
                reasons.setdefault(place, []).append((at, message))
        for at, message, taken_out in elsewhere:
            users = self._users_of(at)
            for place in users:
                reasons.setdefault(place, []).append((at, message))
            if users:
                assumed = "operations that use it are left out"
            elif taken_out:
                assumed = "the value is ignored"
            else:  # it stays: a component name off the pattern, a field missing where unused
                assumed = "the value is read as written"
            self.warn(at, message, assumed, "openapi")
        for (path, method), found in reasons.items():
            self._leave_out(path, method, found)
        self._drop(wrong_types)

    def _drop(self, places: list[tuple[str | int, ...]]) -> None:
        """Take out values of the wrong type outside the operations (`servers: [5]`), so that
        no later stage reads them: later list items first, so that indices stay right."""
        for steps in sorted(set(places), key=_document_order, reverse=True):
            if not steps:
                continue
            parent = lookup(self.document, "#" + pointer(*steps[:-1]))
            last = steps[-1]
            if isinstance(parent, dict) and last in parent:
                del parent[last]
            elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
                del parent[last]

    def _drop_unknown_keys(self, failure: Failure, at: str) -> bool:
        """Drop the keys OpenAPI does not define (`title` on an operation), with a warning:
        they carry nothing the generator reads. False when the failure is of another kind."""
        node = lookup(self.document, "#" + at)
        keys = failure.unexpected
        if not keys or not isinstance(node, dict) or not all(key in node for key in keys):
            return False
        for key in keys:
            del node[key]
            self.warn(
                f"{at}/{escape_pointer_token(key)}",
                f"OpenAPI 3.1 defines no key {key!r} here",
                "the key is ignored (an extension of the document's own is named x-...)",
                "openapi",
            )
        return True

    def _operations_at(self, steps: list[Any]) -> list[tuple[str, str]] | None:
        """The operations an error at `steps` makes unusable; None when it is not under paths."""
        if len(steps) < 2 or steps[0] != "paths":
            return None
        path = str(steps[1])
        item = self.document["paths"].get(path)
        if len(steps) > 2 and steps[2] in HTTP_METHODS:
            return [(path, str(steps[2]))]
        if isinstance(item, dict):  # the path item's own parameters, servers...
            return [(path, m) for m in HTTP_METHODS if m in item] or [(path, "")]
        return [(path, "")]

    def _users_of(self, at: str) -> list[tuple[str, str]]:
        """The operations whose own text refers to the component at `at` (or inside it)."""
        parts = at.split("/")
        if len(parts) < 4 or parts[1] != "components":
            return []
        component = "#" + "/".join(parts[:4])
        users = []
        for path, item in self.document["paths"].items():
            if not isinstance(item, dict):
                continue
            shared = _refers_to(item.get("parameters"), component)
            for method in HTTP_METHODS:
                if method in item and (shared or _refers_to(item[method], component)):
                    users.append((path, method))
        return users

    def _leave_out(self, path: str, method: str, found: list[tuple[str, str]]) -> None:
        paths = self.document["paths"]
        item = paths.get(path)
        if not method:
            paths.pop(path, None)
            what = f"every operation of {path}"
        else:
            operation = item.get(method) if isinstance(item, dict) else None
            if operation is None:
                return  # already left out
            del item[method]
            op_id = operation.get("operationId") if isinstance(operation, dict) else None
            what = f"{method.upper()} {path}" + (
                f" (operationId {op_id})" if isinstance(op_id, str) else ""
            )
        at, first = found[0]
        more = f" (and {len(found) - 1} more problem{'s' if len(found) > 2 else ''})"
        self.warn(
            pointer("paths", path, method) if method else pointer("paths", path),
            f"{what} is left out: {first} at {at or '/'}" + (more if len(found) > 1 else ""),
            "the client has no method for it until the document is corrected",
            LEFT_OUT,
        )

    # -- JSON Schema

    def schemas(self) -> None:
        """Read 3.0's boolean exclusive bounds as 3.0 meant them, remove repeated items from
        lists that must be unique, then drop each keyword that is still not valid JSON Schema
        2020-12."""
        self._boolean_schemas()
        for at, _, _, schema in _schema_values(self.document):
            self._old_bounds(schema, at)
            self._repeated_items(schema, at)
        for at, holder, key in list(schemas_in(self.document, nested=False)):
            schema = holder[key]
            if not isinstance(schema, dict):
                if not isinstance(schema, bool):
                    holder[key] = {}
                    self.warn(
                        at,
                        f"a schema is {_short(repr(schema))}, not an object",
                        "the schema is ignored: the value may be anything",
                        "json-schema",
                    )
                continue
            for failure in meta_schema_failures(schema):
                steps = _keyword_steps(list(failure.steps))
                if not steps:
                    continue  # the schema as a whole: its keywords are reported one by one
                parent = lookup(schema, "#" + pointer(*steps[:-1]))
                last = steps[-1]
                message = f"not valid JSON Schema: {_short(failure.message)}"
                if len(steps) > 1 and steps[-2] in (*SUBSCHEMA_MAPS, *SUBSCHEMA_LISTS):
                    if _has(parent, last):  # a subschema that is not a schema
                        parent[last] = {}
                        assumed = "the schema is ignored: the value may be anything"
                        self.warn(at + pointer(*steps), message, assumed, "json-schema")
                elif isinstance(parent, dict) and last in parent:
                    del parent[last]
                    assumed = f"the keyword {last} is ignored"
                    self.warn(at + pointer(*steps), message, assumed, "json-schema")

    def _boolean_schemas(self) -> None:
        """Write the boolean schemas of JSON Schema (`true`: anything, `false`: nothing) as the
        objects that mean the same, so that the later stages meet objects only. Where a boolean
        is the usual spelling and is read as such (`additionalProperties: false`), it stays."""
        for _, holder, key in list(schemas_in(self.document)):
            if isinstance(holder[key], bool) and key not in _BOOLEANS_READ:
                holder[key] = {} if holder[key] else {"not": {}}

    def values(self) -> None:
        """Drop each `default`, `example` or item of `examples` its own schema refuses
        (`default: null` on a schema that does not allow null; OpenAI's object examples written
        as JSON text): a client must not send or declare a value the API refuses, and a value
        taken from an example (a test's, a mock's) must be one the API accepts."""
        check = ValueCheck(self.document)
        for at, _, _, schema in _schema_values(self.document):
            for keyword in ("default", "example"):
                if keyword not in schema:
                    continue
                failures = check.failures(at, schema[keyword])
                if failures:
                    value = schema.pop(keyword)
                    self._refused_value(f"{at}/{keyword}", keyword, value, failures[0])
            listed = schema.get("examples")
            if not isinstance(listed, list):
                continue
            kept = []
            for index, value in enumerate(listed):
                failures = check.failures(at, value)
                if failures:
                    self._refused_value(f"{at}/examples/{index}", "example", value, failures[0])
                else:
                    kept.append(value)
            if len(kept) < len(listed):
                schema["examples"] = kept

    def _refused_value(self, at: str, keyword: str, value: Any, failure: Failure) -> None:
        inside = "".join(f"/{escape_pointer_token(str(step))}" for step in failure.steps)
        self.warn(
            at,
            f"the {keyword} {_short(json.dumps(value))} does not satisfy its schema"
            f"{f' at {inside}' if inside else ''}: {_short(failure.message)}",
            _IGNORED[keyword],
            "json-schema",
        )

    def _old_bounds(self, schema: dict[str, Any], at: str) -> None:
        for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
            flag = schema.get(exclusive)
            if flag is True and isinstance(schema.get(bound), (int, float)):
                value = schema[exclusive] = schema.pop(bound)
                self.warn(
                    f"{at}/{exclusive}",
                    f"{exclusive}: true is OpenAPI 3.0's form; in 3.1 it is the bound itself",
                    f"read as 3.0 meant it: {exclusive}: {value} (and no {bound})",
                    "json-schema",
                )

    def _repeated_items(self, schema: dict[str, Any], at: str) -> None:
        for keyword in ("required", "enum", "type"):
            items = schema.get(keyword)
            if not isinstance(items, list):
                continue
            unique = [item for index, item in enumerate(items) if item not in items[:index]]
            if len(unique) < len(items):
                schema[keyword] = unique
                self.warn(
                    f"{at}/{keyword}",
                    f"{keyword} lists {len(items) - len(unique)} item(s) more than once",
                    "each is read once",
                    "json-schema",
                )


#: What is assumed of a value its schema refuses.
_IGNORED = {
    "default": "the default is ignored: the value has none",
    "example": "the example is ignored: no value is taken from it",
}


def _schema_values(document: dict[str, Any]) -> Iterator[tuple[str, Any, Any, dict[str, Any]]]:
    """(pointer, holder, key, schema) of every Schema Object that is a mapping."""
    for at, holder, key in list(schemas_in(document)):
        schema = holder[key]
        if isinstance(schema, dict):
            yield at, holder, key, schema


def _document_order(steps: tuple[str | int, ...]) -> list[tuple[bool, int, str]]:
    """A sort key for places in a document: list indices compared as numbers."""
    return [(isinstance(t, str), t if isinstance(t, int) else 0, str(t)) for t in steps]


def _has(container: Any, key: Any) -> bool:
    if isinstance(container, dict):
        return key in container
    return isinstance(container, list) and isinstance(key, int) and key < len(container)


def _keyword_steps(steps: list[Any]) -> list[Any]:
    """The steps, within one schema, to the keyword an error is about: past subschemas, up to
    the first keyword that is not one (its value is dropped whole)."""
    index = 0
    while index < len(steps):
        keyword = steps[index]
        if keyword in SUBSCHEMA_MAPS or keyword in SUBSCHEMA_LISTS:
            if index + 1 >= len(steps):
                return steps[: index + 1]
            index += 2
        elif keyword in SUBSCHEMAS and index + 1 < len(steps):
            index += 1
        else:
            return steps[: index + 1]
    return steps


def _ref_holders(document: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, node) of every mapping with a `$ref` key, examples and extensions excepted
    (their values are data, not references)."""
    pending: list[tuple[Any, str]] = [(document, "")]
    while pending:
        node, at = pending.pop()
        if isinstance(node, dict):
            if "$ref" in node:
                yield at, node
            pending += [
                (value, f"{at}/{escape_pointer_token(str(key))}")
                for key, value in node.items()
                if key not in ("example", "examples", "default", "const", "enum")
                and not str(key).startswith("x-")
            ]
        elif isinstance(node, list):
            pending += [(value, f"{at}/{index}") for index, value in enumerate(node)]


def _steps(document: Any, targets: list[str]) -> Iterator[tuple[str, str]]:
    """For each step of a cycle: (the node it starts from, the `$ref` site within it that
    names the next node)."""
    for here, there in itertools.pairwise(targets):
        node = lookup(document, "#" + here)
        for site in _sites_naming(node, here, there):
            yield here, site


def _sites_naming(node: Any, at: str, target: str) -> Iterator[str]:
    pending: list[tuple[Any, str]] = [(node, at)]
    while pending:
        current, where = pending.pop()
        if isinstance(current, dict):
            if current.get("$ref") == "#" + target:
                yield where + "/$ref"
            pending += [(v, f"{where}/{escape_pointer_token(str(k))}") for k, v in current.items()]
        elif isinstance(current, list):
            pending += [(v, f"{where}/{i}") for i, v in enumerate(current)]


def _through_container(start: str, site: str) -> bool:
    """Whether the `$ref` at `site`, inside the schema at `start`, is reached through a
    property or an item (a recursive value), not only through allOf/anyOf/oneOf."""
    inner = site[len(start) :].split("/")
    return any(step in _CONTAINERS for step in inner)


def _refers_to(node: Any, component: str) -> bool:
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and (ref == component or ref.startswith(component + "/")):
                return True
            pending += list(current.values())
        elif isinstance(current, list):
            pending += current
    return False


def _short(message: str) -> str:
    return message if len(message) < 300 else message[:297] + "..."
