"""`gatewaygen diff`: the exact verdicts on fixture pairs that change the way providers' docs
change, each rule on its own, the three report formats, the exit codes, and a cross-check of
every pair against Redocly CLI's `redocly diff`, with each disagreement explained.

tests/fixtures/diff/<case>/old.yaml and new.yaml are the same small video-task API (createJob,
getJob) before and after one kind of change. Four more pairs are made here by editing the base
(the fixture folders are exactly the pairs tests/test_regeneration.py releases), and so are the
unit tests' cases.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import subprocess
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.commands import diff
from generator.commands.diff import (
    Change,
    as_json,
    bump,
    diff_documents,
    render_markdown,
    render_text,
)
from generator.load.loader import load_spec
from tests.spec_cases import ROOT, SPECS
from tests.tools import node_tool, tool_env

FIXTURES = ROOT / "tests" / "fixtures" / "diff"
CREATE = "createJob (POST /v1/jobs)"
GET = "getJob (GET /v1/jobs/{job_id})"
REQUEST = "/components/schemas/JobRequest"
JOB = "/components/schemas/Job"
CREATE_AT = "/paths/~1v1~1jobs/post"
GET_AT = "/paths/~1v1~1jobs~1{job_id}/get"

Row = tuple[str, str, str | None, str, Any, Any]
B, P, N = "breaking", "possibly-breaking", "non-breaking"

# For every fixture pair: the release it needs, and (level, rule, operation, pointer, old, new)
# of every finding, in report order.
VERDICTS: dict[str, tuple[str | None, list[Row]]] = {
    "identical": (None, []),
    "description-only": (
        "patch",
        [
            (
                N,
                "documentation-changed",
                CREATE,
                f"{CREATE_AT}/summary",
                "Create a video job",
                "Create a video generation job",
            ),
            (
                N,
                "documentation-changed",
                None,  # prose in a component belongs to no one operation
                f"{REQUEST}/properties/prompt/description",
                "What the video shows.",
                "The scene the video should show.",
            ),
        ],
    ),
    "new-model-in-enum": (
        "minor",
        [
            (
                N,
                "request-enum-value-added",
                CREATE,
                f"{REQUEST}/properties/model/enum/2",
                None,
                "vidco-2",
            )
        ],
    ),
    "new-optional-setting": (
        "minor",
        [
            (
                N,
                "request-property-added",
                CREATE,
                f"{REQUEST}/properties/aspect_ratio",
                None,
                {"type": "string", "enum": ["16:9", "9:16", "1:1"], "default": "16:9"},
            )
        ],
    ),
    "field-renamed": (
        "major",
        [
            (
                B,
                "request-property-renamed",
                CREATE,
                f"{REQUEST}/properties/image_url",
                "image",
                "image_url",
            )
        ],
    ),
    "prompt-limit-narrowed": (
        "major",
        [
            (
                B,
                "request-max-length-decreased",
                CREATE,
                f"{REQUEST}/properties/prompt/maxLength",
                3072,
                2500,
            )
        ],
    ),
    "status-value-added": (
        "major",
        [
            (
                B,
                "response-enum-value-added",
                op,
                f"{JOB}/properties/status/enum/4",
                None,
                "cancelled",
            )
            for op in (CREATE, GET)
        ],
    ),
    "endpoint-moved": (
        "major",
        [
            (
                B,
                "operation-moved",
                "createJob (POST /v2/video/jobs)",
                "/paths/~1v2~1video~1jobs/post",
                "POST /v1/jobs",
                "POST /v2/video/jobs",
            )
        ],
    ),
    "server-moved": (
        "minor",
        [
            (
                P,
                "servers-changed",
                None,
                "/servers",
                ["https://api.vidco.test"],
                ["https://gateway.vidco.test"],
            )
        ],
    ),
    "auth-scheme-changed": (
        "major",
        [
            (B, "security-changed", None, "/security", [{"bearerAuth": []}], [{"apiKeyAuth": []}]),
            (
                B,
                "security-scheme-removed",
                None,
                "/components/securitySchemes/bearerAuth",
                {"type": "http", "scheme": "bearer"},
                None,
            ),
            (
                N,
                "security-scheme-added",
                None,
                "/components/securitySchemes/apiKeyAuth",
                None,
                {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            ),
        ],
    ),
    "response-field-optional": (
        "major",
        [
            (
                B,
                "response-property-became-optional",
                op,
                f"{JOB}/required/1",
                "status",
                None,
            )
            for op in (CREATE, GET)
        ],
    ),
    "provider-update": (
        "major",
        [
            (
                P,
                "servers-changed",
                None,
                "/servers",
                ["https://api.vidco.test"],
                ["https://gateway.vidco.test"],
            ),
            (
                N,
                "request-enum-value-added",
                CREATE,
                f"{REQUEST}/properties/model/enum/2",
                None,
                "vidco-2",
            ),
            (
                B,
                "request-max-length-decreased",
                CREATE,
                f"{REQUEST}/properties/prompt/maxLength",
                3072,
                2500,
            ),
            (
                N,
                "response-property-added",
                CREATE,
                f"{JOB}/properties/progress",
                None,
                {"type": "integer", "minimum": 0, "maximum": 100},
            ),
            (
                N,
                "documentation-changed",
                GET,
                f"{GET_AT}/summary",
                "Get a video job",
                "Get a video job by its id",
            ),
            (
                N,
                "response-property-added",
                GET,
                f"{JOB}/properties/progress",
                None,
                {"type": "integer", "minimum": 0, "maximum": 100},
            ),
        ],
    ),
}
CASES = sorted(VERDICTS)


@cache
def _load(case: str, which: str) -> dict[str, Any]:
    return load_spec(FIXTURES / case / f"{which}.yaml").document


def _server_moved(new: dict[str, Any]) -> None:
    new["servers"][0]["url"] = "https://gateway.vidco.test"


def _auth_scheme_changed(new: dict[str, Any]) -> None:
    """Authentication moves from a bearer token to an X-API-Key header."""
    new["security"] = [{"apiKeyAuth": []}]
    new["components"]["securitySchemes"] = {
        "apiKeyAuth": {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    }


def _response_field_optional(new: dict[str, Any]) -> None:
    """The docs stop promising that a job's status is always there."""
    new["components"]["schemas"]["Job"]["required"] = ["id"]


