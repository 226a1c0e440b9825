"""Callbacks: `parse_callback` reads a callback body into the poll's model and a `TaskResult`;
`confirm_callback` trusts it only as far as a poll of the task agrees; `gatewaygen mock
--callbacks` calls a receiver on 127.0.0.1 back, and nothing else.

The unit tests answer with respx; the end-to-end tests run the mock gateway and a receiver on
127.0.0.1 and stop both.
"""

from __future__ import annotations

import asyncio
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import evolink_client
import ezlink_client
import httpx
import openroute_client
import pytest
import respx
import uniall_client

from generator.mock import MockGateway, MockOptions, load_gateway, running, sample_video, serving
from generator.mock.callbacks import loopback_problem
from generator.runtime._ledger import TaskLedger
from tests.spec_cases import ROOT

API_KEY = "sk-callbacks-0123456789"
BASE_URL = "https://gw.test"
MODES = pytest.mark.parametrize("mode", ["sync", "async"])
SPECS = ROOT / "specs"
EVO_POLL = BASE_URL + "/v1/tasks/task-1"
COMPLETED = {
    "id": "task-1",
    "status": "completed",
    "progress": 100,
    "results": ["https://cdn.test/claimed.mp4"],
}
POLLED = {"id": "task-1", "status": "completed", "results": ["https://cdn.test/polled.mp4"]}
FAILED = {"id": "task-1", "status": "failed", "error": {"code": "generation_timeout"}}
EZ_CALLBACK = {
    "code": 0,
    "message": "success",
    "data": [
        {"id": "884", "status": "succeeded", "outputs": [{"type": "video", "url": "https://v/1"}]}
    ],
}


@pytest.fixture
def gateway() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


def confirm(mode: str, pkg: Any, body: Any, **kwargs: Any) -> Any:
    """`confirm_callback(body)` on a fresh Client (sync) or AsyncClient (async)."""
    if mode == "sync":
        with pkg.Client(api_key=API_KEY, base_url=BASE_URL) as client:
            return client.confirm_callback(body, **kwargs)

    async def run() -> Any:
        async with pkg.AsyncClient(api_key=API_KEY, base_url=BASE_URL) as client:
            return await client.confirm_callback(body, **kwargs)

    return asyncio.run(run())


# -- reading a callback ----------------------------------------------------------------------


@pytest.mark.parametrize("form", ["bytes", "str", "dict"])
def test_parse_callback_reads_the_body_into_the_poll_model_and_a_result(form: str) -> None:
    text = json.dumps(COMPLETED)
    body = {"bytes": text.encode(), "str": text, "dict": COMPLETED}[form]
    client = evolink_client.Client(api_key=API_KEY, base_url=BASE_URL)
    callback = client.parse_callback(body)
    assert type(callback) is evolink_client.TaskCallback
    assert (callback.task_id, callback.provider_status, callback.status) == (
        "task-1",
        "completed",
        "succeeded",
    )
    assert type(callback.raw) is evolink_client.models.TaskDetail
    assert callback.raw.results == ["https://cdn.test/claimed.mp4"]
    result = callback.result
    assert type(result) is evolink_client.TaskResult
    assert (result.task_id, result.status, result.provider_status) == (
        "task-1",
        "succeeded",
        "completed",
    )
    assert (result.video_url, result.error, result.progress) == (
        "https://cdn.test/claimed.mp4",
        None,
        100.0,
    )
    assert result.raw is callback.raw


def test_parse_callback_of_a_running_or_failed_task() -> None:
    client = evolink_client.Client(api_key=API_KEY, base_url=BASE_URL)
    running_ = client.parse_callback({"id": "task-1", "status": "processing", "progress": 40})
    assert (running_.status, running_.result) == ("pending", None)
    failed = client.parse_callback(FAILED)
    assert failed.status == "failed"
    assert failed.result is not None
    assert (failed.result.status, failed.result.error) == ("failed", "generation_timeout")


