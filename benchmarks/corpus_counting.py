"""Counting what a generator made of an OpenAPI document, the same way for every tool.

An operation is keyed by its HTTP method and its path with every `{parameter}` blanked
(`("GET", "/pets/{}")`), because generators rename path parameters (`petId` -> `pet_id`) but
keep the path. Each tool's package is read statically (nothing generated is imported or run):

- gatewaygen: every `Operation(method=..., path=...)` declaration in the package, outside the
  runtime it copies in (one per client method);
- openapi-python-client: every endpoint module under `api/` (one per operation), with the
  method and URL its `_get_kwargs` returns.

A package whose declarations cannot be read raises `CountingError` rather than counting 0, so a
change of layout in either tool shows up as a failure, never as a quiet "0 methods".
"""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

OperationKey = tuple[str, str]  # (METHOD, path with parameters blanked)

_PARAMETER = re.compile(r"\{[^}]*\}")
_MYPY_ERROR = re.compile(r"^[^:\n]+:\d+(?::\d+)?: error: ", re.MULTILINE)
_OPC_SKIPPED = re.compile(
    r"^WARNING parsing (?P<method>[A-Z]+) (?P<path>\S+) within .*?\. "
    r"Endpoint will not be generated\.\s*$"
)


class CountingError(Exception):
    """A generated package (or a document) could not be counted; the message says where."""


@dataclass(frozen=True)
class DocumentOperation:
    """One operation of a document: its key, its operationId (if any) and its JSON pointer."""

    key: OperationKey
    operation_id: str | None
    pointer: str

    @property
    def label(self) -> str:
        """How a table names it: `GET /pets/{petId} (showPetById)`."""
        method, _ = self.key
        raw_path = _unescape(self.pointer.split("/")[2])
        return f"{method} {raw_path}" + (f" ({self.operation_id})" if self.operation_id else "")


@dataclass
class Tally:
    """What one tool made of one document."""

    operations: int
    methods: int
    left_out: list[tuple[DocumentOperation, str | None]] = field(default_factory=list)
    refusal: str | None = None  # the tool's reason when it made no package at all

    @property
    def silent(self) -> int:
        """Operations left out that no warning of the tool names."""
        return sum(reason is None for _, reason in self.left_out)


def blank_parameters(path: str) -> str:
    """`/pets/{petId}` -> `/pets/{}`: the part of a path every generator keeps."""
    return _PARAMETER.sub("{}", path)


def read_document(path: Path) -> dict[str, Any]:
    """A document as published: JSON read as JSON, anything else as YAML (safe loader)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        document = json.loads(text)
    else:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        document = yaml.load(text, Loader=loader)  # the C safe loader where it is built
    if not isinstance(document, dict):
        raise CountingError(f"{path}: the document is not a mapping")
    return document


def document_operations(document: dict[str, Any]) -> list[DocumentOperation]:
    """Every operation the document declares, in document order."""
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return []
    found = []
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            operation_id = operation.get("operationId")
            found.append(
                DocumentOperation(
                    (method.upper(), blank_parameters(str(path))),
                    operation_id if isinstance(operation_id, str) else None,
                    f"/paths/{_escape(str(path))}/{method}",
                )
            )
    return found


def gatewaygen_endpoints(package: Path) -> list[OperationKey]:
    """The operations a gatewaygen package declares, one per client method."""
    found: list[OperationKey] = []
    for module in sorted(package.rglob("*.py")):
        if "_runtime" in module.relative_to(package).parts:
            continue
        if "Operation(" not in module.read_text(encoding="utf-8", errors="replace"):
            continue  # the models of a big API: thousands of lines with no declaration
        for node in ast.walk(_parse(module)):
            if isinstance(node, ast.Call) and _called_name(node.func) == "Operation":
                keywords = {k.arg: k.value for k in node.keywords if k.arg}
                method, path = keywords.get("method"), keywords.get("path")
                if method is None and path is None:
                    continue  # not a declaration (a call with other arguments)
                found.append(
                    (_string(method, module, "method"), blank_parameters(_string(path, module)))
                )
    return found


def opc_endpoints(package: Path) -> list[OperationKey]:
    """The operations an openapi-python-client package generated: one module each under api/."""
    api = package / "api"
    if not api.is_dir():
        raise CountingError(f"{package}: no api/ folder, so not an openapi-python-client package")
    found = []
    for module in sorted(api.rglob("*.py")):
        if module.name != "__init__.py":
            found.append(_opc_request(module))
    return found


def _opc_request(module: Path) -> OperationKey:
    """The method and URL template the module's `_get_kwargs` returns."""
    for node in ast.walk(_parse(module)):
        if not isinstance(node, ast.Dict):
            continue
        entries = {
            key.value: value
            for key, value in zip(node.keys, node.values, strict=True)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        }
        if "method" in entries and "url" in entries:
            url = entries["url"]
            if (  # "/pets/{pet_id}".format(pet_id=...)
                isinstance(url, ast.Call)
                and isinstance(url.func, ast.Attribute)
                and url.func.attr == "format"
            ):
                url = url.func.value
            method = _string(entries["method"], module, "method").upper()
            return method, blank_parameters(_string(url, module, "url"))
    raise CountingError(f"{module}: no request (a dict with 'method' and 'url') found")


