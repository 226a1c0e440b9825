"""Helpers for specs written to attack the generator: a small valid spec with chosen text placed
in every field that reaches the generated files, and a check that a package runs nothing."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.spec_cases import ROOT

#: No spec may take longer than this to generate or refuse, nor a package to import.
SECONDS = 60

#: Every place of `base_spec()` that spec text reaches the output from, as a path of keys.
FIELDS: dict[str, tuple[Any, ...]] = {
    "title": ("info", "title"),
    "info description": ("info", "description"),
    "server url": ("servers", 0, "url"),
    "summary": ("paths", "/jobs", "post", "summary"),
    "description": ("paths", "/jobs", "post", "description"),
    "property description": (
        *("paths", "/jobs", "post", "requestBody", "content", "application/json"),
        *("schema", "properties", "prompt", "description"),
    ),
    "enum value": (
        *("paths", "/jobs", "post", "requestBody", "content", "application/json"),
        *("schema", "properties", "style", "enum", 0),
    ),
    "default": (
        *("paths", "/jobs", "post", "requestBody", "content", "application/json"),
        *("schema", "properties", "mood", "default"),
    ),
    "example summary": (
        *("paths", "/jobs", "post", "requestBody", "content", "application/json"),
        *("examples", "plain", "summary"),
    ),
    "example value": (
        *("paths", "/jobs", "post", "requestBody", "content", "application/json"),
        *("examples", "plain", "value", "prompt"),
    ),
    "example source": (
        *("paths", "/jobs", "post", "requestBody", "content", "application/json"),
        *("examples", "plain", "x-source"),
    ),
    "parameter example": ("paths", "/jobs/{job_id}", "get", "parameters", 0, "example"),
    "parameter description": ("paths", "/jobs/{job_id}", "get", "parameters", 0, "description"),
    "schema description": ("components", "schemas", "Job", "description"),
    "schema title": ("components", "schemas", "Job", "title"),
    "error meaning": ("x-errors", "codes", 0, "meaning"),
    "error advice": ("x-errors", "codes", 0, "advice"),
    "error code": ("x-errors", "codes", 0, "codes", 0),
}

#: Keys that hold names: the text becomes a key there (a property, a query parameter).
NAME_FIELDS: dict[str, tuple[Any, ...]] = {
    "property name": (
        *("paths", "/jobs", "post", "requestBody", "content", "application/json"),
        *("schema", "properties"),
    ),
    "response property name": ("components", "schemas", "Job", "properties"),
}


def run_gatewaygen(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`gatewaygen ARGS` run from `folder` in a fresh interpreter, bounded in time."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        env=env,
        check=False,
    )


def output_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    """What a run printed (standard output, then standard error), timings written "N s"."""
    text = done.stdout + done.stderr
    text = re.sub(r"\(\d+\.\d+ s\)", "(N s)", text)
    text = re.sub(r"in \d+\.\d+ s$", "in N s", text, flags=re.M)
    return [line for line in text.splitlines() if line.strip()]


def base_spec() -> dict[str, Any]:
    """A small valid spec with a paid create and a poll."""
    return copy.deepcopy(_BASE)


def place(spec: dict[str, Any], field: str, text: str) -> dict[str, Any]:
    """`spec` with `text` put in `field` (a key of FIELDS or NAME_FIELDS)."""
    if field in NAME_FIELDS:
        holder = _walk(spec, NAME_FIELDS[field])
        holder[text] = {"type": "string", "description": text}
        return spec
    *parents, last = FIELDS[field]
    _walk(spec, tuple(parents))[last] = text
    return spec


def _walk(node: Any, keys: tuple[Any, ...]) -> Any:
    for key in keys:
        node = node[key]
    return node


def write_spec(folder: Path, spec: dict[str, Any], name: str = "hostile") -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def import_package(folder: Path, package: str) -> subprocess.CompletedProcess[str]:
    """Import a generated package, its models and both clients in a fresh interpreter."""
    code = (
        f"import {package}, {package}.models as m\n"
        f"{package}.Client(api_key='k', base_url='https://gateway.test')\n"
        f"{package}.AsyncClient(api_key='k', base_url='https://gateway.test')\n"
        f"print(repr({package}.__doc__))\n"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def payloads(marker: Path) -> list[str]:
    """Texts that would create `marker` if any part of them ran as Python."""
    call = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    return [
        f'X""" if {call} else """',
        f"X''' if {call} else '''",
        f'X"""\n{call}\n"""',
        f'x" + str({call}) + "',
        f"x' + str({call}) + '",
        f"x\\\n{call}",
        f"x\r{call}",
        f"x\n{call}\n#",
        f"x\u2028{call}",
        f"x\x00{call}",
        f'x\\"""; {call}; """',
        f"{{{call}}}",
        f"x --> {call}",
        f"`{call}`\n```python\n{call}\n```",
    ]


_JSON = "application/json"
_BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Hostile video API", "version": "1", "description": "For tests."},
    "servers": [{"url": "https://hostile.test"}],
    "security": [{"bearerAuth": []}],
    "x-errors": {
        "code": "/error/code",
        "message": "/error/message",
        "codes": [{"codes": [1303], "meaning": "too many tasks", "status": 429, "retry": True}],
    },
    "paths": {
        "/jobs": {
            "post": {
                "operationId": "createJob",
                "summary": "Create a job",
                "description": "Starts a job.",
                "x-paid-task": True,
                "x-task": {
                    "poll": "getJob",
                    "poll_argument": "job_id",
                    "id": "/id",
                    "status": "/status",
                    "pending": ["queued"],
                    "succeeded": ["done"],
                    "failed": ["failed"],
                },
                "requestBody": {
                    "required": True,
                    "content": {
                        _JSON: {
                            "schema": {
                                "type": "object",
                                "required": ["prompt"],
                                "properties": {
                                    "prompt": {"type": "string", "description": "What to show."},
                                    "style": {"type": "string", "enum": ["calm", "wild"]},
                                    "mood": {"type": "string", "default": "calm"},
                                },
                            },
                            "examples": {
                                "plain": {
                                    "summary": "A cat",
                                    "x-source": "hostile-docs.txt",
                                    "value": {"prompt": "a cat", "style": "calm"},
                                }
                            },
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "Created",
                        "content": {_JSON: {"schema": {"$ref": "#/components/schemas/Job"}}},
                    }
                },
            }
        },
        "/jobs/{job_id}": {
            "get": {
                "operationId": "getJob",
                "parameters": [
                    {
                        "name": "job_id",
                        "in": "path",
                        "required": True,
                        "description": "The job's id.",
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "The job",
                        "content": {_JSON: {"schema": {"$ref": "#/components/schemas/Job"}}},
                    }
                },
            }
        },
    },
    "components": {
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Job": {
                "type": "object",
                "description": "A job.",
                "required": ["id"],
                "properties": {
                    "id": {"type": "string"},
                    "status": {"type": "string", "enum": ["queued", "done", "failed"]},
                },
            }
        },
    },
}