def test_parse_callback_reads_ezlinks_listed_format() -> None:
    client = ezlink_client.Client(api_key=API_KEY)
    callback = client.parse_callback(EZ_CALLBACK, operation="create_image_to_video")
    assert (callback.task_id, callback.status) == ("884", "succeeded")
    assert type(callback.raw) is ezlink_client.models.QueryTasksResponse
    assert callback.result is not None and callback.result.video_url == "https://v/1"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            b"<html>",
            "The callback body is not JSON (Expecting value: line 1 column 1 (char 0)); the "
            "gateway posts the task as JSON in the format of getTask. Pass the request's raw "
            "body.",
        ),
        (
            "[1]",
            "The callback body is a JSON list, not an object; the gateway posts the task in the "
            "format of getTask.",
        ),
        (
            {"id": "task-1", "progress": "lots"},
            "The callback body does not match getTask's answer, whose format callbacks have: "
            "progress: Input should be a valid integer, unable to parse string as an integer "
            "(1 problem(s) in all).",
        ),
        (
            {"status": "completed"},
            "The callback body has no task id at /id, so it cannot be confirmed; it was not sent "
            "by the gateway for one of your tasks.",
        ),
    ],
)
def test_an_unreadable_callback_is_a_callback_error(body: Any, message: str) -> None:
    client = evolink_client.Client(api_key=API_KEY, base_url=BASE_URL)
    with pytest.raises(evolink_client.CallbackError) as caught:
        client.parse_callback(body)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_only_providers_that_document_a_callback_have_the_methods() -> None:
    for pkg in (evolink_client, ezlink_client):
        for cls in (pkg.Client, pkg.AsyncClient):
            assert callable(cls.parse_callback) and callable(cls.confirm_callback)
    for pkg in (uniall_client, openroute_client):
        for cls in (pkg.Client, pkg.AsyncClient):
            assert not hasattr(cls, "parse_callback") and not hasattr(cls, "confirm_callback")


# -- confirming a callback by polling --------------------------------------------------------


@MODES
def test_a_confirmed_callback_answers_with_the_polls_view(
    mode: str, gateway: respx.MockRouter
) -> None:
    route = gateway.get(EVO_POLL).respond(json=POLLED)
    result = confirm(mode, evolink_client, json.dumps(COMPLETED).encode())
    assert route.call_count == 1
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert type(result) is evolink_client.TaskResult
    assert (result.task_id, result.status, result.provider_status) == (
        "task-1",
        "succeeded",
        "completed",
    )
    # The video URL is the gateway's, never the callback's.
    assert result.video_url == "https://cdn.test/polled.mp4"
    assert result.raw.results == ["https://cdn.test/polled.mp4"]


@MODES
def test_a_confirmed_failure_is_returned_with_its_reason(
    mode: str, gateway: respx.MockRouter
) -> None:
    gateway.get(EVO_POLL).respond(json={**FAILED, "error": {"message": "took too long"}})
    result = confirm(mode, evolink_client, FAILED)
    assert (result.status, result.provider_status, result.error) == (
        "failed",
        "failed",
        "took too long",
    )


@MODES
@pytest.mark.parametrize(
    ("claimed", "polled", "now"),
    [
        (COMPLETED, {"id": "task-1", "status": "processing"}, "is still running"),
        (COMPLETED, {"id": "task-1", "status": "failed"}, "ended failed"),
        (FAILED, POLLED, "ended succeeded"),
    ],
)
def test_a_callback_the_poll_contradicts_is_not_trusted(
    mode: str, claimed: Any, polled: Any, now: str, gateway: respx.MockRouter
) -> None:
    gateway.get(EVO_POLL).respond(json=polled)
    with pytest.raises(evolink_client.CallbackMismatchError) as caught:
        confirm(mode, evolink_client, claimed)
    error = caught.value
    said = "succeeded (status 'completed')" if claimed is COMPLETED else "failed (status 'failed')"
    assert str(error) == (
        f"The callback says task task-1 {said}, but the gateway says it {now} (status "
        f"{polled['status']!r}): the callback is not trusted. The gateway's view is in "
        ".polled_status and .polled."
    )
    assert (error.task_id, error.polled_status) == ("task-1", polled["status"])
    assert error.claimed.provider_status == claimed["status"]
    assert isinstance(error, evolink_client.TaskError)
    if polled["status"] == "processing":
        assert error.polled is None
    else:
        assert error.polled.provider_status == polled["status"]


@MODES
def test_a_callback_for_a_task_the_gateway_does_not_know_is_not_trusted(
    mode: str, gateway: respx.MockRouter
) -> None:
    body = {"error": {"code": "not_found", "message": "no task", "type": "not_found_error"}}
    route = gateway.get(EVO_POLL).respond(404, json=body)
    with pytest.raises(evolink_client.CallbackMismatchError) as caught:
        confirm(mode, evolink_client, COMPLETED)
    error = caught.value
    assert str(error) == (
        "The callback names task task-1, but the gateway knows no such task for this API key "
        "(HTTP 404 to the poll): the callback is not trusted. The gateway's answer is the "
        "error's __cause__."
    )
    assert type(error.__cause__) is evolink_client.NotFoundError
    assert (error.polled_status, error.polled) == (None, None)
    assert route.call_count == 1  # a 404 is not retried


