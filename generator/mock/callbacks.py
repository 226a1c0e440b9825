"""Callbacks from the mock (`gatewaygen mock --callbacks`): when a task whose create gave a
callback URL ends, the mock POSTs the task, in its poll's format, to that URL.

It calls back as Evolink documents its own callbacks: once the task has ended, a 10 s timeout,
and after a failure (an error or a status other than 2xx) 3 more attempts, 1, 2 and 4 s apart.
It calls only loopback addresses: a mock run on a developer's machine must never post to
another machine, whatever URL a request body carries.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from .tasks import MockTask, TaskStore

__all__ = ["Deliverer", "loopback_problem"]

RETRY_DELAYS = (1.0, 2.0, 4.0)
TIMEOUT = 10.0
TICK = 0.05  # seconds between looks for tasks that have ended
USER_AGENT = "gatewaygen-mock-callbacks"


def loopback_problem(url: Any) -> str | None:
    """Why the mock will not call `url` back (it is not an http(s) URL on a loopback
    address), or None when it will."""
    where = (
        "the mock gateway delivers callbacks only to loopback addresses (127.0.0.1, ::1, "
        "localhost), so that it never calls another machine"
    )
    fix = (
        "run the receiver on this machine and give its URL, such as "
        "http://127.0.0.1:8000/callback, or leave the callback URL out"
    )
    if not isinstance(url, str):
        return f"{where}; the callback URL {url!r} is not a string: {fix}"
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return f"{where}; {url!r} is not a URL: {fix}"
    if parts.scheme not in ("http", "https"):
        return f"{where}; {url!r} is not an http or https URL: {fix}"
    if host.lower().rstrip(".") == "localhost":
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass
    return f"{where}; {url!r} is not on one: {fix}"


@dataclass
class Delivery:
    """One callback: the task, where it goes, and what happened so far."""

    task: MockTask
    url: str
    base_url: str  # of the mock, for the video URL in the body
    state: Literal["waiting", "sending", "delivered", "failed"] = "waiting"
    attempts: int = 0
    response_status: int | None = None
    error: str | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "task_id": self.task.id,
            "url": self.url,
            "state": self.state,
            "attempts": self.attempts,
            "response_status": self.response_status,
            "error": self.error,
        }


class Deliverer:
    """Watches the tasks that have a callback URL and calls back each one once it has ended.

    `body` makes the callback's JSON (the poll's answer for the task). The watching loop runs in
    the server's event loop from the first callback on, and ends with it.
    """

    def __init__(
        self,
        store: TaskStore,
        body: Callable[[MockTask, str], Any],
        *,
        retry_delays: tuple[float, ...] = RETRY_DELAYS,
        timeout: float = TIMEOUT,
    ) -> None:
        self.store = store
        self.body = body
        self.retry_delays = retry_delays
        self.timeout = timeout
        self.deliveries: list[Delivery] = []
        self._loop_task: asyncio.Task[None] | None = None
        self._sending: set[asyncio.Task[None]] = set()

    def add(self, task: MockTask, url: str, base_url: str) -> None:
        """Call `url` back when `task` ends; call from within the server's event loop."""
        self.deliveries.append(Delivery(task, url, base_url))
        if self._loop_task is None or self._loop_task.done():
            self._loop_task = asyncio.get_running_loop().create_task(self._watch())

    def summary(self) -> list[dict[str, Any]]:
        return [delivery.summary() for delivery in self.deliveries]

    async def _watch(self) -> None:
        # trust_env=False: no proxy from the environment between the mock and a local receiver.
        async with httpx.AsyncClient(timeout=self.timeout, trust_env=False) as http:
            while True:
                for delivery in self.deliveries:
                    if delivery.state == "waiting" and self._ended(delivery.task):
                        delivery.state = "sending"
                        sending = asyncio.get_running_loop().create_task(
                            self._deliver(http, delivery)
                        )
                        self._sending.add(sending)
                        sending.add_done_callback(self._sending.discard)
                if not self._sending and all(d.state != "waiting" for d in self.deliveries):
                    return
                await asyncio.sleep(TICK)

    def _ended(self, task: MockTask) -> bool:
        return self.store.state(task).outcome != "pending"

    async def _deliver(self, http: httpx.AsyncClient, delivery: Delivery) -> None:
        content = json.dumps(self.body(delivery.task, delivery.base_url), ensure_ascii=False)
        for pause in (0.0, *self.retry_delays):
            if pause:
                await asyncio.sleep(pause)
            delivery.attempts += 1
            try:
                response = await http.post(
                    delivery.url,
                    content=content.encode("utf-8"),
                    headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
                )
            except httpx.HTTPError as exc:
                delivery.error = f"{type(exc).__name__}: {exc}"
                delivery.response_status = None
                continue
            delivery.response_status = response.status_code
            if response.is_success:
                delivery.state, delivery.error = "delivered", None
                return
            delivery.error = f"HTTP {response.status_code}"
        delivery.state = "failed"
