"""What a user waits for before the first answer: `import` + build a client + the first call of
one operation, each in a fresh interpreter, against a floor. The OpenAI-size package is the
subject of the target; the four gateway packages are reported beside it.

    python benchmarks/bench_first_call.py                    # generates tests/corpus/openai.yaml
    python benchmarks/bench_first_call.py --package DIR      # DIR/openai_client, generated earlier
    python benchmarks/bench_first_call.py --runs 5

The floor is `import httpx, pydantic`, as in bench_imports. Each package's child imports the
package, builds a `Client` over an `httpx.MockTransport` (the answer is canned JSON: no network)
and makes one call: OpenAI's `client.models.retrieve_model(model=...)`, each gateway's task
query answered with its spec's documented example. Its clock starts before the import and stops
when the parsed model is back; it also reports which group modules (`resources/_<group>.py`)
and model modules the call imported. One more child, "one pydantic model", is the floor plus a
pydantic model defined and validated: what any pydantic client pays on its first parse, however
small. All children take turns (rotating who goes first each round); a figure "over the floor"
is the median over rounds of (child - floor) within the same round. Wall-clock time is what the
target is about; CPU time is shown too, since it suffers less from a busy machine.

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
from typing import Any

import yaml
from bench_common import GENERATED, ROOT, SPECS, interleave

OPENAI = ROOT / "tests" / "corpus" / "openai.yaml"
TARGET = 0.2  # seconds over the floor, for the OpenAI-size package (issue 14)
WARMUP_ROUNDS = 1

#: A documented OpenAI operation with a small response, so that the figure is the package's
#: cost, not one big model's.
OPENAI_CALL = 'client.models.retrieve_model(model="gpt-4o")'
OPENAI_ANSWER = {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"}

#: Each gateway's task query: (method, argument, path in the spec, documented 200 example).
GATEWAY_CALLS = {
    "evolink": ("get_task", "task_id", "/v1/tasks/{task_id}", "completed_task"),
    "ezlink": ("get_tasks", "task_ids", "/kling/tasks", "succeeded_task"),
    "openroute": (
        "get_text_to_video_task",
        "task_id",
        "/kling/v1/videos/text2video/{task_id}",
        "task_succeeded",
    ),
    "uniall": ("get_video_task", "task_id", "/v1/videos/{task_id}", "completed"),
}

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

_CALL_CODE = """\
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


@dataclass(frozen=True)
class Case:
    """One package's first call: where to import it from, what to call, what comes back."""

    name: str
    package: str
    folder: Path
    call: str
    answer: Any


@dataclass
class Samples:
    """One child's figures, round by round: wall-clock seconds and CPU seconds, and (for a
    package) what its last run printed about the modules the call imported."""

    wall: list[float]
    cpu: list[float]
    printed: list[str]


def _over(subject: list[float], floor: list[float]) -> float:
    """The median of subject - floor, round by round (both ran in the same round)."""
    return statistics.median(s - f for s, f in zip(subject, floor, strict=True))


@dataclass
class FirstCallReport:
    """What one run of this benchmark measured, in seconds."""

    runs: int
    floor: Samples
    pydantic: Samples
    cases: list[tuple[Case, Samples]]  # the OpenAI-size package first
    groups: int  # the group modules the OpenAI-size package has

    @property
    def over_floor(self) -> float:
        """The figure the target is about: the OpenAI-size package's wall-clock seconds over
        the floor."""
        return _over(self.cases[0][1].wall, self.floor.wall)

    @property
    def passed(self) -> bool:
        return self.over_floor <= TARGET

    def lines(self) -> list[str]:
        rows = [("floor `import httpx, pydantic`", self.floor)]
        rows += [("floor + one pydantic model", self.pydantic)]
        rows += [(case.name, samples) for case, samples in self.cases]
        width = max(len(name) for name, _ in rows) + 2
        out = [
            "First call: import + Client + one call over httpx.MockTransport; fresh "
            f"interpreters, {self.runs} interleaved rounds, medians in seconds",
            f"  {'':{width}}{'wall':>7}{'over floor':>12}{'cpu':>8}{'over floor':>12}"
            "  range (wall)",
        ]
        for name, samples in rows:
            out.append(
                f"  {name:{width}}{statistics.median(samples.wall):7.3f}"
                f"{_over(samples.wall, self.floor.wall):12.3f}"
                f"{statistics.median(samples.cpu):8.3f}"
                f"{_over(samples.cpu, self.floor.cpu):12.3f}"
                f"  {min(samples.wall):.3f}-{max(samples.wall):.3f}"
            )
        openai, samples = self.cases[0]
        groups, models, returned = samples.printed
        out += [
            f"  {openai.name}: {openai.call} imported {groups} of {self.groups} group "
            f"modules and {models} model modules, and returned a {returned}",
            f"  target: {openai.name} over the floor (wall) <= {TARGET:g} s: "
            f"{self.over_floor:.3f} s, {'PASS' if self.passed else 'FAIL'}",
        ]
        return out


