"""Our OpenAPI extensions: their JSON Schemas, and the checks a schema cannot express.

- `x-envelope` (top level): where a 2xx body reports a failure.
- `x-errors` (top level): where an error body keeps the provider's code, message and request id,
  and what the provider's codes mean for retrying.
- `x-paid-task` (operation): the operation creates a task the caller pays for, so it is never
  resent blindly; `idempotency_key` points at the body field the provider deduplicates on.
- `x-task` (operation): how a create's task is polled, and (its `callback`) where the create
  takes a callback URL and where the callback body, in the poll's format, has the task id.
- `x-public-url` (schema): a URL the gateway itself will call, so it must not be private.
- `x-placeholders` (example): values in a documented example that a caller must substitute
  (a page's template variable such as "{{first_frame_url}}"), by JSON pointer into the value.

specs/README.md describes them for spec writers; the generator reads them through the IR.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema_rs

from ..problems import Problem, pointer
from .document import MISSING, iter_operations, lookup, resolve_ref

_POINTER = {
    "type": "string",
    "pattern": "^(/[^/]*)+$",
    "description": "a JSON pointer into the body, such as '/error/code'",
}
_POINTERS = {
    "oneOf": [_POINTER, {"type": "array", "items": _POINTER, "minItems": 1}],
    "description": "a JSON pointer into the body, such as '/error/code', or a list of them",
}
PROVENANCE_STATUSES = ("documented", "documented-elsewhere", "inferred")
_PROVENANCE = {
    "type": "object",
    "required": ["status", "source"],
    "properties": {
        "status": {"enum": list(PROVENANCE_STATUSES)},
        "source": {"type": "string", "minLength": 1},
        "reason": {"type": "string", "minLength": 1},
    },
    "if": {"properties": {"status": {"enum": ["documented-elsewhere", "inferred"]}}},
    "then": {"required": ["reason"]},
}

ENVELOPE: dict[str, Any] = {
    "type": "object",
    "required": ["code", "success"],
    "properties": {
        "code": _POINTER,
        "success": {"type": "array", "minItems": 1},
        "message": _POINTER,
        "request_id": _POINTER,
    },
    "additionalProperties": False,
}

ERRORS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "code": _POINTERS,
        "message": _POINTERS,
        "request_id": _POINTERS,
        "advice": _POINTERS,
        "codes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["codes", "meaning"],
                "properties": {
                    "codes": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"type": ["integer", "string"]},
                    },
                    "meaning": {"type": "string", "minLength": 1},
                    "status": {"type": "integer", "minimum": 100, "maximum": 599},
                    "retry": {"type": "boolean"},
                    "min_retry_delay": {"type": "number", "minimum": 0, "maximum": 60},
                    "advice": {"type": "string", "minLength": 1},
                },
                "patternProperties": {"^x-": {}},
                "additionalProperties": False,
            },
        },
        "x-provenance": _PROVENANCE,
    },
    "patternProperties": {"^x-": {}},
    "additionalProperties": False,
}

PAID_TASK: dict[str, Any] = {
    "description": "true, or an object whose idempotency_key is a JSON pointer into the body",
    "oneOf": [
        {"const": True},
        {
            "type": "object",
            "properties": {"idempotency_key": _POINTER, "x-provenance": _PROVENANCE},
            "patternProperties": {"^x-": {}},
            "additionalProperties": False,
        },
    ],
}

_STATUSES = {"type": "array", "minItems": 1, "items": {"type": ["string", "integer"]}}

CALLBACK: dict[str, Any] = {
    "type": "object",
    "required": ["url", "task_id", "x-provenance"],
    "properties": {
        "url": _POINTER,
        "task_id": _POINTERS,
        "x-provenance": _PROVENANCE,
    },
    "patternProperties": {"^x-": {}},
    "additionalProperties": False,
}

TASK: dict[str, Any] = {
    "type": "object",
    "required": ["poll", "poll_argument", "id", "status", "succeeded", "failed"],
    "properties": {
        "poll": {"type": "string", "minLength": 1},
        "poll_argument": {"type": "string", "minLength": 1},
        "id": _POINTERS,
        "status": _POINTERS,
        "progress": _POINTERS,
        "error": _POINTERS,
        "video_url": _POINTERS,
        "pending": _STATUSES,
        "succeeded": _STATUSES,
        "failed": _STATUSES,
        "callback": CALLBACK,
        "x-provenance": _PROVENANCE,
    },
    "patternProperties": {"^x-": {}},
    "additionalProperties": False,
}

_FIXES = {
    "x-envelope": "write it as {code: /code, success: [0], message: /message}",
    "x-errors": (
        "write it as {code: /error/code, message: /error/message, codes: [{codes: [1303], "
        "meaning: ..., status: 429, retry: true, min_retry_delay: 1}]}"
    ),
    "x-paid-task": "write `x-paid-task: true`, or {idempotency_key: /pointer/into/the/body}",
    "x-task": (
        "write it as {poll: getTask, poll_argument: task_id, id: /id, status: /status, "
        "succeeded: [completed], failed: [failed]}, with progress, error and video_url pointers "
        "where the poll response has them"
    ),
}
_FIX_CALLBACK = (
    "write it as callback: {url: /callback_url, task_id: /id, x-provenance: {status: ..., "
    "source: ..., reason: ...}}: the body field that takes the URL, where the callback body "
    "(the poll's format) has the task id, and where that is documented"
)


def _surely_valid(schema: dict[str, Any], value: Any) -> bool:
    """Whether jsonschema-rs finds `value` valid; False also when it cannot read the value (an
    integer beyond 64 bits), which leaves the answer to jsonschema."""
    try:
        return bool(jsonschema_rs.is_valid(schema, value))
    except (ValueError, OverflowError):
        return False


def extension_problems(shown: str, document: dict[str, Any]) -> Iterator[Problem]:
    """Structural problems of our extensions, then whether their pointers resolve."""
    checks: list[tuple[str, Any, dict[str, Any]]] = []
    for name, schema in (("x-envelope", ENVELOPE), ("x-errors", ERRORS)):
        if name in document:
            checks.append((pointer(name), document[name], schema))
    for path, method, operation in iter_operations(document):
        for name, schema in (("x-paid-task", PAID_TASK), ("x-task", TASK)):
            if name in operation:
                checks.append((pointer("paths", path, method, name), operation[name], schema))
    for where, value, schema in checks:
        if _surely_valid(schema, value):
            continue
        # jsonschema phrases the problems (its errors carry the failing subschema, which the
        # messages below need); importing it costs more than checking every valid value.
        from jsonschema import Draft202012Validator

        name = where.rsplit("/", 1)[-1]
        for error in Draft202012Validator(schema).iter_errors(value):
            message = error.message
            if error.validator in ("oneOf", "pattern") and "description" in error.schema:
                shown_value = repr(error.instance)
                if len(shown_value) > 80:
                    shown_value = shown_value[:77] + "..."
                message = f"{shown_value} is not {error.schema['description']}"
            elif error.validator == "additionalProperties":
                known = list(error.schema.get("properties") or {})
                unknown = [k for k in error.instance if k not in known and not k.startswith("x-")]
                message = (
                    f"unknown key{'s' if len(unknown) > 1 else ''} "
                    f"{', '.join(map(repr, unknown))}; the keys are {', '.join(known)}"
                )
            steps_in = list(error.absolute_path)
            in_callback = name == "x-task" and steps_in[:1] == ["callback"]
            yield Problem(
                shown,
                where + pointer(*steps_in),
                f"not a valid {name}{' callback' if in_callback else ''}: {message}",
                _FIX_CALLBACK if in_callback else _FIXES[name],
                rule="extension",
            )
    yield from _task_problems(shown, document)
    yield from _placeholder_problems(shown, document.get("paths") or {}, "/paths")
    yield from _placeholder_problems(shown, document.get("components") or {}, "/components")
    for path, method, operation in iter_operations(document):
        paid = operation.get("x-paid-task")
        if not isinstance(paid, dict) or not isinstance(paid.get("idempotency_key"), str):
            continue
        at = pointer("paths", path, method, "x-paid-task", "idempotency_key")
        body = resolve_ref(document, operation.get("requestBody") or {})
        body_schema = ((body.get("content") or {}).get("application/json") or {}).get("schema")
        key = paid["idempotency_key"]
        if body_schema is None:
            yield Problem(
                shown,
                at,
                "an idempotency key needs a JSON request body, and this operation has none",
                "remove idempotency_key, or describe the request body",
                rule="extension",
            )
        elif schema_at(document, body_schema, key) is None:
            yield Problem(
                shown,
                at,
                f"{key!r} names no property of the request body",
                "point at the body field the provider deduplicates on, such as "
                "'/options/external_task_id'",
                rule="extension",
            )


def _success_schema(document: dict[str, Any], operation: dict[str, Any]) -> Any:
    """The JSON schema of an operation's first 2xx response, or None."""
    for status in sorted(str(s) for s in operation.get("responses") or {}):
        if status.startswith("2"):
            response = resolve_ref(document, operation["responses"][status] or {})
            media = (response.get("content") or {}).get("application/json") or {}
            return media.get("schema")
    return None


