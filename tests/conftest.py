"""Make the committed packages in generated/ importable without installing them, make retry
pauses instant (and recorded) in every test, and keep `gatewaygen run`'s task ledger in a
temporary folder."""

from __future__ import annotations

import asyncio
import importlib
import sys
import time
from collections.abc import Iterator

import pytest

from tests.spec_cases import ROOT, providers

for _name in providers():
    _folder = str(ROOT / "generated" / _name)
    if _folder not in sys.path:
        sys.path.insert(0, _folder)


@pytest.fixture(autouse=True)
def task_ledger(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """`gatewaygen run` records tasks in a ledger by default: in tests, never the user's own."""
    folder = tmp_path_factory.mktemp("ledger")
    monkeypatch.setenv("GATEWAYGEN_TASK_LEDGER", str(folder / "tasks.sqlite3"))


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """No test waits: every client's pause is recorded here instead of slept, and the clients'
    clock (which task deadlines are measured on) moves on by the pause, as if it had passed."""
    recorded: list[float] = []

    def clock() -> float:
        return time.monotonic() + sum(recorded)

    def sleep(seconds: float) -> None:
        recorded.append(seconds)

    async def async_sleep(seconds: float) -> None:
        recorded.append(seconds)
        await asyncio.sleep(0)  # still a point where the awaiting task can be cancelled

    for name in providers():
        base = importlib.import_module(f"{name}_client._runtime._base")
        monkeypatch.setattr(base.SyncAPIClient, "_sleep", staticmethod(sleep))
        monkeypatch.setattr(base.AsyncAPIClient, "_sleep", staticmethod(async_sleep))
        monkeypatch.setattr(base._BaseClient, "_clock", staticmethod(clock))
    yield recorded
