"""The client contract of the runtime core, exercised through the generated packages.

ezlink has an `x-envelope` and a default server; uniall has neither. Every request is answered
by respx or an httpx.MockTransport: nothing here touches the network.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import Iterator
from typing import Any

import ezlink_client
import httpx
import pytest
import respx
import uniall_client

from tests.spec_cases import package, providers

API_KEY = "sk-runtime-secret-0123456789"
BASE_URL = "https://gw.test"
CREATED = {"code": 0, "message": "success", "request_id": "req-1", "data": {"id": "task-1"}}
TASKS = {"code": 0, "message": "success", "data": [{"id": "task-1", "status": "submitted"}]}
VIDEO_TASK = {"id": "task-1", "status": "queued"}
MODEL = "kling-v3-std-silent"
MODES = pytest.mark.parametrize("mode", ["sync", "async"])
Router = respx.MockRouter


@pytest.fixture
def gateway() -> Iterator[Router]:
    with respx.mock(assert_all_called=False) as router:
        yield router


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("EZLINK_API_KEY", "EZLINK_BASE_URL", "UNIALL_API_KEY", "UNIALL_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def call(mode: str, pkg: Any, method: str, kwargs: dict[str, Any], **options: Any) -> Any:
    """Call `method` on a fresh Client (sync) or AsyncClient (async) used as a context manager."""
    options = {"api_key": API_KEY, "base_url": BASE_URL, **options}
    if mode == "sync":
        with pkg.Client(**options) as client:
            return getattr(client, method)(**kwargs)

    async def run() -> Any:
        async with pkg.AsyncClient(**options) as client:
            return await getattr(client, method)(**kwargs)

    return asyncio.run(run())


def text_to_video(mode: str, gateway: Router, **kwargs: Any) -> httpx.Request:
    route = gateway.route().respond(json=CREATED)
    call(mode, ezlink_client, "create_text_to_video", kwargs)
    return route.calls.last.request


def raised(mode: str, gateway: Router, answer: httpx.Response | type[Exception]) -> Any:
    """The error that ezlink's get_tasks raises when the gateway answers `answer` (no retries)."""
    gateway.route().mock(side_effect=[answer] if isinstance(answer, httpx.Response) else answer)
    with pytest.raises(ezlink_client.APIError) as caught:
        call(mode, ezlink_client, "get_tasks", {"task_ids": "task-1"}, max_retries=0)
    return caught.value


@MODES
@pytest.mark.parametrize(("argument", "sent"), [(API_KEY, API_KEY), (None, "sk-from-env")])
def test_api_key_argument_wins_over_the_environment(
    mode: str, argument: Any, sent: str, gateway: Router, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EZLINK_API_KEY", "sk-from-env")
    route = gateway.route().respond(json=TASKS)
    call(mode, ezlink_client, "get_tasks", {"task_ids": "t"}, api_key=argument)
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {sent}"


@pytest.mark.parametrize("kind", ["Client", "AsyncClient"])
def test_missing_configuration_names_the_variable_and_the_argument(kind: str) -> None:
    with pytest.raises(ezlink_client.ConfigurationError, match="EZLINK_API_KEY") as no_key:
        getattr(ezlink_client, kind)(base_url=BASE_URL)
    assert "api_key=" in str(no_key.value)
    with pytest.raises(uniall_client.ConfigurationError, match="UNIALL_BASE_URL") as no_url:
        getattr(uniall_client, kind)(api_key=API_KEY)
    assert "base_url=" in str(no_url.value)


@MODES
def test_ezlink_defaults_to_the_spec_server(mode: str, gateway: Router) -> None:
    route = gateway.get("https://api.ezlinkai.com/kling/tasks").respond(json=TASKS)
    call(mode, ezlink_client, "get_tasks", {"task_ids": "t"}, base_url=None)
    assert route.call_count == 1
    assert ezlink_client.Client(api_key=API_KEY).base_url == "https://api.ezlinkai.com"


@MODES
@pytest.mark.parametrize("source", ["argument", "environment"])
def test_base_url_with_prefix_and_trailing_slash(
    mode: str, source: str, gateway: Router, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://gw.test/prefix/"
    if source == "environment":
        monkeypatch.setenv("UNIALL_BASE_URL", url)
    route = gateway.route().respond(json=VIDEO_TASK)
    options = {"base_url": url if source == "argument" else None}
    call(mode, uniall_client, "get_video_task", {"task_id": "task-1"}, **options)
    assert str(route.calls.last.request.url) == "https://gw.test/prefix/v1/videos/task-1"


@pytest.mark.parametrize("url", ["api.example.com", "ftp://api.example.com", "/v1"])
@pytest.mark.parametrize("kind", ["Client", "AsyncClient"])
def test_non_http_base_url_is_a_configuration_error(kind: str, url: str) -> None:
    with pytest.raises(uniall_client.ConfigurationError, match="http"):
        getattr(uniall_client, kind)(api_key=API_KEY, base_url=url)


@MODES
def test_upper_case_scheme_is_accepted(mode: str, gateway: Router) -> None:
    client = uniall_client.Client(api_key=API_KEY, base_url="HTTPS://GW.TEST/")
    assert client.base_url == "HTTPS://GW.TEST"  # as given, less the trailing slash
    route = gateway.route().respond(json=VIDEO_TASK)
    call(mode, uniall_client, "get_video_task", {"task_id": "task-1"}, base_url="HTTPS://GW.TEST/")
    assert str(route.calls.last.request.url) == "https://gw.test/v1/videos/task-1"


def test_context_managers_close_the_owned_http_client() -> None:
    with ezlink_client.Client(api_key=API_KEY) as client:
        assert not client._http.is_closed
    assert client._http.is_closed

    async def run() -> httpx.AsyncClient:
        async with ezlink_client.AsyncClient(api_key=API_KEY) as client:
            assert not client._http.is_closed
        return client._http

    assert asyncio.run(run()).is_closed


@MODES
def test_caller_http_client_is_used_and_left_open(mode: str) -> None:
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200, json=TASKS))
    http_class = httpx.Client if mode == "sync" else httpx.AsyncClient
    http = http_class(transport=transport, headers={"X-Caller": "1"})
    call(mode, ezlink_client, "get_tasks", {"task_ids": "t"}, http_client=http)  # then close()
    sent = [(r.headers["X-Caller"], r.headers["Authorization"]) for r in seen]
    assert sent == [("1", f"Bearer {API_KEY}")]
    assert not http.is_closed
    if isinstance(http, httpx.Client):
        http.close()
    else:
        asyncio.run(http.aclose())


