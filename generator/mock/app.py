"""The mock gateway as a Starlette app: one route per operation of the spec, plus `/_mock/*`.

Every API request goes through the same steps: the injected delay, the bearer token, the
injected refusal (429, 500 or 503: before anything is processed, so a refused create makes
nothing), the parameters and body against the spec's schemas, and then the answer: a create
makes a task, a poll reports one, any other operation answers its documented example.

`GET /_mock/stats` reports what the mock has seen (no token needed); `GET /_mock/videos/<id>.mp4`
serves a succeeded task's video. With `callbacks`, a create's callback URL (a loopback one only)
is called with the task once it ends (`callbacks.py`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Match
from starlette.routing import Route as StarletteRoute

from ..load.document import MISSING
from ..load.extensions import schema_at
from .callbacks import Deliverer, loopback_problem
from .faults import Faults, MockOptions
from .gateway import Gateway, Route
from .pointers import conform, get, percent, put, remove, steps
from .tasks import FAILURE_REASON, MockTask, TaskStore

__all__ = ["MockGateway", "sample_video"]

_BEARER = re.compile(r"bearer +(\S+)", re.IGNORECASE)
# Checked against the spec in place of a loopback callback URL, which the spec may forbid.
_STAND_IN_CALLBACK = "https://callbacks.example.com/mock"
Endpoint = Callable[[Request], Awaitable[Response]]
# What happened to the requests of each operation, in /_mock/stats.
_COUNTS = (
    "requests",  # every request to the operation's route
    "answered",  # answered with success (a create: one task made)
    "unauthorized",  # 401: no, a malformed or (with `api_key`) another bearer token
    "rate_limited",  # 429 injected
    "server_errors",  # 500 or 503 injected
    "invalid",  # 400: parameters or body break the spec's schemas
    "refused",  # 400: a create's idempotency key was used before
    "not_found",  # 404: a poll for a task the mock did not make
)


def sample_video() -> bytes:
    """The MP4 every succeeded task serves (1 s, 64x64, H.264; see README.md here)."""
    return resources.files(__package__).joinpath("sample.mp4").read_bytes()


class MockGateway:
    """A provider's mock gateway: its state (tasks, counters, faults) and its ASGI app."""

    def __init__(
        self,
        gateway: Gateway,
        options: MockOptions | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.gateway = gateway
        self.options = options = options or MockOptions()
        self.faults = Faults(options)
        self.store = TaskStore(options.task_seconds, clock)
        self.deliverer = Deliverer(self.store, self._callback_body)
        self.video = sample_video()
        self.requests = 0
        self.injected: Counter[str] = Counter(rate_limited=0, server_errors=0, slowed=0)
        self.counts: dict[str, Counter[str]] = {
            key: Counter(dict.fromkeys(_COUNTS, 0)) for key in gateway.routes
        }
        self.videos_served = 0
        self._request_ids = itertools.count(1)
        routes = [
            StarletteRoute("/_mock/stats", self._stats, methods=["GET"]),
            StarletteRoute("/_mock/videos/{name}", self._video, methods=["GET"]),
        ]
        routes += [
            StarletteRoute(
                route.path,
                self._endpoint(route),
                methods=[route.operation.http_method],
                name=route.operation.operation_id,
            )
            for route in gateway.routes.values()
        ]
        self.app = Starlette(
            routes=routes, exception_handlers={404: self._unknown, 405: self._unknown}
        )

    # -- introspection -------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """What the mock has seen: requests, injected faults, creates and every task's state."""
        return {
            "provider": self.gateway.name,
            "requests": self.requests,
            "faults": dict(self.injected),
            "operations": {key: dict(counts) for key, counts in self.counts.items()},
            "creates": self.store.creates,
            "refused": self.store.refused,
            "tasks": self.store.summary(),
            "videos_served": self.videos_served,
            "callbacks": self.deliverer.summary(),
        }

    async def _stats(self, request: Request) -> Response:
        return JSONResponse(self.stats())

    # -- API requests --------------------------------------------------------------------------

    def _endpoint(self, route: Route) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            return await self._handle(route, request)

        return endpoint

    async def _handle(self, route: Route, request: Request) -> Response:
        counts = self.counts[route.operation.operation_id]
        counts["requests"] += 1
        self.requests += 1
        request_id = self._request_id()
        await self._delay()
        refused = self._auth_problem(request) if route.auth else None
        if refused is not None:
            counts["unauthorized"] += 1
            return self._error(401, refused, route, request_id)
        refusal = self.faults.refusal()
        if refusal == 429:
            counts["rate_limited"] += 1
            self.injected["rate_limited"] += 1
            return self._error(
                429,
                "mock: injected rate limit, retry after 1 second",
                route,
                request_id,
                headers={"Retry-After": "1"},
            )
        if refusal is not None:
            counts["server_errors"] += 1
            self.injected["server_errors"] += 1
            return self._error(refusal, "mock: injected server error", route, request_id)
        given = {name: request.path_params.get(safe) for safe, name in route.names.items()}
        given.update(
            {
                p.name: request.query_params.get(p.name)
                for p in route.parameters
                if p.location == "query"
            }
        )
        values, problem = self.gateway.check_parameters(route, given)
        body: Any = MISSING
        if problem is None and route.body is not None:
            raw = await request.body()
            if raw.strip():
                try:
                    body = json.loads(raw)
                except ValueError as exc:
                    problem = f"the request body is not valid JSON: {exc}"
            callback_url = self._callback_url(route, body)
            if problem is None and callback_url is not None:
                problem = loopback_problem(callback_url)
            if problem is None:
                problem = self.gateway.check_body(route, self._with_stand_in(route, body))
        if problem is not None:
            counts["invalid"] += 1
            return self._error(400, f"Invalid request: {problem}", route, request_id)
        if route.plan is not None:
            return self._create(route, body, request_id, str(request.base_url))
        if route.polls:
            return self._poll(route, values, str(request.base_url), request_id)
        counts["answered"] += 1
        answer = self.gateway.envelope(self.gateway.answer(route), request_id)
        return JSONResponse(answer, route.status)

    def _auth_problem(self, request: Request) -> str | None:
        """Why the request's bearer token is refused (401), or None where it is accepted."""
        bearer = _BEARER.fullmatch(request.headers.get("authorization", "").strip())
        if bearer is None:
            return "Missing or malformed Authorization header: send 'Authorization: Bearer <key>'."
        if self.options.api_key is not None and bearer.group(1) != self.options.api_key:
            return "Invalid API key: this mock gateway accepts only the key it was started with."
        return None

    def _callback_url(self, route: Route, body: Any) -> Any:
        """The callback URL a create's body gives, when the mock delivers callbacks; else None."""
        at = route.plan.task.callback_url if route.plan is not None else None
        if not self.options.callbacks or at is None or body is MISSING:
            return None
        value = get(body, at)
        return None if value is MISSING or value is None else value

    def _with_stand_in(self, route: Route, body: Any) -> Any:
        """The body to check against the schema: a loopback callback URL, which the spec may
        forbid (Evolink asks for public https), stands in as a public one."""
        if self._callback_url(route, body) is None:
            return body
        assert route.plan is not None and route.plan.task.callback_url is not None
        checked = json.loads(json.dumps(body))
        put(checked, route.plan.task.callback_url, _STAND_IN_CALLBACK)
        return checked

    def _callback_body(self, task: MockTask, base_url: str) -> Any:
        """What a callback posts: the task as its poll answers it."""
        route = self.gateway.routes[task.plan.poll]
        answer = self._report(route, task, base_url, polled=False)
        return self.gateway.envelope(answer, self._request_id())

    def _create(self, route: Route, body: Any, request_id: str, base_url: str) -> Response:
        plan = route.plan
        assert plan is not None
        counts = self.counts[plan.create]
        key_at = route.operation.idempotency_key
        key = get(body, key_at) if key_at and body is not MISSING else None
        key = None if key is MISSING else key
        existing = self.store.used(key)
        if existing is not None:
            counts["refused"] += 1
            self.store.refuse(plan, key, existing)
            name = steps(key_at or "")[-1]
            return self._error(400, f"{name} already used by task {existing}", route, request_id)
        task = self.store.create(
            plan, None if body is MISSING else body, key, self.faults.task_fails()
        )
        answer = self.gateway.answer(route)
        for where in plan.task.id:
            put(
                answer,
                where,
                conform(task.id, schema_at(self.gateway.document, route.schema, where)),
            )
        if plan.create_status:
            _write(answer, plan.create_status, plan.pending[0])
        callback_url = self._callback_url(route, body)
        if callback_url is not None:
            self.deliverer.add(task, callback_url, base_url)
        counts["answered"] += 1
        return JSONResponse(self.gateway.envelope(answer, request_id), route.status)

    def _poll(
        self, route: Route, values: dict[str, Any], base_url: str, request_id: str
    ) -> Response:
        plans = [p for p in self.gateway.plans.values() if p.poll == route.operation.operation_id]
        argument = next(
            (p.task.poll_argument for p in plans if p.task.poll_argument in values), None
        )
        given = "" if argument is None else str(values[argument])
        listed = any(p.item and p.task.poll_location == "query" for p in plans)
        ids = [i.strip() for i in given.split(",") if i.strip()] if listed else [given]
        unknown = [i for i in ids if i not in self.store.tasks]
        if unknown or not ids:
            self.counts[route.operation.operation_id]["not_found"] += 1
            return self._error(
                404, f"task {', '.join(unknown) or given!r} not found", route, request_id
            )
        tasks = [self.store.tasks[i] for i in ids]
        answers = [self._report(route, task, base_url) for task in tasks]
        answer = answers[0]
        item = tasks[0].plan.item
        if len(answers) > 1 and item:
            put(answer, item.rsplit("/", 1)[0], [get(a, item) for a in answers])
        self.counts[route.operation.operation_id]["answered"] += 1
        return JSONResponse(self.gateway.envelope(answer, request_id), route.status)

    def _report(self, route: Route, task: MockTask, base_url: str, *, polled: bool = True) -> Any:
        """The poll's documented example, telling where `task` is now."""
        task.polls += polled
        plan = task.plan
        lifecycle = plan.task
        state = self.store.state(task)
        answer = self.gateway.answer(route)
        document = self.gateway.document
        for where in plan.poll_id:
            put(answer, where, conform(task.id, schema_at(document, route.schema, where)))
        _write(answer, lifecycle.status, state.status)
        if lifecycle.progress:
            _write(answer, lifecycle.progress, percent(state.progress, plan.progress_schema))
        if state.outcome == "succeeded" and lifecycle.video_url:
            _write(answer, lifecycle.video_url, self._video_url(task, base_url))
        else:
            for where in lifecycle.video_url:
                remove(answer, where, plan.keep)
        if state.outcome == "failed" and lifecycle.error:
            schema = schema_at(document, route.schema, lifecycle.error[0])
            put(answer, lifecycle.error[0], conform(FAILURE_REASON, schema))
        else:
            for where in lifecycle.error:
                remove(answer, where, plan.keep)
        return answer

    def _video_url(self, task: MockTask, base_url: str) -> str:
        url = f"{base_url.rstrip('/')}/_mock/videos/{quote(task.id, safe='')}.mp4"
        if self.options.url_ttl is not None:
            url += f"?expires={time.time() + self.options.url_ttl:.3f}"
        return url

    # -- videos and errors ---------------------------------------------------------------------

    async def _video(self, request: Request) -> Response:
        await self._delay()
        name = request.path_params["name"]
        task = self.store.tasks.get(name.removesuffix(".mp4"))
        if (
            task is None
            or not name.endswith(".mp4")
            or self.store.state(task).outcome != "succeeded"
        ):
            return self._error(404, f"no video {name!r}: no succeeded task has it")
        if self.options.url_ttl is not None:
            try:
                expires = float(request.query_params.get("expires", ""))
            except ValueError:
                expires = 0.0
            if expires < time.time():
                return self._error(
                    403, "mock: this video URL has expired; poll the task for a fresh one"
                )
        self.videos_served += 1
        return Response(self.video, media_type="video/mp4")

    async def _unknown(self, request: Request, exc: Exception) -> Response:
        """An error in the provider's shape for a request no route takes: 405 with `Allow` (as
        RFC 9110 asks) where the path is served with other methods, else 404."""
        self.requests += 1
        name, method, path = self.gateway.name, request.method, request.url.path
        allowed = self._methods_at(request)
        if allowed:
            return self._error(
                405,
                f"{name} does not take {method} {path}; it takes {', '.join(allowed)}",
                headers={"Allow": ", ".join(allowed)},
            )
        return self._error(404, f"{name} has no operation {method} {path}")

    def _methods_at(self, request: Request) -> list[str]:
        """The methods that the routes serving the request's path take (none: no such path)."""
        methods: set[str] = set()
        for route in self.app.routes:
            if isinstance(route, StarletteRoute) and route.matches(request.scope)[0] != Match.NONE:
                methods.update(route.methods or ())
        return sorted(methods)

    def _request_id(self) -> str:
        return f"req-mock-{next(self._request_ids):08d}"

    async def _delay(self) -> None:
        seconds = self.faults.delay()
        if seconds:
            self.injected["slowed"] += 1
            await asyncio.sleep(seconds)

    def _error(
        self,
        status: int,
        message: str,
        route: Route | None = None,
        request_id: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        request_id = request_id or self._request_id()
        body = self.gateway.error_body(status, message, route=route, request_id=request_id)
        return JSONResponse(body, status, headers=headers)


def _write(answer: Any, pointers: tuple[str, ...], value: Any) -> None:
    """Write at the first pointer, and at each other one the answer already has a value at."""
    put(answer, pointers[0], value)
    for where in pointers[1:]:
        if get(answer, where) is not MISSING:
            put(answer, where, value)
