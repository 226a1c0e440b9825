"""The benchmarks still run (tiny sample counts, no figures judged): a benchmark whose two sides
drift apart fails here, not on the day someone needs its numbers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def _openai_shaped_spec() -> str:
    """A small API grouped into namespaces, with OpenAI's `GET /models/{model}` (the operation
    the first-call benchmark calls): it generates in seconds, where openai.yaml takes minutes."""
    model = "{$ref: '#/components/schemas/Model'}"
    answer = f"{{'200': {{description: ok, content: {{application/json: {{schema: {model}}}}}}}}}"
    lines = ["openapi: 3.1.0", 'info: {title: Shaped, version: "1"}', "paths:"]
    lines += [
        "  /models/{model}:",
        "    get:",
        "      operationId: retrieveModel",
        "      tags: [Models]",
        "      parameters: [{name: model, in: path, required: true, schema: {type: string}}]",
        f"      responses: {answer}",
    ]
    for n in range(41):
        lines += [f"  /files/{n}:", "    get:", f"      operationId: getFile{n}"]
        lines += ["      tags: [Files]", f"      responses: {answer}"]
    lines += [
        "components:",
        "  schemas:",
        "    Model:",
        "      type: object",
        "      required: [id, object, created, owned_by]",
        "      properties:",
        "        id: {type: string}",
        "        object: {type: string, enum: [model]}",
        "        created: {type: integer}",
        "        owned_by: {type: string}",
    ]
    return "\n".join(lines) + "\n"


def test_the_first_call_benchmark_runs_with_tiny_samples(tmp_path: Path) -> None:
    spec = tmp_path / "shaped.yaml"
    spec.write_text(_openai_shaped_spec(), encoding="utf-8")
    command = [sys.executable, "run.py", "--only", "first_call", "--first-call-runs", "1"]
    command += ["--first-call-spec", str(spec)]
    done = subprocess.run(
        command, cwd=ROOT / "benchmarks", capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "First call: import + Client + one call" in done.stdout
    # The call reached its group's module alone, and parsed the canned answer.
    assert "imported 1 of 2 group modules and 0 model modules, and returned a Model" in done.stdout
    assert "target: OpenAI-size package over the floor (wall) <= 0.2 s" in done.stdout
    for row in ("evolink get_task", "ezlink get_tasks", "openroute get_text_to_video_task"):
        assert f"  {row} " in done.stdout, row
