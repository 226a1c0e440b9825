"""Our OpenAPI rules beyond structure (`generator/load/semantic.py`) give the answers
openapi-spec-validator 0.9 gives (issue 14): run side by side on every spec, fixture and corpus
document we have, on one small document per rule (each broken, and near misses that pass), and on
mutations of a curated spec drawn by hypothesis. Equal answers are equal multisets of messages
(the validator lists the undefined `required` names in set order: compared sorted)."""

from __future__ import annotations

import ast
import copy
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import OpenAPIV31SpecValidator
from openapi_spec_validator.validation.exceptions import DuplicateOperationIDError

from generator.load.loader import _openapi_problems, document_problems, load_spec, read_spec
from generator.load.semantic import semantic_findings
from generator.problems import SpecError
from tests.spec_cases import ROOT

_REQUIRED = "Required list has not defined properties: "


def _normal(message: str) -> str:
    if message.startswith(_REQUIRED):
        return _REQUIRED + str(sorted(ast.literal_eval(message[len(_REQUIRED) :])))
    return message


def theirs(document: dict[str, Any]) -> Counter[str]:
    """openapi-spec-validator's rules beyond structure (its keyword validators), on a copy."""
    validator = OpenAPIV31SpecValidator(copy.deepcopy(document))
    errors = validator.root_validator(validator.schema_path)
    return Counter(
        _normal(error.message)
        for error in errors
        if not isinstance(error, DuplicateOperationIDError)  # we leave these to the model stage
    )


def ours(document: dict[str, Any]) -> Counter[str]:
    return Counter(_normal(message) for _, message in semantic_findings(document))


def _sound(document: dict[str, Any]) -> bool:
    """Whether the document passes the structure checks, after which the rules run."""
    return not list(_openapi_problems("spec.yaml", document, None))


# --- (1) every document we have -------------------------------------------------------------

_FIXTURES = sorted(
    path
    for pattern in ("*.yaml", "*.json")
    for path in (ROOT / "tests" / "fixtures").rglob(pattern)
    if path.name != "outcomes.json"
)
_CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.y*ml")) + sorted(
    (ROOT / "tests" / "corpus").glob("*.json")
)


def _read(path: Path) -> dict[str, Any] | None:
    """The document the rules would see, or None when it is refused before them."""
    try:
        if "corpus" in path.parts or path.parent.name == "specs":
            # Ours as loaded (overlays applied); published ones upgraded to 3.1 and repaired.
            document = load_spec(path).document
        else:
            document, _, _ = read_spec(path)
    except SpecError:
        return None  # YAML bombs and the like
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3.1"):
        return None
    return document if _sound(document) else None


def _documents() -> list[Any]:
    """Every spec, fixture and corpus document that reaches the rules; the large corpus
    document (minutes to read with the validator's dependencies) only in slow runs."""
    paths = [*sorted((ROOT / "specs").glob("*.yaml")), *_FIXTURES, *_CORPUS]
    cases = []
    for path in paths:
        name = str(path.relative_to(ROOT))
        if path.stat().st_size > 1_000_000:
            cases.append(pytest.param(path, id=name, marks=pytest.mark.slow))
        elif _read(path) is not None:
            cases.append(pytest.param(path, id=name))
    return cases


_REACHING = _documents()


@pytest.mark.parametrize("path", _REACHING)
def test_every_document_we_have_gets_the_validators_answers(path: Path) -> None:
    document = _read(path)
    assert document is not None
    assert ours(document) == theirs(document)


def test_most_documents_we_have_reach_the_rules() -> None:
    """The comparison above is not vacuous: the specs and most fixtures and corpus documents
    pass the structure checks."""
    assert len(_REACHING) >= 40, len(_REACHING)


# --- (2) one small document per rule --------------------------------------------------------


def _document(**parts: Any) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, **parts}


def _path(name: str, kind: str = "path") -> dict[str, Any]:
    parameter = {"name": name, "in": kind, "schema": {"type": "string"}}
    return parameter | ({"required": True} if kind == "path" else {})


def _get(*parameters: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"get": {"parameters": list(parameters), **more}}


