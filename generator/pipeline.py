"""The whole pipeline, for the command line and the tests: specs in, package folders out."""

from __future__ import annotations

import datetime
import os
import shutil
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .commands.locate import (
    find_spec as find_spec,  # re-exported: where callers looked it up before
)
from .commands.locate import spec_files
from .emit.emitter_process import EmitterProcess
from .load.source import LoadOptions, read_document
from .problems import Problem, SpecError
from .write.manifest import (
    CHANGELOG,
    FIRST_VERSION,
    MANIFEST,
    SPEC_COPY,
    VERSION_FILE,
    Manifest,
    Release,
    edited_files,
    file_hashes,
    fingerprint,
    next_version,
    read_manifest,
    render_changelog,
    sha256,
)
from .write.proof import Proof, prove_packages
from .write.writer import differences, list_files, replace_packages, staging, write_tree

if TYPE_CHECKING:  # the pipeline's stages load only when something must be built
    from .commands.diff import Change
    from .load.overlay import AppliedOverlay
    from .model.ir import Provider


@dataclass(frozen=True)
class Built:
    provider: Provider
    files: dict[str, bytes]
    seconds: float
    overlays: tuple[AppliedOverlay, ...] = ()


def find_specs(folder: Path) -> list[Path]:
    """The spec files of a folder, in name order."""
    return spec_files(folder)


def build(
    spec_paths: Sequence[Path],
    options: LoadOptions | None = None,
    emitter: EmitterProcess | None = None,
    proof: Proof | None = None,
) -> list[Built]:
    """Load, model and render every spec; raise one `SpecError` with the problems of all.
    With `emitter` (started early), the models are written in its interpreter, which is
    closed once every answer is in; then `proof` is started (see `Proof.start`)."""
    from .emit.render import StartedPackage, finish_package, start_package
    from .load.loader import load_spec
    from .model.ir import build_provider

    names = provider_names(spec_paths, options)
    problems: dict[int, list[Problem]] = {}  # by spec, so that they are told in spec order
    # Every spec is modelled and its models asked for before any is waited for: the emitter's
    # interpreter writes one spec's models while the next spec is read.
    started: list[tuple[int, StartedPackage, tuple[AppliedOverlay, ...], float]] = []
    for index, (path, name) in enumerate(zip(spec_paths, names, strict=True)):
        clock = time.perf_counter()
        try:
            spec = load_spec(path, _with_name(options, name))
            overlays = spec.overlays
            provider = build_provider(spec)
            # The document is not read past the model stage: let it go before the emitters,
            # which hold a copy of every schema of their own (the run's peak of memory).
            del spec
            package = start_package(provider, emitter)
        except SpecError as exc:
            problems[index] = list(exc.problems)
            continue
        started.append((index, package, overlays, time.perf_counter() - clock))
    built = []
    for index, package, overlays, seconds in started:
        clock = time.perf_counter()
        try:
            files = finish_package(package)
        except SpecError as exc:
            problems[index] = list(exc.problems)
            continue
        seconds += time.perf_counter() - clock
        built.append(Built(package.provider, files, seconds, overlays))
    if emitter is not None:
        emitter.close()  # every answer is in: its memory goes back before the proof starts
    if problems:
        raise SpecError([problem for index in sorted(problems) for problem in problems[index]])
    if proof is not None:
        proof.start()  # only now: a refused spec needs no proof
    return built