@MODES
def test_left_out_and_not_given_arguments_are_not_sent(mode: str, gateway: Router) -> None:
    request = text_to_video(mode, gateway, prompt="a cat", options=ezlink_client.NOT_GIVEN)
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {"prompt": "a cat"}


@MODES
def test_models_send_only_the_fields_that_were_set(mode: str, gateway: Router) -> None:
    models = ezlink_client.models
    settings = models.GenerationSettings(duration=5, resolution="1080p")
    options = models.TaskOptions(external_task_id="ext-1", callback_url=None)
    request = text_to_video(mode, gateway, prompt="a cat", settings=settings, options=options)
    sent = json.loads(request.content)
    assert sent["settings"] == {"duration": 5, "resolution": "1080p"}
    assert type(sent["settings"]["duration"]) is int
    assert sent["options"] == {"external_task_id": "ext-1", "callback_url": None}


@MODES
def test_plain_values_are_sent_exactly_as_given(mode: str, gateway: Router) -> None:
    route = gateway.route().respond(json={"id": "task-1"})
    extra = {
        "cfg_scale": 1.0,
        "multi_prompt": [{"prompt": "第三"}, {"prompt": "b"}, {"prompt": "a"}],
        "negative_prompt": "模糊, 低细节",
    }
    kwargs = {"model": MODEL, "prompt": "一只猫 🐱", "duration": 5, "image": None}
    call(mode, uniall_client, "create_video_generation", {**kwargs, "extra_body": extra})
    content = route.calls.last.request.content
    sent = json.loads(content.decode("utf-8"))
    assert sent == {**kwargs, "extra_body": extra}
    assert type(sent["duration"]) is int
    assert type(sent["extra_body"]["cfg_scale"]) is float
    assert "一只猫 🐱".encode() in content
    assert b"\\u" not in content


@MODES
def test_list_of_models_and_dicts_keeps_its_order(mode: str, gateway: Router) -> None:
    route = gateway.route().respond(json=CREATED)
    frame = {"type": "first_frame", "url": "https://img.test/1.png"}
    contents = [ezlink_client.models.PromptContentItem(type="prompt", text="zoom in"), frame]
    call(mode, ezlink_client, "create_image_to_video", {"contents": contents})
    sent = json.loads(route.calls.last.request.content)["contents"]
    assert sent == [{"type": "prompt", "text": "zoom in"}, frame]


def test_nan_is_refused_rather_than_sent_as_invalid_json(gateway: Router) -> None:
    route = gateway.route().respond(json={"id": "task-1"})
    kwargs = {"model": MODEL, "extra_body": {"cfg_scale": float("nan")}}
    # Validation refuses it first (cfg_scale has a range); without validation, JSON does.
    with pytest.raises(uniall_client.ValidationError, match=r"extra_body\.cfg_scale"):
        call("sync", uniall_client, "create_video_generation", kwargs)
    with pytest.raises(TypeError, match="JSON"):
        call("sync", uniall_client, "create_video_generation", kwargs, validate_requests=False)
    assert not route.called


