"""Published documents: 3.0 upgraded to 3.1, defects repaired with a warning each (file, line,
pointer, what was assumed), all in one run; curated specs keep refusing the same defects."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.load.loader import Spec, load_spec
from generator.load.source import LoadOptions
from generator.load.upgrade import upgrade
from generator.problems import SpecError


def _document(**extra: Any) -> dict[str, Any]:
    """A small valid published document: two operations, one shared schema."""
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Pets", "version": "1"},
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "listPets",
                    "responses": {
                        "200": {
                            "description": "the pets",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/Pet"},
                                    }
                                }
                            },
                        }
                    },
                },
                "post": {
                    "operationId": "createPet",
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                        }
                    },
                    "responses": {"201": {"description": "created"}},
                },
            }
        },
        "components": {
            "schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
                }
            }
        },
    }
    document.update(extra)
    return document


def _write(folder: Path, document: dict[str, Any], name: str = "pets.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def _warnings(spec: Spec) -> list[tuple[str, str, str]]:
    return [(w.rule, w.pointer, w.message) for w in spec.warnings]


# -- 3.0 upgraded to 3.1 -------------------------------------------------------------------------


def test_nullable_becomes_a_type_list_or_an_any_of_with_null() -> None:
    schemas = {
        "Plain": {"type": "string", "nullable": True, "description": "kept"},
        "Choice": {"type": "string", "enum": ["a", "b"], "nullable": True},
        "Linked": {"$ref": "#/components/schemas/Plain", "nullable": True, "description": "d"},
        "Union": {"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": True},
        "NotNull": {"type": "integer", "nullable": False},
        "Nested": {
            "type": "object",
            "properties": {
                "tags": {"type": "array", "items": {"type": "string", "nullable": True}}
            },
        },
    }
    original = {"openapi": "3.0.3", "paths": {}, "components": {"schemas": schemas}}
    kept = copy.deepcopy(original)
    upgraded, warnings = upgrade(original, "x.yaml")
    assert original == kept  # the document given is never changed
    assert warnings == []
    assert upgraded["openapi"] == "3.1.0"
    out = upgraded["components"]["schemas"]
    assert out["Plain"] == {"type": ["string", "null"], "description": "kept"}
    assert out["Choice"] == {"type": ["string", "null"], "enum": ["a", "b", None]}
    assert out["Linked"] == {
        "description": "d",
        "anyOf": [{"$ref": "#/components/schemas/Plain"}, {"type": "null"}],
    }
    assert out["Union"] == {
        "anyOf": [{"oneOf": [{"type": "string"}, {"type": "integer"}]}, {"type": "null"}]
    }
    assert out["NotNull"] == {"type": "integer"}
    assert out["Nested"]["properties"]["tags"]["items"] == {"type": ["string", "null"]}


def test_boolean_exclusive_bounds_become_numbers() -> None:
    schema = {
        "type": "number",
        "minimum": 0,
        "exclusiveMinimum": True,
        "maximum": 1,
        "exclusiveMaximum": False,
    }
    lonely = {"type": "integer", "exclusiveMaximum": True}
    document = {
        "openapi": "3.0.0",
        "paths": {
            "/x": {
                "get": {
                    "parameters": [{"name": "q", "in": "query", "schema": schema}],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "headers": {"X-Rate": {"schema": lonely}},
                        }
                    },
                }
            }
        },
    }
    upgraded, warnings = upgrade(document, "x.yaml")
    get = upgraded["paths"]["/x"]["get"]
    assert get["parameters"][0]["schema"] == {"type": "number", "exclusiveMinimum": 0, "maximum": 1}
    assert get["responses"]["200"]["headers"]["X-Rate"]["schema"] == {"type": "integer"}
    [warning] = warnings
    assert warning.pointer == "/paths/~1x/get/responses/200/headers/X-Rate/schema/exclusiveMaximum"
    assert warning.message == "exclusiveMaximum: true has no maximum beside it"
    assert warning.fix == "the keyword is ignored: no maximum is checked"


def test_a_3_1_document_is_not_rewritten() -> None:
    document = _document()
    assert upgrade(document, "x.yaml") == (document, [])


def test_a_3_0_json_document_loads_as_3_1(tmp_path: Path) -> None:
    document = _document(openapi="3.0.3")
    document["components"]["schemas"]["Pet"]["properties"]["age"]["nullable"] = True
    path = tmp_path / "Pets API.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    spec = load_spec(path)
    assert (spec.name, spec.openapi_version, spec.curated) == ("pets_api", "3.0.3", False)
    assert spec.document["openapi"] == "3.1.0"
    pet = spec.document["components"]["schemas"]["Pet"]
    assert pet["properties"]["age"] == {"type": ["integer", "null"]}
    assert spec.warnings == ()


# -- defects become warnings ---------------------------------------------------------------------


def test_references_to_other_files_or_to_nothing_are_dropped(tmp_path: Path) -> None:
    document = _document()
    properties = document["components"]["schemas"]["Pet"]["properties"]
    properties["owner"] = {"$ref": "owner.yaml#/Owner", "description": "who"}
    properties["kind"] = {"$ref": "#/components/schemas/Kind"}
    properties["vet"] = {"$ref": None}
    spec = load_spec(_write(tmp_path, document))
    at = "/components/schemas/Pet/properties"
    assert _warnings(spec) == [
        ("ref", f"{at}/vet/$ref", "$ref is None, not a reference"),
        ("ref", f"{at}/kind/$ref", "$ref '#/components/schemas/Kind' points at nothing"),
        ("ref", f"{at}/owner/$ref", "$ref 'owner.yaml#/Owner' points outside this document"),
    ]
    assert all(w.fix.startswith("the reference is ignored") for w in spec.warnings)
    assert all(w.line and w.file == str(tmp_path / "pets.yaml") for w in spec.warnings)
    normal = spec.document["components"]["schemas"]["Pet"]["properties"]
    assert (normal["owner"], normal["kind"], normal["vet"]) == ({"description": "who"}, {}, {})


def test_recursive_schemas_stay_and_alias_cycles_go(tmp_path: Path) -> None:
    node = {
        "type": "object",
        "properties": {
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
        },
    }
    document = _document()
    document["components"]["schemas"].update(
        {
            "Node": node,
            "A": {"$ref": "#/components/schemas/B"},
            "B": {"$ref": "#/components/schemas/A"},
            "Loop": {"allOf": [{"$ref": "#/components/schemas/Loop"}]},
        }
    )
    spec = load_spec(_write(tmp_path, document))
    assert [(rule, at) for rule, at, _ in _warnings(spec)] == [
        ("ref-cycle", "/components/schemas/B/$ref"),
        ("ref-cycle", "/components/schemas/Loop/allOf/0/$ref"),
    ]
    assert spec.warnings[0].message == (
        "$ref cycle with no value inside it: #/components/schemas/A -> "
        "#/components/schemas/B -> #/components/schemas/A"
    )
    schemas = spec.document["components"]["schemas"]
    assert schemas["Node"] == node  # recursion is the model stage's to build
    assert (schemas["B"], schemas["Loop"]) == ({}, {"allOf": [{}]})


def test_a_keyword_that_is_not_json_schema_is_dropped(tmp_path: Path) -> None:
    document = _document()
    pet = document["components"]["schemas"]["Pet"]
    pet["properties"]["age"]["type"] = "int"
    pet["examples"] = {"first": {"title": "an Example Object where a list belongs"}}
    pet["$vocabulary"] = "https://spec.openapis.org/oas/3.1/schema-base"
    spec = load_spec(_write(tmp_path, document))
    at = "/components/schemas/Pet"
    found = sorted((w.rule, w.pointer, w.message, w.fix) for w in spec.warnings)
    assert found == [
        (
            "json-schema",
            f"{at}/$vocabulary",
            'not valid JSON Schema: "https://spec.openapis.org/oas/3.1/schema-base" is not of '
            'type "object"',
            "the keyword $vocabulary is ignored",
        ),
        (
            "json-schema",
            f"{at}/examples",
            'not valid JSON Schema: {"first":{"title":"an Example Object where a list '
            'belongs"}} is not of type "array"',
            "the keyword examples is ignored",
        ),
        (
            "json-schema",
            f"{at}/properties/age/type",
            'not valid JSON Schema: "int" is not valid under any of the schemas listed in the '
            "'anyOf' keyword",
            "the keyword type is ignored",
        ),
    ]
    normal = spec.document["components"]["schemas"]["Pet"]
    assert normal["properties"]["age"] == {}
    assert "examples" not in normal and "$vocabulary" not in normal


def test_an_invalid_operation_is_left_out_by_name_and_the_others_stay(tmp_path: Path) -> None:
    document = _document()
    document["paths"]["/pets"]["get"]["parameters"] = [{"name": "limit", "schema": {}}]  # no `in`
    document["paths"]["/pets"]["post"]["summary"] = "Create"
    document["paths"]["/pets"]["post"]["title"] = "not an OpenAPI key"
    spec = load_spec(_write(tmp_path, document))
    left_out = [w for w in spec.warnings if w.rule == "left-out"]
    assert len(left_out) == 1
    assert left_out[0].pointer == "/paths/~1pets/get"
    assert left_out[0].message.startswith(
        "GET /pets (operationId listPets) is left out: not valid OpenAPI 3.1:"
    )
    assert left_out[0].line == 7
    assert ("openapi", "/paths/~1pets/post/title", "OpenAPI 3.1 defines no key 'title' here") in (
        _warnings(spec)
    )
    assert list(spec.document["paths"]["/pets"]) == ["post"]
    assert "title" not in spec.document["paths"]["/pets"]["post"]


def test_an_invalid_component_leaves_out_the_operations_that_use_it(tmp_path: Path) -> None:
    document = _document()
    document["components"]["parameters"] = {"Limit": {"name": "limit", "in": "nowhere"}}
    document["paths"]["/pets"]["get"]["parameters"] = [{"$ref": "#/components/parameters/Limit"}]
    spec = load_spec(_write(tmp_path, document))
    assert [(w.rule, w.pointer, w.fix) for w in spec.warnings] == [
        ("openapi", "/components/parameters/Limit/in", "operations that use it are left out"),
        ("openapi", "/components/parameters/Limit", "operations that use it are left out"),
        (
            "left-out",
            "/paths/~1pets/get",
            "the client has no method for it until the document is corrected",
        ),
    ]
    assert spec.warnings[2].message == (
        'GET /pets (operationId listPets) is left out: not valid OpenAPI 3.1: "nowhere" is not '
        'one of "query", "header" or 2 other candidates at /components/parameters/Limit/in (and '
        "1 more problem)"
    )
    assert list(spec.document["paths"]["/pets"]) == ["post"]


def test_every_defect_is_reported_in_one_run(tmp_path: Path) -> None:
    document = _document(openapi="3.0.2")
    schemas = document["components"]["schemas"]
    schemas["Pet"]["properties"]["owner"] = {"$ref": "#/components/schemas/Owner"}
    schemas["Pet"]["properties"]["age"]["type"] = "int"
    schemas["A"] = {"$ref": "#/components/schemas/A"}
    document["paths"]["/pets"]["get"]["responses"] = {"200": {"content": {}}}  # no description
    spec = load_spec(_write(tmp_path, document))
    assert [(w.rule, w.pointer) for w in spec.warnings] == [
        ("ref", "/components/schemas/Pet/properties/owner/$ref"),
        ("ref-cycle", "/components/schemas/A/$ref"),
        ("left-out", "/paths/~1pets/get"),
        ("json-schema", "/components/schemas/Pet/properties/age/type"),
    ]
    assert '"description" is a required property' in spec.warnings[2].message
    assert all(w.line for w in spec.warnings)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"openapi": None}, "OpenAPI version (missing) is not 3.0 or 3.1"),
        ({"openapi": "2.0"}, "OpenAPI version '2.0' is not 3.0 or 3.1"),
        ({"openapi": 3.1}, "OpenAPI version 3.1 is not 3.0 or 3.1"),
        ({"paths": None}, "the document has no paths"),
        ({"paths": ["/pets"]}, "paths is not a mapping"),
    ],
)
def test_only_an_unusable_document_is_refused(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    document = _document()
    for key, value in change.items():
        if value is None:
            del document[key]
        else:
            document[key] = value
    with pytest.raises(SpecError) as caught:
        load_spec(_write(tmp_path, document))
    assert [p.message for p in caught.value.problems] == [message]


# -- curated specs keep their strictness ---------------------------------------------------------


def _defective() -> dict[str, Any]:
    document = _document()
    document["components"]["schemas"]["Pet"]["properties"]["kind"] = {
        "$ref": "#/components/schemas/Kind"
    }
    return document


def test_a_spec_in_a_specs_folder_is_curated_and_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="points at nothing"):
        load_spec(_write(tmp_path / "specs", _defective()))
    published = load_spec(_write(tmp_path / "elsewhere", _defective()))
    assert [w.rule for w in published.warnings] == ["ref"]


def test_a_spec_that_records_its_sources_is_curated(tmp_path: Path) -> None:
    document = _defective()
    document["info"]["x-sources"] = [{"source": "docs.txt"}]
    with pytest.raises(SpecError, match="points at nothing"):
        load_spec(_write(tmp_path, document))


def test_the_options_decide_when_given(tmp_path: Path) -> None:
    path = _write(tmp_path, _defective())
    with pytest.raises(SpecError, match="points at nothing"):
        load_spec(path, LoadOptions(curated=True))
    curated_place = _write(tmp_path / "specs", _defective())
    assert load_spec(curated_place, LoadOptions(curated=False)).warnings
    # A curated 3.0 spec is still refused: curated specs are written as 3.1.
    with pytest.raises(SpecError, match=r"is not 3\.1"):
        load_spec(_write(tmp_path / "specs", _document(openapi="3.0.3"), "old.yaml"))


# -- validate --published ------------------------------------------------------------------------


def test_validate_reports_a_published_document_in_one_run_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _defective()
    document["paths"]["/pets"]["get"]["parameters"] = [{"name": "limit", "schema": {}}]
    path = _write(tmp_path, document)
    assert main(["validate", str(path), "--format", "json"]) == 0
    [report] = json.loads(capsys.readouterr().out)["specs"]
    assert (report["mode"], report["valid"], report["errors"]) == ("published", True, 0)
    assert report["checked"] == {"operations": 2, "methods": 1, "left_out": 1}
    found = [(f["severity"], f["rule"], f["line"], f["pointer"]) for f in report["findings"]]
    assert found == [
        ("warning", "left-out", 7, "/paths/~1pets/get"),
        ("warning", "ref", 43, "/components/schemas/Pet/properties/kind/$ref"),
    ]


def test_validate_published_refuses_only_an_unusable_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, _document(openapi="2.0"))
    assert main(["validate", "--published", str(path)]) == 2
    out = capsys.readouterr().out
    assert "INVALID, 1 error, 0 warnings" in out
    assert "error [openapi]" in out and "OpenAPI version '2.0' is not 3.0 or 3.1" in out


def test_the_mode_options_override_where_the_spec_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published = _write(tmp_path, _defective())
    assert main(["validate", "--curated", str(published)]) == 1  # a curated spec's error
    assert "error [ref]" in capsys.readouterr().out
    curated = _write(tmp_path / "specs", _defective())
    assert main(["validate", str(curated)]) == 1
    capsys.readouterr()
    assert main(["validate", "--published", str(curated)]) == 0
    assert "warning [ref]" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # one mode at a time
        main(["validate", "--published", "--curated", str(curated)])
    assert "not allowed with argument" in capsys.readouterr().err


# -- no traceback from any input -----------------------------------------------------------------

HOSTILE = sorted((Path(__file__).parent / "fixtures" / "hostile").glob("*.yaml"))


@pytest.mark.parametrize("fixture", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_a_hostile_document_taken_as_published_loads_or_is_refused_cleanly(fixture: Path) -> None:
    try:
        spec = load_spec(fixture, LoadOptions(curated=False))
    except SpecError as exc:
        assert exc.problems and all(p.file == str(fixture) and p.message for p in exc.problems)
        return
    assert spec.document["openapi"].startswith("3.1")
    assert all(w.pointer and w.fix and w.line for w in spec.warnings)


def test_values_of_the_wrong_type_outside_operations_are_taken_out(tmp_path: Path) -> None:
    document = _document(servers=[{"url": "https://a.test"}, 5], tags="pets", security=[{}])
    document["components"]["parameters"] = 7
    spec = load_spec(_write(tmp_path, document))
    assert sorted((w.rule, w.pointer, w.fix) for w in spec.warnings) == [
        ("openapi", "/components/parameters", "the value is ignored"),
        ("openapi", "/servers/1", "the value is ignored"),
        ("openapi", "/tags", "the value is ignored"),
    ]
    assert spec.document["servers"] == [{"url": "https://a.test"}]
    assert "tags" not in spec.document and "parameters" not in spec.document["components"]
    assert list(spec.document["paths"]["/pets"]) == ["get", "post"]


def test_a_default_its_schema_refuses_is_dropped(tmp_path: Path) -> None:
    document = _document()
    pet = document["components"]["schemas"]["Pet"]
    pet["properties"]["name"]["default"] = None  # not a string
    pet["properties"]["age"]["default"] = 3  # fine
    document["paths"]["/pets/{id}"] = {
        "get": {
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                {
                    "name": "size",
                    "in": "query",
                    "schema": {"$ref": "#/components/schemas/Size", "default": "huge"},
                },
            ],
            "responses": {"200": {"description": "ok"}},
        }
    }
    document["components"]["schemas"]["Size"] = {"enum": ["small", "large"]}
    spec = load_spec(_write(tmp_path, document))
    assert [(w.pointer, w.message, w.fix) for w in spec.warnings] == [
        (
            "/paths/~1pets~1{id}/get/parameters/1/schema/default",
            'the default "huge" does not satisfy its schema: "huge" is not one of "small" or '
            '"large"',
            "the default is ignored: the value has none",
        ),
        (
            "/components/schemas/Pet/properties/name/default",
            'the default null does not satisfy its schema: null is not of type "string"',
            "the default is ignored: the value has none",
        ),
    ]
    properties = spec.document["components"]["schemas"]["Pet"]["properties"]
    assert properties["name"] == {"type": "string"} and properties["age"]["default"] == 3


def test_an_example_its_schema_refuses_is_dropped(tmp_path: Path) -> None:
    """OpenAI documents object fields with their example written as JSON text: a value taken
    from it (by a test, a mock) would be one the API refuses."""
    document = _document()
    pet = document["components"]["schemas"]["Pet"]
    pet["properties"]["tags"] = {
        "type": "object",
        "additionalProperties": True,
        "example": '{\n  "color": "brown"\n}\n',  # text, not an object
    }
    pet["properties"]["name"]["example"] = "Rex"  # fine
    pet["properties"]["age"]["examples"] = [3, "three", 4]  # the second is no integer
    spec = load_spec(_write(tmp_path, document))
    assert [(w.pointer, w.message, w.fix) for w in spec.warnings] == [
        (
            "/components/schemas/Pet/properties/age/examples/1",
            'the example "three" does not satisfy its schema: "three" is not of type "integer"',
            "the example is ignored: no value is taken from it",
        ),
        (
            "/components/schemas/Pet/properties/tags/example",
            'the example "{\\n  \\"color\\": \\"brown\\"\\n}\\n" does not satisfy its schema: '
            '"{\\n  \\"color\\": \\"brown\\"\\n}\\n" is not of type "object"',
            "the example is ignored: no value is taken from it",
        ),
    ]
    properties = spec.document["components"]["schemas"]["Pet"]["properties"]
    assert properties["tags"] == {"type": "object", "additionalProperties": True}
    assert properties["name"]["example"] == "Rex"
    assert properties["age"]["examples"] == [3, 4]
