"""`gatewaygen tasks list|resume|reconcile`, and the ledger `gatewaygen run` keeps by default.

The kill -9 test runs a client in a subprocess against the mock gateway on 127.0.0.1, kills it in
the middle of a batch of creates, and proves from the mock's own record that every task it made
is in the ledger (or, for the one create cut off in flight, its body is, and `tasks reconcile`
says so), and that `gatewaygen tasks resume` finishes them all.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
import respx

from generator.cli import main
from generator.mock import MockGateway, MockOptions, load_gateway, serving
from generator.runtime._ledger import LedgerEntry, TaskLedger
from tests.spec_cases import ROOT

EVOLINK = "https://api.evolink.ai"
BODY = ROOT / "examples" / "evolink-create-video-generation.json"
TASK = {"id": "task-cmd-1", "status": "pending", "progress": 0}
DONE = {**TASK, "status": "completed", "progress": 100, "results": ["https://cdn.test/v.mp4"]}
SAMPLE = resources.files("generator.mock").joinpath("sample.mp4").read_bytes()


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("EVOLINK_API_KEY", "sk-tasks-test")
    monkeypatch.delenv("EVOLINK_BASE_URL", raising=False)
    monkeypatch.delenv("EVOLINK_TASK_LEDGER", raising=False)
    ledger = tmp_path / "ledger" / "tasks.sqlite3"
    monkeypatch.setenv("GATEWAYGEN_TASK_LEDGER", str(ledger))
    monkeypatch.chdir(tmp_path)
    return ledger


def entries(path: Path) -> list[LedgerEntry]:
    ledger = TaskLedger(path)
    try:
        return ledger.entries()
    finally:
        ledger.close()


def test_run_records_the_task_in_the_default_ledger_and_says_where(
    environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with respx.mock(assert_all_called=True) as gateway:
        gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        assert main(["run", "evolink", "create_video_generation", "--body", str(BODY),
                     "--specs-dir", str(ROOT / "specs")]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert f"recording the task in the task ledger {environment} (`gatewaygen tasks list`)" in err
    [entry] = entries(environment)
    assert (entry.state, entry.task_id, entry.body) == (
        "created",
        "task-cmd-1",
        json.loads(BODY.read_text()),
    )
    assert main(["tasks", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"task ledger {environment}: 1 task(s)"
    assert out[1].endswith(" evolink create_video_generation task-cmd-1: created")
    assert out[2] == "1 unfinished: `gatewaygen tasks resume` waits for them and downloads."


def test_run_with_no_ledger_or_another_ledger(
    environment: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "elsewhere.sqlite3"
    with respx.mock(assert_all_called=True) as gateway:
        gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        run = ["run", "evolink", "create_video_generation", "--body", str(BODY),
               "--specs-dir", str(ROOT / "specs")]  # fmt: skip
        assert main([*run, "--no-ledger"]) == 0
        assert main([*run, "--ledger", str(other)]) == 0
    assert not environment.exists()
    assert [e.task_id for e in entries(other)] == ["task-cmd-1"]
    assert "recording the task" in capsys.readouterr().err


def test_run_refuses_an_unusable_ledger_before_sending(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "afile").write_text("x")
    with respx.mock(assert_all_called=False) as gateway:
        create = gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        code = main(["run", "evolink", "create_video_generation", "--body", str(BODY),
                     "--specs-dir", str(ROOT / "specs"),
                     "--ledger", str(tmp_path / "afile" / "t.sqlite3")])  # fmt: skip
    assert code == 2 and not create.called
    err = " ".join(capsys.readouterr().err.split())
    assert err.startswith(
        f"gatewaygen run: The task ledger {tmp_path / 'afile' / 't.sqlite3'} cannot be opened: "
    )
    assert err.endswith(
        "Point it at a writable file, or turn it off. Nothing was sent. Give another file with "
        "--ledger FILE, or run without one with --no-ledger."
    )


def test_resume_by_id_works_for_a_task_the_ledger_does_not_know(
    environment: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with respx.mock(assert_all_called=True) as gateway:
        gateway.get(f"{EVOLINK}/v1/tasks/task-cmd-1").respond(json=DONE)
        gateway.get("https://cdn.test/v.mp4").respond(content=SAMPLE)
        assert main(["tasks", "resume", "task-cmd-1"]) == 2
        assert capsys.readouterr().err == (
            f"gatewaygen tasks resume: task task-cmd-1 is not in the task ledger {environment}; "
            "say which provider made it: `gatewaygen tasks resume task-cmd-1 --provider "
            "PROVIDER`.\n"
        )
        code = main(["tasks", "resume", "task-cmd-1", "--provider", "evolink",
                     "--specs-dir", str(ROOT / "specs"), "--output", "v.mp4"])  # fmt: skip
        assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "task task-cmd-1 (evolink): waiting",
        "task task-cmd-1 succeeded (completed): https://cdn.test/v.mp4",
        f"saved v.mp4 ({len(SAMPLE)} bytes)",
    ]
    assert (tmp_path / "v.mp4").read_bytes() == SAMPLE
    [entry] = entries(environment)
    assert (entry.task_id, entry.state, entry.saved_to) == (
        "task-cmd-1",
        "succeeded",
        str(tmp_path / "v.mp4"),
    )


def test_resume_says_how_to_give_the_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("EVOLINK_API_KEY")
    code = main(["tasks", "resume", "task-cmd-1", "--provider", "evolink",
                 "--specs-dir", str(ROOT / "specs")])  # fmt: skip
    assert code == 2
    assert capsys.readouterr().err == (
        "gatewaygen tasks resume: no API key for evolink: set EVOLINK_API_KEY or pass --api-key.\n"
    )


def test_reconcile_lists_creates_in_doubt_and_records_what_was_found(
    environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = TaskLedger(environment)
    body = {"prompt": "a cat", "options": {"external_task_id": "job-42"}}
    doubtful = ledger.submitting(
        provider="ezlink",
        operation="create_text_to_video",
        base_url="https://gw.test",
        body=body,
        idempotency_key="job-42",
    )
    ledger.unanswered(doubtful, uncertain=True, detail="HTTP 502 Bad Gateway")
    refused = ledger.submitting(
        provider="ezlink",
        operation="create_text_to_video",
        base_url="x",
        body={},
        idempotency_key=None,
    )
    ledger.unanswered(refused, uncertain=False, detail="HTTP 400 Bad Request")
    ledger.close()
    assert main(["tasks", "reconcile"]) == 1
    out = capsys.readouterr().out
    assert (
        f"task ledger {environment}: 1 create(s) may have made a task whose id nobody has." in out
    )
    assert "#1 ezlink create_text_to_video at https://gw.test, " in out
    assert (
        "  why: it failed in a way that leaves open whether the gateway made the task: "
        "HTTP 502 Bad Gateway" in out
    )
    assert f"  body: {json.dumps(body)}" in out
    assert '  idempotency key: "job-42" (sending the body again with this key is safe' in out
    assert (
        "`gatewaygen tasks reconcile --found 1 TASK_ID`, then `gatewaygen tasks resume TASK_ID`"
        in out
    )
    assert "#2" not in out
    assert main(["tasks", "reconcile", "--found", "2", "t"]) == 2
    assert (
        "entry #2 is refused, not a create in doubt; nothing was changed."
        in capsys.readouterr().err
    )
    assert main(["tasks", "reconcile", "--found", "1", "task-found-1"]) == 0
    assert main(["tasks", "reconcile"]) == 0
    assert [(e.entry, e.state, e.task_id) for e in entries(environment)] == [
        (1, "created", "task-found-1"),
        (2, "refused", None),
    ]
    assert main(["tasks", "reconcile", "--dismiss", "9"]) == 2
    assert main(["tasks", "reconcile", "--found", "#1", "t"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"gatewaygen tasks: the ledger {environment} has no entry #9.",
        "gatewaygen tasks: '#1' is not an entry number; `gatewaygen tasks reconcile` shows each "
        "create in doubt with its number (#12).",
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--max-wait", "-5"], "--max-wait must be a finite number of seconds, above 0; got -5.0"),
        (["--max-wait", "nan"], "--max-wait must be a finite number of seconds, above 0; got nan"),
        (["--timeout", "0"], "--timeout must be a number of seconds above 0; got 0.0"),
        (
            ["--poll-interval", "-1"],
            "--poll-interval must be a finite number of seconds, 0 or more; got -1.0",
        ),
    ],
)
def test_resume_refuses_wrong_waiting_options_before_anything_else(
    options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tasks", "resume", "task-1", "--provider", "evolink", *options]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"gatewaygen tasks resume: {message}.\n")


def test_resume_refuses_a_place_it_cannot_save_to_before_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wait can last half an hour: where the video cannot be saved is said before it starts."""
    (tmp_path / "afile").write_text("not a folder")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access

    def access(path: Any, mode: int) -> bool:
        return Path(path).resolve() != locked and real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    resume = ["tasks", "resume", "task-1", "task-2", "--provider", "evolink"]
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route()
        assert main([*resume, "--output", "afile/"]) == 2
        assert capsys.readouterr().err == (
            "gatewaygen tasks resume: --output afile/task-1.mp4: its folder afile is a file, "
            "not a folder: name a folder. Nothing was waited for.\n"
        )
        monkeypatch.chdir(locked)
        assert main(resume) == 2
        assert capsys.readouterr().err == (
            "gatewaygen tasks resume: the video task-1.mp4: its folder . is not writable (. "
            "does not allow it): choose another folder or change its permissions (--output "
            "PATH saves elsewhere). Nothing was waited for.\n"
        )
    assert not route.called


