"""A round trip per operation of each gateway package (tests/roundtrip.py): the method sends
what the spec says its arguments mean, and returns the response model holding what came back."""

from __future__ import annotations

import copy
import importlib
from dataclasses import replace
from functools import cache
from types import SimpleNamespace
from typing import Any, cast

import pytest

from generator.load.loader import load_spec
from generator.model.ir import Provider, build_provider
from generator.model.operations import Operation, Parameter, Response
from tests.roundtrip import (
    API_KEY,
    BINARY_UPLOAD,
    NO_BODY,
    Expected,
    RoundTrip,
    check_result,
    round_trips,
    run,
)
from tests.spec_cases import ROOT, providers


@cache
def _trips(name: str) -> tuple[list[RoundTrip], dict[str, Any]]:
    spec = load_spec(ROOT / "specs" / f"{name}.yaml")
    return round_trips(build_provider(spec), spec.document), spec.document


CASES = [(name, trip) for name in providers() for trip in _trips(name)[0]]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(("provider", "trip"), CASES, ids=[f"{p}-{t.id}" for p, t in CASES])
def test_every_operation_sends_what_its_arguments_say(
    provider: str, trip: RoundTrip, mode: str
) -> None:
    run(trip, importlib.import_module(f"{provider}_client"), mode=mode)


def test_every_operation_of_every_gateway_has_a_round_trip() -> None:
    for name in providers():
        trips, document = _trips(name)
        declared = sum(
            method in item for item in document["paths"].values() for method in ("get", "post")
        )
        assert len(trips) == declared >= 2


def _without_examples(node: Any) -> Any:
    """The document with every example taken out (schema defaults stay: they are rules)."""
    if isinstance(node, dict):
        return {
            k: _without_examples(v) for k, v in node.items() if k not in ("example", "examples")
        }
    if isinstance(node, list):
        return [_without_examples(item) for item in node]
    return node


@pytest.mark.parametrize("provider", providers())
def test_schema_samples_stand_in_for_missing_examples(provider: str) -> None:
    """With no example left, every value is sampled from its schema, and the client accepts
    it, sends it as the spec says and parses the sampled answer."""
    spec = load_spec(ROOT / "specs" / f"{provider}.yaml")
    trips = round_trips(build_provider(spec), _without_examples(spec.document))
    assert trips
    for trip in trips:
        assert all(source.endswith(("schema sample", "schema default")) for source in trip.sources)
        run(trip, importlib.import_module(f"{provider}_client"))


def test_a_request_that_differs_from_the_spec_fails_naming_the_part() -> None:
    trips, _ = _trips("evolink")
    create = next(t for t in trips if t.expected.body is not NO_BODY)
    package = importlib.import_module("evolink_client")
    wrong_body = replace(create, expected=replace(create.expected, body={"model": "other"}))
    with pytest.raises(AssertionError, match=r"create_video_generation .*: body"):
        run(wrong_body, package)
    wrong_path = replace(create, expected=replace(create.expected, path="/v1/other"))
    with pytest.raises(AssertionError, match=r": path '/base/v1/videos/generations'"):
        run(wrong_path, package)
    wrong_header = replace(
        create, expected=replace(create.expected, headers={"authorization": "Bearer other"})
    )
    with pytest.raises(AssertionError, match="header authorization"):
        run(wrong_header, package)
    poll = next(t for t in trips if t.expected.body is NO_BODY)
    wrong_query = replace(poll, expected=replace(poll.expected, query=(("x", "1"),)))
    with pytest.raises(AssertionError, match=": query"):
        run(wrong_query, package)


def test_an_answer_the_model_does_not_hold_fails() -> None:
    trips, _ = _trips("evolink")
    poll = next(t for t in trips if t.expected.body is NO_BODY)
    package = importlib.import_module("evolink_client")
    result = run(poll, package)
    with pytest.raises(AssertionError, match="the result holds"):
        changed = replace(poll.answer, value={**poll.answer.value, "id": "another"})
        check_result(replace(poll, answer=changed), package, result, result)


