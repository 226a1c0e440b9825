"""The independent OpenAPI tools the proof tests run: Prism and Redocly CLI from the npm
registry, installed into tools/node_modules by `nox -s tools` (the README's test command runs it).

A proof is skipped only where Node.js is absent; where Node.js is present but the tools are not
installed, the test fails and says how to install them, so a missing proof is never silent.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from tests.spec_cases import ROOT

TOOLS = ROOT / "tools"

# No update checks, telemetry or analytics from the npm tools: tests never reach the internet.
TOOL_ENV = {
    **os.environ,
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "SCARF_ANALYTICS": "false",
    "DO_NOT_TRACK": "1",
    "NO_UPDATE_NOTIFIER": "1",
    "NO_COLOR": "1",
}


def node_tool(name: str) -> Path:
    """The path of an installed tool's executable (`prism`, `redocly`), or skip/fail the test."""
    if shutil.which("node") is None:
        pytest.skip(
            f"Node.js is not installed on this machine, so the proof with {name} cannot run"
        )
    path = TOOLS / "node_modules" / ".bin" / name
    if not path.exists():
        pytest.fail(
            f"{name} is not installed in tools/node_modules: run `nox -s tools` (the README's "
            f"test command does) to install the pinned versions from tools/package-lock.json"
        )
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
