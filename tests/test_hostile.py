"""The hostile specs of tests/fixtures/hostile/: each one's exact outcome, in bounded time,
with no code run (every payload would create a file named PWNED) and no debris left."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.emit import render
from generator.load.document import ref_cycles
from generator.load.spec_yaml import Limits, load_yaml
from generator.pipeline import generate
from generator.problems import SpecError
from generator.write.proof import prove_packages
from generator.write.writer import remove_leftovers
from tests.hostile import SECONDS, output_lines, run_gatewaygen
from tests.spec_cases import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
ACME = Path(__file__).parent / "fixtures" / "specs" / "acme.yaml"

#: Each fixture's exit status, its output (timings as "N s") and, for a package that was
#: written, the first line of its docstring (the spec's title, kept as text).
OUTCOMES: dict[str, dict[str, Any]] = json.loads(
    (FIXTURES / "outcomes.json").read_text(encoding="utf-8")
)

BASE_URLS = {
    "server_url_quotes": (
        'https://a.test/"""+str(__import__(\'pathlib\').Path(\'PWNED\').touch())+"""'
    ),
    "server_url_new_line": "https://a.test/\n__import__('pathlib').Path('PWNED').touch()",
}

READ_BACK = (
    "import sys, {0} as p\n"
    "from {0} import _client, models\n"
    "print(repr(p.__doc__.splitlines()[0]))\n"
    "print(repr(_client.PROVIDER.default_base_url))\n"
)


def test_there_are_at_least_thirty_and_each_has_its_outcome() -> None:
    names = sorted(path.stem for path in FIXTURES.glob("*.yaml"))
    assert names == sorted(OUTCOMES)
    assert len(names) >= 30


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_hostile_spec(tmp_path: Path, name: str) -> None:
    code, expected = OUTCOMES[name]["exit"], OUTCOMES[name]["output"]
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / f"{name}.yaml").write_bytes((FIXTURES / f"{name}.yaml").read_bytes())
    done = run_gatewaygen(tmp_path, "generate", f"specs/{name}.yaml", "--output", "out")
    assert (done.returncode, output_lines(done)) == (code, expected)
    if code == 0:
        env = {**os.environ, "PYTHONPATH": str(tmp_path / "out" / name)}
        read = subprocess.run(
            [sys.executable, "-c", READ_BACK.format(f"{name}_client")],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=SECONDS,
            env=env,
            check=False,
        )
        assert read.stderr == ""
        doc, base_url = (eval(line) for line in read.stdout.splitlines())  # our own reprs
        assert doc == OUTCOMES[name]["docstring"]
        assert base_url == BASE_URLS.get(name, "https://hostile.test")
    # Nothing ran (no PWNED), no staging folder, no cache: only what the run was asked for.
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["out", "specs"] if code == 0 else ["specs"]
    )


