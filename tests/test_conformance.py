"""The generated clients send exactly the documented requests and parse the documented responses.

Every case is read from the specs: each request example is passed to the client as keyword
arguments, and each response example is served back to it.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pydantic
import pytest
import respx
import yaml

from generator.load.loader import iter_operations, resolve_ref
from generator.model.ir import Operation
from tests.spec_cases import (
    API_KEY,
    BASE_URL,
    ROOT,
    Call,
    ResponseCase,
    calls,
    first_good,
    package,
    parameter_kwargs,
    provider,
    providers,
    response_cases,
)

CALLS = calls()
RESPONSES = response_cases()


def canonical(value: Any) -> str:
    """JSON text that tells 5 from 5.0 and "5" from 5, whatever the key order."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def invoke(
    call_provider: str,
    method: str,
    kwargs: dict[str, Any],
    mode: str,
    respond: httpx.Response,
    **options: Any,
) -> tuple[Any, httpx.Request]:
    """Call a client method (sync or async) against a respx route; return result and request."""
    pkg = package(call_provider)
    options = {"api_key": API_KEY, "base_url": BASE_URL, **options}
    with respx.mock(assert_all_called=True) as router:
        route = router.route().mock(return_value=respond)
        if mode == "sync":
            with pkg.Client(**options) as client:
                result = getattr(client, method)(**kwargs)
        else:

            async def run() -> Any:
                async with pkg.AsyncClient(**options) as client:
                    return await getattr(client, method)(**kwargs)

            result = asyncio.run(run())
        assert route.call_count == 1, "the client sent more than one request"
        return result, route.calls.last.request


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("call", CALLS, ids=[c.id for c in CALLS])
def test_client_sends_the_documented_request(call: Call, mode: str) -> None:
    success = first_good(call.operation.response_examples)
    placeholders = call.example.placeholders if call.example else ()
    if placeholders:
        # A page's template variable is not a value the client may send: it is refused first,
        # naming each placeholder's field, and nothing goes out.
        pkg = package(call.provider)
        with respx.mock(assert_all_called=False) as router:
            route = router.route()
            with (
                pkg.Client(api_key=API_KEY, base_url=BASE_URL) as client,
                pytest.raises(pkg.ValidationError) as refused,
            ):
                getattr(client, call.operation.method_name)(**call.kwargs)
            assert not route.called
        named = [field for field, _ in refused.value.problems]
        assert named == [_field(call.operation, pointer) for pointer in placeholders]
    _, request = invoke(
        call.provider,
        call.operation.method_name,
        call.kwargs,
        mode,
        httpx.Response(200, json=success.value),
        validate_requests=not placeholders,
    )

    assert request.method == call.operation.http_method
    assert request.url.path == call.path
    assert dict(request.url.params) == call.query
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    if call.body is None:
        assert request.content == b""
    else:
        assert request.headers["Content-Type"] == "application/json"
        sent = json.loads(request.content)
        assert canonical(sent) == canonical(call.body)


def _field(operation: Operation, pointer: str) -> str:
    """How a ValidationError names the body value at `pointer`: `contents[0].url`."""
    steps = pointer.split("/")[1:]
    names = operation.body_argument_names
    text = names.get(steps[0], steps[0])
    for step in steps[1:]:
        text += f"[{step}]" if step.isdigit() else f".{step}"
    return text


def test_every_example_in_the_specs_is_exercised() -> None:
    """The cases above come through the intermediate model; count the examples in the raw YAML
    so that one the model dropped cannot go untested."""
    in_yaml = {"request": set(), "response": set()}
    for name in providers():
        doc = yaml.safe_load((ROOT / "specs" / f"{name}.yaml").read_text(encoding="utf-8"))
        for _, _, operation in iter_operations(doc):
            op_id = operation["operationId"]
            body = resolve_ref(doc, operation.get("requestBody") or {})
            media = (body.get("content") or {}).get("application/json") or {}
            in_yaml["request"] |= {(name, op_id, key) for key in media.get("examples") or {}}
            for status, response in operation["responses"].items():
                content = resolve_ref(doc, response).get("content") or {}
                examples = (content.get("application/json") or {}).get("examples") or {}
                in_yaml["response"] |= {(name, op_id, str(status), key) for key in examples}
    assert in_yaml["request"] == {
        (c.provider, c.operation.operation_id, c.example.key) for c in CALLS if c.example
    }
    assert in_yaml["response"] == {
        (c.provider, c.operation.operation_id, c.status, c.example.key) for c in RESPONSES
    }


