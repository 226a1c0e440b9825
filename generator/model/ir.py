"""Stage 2: the intermediate model. Every name the output uses is decided here, once.

The templates and the model emitter read only these dataclasses; nothing after this stage looks
at the spec document again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from ..emit.escape import one_line
from ..emit.user_text import for_users
from ..load.document import JSON, iter_operations, resolve_ref
from ..load.loader import Spec
from ..problems import Problem, SpecError, pointer
from ..runtime import Envelope, ErrorCode, ErrorFormat
from .naming import (
    REQUEST_OPTIONS,
    WAIT_OPTIONS,
    argument_name,
    constant_case,
    free_name,
    pascal_case,
    snake_case,
)
from .schemas import SchemaSet, python_type, ref_name


@dataclass(frozen=True)
class Example:
    """A documented example: what it is called, where it came from, its value."""

    key: str
    summary: str
    source: str
    value: Any
    defect: str | None
    placeholders: tuple[str, ...] = ()  # JSON pointers to values a caller must substitute


@dataclass(frozen=True)
class Parameter:
    """One keyword argument of a client method."""

    name: str
    json_name: str
    location: str  # "path", "query" or "body"
    annotation: str
    required: bool
    description: str
    examples: tuple[Example, ...] = ()

    @property
    def signature_annotation(self) -> str:
        """The annotation in the method signature: optional arguments may be `NOT_GIVEN`."""
        if self.required:
            return self.annotation
        members = self.annotation.split(" | ")
        if members[-1] == "None":
            return " | ".join([*members[:-1], "NotGiven", "None"])
        return self.annotation + " | NotGiven"


@dataclass(frozen=True)
class Response:
    """A documented response: its status, the model of its body (if any) and its examples."""

    status: str
    class_name: str | None
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class Task:
    """A create operation's task lifecycle (the spec's `x-task`), with its poll resolved."""

    poll_method: str  # the poll's method name, such as "get_task"
    poll_constant: str
    poll_response_class: str
    poll_argument: str  # the poll parameter's JSON name
    poll_location: str  # "path" or "query"
    id: tuple[str, ...]
    status: tuple[str, ...]
    progress: tuple[str, ...]
    error: tuple[str, ...]
    video_url: tuple[str, ...]
    pending: tuple[Any, ...]
    succeeded: tuple[Any, ...]
    failed: tuple[Any, ...]
    # `x-task.callback`: the body field that takes a callback URL (a JSON pointer) and where the
    # callback body, in the poll's format, has the task id. None: no documented callback.
    callback_url: str | None = None
    callback_task_id: tuple[str, ...] = ()


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method_name: str
    constant: str
    http_method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    has_body: bool
    response_class: str
    request_examples: tuple[Example, ...]
    response_examples: tuple[Example, ...]
    responses: tuple[Response, ...]
    request_class: str | None = None
    parameters_class: str | None = None
    paid_task: bool = False
    idempotency_key: str | None = None
    checks: tuple[tuple[tuple[str, ...], str], ...] = ()
    task: Task | None = None
    pointer: str = ""  # the operation in the spec, such as /paths/~1v1~1tasks/post

    @property
    def task_constant(self) -> str:
        return self.constant + "_TASK"

    @property
    def wait_method_name(self) -> str:
        """The method that creates the task and waits for it."""
        return self.method_name + "_and_wait"

    @property
    def options(self) -> dict[str, str]:
        """The method's per-call options (`extra_body`, `timeout`...) -> their names in it.

        A documented argument keeps its name; an option it would clash with gives way, taking
        a trailing underscore in this method only (UniAll's body field `extra_body`).
        """
        wanted = [o for o in REQUEST_OPTIONS if o != "extra_body" or self.has_body]
        return _option_names(wanted, {p.name for p in self.parameters})

    @property
    def wait_options(self) -> dict[str, str]:
        """The options of `<method>_and_wait`: the per-call ones and the wait's own."""
        wanted = [o for o in REQUEST_OPTIONS if o != "extra_body" or self.has_body]
        return _option_names([*wanted, *WAIT_OPTIONS], {p.name for p in self.parameters})

    @property
    def renamed_request_options(self) -> dict[str, str]:
        """The per-call options this method names otherwise, for the runtime's messages."""
        return {o: n for o, n in self.options.items() if o != n}

    @property
    def renamed_options(self) -> dict[str, str]:
        """The options of this method or its `_and_wait` that give way to a documented name."""
        return {o: n for o, n in self.wait_options.items() if o != n}

    @property
    def idempotency_argument(self) -> str | None:
        """The idempotency key as a caller writes it: `options.external_task_id`."""
        if not self.idempotency_key:
            return None
        steps = [t.replace("~1", "/").replace("~0", "~") for t in self.idempotency_key.split("/")]
        names = self.body_argument_names
        return ".".join([names.get(steps[1], steps[1]), *steps[2:]])

    @property
    def body_argument_names(self) -> dict[str, str]:
        """Body field (JSON name) -> the keyword argument that carries it."""
        return {p.json_name: p.name for p in self.body_parameters}

    @property
    def renamed_arguments(self) -> dict[str, str]:
        """JSON name -> Python argument name, for the arguments whose names differ."""
        return {p.json_name: p.name for p in self.parameters if p.name != p.json_name}

    @property
    def argument_groups(self) -> tuple[tuple[str, tuple[Parameter, ...]], ...]:
        """How the method hands its arguments to the runtime: (keyword, parameters) pairs."""
        groups = (
            ("path_params", self.path_parameters),
            ("query", self.query_parameters),
            ("body", self.body_parameters),
        )
        return tuple((k, ps) for k, ps in groups if ps or (k == "body" and self.has_body))

    @property
    def signature_parameters(self) -> tuple[Parameter, ...]:
        """Required arguments first; all are keyword-only, so this is for the reader."""
        return tuple(sorted(self.parameters, key=lambda p: not p.required))

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    @property
    def query_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "query")

    @property
    def body_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "body")


