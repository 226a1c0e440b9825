"""The command line works from any folder: provider names resolve from the project (the nearest
folder upwards with specs/) and from the specs installed with gatewaygen, every command that
takes a spec takes a name, and a wrong name gets a suggestion. Each test runs from a folder
outside the repository."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import venv
from pathlib import Path

import pytest
import respx

from generator.cli import main
from generator.mock.server import running
from tests.spec_cases import ROOT

ACME = ROOT / "tests" / "fixtures" / "specs" / "acme.yaml"
EXAMPLE = ROOT / "examples" / "evolink-create-video-generation.json"
KNOWN = "evolink, ezlink, openroute, uniall"


@pytest.fixture
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with no specs/ in it or above it, as the current folder."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of its own (specs/acme.yaml), entered two folders below its root."""
    root = tmp_path / "proj"
    (root / "specs").mkdir(parents=True)
    shutil.copy(ACME, root / "specs" / "acme.yaml")
    (root / "src" / "deep").mkdir(parents=True)
    monkeypatch.chdir(root / "src" / "deep")
    return root


def test_providers_lists_the_project_and_the_installed_specs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["providers", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    origins = {entry["provider"]: (entry["from"], entry["spec"]) for entry in listed}
    assert origins == {
        "acme": ("project", str(project / "specs" / "acme.yaml")),
        **{name: ("installed", str(ROOT / "specs" / f"{name}.yaml")) for name in KNOWN.split(", ")},
    }
    evolink = next(entry for entry in listed if entry["provider"] == "evolink")
    assert evolink["package"] == "evolink_client"
    assert evolink["operations"] == [
        {
            "method": "create_video_generation",
            "operationId": "createVideoGeneration",
            "request": "POST /v1/videos/generations",
            "creates_task": True,
        },
        {
            "method": "get_task",
            "operationId": "getTask",
            "request": "GET /v1/tasks/{task_id}",
            "creates_task": False,
        },
    ]


def test_providers_text_names_each_operation(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["providers"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        f"evolink  (installed with gatewaygen: {ROOT / 'specs' / 'evolink.yaml'})",
        "  create_video_generation  POST /v1/videos/generations  creates a paid task",
        "  get_task                 GET /v1/tasks/{task_id}",
    ]
    assert len([line for line in lines if not line.startswith(" ")]) == 4


def test_a_misspelt_name_gets_a_suggestion_in_every_command(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = (
        "no provider 'evolnk' among the specs installed with gatewaygen (no specs/ folder here "
        f"or above) (did you mean 'evolink'?); known: {KNOWN}. `gatewaygen providers` lists "
        "them, or give a spec file's path."
    )
    commands = [
        ["validate", "evolnk"],
        ["generate", "evolnk"],
        ["check", "evolnk"],
        ["check-payload", "evolnk", "create_video_generation", str(EXAMPLE)],
        ["mock", "evolnk"],
        ["run", "evolnk", "create_video_generation", "--body", str(EXAMPLE)],
        ["diff", "evolnk", "evolink"],
        ["vendor", "evolnk", "app"],
    ]
    for command in commands:
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert err.rstrip("\n").endswith(expected), (command, err)


def test_names_resolve_from_a_subfolder_of_the_project(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`acme` comes from the project; `evolink` from gatewaygen's own specs."""
    # (acme, a generator fixture, records no provenance: validate reports errors for it.)
    assert main(["validate", "acme", "evolink", "--format", "json"]) == 1
    files = [report["file"] for report in json.loads(capsys.readouterr().out)["specs"]]
    assert files == [str(project / "specs" / "acme.yaml"), str(ROOT / "specs" / "evolink.yaml")]
    # With no names, generate and check work on the project's specs and its generated/.
    assert main(["generate"]) == 0
    assert (project / "generated" / "acme" / "acme_client" / "_manifest.json").is_file()
    assert sorted(p.name for p in (project / "generated").iterdir()) == ["acme"]
    capsys.readouterr()
    assert main(["check"]) == 0
    assert capsys.readouterr().out == f"{project / 'generated'}/ is up to date with 1 spec.\n"


def test_every_spec_command_takes_a_provider_name_outside_any_project(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("evolink", "Evolink"):
        assert main(["validate", name]) == 0
        assert capsys.readouterr().out.startswith(f"{ROOT / 'specs' / 'evolink.yaml'}: valid, ")
    assert main(["check-payload", "evolink", "create_video_generation", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.startswith(f"{EXAMPLE}: valid as the request body of evolink")
    assert main(["generate", "uniall", "--output", "clients"]) == 0
    assert (outside / "clients" / "uniall" / "uniall_client" / "_manifest.json").is_file()
    assert main(["check", "uniall", "--output", "clients"]) == 0
    assert capsys.readouterr().out.endswith("clients/ is up to date with 1 spec.\n")
    copy = outside / "app" / "uniall_api"
    vendoring = ["vendor", "uniall", "app", "--package-name", "uniall_api"]
    assert main([*vendoring, "--generated", "clients"]) == 0
    assert (copy / "_manifest.json").is_file()
    assert main(["check", "--vendored", str(copy)]) == 0
    assert capsys.readouterr().out.endswith(f"up to date with {ROOT / 'specs' / 'uniall.yaml'}.\n")
    spec = ROOT / "specs" / "evolink.yaml"
    assert main(["diff", str(spec), "evolink"]) == 0
    assert capsys.readouterr().out == f"{spec} -> {spec}\nNo changes.\n"
    with running("evolink", task_seconds=1) as url:
        assert url.startswith("http://127.0.0.1:")


def test_generate_with_no_names_outside_a_project_says_what_to_type(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        f"gatewaygen: no project here: neither {outside} nor a folder above it has a specs/ "
        "folder. Name the providers to use (such as `gatewaygen generate evolink --output "
        "clients`; `gatewaygen providers` lists them), or run it inside a project.\n"
    )
    assert list(outside.iterdir()) == []


def test_a_spec_path_that_does_not_exist_is_named(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "old/evolink.yaml"]) == 2
    assert capsys.readouterr().err == (
        "gatewaygen: no spec file old/evolink.yaml: check the path, or name a provider (or "
        "just `evolink`, a known provider) (`gatewaygen providers` lists them)\n"
    )
    assert main(["validate", "old/acme.yaml"]) == 2
    assert capsys.readouterr().err == (
        "gatewaygen: no spec file old/acme.yaml: check the path, or name a provider "
        "(`gatewaygen providers` lists them)\n"
    )


@pytest.mark.slow
def test_a_built_wheel_carries_the_specs_and_works_from_any_folder(tmp_path: Path) -> None:
    """`pip install` of the wheel alone (no checkout in sight): names resolve from the specs
    packaged inside it."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("gatewaygen-*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = str(env / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    # Its dependencies come from this test environment (no network); the checkout does not.
    site = subprocess.run(
        [
            str(env / "bin" / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(EXAMPLE, work / "body.json")

    def gatewaygen(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(env / "bin" / "gatewaygen"), *arguments],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )

    listed = gatewaygen("providers", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    specs = {entry["provider"]: entry["spec"] for entry in json.loads(listed.stdout)}
    packaged = Path(site) / "generator" / "specs"
    assert specs == {name: str(packaged / f"{name}.yaml") for name in KNOWN.split(", ")}
    checked = gatewaygen("check-payload", "evolink", "create_video_generation", "body.json")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("body.json: valid as the request body of evolink")
    typo = gatewaygen("validate", "ezlnk")
    assert typo.returncode == 2 and "(did you mean 'ezlink'?)" in typo.stderr
    assert "Traceback" not in typo.stderr


def test_run_without_a_generated_package_generates_one_for_the_run(
    outside: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """acme has no generated/ folder and no installed package: run builds its client in a
    temporary folder, sends the body (the field `class` included) and cleans up."""
    spec = outside / "acme.yaml"
    shutil.copy(ACME, spec)
    body = outside / "job.json"
    body.write_text('{"prompt": "a cat", "class": "cinematic"}')
    scratch = outside / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    try:
        with respx.mock(assert_all_called=True) as gateway:
            create = gateway.post("https://acme.test/v2/jobs").respond(
                201, json={"job": {"id": "j-1", "state": "new"}}
            )
            arguments = ["--body", str(body), "--base-url", "https://acme.test", "--api-key", "k"]
            assert main(["run", str(spec), "submit_job", *arguments]) == 0
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] == "acme_client"]:
            del sys.modules[name]
    assert json.loads(create.calls.last.request.content) == {
        "prompt": "a cat",
        "class": "cinematic",
    }
    assert json.loads(capsys.readouterr().out) == {"job": {"id": "j-1", "state": "new"}}
    assert list(scratch.iterdir()) == []