@MODES
def test_a_poll_answering_for_another_task_is_not_trusted(
    mode: str, gateway: respx.MockRouter
) -> None:
    gateway.get(EVO_POLL).respond(json={**POLLED, "id": "task-2"})
    with pytest.raises(evolink_client.CallbackMismatchError) as caught:
        confirm(mode, evolink_client, COMPLETED)
    assert str(caught.value) == (
        "The callback names task task-1, but polling it answered for task task-2: the callback "
        "is not trusted."
    )


@MODES
@pytest.mark.parametrize("claimed_status", ["succeeded", "processing"])
def test_a_poll_answer_without_the_task_is_not_trusted(
    mode: str, claimed_status: str, gateway: respx.MockRouter
) -> None:
    empty = {"code": 0, "message": "success", "data": []}
    gateway.get("https://api.ezlinkai.com/kling/tasks").respond(json=empty)
    claimed = {"code": 0, "message": "ok", "data": [{"id": "884", "status": claimed_status}]}
    if mode == "sync":
        with ezlink_client.Client(api_key=API_KEY) as client:
            with pytest.raises(ezlink_client.CallbackMismatchError) as caught:
                client.confirm_callback(claimed)
    else:

        async def run() -> None:
            async with ezlink_client.AsyncClient(api_key=API_KEY) as client:
                await client.confirm_callback(claimed)

        with pytest.raises(ezlink_client.CallbackMismatchError) as caught:
            asyncio.run(run())
    assert str(caught.value) == (
        "The callback names task 884, but the gateway's answer to polling it holds no such task "
        "(no id, no status): the callback is not trusted."
    )
    assert (caught.value.polled_status, caught.value.polled) == (None, None)


@MODES
def test_a_running_callback_is_none_until_the_poll_says_the_task_ended(
    mode: str, gateway: respx.MockRouter
) -> None:
    claimed = {"id": "task-1", "status": "processing"}
    gateway.get(EVO_POLL).respond(json={"id": "task-1", "status": "processing"})
    assert confirm(mode, evolink_client, claimed) is None
    gateway.get(EVO_POLL).respond(json=POLLED)
    result = confirm(mode, evolink_client, claimed)
    assert (result.status, result.video_url) == ("succeeded", "https://cdn.test/polled.mp4")


@MODES
def test_a_poll_that_fails_otherwise_raises_its_own_error(
    mode: str, gateway: respx.MockRouter
) -> None:
    gateway.get(EVO_POLL).respond(401, json={"error": {"code": 401, "message": "bad key"}})
    with pytest.raises(evolink_client.AuthenticationError):
        confirm(mode, evolink_client, COMPLETED)


@MODES
def test_ezlink_confirms_by_its_listed_query(mode: str, gateway: respx.MockRouter) -> None:
    route = gateway.get("https://api.ezlinkai.com/kling/tasks").respond(json=EZ_CALLBACK)

    async def run() -> Any:
        async with ezlink_client.AsyncClient(api_key=API_KEY) as client:
            return await client.confirm_callback(EZ_CALLBACK)

    if mode == "sync":
        with ezlink_client.Client(api_key=API_KEY) as client:
            result = client.confirm_callback(json.dumps(EZ_CALLBACK))
    else:
        result = asyncio.run(run())
    assert route.calls.last.request.url.params["task_ids"] == "884"
    assert (result.task_id, result.status, result.video_url) == ("884", "succeeded", "https://v/1")


@MODES
def test_a_confirmed_callback_is_recorded_in_the_task_ledger(
    mode: str, gateway: respx.MockRouter, tmp_path: Path
) -> None:
    gateway.get(EVO_POLL).respond(json=POLLED)
    ledger = tmp_path / "tasks.sqlite3"
    options = {"api_key": API_KEY, "base_url": BASE_URL, "ledger": ledger}
    if mode == "sync":
        with evolink_client.Client(**options) as client:
            client.confirm_callback(COMPLETED)
    else:

        async def run() -> None:
            async with evolink_client.AsyncClient(**options) as client:
                await client.confirm_callback(COMPLETED)

        asyncio.run(run())
    reader = TaskLedger(ledger)
    try:
        entry = reader.find("evolink", "task-1")
    finally:
        reader.close()
    assert entry is not None
    assert (entry.operation, entry.state, entry.provider_status, entry.video_url) == (
        "create_video_generation",
        "succeeded",
        "completed",
        "https://cdn.test/polled.mp4",
    )
    # Succeeded, its video not saved yet: `tasks resume` downloads it without waiting again.
    assert (entry.saved_to, entry.unfinished) == (None, True)