def _option_names(options: list[str], documented: set[str]) -> dict[str, str]:
    taken = set(documented)
    names = {}
    for option in options:
        names[option] = free_name(option, taken)
        taken.add(names[option])
    return names


#: Attributes a client gets in `__init__`, which `dir()` of its class does not show.
CLIENT_ATTRIBUTES = frozenset({"base_url", "ledger", "max_retries", "timeout", "validate_requests"})


#: A method the client template defines itself (`wait_for_task`, `parse_callback`...).
_TEMPLATE_METHOD = re.compile(r"^    (?! )[^\n(]*?\bdef ([a-z][a-z0-9_]*)\(", re.MULTILINE)


def client_members() -> frozenset[str]:
    """The public names a generated client has besides its operations: the runtime's members
    and the methods the client template adds. An operation method may take none of them."""
    from ..runtime import AsyncAPIClient, SyncAPIClient

    runtime = {n for c in (SyncAPIClient, AsyncAPIClient) for n in dir(c) if n[:1] != "_"}
    template = resources.files("generator.emit") / "templates" / "_client.py.jinja"
    generated = set(_TEMPLATE_METHOD.findall(template.read_text(encoding="utf-8")))
    return frozenset(runtime | CLIENT_ATTRIBUTES | generated)


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
        raise LookupError(f"{self.name} has no operation {name!r}; it has {choices}")

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
    """The intermediate model of one validated spec; raises `SpecError` on naming problems."""
    doc = spec.document
    shown = spec.display_path
    schemas = SchemaSet(shown, doc)
    problems: list[Problem] = []
    operations = []
    methods: dict[str, str] = {}
    for path, method, raw in iter_operations(doc):
        at = pointer("paths", path, method)
        operation = _build_operation(shown, doc, schemas, path, method, raw, at, problems)
        if operation is None:
            continue
        if operation.method_name in methods:
            problems.append(
                Problem(
                    shown,
                    at + "/operationId",
                    f"method name {operation.method_name!r} is also made from "
                    f"the operation at {methods[operation.method_name]}",
                    "choose operationIds whose snake_case forms differ",
                    rule="names",
                )
            )
        methods[operation.method_name] = at
        operations.append(operation)
    if problems:
        raise SpecError(problems)
    notices: list[Problem] = []
    operations = _give_way(shown, _with_method_names(shown, doc, operations, notices), notices)
    operations = _with_tasks(doc, operations)
    info = doc.get("info") or {}
    servers = doc.get("servers") or []
    envelope = doc.get("x-envelope")
    return Provider(
        name=spec.name,
        spec_file=shown,
        title=_text(info.get("title")) or spec.name,
        description=str(info.get("description") or "").strip(),
        package=f"{spec.name}_client",
        distribution=f"{spec.name.replace('_', '-')}-client",
        spec_version=str(info.get("version", "")),
        api_key_env=f"{spec.name.upper()}_API_KEY",
        base_url_env=f"{spec.name.upper()}_BASE_URL",
        default_base_url=str(servers[0]["url"]).rstrip("/") if servers else None,
        envelope=Envelope(
            code=envelope["code"],
            success=tuple(envelope["success"]),
            message=envelope.get("message"),
            request_id=envelope.get("request_id"),
        )
        if envelope
        else None,
        errors=_error_format(doc.get("x-errors") or {}),
        operations=tuple(operations),
        schemas=schemas.schemas,
        notices=tuple(notices),
    )


