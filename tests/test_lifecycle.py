"""Task lifecycles of every generated client, driven by each spec's `x-task`.

For every create operation that starts a task, a mock gateway (respx) is scripted from the spec:
the create answers its documented response example with our task id written at the `id`
pointer, and the poll answers copies of the documented poll example with the status, progress,
failure reason and video URL written at their pointers. Every scenario is one `async def` that
runs on both `Client` and `AsyncClient` (`Session` awaits what the async client returns).
conftest's `sleeps` records every pause and moves the clients' clock on by it, so deadlines pass
without waiting.
"""

from __future__ import annotations

import asyncio
import copy
import importlib
import inspect
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import httpx
import pytest
import respx

from generator.model.ir import Operation, Task
from tests.spec_cases import (
    API_KEY,
    BASE_URL,
    body_kwargs,
    first_good,
    package,
    parameter_kwargs,
    provider,
    providers,
)

T = TypeVar("T")
Reply = Callable[[httpx.Request], httpx.Response]

TASK_ID = "task-7f3a9c1e-lifecycle"
FRAME_URL = "https://example.com/first.jpg"  # replaces the examples' "{{first_frame_url}}"
CDN = "https://cdn.test"
VIDEO = bytes(range(256)) * 600  # 153,600 bytes: three chunks of the download loop (64 KiB)
REASON = "content policy: the frame shows a trademark"
MODES = pytest.mark.parametrize("mode", ["sync", "async"])


# -- JSON pointers -----------------------------------------------------------------------------


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _child(node: Any, token: str) -> Any:
    if isinstance(node, dict):
        return node.get(token)
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return None


def read(document: Any, pointer: str) -> Any:
    node = document
    for token in _tokens(pointer):
        node = _child(node, token)
    return node


def put(document: Any, pointer: str, value: Any) -> None:
    """Write `value` at `pointer`, creating the containers on the way (a number: a list)."""
    tokens = _tokens(pointer)
    node = document
    for token, following in pairwise(tokens):
        if isinstance(node, list):
            index = int(token)
            while len(node) <= index:
                node.append(None)
            if not isinstance(node[index], (dict, list)):
                node[index] = [] if following.isdigit() else {}
            node = node[index]
        else:
            if not isinstance(node.get(token), (dict, list)):
                node[token] = [] if following.isdigit() else {}
            node = node[token]
    if isinstance(node, list):
        index = int(tokens[-1])
        while len(node) <= index:
            node.append(None)
        node[index] = value
    else:
        node[tokens[-1]] = value


def remove(document: Any, pointer: str) -> None:
    """Delete what `pointer` names, if anything."""
    *parents, last = _tokens(pointer)
    node = document
    for token in parents:
        node = _child(node, token)
    if isinstance(node, dict):
        node.pop(last, None)
    elif isinstance(node, list) and last.isdigit() and int(last) < len(node):
        del node[int(last)]


# -- the cases: every create operation with a task ---------------------------------------------


