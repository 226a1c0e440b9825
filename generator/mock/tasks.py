"""The mock's tasks: made by creates, advanced by the clock through the provider's statuses.

A task is `pending` for `task_seconds`, going through the spec's pending statuses in order with
its progress rising from 0, then ends with the first succeeded status (and a video) or, if it was
drawn to fail, the first failed status (and a reason).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from .gateway import TaskPlan

Outcome = Literal["pending", "succeeded", "failed"]
FAILURE_REASON = "mock: injected failure"


@dataclass(frozen=True)
class TaskState:
    """Where a task is at one moment."""

    status: Any  # the provider's own status value
    progress: int  # 0 to 100
    outcome: Outcome


@dataclass
class MockTask:
    id: str
    plan: TaskPlan
    created: float  # on the store's clock
    created_at: float  # Unix time
    fails: bool
    body: Any
    idempotency_key: Any = None
    polls: int = 0


@dataclass
class TaskStore:
    """Every task the mock made, every create it took, and the idempotency keys used."""

    seconds: float
    clock: Callable[[], float] = time.monotonic
    tasks: dict[str, MockTask] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # idempotency key -> task id
    creates: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)

    def used(self, key: Any) -> str | None:
        """The task already made with this idempotency key, if any."""
        return None if key is None else self.keys.get(_key(key))

    def refuse(self, plan: TaskPlan, key: Any, task_id: str) -> None:
        self.refused.append(
            {
                "operation": plan.create,
                "idempotency_key": key,
                "task_id": task_id,
                "time": time.time(),
            }
        )

    def create(self, plan: TaskPlan, body: Any, key: Any, fails: bool) -> MockTask:
        number = len(self.tasks) + 1
        task_id = (
            str(900_000_000_000_000_000 + number) if plan.numeric_ids else f"task-mock-{number}"
        )
        task = MockTask(task_id, plan, self.clock(), time.time(), fails, body, key)
        self.tasks[task_id] = task
        if key is not None:
            self.keys[_key(key)] = task_id
        self.creates.append(
            {
                "task_id": task_id,
                "operation": plan.create,
                "body": body,
                "idempotency_key": key,
                "time": task.created_at,
            }
        )
        return task

    def state(self, task: MockTask) -> TaskState:
        plan = task.plan
        elapsed = self.clock() - task.created
        if elapsed >= self.seconds:
            if task.fails:
                return TaskState(plan.task.failed[0], 100, "failed")
            return TaskState(plan.task.succeeded[0], 100, "succeeded")
        share = max(elapsed, 0.0) / self.seconds
        pending = plan.pending
        return TaskState(
            pending[min(int(share * len(pending)), len(pending) - 1)], int(share * 100), "pending"
        )

    def summary(self) -> dict[str, Any]:
        out = {}
        for task_id, task in self.tasks.items():
            state = self.state(task)
            out[task_id] = {
                "operation": task.plan.create,
                "status": state.status,
                "outcome": state.outcome,
                "progress": state.progress,
                "polls": task.polls,
            }
        return out


def _key(value: Any) -> str:
    return repr(value)
