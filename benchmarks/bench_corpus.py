"""gatewaygen next to openapi-python-client on the real documents of tests/corpus/ (copied
byte for byte from ../shared/corpus/).

    python benchmarks/bench_corpus.py             # 3 interleaved rounds per document
    python benchmarks/bench_corpus.py --quick     # 1 round, and no openai.yaml (about a minute)
    python benchmarks/bench_corpus.py --document petstore_3.0.yaml --rounds 5
    python benchmarks/bench_corpus.py --corpus specs --no-mypy   # the gateway specs, cost only

For each document, as published, and each tool: the operations the document declares, the
methods generated, the operations left out (each with the tool's reason, or "no warning names
it"), the mypy --strict errors of the package, and the generation's wall time and peak memory
(medians). A tool that refuses the document counts 0 methods, with its reason shown. Every run
is a fresh process measured by a fresh parent, so `RUSAGE_CHILDREN` holds that run alone; the
tools take turns (A, B, B, A, ...). Counting is in `corpus_counting.py`.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sized
from dataclasses import dataclass
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

OPC_VERSION = "0.29.1"  # the version ../shared/corpus/README.md measured; nox -s bench installs it
TOOLS = ("gatewaygen", "openapi-python-client")
BIG = ("openai.yaml",)  # left out by --quick
SILENT = "no warning names it"

# The measuring parent: runs the command once and reports its wall time and the peak RSS of
# the largest process under it. A fresh parent per run, so no earlier child counts.
_MEASURE = """
import json, resource, subprocess, sys, time
command, cwd, log = json.loads(sys.argv[1])
started = time.perf_counter()
with open(log, "wb") as out:
    code = subprocess.call(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "seconds": seconds, "peak": peak}))
"""


@dataclass(frozen=True)
class Run:
    """One timed generation: the tool's exit code and output, where it wrote, and its cost."""

    code: int
    output: str
    folder: Path
    seconds: float
    peak_mb: float


@dataclass
class Result:
    """One tool on one document: the counts (from its first run) and every run's cost."""

    document: str
    tool: str
    tally: Tally
    mypy: int | None  # None: no package to check
    seconds: list[float]
    peak_mb: list[float]


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


def measure(command: list[str], cwd: Path, log: Path) -> tuple[int, float, float]:
    """Exit code, wall seconds and peak memory (MB) of `command`, run by a fresh parent."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, json.dumps([command, str(cwd), str(log)])],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PATH": _path_with_our_scripts()},
    )
    report = json.loads(done.stdout)
    unit = 1024 * 1024 if platform.system() == "Darwin" else 1024  # ru_maxrss: bytes or KiB
    return report["code"], report["seconds"], report["peak"] * unit / 1e6


class Generators:
    """How each tool is called on a document, into a fresh folder every time."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
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
        folder = self._fresh("opc")
        package = folder / valid_name(document.name)
        command = [opc_executable(), "generate", "--path", str(document), "--meta", "none"]
        command += ["--output-path", str(package)]
        return self._run(command, folder, document)

    def _run(self, command: list[str], folder: Path, document: Path) -> Run:
        log = folder / "output.txt"
        code, seconds, peak = measure(command, folder, log)
        # Folders would only make the reasons longer and different from machine to machine.
        output = log.read_text(encoding="utf-8", errors="replace")
        for prefix in (folder, document.parent):
            output = output.replace(f"{prefix}{os.sep}", "")
        return Run(code, output, folder, seconds, peak)


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
    """Both tools on one document, interleaved; the counts come from each tool's first run
    (and the mypy errors of its package, unless `mypy` is False)."""
    makers: list[Callable[[Path], Run]] = [generators.gatewaygen, generators.opc]
    tallies = [tally_gatewaygen, tally_opc]
    runs = interleave([functools.partial(maker, document) for maker in makers], rounds)
    results = []
    for tool, tally_of, tool_runs in zip(TOOLS, tallies, runs, strict=True):
        tally, package = tally_of(document, tool_runs[0])
        errors = run_mypy(package) if package is not None and mypy else None
        results.append(
            Result(
                document.name,
                tool,
                tally,
                errors,
                [r.seconds for r in tool_runs],
                [r.peak_mb for r in tool_runs],
            )
        )
    return results