def _task_problems(shown: str, document: dict[str, Any]) -> Iterator[Problem]:
    """An `x-task` names a real poll operation and argument, and its pointers resolve."""
    by_id = {op.get("operationId"): op for _, _, op in iter_operations(document)}
    for path, method, operation in iter_operations(document):
        task = operation.get("x-task")
        if not isinstance(task, dict) or not isinstance(task.get("poll"), str):
            continue  # the structural check reported it
        at = pointer("paths", path, method, "x-task")
        poll = by_id.get(task["poll"])
        if poll is None:
            yield Problem(
                shown,
                at + "/poll",
                f"no operation has the operationId {task['poll']!r}",
                "name the operation that queries the task: one of "
                + ", ".join(repr(k) for k in by_id if k),
                rule="lifecycle",
            )
            continue
        names = [resolve_ref(document, p).get("name") for p in poll.get("parameters") or []]
        if task.get("poll_argument") not in names:
            yield Problem(
                shown,
                at + "/poll_argument",
                f"{task.get('poll_argument')!r} is not a parameter of {task['poll']}",
                "name the path or query parameter that takes the task id: one of "
                + ", ".join(repr(n) for n in names),
                rule="lifecycle",
            )
        created = _success_schema(document, operation)
        polled = _success_schema(document, poll)
        for key, schema, where in (
            ("id", created, "the create's success response"),
            ("status", polled, f"the success response of {task['poll']}"),
            ("progress", polled, f"the success response of {task['poll']}"),
            ("error", polled, f"the success response of {task['poll']}"),
            ("video_url", polled, f"the success response of {task['poll']}"),
        ):
            value = task.get(key)
            pointers = (
                [value] if isinstance(value, str) else value if isinstance(value, list) else []
            )
            for index, item in enumerate(pointers):
                if not isinstance(item, str) or schema_at(document, schema, item) is not None:
                    continue
                yield Problem(
                    shown,
                    at + f"/{key}" + (f"/{index}" if isinstance(value, list) else ""),
                    f"{item!r} does not resolve in {where}",
                    "point at a property of that response's schema (a number steps into an "
                    "array, as in /data/0/status)",
                    rule="lifecycle",
                )
        yield from _callback_problems(shown, document, operation, task, at, polled)
        status_schema = None
        for item in (
            [task["status"]] if isinstance(task.get("status"), str) else task.get("status") or []
        ):
            status_schema = status_schema or schema_at(document, polled, item)
        known = None
        if status_schema is not None:
            # The documented values and the known ones beside them (a status the docs imply).
            known = [
                *(status_schema.get("enum") or ()),
                *(status_schema.get("x-known-values") or ()),
            ]
        if known:
            for key in ("pending", "succeeded", "failed"):
                for index, value in enumerate(task.get(key) or []):
                    if value not in known:
                        yield Problem(
                            shown,
                            f"{at}/{key}/{index}",
                            f"{value!r} is not one of the status values the poll response "
                            f"documents ({', '.join(map(repr, known))})",
                            "use the provider's own status value, or document it in the "
                            "status schema's enum or x-known-values",
                            rule="lifecycle",
                        )


