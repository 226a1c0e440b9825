"""Where a spec comes from: its bytes read as JSON or YAML, and the provider name it gets.

A spec may be any file: `openai.yaml`, `Swagger-Petstore.json`, `opc_baseline_3.0.json`. Its
provider name (which names the package, `<name>_client`, and its environment variables) is
`--name` when given, else the file's stem made a valid name.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import Problem, SpecError
from .spec_json import load_json, looks_like_json
from .spec_yaml import TextKey, read_yaml, refusals

__all__ = [
    "LoadOptions",
    "name_from_file",
    "name_problem",
    "parse_document",
    "provider_name",
    "read_document",
]

_VALID_NAME = re.compile(r"[a-z][a-z0-9_]*")
MAX_NAME = 64


@dataclass(frozen=True)
class LoadOptions:
    """How to load a spec: its provider name (`--name`; else the file's stem made valid),
    whether it is held to the curation rules (None: decided by where it is, see
    `loader.is_curated`), and the overlays to apply (`--overlay`)."""

    name: str | None = None
    curated: bool | None = None
    overlays: tuple[Path, ...] = ()  # --overlay files, applied after one found beside the spec


def parse_document(source: bytes, shown: str, path: Path | None = None) -> Any:
    """The value a spec's bytes hold (see `read_document`); a key YAML reads as a number,
    boolean, null or date is refused, as in a curated spec or an overlay."""
    value, text_keys = read_document(source, shown, path)
    refused = refusals(shown, text_keys)
    if refused:
        raise SpecError(refused)
    return value


def read_document(source: bytes, shown: str, path: Path | None = None) -> tuple[Any, list[TextKey]]:
    """The value a spec's bytes hold: JSON read as JSON (a `.json` file, or content that starts
    with `{`), anything else as YAML. Content that starts with `{` in a file not named `.json`
    and that is not JSON is read as YAML (a YAML flow mapping). With it, the keys YAML reads
    as numbers, booleans, null or dates (`200:`), kept as their text: whether they are
    allowed depends on whether the spec is curated, which only its content can tell."""
    if path is not None and path.suffix.lower() == ".json":
        return load_json(source, shown), []
    if looks_like_json(source):
        try:
            return load_json(source, shown), []
        except SpecError as exc:
            if any(p.rule != "json" or "not valid JSON" not in p.message for p in exc.problems):
                raise  # a limit or a duplicate key: the same refusal as YAML would give
    return read_yaml(source, shown)


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a provider, or None when it can."""
    if not _VALID_NAME.fullmatch(name):
        return (
            f"{name!r} cannot name a provider: use lowercase ASCII letters, digits and "
            "underscores, starting with a letter (such as 'swagger_petstore')"
        )
    if keyword.iskeyword(name):
        return f"{name!r} is a Python keyword and cannot name a package: choose another name"
    if len(name) > MAX_NAME:
        return f"{name!r} is longer than {MAX_NAME} characters: choose a shorter name"
    return None


def name_from_file(path: Path) -> str:
    """A valid provider name made from a file's stem: `opc_baseline_3.0` -> `opc_baseline_3_0`,
    `Swagger-Petstore` -> `swagger_petstore`, `2024-api` -> `api_2024_api`, `class` ->
    `class_api`."""
    name = re.sub(r"[^a-z0-9]+", "_", path.stem.lower()).strip("_") or "api"
    if not name[0].isalpha():
        name = f"api_{name}"
    if keyword.iskeyword(name):
        name = f"{name}_api"
    return name[:MAX_NAME].rstrip("_")


def provider_name(path: Path, name: str | None = None) -> str:
    """The provider name of a spec: `name` when given (`SpecError` when it is not valid), else
    the file's stem made valid."""
    if name is None:
        return name_from_file(path)
    problem = name_problem(name)
    if problem:
        raise SpecError([Problem(str(path), "", problem, "pass a valid --name", rule="name")])
    return name
