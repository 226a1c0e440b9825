"""The runtime's plain descriptions of a provider (`Envelope`, `ErrorCode`, `ErrorFormat`,
`SecurityScheme`: frozen dataclasses in `generator/runtime/_spec.py`) and the public members of
its client classes, for the model stage, without importing the runtime package.

The runtime's `__init__` imports all of it, httpx included (and httpx its command line: rich and
click when they are installed): a third of a second and fifteen megabytes that generating never
uses. `_spec.py` imports only the standard library, so it is loaded on its own, under its real
name: the classes are the runtime's very classes, and importing `generator.runtime` later reuses
the module. The client members are read from the runtime's source; tests hold both equal to what
importing the runtime gives.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

__all__ = ["Envelope", "ErrorCode", "ErrorFormat", "SecurityScheme", "runtime_client_members"]

_RUNTIME = Path(__file__).resolve().parent.parent / "runtime"
_SPEC_MODULE = "generator.runtime._spec"
_CLIENT_CLASSES = ("SyncAPIClient", "AsyncAPIClient")


def _spec_module() -> ModuleType:
    loaded = sys.modules.get(_SPEC_MODULE)
    if loaded is not None:
        return loaded
    found = importlib.util.spec_from_file_location(_SPEC_MODULE, _RUNTIME / "_spec.py")
    assert found is not None and found.loader is not None  # a file of this package
    module = importlib.util.module_from_spec(found)
    sys.modules[_SPEC_MODULE] = module  # dataclasses look their module up while being made
    try:
        found.loader.exec_module(module)
    except BaseException:
        del sys.modules[_SPEC_MODULE]
        raise
    return module


_spec = _spec_module()
Envelope = _spec.Envelope
ErrorCode = _spec.ErrorCode
ErrorFormat = _spec.ErrorFormat
SecurityScheme = _spec.SecurityScheme


@cache
def runtime_client_members() -> frozenset[str]:
    """The public attributes of the runtime's `SyncAPIClient` and `AsyncAPIClient`, their bases'
    included: what `dir()` of each shows, read from the runtime's source."""
    classes: dict[str, ast.ClassDef] = {}
    for path in sorted(_RUNTIME.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes.update((n.name, n) for n in tree.body if isinstance(n, ast.ClassDef))
    members: set[str] = set()
    pending, seen = list(_CLIENT_CLASSES), set()
    while pending:
        name = pending.pop()
        if name in seen or name not in classes:
            continue  # `object`, `Generic[...]`: nothing public of their own
        seen.add(name)
        node = classes[name]
        members |= {n for n in _attributes(node.body) if not n.startswith("_")}
        pending += [base.id for base in node.bases if isinstance(base, ast.Name)]
    return frozenset(members)


def _attributes(body: list[ast.stmt]) -> set[str]:
    """The names a class body binds: methods, nested classes, assigned attributes (an annotation
    without a value binds nothing), also inside `if` and `try` blocks."""
    names: set[str] = set()
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            if isinstance(node.target, ast.Name):
                names.add(node.target.id)
        elif isinstance(node, ast.If):
            names |= _attributes(node.body) | _attributes(node.orelse)
        elif isinstance(node, ast.Try):
            names |= _attributes(node.body) | _attributes(node.orelse)
            for handler in node.handlers:
                names |= _attributes(handler.body)
    return names
