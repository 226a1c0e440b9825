"""Serving a mock gateway with uvicorn: in the foreground (`gatewaygen mock`), or in a background
thread for tests and benchmarks (`running`, `serving`)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from .app import MockGateway
from .faults import MockOptions
from .gateway import load_gateway

__all__ = ["Server", "running", "serving"]


class Server(uvicorn.Server):
    """A uvicorn server that says, once it listens, at which URL (port 0 becomes the real one)."""

    def __init__(
        self, config: uvicorn.Config, on_listening: Callable[[str], None] | None = None
    ) -> None:
        super().__init__(config)
        self.on_listening = on_listening
        self.url: str | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.started:
            return
        host, port = self.servers[0].sockets[0].getsockname()[:2]
        self.url = f"http://{f'[{host}]' if ':' in host else host}:{port}"
        if self.on_listening is not None:
            self.on_listening(self.url)


def config(mock: MockGateway, host: str, port: int, **extra: Any) -> uvicorn.Config:
    """uvicorn's configuration for a mock: quiet (warnings only), no access log, no lifespan."""
    return uvicorn.Config(
        mock.app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
        **extra,
    )


@contextmanager
def serving(mock: MockGateway, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve `mock` from a background thread; yields its base URL once it listens, and stops
    it (and joins the thread) on exit."""
    # log_config=None: leave the process's logging alone (uvicorn's records reach the root).
    server = Server(config(mock, host, port, log_config=None))
    thread = threading.Thread(target=server.run, name=f"mock-{mock.gateway.name}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10.0
    try:
        while server.url is None:
            if not thread.is_alive():
                raise RuntimeError(f"the mock gateway could not listen on {host}:{port}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the mock gateway did not start listening on {host}:{port}")
            time.sleep(0.005)
        yield server.url
    finally:
        server.should_exit = True
        thread.join(10.0)
        if thread.is_alive():
            server.force_exit = True
            thread.join(5.0)


@contextmanager
def running(
    provider: str | os.PathLike[str],
    *,
    specs_dir: str | os.PathLike[str] | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    clock: Callable[[], float] = time.monotonic,
    **options: Any,
) -> Iterator[str]:
    """Run the mock gateway of `provider` (a provider name or a spec file) on a free port
    in a background thread; yields its base URL, such as "http://127.0.0.1:50123".

    `options` are `MockOptions` fields (task_seconds, rate_limit, server_errors, slow,
    slow_share, fail_tasks, url_ttl, seed, api_key); `clock` is what tasks advance by. `GET
    {url}/_mock/stats` tells what the mock has seen.
    """
    mock = MockGateway(load_gateway(provider, specs_dir), MockOptions(**options), clock=clock)
    with serving(mock, host=host, port=port) as url:
        yield url
