"""The benchmarks still run (tiny sample counts, no figures judged): a benchmark whose two sides
drift apart fails here, not on the day someone needs its numbers."""

from __future__ import annotations

import subprocess
import sys

from tests.spec_cases import ROOT


def test_the_benchmarks_run_end_to_end_with_tiny_samples() -> None:
    command = [sys.executable, "run.py", "--only", "calls", "--only", "construction"]
    command += ["--only", "regenerate", "--calls", "3", "--call-samples", "1"]
    command += ["--construct-samples", "1", "--constructs", "1", "--regenerate-samples", "1"]
    done = subprocess.run(
        command, cwd=ROOT / "benchmarks", capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "no-op check vs full regeneration" in done.stdout
    assert "evolink create_video_generation (POST)" in done.stdout