def _provider_update(new: dict[str, Any]) -> None:
    """One change of each kind: a new host, a reworded summary, a new model, a shorter prompt
    limit, a new response field."""
    _server_moved(new)
    new["paths"]["/v1/jobs/{job_id}"]["get"]["summary"] = "Get a video job by its id"
    request = new["components"]["schemas"]["JobRequest"]["properties"]
    request["model"]["enum"].append("vidco-2")
    request["prompt"]["maxLength"] = 2500
    progress = {"type": "integer", "minimum": 0, "maximum": 100}
    new["components"]["schemas"]["Job"]["properties"]["progress"] = progress


# Pairs made from the base version by one edit of the new side.
DERIVED: dict[str, Callable[[dict[str, Any]], None]] = {
    "server-moved": _server_moved,
    "auth-scheme-changed": _auth_scheme_changed,
    "response-field-optional": _response_field_optional,
    "provider-update": _provider_update,
}


def pair(case: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A pair's documents: a fixture pair (loaded and checked as `gatewaygen` loads every
    spec), or the base and its edited copy."""
    if case in DERIVED:
        old, new = base(), base()
        DERIVED[case](new)
        return old, new
    return copy.deepcopy(_load(case, "old")), copy.deepcopy(_load(case, "new"))


def rows(changes: list[Change]) -> list[Row]:
    return [(c.level, c.rule, c.operation, c.pointer, c.old, c.new) for c in changes]


def base() -> dict[str, Any]:
    """A fresh copy of the base version, for the unit tests to edit."""
    return pair("identical")[0]


def found(old: dict[str, Any], new: dict[str, Any]) -> list[Row]:
    return rows(diff_documents(old, new))


def test_every_fixture_pair_has_expected_verdicts() -> None:
    on_disk = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
    assert on_disk == sorted(set(CASES) - set(DERIVED))


@pytest.mark.parametrize("case", CASES)
def test_fixture_pair_verdicts(case: str) -> None:
    expected_bump, expected = VERDICTS[case]
    changes = diff_documents(*pair(case))
    assert rows(changes) == expected
    assert bump(changes) == expected_bump
    json.dumps(as_json(changes))  # every value is JSON


def test_messages_name_the_operation_and_say_what_breaks() -> None:
    messages = {c.rule: c.message for c in diff_documents(*pair("provider-update"))}
    assert messages["request-max-length-decreased"] == (
        "createJob: the request's prompt must now be at most 2500 characters (was 3072); a call "
        "with a longer value will be refused."
    )
    assert messages["servers-changed"] == (
        'The servers changed from ["https://api.vidco.test"] to ["https://gateway.vidco.test"]; '
        "the client's default base URL changes."
    )
    (status, _) = diff_documents(*pair("status-value-added"))
    assert status.message == (
        "createJob: the 200 response's status may now be 'cancelled', which a strict client (the "
        "generated models use closed enums) rejects: breaking for such clients."
    )
    (renamed,) = diff_documents(*pair("field-renamed"))
    assert renamed.message == (
        "createJob: the request's image is now called 'image_url'; calls that still send "
        "'image' will lose it or be refused."
    )
    (moved,) = diff_documents(*pair("endpoint-moved"))
    assert moved.message == (
        "createJob: the operation moved from POST /v1/jobs to POST /v2/video/jobs; calls to the "
        "old route will fail."
    )


# --- the rules one by one -----------------------------------------------------------------------


def test_operation_removed_and_added() -> None:
    old, new = base(), base()
    new["paths"]["/v1/jobs/{job_id}/cancel"] = {"post": new["paths"]["/v1/jobs/{job_id}"]["get"]}
    new["paths"]["/v1/jobs/{job_id}/cancel"]["post"]["operationId"] = "cancelJob"
    del new["paths"]["/v1/jobs/{job_id}"]
    assert found(old, new) == [
        (
            N,
            "operation-added",
            "cancelJob (POST /v1/jobs/{job_id}/cancel)",
            "/paths/~1v1~1jobs~1{job_id}~1cancel/post",
            None,
            "POST /v1/jobs/{job_id}/cancel",
        ),
        (B, "operation-removed", GET, GET_AT, "GET /v1/jobs/{job_id}", None),
    ]
    added_only = base()
    added_only["paths"]["/v1/jobs/{job_id}/cancel"] = new["paths"]["/v1/jobs/{job_id}/cancel"]
    assert bump(diff_documents(old, added_only)) == "minor"


def test_operation_id_changed_on_the_same_route() -> None:
    old, new = base(), base()
    new["paths"]["/v1/jobs/{job_id}"]["get"]["operationId"] = "fetchJob"
    assert found(old, new) == [
        (
            B,
            "operation-id-changed",
            "fetchJob (GET /v1/jobs/{job_id})",
            f"{GET_AT}/operationId",
            "getJob",
            "fetchJob",
        )
    ]


def test_method_changed_is_a_move() -> None:
    old, new = base(), base()
    new["paths"]["/v1/jobs"]["put"] = new["paths"]["/v1/jobs"].pop("post")
    assert found(old, new) == [
        (
            B,
            "operation-moved",
            "createJob (PUT /v1/jobs)",
            "/paths/~1v1~1jobs/put",
            "POST /v1/jobs",
            "PUT /v1/jobs",
        )
    ]


def test_security_scheme_changed_in_place() -> None:
    old, new = base(), base()
    new["components"]["securitySchemes"]["bearerAuth"] = {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
    }
    changes = diff_documents(old, new)
    assert rows(changes) == [
        (
            B,
            "security-scheme-changed",
            None,
            "/components/securitySchemes/bearerAuth",
            {"type": "http", "scheme": "bearer"},
            new["components"]["securitySchemes"]["bearerAuth"],
        )
    ]
    assert bump(changes) == "major"


def test_operation_security_overrides() -> None:
    old, new = base(), base()
    new["paths"]["/v1/jobs/{job_id}"]["get"]["security"] = []  # the poll needs no key any more
    assert found(old, new) == [
        (B, "security-changed", GET, f"{GET_AT}/security", [{"bearerAuth": []}], [])
    ]
    # The same requirement written on the operation is no change.
    same = base()
    same["paths"]["/v1/jobs/{job_id}"]["get"]["security"] = [{"bearerAuth": []}]
    assert found(old, same) == []


def test_response_field_removed_and_added() -> None:
    old, new = base(), base()
    job = new["components"]["schemas"]["Job"]
    del job["properties"]["video_url"]
    job["properties"]["error"] = {"type": "string"}
    video_url = {"type": "string", "format": "uri"}
    error = {"type": "string"}
    assert found(old, new) == [
        (B, "response-property-removed", CREATE, f"{JOB}/properties/video_url", video_url, None),
        (N, "response-property-added", CREATE, f"{JOB}/properties/error", None, error),
        (B, "response-property-removed", GET, f"{JOB}/properties/video_url", video_url, None),
        (N, "response-property-added", GET, f"{JOB}/properties/error", None, error),
    ]


def test_required_changes_in_both_directions() -> None:
    old, new = base(), base()
    new["components"]["schemas"]["JobRequest"]["required"] = ["model", "duration"]
    new["components"]["schemas"]["Job"]["required"] = ["id", "status", "video_url"]
    assert found(old, new) == [
        (B, "request-property-became-required", CREATE, f"{REQUEST}/required/1", None, "duration"),
        (N, "request-property-became-optional", CREATE, f"{REQUEST}/required/1", "prompt", None),
        (N, "response-property-became-required", CREATE, f"{JOB}/required/2", None, "video_url"),
        (N, "response-property-became-required", GET, f"{JOB}/required/2", None, "video_url"),
    ]


def test_new_required_request_field() -> None:
    old, new = base(), base()
    request = new["components"]["schemas"]["JobRequest"]
    request["properties"]["seed"] = {"type": "integer"}
    request["required"].append("seed")
    assert found(old, new) == [
        (
            B,
            "request-property-added-required",
            CREATE,
            f"{REQUEST}/properties/seed",
            None,
            {"type": "integer"},
        )
    ]


def test_request_field_removed_is_not_a_rename_when_the_schemas_differ() -> None:
    old, new = base(), base()
    properties = new["components"]["schemas"]["JobRequest"]["properties"]
    del properties["image"]
    properties["seed"] = {"type": "integer"}
    assert found(old, new) == [
        (
            B,
            "request-property-removed",
            CREATE,
            f"{REQUEST}/properties/image",
            {"type": "string", "format": "uri", "description": "The first frame."},
            None,
        ),
        (
            N,
            "request-property-added",
            CREATE,
            f"{REQUEST}/properties/seed",
            None,
            {"type": "integer"},
        ),
    ]


def test_type_changes_by_direction() -> None:
    old, new = base(), base()
    new["components"]["schemas"]["JobRequest"]["properties"]["duration"]["type"] = "string"
    new["components"]["schemas"]["Job"]["properties"]["id"]["type"] = ["string", "integer"]
    changes = diff_documents(old, new)
    # The types share nothing, so the duration enum is not compared as well.
    assert rows(changes) == [
        (
            B,
            "request-type-changed",
            CREATE,
            f"{REQUEST}/properties/duration/type",
            "integer",
            "string",
        ),
        (
            B,
            "response-type-changed",
            CREATE,
            f"{JOB}/properties/id/type",
            "string",
            ["string", "integer"],
        ),
        (
            B,
            "response-type-changed",
            GET,
            f"{JOB}/properties/id/type",
            "string",
            ["string", "integer"],
        ),
    ]
    widened, narrowed = base(), base()
    widened["components"]["schemas"]["JobRequest"]["properties"]["duration"]["type"] = "number"
    narrowed["components"]["schemas"]["Job"]["properties"]["id"]["type"] = ["string", "null"]
    assert [r[:2] for r in found(old, widened)] == [(N, "request-type-widened")]
    assert [r[:2] for r in found(narrowed, old)] == [
        (N, "response-type-narrowed"),
        (N, "response-type-narrowed"),
    ]


def test_enum_values_by_direction() -> None:
    old, new = base(), base()
    new["components"]["schemas"]["JobRequest"]["properties"]["model"]["enum"] = ["vidco-1"]
    new["components"]["schemas"]["Job"]["properties"]["status"]["enum"].remove("running")
    changes = diff_documents(old, new)
    assert rows(changes) == [
        (
            B,
            "request-enum-value-removed",
            CREATE,
            f"{REQUEST}/properties/model/enum/1",
            "vidco-1-fast",
            None,
        ),
        (
            N,
            "response-enum-value-removed",
            CREATE,
            f"{JOB}/properties/status/enum/1",
            "running",
            None,
        ),
        (N, "response-enum-value-removed", GET, f"{JOB}/properties/status/enum/1", "running", None),
    ]


def test_closed_response_enum_opened_to_known_values() -> None:
    """What specs/README.md asks for an inferred status: a strict client built from the old
    spec would refuse a value the new one allows, so it is breaking; the known values are
    documentation."""
    old, new = base(), base()
    status = new["components"]["schemas"]["Job"]["properties"]["status"]
    status["x-known-values"] = status.pop("enum")
    values = ["queued", "running", "done", "failed"]
    at = f"{JOB}/properties/status"
    assert found(old, new) == [
        (N, "known-values-changed", None, f"{at}/x-known-values", None, values),
        (B, "response-enum-removed", CREATE, f"{at}/enum", values, None),
        (B, "response-enum-removed", GET, f"{at}/enum", values, None),
    ]
    known = copy.deepcopy(new)
    known["components"]["schemas"]["Job"]["properties"]["status"]["x-known-values"].append("x")
    assert bump(diff_documents(new, known)) == "patch"


@pytest.mark.parametrize(
    ("keyword", "before", "after", "rule", "level"),
    [
        ("maxLength", 3072, 4000, "request-max-length-increased", "non-breaking"),
        ("maxLength", 3072, None, "request-max-length-increased", "non-breaking"),
        ("minLength", None, 1, "request-min-length-increased", "breaking"),
        ("minLength", 5, 1, "request-min-length-decreased", "non-breaking"),
        ("pattern", None, "^[a-z ]+$", "request-pattern-changed", "breaking"),
        ("format", "uri", None, "request-format-removed", "non-breaking"),
        ("const", None, "x", "request-const-changed", "breaking"),
        ("default", None, "a cat", "request-default-changed", "possibly-breaking"),
        ("multipleOf", None, 2, "request-schema-changed", "possibly-breaking"),
        ("deprecated", None, True, "deprecated-changed", "non-breaking"),
        ("examples", None, ["a cat"], "example-changed", "non-breaking"),
    ],
)
def test_request_constraints(keyword: str, before: Any, after: Any, rule: str, level: str) -> None:
    old, new = base(), base()
    for document, value in ((old, before), (new, after)):
        prompt = document["components"]["schemas"]["JobRequest"]["properties"]["prompt"]
        prompt.pop(keyword, None)
        if value is not None:
            prompt[keyword] = value
    at = f"{REQUEST}/properties/prompt/{keyword}"
    operation = None if rule in ("deprecated-changed", "example-changed") else CREATE
    assert found(old, new) == [(level, rule, operation, at, before, after)]


@pytest.mark.parametrize(
    ("keyword", "before", "after", "rule", "level"),
    [
        ("maximum", 100, 1000, "response-maximum-increased", "possibly-breaking"),
        ("maximum", 100, 10, "response-maximum-decreased", "non-breaking"),
        ("minimum", None, 0, "response-minimum-increased", "non-breaking"),
        ("exclusiveMinimum", 0, -1, "response-exclusive-minimum-decreased", "possibly-breaking"),
        ("const", 7, 8, "response-const-changed", "breaking"),
        ("default", 0, 1, "response-default-changed", "non-breaking"),
    ],
)
def test_response_constraints(keyword: str, before: Any, after: Any, rule: str, level: str) -> None:
    old, new = base(), base()
    for document, value in ((old, before), (new, after)):
        progress: dict[str, Any] = {"type": "integer"}
        if value is not None:
            progress[keyword] = value
        document["components"]["schemas"]["Job"]["properties"]["progress"] = progress
    at = f"{JOB}/properties/progress/{keyword}"
    assert found(old, new) == [(level, rule, op, at, before, after) for op in (CREATE, GET)]


def test_additional_properties_closed_in_a_request() -> None:
    old, new = base(), base()
    new["components"]["schemas"]["JobRequest"]["additionalProperties"] = False
    assert found(old, new) == [
        (
            B,
            "request-additional-properties-closed",
            CREATE,
            f"{REQUEST}/additionalProperties",
            None,
            False,
        )
    ]
    assert [r[1] for r in found(new, old)] == ["request-additional-properties-opened"]


def test_parameter_rules() -> None:
    old = base()
    get = old["paths"]["/v1/jobs/{job_id}"]["get"]
    get["parameters"].append({"name": "fields", "in": "query", "schema": {"type": "string"}})
    new = copy.deepcopy(old)
    params = new["paths"]["/v1/jobs/{job_id}"]["get"]["parameters"]
    params[1]["required"] = True
    params[1]["schema"]["maxLength"] = 64
    params.append({"name": "X-Trace", "in": "header", "schema": {"type": "string"}})
    params.append({"name": "region", "in": "query", "required": True, "schema": {"type": "string"}})
    assert found(old, new) == [
        (
            B,
            "request-parameter-became-required",
            GET,
            f"{GET_AT}/parameters/1/required",
            None,
            True,
        ),
        (
            B,
            "request-max-length-decreased",
            GET,
            f"{GET_AT}/parameters/1/schema/maxLength",
            None,
            64,
        ),
        (N, "request-parameter-added", GET, f"{GET_AT}/parameters/2", None, params[2]),
        (B, "request-parameter-added-required", GET, f"{GET_AT}/parameters/3", None, params[3]),
    ]
    (removed,) = diff_documents(new, old)[:1]
    assert (removed.level, removed.rule, removed.pointer) == (
        B,
        "request-parameter-removed",
        f"{GET_AT}/parameters/2",
    )
    assert removed.message == "getJob: the X-Trace header parameter was removed."


def test_request_body_and_response_status_rules() -> None:
    old, new = base(), base()
    create = new["paths"]["/v1/jobs"]["post"]
    create["requestBody"]["required"] = False
    create["responses"]["429"] = {"description": "Too many requests"}
    get = new["paths"]["/v1/jobs/{job_id}"]["get"]
    get["responses"]["202"] = get["responses"].pop("200")
    assert found(old, new) == [
        (
            N,
            "request-body-became-optional",
            CREATE,
            f"{CREATE_AT}/requestBody/required",
            True,
            False,
        ),
        (
            N,
            "response-status-added",
            CREATE,
            f"{CREATE_AT}/responses/429",
            None,
            {"description": "Too many requests"},
        ),
        (
            B,
            "response-success-status-removed",
            GET,
            f"{GET_AT}/responses/200",
            old["paths"]["/v1/jobs/{job_id}"]["get"]["responses"]["200"],
            None,
        ),
        (N, "response-status-added", GET, f"{GET_AT}/responses/202", None, get["responses"]["202"]),
    ]
    no_body = base()
    del no_body["paths"]["/v1/jobs"]["post"]["requestBody"]
    assert [r[:2] for r in found(old, no_body)] == [(B, "request-body-removed")]


def test_extensions_servers_and_examples() -> None:
    old, new = base(), base()
    new["paths"]["/v1/jobs"]["post"]["x-task"]["pending"] = ["queued", "running", "rendering"]
    new["paths"]["/v1/jobs"]["post"]["x-task"]["x-provenance"] = {"status": "documented"}
    new["x-envelope"] = {"code": "/code", "success": [0]}
    media = new["paths"]["/v1/jobs"]["post"]["requestBody"]["content"]["application/json"]
    media["examples"] = {"cat": {"value": {"model": "vidco-1", "prompt": "a cat"}}}
    media_at = f"{CREATE_AT}/requestBody/content/application~1json"
    changes = diff_documents(old, new)
    assert rows(changes) == [
        (P, "extension-changed", None, "/x-envelope", None, {"code": "/code", "success": [0]}),
        (
            P,
            "extension-changed",
            CREATE,
            f"{CREATE_AT}/x-task/pending",
            ["queued", "running"],
            ["queued", "running", "rendering"],
        ),
        (
            N,
            "documentation-changed",
            CREATE,
            f"{CREATE_AT}/x-task/x-provenance",
            None,
            {"status": "documented"},
        ),
        (
            N,
            "example-changed",
            CREATE,
            f"{media_at}/examples/cat",
            None,
            {"value": {"model": "vidco-1", "prompt": "a cat"}},
        ),
    ]
    assert bump(changes) == "minor"  # possibly breaking: the runtime behaves differently


def test_composition_branches_by_direction() -> None:
    old = base()
    schemas = old["components"]["schemas"]
    schemas["Image"] = {"type": "object", "properties": {"url": {"type": "string"}}}
    schemas["Video"] = {"type": "object", "properties": {"video_url": {"type": "string"}}}
    schemas["JobRequest"]["properties"]["media"] = {
        "oneOf": [{"$ref": "#/components/schemas/Image"}]
    }
    schemas["Job"]["properties"]["output"] = {"anyOf": [{"$ref": "#/components/schemas/Image"}]}
    new = copy.deepcopy(old)
    video = {"$ref": "#/components/schemas/Video"}
    new["components"]["schemas"]["JobRequest"]["properties"]["media"]["oneOf"].append(video)
    new["components"]["schemas"]["Job"]["properties"]["output"]["anyOf"].append(video)
    changes = diff_documents(old, new)
    assert rows(changes) == [
        (
            N,
            "request-one-of-branch-added",
            CREATE,
            f"{REQUEST}/properties/media/oneOf/1",
            None,
            video,
        ),
        (
            B,
            "response-any-of-branch-added",
            CREATE,
            f"{JOB}/properties/output/anyOf/1",
            None,
            video,
        ),
        (B, "response-any-of-branch-added", GET, f"{JOB}/properties/output/anyOf/1", None, video),
    ]
    assert changes[0].addition
    # A change inside a branch is found through the $ref.
    deeper = copy.deepcopy(old)
    deeper["components"]["schemas"]["Image"]["properties"]["url"]["maxLength"] = 2048
    assert [r[:4] for r in found(old, deeper)] == [
        (
            B,
            "request-max-length-decreased",
            CREATE,
            "/components/schemas/Image/properties/url/maxLength",
        ),
        (
            N,
            "response-max-length-decreased",
            CREATE,
            "/components/schemas/Image/properties/url/maxLength",
        ),
        (
            N,
            "response-max-length-decreased",
            GET,
            "/components/schemas/Image/properties/url/maxLength",
        ),
    ]
    single = copy.deepcopy(old)
    single["components"]["schemas"]["JobRequest"]["properties"]["media"] = {
        "$ref": "#/components/schemas/Image"
    }
    assert [r[:2] for r in found(old, single)] == [(B, "request-composition-changed")]


def test_recursive_schemas_end() -> None:
    old = base()
    old["components"]["schemas"]["Node"] = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
        },
    }
    old["components"]["schemas"]["Job"]["properties"]["tree"] = {
        "$ref": "#/components/schemas/Node"
    }
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Node"]["properties"]["name"]["type"] = "integer"
    assert found(old, new) == [
        (
            B,
            "response-type-changed",
            op,
            "/components/schemas/Node/properties/name/type",
            "string",
            "integer",
        )
        for op in (CREATE, GET)
    ]


def test_renamed_model_class() -> None:
    old, new = base(), base()
    schemas = new["components"]["schemas"]
    schemas["Task"] = schemas.pop("Job")
    for path, method in (("/v1/jobs", "post"), ("/v1/jobs/{job_id}", "get")):
        media = new["paths"][path][method]["responses"]["200"]["content"]["application/json"]
        media["schema"] = {"$ref": "#/components/schemas/Task"}
    schema_at = "/responses/200/content/application~1json/schema/$ref"
    assert found(old, new) == [
        (P, "model-renamed", CREATE, f"{CREATE_AT}{schema_at}", "Job", "Task"),
        (P, "model-renamed", GET, f"{GET_AT}{schema_at}", "Job", "Task"),
    ]


def test_values_are_json_even_where_yaml_reads_dates() -> None:
    old, new = base(), base()
    new["info"]["description"] = yaml.safe_load("d: 2025-01-31")["d"]
    (change,) = diff_documents(old, new)
    assert (change.rule, change.pointer, change.new) == (
        "documentation-changed",
        "/info/description",
        "2025-01-31",
    )
    assert change.message == "The description at /info was added; this is documentation only."


def test_info_version_alone_is_no_change() -> None:
    old, new = base(), base()
    new["info"]["version"] = "2.0.0"
    assert diff_documents(old, new) == []


# Each curated spec's operations as the diff names them, and where: (operation, pointer, old).
CURATED_OPERATIONS: dict[str, list[tuple[str, str, str]]] = {
    "evolink": [
        (
            "createVideoGeneration (POST /v1/videos/generations)",
            "/paths/~1v1~1videos~1generations/post",
            "POST /v1/videos/generations",
        ),
        (
            "getTask (GET /v1/tasks/{task_id})",
            "/paths/~1v1~1tasks~1{task_id}/get",
            "GET /v1/tasks/{task_id}",
        ),
    ],
    "ezlink": [
        (
            "createImageToVideo (POST /kling/image-to-video/kling-3.0-turbo)",
            "/paths/~1kling~1image-to-video~1kling-3.0-turbo/post",
            "POST /kling/image-to-video/kling-3.0-turbo",
        ),
        (
            "createTextToVideo (POST /kling/text-to-video/kling-3.0-turbo)",
            "/paths/~1kling~1text-to-video~1kling-3.0-turbo/post",
            "POST /kling/text-to-video/kling-3.0-turbo",
        ),
        ("getTasks (GET /kling/tasks)", "/paths/~1kling~1tasks/get", "GET /kling/tasks"),
    ],
    "openroute": [
        (
            "createKlingTextToVideo (POST /kling/v1/videos/text2video)",
            "/paths/~1kling~1v1~1videos~1text2video/post",
            "POST /kling/v1/videos/text2video",
        ),
        (
            "getTextToVideoTask (GET /kling/v1/videos/text2video/{task_id})",
            "/paths/~1kling~1v1~1videos~1text2video~1{task_id}/get",
            "GET /kling/v1/videos/text2video/{task_id}",
        ),
    ],
    "uniall": [
        (
            "createVideoGeneration (POST /v1/video/generations)",
            "/paths/~1v1~1video~1generations/post",
            "POST /v1/video/generations",
        ),
        (
            "getVideoTask (GET /v1/videos/{task_id})",
            "/paths/~1v1~1videos~1{task_id}/get",
            "GET /v1/videos/{task_id}",
        ),
    ],
}


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_each_curated_spec_against_its_packaged_copy_with_and_without_each_operation(
    spec: Path,
) -> None:
    """The spec and the copy its package carries, each read from its own file: no change. The
    same copy with one operation taken out: exactly that operation removed, for each in turn."""
    packaged = ROOT / "generated" / spec.stem / f"{spec.stem}_client" / "openapi.yaml"
    document = load_spec(spec).document
    assert diff_documents(document, load_spec(packaged).document) == []
    removed = []
    for path, item in document["paths"].items():
        for method in [m for m in item if m in {"get", "post", "put", "patch", "delete"}]:
            without = load_spec(packaged).document
            del without["paths"][path][method]
            removed += found(document, without)
    assert removed == [
        (B, "operation-removed", *row, None) for row in CURATED_OPERATIONS[spec.stem]
    ]


def test_bump() -> None:
    def change(level: diff.Level, addition: bool = False) -> Change:
        return Change(level, "rule", None, "", None, None, "message", addition)

    assert bump([]) is None
    assert bump([change(N)]) == "patch"
    assert bump([change(N), change(N, addition=True)]) == "minor"
    assert bump([change(P)]) == "minor"
    assert bump([change(P), change(B)]) == "major"


def _expand(row: str) -> Iterator[str]:
    """The rule ids a row of the module docstring's table names (MAX and MIN spelled out)."""
    kinds = {
        "MAX": ["max-length", "max-items", "max-properties", "maximum", "exclusive-maximum"],
        "MIN": ["min-length", "min-items", "min-properties", "minimum", "exclusive-minimum"],
    }
    for rule in (r.strip() for r in row.split(",")):
        match = re.search(r"MAX|MIN", rule)
        if match:
            yield from (rule.replace(match.group(), k) for k in kinds[match.group()])
        else:
            yield rule


