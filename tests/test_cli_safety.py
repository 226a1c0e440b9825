"""The command line refuses before paying and touches only what it made: `run` checks the whole
body and its --output before anything is sent, `check-payload` and `run` judge every body alike
(one code path), `generate` leaves what it did not make alone, unwritable destinations are
refused with exit 2, and `vendor` guards names, newer copies and hand edits. Every test runs
from a folder outside the repository."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import respx

from generator.cli import main
from tests.spec_cases import ROOT, package, provider

ACME = ROOT / "tests" / "fixtures" / "specs" / "acme.yaml"
EVOLINK = "https://api.evolink.ai"
EZLINK = "https://api.ezlinkai.com"
EVOLINK_BODY = json.loads((ROOT / "examples" / "evolink-create-video-generation.json").read_text())
EZLINK_BODY = json.loads((ROOT / "examples" / "ezlink-create-image-to-video.json").read_text())
TASK = {"id": "task-safe-1", "status": "pending", "progress": 0}


@pytest.fixture(autouse=True)
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("EVOLINK_API_KEY", "sk-safe")
    monkeypatch.setenv("EZLINK_API_KEY", "sk-safe")
    for name in ("EVOLINK_BASE_URL", "EZLINK_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return folder


def write(path: Path, value: Any) -> str:
    path.write_text(json.dumps(value), encoding="utf-8")
    return str(path)


def run_evolink(body: str, *options: str) -> int:
    return main(["run", "evolink", "create_video_generation", "--body", body, *options])


# -- run refuses before paying ------------------------------------------------------------------


def test_a_body_without_a_required_field_exits_2_naming_it(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = write(outside / "body.json", {"model": "kling-o3-image-to-video"})
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route()
        assert run_evolink(body) == 2
    assert not route.called
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{body}: INVALID as the request body of evolink createVideoGeneration (1 error, 0 "
        "warnings)",
        "  error [required] prompt (/prompt)",
        "      'prompt' is a required property",
        "      fix: change the value to what the spec allows; nothing has been sent",
        f"gatewaygen run: {body} breaks the spec (above); nothing was sent.",
    ]


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (
            "folder",
            "--output {out}/folder is a folder: name the file to write, such as "
            "{out}/folder/video.mp4. Nothing was sent.",
        ),
        (
            "existing.mp4",
            "--output {out}/existing.mp4 already exists: pass --force to overwrite "
            "it, or choose another. Nothing was sent.",
        ),
        (
            "afile/video.mp4",
            "--output {out}/afile/video.mp4: its folder {out}/afile is a file, "
            "not a folder: name a folder. Nothing was sent.",
        ),
    ],
)
def test_a_bad_output_is_refused_before_anything_is_sent(
    outside: Path, output: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (outside / "folder").mkdir()
    (outside / "existing.mp4").write_bytes(b"an earlier video")
    (outside / "afile").write_text("not a folder")
    body = write(outside / "body.json", EVOLINK_BODY)
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route()
        assert run_evolink(body, "--output", str(outside / output)) == 2
    assert not route.called
    assert capsys.readouterr().err == f"gatewaygen run: {message.format(out=outside)}\n"
    assert (outside / "existing.mp4").read_bytes() == b"an earlier video"


def test_force_overwrites_an_existing_output(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    video = b"\x00\x00\x00\x18ftypisom" + bytes(100)
    output = outside / "existing.mp4"
    output.write_bytes(b"an earlier video")
    done = {**TASK, "status": "completed", "progress": 100, "results": ["https://cdn.test/v.mp4"]}
    body = write(outside / "body.json", EVOLINK_BODY)
    with respx.mock(assert_all_called=True) as gateway:
        gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        gateway.get(f"{EVOLINK}/v1/tasks/task-safe-1").respond(json=done)
        gateway.get("https://cdn.test/v.mp4").respond(content=video)
        assert run_evolink(body, "--output", str(output), "--force") == 0
    assert output.read_bytes() == video
    assert capsys.readouterr().out.splitlines()[-1] == f"saved {output} ({len(video)} bytes)"


def test_body_dash_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(EVOLINK_BODY)))
    with respx.mock(assert_all_called=True) as gateway:
        create = gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        assert run_evolink("-") == 0
    assert json.loads(create.calls.last.request.content) == EVOLINK_BODY
    assert capsys.readouterr().out == "task task-safe-1 created (evolink create_video_generation)\n"


def test_a_missing_key_is_asked_for_in_the_commands_terms(
    outside: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("EVOLINK_API_KEY")
    body = write(outside / "body.json", EVOLINK_BODY)
    assert run_evolink(body) == 2
    assert capsys.readouterr().err == (
        f"gatewaygen run: no API key for {provider('evolink').title}: set EVOLINK_API_KEY or "
        "pass --api-key. Nothing was sent.\n"
    )


def test_a_failed_create_says_what_to_run_not_what_to_call(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = write(outside / "body.json", EVOLINK_BODY)
    with respx.mock(assert_all_called=True) as gateway:
        gateway.post(f"{EVOLINK}/v1/videos/generations").respond(500, json={"error": "boom"})
        assert run_evolink(body) == 1
    err = capsys.readouterr().err
    assert err.endswith(
        "`gatewaygen tasks reconcile` lists the creates that may have reached the gateway.\n"
    )
    assert ".last_error" not in err and "Client(" not in err


# -- check-payload and run: one judgement --------------------------------------------------------

AGREEMENT = [
    ("evolink", "create_video_generation", EVOLINK_BODY, True),
    ("evolink", "create_video_generation", {**EVOLINK_BODY, "multi_shot": True}, True),
    ("evolink", "create_video_generation", {**EVOLINK_BODY, "duration": 99}, False),
    ("evolink", "create_video_generation", {"model": "kling-o3-image-to-video"}, False),
    (
        "evolink",
        "create_video_generation",
        {**EVOLINK_BODY, "callback_url": "https://127.0.0.1/hook"},
        False,
    ),
    ("ezlink", "create_image_to_video", EZLINK_BODY, True),
    (
        "ezlink",
        "create_image_to_video",
        {"contents": [{"type": "first_frame", "url": "not a url"}]},
        False,
    ),
    ("ezlink", "create_image_to_video", {"contents": [{"type": "video", "url": "x"}]}, False),
    (
        "ezlink",
        "create_image_to_video",
        {
            "contents": [
                {"type": "prompt", "text": ""},
                {"type": "first_frame", "url": "https://a.test/i.png"},
            ]
        },
        False,
    ),
]


@pytest.mark.parametrize(("name", "operation", "body", "valid"), AGREEMENT)
def test_check_payload_and_run_agree_on_every_body(
    outside: Path,
    name: str,
    operation: str,
    body: dict[str, Any],
    valid: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(outside / "body.json", body)
    checked = main(["check-payload", name, operation, path])
    report = capsys.readouterr().out
    answer = provider(name).operation(operation).response_examples[0].value
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route(method="POST").respond(json=answer)
        ran = main(["run", name, operation, "--body", path])
    err = capsys.readouterr().err
    assert (checked, ran, route.called) == ((0, 0, True) if valid else (1, 2, False))
    if route.called:
        assert json.loads(route.calls.last.request.content) == body  # multi_shot included
    # The same findings, word for word, from the same code path; none, and run says nothing
    # but where it records the task.
    lines = report.splitlines()
    if len(lines) > 1:
        assert err.splitlines()[: len(lines)] == lines
    else:
        ledger = os.environ["GATEWAYGEN_TASK_LEDGER"]
        assert lines[0].startswith(f"{path}: valid as the request body")
        assert err == f"recording the task in the task ledger {ledger} (`gatewaygen tasks list`)\n"


def test_a_bad_url_in_a_first_frame_item_is_reported_as_the_client_reports_it(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = {"contents": [{"type": "first_frame", "url": "not a url"}]}
    path = write(outside / "bad.json", body)
    assert main(["check-payload", "ezlink", "create_image_to_video", path]) == 1
    assert capsys.readouterr().out.splitlines()[1:3] == [
        "  error [format: uri] contents[0].url (/contents/0/url)",
        "      'not a url' is not an absolute URI: it needs a scheme, such as https://",
    ]
    ezlink = package("ezlink")
    with pytest.raises(ezlink.ValidationError) as raised:
        ezlink.Client(api_key="sk-safe").create_image_to_video(**body)
    assert "contents[0].url: 'not a url' is not an absolute URI" in str(raised.value)


def test_an_item_type_no_branch_has_is_named_with_the_choices(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(outside / "bad.json", {"contents": [{"type": "video", "url": "x"}]})
    assert main(["check-payload", "ezlink", "create_image_to_video", path]) == 1
    assert capsys.readouterr().out.splitlines()[1:3] == [
        "  error [const] contents[0].type (/contents/0/type)",
        "      'video' is not one of 'first_frame', 'prompt'",
    ]


# -- generate touches only what it made ----------------------------------------------------------


def test_generate_leaves_what_it_did_not_make_and_names_it(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = outside / "proj"
    (project / "specs").mkdir(parents=True)
    shutil.copy(ACME, project / "specs" / "acme.yaml")
    shutil.copy(ACME, project / "specs" / "gone.yaml")
    generated = project / "generated"
    (generated / "mine").mkdir(parents=True)
    (generated / "mine" / "notes.py").write_text("# mine\n")
    (generated / "README.txt").write_text("mine too\n")
    assert main(["generate", "--specs-dir", str(project / "specs")]) == 0
    (project / "specs" / "gone.yaml").unlink()
    capsys.readouterr()
    assert main(["generate", "--specs-dir", str(project / "specs")]) == 0
    assert sorted(p.name for p in generated.iterdir()) == ["README.txt", "acme", "mine"]
    assert (generated / "mine" / "notes.py").read_text() == "# mine\n"
    assert capsys.readouterr().err == (
        f"warning: left alone in {generated}/, since gatewaygen did not make them (no "
        "manifest): README.txt, mine/\n"
    )


def test_an_unwritable_generate_destination_exits_2_and_writes_nothing(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (outside / "afile").write_text("x")
    assert main(["generate", str(ACME), "--output", str(outside / "afile" / "out")]) == 2
    assert capsys.readouterr().err == (
        f"gatewaygen: --output {outside}/afile/out cannot be created: {outside}/afile is a "
        "file, not a folder. Nothing was written.\n"
    )
    assert sorted(p.name for p in outside.iterdir()) == ["afile"]


# -- vendor -------------------------------------------------------------------------------------


@pytest.fixture
def generated(outside: Path) -> Path:
    out = outside / "clients"
    assert main(["generate", "evolink", "--output", str(out)]) == 0
    return out


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "class",
            "'class' is a Python keyword, so `import class` cannot work: choose another name "
            "(such as class_client)",
        ),
        (
            "my-api",
            "'my-api' is not an importable package name: use letters, digits and _, not "
            "starting with a digit (such as my_api)",
        ),
        (
            "2d video",
            "'2d video' is not an importable package name: use letters, digits and _, not "
            "starting with a digit (such as client_2d_video)",
        ),
        (
            "über.api",
            "'über.api' is not an importable package name: use letters, digits and _, not "
            "starting with a digit (such as über_api)",
        ),
        (
            "class!",
            "'class!' is not an importable package name: use letters, digits and _, not "
            "starting with a digit (such as class_client)",
        ),
        (
            "...",
            "'...' is not an importable package name: use letters, digits and _, not "
            "starting with a digit (such as client)",
        ),
    ],
)
def test_vendor_refuses_a_name_that_cannot_be_imported(
    outside: Path, generated: Path, name: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    arguments = ["vendor", "evolink", "app", "--package-name", name, "--generated", str(generated)]
    assert main(arguments) == 2
    assert capsys.readouterr().err == f"gatewaygen: {message}\n"
    assert not (outside / "app").exists()


def test_vendor_warns_before_replacing_a_newer_copy(
    outside: Path, generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vendoring = ["vendor", "evolink", "app", "--generated", str(generated)]
    assert main(vendoring) == 0
    manifest_path = outside / "app" / "evolink_client" / "_manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["version"] = "9.0.0"
    manifest_path.write_text(json.dumps(manifest))
    capsys.readouterr()
    assert main(vendoring) == 2
    assert capsys.readouterr().err == (
        f"gatewaygen: app/evolink_client holds evolink-client 9.0.0, newer than the 1.0.0 being "
        f"vendored from {generated}/evolink: regenerate from a newer spec, or pass --force to "
        "replace it with the older version\n"
    )
    assert json.loads(manifest_path.read_text())["version"] == "9.0.0"
    assert main([*vendoring, "--force"]) == 0
    assert json.loads(manifest_path.read_text())["version"] == "1.0.0"


def test_discard_edits_lists_every_file_it_replaces_or_deletes(
    outside: Path, generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vendoring = ["vendor", "evolink", "app", "--generated", str(generated)]
    assert main(vendoring) == 0
    copy = outside / "app" / "evolink_client"
    (copy / "mine.py").write_text("# added by hand\n")
    (copy / "models.py").write_text((copy / "models.py").read_text() + "# edited\n")
    capsys.readouterr()
    assert main(vendoring) == 2
    assert main([*vendoring, "--discard-edits"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "discarded the hand edits of the earlier copy (2):",
        "  edited by hand:  models.py",
        "  added by hand:   mine.py",
    ]
    assert not (copy / "mine.py").exists()


def test_an_unwritable_vendor_destination_exits_2(
    outside: Path, generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (outside / "afile").write_text("x")
    capsys.readouterr()
    assert main(["vendor", "evolink", "afile/app", "--generated", str(generated)]) == 2
    assert capsys.readouterr().err == (
        "gatewaygen: DEST afile/app cannot be created: afile is a file, not a folder\n"
    )


@pytest.mark.parametrize(
    ("option", "value"),
    [("--max-wait", "-5"), ("--max-wait", "nan"), ("--timeout", "0"), ("--poll-interval", "0")],
)
def test_waiting_options_are_checked_before_anything_is_sent(
    outside: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    body = write(outside / "body.json", EVOLINK_BODY)
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route()
        assert run_evolink(body, "--wait", option, value) == 2
    assert not route.called
    shown = f"{float(value):g}"
    assert capsys.readouterr().err == (
        f"gatewaygen run: {option} must be a number of seconds above 0, got {shown}\n"
    )


def test_a_folder_without_write_permission_is_refused_everywhere(
    outside: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """(Tests run as root on some machines, where chmod stops nothing: the permission is
    denied through os.access, which is what the commands consult.)"""
    locked = outside / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != locked and real_access(p, mode))
    assert main(["generate", str(ACME), "--output", str(locked / "out")]) == 2
    assert capsys.readouterr().err == (
        f"gatewaygen: --output {locked}/out is not writable ({locked} does not allow it): "
        "choose another folder or change its permissions. Nothing was written.\n"
    )
    body = write(outside / "body.json", EVOLINK_BODY)
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route()
        assert run_evolink(body, "--output", str(locked / "v.mp4")) == 2
    assert not route.called
    assert capsys.readouterr().err == (
        f"gatewaygen run: --output {locked}/v.mp4: its folder {locked} is not writable "
        f"({locked} does not allow it): choose another folder or change its permissions. "
        "Nothing was sent.\n"
    )
    assert list(locked.iterdir()) == []


def test_a_folder_the_system_refuses_is_refused_though_its_mode_allows_it(
    outside: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root is told yes by os.access where the system still refuses to create a file (/proc, a
    network share that maps root to nobody): the commands try, before any work or payment."""
    refusing = outside / "refusing"
    refusing.mkdir()
    real_open = os.open

    def system_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if refusing in (Path(path), Path(path).parent):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", system_open)
    assert os.access(refusing, os.W_OK | os.X_OK)
    body = write(outside / "body.json", EVOLINK_BODY)
    with respx.mock(assert_all_called=False) as gateway:
        route = gateway.route()
        assert run_evolink(body, "--output", str(refusing / "v.mp4")) == 2
    assert not route.called
    assert capsys.readouterr().err == (
        f"gatewaygen run: --output {refusing}/v.mp4: its folder {refusing} is not writable "
        f"({refusing} does not allow it): choose another folder or change its permissions. "
        "Nothing was sent.\n"
    )
    assert main(["generate", str(ACME), "--output", str(refusing / "out")]) == 2
    assert capsys.readouterr().err == (
        f"gatewaygen: --output {refusing}/out is not writable ({refusing} does not allow it): "
        "choose another folder or change its permissions. Nothing was written.\n"
    )
    monkeypatch.setattr(os, "open", real_open)
    assert list(refusing.iterdir()) == []


