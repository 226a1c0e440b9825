"""Our extensions in the intermediate model: a create's `x-task` with its poll resolved, and
the error format of `x-errors` (both already checked by the loader)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..load.document import iter_operations
from ..problems import Problem, pointer
from .examples import text
from .operations import Operation, Task
from .runtime_types import ErrorCode, ErrorFormat


def with_tasks(
    shown: str, doc: dict[str, Any], operations: list[Operation], notices: list[Problem]
) -> list[Operation]:
    """Attach each create's `x-task` (already checked by the loader) with its poll resolved.

    The poll is the first operation, in document order, with the operationId `x-task` names.
    When that operation was left out, the create stays a plain method, with a warning."""
    by_id: dict[str, Operation] = {}
    for operation in operations:
        by_id.setdefault(operation.operation_id, operation)
    raw_by_pointer = {pointer("paths", p, m): raw for p, m, raw in iter_operations(doc)}
    out = []
    for operation in operations:
        declared = raw_by_pointer[operation.pointer].get("x-task")
        poll = by_id.get(declared["poll"]) if declared else None
        if poll is not None and (poll.response_kind != "model" or poll.response_class is None):
            notices.append(
                Problem(
                    shown,
                    operation.pointer + "/x-task/poll",
                    f"the poll operation {poll.operation_id!r} does not answer with a JSON "
                    f"object, so {operation.method_name} has no task lifecycle",
                    "document the poll's 2xx body as an object schema; the create method is "
                    "generated without `_and_wait`",
                    rule="lifecycle",
                )
            )
        elif declared and declared["poll"] not in by_id:
            notices.append(
                Problem(
                    shown,
                    operation.pointer + "/x-task/poll",
                    f"the poll operation {declared['poll']!r} was left out, so "
                    f"{operation.method_name} has no task lifecycle",
                    "the warning about that operation says why; the create method is "
                    "generated without `_and_wait`",
                    rule="lifecycle",
                )
            )
        elif declared and poll is not None and poll.response_class is not None:
            argument = next(p for p in poll.parameters if p.json_name == declared["poll_argument"])

            def pointers(key: str, declared: dict[str, Any] = declared) -> tuple[str, ...]:
                return pointers_of(declared.get(key))

            operation = replace(
                operation,
                task=Task(
                    poll_method=poll.method_name,
                    poll_constant=poll.constant,
                    poll_response_class=poll.response_class,
                    poll_argument=argument.json_name,
                    poll_location=argument.location,
                    id=pointers("id"),
                    status=pointers("status"),
                    progress=pointers("progress"),
                    error=pointers("error"),
                    video_url=pointers("video_url"),
                    pending=tuple(declared.get("pending") or ()),
                    succeeded=tuple(declared["succeeded"]),
                    failed=tuple(declared["failed"]),
                    callback_url=(declared.get("callback") or {}).get("url"),
                    callback_task_id=pointers_of((declared.get("callback") or {}).get("task_id")),
                ),
            )
        out.append(operation)
    return out


def pointers_of(value: Any) -> tuple[str, ...]:
    """One JSON pointer or a list of them (as the extensions allow), as a tuple."""
    value = value or ()
    return (value,) if isinstance(value, str) else tuple(value)


def error_format(declared: dict[str, Any]) -> ErrorFormat:
    """The runtime's view of `x-errors` (validated by the loader)."""

    def pointers(key: str) -> tuple[str, ...]:
        value = declared.get(key) or ()
        return (value,) if isinstance(value, str) else tuple(value)

    codes: dict[str, ErrorCode] = {}
    for entry in declared.get("codes") or []:
        meaning = ErrorCode(
            meaning=text(entry["meaning"]),
            status=entry.get("status"),
            retry=entry.get("retry"),
            min_retry_delay=float(entry.get("min_retry_delay", 0.0)),
            advice=text(entry.get("advice")) or None,
        )
        for code in entry["codes"]:
            codes[str(code)] = meaning
    return ErrorFormat(
        code=pointers("code"),
        message=pointers("message"),
        request_id=pointers("request_id"),
        advice=pointers("advice"),
        codes=codes,
    )