def _callback_problems(
    shown: str,
    document: dict[str, Any],
    operation: dict[str, Any],
    task: dict[str, Any],
    at: str,
    polled: Any,
) -> Iterator[Problem]:
    """An `x-task.callback` names a string field of the create's body, and its `task_id`
    pointers resolve in the poll's answer (the callback body has the poll's format)."""
    callback = task.get("callback")
    if not isinstance(callback, dict):
        return
    url = callback.get("url")
    if isinstance(url, str):
        body = resolve_ref(document, operation.get("requestBody") or {})
        body_schema = ((body.get("content") or {}).get("application/json") or {}).get("schema")
        target = schema_at(document, body_schema, url) if body_schema is not None else None
        if target is None:
            yield Problem(
                shown,
                at + "/callback/url",
                f"{url!r} names no property of the create's request body"
                if body_schema is not None
                else "a callback URL needs a JSON request body, and this operation has none",
                "point at the body field that takes the callback URL, such as '/callback_url' "
                "or '/options/callback_url'",
                rule="lifecycle",
            )
        elif target.get("type") != "string":
            yield Problem(
                shown,
                at + "/callback/url",
                f"{url!r} is not a string field (its type is {target.get('type')!r})",
                "point at the string field that takes the callback URL",
                rule="lifecycle",
            )
    value = callback.get("task_id")
    pointers = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    for index, item in enumerate(pointers):
        if not isinstance(item, str) or schema_at(document, polled, item) is not None:
            continue
        yield Problem(
            shown,
            at + "/callback/task_id" + (f"/{index}" if isinstance(value, list) else ""),
            f"{item!r} does not resolve in the success response of {task['poll']}, whose "
            "format the callback body has",
            "point at the task id in the poll's answer, such as '/id' or '/data/0/id'",
            rule="lifecycle",
        )


