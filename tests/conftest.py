"""Make the committed packages in generated/ importable without installing them, and make
retry pauses instant (and recorded) in every test."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator

import pytest

from tests.spec_cases import ROOT, providers

for _name in providers():
    _folder = str(ROOT / "generated" / _name)
    if _folder not in sys.path:
        sys.path.insert(0, _folder)


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """No test waits for a retry: every client's pause is recorded here instead of slept."""
    recorded: list[float] = []

    def sleep(seconds: float) -> None:
        recorded.append(seconds)

    async def async_sleep(seconds: float) -> None:
        recorded.append(seconds)

    for name in providers():
        base = importlib.import_module(f"{name}_client._runtime._base")
        monkeypatch.setattr(base.SyncAPIClient, "_sleep", staticmethod(sleep))
        monkeypatch.setattr(base.AsyncAPIClient, "_sleep", staticmethod(async_sleep))
    yield recorded
