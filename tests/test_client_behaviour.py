"""What a caller can rely on from every generated client, sync and async.

Client options and `with_options`, what a request carries, validation before anything is sent,
raw responses, the retry rules (reads, paid creates, the provider's own error codes), the errors
raised, and the API key staying secret. respx answers every request and conftest's `sleeps`
records every retry pause, so nothing touches the network and nothing waits.

A test of one behaviour is parametrised over the two clients (`MODES`). A table of cases runs
each case on both clients inside the test (`for mode in BOTH`), each with a fresh mock gateway.
"""

from __future__ import annotations

import asyncio
import email.utils
import inspect
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from operator import methodcaller
from types import ModuleType, SimpleNamespace
from typing import Any

import evolink_client
import ezlink_client
import httpx
import openroute_client
import pytest
import respx
import uniall_client

API_KEY = "sk-behaviour-secret-7f3a9c1e5b"
OTHER_KEY = "sk-other-secret-42d8b6"
REDACTED = "Bearer <redacted>"
BASE_URL = "https://gw.test"
BOTH = ("sync", "async")
MODES = pytest.mark.parametrize("mode", BOTH)
PACKAGES = (ezlink_client, evolink_client, uniall_client, openroute_client)
Router = respx.MockRouter
Answer = Callable[[httpx.Request], httpx.Response]

EZ_CREATE = BASE_URL + "/kling/text-to-video/kling-3.0-turbo"
EZ_TASKS = BASE_URL + "/kling/tasks"
EZ_CREATED = {"code": 0, "message": "success", "request_id": "req-create", "data": {"id": "task-1"}}
EZ_TASKS_BODY = {
    "code": 0,
    "message": "success",
    "request_id": "req-query",
    "data": [{"id": "task-1", "status": "succeeded"}],
}
EZ_KEYED = {"prompt": "a cat", "options": {"external_task_id": "order-42"}}

EVO_TASK_ID = "task-unified-1757169743-7cvnl5zw"
EVO_CREATE = BASE_URL + "/v1/videos/generations"
EVO_GET = f"{BASE_URL}/v1/tasks/{EVO_TASK_ID}"
EVO_ARGS = {
    "model": "kling-o3-image-to-video",
    "prompt": "a cat surfing at sunset",
    "image_start": "https://img.test/cat.png",
}
EVO_CREATED = {
    "id": EVO_TASK_ID,
    "object": "video.generation.task",
    "model": "kling-o3-image-to-video",
    "status": "pending",
    "progress": 0,
}
EVO_DETAIL = {
    "id": EVO_TASK_ID,
    "status": "completed",
    "progress": 100,
    "results": ["https://cdn.test/video.mp4"],
}


# -- helpers ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for pkg in PACKAGES:
        monkeypatch.delenv(pkg._client.PROVIDER.api_key_env, raising=False)
        monkeypatch.delenv(pkg._client.PROVIDER.base_url_env, raising=False)


@pytest.fixture
def gateway() -> Iterator[Router]:
    with respx.mock(assert_all_called=False) as router:
        yield router


@contextmanager
def fresh_gateway(sleeps: list[float]) -> Iterator[Router]:
    """For one client kind inside a table test: no pauses recorded yet, a new mock gateway."""
    sleeps.clear()
    with respx.mock(assert_all_called=False) as router:
        yield router


def set_jitter(monkeypatch: pytest.MonkeyPatch, value: float) -> None:
    """Make `random.random()` of every package's retry backoff return `value`."""
    for pkg in PACKAGES:
        monkeypatch.setattr(pkg._runtime._base, "random", SimpleNamespace(random=lambda: value))


@pytest.fixture
def no_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    set_jitter(monkeypatch, 0.0)


def run(mode: str, pkg: ModuleType, *steps: Callable[[Any], Any], **options: Any) -> list[Any]:
    """Apply each step to one fresh Client (sync) or AsyncClient (async); their results."""
    options = {"api_key": API_KEY, "base_url": BASE_URL, **options}
    if mode == "sync":
        with pkg.Client(**options) as client:
            return [step(client) for step in steps]

    async def main() -> list[Any]:
        results = []
        async with pkg.AsyncClient(**options) as client:
            for step in steps:
                result = step(client)
                results.append(await result if inspect.isawaitable(result) else result)
        return results

    return asyncio.run(main())


def call(
    mode: str,
    pkg: ModuleType,
    method: str,
    kwargs: dict[str, Any],
    *,
    raw: bool = False,
    **options: Any,
) -> Any:
    def step(client: Any) -> Any:
        return getattr(client.with_raw_response if raw else client, method)(**kwargs)

    return run(mode, pkg, step, **options)[0]


def raised(mode: str, pkg: ModuleType, method: str, kwargs: dict[str, Any], **options: Any) -> Any:
    """The error the call raises (any of the package's errors)."""
    with pytest.raises(pkg.GatewayError) as caught:
        call(mode, pkg, method, kwargs, **options)
    return caught.value