def test_the_documented_rule_table_is_the_rule_set() -> None:
    rules_doc = diff.rules.__doc__
    assert rules_doc is not None
    documented: dict[str, tuple[str, bool]] = {}
    for line in rules_doc.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("| ") or len(cells) != 3 or cells[0] in ("rule", "---"):
            continue
        level, _, addition = cells[1].partition(", ")
        for rule in _expand(cells[0]):
            assert rule not in documented, rule
            documented[rule] = (level, addition == "addition")
    assert documented == diff.RULES


# --- reports ----------------------------------------------------------------------------------

MARKDOWN = """\
### Breaking

- createJob (POST /v1/jobs): the request's prompt must now be at most 2500 characters (was 3072); \
a call with a longer value will be refused. \
`/components/schemas/JobRequest/properties/prompt/maxLength`: `3072` -> `2500` \
(`request-max-length-decreased`)

### Possibly breaking

- The servers changed from ["https://api.vidco.test"] to ["https://gateway.vidco.test"]; the \
client's default base URL changes. `/servers`: `["https://api.vidco.test"]` -> \
`["https://gateway.vidco.test"]` (`servers-changed`)

### Non-breaking

- createJob (POST /v1/jobs): the request's model now also accepts 'vidco-2'. \
`/components/schemas/JobRequest/properties/model/enum/2`: added `"vidco-2"` \
(`request-enum-value-added`)
- createJob (POST /v1/jobs): the 200 response's progress was added. \
`/components/schemas/Job/properties/progress`: added \
`{"type": "integer", "minimum": 0, "maximum": 100}` (`response-property-added`)
- getJob (GET /v1/jobs/{job_id}): the summary changed; this is documentation only. \
`/paths/~1v1~1jobs~1{job_id}/get/summary`: `"Get a video job"` -> \
`"Get a video job by its id"` (`documentation-changed`)
- getJob (GET /v1/jobs/{job_id}): the 200 response's progress was added. \
`/components/schemas/Job/properties/progress`: added \
`{"type": "integer", "minimum": 0, "maximum": 100}` (`response-property-added`)
"""

