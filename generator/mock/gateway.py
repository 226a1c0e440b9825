"""What the mock knows about a provider, all read from its spec.

Routes (method and path of every operation), the JSON Schemas that requests are checked
against, the documented example each operation answers with, the provider's error body (from
`x-errors`) and success envelope (`x-envelope`), and for each create with an `x-task` where its
task's id, status, progress, failure reason and video URL go. Nothing here is per provider: a new
spec needs no new code.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from ..commands.locate import find_spec
from ..load.document import JSON, MISSING, iter_operations, resolve_ref
from ..load.extensions import schema_at
from ..load.loader import Spec, load_spec
from ..model.ir import Operation, Provider, Task, build_provider
from ..problems import pointer
from .formats import format_checker
from .pointers import conform, get, put, sample_of, steps

# The OpenAI-style error type per status, for an error body with a `type` beside its message
# whose schema names no value for that status.
_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "insufficient_quota_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_error",
    500: "internal_server_error",
    502: "upstream_error",
    503: "service_unavailable_error",
}


@dataclass(frozen=True)
class Parameter:
    """A path or query parameter and the validator of its schema."""

    name: str
    location: str  # "path" or "query"
    required: bool
    schema: dict[str, Any]
    validator: Draft202012Validator


@dataclass(frozen=True)
class TaskPlan:
    """How a create's tasks appear in the answers: its `x-task`, resolved against the schemas."""

    create: str  # the create's operationId
    poll: str  # the poll's operationId
    task: Task
    pending: tuple[Any, ...]  # the statuses a running task goes through, in order
    create_status: tuple[str, ...]  # status pointers that resolve in the create's answer
    poll_id: tuple[str, ...]  # where the poll's answer carries the task id
    item: str | None  # the task's item in a poll answer that lists tasks ("/data/0")
    progress_schema: dict[str, Any] | None
    numeric_ids: bool  # the documented ids are digits, so the mock's are too

    @property
    def keep(self) -> int:
        """How many tokens of a poll pointer lead to the task itself (never taken out)."""
        return len(steps(self.item)) if self.item else 0


@dataclass(frozen=True)
class Route:
    """One operation as the mock serves it."""

    operation: Operation
    path: str  # the Starlette path, parameters renamed where the spec's names are not Python's
    names: dict[str, str]  # Starlette parameter name -> the spec's name
    status: int  # of the success answer
    schema: Any  # of the success answer
    template: Any  # the documented example the success answer is made from
    parameters: tuple[Parameter, ...]
    body: Draft202012Validator | None
    body_required: bool
    auth: bool  # whether the spec asks for a bearer token
    error_schemas: dict[str, Any]  # response key ("400", "4XX", "default") -> schema
    plan: TaskPlan | None = None  # on a create with an `x-task`
    polls: bool = False  # whether some create's tasks are polled here


