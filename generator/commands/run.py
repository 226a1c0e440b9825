"""`gatewaygen run`: create a task with a generated client, follow it, download the video.

The task id is printed (on stdout) the moment the gateway answers, before anything else can go
wrong, so a paid task is never lost; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import logging
import math
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)

from ..load.loader import load_spec
from ..model.ir import Operation, Provider, build_provider, did_you_mean
from ..pipeline import generate
from ..problems import SpecError
from ..write.destination import file_problem, os_error
from ..write.manifest import MANIFEST
from ..write.writer import FormatError
from .locate import find_spec
from .payload import check_request
from .task_options import ledger_for_run

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(args: argparse.Namespace) -> int:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    wait = args.wait or args.output is not None
    try:
        path = find_spec(args.provider, args.specs_dir)
        spec = load_spec(path)
        provider = build_provider(spec)
        operation = _operation(provider, args.operation)
        if wait and operation.task is None:
            raise ValueError(
                f"{operation.method_name} declares no task lifecycle (x-task) in "
                f"{provider.spec_file}, so there is nothing to wait for; drop --wait/--output."
            )
        for option, seconds in (
            ("--max-wait", args.max_wait),
            ("--timeout", args.timeout),
            ("--poll-interval", args.poll_interval),
        ):
            if seconds is not None and not (math.isfinite(seconds) and seconds > 0):
                raise ValueError(f"{option} must be a number of seconds above 0, got {seconds:g}")
        if args.output is not None:
            problem = file_problem(args.output, "--output", force=args.force)
            if problem:
                raise ValueError(f"{problem}. Nothing was sent.")
        body = _read(args.body)
        report = check_request(spec, provider, operation, body, _shown(args.body))
        if report.findings:
            err.print(report.as_text(), markup=False)
        if report.errors:
            raise ValueError(f"{_shown(args.body)} breaks the spec (above); nothing was sent.")
        _check_configuration(provider, args)
    except (SpecError, ValueError) as exc:
        err.print(f"gatewaygen run: {exc}", markup=False)
        return EXIT_USAGE
    with ExitStack() as stack:
        try:
            package = stack.enter_context(_package(provider, path))
            kwargs = _arguments(operation, body)
            ledger = ledger_for_run(args)
            try:
                client = package.Client(**_client_options(args), ledger=ledger or False)
            except package.LedgerError as exc:
                raise ValueError(
                    f"{exc} Nothing was sent. Give another file with --ledger FILE, or run "
                    "without one with --no-ledger."
                ) from exc
            stack.enter_context(client)
        except (SpecError, FormatError, ValueError) as exc:  # ConfigurationError is a ValueError
            err.print(f"gatewaygen run: {_plain(str(exc))}", markup=False)
            return EXIT_USAGE
        if ledger is not None:
            err.print(
                f"recording the task in the task ledger {ledger} (`gatewaygen tasks list`)",
                markup=False,
            )
        quiet = _NoPythonAdvice()
        logging.getLogger(provider.package).addFilter(quiet)
        stack.callback(logging.getLogger(provider.package).removeFilter, quiet)
        return _run(client, package, provider, operation, kwargs, args, wait, err)


def _client_options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if args.api_key:
        options["api_key"] = args.api_key
    if args.base_url:
        options["base_url"] = args.base_url
    if args.timeout is not None:
        options["timeout"] = args.timeout
    return options


def _check_configuration(provider: Provider, args: argparse.Namespace) -> None:
    """The key and the address, asked for in the command's own terms before anything else."""
    if not args.api_key and not os.environ.get(provider.api_key_env):
        raise ValueError(
            f"no API key for {provider.title}: set {provider.api_key_env} or pass --api-key. "
            "Nothing was sent."
        )
    if not (args.base_url or os.environ.get(provider.base_url_env) or provider.default_base_url):
        raise ValueError(
            f"no address for {provider.title}: its documentation names no server, so set "
            f"{provider.base_url_env} or pass --base-url https://... Nothing was sent."
        )


