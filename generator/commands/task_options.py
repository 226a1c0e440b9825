"""The parser side of `gatewaygen tasks` and of `run`'s ledger options: where the ledger is
by default and the arguments that name it. Kept apart from `tasks.py`, which reads the ledger
through the runtime (httpx and pydantic): building the command line must not import those, or
every command, `generate` included, would pay for them at start-up."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["LEDGER_ENV", "add_ledger_options", "default_ledger", "ledger_for_run", "register"]

LEDGER_ENV = "GATEWAYGEN_TASK_LEDGER"


def default_ledger() -> Path:
    """Where the ledger lives unless told otherwise: $GATEWAYGEN_TASK_LEDGER, else the user's
    state folder (XDG_STATE_HOME, ~/.local/state; LOCALAPPDATA on Windows)."""
    if os.environ.get(LEDGER_ENV):
        return Path(os.environ[LEDGER_ENV]).expanduser()
    return _state_ledger()


def _state_ledger() -> Path:
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "gatewaygen" / "tasks.sqlite3"
    state = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(state) / "gatewaygen" / "tasks.sqlite3"


def _ledger_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ledger",
        type=Path,
        metavar="FILE",
        help=f"the task ledger (default: ${LEDGER_ENV}, else {_shown(_state_ledger())})",
    )


def _shown(path: Path) -> str:
    home = str(Path.home())
    return "~" + str(path)[len(home) :] if str(path).startswith(home + os.sep) else str(path)


def add_ledger_options(parser: argparse.ArgumentParser) -> None:
    """`--ledger FILE` and `--no-ledger`, for `gatewaygen run`."""
    _ledger_argument(parser)
    parser.add_argument(
        "--no-ledger",
        action="store_true",
        help="do not record the task in the ledger (then only the printed id remains)",
    )


def ledger_for_run(args: argparse.Namespace) -> Path | None:
    """The ledger file `run` records in, or None with --no-ledger."""
    if getattr(args, "no_ledger", False):
        return None
    ledger: Path | None = getattr(args, "ledger", None)
    return ledger if ledger is not None else default_ledger()


def register(commands: Any) -> None:
    """Add `tasks` and its three subcommands to the `gatewaygen` parser's subcommands."""
    tasks = commands.add_parser(
        "tasks",
        help="the task ledger: list tasks, resume unfinished ones, reconcile uncertain creates",
        description=(
            "Every paid create `gatewaygen run` sends is recorded first in the task ledger. "
            "list shows it; resume waits for unfinished tasks and downloads their videos; "
            "reconcile shows creates that may have made a task whose id nobody has."
        ),
    )
    actions = tasks.add_subparsers(dest="tasks_command", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="every task in the ledger, newest last")
    _ledger_argument(listing)
    listing.add_argument("--provider", help="only this provider's tasks")
    listing.add_argument(
        "--unfinished", action="store_true", help="only tasks still running or not downloaded"
    )
    listing.add_argument("--format", choices=("text", "json"), default="text")

    resume = actions.add_parser(
        "resume",
        help="wait for tasks and download their videos (default: every unfinished one)",
        description=(
            "Wait for each TASK_ID (default: every unfinished task in the ledger) and download "
            "its video. A task id the ledger does not know works too, given --provider."
        ),
    )
    resume.add_argument("task_ids", nargs="*", metavar="TASK_ID")
    _ledger_argument(resume)
    resume.add_argument("--provider", help="the provider that made the tasks (e.g. evolink)")
    resume.add_argument(
        "--operation",
        help="the create method that made them (default: the one in the ledger, else the "
        "provider's first)",
    )
    resume.add_argument(
        "--output",
        metavar="PATH",
        help="the video file for a single task, else a folder for <task id>.mp4 files "
        "(default: the current folder)",
    )
    resume.add_argument(
        "--force",
        action="store_true",
        help="overwrite a video file that exists already (default: refuse)",
    )
    resume.add_argument("--base-url", help="the gateway's base URL (default: the ledger's)")
    resume.add_argument("--api-key", help="the API key (default: <PROVIDER>_API_KEY)")
    resume.add_argument(
        "--max-wait",
        type=float,
        default=None,
        metavar="S",
        help="give up waiting for a task after S seconds (default: 30 minutes)",
    )
    resume.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="S",
        help="the HTTP timeout of each request in seconds (default: 60, 10 to connect)",
    )
    resume.add_argument(
        "--poll-interval",
        type=float,
        default=None,
        metavar="S",
        help="first pause between polls (default: 5)",
    )
    resume.add_argument(
        "--specs-dir",
        type=Path,
        metavar="DIR",
        help="where provider names are looked up when the package is not installed (default: "
        "the project's specs/, then the specs installed with gatewaygen)",
    )

    reconcile = actions.add_parser(
        "reconcile",
        help="creates that may have made a task with no id yet: their body, key and what to do",
    )
    _ledger_argument(reconcile)
    reconcile.add_argument("--provider", help="only this provider's creates")
    reconcile.add_argument(
        "--found",
        nargs=2,
        metavar=("ENTRY", "TASK_ID"),
        help="record that entry ENTRY did make task TASK_ID (then `tasks resume` finishes it)",
    )
    reconcile.add_argument(
        "--dismiss",
        metavar="ENTRY",
        help="record that entry ENTRY made no task (it leaves the reconcile list)",
    )
