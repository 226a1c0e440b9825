"""Receiving a task's callback: reading its body, and confirming it by polling the task.

Some gateways POST the task, in the format of their task query, to the `callback_url` a create
gave (the spec's `x-task.callback` says where). None of them signs the callback, so anyone who
learns the URL can post a body claiming a task succeeded, with a video URL of their choosing.
A callback is therefore a hint that a task may have changed: `parse_callback` reads it, and
`confirm_callback` asks the gateway (with the client's API key) for the task it names, and
answers with what the gateway says. Where the two disagree about how the task ended, the
callback is refused (`CallbackMismatchError`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from ._errors import APIError, GatewayError, NotFoundError
from ._json import first
from ._task import Lifecycle, TaskError, TaskResult, poll_arguments, progress_percent

if TYPE_CHECKING:
    import pydantic

__all__ = [
    "Callback",
    "CallbackError",
    "CallbackMismatchError",
    "TaskCallback",
]

ModelT = TypeVar("ModelT", bound="pydantic.BaseModel")
CallbackBody = bytes | str | Mapping[str, Any]


@dataclass(frozen=True)
class Callback:
    """What the spec's `x-task.callback` says about one create's callbacks."""

    lifecycle: Lifecycle
    task_id: tuple[str, ...]  # where the callback body has the task id


@dataclass(frozen=True)
class TaskCallback(Generic[ModelT]):
    """A callback body, read but not yet confirmed: what the sender claims.

    `raw` is the body as the poll operation's model, `provider_status` the gateway's own status
    value and `status` its meaning (`"pending"` for a status that does not end the task).
    `result` is the `TaskResult` the body describes once the task has ended, else None. Trust
    none of it before `confirm_callback`: the gateways do not sign their callbacks.
    """

    task_id: str
    provider_status: Any
    status: Literal["pending", "succeeded", "failed"]
    raw: ModelT
    result: TaskResult[ModelT] | None


class CallbackError(GatewayError, ValueError):
    """A callback body could not be read: not JSON, not the poll's format, or no task id.

    `body` is what was given (decoded as JSON where it could be).
    """

    def __init__(self, message: str, *, body: Any) -> None:
        super().__init__(message)
        self.message = message
        self.body = body


class CallbackMismatchError(TaskError):
    """Polling the task contradicts the callback: the callback must not be trusted.

    `claimed` is the callback as read; `polled` is the `TaskResult` the gateway's answer gives
    when that task has ended (None while it runs, or when the gateway knows no such task);
    `polled_status` is the gateway's own status value (None when there is no such task).
    """

    def __init__(
        self,
        message: str,
        *,
        task_id: str,
        claimed: TaskCallback[Any],
        polled_status: Any,
        polled: TaskResult[Any] | None,
    ) -> None:
        super().__init__(message, task_id=task_id)
        self.claimed = claimed
        self.polled_status = polled_status
        self.polled = polled


def read_callback(client: Any, callback: Callback, body: CallbackBody) -> TaskCallback[Any]:
    """Read a callback body (bytes, text or an already decoded mapping) into the poll's model."""
    import pydantic  # loaded with the models, not with the package

    lifecycle = callback.lifecycle
    decoded: Any = body
    if isinstance(body, (bytes, str)):
        try:
            decoded = json.loads(body)
        except ValueError as exc:
            raise CallbackError(
                f"The callback body is not JSON ({exc}); the gateway posts the task as JSON in "
                f"the format of {lifecycle.poll.name}. Pass the request's raw body.",
                body=body,
            ) from exc
    if not isinstance(decoded, Mapping):
        raise CallbackError(
            f"The callback body is a JSON {type(decoded).__name__}, not an object; the gateway "
            f"posts the task in the format of {lifecycle.poll.name}.",
            body=decoded,
        )
    model = client._model(lifecycle.poll.response_model)
    try:
        raw = model.model_validate(decoded)
    except pydantic.ValidationError as exc:
        problem = exc.errors(include_url=False)[0]
        where = ".".join(str(step) for step in problem["loc"]) or "(the body)"
        raise CallbackError(
            f"The callback body does not match {lifecycle.poll.name}'s answer, whose format "
            f"callbacks have: {where}: {problem['msg']} ({exc.error_count()} problem(s) in all).",
            body=decoded,
        ) from exc
    dumped = raw.model_dump(mode="json", by_alias=True)
    task_id = first(dumped, callback.task_id)
    if task_id is None or task_id == "":
        raise CallbackError(
            f"The callback body has no task id at {' or '.join(callback.task_id)}, so it cannot "
            "be confirmed; it was not sent by the gateway for one of your tasks.",
            body=decoded,
        )
    return _read(client, lifecycle, raw, dumped, str(task_id))


