"""Deterministic values that a JSON Schema (OpenAPI 3.0 or 3.1 dialect) accepts, for operations
whose documents give no example: the round-trip driver's fallback (tests/roundtrip.py).

The same schema always gives the same value. A value is as small as the schema allows: the
required properties of an object, `minItems` items of an array, the first of an enum. A schema
it cannot satisfy (a `pattern` none of its candidates matches, a `not`) raises `SampleError`
naming the pointer, so the test says where an example is needed instead of sending junk.
"""

from __future__ import annotations

import math
import re
from typing import Any

_MAX_DEPTH = 24

#: One fixed value per string format, each valid for it.
_FORMATS = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "duration": "P1D",
    "uuid": "123e4567-e89b-42d3-a456-426614174000",
    "uri": "https://example.com/sample",
    "url": "https://example.com/sample",
    "uri-reference": "https://example.com/sample",
    "iri": "https://example.com/sample",
    "email": "sample@example.com",
    "idn-email": "sample@example.com",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "c2FtcGxl",  # base64 of "sample"
    "binary": "sample",
    "password": "sample-password",
}

#: Strings tried in turn against a `pattern`; the first that matches is used.
_PATTERN_CANDIDATES = (
    "sample",
    "a",
    "A",
    "1",
    "a1",
    "sample-1",
    "sample_1",
    "SAMPLE",
    "abc123",
    "0",
    "x" * 8,
    "1" * 8,
    "https://example.com/sample",
    "sample@example.com",
    "2024-01-02",
    "2024-01-02T03:04:05Z",
    "123e4567-e89b-42d3-a456-426614174000",
)


class SampleError(AssertionError):
    """No value could be made for a schema; the message names its pointer and the reason."""


def sample(document: dict[str, Any], schema: Any, where: str) -> Any:
    """A value `schema` accepts; `where` is the schema's JSON pointer, for error messages."""
    return _Sampler(document).value(schema, where, 0)