@pytest.mark.parametrize("case", RESPONSES, ids=[c.id for c in RESPONSES])
def test_response_example_parses_and_dumps_back(case: ResponseCase) -> None:
    model = getattr(package(case.provider).models, case.class_name)
    if case.example.defect:
        # The spec says this example is wrong; it must really fail, or the mark is stale.
        with pytest.raises(pydantic.ValidationError):
            model.model_validate(case.example.value)
        return
    parsed = model.model_validate(case.example.value)
    dumped = parsed.model_dump(by_alias=True, exclude_unset=True, mode="json")
    assert canonical(dumped) == canonical(case.example.value)


SUCCESS = [c for c in RESPONSES if c.status.startswith("2") and not c.example.defect]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("case", SUCCESS, ids=[c.id for c in SUCCESS])
def test_client_returns_the_documented_response(case: ResponseCase, mode: str) -> None:
    operation = case.operation
    kwargs, _, _ = parameter_kwargs(operation)
    if operation.has_body:
        kwargs.update(_first_request_kwargs(operation))
    result, _ = invoke(
        case.provider,
        operation.method_name,
        kwargs,
        mode,
        httpx.Response(int(case.status), json=case.example.value),
    )
    assert type(result).__name__ == case.class_name
    dumped = result.model_dump(by_alias=True, exclude_unset=True, mode="json")
    assert canonical(dumped) == canonical(case.example.value)


# The error examples the specs document (each marked with its origin there), and what the client
# must read from each: the error class, the provider's code and message, and the whole text.
DOCUMENTED_ERRORS: dict[tuple[str, str, str, str], tuple[str, Any, str | None, str]] = {
    ("ezlink", "create_image_to_video", "400", "no_first_frame"): (
        "BadRequestError",
        1200,
        "contents must include at least one first_frame item",
        "createImageToVideo failed with HTTP 400 Bad Request, provider code 1200 (invalid "
        'request parameters): "contents must include at least one first_frame item". Check the '
        "arguments against the provider's documentation. The response body is in the error's "
        ".body.",
    ),
    ("evolink", "get_task", "400", "invalid_task_id"): (
        "BadRequestError",
        "invalid_task_id",
        None,
        "getTask failed with HTTP 400 Bad Request, provider code 'invalid_task_id'. Check the "
        "arguments against the provider's documentation. The response body is in the error's "
        ".body.",
    ),
}
# Where a status documents no example, the client gets a body of no documented shape: it still
# raises the status's class, with no provider code or message.
UNDOCUMENTED = {"unexpected": "shape"}
STATUS_CLASSES = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}

ERRORS = [
    (name, operation, response.status, example.key if example else None)
    for name in providers()
    for operation in provider(name).operations
    for response in operation.responses
    if response.status[0] in "45"
    for example in ([e for e in response.examples if not e.defect] or [None])
]


def test_every_documented_error_example_has_its_expected_reading() -> None:
    documented = {(n, o.method_name, s, key) for n, o, s, key in ERRORS if key is not None}
    assert documented == set(DOCUMENTED_ERRORS)


@pytest.mark.parametrize(
    ("name", "operation", "status", "key"),
    ERRORS,
    ids=[f"{n}-{o.method_name}-{s}" + (f"-{k}" if k else "") for n, o, s, k in ERRORS],
)
def test_documented_error_status_raises_its_error_class(
    name: str, operation: Operation, status: str, key: str | None
) -> None:
    pkg = package(name)
    kwargs, _, _ = parameter_kwargs(operation)
    if operation.has_body:
        kwargs.update(_first_request_kwargs(operation))
    code = 500 if status == "5XX" else int(status)
    response = next(r for r in operation.responses if r.status == status)
    body = next(e.value for e in response.examples if e.key == key) if key else UNDOCUMENTED
    with pytest.raises(pkg.APIError) as caught:
        invoke(
            name,
            operation.method_name,
            kwargs,
            "sync",
            httpx.Response(code, json=body),
            max_retries=0,
        )
    error = caught.value
    if operation.paid_task and (code >= 500 or code in (408, 409)):
        # The gateway may have created the task before failing: never a plain status error.
        assert isinstance(error, pkg.SubmissionUncertainError)
        error = error.last_error
    assert isinstance(error, pkg.APIStatusError)
    assert error.status_code == code
    assert error.body == body
    assert API_KEY not in str(error)
    if key is None:
        wanted = (
            "InternalServerError" if code >= 500 else STATUS_CLASSES.get(code, "APIStatusError")
        )
        assert (type(error).__name__, error.code, error.provider_message) == (wanted, None, None)
    else:
        reading = (type(error).__name__, error.code, error.provider_message, str(error))
        assert reading == DOCUMENTED_ERRORS[name, operation.method_name, status, key]


def _first_request_kwargs(operation: Operation) -> dict[str, Any]:
    call = next(c for c in CALLS if c.operation is operation and c.example is not None)
    return {
        k: v for k, v in call.kwargs.items() if k in {p.name for p in operation.body_parameters}
    }
