"""`gatewaygen vendor` and `gatewaygen check --vendored`: a generated package copied into
another project under a name of the user's choosing, and later told whether it is behind.

A package imports itself only relatively, so vendoring is a copy, not a rewrite. The copy keeps
its manifest and the spec it was made from (`openapi.yaml`), which is what the check diffs
against today's spec.
"""

from __future__ import annotations

import argparse
import keyword
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from ..pipeline import document_of, verdict
from ..write.destination import folder_problem, os_error
from ..write.manifest import (
    MANIFEST,
    SPEC_COPY,
    Manifest,
    edited_files,
    fingerprint,
    read_manifest,
    sha256,
)
from ..write.writer import list_files
from .diff import diff_documents, render_text
from .locate import find_project, find_spec

EXIT_OK, EXIT_BEHIND, EXIT_USAGE = 0, 1, 2


class VendorError(Exception):
    """The copy cannot be made or checked; the message says why and what to do."""


def package_edits(folder: Path, manifest: Manifest) -> list[str]:
    """Files of an import package folder (as vendored: the manifest's `<package>/` files at its
    top) that were edited, removed or added by hand."""
    prefix = f"{manifest.package}/"
    expected = {
        name.removeprefix(prefix): digest
        for name, digest in manifest.files.items()
        if name.startswith(prefix)
    }
    return edited_files(folder, expected, list_files(folder) - {MANIFEST})


def package_name_problem(name: str) -> str | None:
    """Why `name` cannot be the import name of a vendored copy, or None; the sentence suggests
    a name made from the one given, so that the fix is one edit away."""
    if not name.isidentifier():
        return (
            f"{name!r} is not an importable package name: use letters, digits and _, not "
            f"starting with a digit (such as {_importable(name)})"
        )
    if keyword.iskeyword(name):
        return (
            f"{name!r} is a Python keyword, so `import {name}` cannot work: choose another name "
            f"(such as {name}_client)"
        )
    return None


def _importable(name: str) -> str:
    """`name` with each run of characters an identifier cannot hold made one `_`, and a word
    in front when it would start with a digit: `my-api` is `my_api`, `2d` is `client_2d`."""
    words = "_".join(re.findall(r"\w+", name))
    candidate = f"client_{words}" if words[:1].isdigit() else words
    if keyword.iskeyword(candidate):
        return f"{candidate}_client"
    return candidate if candidate.isidentifier() else "client"


def _inline(edits: list[str]) -> str:
    """Listed edits in a sentence: `edited by hand: a.py; added by hand: b.py` (the listing's
    column padding after the colon is for lines of their own)."""
    return "; ".join(re.sub(r"^(\w+ by hand):\s+", r"\1: ", edit) for edit in edits)


def vendor(
    provider: str,
    dest: Path,
    *,
    package_name: str | None = None,
    generated: Path | None = None,
    specs_dir: Path | None = None,
    discard_edits: bool = False,
    force: bool = False,
) -> tuple[Path, list[str]]:
    """Copy generated/<provider>'s package to DEST/NAME; returns the copy's folder and the hand
    edits of an earlier copy that `discard_edits` threw away (one line per file)."""
    if package_name is not None and (problem := package_name_problem(package_name)):
        raise VendorError(problem)
    name = Path(provider).stem
    if generated is None:
        project = find_project()
        generated = project.generated if project else Path("generated")
    manifest = read_manifest(generated / name, f"{name}_client")
    if manifest is None:
        find_spec(provider, specs_dir)  # a misspelt name: ValueError with a suggestion
        raise VendorError(
            f"{generated / name} holds no generated package with a manifest: run `gatewaygen "
            f"generate {name}` first (or pass --generated DIR where it was generated)"
        )
    source = generated / name / manifest.package
    edits = package_edits(source, manifest)
    if edits:
        raise VendorError(
            f"{source} was changed by hand since it was generated ({_inline(edits)}): run "
            f"`gatewaygen generate --discard-edits` to restore it before vendoring"
        )
    try:
        spec = find_spec(name, specs_dir)
    except ValueError:
        spec = None  # vendoring from a generated/ folder without its specs is allowed
    if spec is not None and sha256(spec.read_bytes()) != manifest.spec_sha256:
        raise VendorError(
            f"{generated / name} is behind {spec}: run `gatewaygen generate` first, so that "
            f"the copy is what today's spec makes"
        )
    target_name = package_name or manifest.package
    problem = folder_problem(dest, "DEST")
    if problem:
        raise VendorError(problem)
    target = dest / target_name
    discarded: list[str] = []
    if target.exists():
        previous = target / MANIFEST
        if not previous.is_file():
            raise VendorError(
                f"{target} exists and is not a package vendored by gatewaygen: choose another "
                f"--package-name or remove it"
            )
        old = Manifest.loads(previous.read_bytes(), str(previous))
        if _older(manifest.version, old.version) and not force:
            raise VendorError(
                f"{target} holds {old.distribution} {old.version}, newer than the "
                f"{manifest.version} being vendored from {generated / name}: regenerate from a "
                f"newer spec, or pass --force to replace it with the older version"
            )
        changed = package_edits(target, old)
        if changed and not discard_edits:
            raise VendorError(
                f"{target} was changed by hand since it was vendored ({_inline(changed)}): "
                f"pass --discard-edits to replace it anyway"
            )
        discarded = changed
    try:
        _copy(source, dest, target)
    except OSError as exc:
        raise VendorError(f"{os_error(exc, f'write {target}')}; {target} is as it was") from exc
    return target, discarded


