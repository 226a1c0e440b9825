"""`gatewaygen providers`: every provider name that resolves from here, where its spec is, and
its operations (the names `run`, `check-payload` and the clients use)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..problems import SpecError
from .locate import find_project, installed_specs, known_specs

EXIT_OK, EXIT_BAD_SPEC, EXIT_USAGE = 0, 1, 2


def main(args: argparse.Namespace) -> int:
    from ..load.loader import load_spec
    from ..model.ir import build_provider

    known = known_specs(args.specs_dir)
    if not known:
        where = args.specs_dir or "this project or gatewaygen's installation"
        print(f"gatewaygen: no specs found in {where}", file=sys.stderr)
        return EXIT_USAGE
    listed: list[dict[str, Any]] = []
    status = EXIT_OK
    for name, path in sorted(known.items()):
        entry: dict[str, Any] = {"provider": name, "spec": str(path), "from": _origin(path)}
        try:
            provider = build_provider(load_spec(path))
        except SpecError as exc:
            entry["problem"] = f"{exc.counted}: run `gatewaygen validate {path}`"
            status = EXIT_BAD_SPEC
        else:
            entry["package"] = provider.package
            entry["operations"] = [
                {
                    "method": op.method_name,
                    "operationId": op.operation_id,
                    "request": f"{op.http_method.upper()} {op.path}",
                    "creates_task": op.paid_task,
                }
                for op in provider.operations
            ]
        listed.append(entry)
    if args.format == "json":
        print(json.dumps(listed, indent=2, ensure_ascii=False))
    else:
        print(_text(listed))
    return status


def _origin(path: Path) -> str:
    project = find_project()
    if project is not None and path.parent.resolve() == project.specs.resolve():
        return "project"
    installed = installed_specs()
    if installed is not None and path.parent.resolve() == installed.resolve():
        return "installed"
    return "specs-dir"


def _text(listed: list[dict[str, Any]]) -> str:
    origins = {
        "project": "this project",
        "installed": "installed with gatewaygen",
        "specs-dir": "--specs-dir",
    }
    lines = []
    for entry in listed:
        lines.append(f"{entry['provider']}  ({origins[entry['from']]}: {entry['spec']})")
        if "problem" in entry:
            lines.append(f"  cannot be read: {entry['problem']}")
            continue
        width = max(len(op["method"]) for op in entry["operations"])
        for op in entry["operations"]:
            paid = "  creates a paid task" if op["creates_task"] else ""
            lines.append(f"  {op['method']:<{width}}  {op['request']}{paid}")
    return "\n".join(lines)
