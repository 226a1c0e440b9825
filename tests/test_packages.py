"""The committed packages as a user gets them: lint-clean, strictly typed, installable."""

from __future__ import annotations

import ast
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.spec_cases import ROOT, package, providers

# The generated code is checked with fixed settings, not the project's ruff configuration:
# users vendor it into projects of their own.
RUFF = ["--isolated", "--target-version", "py310", "--line-length", "100"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)


def test_ruff_passes_on_the_generated_packages() -> None:
    done = run(sys.executable, "-m", "ruff", "check", *RUFF, "generated")
    assert done.returncode == 0, done.stdout + done.stderr
    done = run(sys.executable, "-m", "ruff", "format", "--check", *RUFF, "generated")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_passes_on_the_generator_tests_and_benchmarks() -> None:
    ours = ("generator", "tests", "benchmarks", "noxfile.py")
    done = run(sys.executable, "-m", "ruff", "check", *ours)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run(sys.executable, "-m", "ruff", "format", "--check", *ours)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_passes_on_the_packages_the_generator_and_benchmarks() -> None:
    folders = [str(ROOT / "generated" / name / f"{name}_client") for name in providers()]
    done = run(
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        "--python-version",
        "3.10",
        "generator",
        "benchmarks",
        *folders,
    )
    assert done.returncode == 0, done.stdout + done.stderr


CONTRACT = {
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_WAIT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "CallbackError",
    "CallbackMismatchError",
    "Client",
    "ConfigurationError",
    "ConflictError",
    "DownloadProgress",
    "GatewayError",
    "InternalServerError",
    "LedgerEntry",
    "LedgerError",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "SubmissionUncertainError",
    "TaskCallback",
    "TaskDownloadError",
    "TaskError",
    "TaskFailedError",
    "TaskLedger",
    "TaskProgress",
    "TaskResult",
    "TaskTimeoutError",
    "TaskWaitError",
    "UnprocessableEntityError",
    "ValidationError",
    "__version__",
    "models",
}


@pytest.mark.parametrize("name", providers())
def test_package_exports_its_contract(name: str) -> None:
    pkg = package(name)
    assert set(pkg.__all__) == CONTRACT
    assert len(pkg.__all__) == len(CONTRACT)
    for exported in pkg.__all__:
        assert hasattr(pkg, exported), exported
    assert (ROOT / "generated" / name / f"{name}_client" / "py.typed").exists()


@pytest.mark.parametrize("name", providers())
def test_imports_inside_a_package_are_relative(name: str) -> None:
    """The folder can be copied into another project under another name."""
    for path in (ROOT / "generated" / name / f"{name}_client").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                assert node.module and node.module.split(".")[0] in ALLOWED, (path, node.module)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] in ALLOWED, (path, alias.name)


ALLOWED = set(sys.stdlib_module_names) | {"httpx", "pydantic", "typing_extensions"}


def test_built_wheels_install_and_import_in_a_fresh_environment(tmp_path: Path) -> None:
    """Each package builds a wheel that installs into a new environment and imports there."""
    wheels = tmp_path / "wheels"
    folders = [str(ROOT / "generated" / name) for name in providers()]
    done = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--wheel-dir",
        str(wheels),
        *folders,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(list(wheels.glob("*.whl"))) == len(folders)

    env = tmp_path / "venv"
    venv.create(env, with_pip=False)
    python = env / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    done = run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        str(python),
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        *map(str, wheels.glob("*.whl")),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # httpx and pydantic come from this environment (tests do not download anything); the
    # packages themselves come only from the wheels.
    site = run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site.stdout.strip(), "deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    imports = "; ".join(
        f"import {n}_client as m; assert m.__file__.startswith({str(env)!r}), m.__file__; m.Client"
        for n in providers()
    )
    done = run(str(python), "-c", imports, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
