"""Stage 5: format the rendered files and put them on disk, all or nothing.

Everything is written and formatted in a staging folder beside the destination first; only when
every package is complete are the old folders swapped for the new ones (renames on one file
system). If anything fails before the swap, the destination is untouched.
"""

from __future__ import annotations

import filecmp
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ruff import find_ruff_bin  # type: ignore[import-untyped]  # ruff ships no types

#: Files that tools leave in a package folder and that are not part of the output.
IGNORED = ("__pycache__", ".mypy_cache", ".ruff_cache", "build", "dist")
IGNORED_SUFFIXES = (".pyc", ".egg-info")


class FormatError(RuntimeError):
    """ruff could not format the generated code (a template produced invalid Python)."""


@contextmanager
def staging(beside: Path) -> Iterator[Path]:
    """A temporary folder on the same file system as `beside`, removed afterwards (whatever
    happens; the leftovers of a killed run are removed by the next one)."""
    beside.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(beside)
    prefix = f".{beside.name}{STAGING}{os.getpid()}-"
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=beside.parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


#: What names a staging folder: `.<output>-staging-<pid>-<random>` beside the output folder.
STAGING = "-staging-"


def remove_leftovers(beside: Path) -> list[Path]:
    """Remove the staging folders that runs killed before they could clean up left beside
    `beside` (those whose process is gone), first putting back any package such a run had
    moved aside and not yet replaced. Returns the folders removed."""
    removed = []
    for folder in sorted(beside.parent.glob(f".{glob.escape(beside.name)}{STAGING}*")):
        owner = folder.name[len(beside.name) + len(STAGING) + 1 :].split("-", 1)[0]
        if not folder.is_dir() or (owner.isdigit() and _running(int(owner))):
            continue
        for backup in sorted(folder.glob("*.old")):
            target = beside / backup.name[: -len(".old")]
            if backup.is_dir() and not target.exists():
                os.replace(backup, target)  # the swap was cut between its two renames
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: leave its folder alone
    return True


def write_tree(folder: Path, packages: Mapping[str, Mapping[str, bytes]]) -> None:
    """Write each package under folder/<name>/ and format its generated Python files."""
    generated: list[Path] = []
    for name, files in packages.items():
        for relative, content in files.items():
            target = folder / name / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            if relative.endswith((".py", ".md")) and "/_runtime/" not in relative:
                generated.append(target)
    if generated:
        format_python(generated)


def format_python(paths: list[Path]) -> None:
    """Sort imports, drop unused ones and format (Python, and the Python blocks of Markdown),
    with fixed settings: no configuration file is read."""
    # --no-cache: ruff would otherwise leave a .ruff_cache in the current folder.
    common = ["--isolated", "--no-cache", "--line-length", "100", "--target-version", "py310"]
    names = [str(p) for p in paths]
    python = [str(p) for p in paths if p.suffix == ".py"]
    steps = [
        ["check", "--fix", "--quiet", "--select", "I,F401", "--exit-zero", *common, *python],
        ["format", *common, *names],  # not --quiet: it would hide the parse error
    ]
    ruff = find_ruff_bin()  # the binary itself: `python -m ruff` would start Python to find it
    for step in steps:
        done = subprocess.run([ruff, *step], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise FormatError(
                f"ruff {step[0]} failed on the generated code:\n{done.stderr or done.stdout}"
            )


def replace_packages(new_tree: Path, destination: Path, names: list[str]) -> None:
    """Swap in destination/<name> for each package of `new_tree`, leaving other folders alone.

    If one swap fails, the packages already swapped are put back as they were.
    """
    destination.mkdir(parents=True, exist_ok=True)
    swapped: list[tuple[Path, Path | None]] = []
    try:
        for name in names:
            target = destination / name
            backup = new_tree.with_name(f"{name}.old") if target.exists() else None
            if backup is not None:
                os.replace(target, backup)
            try:
                os.replace(new_tree / name, target)
            except BaseException:
                if backup is not None:
                    os.replace(backup, target)
                raise
            swapped.append((target, backup))
    except BaseException:
        for target, backup in reversed(swapped):
            shutil.rmtree(target)
            if backup is not None:
                os.replace(backup, target)
        raise


def list_files(folder: Path) -> set[str]:
    """The files of a generated tree, relative and with '/' separators, tool leftovers skipped."""
    found = set()
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if any(p in IGNORED or p.endswith(IGNORED_SUFFIXES) for p in parts) or path.is_dir():
            continue
        found.add("/".join(parts))
    return found


def differences(expected: Path, actual: Path, label: str = "") -> list[str]:
    """Lines naming every file that is missing, unexpected or different in `actual`."""
    want, have = list_files(expected), list_files(actual) if actual.exists() else set()
    prefix = label + "/" if label else ""
    lines = [f"missing:    {prefix}{p}" for p in sorted(want - have)]
    lines += [f"unexpected: {prefix}{p}" for p in sorted(have - want)]
    lines += [
        f"differs:    {prefix}{p}"
        for p in sorted(want & have)
        if not filecmp.cmp(expected / p, actual / p, shallow=False)
    ]
    return lines
