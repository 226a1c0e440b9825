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
from .compositions import allow_null, drop_annotation_parts, merge_objects
from .discriminators import spell_out
from .naming import pascal_case
from .refs import REF_PREFIX, ref_name

__all__ = ["REF_PREFIX", "SchemaSet", "class_name", "is_object", "python_type", "ref_name"]


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
        #: Names chosen otherwise than asked for: warnings, not errors.
        self.notices: list[Problem] = []
        renames = self._class_names(source)
        self._renames = renames
        self.schemas: dict[str, dict[str, Any]] = {}
        self.origin: dict[str, str] = {}
        #: Components whose lifting has begun (an allOf lifts the parts it merges first).
        self._lifted: set[str] = set()
        for name, schema in source.items():
            self._add(
                renames[name],
                self._rewrite(copy.deepcopy(schema)),
                f"/components/schemas/{escape_pointer_token(name)}",
            )
        for name in list(self.schemas):
            self._lift_component(name)
        if self.problems:
            raise SpecError(self.problems)

    def adopt(self, schema: dict[str, Any], name: str, where: str) -> dict[str, Any]:
        """A `$ref` for a schema met outside components (an inline request or response body)."""
        schema = self._rewrite(copy.deepcopy(schema))
        if "$ref" in schema:
            return schema
        if not is_object(schema):
            return schema
        name = self._add(name, schema, where)
        self._lifted.add(name)
        self._lift(name, schema, where)
        if self.problems:
            raise SpecError(self.problems)
        return {"$ref": REF_PREFIX + name}

    def name_root(self, schema: dict[str, Any], name: str, where: str) -> str:
        """Give `schema` (as `adopt` returned it) a component of its own, to be read through a
        `RootModel`: under `name`, or the first free `<name>Body`, `<name>Body2`... with a
        warning."""
        name = class_name(name)
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
        self._lifted.add(chosen)
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

    def _class_names(self, source: dict[str, Any]) -> dict[str, str]:
        """Component name -> class name, in document order: PascalCase, made safe for the model
        emitter (which renames a class named like something it imports, or starting with `_`),
        the first of several that would share a name keeping it and the others numbered."""
        renames: dict[str, str] = {}
        taken: set[str] = set()
        for name in source:
            where = f"/components/schemas/{escape_pointer_token(name)}"
            wanted = class_name(name)
            chosen = _free(wanted, taken)
            taken.add(chosen)
            renames[name] = chosen
            if chosen != wanted:
                first = next(other for other, given in renames.items() if given == wanted)
                self.notices.append(
                    Problem(
                        self.spec_file,
                        where,
                        f"schemas {first!r} and {name!r} would both be the Python class {wanted}",
                        f"{name!r} is the class {chosen}; rename a schema to choose",
                        rule="names",
                    )
                )
            elif wanted != pascal_case(name):
                self.notices.append(
                    Problem(
                        self.spec_file,
                        where,
                        f"{pascal_case(name)} cannot name a model class (it is taken by "
                        "the models' imports, or is not a plain name)",
                        f"the schema {name!r} is the class {chosen}",
                        rule="names",
                    )
                )
        return renames

    def _add(self, name: str, schema: dict[str, Any], where: str) -> str:
        """Register `schema` under `name`, or, when that is taken, the first free `name2`,
        `name3`... with a warning; the name it got (made a class name first: an operation
        called `false` gives `FalseParameters`, not `False_Parameters`)."""
        name = class_name(name)
        chosen = _free(name, set(self.schemas))
        if chosen != name:
            self.notices.append(
                Problem(
                    self.spec_file,
                    where,
                    f"this schema would be the class {name}, as is the schema at "
                    f"{self.origin[name]}",
                    f"it is the class {chosen}; name it in components/schemas to choose",
                    rule="names",
                )
            )
        self.schemas[chosen] = schema
        self.origin[chosen] = where
        return chosen

    def _lift_component(self, name: str) -> None:
        """Lift a component once: in document order, or earlier when an allOf merges it."""
        if name in self._lifted:
            return
        self._lifted.add(name)
        self._lift(name, self.schemas[name], self.origin[name])

    def _lifted_target(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The component a `$ref` names, lifted (so that its inline objects are named once,
        not again in every schema that merges it)."""
        name = ref_name(schema["$ref"]) if isinstance(schema.get("$ref"), str) else None
        if name is None or name not in self.schemas:
            return {}
        self._lift_component(name)
        return self.schemas[name]

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
        drop_annotation_parts(schema)
        self._collapse_wrapper(schema)
        merge_objects(schema, self._lifted_target)
        allow_null(schema)
        if "type" not in schema and self._composes_object(schema, 0):
            # An allOf of objects is an object: a class of its own, wherever it is used.
            schema["type"] = "object"
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
        for keyword in ("oneOf", "anyOf"):
            for index, sub in enumerate(schema.get(keyword) or []):
                schema[keyword][index] = self._child(sub, f"{prefix}Option{index + 1}", where)
        for index, sub in enumerate(schema.get("allOf") or []):
            # A part of an allOf stays where it is: the emitter writes its fields into the
            # composed class. Named, it would be a second base class, whose fields conflict
            # with the first's wherever the part narrows them (`id` made required).
            if isinstance(sub, dict) and "$ref" not in sub:
                self._lift(f"{prefix}Option{index + 1}", sub, where)
        spell_out(schema, self.resolve, {given: name for name, given in self._renames.items()})
        if isinstance(schema.get("additionalProperties"), dict):
            schema["additionalProperties"] = self._child(
                schema["additionalProperties"], prefix + "Value", where
            )

    def _composes_object(self, schema: dict[str, Any], depth: int) -> bool:
        """Whether `schema` is an allOf with an object among its parts (followed through
        references and nested allOfs) and no part of another type."""
        parts = schema.get("allOf")
        if depth > 20 or not isinstance(parts, list) or not parts:
            return False
        found = False
        for part in parts:
            target = self.resolve(part) if isinstance(part, dict) else {}
            if is_object(target) or self._composes_object(target, depth + 1):
                found = True
            elif "type" in target:
                return False
        return found

    def _collapse_wrapper(self, schema: dict[str, Any]) -> None:
        """`allOf: [{$ref: AnEnum}]` beside a title or default (the 3.0 way of annotating a
        reference) is the reference itself: left as a composition, the emitter makes a class
        of it whose default it cannot type. Objects keep their composition (and their class)."""
        branches = schema.get("allOf")
        if not (
            isinstance(branches, list) and len(branches) == 1 and isinstance(branches[0], dict)
        ):
            return
        (branch,) = branches
        if set(branch) != {"$ref"} or set(schema) & _STRUCTURE:
            return
        target = self.resolve(branch)
        if not target or is_object(target):
            return
        del schema["allOf"]
        schema["$ref"] = branch["$ref"]

    def _child(self, sub: Any, name: str, where: str) -> Any:
        if isinstance(sub, dict) and "$ref" in sub:
            allow_null(sub)  # `{$ref: X, nullable: true}`: X or null
        if not isinstance(sub, dict) or "$ref" in sub:
            return sub
        if sub.get("properties"):
            name = self._add(name, sub, where + " (inline)")
            self._lifted.add(name)
            self._lift(name, sub, where)
            return {"$ref": REF_PREFIX + name}
        # Arrays, unions and open maps stay inline; what is inside them is named.
        self._lift(name, sub, where)
        return sub


#: Keywords that give a schema a shape of its own (beside them, `allOf` is not a wrapper).
_STRUCTURE = frozenset(
    {
        "type",
        "properties",
        "items",
        "oneOf",
        "anyOf",
        "enum",
        "const",
        "additionalProperties",
        "$ref",
    }
)

#: Names the model emitter imports into `models.py`: a class of that name would shadow the
#: import, so the emitter would rename it (`UUID` -> `UUIDModel`). We choose first, the same way.
RESERVED_CLASS_NAMES = frozenset(
    {
        "Annotated",
        "Any",
        "AnyUrl",
        "AwareDatetime",
        "Base64Bytes",
        "Base64Str",
        "BaseModel",
        "ConfigDict",
        "Decimal",
        "EmailStr",
        "Enum",
        "Field",
        "IPv4Address",
        "IPv6Address",
        "Literal",
        "NaiveDatetime",
        "Optional",
        "RootModel",
        "UUID",
        "Union",
    }
)


def class_name(name: str) -> str:
    """The class a component schema becomes: `pet_list` -> `PetList`, `UUID` -> `UUIDModel`,
    `200_response` -> `Model200Response`, `None` -> `NoneModel`."""
    wanted = pascal_case(name)
    if wanted.startswith("_"):
        wanted = "Model" + wanted.lstrip("_")
    if wanted.endswith("_") or wanted in RESERVED_CLASS_NAMES:
        wanted = wanted.rstrip("_") + "Model"
    return wanted


def _free(name: str, taken: set[str]) -> str:
    chosen, count = name, 1
    while chosen in taken:
        count += 1
        chosen = f"{name}{count}"
    return chosen


def python_type(schema: dict[str, Any], schemas: SchemaSet) -> str:
    """The annotation of a keyword argument that takes values of `schema`.

    Objects with a model accept the model or a plain mapping; enums and consts become `Literal`s;
    a map takes `Mapping[str, X]`; a string of a format pydantic parses takes the string or the
    value it stands for (`str | uuid.UUID`), since both are sent as the same JSON text.
    Components written inline are followed once: a cycle through them is `Any`.
    """
    return _argument_union(_type_members(schema, schemas, frozenset()))


#: Formats whose Python values the runtime turns into their JSON strings.
_ARGUMENT_FORMATS = {
    "uuid": "uuid.UUID",
    "date-time": "datetime.datetime",
    "date": "datetime.date",
    "byte": "bytes",
}
_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def _argument_union(members: list[str]) -> str:
    unique = list(dict.fromkeys(members))
    if "Any" in unique:
        return "Any"
    if "float" in unique and "int" in unique:  # `float` accepts ints already (PEP 484)
        unique.remove("int")
    # Models first, then plain forms (a mapping for any model), `None` last, as readers expect.
    unique.sort(key=lambda m: (m == "None", m == "Mapping[str, Any]"))
    return " | ".join(unique) or "Any"


def _type_members(schema: Any, schemas: SchemaSet, inside: frozenset[str]) -> list[str]:
    if not isinstance(schema, dict):
        return ["Any"]
    if isinstance(schema.get("$ref"), str):
        name = ref_name(schema["$ref"])
        target = schemas.resolve(schema)
        if name is None or not target:
            return ["Any"]
        if is_object(target) and not target.get("oneOf") and not target.get("anyOf"):
            return [f"models.{name}", "Mapping[str, Any]"]
        if name in inside:
            return ["Any"]
        return _type_members(target, schemas, inside | {name})
    nullable = _allows_null(schema.get("type"))
    if "const" in schema:
        return [f"Literal[{python_literal(schema['const'])}]"]
    if isinstance(schema.get("enum"), list):
        values = [v for v in schema["enum"] if v is not None]
        members = [f"Literal[{', '.join(python_literal(v) for v in values)}]"] if values else []
        return members + (["None"] if None in schema["enum"] or nullable else [])
    for keyword in ("oneOf", "anyOf"):
        if isinstance(schema.get(keyword), list) and schema[keyword]:
            union = [m for sub in schema[keyword] for m in _type_members(sub, schemas, inside)]
            return union + (["None"] if nullable else [])
    branches = schema.get("allOf")
    if isinstance(branches, list) and len(branches) == 1:
        return _type_members(branches[0], schemas, inside)
    kinds = schema.get("type")
    if kinds is None:
        return ["Mapping[str, Any]"] if isinstance(branches, list) and branches else ["Any"]
    out: list[str] = []
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if kind == "array":
            item = _argument_union(_type_members(schema.get("items") or {}, schemas, inside))
            out.append(f"Sequence[{item}]")
        elif kind == "object":
            extra = schema.get("additionalProperties")
            value = "Any"
            if isinstance(extra, dict) and not schema.get("properties"):
                value = _argument_union(_type_members(extra, schemas, inside))
            out.append(f"Mapping[str, {value}]")
        elif kind == "null":
            out.append("None")
        elif kind == "string" and schema.get("format") in _ARGUMENT_FORMATS:
            out += ["str", _ARGUMENT_FORMATS[schema["format"]]]
        else:
            out.append(_PRIMITIVES.get(kind, "Any"))
    return out


def _allows_null(declared: Any) -> bool:
    return declared == "null" or (isinstance(declared, list) and "null" in declared)
