"""Stage 3: the pydantic v2 models of a provider, written by datamodel-code-generator."""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterable
from typing import Any

from datamodel_code_generator import generate

from ..model.ir import Provider
from ..model.model_shapes import model_schemas
from ..problems import Problem, SpecError
from .escape import clean
from .model_arguments import generate_arguments, generate_input
from .user_text import for_users


def render_models(provider: Provider, header: str) -> str:
    """The source of `models.py`: one class per named schema, in a stable order."""
    schemas = model_schemas(provider)  # costly on a big API: computed once
    if not schemas:  # datamodel-code-generator refuses an empty input
        return f'{header}\n\n"""No schema of this API needs a model."""\n'
    document = models_document(provider, schemas)
    try:
        with warnings.catch_warnings():
            # "format of 'double' not understood for 'integer'": a number may be written 7, so
            # numbers are integer-or-number here, and the emitter says so about their format.
            warnings.simplefilter("ignore", UserWarning)
            source = _generate(document, header)
    except Exception as exc:  # the library raises several unrelated types
        raise SpecError(
            [
                Problem(
                    provider.spec_file,
                    "/components/schemas",
                    f"datamodel-code-generator could not write the models: {exc}",
                    "simplify the schema it names, or report the spec",
                )
            ]
        ) from exc
    if not isinstance(source, str):
        raise SpecError(
            [
                Problem(
                    provider.spec_file,
                    "/components/schemas",
                    "datamodel-code-generator returned no single module",
                    "report this spec: it should not happen",
                )
            ]
        )
    # Parsed once and walked once: a big API's models are tens of thousands of nodes.
    tree = ast.parse(source)
    _check_names(provider, schemas.keys(), tree)
    return _typed(source, tree)


def models_document(provider: Provider, schemas: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document datamodel-code-generator is given: the model schemas alone (no
    paths), without our annotations. The corpus benchmark times the library on it alone."""
    return {
        "openapi": "3.1.0",
        "info": {"title": provider.title, "version": provider.spec_version},
        "paths": {},
        "components": {"schemas": _strip_extensions(schemas)},
    }


def _generate(document: dict[str, Any], header: str) -> object:
    return generate(generate_input(document), **generate_arguments(header))


#: pydantic's constrained-type functions -> the type they constrain.
_CONSTRAINED = {"conint": "int", "confloat": "float", "constr": "str", "conbytes": "bytes"}

#: Generics the emitter may write bare -> the same with their item types.
_BARE_GENERICS = {"list": "list[Any]", "dict": "dict[str, Any]"}


def _typed(source: str, tree: ast.Module) -> str:
    """The emitter's output made valid types for `mypy --strict`, from one walk of its tree:

    - `conint(ge=0) | confloat(ge=0.0)` -> `int | float`: the emitter writes a constrained
      union member as a call, which is no type to a type checker. The member loses its bounds
      (the server still checks them); every other field keeps `Field(ge=...)`.
    - `list` and `dict` with their item types: the emitter writes them bare where a schema
      reaches itself through an unnamed part (`RootModel[list]`).
    """
    calls: list[tuple[int, int, int, str]] = []  # (line, start, end, replacement)
    names: list[ast.Name] = []
    # `list[X]` is complete already; `Field(default_factory=list)` is a value, not a type.
    not_bare: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id in _BARE_GENERICS and isinstance(node.ctx, ast.Load):
                names.append(node)
        elif isinstance(node, (ast.Subscript, ast.keyword)):
            not_bare.add(id(node.value))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _CONSTRAINED
            and node.lineno == node.end_lineno
        ):
            end = node.end_col_offset or node.col_offset
            calls.append((node.lineno, node.col_offset, end, _CONSTRAINED[node.func.id]))
    generics = [
        (
            node.lineno,
            node.col_offset,
            node.end_col_offset or node.col_offset,
            _BARE_GENERICS[node.id],
        )
        for node in names
        if id(node) not in not_bare
        # A name inside a replaced call goes with the call.
        and not any(
            line == node.lineno and start <= node.col_offset < end for line, start, end, _ in calls
        )
    ]
    if not calls and not generics:
        return source
    lines = source.splitlines(keepends=True)
    # From the right, so that an edit leaves the columns of the ones still to make alone.
    for line_number, start, end, replacement in sorted(calls + generics, reverse=True):
        # ast counts columns in UTF-8 bytes: a non-ASCII literal left of an edit (a `Literal`
        # of a Chinese enum value) would shift character columns.
        line = lines[line_number - 1].encode()
        lines[line_number - 1] = (line[:start] + replacement.encode() + line[end:]).decode()
    typed = "".join(lines)
    if generics and not re.search(r"^from typing import .*\bAny\b", typed, re.MULTILINE):
        typed = typed.replace(
            "from __future__ import annotations\n",
            "from __future__ import annotations\n\nfrom typing import Any\n",
            1,
        )
    return typed


def _check_names(provider: Provider, names: Iterable[str], tree: ast.Module) -> None:
    """Every schema became a class of exactly the name the intermediate model chose."""
    defined = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    missing = [name for name in names if name not in defined]
    if missing:
        raise SpecError(
            [
                Problem(
                    provider.spec_file,
                    "/components/schemas/" + name,
                    f"datamodel-code-generator named this schema otherwise (no class {name})",
                    "rename the schema: it probably clashes with a Python or pydantic name",
                )
                for name in missing
            ]
        )


_SCHEMA_MAPS = ("properties", "$defs", "patternProperties", "dependentSchemas")
_VALUES = ("enum", "const", "default", "required")
_PROSE = ("description", "title")


def _strip_extensions(schemas: dict[str, Any]) -> dict[str, Any]:
    """Schemas without our `x-` annotations and examples: they do not shape the models."""
    return {name: _strip(schema) for name, schema in schemas.items()}


def _mixed_union(node: dict[str, Any]) -> bool:
    """A oneOf/anyOf whose branches declare different types (`"auto"` or an integer)."""
    branches = [b for k in ("oneOf", "anyOf") for b in node.get(k) or [] if isinstance(b, dict)]
    return len({_kind(b) for b in branches}) > 1


def _kind(branch: dict[str, Any]) -> str:
    """What a union branch holds, as far as a default's type goes; an enum without a type
    (an opened enum's values) counts as its values' type."""
    if "type" in branch:
        return str(branch["type"])
    values = branch.get("enum", [branch["const"]] if "const" in branch else None)
    if isinstance(values, list) and values:
        return {str: "string", bool: "boolean", int: "integer", float: "number"}.get(
            type(values[0]), "any"
        )
    if "oneOf" in branch or "anyOf" in branch:
        return "union"
    return str(branch.get("$ref", "any"))


def _strip(node: Any) -> Any:
    if isinstance(node, list):
        return [_strip(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key.startswith("x-") or key in ("examples", "example"):
            continue
        if key == "default" and _mixed_union(node):
            continue  # the emitter gives the default to one branch's class, mistyped
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: _strip(sub) for name, sub in value.items()}
        elif key in _VALUES:
            out[key] = value
        elif key in _PROSE and isinstance(value, str):
            # A docstring or a Field(title=...): the provider's words, without our notes.
            out[key] = for_users(clean(value))
        else:
            out[key] = _strip(value)
    return out
