"""The `gatewaygen` command: generate, check, validate, check-payload, diff, vendor, mock and
run."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .pipeline import HandEditError, check, find_specs, generate
from .problems import SpecError
from .writer import FormatError

EXIT_OK, EXIT_DIFFERS, EXIT_BAD_SPEC = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="gatewaygen",
        description="Generate typed Python clients for video-generation gateways from specs.",
    )
    parser.add_argument("--version", action="version", version=f"gatewaygen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    generate_parser = commands.add_parser(
        "generate",
        help="regenerate client packages from specs (only what changed; versions and changelogs)",
    )
    _add_arguments(
        generate_parser, "write the packages under DIR/<provider>/ (default: generated/)"
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
    _add_arguments(check_parser, "the folder to compare (default: generated/)")
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
    diff.add_argument("old", type=Path, metavar="OLD.yaml")
    diff.add_argument("new", type=Path, metavar="NEW.yaml")
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
        default=Path("generated"),
        metavar="DIR",
        help="where the generated packages are (default: generated/)",
    )
    vendor.add_argument(
        "--discard-edits",
        action="store_true",
        help="replace an earlier copy even if it was edited by hand",
    )

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
        "specs", nargs="*", type=Path, metavar="SPEC", help="spec files (default: specs/*.yaml)"
    )
    validate.add_argument(
        "--specs-dir",
        type=Path,
        default=Path("specs"),
        metavar="DIR",
        help="where to find specs when none are named (default: specs/)",
    )
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
        "--body", type=Path, required=True, metavar="FILE", help="JSON file with the request body"
    )
    run.add_argument("--base-url", help="the gateway's base URL (default: the client's own)")
    run.add_argument("--api-key", help="the API key (default: <PROVIDER>_API_KEY)")
    run.add_argument("--wait", action="store_true", help="wait for the task to finish")
    run.add_argument(
        "--output", type=Path, metavar="FILE", help="download the video here (implies --wait)"
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

    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(list(args.specs) or find_specs(args.specs_dir), args)
    if args.command == "diff":
        from .diff import main as diff_main

        return diff_main(args)
    if args.command == "vendor":
        from .vendor import main as vendor_main

        return vendor_main(args)
    if args.command == "check" and args.vendored is not None:
        from .vendor import check_main

        return check_main(args)
    if args.command == "check-payload":
        from .payload import main as payload_main

        return payload_main(args)
    if args.command == "mock":
        from .mock.command import main as mock_main

        return mock_main(args)
    if args.command == "run":
        from .run import main as run_main

        return run_main(args)
    specs = list(args.specs) or find_specs(args.specs_dir)
    if not specs:
        print(
            f"gatewaygen: no spec files in {args.specs_dir}/; pass SPEC paths or add "
            f"<provider>.yaml files there.",
            file=sys.stderr,
        )
        return EXIT_BAD_SPEC
    output = args.output or Path("generated")
    whole_folder = not args.specs and args.output is None
    try:
        if args.command == "generate":
            return _generate(specs, output, whole_folder, args.discard_edits)
        return _check(specs, output, whole_folder=whole_folder)
    except HandEditError as exc:
        print(
            f"gatewaygen: {output}/ was changed by hand since it was generated; nothing was "
            f"written:",
            file=sys.stderr,
        )
        for line in exc.lines:
            print("  " + line, file=sys.stderr)
        print(
            "Move your changes into the spec, a template or the runtime, or run `gatewaygen "
            "generate --discard-edits` to overwrite them.",
            file=sys.stderr,
        )
        return EXIT_DIFFERS
    except SpecError as exc:
        print(f"gatewaygen: {exc.counted} in the specs; nothing was written.", file=sys.stderr)
        print(exc, file=sys.stderr)
        return EXIT_BAD_SPEC
    except FormatError as exc:
        print(f"gatewaygen: {exc}\nNothing was written.", file=sys.stderr)
        return EXIT_BAD_SPEC


def _add_provider(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("provider", help="a provider name (specs/<provider>.yaml) or a spec file")
    parser.add_argument(
        "--specs-dir",
        type=Path,
        default=Path("specs"),
        metavar="DIR",
        help="where provider names are looked up (default: specs/)",
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
        type=Path,
        metavar="SPEC",
        help="spec files (default: every specs/*.yaml)",
    )
    parser.add_argument("--output", type=Path, metavar="DIR", help=output_help)
    parser.add_argument(
        "--specs-dir",
        type=Path,
        default=Path("specs"),
        metavar="DIR",
        help="where to find specs when none are named (default: specs/)",
    )


def _validate(specs: list[Path], args: argparse.Namespace) -> int:
    from .validate import render_json, render_text, validate_spec

    if not specs:
        print(f"gatewaygen: no spec files in {args.specs_dir}/; pass SPEC paths.", file=sys.stderr)
        return EXIT_BAD_SPEC
    reports = [validate_spec(spec) for spec in specs]
    if args.format == "json":
        print(json.dumps(render_json(reports), indent=2, ensure_ascii=False))
    else:
        print(render_text(reports))
    return EXIT_OK if all(r.errors == 0 for r in reports) else EXIT_DIFFERS


def _generate(specs: list[Path], output: Path, whole_folder: bool, discard: bool) -> int:
    started = time.perf_counter()
    outcomes = generate(specs, output, whole_folder=whole_folder, discard_edits=discard)
    for outcome in outcomes:
        for notice in outcome.notices:
            print(f"warning: {notice}", file=sys.stderr)
        where = output / outcome.name
        if not outcome.written:
            print(f"{outcome.name:<12} {outcome.version}, up to date -> {where}")
            continue
        release = f" ({outcome.bump} release)" if outcome.bump else ""
        print(
            f"{outcome.name:<12} {outcome.version}{release}, {outcome.operations} operations, "
            f"{outcome.models} models -> {where} ({outcome.seconds:.2f} s)"
        )
    written = sum(o.written for o in outcomes)
    print(
        f"generated {written} package{'s' if written != 1 else ''} "
        f"({len(outcomes) - written} up to date) in {time.perf_counter() - started:.2f} s"
    )
    return EXIT_OK


def _check(specs: list[Path], output: Path, *, whole_folder: bool) -> int:
    lines = check(specs, output, whole_folder=whole_folder)
    if lines:
        print(f"{output}/ is not what the specs generate, or was edited by hand ({len(lines)}):")
        for line in lines:
            print("  " + line)
        if any("by hand" in line for line in lines):
            print(
                "Move hand edits into the spec, a template or the runtime; `gatewaygen generate "
                "--discard-edits` overwrites them."
            )
        print("Run `gatewaygen generate` to bring it up to date.")
        return EXIT_DIFFERS
    print(f"{output}/ is up to date with {len(specs)} spec{'s' if len(specs) != 1 else ''}.")
    return EXIT_OK
