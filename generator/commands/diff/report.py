"""The report of a comparison: the release it calls for, as text, Markdown or JSON, and the
`gatewaygen diff` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from ...load.loader import load_spec
from ...problems import Problem, SpecError
from .documents import diff_documents
from .rules import _HEADINGS, LEVELS, Bump, Change, Level
from .walk import _compact

# --- reports ----------------------------------------------------------------------------------


def bump(changes: Sequence[Change]) -> Bump | None:
    """The release a client package needs: major for anything breaking, minor for additions
    and possibly breaking changes, patch for any other change, None for no change at all."""
    if not changes:
        return None
    if any(c.level == "breaking" for c in changes):
        return "major"
    if any(c.addition or c.level == "possibly-breaking" for c in changes):
        return "minor"
    return "patch"


def _counts(changes: Sequence[Change]) -> dict[Level, int]:
    return {level: sum(c.level == level for c in changes) for level in LEVELS}


def as_json(changes: Sequence[Change]) -> dict[str, Any]:
    """The report as one JSON object: the bump, the count per level and every change."""
    counts = _counts(changes)
    return {
        "bump": bump(changes),
        "breaking": counts["breaking"],
        "possibly_breaking": counts["possibly-breaking"],
        "non_breaking": counts["non-breaking"],
        "changes": [c.as_json() for c in changes],
    }


def _values(change: Change, code: bool = False) -> str:
    """The values, compactly: old -> new, "added <new>" or "removed <old>"."""

    def show(value: Any) -> str:
        text = _compact(value, 60)
        if not code:
            return text
        return f"`` {text} ``" if "`" in text else f"`{text}`"

    if change.old is None and change.new is not None:
        return f"added {show(change.new)}"
    if change.new is None and change.old is not None:
        return f"removed {show(change.old)}"
    return f"{show(change.old)} -> {show(change.new)}"


def render_text(changes: Sequence[Change], old_name: str, new_name: str) -> str:
    """The report for a terminal: what was compared, a summary, then each change by level."""
    lines = [f"{old_name} -> {new_name}"]
    if not changes:
        return "\n".join([*lines, "No changes."]) + "\n"
    counts, release, total = _counts(changes), bump(changes), len(changes)
    lines.append(
        f"{total} change{'s' if total != 1 else ''}: {counts['breaking']} breaking, "
        f"{counts['possibly-breaking']} possibly breaking, {counts['non-breaking']} "
        f"non-breaking; the client needs a {release} release."
    )
    for level in LEVELS:
        group = [c for c in changes if c.level == level]
        if group:
            lines += ["", f"{_HEADINGS[level]}:"]
        for change in group:
            lines.append(f"  {change.operation or '(document)'} [{change.rule}]")
            lines.append(f"    {change.message}")
            lines.append(f"    at {change.pointer or '/'}: {_values(change)}")
    return "\n".join(lines) + "\n"


def render_markdown(changes: Sequence[Change]) -> str:
    """A markdown list by level (### Breaking, ### Possibly breaking, ### Non-breaking), one
    bullet per change, for CHANGELOG.md entries."""
    if not changes:
        return "No changes.\n"
    out: list[str] = []
    for level in LEVELS:
        group = [c for c in changes if c.level == level]
        if not group:
            continue
        out += [*([""] if out else []), f"### {_HEADINGS[level]}", ""]
        for change in group:
            text = change.message
            if change.operation:
                name = change.operation.split(" (", 1)[0]
                text = f"{change.operation}: {text.removeprefix(f'{name}: ')}"
            where = change.pointer or "/"
            out.append(f"- {text} `{where}`: {_values(change, code=True)} (`{change.rule}`)")
    return "\n".join(out) + "\n"


def main(args: argparse.Namespace) -> int:
    """`gatewaygen diff OLD NEW`: print the report; 1 when `fail_on` names a level and a change
    at or above it was found, 2 when a spec cannot be loaded, else 0."""
    documents: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for path in (args.old, args.new):
        try:
            documents.append(load_spec(path).document)
        except SpecError as exc:
            problems += exc.problems
    if problems:
        error = SpecError(problems)
        print(f"gatewaygen: {error.counted} in the specs; nothing was compared.", file=sys.stderr)
        print(error, file=sys.stderr)
        return 2
    changes = diff_documents(documents[0], documents[1])
    fmt = getattr(args, "format", None) or "text"
    if fmt == "json":
        print(json.dumps(as_json(changes), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        print(render_markdown(changes), end="")
    else:
        print(render_text(changes, str(args.old), str(args.new)), end="")
    fail_on = getattr(args, "fail_on", None)
    if fail_on is None:
        return 0
    worst = LEVELS.index(fail_on)
    return 1 if any(LEVELS.index(c.level) <= worst for c in changes) else 0
