"""`gatewaygen generate`, `check` and `validate`: which specs, which output folder, and what to
print. Provider names and spec files may be mixed; with none, the project's specs are used."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ..load.source import LoadOptions, name_problem
from ..pipeline import HandEditError, check, generate, strangers
from ..problems import SpecError
from ..write.destination import folder_problem, os_error
from ..write.writer import FormatError
from .locate import find_project, find_spec, installed_specs, spec_files

EXIT_OK, EXIT_DIFFERS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command cannot start; the message says why and what to type instead."""


def chosen_specs(names: list[str], specs_dir: Path | None, *, installed_ok: bool) -> list[Path]:
    """The specs a command works on: the named ones, else every spec of --specs-dir, else of
    the project (the nearest folder upwards with specs/), else (`installed_ok`) gatewaygen's."""
    if names:
        try:
            return [find_spec(name, specs_dir) for name in names]
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    if specs_dir is not None:
        found = spec_files(specs_dir)
        if not found:
            raise UsageError(f"no spec files (*.yaml) in {specs_dir}/: name providers or specs")
        return found
    project = find_project()
    if project is not None:
        return spec_files(project.specs)
    installed = installed_specs()
    if installed_ok and installed is not None:
        return spec_files(installed)
    raise UsageError(
        f"no project here: neither {Path.cwd()} nor a folder above it has a specs/ folder. "
        "Name the providers to use (such as `gatewaygen generate evolink --output clients`; "
        "`gatewaygen providers` lists them), or run it inside a project."
    )


def default_output(specs_dir: Path | None) -> Path:
    """Where packages go when --output is not given: generated/ beside the specs/ in use."""
    if specs_dir is not None:
        return specs_dir.parent / "generated"
    project = find_project()
    if project is None:
        return Path("generated")
    try:  # shown as the user would type it when it is below the current folder
        return project.generated.relative_to(Path.cwd().resolve())
    except ValueError:
        return project.generated


def build_main(args: argparse.Namespace) -> int:
    """`generate` and `check`."""
    try:
        specs = chosen_specs(args.specs, args.specs_dir, installed_ok=False)
        options = load_options(args, specs)
    except UsageError as exc:
        print(f"gatewaygen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    output = args.output or default_output(args.specs_dir)
    whole_folder = not args.specs and args.output is None
    if args.command == "generate":
        problem = folder_problem(output, "--output")
        if problem:
            print(f"gatewaygen: {problem}. Nothing was written.", file=sys.stderr)
            return EXIT_USAGE
    try:
        if args.command == "generate":
            return _generate(specs, output, whole_folder, args.discard_edits, options)
        return _check(specs, output, whole_folder=whole_folder, options=options)
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
        return EXIT_USAGE
    except FormatError as exc:
        print(f"gatewaygen: {exc}\nNothing was written.", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(
            f"gatewaygen: {os_error(exc, f'write to {output}')}. Nothing was changed there; "
            "choose another --output or fix its permissions.",
            file=sys.stderr,
        )
        return EXIT_USAGE


def validate_main(args: argparse.Namespace) -> int:
    from .validate import render_json, render_text, validate_spec

    try:
        specs = chosen_specs(args.specs, args.specs_dir, installed_ok=True)
        options = load_options(args, specs)
    except UsageError as exc:
        print(f"gatewaygen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    reports = [validate_spec(spec, options) for spec in specs]
    if args.format == "json":
        print(json.dumps(render_json(reports), indent=2, ensure_ascii=False))
    else:
        print(render_text(reports))
    if all(r.errors == 0 for r in reports):
        return EXIT_OK
    # A published document with errors cannot be generated from: the exit of a refused spec.
    return EXIT_USAGE if any(r.errors and r.mode == "published" for r in reports) else EXIT_DIFFERS


def load_options(args: argparse.Namespace, specs: list[Path]) -> LoadOptions:
    """How the chosen specs load, from the command's options; `UsageError` for a --name that
    is invalid or given with more than one spec."""
    name = getattr(args, "name", None)
    overlays = tuple(getattr(args, "overlay", None) or ())
    if overlays and len(specs) != 1:
        raise UsageError(
            f"--overlay applies to one spec, but {len(specs)} were given: pass one spec with "
            "its overlays (an overlay named <spec>.overlay.yaml beside a spec is found anyway)"
        )
    for overlay in overlays:
        if not overlay.is_file():
            raise UsageError(f"no overlay file {overlay}: check the path")
    if name is not None:
        if len(specs) != 1:
            raise UsageError(
                f"--name names one spec, but {len(specs)} were given: pass one spec with "
                "--name, or leave --name out"
            )
        problem = name_problem(name)
        if problem:
            raise UsageError(f"--name {problem}")
    return LoadOptions(name=name, curated=getattr(args, "curated", None), overlays=overlays)


def _generate(
    specs: list[Path], output: Path, whole_folder: bool, discard: bool, options: LoadOptions
) -> int:
    started = time.perf_counter()
    outcomes = generate(
        specs, output, whole_folder=whole_folder, discard_edits=discard, options=options
    )
    for outcome in outcomes:
        for notice in outcome.notices:
            print(f"warning: {notice}", file=sys.stderr)
        where = output / outcome.name
        for overlay in outcome.overlays:
            found = " (found beside the spec)" if overlay.found_beside else ""
            print(f"{outcome.name}: overlay {overlay.name} applied{found}")
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
    _warn_strangers(output, {o.name for o in outcomes})
    return EXIT_OK


def _warn_strangers(output: Path, made: set[str]) -> None:
    others = strangers(output, made)
    if not others:
        return
    names = ", ".join(p.name + ("/" if p.is_dir() else "") for p in others)
    print(
        f"warning: left alone in {output}/, since gatewaygen did not make them (no manifest): "
        f"{names}",
        file=sys.stderr,
    )


def _check(specs: list[Path], output: Path, *, whole_folder: bool, options: LoadOptions) -> int:
    lines = check(specs, output, whole_folder=whole_folder, options=options)
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