def _run(
    client: Any,
    package: ModuleType,
    provider: Provider,
    operation: Operation,
    kwargs: dict[str, Any],
    args: argparse.Namespace,
    wait: bool,
    err: Console,
) -> int:
    try:
        created = getattr(client, operation.method_name)(**kwargs)
    except (TypeError, ValueError) as exc:  # the client's checks (ValidationError is a ValueError)
        err.print(f"gatewaygen run: nothing was sent. {_plain(str(exc))}", markup=False)
        return EXIT_USAGE
    except package.SubmissionUncertainError as exc:
        err.print(
            f"gatewaygen run: {_plain(str(exc))} `gatewaygen tasks reconcile` lists the creates "
            "that may have reached the gateway.",
            markup=False,
        )
        return EXIT_FAILED
    except package.APIError as exc:
        err.print(f"gatewaygen run: {exc}", markup=False)
        return EXIT_FAILED
    if operation.task is None:
        print(json.dumps(created.model_dump(mode="json", by_alias=True), ensure_ascii=False))
        return EXIT_OK
    lifecycle = package._client.TASKS[operation.method_name]
    task_id = package._runtime._json.first(
        created.model_dump(mode="json", by_alias=True), lifecycle.id
    )
    if task_id is None:
        err.print(
            f"gatewaygen run: the gateway answered without a task id; its answer was:\n"
            f"{created.model_dump_json()}",
            markup=False,
        )
        return EXIT_FAILED
    print(f"task {task_id} created ({provider.name} {operation.method_name})", flush=True)
    if not wait:
        return EXIT_OK
    resume = _resume(provider, str(task_id), args)
    try:
        result = _wait(client, operation, str(task_id), args, err)
    except KeyboardInterrupt:
        err.print(f"Stopped waiting. The task id is {task_id}; {resume}.", markup=False)
        return EXIT_INTERRUPTED
    except package.TaskFailedError as exc:
        err.print(f"gatewaygen run: {_plain(str(exc))}", markup=False)
        return EXIT_FAILED
    except package.TaskTimeoutError as exc:
        err.print(
            f"gatewaygen run: task {task_id} did not finish within {exc.waited:.0f} s (last "
            f"status {exc.last_status!r}); it may still finish: {resume}.",
            markup=False,
        )
        return EXIT_FAILED
    except package.TaskError as exc:
        err.print(f"gatewaygen run: {_plain(str(exc))} To try again, {resume}.", markup=False)
        return EXIT_FAILED
    print(f"task {task_id} {result.status} ({result.provider_status}): {result.video_url}")
    if args.output is None:
        return EXIT_OK
    try:
        path = _download(result, args.output, err)
    except package.TaskError as exc:
        err.print(f"gatewaygen run: {_plain(str(exc))} To try again, {resume}.", markup=False)
        return EXIT_FAILED
    except OSError as exc:
        err.print(
            f"gatewaygen run: {os_error(exc, f'save the video to {args.output}')}. The task "
            f"id is {task_id}; {resume}.",
            markup=False,
        )
        return EXIT_FAILED
    print(f"saved {path} ({path.stat().st_size} bytes)")
    return EXIT_OK


def _wait(
    client: Any, operation: Operation, task_id: str, args: argparse.Namespace, err: Console
) -> Any:
    options: dict[str, Any] = {"operation": operation.method_name}
    if args.max_wait is not None:
        options["max_wait"] = args.max_wait
    if args.poll_interval is not None:
        options["poll_interval"] = args.poll_interval
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=False) as bar:
        shown = bar.add_task(f"task {task_id}: created", total=None)

        def on_progress(update: Any) -> None:
            bar.update(
                shown,
                description=f"task {task_id}: {update.provider_status}",
                completed=update.progress if update.progress is not None else 0,
                total=100 if update.progress is not None else None,
            )

        result = client.wait_for_task(task_id, on_progress=on_progress, **options)
        bar.update(shown, completed=100, total=100)
    return result


def _download(result: Any, output: Path, err: Console) -> Path:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
    )
    with Progress(*columns, console=err) as bar:
        shown = bar.add_task(f"downloading to {output}", total=None)

        def on_progress(update: Any) -> None:
            bar.update(shown, completed=update.received, total=update.total)

        path: Path = result.download(output, on_progress=on_progress)
    return path