def _schemas(**schemas: Any) -> dict[str, Any]:
    return _document(components={"schemas": schemas})


def _response(schema: Any) -> dict[str, Any]:
    media = {"application/json": {"schema": schema}}
    return {"responses": {"200": {"description": "ok", "content": media}}}


_DRAFT4 = "http://json-schema.org/draft-04/schema#"
_REF_A = {"$ref": "#/components/schemas/A"}

# (name, document, what ours says: the messages, or () for a near miss that passes)
RULES: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    (
        "duplicate tag",
        _document(tags=[{"name": "a"}, {"name": "b"}, {"name": "a"}]),
        ("Duplicate tag name 'a'",),
    ),
    ("distinct tags", _document(tags=[{"name": "a"}, {"name": "b"}]), ()),
    (
        "duplicate operation parameter",
        _document(paths={"/x": _get(_path("q", "query"), _path("q", "query"))}),
        ("Duplicate parameter 'q'",),
    ),
    (
        "duplicate path-level parameter",
        _document(
            paths={"/x": {"parameters": [_path("q", "query"), _path("q", "query")], "get": {}}}
        ),
        ("Duplicate parameter 'q'",),
    ),
    (
        "same name in two places",
        _document(paths={"/x": _get(_path("q", "query"), _path("q", "header"))}),
        (),
    ),
    (
        "same parameter on the path and the operation",
        _document(paths={"/x": {"parameters": [_path("q", "query")], **_get(_path("q", "query"))}}),
        (),
    ),
    (
        "duplicate through a $ref",
        _document(
            paths={"/x": _get({"$ref": "#/components/parameters/Q"}, _path("q", "query"))},
            components={"parameters": {"Q": _path("q", "query")}},
        ),
        ("Duplicate parameter 'q'",),
    ),
    (
        "template parameter not declared",
        _document(paths={"/a/{id}": _get()}),
        ("Path parameter 'id' for 'get' operation in '/a/{id}' was not resolved",),
    ),
    (
        "declared path parameter not in the template",
        _document(paths={"/a": {"get": {"parameters": [_path("id")]}, "post": {}}}),
        ("Path parameter 'id' for 'get' operation in '/a' was not resolved",),
    ),
    (
        "both ways, sorted",
        _document(paths={"/a/{b}/{a}": _get(_path("z"), _path("y"))}),
        tuple(
            f"Path parameter '{n}' for 'get' operation in '/a/{{b}}/{{a}}' was not resolved"
            for n in "abyz"
        ),
    ),
    (
        "template parameter declared on the path only",
        _document(paths={"/a/{id}": {"parameters": [_path("id")], "get": {}, "put": {}}}),
        (),
    ),
    (
        "path-level parameter missing from the template",
        _document(paths={"/a": {"parameters": [_path("id")], "get": {}, "put": {}}}),
        tuple(
            f"Path parameter 'id' for '{m}' operation in '/a' was not resolved"
            for m in ("get", "put")
        ),
    ),
    (
        "template parameter declared through a $ref",
        _document(
            paths={"/a/{id}": _get({"$ref": "#/components/parameters/Id"})},
            components={"parameters": {"Id": _path("id")}},
        ),
        (),
    ),
    (
        "template fields as str.format reads them",
        _document(paths={"/a/{}/{{b}}/{c!r}/{d:x}": _get(_path("c"), _path("d"))}),
        (),
    ),
    (
        "response default of the wrong type",
        _document(paths={"/a": {"get": _response({"type": "integer", "default": "x"})}}),
        ("'x' is not of type 'integer'",),
    ),
    (
        "request body default: not looked at",
        _document(
            paths={
                "/a": {
                    "post": {
                        "requestBody": {
                            "content": {
                                "application/json": {"schema": {"type": "integer", "default": "x"}}
                            }
                        }
                    }
                }
            }
        ),
        (),
    ),
    (
        "parameter default through $refs, said once",
        _document(
            paths={"/a": _get(*(_path(n, "query") | {"schema": _REF_A} for n in "qr"))},
            components={"schemas": {"A": {"type": "integer", "default": "x"}}},
        ),
        ("'x' is not of type 'integer'",),
    ),
    (
        "default beside a $ref: the target is read",
        _schemas(A={"type": "string"}, B={"properties": {"a": {**_REF_A, "default": 3}}}),
        (),
    ),
    (
        "nested defaults",
        _schemas(
            A={
                "type": "object",
                "properties": {"n": {"type": "integer", "minimum": 3, "default": 1}},
                "items": {"enum": ["a"], "default": "b"},
                "anyOf": [{"type": "string", "maxLength": 1, "default": "long"}],
                "not": {"default": 2, "type": "boolean"},
                "default": {"n": "1"},
            }
        ),
        (
            "1 is less than the minimum of 3",
            "'b' is not one of ['a']",
            "'long' is too long",
            "2 is not of type 'boolean'",
            "'1' is not of type 'integer'",
            "{'n': '1'} is not valid under any of the given schemas",
        ),
    ),
    (
        "null default, nullable",
        _schemas(A={"type": "integer", "nullable": True, "default": None}),
        (),
    ),
    (
        "null default, not nullable",
        _schemas(A={"type": "integer", "default": None}),
        ("None is not of type 'integer'",),
    ),
    (
        "allOf and required undefined",
        _schemas(A={"allOf": [{"properties": {"a": {}}}], "required": ["a", "b", "c"]}),
        (_REQUIRED + "['b', 'c']",),
    ),
    (
        "required defined deep inside allOf",
        _schemas(
            A={
                "allOf": [
                    {"oneOf": [{"items": {"not": {"properties": {"b": {}}}}}]},
                    {"$ref": "#/components/schemas/B"},
                ],
                "properties": {"a": {}},
                "required": ["a", "b", "c"],
            },
            B={"properties": {"c": {}}},
        ),
        (),
    ),
    ("required without allOf", _schemas(A={"required": ["x"]}), ()),
    (
        "allOf and required in a nested schema: not held",
        _schemas(A={"properties": {"p": {"allOf": [{}], "required": ["x"]}}}),
        (),
    ),
    (
        "a schema reached nested before its turn is not held",
        _schemas(
            A={"properties": {"b": {"$ref": "#/components/schemas/B"}}},
            B={"allOf": [{}], "required": ["x"]},
        ),
        (),
    ),
    (
        "a schema met at the top first is held",
        _schemas(
            B={"allOf": [{}], "required": ["x"]},
            A={"properties": {"b": {"$ref": "#/components/schemas/B"}}},
        ),
        (_REQUIRED + "['x']",),
    ),
    (
        "formats the validator checks",
        _schemas(
            **{
                f"S{i}": {"format": f, "default": v}
                for i, (f, v) in enumerate(
                    [
                        ("date", "2024-02-30"),
                        ("date-time", "2024-01-01 10:00:00Z"),
                        ("time", "10:00:00Z"),
                        ("email", "nobody"),
                        ("ipv4", "1.2.3"),
                        ("ipv6", "fe80::1%eth0"),
                        ("uuid", "12345678123456781234567812345678"),
                        ("regex", "("),
                        ("idn-hostname", "a..b"),
                    ]
                )
            },
            I={"format": "int32", "default": 2**40},
        ),
        (
            "'2024-02-30' is not a 'date'",
            "'2024-01-01 10:00:00Z' is not a 'date-time'",
            "'10:00:00Z' is not a 'time'",
            "'nobody' is not a 'email'",
            "'1.2.3' is not a 'ipv4'",
            "'fe80::1%eth0' is not a 'ipv6'",
            "'12345678123456781234567812345678' is not a 'uuid'",
            "'(' is not a 'regex'",
            "'a..b' is not a 'idn-hostname'",
            "1099511627776 is not a 'int32'",
        ),
    ),
    (
        "formats it passes, and values that fit",
        _schemas(
            **{
                f"S{i}": {"format": f, "default": v}
                for i, (f, v) in enumerate(
                    [
                        ("uri", "not a uri"),
                        ("hostname", "-"),
                        ("duration", "P"),
                        ("json-pointer", "x"),
                        ("date-time", "2024-01-01t10:00:00z"),
                        ("time", "10:00:00"),
                        ("int64", 2**40),
                        ("float", 1),
                        ("made-up", "x"),
                        ("date", 20240101),
                    ]
                )
            }
        ),
        (),
    ),
    (
        "pattern and multipleOf as Python reads them",
        _schemas(
            A={"pattern": "^\\S+$", "default": "a\x1cb"},
            B={"multipleOf": 0.1, "default": 0.3},
            C={"pattern": "^a$", "default": "a\n"},
        ),
        ("'a\\x1cb' does not match '^\\\\S+$'", "0.3 is not a multiple of 0.1"),
    ),
    (
        "OpenAPI vocabulary of the dialect",
        _schemas(
            A={"properties": {"a": {"discriminator": {"mapping": {}}}}},
            B={"xml": {"wrapped": 1}},
            C={"externalDocs": {"url": "x"}, "discriminator": {"propertyName": "k"}},
        ),
        ("'propertyName' is a required property", "1 is not of type 'boolean'"),
    ),
    (
        "a schema the meta-schema refuses is not walked",
        _schemas(A={"pattern": "(", "default": 1, "type": "string"}),
        ("'(' is not a 'regex'",),
    ),
    (
        "path-level parameter schemas are checked too",
        _document(
            paths={
                "/a": {
                    "parameters": [_path("q", "query") | {"schema": {"discriminator": {}}}],
                    "get": {},
                }
            }
        ),
        ("'propertyName' is a required property",),
    ),
    (
        "dialects",
        _schemas(
            A={"$schema": "urn:unknown", "type": "string"},
            B={"$schema": _DRAFT4, "exclusiveMinimum": 5},
            C={"$schema": _DRAFT4.rstrip("#"), "type": "string", "discriminator": {}},
            D={"$schema": "https://json-schema.org/draft/2020-12/schema", "xml": {"wrapped": 1}},
        ),
        ("Unknown JSON Schema dialect: 'urn:unknown'", "5 is not of type 'boolean'"),
    ),
    (
        "the document's dialect",
        _schemas(A={"type": "string"}, B={"$schema": _DRAFT4, "type": "string"})
        | {"jsonSchemaDialect": "urn:mine"},
        ("Unknown JSON Schema dialect: 'urn:mine'",),
    ),
    (
        "a known document dialect",
        _schemas(A={"type": "string", "discriminator": {}})
        | {"jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema"},
        (),
    ),
]