class _Sampler:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def resolve(self, schema: Any, where: str) -> tuple[dict[str, Any], str]:
        """A local `$ref` followed (chains too), with the pointer it leads to."""
        seen: set[str] = set()
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            ref = schema["$ref"]
            if not ref.startswith("#/") or ref in seen:
                raise SampleError(f"{where}: cannot follow $ref {ref!r}")
            seen.add(ref)
            target: Any = self.document
            for token in ref[2:].split("/"):
                token = token.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or token not in target:
                    raise SampleError(f"{where}: $ref {ref!r} points nowhere")
                target = target[token]
            schema, where = target, ref[1:]
        if schema is True or schema is None:
            return {}, where
        if not isinstance(schema, dict):
            raise SampleError(f"{where}: not a schema ({schema!r})")
        return schema, where

    def value(self, raw: Any, where: str, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise SampleError(f"{where}: nested deeper than {_MAX_DEPTH}; give an example")
        schema, where = self.resolve(raw, where)
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return schema["enum"][0]
        for keyword in ("default", "example"):
            if keyword in schema:
                return schema[keyword]
        if isinstance(schema.get("examples"), list) and schema["examples"]:
            return schema["examples"][0]
        if "not" in schema:
            raise SampleError(f"{where}: a `not` schema has no sample; give an example")
        if schema.get("allOf"):
            return self._all_of(schema, where, depth)
        for keyword in ("oneOf", "anyOf"):
            branches = schema.get(keyword)
            if branches:
                index = self._first_not_null(branches, where, keyword)
                return self.value(branches[index], f"{where}/{keyword}/{index}", depth + 1)
        kind = self._kind(schema)
        if kind == "object":
            return self._object(schema, where, depth)
        if kind == "array":
            return self._array(schema, where, depth)
        if kind == "string":
            return self._string(schema, where)
        if kind in ("integer", "number"):
            return self._number(schema, kind, where)
        if kind == "boolean":
            return True
        return None

    def _first_not_null(self, branches: list[Any], where: str, keyword: str) -> int:
        """The first branch that is not `type: null` (a nullable union's real member)."""
        for index, branch in enumerate(branches):
            resolved, _ = self.resolve(branch, f"{where}/{keyword}/{index}")
            if resolved.get("type") != "null":
                return index
        return 0

    @staticmethod
    def _kind(schema: dict[str, Any]) -> str:
        declared = schema.get("type")
        types = [declared] if isinstance(declared, str) else list(declared or [])
        real = [t for t in types if t != "null"]
        if real:
            return str(real[0])
        if types:
            return "null"
        if "properties" in schema or "additionalProperties" in schema:
            return "object"
        if "items" in schema:
            return "array"
        return "object"  # an unconstrained schema: an empty object is as good as anything

    def _all_of(self, schema: dict[str, Any], where: str, depth: int) -> Any:
        """Every branch's object merged, with the schema's own properties; a non-object
        branch's value wins outright (allOf of a string and its constraints).

        When every branch is an object, their properties and required lists are merged first
        and the merged object sampled: a branch may require a property another one declares
        (OpenAI's `Response` requires `model`, typed in `ModelResponseProperties`)."""
        merged: dict[str, Any] = {}
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        parts = (
            [*schema["allOf"], rest] if self._kind(rest) == "object" and rest else schema["allOf"]
        )
        flat = self._object_parts(parts, where, depth)
        if flat is not None:
            properties: dict[str, Any] = {}
            required: list[str] = []
            for part in flat:
                for name, declared in (part.get("properties") or {}).items():
                    if not properties.get(name):  # the first declaration that says something
                        properties[name] = declared
                required += [n for n in part.get("required") or [] if n not in required]
            combined = {"type": "object", "properties": properties, "required": required}
            return self._object(combined, where, depth)
        for index, branch in enumerate(parts):
            part = self.value(branch, f"{where}/allOf/{index}", depth + 1)
            if not isinstance(part, dict):
                return part
            merged.update(part)
        return merged

    def _object_parts(
        self, parts: list[Any], where: str, depth: int
    ) -> list[dict[str, Any]] | None:
        """The allOf branches as plain objects (nested allOfs flattened, `$ref`s followed), or
        None when one is not a plain object (a union, a primitive, an object with a `not`)."""
        flat: list[dict[str, Any]] = []
        for index, part in enumerate(parts):
            resolved, at = self.resolve(part, f"{where}/allOf/{index}")
            if depth > _MAX_DEPTH or any(k in resolved for k in ("oneOf", "anyOf", "not")):
                return None
            if resolved.get("allOf"):
                inner = self._object_parts(resolved["allOf"], at, depth + 1)
                if inner is None:
                    return None
                flat += inner
                resolved = {k: v for k, v in resolved.items() if k != "allOf"}
                if not resolved.get("properties") and not resolved.get("required"):
                    continue
            if self._kind(resolved) != "object" or "additionalProperties" in resolved:
                return None
            flat.append(resolved)
        return flat

    def _object(self, schema: dict[str, Any], where: str, depth: int) -> dict[str, Any]:
        properties = schema.get("properties") or {}
        required = [n for n in schema.get("required") or [] if isinstance(n, str)]
        out: dict[str, Any] = {}
        for name in required:
            at = f"{where}/properties/{name.replace('~', '~0').replace('/', '~1')}"
            sub = properties.get(name, schema.get("additionalProperties", {}))
            out[name] = self.value(sub if isinstance(sub, dict) else {}, at, depth + 1)
        for index in range(len(out), int(schema.get("minProperties") or 0)):
            extra = schema.get("additionalProperties")
            value_schema = extra if isinstance(extra, dict) else {"type": "string"}
            out[f"key{index}"] = self.value(value_schema, f"{where}/additionalProperties", depth)
        return out

    def _array(self, schema: dict[str, Any], where: str, depth: int) -> list[Any]:
        count = int(schema.get("minItems") or 0)
        if count == 0:
            return []
        prefix = schema.get("prefixItems") or []
        items = []
        for index in range(count):
            if index < len(prefix):
                items.append(self.value(prefix[index], f"{where}/prefixItems/{index}", depth + 1))
            else:
                items.append(self.value(schema.get("items", {}), f"{where}/items", depth + 1))
        if schema.get("uniqueItems") and count > 1 and all(isinstance(i, str) for i in items):
            items = [f"{item}{index}" if index else item for index, item in enumerate(items)]
        return items

    def _string(self, schema: dict[str, Any], where: str) -> str:
        low = int(schema.get("minLength") or 0)
        high = schema.get("maxLength")
        fmt = schema.get("format")
        text = _FORMATS.get(fmt, "sample") if isinstance(fmt, str) else "sample"
        pattern = schema.get("pattern")
        if isinstance(pattern, str):
            candidates = [text, *_PATTERN_CANDIDATES]
            text = next((c for c in candidates if _matches(pattern, c)), "")
            if not text:
                raise SampleError(
                    f"{where}: no sample matches the pattern {pattern!r}; give an example"
                )
        text = text.ljust(low, "x")
        if isinstance(high, int) and len(text) > high:
            text = text[:high]
        return text

    @staticmethod
    def _number(schema: dict[str, Any], kind: str, where: str) -> int | float:
        low = schema.get("minimum")
        high = schema.get("maximum")
        exclusive_low = schema.get("exclusiveMinimum")
        exclusive_high = schema.get("exclusiveMaximum")
        step = 1 if kind == "integer" else 0.5
        if exclusive_low is True and isinstance(low, (int, float)):  # OpenAPI 3.0's boolean form
            low = low + step
        elif isinstance(exclusive_low, (int, float)) and not isinstance(exclusive_low, bool):
            low = exclusive_low + step if low is None else max(low, exclusive_low + step)
        if exclusive_high is True and isinstance(high, (int, float)):
            high = high - step
        elif isinstance(exclusive_high, (int, float)) and not isinstance(exclusive_high, bool):
            high = exclusive_high - step if high is None else min(high, exclusive_high - step)
        value: int | float = low if isinstance(low, (int, float)) else 1
        if isinstance(high, (int, float)) and value > high:
            value = high
        multiple = schema.get("multipleOf")
        if isinstance(multiple, (int, float)) and multiple > 0:
            value = math.ceil(value / multiple) * multiple
        if kind == "integer":
            if value != int(value):
                raise SampleError(f"{where}: no integer fits the bounds; give an example")
            return int(value)
        return value


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False  # an ECMA-only construct Python cannot read: try the next candidate
