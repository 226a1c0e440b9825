"""Per-call overhead of generated client methods against the same request made with raw httpx.

Both sides use a reused client over an `httpx.MockTransport` whose handler answers the same
JSON bytes, so no network is involved: what is timed is the Python work around the request.

* generated: `client.<method>(...)`: argument validation against the spec's models, building
  the request, sending it, the status / envelope check and parsing into the response model.
* baseline: `http.post(url, json=..., headers=...)` (or `.get`), `raise_for_status()` and
  `Model.model_validate(response.json())` into the same pydantic class.

Before timing, each pair is checked to send the same request (method, URL, headers, body,
timeout) and to return equal models; a mismatch stops the benchmark.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import yaml
from bench_common import SPECS, Row, Section, interleave, timed_loop

import generator

API_KEY = "sk-bench"
BASE_URL = "https://gateway.example.com"
TARGET = 1.5

#: The answer to ezlink's create calls (a success envelope).
EZLINK_CREATED = {
    "code": 0,
    "message": "success",
    "request_id": "r",
    "data": {"id": "t1", "task_id": "t1", "status": "submitted"},
}


def _evolink_example(path: str, method: str, example: str) -> Any:
    """A documented 200 response example from specs/evolink.yaml."""
    spec = yaml.safe_load((SPECS / "evolink.yaml").read_text(encoding="utf-8"))
    content = spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]
    return content["examples"][example]["value"]


def _headers(provider: str) -> dict[str, str]:
    """The headers a careful raw-httpx user sends: the same ones as the generated client."""
    version = importlib.import_module(f"{provider}_client").__version__
    return {
        "Accept": "application/json",
        "User-Agent": f"{provider}-client/{version} gatewaygen/{generator.__version__}",
        "Authorization": f"Bearer {API_KEY}",
    }


class Answer:
    """The mock transport's handler: the same JSON bytes every time; keeps the last request."""

    def __init__(self, body: Any) -> None:
        self.content = json.dumps(body).encode("utf-8")
        self.last: httpx.Request | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.last = request
        return httpx.Response(
            200, content=self.content, headers={"Content-Type": "application/json"}
        )


def _signature(request: httpx.Request | None) -> tuple[Any, ...]:
    assert request is not None
    headers = sorted((name.lower(), value) for name, value in request.headers.raw)
    timeout = request.extensions.get("timeout")
    return (request.method, str(request.url), headers, request.content, timeout)


@dataclass
class Pair:
    """A generated call and its raw-httpx baseline, sync or async."""

    name: str
    answer: Answer
    subject: Callable[[], Any]
    baseline: Callable[[], Any]
    closers: list[Callable[[], Any]] = field(default_factory=list)


def _sync_clients(provider: str, answer: Answer) -> tuple[Any, httpx.Client, httpx.Client]:
    package = importlib.import_module(f"{provider}_client")
    transported = httpx.Client(transport=httpx.MockTransport(answer))
    client = package.Client(api_key=API_KEY, base_url=BASE_URL, http_client=transported)
    raw = httpx.Client(transport=httpx.MockTransport(answer))
    return client, transported, raw


def _async_clients(
    provider: str, answer: Answer
) -> tuple[Any, httpx.AsyncClient, httpx.AsyncClient]:
    package = importlib.import_module(f"{provider}_client")
    transported = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    client = package.AsyncClient(api_key=API_KEY, base_url=BASE_URL, http_client=transported)
    raw = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    return client, transported, raw


def evolink_create() -> Pair:
    answer = Answer(_evolink_example("/v1/videos/generations", "post", "created_task"))
    client, transported, raw = _sync_clients("evolink", answer)
    model = importlib.import_module("evolink_client.models").VideoGenerationTask
    headers = _headers("evolink")

    def subject() -> Any:
        return client.create_video_generation(
            model="kling-o3-image-to-video",
            prompt="a cat walks",
            image_start="https://example.com/a.jpg",
            duration=5,
            quality="720p",
        )

    def baseline() -> Any:
        response = raw.post(
            f"{BASE_URL}/v1/videos/generations",
            json={
                "model": "kling-o3-image-to-video",
                "prompt": "a cat walks",
                "image_start": "https://example.com/a.jpg",
                "duration": 5,
                "quality": "720p",
            },
            headers=headers,
        )
        response.raise_for_status()
        return model.model_validate(response.json())

    name = "evolink create_video_generation (POST)"
    return Pair(name, answer, subject, baseline, [transported.close, raw.close])


def ezlink_create() -> Pair:
    answer = Answer(EZLINK_CREATED)
    client, transported, raw = _sync_clients("ezlink", answer)
    model = importlib.import_module("ezlink_client.models").CreateTaskResponse
    headers = _headers("ezlink")

    def subject() -> Any:
        return client.create_text_to_video(prompt="a cat")

    def baseline() -> Any:
        response = raw.post(
            f"{BASE_URL}/kling/text-to-video/kling-3.0-turbo",
            json={"prompt": "a cat"},
            headers=headers,
        )
        response.raise_for_status()
        return model.model_validate(response.json())

    name = "ezlink create_text_to_video (POST)"
    return Pair(name, answer, subject, baseline, [transported.close, raw.close])


