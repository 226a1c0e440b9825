"""Make the committed packages in generated/ importable without installing them, make retry
pauses instant (and recorded) in every test, keep `gatewaygen run`'s task ledger in a temporary
folder, and turn any skip into a failure."""

from __future__ import annotations

import asyncio
import importlib
import sys
import time
from collections.abc import Generator, Iterator

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
        clients = importlib.import_module(f"{name}_client._runtime._clients")
        monkeypatch.setattr(clients.SyncAPIClient, "_sleep", staticmethod(sleep))
        monkeypatch.setattr(clients.AsyncAPIClient, "_sleep", staticmethod(async_sleep))
        monkeypatch.setattr(base._BaseClient, "_clock", staticmethod(clock))
    yield recorded


def _no_skip(report: pytest.TestReport | pytest.CollectReport, where: str) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"{where} was skipped, and this suite allows no skips: {reason}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A skipped test is a proof that did not run: it fails, with the skip's reason, so that a
    green run means every test ran (`-m "not slow"` deselects instead, which is not a skip)."""
    report = yield
    _no_skip(report, item.nodeid)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """The same for a whole module skipped while it is collected (`pytest.importorskip`)."""
    report = yield
    _no_skip(report, collector.nodeid)
    return report