TEXT = """\
old.yaml -> new.yaml
6 changes: 1 breaking, 1 possibly breaking, 4 non-breaking; the client needs a major release.

Breaking:
  createJob (POST /v1/jobs) [request-max-length-decreased]
    createJob: the request's prompt must now be at most 2500 characters (was 3072); a call \
with a longer value will be refused.
    at /components/schemas/JobRequest/properties/prompt/maxLength: 3072 -> 2500

Possibly breaking:
  (document) [servers-changed]
    The servers changed from ["https://api.vidco.test"] to ["https://gateway.vidco.test"]; the \
client's default base URL changes.
    at /servers: ["https://api.vidco.test"] -> ["https://gateway.vidco.test"]

Non-breaking:
  createJob (POST /v1/jobs) [request-enum-value-added]
    createJob: the request's model now also accepts 'vidco-2'.
    at /components/schemas/JobRequest/properties/model/enum/2: added "vidco-2"
  createJob (POST /v1/jobs) [response-property-added]
    createJob: the 200 response's progress was added.
    at /components/schemas/Job/properties/progress: added \
{"type": "integer", "minimum": 0, "maximum": 100}
  getJob (GET /v1/jobs/{job_id}) [documentation-changed]
    getJob: the summary changed; this is documentation only.
    at /paths/~1v1~1jobs~1{job_id}/get/summary: "Get a video job" -> "Get a video job by its id"
  getJob (GET /v1/jobs/{job_id}) [response-property-added]
    getJob: the 200 response's progress was added.
    at /components/schemas/Job/properties/progress: added \
{"type": "integer", "minimum": 0, "maximum": 100}
"""


