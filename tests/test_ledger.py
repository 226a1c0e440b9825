"""The task ledger in the library: every paid create is written down before it is sent, and kept
up to date as the gateway answers and the task moves on (Evolink, respx; sync and async)."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import evolink_client
import httpx
import pytest
import respx

from generator.runtime._ledger import LedgerEntry, TaskLedger

KEY = "sk-ledger-0123456789"
BASE = "https://gw.test"
CREATE = f"{BASE}/v1/videos/generations"
ARGS = {"model": "kling-o3-image-to-video", "prompt": "a cat turns its head"}
TASK = {"id": "task-led-1", "status": "pending", "progress": 0}
RUNNING = {**TASK, "status": "processing", "progress": 50}
DONE = {**TASK, "status": "completed", "progress": 100, "results": ["https://cdn.test/v.mp4"]}
SAMPLE = resources.files("generator.mock").joinpath("sample.mp4").read_bytes()
MODES = pytest.mark.parametrize("mode", ["sync", "async"])


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("EVOLINK_API_KEY", "EVOLINK_BASE_URL", "EVOLINK_TASK_LEDGER"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def gateway() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    return tmp_path / "state" / "tasks.sqlite3"


def on(mode: str, action: Callable[[Any], Any], **options: Any) -> Any:
    options = {"api_key": KEY, "base_url": BASE, **options}
    if mode == "sync":
        with evolink_client.Client(**options) as client:
            return action(client)

    async def run() -> Any:
        async with evolink_client.AsyncClient(**options) as client:
            return await action(client)

    return asyncio.run(run())


def entries(path: Path) -> list[LedgerEntry]:
    """What another process reading the file would see."""
    ledger = TaskLedger(path)
    try:
        return ledger.entries()
    finally:
        ledger.close()


def summary(path: Path) -> list[tuple[Any, ...]]:
    return [
        (e.operation, e.state, e.task_id, e.body, e.provider_status, e.video_url)
        for e in entries(path)
    ]


@MODES
def test_a_paid_create_is_committed_before_it_is_sent_then_gets_its_task_id(
    mode: str, gateway: respx.MockRouter, ledger_file: Path
) -> None:
    seen_while_sending: list[tuple[Any, ...]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen_while_sending.extend(summary(ledger_file))
        return httpx.Response(200, json=TASK)

    gateway.post(CREATE).mock(side_effect=answer)
    task = on(mode, lambda c: c.create_video_generation(**ARGS), ledger=ledger_file)
    assert task.id == "task-led-1"
    assert seen_while_sending == [("create_video_generation", "submitting", None, ARGS, None, None)]
    assert summary(ledger_file) == [
        ("create_video_generation", "created", "task-led-1", ARGS, None, None)
    ]
    [entry] = entries(ledger_file)
    assert (entry.provider, entry.base_url, entry.idempotency_key) == ("evolink", BASE, None)
    written = b"".join(p.read_bytes() for p in ledger_file.parent.iterdir())
    assert KEY.encode() not in written and b"task-led-1" in written  # the key is never kept


@MODES
@pytest.mark.parametrize(
    ("answer", "error", "state", "task_id"),
    [
        (
            httpx.Response(400, json={"error": {"message": "no"}}),
            "BadRequestError",
            "refused",
            None,
        ),
        (httpx.ConnectError, "APIConnectionError", "refused", None),
        (httpx.Response(500, json={}), "SubmissionUncertainError", "uncertain", None),
        (httpx.ReadTimeout, "SubmissionUncertainError", "uncertain", None),
        (
            httpx.Response(200, json={"id": "task-odd", "created": "x"}),
            "APIResponseValidationError",
            "created",
            "task-odd",
        ),
        (
            httpx.Response(200, json={"created": "x"}),
            "APIResponseValidationError",
            "no-task-id",
            None,
        ),
    ],
    ids=["refused", "not-sent", "5xx", "timeout", "off-schema", "off-schema-without-id"],
)
def test_a_failed_create_is_recorded_as_refused_uncertain_or_answered(
    mode: str,
    answer: Any,
    error: str,
    state: str,
    task_id: str | None,
    gateway: respx.MockRouter,
    ledger_file: Path,
) -> None:
    gateway.post(CREATE).mock(side_effect=[answer])
    with pytest.raises(getattr(evolink_client, error)):
        on(mode, lambda c: c.create_video_generation(**ARGS), ledger=ledger_file, max_retries=0)
    [entry] = entries(ledger_file)
    assert (entry.state, entry.task_id, entry.body) == (state, task_id, ARGS)


@MODES
def test_the_ledger_follows_the_task_to_its_saved_video(
    mode: str, gateway: respx.MockRouter, ledger_file: Path, tmp_path: Path
) -> None:
    gateway.post(CREATE).respond(json=TASK)
    gateway.get(f"{BASE}/v1/tasks/task-led-1").mock(
        side_effect=[httpx.Response(200, json=RUNNING), httpx.Response(200, json=DONE)]
    )
    gateway.get("https://cdn.test/v.mp4").respond(content=SAMPLE)
    target = tmp_path / "v.mp4"

    def action(client: Any) -> Any:
        if mode == "sync":
            return client.create_video_generation_and_wait(**ARGS).download(target)

        async def both() -> Any:
            result = await client.create_video_generation_and_wait(**ARGS)
            return await result.adownload(target)

        return both()

    on(mode, action, ledger=ledger_file)
    [entry] = entries(ledger_file)
    assert (entry.state, entry.task_id, entry.provider_status, entry.video_url) == (
        "succeeded",
        "task-led-1",
        "completed",
        "https://cdn.test/v.mp4",
    )
    assert entry.saved_to == str(target.resolve()) and not entry.unfinished


@MODES
def test_a_failed_task_is_recorded_with_its_reason(
    mode: str, gateway: respx.MockRouter, ledger_file: Path
) -> None:
    failed = {**TASK, "status": "failed", "error": {"message": "content policy"}}
    gateway.post(CREATE).respond(json=TASK)
    gateway.get(f"{BASE}/v1/tasks/task-led-1").respond(json=failed)
    with pytest.raises(evolink_client.TaskFailedError):
        on(mode, lambda c: c.create_video_generation_and_wait(**ARGS), ledger=ledger_file)
    [entry] = entries(ledger_file)
    assert (entry.state, entry.provider_status, entry.detail) == (
        "failed",
        "failed",
        "content policy",
    )


@MODES
def test_waiting_for_a_task_the_ledger_does_not_know_adds_it(
    mode: str, gateway: respx.MockRouter, ledger_file: Path
) -> None:
    gateway.get(f"{BASE}/v1/tasks/task-elsewhere").respond(json={**RUNNING, "id": "task-elsewhere"})
    with pytest.raises(evolink_client.TaskTimeoutError):
        on(mode, lambda c: c.wait_for_task("task-elsewhere", timeout=1), ledger=ledger_file)
    assert summary(ledger_file) == [
        ("create_video_generation", "created", "task-elsewhere", None, "processing", None)
    ]
    assert entries(ledger_file)[0].unfinished


def test_a_paid_create_without_a_task_is_answered_not_in_doubt(
    gateway: respx.MockRouter, ledger_file: Path
) -> None:
    """A paid operation that starts no task to wait for (no `x-task`): once answered, nothing is
    left to reconcile or resume."""
    runtime = evolink_client._runtime
    render = runtime.Operation(
        name="renderThing",
        method="POST",
        path="/v1/things",
        response_model="VideoGenerationTask",
        paid_task=True,
    )
    gateway.post(f"{BASE}/v1/things").respond(json={"id": "thing-1"})
    with evolink_client.Client(api_key=KEY, base_url=BASE, ledger=ledger_file) as client:
        client._request(render, body={"size": 3})
    [entry] = entries(ledger_file)
    assert (entry.operation, entry.state, entry.task_id, entry.body) == (
        "renderThing",
        "answered",
        None,
        {"size": 3},
    )
    assert not entry.unfinished


@MODES
def test_the_ledger_is_off_by_default_and_on_with_the_environment_variable(
    mode: str, gateway: respx.MockRouter, ledger_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gateway.post(CREATE).respond(json=TASK)

    def create_with(ledger: Path | None) -> Callable[[Any], Any]:
        def action(client: Any) -> Any:
            assert (client.ledger and client.ledger.path) == ledger
            return client.create_video_generation(**ARGS)

        return action

    on(mode, create_with(None))
    assert not ledger_file.parent.exists()
    monkeypatch.setenv("EVOLINK_TASK_LEDGER", str(ledger_file))
    on(mode, create_with(ledger_file))
    on(mode, create_with(None), ledger=False)
    assert [e.state for e in entries(ledger_file)] == ["created"]
    # Write-ahead logging, so that readers (tasks list) never wait for a writer and a killed
    # writer leaves the file whole.
    with sqlite3.connect(ledger_file) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


@MODES
def test_a_create_that_cannot_be_recorded_is_not_sent(
    mode: str, gateway: respx.MockRouter, ledger_file: Path
) -> None:
    create = gateway.post(CREATE).respond(json=TASK)
    broken = evolink_client.TaskLedger(ledger_file)
    broken.close()  # every write now fails
    with pytest.raises(evolink_client.LedgerError) as caught:
        on(mode, lambda c: c.create_video_generation(**ARGS), ledger=broken)
    assert str(caught.value).startswith(f"The task ledger {ledger_file} cannot be written: ")
    assert str(caught.value).endswith(
        "The create was not sent, so nothing was paid for. Fix the ledger, or turn it off "
        "(ledger=False)."
    )
    assert not create.called


@pytest.mark.parametrize("client", ["Client", "AsyncClient"])
def test_a_ledger_that_cannot_be_opened_is_refused_when_the_client_is_built(
    tmp_path: Path, client: str
) -> None:
    cls = getattr(evolink_client, client)
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(evolink_client.LedgerError) as caught:
        cls(api_key=KEY, ledger=tmp_path / "file" / "tasks.sqlite3")
    assert str(caught.value).startswith(f"The task ledger {tmp_path / 'file' / 'tasks.sqlite3'}")
    with pytest.raises(evolink_client.ConfigurationError):
        cls(api_key=KEY, ledger=True)


WRITER = """
import sys
from generator.runtime._ledger import TaskLedger
ledger = TaskLedger(sys.argv[1])
for n in range(40):
    entry = ledger.submitting(provider="evolink", operation="create_video_generation",
                              base_url="https://gw.test", body={"n": n, "w": sys.argv[2]},
                              idempotency_key=None)
    ledger.answered(entry, f"task-{sys.argv[2]}-{n}")
"""


def test_several_processes_share_one_ledger(ledger_file: Path) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(ledger_file), str(w)]) for w in range(3)
    ]
    assert [w.wait(timeout=60) for w in writers] == [0, 0, 0]
    found = entries(ledger_file)
    assert len(found) == 120 and len({e.entry for e in found}) == 120
    assert sorted(e.task_id or "" for e in found) == sorted(
        f"task-{w}-{n}" for w in range(3) for n in range(40)
    )
    assert {e.state for e in found} == {"created"}