@dataclass(frozen=True)
class Case:
    """One create operation with a declared lifecycle, and the spec-built answers for it."""

    name: str
    operation: Operation

    @property
    def id(self) -> str:
        return f"{self.name}-{self.operation.method_name}"

    @property
    def task(self) -> Task:
        assert self.operation.task is not None
        return self.operation.task

    @cached_property
    def poll(self) -> Operation:
        ops = provider(self.name).operations
        return next(op for op in ops if op.method_name == self.task.poll_method)

    @property
    def package(self) -> ModuleType:
        return package(self.name)

    @property
    def logger(self) -> str:
        return f"{self.name}_client"

    @property
    def poll_model(self) -> type:
        models = importlib.import_module(f"{self.name}_client.models")
        cls: type = getattr(models, self.task.poll_response_class)
        return cls

    def request(self) -> dict[str, Any]:
        """A documented request example (one with placeholders if any), placeholders filled."""
        examples = self.operation.request_examples
        example = next((e for e in examples if e.placeholders), examples[0])
        value = copy.deepcopy(example.value)
        for pointer in example.placeholders:
            put(value, pointer, FRAME_URL)
        return value

    def kwargs(self) -> dict[str, Any]:
        return {
            **parameter_kwargs(self.operation)[0],
            **body_kwargs(self.operation, self.request()),
        }

    def created(self, task_id: str | None = TASK_ID, pointer: str | None = None) -> Any:
        """The create's documented answer with the id only at `pointer` (default: the first)."""
        body = copy.deepcopy(first_good(self.operation.response_examples).value)
        for known in self.task.id:
            remove(body, known)
        if task_id is not None:
            put(body, pointer or self.task.id[0], task_id)
        return body

    def status_of(self, body: Any) -> Any:
        return next((v for p in self.task.status if (v := read(body, p)) not in (None, "")), None)

    def poll_example(self, status: Any) -> Any:
        """The documented poll answer of the same kind (succeeded, failed), else the first."""
        good = [e.value for e in self.poll.response_examples if not e.defect]
        for kind in (self.task.succeeded, self.task.failed):
            if status in kind:
                return next((v for v in good if self.status_of(v) in kind), good[0])
        return good[0]

    def progress_value(self, percent: int) -> Any:
        """`percent` as the gateway writes it: a number, or "NN%" where its example has that."""
        shown = read(self.poll_example(self.task.succeeded[0]), self.task.progress[0])
        return f"{percent}%" if isinstance(shown, str) else percent

    def answer(
        self,
        status: Any,
        *,
        progress: int | None = None,
        error: str | None = None,
        video_url: str | None = None,
        status_pointer: str | None = None,
    ) -> Any:
        """A poll answer: the documented example with our values at the `x-task` pointers."""
        task = self.task
        body = copy.deepcopy(self.poll_example(status))
        for pointer in (*task.status, *task.error, *task.video_url):
            remove(body, pointer)
        put(body, status_pointer or task.status[0], status)
        if progress is not None and task.progress:
            put(body, task.progress[0], self.progress_value(progress))
        if error is not None:
            assert task.error, f"{self.id} declares no error pointer"
            put(body, task.error[0], error)
        if video_url is not None:
            put(body, task.video_url[0], video_url)
        return body

    def poll_path(self, task_id: str) -> str:
        task = self.task
        if task.poll_location == "path":
            return self.poll.path.replace("{" + task.poll_argument + "}", task_id)
        return self.poll.path

    def carries_id(self, request: httpx.Request, task_id: str = TASK_ID) -> bool:
        """Whether a poll request names the task where `poll_argument`/`poll_location` say."""
        task = self.task
        if task.poll_location == "query":
            return request.url.params.get(task.poll_argument) == task_id
        return request.url.path == self.poll_path(task_id)


CASE_LIST = [Case(name, op) for name in providers() for op in provider(name).task_operations]
CASES = pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: c.id)


# -- the mock gateway --------------------------------------------------------------------------


class Script:
    """Answers a route's requests in order; the last answer repeats for any further request.

    An answer is a JSON document (HTTP 200) or a reply function taking the request.
    """

    def __init__(self, *answers: Any) -> None:
        self.answers = answers
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        if callable(answer):
            response: httpx.Response = answer(request)
            return response
        return httpx.Response(200, json=answer)


def status(code: int, body: Any = None) -> Reply:
    return lambda request: httpx.Response(code, json={} if body is None else body)


def broken(kind: type[httpx.TransportError]) -> Reply:
    def reply(request: httpx.Request) -> httpx.Response:
        raise kind("scripted network failure", request=request)

    return reply


def video(data: bytes = VIDEO) -> Reply:
    return lambda request: httpx.Response(
        200, content=data, headers={"Content-Type": "video/mp4", "Content-Length": str(len(data))}
    )


def redirect(url: str) -> Reply:
    return lambda request: httpx.Response(302, headers={"Location": url})


