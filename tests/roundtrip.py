"""The round-trip driver: one call per operation of a generated package, under respx, proving
that the method sends what the spec says its arguments mean and reads what the spec says comes
back. Used on the gateway packages (tests/test_roundtrip.py) and on the corpus.

For each operation of the intermediate model (`generator.model.ir.Provider`):

1. Values, from the document itself: each parameter's example (`example`, the first usable of
   `examples`, its schema's `example`/`default`), the request body's documented example, and
   the success response's; where there is none, a deterministic sample of the schema
   (tests/samples.py). An example marked as defective (`x-example-defect`) or as a template
   (`x-placeholders`) is not a value to send.
2. Expected request, computed here from the spec's serialization rules (not from the runtime):
   method; path with each value in simple style, percent-encoded; query pairs in form style;
   the headers the spec names (security scheme, header parameters); the JSON body.
3. The call, sync or async, against a respx route answering the response value; then the
   request is compared field by field, and the return value must be the response's model,
   holding the served JSON.

Kinds the model does not have yet (header and cookie parameters, non-JSON bodies, binary
responses, namespaces) each have one place here (`_serialize`, `_expected_body`, `_served`,
`_method`), so supporting one is a small change there.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any
from urllib.parse import quote

import httpx
import respx

from generator.model.ir import Operation, Provider
from tests.samples import sample

API_KEY = "sk-roundtrip-0123456789"
BASE_URL = "https://roundtrip.test/base"
JSON_TYPES = ("application/json",)
NO_BODY = object()  # the request has no body


@dataclass(frozen=True)
class Expected:
    """What the request must be: method, raw path (percent-encoded), query pairs in order of
    the spec's parameters, the headers the spec names (lower-case names) and the JSON body."""

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    headers: Mapping[str, str]
    body: Any = NO_BODY


@dataclass(frozen=True)
class RoundTrip:
    """One call of one operation: the arguments, the request they must make, and the answer."""

    operation: Operation
    arguments: dict[str, Any]
    expected: Expected
    status: int
    answer: Any  # the JSON the route serves
    sources: tuple[str, ...] = field(default=())  # where each value came from, for failures

    @property
    def id(self) -> str:
        return self.operation.method_name


def round_trips(provider: Provider, document: dict[str, Any]) -> list[RoundTrip]:
    """A round trip for every operation of the model, in its order."""
    return [_round_trip(provider, document, operation) for operation in provider.operations]


def run(
    trip: RoundTrip,
    package: ModuleType,
    *,
    mode: str = "sync",
    client_options: Mapping[str, Any] | None = None,
) -> Any:
    """Make the call against respx, check the request and the parsed answer; return the result."""
    options = {"api_key": API_KEY, "base_url": BASE_URL, **(client_options or {})}
    with respx.mock(assert_all_called=True) as router:
        route = router.route().mock(return_value=_served(trip))
        if mode == "sync":
            with package.Client(**options) as client:
                result = _method(client, trip.operation)(**trip.arguments)
        else:

            async def call() -> Any:
                async with package.AsyncClient(**options) as client:
                    return await _method(client, trip.operation)(**trip.arguments)

            result = asyncio.run(call())
    assert route.call_count == 1, f"{trip.id}: {route.call_count} requests, not 1"
    check_request(trip, route.calls.last.request)
    check_result(trip, package, result)
    return result


def check_request(trip: RoundTrip, request: httpx.Request) -> None:
    """The request is the expected one, part by part (each mismatch says which part)."""
    expected, where = trip.expected, f"{trip.id} (values from {', '.join(trip.sources)})"
    assert request.method == expected.method, f"{where}: method {request.method}"
    raw_path, _, _ = request.url.raw_path.decode("ascii").partition("?")
    assert raw_path == httpx.URL(BASE_URL).raw_path.decode() + expected.path, (
        f"{where}: path {raw_path!r}, expected {expected.path!r} under the base URL"
    )
    assert tuple(request.url.params.multi_items()) == expected.query, (
        f"{where}: query {request.url.params.multi_items()}, expected {expected.query}"
    )
    for name, value in expected.headers.items():
        assert request.headers.get(name) == value, (
            f"{where}: header {name} is {request.headers.get(name)!r}, expected {value!r}"
        )
    if expected.body is NO_BODY:
        assert request.content == b"", f"{where}: a body was sent: {request.content[:200]!r}"
        return
    assert request.headers.get("content-type", "").startswith("application/json"), (
        f"{where}: content-type {request.headers.get('content-type')!r}"
    )
    assert canonical(json.loads(request.content)) == canonical(expected.body), (
        f"{where}: body {request.content[:500]!r}, expected {canonical(expected.body)[:500]}"
    )


