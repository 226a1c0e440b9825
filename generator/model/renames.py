"""Renaming passes over the operations: a name that would replace a member of the generated
client, or an option that yields to a documented argument, is renamed with a notice."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..load.document import iter_operations
from ..problems import Problem
from .naming import free_name
from .operations import Operation, client_members


def with_method_names(
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
