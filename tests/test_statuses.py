"""Statuses are plain strings: a `Literal` of the documented values where the spec closes the
set, any string where it does not, and a value the spec does not list never fails a read. A wait
treats an unknown status as still running, with a warning, until the deadline."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import evolink_client
import pytest
import respx
import uniall_client

from tests.spec_cases import ROOT, providers
from tests.test_lifecycle import (
    CASE_LIST,
    CASES,
    MODES,
    TASK_ID,
    Case,
    Gateway,
    messages,
    router,
    run,
    succeeded_answer,
)

BASE_URL = "https://gw.test"
__all__ = ["router"]  # the respx fixture of the lifecycle tests, used here too


def test_uniall_task_status_is_the_string_the_gateway_sent() -> None:
    with respx.mock() as router:
        router.get(BASE_URL + "/v1/videos/task-1").respond(
            json={"id": "task-1", "status": "queued", "progress": 0}
        )
        with uniall_client.Client(api_key="sk-test", base_url=BASE_URL) as client:
            task = client.get_video_task(task_id="task-1")
    assert type(task.status) is str
    assert task.status == "queued"
    assert str(task.status) == "queued" and repr(task.status) == "'queued'"
    assert task.model_dump(mode="json")["status"] == "queued"


def test_a_status_the_spec_does_not_list_never_fails_a_read() -> None:
    detail = {"id": TASK_ID, "status": "cancelled", "type": "3d", "region": "eu"}
    with respx.mock() as router:
        router.get(f"{BASE_URL}/v1/tasks/{TASK_ID}").respond(json=detail)
        with evolink_client.Client(api_key="sk-test", base_url=BASE_URL) as client:
            task = client.get_task(task_id=TASK_ID)
    assert (task.status, task.type) == ("cancelled", "3d")
    assert task.model_extra == {"region": "eu"}


def test_request_enums_stay_closed() -> None:
    """The client still refuses an undocumented value before sending it."""
    with respx.mock(assert_all_called=False) as router:
        route = router.route()
        with (
            evolink_client.Client(api_key="sk-test", base_url=BASE_URL) as client,
            pytest.raises(evolink_client.ValidationError) as refused,
        ):
            client.create_video_generation(
                model="kling-o3-image-to-video",
                prompt="ok",
                image_start="https://example.com/a.jpg",
                quality="4k",
            )
    assert [name for name, _ in refused.value.problems] == ["quality"]
    assert not route.called


UNKNOWN = "paused_for_review"


@MODES
@CASES
def test_an_unknown_status_is_waited_through_with_one_warning(
    mode: str, case: Case, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    gateway = Gateway.mock(
        router,
        case,
        case.answer(UNKNOWN),
        case.answer(UNKNOWN),
        succeeded_answer(case, "https://cdn.test/v.mp4"),
    )
    caplog.set_level(logging.WARNING, logger=case.logger)
    result = run(mode, case, lambda s: s.create_and_wait(max_wait=600, poll_interval=1))
    assert result.status == "succeeded"
    assert gateway.poll.call_count == 3
    task = case.task
    final = (*sorted(task.succeeded), *sorted(task.failed))
    listed = ", ".join(repr(s) for s in (*task.pending, *final))
    assert messages(caplog, case, logging.WARNING) == [
        f"task {TASK_ID} reports the status {UNKNOWN!r}, which the spec does not list (it lists "
        f"{listed}); treating it as still running until the task ends or max_wait passes"
    ]


@MODES
@CASES
def test_an_unknown_status_until_the_deadline_times_out(
    mode: str, case: Case, router: respx.MockRouter, sleeps: list[float]
) -> None:
    Gateway.mock(router, case, case.answer(UNKNOWN))
    with pytest.raises(case.package.TaskTimeoutError) as info:
        run(mode, case, lambda s: s.create_and_wait(max_wait=40, poll_interval=5))
    assert info.value.task_id == TASK_ID
    assert info.value.last_status == UNKNOWN
    assert sum(sleeps) == pytest.approx(40, abs=0.5)


@MODES
def test_the_http_timeout_and_the_wait_deadline_are_separate_options(
    mode: str, router: respx.MockRouter
) -> None:
    case = next(c for c in CASE_LIST if c.name == "evolink")
    gateway = Gateway.mock(router, case, succeeded_answer(case, "https://cdn.test/v.mp4"))
    run(mode, case, lambda s: s.create_and_wait(max_wait=600, timeout=9.0))
    for route in (gateway.create, gateway.poll):
        assert route.calls.last.request.extensions["timeout"] == dict.fromkeys(
            ("connect", "read", "write", "pool"), 9.0
        )
    run(mode, case, lambda s: s.wait_for_task(TASK_ID, max_wait=600, timeout=3.0))
    assert gateway.poll.calls.last.request.extensions["timeout"]["read"] == 3.0


MYPY_PROBE = """\
from evolink_client.models import TaskDetail
from uniall_client.models import VideoTask


def check(task: VideoTask, detail: TaskDetail) -> None:
    reveal_type(task.status)
    reveal_type(detail.status)
    done: bool = task.status == "completed"
    wrong: int = task.status
"""


@pytest.mark.slow
def test_mypy_sees_statuses_as_strings(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(MYPY_PROBE, encoding="utf-8")
    path = os.pathsep.join(str(ROOT / "generated" / name) for name in providers())
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(probe)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MYPYPATH": path},
        cwd=tmp_path,
    )
    lines = [line.split(": ", 1)[1] for line in done.stdout.splitlines() if ": " in line]
    assert lines == [
        # The annotation lists the documented values, `Literal[...] | str`; mypy reads it as
        # the plain string it is, so comparing with any string is allowed and correct.
        'note: Revealed type is "str"',
        'note: Revealed type is "str | None"',
        'error: Incompatible types in assignment (expression has type "str", variable has '
        'type "int")  [assignment]',
    ], done.stdout


EVOLINK_CASES = [case for case in CASE_LIST if case.name == "evolink"]


@MODES
@pytest.mark.parametrize("spelling", ["cancelled", "canceled"])
@pytest.mark.parametrize("case", EVOLINK_CASES, ids=lambda c: c.id)
def test_a_cancelled_evolink_task_ends_the_wait_as_failed(
    mode: str, spelling: str, case: Case, router: respx.MockRouter
) -> None:
    """Evolink's callback docs say a task can be cancelled, its status enum has no such value:
    both spellings end a wait (x-doc-conflicts callback-cancelled-status) instead of polling
    a cancelled task until the deadline."""
    gateway = Gateway.mock(router, case, case.answer("processing"), case.answer(spelling))
    with pytest.raises(case.package.TaskFailedError) as info:
        run(mode, case, lambda s: s.create_and_wait(max_wait=600, poll_interval=1))
    assert info.value.task_id == TASK_ID
    assert info.value.provider_status == spelling
    assert gateway.poll.call_count == 2
