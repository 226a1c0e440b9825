"""JSON Schema validation fast enough for a 3 MB published document.

`jsonschema` (pure Python) takes minutes to check OpenAI's document against the OpenAPI 3.1
schema and its 1,400 schemas against the JSON Schema meta-schema; `jsonschema-rs` does both in
well under a second. Its errors are turned into `Failure`s; a value it cannot take (an integer
beyond 64 bits) sends the check to `jsonschema`, which gives the same kind of failures.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jsonschema_rs

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

__all__ = [
    "Failure",
    "ValueCheck",
    "meta_schema_failures",
    "openapi_failures",
    "plain_schema",
]

_DOCUMENT = "urn:gatewaygen:document"
_POINTER_SAFE = "/~-._!$&'()*+,;=:@"  # what a URI fragment may hold as it is

_UNEXPECTED = re.compile(r"\((.*) (?:was|were) unexpected\)$")


@dataclass(frozen=True)
class Failure:
    """One way a value breaks a schema: where (steps into the value), what, and for unknown
    keys, which keys."""

    steps: tuple[str | int, ...]
    message: str
    unexpected: tuple[str, ...] = ()
    keyword: str = ""  # the schema keyword that failed: type, required, enum...


def openapi_failures(document: dict[str, Any]) -> list[Failure]:
    """How a document breaks the OpenAPI 3.1 schema (its Schema Objects are not looked into)."""
    return _failures("openapi", document)


def meta_schema_failures(schema: Any) -> list[Failure]:
    """How a Schema Object breaks the JSON Schema 2020-12 meta-schema."""
    return _failures("meta", schema)


class ValueCheck:
    """Checks values (a schema's `default`) against the schemas of one document, `$ref`s
    followed; built once per document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self._registry = jsonschema_rs.Registry([(_DOCUMENT, document)])

    def failures(self, at: str, value: Any) -> list[Failure] | None:
        """How `value` breaks the schema at pointer `at`; None when the schema cannot be
        compiled or the value not read (nothing can be said then)."""
        reference = f"{_DOCUMENT}#{quote(at, safe=_POINTER_SAFE)}"
        try:
            validator = jsonschema_rs.validator_for({"$ref": reference}, registry=self._registry)
            return [_from_rust(error) for error in validator.iter_errors(value)]
        except (ValueError, OverflowError):
            return None


def _failures(which: str, value: Any) -> list[Failure]:
    try:
        return [_from_rust(error) for error in _rust(which).iter_errors(value)]
    except (ValueError, OverflowError):  # a value the Rust side cannot represent
        return [_from_python(error) for error in _python(which).iter_errors(value)]


# Where each schema is, as (package, file inside it). They are read as data files: importing
# jsonschema only to get one cost a second or more at every start. The OpenAPI 3.1 schema is
# our copy (schemas/README.md), since openapi-spec-validator is a test dependency only.
_SCHEMA_FILES = {
    "openapi": ("generator.load", "schemas/openapi-3.1.json"),
    "meta": ("jsonschema_specifications", "schemas/draft202012/metaschema.json"),
}


@cache
def plain_schema(which: str) -> dict[str, Any]:
    """The OpenAPI 3.1 schema ("openapi") or the JSON Schema 2020-12 meta-schema ("meta") (the
    same dicts as `openapi_spec_validator.schemas.schema_v31` and
    `Draft202012Validator.META_SCHEMA`; a test holds them equal)."""
    package, relative = _SCHEMA_FILES[which]
    found = importlib.util.find_spec(package)  # locates the package without running it
    folders = list(found.submodule_search_locations or ()) if found else []
    if not folders:
        raise RuntimeError(f"{package} is not installed: reinstall gatewaygen")
    plain: dict[str, Any] = json.loads((Path(folders[0]) / relative).read_text("utf-8"))
    return plain


@cache
def _rust(which: str) -> Any:
    return jsonschema_rs.validator_for(plain_schema(which))


@cache
def _python(which: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # only for the rare value Rust cannot take

    return Draft202012Validator(plain_schema(which))


def _from_rust(error: Any) -> Failure:
    unexpected = getattr(error.kind, "unexpected", None) or ()
    keyword = str(getattr(error.kind, "name", ""))
    return Failure(tuple(error.instance_path), str(error.message), tuple(unexpected), keyword)


def _from_python(error: Any) -> Failure:
    unexpected: tuple[str, ...] = ()
    if error.validator in ("unevaluatedProperties", "additionalProperties"):
        named = _UNEXPECTED.search(error.message)
        if named:
            try:  # the reprs of the keys, as jsonschema prints them: read as literals only
                keys = ast.literal_eval(f"[{named.group(1)}]")
            except (ValueError, SyntaxError):
                keys = []
            unexpected = tuple(key for key in keys if isinstance(key, str))
    return Failure(tuple(error.absolute_path), str(error.message), unexpected, str(error.validator))