def _with_method_names(
    shown: str, doc: dict[str, Any], operations: list[Operation], notices: list[Problem]
) -> list[Operation]:
    """Rename each operation method that would replace a member of the client (`waitForTask`,
    `withRawResponse`, `close`, another create's `..._and_wait`) with trailing underscores."""
    creates = {raw["operationId"] for _, _, raw in iter_operations(doc) if raw.get("x-task")}
    names = {op.operation_id: op.method_name for op in operations}
    members = client_members()
    for _ in range(len(names) + 1):  # a renamed create renames its `_and_wait`, which may
        changed = False  # clash in turn; each pass only lengthens names, so this settles
        helpers = {names[op_id] + "_and_wait" for op_id in creates if op_id in names}
        for op_id, name in names.items():
            others = {n for i, n in names.items() if i != op_id}
            fixed = free_name(name, members | helpers | others)
            if fixed != name:
                names[op_id], changed = fixed, True
        if not changed:
            break
    out = []
    for operation in operations:
        name = names[operation.operation_id]
        if name != operation.method_name:
            notices.append(
                Problem(
                    shown,
                    operation.pointer + "/operationId",
                    f"the method of {operation.operation_id!r} is named {name}, since "
                    f"{operation.method_name} is a member of the generated client",
                    "nothing to do, or choose an operationId whose snake_case form is free",
                    rule="names",
                )
            )
            operation = replace(operation, method_name=name)
        out.append(operation)
    return out


def _give_way(shown: str, operations: list[Operation], notices: list[Problem]) -> list[Operation]:
    """Documented arguments keep their names: rename one that a method body would read as a
    module constant (`GET_TASK`), and report each option that yields to a documented name."""
    constants = {"TASKS", "CALLBACKS"} | {
        c for op in operations for c in (op.constant, op.task_constant, op.constant + "_CALLBACK")
    }
    out = []
    for operation in operations:
        taken = {p.name for p in operation.parameters}
        parameters = []
        for parameter in operation.parameters:
            if parameter.name in constants:
                name = free_name(parameter.name, taken | constants)
                taken.add(name)
                notices.append(
                    Problem(
                        shown,
                        operation.pointer,
                        f"the argument for {parameter.json_name!r} is named {name}, since "
                        f"{parameter.name} is a constant of the generated client",
                        "nothing to do, or rename the field",
                        rule="names",
                    )
                )
                parameter = replace(parameter, name=name)
            parameters.append(parameter)
        operation = replace(operation, parameters=tuple(parameters))
        for option, name in operation.renamed_options.items():
            where = "" if option in operation.options else f" (in {operation.wait_method_name})"
            notices.append(
                Problem(
                    shown,
                    operation.pointer,
                    f"{option!r} is a documented argument of {operation.method_name}, so it "
                    f"keeps that name; the client's own option {option} is {name}{where}",
                    f"nothing to do: call {operation.method_name}({option}=...) for the "
                    f"documented field and {name}=... for the option",
                    rule="names",
                )
            )
        out.append(operation)
    return out


