"""A package generated from any spec file into a temporary folder, as a user would (the
`gatewaygen generate` command), with what the corpus tests prove of it: every operation is a
method or named in a `left-out` warning, the package imports, `mypy --strict` is clean, and
(tests/roundtrip.py) each method sends what its arguments say.

The intermediate model is built in this process from the same file, for the round trips and
for the warnings (`Provider.notices`), which say why an operation was left out.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.load.loader import load_spec
from generator.load.source import LoadOptions
from generator.model.ir import Provider, build_provider
from tests.spec_cases import ROOT

if str(ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_counting import (  # found through the path above, as the benchmarks find it
    DocumentOperation,
    document_operations,
    gatewaygen_endpoints,
    left_out,
    mypy_errors,
    names,
    read_document,
)

LEFT_OUT = "left-out"  # the rule of the warning that names an operation left out


@dataclass(frozen=True)
class FreshPackage:
    """A package generated into `root/<name>/<name>_client`, and the model it came from."""

    spec: Path  # the file as given
    name: str
    root: Path  # the folder to put on sys.path
    output: str  # what `gatewaygen generate` printed (its warnings)
    provider: Provider
    document: dict[str, Any]  # the document the model was built from

    @property
    def package_name(self) -> str:
        return f"{self.name}_client"

    @property
    def package_dir(self) -> Path:
        return self.root / self.package_name


def generate_fresh(spec: Path, folder: Path, name: str) -> FreshPackage:
    """Generate `spec`, as it is, as package `name` under `folder` with the command line
    (`gatewaygen generate SPEC --name NAME --output DIR`); fail with its output when it
    refuses."""
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / "out"
    command = [sys.executable, "-m", "generator", "generate", str(spec), "--name", name]
    done = subprocess.run(
        [*command, "--output", str(output)],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=600,
    )
    printed = done.stdout + done.stderr
    assert done.returncode == 0, f"gatewaygen generate {spec.name} failed:\n{printed}"
    loaded = load_spec(spec, LoadOptions(name=name))
    provider = build_provider(loaded)
    return FreshPackage(spec, name, output / name, printed, provider, loaded.document)


def unaccounted(fresh: FreshPackage) -> list[str]:
    """The document's operations that are neither a method nor named in a `left-out`
    warning (what issue 13 calls a silent drop), as `METHOD /path (operationId)`."""
    operations = document_operations(read_document(fresh.spec))
    generated = gatewaygen_endpoints(fresh.package_dir)
    named = {
        op.key: notice.message
        for op in operations
        for notice in fresh.provider.notices
        if notice.rule == LEFT_OUT and _names(notice.pointer, notice.message, op)
    }
    return [op.label for op, reason in left_out(operations, generated, named) if reason is None]


def _names(pointer: str, message: str, operation: DocumentOperation) -> bool:
    """Whether a warning is about this operation: at its pointer (or under it), or naming its
    method and path as a whole."""
    method, _ = operation.key
    path = operation.label.split(" ")[1]
    return names(pointer, operation.pointer, within=True) or names(message, f"{method} {path}")


@contextmanager
def imported(fresh: FreshPackage) -> Iterator[ModuleType]:
    """The package imported from its folder; gone from sys.modules and sys.path afterwards."""
    folder = str(fresh.root)
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module(fresh.package_name)
    finally:
        sys.path.remove(folder)
        for module in [m for m in sys.modules if m.split(".")[0] == fresh.package_name]:
            del sys.modules[module]


def mypy_strict(fresh: FreshPackage, cache: Path) -> tuple[int, str]:
    """mypy --strict on the package, from its folder: the error count and the report."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), fresh.package_name],
        capture_output=True,
        text=True,
        cwd=fresh.root,
        timeout=900,
    )
    assert done.returncode in (0, 1), f"mypy could not run:\n{done.stdout}{done.stderr}"
    return mypy_errors(done.stdout), done.stdout