def repeat(status: int, body: Any = None, headers: dict[str, str] | None = None) -> Answer:
    """A respx side effect answering every request with a fresh copy of the same response."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body, headers=headers)

    return answer


def raising(kind: type[httpx.TransportError], message: str) -> Answer:
    """A respx side effect failing every request as httpx does (the request attached)."""

    def answer(request: httpx.Request) -> httpx.Response:
        raise kind(message, request=request)

    return answer


def evolink_error(
    code: str = "invalid_parameters",
    message: str = "the request is not valid",
    kind: str = "invalid_request_error",
    **extra: Any,
) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "type": kind, **extra}}


def kling_error(code: int, message: str = "failed", request_id: str = "req-err") -> dict[str, Any]:
    return {"code": code, "message": message, "request_id": request_id}


def envelope(code: int, message: str = "failed here", request_id: str = "req-env") -> dict:
    return {"code": code, "message": message, "request_id": request_id, "data": None}


def http_date(seconds_from_now: float) -> str:
    when = datetime.now(timezone.utc) + timedelta(seconds=seconds_from_now)
    return email.utils.format_datetime(when, usegmt=True)


def bodies(route: respx.Route) -> list[Any]:
    return [json.loads(sent.request.content) for sent in route.calls]


def fields(error: Any) -> list[str]:
    return [name for name, _ in error.problems]


def close(client: Any) -> None:
    result = client.close()
    if inspect.isawaitable(result):
        asyncio.run(result)


# -- client options and with_options ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["Client", "AsyncClient"])
def test_with_options_is_a_copy_sharing_the_connection_pool(kind: str) -> None:
    client = getattr(evolink_client, kind)(api_key=API_KEY, base_url=BASE_URL)
    assert (client.max_retries, client.validate_requests) == (2, True)
    copy = client.with_options(
        api_key=OTHER_KEY,
        base_url="https://other.test/",
        timeout=3.0,
        max_retries=5,
        validate_requests=False,
    )
    assert type(copy) is type(client) and copy is not client
    assert copy._http is client._http
    assert (copy.base_url, copy.timeout, copy.max_retries, copy.validate_requests) == (
        "https://other.test",
        3.0,
        5,
        False,
    )
    assert (client.base_url, client.max_retries, client.validate_requests) == (BASE_URL, 2, True)
    assert client.timeout == evolink_client.DEFAULT_TIMEOUT
    close(copy)  # the copy does not own the pool
    assert not client._http.is_closed
    close(client)
    assert client._http.is_closed


@MODES
def test_with_options_copy_sends_its_own_key_and_base_url(mode: str, gateway: Router) -> None:
    original = gateway.get(EVO_GET).mock(side_effect=repeat(200, EVO_DETAIL))
    other = gateway.get(f"https://other.test/v1/tasks/{EVO_TASK_ID}").respond(json=EVO_DETAIL)
    copy = {"api_key": OTHER_KEY, "base_url": "https://other.test"}
    run(
        mode,
        evolink_client,
        methodcaller("get_task", task_id=EVO_TASK_ID),
        lambda client: client.with_options(**copy).get_task(task_id=EVO_TASK_ID),
        methodcaller("get_task", task_id=EVO_TASK_ID),
    )
    assert (original.call_count, other.call_count) == (2, 1)
    assert other.calls.last.request.headers["Authorization"] == f"Bearer {OTHER_KEY}"
    for sent in original.calls:
        assert sent.request.headers["Authorization"] == f"Bearer {API_KEY}"


@MODES
def test_with_options_max_retries_applies_to_the_copy_only(
    mode: str, gateway: Router, sleeps: list[float]
) -> None:
    route = gateway.get(EVO_GET).mock(side_effect=repeat(503, evolink_error()))
    for retries, attempts in ((0, 1), (1, 2)):
        sleeps.clear()
        route.reset()
        with pytest.raises(evolink_client.InternalServerError):
            run(
                mode,
                evolink_client,
                lambda client, n=retries: client.with_options(max_retries=n).get_task(
                    task_id=EVO_TASK_ID
                ),
            )
        assert route.call_count == attempts
        assert len(sleeps) == attempts - 1
    route.reset()
    with pytest.raises(evolink_client.InternalServerError):
        call(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID})
    assert route.call_count == 3  # the default: two retries


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"api_key": ""}, "api_key"),
        ({"max_retries": -1}, "max_retries"),
        ({"base_url": "ftp://gw.test"}, "http"),
    ],
)
def test_with_options_refuses_invalid_values(options: dict[str, Any], match: str) -> None:
    for kind in ("Client", "AsyncClient"):
        client = getattr(evolink_client, kind)(api_key=API_KEY)
        with pytest.raises(evolink_client.ConfigurationError, match=match):
            client.with_options(**options)
        close(client)


# -- what a request carries ------------------------------------------------------------------


@MODES
def test_extra_headers_query_and_body_reach_a_create(mode: str, gateway: Router) -> None:
    route = gateway.post(EVO_CREATE).respond(json=EVO_CREATED)
    extras = {
        "extra_headers": {"X-Trace": "trace-1"},
        "extra_query": {"region": "eu"},
        "extra_body": {"multi_shot": False, "seed": 7},
    }
    result = call(mode, evolink_client, "create_video_generation", {**EVO_ARGS, **extras})
    assert result.id == EVO_TASK_ID
    request = route.calls.last.request
    assert request.headers["X-Trace"] == "trace-1"
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert request.headers["Content-Type"] == "application/json"
    assert dict(request.url.params) == {"region": "eu"}
    assert json.loads(request.content) == {**EVO_ARGS, "multi_shot": False, "seed": 7}


@MODES
def test_extra_query_and_headers_reach_a_read(mode: str, gateway: Router) -> None:
    route = gateway.get(EZ_TASKS).respond(json=EZ_TASKS_BODY)
    kwargs = {
        "task_ids": "task-1,task-2",
        "extra_query": {"external_task_ids": "order-42"},
        "extra_headers": {"X-Trace": "trace-2"},
    }
    call(mode, ezlink_client, "get_tasks", kwargs)
    request = route.calls.last.request
    assert request.method == "GET"
    assert dict(request.url.params) == {
        "task_ids": "task-1,task-2",
        "external_task_ids": "order-42",
    }
    assert request.headers["X-Trace"] == "trace-2"
    assert request.content == b""


@MODES
def test_extra_body_is_merged_beside_the_arguments_without_validation(
    mode: str, gateway: Router
) -> None:
    route = gateway.post(EVO_CREATE).respond(json=EVO_CREATED)
    extra = {"duration": 99, "callback_url": "http://127.0.0.1/hook", "multi_prompt": [{"p": 1}]}
    kwargs = {**EVO_ARGS, "extra_body": extra}
    call(mode, evolink_client, "create_video_generation", kwargs)
    assert bodies(route) == [{**EVO_ARGS, **extra}]


def every_timeout(seconds: float | None) -> dict[str, float | None]:
    return dict.fromkeys(("connect", "read", "write", "pool"), seconds)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param({}, {**every_timeout(60.0), "connect": 10.0}, id="client-default"),
        pytest.param({"timeout": 5.0}, every_timeout(5.0), id="seconds"),
        pytest.param(
            {"timeout": httpx.Timeout(20.0, connect=2.0)},
            {**every_timeout(20.0), "connect": 2.0},
            id="httpx-timeout",
        ),
        pytest.param({"timeout": None}, every_timeout(None), id="none"),
    ],
)
def test_per_call_timeout_lands_in_the_request_extensions(
    given: dict[str, Any], expected: dict[str, Any], sleeps: list[float]
) -> None:
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.get(EZ_TASKS).respond(json=EZ_TASKS_BODY)
            call(mode, ezlink_client, "get_tasks", {"task_ids": "task-1", **given})
            assert route.calls.last.request.extensions["timeout"] == expected, mode


@MODES
def test_per_call_timeout_overrides_the_clients_and_the_copys(mode: str, gateway: Router) -> None:
    route = gateway.get(EZ_TASKS).mock(side_effect=repeat(200, EZ_TASKS_BODY))
    run(
        mode,
        ezlink_client,
        methodcaller("get_tasks", task_ids="task-1"),
        lambda client: client.with_options(timeout=9.0).get_tasks(task_ids="task-1"),
        lambda client: client.with_options(timeout=9.0).get_tasks(task_ids="task-1", timeout=2.0),
        methodcaller("get_tasks", task_ids="task-1", timeout=None),
        methodcaller("get_tasks", task_ids="task-1"),
        timeout=7.0,
    )
    seen = [sent.request.extensions["timeout"]["read"] for sent in route.calls]
    assert seen == [7.0, 9.0, 2.0, None, 7.0]


# -- validation before the network -----------------------------------------------------------

LONG_CALLBACK = "https://hooks.example.com/" + "a" * 2030  # 2056 characters

INVALID_ARGUMENTS = [
    pytest.param(
        evolink_client,
        "create_video_generation",
        {**EVO_ARGS, "prompt": "p" * 2501},
        "prompt",
        id="evolink-prompt-too-long",
    ),
    pytest.param(
        evolink_client,
        "create_video_generation",
        {**EVO_ARGS, "model": evolink_client.NOT_GIVEN},
        "model",
        id="evolink-required-model-missing",
    ),
    pytest.param(
        evolink_client,
        "create_video_generation",
        {**EVO_ARGS, "duration": "5"},
        "duration",
        id="evolink-duration-wrong-type",
    ),
    pytest.param(
        evolink_client,
        "create_video_generation",
        {**EVO_ARGS, "duration": 16},
        "duration",
        id="evolink-duration-out-of-range",
    ),
    pytest.param(
        evolink_client,
        "create_video_generation",
        {**EVO_ARGS, "aspect_ratio": "4:3"},
        "aspect_ratio",
        id="evolink-enum-value-not-allowed",
    ),
    pytest.param(
        evolink_client,
        "create_video_generation",
        {**EVO_ARGS, "callback_url": "http://hooks.example.com/kling"},
        "callback_url",
        id="evolink-callback-not-https",
    ),
    pytest.param(
        evolink_client,
        "create_video_generation",
        {**EVO_ARGS, "callback_url": LONG_CALLBACK},
        "callback_url",
        id="evolink-callback-too-long",
    ),
    pytest.param(
        ezlink_client,
        "create_text_to_video",
        {"prompt": "p" * 3073},
        "prompt",
        id="ezlink-prompt-too-long",
    ),
    pytest.param(
        ezlink_client,
        "create_text_to_video",
        {"prompt": "a cat", "settings": {"duration": 2}},
        "settings.duration",
        id="ezlink-nested-out-of-range",
    ),
    pytest.param(
        ezlink_client,
        "create_text_to_video",
        {"prompt": "a cat", "options": {"callback_url": 5}},
        "options.callback_url",
        id="ezlink-nested-wrong-type",
    ),
    pytest.param(
        ezlink_client, "get_tasks", {"task_ids": ""}, "task_ids", id="ezlink-empty-query-param"
    ),
    pytest.param(
        openroute_client,
        "get_text_to_video_task",
        {"task_id": ""},
        "task_id",
        id="openroute-empty-path-param",
    ),
    # No minLength in these specs: an empty path segment is refused all the same, since it
    # would address another endpoint (GET /v1/tasks/ instead of one task).
    pytest.param(
        evolink_client, "get_task", {"task_id": ""}, "task_id", id="evolink-empty-path-param"
    ),
    pytest.param(
        uniall_client, "get_video_task", {"task_id": ""}, "task_id", id="uniall-empty-path-param"
    ),
    pytest.param(
        uniall_client,
        "create_video_generation",
        {"model": "kling-v3-std-silent", "extra_body": {"cfg_scale": 2}},
        "extra_body.cfg_scale",
        id="uniall-documented-argument-name",
    ),
]


@pytest.mark.parametrize(("pkg", "method", "kwargs", "field"), INVALID_ARGUMENTS)
def test_invalid_arguments_are_refused_before_anything_is_sent(
    pkg: ModuleType, method: str, kwargs: dict[str, Any], field: str, sleeps: list[float]
) -> None:
    operation = getattr(pkg._client, method.upper()).name
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.route()
            with pytest.raises(pkg.ValidationError) as caught:
                call(mode, pkg, method, kwargs)
            assert not route.called, mode
        error = caught.value
        assert isinstance(error, ValueError)
        assert error.operation == operation, mode
        assert fields(error) == [field], (mode, error.problems)
        assert f"{field}: " in str(error) and "was not sent" in str(error), mode


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10:8443/hook",
        "https://[::1]/hook",
        "https://localhost/hook",
        "https://169.254.169.254/latest",
    ],
)
def test_private_loopback_and_local_callback_urls_are_refused(
    url: str, sleeps: list[float]
) -> None:
    host = httpx.URL(url).host
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.route()
            with pytest.raises(evolink_client.ValidationError) as caught:
                call(
                    mode,
                    evolink_client,
                    "create_video_generation",
                    {**EVO_ARGS, "callback_url": url},
                )
            assert not route.called, mode
        assert fields(caught.value) == ["callback_url"], mode
        assert host in caught.value.problems[0][1], mode


@MODES
def test_public_https_callbacks_and_boundary_values_are_sent(mode: str, gateway: Router) -> None:
    evolink = gateway.post(EVO_CREATE).mock(side_effect=repeat(200, EVO_CREATED))
    ezlink = gateway.post(EZ_CREATE).mock(side_effect=repeat(200, EZ_CREATED))
    longest = "https://hooks.example.com/" + "a" * 2022
    assert len(longest) == 2048
    accepted = [
        {**EVO_ARGS, "callback_url": "https://hooks.example.com/kling?job=1"},
        {**EVO_ARGS, "prompt": "p" * 2500, "duration": 15, "callback_url": longest},
        {**EVO_ARGS, "duration": 3, "callback_url": "https://8.8.8.8/hook"},
    ]
    run(mode, evolink_client, *[methodcaller("create_video_generation", **kw) for kw in accepted])
    assert bodies(evolink) == accepted
    run(mode, ezlink_client, methodcaller("create_text_to_video", prompt="p" * 3072))
    assert bodies(ezlink) == [{"prompt": "p" * 3072}]


@MODES
def test_every_problem_is_reported_at_once(mode: str, gateway: Router) -> None:
    route = gateway.route()
    kwargs = {**EVO_ARGS, "duration": 99, "sound": "loud", "callback_url": "https://10.0.0.1/cb"}
    with pytest.raises(evolink_client.ValidationError) as caught:
        call(mode, evolink_client, "create_video_generation", kwargs)
    assert not route.called
    error = caught.value
    assert error.operation == "createVideoGeneration"
    assert sorted(fields(error)) == ["callback_url", "duration", "sound"]
    for name in ("duration: ", "sound: ", "callback_url: ", "99", "10.0.0.1"):
        assert name in str(error)


@MODES
@pytest.mark.parametrize("how", ["constructor", "with_options"])
def test_validation_switched_off_sends_the_input_unchanged(
    mode: str, how: str, gateway: Router
) -> None:
    route = gateway.post(EVO_CREATE).respond(json=EVO_CREATED)
    bad = {
        **EVO_ARGS,
        "prompt": "p" * 2600,
        "duration": 99,
        "aspect_ratio": "4:3",
        "callback_url": "http://127.0.0.1/hook",
    }
    if how == "constructor":
        call(mode, evolink_client, "create_video_generation", bad, validate_requests=False)
    else:
        run(
            mode,
            evolink_client,
            lambda client: client.with_options(validate_requests=False).create_video_generation(
                **bad
            ),
        )
    assert route.call_count == 1
    assert bodies(route) == [bad]


# -- raw responses ---------------------------------------------------------------------------


@MODES
def test_raw_response_of_a_read(mode: str, gateway: Router) -> None:
    answer = httpx.Response(200, json=EZ_TASKS_BODY, headers={"X-Gateway": "edge-1"})
    route = gateway.get(EZ_TASKS).mock(return_value=answer)
    raw = call(mode, ezlink_client, "get_tasks", {"task_ids": "task-1"}, raw=True)
    assert isinstance(raw, ezlink_client.APIResponse)
    assert isinstance(raw.http_response, httpx.Response)
    assert (raw.status_code, raw.headers["X-Gateway"]) == (200, "edge-1")
    assert raw.retries_taken == 0
    assert raw.request_id == "req-query"  # from the envelope
    assert raw.http_response.json() == EZ_TASKS_BODY
    assert raw.http_response.request.headers["Authorization"] == REDACTED
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {API_KEY}"
    parsed = raw.parse()
    assert isinstance(parsed, ezlink_client.models.QueryTasksResponse)
    assert parsed.data[0].id == "task-1"
    assert raw.parse() is parsed


@MODES
def test_raw_response_of_a_create(mode: str, gateway: Router) -> None:
    gateway.post(EZ_CREATE).respond(json=EZ_CREATED)
    raw = call(mode, ezlink_client, "create_text_to_video", {"prompt": "a cat"}, raw=True)
    request = raw.http_response.request
    assert (request.method, request.url) == ("POST", httpx.URL(EZ_CREATE))
    assert json.loads(request.content) == {"prompt": "a cat"}
    assert request.headers["Authorization"] == REDACTED
    assert raw.request_id == "req-create"
    assert raw.parse().data.id == "task-1"


@MODES
def test_raw_response_counts_the_retries_taken(
    mode: str, gateway: Router, sleeps: list[float]
) -> None:
    gateway.get(EVO_GET).mock(
        side_effect=[
            httpx.Response(503, json=evolink_error()),
            httpx.ConnectError("connection refused"),
            httpx.Response(200, json=EVO_DETAIL),
        ]
    )
    raw = call(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID}, raw=True)
    assert raw.retries_taken == 2 and len(sleeps) == 2
    assert raw.request_id is None  # Evolink has no envelope
    assert raw.http_response.request.headers["Authorization"] == REDACTED
    assert raw.parse().status == "completed"


@MODES
def test_raw_response_parse_reports_an_off_schema_body(mode: str, gateway: Router) -> None:
    body = {"id": EVO_TASK_ID, "status": "completed", "progress": 150}
    gateway.get(EVO_GET).respond(json=body)
    raw = call(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID}, raw=True)
    assert raw.status_code == 200 and raw.http_response.json() == body
    with pytest.raises(evolink_client.APIResponseValidationError) as caught:
        raw.parse()
    assert caught.value.body == body
    assert "getTask" in str(caught.value) and "progress" in str(caught.value)


# -- retrying reads --------------------------------------------------------------------------

READ_FAILURES: dict[str, Callable[[], Any]] = {
    "connect-error": lambda: httpx.ConnectError("connection refused"),
    "connect-timeout": lambda: httpx.ConnectTimeout("connect timed out"),
    "read-timeout": lambda: httpx.ReadTimeout("timed out"),
    "remote-protocol-error": lambda: httpx.RemoteProtocolError("server disconnected"),
    "408": lambda: httpx.Response(408, json=evolink_error()),
    "409": lambda: httpx.Response(409, json=evolink_error()),
    "429": lambda: httpx.Response(429, json=evolink_error(kind="rate_limit_error")),
    "503": lambda: httpx.Response(503, json=evolink_error(kind="service_unavailable_error")),
}


@pytest.mark.parametrize("kind", list(READ_FAILURES))
def test_a_read_is_retried_after_a_transient_failure(kind: str, sleeps: list[float]) -> None:
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.get(EVO_GET).mock(
                side_effect=[READ_FAILURES[kind](), httpx.Response(200, json=EVO_DETAIL)]
            )
            result = call(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID})
            assert result.status == "completed", mode
            assert route.call_count == 2, mode
            assert len(sleeps) == 1 and 0.375 <= sleeps[0] <= 0.5, (mode, sleeps)


@pytest.mark.parametrize(
    ("answer", "error_name"),
    [
        pytest.param(repeat(502, evolink_error()), "InternalServerError", id="502"),
        pytest.param(raising(httpx.ReadTimeout, "timed out"), "APITimeoutError", id="timeout"),
        pytest.param(raising(httpx.ConnectError, "refused"), "APIConnectionError", id="connect"),
    ],
)
def test_a_read_gives_up_after_max_retries(
    answer: Answer, error_name: str, sleeps: list[float]
) -> None:
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.get(EVO_GET).mock(side_effect=answer)
            error = raised(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID})
            assert type(error) is getattr(evolink_client, error_name), mode
            assert route.call_count == 3 and len(sleeps) == 2, mode
            assert "getTask" in str(error) and "after 2 retries" in str(error), mode


@MODES
def test_backoff_doubles_from_half_a_second_up_to_eight(
    mode: str, gateway: Router, sleeps: list[float], no_jitter: None
) -> None:
    route = gateway.get(EVO_GET).mock(side_effect=repeat(500, evolink_error()))
    with pytest.raises(evolink_client.InternalServerError):
        call(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID}, max_retries=6)
    assert route.call_count == 7
    assert sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


@MODES
def test_jitter_takes_at_most_a_quarter_off_each_pause(
    mode: str, gateway: Router, sleeps: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    gateway.get(EVO_GET).mock(side_effect=repeat(500, evolink_error()))
    with pytest.raises(evolink_client.InternalServerError):
        call(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID}, max_retries=3)
    assert len(sleeps) == 3
    for pause, full in zip(sleeps, (0.5, 1.0, 2.0), strict=True):
        assert 0.75 * full <= pause <= full
    sleeps.clear()
    set_jitter(monkeypatch, 1.0)
    with pytest.raises(evolink_client.InternalServerError):
        call(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID}, max_retries=3)
    assert sleeps == [0.375, 0.75, 1.5]


@pytest.mark.parametrize(
    ("headers", "low", "high"),
    [
        pytest.param(lambda: {"Retry-After": "3"}, 3.0, 3.0, id="seconds"),
        pytest.param(lambda: {"Retry-After": "0.2"}, 0.2, 0.2, id="shorter-than-backoff"),
        pytest.param(lambda: {"Retry-After": "60"}, 60.0, 60.0, id="sixty-seconds"),
        pytest.param(lambda: {"retry-after-ms": "1500"}, 1.5, 1.5, id="milliseconds"),
        pytest.param(lambda: {"Retry-After": http_date(30)}, 28.0, 30.0, id="http-date"),
    ],
)
def test_a_read_waits_as_long_as_retry_after_asks(
    headers: Callable[[], dict[str, str]],
    low: float,
    high: float,
    sleeps: list[float],
    no_jitter: None,
) -> None:
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            busy = httpx.Response(
                429, json=evolink_error(kind="rate_limit_error"), headers=headers()
            )
            route = gateway.get(EVO_GET).mock(
                side_effect=[busy, httpx.Response(200, json=EVO_DETAIL)]
            )
            call(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID})
            assert route.call_count == 2, mode
            assert len(sleeps) == 1 and low <= sleeps[0] <= high, (mode, sleeps)


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(lambda: {"Retry-After": "61"}, id="61-seconds"),
        pytest.param(lambda: {"retry-after-ms": "120000"}, id="two-minutes-in-ms"),
        pytest.param(lambda: {"Retry-After": http_date(600)}, id="http-date-in-ten-minutes"),
    ],
)
def test_a_retry_after_over_a_minute_is_raised_at_once(
    headers: Callable[[], dict[str, str]], sleeps: list[float]
) -> None:
    calls = [
        (EVO_GET, "get_task", {"task_id": EVO_TASK_ID}),
        (EVO_CREATE, "create_video_generation", EVO_ARGS),
    ]
    for mode in BOTH:
        for url, method, kwargs in calls:
            with fresh_gateway(sleeps) as gateway:
                answer = repeat(429, evolink_error(kind="rate_limit_error"), headers())
                route = gateway.route(url=url).mock(side_effect=answer)
                error = raised(mode, evolink_client, method, kwargs)
                assert type(error) is evolink_client.RateLimitError, (mode, method)
                assert route.call_count == 1 and sleeps == [], (mode, method)


# -- the provider's own error codes (EZLINK's Kling codes) -----------------------------------


@pytest.mark.parametrize(
    "headers", [{}, {"Retry-After": "0.2"}], ids=["backoff", "shorter-retry-after"]
)
def test_kling_1303_waits_at_least_one_second(
    headers: dict[str, str], sleeps: list[float], no_jitter: None
) -> None:
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            busy = [
                httpx.Response(429, json=kling_error(1303, "too many tasks"), headers=headers)
                for _ in range(2)
            ]
            route = gateway.get(EZ_TASKS).mock(
                side_effect=[*busy, httpx.Response(200, json=EZ_TASKS_BODY)]
            )
            result = call(mode, ezlink_client, "get_tasks", {"task_ids": "task-1"})
            assert result.data[0].id == "task-1", mode
            assert route.call_count == 3, mode
            assert sleeps == [1.0, 1.0], mode


@MODES
def test_kling_1102_quota_exhausted_is_not_retried(
    mode: str, gateway: Router, sleeps: list[float]
) -> None:
    read = gateway.get(EZ_TASKS).mock(side_effect=repeat(429, kling_error(1102, "quota used")))
    create = gateway.post(EZ_CREATE).mock(side_effect=repeat(200, envelope(1102, "quota used")))
    error = raised(mode, ezlink_client, "get_tasks", {"task_ids": "task-1"})
    assert type(error) is ezlink_client.RateLimitError
    assert (error.status_code, error.code) == (429, 1102)
    error = raised(mode, ezlink_client, "create_text_to_video", {"prompt": "a cat"})
    assert type(error) is ezlink_client.RateLimitError  # in a 200 envelope
    assert (error.status_code, error.code) == (200, 1102)
    assert (read.call_count, create.call_count, sleeps) == (1, 1, [])


@MODES
def test_kling_1303_in_a_200_envelope_is_a_retried_rate_limit(
    mode: str, gateway: Router, sleeps: list[float]
) -> None:
    busy = envelope(1303, "parallel task over resource pack limit", "req-busy")
    route = gateway.get(EZ_TASKS).mock(side_effect=repeat(200, busy))
    error = raised(mode, ezlink_client, "get_tasks", {"task_ids": "task-1"})
    assert type(error) is ezlink_client.RateLimitError
    assert (error.status_code, error.code, error.request_id) == (200, 1303, "req-busy")
    assert error.provider_message == "parallel task over resource pack limit"
    assert route.call_count == 3
    assert len(sleeps) == 2 and min(sleeps) >= 1.0


@MODES
def test_kling_1303_envelope_on_a_create_is_retried_without_a_key(
    mode: str, gateway: Router, sleeps: list[float]
) -> None:
    route = gateway.post(EZ_CREATE).mock(
        side_effect=[
            httpx.Response(200, json=envelope(1303, "busy")),
            httpx.Response(200, json=EZ_CREATED),
        ]
    )
    result = call(mode, ezlink_client, "create_text_to_video", {"prompt": "a cat"})
    assert result.data.id == "task-1"
    assert route.call_count == 2
    assert len(sleeps) == 1 and sleeps[0] >= 1.0
    assert bodies(route) == [{"prompt": "a cat"}] * 2


@pytest.mark.parametrize(
    ("code", "error_name", "attempts"),
    [
        (1000, "AuthenticationError", 1),
        (1103, "PermissionDeniedError", 1),
        (1201, "BadRequestError", 1),
        (1202, "NotFoundError", 1),
        (5000, "InternalServerError", 3),
        (4242, "APIStatusError", 1),  # not declared: a failure, of no particular status
    ],
)
def test_an_envelope_failure_takes_the_class_and_retry_rule_of_its_declared_status(
    code: int, error_name: str, attempts: int, sleeps: list[float]
) -> None:
    body = envelope(code)
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.get(EZ_TASKS).mock(side_effect=repeat(200, body))
            error = raised(mode, ezlink_client, "get_tasks", {"task_ids": "task-1"})
            assert type(error) is getattr(ezlink_client, error_name), mode
            assert (error.status_code, error.code, error.body) == (200, code, body), mode
            assert (error.provider_message, error.request_id) == ("failed here", "req-env")
            assert route.call_count == attempts, mode
            assert str(code) in str(error) and "getTasks" in str(error), mode


@MODES
def test_kling_5000_envelope_on_a_create_is_uncertain(mode: str, gateway: Router) -> None:
    route = gateway.post(EZ_CREATE).mock(side_effect=repeat(200, envelope(5000, "internal")))
    error = raised(mode, ezlink_client, "create_text_to_video", {"prompt": "a cat"})
    assert_uncertain(error, ezlink_client, "InternalServerError")
    assert type(error.last_error) is ezlink_client.InternalServerError
    assert route.call_count == 1 and error.attempts == 1


# -- paid creates ----------------------------------------------------------------------------


def assert_uncertain(error: Any, pkg: ModuleType, cause: str) -> None:
    """`error` is the SubmissionUncertainError that is also a `cause` (the class of its last
    failure), so that either `except` catches it."""
    assert type(error).__name__ == "SubmissionUncertain" + cause
    assert isinstance(error, pkg.SubmissionUncertainError)
    assert isinstance(error, getattr(pkg, cause))


NOT_SENT: dict[str, Callable[[], Any]] = {
    "connect-error": lambda: httpx.ConnectError("connection refused"),
    "connect-timeout": lambda: httpx.ConnectTimeout("connect timed out"),
    "pool-timeout": lambda: httpx.PoolTimeout("no free connection"),
    "429": lambda: httpx.Response(429, json=evolink_error(kind="rate_limit_error")),
}


@pytest.mark.parametrize("kind", list(NOT_SENT))
def test_a_create_is_retried_when_it_cannot_have_reached_the_gateway(
    kind: str, sleeps: list[float]
) -> None:
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.post(EVO_CREATE).mock(
                side_effect=[NOT_SENT[kind](), httpx.Response(200, json=EVO_CREATED)]
            )
            result = call(mode, evolink_client, "create_video_generation", EVO_ARGS)
            assert result.id == EVO_TASK_ID, mode
            assert route.call_count == 2 and len(sleeps) == 1, mode
            assert bodies(route) == [EVO_ARGS, EVO_ARGS], mode


UNCERTAIN: dict[str, tuple[Callable[[], Any], str, int | None]] = {
    "read-timeout": (lambda: httpx.ReadTimeout("timed out"), "APITimeoutError", None),
    "read-error": (lambda: httpx.ReadError("connection reset"), "APIConnectionError", None),
    "remote-protocol-error": (
        lambda: httpx.RemoteProtocolError("server disconnected without a response"),
        "APIConnectionError",
        None,
    ),
    "408": (lambda: httpx.Response(408, json=evolink_error()), "APIStatusError", 408),
    "409": (lambda: httpx.Response(409, json=evolink_error()), "ConflictError", 409),
    "500": (lambda: httpx.Response(500, json=evolink_error()), "InternalServerError", 500),
    "502": (
        lambda: httpx.Response(502, text="<html>Bad Gateway</html>"),
        "InternalServerError",
        502,
    ),
}


@pytest.mark.parametrize("kind", list(UNCERTAIN))
def test_a_create_that_may_have_reached_the_gateway_is_sent_only_once(
    kind: str, sleeps: list[float]
) -> None:
    answer, last_error, status = UNCERTAIN[kind]
    kwargs = {**EVO_ARGS, "duration": 10, "extra_body": {"seed": 7}}
    payload = {**EVO_ARGS, "duration": 10, "seed": 7}
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.post(EVO_CREATE).mock(
                side_effect=[answer(), httpx.Response(200, json=EVO_CREATED)]
            )
            error = raised(mode, evolink_client, "create_video_generation", kwargs)
            assert_uncertain(error, evolink_client, last_error)
            assert route.call_count == 1 and sleeps == [], mode
            assert bodies(route) == [payload], mode
        assert error.operation == "createVideoGeneration", mode
        assert error.payload == payload, mode
        assert (error.idempotency_key, error.attempts) == (None, 1), mode
        assert type(error.last_error) is getattr(evolink_client, last_error), mode
        assert error.__cause__ is error.last_error, mode
        assert error.status_code == status, mode
        if status is None:
            assert error.response is None, mode
        else:
            assert error.response.status_code == status, mode
        assert error.request.method == "POST", mode
        assert error.request.headers["Authorization"] == REDACTED, mode
        assert "createVideoGeneration" in str(error), mode


@pytest.mark.parametrize(
    ("pkg", "method", "kwargs", "url"),
    [
        pytest.param(
            ezlink_client,
            "create_text_to_video",
            {"prompt": "a cat"},
            EZ_CREATE,
            id="ezlink-text",
        ),
        pytest.param(
            ezlink_client,
            "create_image_to_video",
            {"contents": [{"type": "first_frame", "url": "https://img.test/1.png"}]},
            BASE_URL + "/kling/image-to-video/kling-3.0-turbo",
            id="ezlink-image",
        ),
        pytest.param(
            uniall_client,
            "create_video_generation",
            {"model": "kling-v3-std-silent", "prompt": "a cat"},
            BASE_URL + "/v1/video/generations",
            id="uniall",
        ),
        pytest.param(
            openroute_client,
            "create_kling_text_to_video",
            {"model_name": "kling-v2-6", "prompt": "a cat"},
            BASE_URL + "/kling/v1/videos/text2video",
            id="openroute",
        ),
    ],
)
def test_every_providers_create_is_guarded(
    pkg: ModuleType, method: str, kwargs: dict[str, Any], url: str, sleeps: list[float]
) -> None:
    operation = getattr(pkg._client, method.upper()).name
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.post(url).mock(
                side_effect=[httpx.ReadTimeout("timed out"), httpx.Response(200, json={})]
            )
            error = raised(mode, pkg, method, kwargs)
            assert_uncertain(error, pkg, "APITimeoutError")
            assert route.call_count == 1 and sleeps == [], mode
        assert (error.operation, error.payload) == (operation, kwargs), mode
        assert (error.idempotency_key, error.attempts) == (None, 1), mode
        assert type(error.last_error) is pkg.APITimeoutError, mode
        if pkg is ezlink_client:  # the advice names the key that makes a retry safe
            assert "options.external_task_id" in str(error), mode


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(lambda: httpx.ReadTimeout("timed out"), id="read-timeout"),
        pytest.param(lambda: httpx.Response(500, json=kling_error(5000)), id="500"),
        pytest.param(lambda: httpx.Response(409, json=kling_error(1201)), id="409"),
    ],
)
def test_a_create_with_an_idempotency_key_is_retried(
    answer: Callable[[], Any], sleeps: list[float]
) -> None:
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.post(EZ_CREATE).mock(
                side_effect=[answer(), httpx.Response(200, json=EZ_CREATED)]
            )
            result = call(mode, ezlink_client, "create_text_to_video", EZ_KEYED)
            assert result.data.id == "task-1", mode
            assert route.call_count == 2 and len(sleeps) == 1, mode
            assert bodies(route) == [EZ_KEYED, EZ_KEYED], mode


@MODES
def test_a_keyed_create_that_keeps_failing_is_uncertain_with_its_key(
    mode: str, gateway: Router, sleeps: list[float]
) -> None:
    route = gateway.post(EZ_CREATE).mock(side_effect=repeat(502, kling_error(5001, "upstream")))
    error = raised(mode, ezlink_client, "create_text_to_video", EZ_KEYED)
    assert_uncertain(error, ezlink_client, "InternalServerError")
    assert (error.idempotency_key, error.attempts, error.payload) == ("order-42", 3, EZ_KEYED)
    assert route.call_count == 3 and len(sleeps) == 2
    assert type(error.last_error) is ezlink_client.InternalServerError
    assert error.status_code == 502 and error.__cause__ is error.last_error
    assert "order-42" in str(error)


@MODES
def test_a_create_refused_every_time_raises_rate_limit_error(
    mode: str, gateway: Router, sleeps: list[float]
) -> None:
    route = gateway.post(EVO_CREATE).mock(
        side_effect=repeat(429, evolink_error("rate_limited", "slow down", "rate_limit_error"))
    )
    error = raised(mode, evolink_client, "create_video_generation", EVO_ARGS)
    assert type(error) is evolink_client.RateLimitError
    assert (error.code, error.provider_message) == ("rate_limited", "slow down")
    assert route.call_count == 3 and len(sleeps) == 2


@MODES
def test_a_create_that_never_connects_raises_connection_error(
    mode: str, gateway: Router, sleeps: list[float]
) -> None:
    route = gateway.post(EVO_CREATE).mock(side_effect=raising(httpx.ConnectError, "refused"))
    error = raised(mode, evolink_client, "create_video_generation", EVO_ARGS)
    assert type(error) is evolink_client.APIConnectionError
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert route.call_count == 3 and len(sleeps) == 2


@MODES
def test_a_create_stops_at_its_first_uncertain_failure(
    mode: str, gateway: Router, sleeps: list[float]
) -> None:
    route = gateway.post(EVO_CREATE).mock(
        side_effect=[
            httpx.ConnectError("connection refused"),
            httpx.Response(503, json=evolink_error(kind="service_unavailable_error")),
            httpx.Response(200, json=EVO_CREATED),
        ]
    )
    error = raised(mode, evolink_client, "create_video_generation", EVO_ARGS)
    assert_uncertain(error, evolink_client, "InternalServerError")
    assert error.attempts == 2 and error.status_code == 503
    assert type(error.last_error) is evolink_client.InternalServerError
    assert route.call_count == 2 and len(sleeps) == 1


@MODES
def test_an_uncertain_create_logs_a_warning(
    mode: str, gateway: Router, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    gateway.post(EVO_CREATE).mock(side_effect=httpx.ReadTimeout("timed out"))
    error = raised(mode, evolink_client, "create_video_generation", EVO_ARGS)
    assert_uncertain(error, evolink_client, "APITimeoutError")
    warnings = [
        record
        for record in caplog.records
        if record.name == "evolink_client" and record.levelno == logging.WARNING
    ]
    assert len(warnings) == 1
    assert "createVideoGeneration" in warnings[0].getMessage()


# -- errors ----------------------------------------------------------------------------------


@MODES
def test_an_error_message_is_a_sentence_with_every_detail(mode: str, gateway: Router) -> None:
    body = kling_error(1102, "resource pack exhausted", "req-77")
    gateway.get(EZ_TASKS).respond(429, json=body)
    error = raised(mode, ezlink_client, "get_tasks", {"task_ids": "task-1"})
    assert type(error) is ezlink_client.RateLimitError
    assert (error.status_code, error.code, error.body) == (429, 1102, body)
    assert (error.provider_message, error.request_id) == ("resource pack exhausted", "req-77")
    text = str(error)
    assert text.startswith("getTasks failed with HTTP 429")
    for part in ("1102", '"resource pack exhausted"', "request id req-77", "buy more quota"):
        assert part in text
    assert text.endswith(".")


@pytest.mark.parametrize(
    ("status", "error_name", "kind", "attempts"),
    [
        (400, "BadRequestError", "invalid_request_error", 1),
        (401, "AuthenticationError", "authentication_error", 1),
        (403, "PermissionDeniedError", "permission_error", 1),
        (404, "NotFoundError", "not_found_error", 1),
        (422, "UnprocessableEntityError", "invalid_request_error", 1),
        (429, "RateLimitError", "rate_limit_error", 3),
        (500, "InternalServerError", "internal_server_error", 3),
        (503, "InternalServerError", "service_unavailable_error", 3),
    ],
)
def test_an_error_status_picks_the_class_fields_and_retries(
    status: int, error_name: str, kind: str, attempts: int, sleeps: list[float]
) -> None:
    body = evolink_error(f"code_{status}", f"failure {status}", kind)
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            route = gateway.get(EVO_GET).mock(side_effect=repeat(status, body))
            error = raised(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID})
            assert type(error) is getattr(evolink_client, error_name), mode
            assert isinstance(error, evolink_client.APIStatusError)
            assert (error.status_code, error.body) == (status, body), mode
            assert (error.code, error.provider_message) == (f"code_{status}", f"failure {status}")
            assert error.request_id is None, mode
            assert route.call_count == attempts and len(sleeps) == attempts - 1, mode
            for part in ("getTask", f"HTTP {status}", f'"failure {status}"'):
                assert part in str(error), mode


@MODES
def test_evolink_fallback_suggestion_is_passed_on(mode: str, gateway: Router) -> None:
    body = evolink_error(
        "insufficient_quota",
        "balance too low",
        "insufficient_quota_error",
        fallback_suggestion="top up, or use kling-v2-6",
    )
    route = gateway.post(EVO_CREATE).respond(402, json=body)
    error = raised(mode, evolink_client, "create_video_generation", EVO_ARGS)
    assert type(error) is evolink_client.APIStatusError  # 402 has no class of its own
    assert (error.status_code, error.code) == (402, "insufficient_quota")
    text = str(error)
    assert "The gateway suggests: top up, or use kling-v2-6." in text
    assert "HTTP 402" in text and '"balance too low"' in text
    assert route.call_count == 1


@pytest.mark.parametrize(
    "body",
    [
        {"error": {"code": "invalid_model", "message": "unknown model", "type": "invalid"}},
        {"code": "invalid_model", "message": "unknown model", "data": None},
    ],
    ids=["nested", "flat"],
)
def test_uniall_error_fields_are_read_from_either_shape(
    body: dict[str, Any], sleeps: list[float]
) -> None:
    for mode in BOTH:
        with fresh_gateway(sleeps) as gateway:
            gateway.get(BASE_URL + "/v1/videos/task-1").respond(400, json=body)
            error = raised(mode, uniall_client, "get_video_task", {"task_id": "task-1"})
            assert type(error) is uniall_client.BadRequestError, mode
            assert (error.code, error.provider_message) == ("invalid_model", "unknown model")
            assert error.body == body and "unknown model" in str(error), mode


@MODES
def test_an_off_schema_success_body_is_a_response_validation_error(
    mode: str, gateway: Router, sleeps: list[float]
) -> None:
    body = {"id": EVO_TASK_ID, "status": "completed", "progress": 150}
    route = gateway.get(EVO_GET).respond(json=body)
    error = raised(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID})
    assert type(error) is evolink_client.APIResponseValidationError
    assert (error.status_code, error.body) == (200, body)
    assert "getTask" in str(error) and "progress" in str(error)
    assert route.call_count == 1 and sleeps == []
    assert error.response.request.headers["Authorization"] == REDACTED


@MODES
def test_an_off_schema_create_answer_is_not_an_uncertain_submission(
    mode: str, gateway: Router
) -> None:
    body = {**EVO_CREATED, "progress": "half"}  # documented as an integer
    route = gateway.post(EVO_CREATE).respond(json=body)
    error = raised(mode, evolink_client, "create_video_generation", EVO_ARGS)
    assert type(error) is evolink_client.APIResponseValidationError
    assert error.body == body
    assert "createVideoGeneration" in str(error) and "progress" in str(error)
    assert route.call_count == 1


# -- the API key stays secret, and what is logged --------------------------------------------


@pytest.mark.parametrize("kind", ["Client", "AsyncClient"])
def test_the_api_key_is_in_no_repr_of_a_client(kind: str) -> None:
    for pkg in PACKAGES:
        client = getattr(pkg, kind)(api_key=API_KEY, base_url=BASE_URL)
        copy = client.with_options(api_key=OTHER_KEY)
        for shown, key in ((client, API_KEY), (copy, OTHER_KEY)):
            for text in (repr(shown), str(shown), repr(vars(shown)), str(vars(shown))):
                assert key not in text, pkg.__name__
        assert "<redacted>" in repr(client)
        close(client)


def assert_keyless_request(request: httpx.Request, where: str) -> None:
    assert request.headers.get("Authorization") == REDACTED, where
    assert API_KEY not in repr(request.headers.raw), where
    assert API_KEY not in repr(request.headers), where


def assert_keyless(error: BaseException) -> None:
    """No trace of the key in the error, its request and response, or anything it chains."""
    seen: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or any(current is done for done in seen):
            continue
        seen.append(current)
        name = type(current).__name__
        assert API_KEY not in str(current) and API_KEY not in repr(current), name
        assert API_KEY not in getattr(current, "message", ""), name
        try:
            request = getattr(current, "request", None)
        except RuntimeError:  # an httpx error with no request attached
            request = None
        if request is not None:
            assert_keyless_request(request, f"{name}.request")
        response = getattr(current, "response", None)
        if response is not None:
            assert_keyless_request(response.request, f"{name}.response.request")
        pending += [current.__cause__, current.__context__, getattr(current, "last_error", None)]


LEAKS: dict[str, tuple[str, dict[str, Any], Answer]] = {
    "bad-request": ("get_tasks", {"task_ids": "t"}, repeat(400, kling_error(1201, "bad id"))),
    "server-error": ("get_tasks", {"task_ids": "t"}, repeat(500, kling_error(5000, "boom"))),
    "envelope": ("get_tasks", {"task_ids": "t"}, repeat(200, envelope(1000, "invalid key"))),
    "response-validation": (
        "get_tasks",
        {"task_ids": "t"},
        repeat(200, {"code": 0, "message": "ok", "data": "not a list"}),
    ),
    "connection": ("get_tasks", {"task_ids": "t"}, raising(httpx.ConnectError, "refused")),
    "timeout": ("get_tasks", {"task_ids": "t"}, raising(httpx.ReadTimeout, "timed out")),
    "uncertain": (
        "create_text_to_video",
        {"prompt": "a cat"},
        raising(httpx.ReadTimeout, "timed out"),
    ),
    "uncertain-with-key": ("create_text_to_video", EZ_KEYED, repeat(503, kling_error(5001))),
}


@pytest.mark.parametrize("kind", list(LEAKS))
def test_the_api_key_never_leaks_from_an_error_or_the_logs(
    kind: str, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    method, kwargs, answer = LEAKS[kind]
    for mode in BOTH:
        caplog.clear()
        with fresh_gateway(sleeps) as gateway:
            route = gateway.route(host="gw.test").mock(side_effect=answer)
            error = raised(mode, ezlink_client, method, kwargs)
            assert route.calls.last.request.headers["Authorization"] == f"Bearer {API_KEY}"
        assert isinstance(error, ezlink_client.APIError), mode
        assert_keyless(error)
        assert [r for r in caplog.records if r.name == "ezlink_client"], mode
        for record in caplog.records:
            assert API_KEY not in record.getMessage(), (mode, record.getMessage())
            assert API_KEY not in repr(record.args), mode


@MODES
def test_each_request_and_each_retry_is_logged_at_debug(
    mode: str, gateway: Router, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    gateway.get(EVO_GET).mock(
        side_effect=[
            httpx.Response(503, json=evolink_error()),
            httpx.ReadTimeout("timed out"),
            httpx.Response(200, json=EVO_DETAIL),
        ]
    )
    call(mode, evolink_client, "get_task", {"task_id": EVO_TASK_ID})
    records = [record for record in caplog.records if record.name == "evolink_client"]
    assert records and all(record.levelno == logging.DEBUG for record in records)
    messages = [record.getMessage() for record in records]
    retries = [message for message in messages if "retry" in message.lower()]
    requests = [m for m in messages if f"/v1/tasks/{EVO_TASK_ID}" in m and m not in retries]
    assert len(requests) == 3
    assert len(retries) == 2 and all("getTask" in message for message in retries)
    for record in caplog.records:
        assert API_KEY not in record.getMessage() and API_KEY not in repr(record.args)