def test_path_values_are_percent_encoded_as_the_spec_s_simple_style_says() -> None:
    spec = load_spec(ROOT / "specs" / "evolink.yaml")
    document = copy.deepcopy(spec.document)
    poll = next(op for op in build_provider(spec).operations if op.path_parameters)
    parameter = _at_pointer(document, poll.pointer)["parameters"][0]
    parameter.pop("examples", None)
    parameter["example"] = "task/1 ü?"
    trip = next(t for t in round_trips(build_provider(spec), document) if t.operation == poll)
    assert trip.expected.path.endswith("/task%2F1%20%C3%BC%3F")
    run(trip, importlib.import_module("evolink_client"))


def _at_pointer(document: dict[str, Any], pointer: str) -> Any:
    node: Any = document
    for token in pointer.split("/")[1:]:
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def _operation(path: str, method: str, *parameters: Parameter, has_body: bool = False) -> Any:
    return Operation(
        operation_id="op",
        method_name="op",
        constant="OP",
        http_method=method.upper(),
        path=path,
        summary="",
        description="",
        parameters=parameters,
        has_body=has_body,
        response_class="Answer",
        request_examples=(),
        response_examples=(),
        responses=(Response("204", None, ()),),
        pointer=f"/paths/{path.replace('/', '~1')}/{method}",
    )


def _parameter(name: str, location: str, argument: str | None = None) -> Parameter:
    return Parameter(argument or name, name, location, "str", True, "")


KINDS_DOCUMENT: dict[str, Any] = {
    "security": [{"key": []}],
    "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}}},
    "paths": {
        "/pets/{petId}": {
            "parameters": [{"name": "petId", "in": "path", "required": True, "example": "a b"}],
            "put": {
                "parameters": [
                    {"name": "X-Version", "in": "header", "schema": {"type": "integer"}},
                    {"name": "session", "in": "cookie", "example": "s1"},
                    {
                        "name": "filter",
                        "in": "query",
                        "style": "deepObject",
                        "explode": True,
                        "example": {"kind": "cat"},
                    },
                    {
                        "name": "where",
                        "in": "query",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["a"],
                                    "properties": {"a": {"type": "integer"}},
                                }
                            }
                        },
                    },
                ],
                "requestBody": {
                    "content": {
                        "application/x-www-form-urlencoded": {"schema": {"type": "object"}},
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["photo", "name"],
                                "properties": {
                                    "photo": {"type": "string", "format": "binary"},
                                    "name": {"type": "string"},
                                },
                            }
                        },
                    }
                },
                "responses": {"204": {"description": "done"}},
            },
        },
        "/raw": {
            "post": {
                "security": [],
                "requestBody": {"content": {"application/octet-stream": {}}},
                "responses": {"204": {"description": "stored"}},
            }
        },
    },
}


def test_the_driver_expects_what_the_spec_says_for_each_location_and_body_kind() -> None:
    """The parts the gateways do not use yet (header, cookie, deepObject, multipart with a file,
    a whole binary body, no response body), on a hand-made model of two operations."""
    pets = _operation(
        "/pets/{petId}",
        "put",
        _parameter("petId", "path", "pet_id"),
        _parameter("X-Version", "header", "x_version"),
        _parameter("session", "cookie"),
        _parameter("filter", "query"),
        _parameter("where", "query"),
        _parameter("photo", "body"),
        _parameter("name", "body"),
        has_body=True,
    )
    raw = _operation("/raw", "post", _parameter("", "content", "body"), has_body=True)
    model = cast(Provider, SimpleNamespace(operations=(pets, raw), envelope=None))
    first, second = round_trips(model, KINDS_DOCUMENT)
    assert first.arguments == {
        "pet_id": "a b",
        "x_version": 1,
        "session": "s1",
        "filter": {"kind": "cat"},
        "where": {"a": 1},
        "photo": b"sample",
        "name": "sample",
    }
    assert first.expected == Expected(
        "PUT",
        "/pets/a%20b",
        (("filter[kind]", "cat"), ("where", '{"a":1}')),
        {"x-key": API_KEY, "x-version": "1"},
        ("session=s1",),
        body={"photo": b"sample", "name": "sample"},
        body_kind="multipart",
        media_types=("application/x-www-form-urlencoded", "multipart/form-data"),
        files=frozenset({"photo"}),
    )
    assert (first.answer.status, first.answer.kind) == (204, "none")
    assert second.arguments == {"body": BINARY_UPLOAD}
    assert second.expected.headers == {}  # `security: []`: no key for this operation
    assert second.expected.body_kind == "binary"