def check_result(trip: RoundTrip, package: ModuleType, result: Any) -> None:
    """The answer parsed into the operation's response model, holding what was served."""
    model = getattr(package.models, trip.operation.response_class)
    assert isinstance(result, model), f"{trip.id}: returned {type(result).__name__}"
    dumped = result.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert canonical(dumped) == canonical(trip.answer), (
        f"{trip.id}: the model holds {canonical(dumped)[:300]}, "
        f"served {canonical(trip.answer)[:300]}"
    )


def canonical(value: Any) -> str:
    """JSON text that tells 5 from 5.0 and "5" from 5, whatever the key order."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _method(client: Any, operation: Operation) -> Any:
    """The client's method for an operation (a dotted name reaches into a namespace)."""
    target = client
    for part in operation.method_name.split("."):
        target = getattr(target, part)
    return target


def _round_trip(provider: Provider, document: dict[str, Any], operation: Operation) -> RoundTrip:
    raw = _at(document, operation.pointer)
    sources: list[str] = []
    arguments: dict[str, Any] = {}
    path = operation.path
    query: list[tuple[str, str]] = []
    headers = dict(_security_headers(document, raw))
    spec_parameters = _parameters(document, raw)
    for parameter in operation.parameters:
        if parameter.location == "body":
            continue
        spec = spec_parameters[(parameter.json_name, parameter.location)]
        value, source = _parameter_value(document, spec, operation, parameter.json_name)
        sources.append(f"{parameter.json_name}: {source}")
        arguments[parameter.name] = value
        if parameter.location == "path":
            path = path.replace("{" + parameter.json_name + "}", quote(_text(value), safe=""))
        elif parameter.location == "query":
            query += _serialize(parameter.json_name, value)
        elif parameter.location == "header":
            headers[parameter.json_name.lower()] = _text(value)
        else:
            raise AssertionError(f"{operation.pointer}: no round trip for {parameter.location}")
    body: Any = NO_BODY
    if operation.has_body:
        body, source = _expected_body(document, raw, operation)
        sources.append(f"body: {source}")
        names = operation.body_argument_names
        extra = {k: v for k, v in body.items() if k not in names}
        arguments.update({names[k]: v for k, v in body.items() if k in names})
        if extra:  # fields the example has and the schema does not declare
            arguments[operation.options["extra_body"]] = extra
    status, answer, source = _answer(provider, document, raw, operation)
    sources.append(f"response: {source}")
    expected = Expected(operation.http_method, path, tuple(query), headers, body)
    return RoundTrip(operation, arguments, expected, status, answer, tuple(sources))