def test_resume_keeps_an_existing_file_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "task-cmd-1.mp4").write_bytes(b"an earlier video")
    (tmp_path / "mine.mp4").write_bytes(b"another video")
    resume = ["tasks", "resume", "task-cmd-1", "--provider", "evolink"]
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route()
        assert main(resume) == 2
        assert main([*resume, "--output", "mine.mp4"]) == 2
    assert not route.called
    assert capsys.readouterr().err.splitlines() == [
        "gatewaygen tasks resume: the video task-cmd-1.mp4 already exists: pass --force to "
        "overwrite it, or choose another (--output PATH saves elsewhere). Nothing was waited for.",
        "gatewaygen tasks resume: --output mine.mp4 already exists: pass --force to overwrite "
        "it, or choose another. Nothing was waited for.",
    ]
    assert (tmp_path / "mine.mp4").read_bytes() == b"another video"
    with respx.mock(assert_all_called=True) as gateway:
        gateway.get(f"{EVOLINK}/v1/tasks/task-cmd-1").respond(json=DONE)
        gateway.get("https://cdn.test/v.mp4").respond(content=SAMPLE)
        assert main([*resume, "--output", "mine.mp4", "--force"]) == 0
    assert (tmp_path / "mine.mp4").read_bytes() == SAMPLE


