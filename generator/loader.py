"""Stage 1: read a spec file and check that it is something we can generate from.

Every problem is collected (YAML syntax, OpenAPI validity, our own conventions) and raised
together as one `SpecError`, each with the file, the JSON pointer and how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator

from .problems import Problem, SpecError, pointer

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
JSON = "application/json"


@dataclass(frozen=True)
class Spec:
    """A loaded spec: its provider name (the file stem), where it came from and its content."""

    name: str
    path: Path
    document: dict[str, Any]
    source: bytes

    @property
    def display_path(self) -> str:
        return f"specs/{self.path.name}" if self.path.parent.name == "specs" else str(self.path)


def load_spec(path: Path) -> Spec:
    """Read and validate one spec; raise `SpecError` listing every problem found."""
    shown = str(path)
    name = path.stem
    if not name.isidentifier() or name != name.lower():
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    f"the file name {path.name!r} cannot name a provider",
                    "name the file <provider>.yaml in lowercase letters, digits "
                    "and underscores, such as 'ezlink.yaml'",
                )
            ]
        )
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise SpecError(
            [Problem(shown, "", f"cannot read the file: {exc.strerror}", "check the path")]
        ) from exc
    try:
        document = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    f"not valid YAML{at}: {getattr(exc, 'problem', exc)}",
                    "fix the YAML syntax there",
                )
            ]
        ) from exc
    if not isinstance(document, dict):
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    "the document is not a mapping",
                    "a spec is an OpenAPI 3.1 document: a YAML mapping with "
                    "'openapi', 'info' and 'paths'",
                )
            ]
        )
    problems = list(_openapi_problems(shown, document))
    if not problems:
        problems = list(_convention_problems(shown, document))
    if problems:
        raise SpecError(problems)
    return Spec(name=name, path=path, document=document, source=source)


def _openapi_problems(shown: str, document: dict[str, Any]) -> Iterator[Problem]:
    version = str(document.get("openapi", ""))
    if not version.startswith("3.1"):
        yield Problem(
            shown,
            "/openapi",
            f"OpenAPI version {version or '(missing)'!r} is not 3.1",
            "curated specs are OpenAPI 3.1: set `openapi: 3.1.0`",
        )
        return
    seen = set()
    for error in OpenAPIV31SpecValidator(document).iter_errors():
        where = pointer(*error.absolute_path)
        message = error.message if len(error.message) < 300 else error.message[:297] + "..."
        if (where, message) in seen:
            continue
        seen.add((where, message))
        yield Problem(
            shown,
            where,
            f"not valid OpenAPI 3.1: {message}",
            "correct this value as the OpenAPI 3.1 specification requires",
        )


def iter_operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) for every operation, in document order."""
    for path, item in (document.get("paths") or {}).items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def _convention_problems(shown: str, document: dict[str, Any]) -> Iterator[Problem]:
    """What OpenAPI allows but the generator cannot work with."""
    ids: dict[str, str] = {}
    for path, method, operation in iter_operations(document):
        at = pointer("paths", path, method)
        op_id = operation.get("operationId")
        if not op_id:
            yield Problem(
                shown,
                at,
                "the operation has no operationId",
                "add a lowerCamelCase operationId, verb first, such as 'createTask'; "
                "it names the client method",
            )
        elif op_id in ids:
            yield Problem(
                shown,
                at + "/operationId",
                f"operationId {op_id!r} is used twice (also at {ids[op_id]})",
                "give each operation its own operationId",
            )
        else:
            ids[op_id] = at
        body = operation.get("requestBody")
        if body is not None:
            content = resolve_ref(document, body).get("content", {})
            if JSON not in content:
                yield Problem(
                    shown,
                    at + "/requestBody",
                    f"the request body is not {JSON}",
                    f"the generator sends JSON: describe the body under content/{JSON}",
                )
        if not any(str(code).startswith("2") for code in operation.get("responses", {})):
            yield Problem(
                shown,
                at + "/responses",
                "no 2xx response is documented",
                "document the success response with its JSON schema",
            )
    envelope = document.get("x-envelope")
    if envelope is not None:
        if (
            not isinstance(envelope, dict)
            or not isinstance(envelope.get("code"), str)
            or not isinstance(envelope.get("success"), list)
        ):
            yield Problem(
                shown,
                "/x-envelope",
                "x-envelope needs `code` (a JSON pointer) and `success` (a list of values)",
                "write it as {code: /code, success: [0], message: /message}",
            )
        else:
            for key in ("code", "message", "request_id"):
                value = envelope.get(key)
                if value is not None and not str(value).startswith("/"):
                    yield Problem(
                        shown,
                        f"/x-envelope/{key}",
                        f"{value!r} is not a JSON pointer",
                        "write a pointer into the body, such as '/code'",
                    )


def resolve_ref(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` (the validator has already checked that it resolves)."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for token in node["$ref"].lstrip("#/").split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
    return node
