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

from .load.document import lookup, resolve_ref
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
            found += self._violations(error)
        return found

    def _violations(self, error: ValidationError) -> list[Violation]:
        """A jsonschema error as Violations. For a failed `oneOf`/`anyOf` whose branches are
        told apart by a `const` property (EZLINK's `type: first_frame | prompt`), the branch the
        value names is the one it meant: its errors are reported, as the client reports them.
        Otherwise the closest branch's error is named, since "matches none of the choices"
        alone does not say what to fix."""
        keyword = str(error.validator)
        if keyword not in ("oneOf", "anyOf") or not error.context:
            return [_violation(error)]
        listed: Any = error.validator_value
        branches = [resolve_ref(self.document, b) for b in listed]
        chosen = _discriminated(branches, error.instance)
        if isinstance(chosen, Violation):
            return [_at(error, chosen)]
        if chosen is not None:
            inner = [e for e in error.context if e.relative_schema_path[0] == chosen]
            return [v for e in inner for v in self._violations(e)]
        closest = best_match(error.context)
        if closest is None:
            return [_violation(error)]
        inner_violation = self._violations(closest)[0]
        return [
            Violation(
                inner_violation.path,
                inner_violation.keyword,
                inner_violation.rule,
                f"{inner_violation.message} (no choice of the {keyword} fits; this is the closest)",
            )
        ]

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
    """A jsonschema error (not a `oneOf`/`anyOf`) as a Violation."""
    path = tuple(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        # Name the missing field itself, as the client does: `prompt`, not the object holding it.
        listed: Any = error.validator_value
        missing = [n for n in listed if n not in error.instance and repr(n) in error.message]
        path = (*path, *missing[:1])
    return Violation(path, str(error.validator), _rule(error), _message(error))


def _discriminated(branches: list[Any], value: Any) -> int | Violation | None:
    """Which branch `value` picks by a property every branch fixes with a distinct `const`
    (its index), a Violation (relative to `value`) when it names no branch, or None when the
    branches have no such property or `value` does not set it."""
    if not isinstance(value, dict):
        return None
    consts: list[dict[str, Any]] = []
    for branch in branches:
        properties = branch.get("properties") if isinstance(branch, dict) else None
        consts.append(
            {
                name: sub["const"]
                for name, sub in (properties or {}).items()
                if isinstance(sub, dict) and "const" in sub
            }
        )
    shared = set(consts[0]).intersection(*consts[1:]) if consts else set()
    for name in sorted(shared):
        values = [c[name] for c in consts]
        if len({repr(v) for v in values}) != len(values) or name not in value:
            continue
        for index, const in enumerate(values):
            if value[name] == const and type(value[name]) is type(const):
                return index
        return Violation(
            (name,),
            "const",
            "const",
            f"{_shown(value[name])} is not one of {', '.join(map(repr, values))}",
        )
    return None


def _at(error: ValidationError, relative: Violation) -> Violation:
    """A Violation found inside the value of `error`, placed at the error's own path."""
    return Violation(
        (*error.absolute_path, *relative.path),
        relative.keyword,
        relative.rule,
        relative.message,
    )


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
