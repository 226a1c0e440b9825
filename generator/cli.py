"""The `gatewaygen` command line: the parser of every command, and the dispatch to the module
that carries it out (`generator/commands/`, or the command's own module).

Wherever a command takes a spec it takes a provider name too; names resolve from the project
(the nearest folder upwards with `specs/`) and then from the specs installed with gatewaygen
(`generator.locate`)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .commands.locate import find_spec
from .commands.task_options import add_ledger_options
from .commands.task_options import register as register_tasks

EXIT_OK, EXIT_DIFFERS, EXIT_BAD_SPEC, EXIT_INTERRUPTED = 0, 1, 2, 130

NAME_HELP = (
    "the provider name of the one spec given (names the package NAME_client); default: the "
    "file's name made valid (Swagger-Petstore.json -> swagger_petstore)"
)

OVERLAY_HELP = (
    "an OpenAPI Overlay 1.0 file to apply to the one spec given, after <spec>.overlay.yaml "
    "beside it (found without this option); repeat it for several"
)

#: How --specs-dir reads in every command's help.
SPECS_DIR_HELP = (
    "look provider names up only in DIR (default: the project's specs/, found by walking up "
    "from here, then the specs installed with gatewaygen)"
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="gatewaygen",
        description="Generate typed Python clients from OpenAPI 3.0 and 3.1 documents: the curated "
        "specs of video-generation gateways, or any published API document.",
    )
    parser.add_argument("--version", action="version", version=f"gatewaygen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    generate_parser = commands.add_parser(
        "generate",
        help="regenerate client packages from specs (only what changed; versions and changelogs)",
    )
    _add_arguments(
        generate_parser,
        "write the packages under DIR/<provider>/ (default: the project's generated/)",
    )
    generate_parser.add_argument(
        "--discard-edits",
        action="store_true",
        help="overwrite files changed by hand in the packages (default: stop and name them)",
    )
    check_parser = commands.add_parser(
        "check",
        help="exit 1 if generated/ is not what the specs produce, or was edited by hand",
    )
    _add_arguments(check_parser, "the folder to compare (default: the project's generated/)")
    check_parser.add_argument(
        "--vendored",
        type=Path,
        metavar="DIR",
        help="check a vendored package copy (DEST/NAME) against its provider's spec instead",
    )

    diff = commands.add_parser(
        "diff",
        help="classify the changes between two versions of a spec (breaking or not)",
        description=(
            "Compare OLD and NEW spec files from a client's point of view: every change, "
            "breaking, possibly breaking or not, with its operation, JSON pointer and values."
        ),
    )
    diff.add_argument("old", metavar="OLD", help="a spec file, or a provider name")
    diff.add_argument("new", metavar="NEW", help="a spec file, or a provider name")
    diff.add_argument("--specs-dir", type=Path, metavar="DIR", help=SPECS_DIR_HELP)
    diff.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text", help="(default: text)"
    )
    diff.add_argument(
        "--fail-on",
        choices=("breaking", "possibly-breaking"),
        help="exit 1 when a change of this level (or worse) is found",
    )

    vendor = commands.add_parser(
        "vendor",
        help="copy a generated package into another project, under a name of your choice",
        description=(
            "Copy generated/PROVIDER's package into DEST/NAME (NAME defaults to the package's "
            "own name), with its manifest, so that `gatewaygen check --vendored DEST/NAME` "
            "later says whether the copy is behind the spec."
        ),
    )
    _add_provider(vendor)
    vendor.add_argument("dest", type=Path, metavar="DEST", help="the folder to copy into")
    vendor.add_argument("--package-name", metavar="NAME", help="the import name of the copy")
    vendor.add_argument(
        "--generated",
        type=Path,
        metavar="DIR",
        help="where the generated packages are (default: the project's generated/)",
    )
    vendor.add_argument(
        "--discard-edits",
        action="store_true",
        help="replace an earlier copy even if it was edited by hand (each file is listed)",
    )
    vendor.add_argument(
        "--force",
        action="store_true",
        help="replace an earlier copy even if it is a newer version than this one",
    )

    providers = commands.add_parser(
        "providers",
        help="list the provider names that resolve from here, with their operations",
        description=(
            "List every provider name the other commands accept from this folder: the "
            "project's specs/ (the nearest folder upwards that has one) and the specs installed "
            "with gatewaygen, with each operation's method name and request."
        ),
    )
    providers.add_argument("--specs-dir", type=Path, metavar="DIR", help=SPECS_DIR_HELP)
    _add_format(providers)

    validate = commands.add_parser(
        "validate",
        help="report everything wrong in specs (exit 1 on any error)",
        description=(
            "Check each spec: OpenAPI structure, $refs, JSON Schema validity, every example "
            "against its schema, provenance, the examples each page is declared to show, task "
            "lifecycle declarations and generated names (errors); the documentation's own "
            "contradictions and defective examples (warnings). Exit 1 if any spec has an error."
        ),
    )
    validate.add_argument(
        "specs",
        nargs="*",
        metavar="PROVIDER",
        help="provider names or spec files (default: every spec of the project, or else every "
        "spec installed with gatewaygen)",
    )
    validate.add_argument("--specs-dir", type=Path, metavar="DIR", help=SPECS_DIR_HELP)
    validate.add_argument("--name", metavar="NAME", help=NAME_HELP)
    validate.add_argument(
        "--overlay", type=Path, action="append", metavar="FILE", help=OVERLAY_HELP
    )
    _add_mode(validate)
    _add_format(validate)

    payload = commands.add_parser(
        "check-payload",
        help="check a request body (or a captured response) against a provider's spec",
        description=(
            "Check FILE (JSON; - reads standard input) against OPERATION's request body, or "
            "with --response against its response: the same checks the generated client makes "
            "before sending, and, for responses, fields the documentation does not know. Exit 1 "
            "if it is not valid."
        ),
    )
    _add_provider(payload)
    payload.add_argument("operation", help="the operationId or method name, such as getTask")
    payload.add_argument("file", metavar="FILE.json", help="the JSON to check (- for stdin)")
    payload.add_argument(
        "--response", action="store_true", help="FILE is a response body, not a request"
    )
    payload.add_argument(
        "--status",
        metavar="CODE",
        help="with --response: the HTTP status it came with (default: the success status)",
    )
    _add_format(payload)

    mock = commands.add_parser(
        "mock",
        help="serve a provider's API from its spec on this machine, for offline runs and tests",
        description=(
            "Serve PROVIDER's API from its spec: requests are validated, tasks advance through "
            "the provider's own statuses and end with a small MP4 served by the mock. Faults "
            "can be injected to rehearse failures. Stop with Ctrl-C."
        ),
    )
    _add_provider(mock)
    mock.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    mock.add_argument(
        "--port", type=int, default=8765, help="port; 0 picks a free one (default: %(default)s)"
    )
    mock.add_argument(
        "--task-seconds",
        type=float,
        default=3.0,
        metavar="S",
        help="how long a task takes from creation to its final status (default: %(default)s)",
    )
    mock.add_argument(
        "--rate-limit",
        type=float,
        default=0.0,
        metavar="P",
        help="share of API requests answered 429 with Retry-After (0 to 1)",
    )
    mock.add_argument(
        "--server-errors",
        type=float,
        default=0.0,
        metavar="P",
        help="share of API requests answered 500 or 503 (0 to 1)",
    )
    mock.add_argument(
        "--slow",
        type=float,
        default=0.0,
        metavar="S",
        help="delay added to slowed requests, in seconds",
    )
    mock.add_argument(
        "--slow-share",
        type=float,
        default=1.0,
        metavar="P",
        help="share of requests that --slow delays (default: all)",
    )
    mock.add_argument(
        "--fail-tasks",
        type=float,
        default=0.0,
        metavar="P",
        help="share of tasks that end failed (0 to 1)",
    )
    mock.add_argument(
        "--url-ttl",
        type=float,
        default=None,
        metavar="S",
        help="seconds a video URL stays valid (default: forever)",
    )
    mock.add_argument(
        "--seed", type=int, default=None, help="seed for the injected faults, for repeatable runs"
    )
    mock.add_argument(
        "--api-key",
        metavar="KEY",
        help="accept only this bearer token (default: any token; a missing one is always 401)",
    )
    mock.add_argument(
        "--callbacks",
        action="store_true",
        help=(
            "POST each task, in its poll's format, to the callback URL its create gave, once "
            "it ends; only loopback URLs (127.0.0.1, ::1, localhost) are taken, any other is "
            "refused with a 400"
        ),
    )

    run = commands.add_parser(
        "run",
        help="create a task with a generated client, wait for it and download the video",
        description=(
            "Create a task with PROVIDER's generated client from a JSON body, print its id at "
            "once, and with --wait follow it to the end and download the video."
        ),
    )
    _add_provider(run)
    run.add_argument(
        "operation", help="the create method or operationId, such as create_video_generation"
    )
    run.add_argument(
        "--body",
        required=True,
        metavar="FILE",
        help="JSON file with the request body (- reads standard input)",
    )
    run.add_argument("--base-url", help="the gateway's base URL (default: the client's own)")
    run.add_argument("--api-key", help="the API key (default: <PROVIDER>_API_KEY)")
    run.add_argument("--wait", action="store_true", help="wait for the task to finish")
    run.add_argument(
        "--output", type=Path, metavar="FILE", help="download the video here (implies --wait)"
    )
    run.add_argument(
        "--force", action="store_true", help="overwrite --output if it exists (default: refuse)"
    )
    run.add_argument(
        "--max-wait",
        type=float,
        default=None,
        metavar="S",
        help="give up waiting after S seconds (default: 30 minutes)",
    )
    run.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="S",
        help="the HTTP timeout of each request in seconds (default: 60, 10 to connect)",
    )
    run.add_argument(
        "--poll-interval",
        type=float,
        default=None,
        metavar="S",
        help="first pause between polls (default: 5)",
    )
    add_ledger_options(run)
    register_tasks(commands)

    args = parser.parse_args(argv)
    try:
        return _dispatch(args)
    except BrokenPipeError:
        # The reader went away (`gatewaygen providers | head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_DIFFERS
    except KeyboardInterrupt:
        print("gatewaygen: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _dispatch(args: argparse.Namespace) -> int:
    if args.command in ("generate", "check") and getattr(args, "vendored", None) is None:
        from .commands.build import build_main

        # A SIGTERM ends the run as Ctrl-C does: staging folders are removed and a swap that
        # was under way is undone (a SIGKILL's leftovers are removed by the next run).
        signal.signal(signal.SIGTERM, _interrupt)
        return build_main(args)
    if args.command == "validate":
        from .commands.build import validate_main

        return validate_main(args)
    if args.command == "providers":
        from .commands.providers import main as providers_main

        return providers_main(args)
    if args.command == "diff":
        from .commands.diff import main as diff_main

        try:
            args.old, args.new = (find_spec(n, args.specs_dir) for n in (args.old, args.new))
        except ValueError as exc:
            print(f"gatewaygen: {exc}", file=sys.stderr)
            return EXIT_BAD_SPEC
        return diff_main(args)
    if args.command == "vendor":
        from .commands.vendor import main as vendor_main

        return vendor_main(args)
    if args.command == "check":
        from .commands.vendor import check_main

        return check_main(args)
    if args.command == "check-payload":
        from .commands.payload import main as payload_main

        return payload_main(args)
    if args.command == "mock":
        from .mock.command import main as mock_main

        return mock_main(args)
    if args.command == "tasks":
        from .commands.tasks import main as tasks_main

        return tasks_main(args)
    if args.command == "run":
        from .commands.run import main as run_main

        return run_main(args)
    raise AssertionError(f"the command {args.command!r} has a parser but no handler")


def _add_provider(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "provider", help="a provider name (`gatewaygen providers` lists them) or a spec file"
    )
    parser.add_argument("--specs-dir", type=Path, metavar="DIR", help=SPECS_DIR_HELP)


def _add_mode(parser: argparse.ArgumentParser) -> None:
    """--curated and --published: which rules a spec is held to (default: a spec in a specs/
    folder, or one that records its sources in info.x-sources, is curated)."""
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--curated",
        dest="curated",
        action="store_const",
        const=True,
        default=None,
        help="hold the specs to the curation rules: any defect is an error (default for a spec "
        "in a specs/ folder or with info.x-sources)",
    )
    mode.add_argument(
        "--published",
        dest="curated",
        action="store_const",
        const=False,
        help="take the specs as their authors published them: defects are warnings and what "
        "cannot be built is left out, named (default for any other file)",
    )


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people, json for CI (default: %(default)s)",
    )


def _add_arguments(parser: argparse.ArgumentParser, output_help: str) -> None:
    parser.add_argument(
        "specs",
        nargs="*",
        metavar="PROVIDER",
        help="provider names or spec files (default: every spec of the project's specs/)",
    )
    parser.add_argument("--output", type=Path, metavar="DIR", help=output_help)
    parser.add_argument("--specs-dir", type=Path, metavar="DIR", help=SPECS_DIR_HELP)
    parser.add_argument("--name", metavar="NAME", help=NAME_HELP)
    parser.add_argument("--overlay", type=Path, action="append", metavar="FILE", help=OVERLAY_HELP)
    _add_mode(parser)
