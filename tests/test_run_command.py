"""`gatewaygen run` in process, against respx: the task id comes first, whatever happens next."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import respx

from generator.cli import main
from tests.spec_cases import ROOT, provider, providers

EXAMPLES = ROOT / "examples"
EVOLINK = "https://api.evolink.ai"
BODY = EXAMPLES / "evolink-create-video-generation.json"
TASK = {"id": "task-run-1", "status": "pending", "progress": 0}
DONE = {**TASK, "status": "completed", "progress": 100, "results": ["https://cdn.test/v.mp4"]}
VIDEO = b"\x00\x00\x00\x18ftypisom" + bytes(200)


@pytest.fixture(autouse=True)
def api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVOLINK_API_KEY", "sk-run-test")
    monkeypatch.delenv("EVOLINK_BASE_URL", raising=False)


def run(*arguments: str) -> int:
    return main(["run", "evolink", "create_video_generation", "--body", str(BODY), *arguments])


def test_run_prints_the_task_id_first_then_waits_and_downloads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out" / "video.mp4"
    with respx.mock(assert_all_called=True) as gateway:
        create = gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        gateway.get(f"{EVOLINK}/v1/tasks/task-run-1").mock(
            side_effect=[
                httpx.Response(200, json={**TASK, "status": "processing", "progress": 40}),
                httpx.Response(200, json=DONE),
            ]
        )
        gateway.get("https://cdn.test/v.mp4").respond(content=VIDEO)
        assert run("--output", str(output), "--poll-interval", "0.01") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "task task-run-1 created (evolink create_video_generation)"
    assert lines[1] == "task task-run-1 succeeded (completed): https://cdn.test/v.mp4"
    assert lines[2] == f"saved {output} ({len(VIDEO)} bytes)"
    assert output.read_bytes() == VIDEO
    assert json.loads(create.calls.last.request.content) == json.loads(BODY.read_text())


def test_without_wait_only_the_task_id_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with respx.mock(assert_all_called=True) as gateway:
        gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        assert run() == 0
    assert capsys.readouterr().out == "task task-run-1 created (evolink create_video_generation)\n"


def test_a_failed_task_exits_1_naming_the_task(capsys: pytest.CaptureFixture[str]) -> None:
    failed = {**TASK, "status": "failed", "error": {"code": "content_policy_violation"}}
    with respx.mock(assert_all_called=True) as gateway:
        gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        gateway.get(f"{EVOLINK}/v1/tasks/task-run-1").respond(json=failed)
        assert run("--wait") == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0].startswith("task task-run-1 created")
    assert "task-run-1 failed" in captured.err and "content_policy_violation" in captured.err


def test_a_timed_out_wait_exits_1_and_says_how_to_resume(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with respx.mock(assert_all_called=True) as gateway:
        create = gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        poll = gateway.get(f"{EVOLINK}/v1/tasks/task-run-1").respond(json=TASK)
        assert run("--wait", "--max-wait", "30", "--timeout", "5") == 1
    err = " ".join(capsys.readouterr().err.split())
    assert err.endswith(
        "gatewaygen run: task task-run-1 did not finish within 30 s (last status 'pending'); it "
        "may still finish: resume with `gatewaygen tasks resume task-run-1 --provider evolink`."
    )
    assert "wait_for_task" not in err
    # --max-wait is the wait's deadline; --timeout the HTTP timeout of every request.
    for route in (create, poll):
        assert route.calls.last.request.extensions["timeout"]["read"] == 5.0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "is not valid JSON: Expecting property name enclosed in double quotes"),
        ('["a list"]', "must hold a JSON object"),
        (
            '{"model": "kling-o3-image-to-video", "colour": "red"}',
            "error [required] prompt (/prompt) 'prompt' is a required property",
        ),
    ],
)
def test_a_bad_body_file_exits_2_before_any_request(
    tmp_path: Path, body: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "body.json"
    path.write_text(body)
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route()
        code = main(["run", "evolink", "create_video_generation", "--body", str(path)])
    assert code == 2 and not route.called
    assert message in " ".join(capsys.readouterr().err.split())


def test_arguments_the_spec_refuses_exit_2_with_nothing_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "body.json"
    path.write_text(json.dumps({"model": "kling-o3-image-to-video", "prompt": "p" * 2501}))
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route()
        code = main(["run", "evolink", "createVideoGeneration", "--body", str(path)])
    assert code == 2 and not route.called
    err = " ".join(capsys.readouterr().err.split())
    assert "error [maxLength: 2500] prompt (/prompt) 2501 characters long" in err
    assert err.endswith("breaks the spec (above); nothing was sent.")


def test_unknown_provider_or_operation_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "nowhere", "create", "--body", str(BODY)]) == 2
    assert "no provider 'nowhere' in " in capsys.readouterr().err
    assert main(["run", "evolink", "create_thing", "--body", str(BODY)]) == 2
    assert "create_video_generation" in capsys.readouterr().err
    assert main(["run", "evolink", "create_vidoe_generation", "--body", str(BODY)]) == 2
    assert capsys.readouterr().err == (
        "gatewaygen run: evolink has no create operation 'create_vidoe_generation' (did you "
        "mean 'create_video_generation'?) (one that takes a request body); its create "
        "operations are: create_video_generation\n"
    )


def test_a_read_is_not_something_to_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "evolink", "get_task", "--body", str(BODY)]) == 2
    assert "no create operation 'get_task'" in " ".join(capsys.readouterr().err.split())


def test_waiting_on_an_operation_without_a_lifecycle_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """acme (a fixture spec) declares no x-task: there is nothing to wait for."""
    acme = ROOT / "tests" / "fixtures" / "specs" / "acme.yaml"
    body = tmp_path / "job.json"
    body.write_text('{"prompt": "a cat"}')
    assert main(["run", str(acme), "submit_job", "--body", str(body), "--wait"]) == 2
    assert "declares no task lifecycle" in " ".join(capsys.readouterr().err.split())


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_example_files_are_documented_examples_of_their_operation(path: Path) -> None:
    name = next(n for n in providers() if path.name.startswith(n + "-"))
    method = path.stem[len(name) + 1 :].replace("-", "_")
    operation = next(op for op in provider(name).operations if op.method_name == method)
    documented = [e.value for e in operation.request_examples if not e.placeholders]
    assert json.loads(path.read_text(encoding="utf-8")) in documented