@pytest.mark.parametrize(("document", "said"), [pytest.param(d, s, id=n) for n, d, s in RULES])
def test_each_rule_gives_the_validators_answer(
    document: dict[str, Any], said: tuple[str, ...]
) -> None:
    assert _sound(document), list(_openapi_problems("spec.yaml", document, None))
    assert ours(document) == Counter(said)
    assert ours(document) == theirs(document)


def test_the_pointers_say_where() -> None:
    document = _document(
        tags=[{"name": "a"}, {"name": "a"}],
        paths={
            "/v1/{id}": {
                "parameters": [_path("q", "query"), _path("q", "query")],
                "get": _response({"$ref": "#/components/schemas/A"}),
            }
        },
        components={
            "schemas": {
                "A": {
                    "type": "object",
                    "properties": {"n": {"type": "integer"}},
                    "default": {"n": "1"},
                },
                "B": {"allOf": [{}], "required": ["x"], "properties": {"p": {"default": 1}}},
                "C": {"properties": {"p": {"discriminator": {}}}},
            }
        },
    )
    assert sorted(where for where, _ in semantic_findings(document)) == [
        "/components/schemas/A/default/n",
        "/components/schemas/B/required",
        "/components/schemas/C/properties/p/discriminator",
        "/paths/~1v1~1{id}/get",
        "/paths/~1v1~1{id}/parameters/1",
        "/tags/1/name",
    ]