def left_out(
    operations: Sequence[DocumentOperation],
    generated: Iterable[OperationKey],
    reason_for: dict[OperationKey, str],
) -> list[tuple[DocumentOperation, str | None]]:
    """The document's operations that no generated endpoint covers, each with the tool's reason
    (None: no warning names it). Two operations under one key need two endpoints."""
    available = Counter(generated)
    missing = []
    for operation in operations:
        if available[operation.key] > 0:
            available[operation.key] -= 1
        else:
            missing.append((operation, reason_for.get(operation.key)))
    return missing


def opc_reasons(output: str) -> dict[OperationKey, str]:
    """openapi-python-client's reason for each endpoint it says it will not generate: the first
    line of the paragraph under its warning."""
    lines = output.splitlines()
    reasons: dict[OperationKey, str] = {}
    for index, line in enumerate(lines):
        match = _OPC_SKIPPED.match(line.strip())
        if match:
            following = (text.strip() for text in lines[index + 1 :])
            reason = next((text for text in following if text), "no reason given")
            key = (match["method"], blank_parameters(match["path"]))
            reasons[key] = reason
    return reasons


def gatewaygen_reasons(
    output: str, operations: Sequence[DocumentOperation]
) -> dict[OperationKey, str]:
    """gatewaygen's reason for each operation it names: the first line that names the operation
    itself (its JSON pointer, then a colon: not a schema somewhere under it), else its method
    and path, else its operationId, else anything under its pointer."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    reasons: dict[OperationKey, str] = {}
    for operation in operations:
        method, _ = operation.key
        raw_path = _unescape(operation.pointer.split("/")[2])
        wanted = [
            f"{operation.pointer}:",
            f"{method} {raw_path}",
            repr(operation.operation_id) if operation.operation_id else None,
            operation.pointer,
        ]
        for index, text in enumerate(wanted):
            under = index == len(wanted) - 1  # the last resort: anything under the pointer
            line = next((ln for ln in lines if text and names(ln, text, within=under)), None)
            if line is not None:
                reasons[operation.key] = line
                break
    return reasons


def names(line: str, text: str, *, within: bool = False) -> bool:
    """Whether `line` holds `text` as a whole: `GET /tests` is not named by a line about
    `GET /tests/{id}`. With `within`, text followed by `/` counts (a pointer under `text`)."""
    follows = r"[\w{}~-]" if within else r"[\w{}~/-]"
    return re.search(re.escape(text) + f"(?!{follows})", line) is not None


def mypy_errors(output: str) -> int:
    """How many errors a `mypy` run reported (one line each)."""
    return len(_MYPY_ERROR.findall(output))


def _parse(module: Path) -> ast.Module:
    try:
        return ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    except (SyntaxError, UnicodeDecodeError) as exc:
        raise CountingError(f"{module}: not readable Python ({exc})") from exc


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _string(node: ast.expr | None, module: Path, what: str = "path") -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    line = getattr(node, "lineno", "?")
    raise CountingError(f"{module}:{line}: the {what} is not a plain string")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")
