"""What a generated package knows about its own making: `<package>/_manifest.json`.

The manifest records the spec it was generated from (file, SHA-256, and a copy of the spec as
`<package>/openapi.yaml`), the generator that made it (version and hashes of its code, templates
and runtime), a SHA-256 of every other file of the package, the package's version and its
release history (which CHANGELOG.md is rendered from).

With it, `check` and `generate` can tell in milliseconds that nothing changed, name the files
someone edited by hand, and diff a vendored copy against today's spec.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__

MANIFEST = "_manifest.json"
SPEC_COPY = "openapi.yaml"
VERSION_FILE = "_version.py"
CHANGELOG = "CHANGELOG.md"
FIRST_VERSION = "1.0.0"
FORMAT = 1

_GENERATOR = Path(__file__).resolve().parent.parent

#: The generator code that decides the output, changelog and manifest included: every module of
#: the four stages, and the few shared ones (the commands around them do not count).
OUTPUT_STAGES = ("load", "model", "emit", "write")
OUTPUT_MODULES = ("pipeline.py", "problems.py")
OUTPUT_FOLDERS = (*OUTPUT_STAGES, "commands/diff")  # the diff decides the changelog


def _output_code() -> list[Path]:
    folders = [p for folder in OUTPUT_FOLDERS for p in (_GENERATOR / folder).rglob("*.py")]
    return folders + [_GENERATOR / name for name in OUTPUT_MODULES]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_hash(paths: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def fingerprint() -> dict[str, Any]:
    """What made the output: the generator's version, hashes of its code (the pipeline modules),
    its templates and its runtime, and the exact versions of the code emitters."""
    code = _output_code()
    templates = [p for p in (_GENERATOR / "emit" / "templates").rglob("*") if p.is_file()]
    runtime = [p for p in (_GENERATOR / "runtime").glob("*.py")]
    tools = {}
    for name in ("datamodel-code-generator", "ruff"):
        try:
            tools[name] = metadata.version(name)
        except metadata.PackageNotFoundError:  # pragma: no cover - both are dependencies
            tools[name] = "absent"
    return {
        "version": __version__,
        "code_sha256": _tree_hash(code, _GENERATOR),
        "templates_sha256": _tree_hash(templates, _GENERATOR),
        "runtime_sha256": _tree_hash(runtime, _GENERATOR),
        "tools": tools,
    }


@dataclass(frozen=True)
class Release:
    """One entry of a package's history (and of its CHANGELOG.md)."""

    version: str
    date: str
    spec_sha256: str
    bump: str | None  # major, minor, patch; None for the first release
    summary: str
    changes: str = ""  # the diff's findings as Markdown, when the spec changed

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "date": self.date,
            "spec_sha256": self.spec_sha256,
            "bump": self.bump,
            "summary": self.summary,
            "changes": self.changes,
        }


@dataclass(frozen=True)
class Manifest:
    provider: str
    package: str
    distribution: str
    version: str
    spec_file: str
    spec_sha256: str
    generator: Mapping[str, Any]
    files: Mapping[str, str]  # path relative to the package folder -> SHA-256
    history: tuple[Release, ...] = field(default=())
    overlays: tuple[tuple[str, str], ...] = ()  # (file name, sha256) of each overlay applied

    def as_json(self) -> dict[str, Any]:
        return {
            "manifest": FORMAT,
            "provider": self.provider,
            "package": self.package,
            "distribution": self.distribution,
            "version": self.version,
            "spec": {"file": self.spec_file, "sha256": self.spec_sha256},
            "generator": dict(self.generator),
            "files": dict(sorted(self.files.items())),
            "history": [r.as_json() for r in self.history],
            # Only when there are some: the manifests of packages without overlays stay as
            # they were.
            **(
                {"overlays": [{"file": name, "sha256": digest} for name, digest in self.overlays]}
                if self.overlays
                else {}
            ),
        }

    def dumps(self) -> bytes:
        return (json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def loads(cls, data: bytes, where: str) -> Manifest:
        """A manifest from its JSON; `ValueError` naming `where` if it is not one."""
        try:
            raw = json.loads(data)
            if raw.get("manifest") != FORMAT:
                raise ValueError(f"unknown manifest format {raw.get('manifest')!r}")
            return cls(
                provider=raw["provider"],
                package=raw["package"],
                distribution=raw["distribution"],
                version=raw["version"],
                spec_file=raw["spec"]["file"],
                spec_sha256=raw["spec"]["sha256"],
                generator=raw["generator"],
                files=raw["files"],
                history=tuple(Release(**entry) for entry in raw["history"]),
                overlays=tuple((o["file"], o["sha256"]) for o in raw.get("overlays", [])),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{where} is not a gatewaygen manifest ({exc})") from exc


def read_manifest(folder: Path, package: str) -> Manifest | None:
    """The manifest of the package in `folder` (generated/<provider>), or None if it has none."""
    path = folder / package / MANIFEST
    if not path.is_file():
        return None
    return Manifest.loads(path.read_bytes(), str(path))


def file_hashes(folder: Path, names: Iterable[str]) -> dict[str, str]:
    return {name: sha256((folder / name).read_bytes()) for name in names}


def edited_files(
    folder: Path, expected: Mapping[str, str], listed: set[str], label: str = ""
) -> list[str]:
    """Lines naming what changed in `folder` since its files were hashed (`expected`: relative
    path -> SHA-256): files edited, removed or added by hand (`listed` is what is in the folder
    now, the manifest excluded)."""
    prefix = f"{label}/" if label else ""
    lines = []
    for name, digest in sorted(expected.items()):
        path = folder / name
        if not path.is_file():
            lines.append(f"removed by hand: {prefix}{name}")
        elif sha256(path.read_bytes()) != digest:
            lines.append(f"edited by hand:  {prefix}{name}")
    for name in sorted(listed - set(expected)):
        lines.append(f"added by hand:   {prefix}{name}")
    return lines


def next_version(version: str, bump: str) -> str:
    """`version` raised by a semver bump: 1.4.2 + minor = 1.5.0."""
    major, minor, patch = (int(part) for part in version.split("."))
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def render_changelog(distribution: str, history: Iterable[Release]) -> str:
    """CHANGELOG.md from a package's history, newest first."""
    out = [
        f"# Changelog of {distribution}",
        "",
        "Written by `gatewaygen generate` from the package's manifest; each version says how "
        "the spec changed and what that bumped.",
        "",
    ]
    for release in history:
        bump = f" ({release.bump})" if release.bump else ""
        out += [f"## {release.version}{bump}: {release.date}", "", release.summary, ""]
        if release.changes:
            out += [release.changes.rstrip(), ""]
    return "\n".join(out)