class HandEditError(Exception):
    """Files in the output were changed by hand since they were generated; regenerating would
    overwrite them. `lines` name each one."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Outcome:
    """What generation did (or would do) to one package."""

    name: str
    written: bool  # False: up to date, left alone
    version: str
    bump: str | None  # the version bump of a new release, if there is one
    changes: tuple[Change, ...] = ()
    operations: int = 0
    models: int = 0
    seconds: float = 0.0
    notices: tuple[Problem, ...] = ()  # names that gave way, printed as warnings
    overlays: tuple[AppliedOverlay, ...] = ()  # applied to the spec, in order


def generate(
    spec_paths: Sequence[Path],
    output: Path,
    *,
    whole_folder: bool,
    discard_edits: bool = False,
    today: str | None = None,
    options: LoadOptions | None = None,
) -> list[Outcome]:
    """Regenerate the packages of `spec_paths` under `output`, trusting each package's manifest
    to skip what has not changed.

    A spec that changed since its package was generated gives a new release: the version is
    bumped by the spec diff's verdict and CHANGELOG.md gets an entry. Files edited by hand stop
    everything (`HandEditError`) unless `discard_edits`. With `whole_folder`, a package
    generate made whose spec is gone is removed; anything else in `output` is left alone
    (`strangers` names it). `options` say how the specs load (`--name`).
    """
    plans = _plans(spec_paths, output, options)
    edits = [line for plan in plans for line in plan.edits]
    orphans = made_by_us(output, {plan.name for plan in plans}) if whole_folder else []
    edits += [line for orphan in orphans for line in _orphan_edits(orphan)]
    stale = [plan for plan in plans if not plan.up_to_date]
    with ExitStack() as stack:
        folder = stack.enter_context(staging(output))
        # The models emitter's interpreter starts now and loads while the specs are read and
        # modelled; the proof's, once the emitter's has stopped (see `Proof.start`).
        emitter = stack.enter_context(EmitterProcess()) if stale else None
        proof = stack.enter_context(Proof(start=False)) if stale else None
        # SpecError before any hand-edit verdict
        outcomes = _prepare(stale, folder, today, options, emitter, proof)
        if edits and not discard_edits:
            raise HandEditError(edits)
        if stale:
            prove_packages(
                folder / "result",
                {plan.name: (f"{plan.name}_client", str(plan.spec)) for plan in stale},
                proof,
            )
            replace_packages(folder / "result", output, [plan.name for plan in stale])
        for orphan in orphans:
            shutil.rmtree(orphan)
    fresh = {o.name: o for o in outcomes}
    return [
        fresh.get(plan.name)
        or Outcome(plan.name, False, plan.previous.version if plan.previous else "", None)
        for plan in plans
    ]


def check(
    spec_paths: Sequence[Path],
    output: Path,
    *,
    whole_folder: bool = True,
    options: LoadOptions | None = None,
) -> list[str]:
    """What differs between `output` and what `generate` would make of it (empty when up to
    date): files edited by hand, specs changed since generation, files that would change.

    With `whole_folder`, a package that generate made and no spec makes any more is reported
    too (generate would remove it).
    """
    plans = _plans(spec_paths, output, options)
    lines = [line for plan in plans for line in plan.edits]
    stale = [plan for plan in plans if not plan.up_to_date and not plan.edits]
    if stale:
        with staging(output) as folder:
            for outcome in _prepare(stale, folder, None, options):
                if outcome.bump and outcome.changes:
                    lines.append(
                        f"spec changed: {outcome.name} would become {outcome.version} "
                        f"({outcome.bump}): {verdict(outcome.changes)}"
                    )
                lines += differences(
                    folder / "result" / outcome.name, output / outcome.name, outcome.name
                )
    if whole_folder:
        lines += [f"no spec:    {p.name}/" for p in made_by_us(output, {p.name for p in plans})]
    return lines


def made_by_us(output: Path, keep: set[str]) -> list[Path]:
    """The package folders in `output` that generate made (they carry its manifest) and that no
    spec in `keep` makes any more: what a whole-folder `generate` removes."""
    return [
        entry
        for entry in _entries(output)
        if entry.name not in keep and (entry / f"{entry.name}_client" / MANIFEST).is_file()
    ]


def strangers(output: Path, keep: set[str]) -> list[Path]:
    """What is in `output` that generate did not make (no manifest of its own): never touched,
    only named, so that a user's folder or file there is not lost."""
    ours = set(made_by_us(output, keep))
    return [entry for entry in _entries(output) if entry.name not in keep and entry not in ours]


def _entries(output: Path) -> list[Path]:
    """The entries of an output folder, hidden ones (.gitignore, staging folders) left out."""
    if not output.is_dir():
        return []
    return sorted(p for p in output.iterdir() if not p.name.startswith("."))


