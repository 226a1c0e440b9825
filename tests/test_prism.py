"""The specs and the generated clients, proven against Prism, an OpenAPI mock server and request
validator that shares no code with gatewaygen.

Each spec is served by `prism mock` on 127.0.0.1, and the generated sync client is pointed at it.
What this proves:

* Every documented request example, sent through the client, is a request Prism finds valid
  (no `sl-violations` header), and the client parses Prism's answer into the operation's
  response model. The one exception is an example that carries a template placeholder of the
  docs ("{{first_frame_url}}"): that is no URI, so sent verbatim Prism refuses it for exactly
  the placeholder field (`format: uri`), and with a real URL in its place it passes.
* Responses that Prism makes up from the response schemas (`Prefer: dynamic=true`: every
  optional field, random values, extra properties) parse with the client too. (Where the spec
  declares an `x-envelope`, a random envelope code reports a failure: the client raises the
  envelope's error, and the response model still takes the body.)
* A request that breaks exactly one constraint of the spec (tests/violations.py derives them from
  the schemas) is refused by Prism, which names the field; the client, with its own validation
  switched off, raises the `APIStatusError` subclass of Prism's status; with validation on the
  client refuses the same arguments itself, naming the same field, and sends nothing.
* A response example the spec marks `x-example-defect` really breaks the response schema: Prism
  flags it, and the client refuses to parse it.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from generator.model.ir import Operation
from generator.runtime import json_pointer
from tests.spec_cases import (
    API_KEY,
    ROOT,
    Call,
    body_kwargs,
    calls,
    package,
    parameter_kwargs,
    provider,
    providers,
)
from tests.tools import free_port, node_tool, tool_env
from tests.violations import (
    REAL_URL,
    Violation,
    from_pointer,
    valid_bodies,
    violations,
    with_value,
)

PROVIDERS = providers()
CALLS = calls()
VIOLATIONS = violations()
OPERATIONS = [(name, op) for name in PROVIDERS for op in provider(name).operations]
DEFECTS = [
    (name, operation, response.status, example.key)
    for name, operation in OPERATIONS
    for response in operation.responses
    if response.status.startswith("2")
    for example in response.examples
    if example.defect
]
STARTUP_SECONDS = 60.0
DYNAMIC_RUNS = 5  # dynamic answers are random: a few draws per operation
DYNAMIC = {"Prefer": "dynamic=true"}
ERROR_CLASSES = {400: "BadRequestError", 422: "UnprocessableEntityError"}
# One TLS context for every test's HTTP pool: Prism speaks plain HTTP, but building a context
# (loading the CA bundle) per test would cost more than the requests themselves.
TLS = httpx.create_ssl_context()

Report = tuple[tuple[str, ...], str, str]  # (location, code, message) of one Prism violation


# -- Prism ------------------------------------------------------------------------------------


@dataclass
class PrismServer:
    """One `prism mock` process; its output is read all along (a full pipe would stall it)."""

    name: str
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)
    url: str | None = None
    listening: threading.Event = field(default_factory=threading.Event)
    reader: threading.Thread | None = None

    @classmethod
    def start(cls, prism: list[str], name: str) -> PrismServer:
        command = [*prism, "mock", f"specs/{name}.yaml", "-h", "127.0.0.1"]
        command += ["-p", str(free_port())]
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=tool_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        server = cls(name, process)
        server.reader = threading.Thread(target=server._read, daemon=True)
        server.reader.start()
        return server

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            found = re.search(r"Prism is listening on (http://127\.0\.0\.1:\d+)", line)
            if found and self.url is None:
                self.url = found.group(1)
                self.listening.set()
        self.listening.set()  # the process ended: stop waiting for it

    def wait(self, deadline: float) -> str:
        """The URL Prism listens on, once it says so; fails with its output otherwise."""
        self.listening.wait(max(deadline - time.monotonic(), 0.0))
        if self.url is None:
            state = "exited" if self.process.poll() is not None else "did not start in time"
            pytest.fail(f"prism mock specs/{self.name}.yaml {state}:\n" + "".join(self.output))
        return self.url

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.reader is not None:
            self.reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture(scope="module")
def prism() -> Iterator[dict[str, str]]:
    """A Prism mock server per spec (started at once, stopped at the end): name -> base URL."""
    prism = node_tool("prism")
    servers: list[PrismServer] = []
    try:
        for name in PROVIDERS:
            servers.append(PrismServer.start(prism, name))
        deadline = time.monotonic() + STARTUP_SECONDS
        yield {server.name: server.wait(deadline) for server in servers}
    finally:
        for server in servers:
            server.stop()


@pytest.fixture(autouse=True)
def _local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy between the clients and Prism, whatever the environment says."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


# -- helpers ----------------------------------------------------------------------------------


@contextmanager
def client(name: str, url: str, *, validate: bool = True) -> Iterator[tuple[Any, list[str]]]:
    """A generated client on Prism that never retries, and the list of requests it sent."""
    sent: list[str] = []

    def record(request: httpx.Request) -> None:
        sent.append(f"{request.method} {request.url}")

    with (
        httpx.Client(verify=TLS, event_hooks={"request": [record]}) as http,
        package(name).Client(
            api_key=API_KEY,
            base_url=url,
            max_retries=0,
            validate_requests=validate,
            http_client=http,
        ) as gateway,
    ):
        yield gateway, sent


def reports(response: httpx.Response) -> list[Report]:
    """What Prism found wrong with a request or its own response.

    Prism lists it in the `sl-violations` header, with locations starting "request" or
    "response". When it makes up the error response itself (see `refusal`), the header is
    absent and the request's violations are in the problem+json body's `validation` instead.
    """
    header = response.headers.get("sl-violations")
    if header:
        found = json.loads(header)
    elif response.headers.get("content-type", "").startswith("application/problem+json"):
        found = [
            {**v, "location": ["request", *v["location"]]}
            for v in response.json().get("validation", [])
        ]
    else:
        found = []
    return [(tuple(v["location"]), str(v["code"]), v["message"]) for v in found]


def refusal(operation: Operation) -> tuple[int, bool]:
    """Prism's status for an invalid request to `operation`, and whether the answer comes from
    the spec (else Prism makes up an application/problem+json body).

    Checked with curl against Prism 5.16 and read in prism-http's mocker
    (createInvalidInputResponse, negotiateOptionsForInvalidRequest): Prism answers with the
    operation's documented 422 (or 4XX) response, else its 400, else its `default` response,
    sent with status 422; the body is the response's first example, or one built from its
    schema. Only when the operation documents none of these does Prism answer a 422 of its own,
    an application/problem+json body whose `validation` lists the violations, and then without
    an `sl-violations` header. So: evolink (400 documented) and ezlink's creates (400) answer
    400; uniall (`default` only) answers 422 with its ErrorResponse; openroute (only 401) and
    ezlink's getTasks (401, 429) answer Prism's own 422.
    """
    statuses = {response.status for response in operation.responses}
    if statuses & {"422", "4XX"}:
        return 422, True
    if "400" in statuses:
        return 400, True
    return 422, "default" in statuses


def good_example_header(operation: Operation) -> dict[str, str]:
    """Prism serves the first example of the success response; where the spec lists a defective
    one first, ask for the first good one by name, as the conformance tests use it."""
    success = min(
        (r for r in operation.responses if r.status.startswith("2")), key=lambda r: r.status
    )
    if success.examples and success.examples[0].defect:
        good = next(e for e in success.examples if not e.defect)
        return {"Prefer": f"code={success.status}, example={good.key}"}
    return {}


def send(gateway: Any, operation: Operation, kwargs: dict[str, Any], **options: Any) -> Any:
    """Call the operation's method through `with_raw_response`: an APIResponse."""
    return getattr(gateway.with_raw_response, operation.method_name)(**kwargs, **options)


