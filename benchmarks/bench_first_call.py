"""What a user of the OpenAI-size package waits for before the first answer: `import` + build a
client + the first call of one operation, each in a fresh interpreter, against a floor.

    python benchmarks/bench_first_call.py                    # generates tests/corpus/openai.yaml
    python benchmarks/bench_first_call.py --package DIR      # a package generated earlier
    python benchmarks/bench_first_call.py --runs 5

The floor is `import httpx, pydantic`, as in bench_imports. The subject child imports the
package, builds a `Client` over an `httpx.MockTransport` (the answer is canned JSON: no network)
and calls `client.models.retrieve_model(model=...)`; its clock starts before the import and
stops when the parsed model is back, and it reports which of the package's group modules
(`resources/_<group>.py`) and model modules it imported. A third child, "pydantic's share",
is the floor plus one pydantic model defined and validated: what any pydantic client pays
on its first parse, whatever its size. The three take turns (A, B, C, B, C, A, ...), and
the figure is the median over rounds of (subject - floor) within each round.

Byte code is written to a temporary PYTHONPYCACHEPREFIX after a warm-up round, as an installed
package has its .pyc files (see bench_imports).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_common import ROOT, interleave

OPENAI = ROOT / "tests" / "corpus" / "openai.yaml"
TARGET = 0.2  # seconds over the floor (issue 14)
WARMUP_ROUNDS = 1

#: The call and its canned answer: a documented OpenAI operation whose response is small, so
#: that the figure is the package's cost, not one big model's.
CALL = 'client.models.retrieve_model(model="gpt-4o")'
ANSWER = {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"}

_FLOOR_CODE = """\
import time
t, cpu = time.perf_counter(), time.process_time()
import httpx, pydantic
print(time.perf_counter() - t, time.process_time() - cpu)
"""

_PYDANTIC_CODE = """\
import time
t, cpu = time.perf_counter(), time.process_time()
import httpx, pydantic
class Answer(pydantic.BaseModel):
    id: str
    created: int
Answer.model_validate({"id": "gpt-4o", "created": 1})
print(time.perf_counter() - t, time.process_time() - cpu)
"""

_SUBJECT_CODE = """\
import sys, time
t, cpu = time.perf_counter(), time.process_time()
import {package}
import httpx

body = sys.argv[1].encode("utf-8")

def answer(request):
    return httpx.Response(200, content=body, headers={{"Content-Type": "application/json"}})

http = httpx.Client(transport=httpx.MockTransport(answer))
client = {package}.Client(api_key="sk-bench", base_url="https://api.example.test", http_client=http)
result = {call}
elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
groups = [m for m in sys.modules if m.startswith("{package}.resources._")]
models = [m for m in sys.modules if m.startswith("{package}.models._")]
print(elapsed, cpu, len(groups), len(models), type(result).__name__)
"""


@dataclass
class Samples:
    """One child's figures, round by round: wall-clock seconds and CPU seconds."""

    wall: list[float]
    cpu: list[float]


def _over(subject: list[float], floor: list[float]) -> float:
    """The median of subject - floor, round by round (both ran in the same round)."""
    return statistics.median(s - f for s, f in zip(subject, floor, strict=True))


def _spread(values: list[float]) -> str:
    return f"{min(values):.3f}-{max(values):.3f}"


