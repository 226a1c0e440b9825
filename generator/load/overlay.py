"""Our extensions added to a published document without editing it: OpenAPI Overlays 1.0.

An overlay is a small file of additions (`overlay: 1.0.0`, `info`, `actions`); each action
selects nodes of the document with an RFC 9535 JSONPath `target` and either merges `update` into
them (into an object: its keys, objects merged key by key, anything else replaced; onto an
array: appended) or removes them (`remove: true`). Actions apply in order, each to the result
of the ones before. A published document gets `x-task`, `x-paid-task`, `x-errors` or
`x-envelope` this way, from `<spec stem>.overlay.yaml` beside it or from `--overlay FILE`.

A target that selects nothing is a warning naming the action (the document may have changed
since the overlay was written); an overlay file that is not a valid overlay is an error with its
pointer and line. Overlay text is data: nothing in it is executed.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import Problem, SpecError, pointer
from .source import parse_document
from .spec_yaml import LineMap

__all__ = ["AppliedOverlay", "apply_overlays", "overlay_beside"]

_VERSION = re.compile(r"1\.0\.\d+")
_ACTION_KEYS = ("target", "description", "update", "remove")


@dataclass(frozen=True)
class AppliedOverlay:
    """An overlay applied to a spec: its file name and the sha256 of its bytes (recorded in the
    generated package's manifest), and whether it was found beside the spec."""

    name: str
    sha256: str
    found_beside: bool = False


def overlay_beside(spec: Path) -> Path | None:
    """`<spec stem>.overlay.yaml` (or `.json`) beside a spec, when there is one."""
    for suffix in (".overlay.yaml", ".overlay.yml", ".overlay.json"):
        candidate = spec.with_name(spec.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def apply_overlays(
    document: dict[str, Any], overlays: list[tuple[Path, bool]]
) -> tuple[dict[str, Any], list[Problem], list[AppliedOverlay]]:
    """`document` with each overlay applied in order (a copy: the document given is not
    changed), the warnings of actions that selected nothing, and what was applied. Each overlay
    is a path and whether it was found beside the spec. `SpecError` names every problem of the
    overlay files."""
    if not overlays:
        return document, [], []
    result = copy.deepcopy(document)
    warnings: list[Problem] = []
    applied: list[AppliedOverlay] = []
    for path, beside in overlays:
        shown = str(path)
        try:
            source = path.read_bytes()
        except OSError as exc:
            raise SpecError(
                [
                    Problem(
                        shown,
                        "",
                        f"cannot read the overlay: {exc.strerror}",
                        "check the path",
                        "overlay",
                    )
                ]
            ) from exc
        overlay = parse_document(source, shown, path)
        actions = _checked(shown, overlay, source)
        for index, action in enumerate(actions):
            result = _apply(result, action, index, shown, source, warnings)
        digest = hashlib.sha256(source).hexdigest()
        applied.append(AppliedOverlay(path.name, digest, beside))
    return result, warnings, applied


def _checked(shown: str, overlay: Any, source: bytes) -> list[dict[str, Any]]:
    """The actions of a valid overlay; `SpecError` with every problem of an invalid one."""
    problems: list[tuple[str, str, str]] = []  # (pointer, message, fix)
    if not isinstance(overlay, dict):
        raise SpecError(
            [
                Problem(
                    shown,
                    "",
                    "the overlay is not a mapping",
                    "an overlay is a mapping with overlay: 1.0.0, info and actions",
                    rule="overlay",
                )
            ]
        )
    version = overlay.get("overlay")
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        problems.append(
            ("/overlay", f"overlay version {version!r} is not 1.0.x", "write overlay: 1.0.0")
        )
    info = overlay.get("info")
    if not isinstance(info, dict) or not all(
        isinstance(info.get(key), str) for key in ("title", "version")
    ):
        problems.append(
            (
                "/info",
                "info needs a title and a version (strings)",
                "add info: {title: ..., version: ...}",
            )
        )
    for key in overlay:
        if key not in ("overlay", "info", "actions", "extends") and not key.startswith("x-"):
            problems.append((pointer(key), f"an overlay has no key {key!r}", "remove it"))
    actions = overlay.get("actions")
    if not isinstance(actions, list) or not actions:
        problems.append(
            ("/actions", "actions must be a list of at least one action", "list the actions")
        )
        actions = []
    for index, action in enumerate(actions):
        at = f"/actions/{index}"
        if not isinstance(action, dict):
            problems.append((at, "an action is a mapping", "write {target: ..., update: ...}"))
            continue
        for key in action:
            if key not in _ACTION_KEYS and not key.startswith("x-"):
                problems.append(
                    (
                        f"{at}{pointer(key)}",
                        f"an action has no key {key!r}",
                        "use target, description, update or remove",
                    )
                )
        target = action.get("target")
        if not isinstance(target, str) or not target.startswith("$"):
            problems.append(
                (
                    f"{at}/target",
                    "target must be a JSONPath query starting with $",
                    "such as $.paths['/v1/tasks'].post",
                )
            )
        else:
            import jsonpath_rfc9535 as jsonpath  # here: most specs have no overlay to read

            try:
                jsonpath.compile(target)
            except jsonpath.JSONPathError as exc:
                problems.append(
                    (
                        f"{at}/target",
                        f"target {target!r} is not a JSONPath query: {exc}",
                        "write it as RFC 9535 defines",
                    )
                )
        if "remove" in action and not isinstance(action["remove"], bool):
            problems.append((f"{at}/remove", "remove must be true or false", "write remove: true"))
        if "update" not in action and action.get("remove") is not True:
            problems.append(
                (at, "the action neither updates nor removes", "add update: {...} or remove: true")
            )
    if problems:
        lines = LineMap(source)
        raise SpecError(
            Problem(shown, at, message, fix, rule="overlay", line=lines.line(at))
            for at, message, fix in problems
        )
    return actions


def _apply(
    document: dict[str, Any],
    action: dict[str, Any],
    index: int,
    shown: str,
    source: bytes,
    warnings: list[Problem],
) -> dict[str, Any]:
    target = action["target"]
    at = f"/actions/{index}"
    described = f"action {index + 1}" + (
        f" ({action['description']})" if isinstance(action.get("description"), str) else ""
    )
    import jsonpath_rfc9535 as jsonpath  # here: most specs have no overlay to apply

    nodes = list(jsonpath.find(target, document))
    if not nodes:
        warnings.append(
            Problem(
                shown,
                f"{at}/target",
                f"{described}: the target {target} selects nothing in the document",
                "the action is skipped; correct the target if the document changed",
                rule="overlay",
                line=LineMap(source).line(f"{at}/target"),
            )
        )
        return document
    if action.get("remove") is True:
        if any(not node.location for node in nodes):
            raise _error(
                shown, source, f"{at}/target", f"{described} would remove the whole document"
            )
        # Later items first, so that removing one does not move the others.
        for node in sorted(nodes, key=_order, reverse=True):
            container = _container(document, node.location[:-1])
            key = node.location[-1]
            if isinstance(container, dict):
                container.pop(str(key), None)
            elif isinstance(container, list) and isinstance(key, int) and key < len(container):
                del container[key]
        return document
    update = action["update"]
    for node in nodes:
        if isinstance(node.value, dict):
            if not isinstance(update, dict):
                raise _error(
                    shown,
                    source,
                    f"{at}/update",
                    f"{described} selects an object ({node.path()}), so update must be a mapping",
                )
            _merge(node.value, update)
        elif isinstance(node.value, list):
            node.value.append(copy.deepcopy(update))
        else:
            raise _error(
                shown,
                source,
                f"{at}/target",
                f"{described} selects {node.path()}, which is neither an object nor an array",
            )
    return document


def _order(node: Any) -> tuple[tuple[int, int, str], ...]:
    """A node's place in document order: array indices compared as numbers."""
    return tuple(
        (0, step, "") if isinstance(step, int) else (1, 0, str(step)) for step in node.location
    )


def _merge(target: dict[str, Any], update: dict[str, Any]) -> None:
    """Merge `update` into `target`: objects key by key, anything else replaced."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def _container(document: Any, location: tuple[Any, ...]) -> Any:
    node = document
    for step in location:
        node = node[step]
    return node


def _error(shown: str, source: bytes, at: str, message: str) -> SpecError:
    return SpecError(
        [
            Problem(
                shown,
                at,
                message,
                "correct the action in the overlay",
                rule="overlay",
                line=LineMap(source).line(at),
            )
        ]
    )