def _older(version: str, than: str) -> bool:
    """Whether semver `version` comes before `than` (1.2.0 before 1.10.0)."""
    try:
        return tuple(map(int, version.split("."))) < tuple(map(int, than.split(".")))
    except ValueError:
        return False  # not a version this generator wrote: nothing to compare


def _copy(source: Path, dest: Path, target: Path) -> None:
    """Copy `source` to `target` in a staging folder, then swap it in with renames."""
    target_name = target.name
    dest.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target_name}-vendoring-", dir=dest))
    try:
        copy = staging / target_name
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        backup = staging / "previous"
        if target.exists():
            os.replace(target, backup)
        try:
            os.replace(copy, target)
        except BaseException:
            if backup.exists():
                os.replace(backup, target)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def check_vendored(folder: Path, specs_dir: Path | None) -> tuple[int, str]:
    """Whether a vendored copy is current: (exit status, report)."""
    path = folder / MANIFEST
    if not path.is_file():
        raise VendorError(
            f"{folder} has no {MANIFEST}: it is not a package vendored by gatewaygen (vendor it "
            f"with `gatewaygen vendor`)"
        )
    manifest = Manifest.loads(path.read_bytes(), str(path))
    try:
        spec = find_spec(manifest.provider, specs_dir)
    except ValueError as exc:
        raise VendorError(str(exc)) from exc
    lines = [
        f"{folder}: {manifest.distribution} {manifest.version}, generated from {manifest.spec_file}"
    ]
    status = EXIT_OK
    edits = package_edits(folder, manifest)
    if edits:
        status = EXIT_BEHIND
        lines.append("changed by hand since it was vendored:")
        lines += [f"  {line}" for line in edits]
    source = spec.read_bytes()
    if sha256(source) != manifest.spec_sha256:
        status = EXIT_BEHIND
        old = (
            document_of((folder / SPEC_COPY).read_bytes()) if (folder / SPEC_COPY).is_file() else {}
        )
        changes = diff_documents(old, document_of(source))
        lines.append(
            f"behind {spec}: the spec changed since this copy was made "
            f"({verdict(changes) or 'no change to the API'})."
        )
        if changes:
            lines.append(render_text(changes, f"{folder / SPEC_COPY}", str(spec)))
        lines.append(
            f"Update it: gatewaygen generate && gatewaygen vendor {manifest.provider} "
            f"{folder.parent} --package-name {folder.name}"
        )
    elif manifest.generator != fingerprint():
        lines.append(
            "made by another version of gatewaygen (its generator, templates or runtime differ "
            "from this one's); vendoring again picks up the current runtime."
        )
    if status == EXIT_OK:
        lines.append(f"up to date with {spec}.")
    return status, "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    try:
        target, discarded = vendor(
            args.provider,
            args.dest,
            package_name=args.package_name,
            generated=args.generated,
            specs_dir=args.specs_dir,
            discard_edits=args.discard_edits,
            force=args.force,
        )
    except (VendorError, ValueError) as exc:
        print(f"gatewaygen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if discarded:
        print(f"discarded the hand edits of the earlier copy ({len(discarded)}):")
        for line in discarded:
            print(f"  {line}")
    print(f"vendored {args.provider} into {target}; import it as `{target.name}`.")
    return EXIT_OK


def check_main(args: argparse.Namespace) -> int:
    try:
        status, report = check_vendored(args.vendored, args.specs_dir)
    except (VendorError, ValueError) as exc:
        print(f"gatewaygen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(report)
    return status
