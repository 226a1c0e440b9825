"""`gatewaygen validate` and `gatewaygen check-payload`: exact findings on specs with known
defects, the curated specs clean of errors, and payloads good and bad for every provider."""

from __future__ import annotations

import copy
import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.commands.payload import check_request, check_response
from generator.commands.validate import validate_spec
from generator.load.loader import load_spec
from tests.spec_cases import ROOT, calls, provider, providers, response_cases

FIXTURES = ROOT / "tests" / "fixtures" / "validate"
CONFLICT = (
    "warning",
    "doc-conflict",
    87,
    "/x-doc-conflicts/0",
    "duration-unit: The table says minutes; the example sends 5, which only makes sense as "
    "seconds. Chosen: seconds",
)
REQUEST = "/paths/~1v1~1jobs/post/requestBody/content/application~1json"

# (severity, rule, line, JSON pointer, message) of every finding, in report order.
EXPECTED: dict[str, list[tuple[str, str, int, str, str]]] = {
    "valid.yaml": [(*CONFLICT[:2], 88, *CONFLICT[3:])],
    "bad_example.yaml": [
        (
            "error",
            "example",
            37,
            f"{REQUEST}/examples/five_seconds/value/duration",
            "example 'five_seconds' (request body of createJob, from vidco-docs.txt) breaks "
            "its schema at duration: 7 is not one of 5, 10 (rule enum)",
        ),
        CONFLICT,
    ],
    "dangling_ref.yaml": [
        (
            "error",
            "ref",
            33,
            f"{REQUEST}/schema/$ref",
            "$ref '#/components/schemas/JobRequst' points at nothing",
        ),
        CONFLICT,
    ],
    "bad_lifecycle.yaml": [
        (
            "error",
            "lifecycle",
            25,
            "/paths/~1v1~1jobs/post/x-task/video_url",
            "'/result/url' does not resolve in the success response of getJob",
        ),
        CONFLICT,
    ],
    "duplicate_operation_id.yaml": [
        # Renaming getJob leaves x-task's poll naming nothing. The repeated operationId itself
        # is no error: the generator names the second method create_job_2 (a warning that
        # validate shows once the spec has no error).
        (
            "error",
            "lifecycle",
            21,
            "/paths/~1v1~1jobs/post/x-task/poll",
            "no operation has the operationId 'getJob'",
        ),
        CONFLICT,
    ],
    "missing_provenance.yaml": [
        (
            "error",
            "provenance",
            49,
            "/paths/~1v1~1jobs~1{job_id}/get",
            "operation getJob has no x-provenance",
        ),
        (*CONFLICT[:2], 86, *CONFLICT[3:]),
    ],
    "missing_seed_example.yaml": [
        (
            "error",
            "seed-examples",
            8,
            "/info/x-sources/0/examples/request",
            "vidco-docs.txt shows 2 request examples, but the spec holds 1 with x-source: "
            "vidco-docs.txt",
        ),
        CONFLICT,
    ],
    "name_collision.yaml": [
        (  # resolved (the second is JobRequest2), so a warning: the package still works
            "warning",
            "names",
            78,
            "/components/schemas/job_request",
            "schemas 'JobRequest' and 'job_request' would both be the Python class JobRequest",
        ),
        (*CONFLICT[:2], 90, *CONFLICT[3:]),
    ],
    "bad_conflict_pointer.yaml": [
        (
            "error",
            "doc-conflict",
            92,
            "/x-doc-conflicts/0/pointers/0",
            "conflict 'duration-unit' points at "
            "'/components/schemas/JobRequest/properties/length', which is not in the spec",
        ),
        CONFLICT,
    ],
}


def test_every_fixture_has_its_expected_findings() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in FIXTURES.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_reports_exactly_the_known_defects(name: str) -> None:
    report = validate_spec(FIXTURES / name)
    found = [(f.severity, f.rule, f.line, f.pointer, f.message) for f in report.findings]
    assert found == EXPECTED[name]
    assert all(f.fix for f in report.findings if f.severity == "error")


def test_a_dangling_ref_still_reports_what_does_not_need_it() -> None:
    report = validate_spec(FIXTURES / "dangling_ref.yaml")
    assert report.skipped == [
        "examples: every $ref must resolve first",
        "generated names: the spec must load without errors first",
    ]
    assert report.checked["examples"] == 0


