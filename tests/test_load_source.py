"""Any file, any name: JSON read as JSON (with YAML's safety), provider names from files or
`--name`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.load.source import LoadOptions, name_from_file, name_problem, parse_document
from generator.load.spec_json import load_json
from generator.load.spec_yaml import LineMap
from generator.pipeline import build, provider_names
from generator.problems import SpecError

ACME = Path(__file__).parent / "fixtures" / "specs" / "acme.yaml"


def _refusal(source: bytes, name: str = "spec.json") -> list[tuple[int | None, str, str]]:
    with pytest.raises(SpecError) as caught:
        parse_document(source, name, Path(name))
    return [(p.line, p.pointer, p.message) for p in caught.value.problems]


def test_json_numbers_stay_numbers() -> None:
    source = b'{"openapi": "3.0.3", "minimum": 1e-05, "big": 12345678901234567890}'
    document = parse_document(source, "spec.json", Path("spec.json"))
    assert document == {"openapi": "3.0.3", "minimum": 1e-05, "big": 12345678901234567890}
    assert isinstance(document["minimum"], float)
    # The same text read by a YAML 1.1 reader gives a string: the reason JSON is read as JSON.
    assert yaml.safe_load(source)["minimum"] == "1e-05"


def test_content_that_starts_with_a_brace_is_json_whatever_the_file_is_called() -> None:
    assert parse_document(b' {"a": 1e-05}', "spec.yaml", Path("spec.yaml")) == {"a": 1e-05}
    # A YAML flow mapping is not JSON: it is read as YAML.
    assert parse_document(b"{a: 1}", "spec.yaml", Path("spec.yaml")) == {"a": 1}


def test_a_duplicate_key_is_refused_with_both_lines() -> None:
    source = b'{\n  "paths": {\n    "/a": {},\n    "/a": {}\n  }\n}\n'
    assert _refusal(source) == [
        (
            4,
            "/paths/~1a",
            "the key '/a' appears twice in this object, at lines 3 and 4 (a JSON reader would "
            "keep only the second)",
        )
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (b'{"a": NaN}', "NaN is not a JSON number"),
        (b'{"a": -Infinity}', "-Infinity is not a JSON number"),
        (b'{"a": [1,}', "not valid JSON at line 1, column 10: Expecting value"),
        (b'{"a": "\\ud800"}', "a string holds a lone surrogate escape"),
        (b'{"a": "\xff"}', "not valid JSON at line 1: the byte 0xff is not UTF-8 text"),
    ],
)
def test_what_json_cannot_hold_is_refused_with_its_reason(source: bytes, message: str) -> None:
    found = _refusal(source)
    assert len(found) == 1 and found[0][2].startswith(message)


TOO_LARGE = "is out of range: a number may be at most about 1.8e308 either side of 0"


@pytest.mark.parametrize(
    ("source", "name", "found"),
    [
        (b'{"a": [1.7e308, 1e999]}', "spec.json", [(1, "/a/1", f"'1e999' {TOO_LARGE}")]),
        (b'{\n"a":\n-1E+400}', "spec.json", [(3, "/a", f"'-1E+400' {TOO_LARGE}")]),
        (
            b'{"a": ' + b"9" * 5000 + b"}",  # past int()'s 4300 digits: a ValueError unguarded
            "spec.json",
            [(1, "/a", f"'9999999999999999...99999999 (5,000 characters)' {TOO_LARGE}")],
        ),
        (b"a: 1.0e+999", "spec.yaml", [(1, "/a", f"'1.0e+999' {TOO_LARGE}")]),
        (
            b"a: 1" + b"0" * 400,  # an int no double holds: an OverflowError unguarded
            "spec.yaml",
            [(1, "/a", f"'1000000000000000...00000000 (401 characters)' {TOO_LARGE}")],
        ),
        (
            b"b: 2\na: 0x" + b"f" * 300,
            "spec.yaml",
            [(2, "/a", f"'0xffffffffffffff...ffffffff (302 characters)' {TOO_LARGE}")],
        ),
        (b"a: -.inf", "spec.yaml", [(1, "/a", "'-.inf' is not a JSON number")]),
        (b'{"a": [1,\n -Infinity]}', "spec.json", [(2, "/a/1", "-Infinity is not a JSON number")]),
    ],
)
def test_a_number_too_large_or_not_finite_is_refused_with_its_line(
    source: bytes, name: str, found: list[tuple[int, str, str]]
) -> None:
    assert _refusal(source, name) == found


def test_the_largest_numbers_a_double_holds_are_kept() -> None:
    source = b'{"a": 1.7e308, "b": -18446744073709551615}'
    assert parse_document(source, "spec.json", Path("s")) == {"a": 1.7e308, "b": -(2**64 - 1)}
    assert parse_document(b"a: 1.7e+308\nb: 0xffffffffffffffff\n", "spec.yaml", Path("s")) == {
        "a": 1.7e308,
        "b": 2**64 - 1,
    }


def test_json_nesting_and_size_limits_hold_without_recursion() -> None:
    deep = b'{"a": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    [(line, at, message)] = _refusal(deep)
    assert message == "the document nests deeper than 64 levels"
    assert at.startswith("/a/0/0") and line == 1
    huge = b'{"a": "' + b"x" * 5_000_001 + b'"}'
    assert _refusal(huge)[0][2].startswith("the file is 5,000,010 bytes")


def test_a_json_line_map_finds_keys_and_items() -> None:
    source = b'{\n  "paths": {\n    "/a/{id}": {\n      "get": {"tags": [\n  "x",\n  "y"]}\n'
    source += b"    }\n  }\n}\n"
    lines = LineMap(source)
    assert lines.line("/paths/~1a~1{id}/get") == 4
    assert lines.line("/paths/~1a~1{id}/get/tags/1") == 6
    assert lines.line("/paths/~1a~1{id}/get/nothing") == 4  # the nearest ancestor


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("opc_baseline_3.0.json", "opc_baseline_3_0"),
        ("Swagger-Petstore.yaml", "swagger_petstore"),
        ("swagger_petstore_3.1.1.yaml", "swagger_petstore_3_1_1"),
        ("2024 API.yaml", "api_2024_api"),
        ("class.yaml", "class_api"),
        ("--.json", "api"),
        ("évolink.yaml", "volink"),
        ("evolink.yaml", "evolink"),
    ],
)
def test_a_file_name_becomes_a_valid_provider_name(file: str, name: str) -> None:
    assert name_from_file(Path(file)) == name
    assert name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Acme", "use lowercase ASCII letters"),
        ("9lives", "starting with a letter"),
        ("my-api", "use lowercase ASCII letters"),
        ("import", "is a Python keyword"),
        ("a" * 65, "longer than 64 characters"),
    ],
)
def test_an_invalid_name_is_refused_with_the_rule(name: str, reason: str) -> None:
    problem = name_problem(name)
    assert problem is not None and reason in problem


def test_a_json_spec_with_any_file_name_builds_the_same_provider(tmp_path: Path) -> None:
    document = yaml.safe_load(ACME.read_text(encoding="utf-8"))
    published = tmp_path / "Acme-Video API.v2.json"
    published.write_text(json.dumps(document, indent=2), encoding="utf-8")
    [from_json] = build([published])
    [from_yaml] = build([ACME])
    assert from_json.provider.name == "acme_video_api_v2"
    assert from_json.provider.package == "acme_video_api_v2_client"
    assert [o.method_name for o in from_json.provider.operations] == [
        o.method_name for o in from_yaml.provider.operations
    ]
    [named] = build([published], LoadOptions(name="acme2"))
    assert (named.provider.name, named.provider.api_key_env) == ("acme2", "ACME2_API_KEY")


def test_name_applies_to_one_spec_and_two_files_may_not_make_one_package(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "My-API.yaml", tmp_path / "b" / "my_api.yaml"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(ACME.read_bytes())
    with pytest.raises(SpecError, match="provider 'my_api' is also given by"):
        provider_names([first, second])
    with pytest.raises(SpecError, match="--name names one spec, but 2 were given"):
        provider_names([first, second], LoadOptions(name="x"))
    assert provider_names([first], LoadOptions(name="x")) == ["x"]


def test_the_command_line_refuses_a_bad_name_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "Acme.yaml"
    spec.write_bytes(ACME.read_bytes())
    assert main(["validate", str(spec), "--name", "Acme"]) == 2
    assert "--name 'Acme' cannot name a provider" in capsys.readouterr().err
    assert main(["generate", str(spec), str(ACME), "--name", "x", "--output", "out"]) == 2
    assert "--name names one spec, but 2 were given" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_json_problems_carry_lines_through_load_json() -> None:
    with pytest.raises(SpecError) as caught:
        load_json(b'{\n"a": 1,\n"b": {"c": 1, "c": 2}}', "x.json")
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.pointer, problem.rule) == (
        "x.json",
        3,
        "/b/c",
        "json",
    )