def _resume(provider: Provider, task_id: str, args: argparse.Namespace) -> str:
    """How to pick the task up again, as a command."""
    output = f" --output {args.output}" if args.output is not None else ""
    if output and args.force:  # resume, like run, keeps an existing file unless forced
        output += " --force"
    return f"resume with `gatewaygen tasks resume {task_id} --provider {provider.name}{output}`"


#: What marks a clause of the client's messages as advice to a Python caller; run gives its
#: own advice, as commands.
_PYTHON_ADVICE = (
    "download()",
    "wait_for_task(",
    ".last_error",
    "with_options(",
    "api_key=",
    "Client()",
)


def _plain(message: str) -> str:
    """A client message without its advice to Python callers (clause by clause)."""
    message = message.replace("The API key from api_key=...", "The API key given with --api-key")
    kept = []
    for sentence in re.split(r"(?<=\.)\s+", message):
        clauses = [c for c in sentence.split("; ") if not any(t in c for t in _PYTHON_ADVICE)]
        if clauses:
            text = "; ".join(clauses)
            kept.append(text if text.endswith((".", ":", "?", "!")) else text + ".")
    return " ".join(kept)


class _NoPythonAdvice(logging.Filter):
    """Keeps the client's log lines that advise a Python caller off the command's stderr."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(t in record.getMessage() for t in _PYTHON_ADVICE)


@contextmanager
def _package(provider: Provider, spec: Path) -> Iterator[ModuleType]:
    """The provider's generated package: installed, or generated/ beside the spec's folder,
    or else generated from the spec into a temporary folder for this run."""
    if importlib.util.find_spec(provider.package) is not None:
        yield importlib.import_module(provider.package)
        return
    folder = (spec.parent.parent / "generated" / provider.name).resolve()
    if (folder / provider.package / MANIFEST).is_file():
        sys.path.insert(0, str(folder))
        yield importlib.import_module(provider.package)
        return
    with tempfile.TemporaryDirectory(prefix="gatewaygen-run-") as scratch:
        where = Path(scratch) / provider.name
        generate([spec], Path(scratch), whole_folder=False)
        sys.path.insert(0, str(where))
        try:
            yield importlib.import_module(provider.package)
        finally:
            sys.path.remove(str(where))


def _operation(provider: Provider, name: str) -> Operation:
    creates = ", ".join(op.method_name for op in provider.operations if op.has_body)
    try:
        operation = provider.operation(name)
    except LookupError:
        operation = None
    if operation is None or not operation.has_body:
        names = [op.method_name for op in provider.operations if op.has_body]
        hint = did_you_mean(name, names) if operation is None else ""
        raise ValueError(
            f"{provider.name} has no create operation {name!r}{hint} (one that takes a request "
            f"body); its create operations are: {creates}"
        )
    return operation


def _read(body: str) -> dict[str, Any]:
    """The JSON object in the --body file (`-`: standard input)."""
    shown = _shown(body)
    try:
        text = sys.stdin.read() if body == "-" else Path(body).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read {shown}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f"{shown} is not UTF-8 text: write the body as JSON") from exc
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{shown} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc
    if not isinstance(value, dict):
        raise ValueError(f"{shown} must hold a JSON object: the request body")
    return value


def _shown(body: str) -> str:
    return "(stdin)" if body == "-" else body


def _arguments(operation: Operation, body: dict[str, Any]) -> dict[str, Any]:
    """The method's keyword arguments for a checked body: documented fields by the names the
    generator chose, the others (which the spec allows, or the check refused them) through the
    method's per-call body extras, whatever that option is called in it (UniAll's documented
    `extra_body` field pushes it to `extra_body_`)."""
    names = operation.body_argument_names
    kwargs = {names[key]: value for key, value in body.items() if key in names}
    extras = {key: value for key, value in body.items() if key not in names}
    if extras:
        kwargs[operation.options["extra_body"]] = extras
    return kwargs
