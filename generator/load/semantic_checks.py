"""The two JSON Schema checks of `semantic`: a Schema Object against its dialect's meta-schema,
and a schema's `default` against the schema, each answering as openapi-spec-validator 0.9 does.

That validator runs them with `jsonschema` and the format checker of openapi-schema-validator,
which checks only some formats (those below; `uri`, `hostname` and the others whose libraries it
finds missing are passed). Here `jsonschema-rs` decides quickly whether anything is wrong, told to
check formats, `pattern` and `multipleOf` with the same Python code `jsonschema` uses, so that
it agrees; only when it finds something (or cannot decide) does `jsonschema` run, to phrase the
problems in the words the validator uses. A spec with nothing wrong never imports `jsonschema`.
"""

from __future__ import annotations

import calendar
import ipaddress
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit
from uuid import UUID

import jsonschema_rs

from ..problems import pointer

__all__ = ["OAS31_DIALECT", "SchemaChecks", "known_dialect"]

OAS31_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base"
_OAS31_VOCABULARY = "https://spec.openapis.org/oas/3.1/meta/base"
_SCHEMAS = Path(__file__).with_name("schemas")

# The dialects `jsonschema` knows (by the ids of its meta-schemas) besides the OpenAPI one. The
# validator also knows OpenAPI 3.2's dialect; a 3.1 spec naming it is told here it is unknown.
_DRAFTS = {
    "http://json-schema.org/draft-03/schema": "Draft3Validator",
    "http://json-schema.org/draft-04/schema": "Draft4Validator",
    "http://json-schema.org/draft-06/schema": "Draft6Validator",
    "http://json-schema.org/draft-07/schema": "Draft7Validator",
    "https://json-schema.org/draft/2019-09/schema": "Draft201909Validator",
    "https://json-schema.org/draft/2020-12/schema": "Draft202012Validator",
}

_DOCUMENT = "urn:gatewaygen:document"
_POINTER_SAFE = "/~-._!$&'()*+,;=:@"  # what a URI fragment may hold as it is


def known_dialect(dialect: str) -> bool:
    """Whether `dialect` names a meta-schema the validator knows (compared as `jsonschema`
    compares `$schema` values: an empty fragment does not count)."""
    return _normal(dialect) in (OAS31_DIALECT, *_DRAFTS)


def _normal(uri: str) -> str:
    try:
        return urlsplit(uri).geturl()
    except ValueError:
        return uri


# --- formats, as `jsonschema` checks them (a value of another type passes) ---------------

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_DATE_TIME = re.compile(  # RFC 3339, as the rfc3339-validator package reads it
    r"^(\d{4})-(0[1-9]|1[0-2])-(\d{2})T(?:[01]\d|2[0123]):[0-5]\d:[0-5]\d(?:\.\d+)?"
    r"(?:Z|[+-](?:[01]\d|2[0123]):[0-5]\d)$",
    re.ASCII,
)


def _date(text: str) -> bool:
    try:
        return bool(_DATE.fullmatch(text) and date.fromisoformat(text))
    except ValueError:
        return False


def _date_time(text: str) -> bool:
    found = _DATE_TIME.match(text.upper())  # `jsonschema` upper-cases the value first
    if found is None:
        return False
    year, month, day = (int(part) for part in found.groups())
    return year != 0 and 1 <= day <= calendar.monthrange(year, month)[1]


def _time(text: str) -> bool:
    # The checker registered last under "time" is draft 3's, and it is the one used.
    try:
        return bool(datetime.strptime(text, "%H:%M:%S"))
    except ValueError:
        return False


def _ipv4(text: str) -> bool:
    try:
        return bool(ipaddress.IPv4Address(text))
    except ValueError:
        return False


def _ipv6(text: str) -> bool:
    try:
        return not getattr(ipaddress.IPv6Address(text), "scope_id", "")
    except ValueError:
        return False


def _idn_hostname(text: str) -> bool:
    import idna  # httpx's dependency; imported only when such a value is checked

    try:
        idna.encode(text)
    except (idna.IDNAError, UnicodeError):
        return False
    return True


def _uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return all(text[at] == "-" for at in (8, 13, 18, 23))


def _regex(text: str) -> bool:
    try:
        re.compile(text)
    except re.error:
        return False
    return True


def _anything(text: str) -> bool:
    return True


_STRING_FORMATS: dict[str, Callable[[str], bool]] = {
    "date": _date,
    "date-time": _date_time,
    "time": _time,
    "email": lambda text: "@" in text,
    "idn-email": lambda text: "@" in text,
    "ipv4": _ipv4,
    "ipv6": _ipv6,
    "idn-hostname": _idn_hostname,
    "uuid": _uuid,
    "regex": _regex,
}
# The formats jsonschema-rs knows that the validator does not check: passed, as it passes them.
_PASSED = (
    "hostname", "uri", "uri-reference", "iri", "iri-reference", "uri-template", "json-pointer",
    "relative-json-pointer", "duration", "password", "int32", "int64", "float", "double",
)  # fmt: skip
_INTEGER_FORMATS = {"int32": 31, "int64": 63}  # the only formats a number can fail


def _format_ok(name: str, instance: Any) -> bool:
    if isinstance(instance, str):
        return _STRING_FORMATS.get(name, _anything)(instance)
    if name in _INTEGER_FORMATS and isinstance(instance, int) and not isinstance(instance, bool):
        bits = _INTEGER_FORMATS[name]
        return bool(~(1 << bits) < instance < 1 << bits)
    return True