def confirmed(
    client: Any, callback: Callback, claimed: TaskCallback[Any], answer: Any
) -> TaskResult[Any] | None:
    """The task as the gateway's `answer` to a poll tells it, checked against the callback.

    Refuses a callback whose claim the answer contradicts: another task, or another ending.
    A callback that reports a running task is confirmed by any answer, since the task may have
    moved on since.
    """
    lifecycle = callback.lifecycle
    dumped = answer.model_dump(mode="json", by_alias=True)
    polled = _read(client, lifecycle, answer, dumped, claimed.task_id)
    answered_id = first(dumped, callback.task_id)
    task_id = claimed.task_id
    if answered_id is not None and str(answered_id) != task_id:
        raise CallbackMismatchError(
            f"The callback names task {task_id}, but polling it answered for task "
            f"{answered_id}: the callback is not trusted.",
            task_id=task_id,
            claimed=claimed,
            polled_status=polled.provider_status,
            polled=polled.result,
        )
    if answered_id is None and polled.provider_status is None:
        raise CallbackMismatchError(
            f"The callback names task {task_id}, but the gateway's answer to polling it holds "
            "no such task (no id, no status): the callback is not trusted.",
            task_id=task_id,
            claimed=claimed,
            polled_status=None,
            polled=None,
        )
    if claimed.status != "pending" and polled.status != claimed.status:
        now = "is still running" if polled.status == "pending" else f"ended {polled.status}"
        raise CallbackMismatchError(
            f"The callback says task {task_id} {claimed.status} (status "
            f"{claimed.provider_status!r}), but the gateway says it {now} (status "
            f"{polled.provider_status!r}): the callback is not trusted. The gateway's view is "
            "in .polled_status and .polled.",
            task_id=task_id,
            claimed=claimed,
            polled_status=polled.provider_status,
            polled=polled.result,
        )
    _record(client, lifecycle, polled)
    return polled.result


def _record(client: Any, lifecycle: Lifecycle, polled: TaskCallback[Any]) -> None:
    """Tell the client's task ledger (when it keeps one) what the confirming poll saw, as a
    wait's polls do, so that `gatewaygen tasks resume` does not wait for it again."""
    if getattr(client, "ledger", None) is None:
        return
    result = polled.result
    state = "created" if result is None else result.status
    reason = None if result is None or result.error is None else str(result.error)
    url = None if result is None or result.status != "succeeded" else result.video_url
    client._ledger_observed(
        lifecycle.create, polled.task_id, state, polled.provider_status, url, reason
    )


def unknown_task(claimed: TaskCallback[Any], error: APIError) -> APIError:
    """The error for a confirmation whose poll failed: a 404 means the gateway knows no such
    task for this API key, which refutes the callback; any other failure is left as it is."""
    if not isinstance(error, NotFoundError):
        return error
    mismatch = CallbackMismatchError(
        f"The callback names task {claimed.task_id}, but the gateway knows no such task for "
        "this API key (HTTP 404 to the poll): the callback is not trusted. The gateway's "
        "answer is the error's __cause__.",
        task_id=claimed.task_id,
        claimed=claimed,
        polled_status=None,
        polled=None,
    )
    mismatch.__cause__ = error
    return mismatch


def confirm_arguments(callback: Callback, claimed: TaskCallback[Any]) -> dict[str, Any]:
    """The keyword arguments of the runtime's `_request` that poll the callback's task."""
    return poll_arguments(callback.lifecycle, claimed.task_id)


def _read(
    client: Any, lifecycle: Lifecycle, raw: Any, dumped: Any, task_id: str
) -> TaskCallback[Any]:
    status_value = first(dumped, lifecycle.status)
    status: Literal["pending", "succeeded", "failed"] = "pending"
    if status_value in lifecycle.succeeded:
        status = "succeeded"
    elif status_value in lifecycle.failed:
        status = "failed"
    result: TaskResult[Any] | None = None
    if status != "pending":
        result = TaskResult(
            task_id=task_id,
            status=status,
            provider_status=status_value,
            video_url=first(dumped, lifecycle.video_url),
            error=first(dumped, lifecycle.error),
            raw=raw,
            progress=progress_percent(first(dumped, lifecycle.progress))
            if lifecycle.progress
            else None,
            _client=client,
            _lifecycle=lifecycle,
        )
    return TaskCallback(task_id, status_value, status, raw, result)
