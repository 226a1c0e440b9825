"""A generated package builds into a wheel that installs into a fresh virtual environment and
imports from there, with its manifest and spec copy inside (what `nox -s build` ships)."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.spec_cases import ROOT

PROVIDER = "evolink"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT / "generated" / PROVIDER,
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_holds_the_package_with_its_manifest_and_spec(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    package = f"{PROVIDER}_client"
    for name in (
        "__init__.py",
        "_client.py",
        "models.py",
        "py.typed",
        "_manifest.json",
        "openapi.yaml",
        "_version.py",
        "_runtime/_base.py",
    ):
        assert f"{package}/{name}" in names
    assert not any("__pycache__" in name for name in names)


def test_the_wheel_installs_into_a_fresh_venv_and_imports(wheel: Path, tmp_path: Path) -> None:
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-index", "--no-deps", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The wheel's dependencies (httpx, pydantic) come from this test environment: no network.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    probe = (
        "import importlib.metadata as m, evolink_client as p\n"
        "client = p.Client(api_key='sk-x')\n"
        "print(p.__file__); print(p.__version__); print(m.version('evolink-client'))\n"
        "print(type(p.models.VideoGenerationTask).__name__)\n"
    )
    done = subprocess.run(
        [str(python), "-c", probe], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    where, version, installed, kind = done.stdout.split()
    assert Path(where).is_relative_to(env), "imported from the venv, not from generated/"
    assert version == installed
    assert kind == "ModelMetaclass"