def test_render_markdown() -> None:
    changes = diff_documents(*pair("provider-update"))
    assert render_markdown(changes) == MARKDOWN
    assert render_markdown([]) == "No changes.\n"


def test_render_text() -> None:
    changes = diff_documents(*pair("provider-update"))
    assert render_text(changes, "old.yaml", "new.yaml") == TEXT
    assert render_text([], "a.yaml", "b.yaml") == "a.yaml -> b.yaml\nNo changes.\n"


def test_as_json() -> None:
    changes = diff_documents(*pair("prompt-limit-narrowed"))
    assert as_json(changes) == {
        "bump": "major",
        "breaking": 1,
        "possibly_breaking": 0,
        "non_breaking": 0,
        "changes": [
            {
                "level": "breaking",
                "rule": "request-max-length-decreased",
                "operation": CREATE,
                "pointer": f"{REQUEST}/properties/prompt/maxLength",
                "old": 3072,
                "new": 2500,
                "message": "createJob: the request's prompt must now be at most 2500 characters "
                "(was 3072); a call with a longer value will be refused.",
                "addition": False,
            }
        ],
    }
    assert as_json([]) == {
        "bump": None,
        "breaking": 0,
        "possibly_breaking": 0,
        "non_breaking": 0,
        "changes": [],
    }


