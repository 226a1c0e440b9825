"""Stage 6: prove that the new packages work before they replace anything.

Every Python file of every package is compiled (compiling runs nothing), then all packages are
imported, with their models and the modules of their groups of operations, and both clients are
built; all in one fresh interpreter. A package that fails stops generation with the cause; the
output folder is not touched.

The interpreter is started before the packages exist (`Proof`), so that its start and its import
of httpx and pydantic overlap the building; it compiles each file once, into a bytecode folder of
its own (never into the packages), and the imports then read that bytecode instead of compiling
again.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from ..problems import Problem, SpecError

#: How long compiling and importing every package together may take: a bound for a package
#: that hangs on import, not a target. OpenAI's package (80,000 lines of models) took 64 s on a
#: machine loaded nine times over its two cores.
IMPORT_SECONDS = 300.0

# Run in the child with `-I` (no user site, no environment, no current folder on sys.path) and
# `-B` (no bytecode beside the sources). It reads one line, [bytecode folder, jobs], and answers
# with one JSON line: the files that do not compile, or else each package's first import failure.
_CHILD = """
import importlib.util, json, os, py_compile, sys, traceback
from pathlib import Path
import httpx, pydantic  # what every package imports: loaded while the parent still builds
# Also paid once by the first model and the first client of any package: pydantic's schema
# machinery and its plugin lookup, and httpx's client and transport setup. Paid here, the cost
# overlaps the parent's building instead of following it.
class _Warm(pydantic.BaseModel):
    value: int = 0
_Warm.model_validate({"value": 1})
httpx.Client(verify=False).close()
line = sys.stdin.readline()
if not line.strip():
    sys.exit(0)  # the parent had nothing to prove after all
prefix, jobs = json.loads(line)
sys.pycache_prefix = prefix  # the bytecode goes there, and the imports below read it there

def compile_one(path):  # None, or [line, message] of why the file does not compile
    try:
        py_compile.compile(path, doraise=True)
    except py_compile.PyCompileError as exc:
        cause = exc.exc_value
        return [getattr(cause, "lineno", None), str(getattr(cause, "msg", cause))]
    return None

files = [(name, folder, path) for name, folder, _ in jobs
         for path in sorted(Path(folder).rglob("*.py"))]
paths = [str(path) for _, _, path in files]
if len(paths) >= 400 and (os.cpu_count() or 1) > 1 and sys.platform.startswith("linux"):
    # A big package (thousands of model modules) compiles on two processors: the parent only
    # waits meanwhile. Forked workers share the bytecode folder set above.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        outcomes = list(pool.map(compile_one, paths, chunksize=64))
else:
    outcomes = [compile_one(path) for path in paths]
failures = {}
for (name, folder, path), outcome in zip(files, outcomes):
    if outcome is not None:
        failures.setdefault(name, []).append([path.relative_to(folder).as_posix(), *outcome])
if failures:
    print(json.dumps({"compile": failures}))
    sys.exit(0)
report = {}
for name, folder, package in jobs:
    sys.path.insert(0, folder)
    try:
        module = __import__(package)
        models = __import__(package + ".models", fromlist=["*"])
        for model in getattr(models, "__all__", ()):  # a split package imports on first use
            getattr(models, model)
        if importlib.util.find_spec(package + ".resources") is not None:  # namespaces
            resources = __import__(package + ".resources", fromlist=["*"])
            for group in resources.__all__:  # each group's module is imported on first use
                getattr(resources, group)
        # Given HTTP clients that load no CA bundle (the default one takes a while to load, and
        # is the runtime's, the same in every package): the package's own code is what is proven.
        module.Client(
            api_key="proof",
            base_url="https://gateway.invalid",
            http_client=httpx.Client(verify=False),
        )
        module.AsyncClient(
            api_key="proof",
            base_url="https://gateway.invalid",
            http_client=httpx.AsyncClient(verify=False),
        )
    except BaseException as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        inside = [f for f in frames if f.filename.startswith(folder)]
        where = inside[-1] if inside else None
        report[name] = {
            "error": f"{type(exc).__name__}: {exc}",
            "file": where.filename[len(folder) + 1:] if where else None,
            "line": where.lineno if where else None,
        }
    finally:
        sys.path.remove(folder)
