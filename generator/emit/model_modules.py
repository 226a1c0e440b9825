"""Big packages: `models.py` split into one module per group of models that refer to each other.

A package of an API with hundreds of schemas would otherwise build every model class on the
first call (OpenAI's document has 1,400). Split, `models/` is a package whose `__init__` imports
nothing until a name is read; reading `models.Pet` imports the module that defines `Pet` and,
through its own imports, only the models `Pet` refers to. Type checkers see every name through
imports under `TYPE_CHECKING`.

The split works on the source datamodel-code-generator wrote, so the classes are exactly the
ones a single `models.py` would hold: the top-level definitions are grouped by the strongly
connected components of their references (models that refer to each other, directly or in a
cycle, must share a module), and each group imports the groups it depends on, which form no
cycle.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

#: Above this many top-level definitions, the models are split.
SPLIT_ABOVE = 100


def model_files(source: str, header: str) -> dict[str, str]:
    """The package files that hold the models: `models.py` alone, or the `models/` package."""
    tree = ast.parse(source)
    definitions = _definitions(tree)
    if len(definitions) <= SPLIT_ABOVE:
        return {"models.py": source}
    lines = source.splitlines()
    imports: list[ast.stmt] = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    groups = _components({name: d.uses for name, d in definitions.items()})
    module_of: dict[str, str] = {}
    taken: set[str] = {"__init__"}
    for group in groups:
        module = _module_name(group[0], taken)
        taken.add(module)
        for name in group:
            module_of[name] = module
    files: dict[str, str] = {}
    for group in groups:
        module = module_of[group[0]]
        body = "\n\n\n".join(definitions[name].text(lines) for name in group)
        rebuilds = [line for name in group for line in definitions[name].rebuilds]
        needed = {u for name in group for u in definitions[name].uses} - set(group)
        local = _local_imports(needed, module_of)
        kept = _kept_imports(imports, set().union(*(definitions[name].reads for name in group)))
        parts = [header.rstrip(), "from __future__ import annotations", kept, local, body]
        if rebuilds:
            parts.append("\n".join(rebuilds))
        files[f"models/{module}.py"] = "\n\n".join(p for p in parts if p) + "\n"
    files["models/__init__.py"] = _package_init(header, module_of)
    return files


class _Definition:
    """One top-level name of the models source: where its text is and which names it uses."""

    def __init__(self, node: ast.stmt) -> None:
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        self.span = (first, node.end_lineno or node.lineno)
        self.uses: set[str] = set()
        #: Every name its text and its rebuilds read (`Field`, `BaseModel`...): the imports
        #: it needs. Kept from the one walk that finds `uses`, so nothing is parsed twice.
        self.reads: set[str] = set()
        self.rebuilds: list[str] = []
        self.node = node

    def text(self, lines: list[str]) -> str:
        start, end = self.span
        return "\n".join(lines[start - 1 : end])


def _definitions(tree: ast.Module) -> dict[str, _Definition]:
    """Each class or assignment at the top level, with the other top-level names it refers to,
    and the `X.model_rebuild()` calls that belong to it."""
    found: dict[str, _Definition] = {}
    for node in tree.body:
        name = _defined_name(node)
        if name is not None:
            found[name] = _Definition(node)
    for name, definition in found.items():
        definition.reads = _names_in(definition.node)
        definition.uses = (definition.reads & found.keys()) - {name}
    for node in tree.body:
        target = _rebuilt(node)
        if target in found:
            found[target].rebuilds.append(ast.unparse(node))
            read = _names_in(node)
            found[target].reads |= read
            # The rebuild resolves names the class refers to: they must be importable here.
            found[target].uses |= (read & found.keys()) - {target}
    return found


def _defined_name(node: ast.stmt) -> str | None:
    if isinstance(node, ast.ClassDef):
        return node.name
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return target.id if isinstance(target, ast.Name) else None
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id
    return None


def _rebuilt(node: ast.stmt) -> str | None:
    """`Pet.model_rebuild()` -> "Pet"."""
    if not isinstance(node, ast.Expr) or not isinstance(node.value, ast.Call):
        return None
    func = node.value.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id
    return None


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _names_in(node: ast.AST) -> set[str]:
    """Every name read in `node`, and the names inside string annotations ('Pet'); other
    strings (docstrings, descriptions) are prose, not references."""
    names: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            names.add(child.id)
        typed = []
        if isinstance(child, ast.AnnAssign):
            typed.append(child.annotation)
        elif isinstance(child, ast.ClassDef):
            typed += child.bases
        for expression in typed:
            for part in ast.walk(expression):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    names.update(_IDENTIFIER.findall(part.value))
    return names


def _components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, without recursion), each in source
    order, listed in source order of their first member."""
    order = {name: index for index, name in enumerate(graph)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph[root], key=order.__getitem__))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pending = work[-1]
            if pending:
                child = pending.pop(0)
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, sorted(graph[child], key=order.__getitem__)))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component, key=order.__getitem__))
    return sorted(components, key=lambda c: order[c[0]])


def _module_name(name: str, taken: set[str]) -> str:
    """`_pet_owner` for `PetOwner`: private, so that `models.<Name>` stays the way in."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()
    base = "_" + re.sub(r"[^a-z0-9_]", "_", snake).strip("_")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    return candidate


def _local_imports(needed: Iterable[str], module_of: dict[str, str]) -> str:
    by_module: dict[str, list[str]] = {}
    for name in sorted(needed):
        by_module.setdefault(module_of[name], []).append(name)
    return "\n".join(
        f"from .{module} import {', '.join(names)}" for module, names in sorted(by_module.items())
    )


def _kept_imports(imports: list[ast.stmt], used: set[str]) -> str:
    """The source's imports, each trimmed to the names this module's code reads (`used`)."""
    kept = []
    for node in imports:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, ast.ImportFrom):
            aliases = [a for a in node.names if (a.asname or a.name) in used]
            if aliases:
                names = ", ".join(
                    a.name if a.asname is None else f"{a.name} as {a.asname}" for a in aliases
                )
                kept.append(f"from {'.' * node.level}{node.module or ''} import {names}")
        elif isinstance(node, ast.Import):
            aliases = [a for a in node.names if (a.asname or a.name).split(".")[0] in used]
            kept += [f"import {a.name}" + (f" as {a.asname}" if a.asname else "") for a in aliases]
    return "\n".join(kept)


def _package_init(header: str, module_of: dict[str, str]) -> str:
    names = sorted(module_of)
    checking = "\n".join(f"    from .{module_of[n]} import {n} as {n}" for n in names)
    table = "\n".join(f"    {n!r}: {module_of[n]!r}," for n in names)
    exported = "\n".join(f"    {n!r}," for n in names)
    return f'''{header.rstrip()}

"""The models, one module per group of models that refer to each other, imported on first use:
reading `models.Pet` imports only what `Pet` needs."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
{checking}

_MODULES = {{
{table}
}}

__all__ = [
{exported}
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
    value = getattr(importlib.import_module("." + module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULES])
'''
