"""`gatewaygen run`: create a task with a generated client, follow it, download the video.

The task id is printed (on stdout) the moment the gateway answers, before anything else can go
wrong, so a paid task is never lost; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
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

from .ir import Operation, Provider, build_provider
from .loader import load_spec
from .pipeline import find_spec
from .problems import SpecError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(args: argparse.Namespace) -> int:
    err = Console(stderr=True, highlight=False)
    wait = args.wait or args.output is not None
    try:
        provider = _provider(args.provider, args.specs_dir)
        operation = _operation(provider, args.operation)
        if wait and operation.task is None:
            raise ValueError(
                f"{operation.method_name} declares no task lifecycle (x-task) in "
                f"{provider.spec_file}, so there is nothing to wait for; drop --wait/--output."
            )
        kwargs = _arguments(operation, args.body)
        package = _package(provider, args.specs_dir)
    except (SpecError, ValueError) as exc:
        err.print(f"gatewaygen run: {exc}", markup=False)
        return EXIT_USAGE
    options: dict[str, Any] = {}
    if args.api_key:
        options["api_key"] = args.api_key
    if args.base_url:
        options["base_url"] = args.base_url
    if args.timeout is not None:
        options["timeout"] = args.timeout
    try:
        client = package.Client(**options)
    except package.ConfigurationError as exc:
        err.print(f"gatewaygen run: {exc}", markup=False)
        return EXIT_USAGE
    with client:
        return _run(client, package, provider, operation, kwargs, args, wait, err)


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
    except package.ValidationError as exc:
        err.print(f"gatewaygen run: nothing was sent. {exc}", markup=False)
        return EXIT_USAGE
    except package.SubmissionUncertainError as exc:
        err.print(f"gatewaygen run: {exc}", markup=False)
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
    try:
        result = _wait(client, operation, str(task_id), args, err)
    except KeyboardInterrupt:
        err.print(f"Stopped waiting. The task id is {task_id}.", markup=False)
        return EXIT_INTERRUPTED
    except package.TaskError as exc:
        err.print(f"gatewaygen run: {exc}", markup=False)
        return EXIT_FAILED
    print(f"task {task_id} {result.status} ({result.provider_status}): {result.video_url}")
    if args.output is None:
        return EXIT_OK
    try:
        path = _download(result, args.output, err)
    except (package.TaskError, OSError) as exc:
        err.print(f"gatewaygen run: {exc}", markup=False)
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


def _provider(name: str, specs_dir: Path) -> Provider:
    return build_provider(load_spec(find_spec(name, specs_dir)))


def _package(provider: Provider, specs_dir: Path) -> ModuleType:
    """The provider's generated package: installed, or else from generated/ beside specs/."""
    try:
        return importlib.import_module(provider.package)
    except ImportError:
        pass
    folder = (specs_dir.parent / "generated" / provider.name).resolve()
    if not (folder / provider.package).is_dir():
        raise ValueError(
            f"the package {provider.package} is neither installed nor in {folder}; run "
            "`gatewaygen generate` first, or `pip install` the generated package."
        )
    sys.path.insert(0, str(folder))
    return importlib.import_module(provider.package)


def _operation(provider: Provider, name: str) -> Operation:
    creates = ", ".join(op.method_name for op in provider.operations if op.has_body)
    try:
        operation = provider.operation(name)
    except LookupError:
        operation = None
    if operation is None or not operation.has_body:
        raise ValueError(
            f"{provider.name} has no create operation {name!r} (one that takes a request body); "
            f"its create operations are: {creates}"
        )
    return operation


def _arguments(operation: Operation, body_file: Path) -> dict[str, Any]:
    """The method's keyword arguments for a JSON body, by the names the generator chose."""
    try:
        body = json.loads(body_file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read {body_file}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{body_file} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc
    if not isinstance(body, dict):
        raise ValueError(f"{body_file} must hold a JSON object: the request body")
    names = operation.body_argument_names
    unknown = [key for key in body if key not in names]
    if unknown:
        raise ValueError(
            f"{body_file}: {', '.join(map(repr, unknown))} "
            f"{'is not a field' if len(unknown) == 1 else 'are not fields'} of "
            f"{operation.operation_id}'s body; its fields are {', '.join(names)}"
        )
    return {names[key]: value for key, value in body.items()}