def test_resume_suggests_the_create_a_misspelt_operation_means(
    capsys: pytest.CaptureFixture[str],
) -> None:
    resume = ["tasks", "resume", "task-1", "--provider", "evolink"]
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route()
        assert main([*resume, "--operation", "create_video_generaton"]) == 2
    assert not route.called
    assert capsys.readouterr().err == (
        "gatewaygen tasks resume: evolink has no create operation 'create_video_generaton' "
        "(did you mean 'create_video_generation'?) with a task; its creates are: "
        "create_video_generation\n"
    )


def test_a_failed_download_advises_the_same_resume_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mine.mp4").write_bytes(b"another video")
    resume = ["tasks", "resume", "task-cmd-1", "--provider", "evolink"]
    with respx.mock(assert_all_called=True) as gateway:
        gateway.get(f"{EVOLINK}/v1/tasks/task-cmd-1").respond(json=DONE)
        gateway.get("https://cdn.test/v.mp4").respond(404)
        assert main([*resume, "--output", "mine.mp4", "--force"]) == 1
    advice = capsys.readouterr().err.rstrip("\n").rsplit("`", 2)[1]
    assert (
        advice == "gatewaygen tasks resume task-cmd-1 --provider evolink --output mine.mp4 --force"
    )
    assert (tmp_path / "mine.mp4").read_bytes() == b"another video"