def test_an_unbalanced_brace_is_a_problem_where_the_validator_fails() -> None:
    document = _document(paths={"/a/{id": _get(), "/b}": {"get": {}, "put": {}}})
    assert _sound(document)
    with pytest.raises(ValueError, match="expected '}' before end of string"):
        theirs(document)
    assert semantic_findings(document) == [
        (
            "/paths/~1a~1{id",
            "Path '/a/{id' is not a valid path template: expected '}' before end of string",
        ),
        (
            "/paths/~1b}",
            "Path '/b}' is not a valid path template: Single '}' encountered in format string",
        ),
    ]


def test_a_curated_spec_is_refused_on_a_rule_with_the_messages_it_always_had() -> None:
    document = _document(paths={"/a/{id}": _get()}, info={"title": "t", "version": "1"})
    problems = document_problems("spec.yaml", document)
    assert [(p.pointer, p.message, p.rule) for p in problems] == [
        (
            "/paths/~1a~1{id}/get",
            "not valid OpenAPI 3.1: Path parameter 'id' for 'get' operation in '/a/{id}' was "
            "not resolved",
            "openapi",
        )
    ]
    assert problems[0].fix == "correct this as the OpenAPI 3.1 specification requires"


def test_a_document_of_the_wrong_shape_is_refused_without_a_traceback() -> None:
    document = _document(paths=[1], components={"schemas": [1], "parameters": 3})
    problems = document_problems("spec.yaml", document)
    assert {p.pointer for p in problems} >= {"/paths", "/components/schemas"}