def _placeholder_problems(shown: str, node: Any, where: str) -> Iterator[Problem]:
    """Every `x-placeholders` pointer of an example names a string inside its value."""
    if isinstance(node, dict):
        declared = node.get("x-placeholders")
        if declared is not None and "value" in node:
            at = where + "/x-placeholders"
            if not isinstance(declared, list):
                yield Problem(
                    shown,
                    at,
                    "x-placeholders is not a list",
                    _FIX_PLACEHOLDERS,
                    rule="placeholders",
                )
                declared = []
            for index, item in enumerate(declared):
                target = (
                    lookup(node["value"], "#" + item)
                    if isinstance(item, str) and item.startswith("/")
                    else MISSING
                )
                if not isinstance(target, str):
                    yield Problem(
                        shown,
                        f"{at}/{index}",
                        f"{item!r} does not point at a string in the example's value",
                        _FIX_PLACEHOLDERS,
                        rule="placeholders",
                    )
        for key, value in node.items():
            yield from _placeholder_problems(shown, value, where + pointer(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _placeholder_problems(shown, item, f"{where}/{index}")


_FIX_PLACEHOLDERS = (
    "list JSON pointers into `value`, such as [/contents/0/url], one per placeholder string"
)


def schema_at(document: dict[str, Any], schema: Any, json_pointer: str) -> dict[str, Any] | None:
    """The schema of the value at `json_pointer` inside values of `schema`, if it has one.

    `$ref`s are followed; a number steps into array items; every branch of `allOf`, `oneOf` and
    `anyOf` is tried.
    """
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in json_pointer.split("/")[1:]]
    return _schema_at(document, schema, tokens, depth=0)


def _schema_at(
    document: dict[str, Any], schema: Any, tokens: list[str], depth: int
) -> dict[str, Any] | None:
    if depth > 50 or not isinstance(schema, dict):
        return None
    resolved: dict[str, Any] = resolve_ref(document, schema)
    if not tokens:
        return resolved
    head, rest = tokens[0], tokens[1:]
    found = None
    properties = resolved.get("properties") or {}
    if head in properties:
        found = _schema_at(document, properties[head], rest, depth + 1)
    elif head.isdigit() and isinstance(resolved.get("items"), dict):
        found = _schema_at(document, resolved["items"], rest, depth + 1)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for branch in resolved.get(keyword) or []:
            if found is None:
                found = _schema_at(document, branch, tokens, depth + 1)
    return found
