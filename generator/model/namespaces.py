"""Namespaces: a big API's methods grouped into resources, `client.pets.list_pets(...)`.

An API of more than `GROUP_ABOVE` operations (and no task lifecycle, whose helpers call the
client's own methods) is grouped; smaller ones, our four gateways among them, keep flat
methods. Each operation goes to the group of its first tag, or, without tags, of the first
segment of its path that is neither a path parameter nor a version (`/v1/files/{id}` ->
`files`). A group's attribute is the snake_case of that name, made distinct from the client's
own members and from the other groups; its class is `<Pascal>Resource` (`AsyncPascalResource`
for the async client), in a module of its own (`resources/_<attribute>.py`) that the package
imports when the client first reads that attribute. Methods keep their full names inside their
group: one rule everywhere, and a name never changes because another operation was added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..load.document import iter_operations
from ..problems import pointer
from .naming import free_name, pascal_case, snake_case
from .operations import Operation, client_members

#: Above this many operations, methods are grouped.
GROUP_ABOVE = 40

_VERSION = re.compile(r"^v\d+(\.\d+)*$|^api$", re.IGNORECASE)


@dataclass(frozen=True)
class Namespace:
    """One group of methods: the client's attribute, its classes and its operations."""

    attribute: str
    class_name: str
    operations: tuple[Operation, ...]

    @property
    def module(self) -> str:
        """The module of `resources/` that holds the group's classes: private, distinct, and
        never `__init__`, since attributes are distinct identifiers."""
        return "_" + self.attribute

    @property
    def async_class_name(self) -> str:
        return "Async" + self.class_name

    @property
    def raw_class_name(self) -> str:
        return self.class_name + "WithRawResponse"

    @property
    def async_raw_class_name(self) -> str:
        return "Async" + self.class_name + "WithRawResponse"


def build_namespaces(
    doc: dict[str, Any], operations: tuple[Operation, ...]
) -> tuple[Namespace, ...]:
    """The groups of a big API's operations, in order of first appearance; () for flat."""
    if len(operations) <= GROUP_ABOVE or any(op.task for op in operations):
        return ()
    raw = {pointer("paths", path, method): op for path, method, op in iter_operations(doc)}
    grouped: dict[str, list[Operation]] = {}
    for operation in operations:
        grouped.setdefault(_group_of(operation, raw.get(operation.pointer) or {}), []).append(
            operation
        )
    taken = set(client_members())
    namespaces = []
    classes: set[str] = set()
    for name, members in grouped.items():
        attribute = free_name(snake_case(name), taken)
        taken.add(attribute)
        class_name = pascal_case(attribute) + "Resource"
        while class_name in classes:
            class_name += "_"
        classes.add(class_name)
        namespaces.append(Namespace(attribute, class_name, tuple(members)))
    return tuple(namespaces)


def _group_of(operation: Operation, raw: dict[str, Any]) -> str:
    tags = raw.get("tags")
    if isinstance(tags, list) and tags and isinstance(tags[0], str) and tags[0].strip():
        return tags[0]
    for segment in operation.path.split("/"):
        if segment and not segment.startswith("{") and not _VERSION.match(segment):
            return segment
    return "default"
