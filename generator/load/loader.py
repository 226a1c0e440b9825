"""Stage 1: read a spec file and check that it is something we can generate from.

Every problem is collected (YAML syntax, OpenAPI validity, our own conventions) and raised
together as one `SpecError`, each with the file, the JSON pointer and how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..problems import Problem, SpecError, escape_pointer_token, pointer
from .document import JSON, MISSING, iter_operations, lookup, ref_cycles, resolve_ref
from .extensions import extension_problems
from .overlay import AppliedOverlay, apply_overlays, overlay_beside
from .published import normalize_published
from .schema_check import meta_schema_failures, openapi_failures, plain_schema
from .semantic import semantic_findings
from .source import LoadOptions, provider_name, read_document
from .spec_yaml import LineMap, TextKey, refusals

__all__ = [
    "JSON",
    "LoadOptions",
    "Spec",
    "document_problems",
    "iter_operations",
    "load_spec",
    "read_spec",
    "resolve_ref",
    "schema_objects",
]


@dataclass(frozen=True)
class Spec:
    """A loaded spec: its provider name, where it came from and its content."""

    name: str
    path: Path
    document: dict[str, Any]  # OpenAPI 3.1: a 3.0 document upgraded, a published one repaired
    source: bytes
    openapi_version: str = ""  # as the file declares it
    warnings: tuple[Problem, ...] = ()  # the repairs of a published document
    curated: bool = True  # refused on any defect (see `is_curated`)
    overlays: tuple[AppliedOverlay, ...] = ()  # applied to `document`, in order

    @property
    def display_path(self) -> str:
        """How generated files name their spec: never an absolute path, which would differ
        from one machine to the next."""
        return f"specs/{self.path.name}" if self.path.parent.name == "specs" else self.path.name


def load_spec(path: Path, options: LoadOptions | None = None) -> Spec:
    """Read and check one spec. A curated spec is refused on any problem; a published one only
    when nothing can be generated from it, its defects becoming `Spec.warnings`. `SpecError`
    lists every problem found."""
    options = options or LoadOptions()
    name = provider_name(path, options.name)
    document, source, text_keys = read_spec(path)
    return spec_of(path, name, document, source, options, text_keys)


def spec_of(
    path: Path,
    name: str,
    document: dict[str, Any],
    source: bytes,
    options: LoadOptions,
    text_keys: Sequence[TextKey] = (),
) -> Spec:
    """The `Spec` of a document read from `path` (see `load_spec`); `text_keys` are the keys
    YAML read as numbers, booleans, null or dates, kept as text (see `read_spec`)."""
    version = str(document.get("openapi", ""))
    shown = str(path)
    overlays = overlays_of(path, options)
    if is_curated(path, document, options):
        refused = refusals(shown, list(text_keys))
        if refused:  # our own specs quote their keys: refused, as any YAML problem is
            raise SpecError(refused)
        document, overlaid, applied = apply_overlays(document, overlays)
        problems = overlaid + document_problems(shown, document, source)
        if problems:
            raise SpecError(problems)
        return Spec(name, path, document, source, version, overlays=tuple(applied))
    _names_as_text(document, text_keys)
    normal, warnings, applied = normalize_published(shown, document, overlays)
    errors = list(extension_problems(shown, normal))
    if errors:
        raise SpecError(with_lines(errors, source))
    warnings = [key.warning(shown) for key in text_keys] + with_lines(warnings, source)
    return Spec(name, path, normal, source, version, tuple(warnings), False, tuple(applied))


def _names_as_text(document: dict[str, Any], text_keys: Sequence[TextKey]) -> None:
    """Put back the text of each name of a `required` list YAML 1.1 read as a boolean."""
    for name in text_keys:
        names = lookup(document, "#" + name.mapping)
        if name.index is not None and isinstance(names, list) and name.index < len(names):
            names[name.index] = name.text


def overlays_of(path: Path, options: LoadOptions) -> list[tuple[Path, bool]]:
    """The overlays of a spec, in the order they apply: the one beside it (`<stem>.overlay.yaml`),
    then those given; each with whether it was found beside the spec."""
    beside = overlay_beside(path)
    given = [(overlay, False) for overlay in options.overlays if overlay != beside]
    return [(beside, True), *given] if beside is not None else given


def is_curated(path: Path, document: dict[str, Any], options: LoadOptions) -> bool:
    """Whether a spec is held to the curation rules: when the options say so, else when it is
    in a project's `specs/` folder or records its sources (`info.x-sources`), as our specs do.
    Any other document is published: taken as its authors wrote it."""
    if options.curated is not None:
        return options.curated
    info = document.get("info")
    return path.parent.name == "specs" or (isinstance(info, dict) and "x-sources" in info)


def with_lines(problems: list[Problem], source: bytes) -> list[Problem]:
    """The problems, each with the line of its pointer in the file (read only if needed)."""
    if not problems or all(p.line for p in problems):
        return problems
    lines = LineMap(source)
    return [p if p.line else replace(p, line=lines.line(p.pointer)) for p in problems]


def read_spec(path: Path) -> tuple[dict[str, Any], bytes, list[TextKey]]:
    """The parsed document of a spec file, its bytes, and the keys YAML read as numbers,
    booleans, null or dates (`200:`, `on:`), kept in the document as the text written: a
    curated spec is refused on them, a published one warned (`spec_of` decides). `SpecError`
    when the file cannot be read, is not JSON or YAML within the limits of `spec_yaml`, or is
    not a mapping (nothing else is checked here)."""
    shown = str(path)
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise SpecError(
            [Problem(shown, "", f"cannot read the file: {exc.strerror}", "check the path", "file")]
        ) from exc
    document, text_keys = read_document(source, shown, path)
    if not isinstance(document, dict):
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    "the document is not a mapping",
                    "a spec is an OpenAPI 3 document: a JSON or YAML mapping with "
                    "'openapi', 'info' and 'paths'",
                    rule="openapi",
                )
            ]
        )
    return document, source, text_keys


def document_problems(
    shown: str, document: dict[str, Any], source: bytes | None = None
) -> list[Problem]:
    """Every problem that stops generation, in stages: OpenAPI structure, `$ref`s and schema
    validity first (all reported together); then, on a sound structure, our conventions and
    extensions, then the OpenAPI rules beyond structure. `source` (the file's bytes) gives
    the problems found before the structure is known their lines."""
    problems = list(_openapi_problems(shown, document, source))
    if not problems:
        problems = list(_convention_problems(shown, document))
    if not problems:
        problems = list(_semantic_problems(shown, document))
    return problems


def _openapi_problems(
    shown: str, document: dict[str, Any], source: bytes | None
) -> Iterator[Problem]:
    """OpenAPI 3.1 validity, each problem with the JSON pointer of where it is.

    The document is checked against the OpenAPI 3.1 schema and every Schema Object against the
    JSON Schema 2020-12 meta-schema directly, so that pointers are absolute.
    """
    version = str(document.get("openapi", ""))
    if not version.startswith("3.1"):
        yield Problem(
            shown,
            "/openapi",
            f"OpenAPI version {version or '(missing)'!r} is not 3.1",
            "curated specs are OpenAPI 3.1: set `openapi: 3.1.0`",
            rule="openapi",
        )
        return
    yield from _dangling_refs(shown, document, document, "")
    cycles = ref_cycles(document)
    if cycles:
        lines = LineMap(source) if source is not None else None
        for site, loop in cycles:
            yield Problem(
                shown,
                site,
                f"$ref cycle: {' -> '.join(loop)}",
                "a spec is read as a tree: describe the repeated part without referring back "
                "to itself (for a recursive value, an object with additionalProperties: true)",
                rule="ref-cycle",
                line=lines.line(site) if lines else None,
            )
    if cycles:
        return  # the checks below follow references
    if not openapi_failures(document) and not any(
        meta_schema_failures(schema) for _, schema in schema_objects(document)
    ):
        return  # jsonschema-rs found nothing: the slow validator below would find nothing
    # jsonschema phrases the problems, as curated specs have always been told them; it takes
    # seconds on a gateway spec, so it runs only when there is something to say.
    from jsonschema import Draft202012Validator

    fix = "correct this value as the OpenAPI 3.1 specification requires"
    for error in Draft202012Validator(plain_schema("openapi")).iter_errors(document):
        yield Problem(
            shown,
            pointer(*error.absolute_path),
            f"not valid OpenAPI 3.1: {_short(error.message)}",
            fix,
            rule="openapi",
        )
    meta = Draft202012Validator(plain_schema("meta"))
    for where, schema in schema_objects(document):
        for error in meta.iter_errors(schema):
            yield Problem(
                shown,
                where + pointer(*error.absolute_path),
                f"not a valid JSON Schema: {_short(error.message)}",
                "write this schema as JSON Schema 2020-12 allows",
                rule="json-schema",
            )


def _semantic_problems(shown: str, document: dict[str, Any]) -> Iterator[Problem]:
    """The OpenAPI rules beyond structure (path parameters declared, and the like), as
    openapi-spec-validator applies them (see `semantic`)."""
    for where, message in semantic_findings(document):
        yield Problem(
            shown,
            where,
            f"not valid OpenAPI 3.1: {_short(message)}",
            "correct this as the OpenAPI 3.1 specification requires",
            rule="openapi",
        )


def _short(message: str) -> str:
    return message if len(message) < 300 else message[:297] + "..."


def _dangling_refs(
    shown: str, document: dict[str, Any], node: Any, where: str
) -> Iterator[Problem]:
    if isinstance(node, dict):
        for key, value in node.items():
            at = where + pointer(key)
            if key == "$ref" and isinstance(value, str):
                if not value.startswith("#"):
                    yield Problem(
                        shown,
                        at,
                        f"$ref {value!r} points outside this file",
                        "keep every schema in the spec file; refer to it as "
                        "'#/components/schemas/<Name>'",
                        rule="ref",
                    )
                elif lookup(document, value) is MISSING:
                    yield Problem(
                        shown,
                        at,
                        f"$ref {value!r} points at nothing",
                        "define the schema it names under components/schemas, or "
                        "correct the reference",
                        rule="ref",
                    )
            else:
                yield from _dangling_refs(shown, document, value, at)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _dangling_refs(shown, document, item, f"{where}/{index}")


def schema_objects(document: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(pointer, schema) for every Schema Object where an OpenAPI document may hold one."""
    # Called on documents of any shape (their structure problems are being listed): a part of
    # the wrong type holds no schema.
    components = _mapping(document.get("components"))
    for name, schema in _mapping(components.get("schemas")).items():
        yield pointer("components", "schemas", name), schema
    holders: list[tuple[str, Any]] = []  # objects that may carry `schema` or `content`
    for kind in ("parameters", "requestBodies", "responses"):
        holders += [
            (pointer("components", kind, k), v) for k, v in _mapping(components.get(kind)).items()
        ]
    for path, method, operation in iter_operations(document):
        if not isinstance(operation, dict):
            continue
        at = pointer("paths", path, method)
        holders += [
            (f"{at}/parameters/{i}", p) for i, p in enumerate(_list(operation.get("parameters")))
        ]
        holders.append((f"{at}/requestBody", operation.get("requestBody")))
        holders += [
            (f"{at}/responses/{escape_pointer_token(str(code))}", r)
            for code, r in _mapping(operation.get("responses")).items()
        ]
    for where, holder in holders:
        if not isinstance(holder, dict):
            continue
        if "schema" in holder:
            yield f"{where}/schema", holder["schema"]
        for media, content in _mapping(holder.get("content")).items():
            if isinstance(content, dict) and "schema" in content:
                yield f"{where}/content/{escape_pointer_token(media)}/schema", content["schema"]


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _convention_problems(shown: str, document: dict[str, Any]) -> Iterator[Problem]:
    """Our extensions, checked against the document. Operations the model stage cannot build
    (no operationId, a body or response it cannot handle) are not refused here: that stage
    names them itself and leaves out, with a warning, only what it cannot build."""
    yield from extension_problems(shown, document)
