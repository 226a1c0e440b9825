"""The round-trip driver: one call per operation of a generated package, under respx, proving
that the method sends what the spec says its arguments mean and reads what the spec says comes
back. Used on the gateway packages (tests/test_roundtrip.py) and on the corpus.

For each operation of the intermediate model (`generator.model.ir.Provider`):

1. Values, from the document itself: each parameter's example (`example`, the first usable of
   `examples`, its schema's `example`/`default`), the request body's documented example, and
   the success response's; where there is none, a deterministic sample of the schema
   (tests/samples.py). An example marked as defective (`x-example-defect`) or as a template
   (`x-placeholders`) is not a value to send.
2. The expected request, from the spec's serialization rules (tests/wire.py, written from the
   OpenAPI specification, not from our runtime): method; path with each value in its style,
   percent-encoded; query pairs in their style; the headers and cookies the spec names
   (parameters and the security scheme); the body in the media type chosen as the generator
   chooses (JSON and `+json` first, then multipart, form, binary, text).
3. The call, sync or async, against a respx route answering the response value in its media
   type; then the request is compared part by part, and the return value must hold what was
   served (the response model's fields, the list or primitive, the text, the bytes, or None).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import httpx
import respx

from generator.model.ir import Operation, Provider
from tests import wire
from tests.samples import sample

API_KEY = "sk-roundtrip-0123456789"
BASE_URL = "https://roundtrip.test/base"
NO_BODY = object()  # the request has no body
BINARY_ANSWER = b"roundtrip \x00\xff bytes"
BINARY_UPLOAD = b"roundtrip \x00\xff upload"
#: The order in which a body's media type is chosen among those the spec declares.
BODY_PREFERENCE = ("json", "multipart", "form", "binary", "text")


@dataclass(frozen=True)
class Expected:
    """What the request must be: method, raw path (percent-encoded, after the base URL's),
    query pairs, the headers the spec names (lower-case), the cookies, and the body with the
    kind of its media type and the fields that carry files."""

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    headers: Mapping[str, str]
    cookies: tuple[str, ...] = ()
    body: Any = NO_BODY
    body_kind: str = "json"
    media_types: tuple[str, ...] = ()  # what the spec allows for the body
    files: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Answer:
    """The response the route serves: status, kind (json, text, binary, none), value."""

    status: int
    kind: str
    value: Any
    media_type: str = "application/json"


@dataclass(frozen=True)
class RoundTrip:
    """One call of one operation: the arguments, the request they must make, and the answer."""

    operation: Operation
    arguments: dict[str, Any]
    expected: Expected
    answer: Answer
    sources: tuple[str, ...] = ()  # where each value came from, for failure messages
    method: tuple[str, ...] = ()  # the attributes that reach the method from a client

    @property
    def id(self) -> str:
        return ".".join(self.method)


def round_trips(provider: Provider, document: dict[str, Any]) -> list[RoundTrip]:
    """A round trip for every operation of the model, in its order."""
    paths = method_paths(provider)
    return [
        replace(_round_trip(provider, document, operation), method=paths[operation.pointer])
        for operation in provider.operations
    ]


def method_paths(provider: Provider) -> dict[str, tuple[str, ...]]:
    """Each operation's method as reached from a client (by the operation's pointer):
    `("get_pet",)`, or `("pets", "get_pet")` in a namespace of a big API."""
    paths = {op.pointer: (op.method_name,) for op in provider.operations}
    for namespace in getattr(provider, "namespaces", ()):
        for operation in namespace.operations:
            paths[operation.pointer] = (namespace.attribute, operation.method_name)
    return paths


def run(
    trip: RoundTrip,
    package: ModuleType,
    *,
    mode: str = "sync",
    client_options: Mapping[str, Any] | None = None,
) -> Any:
    """Make the call against respx, check the request and the returned value; return it."""
    options = {"api_key": API_KEY, "base_url": BASE_URL, **(client_options or {})}
    answer = trip.answer
    with respx.mock(assert_all_called=True) as router:
        response = wire.served(answer.status, answer.kind, answer.value, answer.media_type)
        route = router.route().mock(return_value=response)
        if mode == "sync":
            with package.Client(**options) as client:
                result = method_of(client, trip.method)(**trip.arguments)
                received = _received(result)
        else:

            async def call() -> tuple[Any, Any]:
                async with package.AsyncClient(**options) as client:
                    result = await method_of(client, trip.method)(**trip.arguments)
                    return result, await _areceived(result)

            result, received = asyncio.run(call())
    assert route.call_count == 1, f"{trip.id}: {route.call_count} requests, not 1"
    check_request(trip, route.calls.last.request)
    check_result(trip, package, result, received)
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
    sent_cookies = [c.strip() for c in request.headers.get("cookie", "").split(";") if c.strip()]
    wanted_cookies = [c.strip() for text in expected.cookies for c in text.split(";")]
    assert sorted(sent_cookies) == sorted(wanted_cookies), (
        f"{where}: cookies {sent_cookies}, expected {wanted_cookies}"
    )
    if expected.body is NO_BODY:
        assert request.read() == b"", f"{where}: a body was sent: {request.read()[:200]!r}"
        return
    content_type = request.headers.get("content-type", "")
    essence = content_type.split(";")[0].strip().lower()
    assert essence in {m.split(";")[0].strip().lower() for m in expected.media_types}, (
        f"{where}: content-type {content_type!r}, the spec allows {expected.media_types}"
    )
    assert wire.media_kind(essence) == expected.body_kind, (
        f"{where}: sent {essence}, expected a {expected.body_kind} body (chosen in the order "
        f"{', '.join(BODY_PREFERENCE)})"
    )
    problem = wire.body_problem(expected.body_kind, request, expected.body, set(expected.files))
    assert problem is None, f"{where}: body: {problem}"


def check_result(trip: RoundTrip, package: ModuleType, result: Any, received: Any) -> None:
    """The returned value holds what was served: the model's fields, the list or primitive,
    the text, the bytes (`received`, read inside the call's client), or None."""
    answer, name = trip.answer, trip.id
    if answer.kind == "none":
        assert result is None, f"{name}: returned {result!r} for a response without a body"
        return
    if answer.kind in ("text", "binary"):
        assert received == answer.value, f"{name}: returned {received!r:.200}"
        return
    model_name = trip.operation.response_class
    model = getattr(package.models, model_name, None) if model_name else None
    if model is not None and isinstance(answer.value, dict) and not _is_root(model):
        assert isinstance(result, model), f"{name}: returned {type(result).__name__}"
    held, served = _same_spelling(_jsonable(result)), _same_spelling(answer.value)
    assert wire.canonical(held) == wire.canonical(served), (
        f"{name}: the result holds {wire.canonical(held)[:300]}, served "
        f"{wire.canonical(served)[:300]}; first difference: {_difference(held, served)}"
    )


_UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")


def _same_spelling(value: Any) -> Any:
    """A JSON value with each UUID in lower case: a model that reads a `format: uuid` field
    gives back the same UUID, spelt as Python spells it."""
    if isinstance(value, str) and _UUID.match(value):
        return value.lower()
    if isinstance(value, list):
        return [_same_spelling(item) for item in value]
    if isinstance(value, dict):
        return {key: _same_spelling(item) for key, item in value.items()}
    return value


def _difference(held: Any, served: Any, at: str = "") -> str:
    """Where two JSON values first differ, as a JSON pointer with both values."""
    if isinstance(held, dict) and isinstance(served, dict):
        for key in sorted(set(held) | set(served)):
            if wire.canonical(held.get(key)) != wire.canonical(served.get(key)):
                return _difference(held.get(key), served.get(key), f"{at}/{key}")
    if isinstance(held, list) and isinstance(served, list) and len(held) == len(served):
        for index, (one, other) in enumerate(zip(held, served, strict=True)):
            if wire.canonical(one) != wire.canonical(other):
                return _difference(one, other, f"{at}/{index}")
    return f"{at or '/'}: {wire.canonical(held)[:80]} held, {wire.canonical(served)[:80]} served"


def _is_root(model: type) -> bool:
    return "root" in getattr(model, "model_fields", {})


def _jsonable(value: Any) -> Any:
    """A returned value as JSON: models as their fields by wire name (only those set)."""
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    return value


def _received(result: Any) -> Any:
    """The bytes of a binary response (read while its client is open), else the result."""
    read = getattr(result, "read", None)
    return read() if callable(read) else result


async def _areceived(result: Any) -> Any:
    read = getattr(result, "read", None)
    if not callable(read):
        return result
    data = read()
    return await data if asyncio.iscoroutine(data) else data


def method_of(client: Any, path: tuple[str, ...]) -> Any:
    """The client's method at `path` (see `method_paths`)."""
    target = client
    for attribute in path:
        target = getattr(target, attribute)
    return target


def _round_trip(provider: Provider, document: dict[str, Any], operation: Operation) -> RoundTrip:
    raw = _at(document, operation.pointer)
    sources: list[str] = []
    arguments: dict[str, Any] = {}
    # A path's own query (`/responses?beta=true`) comes first, then the parameters'.
    path, _, fixed = operation.path.partition("?")
    query: list[tuple[str, str]] = parse_qsl(fixed, keep_blank_values=True)
    headers = dict(_security_headers(document, raw))
    cookies: list[str] = []
    spec_parameters = _parameters(document, raw)
    for parameter in operation.parameters:
        if parameter.location in ("body", "content"):  # a body field, or the whole body
            continue
        spec = spec_parameters[(parameter.json_name, parameter.location)]
        value, source = _parameter_value(document, spec, operation, parameter.json_name)
        sources.append(f"{parameter.json_name}: {source}")
        arguments[parameter.name] = value
        style, explode = wire.style_of(spec)
        if "content" in spec:  # a value described by a media type: sent as its JSON text
            value = wire.scalar(value) if isinstance(value, (dict, list)) else value
        if parameter.location == "path":
            segment = wire.path_segment(parameter.json_name, value, style, explode)
            path = path.replace("{" + parameter.json_name + "}", segment)
        elif parameter.location == "query":
            query += wire.query(parameter.json_name, value, style, explode)
        elif parameter.location == "header":
            headers[parameter.json_name.lower()] = wire.simple(value, explode)
        elif parameter.location == "cookie":
            cookies.append(wire.cookie(parameter.json_name, value, explode))
        else:
            raise AssertionError(f"{operation.pointer}: unknown location {parameter.location}")
    body_fields = (
        _request_body(document, raw, operation, arguments, sources) if operation.has_body else {}
    )
    expected = Expected(
        operation.http_method, path, tuple(query), headers, tuple(cookies), **body_fields
    )
    answer = _answer(provider, document, raw, operation, sources)
    return RoundTrip(operation, arguments, expected, answer, tuple(sources))


def _request_body(
    document: dict[str, Any],
    raw: dict[str, Any],
    operation: Operation,
    arguments: dict[str, Any],
    sources: list[str],
) -> dict[str, Any]:
    """The body's value (into `arguments`) and the fields of `Expected` that describe it."""
    body = _resolve(document, raw["requestBody"])
    content = body.get("content") or {}
    kinds = {media: wire.media_kind(media) for media in content}
    media_type = next(
        (m for kind in BODY_PREFERENCE for m in content if kinds[m] == kind),
        None,
    )
    assert media_type is not None, f"{operation.pointer}: the body declares no media type"
    kind = kinds[media_type]
    media = content[media_type] or {}
    schema = media.get("schema") or {}
    files = _file_fields(document, schema) if kind == "multipart" else frozenset()
    documented = _documented(media)
    if documented is None and kind == "binary":
        documented = (BINARY_UPLOAD, "fixed bytes")
    elif documented is None:
        where = f"{operation.pointer}/requestBody/content/{media_type.replace('/', '~1')}/schema"
        documented = (sample(document, schema, where), "schema sample")
    value, source = documented
    if kind == "multipart":
        value = {
            k: (v.encode() if k in files and isinstance(v, str) else v) for k, v in value.items()
        }
    elif kind == "binary":
        value = value.encode() if isinstance(value, str) else value
    sources.append(f"body ({media_type}): {source}")
    whole = operation.body_argument
    if whole is not None:  # one argument takes the whole body: a union, list, bytes, text...
        arguments[whole.name] = value
    elif not isinstance(value, dict):
        raise AssertionError(f"{operation.pointer}: the body's value {value!r:.80} is no object")
    else:
        names = operation.body_argument_names
        arguments.update({names[k]: v for k, v in value.items() if k in names})
        extra = {k: v for k, v in value.items() if k not in names}
        if extra:  # fields the example has and the schema does not declare
            arguments[operation.options["extra_body"]] = extra
    return {
        "body": value,
        "body_kind": kind,
        "media_types": tuple(content),
        "files": files,
    }


def _file_fields(document: dict[str, Any], schema: Any) -> frozenset[str]:
    """The multipart fields that carry files: `format: binary` (or arrays of it), or 3.1's
    `contentMediaType` without a JSON type."""
    target = _resolve(document, schema)
    found = set()
    for name, prop in (target.get("properties") or {}).items():
        prop = _resolve(document, prop)
        item = _resolve(document, prop.get("items") or {}) if prop.get("type") == "array" else prop
        if item.get("format") == "binary" or ("contentMediaType" in item and "type" not in item):
            found.add(name)
    return frozenset(found)


def _parameters(document: dict[str, Any], raw: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """The operation's parameters by (name, location), path-level ones included (the
    operation's own win)."""
    found: dict[tuple[str, str], Any] = {}
    for holder in (raw.get("__path_item__") or {}, raw):
        for parameter in holder.get("parameters") or []:
            parameter = _resolve(document, parameter)
            found[(parameter.get("name"), parameter.get("in"))] = parameter
    return found


def _parameter_value(
    document: dict[str, Any], spec: dict[str, Any], operation: Operation, name: str
) -> tuple[Any, str]:
    media = next(iter((spec.get("content") or {}).values()), None)
    holder = media if isinstance(media, dict) and "schema" not in spec else spec
    documented = _documented(spec) or _documented(holder)
    if documented is not None:
        return documented
    schema = holder.get("schema") or {}
    where = f"{operation.pointer}/parameters/{name}"
    return sample(document, schema, where), "schema sample"


def _answer(
    provider: Provider,
    document: dict[str, Any],
    raw: dict[str, Any],
    operation: Operation,
    sources: list[str],
) -> Answer:
    """The first success response the model knows, and a value to serve for it."""
    statuses = sorted(r.status for r in operation.responses if r.status.startswith("2"))
    if not statuses and any(r.status == "default" for r in operation.responses):
        statuses = ["default"]  # the only documented answer: taken as the success
    assert statuses, f"{operation.pointer}: the model has no success response"
    status = statuses[0]
    code = int(status) if status.isdigit() else 200  # "2XX" or "default": a 200 will do
    response = _resolve(document, (raw.get("responses") or {}).get(status) or {})
    content = response.get("content") or {}
    if not content:
        sources.append("response: no body")
        return Answer(code, "none", None)
    media_type = next((m for m in content if wire.media_kind(m) == "json"), next(iter(content)))
    kind = wire.media_kind(media_type)
    if kind not in ("json", "text"):
        sources.append(f"response ({media_type}): fixed bytes")
        return Answer(code, "binary", BINARY_ANSWER, media_type)
    media = content[media_type] or {}
    documented = _documented(media)
    if documented is None:
        where = f"{operation.pointer}/responses/{status}/content/{media_type.replace('/', '~1')}"
        value = sample(document, media.get("schema") or {}, where + "/schema")
        envelope = provider.envelope
        if envelope and isinstance(value, dict):  # a sampled answer must say it succeeded
            _put(value, envelope.code, envelope.success[0])
        documented = (value, "schema sample")
    value, source = documented
    sources.append(f"response ({media_type}): {source}")
    if kind == "text":
        value = value if isinstance(value, str) else wire.scalar(value)
    return Answer(code, kind, value, media_type)


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
