"""Import time of each generated package, each run in a fresh interpreter, against a floor.

The floor is `import httpx, pydantic`: what any httpx + pydantic client has to import. A child
for a package times `import <p>_client` and then `<p>_client.models` (the models load lazily, on
the first call), and reports both the import and "import + first use" from the same clock
start. The clock runs inside the child (`time.perf_counter()` around the statements), so
interpreter start-up is not part of any figure.

Byte code: this environment may set PYTHONDONTWRITEBYTECODE, which would make every child
compile the generated packages from source (an installed package has its .pyc files, and so
do httpx and pydantic). The children therefore run with byte code writing on, into a
temporary PYTHONPYCACHEPREFIX (nothing is written under generated/), after a warm-up round
that fills it; the floor's modules get their .pyc files there too, so both sides load alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable

from bench_common import Row, Section, interleave, package_dirs, providers

FLOOR = "import httpx, pydantic"
_FLOOR_CODE = f"""\
import time
t = time.perf_counter()
{FLOOR}
print(time.perf_counter() - t)
"""
_PACKAGE_CODE = """\
import time
t = time.perf_counter()
import {package}
imported = time.perf_counter()
{package}.models
used = time.perf_counter()
print(imported - t, used - t)
"""
WARMUP_ROUNDS = 1


def _child_env(pycache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONSTARTUP", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    env["PYTHONPATH"] = os.pathsep.join(package_dirs())  # the same path for every child
    return env


def _child(code: str, env: dict[str, str]) -> Callable[[], list[float]]:
    def run() -> list[float]:
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"A child interpreter failed running:\n{code}\n{done.stderr}")
        return [float(figure) for figure in done.stdout.split()]

    return run


def run(runs: int) -> Section:
    """Time the floor, and each package's import and import + models, `runs` times each."""
    packages = [f"{name}_client" for name in providers()]
    with tempfile.TemporaryDirectory(prefix="gatewaygen-bench-pyc-") as pycache:
        env = _child_env(pycache)
        children = [_child(_FLOOR_CODE, env)]
        children += [_child(_PACKAGE_CODE.format(package=package), env) for package in packages]
        interleave(children, WARMUP_ROUNDS)  # writes the .pyc files, warms the file cache
        samples = interleave(children, runs)
    floor = [figures[0] for figures in samples[0]]
    rows: list[Row] = []
    for package, figures in zip(packages, samples[1:], strict=True):
        imported = [pair[0] for pair in figures]
        used = [pair[1] for pair in figures]
        rows.append(Row(f"import {package}", imported, floor, target=1.2))
        rows.append(Row(f"import {package} + first use (.models)", used, floor))
    return Section(
        f"Import time, fresh interpreter, {runs} interleaved runs per item",
        f"`{FLOOR}`",
        "ms",
        rows,
    )