def _with_tasks(doc: dict[str, Any], operations: list[Operation]) -> list[Operation]:
    """Attach each create's `x-task` (already checked by the loader) with its poll resolved."""
    by_id = {op.operation_id: op for op in operations}
    raw_by_id = {raw["operationId"]: raw for _, _, raw in iter_operations(doc)}
    out = []
    for operation in operations:
        declared = raw_by_id[operation.operation_id].get("x-task")
        if declared:
            poll = by_id[declared["poll"]]
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


def _error_format(declared: dict[str, Any]) -> ErrorFormat:
    """The runtime's view of `x-errors` (validated by the loader)."""

    def pointers(key: str) -> tuple[str, ...]:
        value = declared.get(key) or ()
        return (value,) if isinstance(value, str) else tuple(value)

    codes: dict[str, ErrorCode] = {}
    for entry in declared.get("codes") or []:
        meaning = ErrorCode(
            meaning=_text(entry["meaning"]),
            status=entry.get("status"),
            retry=entry.get("retry"),
            min_retry_delay=float(entry.get("min_retry_delay", 0.0)),
            advice=_text(entry.get("advice")) or None,
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


def _build_operation(
    shown: str,
    doc: dict[str, Any],
    schemas: SchemaSet,
    path: str,
    method: str,
    raw: dict[str, Any],
    at: str,
    problems: list[Problem],
) -> Operation | None:
    op_id = raw["operationId"]
    stem = pascal_case(op_id)
    parameters: list[Parameter] = []
    for index, param in enumerate(raw.get("parameters") or []):
        param = resolve_ref(doc, param)
        location = param.get("in")
        if location not in ("path", "query"):
            problems.append(
                Problem(
                    shown,
                    f"{at}/parameters/{index}",
                    f"{location} parameters are not supported",
                    "describe headers and cookies in the security scheme, or drop the parameter",
                )
            )
            continue
        parameters.append(
            Parameter(
                name=argument_name(param["name"]),
                json_name=param["name"],
                location=location,
                annotation=python_type(param.get("schema") or {}, schemas),
                required=bool(param.get("required")) or location == "path",
                description=_text(param.get("description")),
                examples=_examples(param),
            )
        )
    request_examples: tuple[Example, ...] = ()
    request_class = None
    checks: tuple[tuple[tuple[str, ...], str], ...] = ()
    parameters_class = None
    if parameters:
        # One model for the path and query parameters, so their constraints are checked too.
        ref = schemas.adopt(
            {
                "type": "object",
                "description": f"The path and query parameters of `{op_id}`.",
                "properties": {
                    p["name"]: p.get("schema") or {}
                    for p in (resolve_ref(doc, q) for q in raw.get("parameters") or [])
                    if p.get("in") in ("path", "query")
                },
                "required": [p.json_name for p in parameters if p.required],
            },
            stem + "Parameters",
            f"{at}/parameters",
        )
        parameters_class = ref_name(ref["$ref"])
    has_body = "requestBody" in raw
    if has_body:
        body = resolve_ref(doc, raw["requestBody"])
        media = body["content"][JSON]
        ref = schemas.adopt(
            media.get("schema") or {},
            stem + "Request",
            f"{at}/requestBody/content/application~1json/schema",
        )
        request_class = ref_name(ref["$ref"]) if "$ref" in ref else None
        checks = tuple(_checks(doc, media.get("schema") or {}, (), 0))
        target = schemas.resolve(ref)
        required = set(target.get("required") or [])
        for name, prop in (target.get("properties") or {}).items():
            parameters.append(
                Parameter(
                    name=argument_name(name),
                    json_name=name,
                    location="body",
                    annotation=python_type(prop, schemas),
                    required=name in required,
                    description=_text(
                        prop.get("description") or schemas.resolve(prop).get("description")
                    ),
                )
            )
        request_examples = _examples(media)
    seen: dict[str, str] = {}
    for parameter in parameters:
        if parameter.name in seen:
            problems.append(
                Problem(
                    shown,
                    at,
                    f"two arguments would be named "
                    f"{parameter.name!r} ({seen[parameter.name]!r} and "
                    f"{parameter.json_name!r})",
                    "rename one of the parameters or properties",
                    rule="names",
                )
            )
        seen[parameter.name] = parameter.json_name
    responses = []
    for status, response in raw["responses"].items():
        response = resolve_ref(doc, response)
        media = (response.get("content") or {}).get(JSON) or {}
        class_name = None
        if "schema" in media:
            ref = schemas.adopt(
                media["schema"],
                f"{stem}Response{str(status).replace('XX', 'xx').capitalize()}",
                f"{at}/responses/{status}/content/application~1json/schema",
            )
            class_name = ref_name(ref["$ref"]) if "$ref" in ref else None
        responses.append(Response(str(status), class_name, _examples(media)))
    success = sorted((r for r in responses if r.status.startswith("2")), key=lambda r: r.status)
    if not success or success[0].class_name is None:
        problems.append(
            Problem(
                shown,
                f"{at}/responses",
                "the success response has no JSON object schema",
                "describe its body as an object schema under content/application/json",
            )
        )
        return None
    return Operation(
        operation_id=op_id,
        method_name=snake_case(op_id),
        constant=constant_case(op_id),
        http_method=method.upper(),
        path=path,
        summary=_text(raw.get("summary")),
        description=_text(raw.get("description")),
        parameters=tuple(parameters),
        has_body=has_body,
        response_class=success[0].class_name,
        request_examples=request_examples,
        response_examples=success[0].examples,
        responses=tuple(responses),
        request_class=request_class,
        parameters_class=parameters_class,
        paid_task="x-paid-task" in raw,
        idempotency_key=(raw.get("x-paid-task") or {}).get("idempotency_key")
        if isinstance(raw.get("x-paid-task"), dict)
        else None,
        checks=checks,
        pointer=at,
    )


def _checks(
    doc: dict[str, Any], schema: Any, path: tuple[str, ...], depth: int
) -> list[tuple[tuple[str, ...], str]]:
    """The checks pydantic does not make, by body path (keys, and `[]` for list items).

    "uri": a `format: uri` string must be an absolute URI; "public-url": an `x-public-url`
    string must not point at a private address.
    """
    if depth > 30 or not isinstance(schema, dict):
        return []
    schema = resolve_ref(doc, schema)
    found = []
    if path and schema.get("format") == "uri":
        found.append((path, "uri"))
    if path and schema.get("x-public-url") is True:
        found.append((path, "public-url"))
    for name, sub in (schema.get("properties") or {}).items():
        found += _checks(doc, sub, (*path, name), depth + 1)
    if isinstance(schema.get("items"), dict):
        found += _checks(doc, schema["items"], (*path, "[]"), depth + 1)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for branch in schema.get(keyword) or []:
            found += [c for c in _checks(doc, branch, path, depth + 1) if c not in found]
    return found


def _examples(holder: dict[str, Any]) -> tuple[Example, ...]:
    return tuple(
        Example(
            key=key,
            summary=_text(ex.get("summary")),
            source=str(ex.get("x-source", "")),
            value=ex.get("value"),
            defect=ex.get("x-example-defect"),
            placeholders=tuple(ex.get("x-placeholders") or ()),
        )
        for key, ex in (holder.get("examples") or {}).items()
    )


def _text(value: Any) -> str:
    """Spec prose for the package's docstrings and README: one line, curation notes left out."""
    return for_users(one_line(value)) if value else ""