def _beyond_int32(value: Any) -> bool:
    """Whether `value` holds an integer an `int32` format refuses: jsonschema-rs calls formats
    on strings only, so such a value goes to `jsonschema`."""
    if isinstance(value, dict):
        return any(_beyond_int32(item) for item in value.values())
    if isinstance(value, list):
        return any(_beyond_int32(item) for item in value)
    return isinstance(value, int) and not isinstance(value, bool) and not _format_ok("int32", value)


class _Pattern:
    """`pattern` for jsonschema-rs, matched with Python's `re` as `jsonschema` matches it."""

    def __init__(self, parent: Any, value: Any, path: Any) -> None:
        self._pattern = re.compile(value)

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and not self._pattern.search(instance):
            raise ValueError("does not match")


class _MultipleOf:
    """`multipleOf` for jsonschema-rs, with `jsonschema`'s float arithmetic (0.3 is not a
    multiple of 0.1 there)."""

    def __init__(self, parent: Any, value: Any, path: Any) -> None:
        self._divisor = value

    def validate(self, instance: Any) -> None:
        if isinstance(instance, bool) or not isinstance(instance, (int, float)):
            return
        if isinstance(self._divisor, float):
            quotient = instance / self._divisor
            try:
                failed = int(quotient) != quotient
            except OverflowError:
                failed = (Fraction(instance) / Fraction(self._divisor)).denominator != 1
        else:
            failed = bool(instance % self._divisor)
        if failed:
            raise ValueError("not a multiple")


def _rust(schema: Any, registry: Any) -> Any:
    formats = {name: _anything for name in _PASSED} | _STRING_FORMATS
    return jsonschema_rs.validator_for(
        schema,
        registry=registry,
        validate_formats=True,
        formats=formats,
        keywords={"pattern": _Pattern, "multipleOf": _MultipleOf},
    )


def _vendored(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((_SCHEMAS / name).read_text("utf-8"))
    return loaded


@cache
def _oas_schemas() -> tuple[dict[str, Any], dict[str, Any]]:
    """The OpenAPI 3.1 dialect's meta-schema and its vocabulary's (see schemas/README.md)."""
    return _vendored("oas-3.1-dialect-base.json"), _vendored("oas-3.1-meta-base.json")


@cache
def _rust_meta() -> Any:
    dialect, vocabulary = _oas_schemas()
    registry = jsonschema_rs.Registry([(OAS31_DIALECT, dialect), (_OAS31_VOCABULARY, vocabulary)])
    return _rust(dialect, registry)


def _python_formats() -> Any:
    from jsonschema import FormatChecker

    checker = FormatChecker(())
    for name in (*_STRING_FORMATS, *_INTEGER_FORMATS, "float", "double", "password"):
        checker.checks(name)(lambda instance, name=name: _format_ok(name, instance))
    return checker


def _python_meta(dialect: str) -> Any:
    import jsonschema
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]
    from referencing.jsonschema import DRAFT202012

    normal = _normal(dialect)
    if normal != OAS31_DIALECT:
        draft = getattr(jsonschema, _DRAFTS[normal])
        return draft(draft.META_SCHEMA, format_checker=_python_formats())
    schemas = _oas_schemas()
    registry = REGISTRY.with_resources(
        [(schema["$id"], DRAFT202012.create_resource(schema)) for schema in schemas]
    )
    return jsonschema.Draft202012Validator(
        schemas[0], registry=registry, format_checker=_python_formats()
    )


class SchemaChecks:
    """The meta-schema and `default` checks over the schemas of one document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self._document = document
        self._registry: Any = None  # jsonschema-rs's, built on the first `default`
        self._python: Any = None  # jsonschema's, built on the first problem

    def meta_problem(self, schema: Any, dialect: str) -> tuple[tuple[str | int, ...], str] | None:
        """The first way `schema` breaks the meta-schema of `dialect` (a known one), as
        (steps into the schema, message), or None."""
        if _normal(dialect) == OAS31_DIALECT:
            try:
                if _rust_meta().is_valid(schema):
                    return None
            except (ValueError, OverflowError):
                pass  # a value jsonschema-rs cannot take: jsonschema decides
        for error in _python_meta(dialect).iter_errors(schema):
            return tuple(error.absolute_path), str(error.message)
        return None

    def default_problems(self, at: str, value: Any) -> Iterator[tuple[str, str]]:
        """(pointer, message) for each way `value` breaks the schema at pointer `at`."""
        reference = f"{_DOCUMENT}#{quote(at, safe=_POINTER_SAFE)}"
        if not _beyond_int32(value):
            try:
                if self._registry is None:
                    self._registry = jsonschema_rs.Registry([(_DOCUMENT, self._document)])
                if _rust({"$ref": reference}, self._registry).is_valid(value):
                    return
            except (ValueError, OverflowError, re.error):
                pass  # jsonschema-rs cannot compile the schema or take the value
        try:
            errors = list(self._python_validator(reference).iter_errors(value))
        except re.error:  # a `pattern` Python cannot compile: the meta-schema check says so
            return
        for error in errors:
            yield at + "/default" + pointer(*error.absolute_path), str(error.message)

    def _python_validator(self, reference: str) -> Any:
        from jsonschema import Draft202012Validator
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        if self._python is None:
            resource = DRAFT202012.create_resource(self._document)
            self._python = Registry().with_resource(_DOCUMENT, resource)
        return Draft202012Validator(
            {"$ref": reference}, registry=self._python, format_checker=_python_formats()
        )
