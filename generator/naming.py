"""How names in a spec become Python names. Every naming rule of the generator lives here."""

from __future__ import annotations

import keyword
import re

#: Keyword arguments every generated method may grow for per-call options (headers, query,
#: body extras, timeout). A body property with one of these names gets a trailing underscore.
RESERVED_ARGUMENTS = frozenset({"self", "extra_headers", "extra_query", "extra_body", "timeout"})

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
    """The keyword argument for a body property or parameter."""
    name = snake_case(json_name)
    return name + "_" if name in RESERVED_ARGUMENTS else name