def table(results: list[Result]) -> str:
    """The Markdown table: one row per document and tool."""
    lines = [
        "| document | tool | operations | methods | left out | of which silent | "
        "mypy --strict errors | time (s) | peak memory (MB) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        t = r.tally
        left, silent = ("refused", "-") if t.refusal else (str(len(t.left_out)), str(t.silent))
        errors = "-" if r.mypy is None else str(r.mypy)
        lines.append(
            f"| `{r.document}` | {r.tool} | {t.operations} | {t.methods} | {left} | {silent} "
            f"| {errors} | {statistics.median(r.seconds):.2f} "
            f"| {statistics.median(r.peak_mb):.0f} |"
        )
    return "\n".join(lines)


def ratios(results: list[Result]) -> str:
    """gatewaygen / openapi-python-client per document: methods, time and memory (the last two
    only where both tools made a package)."""
    lines = [
        "| document | methods (ours / theirs) | time ratio | memory ratio |",
        "|---|---:|---:|---:|",
    ]
    by_document: dict[str, dict[str, Result]] = {}
    for r in results:
        by_document.setdefault(r.document, {})[r.tool] = r
    for name, pair in by_document.items():
        ours, theirs = pair[TOOLS[0]], pair[TOOLS[1]]
        methods = f"{ours.tally.methods} / {theirs.tally.methods}"
        if ours.tally.refusal or theirs.tally.refusal:  # a refusal's cost compares nothing
            lines.append(f"| `{name}` | {methods} | - | - |")
            continue
        time = statistics.median(ours.seconds) / statistics.median(theirs.seconds)
        memory = statistics.median(ours.peak_mb) / statistics.median(theirs.peak_mb)
        lines.append(f"| `{name}` | {methods} | {time:.2f}x | {memory:.2f}x |")
    return "\n".join(lines)


def reasons(results: list[Result]) -> str:
    """What each tool left out and why, identical reasons counted together."""
    lines = []
    for r in results:
        if r.tally.refusal:
            lines.append(f"- `{r.document}`, {r.tool}: refused: {r.tally.refusal}")
            continue
        counted = Counter(why or SILENT for _, why in r.tally.left_out)
        for reason, count in counted.most_common():
            examples = [op.label for op, why in r.tally.left_out if (why or SILENT) == reason]
            named = ", ".join(examples[:3]) + (", ..." if len(examples) > 3 else "")
            lines.append(f"- `{r.document}`, {r.tool}: {count} left out ({named}): {reason}")
    return "\n".join(lines) or "- nothing left out"


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
        "--document", action="append", metavar="FILE", help="only these corpus files (repeat)"
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
    """The documents to measure: the named ones, else all (all but the big ones when quick)."""
    if corpus is None or not corpus.is_dir():
        raise SystemExit(f"no corpus folder {corpus or 'tests/corpus'}: pass --corpus DIR")
    documents = sorted(
        p for p in corpus.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json")
    )
    if names:
        unknown = set(names) - {p.name for p in documents}
        if unknown:
            raise SystemExit(f"not in {corpus}: {', '.join(sorted(unknown))}")
        return [p for p in documents if p.name in names]
    return [p for p in documents if not quick or p.name not in BIG]


def report(documents: list[Path], rounds: int, *, mypy: bool = True) -> str:
    """Measure both tools on every document; the tables and the reasons, as Markdown (with
    `mypy` False, the packages are not type-checked: their error column shows "-")."""
    opc_executable()  # refuse early, with the install command, when it is missing
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="corpus-bench-") as scratch:
        generators = Generators(Path(scratch))
        for document in documents:
            print(f"{document.name}: {rounds} round(s) per tool ...", file=sys.stderr, flush=True)
            results += bench_document(document, rounds, generators, mypy=mypy)
    version = importlib.metadata.version("openapi-python-client")
    pinned = "" if version == OPC_VERSION else f" (NOT the pinned {OPC_VERSION})"
    heading = (
        f"gatewaygen vs openapi-python-client {version}{pinned} on the corpus: Python "
        f"{platform.python_version()}, {os.cpu_count()} CPU(s), {rounds} interleaved round(s) "
        "per tool and document; time and memory are medians; peak memory is the largest "
        "process of the run's tree" + ("" if mypy else "; mypy not run (--no-mypy)")
    )
    return "\n\n".join([heading, table(results), ratios(results), reasons(results)])


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.readme and args.no_mypy:
        raise SystemExit("--readme writes the mypy column too: leave out --no-mypy")
    documents = corpus_documents(args.corpus, args.document, args.quick)
    measured = report(documents, 1 if args.quick else args.rounds, mypy=not args.no_mypy)
    print(measured)
    if args.readme:
        text = args.readme.read_text(encoding="utf-8")
        args.readme.write_text(replace_table(text, measured), encoding="utf-8")
        print(f"\nwritten into {args.readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
