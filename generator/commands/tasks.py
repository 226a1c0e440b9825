"""`gatewaygen tasks list|resume|reconcile`: the task ledger from the command line.

`gatewaygen run` records every paid create in the ledger (see `generator/runtime/_ledger.py`)
before sending it. These commands read that record: what was made, what is still running or not
yet downloaded (`resume` finishes it), and which creates may have made a task nobody has the id of
(`reconcile` shows their body and key, and records what you found out).
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from ..problems import SpecError
from ..runtime._ledger import RECONCILE_STATES, LedgerError, TaskLedger
from ..runtime._task import DEFAULT_MAX_WAIT, wait_problems
from ..write.destination import file_problem
from .task_options import (  # re-exported: the parser side lives there
    LEDGER_ENV,
    add_ledger_options,
    default_ledger,
    ledger_for_run,
    register,
)

__all__ = [
    "LEDGER_ENV",
    "add_ledger_options",
    "default_ledger",
    "ledger_for_run",
    "main",
    "register",
]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(args: argparse.Namespace) -> int:
    path = args.ledger if args.ledger is not None else default_ledger()
    if args.tasks_command != "resume" and not path.exists():
        print(f"gatewaygen tasks: no task ledger at {path} yet: nothing was recorded there.")
        return EXIT_OK
    try:
        ledger = TaskLedger(path)
    except LedgerError as exc:
        print(f"gatewaygen tasks: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.tasks_command == "list":
            return _list(ledger, args)
        if args.tasks_command == "reconcile":
            return _reconcile(ledger, args)
        return _resume(ledger, args)
    except LedgerError as exc:
        print(f"gatewaygen tasks: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        ledger.close()


def _when(moment: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(moment))


# -- list ------------------------------------------------------------------------------------------


def _list(ledger: TaskLedger, args: argparse.Namespace) -> int:
    found = ledger.entries(provider=args.provider)
    if args.unfinished:
        found = [entry for entry in found if entry.unfinished]
    if args.format == "json":
        rows = [
            {
                "entry": e.entry,
                "provider": e.provider,
                "operation": e.operation,
                "task_id": e.task_id,
                "state": e.state,
                "provider_status": e.provider_status,
                "video_url": e.video_url,
                "saved_to": e.saved_to,
                "base_url": e.base_url,
                "created_at": e.created_at,
                "updated_at": e.updated_at,
            }
            for e in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"task ledger {ledger.path}: {len(found)} task(s)")
    for e in found:
        status = "" if e.provider_status is None else f" ({e.provider_status})"
        saved = f", saved to {e.saved_to}" if e.saved_to else ""
        print(
            f"  #{e.entry} {_when(e.created_at)} {e.provider} {e.operation} "
            f"{e.task_id or '(no task id)'}: {e.state}{status}{saved}"
        )
    unfinished = sum(entry.unfinished for entry in found)
    doubtful = sum(entry.state in RECONCILE_STATES for entry in found)
    if unfinished:
        print(f"{unfinished} unfinished: `gatewaygen tasks resume` waits for them and downloads.")
    if doubtful:
        print(f"{doubtful} without a task id: `gatewaygen tasks reconcile` says what to do.")
    return EXIT_OK


# -- reconcile -------------------------------------------------------------------------------------

_WHY = {
    "submitting": "it was being sent when its process ({process}) stopped, or that process "
    "is still sending it",
    "uncertain": "it failed in a way that leaves open whether the gateway made the task: {detail}",
    "no-task-id": "the gateway accepted it ({detail}), but no task id could be read from the "
    "answer",
}


def _reconcile(ledger: TaskLedger, args: argparse.Namespace) -> int:
    if args.found is not None or args.dismiss is not None:
        return _settle(ledger, args)
    doubtful = ledger.entries(states=RECONCILE_STATES, provider=args.provider)
    if not doubtful:
        print(f"task ledger {ledger.path}: every create has its task id; nothing to reconcile.")
        return EXIT_OK
    print(
        f"task ledger {ledger.path}: {len(doubtful)} create(s) may have made a task whose id "
        "nobody has. Each may have been paid for; do not send it again before you know."
    )
    for e in doubtful:
        why = _WHY[e.state].format(process=e.process, detail=e.detail or "no detail")
        print(f"\n#{e.entry} {e.provider} {e.operation} at {e.base_url}, {_when(e.created_at)}")
        print(f"  why: {why}")
        print(f"  body: {json.dumps(e.body, ensure_ascii=False)}")
        if e.idempotency_key is not None:
            print(
                f"  idempotency key: {json.dumps(e.idempotency_key, ensure_ascii=False)} (sending "
                "the body again with this key is safe: the gateway refuses a second task with it)"
            )
        print(
            f"  what to do: look for a task made around {_when(e.created_at)} with this body in "
            f"the {e.provider} console or task list. Found it: `gatewaygen tasks reconcile "
            f"--found {e.entry} TASK_ID`, then `gatewaygen tasks resume TASK_ID`. It is not "
            f"there: `gatewaygen tasks reconcile --dismiss {e.entry}`."
        )
    return EXIT_FAILED


def _settle(ledger: TaskLedger, args: argparse.Namespace) -> int:
    given = args.found[0] if args.found is not None else str(args.dismiss)
    if not given.isdigit():
        print(
            f"gatewaygen tasks: {given!r} is not an entry number; `gatewaygen tasks reconcile` "
            "shows each create in doubt with its number (#12).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    number = int(given)
    found = ledger.entries(entry=number)
    if not found:
        print(
            f"gatewaygen tasks: the ledger {ledger.path} has no entry #{number}.", file=sys.stderr
        )
        return EXIT_USAGE
    entry = found[0]
    if entry.state not in RECONCILE_STATES:
        print(
            f"gatewaygen tasks: entry #{number} is {entry.state}"
            f"{' (task ' + entry.task_id + ')' if entry.task_id else ''}, not a create in doubt; "
            "nothing was changed.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.found is not None:
        ledger.resolve(number, args.found[1])
        print(
            f"entry #{number} made task {args.found[1]}; `gatewaygen tasks resume "
            f"{args.found[1]}` waits for it and downloads the video."
        )
    else:
        ledger.dismiss(number)
        print(f"entry #{number} made no task; it is off the reconcile list.")
    return EXIT_OK


# -- resume ----------------------------------------------------------------------------------------


def _resume(ledger: TaskLedger, args: argparse.Namespace) -> int:
    problems = wait_problems(
        DEFAULT_MAX_WAIT if args.max_wait is None else args.max_wait,
        0.0 if args.poll_interval is None else args.poll_interval,
        None,
        names=("--max-wait", "--poll-interval"),
    )
    if args.timeout is not None and not (math.isfinite(args.timeout) and args.timeout > 0):
        problems.append(("--timeout", f"must be a number of seconds above 0; got {args.timeout}"))
    if problems:
        listed = "; ".join(f"{name} {message}" for name, message in problems)
        print(f"gatewaygen tasks resume: {listed}.", file=sys.stderr)
        return EXIT_USAGE
    try:
        targets = _targets(ledger, args)
    except ValueError as exc:
        print(f"gatewaygen tasks resume: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not targets:
        print(f"task ledger {ledger.path}: no unfinished tasks; nothing to resume.")
        return EXIT_OK
    paths = [_output(args.output, target[2], single=len(targets) == 1) for target in targets]
    for path in paths:  # before any wait, which can last half an hour
        option = "--output" if args.output else "the video"
        if problem := file_problem(path, option, force=args.force):
            hint = "" if args.output else " (--output PATH saves elsewhere)"
            print(
                f"gatewaygen tasks resume: {problem}{hint}. Nothing was waited for.",
                file=sys.stderr,
            )
            return EXIT_USAGE
    outcome = EXIT_OK
    for (provider_name, operation, task_id, base_url), path in zip(targets, paths, strict=True):
        try:
            done = _finish(ledger, args, provider_name, operation, task_id, base_url, path)
        except KeyboardInterrupt:
            print(
                f"Stopped. `gatewaygen tasks resume {task_id}` carries on.",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED
        if done == EXIT_USAGE:
            return EXIT_USAGE
        outcome = max(outcome, done)
    return outcome


Target = tuple[str, str | None, str, str | None]  # provider, create method, task id, base URL


def _targets(ledger: TaskLedger, args: argparse.Namespace) -> list[Target]:
    if not args.task_ids:
        return [
            (e.provider, e.operation, e.task_id, e.base_url)
            for e in ledger.entries(provider=args.provider)
            if e.unfinished and e.task_id is not None
        ]
    targets: list[Target] = []
    for task_id in args.task_ids:
        known = [e for e in ledger.entries(task_id=task_id, provider=args.provider)]
        if known:
            last = known[-1]
            targets.append(
                (last.provider, args.operation or last.operation, task_id, last.base_url)
            )
        elif args.provider:
            targets.append((args.provider, args.operation, task_id, None))
        else:
            raise ValueError(
                f"task {task_id} is not in the task ledger {ledger.path}; say which provider "
                f"made it: `gatewaygen tasks resume {task_id} --provider PROVIDER`."
            )
    return targets


def _output(output: str | None, task_id: str, *, single: bool) -> Path:
    """The file for one task's video: --output itself for a single task (unless it is a folder
    or ends with a slash), else <task id>.mp4 in the --output folder (default: here)."""
    folder = output is None or output.endswith(("/", os.sep)) or Path(output).is_dir()
    if output is not None and single and not folder:
        return Path(output)
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", task_id)
    return Path(output or ".") / f"{safe}.mp4"


def _finish(
    ledger: TaskLedger,
    args: argparse.Namespace,
    provider_name: str,
    operation: str | None,
    task_id: str,
    base_url: str | None,
    path: Path,
) -> int:
    try:
        with _package(provider_name, args.specs_dir) as package:
            method = _task_method(package, provider_name, operation)
            return _wait_and_save(ledger, args, package, method, task_id, base_url, path)
    except (SpecError, ValueError) as exc:
        print(f"gatewaygen tasks resume: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _wait_and_save(
    ledger: TaskLedger,
    args: argparse.Namespace,
    package: ModuleType,
    method: str,
    task_id: str,
    base_url: str | None,
    path: Path,
) -> int:
    from .run import _plain  # the client's advice to Python callers, left out

    name = package._client.PROVIDER.name
    key_env = package._client.PROVIDER.api_key_env
    options: dict[str, Any] = {"ledger": ledger.path}
    if args.api_key:
        options["api_key"] = args.api_key
    elif not os.environ.get(key_env):
        raise ValueError(f"no API key for {name}: set {key_env} or pass --api-key.")
    if args.base_url or base_url:
        options["base_url"] = args.base_url or base_url
    if args.timeout is not None:
        options["timeout"] = args.timeout
    try:
        client = package.Client(**options)
    except package.GatewayError as exc:
        raise ValueError(str(exc)) from exc
    wait: dict[str, Any] = {"operation": method}
    if args.max_wait is not None:
        wait["max_wait"] = args.max_wait
    if args.poll_interval is not None:
        wait["poll_interval"] = args.poll_interval
    output = f" --output {args.output}" if args.output else ""
    output += " --force" if output and args.force else ""
    again = f"`gatewaygen tasks resume {task_id} --provider {name}{output}` tries again"
    with client:
        print(f"task {task_id} ({name}): waiting", flush=True)
        try:
            result = client.wait_for_task(task_id, **wait)
            print(f"task {task_id} {result.status} ({result.provider_status}): {result.video_url}")
            saved = result.download(path)
        except package.TaskFailedError as exc:
            print(f"gatewaygen tasks resume: {_plain(str(exc))}", file=sys.stderr)
            return EXIT_FAILED
        except package.TaskError as exc:
            print(f"gatewaygen tasks resume: {_plain(str(exc))} {again}.", file=sys.stderr)
            return EXIT_FAILED
        except OSError as exc:
            print(
                f"gatewaygen tasks resume: task {task_id}: cannot save {path}: {exc}; {again}.",
                file=sys.stderr,
            )
            return EXIT_FAILED
    print(f"saved {saved} ({saved.stat().st_size} bytes)", flush=True)
    return EXIT_OK


@contextmanager
def _package(provider_name: str, specs_dir: Path | None) -> Iterator[ModuleType]:
    """The provider's generated client package: installed, else the one `run` would use."""
    try:
        installed = importlib.import_module(f"{provider_name}_client")
    except ImportError:
        installed = None
    if installed is not None:
        yield installed
        return
    from ..load.loader import load_spec
    from ..model.ir import build_provider
    from .locate import find_spec
    from .run import _package as run_package

    spec = find_spec(provider_name, specs_dir)
    with run_package(build_provider(load_spec(spec)), spec) as package:
        yield package


def _task_method(package: ModuleType, provider_name: str, operation: str | None) -> str:
    """The create method whose task lifecycle polls the task: `operation` (a method name or an
    operationId), else the package's first."""
    tasks: dict[str, Any] = getattr(package._client, "TASKS", {})
    if not tasks:
        raise ValueError(
            f"{provider_name} declares no task lifecycle (x-task): nothing to wait for"
        )
    if operation is None or operation in tasks:
        return operation or next(iter(tasks))
    for value in vars(package._client).values():
        if getattr(value, "name", None) == operation and getattr(value, "create_method", None):
            return str(value.create_method)
    # imported here, as the package is above: `tasks list` needs neither
    from ..model.ir import did_you_mean

    raise ValueError(
        f"{provider_name} has no create operation {operation!r}"
        f"{did_you_mean(operation, list(tasks))} with a task; its creates are: "
        f"{', '.join(tasks)}"
    )