def placeholder_free(call: Call) -> dict[str, Any]:
    """The call's arguments with every placeholder replaced by a real https URL."""
    assert call.example is not None
    body = copy.deepcopy(call.example.value)
    for pointer in call.example.placeholders:
        body = with_value(body, from_pointer(pointer), REAL_URL)
    kwargs, _, _ = parameter_kwargs(call.operation)
    return {**kwargs, **body_kwargs(call.operation, body)}


def first_valid_kwargs(operation: Operation) -> dict[str, Any]:
    kwargs, _, _ = parameter_kwargs(operation)
    if operation.has_body:
        kwargs.update(body_kwargs(operation, valid_bodies(operation)[0]))
    return kwargs


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# -- documented requests ----------------------------------------------------------------------


@pytest.mark.parametrize("call", CALLS, ids=[c.id for c in CALLS])
def test_prism_accepts_every_documented_request(call: Call, prism: dict[str, str]) -> None:
    operation = call.operation
    kwargs = call.kwargs
    placeholders = call.example.placeholders if call.example else ()
    if placeholders:
        # The docs' template variable is no URI, and Prism checks `format: uri`: sent verbatim
        # (the client would refuse it, so its validation is off) the example is refused for
        # exactly the placeholder fields. Their oneOf item (`contents[0]`) also fails its other
        # branch, so Prism may add reports about that item, but about nothing outside it.
        status, _ = refusal(operation)
        pkg = package(call.provider)
        with client(call.provider, prism[call.provider], validate=False) as (gateway, _):
            with pytest.raises(pkg.APIStatusError) as caught:
                send(gateway, operation, kwargs)
        assert caught.value.status_code == status
        found = reports(caught.value.response)
        targets = {("request", "body", *map(str, from_pointer(p))) for p in placeholders}
        assert {loc for loc, code, _ in found if code == "format"} == targets, found
        items = {target[:-1] for target in targets}
        assert all(any(loc[: len(i)] == i for i in items) for loc, _, _ in found), found
        kwargs = placeholder_free(call)
    with client(call.provider, prism[call.provider]) as (gateway, sent):
        raw = send(gateway, operation, kwargs, extra_headers=good_example_header(operation))
        parsed = raw.parse()
    assert len(sent) == 1
    assert raw.status_code // 100 == 2
    assert reports(raw.http_response) == []
    assert type(parsed).__name__ == operation.response_class
    served = next(e for e in operation.response_examples if not e.defect).value
    dumped = parsed.model_dump(by_alias=True, exclude_unset=True, mode="json")
    assert canonical(dumped) == canonical(served)