def test_list_and_reconcile_without_a_ledger_file_say_so(
    environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tasks", "list"]) == 0
    assert main(["tasks", "reconcile"]) == 0
    assert capsys.readouterr().out == (
        f"gatewaygen tasks: no task ledger at {environment} yet: nothing was recorded there.\n" * 2
    )
    assert not environment.exists()


# -- kill -9 in the middle of a batch ------------------------------------------------------------

CLIENT = """
import sys
import evolink_client

client = evolink_client.Client(api_key="sk-kill", base_url=sys.argv[1], ledger=sys.argv[2])
for n in range(500):
    client.create_video_generation(model="kling-o3-image-to-video", prompt=f"batch item {n}")
"""
KILL_AT = 12  # the create whose answer the client never gets


class KillsTheClient:
    """ASGI middleware: when the mock is about to answer the KILL_AT-th create (the task is
    made), the client is killed with SIGKILL, so the answer never reaches it."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.creates = 0
        self.child: subprocess.Popen[bytes] | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)

        async def answer(message: Any) -> None:
            if message["type"] == "http.response.start":
                self.creates += 1
                if self.creates == KILL_AT and self.child is not None:
                    self.child.send_signal(signal.SIGKILL)
                    self.child.wait(timeout=10)
            await send(message)

        return await self.app(scope, receive, answer)


def _stats(url: str) -> dict[str, Any]:
    stats: dict[str, Any] = httpx.get(f"{url}/_mock/stats").json()
    return stats


@pytest.mark.slow
def test_a_client_killed_mid_batch_loses_no_task_and_resume_finishes_them_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "killed.sqlite3"
    videos = tmp_path / "videos"
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "generated" / "evolink")}
    mock = MockGateway(load_gateway("evolink", ROOT / "specs"), MockOptions(task_seconds=1.0))
    killer = KillsTheClient(mock.app)
    with serving(SimpleNamespace(app=killer, gateway=mock.gateway)) as url:  # type: ignore[arg-type]
        killer.child = subprocess.Popen(
            [sys.executable, "-c", CLIENT, url, str(ledger)], env=environment
        )
        try:
            assert killer.child.wait(timeout=60) == -signal.SIGKILL
        finally:
            killer.child.kill()  # bounded: never left running, whatever failed
        made = {c["task_id"]: c["body"] for c in _stats(url)["creates"]}
        assert len(made) == KILL_AT
        recorded = entries(ledger)
        assert [(e.state, e.task_id) for e in recorded] == [
            *(("created", task_id) for task_id in list(made)[: KILL_AT - 1]),
            ("submitting", None),  # sent, and the task made, but the answer never came
        ]
        assert all(e.body == made[e.task_id] for e in recorded[:-1] if e.task_id is not None)
        lost_id, lost_body = list(made.items())[-1]
        assert (
            recorded[-1].body
            == lost_body
            == {
                "model": "kling-o3-image-to-video",
                "prompt": f"batch item {KILL_AT - 1}",
            }
        )
        assert main(["tasks", "reconcile", "--ledger", str(ledger)]) == 1
        shown = capsys.readouterr().out
        assert f"#{KILL_AT} evolink create_video_generation at {url}, " in shown
        assert f"  body: {json.dumps(lost_body)}" in shown
        assert main(["tasks", "reconcile", "--ledger", str(ledger),
                     "--found", str(KILL_AT), lost_id]) == 0  # fmt: skip
        assert capsys.readouterr().out == (
            f"entry #{KILL_AT} made task {lost_id}; `gatewaygen tasks resume {lost_id}` waits "
            "for it and downloads the video.\n"
        )

        resume = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "tasks",
                "resume",
                "--ledger",
                str(ledger),
                "--api-key",
                "sk-kill",
                "--output",
                f"{videos}/",
                "--poll-interval",
                "0.2",
                "--max-wait",
                "30",
            ],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert resume.returncode == 0, resume.stderr
        assert len(_stats(url)["creates"]) == KILL_AT  # resuming created nothing
    assert sorted(p.name for p in videos.iterdir()) == sorted(f"{t}.mp4" for t in made)
    assert all(p.read_bytes() == SAMPLE for p in videos.iterdir())
    assert {(e.state, e.saved_to is not None) for e in entries(ledger)} == {("succeeded", True)}
    assert main(["tasks", "list", "--ledger", str(ledger), "--unfinished"]) == 0
    assert capsys.readouterr().out == f"task ledger {ledger}: 0 task(s)\n"
