"""Where specs are: provider names resolved from the project and from gatewaygen's own copy.

A project is the nearest folder, from the current one upwards, that holds a `specs/` folder with
`*.yaml` files in it; its packages go to `generated/` beside `specs/`. The specs installed with
gatewaygen (shipped inside the wheel as `generator/specs/`, or the checkout's `specs/` when
gatewaygen runs from its sources) answer every name the project does not know, so the command
line works from any folder and after a plain `pip install`.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

_HERE = Path(__file__).resolve().parent.parent  # generator/


@dataclass(frozen=True)
class Project:
    """A folder with `specs/`: where provider names are looked up first, and where `generate`
    and `check` write and compare by default."""

    root: Path

    @property
    def specs(self) -> Path:
        return self.root / "specs"

    @property
    def generated(self) -> Path:
        return self.root / "generated"


def find_project(start: Path | None = None) -> Project | None:
    """The nearest project at or above `start` (the current folder), or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if spec_files(folder / "specs"):
            return Project(folder)
    return None


def installed_specs() -> Path | None:
    """The specs that came with gatewaygen: packaged in the wheel, or the source checkout's."""
    for folder in (_HERE / "specs", _HERE.parent / "specs"):
        if spec_files(folder):
            return folder
    return None


def spec_files(folder: Path) -> list[Path]:
    """The spec files of a folder, in name order (none when it is not a folder)."""
    try:
        return sorted(
            p for p in folder.glob("*.yaml") if p.is_file() and not p.name.endswith(".overlay.yaml")
        )
    except OSError:
        return []


def known_specs(specs_dir: str | os.PathLike[str] | None = None) -> dict[str, Path]:
    """Every provider name that resolves, and its spec: with `specs_dir`, that folder's only;
    otherwise the project's, then the installed ones the project does not override."""
    if specs_dir is not None:
        return {p.stem: p for p in spec_files(Path(specs_dir))}
    found: dict[str, Path] = {}
    project = find_project()
    for folder in (project.specs if project else None, installed_specs()):
        for path in spec_files(folder) if folder else []:
            found.setdefault(path.stem, path)
    return found


def looks_like_a_file(name: str | os.PathLike[str]) -> bool:
    """Whether a command-line argument names a spec file (`specs/x.yaml`) rather than a
    provider (`x`)."""
    text = str(name)
    return text.endswith((".yaml", ".yml", ".json")) or "/" in text or os.sep in text


def find_spec(
    provider: str | os.PathLike[str], specs_dir: str | os.PathLike[str] | None = None
) -> Path:
    """The spec of a provider name, or a spec file given by its path; `ValueError` says what
    was looked for and suggests the nearest names."""
    if looks_like_a_file(provider):
        path = Path(provider)
        if not path.is_file():
            known = known_specs(specs_dir)
            hint = f" (or just `{path.stem}`, a known provider)" if path.stem in known else ""
            raise ValueError(
                f"no spec file {path}: check the path, or name a provider{hint} (`gatewaygen "
                f"providers` lists them)"
            )
        return path
    name = str(provider)
    known = known_specs(specs_dir)
    for candidate in (name, name.lower()):  # `Evolink` is evolink
        if candidate in known:
            return known[candidate]
    guess = difflib.get_close_matches(name.lower(), list(known), n=1)
    hint = f" (did you mean {guess[0]!r}?)" if guess else ""
    project = find_project()
    if specs_dir is not None:
        where = f"in {specs_dir}/"
    elif project is not None:
        where = f"in {project.specs}/ or among the specs installed with gatewaygen"
    else:
        where = "among the specs installed with gatewaygen (no specs/ folder here or above)"
    names = ", ".join(sorted(known)) or "none"
    raise ValueError(
        f"no provider {name!r} {where}{hint}; known: {names}. `gatewaygen providers` lists "
        "them, or give a spec file's path."
    )
