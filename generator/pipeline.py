"""The whole pipeline, for the command line and the tests: specs in, package folders out."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .ir import Provider, build_provider
from .loader import load_spec
from .problems import Problem, SpecError
from .render import render_package
from .writer import differences, replace_all, replace_packages, staging, write_tree


@dataclass(frozen=True)
class Built:
    provider: Provider
    files: dict[str, bytes]
    seconds: float


def find_specs(folder: Path) -> list[Path]:
    """The spec files of a folder, in name order."""
    return sorted(folder.glob("*.yaml"))


def find_spec(provider: str | os.PathLike[str], specs_dir: str | os.PathLike[str]) -> Path:
    """The spec of a provider name (looked up as <specs_dir>/<name>.yaml), or a spec file given
    by its path; `ValueError` when there is neither."""
    path = Path(provider)
    if not (path.suffix in (".yaml", ".yml") and path.is_file()):
        path = Path(specs_dir) / f"{provider}.yaml"
    if not path.is_file():
        raise ValueError(
            f"no spec for {str(provider)!r}: looked for {path}. Name a provider in "
            f"{specs_dir}/ (such as evolink) or give a spec file."
        )
    return path


def build(spec_paths: Sequence[Path]) -> list[Built]:
    """Load, model and render every spec; raise one `SpecError` with the problems of all."""
    problems: list[Problem] = []
    first: dict[str, Path] = {}
    for path in spec_paths:
        if path.stem in first:
            problems.append(
                Problem(
                    str(path),
                    "",
                    f"provider {path.stem!r} is also given by {first[path.stem]}",
                    "pass each provider's spec once",
                )
            )
        first.setdefault(path.stem, path)
    if problems:
        raise SpecError(problems)
    built = []
    for path in spec_paths:
        started = time.perf_counter()
        try:
            provider = build_provider(load_spec(path))
            files = render_package(provider)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        built.append(Built(provider, files, time.perf_counter() - started))
    if problems:
        raise SpecError(problems)
    return built


def generate(spec_paths: Sequence[Path], output: Path, *, whole_folder: bool) -> list[Built]:
    """Regenerate the packages of `spec_paths` under `output`.

    With `whole_folder`, `output` becomes exactly these packages (a package whose spec is gone
    is removed); otherwise only output/<provider> folders are replaced.
    """
    built = build(spec_paths)
    with staging(output) as folder:
        new_tree = _write(built, folder)
        if whole_folder:
            replace_all(new_tree, output)
        else:
            replace_packages(new_tree, output, [b.provider.name for b in built])
    return built


def check(spec_paths: Sequence[Path], output: Path, *, whole_folder: bool = True) -> list[str]:
    """What differs between `output` and what the specs generate (empty when up to date).

    With `whole_folder`, a package folder in `output` that no spec makes is reported too;
    otherwise only the given providers' folders are compared.
    """
    built = build(spec_paths)
    with staging(output) as folder:
        new_tree = _write(built, folder)
        if whole_folder:
            return differences(new_tree, output)
        return [
            line
            for b in built
            for line in differences(
                new_tree / b.provider.name, output / b.provider.name, b.provider.name
            )
        ]


def _write(built: list[Built], folder: Path) -> Path:
    """Write and format every package under folder/result/; return that folder."""
    new_tree = folder / "result"
    write_tree(new_tree, {b.provider.name: b.files for b in built})
    return new_tree
