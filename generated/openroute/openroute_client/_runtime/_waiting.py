"""The waiting side of a client: reading a create's task id, building the poller for a wait,
refusing bad waiting arguments before a paid create, and the fresh video URL of an expired one.

Kept apart from `_base.py`, which sends requests and reads answers; `_clients.py` runs the wait
loops in each I/O style.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from ._errors import ValidationError
from ._json import first
from ._task import (
    Lifecycle,
    TaskError,
    TaskProgress,
    TaskResult,
    Waiter,
    poll_arguments,
    wait_problems,
)
from ._tracking import Tracking

__all__ = ["TaskSupport"]


class TaskSupport(Tracking):
    """What a client needs to wait for its tasks (the loops are in `_clients.py`)."""

    _log: logging.Logger
    _clock: Callable[[], float]

    def _task_id(self, lifecycle: Lifecycle, created: Any) -> str:
        """The id a create answered with (where the spec's `x-task.id` says), logged at once."""
        body = created.model_dump(mode="json", by_alias=True)
        task_id = first(body, lifecycle.id)
        if task_id is None:
            raise TaskError(
                f"{lifecycle.create} answered without a task id at {' or '.join(lifecycle.id)}, "
                f"so the task cannot be waited for; it may exist all the same. The answer was: "
                f"{json.dumps(body, ensure_ascii=False)[:500]}",
                task_id="",
            )
        self._log.info("created task %s with %s", task_id, lifecycle.create)
        return str(task_id)

    def _waiter(
        self,
        lifecycle: Lifecycle,
        task_id: str,
        max_wait: float,
        poll_interval: float,
        on_progress: Callable[[TaskProgress], None] | None,
    ) -> Waiter:
        def track(state: str, status: Any, video_url: Any, detail: str | None) -> None:
            url = None if video_url is None else str(video_url)
            self._ledger_observed(lifecycle.create, str(task_id), state, status, url, detail)

        return Waiter(
            lifecycle,
            task_id,
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
            log=self._log,
            clock=self._clock,
            track=track if self.ledger is not None else None,
        )

    def _check_wait(
        self,
        create: str,
        max_wait: Any,
        poll_interval: Any,
        on_progress: Any,
        names: tuple[str, ...],
    ) -> None:
        """Refuse a `*_and_wait` call whose waiting arguments are wrong, before the paid create
        is sent: afterwards, the task would be paid for and the wait could not even start."""
        problems = wait_problems(max_wait, poll_interval, on_progress, names=names)
        if problems:
            listed = "; ".join(f"{name}: {message}" for name, message in problems)
            raise ValidationError(
                f"{create}_and_wait was not sent, because its arguments are wrong: {listed}.",
                operation=create,
                problems=problems,
            )

    def _interrupted(self, task_id: str, exc: BaseException) -> None:
        """Log the task id when a wait is cancelled or interrupted, or stopped by an error that
        does not carry the id (one raised by `on_progress`)."""
        if not isinstance(exc, TaskError):
            self._log.warning(
                "waiting for task %s stopped (%s); resume with wait_for_task(%r)",
                task_id,
                type(exc).__name__,
                task_id,
            )

    def _fresh_video_url(self, result: TaskResult[Any], answer: Any) -> str | None:
        assert result._lifecycle is not None
        url = first(answer.model_dump(mode="json", by_alias=True), result._lifecycle.video_url)
        if url is not None:
            self._log.info("task %s: fresh video URL after an expired one", result.task_id)
        result.video_url = url
        return str(url) if url is not None else None

    def _poll_arguments(self, result: TaskResult[Any]) -> dict[str, Any]:
        assert result._lifecycle is not None
        return poll_arguments(result._lifecycle, result.task_id)