def gateway_cases() -> list[Case]:
    """Each gateway's task query, answered with its spec's documented example."""
    cases = []
    for provider, (method, argument, path, example) in GATEWAY_CALLS.items():
        spec = yaml.safe_load((SPECS / f"{provider}.yaml").read_text(encoding="utf-8"))
        content = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        cases.append(
            Case(
                name=f"{provider} {method}",
                package=f"{provider}_client",
                folder=GENERATED / provider,
                call=f'client.{method}({argument}="task-1")',
                answer=content["examples"][example]["value"],
            )
        )
    return cases


def _child_env(pycache: str, folders: list[Path]) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONSTARTUP", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    env["PYTHONPATH"] = os.pathsep.join(str(folder) for folder in folders)
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


def _samples(printed: list[list[str]]) -> Samples:
    """The wall and CPU figures a child printed first, round by round, and the rest of what
    it printed the last time."""
    return Samples([float(p[0]) for p in printed], [float(p[1]) for p in printed], printed[-1][2:])


def generate(spec: Path, output: Path) -> Path:
    """Generate `spec` as package `openai_client` under `output`; the folder to import it from."""
    command = [sys.executable, "-m", "generator", "generate", str(spec), "--name", "openai"]
    done = subprocess.run(
        [*command, "--output", str(output)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"gatewaygen generate {spec} failed:\n{done.stdout}{done.stderr}")
    return output / "openai"


def measure(openai_folder: Path, runs: int) -> FirstCallReport:
    """Time the floor, one pydantic model and each case's first call, `runs` rounds each."""
    openai = Case("OpenAI-size package", "openai_client", openai_folder, OPENAI_CALL, OPENAI_ANSWER)
    cases = [openai, *gateway_cases()]
    groups = openai_folder / openai.package / "resources"
    with tempfile.TemporaryDirectory(prefix="gatewaygen-bench-pyc-") as pycache:
        env = _child_env(pycache, [case.folder for case in cases])
        children = [_child(_FLOOR_CODE, env), _child(_PYDANTIC_CODE, env)]
        for case in cases:
            code = _CALL_CODE.format(package=case.package, call=case.call)
            children.append(_child(code, env, json.dumps(case.answer)))
        interleave(children, WARMUP_ROUNDS)
        floor, pydantic, *called = interleave(children, runs)
    return FirstCallReport(
        runs=runs,
        floor=_samples(floor),
        pydantic=_samples(pydantic),
        cases=[(case, _samples(printed)) for case, printed in zip(cases, called, strict=True)],
        groups=len([p for p in groups.glob("_*.py") if p.name != "__init__.py"]),
    )


def _holding_package(folder: Path) -> Path:
    """`folder` if it holds openai_client, or its `openai/` (what `gatewaygen generate --output
    folder` writes); SystemExit naming both otherwise."""
    for candidate in (folder, folder / "openai"):
        if (candidate / "openai_client" / "__init__.py").is_file():
            return candidate
    raise SystemExit(
        f"no openai_client package in {folder} or {folder / 'openai'}: generate one with "
        f"`gatewaygen generate {OPENAI.relative_to(ROOT)} --name openai --output {folder}`"
    )


def run(runs: int, spec: Path = OPENAI, package_folder: Path | None = None) -> FirstCallReport:
    """Generate `spec` (unless a folder holding openai_client is given) and measure."""
    if package_folder is not None:
        return measure(_holding_package(package_folder), runs)
    with tempfile.TemporaryDirectory(prefix="gatewaygen-bench-first-") as scratch:
        return measure(generate(spec, Path(scratch)), runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=11, help="interleaved rounds")
    parser.add_argument("--spec", type=Path, default=OPENAI, help="the document to generate")
    parser.add_argument(
        "--package",
        type=Path,
        help="a folder holding openai_client (or its openai/), generated earlier",
    )
    args = parser.parse_args(argv)
    report = run(args.runs, args.spec, args.package)
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
