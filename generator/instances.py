"""Checking JSON values (examples, request bodies, captured responses) against a spec's schemas.

The validator is `jsonschema`'s JSON Schema 2020-12 validator over the whole spec document, so
`$ref`s resolve as the spec writes them. Two rules are added so a value passes here exactly
when the generated client would send it: `format: uri` must be an absolute URI, and a schema
marked `x-public-url` refuses private and loopback addresses. Both use the runtime's own checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from .document import lookup, resolve_ref
from .problems import pointer
from .runtime._validate import public_url_problem, uri_problem

_SPEC = "urn:gatewaygen:spec"


def _public_url(
    validator: Any, marked: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if marked:
        problem = public_url_problem(instance)
        if problem:
            yield ValidationError(problem)


_Validator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"x-public-url": _public_url}
)
_FORMATS = FormatChecker()
_FORMATS.checks("uri")(lambda value: uri_problem(value) is None)


@dataclass(frozen=True)
class Violation:
    """One way a value breaks its schema: where in the value, which rule, and what is wrong."""

    path: tuple[str | int, ...]
    keyword: str
    rule: str
    message: str

    @property
    def pointer(self) -> str:
        """The JSON pointer of the failing field in the value ("" for the value itself)."""
        return pointer(*self.path)

    @property
    def field(self) -> str:
        """The failing field as a caller writes it: `settings.duration`, `contents[0].url`."""
        return field_name(self.path)


def field_name(path: tuple[str | int, ...]) -> str:
    """A path into a value as a caller writes it: `settings.duration`, `contents[0].url`."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(the whole value)"


class SpecValidator:
    """Validates values against the schemas of one spec document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        resource = DRAFT202012.create_resource(document)
        self._registry: Registry[Any] = Registry().with_resource(_SPEC, resource)

    def violations(self, schema_pointer: str, value: Any) -> list[Violation]:
        """Every way `value` breaks the schema at `schema_pointer` (a JSON pointer into the
        document), most precise first where a `oneOf`/`anyOf` hides the real cause."""
        validator = _Validator(
            {"$ref": f"{_SPEC}#{schema_pointer}"},
            registry=self._registry,
            format_checker=_FORMATS,
        )
        found = []
        for error in sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path)):
            found.append(_violation(error))
        return found

    def undocumented(self, schema_pointer: str, value: Any) -> list[tuple[str | int, ...]]:
        """Paths of object keys in `value` that its schema does not name in any branch (only
        where the schema lists properties and still allows others): what a gateway added, or a
        caller misspelled."""
        schema = lookup(self.document, "#" + schema_pointer)
        return list(self._undocumented(schema, value, (), 0))

    def _undocumented(
        self, schema: Any, value: Any, path: tuple[str | int, ...], depth: int
    ) -> Iterator[tuple[str | int, ...]]:
        if depth > 40 or not isinstance(schema, dict):
            return
        branches = self.branches(schema)
        if isinstance(value, dict):
            named: dict[str, list[Any]] = {}
            open_ended = False
            for branch in branches:
                for key, sub in (branch.get("properties") or {}).items():
                    named.setdefault(key, []).append(sub)
                extra = branch.get("additionalProperties")
                open_ended |= (
                    extra is True
                    or (isinstance(extra, dict) and extra != {})
                    or "patternProperties" in branch
                )
            if not named:
                return
            for key, item in value.items():
                if key in named:
                    for sub in named[key]:
                        yield from self._undocumented(sub, item, (*path, key), depth + 1)
                elif not open_ended:
                    yield (*path, key)
        elif isinstance(value, list):
            items = [b["items"] for b in branches if isinstance(b.get("items"), dict)]
            for index, item in enumerate(value):
                for sub in items:
                    yield from self._undocumented(sub, item, (*path, index), depth + 1)

    def branches(self, schema: dict[str, Any]) -> list[dict[str, Any]]:
        """A schema and every schema its `allOf`/`oneOf`/`anyOf` reach, with `$ref`s followed."""
        out: list[dict[str, Any]] = []
        pending = [schema]
        while pending and len(out) < 200:
            node = resolve_ref(self.document, pending.pop())
            if not isinstance(node, dict) or any(node is seen for seen in out):
                continue
            out.append(node)
            for keyword in ("allOf", "oneOf", "anyOf"):
                pending.extend(b for b in node.get(keyword) or [] if isinstance(b, dict))
        return out


def _violation(error: ValidationError) -> Violation:
    """A jsonschema error as a Violation; for a failed `oneOf`/`anyOf`, the most relevant error
    of the branches is named as well, since "matches none of the choices" alone does not say
    what to fix."""
    path = tuple(error.absolute_path)
    keyword = str(error.validator)
    message = _message(error)
    if keyword in ("oneOf", "anyOf") and error.context:
        closest = best_match(error.context)
        if closest is not None:
            inner = _violation(closest)
            return Violation(
                inner.path,
                inner.keyword,
                inner.rule,
                f"{inner.message} (no choice of the {keyword} fits; this is the closest)",
            )
    return Violation(path, keyword, _rule(error), message)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: ValidationError) -> str:
    """What is wrong, in words that do not repeat a long value."""
    keyword, limit, value = str(error.validator), error.validator_value, error.instance
    if keyword in ("maxLength", "minLength") and isinstance(value, str):
        bound = "at most" if keyword == "maxLength" else "at least"
        return f"{len(value)} characters long; {bound} {limit} are allowed"
    if keyword in ("maxItems", "minItems") and isinstance(value, list):
        bound = "at most" if keyword == "maxItems" else "at least"
        return f"{len(value)} items; {bound} {limit} are allowed"
    if keyword == "enum" and isinstance(limit, list):
        return f"{_shown(value)} is not one of {', '.join(map(repr, limit))}"
    if keyword == "format" and limit == "uri":
        if isinstance(value, str) and value.startswith("{{") and value.endswith("}}"):
            return f"{value!r} is a documentation template variable, not a URI: put a real URL"
        return uri_problem(value) or f"{_shown(value)} is not a URI"
    if keyword == "pattern":
        return f"{_shown(value)} does not match the pattern {limit!r}"
    message = error.message
    return message if len(message) <= 240 else message[:237] + "..."


def _rule(error: ValidationError) -> str:
    """The schema rule that failed, as `maxLength: 3072` or `enum`."""
    keyword = str(error.validator)
    value = error.validator_value
    if keyword in ("enum", "required", "properties", "$ref", "oneOf", "anyOf", "allOf"):
        return keyword
    if isinstance(value, (dict, list)):
        return keyword
    if isinstance(value, bool) and keyword.startswith("x-"):
        return keyword
    return f"{keyword}: {value}"
