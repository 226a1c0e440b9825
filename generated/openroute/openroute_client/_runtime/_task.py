"""Waiting for a video task and downloading its result, as the spec's `x-task` describes.

A create answers with a task id; the poll operation answers with the task's state. Where the id,
status, progress, failure reason and video URL are, and which status values are final, differ by
gateway; the spec says, and `Lifecycle` carries it here. The waiting loop itself is the same for
every gateway: poll, report progress, stop at a final status or at the deadline.
"""

from __future__ import annotations

import logging
import math
import os
import random
import re
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import httpx

from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    InternalServerError,
    RateLimitError,
)
from ._json import first

if TYPE_CHECKING:
    import pydantic

    from ._spec import Operation

__all__ = [
    "DEFAULT_MAX_WAIT",
    "DEFAULT_POLL_INTERVAL",
    "DownloadProgress",
    "Lifecycle",
    "TaskDownloadError",
    "TaskError",
    "TaskFailedError",
    "TaskProgress",
    "TaskResult",
    "TaskTimeoutError",
    "TaskWaitError",
]

ModelT = TypeVar("ModelT", bound="pydantic.BaseModel")

#: Video tasks take minutes, sometimes tens of minutes: the default deadline is generous.
DEFAULT_MAX_WAIT = 30 * 60.0
#: The first pause between polls; it grows by half each poll up to MAX_POLL_INTERVAL.
DEFAULT_POLL_INTERVAL = 5.0
MAX_POLL_INTERVAL = 30.0
_CHUNK = 1 << 16  # bytes read and written at a time when downloading


@dataclass(frozen=True)
class Lifecycle:
    """What the spec's `x-task` says about one create operation's task."""

    create: str  # the create method's name, such as "create_video_generation"
    poll: Operation[Any]
    poll_argument: str  # the poll's JSON parameter name that takes the id
    poll_location: Literal["path", "query"]
    id: tuple[str, ...]
    status: tuple[str, ...]
    succeeded: frozenset[Any]
    failed: frozenset[Any]
    pending: tuple[Any, ...] = ()
    progress: tuple[str, ...] = ()
    error: tuple[str, ...] = ()
    video_url: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskProgress:
    """One poll's view of a task, passed to `on_progress`."""

    task_id: str
    provider_status: Any
    progress: float | None  # 0 to 100, when the gateway reports it
    polls: int
    elapsed: float  # seconds since the wait began


@dataclass(frozen=True)
class DownloadProgress:
    """How much of a video has been written, passed to `download(on_progress=...)`."""

    path: Path
    received: int
    total: int | None  # from Content-Length, when the server sends it


class TaskError(APIError):
    """A task-related failure. `task_id` is always set: the task is never lost."""

    def __init__(self, message: str, *, task_id: str, request: httpx.Request | None = None):
        super().__init__(message, request=request)
        self.task_id = task_id


class TaskFailedError(TaskError):
    """The gateway reports the task as failed; `reason` is its explanation, `result` the rest."""

    def __init__(self, message: str, *, task_id: str, reason: Any, result: TaskResult[Any]):
        super().__init__(message, task_id=task_id)
        self.reason = reason
        self.provider_status = result.provider_status
        self.result = result


class TaskTimeoutError(TaskError):
    """The deadline passed before the task finished; it may still finish: wait again later."""

    def __init__(self, message: str, *, task_id: str, last_status: Any, waited: float):
        super().__init__(message, task_id=task_id)
        self.last_status = last_status
        self.waited = waited


class TaskWaitError(TaskError):
    """Polling failed for a reason waiting cannot cure (a 401, a 404, an unreadable answer)."""

    def __init__(self, message: str, *, task_id: str, last_error: APIError):
        super().__init__(message, task_id=task_id, request=last_error.request)
        self.last_error = last_error


class TaskDownloadError(TaskError):
    """The video could not be downloaded, even with a fresh URL."""

    def __init__(self, message: str, *, task_id: str, url: str | None, status_code: int | None):
        super().__init__(message, task_id=task_id)
        self.url = url
        self.status_code = status_code


# Failures of one poll that a later poll may not have: keep waiting through them.
TRANSIENT = (APIConnectionError, RateLimitError, InternalServerError)