def press_ctrl_c(request: object) -> None:
    raise KeyboardInterrupt


def test_an_interrupted_wait_says_which_command_resumes_it(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = write(outside / "body.json", EVOLINK_BODY)
    with respx.mock(assert_all_called=False) as gateway:  # an interrupted call is not recorded
        gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        gateway.get(f"{EVOLINK}/v1/tasks/task-safe-1").mock(side_effect=press_ctrl_c)
        assert run_evolink(body, "--output", "v.mp4") == 130
    captured = capsys.readouterr()
    assert captured.out == "task task-safe-1 created (evolink create_video_generation)\n"
    assert captured.err.splitlines()[-1] == (
        "Stopped waiting. The task id is task-safe-1; resume with `gatewaygen tasks resume "
        "task-safe-1 --provider evolink --output v.mp4`."
    )
    assert "wait_for_task" not in captured.err


def test_a_refused_download_keeps_the_task_and_speaks_in_commands(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = {**TASK, "status": "completed", "progress": 100, "results": ["https://cdn.test/v.mp4"]}
    body = write(outside / "body.json", EVOLINK_BODY)
    with respx.mock(assert_all_called=True) as gateway:
        gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        gateway.get(f"{EVOLINK}/v1/tasks/task-safe-1").respond(json=done)
        gateway.get("https://cdn.test/v.mp4").respond(404)
        assert run_evolink(body, "--output", "v.mp4") == 1
    err = capsys.readouterr().err
    assert err.rstrip("\n").endswith(
        "resume with `gatewaygen tasks resume task-safe-1 --provider evolink --output v.mp4`."
    )
    assert "download()" not in err and not (outside / "v.mp4").exists()


def test_the_resume_command_run_advises_works_as_given_over_an_existing_file(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`run --output v.mp4 --force` whose download fails leaves the earlier v.mp4; the command it
    advises carries --force, since resume too keeps an existing file unless forced."""
    (outside / "v.mp4").write_bytes(b"an earlier video")
    done = {**TASK, "status": "completed", "progress": 100, "results": ["https://cdn.test/v.mp4"]}
    body = write(outside / "body.json", EVOLINK_BODY)
    with respx.mock(assert_all_called=True) as gateway:
        gateway.post(f"{EVOLINK}/v1/videos/generations").respond(json=TASK)
        gateway.get(f"{EVOLINK}/v1/tasks/task-safe-1").respond(json=done)
        gateway.get("https://cdn.test/v.mp4").respond(404)
        assert run_evolink(body, "--output", "v.mp4", "--force") == 1
    advice = capsys.readouterr().err.rstrip("\n").rsplit("`", 2)[1]
    assert advice == "gatewaygen tasks resume task-safe-1 --provider evolink --output v.mp4 --force"
    video = b"\x00\x00\x00\x18ftypisom" + bytes(100)
    with respx.mock(assert_all_called=True) as gateway:
        gateway.get(f"{EVOLINK}/v1/tasks/task-safe-1").respond(json=done)
        gateway.get("https://cdn.test/v.mp4").respond(content=video)
        assert main(advice.split()[1:]) == 0
    assert (outside / "v.mp4").read_bytes() == video


def test_run_sends_uniall_documented_extra_body_and_undocumented_fields_as_written(
    outside: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """UniAll documents a body field named `extra_body`: it goes out as that field, and a field
    the spec does not list (but allows) goes out beside it, byte for byte as the file has them."""
    monkeypatch.setenv("UNIALL_API_KEY", "sk-safe")
    example = json.loads((ROOT / "examples" / "uniall-create-video-generation.json").read_text())
    body = {**example, "seed": 7}
    path = write(outside / "body.json", body)
    with respx.mock(assert_all_called=True) as gateway:
        create = gateway.post("https://uniall.test/v1/video/generations").respond(
            json={"id": "u-1", "status": "queued"}
        )
        arguments = ["--body", path, "--base-url", "https://uniall.test", "--no-ledger"]
        assert main(["run", "uniall", "create_video_generation", *arguments]) == 0
    sent = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    assert create.calls.last.request.content == sent
    assert capsys.readouterr().out == "task u-1 created (uniall create_video_generation)\n"