def _parameters(document: dict[str, Any], raw: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """The operation's parameters by (name, location), path-level ones included."""
    found: dict[tuple[str, str], Any] = {}
    for holder in (raw.get("__path_item__") or {}, raw):
        for parameter in holder.get("parameters") or []:
            parameter = _resolve(document, parameter)
            found[(parameter.get("name"), parameter.get("in"))] = parameter
    return found


def _parameter_value(
    document: dict[str, Any], spec: dict[str, Any], operation: Operation, name: str
) -> tuple[Any, str]:
    documented = _documented(spec)
    if documented is not None:
        return documented
    schema = spec.get("schema") or {}
    where = f"{operation.pointer}/parameters/{name}"
    return sample(document, schema, where), "schema sample"


def _expected_body(
    document: dict[str, Any], raw: dict[str, Any], operation: Operation
) -> tuple[Any, str]:
    body = _resolve(document, raw["requestBody"])
    media_type = next((m for m in body.get("content") or {} if m in JSON_TYPES), None)
    if media_type is None:
        raise AssertionError(f"{operation.pointer}: no round trip for a non-JSON body yet")
    media = body["content"][media_type]
    value = _documented(media)
    if value is None:
        where = f"{operation.pointer}/requestBody/content/{media_type.replace('/', '~1')}/schema"
        value = (sample(document, media.get("schema") or {}, where), "schema sample")
    if not isinstance(value[0], dict):
        raise AssertionError(f"{operation.pointer}: no round trip for a non-object body yet")
    return value


def _answer(
    provider: Provider, document: dict[str, Any], raw: dict[str, Any], operation: Operation
) -> tuple[int, Any, str]:
    """The success status of the model's response and the JSON to serve for it."""
    success = sorted(r.status for r in operation.responses if r.status.startswith("2"))[0]
    response = _resolve(document, (raw.get("responses") or {}).get(success) or {})
    media = (response.get("content") or {}).get("application/json") or {}
    documented = _documented(media)
    if documented is not None:
        return int(success), documented[0], documented[1]
    where = f"{operation.pointer}/responses/{success}/content/application~1json/schema"
    answer = sample(document, media.get("schema") or {}, where)
    envelope = provider.envelope
    if envelope and isinstance(answer, dict):  # a sampled answer must say it succeeded
        _put(answer, envelope.code, envelope.success[0])
    return int(success), answer, "schema sample"


def _served(trip: RoundTrip) -> httpx.Response:
    return httpx.Response(trip.status, json=trip.answer)


def _documented(holder: dict[str, Any]) -> tuple[Any, str] | None:
    """The first usable documented value of a parameter or media type, with its origin."""
    if "example" in holder:
        return holder["example"], "example"
    for key, example in (holder.get("examples") or {}).items():
        if isinstance(example, dict) and "value" in example and _usable(example):
            return example["value"], f"example {key!r}"
    schema = holder.get("schema")
    if isinstance(schema, dict):
        for keyword in ("example", "default"):
            if keyword in schema:
                return schema[keyword], f"schema {keyword}"
    return None


def _usable(example: dict[str, Any]) -> bool:
    """Not marked as defective or as holding template variables by our curation."""
    return not example.get("x-example-defect") and not example.get("x-placeholders")


def _serialize(name: str, value: Any) -> list[tuple[str, str]]:
    """Query pairs in the default style (form, exploded): a list repeats the name."""
    if value is None:
        return []
    if isinstance(value, list):
        return [(name, _text(item)) for item in value]
    if isinstance(value, dict):
        return [(key, _text(item)) for key, item in value.items()]
    return [(name, _text(value))]


def _text(value: Any) -> str:
    """A primitive as a URL or header carries it: JSON's spelling of booleans."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _security_headers(document: dict[str, Any], raw: dict[str, Any]) -> dict[str, str]:
    """The headers the operation's first security requirement names, with our key."""
    requirements = raw.get("security", document.get("security")) or []
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    headers: dict[str, str] = {}
    for name in (requirements[0] if requirements else {}) or {}:
        scheme = _resolve(document, schemes.get(name) or {})
        if scheme.get("type") == "http" and str(scheme.get("scheme")).lower() == "bearer":
            headers["authorization"] = f"Bearer {API_KEY}"
        elif scheme.get("type") == "apiKey" and scheme.get("in") == "header":
            headers[str(scheme["name"]).lower()] = API_KEY
    return headers


def _at(document: dict[str, Any], pointer: str) -> dict[str, Any]:
    """The operation object at `pointer`, with its path item under `__path_item__`."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    item = document["paths"][tokens[1]]
    return {**item[tokens[2]], "__path_item__": item}


def _resolve(document: dict[str, Any], node: Any) -> Any:
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        assert ref.startswith("#/") and ref not in seen, f"cannot follow $ref {ref!r}"
        seen.add(ref)
        node = document
        for token in ref[2:].split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def _put(document: dict[str, Any], pointer: str, value: Any) -> None:
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    target: Any = document
    for token in tokens[:-1]:
        target = target.setdefault(token, {})
    target[tokens[-1]] = value
