"""How names in a spec become Python names. Every naming rule of the generator lives here."""

from __future__ import annotations

import keyword
import re

#: The options a generated method takes besides its documented arguments: per request
#: (headers, query and body extras, the HTTP timeout) and, for `<create>_and_wait`, the wait's.
#: A documented argument of the same name keeps it; the option takes a trailing underscore.
REQUEST_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout")
WAIT_OPTIONS = ("max_wait", "poll_interval", "on_progress")

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_IDENTIFIER = re.compile(r"[^0-9A-Za-z]+")


def words(name: str) -> list[str]:
    """The words of a name in any casing: 'createImageToVideo', 'task-id', 'HTTPStatus'."""
    return [w for part in _NOT_IDENTIFIER.split(name) for w in _WORD_BOUNDARY.split(part) if w]


def snake_case(name: str) -> str:
    """'createImageToVideo' -> 'create_image_to_video'; safe to use as an identifier."""
    return safe_identifier("_".join(w.lower() for w in words(name)) or "_")


def pascal_case(name: str) -> str:
    """'first_frame item' -> 'FirstFrameItem'; safe to use as a class name."""
    return safe_identifier("".join(w[:1].upper() + w[1:] for w in words(name)) or "Model")


def constant_case(name: str) -> str:
    """'createImageToVideo' -> 'CREATE_IMAGE_TO_VIDEO'."""
    return snake_case(name).upper()


def safe_identifier(name: str) -> str:
    """A Python identifier for `name`: a leading digit gets '_' before, a keyword '_' after."""
    if name[:1].isdigit():
        name = "_" + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "_"
    return name


def argument_name(json_name: str) -> str:
    """The keyword argument for a body property or parameter: its documented name, so that a
    documented body passes as `**body`; a name Python cannot take gets the nearest it can
    (`class` -> `class_`, `task-id` -> `task_id`, `self` -> `self_`; only ASCII names are
    kept, as the generated code is)."""
    if json_name.isascii() and json_name.isidentifier() and not keyword.iskeyword(json_name):
        return json_name + "_" if json_name == "self" else json_name
    name = snake_case(json_name)
    return name + "_" if name == "self" else name


def free_name(name: str, taken: set[str] | frozenset[str]) -> str:
    """`name`, or `name` with as many trailing underscores as it takes to be none of `taken`."""
    while name in taken:
        name += "_"
    return name