def test_every_structural_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    document = yaml.safe_load((FIXTURES / "valid.yaml").read_text(encoding="utf-8"))
    document["paths"]["/v1/jobs"]["post"]["responses"]["200"]["description"] = 7
    document["components"]["schemas"]["Job"]["properties"]["id"]["type"] = "text"
    document["paths"]["/v1/jobs"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ] = {"$ref": "#/components/schemas/Nothing"}
    spec = tmp_path / "broken.yaml"
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    report = validate_spec(spec)
    rules = sorted((f.rule, f.pointer) for f in report.findings if f.severity == "error")
    assert rules == [
        ("json-schema", "/components/schemas/Job/properties/id/type"),
        ("openapi", "/paths/~1v1~1jobs/post/responses/200/description"),
        ("ref", f"{REQUEST}/schema/$ref"),
    ]
    assert all(f.line for f in report.findings)


def test_an_example_in_a_shared_response_is_checked_where_it_is_once(tmp_path: Path) -> None:
    """Both operations answer 200 with one components/responses entry whose example breaks
    the schema: one finding, at the example's own pointer (not under either path)."""
    document = yaml.safe_load((FIXTURES / "valid.yaml").read_text(encoding="utf-8"))
    create = document["paths"]["/v1/jobs"]["post"]["responses"]
    shared = create["200"]
    shared["content"]["application/json"]["examples"]["queued"]["value"]["status"] = "started"
    document["components"]["responses"] = {"JobAnswer": shared}
    create["200"] = {"$ref": "#/components/responses/JobAnswer"}
    document["paths"]["/v1/jobs/{job_id}"]["get"]["responses"]["200"] = create["200"]
    spec = tmp_path / "shared.yaml"
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    report = validate_spec(spec)
    errors = [(f.rule, f.pointer, f.message) for f in report.findings if f.severity == "error"]
    assert errors == [
        (
            "example",
            "/components/responses/JobAnswer/content/application~1json/examples/queued/value/"
            "status",
            "example 'queued' (response of createJob 200, from vidco-docs.txt) breaks its schema "
            "at status: 'started' is not one of 'queued', 'done', 'failed' (rule enum)",
        )
    ]


def test_a_yaml_syntax_error_is_reported_with_its_line(tmp_path: Path) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: x\npaths: {}\n", encoding="utf-8")
    report = validate_spec(spec)
    assert [(f.rule, f.line) for f in report.findings] == [("yaml", 3)]
    assert report.skipped


@pytest.mark.parametrize("name", providers())
def test_the_curated_specs_have_no_errors_and_list_the_docs_own_problems(name: str) -> None:
    report = validate_spec(ROOT / "specs" / f"{name}.yaml")
    assert [str(f.message) for f in report.findings if f.severity == "error"] == []
    assert report.skipped == []
    document = load_spec(ROOT / "specs" / f"{name}.yaml").document
    conflicts = [f.context["conflict"] for f in report.findings if f.rule == "doc-conflict"]
    assert conflicts == [c["id"] for c in document["x-doc-conflicts"]]
    kinds = sorted({f.rule for f in report.findings})
    expected = ["doc-conflict"]
    if name == "ezlink":  # the Apifox template variables and the page's copied 200 example
        expected = ["doc-conflict", "example-defect", "example-placeholder"]
        assert sum(f.rule == "example-placeholder" for f in report.findings) == 6
    if name == "uniall":  # the body field extra_body keeps its name; the option gives way
        expected = ["doc-conflict", "names"]
        names = [f.message for f in report.findings if f.rule == "names"]
        assert names == [
            "'extra_body' is a documented argument of create_video_generation, so it keeps "
            "that name; the client's own option extra_body is extra_body_"
        ]
    assert kinds == expected