def test_our_copies_of_the_openapi_schemas_are_those_the_validators_ship() -> None:
    import openapi_schema_validator
    import openapi_spec_validator

    ours_folder = ROOT / "generator" / "load" / "schemas"
    shipped = {
        "openapi-3.1.json": Path(openapi_spec_validator.__file__).parent
        / "resources/schemas/v3.1/schema.json",
        "oas-3.1-dialect-base.json": Path(openapi_schema_validator.__file__).parent
        / "schemas/oas3.1/metaschema.json",
        "oas-3.1-meta-base.json": Path(openapi_schema_validator.__file__).parent
        / "schemas/oas3.1/vocabularies/base",
    }
    for name, theirs_path in shipped.items():
        assert json.loads((ours_folder / name).read_text()) == json.loads(theirs_path.read_text())


# --- (3) mutations of a curated spec ---------------------------------------------------------

_EVOLINK, _, _ = read_spec(ROOT / "specs" / "evolink.yaml")
_VALUES = st.sampled_from(
    ["x", "2024-01-01", "2024-13-01", "2024-01-01T00:00:00Z", "10:00:00", "a@b", "1.2.3.4",
     "::1", "(", "00000000-0000-0000-0000-000000000000", 3, -1, 2**31, 2**40, 0.5, 0.3, True,
     None, [], ["x"], {}, {"a": 1}]
)  # fmt: skip
# (format, a value that fits it or not, the type that goes with it)
_FORMATTED = st.sampled_from(
    [("date", v, "string") for v in ("2024-01-01", "2024-02-30", "2024-1-01", 20240101)]
    + [("date-time", v, "string") for v in ("2024-01-01T00:00:00Z", "2024-01-01t00:00:00z",
                                            "2024-01-01T00:00:00", "0000-01-01T00:00:00Z")]
    + [("time", v, "string") for v in ("10:00:00", "10:00:00Z", "25:00:00")]
    + [("email", v, "string") for v in ("a@b", "ab")]
    + [("ipv4", v, "string") for v in ("1.2.3.4", "1.2.3", "::1")]
    + [("ipv6", v, "string") for v in ("::1", "fe80::1%eth0", "1.2.3.4")]
    + [("uuid", v, "string") for v in ("00000000-0000-0000-0000-000000000000", "0" * 32, "x")]
    + [("regex", v, "string") for v in ("^a+$", "(", "(?P<n>x)")]
    + [("idn-hostname", v, "string") for v in ("example.com", "a..b", "-a")]
    + [(f, v, "string") for f in ("uri", "hostname", "byte", "password") for v in ("x y", "")]
    + [(f, v, "integer") for f in ("int32", "int64") for v in (3, 2**31, -(2**31), 2**40, 2**63)]
    + [(f, v, "number") for f in ("float", "double") for v in (0.5, 1, 2**70)]
)  # fmt: skip
_TYPES = st.sampled_from(["string", "integer", "number", "boolean", "array", "object", "null"])