class Gateway:
    """A provider's spec, read once into what the mock's handlers need."""

    def __init__(self, spec: Spec, provider: Provider | None = None) -> None:
        self.spec = spec
        self.name = spec.name
        self.document = document = spec.document
        self.provider = provider = provider or build_provider(spec)
        registry: Registry[Any] = Registry().with_resource(
            "urn:spec", DRAFT202012.create_resource(document)
        )
        formats = format_checker()

        def validator(at: str) -> Draft202012Validator:
            return Draft202012Validator(
                {"$ref": "urn:spec#" + at}, registry=registry, format_checker=formats
            )

        raw = {
            pointer("paths", path, method): (path, method, op)
            for path, method, op in iter_operations(document)
        }
        schemes = (document.get("components") or {}).get("securitySchemes") or {}
        routes: dict[str, Route] = {}
        self.descriptions: dict[int, str] = {}  # status -> the responses' descriptions
        for operation in provider.operations:
            path, method, op = raw[operation.pointer]
            at = pointer("paths", path, method)
            parameters = []
            for index, declared in enumerate(op.get("parameters") or []):
                where = declared["$ref"][1:] if "$ref" in declared else f"{at}/parameters/{index}"
                param = resolve_ref(document, declared)
                if param.get("in") not in ("path", "query"):
                    continue
                parameters.append(
                    Parameter(
                        name=param["name"],
                        location=param["in"],
                        required=bool(param.get("required")) or param["in"] == "path",
                        schema=resolve_ref(document, param.get("schema") or {}),
                        validator=validator(where + "/schema"),
                    )
                )
            body = None
            required = False
            if "requestBody" in op:
                declared = op["requestBody"]
                where = declared["$ref"][1:] if "$ref" in declared else f"{at}/requestBody"
                required = bool(resolve_ref(document, declared).get("required"))
                body = validator(where + pointer("content", JSON, "schema"))
            responses: dict[str, Any] = {}
            for key, response in (op.get("responses") or {}).items():
                response = resolve_ref(document, response)
                media = (response.get("content") or {}).get(JSON) or {}
                responses[str(key)] = media.get("schema")
                if str(key).isdigit() and response.get("description"):
                    self.descriptions.setdefault(int(key), str(response["description"]))
            success = min(k for k in responses if k.startswith("2"))
            security = op.get("security", document.get("security")) or []
            auth = any(
                (schemes.get(name) or {}).get("scheme", "").lower() == "bearer"
                for requirement in security
                for name in requirement
            )
            good = [e.value for e in operation.response_examples if not e.defect]
            schema = responses[success]
            starlette_path, names = _starlette_path(path)
            routes[operation.operation_id] = Route(
                operation=operation,
                path=starlette_path,
                names=names,
                status=int(success) if success.isdigit() else 200,
                schema=schema,
                template=good[0] if good else sample_of(document, schema),
                parameters=tuple(parameters),
                body=body,
                body_required=required,
                auth=auth,
                error_schemas={k: v for k, v in responses.items() if not k.startswith("2") and v},
            )
        by_method = {r.operation.method_name: r for r in routes.values()}
        for key, route in list(routes.items()):
            task = route.operation.task
            if task is None:
                continue
            poll = by_method[task.poll_method]
            routes[key] = replace(route, plan=self._plan(route, poll, task))
            routes[poll.operation.operation_id] = replace(
                routes[poll.operation.operation_id], polls=True
            )
        self.routes = routes
        self.plans = {r.operation.operation_id: r.plan for r in routes.values() if r.plan}
        self._codes = [
            entry
            for entry in (document.get("x-errors") or {}).get("codes") or []
            if isinstance(entry, dict)
        ]

    def _plan(self, create: Route, poll: Route, task: Task) -> TaskPlan:
        document = self.document

        def resolves(schema: Any, where: str) -> bool:
            return schema_at(document, schema, where) is not None

        poll_id = tuple(p for p in task.id if resolves(poll.schema, p))
        if not poll_id and task.status:
            # The poll's answer keeps the id beside the status (/data/0/id beside /data/0/status).
            base = task.status[0].rsplit("/", 1)[0]
            poll_id = tuple(
                base + "/" + p.rsplit("/", 1)[1]
                for p in task.id
                if resolves(poll.schema, base + "/" + p.rsplit("/", 1)[1])
            )
        item = None
        if task.status:
            tokens = task.status[0].split("/")
            digits = [i for i, t in enumerate(tokens) if t.isdigit()]
            item = "/".join(tokens[: digits[0] + 1]) if digits else None
        pending = task.pending
        if not pending:
            status_schema = (
                next(
                    (
                        schema_at(document, poll.schema, p)
                        for p in task.status
                        if resolves(poll.schema, p)
                    ),
                    None,
                )
                or {}
            )
            known = status_schema.get("enum") or status_schema.get("x-known-values") or []
            ended = set(task.succeeded) | set(task.failed)
            pending = tuple(v for v in known if v not in ended)[:1] or ("pending",)
        example_id = next(
            (get(create.template, p) for p in task.id if get(create.template, p) is not MISSING),
            None,
        )
        return TaskPlan(
            create=create.operation.operation_id,
            poll=poll.operation.operation_id,
            task=task,
            pending=pending,
            create_status=tuple(p for p in task.status if resolves(create.schema, p)),
            poll_id=poll_id,
            item=item,
            progress_schema=next(
                (schema_at(document, poll.schema, p) for p in task.progress),
                None,
            ),
            numeric_ids=isinstance(example_id, str) and example_id.isdigit(),
        )

    # -- checking requests ---------------------------------------------------------------------

    def check_parameters(
        self, route: Route, given: dict[str, str | None]
    ) -> tuple[dict[str, Any], str | None]:
        """The parameters' values (typed as their schemas say), or the first problem found."""
        values: dict[str, Any] = {}
        for param in route.parameters:
            text = given.get(param.name)
            if text is None:
                if param.required:
                    return values, f"the {param.location} parameter {param.name} is required"
                continue
            value = _typed(text, param.schema)
            error = best_match(param.validator.iter_errors(value))
            if error is not None:
                return values, _describe(error, f"{param.location} parameter {param.name}")
            values[param.name] = value
        return values, None

    def check_body(self, route: Route, body: Any) -> str | None:
        """The first problem of a request body, naming the field and the rule; else None."""
        if route.body is None:
            return None
        if body is MISSING:
            return "a JSON request body is required" if route.body_required else None
        error = best_match(route.body.iter_errors(body))
        return None if error is None else _describe(error, "")

    # -- answers -------------------------------------------------------------------------------

    def answer(self, route: Route) -> Any:
        """A fresh copy of the documented example an operation answers with."""
        return copy.deepcopy(route.template)

    def envelope(self, body: Any, request_id: str) -> Any:
        """The success envelope's code, message and request id, where the spec has one."""
        envelope = self.provider.envelope
        if envelope is None or not isinstance(body, dict):
            return body
        put(body, envelope.code, envelope.success[0])
        if envelope.message and not isinstance(get(body, envelope.message), str):
            put(body, envelope.message, "success")
        if envelope.request_id:
            put(body, envelope.request_id, request_id)
        return body

    def error_schema(self, status: int, route: Route | None) -> Any:
        """The documented schema of an error answer with `status`: the operation's own for that
        status, its `4XX`/`default`, or else any error schema the spec documents."""
        keys = (str(status), f"{status // 100}XX", "default")
        candidates = [route] if route else []
        candidates += [r for r in self.routes.values() if r is not route]
        for key in keys:
            for candidate in candidates:
                if candidate.error_schemas.get(key):
                    return candidate.error_schemas[key]
        for candidate in candidates:
            for schema in candidate.error_schemas.values():
                return schema
        return None

    def provider_code(self, status: int) -> Any:
        """The provider's own code for an HTTP status: the first `x-errors.codes` entry with that
        status (preferring one that says retrying helps), else the status itself."""
        matching = [e for e in self._codes if e.get("status") == status and e.get("codes")]
        preferred = [e for e in matching if e.get("retry") is not False] or matching
        return preferred[0]["codes"][0] if preferred else status

    def error_body(
        self, status: int, message: str, *, route: Route | None = None, request_id: str = ""
    ) -> dict[str, Any]:
        """An error body in the provider's shape (`x-errors`), fitting its documented schema."""
        errors = self.provider.errors
        schema = self.error_schema(status, route)
        code_at = errors.code[0] if errors.code else "/error/code"
        message_at = errors.message[0] if errors.message else "/error/message"
        body: dict[str, Any] = {}
        put(body, code_at, conform(self.provider_code(status), self._at(schema, code_at)))
        put(body, message_at, message)
        if errors.request_id and request_id:
            put(body, errors.request_id[0], request_id)
        type_at = message_at.rsplit("/", 1)[0] + "/type"
        type_schema = self._at(schema, type_at)
        if type_schema is not None and get(body, type_at) is MISSING:
            kind = self._error_type(status, type_schema)
            if kind is not None:
                put(body, type_at, kind)
        return body

    def _at(self, schema: Any, where: str) -> dict[str, Any] | None:
        return schema_at(self.document, schema, where) if schema is not None else None

    def _error_type(self, status: int, schema: dict[str, Any]) -> str | None:
        """The error type for `status`: the documented value the status's description names,
        else the usual OpenAI-style name where the schema allows it."""
        known = schema.get("enum") or schema.get("x-known-values")
        usual = _ERROR_TYPES.get(status, "server_error" if status >= 500 else "api_error")
        if not known:
            return usual
        described = self.descriptions.get(status, "")
        named = [v for v in known if isinstance(v, str) and v in described]
        if named:
            return max(named, key=len)
        return usual if usual in known else None