print(json.dumps({"import": report}))
"""


class Proof:
    """The proof's interpreter, started now and given the packages later (`prove`); as a
    context manager it is stopped on the way out if it was never used."""

    def __init__(self, *, start: bool = True) -> None:
        self._child: subprocess.Popen[str] | None = None
        self._finished = False  # its output read and its pipes closed
        if start:
            self.start()

    def start(self) -> None:
        """Start the interpreter, if it is not running yet. `generate` starts it once the
        models emitter's interpreter (`emit.emitter_process`) has stopped, so that at most two
        interpreters are resident at once: started beside it, its warming would overlap more
        of the run (about 0.3 s less per small spec) but the peak memory would hold a third
        interpreter (about 40 MB more), which issue 14's measurements weighed against."""
        if self._child is None:
            self._child = subprocess.Popen(
                [sys.executable, "-I", "-B", "-c", _CHILD],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )

    def __enter__(self) -> Proof:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the interpreter if it is still waiting or working (a failed build), and reap
        it; nothing is left running."""
        if self._child is None:
            return
        if self._child.poll() is None:
            self._child.kill()
        if not self._finished:
            self._child.communicate()
            self._finished = True

    def prove(self, tree: Path, packages: Mapping[str, tuple[str, str]]) -> None:
        """Check the packages under `tree` (name -> (import name, spec file as shown)); raise
        `SpecError` naming each package that does not compile or import."""
        jobs = [
            [name, str((tree / name).resolve()), package] for name, (package, _) in packages.items()
        ]
        self.start()
        assert self._child is not None
        with tempfile.TemporaryDirectory(prefix="gatewaygen-proof-") as bytecode:
            try:
                out, err = self._child.communicate(
                    json.dumps([bytecode, jobs]) + "\n", timeout=IMPORT_SECONDS
                )
                self._finished = True
            except subprocess.TimeoutExpired:
                self.close()
                raise SpecError(
                    [
                        Problem(
                            spec,
                            "",
                            f"importing the generated packages took longer than "
                            f"{IMPORT_SECONDS:.0f} s",
                            "report this spec: a generated package must import at once",
                            rule="proof",
                        )
                        for _, spec in packages.values()
                    ]
                ) from None
        _raise_failures(self._child.returncode, out, err, packages)


def prove_packages(
    tree: Path, packages: Mapping[str, tuple[str, str]], proof: Proof | None = None
) -> None:
    """Check the packages under `tree` (see `Proof.prove`) with `proof`, started earlier, or
    with an interpreter started now."""
    if proof is not None:
        proof.prove(tree, packages)
        return
    with Proof() as started:
        started.prove(tree, packages)


def _raise_failures(
    code: int | None, out: str, err: str, packages: Mapping[str, tuple[str, str]]
) -> None:
    try:
        report = json.loads(out.strip().splitlines()[-1]) if out.strip() else None
    except ValueError:
        report = None
    if code != 0 or not isinstance(report, dict):
        last = (err.strip().splitlines() or ["no output"])[-1]
        raise SpecError(
            [
                Problem(
                    spec,
                    "",
                    f"the generated packages could not be imported: {last}",
                    "report this spec: the generator wrote a package that does not work",
                    rule="proof",
                )
                for _, spec in packages.values()
            ]
        )
    problems: list[Problem] = []
    for name, files in (report.get("compile") or {}).items():
        for relative, line, message in files:
            at = f", line {line}" if line else ""
            problems.append(
                Problem(
                    packages[name][1],
                    "",
                    f"the generated {relative} does not compile{at}: {_short(message)}",
                    "a name or value in the spec cannot be written as Python; rename it in the "
                    "spec (or report the spec if nothing in it explains the error)",
                    rule="proof",
                )
            )
    for name, failure in (report.get("import") or {}).items():
        where = f" ({failure['file']}, line {failure['line']})" if failure["file"] else ""
        problems.append(
            Problem(
                packages[name][1],
                "",
                f"the generated package does not import{where}: {_short(failure['error'])}",
                "a name or value in the spec collides with the client's own; rename it in the "
                "spec (or report the spec if nothing in it explains the error)",
                rule="proof",
            )
        )
    if problems:
        raise SpecError(problems)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297] + "..."
