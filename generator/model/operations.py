"""The intermediate model of one operation: its arguments, responses, examples and task.

Plain frozen dataclasses; the properties answer the questions the templates ask (which
arguments go where, which option gives way to a documented name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .naming import REQUEST_OPTIONS, WAIT_OPTIONS, free_name
from .types import join_union, union_members


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
    #: "path", "query", "header", "cookie", "body" (a field of the body) or "content" (the
    #: whole body, as one argument)
    location: str
    annotation: str
    required: bool
    description: str
    examples: tuple[Example, ...] = ()
    #: Sent as JSON text (a parameter described by `content: {application/json: ...}`).
    json_text: bool = False

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
    """A documented response: its status, the model of its body (if any) and its examples.

    For a success body, `kind` says what the method returns (see `responses`): "model",
    "root" (the `.root` of the RootModel `class_name`), "none", "text", "binary" or "events";
    `annotation` is the return type, `media_type` the body's chosen media type, and `events`
    whether the body may come as server-sent events instead (read by `<method>_events`).
    """

    status: str
    class_name: str | None
    examples: tuple[Example, ...]
    kind: str = "model"
    annotation: str = ""
    media_type: str | None = None
    events: bool = False

    def return_annotation(self, is_async: bool) -> str:
        if self.kind == "binary":
            return "AsyncBinaryResponse" if is_async else "BinaryResponse"
        if self.kind == "events":
            return "AsyncEventStream" if is_async else "EventStream"
        return self.annotation


def success_responses(responses: Iterable[Response]) -> tuple[Response, ...]:
    """The documented 2xx responses, lowest first, then a range (`2XX`); `default` only
    where no 2xx is documented. The first is what a call returns by default."""
    responses = tuple(responses)
    success = sorted(
        (r for r in responses if r.status.startswith("2")),
        key=lambda r: (not r.status.isdigit(), r.status),
    )
    return tuple(success or (r for r in responses if r.status == "default"))


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
    response_class: str | None  # the primary success body's model, if it has one
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
    #: Query parameters not sent as `form` with explode: json name -> (style, explode).
    query_styles: tuple[tuple[str, tuple[str, bool]], ...] = ()
    #: Path parameters not sent as `simple` without explode (`label`, `matrix`, exploded).
    path_styles: tuple[tuple[str, tuple[str, bool]], ...] = ()
    #: Header parameters declared with `explode: true`.
    exploded_headers: frozenset[str] = frozenset()
    #: How the body is sent ("json", "multipart", "form", "binary", "text"), as which media type
    #: (None: the encoding's usual one), which multipart fields are files, and the media types
    #: the document also allows, which this method does not send.
    body_encoding: str = "json"
    body_content_type: str | None = None
    file_fields: frozenset[str] = frozenset()
    other_media_types: tuple[str, ...] = ()
    #: The operation's own security requirement (None: the document's; `()`: no credential).
    security: tuple[tuple[str, ...], ...] | None = None

    @property
    def success_responses(self) -> tuple[Response, ...]:
        """The responses a call may return, the primary first: the documented 2xx statuses
        lowest first, then a range (`2XX`); `default` only where no 2xx is documented."""
        return success_responses(self.responses)

    @property
    def response_kind(self) -> str:
        """What the primary success body becomes (see `responses`)."""
        success = self.success_responses
        return success[0].kind if success else "none"

    @property
    def other_responses(self) -> dict[str, tuple[str, str | None]]:
        """Further success statuses whose bodies differ from the primary's: (kind, model)."""
        success = self.success_responses
        if not success:
            return {}
        primary = (success[0].kind, success[0].class_name)
        shapes = {r.status: (r.kind, r.class_name) for r in success[1:]}
        return {status: shape for status, shape in shapes.items() if shape != primary}

    def return_annotation(self, is_async: bool) -> str:
        """The method's return type: the union of what its success responses become."""
        members: list[str] = []
        for response in self.success_responses:
            members += union_members(response.return_annotation(is_async))
        return join_union(members) or "None"

    @property
    def annotation_modules(self) -> list[str]:
        """The standard modules the method's annotations name (`datetime`, `uuid`)."""
        annotations = [self.return_annotation(False), *(p.annotation for p in self.parameters)]
        return sorted({m for a in annotations for m in _ANNOTATION_MODULES.findall(a)})

    @property
    def returns_binary(self) -> bool:
        return any(r.kind == "binary" for r in self.success_responses)

    @property
    def async_recast(self) -> bool:
        """Whether the async method returns another type than the sync one (the operation's
        type): a binary body or events, streamed the async way."""
        return self.return_annotation(True) != self.return_annotation(False)

    @property
    def returns_events(self) -> bool:
        """Whether a method of this operation returns an `EventStream`: its own, or its
        `<method>_events`."""
        return self.response_kind == "events" or self.has_events_method

    @property
    def has_events_method(self) -> bool:
        """Whether the operation gets `<method>_events`: its primary answer may come as
        server-sent events instead (OpenAI's `stream: true`)."""
        success = self.success_responses
        return bool(success) and success[0].kind != "events" and success[0].events

    @property
    def events_method_name(self) -> str:
        return self.method_name + "_events"

    @property
    def events_constant(self) -> str:
        return self.constant + "_EVENTS"

    @property
    def accept(self) -> str:
        """The Accept header: the success bodies' media types, the primary's first."""
        types = [r.media_type for r in self.success_responses if r.media_type]
        return ", ".join(dict.fromkeys(types)) or "application/json"

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
        wanted = [o for o in REQUEST_OPTIONS if o != "extra_body" or self.takes_extra_body]
        return _option_names(wanted, {p.name for p in self.parameters})

    @property
    def wait_options(self) -> dict[str, str]:
        """The options of `<method>_and_wait`: the per-call ones and the wait's own."""
        wanted = [o for o in REQUEST_OPTIONS if o != "extra_body" or self.takes_extra_body]
        return _option_names([*wanted, *WAIT_OPTIONS], {p.name for p in self.parameters})

    @property
    def sends_bytes(self) -> bool:
        """Whether the body is bytes (a file object or a path is streamed)."""
        return self.body_encoding == "binary"

    @property
    def takes_extra_body(self) -> bool:
        """Whether the method has `extra_body`: a body of fields (JSON, multipart, form)."""
        return self.has_body and self.body_encoding in ("json", "multipart", "form")

    @property
    def body_argument(self) -> Parameter | None:
        """The one argument that is the whole body (a union, array, primitive, bytes or text
        body), or None when the body is sent as fields."""
        return next((p for p in self.parameters if p.location == "content"), None)

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
            ("headers", self.located("header")),
            ("cookies", self.located("cookie")),
            ("body", self.body_parameters),
        )
        whole = self.body_argument is not None
        return tuple(
            (k, ps) for k, ps in groups if ps or (k == "body" and self.has_body and not whole)
        )

    @property
    def signature_parameters(self) -> tuple[Parameter, ...]:
        """Required arguments first; all are keyword-only, so this is for the reader."""
        return tuple(sorted(self.parameters, key=lambda p: not p.required))

    def located(self, location: str) -> tuple[Parameter, ...]:
        """The arguments sent in `location` ("path", "query", "header", "cookie", "body")."""
        return tuple(p for p in self.parameters if p.location == location)

    @property
    def query_style_map(self) -> dict[str, tuple[str, bool]]:
        """`query_styles` as the runtime's `Operation` takes it."""
        return dict(self.query_styles)

    @property
    def path_style_map(self) -> dict[str, tuple[str, bool]]:
        """`path_styles` as the runtime's `Operation` takes it."""
        return dict(self.path_styles)

    @property
    def sends_json_text(self) -> bool:
        """Whether an argument is sent as JSON text (see `Parameter.json_text`)."""
        return any(p.json_text for p in self.parameters)

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


_ANNOTATION_MODULES = re.compile(r"\b(datetime|uuid)\.")

#: Attributes a client gets in `__init__`, which `dir()` of its class does not show.
CLIENT_ATTRIBUTES = frozenset({"base_url", "ledger", "max_retries", "timeout", "validate_requests"})


#: A method the client template defines itself (`wait_for_task`, `parse_callback`...).
_TEMPLATE_METHOD = re.compile(r"^    (?! )[^\n(]*?\bdef ([a-z][a-z0-9_]*)\(", re.MULTILINE)


def client_members() -> frozenset[str]:
    """The public names a generated client has besides its operations: the runtime's members
    and the methods the client template adds. An operation method may take none of them."""
    from .runtime_types import runtime_client_members  # read from source: no httpx import

    runtime = runtime_client_members()
    template = resources.files("generator.emit") / "templates" / "_client.py.jinja"
    generated = set(_TEMPLATE_METHOD.findall(template.read_text(encoding="utf-8")))
    return frozenset(runtime | CLIENT_ATTRIBUTES | generated)
