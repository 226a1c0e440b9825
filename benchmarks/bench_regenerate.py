"""A no-op `gatewaygen check` (the manifests prove nothing changed) against a full regeneration
of the same packages, both of every spec in specs/ into a scratch copy of generated/.

The check hashes the specs, the generator's files and every generated file, and compares them
with the manifests; the regeneration loads, models, renders, formats and writes every package.
Target: the no-op check costs at most a tenth of the regeneration.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench_common import Row, Section, interleave

from generator.pipeline import check, find_specs, generate

ROOT = Path(__file__).resolve().parent.parent


def run(samples: int) -> Section:
    specs = find_specs(ROOT / "specs")
    with tempfile.TemporaryDirectory(prefix="gatewaygen-bench-") as scratch:
        output = Path(scratch) / "generated"
        shutil.copytree(ROOT / "generated", output)
        generate(specs, output, whole_folder=True)  # current, whatever the checkout held

        def no_op_check() -> float:
            started = time.perf_counter()
            lines = check(specs, output, whole_folder=True)
            elapsed = time.perf_counter() - started
            assert lines == [], lines
            return elapsed

        def regeneration() -> float:
            fresh = Path(scratch) / "fresh"
            shutil.rmtree(fresh, ignore_errors=True)
            started = time.perf_counter()
            generate(specs, fresh, whole_folder=True)
            return time.perf_counter() - started

        checked, regenerated = interleave([no_op_check, regeneration], samples)
    return Section(
        f"gatewaygen check with nothing changed ({len(specs)} specs)",
        "gatewaygen generate of the same specs into an empty folder",
        "ms",
        [Row("no-op check vs full regeneration", checked, regenerated, target=0.1)],
    )
