"""gatewaygen next to openapi-python-client on the real documents of tests/corpus/ (copied
byte for byte from ../shared/corpus/), and on the gateway specs.

    python benchmarks/bench_corpus.py             # 3 interleaved rounds per document
    python benchmarks/bench_corpus.py --quick     # 1 round, and no openai.yaml (about a minute)
    python benchmarks/bench_corpus.py --document petstore_3.0.yaml --rounds 5
    python benchmarks/bench_corpus.py --corpus specs --no-mypy   # the gateway specs, cost only

For each document, as published, and each tool: the operations the document declares, the
methods generated, the operations left out (each with the tool's reason, or "no warning names
it"), the mypy --strict errors of the package, and the generation's wall time and peak memory
(medians; the largest process, and the whole process tree at once). A tool that refuses the
document counts 0 methods, with its reason shown. A third side, "floor: dcg alone", times
datamodel-code-generator alone on the input our models emitter gives it (corpus_floor.py):
what no work of ours can go below while that library writes the models. Every run is a fresh
process measured by a fresh parent (corpus_measure.py); the sides take turns (A, B, C, then
B, C, A, ...). Counting is in corpus_counting.py, the tables in corpus_tables.py.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sized
from pathlib import Path

from bench_common import ROOT, interleave
from corpus_counting import (
    CountingError,
    Tally,
    document_operations,
    gatewaygen_endpoints,
    gatewaygen_reasons,
    left_out,
    mypy_errors,
    opc_endpoints,
    opc_reasons,
    read_document,
)
from corpus_measure import measure, tree_supported
from corpus_tables import (
    FLOOR,
    TOOLS,
    CorpusReport,
    Result,
    Run,
    conclusions,
    ratios,
    reasons,
    table,
)

OPC_VERSION = "0.29.1"  # the version ../shared/corpus/README.md measured; nox -s bench installs it
BIG = ("openai.yaml",)  # left out by --quick
FLOOR_SCRIPT = Path(__file__).resolve().parent / "corpus_floor.py"


def find_corpus() -> Path | None:
    """tests/corpus/: the documents of ../shared/corpus/, copied byte for byte into the
    repository (with their README of origins and licences), so every checkout measures them."""
    corpus = ROOT / "tests" / "corpus"
    return corpus if corpus.is_dir() else None


def valid_name(file_name: str) -> str:
    """A package name from a file name: `petstore_3.0.yaml` -> `petstore_3_0`."""
    stem = file_name.rsplit(".", 1)[0].lower()
    name = "".join(c if c.isalnum() else "_" for c in stem).strip("_") or "api"
    return name if name[0].isalpha() else f"api_{name}"


class Generators:
    """How each side is run on a document, into a fresh folder every time. Every path handed
    to a tool is absolute: the tools run in their own folders."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch.resolve()
        self.runs = 0
        self.takes_name = (
            "--name"
            in subprocess.run(
                [sys.executable, "-m", "generator", "generate", "--help"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )

    def _fresh(self, label: str) -> Path:
        self.runs += 1
        folder = self.scratch / f"{self.runs:03d}-{label}"
        folder.mkdir()
        return folder

    def gatewaygen(self, document: Path) -> Run:
        document = document.resolve()
        folder = self._fresh("gatewaygen")
        name = valid_name(document.name)
        command = [sys.executable, "-m", "generator", "generate"]
        if self.takes_name:
            command += [str(document), "--name", name]
        else:  # until --name exists: a copy whose stem is a valid provider name
            copy = folder / f"{name}{document.suffix}"
            shutil.copyfile(document, copy)
            command += [str(copy)]
        command += ["--output", str(folder / "out")]
        return self._run(command, folder, document)

    def opc(self, document: Path) -> Run:
        document = document.resolve()
        folder = self._fresh("opc")
        package = folder / valid_name(document.name)
        command = [opc_executable(), "generate", "--path", str(document), "--meta", "none"]
        command += ["--output-path", str(package)]
        return self._run(command, folder, document)

    def prepare_floor(self, document: Path) -> Path | str:
        """The floor's input for `document`, made untimed by our pipeline in a child of its
        own: the folder holding it, or why there is none (gatewaygen refuses the document)."""
        document = document.resolve()
        folder = self._fresh("floor-input")
        name = valid_name(document.name)
        done = subprocess.run(
            [sys.executable, str(FLOOR_SCRIPT), "prepare", str(document), name, str(folder)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or ["no output"]
            return f"preparing its input failed: {lines[-1]}"
        refused: str | None = json.loads(done.stdout.strip().splitlines()[-1])["refused"]
        return refused.splitlines()[0] if refused else folder

    def floor(self, prepared: Path, document: Path) -> Run:
        """datamodel-code-generator alone on the prepared input, in a fresh interpreter."""
        folder = self._fresh("floor")
        for name in ("models_input.json", "models_header.txt"):
            shutil.copyfile(prepared / name, folder / name)
        command = [sys.executable, str(FLOOR_SCRIPT), "alone", str(folder)]
        return self._run(command, folder, document.resolve())

    def _run(self, command: list[str], folder: Path, document: Path) -> Run:
        log = folder / "output.txt"
        env = {**os.environ, "PATH": _path_with_our_scripts()}
        cost = measure(command, folder, log, env)
        # Folders would only make the reasons longer and different from machine to machine.
        output = log.read_text(encoding="utf-8", errors="replace")
        for prefix in (folder, document.parent):
            output = output.replace(f"{prefix}{os.sep}", "")
        return Run(cost.code, output, folder, cost.seconds, cost.largest_mb, cost.tree_mb)


def opc_executable() -> str:
    found = shutil.which("openapi-python-client", path=_path_with_our_scripts())
    if found is None:
        raise SystemExit(
            f"openapi-python-client is not installed: `python -m pip install "
            f"openapi-python-client=={OPC_VERSION}` (nox -s bench does it)"
        )
    return found


def _path_with_our_scripts() -> str:
    """PATH with this interpreter's scripts first (openapi-python-client runs `ruff` from it)."""
    return os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])


def tally_gatewaygen(document: Path, run: Run) -> tuple[Tally, Path | None]:
    """The counts of a gatewaygen run, and the package folder (None when it refused)."""
    operations = document_operations(read_document(document))
    manifests = sorted((run.folder / "out").glob("*/*/_manifest.json"))
    if run.code != 0 or not manifests:
        return _refused(operations, run.output), None
    package = manifests[0].parent
    generated = gatewaygen_endpoints(package)
    reasons = gatewaygen_reasons(run.output, operations)
    missing = left_out(operations, generated, reasons)
    return Tally(len(operations), len(generated), missing), package


def tally_opc(document: Path, run: Run) -> tuple[Tally, Path | None]:
    """The counts of an openapi-python-client run, and its package (None when it refused)."""
    operations = document_operations(read_document(document))
    package = run.folder / valid_name(document.name)
    if run.code != 0 or not package.is_dir():
        return _refused(operations, run.output), None
    generated = opc_endpoints(package)
    missing = left_out(operations, generated, opc_reasons(run.output))
    return Tally(len(operations), len(generated), missing), package


def _refused(operations: Sized, output: str) -> Tally:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    shown = [line for line in lines if not line.startswith("Generating ")][:3]
    return Tally(len(operations), 0, [], refusal=" / ".join(shown) or "no output")


def run_mypy(package: Path) -> int:
    """mypy --strict errors in a package, checked from its parent folder with a cold cache."""
    with tempfile.TemporaryDirectory(prefix="corpus-mypy-") as cache:
        done = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", cache, package.name],
            cwd=package.parent,
            capture_output=True,
            text=True,
        )
    if done.returncode not in (0, 1):  # 2: mypy itself failed, which is not "0 errors"
        raise CountingError(f"mypy could not check {package}: {done.stdout}{done.stderr}")
    return mypy_errors(done.stdout)


def bench_document(
    document: Path, rounds: int, generators: Generators, *, mypy: bool = True
) -> list[Result]:
    """Both tools and the floor on one document, interleaved; the counts come from each tool's
    first run (and the mypy errors of its package, unless `mypy` is False)."""
    makers: list[Callable[[], Run]] = [
        functools.partial(generators.gatewaygen, document),
        functools.partial(generators.opc, document),
    ]
    prepared = generators.prepare_floor(document)
    if isinstance(prepared, Path):
        makers.append(functools.partial(generators.floor, prepared, document))
    runs = interleave(makers, rounds)
    results = []
    tallies = [tally_gatewaygen, tally_opc]
    for tool, tally_of, tool_runs in zip(TOOLS, tallies, runs, strict=False):
        tally, package = tally_of(document, tool_runs[0])
        errors = run_mypy(package) if package is not None and mypy else None
        results.append(Result.of(document.name, tool, tool_runs, tally=tally, mypy=errors))
    if isinstance(prepared, Path):
        floor_runs = runs[2]
        failed = next((r for r in floor_runs if r.code != 0), None)
        refusal = None if failed is None else _refused([], failed.output).refusal
        results.append(Result.of(document.name, FLOOR, floor_runs, refusal=refusal))
    else:
        results.append(Result.of(document.name, FLOOR, [], refusal=prepared))
    return results


README_START = "<!-- corpus-table: written by benchmarks/bench_corpus.py --readme; do not edit -->"
README_END = "<!-- corpus-table end -->"


def replace_table(text: str, measured: str) -> str:
    """`text` (a README) with the block between the markers replaced by `measured`; a README
    without both markers is refused, so that nothing else is ever overwritten."""
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(
            f"the README has no corpus table block: add the lines\n{README_START}\n{README_END}"
        )
    return text[: start + len(README_START)] + "\n\n" + measured + "\n\n" + text[end:]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1 round, and no openai.yaml")
    parser.add_argument("--rounds", type=int, default=3, help="runs per tool and document")
    parser.add_argument(
        "--document",
        action="append",
        metavar="FILE",
        help="only these documents: a file name in the corpus folder, or a path (repeat)",
    )
    parser.add_argument(
        "--no-mypy",
        action="store_true",
        help="do not type-check the packages (time and memory only; much quicker)",
    )
    parser.add_argument(
        "--readme",
        type=Path,
        metavar="FILE",
        help="also write the measurement into FILE, between its corpus-table markers",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=find_corpus(),
        help="the corpus folder (default: %(default)s)",
    )
    return parser.parse_args(argv)


def corpus_documents(corpus: Path | None, names: list[str] | None, quick: bool) -> list[Path]:
    """The documents to measure, as absolute paths (the tools run in folders of their own):
    the named ones (a name in the corpus folder, or a path to any document), else all of the
    folder (all but the big ones when quick)."""
    if corpus is None or not corpus.is_dir():
        raise SystemExit(f"no corpus folder {corpus or 'tests/corpus'}: pass --corpus DIR")
    corpus = corpus.resolve()
    documents = sorted(
        p for p in corpus.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json")
    )
    if names:
        by_name = {p.name: p for p in documents}
        chosen = [by_name.get(name) or _document_path(name) for name in names]
        unknown = [name for name, path in zip(names, chosen, strict=True) if path is None]
        if unknown:
            raise SystemExit(f"not in {corpus} and no such file: {', '.join(unknown)}")
        return [path for path in chosen if path is not None]
    return [p for p in documents if not quick or p.name not in BIG]


def _document_path(name: str) -> Path | None:
    path = Path(name)
    return path.resolve() if path.is_file() else None


def report(documents: list[Path], rounds: int, *, mypy: bool = True) -> CorpusReport:
    """Measure both tools and the floor on every document: the results, and the tables and
    reasons as Markdown (with `mypy` False, the packages are not type-checked: their error
    column shows "-")."""
    opc_executable()  # refuse early, with the install command, when it is missing
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="corpus-bench-") as scratch:
        generators = Generators(Path(scratch))
        for document in documents:
            print(f"{document.name}: {rounds} round(s) per side ...", file=sys.stderr, flush=True)
            results += bench_document(document, rounds, generators, mypy=mypy)
    version = importlib.metadata.version("openapi-python-client")
    pinned = "" if version == OPC_VERSION else f" (NOT the pinned {OPC_VERSION})"
    memory = (
        "memory ratios compare the whole process tree (sampled every 10 ms from /proc)"
        if tree_supported()
        else "memory ratios compare the largest process (no /proc to sample the whole tree: "
        "not Linux)"
    )
    heading = (
        f"gatewaygen vs openapi-python-client {version}{pinned} on the corpus: Python "
        f"{platform.python_version()}, {os.cpu_count()} CPU(s), {rounds} interleaved round(s) "
        f"per side and document; time and memory are medians; {memory}; "
        f"the peer is openapi-python-client" + ("" if mypy else "; mypy not run (--no-mypy)")
    )
    parts = [heading, table(results), ratios(results), conclusions(results), reasons(results)]
    return CorpusReport("\n\n".join(parts), results)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.readme and args.no_mypy:
        raise SystemExit("--readme writes the mypy column too: leave out --no-mypy")
    readme = args.readme.resolve() if args.readme else None
    documents = corpus_documents(args.corpus, args.document, args.quick)
    measured = report(documents, 1 if args.quick else args.rounds, mypy=not args.no_mypy)
    print(measured.text)
    if readme:
        text = readme.read_text(encoding="utf-8")
        readme.write_text(replace_table(text, measured.text), encoding="utf-8")
        print(f"\nwritten into {readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