def run_main(folder: Path, fmt: str = "text", fail_on: str | None = None) -> int:
    args = argparse.Namespace(old=folder / "old.yaml", new=folder / "new.yaml")
    return diff.main(argparse.Namespace(**vars(args), format=fmt, fail_on=fail_on))


def write_pair(folder: Path, case: str) -> Path:
    folder.mkdir()
    for name, document in zip(("old", "new"), pair(case), strict=True):
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return folder


def test_main_exit_codes_and_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    narrowed, enum = FIXTURES / "prompt-limit-narrowed", FIXTURES / "new-model-in-enum"
    assert run_main(narrowed) == 0
    assert "request-max-length-decreased" in capsys.readouterr().out
    assert run_main(narrowed, fail_on="breaking") == 1
    server = write_pair(tmp_path / "server", "server-moved")
    assert run_main(server, fail_on="breaking") == 0
    assert run_main(server, fail_on="possibly-breaking") == 1
    assert run_main(enum, fail_on="possibly-breaking") == 0
    capsys.readouterr()
    assert run_main(FIXTURES / "status-value-added", fmt="json", fail_on="breaking") == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["bump"], report["breaking"]) == ("major", 2)
    assert run_main(write_pair(tmp_path / "update", "provider-update"), fmt="markdown") == 0
    assert capsys.readouterr().out == MARKDOWN

    broken = write_pair(tmp_path / "broken", "identical")
    # Not a document at all: what a published spec's repairs cannot mend (a wrong-typed `info`
    # is now taken out with a warning, and the rest compared).
    (broken / "new.yaml").write_text("[not, a, mapping]\n")
    assert run_main(broken, fail_on="breaking") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nothing was compared" in captured.err
    assert "new.yaml" in captured.err