# -- generated responses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "operation"), OPERATIONS, ids=[f"{n}-{o.method_name}" for n, o in OPERATIONS]
)
def test_the_client_parses_responses_prism_generates_from_the_schemas(
    name: str, operation: Operation, prism: dict[str, str]
) -> None:
    """Prism's dynamic answers fill in every optional field with random values and add
    properties where the schema allows them; Prism checks them against the spec as well, so a
    response without violations is one the spec allows, and the client must take it.

    With an `x-envelope` (ezlink) the random envelope code is almost never the success value:
    the client then raises the `APIStatusError` the envelope calls for, before parsing; the body
    must still fit the operation's response model, which is checked directly."""
    pkg = package(name)
    envelope = provider(name).envelope
    model = getattr(pkg.models, operation.response_class)
    kwargs = first_valid_kwargs(operation)
    with client(name, prism[name]) as (gateway, sent):
        for _ in range(DYNAMIC_RUNS):
            try:
                raw = send(gateway, operation, kwargs, extra_headers=DYNAMIC)
            except pkg.APIStatusError as failure:
                assert envelope is not None, f"{failure}: {failure.body}"
                assert failure.status_code // 100 == 2
                code = json_pointer(failure.body, envelope.code)
                assert code not in envelope.success and failure.code == code
                assert reports(failure.response) == [], failure.body
                model.model_validate_json(failure.response.content)
            else:
                assert reports(raw.http_response) == [], raw.http_response.text
                assert raw.status_code // 100 == 2
                assert type(raw.parse()).__name__ == operation.response_class
    assert len(sent) == DYNAMIC_RUNS


# -- requests that break one constraint -------------------------------------------------------


def test_every_operation_with_a_body_or_parameters_has_violations() -> None:
    for name, operation in OPERATIONS:
        mine = [v for v in VIOLATIONS if v.provider == name and v.operation is operation]
        if operation.has_body:
            assert any(v.location == "body" for v in mine), operation.operation_id
        for param in operation.parameters:
            if param.location != "body":
                assert any(v.field == (param.json_name,) for v in mine), param.json_name
    assert len({v.id for v in VIOLATIONS}) == len(VIOLATIONS)