def evolink_get() -> Pair:
    answer = Answer(_evolink_example("/v1/tasks/{task_id}", "get", "completed_task"))
    client, transported, raw = _sync_clients("evolink", answer)
    model = importlib.import_module("evolink_client.models").TaskDetail
    headers = _headers("evolink")
    task_id = "task-1"

    def subject() -> Any:
        return client.get_task(task_id=task_id)

    def baseline() -> Any:
        response = raw.get(f"{BASE_URL}/v1/tasks/{task_id}", headers=headers)
        response.raise_for_status()
        return model.model_validate(response.json())

    name = "evolink get_task (GET)"
    return Pair(name, answer, subject, baseline, [transported.close, raw.close])


def evolink_get_async() -> Pair:
    answer = Answer(_evolink_example("/v1/tasks/{task_id}", "get", "completed_task"))
    client, transported, raw = _async_clients("evolink", answer)
    model = importlib.import_module("evolink_client.models").TaskDetail
    headers = _headers("evolink")
    task_id = "task-1"

    async def subject() -> Any:
        return await client.get_task(task_id=task_id)

    async def baseline() -> Any:
        response = await raw.get(f"{BASE_URL}/v1/tasks/{task_id}", headers=headers)
        response.raise_for_status()
        return model.model_validate(response.json())

    name = "evolink get_task (GET), AsyncClient"
    return Pair(name, answer, subject, baseline, [transported.aclose, raw.aclose])


def evolink_create_async() -> Pair:
    answer = Answer(_evolink_example("/v1/videos/generations", "post", "created_task"))
    client, transported, raw = _async_clients("evolink", answer)
    model = importlib.import_module("evolink_client.models").VideoGenerationTask
    headers = _headers("evolink")

    async def subject() -> Any:
        return await client.create_video_generation(
            model="kling-o3-image-to-video",
            prompt="a cat walks",
            image_start="https://example.com/a.jpg",
            duration=5,
            quality="720p",
        )

    async def baseline() -> Any:
        response = await raw.post(
            f"{BASE_URL}/v1/videos/generations",
            json={
                "model": "kling-o3-image-to-video",
                "prompt": "a cat walks",
                "image_start": "https://example.com/a.jpg",
                "duration": 5,
                "quality": "720p",
            },
            headers=headers,
        )
        response.raise_for_status()
        return model.model_validate(response.json())

    name = "evolink create_video_generation (POST), AsyncClient"
    return Pair(name, answer, subject, baseline, [transported.aclose, raw.aclose])


SYNC_PAIRS = [evolink_create, ezlink_create, evolink_get]
ASYNC_PAIRS = [evolink_get_async, evolink_create_async]


def _check_same(pair: Pair, call_once: Callable[[Callable[[], Any]], Any]) -> None:
    """One call of each side: the same request on the wire, and equal models back."""
    results: list[Any] = []
    sent: list[tuple[Any, ...]] = []
    for call in (pair.subject, pair.baseline):
        pair.answer.last = None
        results.append(call_once(call))
        sent.append(_signature(pair.answer.last))
    if sent[0] != sent[1]:
        raise RuntimeError(f"{pair.name}: the sides sent different requests:\n{sent[0]}\n{sent[1]}")
    subject, baseline = results
    if type(subject) is not type(baseline) or subject.model_dump() != baseline.model_dump():
        raise RuntimeError(f"{pair.name}: the two sides parsed different results")


async def _async_loop(call: Callable[[], Awaitable[Any]], repeat: int) -> float:
    gc.collect()
    started = time.perf_counter()
    for _ in range(repeat):
        await call()
    return (time.perf_counter() - started) / repeat


def _measure_sync(pair: Pair, samples: int, repeat: int) -> Row:
    _check_same(pair, lambda call: call())
    warm = max(repeat // 10, 1)
    interleave([lambda: timed_loop(pair.subject, warm), lambda: timed_loop(pair.baseline, warm)], 1)
    measured = interleave(
        [lambda: timed_loop(pair.subject, repeat), lambda: timed_loop(pair.baseline, repeat)],
        samples,
    )
    for close in pair.closers:
        close()
    return Row(pair.name, measured[0], measured[1], target=TARGET)


def _measure_async(pair: Pair, samples: int, repeat: int, loop: asyncio.AbstractEventLoop) -> Row:
    _check_same(pair, lambda call: loop.run_until_complete(call()))

    def sample(call: Callable[[], Awaitable[Any]], count: int) -> Callable[[], float]:
        return lambda: loop.run_until_complete(_async_loop(call, count))

    warm = max(repeat // 10, 1)
    interleave([sample(pair.subject, warm), sample(pair.baseline, warm)], 1)
    measured = interleave([sample(pair.subject, repeat), sample(pair.baseline, repeat)], samples)
    for close in pair.closers:
        loop.run_until_complete(close())
    return Row(pair.name, measured[0], measured[1], target=TARGET)


def run(samples: int, repeat: int) -> Section:
    """Time every pair: `samples` interleaved samples of `repeat` calls per side."""
    rows = [_measure_sync(make(), samples, repeat) for make in SYNC_PAIRS]
    loop = asyncio.new_event_loop()
    try:
        rows += [_measure_async(make(), samples, repeat, loop) for make in ASYNC_PAIRS]
    finally:
        loop.close()
    return Section(
        f"Per-call overhead over httpx.MockTransport, {samples} interleaved samples of "
        f"{repeat} calls",
        "raw httpx, same request, + raise_for_status() + Model.model_validate(response.json())",
        "us",
        rows,
    )
