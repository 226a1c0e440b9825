"""The `gatewaygen` command: generate and check."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .pipeline import check, find_specs, generate
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

    _add_arguments(
        commands.add_parser("generate", help="regenerate client packages from specs"),
        "write the packages under DIR/<provider>/ (default: generated/)",
    )
    _add_arguments(
        commands.add_parser("check", help="exit 1 if generated/ is not what the specs produce"),
        "the folder to compare (default: generated/)",
    )

    args = parser.parse_args(argv)
    specs = list(args.specs) or find_specs(args.specs_dir)
    if not specs:
        print(
            f"gatewaygen: no spec files in {args.specs_dir}/; pass SPEC paths or add "
            f"<provider>.yaml files there.",
            file=sys.stderr,
        )
        return EXIT_BAD_SPEC
    output = args.output or Path("generated")
    try:
        if args.command == "generate":
            return _generate(specs, output, whole_folder=not args.specs and args.output is None)
        return _check(specs, output, whole_folder=not args.specs and args.output is None)
    except SpecError as exc:
        count = len(exc.problems)
        print(
            f"gatewaygen: {count} problem{'s' if count != 1 else ''} in the specs; nothing "
            "was written.",
            file=sys.stderr,
        )
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_BAD_SPEC
    except FormatError as exc:
        print(f"gatewaygen: {exc}\nNothing was written.", file=sys.stderr)
        return EXIT_BAD_SPEC


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


def _generate(specs: list[Path], output: Path, *, whole_folder: bool) -> int:
    started = time.perf_counter()
    built = generate(specs, output, whole_folder=whole_folder)
    for item in built:
        provider = item.provider
        print(
            f"{provider.name:<12} {len(provider.operations)} operations, "
            f"{len(provider.model_names)} models -> {output / provider.name} "
            f"({item.seconds:.2f} s)"
        )
    print(
        f"generated {len(built)} package{'s' if len(built) != 1 else ''} in "
        f"{time.perf_counter() - started:.2f} s"
    )
    return EXIT_OK


def _check(specs: list[Path], output: Path, *, whole_folder: bool) -> int:
    lines = check(specs, output, whole_folder=whole_folder)
    if lines:
        print(f"{output}/ is not what the specs generate ({len(lines)} files):")
        for line in lines:
            print("  " + line)
        print("Run `gatewaygen generate` to bring it up to date.")
        return EXIT_DIFFERS
    print(f"{output}/ is up to date with {len(specs)} spec{'s' if len(specs) != 1 else ''}.")
    return EXIT_OK
