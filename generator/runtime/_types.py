"""Small types shared by the runtime and the generated clients."""

from __future__ import annotations

import importlib
import os
from typing import IO, Any, Final, Literal, TypeAlias

__all__ = ["NOT_GIVEN", "FileContent", "FileTypes", "LazyModels", "LazyModule", "NotGiven"]

#: What a file argument takes: its bytes, a binary file object, or a path (opened, streamed and
#: closed by the client) ...
FileContent: TypeAlias = bytes | IO[bytes] | os.PathLike[str]
#: ... alone, or with the file name to send, and its media type: `("a.png", data, "image/png")`.
FileTypes: TypeAlias = (
    FileContent | tuple[str | None, FileContent] | tuple[str | None, FileContent, str]
)


class NotGiven:
    """The type of `NOT_GIVEN`: an argument the caller did not pass.

    `None` cannot mean "not sent", because `null` is a value a caller may want to send. Every
    optional keyword argument of a generated method defaults to `NOT_GIVEN`, and only the
    arguments that are not `NOT_GIVEN` reach the request. Compare with `isinstance`, or with
    `is NOT_GIVEN`: the package makes just the one instance.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


class LazyModule:
    """Stands for a module of the package in `_client.py` until a name is read from it.

    The method annotations name `models.<Model>` (and, in a package grouped into namespaces,
    `resources.<Resource>`); with this in the module's globals, `typing.get_type_hints` resolves
    them, while importing the package still does not import the module (nor pydantic). The
    first attribute read imports the real module.
    """

    def __init__(self, package: str, module: str) -> None:
        self._package = package
        self._module = module

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)  # copy and pickle probe dunders: do not import for them
        return getattr(importlib.import_module(self._module, self._package), name)

    def __repr__(self) -> str:
        return f"<{self._module.lstrip('.')} of {self._package}, imported on first use>"


class LazyModels(LazyModule):
    """The package's `models` module, imported on first use (see `LazyModule`)."""

    def __init__(self, package: str) -> None:
        super().__init__(package, ".models")