# -- the mock gateway calls back ------------------------------------------------------------


@contextmanager
def receiver(statuses: tuple[int, ...] = (204,)) -> Iterator[tuple[str, queue.Queue[bytes]]]:
    """An HTTP server on 127.0.0.1 that records every POSTed body and answers `statuses` in
    turn (the last one from then on); stopped, and its thread joined, on exit."""
    bodies: queue.Queue[bytes] = queue.Queue()
    answers = list(statuses)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            bodies.put(self.rfile.read(length))
            self.send_response(answers.pop(0) if len(answers) > 1 else answers[0])
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, name="callback-receiver")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks/video", bodies
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def stats(url: str) -> Any:
    return httpx.get(url + "/_mock/stats", trust_env=False).json()


@pytest.mark.parametrize(
    ("provider", "pkg", "method", "kwargs"),
    [
        pytest.param(
            "evolink",
            evolink_client,
            "create_video_generation",
            {"model": "kling-o3-image-to-video", "prompt": "a cat", "callback_url": "{hook}"},
            id="evolink",
        ),
        pytest.param(
            "ezlink",
            ezlink_client,
            "create_text_to_video",
            {"prompt": "a cat", "options": {"callback_url": "{hook}"}},
            id="ezlink",
        ),
    ],
)
def test_create_callback_confirmation_and_download_end_to_end(
    provider: str, pkg: Any, method: str, kwargs: dict[str, Any], tmp_path: Path
) -> None:
    with (
        receiver() as (hook, bodies),
        running(SPECS / f"{provider}.yaml", task_seconds=0.5, callbacks=True) as url,
        pkg.Client(api_key=API_KEY, base_url=url) as client,
    ):
        arguments = json.loads(json.dumps(kwargs).replace("{hook}", hook))
        # The client refuses a loopback callback URL, as the gateways do; the mock takes it.
        created = getattr(client.with_options(validate_requests=False), method)(**arguments)
        body = bodies.get(timeout=20)
        result = client.confirm_callback(body)
        assert result is not None and result.status == "succeeded"
        task_id = created.id if provider == "evolink" else created.data.id
        assert result.task_id == task_id
        saved = result.download(tmp_path / "video.mp4")
        assert saved.read_bytes() == sample_video()
        seen = stats(url)
    assert seen["callbacks"] == [
        {
            "task_id": task_id,
            "url": hook,
            "state": "delivered",
            "attempts": 1,
            "response_status": 204,
            "error": None,
        }
    ]
    # One poll, the confirmation's: its fresh video URL served the download.
    assert seen["tasks"][task_id]["polls"] == 1


def test_the_mock_calls_back_async_clients_too(tmp_path: Path) -> None:
    async def scenario(url: str, hook: str, bodies: queue.Queue[bytes]) -> Any:
        async with evolink_client.AsyncClient(api_key=API_KEY, base_url=url) as client:
            await client.with_options(validate_requests=False).create_video_generation(
                model="kling-o3-image-to-video", prompt="a cat", callback_url=hook
            )
            body = await asyncio.to_thread(bodies.get, timeout=20)
            result = await client.confirm_callback(body)
            await result.adownload(tmp_path / "video.mp4")
            return result

    with (
        receiver() as (hook, bodies),
        running(SPECS / "evolink.yaml", task_seconds=0.5, callbacks=True) as url,
    ):
        result = asyncio.run(scenario(url, hook, bodies))
    assert (result.status, result.provider_status) == ("succeeded", "completed")
    assert (tmp_path / "video.mp4").read_bytes() == sample_video()


def test_the_mock_retries_a_callback_the_receiver_refuses() -> None:
    mock = MockGateway(
        load_gateway(SPECS / "evolink.yaml"), MockOptions(task_seconds=0.2, callbacks=True)
    )
    mock.deliverer.retry_delays = (0.05, 0.05, 0.05)
    with (
        receiver((500, 503, 204)) as (hook, bodies),
        serving(mock) as url,
        evolink_client.Client(api_key=API_KEY, base_url=url, validate_requests=False) as client,
    ):
        created = client.create_video_generation(
            model="kling-o3-image-to-video", prompt="a cat", callback_url=hook
        )
        sent = [bodies.get(timeout=20) for _ in range(3)]
    assert len(set(sent)) == 1
    assert json.loads(sent[0])["id"] == created.id
    assert mock.deliverer.summary() == [
        {
            "task_id": created.id,
            "url": hook,
            "state": "delivered",
            "attempts": 3,
            "response_status": 204,
            "error": None,
        }
    ]


