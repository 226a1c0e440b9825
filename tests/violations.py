"""Requests that break exactly one documented constraint, derived from the specs themselves.

Each `Violation` starts from a valid documented request (a request example that is not marked
defective, with its template placeholders replaced by a real URL, plus the parameters' own
examples) and changes one thing in it: a required field left out, a wrong JSON type, a string
too long or too short, a value outside an enum or const, a number out of range, a string that
does not match its pattern or format, an array with too many or too few items, or a property
that an object closed with `additionalProperties: false` does not allow.

The constraints are read from the request schema and the parameter schemas of the raw YAML,
following `$ref`s into components, so a constraint added to a spec gets its own case without
anyone writing it. Where a value sits inside a `oneOf`/`anyOf`, the branch the valid value
matches is the one broken, and the whole branch value is the `scope` a validator may point at
(it also tells why the other branches fail).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from generator.load.loader import iter_operations, resolve_ref
from generator.model.ir import Operation
from tests.spec_cases import ROOT, provider, providers

#: What a template placeholder of the docs ("{{first_frame_url}}") is replaced with.
REAL_URL = "https://example.com/first-frame.png"
#: The name of the property added to an object that allows no other properties.
SURPLUS = "unexpected_field"

Step = str | int
JSONPath = tuple[Step, ...]


class _Missing:
    """The value of a property that the request does not carry (or is to leave out)."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()

# Values of each JSON type, in the order they are tried as a wrong type.
_WRONG_TYPES: tuple[tuple[Any, str], ...] = (
    ("wrong type", "string"),
    (12345, "integer"),
    (True, "boolean"),
    ([], "array"),
    ({}, "object"),
)
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*")
# Strings that are not URIs, the first without a scheme, the second with a space in it.
_NOT_URIS = ("no-scheme.example/picture.png", "https://example.com/with space.png")


@dataclass(frozen=True)
class Violation:
    """One request with exactly one broken constraint, and where reports about it may point."""

    provider: str
    operation: Operation
    location: str  # "body", "query" or "path"
    field: JSONPath  # the broken value: its path in the body, or (the parameter's JSON name,)
    keyword: str  # the JSON Schema keyword it breaks
    body: Any  # the JSON body to send (None for an operation without one)
    parameters: Mapping[str, Any]  # path and query parameters by JSON name; MISSING = left out
    scope: JSONPath = ()  # the oneOf/anyOf value the field is in, () when it is in none
    reported_as: str = ""  # the keyword Prism names, when it is not `keyword`

    @property
    def id(self) -> str:
        return f"{self.provider}-{self.operation.method_name}-{dotted(self.field)}-{self.keyword}"

    @property
    def prism_keyword(self) -> str:
        return self.reported_as or self.keyword

    def arguments(self, not_given: object) -> tuple[dict[str, Any], dict[str, Any]]:
        """The method's keyword arguments and the `extra_body` (body fields no argument carries,
        empty for every spec today) that send this request. A required argument whose value is
        left out is passed as the package's `NOT_GIVEN`, which the client drops when sending."""
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for param in self.operation.parameters:
            if param.location != "body":
                value = self.parameters[param.json_name]
                kwargs[param.name] = not_given if value is MISSING else value
        if self.body is not None:
            names = self.operation.body_argument_names
            for key, value in self.body.items():
                if key in names:
                    kwargs[names[key]] = value
                else:
                    extra[key] = value
            for param in self.operation.body_parameters:
                if param.required and param.json_name not in self.body:
                    kwargs[param.name] = not_given
        return kwargs, extra

    @property
    def client_field(self) -> str:
        """How the client's ValidationError names the field: `settings.duration`."""
        return client_name(self.operation, self.field)

    @property
    def client_scope(self) -> str | None:
        return client_name(self.operation, self.scope) if self.scope else None


def dotted(path: JSONPath) -> str:
    """A JSON path as text: `contents[0].url`."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def client_name(operation: Operation, path: JSONPath) -> str:
    """A JSON path as the client names it: the first step becomes the argument's name."""
    first = str(path[0])
    renamed = {p.json_name: p.name for p in operation.parameters}
    return dotted((renamed.get(first, first), *path[1:]))


@cache
def document(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (ROOT / "specs" / f"{name}.yaml").read_text(encoding="utf-8")
    )
    return loaded


