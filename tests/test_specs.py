"""The curated specs keep their own promises: examples valid against the schemas, provenance
on every operation and schema, conflicts that point at real places."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.load.loader import iter_operations
from generator.problems import pointer
from tests.spec_cases import ROOT, providers

SEEDS = {
    "000_49f94ee2c233895f.txt",
    "001_423b8e038efaef6a.txt",
    "002_a38dca2d20d7f8e3.txt",
    "003_8623d5a3d32b08f5.txt",
    "004_2fbac810d54fa945.txt",
}


def document(name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "specs" / f"{name}.yaml").read_text(encoding="utf-8"))


def examples(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(pointer of the schema, pointer of the example, example object) for every example."""
    for path, method, operation in iter_operations(doc):
        at = pointer("paths", path, method)
        for index, param in enumerate(operation.get("parameters") or []):
            for key, example in (param.get("examples") or {}).items():
                yield f"{at}/parameters/{index}/schema", f"{at}/parameters/{index}/{key}", example
        media = ((operation.get("requestBody") or {}).get("content") or {}).get("application/json")
        for key, example in ((media or {}).get("examples") or {}).items():
            schema = f"{at}/requestBody/content/application~1json/schema"
            yield schema, f"{at}/requestBody/examples/{key}", example
        for status, response in operation["responses"].items():
            media = (response.get("content") or {}).get("application/json") or {}
            for key, example in (media.get("examples") or {}).items():
                schema = f"{at}/responses/{status}/content/application~1json/schema"
                yield schema, f"{at}/responses/{status}/examples/{key}", example


CASES = [(name, *case) for name in providers() for case in examples(document(name))]


@pytest.mark.parametrize(
    ("name", "schema", "where", "example"), CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES]
)
def test_example_is_valid_against_its_schema_unless_marked_defective(
    name: str, schema: str, where: str, example: dict[str, Any]
) -> None:
    doc = document(name)
    registry = Registry().with_resource("urn:spec", Resource(doc, specification=DRAFT202012))
    validator = Draft202012Validator({"$ref": "urn:spec#" + schema}, registry=registry)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(example["value"])
    ]
    if example.get("x-example-defect"):
        assert errors, f"{where} is marked defective but is valid: drop the mark"
    else:
        assert errors == []
    source = example.get("x-source")
    provenance = example.get("x-provenance") or {}
    assert source in SEEDS or provenance.get("status") == "inferred", where
    if provenance.get("status") == "inferred":
        assert provenance.get("reason"), f"{where}: an inferred example says why"


def test_the_seed_example_counts_the_specs_declare_are_the_pages_own() -> None:
    """What each seed page shows (read off the pages): 000 one request body (JSON block and the
    same body in curl) and one 200 example, 001 six request examples, 002 four request examples
    and one response, 003 and 004 one request and one response each. `gatewaygen validate`
    checks that each spec holds what it declares; this checks the declarations."""
    declared = {}
    for name in providers():
        for entry in document(name)["info"]["x-sources"]:
            if "examples" in entry:
                declared[entry["source"]] = entry["examples"]
    assert declared == {
        "000_49f94ee2c233895f.txt": {"request": 1, "response": 1},
        "001_423b8e038efaef6a.txt": {"request": 6},
        "002_a38dca2d20d7f8e3.txt": {"request": 4, "response": 1},
        "003_8623d5a3d32b08f5.txt": {"request": 1, "response": 1},
        "004_2fbac810d54fa945.txt": {"request": 1, "response": 1},
    }
    assert set(declared) == SEEDS


def _template_variables(value: Any, where: str = "") -> Iterator[str]:
    """JSON pointers of the strings that look like a docs tool's variable: "{{name}}"."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _template_variables(item, f"{where}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _template_variables(item, f"{where}/{index}")
    elif isinstance(value, str) and value.startswith("{{") and value.endswith("}}"):
        yield where


@pytest.mark.parametrize(
    ("name", "schema", "where", "example"), CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES]
)
def test_every_template_variable_in_an_example_is_declared(
    name: str, schema: str, where: str, example: dict[str, Any]
) -> None:
    """A placeholder the page left in an example is listed, so the tests know to expect it."""
    found = list(_template_variables(example.get("value")))
    assert found == list(example.get("x-placeholders") or []), where


def test_the_placeholder_examples_are_the_ones_the_docs_left_them_in() -> None:
    declared = [where for name, _, where, example in CASES if example.get("x-placeholders")]
    # Seed 001's six Apifox request examples send "{{first_frame_url}}".
    assert len(declared) == 6
    assert all(where.startswith("/paths/~1kling~1image-to-video") for where in declared)