def names_the_field(violation: Violation, report: Report) -> bool:
    """Whether a Prism report is about the broken field: at its location with the broken
    keyword, or, for a property that is missing or not allowed, at its parent by name."""
    location, code, message = report
    target = ("request", violation.location, *map(str, violation.field))
    if code != violation.prism_keyword:
        return False
    return location == target or (location == target[:-1] and f"'{target[-1]}'" in message)


def about_the_field(violation: Violation, report: Report) -> bool:
    """Whether a Prism report stays with the broken field: at it or one of its ancestors, or
    inside the oneOf/anyOf value that holds it (whose other branches then fail too)."""
    location, code, _ = report
    target = ("request", violation.location, *map(str, violation.field))
    scope = ("request", violation.location, *map(str, violation.scope))
    if violation.scope and location[: len(scope)] == scope:
        return True
    if location == target:
        # At the field itself only its own keyword (a wrong type also misses the enum/const).
        companions = {"enum", "const"} if violation.keyword == "type" else set()
        return code in {violation.prism_keyword} | companions
    return location == target[: len(location)]


@pytest.mark.parametrize("violation", VIOLATIONS, ids=[v.id for v in VIOLATIONS])
def test_prism_refuses_a_request_that_breaks_one_constraint(
    violation: Violation, prism: dict[str, str]
) -> None:
    name = violation.provider
    pkg = package(name)
    kwargs, extra = violation.arguments(pkg.NOT_GIVEN)
    status, documented = refusal(violation.operation)
    with client(name, prism[name], validate=False) as (gateway, sent):
        with pytest.raises(pkg.APIStatusError) as caught:
            send(gateway, violation.operation, kwargs, **({"extra_body": extra} if extra else {}))
    assert len(sent) == 1
    error = caught.value
    assert type(error) is getattr(pkg, ERROR_CLASSES[status]), error
    assert error.status_code == status
    found = reports(error.response)
    assert any(names_the_field(violation, r) for r in found), found
    assert all(about_the_field(violation, r) for r in found), found
    if documented:  # the spec's own error response, which Prism finds valid
        assert "sl-violations" in error.response.headers
    else:
        assert error.body["status"] == 422 and error.body["title"] == "Invalid request"


@pytest.mark.parametrize("violation", VIOLATIONS, ids=[v.id for v in VIOLATIONS])
def test_the_client_refuses_it_before_sending(violation: Violation) -> None:
    """The same broken arguments, with the client's validation on: no Prism needed. Nothing
    listens at the URL, so a request that went out would fail as a connection error instead."""
    name = violation.provider
    pkg = package(name)
    kwargs, extra = violation.arguments(pkg.NOT_GIVEN)
    assert not extra, "a field no argument carries would go out unchecked in extra_body"
    with client(name, f"http://127.0.0.1:{free_port()}") as (gateway, sent):
        with pytest.raises(pkg.ValidationError) as caught:
            send(gateway, violation.operation, kwargs)
    assert sent == []  # nothing went out
    fields = [field for field, _ in caught.value.problems]
    assert violation.client_field in fields, caught.value.problems
    scope = violation.client_scope
    for named in fields:
        inside = scope is not None and descends(named, scope)
        assert inside or descends(violation.client_field, named), caught.value.problems


def descends(name: str, ancestor: str) -> bool:
    """Whether a client field name is `ancestor` or inside it: `settings.duration`, `settings`."""
    return name == ancestor or name.startswith((ancestor + ".", ancestor + "["))


# -- defective response examples --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "operation", "status", "key"),
    DEFECTS,
    ids=[f"{n}-{o.method_name}-{s}-{k}" for n, o, s, k in DEFECTS],
)
def test_prism_confirms_each_response_example_marked_defective(
    name: str, operation: Operation, status: str, key: str, prism: dict[str, str]
) -> None:
    """Served by name, the example breaks the response schema in Prism's eyes too, and the
    client refuses to parse it (keeping the body)."""
    pkg = package(name)
    with client(name, prism[name]) as (gateway, _):
        raw = send(
            gateway,
            operation,
            first_valid_kwargs(operation),
            extra_headers={"Prefer": f"code={status}, example={key}"},
        )
        found = reports(raw.http_response)
        with pytest.raises(pkg.APIResponseValidationError) as caught:
            raw.parse()
    assert found and all(location[0] == "response" for location, _, _ in found), found
    example = next(e for r in operation.responses for e in r.examples if e.key == key)
    assert caught.value.body == example.value
