"""Stage 2: the intermediate model. Every name the output uses is decided here, once.

The templates and the model emitter read only these dataclasses; nothing after this stage looks
at the spec document again. The dataclasses of an operation are in `operations`; renaming
passes in `renames`; our extensions (`x-task`, `x-errors`) in `lifecycle`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from typing import Any

from ..load.document import iter_operations
from ..load.loader import Spec
from ..problems import Problem, SpecError, pointer
from .bodies import build_body
from .errors import inferred_error_format
from .examples import text
from .lifecycle import error_format, with_tasks
from .namespaces import Namespace, build_namespaces
from .operations import (
    CLIENT_ATTRIBUTES,
    Example,
    Operation,
    Parameter,
    Response,
    Task,
    client_members,
)
from .parameters import build_parameters
from .renames import (
    OperationName,
    distinct_arguments,
    give_way,
    operation_label,
    operation_names,
    with_method_names,
)
from .responses import build_responses, primary_response
from .runtime_types import Envelope, ErrorFormat, SecurityScheme
from .schemas import SchemaSet
from .security import build_security, operation_security
from .site import Site

__all__ = [
    "CLIENT_ATTRIBUTES",
    "Example",
    "Operation",
    "Parameter",
    "Provider",
    "Response",
    "Task",
    "build_provider",
    "client_members",
]


@dataclass(frozen=True)
class Provider:
    """Everything needed to write one provider's package."""

    name: str
    spec_file: str
    title: str
    description: str
    package: str
    distribution: str
    spec_version: str  # the spec's info.version
    api_key_env: str
    base_url_env: str
    default_base_url: str | None
    envelope: Envelope | None
    errors: ErrorFormat
    operations: tuple[Operation, ...]
    schemas: dict[str, dict[str, Any]] = field(repr=False)
    #: Names that had to give way (an operation named after a client member, an option that
    #: yields to a documented field): warnings for `generate` and `validate`, not errors.
    notices: tuple[Problem, ...] = ()
    #: The document's security schemes and default requirement (see `security`); the default
    #: None keeps the gateways' way: a key demanded up front, sent as a bearer token.
    security_schemes: dict[str, SecurityScheme] = field(default_factory=dict)
    security: tuple[tuple[str, ...], ...] | None = None
    #: A big API's groups of methods (`client.pets.list_pets`); () keeps every method flat.
    namespaces: tuple[Namespace, ...] = ()

    @property
    def flat_operations(self) -> tuple[Operation, ...]:
        """The operations whose methods are the client's own (not in a namespace)."""
        return () if self.namespaces else self.operations

    @property
    def model_names(self) -> tuple[str, ...]:
        """The classes of `models.py`: the object schemas (others are written inline)."""
        from .model_shapes import model_schemas

        return tuple(model_schemas(self))

    @property
    def task_operations(self) -> tuple[Operation, ...]:
        """The create operations that start a task with a declared lifecycle."""
        return tuple(op for op in self.operations if op.task is not None)

    def operation(self, name: str) -> Operation:
        """An operation by operationId or method name, in any case (`createTask`,
        `create_task`); `LookupError` names the choices."""
        for operation in self.operations:
            if name.lower() in (operation.operation_id.lower(), operation.method_name.lower()):
                return operation
        choices = ", ".join(f"{op.operation_id} ({op.method_name})" for op in self.operations)
        names = [n for op in self.operations for n in (op.method_name, op.operation_id)]
        raise LookupError(
            f"{self.name} has no operation {name!r}{did_you_mean(name, names)}; it has {choices}"
        )

    @property
    def callback_operations(self) -> tuple[Operation, ...]:
        """The create operations whose provider calls a callback URL when the task ends."""
        return tuple(op for op in self.task_operations if op.task and op.task.callback_url)

    @property
    def callback_annotation(self) -> str:
        """The poll models a callback body is parsed into, as one annotation."""
        classes = dict.fromkeys(
            f"models.{op.task.poll_response_class}" for op in self.callback_operations if op.task
        )
        return " | ".join(classes)

    @property
    def task_result_annotation(self) -> str:
        """What `wait_for_task` returns: a TaskResult of the poll responses' models."""
        classes = dict.fromkeys(
            f"models.{op.task.poll_response_class}" for op in self.task_operations if op.task
        )
        return f"TaskResult[{' | '.join(classes)}]"