class _Interrupted(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A video body that breaks after its first chunk."""

    def __iter__(self) -> Iterator[bytes]:
        yield VIDEO[:1000]
        raise httpx.ReadError("connection reset mid-video")

    async def __aiter__(self) -> Any:
        yield VIDEO[:1000]
        raise httpx.ReadError("connection reset mid-video")


def interrupted(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, stream=_Interrupted(), headers={"Content-Length": str(len(VIDEO))})


def _refuse_create(request: httpx.Request) -> httpx.Response:
    raise AssertionError("the create must not be called")


@dataclass
class Gateway:
    """The create and poll routes of one case; `video` adds a route on the video host."""

    case: Case
    router: respx.MockRouter
    create: respx.Route
    poll: respx.Route

    @classmethod
    def mock(
        cls,
        router: respx.MockRouter,
        case: Case,
        *polls: Any,
        created: Any = None,
        task_id: str = TASK_ID,
    ) -> Gateway:
        host = httpx.URL(BASE_URL).host
        create = router.route(
            method=case.operation.http_method, host=host, path=case.operation.path
        )
        create.mock(side_effect=Script(case.created() if created is None else created))
        poll = router.route(method=case.poll.http_method, host=host, path=case.poll_path(task_id))
        poll.mock(side_effect=Script(*polls))
        return cls(case, router, create, poll)

    def video(self, url: str, *answers: Any) -> respx.Route:
        return self.router.get(url).mock(side_effect=Script(*answers))


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as mock:
        yield mock


# -- running one scenario on either client -----------------------------------------------------


async def settle(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


@dataclass
class Session:
    """A Client or AsyncClient behind awaitable calls, so one scenario runs on both."""

    case: Case
    client: Any

    @property
    def is_async(self) -> bool:
        return isinstance(self.client, self.case.package.AsyncClient)

    async def create_and_wait(self, **options: Any) -> Any:
        method = getattr(self.client, self.case.operation.method_name + "_and_wait")
        return await settle(method(**self.case.kwargs(), **options))

    async def wait_for_task(self, task_id: str, **options: Any) -> Any:
        return await settle(self.client.wait_for_task(task_id, **options))

    async def download(self, result: Any, path: Path, **options: Any) -> Path:
        if self.is_async:
            saved: Path = await result.adownload(path, **options)
        else:
            saved = result.download(path, **options)
        return saved


def run(mode: str, case: Case, scenario: Callable[[Session], Awaitable[T]], **options: Any) -> T:
    """Run `scenario` with a fresh Client (mode "sync") or AsyncClient (mode "async")."""
    pkg = case.package
    options = {"api_key": API_KEY, "base_url": BASE_URL, **options}

    async def main() -> T:
        if mode == "sync":
            with pkg.Client(**options) as client:
                return await scenario(Session(case, client))
        async with pkg.AsyncClient(**options) as client:
            return await scenario(Session(case, client))

    return asyncio.run(main())


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def nominal_pauses(initial: float, count: int) -> list[float]:
    """The documented pauses before jitter: from `initial`, growing by half, at most 30 s."""
    out, interval = [], initial
    for _ in range(count):
        out.append(interval)
        interval = min(interval * 1.5, 30.0)
    return out


def messages(caplog: pytest.LogCaptureFixture, case: Case, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == case.logger and r.levelno == level]


def succeeded_answer(case: Case, url: str) -> Any:
    return case.answer(case.task.succeeded[0], progress=100, video_url=url)


# -- the whole lifecycle: pending, running, succeeded, downloaded ------------------------------


@MODES
@CASES
def test_pending_then_running_then_succeeded_then_downloaded(
    mode: str,
    case: Case,
    router: respx.MockRouter,
    sleeps: list[float],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    task = case.task
    statuses = [*task.pending, task.pending[-1], task.succeeded[0]]
    percents = [10 * (i + 1) for i in range(len(statuses) - 1)] + [100]
    url = f"{CDN}/{TASK_ID}.mp4"
    answers = [
        case.answer(s, progress=p, video_url=url if s in task.succeeded else None)
        for s, p in zip(statuses, percents, strict=True)
    ]
    gateway = Gateway.mock(router, case, *answers)
    download = gateway.video(url, video())
    target = tmp_path / "videos" / "out.mp4"
    seen: list[Any] = []
    written: list[Any] = []
    caplog.set_level(logging.INFO, logger=case.logger)
    wait_logs: list[str] = []

    async def scenario(s: Session) -> tuple[Any, Path]:
        result = await s.create_and_wait(max_wait=600, poll_interval=2, on_progress=seen.append)
        wait_logs.extend(messages(caplog, case, logging.INFO))
        return result, await s.download(result, target, on_progress=written.append)

    result, saved = run(mode, case, scenario)

    # The create sent exactly the documented example, with the API key.
    assert gateway.create.call_count == 1
    create = gateway.create.calls.last.request
    assert json.loads(create.content) == case.request()
    assert create.headers["Authorization"] == f"Bearer {API_KEY}"

    # One poll per answer, each naming the task where the spec says.
    assert gateway.poll.call_count == len(statuses)
    assert all(case.carries_id(call.request) for call in gateway.poll.calls)
    assert len(sleeps) == len(statuses) - 1  # a pause between polls, none after the last

    # on_progress: one report per poll, in order, with progress where the gateway has it.
    assert [p.task_id for p in seen] == [TASK_ID] * len(statuses)
    assert [p.polls for p in seen] == list(range(1, len(statuses) + 1))
    assert [p.provider_status for p in seen] == statuses
    expected = [float(p) for p in percents] if task.progress else [None] * len(statuses)
    assert [p.progress for p in seen] == expected
    for report, waited in zip(seen, [sum(sleeps[:i]) for i in range(len(seen))], strict=True):
        assert report.elapsed == pytest.approx(waited, abs=1.0)

    # The result.
    assert result.task_id == TASK_ID
    assert result.status == "succeeded"
    assert result.provider_status == task.succeeded[0]
    assert result.video_url == url
    assert result.error is None
    assert result.progress == (100.0 if task.progress else None)
    assert isinstance(result.raw, case.poll_model)
    assert result.raw.model_dump(mode="json", by_alias=True, exclude_unset=True) == answers[-1]

    # The download: exact bytes, progress reports, no temporary file, no API key sent.
    assert saved == target
    assert target.read_bytes() == VIDEO
    assert files_under(tmp_path) == [target]
    assert download.call_count == 1
    assert "Authorization" not in download.calls.last.request.headers
    assert [w.received for w in written] == [65536, 131072, len(VIDEO)]
    assert {w.total for w in written} == {len(VIDEO)}
    assert {w.path for w in written} == {target}

    # The log: the id at once, then one INFO record per status change (not per poll).
    assert any("created task" in m and TASK_ID in m for m in wait_logs)
    for value in dict.fromkeys(statuses):
        records = [m for m in wait_logs if TASK_ID in m and str(value) in m]
        assert len(records) == 1, (value, wait_logs)


# -- a failed task -----------------------------------------------------------------------------


@MODES
@CASES
def test_failed_task_raises_task_failed_error_with_the_reason(
    mode: str, case: Case, router: respx.MockRouter
) -> None:
    task = case.task
    reason = REASON if task.error else None
    gateway = Gateway.mock(
        router, case, case.answer(task.pending[0]), case.answer(task.failed[0], error=reason)
    )

    with pytest.raises(case.package.TaskFailedError) as info:
        run(mode, case, lambda s: s.create_and_wait(poll_interval=1))

    error = info.value
    assert isinstance(error, case.package.TaskError)
    assert error.task_id == TASK_ID
    assert error.reason == reason
    assert error.provider_status == task.failed[0]
    assert error.result.status == "failed"
    assert error.result.task_id == TASK_ID
    assert error.result.error == reason
    assert isinstance(error.result.raw, case.poll_model)
    assert TASK_ID in str(error)
    assert (REASON if task.error else "the gateway gave none") in str(error)
    assert gateway.poll.call_count == 2


# -- the deadline ------------------------------------------------------------------------------


@MODES
@CASES
def test_task_that_never_finishes_times_out_at_the_deadline(
    mode: str, case: Case, router: respx.MockRouter, sleeps: list[float]
) -> None:
    task = case.task
    gateway = Gateway.mock(
        router, case, case.answer(task.pending[0]), case.answer(task.pending[-1])
    )
    timeout = 60.0

    with pytest.raises(case.package.TaskTimeoutError) as info:
        run(mode, case, lambda s: s.create_and_wait(max_wait=timeout, poll_interval=5))

    error = info.value
    assert error.task_id == TASK_ID
    assert error.last_status == task.pending[-1]
    assert error.waited == pytest.approx(timeout, abs=1.0)
    assert TASK_ID in str(error)
    # A poll after every pause; the pauses fill the time and never run past the deadline.
    assert gateway.poll.call_count == len(sleeps) + 1
    assert sum(sleeps) == pytest.approx(timeout, abs=0.5)
    running = 0.0
    for pause, nominal in zip(sleeps, nominal_pauses(5, len(sleeps)), strict=True):
        assert 0 < pause <= nominal * 1.1 + 1e-9
        running += pause
        assert running <= timeout + 1e-6


@MODES
@CASES
def test_poll_pauses_start_at_poll_interval_and_grow_by_half_with_jitter_up_to_30_s(
    mode: str, case: Case, router: respx.MockRouter, sleeps: list[float]
) -> None:
    task = case.task
    pending = [case.answer(task.pending[0])] * 10
    gateway = Gateway.mock(router, case, *pending, succeeded_answer(case, f"{CDN}/v.mp4"))

    result = run(mode, case, lambda s: s.create_and_wait(max_wait=3600, poll_interval=4))

    assert result.status == "succeeded"
    assert gateway.poll.call_count == 11
    nominal = nominal_pauses(4, 10)
    assert nominal[:6] == [4, 6, 9, 13.5, 20.25, 30]  # the documented growth, capped at 30 s
    assert len(sleeps) == 10
    ratios = [pause / expected for pause, expected in zip(sleeps, nominal, strict=True)]
    assert all(0.9 - 1e-9 <= r <= 1.1 + 1e-9 for r in ratios), ratios
    assert len({round(r, 9) for r in ratios}) > 1  # jittered, not a fixed schedule


# -- transient and permanent poll failures -----------------------------------------------------


@MODES
@CASES
def test_transient_poll_failures_are_waited_through(
    mode: str,
    case: Case,
    router: respx.MockRouter,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    task = case.task
    url = f"{CDN}/{TASK_ID}.mp4"
    gateway = Gateway.mock(
        router,
        case,
        case.answer(task.pending[0]),
        status(503),
        broken(httpx.ConnectError),
        status(429),
        succeeded_answer(case, url),
    )
    caplog.set_level(logging.INFO, logger=case.logger)

    # No retries of the client's own: every failure reaches the waiting loop.
    result = run(mode, case, lambda s: s.create_and_wait(poll_interval=1), max_retries=0)

    assert result.status == "succeeded"
    assert result.task_id == TASK_ID
    assert result.video_url == url
    assert gateway.poll.call_count == 5
    assert len(sleeps) == 4
    warnings = messages(caplog, case, logging.WARNING)
    assert len(warnings) == 3 and all(TASK_ID in m for m in warnings)


@MODES
@CASES
def test_transient_poll_failures_after_the_client_retries_are_waited_through(
    mode: str, case: Case, router: respx.MockRouter
) -> None:
    url = f"{CDN}/{TASK_ID}.mp4"
    failures = [status(503)] * 3  # the first poll and its two retries
    gateway = Gateway.mock(router, case, *failures, succeeded_answer(case, url))

    result = run(mode, case, lambda s: s.create_and_wait(poll_interval=1), max_retries=2)

    assert result.status == "succeeded"
    assert gateway.poll.call_count == 4


@MODES
@CASES
def test_transient_poll_failures_until_the_deadline_time_out(
    mode: str, case: Case, router: respx.MockRouter, sleeps: list[float]
) -> None:
    Gateway.mock(router, case, status(503))

    with pytest.raises(case.package.TaskTimeoutError) as info:
        run(mode, case, lambda s: s.create_and_wait(max_wait=30, poll_interval=5), max_retries=0)

    assert info.value.task_id == TASK_ID
    assert info.value.last_status is None
    assert TASK_ID in str(info.value)
    assert sum(sleeps) == pytest.approx(30, abs=0.5)


PERMANENT = {
    "401": (status(401), "AuthenticationError"),
    "404": (status(404), "NotFoundError"),
    "schema": (lambda request: httpx.Response(200, json=[1, 2]), "APIResponseValidationError"),
}


@MODES
@CASES
@pytest.mark.parametrize("failure", PERMANENT)
def test_permanent_poll_failure_raises_task_wait_error(
    mode: str, case: Case, failure: str, router: respx.MockRouter
) -> None:
    reply, error_class = PERMANENT[failure]
    gateway = Gateway.mock(router, case, case.answer(case.task.pending[0]), reply)

    with pytest.raises(case.package.TaskWaitError) as info:
        run(mode, case, lambda s: s.create_and_wait(poll_interval=1))

    error = info.value
    assert error.task_id == TASK_ID
    assert TASK_ID in str(error)
    assert isinstance(error.last_error, getattr(case.package, error_class))
    if failure != "schema":
        assert error.last_error.status_code == int(failure)
    assert gateway.poll.call_count == 2  # stopped at once: no further polls


# -- expired video URLs ------------------------------------------------------------------------


@MODES
@CASES
@pytest.mark.parametrize("refusal", [403, 404, 410])
def test_expired_video_url_is_refreshed_by_one_poll(
    mode: str, case: Case, refusal: int, router: respx.MockRouter, tmp_path: Path
) -> None:
    old, fresh = f"{CDN}/{TASK_ID}.mp4", f"{CDN}/{TASK_ID}-fresh.mp4"
    gateway = Gateway.mock(router, case, succeeded_answer(case, old), succeeded_answer(case, fresh))
    expired = gateway.video(old, status(refusal))
    working = gateway.video(fresh, video())
    target = tmp_path / "out.mp4"

    async def scenario(s: Session) -> Path:
        result = await s.create_and_wait(poll_interval=1)
        assert gateway.poll.call_count == 1
        return await s.download(result, target)

    assert run(mode, case, scenario) == target
    assert target.read_bytes() == VIDEO
    assert files_under(tmp_path) == [target]
    assert gateway.poll.call_count == 2  # exactly one extra poll
    assert case.carries_id(gateway.poll.calls.last.request)
    assert expired.call_count == 1 and working.call_count == 1
    assert "Authorization" not in working.calls.last.request.headers


@MODES
@CASES
def test_refused_fresh_url_raises_task_download_error(
    mode: str, case: Case, router: respx.MockRouter, tmp_path: Path
) -> None:
    old, fresh = f"{CDN}/{TASK_ID}.mp4", f"{CDN}/{TASK_ID}-fresh.mp4"
    gateway = Gateway.mock(router, case, succeeded_answer(case, old), succeeded_answer(case, fresh))
    gateway.video(old, status(403))
    refused = gateway.video(fresh, status(403))

    async def scenario(s: Session) -> Path:
        result = await s.create_and_wait(poll_interval=1)
        return await s.download(result, tmp_path / "out.mp4")

    with pytest.raises(case.package.TaskDownloadError) as info:
        run(mode, case, scenario)

    error = info.value
    assert error.task_id == TASK_ID
    assert TASK_ID in str(error)
    assert error.url == fresh
    assert error.status_code == 403
    assert refused.call_count == 1  # one retry, not more
    assert gateway.poll.call_count == 2
    assert files_under(tmp_path) == []


@MODES
@CASES
def test_other_download_refusal_raises_without_polling_again(
    mode: str, case: Case, router: respx.MockRouter, tmp_path: Path
) -> None:
    url = f"{CDN}/{TASK_ID}.mp4"
    gateway = Gateway.mock(router, case, succeeded_answer(case, url))
    gateway.video(url, status(500))

    async def scenario(s: Session) -> Path:
        result = await s.create_and_wait(poll_interval=1)
        return await s.download(result, tmp_path / "out.mp4")

    with pytest.raises(case.package.TaskDownloadError) as info:
        run(mode, case, scenario)

    assert info.value.task_id == TASK_ID
    assert info.value.status_code == 500
    assert info.value.url == url
    assert gateway.poll.call_count == 1
    assert files_under(tmp_path) == []


@MODES
@CASES
def test_interrupted_download_leaves_no_partial_file(
    mode: str, case: Case, router: respx.MockRouter, tmp_path: Path
) -> None:
    url = f"{CDN}/{TASK_ID}.mp4"
    gateway = Gateway.mock(router, case, succeeded_answer(case, url))
    gateway.video(url, interrupted)
    target = tmp_path / "out.mp4"
    target.write_bytes(b"an earlier video")

    async def scenario(s: Session) -> Path:
        result = await s.create_and_wait(poll_interval=1)
        return await s.download(result, target)

    with pytest.raises(case.package.TaskDownloadError) as info:
        run(mode, case, scenario)

    assert info.value.task_id == TASK_ID
    assert TASK_ID in str(info.value)
    assert info.value.url == url
    assert files_under(tmp_path) == [target]  # no temporary file left beside it
    assert target.read_bytes() == b"an earlier video"  # replaced only by a complete video


@MODES
@CASES
def test_download_follows_redirects_without_the_api_key(
    mode: str, case: Case, router: respx.MockRouter, tmp_path: Path
) -> None:
    url, moved = f"{CDN}/{TASK_ID}.mp4", f"https://storage.test/bucket/{TASK_ID}.mp4"
    gateway = Gateway.mock(router, case, succeeded_answer(case, url))
    first = gateway.video(url, redirect(moved))
    final = gateway.video(moved, video())
    target = tmp_path / "out.mp4"

    async def scenario(s: Session) -> Path:
        return await s.download(await s.create_and_wait(poll_interval=1), target)

    run(mode, case, scenario)

    assert target.read_bytes() == VIDEO
    assert first.call_count == 1 and final.call_count == 1
    for route in (first, final):
        assert "Authorization" not in route.calls.last.request.headers
    assert gateway.poll.call_count == 1


@MODES
@CASES
def test_download_method_must_match_the_client(
    mode: str, case: Case, router: respx.MockRouter, tmp_path: Path
) -> None:
    Gateway.mock(router, case, succeeded_answer(case, f"{CDN}/{TASK_ID}.mp4"))

    async def scenario(s: Session) -> None:
        result = await s.create_and_wait(poll_interval=1)
        with pytest.raises(TypeError, match="adownload" if s.is_async else r"\.download"):
            if s.is_async:
                result.download(tmp_path / "out.mp4")
            else:
                await result.adownload(tmp_path / "out.mp4")

    run(mode, case, scenario)
    assert files_under(tmp_path) == []


# -- cancelling an async wait ------------------------------------------------------------------


@CASES
def test_cancelled_async_wait_stops_polling_and_logs_the_task_id(
    case: Case, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    gateway = Gateway.mock(router, case, case.answer(case.task.pending[0]))
    caplog.set_level(logging.INFO, logger=case.logger)

    async def scenario(s: Session) -> tuple[int, int]:
        waiting = asyncio.create_task(s.create_and_wait(poll_interval=1))
        for _ in range(1000):
            if gateway.poll.call_count >= 3 or waiting.done():
                break
            await asyncio.sleep(0)
        assert not waiting.done()
        at_cancel = gateway.poll.call_count
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        for _ in range(20):
            await asyncio.sleep(0)
        return at_cancel, gateway.poll.call_count

    at_cancel, after = run("async", case, scenario)

    assert at_cancel == 3
    assert after == at_cancel  # no poll after the cancel
    warnings = messages(caplog, case, logging.WARNING)
    assert len(warnings) == 1 and TASK_ID in warnings[0]


# -- resuming and starting waits ---------------------------------------------------------------


@MODES
@CASES
def test_wait_for_task_resumes_without_creating_anything(
    mode: str, case: Case, router: respx.MockRouter
) -> None:
    url = f"{CDN}/{TASK_ID}.mp4"
    gateway = Gateway.mock(
        router, case, case.answer(case.task.pending[0]), succeeded_answer(case, url)
    )
    gateway.create.mock(side_effect=_refuse_create)
    seen: list[Any] = []

    result = run(
        mode,
        case,
        lambda s: s.wait_for_task(
            TASK_ID, operation=case.operation.method_name, poll_interval=1, on_progress=seen.append
        ),
    )

    assert gateway.create.call_count == 0
    assert gateway.poll.call_count == 2
    assert all(case.carries_id(call.request) for call in gateway.poll.calls)
    assert result.task_id == TASK_ID
    assert result.status == "succeeded"
    assert result.video_url == url
    assert [p.provider_status for p in seen] == [case.task.pending[0], case.task.succeeded[0]]


def test_ezlink_create_operations_share_one_poll() -> None:
    """Both ezlink creates are waited for through the same poll (covered by the case above)."""
    ops = [c for c in CASE_LIST if c.name == "ezlink"]
    assert len(ops) == 2
    assert {c.task.poll_method for c in ops} == {"get_tasks"}
    assert {(c.task.poll_argument, c.task.poll_location) for c in ops} == {("task_ids", "query")}


ID_CASES = [(case, pointer) for case in CASE_LIST for pointer in case.task.id]


@MODES
@pytest.mark.parametrize(("case", "pointer"), ID_CASES, ids=[f"{c.id}-{p}" for c, p in ID_CASES])
def test_the_task_id_is_read_from_each_id_pointer(
    mode: str, case: Case, pointer: str, router: respx.MockRouter
) -> None:
    url = f"{CDN}/{TASK_ID}.mp4"
    gateway = Gateway.mock(
        router, case, succeeded_answer(case, url), created=case.created(pointer=pointer)
    )

    result = run(mode, case, lambda s: s.create_and_wait(poll_interval=1))

    assert result.task_id == TASK_ID
    assert case.carries_id(gateway.poll.calls.last.request)


@MODES
@CASES
def test_create_answer_without_an_id_raises_task_error_and_does_not_poll(
    mode: str, case: Case, router: respx.MockRouter
) -> None:
    gateway = Gateway.mock(
        router, case, case.answer(case.task.pending[0]), created=case.created(None)
    )

    with pytest.raises(case.package.TaskError) as info:
        run(mode, case, lambda s: s.create_and_wait(poll_interval=1))

    assert type(info.value) is case.package.TaskError
    assert info.value.task_id == ""
    assert case.task.id[0] in str(info.value)
    assert gateway.create.call_count == 1
    assert gateway.poll.call_count == 0


# -- the task id in every error and in the log --------------------------------------------------


def _failing_gateway(kind: str, router: respx.MockRouter, case: Case) -> Gateway:
    """A gateway whose task ends in the error `kind` (see ERROR_KINDS)."""
    task, url = case.task, f"{CDN}/{TASK_ID}.mp4"
    if kind == "failed":
        return Gateway.mock(router, case, case.answer(task.failed[0]))
    if kind == "timeout":
        return Gateway.mock(router, case, case.answer(task.pending[0]))
    if kind == "wait":
        return Gateway.mock(router, case, status(401))
    gateway = Gateway.mock(router, case, succeeded_answer(case, url))
    gateway.video(url, status(410))
    return gateway


ERROR_KINDS = {
    "failed": "TaskFailedError",
    "timeout": "TaskTimeoutError",
    "wait": "TaskWaitError",
    "download": "TaskDownloadError",
}


@MODES
@CASES
@pytest.mark.parametrize("kind", ERROR_KINDS)
def test_every_task_error_names_the_task_id_which_is_logged_at_once(
    mode: str,
    case: Case,
    kind: str,
    router: respx.MockRouter,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    gateway = _failing_gateway(kind, router, case)
    caplog.set_level(logging.INFO, logger=case.logger)
    snapshots: list[list[str]] = []  # the INFO log as each poll arrives
    answer = gateway.poll.side_effect
    assert callable(answer)

    def snapshot(request: httpx.Request) -> httpx.Response:
        snapshots.append(messages(caplog, case, logging.INFO))
        response: httpx.Response = answer(request)
        return response

    gateway.poll.mock(side_effect=snapshot)

    async def scenario(s: Session) -> Path:
        result = await s.create_and_wait(max_wait=20, poll_interval=5)
        return await s.download(result, tmp_path / "out.mp4")

    with pytest.raises(getattr(case.package, ERROR_KINDS[kind])) as info:
        run(mode, case, scenario)

    assert info.value.task_id == TASK_ID
    assert TASK_ID in str(info.value)
    created = [m for m in snapshots[0] if "created task" in m]
    assert len(created) == 1 and TASK_ID in created[0]
    assert any(
        r.levelno == logging.INFO and TASK_ID in r.getMessage()
        for r in caplog.records
        if r.name == case.logger
    )


# -- provider quirks: every success status and status pointer; "NN%" progress ----------------


SUCCESS_CASES = [
    (case, pointer, value)
    for case in CASE_LIST
    for pointer in case.task.status
    for value in case.task.succeeded
]


PERCENT_CASES = [
    c
    for c in CASE_LIST
    if c.task.progress
    and isinstance(read(c.poll_example(c.task.succeeded[0]), c.task.progress[0]), str)
]


@MODES
@pytest.mark.parametrize(
    ("case", "pointer", "value"),
    SUCCESS_CASES,
    ids=[f"{c.id}-{p}-{v}" for c, p, v in SUCCESS_CASES],
)
def test_every_success_status_at_every_status_pointer_ends_the_wait(
    mode: str, case: Case, pointer: str, value: Any, router: respx.MockRouter
) -> None:
    task, url = case.task, f"{CDN}/{TASK_ID}.mp4"
    gateway = Gateway.mock(
        router,
        case,
        case.answer(task.pending[0], status_pointer=pointer),
        case.answer(value, video_url=url, status_pointer=pointer),
    )

    result = run(mode, case, lambda s: s.create_and_wait(poll_interval=1))

    assert result.status == "succeeded"
    assert result.provider_status == value
    assert result.video_url == url
    assert gateway.poll.call_count == 2


def test_the_cases_cover_the_older_kling_success_and_percent_progress() -> None:
    assert any(c.name == "ezlink" and v == "succeed" for c, _, v in SUCCESS_CASES)
    assert any(c.name == "ezlink" and p.endswith("task_status") for c, p, _ in SUCCESS_CASES)
    assert [c.name for c in PERCENT_CASES] == ["openroute"]


@MODES
@pytest.mark.parametrize("case", PERCENT_CASES, ids=lambda c: c.id)
def test_percent_strings_become_float_progress(
    mode: str, case: Case, router: respx.MockRouter
) -> None:
    task = case.task
    shown = ["0%", "37%", "62.5%", " 90 %"]
    answers = []
    for text in shown:
        body = case.answer(task.pending[-1])
        put(body, task.progress[0], text)
        answers.append(body)
    final = succeeded_answer(case, f"{CDN}/{TASK_ID}.mp4")
    assert read(final, task.progress[0]) == "100%"
    Gateway.mock(router, case, *answers, final)
    seen: list[Any] = []

    result = run(mode, case, lambda s: s.create_and_wait(poll_interval=1, on_progress=seen.append))

    assert [p.progress for p in seen] == [0.0, 37.0, 62.5, 90.0, 100.0]
    assert all(isinstance(p.progress, float) for p in seen)
    assert result.progress == 100.0


# -- a refresh poll that fails still names the task ----------------------------------------


def test_a_failed_refresh_poll_raises_a_download_error_with_the_task_id(tmp_path: Path) -> None:
    import evolink_client

    done = {"id": "task-r", "status": "completed", "results": ["https://cdn.test/old.mp4"]}
    with respx.mock(assert_all_called=True) as router:
        router.post("https://api.evolink.ai/v1/videos/generations").respond(
            json={"id": "task-r", "status": "pending"}
        )
        router.get("https://api.evolink.ai/v1/tasks/task-r").mock(
            side_effect=[httpx.Response(200, json=done), httpx.Response(401, json={})]
        )
        router.get("https://cdn.test/old.mp4").respond(403)
        with evolink_client.Client(api_key="sk-refresh", max_retries=0) as client:
            result = client.create_video_generation_and_wait(
                model="kling-o3-image-to-video", prompt="p", image_start="https://a.test/i.jpg"
            )
            with pytest.raises(evolink_client.TaskDownloadError) as caught:
                result.download(tmp_path / "v.mp4")
    error = caught.value
    assert (error.task_id, error.status_code) == ("task-r", 401)
    assert "task-r" in str(error) and "fresh one failed" in str(error)
    assert isinstance(error.__cause__, evolink_client.AuthenticationError)
    assert list(tmp_path.iterdir()) == []