# --- the cross-check with Redocly CLI -------------------------------------------------------------
#
# `redocly diff` (Redocly CLI 2.77, tools/package-lock.json) rates each change major, minor or
# patch with its diff-recommended rules (tests/fixtures/diff/redocly.yaml turns them on; the
# repository's redocly.yaml, for lint, does not). Its `bump` is comparable with ours; below are,
# per pair, its bump and the rule ids of its verdicts, exactly as it reported them.

REDOCLY: dict[str, tuple[str | None, list[str]]] = {
    "identical": (None, []),
    "description-only": ("patch", []),
    "new-model-in-enum": ("patch", []),
    "new-optional-setting": ("minor", []),
    "field-renamed": ("patch", []),
    "prompt-limit-narrowed": ("major", ["schema-constraint-changed"]),
    "status-value-added": ("major", ["enum-values-added"]),
    "endpoint-moved": ("major", ["path-removed"]),
    "server-moved": ("major", ["server-removed"]),
    "auth-scheme-changed": ("major", ["security-requirement-changed", "security-scheme-changed"]),
    "response-field-optional": ("major", ["required-properties-removed"]),
    "provider-update": ("major", ["schema-constraint-changed", "server-removed"]),
}

# Where the release we require differs from Redocly's: (ours, Redocly's).
BUMP_DISAGREEMENTS: dict[str, tuple[str, str]] = {
    # A model added to the request's enum: Redocly rates a modified node that no rule flags as a
    # patch, and only new nodes (a new property, a new path) as minor. For us a value the client
    # may now send is a new capability: the generated Literal gains a member, a minor release.
    "new-model-in-enum": ("minor", "patch"),
    # `image` renamed `image_url` in a request: Redocly reports a request property removed or
    # renamed only where the schema has additionalProperties: false, because a server that
    # ignores unknown fields still accepts the old body. For a client that is not enough: the
    # generated method loses its `image` argument, and the gateway silently drops the image of
    # callers who still send it. Breaking.
    "field-renamed": ("major", "patch"),
    # A new server URL: Redocly's server-removed rule rates it major. The server is only the
    # generated client's default base URL (`base_url=` and <PROVIDER>_BASE_URL override it), so
    # we rate it possibly breaking: a minor release, not a major one.
    "server-moved": ("minor", "major"),
}