def test_validate_command_exit_codes_and_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--specs-dir", str(ROOT / "specs")]) == 0
    assert "4 specs: 0 errors" in capsys.readouterr().out
    bad = str(FIXTURES / "bad_example.yaml")
    good = str(FIXTURES / "valid.yaml")
    assert main(["validate", good, bad, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["valid"], report["errors"], report["warnings"]) == (False, 1, 2)
    assert [s["valid"] for s in report["specs"]] == [True, False]
    finding = report["specs"][1]["findings"][0]
    assert finding["line"] == 37
    assert (finding["example"], finding["source"], finding["field"]) == (
        "five_seconds",
        "vidco-docs.txt",
        "duration",
    )
    assert finding["keyword"] == "enum"
    assert main(["validate", "--specs-dir", str(ROOT / "tests")]) == 2


def test_validate_text_names_file_line_and_fix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "bad_lifecycle.yaml")]) == 1
    out = capsys.readouterr().out
    assert "bad_lifecycle.yaml: INVALID, 1 error, 1 warning" in out
    assert "error [lifecycle] " in out and "bad_lifecycle.yaml:25 /paths/~1v1~1jobs/post" in out
    assert "fix: point at a property of that response's schema" in out


# check-payload ---------------------------------------------------------------------------------

GOOD_CALLS = [
    c
    for c in calls()
    if c.body is not None and c.example and not c.example.placeholders and not c.example.defect
]

# A documented body with one field broken, and the finding it must give: (rule, pointer, message).
BREAKS: dict[str, tuple[str, dict[str, Any], tuple[str, str, str]]] = {
    "evolink": (
        "createVideoGeneration",
        {"duration": 99},
        ("maximum: 15", "/duration", "99 is greater than the maximum of 15"),
    ),
    "ezlink": (
        "createTextToVideo",
        {"prompt": "p" * 3073},
        ("maxLength: 3072", "/prompt", "3073 characters long; at most 3072 are allowed"),
    ),
    "uniall": (
        "createVideoGeneration",
        {"duration": "5"},
        ("type: integer", "/duration", "'5' is not of type 'integer'"),
    ),
    "openroute": (
        "createKlingTextToVideo",
        {"cfg_scale": 2},
        ("maximum: 1", "/cfg_scale", "2 is greater than the maximum of 1"),
    ),
}


@cache
def spec_of(name: str) -> Any:
    return load_spec(ROOT / "specs" / f"{name}.yaml")


@pytest.mark.parametrize("call", GOOD_CALLS, ids=[c.id for c in GOOD_CALLS])
def test_check_payload_accepts_every_documented_request(call: Any) -> None:
    spec = spec_of(call.provider)
    report = check_request(spec, provider(call.provider), call.operation, call.body, "body.json")
    assert [f.message for f in report.findings] == []


