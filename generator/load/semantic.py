"""The OpenAPI 3.1 rules beyond structure that openapi-spec-validator 0.9 applies, ours.

That validator took 0.6 s and 50 MB to import for a handful of rules, so they are written here,
giving the same answers (tests/test_semantic_rules.py runs both on every spec we have and on
generated ones). Its messages are kept word for word; the pointers are better: it gives none,
these say where the problem is. The rules, in the order it applies them:

- tag names are unique;
- per path item: the parameters of the path and of each operation (their schemas, below; no
  two with the same name and place), every `{name}` of the path template declared as an
  `in: path` parameter and every such parameter in the template; the schemas of the responses.
  Request bodies are not looked at, and operationIds are left to the model stage;
- the schemas of components/schemas.

A schema met at the top (a parameter's, a response's, a component) is checked against the
meta-schema of its dialect; then it and the schemas inside it (allOf, anyOf, oneOf, not, items,
properties; `$ref`s followed) are walked, each schema object once: `required` names of a
schema with allOf must be defined somewhere in it, and a `default` must fit its schema (a null
one fits a `nullable: true` schema). Which schema is met first decides what is said about it,
so the walk keeps the validator's order.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from typing import Any

from ..problems import pointer
from .document import resolve_at
from .semantic_checks import OAS31_DIALECT, SchemaChecks, known_dialect

__all__ = ["semantic_findings"]

_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_INSIDE = ("allOf", "anyOf", "oneOf")  # the lists of schemas the walk enters


def semantic_findings(document: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON pointer, message) for each rule `document` breaks; it has passed the structure
    checks (OpenAPI 3.1 schema, meta-schema, `$ref`s that resolve and do not loop)."""
    return list(_Walk(document).findings())


