"""Client construction: a generated `Client(api_key=..., base_url=...)` against `httpx.Client()`.

The generated client creates its own `httpx.Client` here (no `http_client` passed), so the
ratio shows what the configuration checks add on top of httpx's own set-up (mostly its TLS
context). Only construction is timed; every client is closed after its sample's clock stops.
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable
from typing import Any

import httpx
from bench_common import Row, Section, interleave

API_KEY = "sk-bench"
BASE_URL = "https://gateway.example.com"


def _sample(make: Callable[[], Any], repeat: int) -> float:
    made: list[Any] = []
    gc.collect()
    started = time.perf_counter()
    for _ in range(repeat):
        made.append(make())
    elapsed = time.perf_counter() - started
    for client in made:
        client.close()
    return elapsed / repeat


def run(provider: str, samples: int, repeat: int) -> Section:
    """`samples` interleaved samples of `repeat` constructions per side."""
    client_class = importlib.import_module(f"{provider}_client").Client

    def generated() -> Any:
        return client_class(api_key=API_KEY, base_url=BASE_URL)

    measures = [lambda: _sample(generated, repeat), lambda: _sample(httpx.Client, repeat)]
    interleave(measures, 1)  # warm-up
    measured = interleave(measures, samples)
    row = Row(f"{provider}_client.Client(api_key=..., base_url=...)", measured[0], measured[1])
    return Section(
        f"Client construction, {samples} interleaved samples of {repeat} constructions",
        "httpx.Client()",
        "ms",
        [row],
    )