def build_provider(spec: Spec) -> Provider:
    """The intermediate model of one loaded spec.

    One operation's problem never stops the others: an operation that cannot be built is left
    out, with a warning (rule `left-out`) naming it and the reason. The load stage's warnings
    come first in `notices`, then the model stage's in document order."""
    doc = spec.document
    shown = spec.display_path
    schemas = SchemaSet(shown, doc)
    notices: list[Problem] = list(getattr(spec, "warnings", ()))
    names = operation_names(shown, doc, notices)
    security = build_security(shown, doc, notices)
    operations = []
    for path, method, raw in iter_operations(doc):
        at = pointer("paths", path, method)
        operation = _build_or_leave_out(shown, doc, schemas, path, method, raw, names[at], notices)
        if operation is not None:
            own = operation_security(security, raw)
            operations.append(replace(operation, security=own))
    notices += schemas.notices  # models named otherwise than asked for
    operations = give_way(shown, with_method_names(shown, doc, operations, notices), notices)
    operations = with_tasks(shown, doc, operations, notices)
    info = doc.get("info") or {}
    servers = doc.get("servers") or []
    envelope = doc.get("x-envelope")
    return Provider(
        name=spec.name,
        spec_file=shown,
        title=text(info.get("title")) or spec.name,
        description=str(info.get("description") or "").strip(),
        package=f"{spec.name}_client",
        distribution=f"{spec.name.replace('_', '-')}-client",
        spec_version=str(info.get("version", "")),
        api_key_env=f"{spec.name.upper()}_API_KEY",
        base_url_env=f"{spec.name.upper()}_BASE_URL",
        default_base_url=_default_base_url(servers),
        envelope=Envelope(
            code=envelope["code"],
            success=tuple(envelope["success"]),
            message=envelope.get("message"),
            request_id=envelope.get("request_id"),
        )
        if envelope
        else None,
        # x-errors when the spec declares it; else what its error responses' schemas show.
        errors=error_format(doc["x-errors"]) if doc.get("x-errors") else inferred_error_format(doc),
        operations=tuple(operations),
        schemas=schemas.schemas,
        notices=tuple(notices),
        security_schemes=security.schemes,
        security=security.default,
        namespaces=build_namespaces(doc, tuple(operations)),
    )


def _default_base_url(servers: list[Any]) -> str | None:
    """The first server's URL. A published document's server whose url had the wrong type was
    kept without it by the load stage (with a warning): then there is no default."""
    url = servers[0].get("url") if servers and isinstance(servers[0], dict) else None
    return url.rstrip("/") if isinstance(url, str) else None


def _build_or_leave_out(
    shown: str,
    doc: dict[str, Any],
    schemas: SchemaSet,
    path: str,
    method: str,
    raw: dict[str, Any],
    name: OperationName,
    notices: list[Problem],
) -> Operation | None:
    """The operation, or None with a `left-out` warning for each reason it cannot be built."""
    at = pointer("paths", path, method)
    problems: list[Problem] = []
    site = Site(shown, doc, schemas, at, name.operation_id, name.stem, problems)
    try:
        operation = _build_operation(site, path, method, raw, name)
    except SpecError as exc:  # a model it needs cannot be named (see SchemaSet)
        problems.extend(exc.problems)
        operation = None
    notices.extend(site.warnings)
    if not problems:
        return operation
    documented = raw.get("operationId") if isinstance(raw.get("operationId"), str) else None
    label = operation_label(method, path, documented)
    for problem in problems:
        notices.append(
            replace(problem, message=f"{label} is left out: {problem.message}", rule="left-out")
        )
    return None


def _build_operation(
    site: Site, path: str, method: str, raw: dict[str, Any], name: OperationName
) -> Operation | None:
    declared = build_parameters(site, path, raw)
    body = build_body(site, raw)
    parameters = distinct_arguments(site, [*declared.arguments, *body.parameters])
    responses = build_responses(site, raw)
    primary = primary_response(responses)
    if primary is None:
        site.problem(
            "/responses",
            "no success response is documented",
            "document the 2xx response (or a `default` one)",
        )
        return None
    if site.problems:
        return None
    return Operation(
        operation_id=name.operation_id,
        method_name=name.method_name,
        constant=name.method_name.upper(),
        http_method=method.upper(),
        path=path,
        summary=text(raw.get("summary")),
        description=text(raw.get("description")),
        parameters=tuple(parameters),
        has_body=body.present,
        response_class=primary.class_name,
        request_examples=body.examples,
        response_examples=primary.examples,
        responses=tuple(responses),
        request_class=body.request_class,
        parameters_class=declared.model,
        paid_task="x-paid-task" in raw,
        idempotency_key=(raw.get("x-paid-task") or {}).get("idempotency_key")
        if isinstance(raw.get("x-paid-task"), dict)
        else None,
        checks=body.checks,
        pointer=site.at,
        query_styles=tuple(declared.query_styles.items()),
        path_styles=tuple(declared.path_styles.items()),
        exploded_headers=declared.exploded_headers,
        body_encoding=body.encoding,
        body_content_type=body.content_type,
        file_fields=body.file_fields,
        other_media_types=body.other_media_types,
    )


def did_you_mean(name: str, known: list[str]) -> str:
    """The hint for a misspelt name: ` (did you mean 'x'?)` with the closest known name, in
    its own spelling, or nothing when none is close."""
    by_lower = {k.lower(): k for k in known}
    guess = difflib.get_close_matches(name.lower(), list(by_lower), n=1)
    return f" (did you mean {by_lower[guess[0]]!r}?)" if guess else ""
