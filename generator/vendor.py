"""`gatewaygen vendor` and `gatewaygen check --vendored`: a generated package copied into
another project under a name of the user's choosing, and later told whether it is behind.

A package imports itself only relatively, so vendoring is a copy, not a rewrite. The copy keeps
its manifest and the spec it was made from (`openapi.yaml`), which is what the check diffs
against today's spec.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from .diff import diff_documents, render_text
from .manifest import (
    MANIFEST,
    SPEC_COPY,
    Manifest,
    edited_files,
    fingerprint,
    read_manifest,
    sha256,
)
from .pipeline import find_spec, verdict
from .writer import list_files

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


def vendor(
    provider: str,
    dest: Path,
    *,
    package_name: str | None = None,
    generated: Path = Path("generated"),
    specs_dir: Path = Path("specs"),
    discard_edits: bool = False,
) -> Path:
    """Copy generated/<provider>'s package to DEST/NAME; returns the copy's folder."""
    name = Path(provider).stem
    manifest = read_manifest(generated / name, f"{name}_client")
    if manifest is None:
        raise VendorError(
            f"{generated / name} holds no generated package with a manifest: run "
            f"`gatewaygen generate` first"
        )
    source = generated / name / manifest.package
    edits = package_edits(source, manifest)
    if edits:
        raise VendorError(
            f"{source} was changed by hand since it was generated ({'; '.join(edits)}): run "
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
    if not target_name.isidentifier():
        raise VendorError(f"{target_name!r} is not a Python package name: use letters, digits, _")
    target = dest / target_name
    if target.exists():
        previous = target / MANIFEST
        if not previous.is_file():
            raise VendorError(
                f"{target} exists and is not a package vendored by gatewaygen: choose another "
                f"--package-name or remove it"
            )
        old = Manifest.loads(previous.read_bytes(), str(previous))
        changed = package_edits(target, old)
        if changed and not discard_edits:
            raise VendorError(
                f"{target} was changed by hand since it was vendored ({'; '.join(changed)}): "
                f"pass --discard-edits to replace it anyway"
            )
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
    return target


def check_vendored(folder: Path, specs_dir: Path) -> tuple[int, str]:
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
            yaml.safe_load((folder / SPEC_COPY).read_bytes())
            if (folder / SPEC_COPY).is_file()
            else {}
        )
        changes = diff_documents(old or {}, yaml.safe_load(source) or {})
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
        target = vendor(
            args.provider,
            args.dest,
            package_name=args.package_name,
            generated=args.generated,
            specs_dir=args.specs_dir,
            discard_edits=args.discard_edits,
        )
    except (VendorError, ValueError) as exc:
        print(f"gatewaygen: {exc}", file=sys.stderr)
        return EXIT_USAGE
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