def _schemas_in(node: Any) -> list[dict[str, Any]]:
    """Every schema object under `node` that the walk could reach (and more)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "type" in node or "properties" in node or "$ref" in node or "allOf" in node:
            found.append(node)
        for value in node.values():
            found += _schemas_in(value)
    elif isinstance(node, list):
        for value in node:
            found += _schemas_in(value)
    return found


def _operations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (url, operation)
        for url, item in document["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "delete", "patch")
    ]


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    document = copy.deepcopy(_EVOLINK)
    components = document["components"]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from([
            "drop path parameter", "rename path parameter", "duplicate parameter",
            "path-level parameter", "ref parameter", "allOf required", "default", "nullable",
            "format default", "ref with default", "ref schema", "tag", "rename path",
        ]))  # fmt: skip
        url, operation = draw(st.sampled_from(_operations(document)))
        parameters = operation.setdefault("parameters", [])
        schemas = _schemas_in(document["paths"]) + _schemas_in(components["schemas"])
        if kind == "drop path parameter" and parameters:
            del parameters[draw(st.integers(0, len(parameters) - 1))]
        elif kind == "rename path parameter" and parameters:
            parameters[0] = {**parameters[0], "name": draw(st.sampled_from(["task_id", "id", "x"]))}
        elif kind == "duplicate parameter":
            extra = draw(
                st.sampled_from([_path("q", "query"), _path("task_id"), _path("q", "header")])
            )
            parameters += [copy.deepcopy(extra) for _ in range(draw(st.integers(1, 2)))]
        elif kind == "path-level parameter":
            document["paths"][url].setdefault("parameters", []).append(
                draw(st.sampled_from([_path("task_id"), _path("other"), _path("q", "query")]))
            )
        elif kind == "ref parameter":
            components.setdefault("parameters", {})["P"] = draw(
                st.sampled_from([_path("task_id"), _path("q", "query") | {"schema": _REF_A}])
            )
            components["schemas"].setdefault("A", {"type": "integer", "default": draw(_VALUES)})
            parameters.append({"$ref": "#/components/parameters/P"})
        elif kind == "allOf required" and schemas:
            target = draw(st.sampled_from(schemas))
            names = [*(target.get("properties") or ()), "zz", "model"]
            target["allOf"] = [draw(st.sampled_from([{}, {"properties": {"zz": {}}}, _REF_A]))]
            target["required"] = sorted(set(draw(st.lists(st.sampled_from(names), min_size=1))))
            components["schemas"].setdefault("A", {"properties": {"model": {}}})
        elif kind in ("default", "nullable", "format default") and schemas:
            target = draw(st.sampled_from(schemas))
            target["default"] = draw(_VALUES)
            if kind == "nullable":
                target["default"] = None
                target["nullable"] = draw(st.sampled_from([True, False, "yes"]))
            if kind == "format default":
                target["format"], target["default"], target["type"] = draw(_FORMATTED)
        elif kind == "ref with default" and schemas:
            target = draw(st.sampled_from(schemas))
            name = draw(st.sampled_from(sorted(components["schemas"])))
            target.clear()
            target.update({"$ref": f"#/components/schemas/{name}", "default": draw(_VALUES)})
        elif kind == "ref schema" and parameters and isinstance(parameters[0], dict):
            if "schema" in parameters[0]:
                components["schemas"]["R"] = {"type": draw(_TYPES), "default": draw(_VALUES)}
                parameters[0]["schema"] = {"$ref": "#/components/schemas/R"}
        elif kind == "tag":
            document["tags"] = [
                {"name": n} for n in draw(st.lists(st.sampled_from("ab"), max_size=3))
            ]
        elif kind == "rename path":
            document["paths"][draw(st.sampled_from(["/v1/{id}/{task_id}", "/v2/{x}", "/v3"]))] = (
                document["paths"].pop(url)
            )
    return document


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_specs_get_the_validators_answers(document: dict[str, Any]) -> None:
    assume(_sound(document))
    assert ours(document) == theirs(document)