def test_every_provider_has_a_good_body_and_a_broken_one() -> None:
    assert {c.provider for c in GOOD_CALLS} == set(providers()) == set(BREAKS)


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_check_payload_names_the_broken_field_and_rule(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    operation_id, broken, (rule, at, message) = BREAKS[name]
    operation = provider(name).operation(operation_id)
    good = next(c.body for c in GOOD_CALLS if c.operation == operation)
    body = {**good, **broken}
    report = check_request(spec_of(name), provider(name), operation, body, "body.json")
    found = [(f.severity, f.rule, f.pointer, f.message) for f in report.findings]
    assert found == [("error", rule, at, message)]
    file = tmp_path / "body.json"
    file.write_text(json.dumps(body), encoding="utf-8")
    argv = ["check-payload", name, operation.method_name, str(file)]
    assert main([*argv, "--specs-dir", str(ROOT / "specs")]) == 1
    out = capsys.readouterr().out
    assert f"INVALID as the request body of {name} {operation_id}" in out
    assert f"[{rule}] {at[1:]} ({at})" in out


def test_check_payload_catches_misspellings_private_callbacks_and_placeholders() -> None:
    operation = provider("evolink").operation("createVideoGeneration")
    body = {
        "model": "kling-o3-image-to-video",
        "prompt": "a cat",
        "duraton": 5,
        "callback_url": "https://192.168.1.4/hook",
        "image_start": "{{first_frame_url}}",
    }
    report = check_request(spec_of("evolink"), provider("evolink"), operation, body, "b.json")
    found = {(f.severity, f.rule, f.pointer): f.message for f in report.findings}
    assert found == {
        ("error", "x-public-url", "/callback_url"): (
            "the URL points at the non-public address 192.168.1.4; the gateway refuses "
            "loopback, private and link-local addresses: use a public host name"
        ),
        ("error", "format: uri", "/image_start"): (
            "'{{first_frame_url}}' is a documentation template variable, not a URI: put a real URL"
        ),
        ("warning", "undocumented", "/duraton"): (
            "the spec documents no field 'duraton' here (did you mean 'duration'?); the "
            "gateway may ignore or refuse it"
        ),
    }


@pytest.mark.parametrize("name", providers())
def test_check_payload_takes_parameters_for_operations_without_a_body(name: str) -> None:
    poll = next(op for op in provider(name).operations if not op.has_body)
    argument = next(p for p in poll.parameters if p.location == "path" or p.required)
    spec = spec_of(name)
    good = {argument.json_name: argument.examples[0].value}
    assert check_request(spec, provider(name), poll, good, "p.json").findings == []
    bad = {argument.json_name + "x": "1"}
    found = [
        (f.rule, f.pointer)
        for f in check_request(spec, provider(name), poll, bad, "p.json").findings
    ]
    assert found == [
        ("required", f"/{argument.json_name}"),
        ("unknown-parameter", f"/{argument.json_name}x"),
    ]


CASES = [c for c in response_cases() if not c.example.defect]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_check_payload_accepts_every_documented_response(case: Any) -> None:
    report = check_response(
        spec_of(case.provider),
        provider(case.provider),
        case.operation,
        case.example.value,
        "answer.json",
        case.status,
    )
    assert [f.message for f in report.findings if f.severity == "error"] == []


@pytest.mark.parametrize("name", providers())
def test_check_payload_reports_drift_in_a_captured_response(name: str) -> None:
    poll = next(op for op in provider(name).operations if not op.has_body)
    success = next(r for r in poll.responses if r.status.startswith("2"))
    answer = copy.deepcopy(next(e for e in success.examples if not e.defect).value)
    answer["surprise_field"] = {"added": "by the gateway"}
    report = check_response(spec_of(name), provider(name), poll, answer, "a.json", None)
    assert [(f.severity, f.rule, f.pointer) for f in report.findings] == [
        ("warning", "drift", "/surprise_field")
    ]
    assert report.errors == 0


def test_check_payload_response_errors_and_envelope_failures(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = ["--specs-dir", str(ROOT / "specs")]
    cancelled = {"id": "task-1", "status": "cancelled", "object": "video.generation.task"}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(cancelled)))
    assert main(["check-payload", "evolink", "getTask", "-", "--response", *specs]) == 1
    out = capsys.readouterr().out
    assert "[enum] status (/status)" in out
    assert "'cancelled' is not one of 'pending', 'processing', 'completed', 'failed'" in out

    failure = {"code": 1201, "message": "bad duration", "request_id": "r1", "data": None}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(failure)))
    argv = ["check-payload", "ezlink", "createImageToVideo", "-", "--response", "--format", "json"]
    assert main([*argv, *specs]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["checked"] == "response 200"
    assert [f["rule"] for f in report["findings"]] == ["envelope"]
    assert "failure code 1201 (invalid request parameters)" in report["findings"][0]["message"]

    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"code": 1})))
    argv = ["check-payload", "ezlink", "getTasks", "-", "--response", "--status", "302"]
    assert main([*argv, *specs]) == 1
    assert "documents no response for HTTP 302" in capsys.readouterr().out


def test_check_payload_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = ["--specs-dir", str(ROOT / "specs")]
    broken = tmp_path / "broken.json"
    broken.write_text('{"prompt": "a cat",\n', encoding="utf-8")
    assert main(["check-payload", "evolink", "createVideoGeneration", str(broken), *specs]) == 2
    assert "is not valid JSON at line 2, column 1" in capsys.readouterr().err
    assert main(["check-payload", "evolink", "makeVideo", str(broken), *specs]) == 2
    err = capsys.readouterr().err
    assert "evolink has no operation 'makeVideo'; it has createVideoGeneration" in err
    assert main(["check-payload", "evolink", "createVideoGenration", str(broken), *specs]) == 2
    assert capsys.readouterr().err == (
        "gatewaygen: evolink has no operation 'createVideoGenration' (did you mean "
        "'createVideoGeneration'?); it has createVideoGeneration (create_video_generation), "
        "getTask (get_task)\n"
    )
    assert main(["check-payload", "nobody", "x", str(broken), *specs]) == 2
    assert "no provider 'nobody' in " in capsys.readouterr().err
