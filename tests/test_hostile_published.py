"""Hostile documents taken as published (outside a specs/ folder, no info.x-sources), where the
generator repairs what it can instead of refusing.

The documents of tests/fixtures/hostile/published/ attack what only a published document gives
the generator (names made from paths, schema, parameter, security scheme and media type names,
server variables, error schemas read without x-errors, 3.0 and JSON forms, boolean schemas,
values of the wrong type); with them, the fixtures of tests/fixtures/hostile/ that a curated
spec refuses and a published one repairs. Each has its exact outcome through
`gatewaygen generate`, in bounded time, with no code run (every payload would create a file
named PWNED) and no debris; a package that is written imports, and its clients have exactly
the methods expected. Every fixture of tests/fixtures/hostile/ has its exact outcome when it is
loaded as published, too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.load.loader import load_spec
from generator.load.source import LoadOptions
from generator.problems import SpecError
from tests.hostile import SECONDS, output_lines, run_gatewaygen

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
PUBLISHED = HOSTILE / "published"

#: Per document (its file name): exit status and output of `gatewaygen generate` (timings as
#: "N s") and, when a package is written, the first line of its docstring, its default base
#: URL and the public methods of its clients.
OUTCOMES: dict[str, dict[str, Any]] = json.loads(
    (PUBLISHED / "outcomes.json").read_text(encoding="utf-8")
)

#: Per fixture of tests/fixtures/hostile/: what loading it as published gives, each problem as
#: "line: pointer: message" ("refused" or "warnings").
AS_PUBLISHED: dict[str, dict[str, list[str]]] = {
    name: outcome["published"]
    for name, outcome in json.loads((HOSTILE / "outcomes.json").read_text("utf-8")).items()
}

READ_BACK = """
import inspect, json, {0} as p
from {0} import _client
def methods(cls):
    return sorted(n for n, _ in inspect.getmembers(cls, inspect.isfunction) if n[:1] != "_")
assert methods(p.Client) == methods(p.AsyncClient)
print(json.dumps({{
    "docstring": p.__doc__.splitlines()[0],
    "base_url": _client.PROVIDER.default_base_url,
    "methods": methods(p.Client),
}}))
"""


def _document(name: str) -> Path:
    return PUBLISHED / name if (PUBLISHED / name).exists() else HOSTILE / name


def test_every_document_has_its_outcome_and_the_repaired_fixtures_are_among_them() -> None:
    documents = sorted(p.name for p in PUBLISHED.iterdir() if p.name != "outcomes.json")
    repaired = sorted(f"{name}.yaml" for name, found in AS_PUBLISHED.items() if "warnings" in found)
    curated_refusals = {
        f"{name}.yaml"
        for name, outcome in json.loads((HOSTILE / "outcomes.json").read_text("utf-8")).items()
        if outcome["exit"] == 2
    }
    assert sorted(OUTCOMES) == sorted([*documents, *set(repaired) & curated_refusals])
    assert len(documents) >= 15


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_hostile_published_document(tmp_path: Path, name: str) -> None:
    expected = OUTCOMES[name]
    (tmp_path / name).write_bytes(_document(name).read_bytes())
    done = run_gatewaygen(tmp_path, "generate", name, "--output", "out")
    assert (done.returncode, output_lines(done)) == (expected["exit"], expected["output"])
    assert "Traceback" not in done.stderr
    if expected["exit"] == 0:
        package = name.rsplit(".", 1)[0]
        read = subprocess.run(
            [sys.executable, "-c", READ_BACK.format(f"{package}_client")],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=SECONDS,
            env={**os.environ, "PYTHONPATH": str(tmp_path / "out" / package)},
            check=False,
        )
        assert read.stderr == ""
        assert json.loads(read.stdout) == {
            key: expected[key] for key in ("docstring", "base_url", "methods")
        }
    # Nothing ran (no PWNED), no staging folder, no cache: only what the run was asked for.
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        sorted([name, "out"]) if expected["exit"] == 0 else [name]
    )


@pytest.mark.parametrize("name", sorted(AS_PUBLISHED))
def test_each_hostile_fixture_loaded_as_published(name: str) -> None:
    fixture = HOSTILE / f"{name}.yaml"
    try:
        spec = load_spec(fixture, LoadOptions(curated=False))
    except SpecError as refused:
        assert {"refused": _described(refused.problems)} == AS_PUBLISHED[name]
        return
    assert {"warnings": _described(spec.warnings)} == AS_PUBLISHED[name]
    assert all(w.fix for w in spec.warnings)


def _described(problems: Any) -> list[str]:
    return [f"{p.line}: {p.pointer}: {p.message}" for p in problems]