@dataclass
class FirstCallReport:
    """What one run of this benchmark measured, in seconds."""

    package: str
    runs: int
    floor: Samples
    pydantic: Samples
    subject: Samples
    groups_imported: int  # group modules (resources/_<group>.py) the call imported
    groups: int  # group modules the package has
    models_imported: int
    result_type: str

    @property
    def over_floor(self) -> float:
        """The figure the target is about: wall-clock seconds over the floor."""
        return _over(self.subject.wall, self.floor.wall)

    @property
    def passed(self) -> bool:
        return self.over_floor <= TARGET

    def lines(self) -> list[str]:
        rows = [
            ("floor `import httpx, pydantic`", self.floor),
            ("floor + one pydantic model", self.pydantic),
            ("package: import + client + call", self.subject),
        ]
        out = [
            f"First call, OpenAI-size package ({self.package}): import + Client + {CALL}; "
            f"fresh interpreters, {self.runs} interleaved rounds, medians in seconds",
            f"  {'':34}{'wall':>7}{'over floor':>12}{'cpu':>8}{'over floor':>12}  range (wall)",
        ]
        for name, samples in rows:
            out.append(
                f"  {name:34}{statistics.median(samples.wall):7.3f}"
                f"{_over(samples.wall, self.floor.wall):12.3f}"
                f"{statistics.median(samples.cpu):8.3f}"
                f"{_over(samples.cpu, self.floor.cpu):12.3f}  {_spread(samples.wall)}"
            )
        out += [
            f"  target: package over the floor (wall) <= {TARGET:g} s: "
            f"{self.over_floor:.3f} s, {'PASS' if self.passed else 'FAIL'}",
            f"  the call imported {self.groups_imported} of {self.groups} group modules and "
            f"{self.models_imported} model modules, and returned a {self.result_type}",
        ]
        return out


def _child_env(pycache: str, folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONSTARTUP", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    env["PYTHONPATH"] = str(folder)
    return env


def _child(code: str, env: dict[str, str], *args: str) -> Callable[[], list[str]]:
    def run() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"A child interpreter failed running:\n{code}\n{done.stderr}")
        return done.stdout.split()

    return run


def generate(spec: Path, output: Path) -> Path:
    """Generate `spec` as package `openai_client` under `output`; the folder to import it from."""
    command = [sys.executable, "-m", "generator", "generate", str(spec), "--name", "openai"]
    done = subprocess.run(
        [*command, "--output", str(output)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"gatewaygen generate {spec} failed:\n{done.stdout}{done.stderr}")
    return output / "openai"


def measure(folder: Path, runs: int, package: str = "openai_client") -> FirstCallReport:
    """Time the floor, pydantic's share and the package's first call, `runs` rounds each."""
    code = _SUBJECT_CODE.format(package=package, call=CALL)
    with tempfile.TemporaryDirectory(prefix="gatewaygen-bench-pyc-") as pycache:
        env = _child_env(pycache, folder)
        children = [
            _child(_FLOOR_CODE, env),
            _child(_PYDANTIC_CODE, env),
            _child(code, env, json.dumps(ANSWER)),
        ]
        interleave(children, WARMUP_ROUNDS)
        floor, pydantic, subject = interleave(children, runs)
    last = subject[-1]
    groups = folder / package / "resources"
    return FirstCallReport(
        package=package,
        runs=runs,
        floor=_samples(floor),
        pydantic=_samples(pydantic),
        subject=_samples(subject),
        groups_imported=int(last[2]),
        groups=len([p for p in groups.glob("_*.py") if p.name != "__init__.py"]),
        models_imported=int(last[3]),
        result_type=last[4],
    )


def _samples(printed: list[list[str]]) -> Samples:
    """The wall and CPU figures a child printed first, round by round."""
    return Samples([float(p[0]) for p in printed], [float(p[1]) for p in printed])


def run(runs: int, spec: Path = OPENAI, package_folder: Path | None = None) -> FirstCallReport:
    """Generate `spec` (unless a generated folder is given) and measure its first call."""
    if package_folder is not None:
        return measure(package_folder, runs)
    with tempfile.TemporaryDirectory(prefix="gatewaygen-bench-first-") as scratch:
        return measure(generate(spec, Path(scratch)), runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=11, help="interleaved rounds")
    parser.add_argument("--spec", type=Path, default=OPENAI, help="the document to generate")
    parser.add_argument(
        "--package", type=Path, help="a folder holding openai_client, generated earlier"
    )
    args = parser.parse_args(argv)
    report = run(args.runs, args.spec, args.package)
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
