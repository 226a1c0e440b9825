"""Component schemas made ready for code generation, and the Python type of a schema.

`SchemaSet` gives every object with properties a name of its own (lifting inline objects into
components) and normalises what the model emitter would otherwise get wrong: an object that does
not say `additionalProperties: false` accepts unknown fields (so its model keeps them), and a
`number` may be an integer (so 7 stays 7).
"""

from __future__ import annotations

import copy
from typing import Any

from ..emit.escape import python_literal
from ..problems import Problem, SpecError, escape_pointer_token
from .naming import pascal_case

REF_PREFIX = "#/components/schemas/"


def ref_name(ref: str) -> str | None:
    """The component name a local `$ref` points at, if it points at a component schema."""
    if ref.startswith(REF_PREFIX):
        return ref[len(REF_PREFIX) :].replace("~1", "/").replace("~0", "~")
    return None


def is_object(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    return (
        kind == "object"
        or (isinstance(kind, list) and "object" in kind)
        or ("properties" in schema)
    )


class SchemaSet:
    """The component schemas of one spec, with inline objects lifted out and named."""

    def __init__(self, spec_file: str, document: dict[str, Any]) -> None:
        self.spec_file = spec_file
        source = (document.get("components") or {}).get("schemas") or {}
        self.problems: list[Problem] = []
        renames = {name: pascal_case(name) for name in source}
        clashes = _clashes(renames)
        for name, others in clashes.items():
            self.problems.append(
                Problem(
                    spec_file,
                    f"/components/schemas/{escape_pointer_token(sorted(others)[0])}",
                    f"schemas {', '.join(sorted(others))} would all become the Python class {name}",
                    "rename one of them so their PascalCase forms differ",
                    rule="names",
                )
            )
        if self.problems:
            raise SpecError(self.problems)  # each clash once, not again as a repeated name
        self._renames = renames
        self.schemas: dict[str, dict[str, Any]] = {}
        self.origin: dict[str, str] = {}
        #: Names chosen otherwise than asked for: warnings, not errors.
        self.notices: list[Problem] = []
        for name, schema in source.items():
            self._add(
                renames[name],
                self._rewrite(copy.deepcopy(schema)),
                f"/components/schemas/{escape_pointer_token(name)}",
            )
        for name in list(self.schemas):
            self._lift(name, self.schemas[name], self.origin[name])
        if self.problems:
            raise SpecError(self.problems)

    def adopt(self, schema: dict[str, Any], name: str, where: str) -> dict[str, Any]:
        """A `$ref` for a schema met outside components (an inline request or response body)."""
        schema = self._rewrite(copy.deepcopy(schema))
        if "$ref" in schema:
            return schema
        if not is_object(schema):
            return schema
        self._add(name, schema, where)
        self._lift(name, schema, where)
        if self.problems:
            raise SpecError(self.problems)
        return {"$ref": REF_PREFIX + name}

    def name_root(self, schema: dict[str, Any], name: str, where: str) -> str:
        """Give `schema` (as `adopt` returned it) a component of its own, to be read through a
        `RootModel`: under `name`, or the first free `<name>Body`, `<name>Body2`... with a
        warning."""
        chosen, count = name, 1
        while chosen in self.schemas:
            chosen = f"{name}Body{count if count > 1 else ''}"
            count += 1
        if chosen != name:
            self.notices.append(
                Problem(
                    self.spec_file,
                    where,
                    f"this body's model would be named {name}, as is the schema at "
                    f"{self.origin[name]}",
                    f"named it {chosen}; name the schema in components/schemas to choose",
                    rule="names",
                )
            )
        self._add(chosen, schema, where)
        self._lift(chosen, schema, where)
        if self.problems:
            raise SpecError(self.problems)
        return chosen

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Follow `$ref`s to the schema they name."""
        seen = 0
        while "$ref" in schema and seen < 50:
            name = ref_name(schema["$ref"])
            if name is None or name not in self.schemas:
                return {}
            schema = self.schemas[name]
            seen += 1
        return schema

    def _add(self, name: str, schema: dict[str, Any], where: str) -> None:
        if name in self.schemas:
            self.problems.append(
                Problem(
                    self.spec_file,
                    where,
                    f"this schema would be named {name}, as is the schema at {self.origin[name]}",
                    f"name it in components/schemas yourself, under a name other than {name}",
                    rule="names",
                )
            )
            return
        self.schemas[name] = schema
        self.origin[name] = where

    def _rewrite(self, node: Any) -> Any:
        """Point `$ref`s at the renamed components."""
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str) and ref_name(value) in self._renames:
                    node[key] = REF_PREFIX + self._renames[ref_name(value) or ""]
                else:
                    self._rewrite(value)
        elif isinstance(node, list):
            for item in node:
                self._rewrite(item)
        return node

    def _lift(self, prefix: str, schema: dict[str, Any], where: str) -> None:
        """Name the inline objects inside `schema` (after `prefix`) and normalise it in place."""
        if is_object(schema) and "additionalProperties" not in schema:
            schema["additionalProperties"] = True
        kinds = schema.get("type")
        if kinds == "number" or (
            isinstance(kinds, list) and "number" in kinds and "integer" not in kinds
        ):
            # A JSON number may be written 7 or 7.5; as `float` alone, 7 would come back as 7.0.
            others = kinds if isinstance(kinds, list) else [kinds]
            schema["type"] = ["integer", *others]
        for prop, sub in list((schema.get("properties") or {}).items()):
            schema["properties"][prop] = self._child(sub, prefix + pascal_case(prop), where)
        if isinstance(schema.get("items"), dict):
            schema["items"] = self._child(schema["items"], prefix + "Item", where)
        for keyword in ("oneOf", "anyOf", "allOf"):
            for index, sub in enumerate(schema.get(keyword) or []):
                schema[keyword][index] = self._child(sub, f"{prefix}Option{index + 1}", where)
        if isinstance(schema.get("additionalProperties"), dict):
            schema["additionalProperties"] = self._child(
                schema["additionalProperties"], prefix + "Value", where
            )

    def _child(self, sub: Any, name: str, where: str) -> Any:
        if not isinstance(sub, dict) or "$ref" in sub:
            return sub
        if sub.get("properties"):
            self._add(name, sub, where + " (inline)")
            self._lift(name, sub, where)
            return {"$ref": REF_PREFIX + name}
        # Arrays, unions and open maps stay inline; what is inside them is named.
        self._lift(name, sub, where)
        return sub


def _clashes(renames: dict[str, str]) -> dict[str, set[str]]:
    by_target: dict[str, set[str]] = {}
    for original, target in renames.items():
        by_target.setdefault(target, set()).add(original)
    return {target: names for target, names in by_target.items() if len(names) > 1}


def python_type(schema: dict[str, Any], schemas: SchemaSet) -> str:
    """The annotation of a keyword argument that takes values of `schema`.

    Objects with a model accept the model or a plain mapping; enums and consts become `Literal`s.
    """
    members = _type_members(schema, schemas, depth=0)
    unique = list(dict.fromkeys(members))
    if "float" in unique and "int" in unique:  # `float` accepts ints already (PEP 484)
        unique.remove("int")
    # Models first, then plain forms (a mapping for any model), `None` last, as readers expect.
    unique.sort(key=lambda m: (m == "None", m == "Mapping[str, Any]"))
    return " | ".join(unique) or "Any"


def _type_members(schema: dict[str, Any], schemas: SchemaSet, depth: int) -> list[str]:
    if depth > 20:
        return ["Any"]
    if "$ref" in schema:
        name = ref_name(schema["$ref"]) or ""
        target = schemas.resolve(schema)
        if is_object(target) and not target.get("oneOf") and not target.get("anyOf"):
            return [f"models.{name}", "Mapping[str, Any]"]
        return _type_members(target, schemas, depth + 1)
    if "const" in schema:
        return [f"Literal[{python_literal(schema['const'])}]"]
    if "enum" in schema:
        values = [v for v in schema["enum"] if v is not None]
        members = [f"Literal[{', '.join(python_literal(v) for v in values)}]"] if values else []
        return members + (["None"] if None in schema["enum"] else [])
    for keyword in ("oneOf", "anyOf"):
        if schema.get(keyword):
            return [m for sub in schema[keyword] for m in _type_members(sub, schemas, depth + 1)]
    kinds = schema.get("type")
    if kinds is None:
        return ["Any"]
    out: list[str] = []
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if kind == "array":
            item = python_type(schema.get("items") or {}, schemas)
            out.append(f"Sequence[{item}]")
        elif kind == "object":
            out.append("Mapping[str, Any]")
        else:
            out.append(
                {
                    "string": "str",
                    "integer": "int",
                    "number": "float",
                    "boolean": "bool",
                    "null": "None",
                }.get(kind, "Any")
            )
    return out