@cache
def _validator(name: str) -> Draft202012Validator:
    # The whole document as the root schema, so that `#/components/...` refs resolve; only
    # ever used through `evolve(schema=...)` on one of its schemas.
    return Draft202012Validator(document(name))


def _raw_operation(name: str, operation_id: str) -> dict[str, Any]:
    return next(
        raw for _, _, raw in iter_operations(document(name)) if raw["operationId"] == operation_id
    )


def valid_bodies(operation: Operation) -> list[Any]:
    """The documented request examples that are valid requests: none marked defective, and each
    template placeholder replaced by a real URL."""
    bodies = []
    for example in operation.request_examples:
        if example.defect:
            continue
        body = copy.deepcopy(example.value)
        for pointer in example.placeholders:
            body = with_value(body, from_pointer(pointer), REAL_URL)
        bodies.append(body)
    return bodies


def from_pointer(pointer: str) -> JSONPath:
    steps = [s.replace("~1", "/").replace("~0", "~") for s in pointer.split("/")[1:]]
    return tuple(int(s) if s.isdigit() else s for s in steps)


def with_value(document: Any, path: JSONPath, value: Any) -> Any:
    """A copy of `document` with the value at `path` replaced (or left out, for MISSING)."""
    if not path:
        return value
    changed = copy.deepcopy(document)
    parent = changed
    for step in path[:-1]:
        parent = parent[step]
    if value is MISSING:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return changed


def violations() -> list[Violation]:
    """Every single-constraint violation of every operation of every spec."""
    found: dict[str, Violation] = {}
    for name in providers():
        for operation in provider(name).operations:
            for violation in operation_violations(name, operation):
                found.setdefault(violation.id, violation)
    return list(found.values())


def operation_violations(name: str, operation: Operation) -> Iterator[Violation]:
    raw = _raw_operation(name, operation.operation_id)
    doc = document(name)
    parameters = {
        p.json_name: p.examples[0].value for p in operation.parameters if p.location != "body"
    }
    bodies = valid_bodies(operation) if operation.has_body else [None]
    for declared in raw.get("parameters") or []:
        param = resolve_ref(doc, declared)
        location, json_name = param["in"], param["name"]
        schema = resolve_ref(doc, param.get("schema") or {})
        for _, keyword, value, _ in _breaks(name, schema, parameters[json_name], (json_name,), ()):
            if keyword == "type" and "string" in _types(schema):
                continue  # a path or query value is text whatever it holds
            if location == "path" and value == "":
                continue  # an empty segment is the missing parameter below
            reported = "required" if value == "" else ""  # Prism reads an empty value as none
            yield Violation(
                name,
                operation,
                location,
                (json_name,),
                keyword,
                bodies[0],
                {**parameters, json_name: value},
                reported_as=reported,
            )
        if param.get("required") or location == "path":
            # A path segment cannot be left out: it is sent empty, which Prism calls missing.
            value = "" if location == "path" else MISSING
            yield Violation(
                name,
                operation,
                location,
                (json_name,),
                "required",
                bodies[0],
                {**parameters, json_name: value},
            )
    if not operation.has_body:
        return
    media = resolve_ref(doc, raw["requestBody"])["content"]["application/json"]
    for body in bodies:
        for path, keyword, value, scope in _breaks(name, media["schema"], body, (), ()):
            yield Violation(
                name,
                operation,
                "body",
                path,
                keyword,
                with_value(body, path, value),
                parameters,
                scope,
            )


def _types(schema: Mapping[str, Any]) -> list[str]:
    declared = schema.get("type", [])
    return [declared] if isinstance(declared, str) else list(declared)