def _orphan_edits(folder: Path) -> list[str]:
    """Hand edits in a package that a whole-folder generate would remove."""
    manifest = read_manifest(folder, f"{folder.name}_client")
    if manifest is None:
        return []
    listed = list_files(folder) - {f"{manifest.package}/{MANIFEST}"}
    return edited_files(folder, manifest.files, listed, label=folder.name)


def verdict(changes: Sequence[Change]) -> str:
    """How many changes of each level: "1 breaking, 2 non-breaking"."""
    from .commands.diff import LEVELS

    counts = {level: sum(c.level == level for c in changes) for level in LEVELS}
    return ", ".join(f"{n} {level}" for level, n in counts.items() if n)


@dataclass
class _Plan:
    name: str
    spec: Path
    source: bytes
    folder: Path
    previous: Manifest | None
    edits: list[str]
    up_to_date: bool


def _plans(spec_paths: Sequence[Path], output: Path, options: LoadOptions | None) -> list[_Plan]:
    """For each spec: its package's manifest, the files changed by hand, and whether the
    manifest proves the package current (same spec, same generator, files intact)."""
    names = provider_names(spec_paths, options)
    plans = []
    for path, name in zip(spec_paths, names, strict=True):
        try:
            source = path.read_bytes()
        except OSError:
            source = b""  # the loader reports it
        folder = output / name
        package = f"{name}_client"
        try:
            previous = read_manifest(folder, package)
        except ValueError as exc:
            raise HandEditError([f"damaged:    {name}/{package}/{MANIFEST}: {exc}"]) from exc
        edits: list[str] = []
        if previous is not None:
            listed = list_files(folder) - {f"{package}/{MANIFEST}"}
            edits = edited_files(folder, previous.files, listed, label=name)
        up_to_date = (
            previous is not None
            and not edits
            and previous.spec_sha256 == sha256(source)
            and previous.overlays == _overlay_hashes(path, options)
            and previous.generator == fingerprint()
        )
        plans.append(_Plan(name, path, source, folder, previous, edits, up_to_date))
    return plans


def provider_names(spec_paths: Sequence[Path], options: LoadOptions | None = None) -> list[str]:
    """The provider name of each spec (`options.name` for a single spec, else each file's stem
    made valid); `SpecError` when a name is invalid or two specs would make the same package."""
    from .load.source import provider_name

    given = options.name if options else None
    if given is not None and len(spec_paths) != 1:
        raise SpecError(
            [
                Problem(
                    "",
                    "",
                    f"--name names one spec, but {len(spec_paths)} were given",
                    "generate one spec at a time with --name, or leave --name out",
                    rule="name",
                )
            ]
        )
    names = [provider_name(path, given) for path in spec_paths]
    problems: list[Problem] = []
    first: dict[str, Path] = {}
    for path, name in zip(spec_paths, names, strict=True):
        if name in first:
            problems.append(
                Problem(
                    str(path),
                    "",
                    f"provider {name!r} is also given by {first[name]}",
                    "pass each provider's spec once (or rename one of the files)",
                )
            )
        first.setdefault(name, path)
    if problems:
        raise SpecError(problems)
    return names


def _overlay_hashes(path: Path, options: LoadOptions | None) -> tuple[tuple[str, str], ...]:
    """(name, sha256) of the overlays a spec would get, as its manifest records them."""
    from .load.loader import overlays_of

    hashes = []
    for overlay, _ in overlays_of(path, options or LoadOptions()):
        try:
            hashes.append((overlay.name, sha256(overlay.read_bytes())))
        except OSError:
            hashes.append((overlay.name, ""))  # the loader reports it
    return tuple(hashes)


def _with_name(options: LoadOptions | None, name: str) -> LoadOptions:
    return replace(options or LoadOptions(), name=name)


def _prepare(
    plans: list[_Plan],
    folder: Path,
    today: str | None,
    options: LoadOptions | None,
    emitter: EmitterProcess | None = None,
    proof: Proof | None = None,
) -> list[Outcome]:
    """Build, write and format the packages of `plans` under folder/result/, each with its
    release decided against its previous manifest; nothing outside `folder` is touched."""
    if not plans:
        return []
    built = build([plan.spec for plan in plans], options, emitter, proof)
    tree = folder / "result"
    write_tree(
        tree,
        {
            b.provider.name: {**b.files, f"{b.provider.package}/{SPEC_COPY}": plan.source}
            for b, plan in zip(built, plans, strict=True)
        },
    )
    date = today or _today()
    return [
        _release(b, plan, tree / b.provider.name, date)
        for b, plan in zip(built, plans, strict=True)
    ]