@MODES
def test_envelope_code_zero_parses_and_keeps_unknown_fields(mode: str, gateway: Router) -> None:
    body = {**CREATED, "trace": "t-9", "data": {"id": "task-1", "queue_position": 3}}
    gateway.route().respond(json=body)
    result = call(mode, ezlink_client, "create_text_to_video", {"prompt": "a cat"})
    assert isinstance(result, ezlink_client.models.CreateTaskResponse)
    assert (result.code, result.data.id) == (0, "task-1")
    assert result.model_extra == {"trace": "t-9"}
    assert result.data.model_extra == {"queue_position": 3}
    assert result.model_dump(exclude_unset=True) == body


@MODES
def test_envelope_failure_in_a_200_raises_api_status_error(mode: str, gateway: Router) -> None:
    body = {"code": 1201, "message": "prompt too long", "request_id": "req-9", "data": None}
    gateway.route().respond(json=body)
    with pytest.raises(ezlink_client.APIStatusError) as caught:
        call(mode, ezlink_client, "create_text_to_video", {"prompt": "a cat"})
    error = caught.value
    # x-errors says Kling's 1201 stands for HTTP 400, so the envelope failure is a bad request.
    assert type(error) is ezlink_client.BadRequestError
    assert (error.status_code, error.code, error.body) == (200, 1201, body)
    assert (error.provider_message, error.request_id) == ("prompt too long", "req-9")
    for part in ("createTextToVideo", "1201", "prompt too long"):
        assert part in str(error)


STATUS_ERRORS = {
    400: ezlink_client.BadRequestError,
    401: ezlink_client.AuthenticationError,
    403: ezlink_client.PermissionDeniedError,
    404: ezlink_client.NotFoundError,
    422: ezlink_client.UnprocessableEntityError,
    429: ezlink_client.RateLimitError,
    500: ezlink_client.InternalServerError,
    503: ezlink_client.InternalServerError,
}


@MODES
@pytest.mark.parametrize("status", STATUS_ERRORS)
def test_http_status_maps_to_its_error_class(mode: str, status: int, gateway: Router) -> None:
    body = {"code": 1000, "message": "nope"}
    error = raised(mode, gateway, httpx.Response(status, json=body))
    assert type(error) is STATUS_ERRORS[status]
    assert (error.status_code, error.body) == (status, body)
    assert "getTasks" in str(error) and str(status) in str(error)


@MODES
def test_non_json_error_body_is_kept_as_text(mode: str, gateway: Router) -> None:
    error = raised(mode, gateway, httpx.Response(502, text="<html>Bad Gateway</html>"))
    assert type(error) is ezlink_client.InternalServerError
    assert error.body == "<html>Bad Gateway</html>"


def test_http_error_body_gives_the_provider_fields_its_spec_declares(gateway: Router) -> None:
    """ezlink's x-errors reads Kling's {code, message, request_id} from an HTTP error body."""
    body = {"code": 1201, "message": "bad duration", "request_id": "req-4"}
    error = raised("sync", gateway, httpx.Response(400, json=body))
    assert error.body == body
    assert (error.code, error.provider_message, error.request_id) == (1201, "bad duration", "req-4")
    assert str(error).startswith(
        "getTasks failed with HTTP 400 Bad Request, provider code 1201 (invalid request "
        'parameters): "bad duration" (request id req-4).'
    )


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, json={"message": "no code at all"}),
        httpx.Response(200, text="<html>maintenance</html>"),
    ],
)
def test_a_200_without_an_envelope_code_is_a_validation_error(
    response: httpx.Response, gateway: Router
) -> None:
    error = raised("sync", gateway, response)
    assert type(error) is ezlink_client.APIResponseValidationError
    assert "getTasks" in str(error)


@MODES
def test_body_off_schema_raises_response_validation_error(mode: str, gateway: Router) -> None:
    body = {"code": 0, "message": "success", "data": {"id": 123}}
    gateway.route().respond(json=body)
    with pytest.raises(ezlink_client.APIResponseValidationError) as caught:
        call(mode, ezlink_client, "create_text_to_video", {"prompt": "a cat"})
    assert (caught.value.status_code, caught.value.body) == (200, body)
    assert "createTextToVideo" in str(caught.value) and "data.id" in str(caught.value)


TRANSPORT_ERRORS = [
    (httpx.ConnectError, ezlink_client.APIConnectionError),
    (httpx.ReadTimeout, ezlink_client.APITimeoutError),
]


@MODES
@pytest.mark.parametrize(("cause", "error"), TRANSPORT_ERRORS)
def test_transport_errors(mode: str, cause: type, error: type, gateway: Router) -> None:
    caught = raised(mode, gateway, cause)
    assert type(caught) is error
    assert isinstance(caught, ezlink_client.APIConnectionError)
    assert isinstance(caught.__cause__, cause)
    assert "getTasks" in str(caught)