def _breaks(
    name: str, schema: Any, value: Any, path: JSONPath, scope: JSONPath
) -> Iterator[tuple[JSONPath, str, Any, JSONPath]]:
    """`(path, keyword, new value, scope)` for each constraint that `value` (at `path`, valid
    against `schema`) can be made to break alone; MISSING as a new value leaves it out."""
    doc = document(name)
    schema = resolve_ref(doc, schema)
    if not isinstance(schema, dict):
        return
    for keyword in ("oneOf", "anyOf"):
        branches = schema.get(keyword) or []
        if branches and value is not MISSING:
            matching = [b for b in branches if _validator(name).evolve(schema=b).is_valid(value)]
            assert matching, f"{dotted(path)}: a documented value matches no {keyword} branch"
            yield from _breaks(name, matching[0], value, path, path)
    for branch in schema.get("allOf") or []:
        yield from _breaks(name, branch, value, path, scope)
    if path:
        for keyword, wrong in _wrong_values(schema, value):
            yield path, keyword, wrong, scope
    if isinstance(value, dict):
        for required in schema.get("required") or []:
            if required in value:
                yield (*path, required), "required", MISSING, scope
        for keyword in ("additionalProperties", "unevaluatedProperties"):
            if schema.get(keyword) is False:
                yield (*path, SURPLUS), keyword, "not in the schema", scope
        for key, sub in (schema.get("properties") or {}).items():
            yield from _breaks(name, sub, value.get(key, MISSING), (*path, key), scope)
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from _breaks(name, schema["items"], item, (*path, index), scope)


def _sample(schema: Mapping[str, Any]) -> Any:
    """A valid value the schema itself documents, for a property the request leaves out."""
    for key in ("const", "default"):
        if key in schema:
            return schema[key]
    for key in ("examples", "enum"):
        if schema.get(key):
            return schema[key][0]
    return MISSING


def _wrong_values(schema: Mapping[str, Any], value: Any) -> Iterator[tuple[str, Any]]:
    """`(keyword, value)` for each keyword of `schema` that a single value can break alone."""
    types = _types(schema)
    base = value if value is not MISSING else _sample(schema)
    if types:
        allowed = set(types) | ({"integer"} if "number" in types else set())
        yield "type", next(v for v, t in _WRONG_TYPES if t not in allowed)
    if "enum" in schema:
        yield "enum", _outside(schema["enum"], base)
    if "const" in schema:
        yield "const", _outside([schema["const"]], base)
    step = 1 if "integer" in types and "number" not in types else 0.5
    if "minimum" in schema:
        yield "minimum", schema["minimum"] - step
    if "maximum" in schema:
        yield "maximum", schema["maximum"] + step
    for keyword in ("exclusiveMinimum", "exclusiveMaximum"):
        if keyword in schema:
            yield keyword, schema[keyword]
    text = base if isinstance(base, str) else None
    if schema.get("minLength", 0) > 0:
        yield "minLength", (text or "x" * schema["minLength"])[: schema["minLength"] - 1]
    if "maxLength" in schema and (text is not None or not {"pattern", "format"} & set(schema)):
        start = text or ""
        yield "maxLength", start + "a" * (schema["maxLength"] + 1 - len(start))
    if "pattern" in schema and text is not None:
        candidates = (text.replace("https://", "http://", 1), "x" + text, "", "x")
        unmatched = [c for c in candidates if re.search(schema["pattern"], c) is None]
        fitting = [c for c in unmatched if _fits_otherwise(schema, c, "pattern")]
        if fitting:
            yield "pattern", fitting[0]
    if schema.get("format") == "uri":
        fitting = [c for c in _NOT_URIS if _fits_otherwise(schema, c, "format")]
        if fitting:
            yield "format", fitting[0]
    if isinstance(value, list):
        if schema.get("minItems", 0) > 0:
            yield "minItems", value[: schema["minItems"] - 1]
        if "maxItems" in schema and value:
            yield "maxItems", value + [value[-1]] * (schema["maxItems"] + 1 - len(value))


def _outside(options: list[Any], base: Any) -> Any:
    """A value of the same JSON type as the documented options that none of them equals."""
    if all(isinstance(o, str) for o in options):
        start = base if isinstance(base, str) else str(options[0])
        return start + "-unknown"
    numbers = [o for o in options if isinstance(o, (int, float)) and not isinstance(o, bool)]
    if numbers:
        return max(numbers) + 1
    return "not one of the documented values"


def _fits_otherwise(schema: Mapping[str, Any], text: str, broken: str) -> bool:
    """Whether `text` keeps every string constraint of `schema` except `broken`."""
    if not schema.get("minLength", 0) <= len(text) <= schema.get("maxLength", len(text)):
        return False
    if broken != "pattern" and "pattern" in schema and not re.search(schema["pattern"], text):
        return False
    return not (broken != "format" and schema.get("format") == "uri" and not _URI.fullmatch(text))