def test_a_huge_document_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    source = ACME.read_bytes() + b"# " + b"x" * 5_000_000 + b"\n"
    (tmp_path / "specs" / "huge.yaml").write_bytes(source)
    started = time.monotonic()
    done = run_gatewaygen(tmp_path, "generate", "specs/huge.yaml", "--output", "out")
    assert time.monotonic() - started < SECONDS
    assert (done.returncode, output_lines(done)) == (
        2,
        [
            "gatewaygen: 1 problem in the specs; nothing was written.",
            f"specs/huge.yaml: /: the file is {len(source):,} bytes; a spec may have at most "
            "5,000,000",
            "    fix: keep only the API in the spec (no embedded data or pages)",
        ],
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["specs"]


def test_alias_bomb_is_refused_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(SpecError) as refused:
        load_yaml((FIXTURES / "alias_bomb.yaml").read_bytes(), "bomb.yaml")
    assert time.monotonic() - started < 2
    assert str(refused.value) == (
        "bomb.yaml:16: /x-bomb/f/1: the document expands to more than 200,000 values through "
        "its aliases (an alias bomb)\n    fix: remove the aliases that repeat large parts, or "
        "split the spec"
    )


def test_limits_are_the_loaders_own() -> None:
    tight = Limits(max_bytes=100, max_depth=2, max_aliases=1, max_nodes=5)
    with pytest.raises(SpecError) as deep:
        load_yaml(b"a: {b: {c: 1}}", "x.yaml", tight)
    assert [(p.line, p.pointer, p.message) for p in deep.value.problems] == [
        (1, "/a/b", "the document nests deeper than 2 levels")
    ]
    with pytest.raises(SpecError) as many:
        load_yaml(b"a: &x 1\nb: *x\nc: *x\n", "x.yaml", tight)
    assert [(p.line, p.pointer, p.message) for p in many.value.problems] == [
        (3, "/c", "more than 1 aliases (*name)")
    ]
    assert load_yaml(b"a: [1, 2.5, true, null, '2024-01-01', 2024-01-01]", "x.yaml") == {
        "a": [1, 2.5, True, None, "2024-01-01", "2024-01-01"]
    }


def test_ref_cycles_are_found_without_following_them() -> None:
    document = {
        "components": {
            "schemas": {
                "Task": {"$ref": "#/components/schemas/Task"},
                "Tree": {"properties": {"kids": {"items": {"$ref": "#/components/schemas/Tree"}}}},
                "A": {"$ref": "#/components/schemas/B"},
                "B": {"allOf": [{"$ref": "#/components/schemas/A"}]},
                "Leaf": {"type": "string"},
                "UsesLeaf": {"$ref": "#/components/schemas/Leaf"},
            }
        }
    }
    assert ref_cycles(document) == [
        (
            "/components/schemas/B/allOf/0/$ref",
            ["#/components/schemas/A", "#/components/schemas/B", "#/components/schemas/A"],
        ),
        ("/components/schemas/Task/$ref", ["#/components/schemas/Task"] * 2),
        (
            "/components/schemas/Tree/properties/kids/items/$ref",
            ["#/components/schemas/Tree"] * 2,
        ),
    ]


def test_a_package_that_does_not_import_is_refused(tmp_path: Path) -> None:
    package = tmp_path / "acme" / "acme_client"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("import json\nraise RuntimeError('boom')\n")
    with pytest.raises(SpecError) as refused:
        prove_packages(tmp_path, {"acme": ("acme_client", "specs/acme.yaml")})
    assert str(refused.value) == (
        "specs/acme.yaml: /: the generated package does not import (acme_client/__init__.py, "
        "line 2): RuntimeError: boom\n    fix: a name or value in the spec collides with the "
        "client's own; rename it in the spec (or report the spec if nothing in it explains the "
        "error)"
    )


@pytest.mark.parametrize(
    ("appended", "said"),
    [
        (
            b"\nraise RuntimeError('the models do not load')\n",
            [
                "gatewaygen: 1 problem in the specs; nothing was written.",
                r"specs/acme\.yaml: /: the generated package does not import "
                r"\(acme_client/models\.py, line \d+\): RuntimeError: the models do not load",
            ],
        ),
        (
            b"\nx = 1)\n",
            [
                "gatewaygen: ruff format failed on the generated code:",
                r"error: Failed to parse \S+/acme_client/models\.py:\d+:6: Expected a statement",
            ],
        ),
    ],
    ids=["does-not-import", "does-not-parse"],
)
def test_generate_replaces_nothing_when_the_new_package_fails_its_proof(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    appended: bytes,
    said: list[str],
) -> None:
    """The whole command: a package that does not import, or not even parse, stops `generate`
    with exit 2 and the cause; the package generated before is untouched, no staging folder
    stays."""
    (tmp_path / "specs").mkdir()
    spec = tmp_path / "specs" / "acme.yaml"
    spec.write_bytes(ACME.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "specs/acme.yaml", "--output", "out"]) == 0
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    spec.write_bytes(ACME.read_bytes() + b"# changed, so that the package is made again\n")
    finish_package = render.finish_package

    def broken(started: Any) -> dict[str, bytes]:
        files = finish_package(started)
        files["acme_client/models.py"] += appended
        return files

    monkeypatch.setattr(render, "finish_package", broken)
    capsys.readouterr()
    assert main(["generate", "specs/acme.yaml", "--output", "out"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == said[0] and re.fullmatch(said[1], lines[1]), lines
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "specs"]


def test_leftovers_of_a_killed_run_are_removed_and_a_moved_package_put_back(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    generate([ACME], out, whole_folder=False)
    before = sorted(p.read_bytes() for p in (out / "acme").rglob("*") if p.is_file())
    # A run killed between the two renames of its swap: the package is in its staging folder.
    dead = tmp_path / ".out-staging-999999999-abcd"
    dead.mkdir()
    os.replace(out / "acme", dead / "acme.old")
    (dead / "result").mkdir()
    legacy = tmp_path / ".out-staging-k2j3h4"  # from a version that did not name its process
    legacy.mkdir()
    alive = tmp_path / f".out-staging-{os.getpid()}-live"  # a run still going: left alone
    alive.mkdir()
    assert remove_leftovers(out) == [dead, legacy]
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name, "out"]
    assert sorted(p.read_bytes() for p in (out / "acme").rglob("*") if p.is_file()) == before


@pytest.mark.slow
def test_a_generate_killed_midway_leaves_nothing_after_the_next_run(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "acme.yaml").write_bytes(ACME.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "generate", "specs/acme.yaml", "--output", "out"]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + SECONDS
        while not list(tmp_path.glob(".out-staging-*")) and time.monotonic() < deadline:
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=SECONDS)
    assert process.returncode == -signal.SIGKILL
    assert len(list(tmp_path.glob(".out-staging-*"))) == 1  # what the kill left
    done = run_gatewaygen(tmp_path, "generate", "specs/acme.yaml", "--output", "out")
    assert done.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "specs"]
    assert run_gatewaygen(tmp_path, "check", "specs/acme.yaml", "--output", "out").returncode == 0