@pytest.mark.parametrize(
    "hook",
    [
        "https://hooks.example.com/video",
        "http://10.0.0.5/hook",
        "http://192.168.1.4:8000/hook",
        "ftp://127.0.0.1/hook",
    ],
)
def test_the_mock_refuses_to_call_anything_but_loopback(hook: str) -> None:
    with (
        running(SPECS / "evolink.yaml", task_seconds=0.2, callbacks=True) as url,
        evolink_client.Client(
            api_key=API_KEY, base_url=url, validate_requests=False, max_retries=0
        ) as client,
    ):
        with pytest.raises(evolink_client.BadRequestError) as caught:
            client.create_video_generation(
                model="kling-o3-image-to-video", prompt="a cat", callback_url=hook
            )
        seen = stats(url)
    assert caught.value.provider_message == f"Invalid request: {loopback_problem(hook)}"
    assert "only to loopback addresses (127.0.0.1, ::1, localhost)" in str(caught.value)
    assert (seen["creates"], seen["callbacks"]) == ([], [])


def test_loopback_problem_takes_only_loopback_http_urls() -> None:
    for url in (
        "http://127.0.0.1:9/x",
        "https://localhost/x",
        "http://[::1]:8000/",
        "http://127.2.3.4/",
    ):
        assert loopback_problem(url) is None, url
    assert loopback_problem("http://example.com/") == (
        "the mock gateway delivers callbacks only to loopback addresses (127.0.0.1, ::1, "
        "localhost), so that it never calls another machine; 'http://example.com/' is not on "
        "one: run the receiver on this machine and give its URL, such as "
        "http://127.0.0.1:8000/callback, or leave the callback URL out"
    )


def test_without_callbacks_the_mock_checks_the_url_as_the_spec_says_and_calls_nobody() -> None:
    with (
        running(SPECS / "evolink.yaml", task_seconds=0.1) as url,
        evolink_client.Client(api_key=API_KEY, base_url=url, max_retries=0) as client,
    ):
        created = client.create_video_generation(
            model="kling-o3-image-to-video",
            prompt="a cat",
            callback_url="https://hooks.example.com/video",
        )
        time.sleep(0.3)  # the task has ended: a mock with callbacks would have called back
        assert client.get_task(task_id=created.id).status == "completed"
        loopback = client.with_options(validate_requests=False)
        with pytest.raises(evolink_client.BadRequestError) as caught:
            loopback.create_video_generation(
                model="kling-o3-image-to-video",
                prompt="a cat",
                callback_url="http://127.0.0.1:9/hook",
            )
        seen = stats(url)
    assert "callback_url" in str(caught.value) and "pattern" in str(caught.value)
    assert seen["callbacks"] == []


def test_mock_help_names_the_callbacks_option(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "mock", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0
    assert "--callbacks" in done.stdout and "loopback" in done.stdout


def test_gatewaygen_mock_callbacks_from_a_folder_outside_the_project(tmp_path: Path) -> None:
    """The command a user runs, from a folder with no specs/: it calls a local receiver back,
    and refuses a create whose callback URL is not on this machine."""
    command = [sys.executable, "-m", "generator", "mock", "evolink", "--port", "0"]
    mock = subprocess.Popen(
        [*command, "--callbacks", "--task-seconds", "0.5"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert mock.stdout is not None
        announced = mock.stdout.readline()
        assert announced.startswith("mock evolink gateway: http://127.0.0.1:"), announced
        url = announced.split(": ", 1)[1].strip()
        with (
            receiver() as (hook, bodies),
            evolink_client.Client(
                api_key=API_KEY, base_url=url, validate_requests=False, max_retries=0
            ) as client,
        ):
            with pytest.raises(evolink_client.BadRequestError) as refused:
                client.create_video_generation(
                    model="kling-o3-image-to-video", prompt="a cat", callback_url="https://x.io/h"
                )
            created = client.create_video_generation(
                model="kling-o3-image-to-video", prompt="a cat", callback_url=hook
            )
            result = client.confirm_callback(bodies.get(timeout=20))
            assert result is not None
            saved = result.download(tmp_path / "video.mp4")
    finally:
        mock.terminate()
        mock.communicate(timeout=10)
    assert "only to loopback addresses" in str(refused.value)
    assert (result.task_id, result.status) == (created.id, "succeeded")
    assert saved.read_bytes() == sample_video()
