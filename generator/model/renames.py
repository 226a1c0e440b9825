"""Naming passes over the operations: each operation's name (documented or made from its
method and path), and renames when a name would collide: two operations with one name, a name
that would replace a member of the generated client, an option that yields to a documented
argument. Every rename comes with a notice; none is an error."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..load.document import iter_operations
from ..problems import Problem, pointer
from .naming import free_name, pascal_case, snake_case
from .operations import Operation, Parameter, client_members
from .site import Site


@dataclass(frozen=True)
class OperationName:
    """How one operation is named: its operationId (documented, or made from method and path
    when there is none), its method name and the PascalCase stem of its models' names."""

    operation_id: str
    method_name: str
    stem: str


def operation_names(
    shown: str, doc: dict[str, Any], notices: list[Problem]
) -> dict[str, OperationName]:
    """Each operation's name, by the operation's pointer, in document order.

    An operation without an operationId is named from its method and path, as snake_case of
    the words of both: `GET /pets/{petId}` -> `get_pets_pet_id`. When two operations would get
    the same method name (a repeated operationId, or two ids alike after snake_case), the first
    in document order keeps it and each later one takes the first free numeric suffix
    (`get_pet_2`, `get_pet_3`...), with a warning naming both operations.
    """
    wanted: dict[str, tuple[str, str, str, str]] = {}  # pointer -> (label, id, method, stem)
    for path, method, raw in iter_operations(doc):
        at = pointer("paths", path, method)
        documented = raw.get("operationId")
        if isinstance(documented, str) and documented.strip():
            label = operation_label(method, path, documented)
            wanted[at] = (label, documented, snake_case(documented), pascal_case(documented))
        else:
            made = snake_case(f"{method} {path}")
            wanted[at] = (operation_label(method, path), made, made, pascal_case(made))
    taken = {method_name for _, _, method_name, _ in wanted.values()}
    first: dict[str, str] = {}  # method name -> the label of the operation that keeps it
    names = {}
    for at, (label, op_id, method_name, stem) in wanted.items():
        if method_name not in first:
            first[method_name] = label
            names[at] = OperationName(op_id, method_name, stem)
            continue
        number = 2
        while f"{method_name}_{number}" in taken:
            number += 1
        renamed = f"{method_name}_{number}"
        taken.add(renamed)
        notices.append(
            Problem(
                shown,
                at,
                f"{label} would be named {method_name}, as is {first[method_name]}; "
                f"its method is named {renamed}",
                "nothing to do, or give the operations operationIds whose snake_case forms differ",
                rule="names",
            )
        )
        names[at] = OperationName(op_id, renamed, f"{stem}{number}")
    return names


def operation_label(method: str, path: str, operation_id: str | None = None) -> str:
    """An operation as messages name it: `GET /pets/{petId}`, with `(getPet)` when it has an
    operationId."""
    label = f"{method.upper()} {path}"
    return f"{label} ({operation_id})" if operation_id else label


def with_method_names(
    shown: str, doc: dict[str, Any], operations: list[Operation], notices: list[Problem]
) -> list[Operation]:
    """Rename each operation method that would replace a member of the client (`waitForTask`,
    `withRawResponse`, `close`, another create's `..._and_wait`, another operation's
    `..._events`) with trailing underscores."""
    creates = {
        pointer("paths", path, method)
        for path, method, raw in iter_operations(doc)
        if raw.get("x-task")
    }
    streaming = {op.pointer for op in operations if op.has_events_method}
    names = {op.pointer: op.method_name for op in operations}
    members = client_members()
    for _ in range(len(names) + 1):  # a renamed create renames its `_and_wait`, which may
        changed = False  # clash in turn; each pass only lengthens names, so this settles
        helpers = {names[at] + "_and_wait" for at in creates if at in names}
        helpers |= {names[at] + "_events" for at in streaming}
        for at, name in names.items():
            others = {n for i, n in names.items() if i != at}
            fixed = free_name(name, members | helpers | others)
            if fixed != name:
                names[at], changed = fixed, True
        if not changed:
            break
    out = []
    for operation in operations:
        name = names[operation.pointer]
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


def give_way(shown: str, operations: list[Operation], notices: list[Problem]) -> list[Operation]:
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


def distinct_arguments(site: Site, arguments: list[Parameter]) -> list[Parameter]:
    """The arguments with one name each. The body's fields keep their documented names (a
    documented body passes as `**body`); a parameter whose name is taken gets its location
    after it (`id_query`, `id_header`), and a later body field of an already used name a
    trailing underscore; each rename is a warning."""
    ordered = [p for p in arguments if p.location in ("body", "content")]
    ordered += [p for p in arguments if p.location not in ("body", "content")]
    taken: dict[str, Parameter] = {}
    renamed: dict[int, Parameter] = {}
    for parameter in ordered:
        name = parameter.name
        if name in taken:
            in_body = parameter.location in ("body", "content")
            wanted = name if in_body else f"{name}_{parameter.location}"
            name = free_name(wanted, set(taken))
            other = taken[parameter.name]
            site.warn(
                "",
                f"the {_described(parameter)} and the {_described(other)} would both be the "
                f"argument {parameter.name}; the {_described(parameter)} is {name}",
                "nothing to do, or rename one of them",
                rule="names",
            )
            renamed[id(parameter)] = replace(parameter, name=name)
        taken[name] = parameter
    return [renamed.get(id(p), p) for p in arguments]


def _described(parameter: Parameter) -> str:
    if parameter.location == "content":
        return "request body"
    if parameter.location == "body":
        return f"body field {parameter.json_name!r}"
    return f"{parameter.location} parameter {parameter.json_name!r}"
