"""Redocly CLI, a linter nobody on this team wrote, holds the specs to zero errors, with every
documented example validated against its schema as an error (redocly.yaml).

The only problems it may find are the documentation's own defects that the specs already mark
(`x-placeholders`, `x-example-defect`); those are listed in .redocly.lint-ignore.yaml, and the
second test proves that list is exactly what Redocly finds at the marked examples, no more.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.commands.validate import within_placeholder
from generator.load.document import lookup
from tests.spec_cases import ROOT, SPECS
from tests.tools import node_tool, tool_env

IGNORE_FILE = ".redocly.lint-ignore.yaml"


def lint(cwd: Path) -> dict[str, Any]:
    """`redocly lint` on every spec, one run each (its JSON report covers one file), in `cwd`
    (which holds specs/ and redocly.yaml); the problems and totals of all, and the worst exit."""
    merged: dict[str, Any] = {"problems": [], "totals": {}, "exit": 0}
    redocly, env = node_tool("redocly"), tool_env()
    for path in SPECS:
        command = [*redocly, "lint", "--format", "json", f"specs/{path.name}"]
        done = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120
        )
        try:
            report = json.loads(done.stdout)
        except json.JSONDecodeError:
            pytest.fail(f"redocly printed no JSON report for {path.name}:\n{done.stderr}")
        merged["problems"] += report["problems"]
        for key, count in report["totals"].items():
            merged["totals"][key] = merged["totals"].get(key, 0) + count
        merged["exit"] = max(merged["exit"], done.returncode)
    return merged


def describe(problem: dict[str, Any]) -> str:
    location = problem["location"][0]
    return f"{location['source']['ref']}{location['pointer']}: {problem['message']}"


def test_redocly_lint_reports_no_errors() -> None:
    report = lint(ROOT)
    errors = [describe(p) for p in report["problems"] if p["severity"] == "error"]
    assert errors == []
    assert report["totals"]["errors"] == 0
    assert report["exit"] == 0


def _marked_example(spec: dict[str, Any], at: str) -> tuple[str, dict[str, Any]] | None:
    """The example a problem pointer lies in (its pointer and object), if the problem is inside
    an example's value."""
    head, sep, _ = at.partition("/value")
    if not sep or "/examples/" not in head:
        return None
    example = lookup(spec, "#" + head)
    return (head, example) if isinstance(example, dict) else None


def _explained(example: dict[str, Any], inside: str) -> bool:
    """Whether a problem at `inside` (a pointer into the example's value) is one the spec
    marks: anywhere in a defective example, or at a placeholder value, by the rule `validate`
    uses (a placeholder inside a `oneOf` item fails every branch, so the validator also reports
    the branch it tried: `/contents/0/type` for the placeholder `/contents/0/url`)."""
    if example.get("x-example-defect"):
        return True
    return any(within_placeholder(inside, p) for p in example.get("x-placeholders") or [])


def test_redocly_finds_exactly_the_defects_the_specs_mark(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copy(ROOT / "redocly.yaml", tmp_path / "redocly.yaml")  # no ignore file here
    report = lint(tmp_path)
    found: dict[str, set[str]] = {}
    marked_with_errors: set[tuple[str, str]] = set()
    for problem in report["problems"]:
        if problem["severity"] != "error":
            continue
        location = problem["location"][0]
        file, at = location["source"]["ref"], location["pointer"].removeprefix("#")
        spec = yaml.safe_load((tmp_path / file).read_text(encoding="utf-8"))
        marked = _marked_example(spec, at)
        assert marked is not None, f"an error outside any example: {describe(problem)}"
        head, example = marked
        assert _explained(example, at.partition("/value")[2]), (
            f"an example the spec does not mark as defective fails: {describe(problem)}"
        )
        found.setdefault(file, set()).add("#" + at)
        marked_with_errors.add((file, head))

    expected_marked = set()
    for path in SPECS:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected_marked |= {(f"specs/{path.name}", head) for head in _marked_examples(spec, "")}
    assert marked_with_errors == expected_marked, "every marked example is one Redocly rejects"

    ignored = yaml.safe_load((ROOT / IGNORE_FILE).read_text(encoding="utf-8"))
    listed = {file: set(rules["no-invalid-media-type-examples"]) for file, rules in ignored.items()}
    assert listed == found, f"{IGNORE_FILE} must list exactly what Redocly finds at the marks"


def _marked_examples(node: Any, at: str) -> list[str]:
    """Pointers of the examples in a document that carry x-placeholders or x-example-defect."""
    out = []
    if isinstance(node, dict):
        if "value" in node and (node.get("x-placeholders") or node.get("x-example-defect")):
            if "/examples/" in at:
                out.append(at)
        for key, value in node.items():
            token = str(key).replace("~", "~0").replace("/", "~1")
            out += _marked_examples(value, f"{at}/{token}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            out += _marked_examples(item, f"{at}/{index}")
    return out