# Where one of us rates a place breaking and the other does not: (pointers only we rate
# breaking, pointers only Redocly rates major). Places match when one pointer contains the other.
BREAKING_DISAGREEMENTS: dict[str, tuple[list[str], list[str]]] = {
    "field-renamed": ([f"{REQUEST}/properties/image_url"], []),  # as above
    "server-moved": ([], ["/servers/0/url"]),  # as above
    "provider-update": ([], ["/servers/0/url"]),  # the same server change, among others
    # Redocly pairs bearerAuth and apiKeyAuth as one scheme renamed and changed (its verdict is
    # on the new scheme's `type`); we report the old scheme removed (breaking) and the new one
    # added. Both say the security requirement changed, and both require a major release.
    "auth-scheme-changed": (
        ["/components/securitySchemes/bearerAuth"],
        ["/components/securitySchemes/apiKeyAuth/type"],
    ),
}


@pytest.fixture(scope="module")
def redocly_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """`redocly diff --format json` on every pair, run side by side (a made pair is written to
    a temporary folder first)."""
    redocly = node_tool("redocly")
    env = tool_env()
    options = ["--format", "json", "--config", str(FIXTURES / "redocly.yaml")]
    running = {}
    for case in CASES:
        folder = FIXTURES / case
        if case in DERIVED:
            folder = tmp_path_factory.mktemp(case)
            for name, document in zip(("old", "new"), pair(case), strict=True):
                (folder / f"{name}.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
        running[case] = subprocess.Popen(
            [*redocly, "diff", "old.yaml", "new.yaml", *options, "--fail-on", "none"],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    reports = {}
    for case, process in running.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, f"redocly diff failed on {case}:\n{err}"
        reports[case] = json.loads(out)
    return reports


def _related(one: str, other: str) -> bool:
    return one == other or one.startswith(other + "/") or other.startswith(one + "/")


@pytest.mark.parametrize("case", CASES)
def test_redocly_diff_agrees_or_the_difference_is_explained(
    case: str, redocly_reports: dict[str, dict[str, Any]]
) -> None:
    report = redocly_reports[case]
    verdicts = [v for change in report["changes"] for v in change["verdicts"]]
    assert (report.get("bump"), sorted(v["ruleId"] for v in verdicts)) == REDOCLY[case]

    changes = diff_documents(*pair(case))
    assert (bump(changes), report.get("bump")) == BUMP_DISAGREEMENTS.get(
        case, (report.get("bump"), report.get("bump"))
    )

    theirs = [
        v["location"]["pointer"].removeprefix("#") for v in verdicts if v["impact"] == "major"
    ]
    ours = [c.pointer for c in changes if c.level == "breaking"]
    only_ours = sorted({p for p in ours if not any(_related(p, q) for q in theirs)})
    only_theirs = sorted({p for p in theirs if not any(_related(p, q) for q in ours)})
    assert (only_ours, only_theirs) == BREAKING_DISAGREEMENTS.get(case, ([], []))