class _Walk:
    """One pass over a document, in the order openapi-spec-validator takes it."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        dialect = document.get("jsonSchemaDialect")
        self.dialect = dialect if isinstance(dialect, str) else OAS31_DIALECT
        self.checks = SchemaChecks(document)
        # Identities of the schema objects already checked against their meta-schema and
        # already walked: a schema reached twice is looked at once.
        self.meta_checked: set[int] = set()
        self.walked: set[int] = set()

    def resolve(self, node: Any, at: str) -> tuple[Any, str]:
        return resolve_at(self.document, node, at)

    def findings(self) -> Iterator[tuple[str, str]]:
        yield from self.tags()
        paths, at = self.resolve(self.document.get("paths"), "/paths")
        if isinstance(paths, dict):
            for url, item in paths.items():
                yield from self.path_item(str(url), item, at + pointer(url))
        components, at = self.resolve(self.document.get("components"), "/components")
        if isinstance(components, dict) and isinstance(components.get("schemas"), dict):
            for name, schema in components["schemas"].items():
                yield from self.schema(schema, f"{at}/schemas{pointer(name)}", top=True)

    def tags(self) -> Iterator[tuple[str, str]]:
        seen: set[str] = set()
        for index, tag in enumerate(self.document.get("tags") or []):
            name = tag.get("name") if isinstance(tag, dict) else None
            if not isinstance(name, str):
                continue
            if name in seen:
                yield f"/tags/{index}/name", f"Duplicate tag name '{name}'"
            seen.add(name)

    def path_item(self, url: str, item: Any, at: str) -> Iterator[tuple[str, str]]:
        item, at = self.resolve(item, at)
        if not isinstance(item, dict):
            return
        shared: list[tuple[Any, str, str]] | None = None  # the path's own parameters
        if "parameters" in item:
            shared = self.parameter_list(item["parameters"], f"{at}/parameters")
            yield from self.parameters(shared)
        read = False  # the template is read at the first operation, as the validator does
        template: set[str] | None = None
        for method, operation in item.items():
            if method not in _OPERATIONS or not isinstance(operation, dict):
                continue
            if not read:
                read, (template, error) = True, _template(url)
                if error:
                    yield at, error
            where = at + pointer(method)
            yield from self.operation(url, method, operation, where, shared, template)

    def operation(
        self,
        url: str,
        method: str,
        operation: dict[str, Any],
        at: str,
        shared: list[tuple[Any, str, str]] | None,
        template: set[str] | None,
    ) -> Iterator[tuple[str, str]]:
        responses, where = self.resolve(operation.get("responses"), f"{at}/responses")
        if isinstance(responses, dict):
            for code, response in responses.items():
                yield from self.response(response, where + pointer(code))
        declared: set[str] = set()
        if "parameters" in operation:
            own = self.parameter_list(operation["parameters"], f"{at}/parameters")
            yield from self.parameters(own)
            declared |= _path_names(own)
        if shared is not None:
            declared |= _path_names(shared)
        if template is None:
            return  # an unreadable template: said once for the path
        unresolved = sorted(template - declared) + sorted(declared - template)
        for name in unresolved:
            yield (
                at,
                f"Path parameter '{name}' for '{method}' operation in '{url}' was not resolved",
            )

    def parameter_list(self, parameters: Any, at: str) -> list[tuple[Any, str, str]]:
        """The parameters of a list, each resolved: (parameter, where it really is, where its
        entry in the list is)."""
        parameters, at = self.resolve(parameters, at)
        if not isinstance(parameters, list):
            return []
        entries = [f"{at}/{index}" for index in range(len(parameters))]
        return [
            (*self.resolve(p, entry), entry) for p, entry in zip(parameters, entries, strict=True)
        ]

    def parameters(self, parameters: list[tuple[Any, str, str]]) -> Iterator[tuple[str, str]]:
        seen: set[tuple[Any, Any]] = set()
        for parameter, at, entry in parameters:
            if not isinstance(parameter, dict):
                continue
            if "schema" in parameter:
                yield from self.schema(parameter["schema"], f"{at}/schema", top=True)
            key = (parameter.get("name"), parameter.get("in"))
            if key in seen:
                yield entry, f"Duplicate parameter '{key[0]}'"
            seen.add(key)

    def response(self, response: Any, at: str) -> Iterator[tuple[str, str]]:
        response, at = self.resolve(response, at)
        if not isinstance(response, dict):
            return
        content, at = self.resolve(response.get("content"), f"{at}/content")
        if not isinstance(content, dict):
            return
        for media, media_type in content.items():
            media_type, where = self.resolve(media_type, at + pointer(media))
            if isinstance(media_type, dict) and "schema" in media_type:
                yield from self.schema(media_type["schema"], f"{where}/schema", top=True)

    def schema(self, node: Any, at: str, top: bool = False) -> Iterator[tuple[str, str]]:
        """Check a schema and the schemas inside it; `top` for one met outside any schema,
        which is checked against its meta-schema and held to the `required` rule."""
        schema, at = self.resolve(node, at)
        if not isinstance(schema, (dict, bool)):
            yield at, f"{schema!r} is not of type 'object', 'boolean'"
            return
        if top and id(schema) not in self.meta_checked:
            self.meta_checked.add(id(schema))
            problem = self.meta_problem(schema, at)
            if problem is not None:
                yield problem
                return  # the validator looks no further into a schema it cannot read
        if id(schema) in self.walked:
            return
        self.walked.add(id(schema))
        if not isinstance(schema, dict):
            return
        nested: set[str] = set()  # the properties the allOf parts define
        for keyword in ("allOf", "anyOf", "oneOf"):
            for index, inner in enumerate(schema.get(keyword) or ()):
                yield from self.schema(inner, f"{at}/{keyword}/{index}")
                if keyword == "allOf":
                    nested |= self.properties_in(inner, f"{at}/allOf/{index}")
        for keyword in ("not", "items"):
            if keyword in schema:
                yield from self.schema(schema[keyword], f"{at}/{keyword}")
        for name, inner in (schema.get("properties") or {}).items():
            yield from self.schema(inner, f"{at}/properties{pointer(name)}")
        if top and "allOf" in schema:
            undefined = set(schema.get("required") or ()) - set(schema.get("properties") or ())
            undefined -= nested
            if undefined:
                message = f"Required list has not defined properties: {sorted(undefined)}"
                yield f"{at}/required", message
        if "default" in schema:
            value = schema["default"]
            if value is not None or schema.get("nullable", False) is not True:
                yield from self.checks.default_problems(at, value)

    def meta_problem(self, schema: Any, at: str) -> tuple[str, str] | None:
        dialect, where = self.dialect, at  # the document's, or the schema's own
        if isinstance(schema, dict) and "$schema" in schema:
            dialect, where = schema["$schema"], f"{at}/$schema"
            if not isinstance(dialect, str):
                return where, f"Unknown JSON Schema dialect: {dialect!r}"
        if not known_dialect(dialect):
            return where, f"Unknown JSON Schema dialect: {dialect!r}"
        found = self.checks.meta_problem(schema, dialect)
        if found is None:
            return None
        steps, message = found
        return at + pointer(*steps), message

    def properties_in(self, node: Any, at: str) -> set[str]:
        """Every property name a schema defines, in it or in the schemas inside it."""
        schema, at = self.resolve(node, at)
        if not isinstance(schema, dict):
            return set()
        names = set(schema.get("properties") or ())
        for keyword in _INSIDE:
            for index, inner in enumerate(schema.get(keyword) or ()):
                names |= self.properties_in(inner, f"{at}/{keyword}/{index}")
        for keyword in ("items", "not"):
            if keyword in schema:
                names |= self.properties_in(schema[keyword], f"{at}/{keyword}")
        return names


def _template(url: str) -> tuple[set[str] | None, str]:
    """The names in a path template, read as the validator reads them (with `str.format`'s
    parser: "{}" names none), or why it cannot be read (an unbalanced brace)."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(url) if field}, ""
    except ValueError as exc:
        return None, f"Path '{url}' is not a valid path template: {exc}"


def _path_names(parameters: list[tuple[Any, str, str]]) -> set[str]:
    """The names of the `in: path` parameters of a list."""
    return {
        str(parameter.get("name"))
        for parameter, _, _ in parameters
        if isinstance(parameter, dict) and parameter.get("in") == "path"
    }