def load_gateway(
    provider: str | os.PathLike[str], specs_dir: str | os.PathLike[str] | None = None
) -> Gateway:
    """The gateway of a provider name (looked up in `specs_dir`, else in the project and the
    specs installed with gatewaygen) or a spec file.

    Raises `ValueError` when there is no such spec and `SpecError` when it is not a valid one.
    """
    path = find_spec(provider, specs_dir)
    stat = path.stat()
    return _load(path, path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _load(path: Path, resolved: Path, mtime: int, size: int) -> Gateway:
    """Checking a spec takes a few tenths of a second: do it once per version of the file (a
    Gateway holds no state that requests change)."""
    return Gateway(load_spec(path))


def _starlette_path(path: str) -> tuple[str, dict[str, str]]:
    """The path in Starlette's syntax; a parameter name that is not an identifier is renamed."""
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        safe = name if name.isidentifier() else f"p{len(names)}"
        names[safe] = name
        return "{" + safe + "}"

    return re.sub(r"\{([^{}/]+)\}", rename, path), names


def _typed(text: str, schema: dict[str, Any]) -> Any:
    """A path or query value as its schema types it ("true" -> True, "5" -> 5)."""
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds or []
    if "string" in kinds or not kinds:
        return text
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    for kind, convert in (("integer", int), ("number", float)):
        if kind in kinds:
            try:
                return convert(text)
            except ValueError:
                pass
    return text


def _describe(error: ValidationError, prefix: str) -> str:
    """A validation error as `field: what is wrong (rule)`, the field named as a caller writes
    it: `settings.duration`, `contents[0].url`."""
    path = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        required: list[Any] = list(error.validator_value)  # type: ignore[arg-type]
        missing = [n for n in required if n not in error.instance]
        path += missing[:1]
    field = ""
    for step in path:
        field += f"[{step}]" if isinstance(step, int) else (f".{step}" if field else str(step))
    where = " ".join(part for part in (prefix, field) if part) or "the body"
    message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
    return f"{where}: {message} (rule: {error.validator})"