def _release(built: Built, plan: _Plan, folder: Path, date: str) -> Outcome:
    """Decide the version of a freshly written package, then write its release files and its
    manifest."""
    from .commands.diff import bump as bump_for
    from .commands.diff import diff_documents, render_markdown
    from .emit.render import render_pyproject, render_version_file

    provider = built.provider
    spec_hash = sha256(plan.source)
    code = file_hashes(folder, sorted(list_files(folder) - {f"{provider.package}/{SPEC_COPY}"}))
    previous = plan.previous
    changes: list[Change] = []
    if previous is None:
        bump = None
        version = FIRST_VERSION
        history: tuple[Release, ...] = (
            Release(
                version,
                date,
                spec_hash,
                None,
                f"First version generated from {provider.spec_file} (spec version "
                f"{provider.spec_version}).",
            ),
        )
    else:
        # The spec copy follows the spec; whether that is a release is the diff's call.
        release_files = {
            "pyproject.toml",
            CHANGELOG,
            f"{provider.package}/{VERSION_FILE}",
            f"{provider.package}/{SPEC_COPY}",
        }
        old_code = {k: v for k, v in previous.files.items() if k not in release_files}
        code_changed = old_code != code
        summary = ""
        level: str | None = None
        if previous.spec_sha256 != spec_hash:
            old_spec = plan.folder / provider.package / SPEC_COPY
            changes = diff_documents(_document(old_spec), document_of(plan.source))
            level = bump_for(changes) or ("patch" if code_changed else None)
            summary = (
                f"{provider.spec_file} changed (spec version {provider.spec_version}): "
                f"{verdict(changes) or 'no change to the API'}."
            )
        elif code_changed:
            level = "patch"
            summary = (
                f"Regenerated by gatewaygen {__version__}: the generated code changed; the "
                f"spec did not."
            )
        bump = level
        if level is None:
            version, history = previous.version, previous.history
        else:
            version = next_version(previous.version, level)
            entry = Release(version, date, spec_hash, level, summary, render_markdown(changes))
            history = (entry, *previous.history)
    package = provider.package
    release = {
        "pyproject.toml": render_pyproject(provider, version),
        f"{package}/{VERSION_FILE}": render_version_file(provider, version),
        CHANGELOG: render_changelog(provider.distribution, history).encode("utf-8"),
    }
    for name, data in release.items():
        (folder / name).write_bytes(data)
    files = file_hashes(folder, sorted(list_files(folder)))
    manifest = Manifest(
        provider=provider.name,
        package=package,
        distribution=provider.distribution,
        version=version,
        spec_file=provider.spec_file,
        spec_sha256=spec_hash,
        generator=fingerprint(),
        files=files,
        history=history,
        overlays=tuple((o.name, o.sha256) for o in built.overlays),
    )
    (folder / package / MANIFEST).write_bytes(manifest.dumps())
    return Outcome(
        provider.name,
        True,
        version,
        bump,
        tuple(changes),
        len(provider.operations),
        len(provider.model_names),
        built.seconds,
        provider.notices,
        built.overlays,
    )


def _document(path: Path) -> dict[str, Any]:
    """The spec a package was generated from (its copy in the package), or {} if it is gone."""
    return document_of(path.read_bytes()) if path.is_file() else {}


def document_of(source: bytes) -> dict[str, Any]:
    """The mapping a spec's bytes hold, read safely; {} for anything else."""
    try:  # a published spec's unquoted keys (`200:`) are read as text, as when it loaded
        document, _ = read_document(source, "the previous spec")
    except SpecError:
        return {}
    return document if isinstance(document, dict) else {}


def _today() -> str:
    """Today's date for a changelog entry; SOURCE_DATE_EPOCH fixes it for reproducible runs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    return datetime.date.today().isoformat()
