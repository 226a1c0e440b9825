"""Error classes as users of large SDKs expect them: a failed paid create is catchable both as
`SubmissionUncertainError` and as the class of its status, 409 is `ConflictError`, and
`default_headers=` adds headers to every request without ever replacing the API key.

Every request is answered by respx: nothing here touches the network.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import evolink_client
import ezlink_client
import httpx
import pytest
import respx

API_KEY = "sk-errors-secret-0123456789"
BASE_URL = "https://gw.test"
MODES = pytest.mark.parametrize("mode", ["sync", "async"])
EVO_CREATE = BASE_URL + "/v1/videos/generations"
EVO_GET = BASE_URL + "/v1/tasks/task-1"
EVO_ARGS = {"model": "kling-o3-image-to-video", "prompt": "a cat", "duration": 5}
EVO_FAILURE = {
    "error": {"code": 5001, "message": "upstream broke", "type": "internal_server_error"},
}
EVO_TASK = {"id": "task-1", "status": "processing", "progress": 40}
EZ_CREATE = BASE_URL + "/kling/text-to-video/kling-3.0-turbo"


@pytest.fixture
def gateway() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


def call(mode: str, pkg: Any, method: str, kwargs: dict[str, Any], **options: Any) -> Any:
    """Call `method` on a fresh Client (sync) or AsyncClient (async)."""
    options = {"api_key": API_KEY, "base_url": BASE_URL, **options}
    if mode == "sync":
        with pkg.Client(**options) as client:
            return getattr(client, method)(**kwargs)

    async def run() -> Any:
        async with pkg.AsyncClient(**options) as client:
            return await getattr(client, method)(**kwargs)

    return asyncio.run(run())


# -- a failed paid create ----------------------------------------------------------------------


@MODES
@pytest.mark.parametrize(
    "caught_as", ["SubmissionUncertainError", "InternalServerError", "APIStatusError", "APIError"]
)
def test_a_500_on_a_paid_create_is_caught_by_either_class(
    mode: str, caught_as: str, gateway: respx.MockRouter
) -> None:
    route = gateway.post(EVO_CREATE).respond(500, json=EVO_FAILURE, headers={"X-Id": "r"})
    with pytest.raises(getattr(evolink_client, caught_as)) as caught:
        call(mode, evolink_client, "create_video_generation", EVO_ARGS, max_retries=0)
    error = caught.value
    assert type(error).__name__ == "SubmissionUncertainInternalServerError"
    assert isinstance(error, evolink_client.SubmissionUncertainError)
    assert isinstance(error, evolink_client.InternalServerError)
    assert route.call_count == 1
    # What the create sent is kept, to look the task up before paying again...
    assert (error.operation, error.payload, error.idempotency_key) == (
        "createVideoGeneration",
        EVO_ARGS,
        None,
    )
    assert error.attempts == 1
    # ...and what the gateway answered, as on any InternalServerError.
    assert (error.status_code, error.body, error.code) == (500, EVO_FAILURE, 5001)
    assert error.provider_message == "upstream broke"
    assert error.response.status_code == 500
    assert type(error.last_error) is evolink_client.InternalServerError
    assert error.__cause__ is error.last_error
    assert error.request.headers["Authorization"] == "Bearer <redacted>"


@MODES
def test_a_keyed_create_that_fails_keeps_its_key_in_both_classes(
    mode: str, gateway: respx.MockRouter
) -> None:
    body = {"code": 5000, "message": "internal", "request_id": "req-9"}
    gateway.post(EZ_CREATE).respond(503, json=body)
    kwargs = {"prompt": "a cat", "options": {"external_task_id": "order-7"}}
    with pytest.raises(ezlink_client.InternalServerError) as caught:
        call(mode, ezlink_client, "create_text_to_video", kwargs, max_retries=0)
    error = caught.value
    assert isinstance(error, ezlink_client.SubmissionUncertainError)
    assert (error.idempotency_key, error.payload) == ("order-7", kwargs)
    assert (error.status_code, error.code, error.request_id) == (503, 5000, "req-9")


@MODES
def test_a_timed_out_paid_create_is_also_an_api_timeout_error(
    mode: str, gateway: respx.MockRouter
) -> None:
    gateway.post(EVO_CREATE).mock(side_effect=httpx.ReadTimeout("timed out"))
    with pytest.raises(evolink_client.APITimeoutError) as caught:
        call(mode, evolink_client, "create_video_generation", EVO_ARGS, max_retries=0)
    error = caught.value
    assert type(error).__name__ == "SubmissionUncertainAPITimeoutError"
    assert isinstance(error, evolink_client.SubmissionUncertainError)
    assert isinstance(error, evolink_client.APIConnectionError)
    assert not isinstance(error, evolink_client.APIStatusError)
    assert (error.payload, error.status_code, error.response) == (EVO_ARGS, None, None)


def test_the_same_failure_always_raises_the_same_class(gateway: respx.MockRouter) -> None:
    gateway.post(EVO_CREATE).respond(500, json=EVO_FAILURE)
    classes = set()
    for _ in range(2):
        with pytest.raises(evolink_client.SubmissionUncertainError) as caught:
            call("sync", evolink_client, "create_video_generation", EVO_ARGS, max_retries=0)
        classes.add(type(caught.value))
    assert len(classes) == 1


# -- 409 -----------------------------------------------------------------------------------------


@MODES
def test_409_is_a_conflict_error(mode: str, gateway: respx.MockRouter) -> None:
    body = {"error": {"code": "conflict", "message": "busy", "type": "invalid_request_error"}}
    route = gateway.get(EVO_GET).respond(409, json=body)
    with pytest.raises(evolink_client.ConflictError) as caught:
        call(mode, evolink_client, "get_task", {"task_id": "task-1"}, max_retries=0)
    error = caught.value
    assert type(error) is evolink_client.ConflictError
    assert isinstance(error, evolink_client.APIStatusError)
    assert (error.status_code, error.code, error.provider_message) == (409, "conflict", "busy")
    assert route.call_count == 1


@MODES
def test_409_on_a_paid_create_is_an_uncertain_conflict(
    mode: str, gateway: respx.MockRouter
) -> None:
    gateway.post(EVO_CREATE).respond(409, json=EVO_FAILURE)
    with pytest.raises(evolink_client.ConflictError) as caught:
        call(mode, evolink_client, "create_video_generation", EVO_ARGS)
    assert type(caught.value).__name__ == "SubmissionUncertainConflictError"
    assert caught.value.payload == EVO_ARGS


# -- default_headers -----------------------------------------------------------------------------


@MODES
def test_default_headers_go_with_every_request_and_extra_headers_win(
    mode: str, gateway: respx.MockRouter
) -> None:
    route = gateway.get(EVO_GET).respond(json=EVO_TASK)
    headers = {"X-Trace": "t-1", "X-Team": "video"}
    call(mode, evolink_client, "get_task", {"task_id": "task-1"}, default_headers=headers)
    call(
        mode,
        evolink_client,
        "get_task",
        {"task_id": "task-1", "extra_headers": {"x-trace": "t-2"}},
        default_headers=headers,
    )
    first, second = (c.request.headers for c in route.calls)
    assert (first["X-Trace"], first["X-Team"]) == ("t-1", "video")
    assert (second["X-Trace"], second["X-Team"]) == ("t-2", "video")
    assert second.get_list("X-Trace") == ["t-2"]  # replaced, not sent twice
    assert first["Authorization"] == second["Authorization"] == f"Bearer {API_KEY}"


@MODES
def test_with_options_adds_default_headers_to_the_clients_own(
    mode: str, gateway: respx.MockRouter
) -> None:
    route = gateway.get(EVO_GET).respond(json=EVO_TASK)

    async def run_async() -> None:
        async with evolink_client.AsyncClient(
            api_key=API_KEY, base_url=BASE_URL, default_headers={"X-A": "1", "X-B": "1"}
        ) as client:
            copy = client.with_options(default_headers={"x-b": "2", "X-C": "3"})
            await copy.get_task(task_id="task-1")
            await client.get_task(task_id="task-1")
            assert copy.default_headers == {"X-A": "1", "x-b": "2", "X-C": "3"}
            assert client.default_headers == {"X-A": "1", "X-B": "1"}

    if mode == "sync":
        with evolink_client.Client(
            api_key=API_KEY, base_url=BASE_URL, default_headers={"X-A": "1", "X-B": "1"}
        ) as client:
            copy = client.with_options(default_headers={"x-b": "2", "X-C": "3"})
            copy.get_task(task_id="task-1")
            client.get_task(task_id="task-1")
            assert copy.default_headers == {"X-A": "1", "x-b": "2", "X-C": "3"}
            assert client.default_headers == {"X-A": "1", "X-B": "1"}
            client.default_headers["X-D"] = "changed a copy only"
            assert "X-D" not in client.default_headers
    else:
        asyncio.run(run_async())
    from_copy, from_client = (c.request.headers for c in route.calls)
    assert (from_copy["X-A"], from_copy["X-B"], from_copy["X-C"]) == ("1", "2", "3")
    assert from_copy.get_list("X-B") == ["2"]
    assert (from_client["X-B"], "X-C" in from_client) == ("1", False)


@pytest.mark.parametrize("client_class", ["Client", "AsyncClient"])
@pytest.mark.parametrize("name", ["Authorization", "authorization", "AUTHORIZATION"])
def test_default_headers_cannot_replace_the_api_key(client_class: str, name: str) -> None:
    cls = getattr(evolink_client, client_class)
    with pytest.raises(evolink_client.ConfigurationError) as caught:
        cls(api_key=API_KEY, base_url=BASE_URL, default_headers={name: "Bearer sk-other"})
    message = str(caught.value)
    assert message == (
        f"default_headers may not set {name}: the client sends the API key itself; pass "
        "api_key=... (or with_options(api_key=...) for other calls) instead."
    )
    assert "sk-other" not in message
    client = cls(api_key=API_KEY, base_url=BASE_URL)
    with pytest.raises(evolink_client.ConfigurationError):
        client.with_options(default_headers={name: "Bearer sk-other"})


@MODES
def test_extra_headers_cannot_replace_the_api_key(mode: str, gateway: respx.MockRouter) -> None:
    route = gateway.post(EVO_CREATE).respond(json={"id": "task-1"})
    kwargs = {**EVO_ARGS, "extra_headers": {"authorization": "Bearer sk-other"}}
    with pytest.raises(evolink_client.ValidationError) as caught:
        call(mode, evolink_client, "create_video_generation", kwargs)
    error = caught.value
    assert error.problems == [
        (
            "extra_headers",
            "extra_headers may not set authorization: the client sends the API key itself; "
            "pass api_key=... (or with_options(api_key=...) for other calls) instead",
        )
    ]
    assert str(error).startswith("createVideoGeneration was not sent: extra_headers may not")
    assert not route.called


@pytest.mark.parametrize(
    ("headers", "problem"),
    [
        ({"X-Trace": "a\r\nX-Evil: 1"}, "default_headers['X-Trace'] holds a line break or NUL"),
        ({"X-Trace": 7}, "default_headers['X-Trace'] must be a string, got 7"),
        ({"Bad Name": "1"}, "default_headers: 'Bad Name' is not a valid header name"),
        (["X-Trace"], "default_headers must be a mapping of header names to strings"),
    ],
)
def test_malformed_default_headers_are_refused_when_the_client_is_built(
    headers: Any, problem: str
) -> None:
    with pytest.raises(evolink_client.ConfigurationError) as caught:
        evolink_client.Client(api_key=API_KEY, base_url=BASE_URL, default_headers=headers)
    assert str(caught.value).startswith(problem)
