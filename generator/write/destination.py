"""Checking where a command will write before it does any work (or spends any money).

Each function returns what is wrong, in a sentence that names the path and says what to do, or
None when the destination is usable. They look before anything is built, sent or paid for; the
writes themselves still report any `OSError` that happens later (a disk that fills up).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def folder_problem(folder: Path, option: str) -> str | None:
    """Why `folder` cannot be written into (created if missing), or None."""
    if folder.exists() and not folder.is_dir():
        return f"{option} {folder} is a file, not a folder: name a folder"
    existing = _nearest_existing(folder)
    if not existing.is_dir():
        return f"{option} {folder} cannot be created: {existing} is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK) or not _can_create_in(existing):
        return (
            f"{option} {folder} is not writable ({existing} does not allow it): choose "
            f"another folder or change its permissions"
        )
    return None


def file_problem(path: Path, option: str, *, force: bool) -> str | None:
    """Why a file cannot be written at `path`, or None. Missing folders above it are fine when
    they can be created (the download creates them)."""
    if path.is_dir():
        return f"{option} {path} is a folder: name the file to write, such as {path / 'video.mp4'}"
    if path.exists() and not force:
        return f"{option} {path} already exists: pass --force to overwrite it, or choose another"
    return folder_problem(path.parent, f"{option} {path}: its folder")


def os_error(exc: OSError, doing: str) -> str:
    """An `OSError` as one sentence: what failed, on which path, and why."""
    where = f" {exc.filename}" if exc.filename else ""
    return f"cannot {doing}:{where}: {exc.strerror or exc}"


def _can_create_in(folder: Path) -> bool:
    """Whether a file can really be made in `folder`. os.access alone says yes to root wherever
    the mode bits would stop others, even where the system refuses the write itself (/proc, a
    network share that maps root to nobody), and then the failure would come after the work or
    the payment. The probe file is removed at once."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".gatewaygen-probe-"):
            return True
    except OSError:
        return False


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):  # relative stays relative, as the user wrote it
        if candidate.exists():
            return candidate
    return Path.cwd()
