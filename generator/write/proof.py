"""Stage 6: prove that the new packages work before they replace anything.

Every Python file of every package is compiled (compiling runs nothing), then all packages are
imported in one fresh interpreter, with their models and the modules of their groups of
operations, and both clients are built. A package that fails stops generation with the cause;
the output folder is not touched.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from ..problems import Problem, SpecError

#: How long the import of every package together may take.
IMPORT_SECONDS = 60.0

# Run in the child with `-I` (no user site, no environment, no current folder on sys.path):
# each package is imported from its own folder and reports its first failure.
_CHILD = """
import importlib.util, json, sys, traceback
report = {}
for name, folder, package in json.loads(sys.argv[1]):
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
        module.Client(api_key="proof", base_url="https://gateway.invalid")
        module.AsyncClient(api_key="proof", base_url="https://gateway.invalid")
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
print(json.dumps(report))
"""


def prove_packages(tree: Path, packages: Mapping[str, tuple[str, str]]) -> None:
    """Check the packages under `tree` (name -> (import name, spec file as shown)); raise
    `SpecError` naming each package that does not compile or import."""
    problems: list[Problem] = []
    for name, (_, spec_file) in packages.items():
        problems += _compile_problems(tree / name, spec_file)
    if problems:
        raise SpecError(problems)
    jobs = [
        [name, str((tree / name).resolve()), package] for name, (package, _) in packages.items()
    ]
    try:
        done = subprocess.run(  # -B: no __pycache__ left in the new packages
            [sys.executable, "-I", "-B", "-c", _CHILD, json.dumps(jobs)],
            capture_output=True,
            text=True,
            timeout=IMPORT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SpecError(
            [
                Problem(
                    spec,
                    "",
                    f"importing the generated packages took longer than {IMPORT_SECONDS:.0f} s",
                    "report this spec: a generated package must import at once",
                    rule="proof",
                )
                for _, spec in packages.values()
            ]
        ) from None
    try:
        report = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None
    except ValueError:
        report = None
    if done.returncode != 0 or not isinstance(report, dict):
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
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
    for name, failure in report.items():
        spec = packages[name][1]
        where = f" ({failure['file']}, line {failure['line']})" if failure["file"] else ""
        problems.append(
            Problem(
                spec,
                "",
                f"the generated package does not import{where}: {_short(failure['error'])}",
                "a name or value in the spec collides with the client's own; rename it in the "
                "spec (or report the spec if nothing in it explains the error)",
                rule="proof",
            )
        )
    if problems:
        raise SpecError(problems)


def _compile_problems(folder: Path, spec_file: str) -> list[Problem]:
    problems = []
    for path in sorted(folder.rglob("*.py")):
        try:
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as exc:
            line = getattr(exc, "lineno", None)
            at = f", line {line}" if line else ""
            problems.append(
                Problem(
                    spec_file,
                    "",
                    f"the generated {path.relative_to(folder).as_posix()} does not compile"
                    f"{at}: {_short(str(getattr(exc, 'msg', exc)))}",
                    "a name or value in the spec cannot be written as Python; rename it in the "
                    "spec (or report the spec if nothing in it explains the error)",
                    rule="proof",
                )
            )
    return problems


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297] + "..."