def progress_percent(value: Any) -> float | None:
    """A gateway's progress as a number from 0 to 100: 40, 40.5, "40%", "40"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%?\s*", value)
        if match:
            return float(match.group(1))
    return None


def wait_problems(
    max_wait: Any,
    poll_interval: Any,
    on_progress: Any,
    *,
    names: tuple[str, ...] = ("max_wait", "poll_interval", "on_progress"),
) -> list[tuple[str, str]]:
    """What is wrong with a wait's arguments, as `(argument, message)` pairs (none: empty).

    The deadline must be a finite number of seconds above 0 (NaN would mean no deadline at all),
    the first pause a finite number of seconds, 0 or more.
    """
    problems = []
    for name, value, least in (
        (names[0], max_wait, "above 0"),
        (names[1], poll_interval, "0 or more"),
    ):
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if (
            not number
            or not math.isfinite(value)
            or value < 0
            or (value == 0 and least == "above 0")
        ):
            problems.append((name, f"must be a finite number of seconds, {least}; got {value!r}"))
    if on_progress is not None and not callable(on_progress):
        name = names[2] if len(names) > 2 else "on_progress"
        problems.append((name, f"must be a function or None; got {on_progress!r}"))
    return problems


def poll_delays(initial: float, random_: Callable[[], float] = random.random) -> Iterator[float]:
    """Pauses between polls: from `initial`, growing by half up to 30 s, each with +-10 % jitter."""
    interval = max(initial, 0.0)
    while True:
        yield interval * (0.9 + 0.2 * random_())
        interval = min(max(interval * 1.5, initial), max(MAX_POLL_INTERVAL, initial))


@dataclass
class TaskResult(Generic[ModelT]):
    """A finished task.

    `status` is normalised (`"succeeded"` or `"failed"`); `provider_status` is the gateway's own
    value; `raw` is the last poll response, as its model. `download(path)` (or, from an
    `AsyncClient`, `await adownload(path)`) saves the video.
    """

    task_id: str
    status: Literal["succeeded", "failed"]
    provider_status: Any
    video_url: str | None
    error: Any
    raw: ModelT
    progress: float | None = None
    _client: Any = field(default=None, repr=False, compare=False)
    _lifecycle: Lifecycle | None = field(default=None, repr=False, compare=False)

    def download(
        self,
        path: str | os.PathLike[str],
        *,
        on_progress: Callable[[DownloadProgress], None] | None = None,
    ) -> Path:
        """Stream the video to `path` (through a temporary file, renamed when complete).

        If the URL has expired (403 or 404), the task is polled once for a fresh one.
        """
        client = self._client
        if client is None or not hasattr(client, "_download"):
            raise TypeError(
                "This result came from an AsyncClient: use `await result.adownload(path)`."
            )
        result: Path = client._download(self, Path(path), on_progress)
        return result

    async def adownload(
        self,
        path: str | os.PathLike[str],
        *,
        on_progress: Callable[[DownloadProgress], None] | None = None,
    ) -> Path:
        """The async twin of `download`, for a result from an `AsyncClient`."""
        client = self._client
        if client is None or not hasattr(client, "_adownload"):
            raise TypeError("This result came from a Client: use `result.download(path)`.")
        result: Path = await client._adownload(self, Path(path), on_progress)
        return result


class Waiter:
    """The state of one wait: its deadline, its polls, and what it has seen."""

    def __init__(
        self,
        lifecycle: Lifecycle,
        task_id: str,
        *,
        max_wait: float,
        poll_interval: float,
        on_progress: Callable[[TaskProgress], None] | None,
        log: logging.Logger,
        clock: Callable[[], float] = time.monotonic,
        track: Callable[[str, Any, str | None, str | None], None] | None = None,
    ) -> None:
        if not task_id or not isinstance(task_id, (str, int)) or isinstance(task_id, bool):
            raise ValueError(
                f"wait_for_task needs the task id the create answered with; got {task_id!r}."
            )
        problems = wait_problems(max_wait, poll_interval, on_progress)
        if problems:
            listed = "; ".join(f"{name} {message}" for name, message in problems)
            raise ValueError(f"Waiting for task {task_id} cannot start: {listed}.")
        self.lifecycle = lifecycle
        self.task_id = str(task_id)
        self.max_wait = max_wait
        self.clock = clock
        self.started = clock()
        self.deadline = self.started + max_wait
        self.delays = poll_delays(poll_interval)
        self.on_progress = on_progress
        self.log = log
        self.polls = 0
        self.last_status: Any = None
        self.unknown: set[str] = set()  # statuses the spec does not list, each warned about once
        self.track = track  # records (state, provider status, video URL, failure) in a ledger

    def poll_arguments(self) -> dict[str, Any]:
        return poll_arguments(self.lifecycle, self.task_id)

    def seen(self, answer: Any, client: Any) -> TaskResult[Any] | None:
        """Take in one poll answer; the result when the task is finished, else None."""
        self.polls += 1
        body = answer.model_dump(mode="json", by_alias=True)
        life = self.lifecycle
        status = first(body, life.status)
        progress = progress_percent(first(body, life.progress)) if life.progress else None
        changed = status != self.last_status or self.polls == 1
        if changed:
            self.log.info("task %s is %s (poll %d)", self.task_id, status, self.polls)
        self.last_status = status
        known = (*life.pending, *sorted(life.succeeded, key=repr), *sorted(life.failed, key=repr))
        if life.pending and status not in known and repr(status) not in self.unknown:
            # A gateway may add a status its documentation does not list (Evolink's
            # `cancelled`): keep polling until a listed final status or the deadline.
            self.unknown.add(repr(status))
            self.log.warning(
                "task %s reports the status %r, which the spec does not list (it lists %s); "
                "treating it as still running until the task ends or max_wait passes",
                self.task_id,
                status,
                ", ".join(repr(s) for s in known),
            )
        if self.track is not None and changed:
            state = "succeeded" if status in life.succeeded else "created"
            if status in life.failed:
                state = "failed"
            reason = first(body, life.error)
            self.track(
                state,
                status,
                first(body, life.video_url) if state == "succeeded" else None,
                None if reason is None else str(reason),
            )
        if self.on_progress is not None:
            self.on_progress(
                TaskProgress(self.task_id, status, progress, self.polls, self.elapsed())
            )
        if status in life.succeeded or status in life.failed:
            result: TaskResult[Any] = TaskResult(
                task_id=self.task_id,
                status="succeeded" if status in life.succeeded else "failed",
                provider_status=status,
                video_url=first(body, life.video_url),
                error=first(body, life.error),
                raw=answer,
                progress=progress,
                _client=client,
                _lifecycle=life,
            )
            if result.status == "failed":
                reason = result.error if result.error is not None else "the gateway gave none"
                raise TaskFailedError(
                    f"Task {self.task_id} failed (status {status!r}): {reason}.",
                    task_id=self.task_id,
                    reason=result.error,
                    result=result,
                )
            return result
        return None

    def elapsed(self) -> float:
        return self.clock() - self.started

    def failed_poll(self, error: APIError) -> None:
        """Keep waiting through a transient poll failure; raise for any other."""
        if isinstance(error, TRANSIENT) and self.clock() < self.deadline:
            self.log.warning("polling task %s failed, will poll again: %s", self.task_id, error)
            return
        if isinstance(error, TRANSIENT):
            return  # the deadline check reports it
        hint = ""
        if isinstance(error, APIStatusError) and error.status_code == 404:
            hint = " Check the task id and that the client points at the gateway that made it."
        if isinstance(error, APIResponseValidationError):
            hint = " The gateway's answer no longer matches the spec."
        raise TaskWaitError(
            f"Waiting for task {self.task_id} stopped: {error.message}{hint} The task id is "
            f"{self.task_id}: wait_for_task({self.task_id!r}) resumes.",
            task_id=self.task_id,
            last_error=error,
        ) from error

    def next_delay(self) -> float:
        """The pause before the next poll; raises `TaskTimeoutError` past the deadline."""
        left = self.deadline - self.clock()
        if left <= 0:
            raise TaskTimeoutError(
                f"Task {self.task_id} did not finish within max_wait={self.max_wait:g} s (last "
                f"status {self.last_status!r}, {self.polls} poll(s)). It may still finish: call "
                f"wait_for_task({self.task_id!r}) to wait again.",
                task_id=self.task_id,
                last_status=self.last_status,
                waited=self.elapsed(),
            )
        return min(next(self.delays), left)


def poll_arguments(lifecycle: Lifecycle, task_id: str) -> dict[str, Any]:
    """The keyword arguments of the runtime's `_request` that poll `task_id`."""
    location = "path_params" if lifecycle.poll_location == "path" else "query"
    return {location: {lifecycle.poll_argument: task_id}}


def temporary_file(path: Path) -> tuple[int, Path]:
    """A new file beside `path`, so that the final rename stays on one file system.

    Made with the permissions any new file gets here (the umask), as the video will keep them.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        name = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue


def refresh_failed(task_id: str, url: str | None, error: APIError) -> TaskDownloadError:
    return TaskDownloadError(
        f"The video URL of task {task_id} was refused, and polling the task for a fresh one "
        f"failed: {error.message}",
        task_id=task_id,
        url=url,
        status_code=getattr(error, "status_code", None),
    )


def download_refused(task_id: str, url: str | None, status: int | None) -> TaskDownloadError:
    what = f"HTTP {status}" if status is not None else "no video URL"
    return TaskDownloadError(
        f"The video of task {task_id} could not be downloaded ({what}), even after polling the "
        "task again for a fresh URL. Video URLs expire (24 hours at Evolink, 30 days at Kling); "
        "if the task is older, the video is gone.",
        task_id=task_id,
        url=url,
        status_code=status,
    )