FAILURES: dict[str, Any] = {  # fresh responses for every test
    "status": lambda: httpx.Response(401, json={"code": 1000, "message": "bad key"}),
    "envelope": lambda: httpx.Response(200, json={"code": 1000, "message": "bad key"}),
    "validation": lambda: httpx.Response(200, json={"code": 0, "message": "ok", "data": "x"}),
    "connection": lambda: httpx.ConnectError,
}


@MODES
@pytest.mark.parametrize("failure", FAILURES)
def test_the_api_key_never_leaks(
    mode: str, failure: str, gateway: Router, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = ezlink_client.Client(api_key=API_KEY)
    assert API_KEY not in repr(client) and API_KEY not in str(client)
    error = raised(mode, gateway, FAILURES[failure]())
    assert API_KEY not in str(error) and API_KEY not in repr(error)
    assert error.request.headers["Authorization"] == "Bearer <redacted>"
    assert any(record.name == "ezlink_client" for record in caplog.records)
    assert API_KEY not in caplog.text


@pytest.mark.parametrize("failure", ["status", "envelope", "validation", "connection"])
def test_the_error_and_its_cause_keep_no_api_key(failure: str, gateway: Router) -> None:
    error = raised("sync", gateway, FAILURES[failure]())
    carriers = [error.request]
    if failure == "connection":
        carriers.append(error.__cause__.request)
    else:
        carriers.append(error.response.request)
    for request in carriers:
        assert request.headers["Authorization"] == "Bearer <redacted>"


@MODES
def test_path_parameters_are_percent_encoded(mode: str, gateway: Router) -> None:
    route = gateway.route().respond(json=VIDEO_TASK)
    call(mode, uniall_client, "get_video_task", {"task_id": "a/b c?"})
    assert route.calls.last.request.url.raw_path == b"/v1/videos/a%2Fb%20c%3F"


@MODES
def test_query_parameters_are_sent(mode: str, gateway: Router) -> None:
    route = gateway.route().respond(json=TASKS)
    result = call(mode, ezlink_client, "get_tasks", {"task_ids": "task-1,task 2"})
    request = route.calls.last.request
    assert (request.method, request.url.path) == ("GET", "/kling/tasks")
    assert dict(request.url.params) == {"task_ids": "task-1,task 2"}
    assert request.content == b""
    assert result.data[0].id == "task-1"


@pytest.mark.parametrize("name", providers())
def test_sync_and_async_clients_have_the_same_methods(name: str) -> None:
    pkg = package(name)

    sync, asynchronous = (
        {n: getattr(cls, n) for n in dir(cls) if not n.startswith("_")}
        for cls in (pkg.Client, pkg.AsyncClient)
    )
    assert sync.keys() == asynchronous.keys()
    assert {"close", "with_options", "with_raw_response"} <= sync.keys() and len(sync) > 3
    for method, function in sync.items():
        if method == "with_options" or isinstance(
            inspect.getattr_static(pkg.Client, method), property
        ):
            continue  # with_raw_response and default_headers are properties
        assert inspect.signature(function).parameters == (
            inspect.signature(asynchronous[method]).parameters
        ), method
        # parse_callback only reads a body: it is a plain method on both clients.
        assert inspect.iscoroutinefunction(asynchronous[method]) is (method != "parse_callback"), (
            method
        )
        assert not inspect.iscoroutinefunction(function), method
    init = [inspect.signature(c).parameters for c in (pkg.Client, pkg.AsyncClient)]
    assert [(p.name, p.default) for p in init[0].values()] == [
        (p.name, p.default) for p in init[1].values()
    ]


def test_not_given_is_falsy_with_a_readable_repr() -> None:
    assert bool(ezlink_client.NOT_GIVEN) is False
    assert repr(ezlink_client.NOT_GIVEN) == "NOT_GIVEN"
    assert isinstance(ezlink_client.NOT_GIVEN, ezlink_client.NotGiven)


def isort_key(name: str) -> tuple[int, str]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then everything else."""
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[0].isupper() else 2
    return kind, name


@pytest.mark.parametrize("name", providers())
def test_all_is_sorted_and_every_name_exists(name: str) -> None:
    pkg = package(name)
    for module in (pkg, pkg._runtime, pkg._client):
        assert module.__all__ == sorted(module.__all__, key=isort_key), module.__name__
        assert len(set(module.__all__)) == len(module.__all__), module.__name__
        missing = [n for n in module.__all__ if not hasattr(module, n)]
        assert not missing, module.__name__
    assert {"Client", "AsyncClient", "NOT_GIVEN", "APIStatusError", "models"} <= set(pkg.__all__)
