"""The benchmarks still run (tiny sample counts, no figures judged): a benchmark whose two sides
drift apart fails here, not on the day someone needs its numbers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

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


# The corpus comparison's measurement (benchmarks/corpus_*.py): what it counts, not how fast.

sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_corpus  # noqa: E402  (found through the path above, as run.py finds its siblings)
import corpus_floor  # noqa: E402
import corpus_measure  # noqa: E402
import corpus_tables  # noqa: E402
from corpus_counting import Tally  # noqa: E402

needs_proc = pytest.mark.skipif(
    not corpus_measure.tree_supported(), reason="the whole-tree figure is sampled from /proc"
)

# A child holding 200 MB while its own child (the grandchild) holds another 200 MB: the largest
# single process holds about 200 MB, the tree about 400 MB at once. The grandchild's allocation
# lives inside the child's (the child allocates before the grandchild has even started, and
# waits for it), so the two overlap whatever the machine's load.
_GRANDCHILD = "import time; held = bytearray(200_000_000); time.sleep(1.0)"
_CHILD = (
    "import subprocess, sys\n"
    f"grandchild = subprocess.Popen([sys.executable, '-c', {_GRANDCHILD!r}])\n"
    "held = bytearray(200_000_000)\n"
    "sys.exit(grandchild.wait())\n"
)


@needs_proc
def test_the_tree_figure_counts_a_grandchild_running_beside_its_parent(tmp_path: Path) -> None:
    cost = corpus_measure.measure([sys.executable, "-c", _CHILD], tmp_path, tmp_path / "log")
    assert cost.code == 0, (tmp_path / "log").read_text()
    assert 200 <= cost.largest_mb < 300  # one process's 200 MB, never the sum
    assert cost.tree_mb is not None and cost.tree_mb >= 390  # both at once
    alone = corpus_measure.measure(
        [sys.executable, "-c", "held = bytearray(100_000_000)"], tmp_path, tmp_path / "log"
    )
    # No child: the tree is that one process, and never below its exact peak.
    assert alone.tree_mb is not None and alone.largest_mb <= alone.tree_mb < alone.largest_mb + 50


@needs_proc
def test_children_are_found_by_either_walk(tmp_path: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert sleeper.pid in corpus_measure.descendants(os.getpid())
        assert sleeper.pid in corpus_measure._children_by_parent(os.getpid())
        assert corpus_measure.tree_rss(sleeper.pid) > 1_000_000
    finally:
        sleeper.kill()
        sleeper.wait()


def test_relative_corpus_and_document_paths_become_absolute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    documents = bench_corpus.corpus_documents(Path("specs"), None, quick=False)
    assert [p.name for p in documents] == sorted(p.name for p in (ROOT / "specs").glob("*.yaml"))
    assert all(p.is_absolute() and p.is_file() for p in documents)
    named = bench_corpus.corpus_documents(
        Path("specs"), ["evolink.yaml", "tests/corpus/petstore_3.0.yaml"], quick=False
    )
    assert named == [ROOT / "specs" / "evolink.yaml", ROOT / "tests/corpus/petstore_3.0.yaml"]
    with pytest.raises(SystemExit, match=r"no such file: nothing\.yaml"):
        bench_corpus.corpus_documents(Path("specs"), ["nothing.yaml"], quick=False)


@pytest.mark.slow
def test_a_relative_corpus_folder_is_measured_not_refused() -> None:
    """From the repository's root, `--corpus specs` used to hand the tools `specs/x.yaml`,
    which they could not find from the folders they run in."""
    command = [sys.executable, "benchmarks/bench_corpus.py", "--corpus", "specs"]
    command += ["--document", "evolink.yaml", "--no-mypy", "--rounds", "1"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "refused" not in done.stdout, done.stdout
    assert "| `evolink.yaml` | gatewaygen | 2 | 2 | 0 | 0 | - |" in done.stdout
    assert "| `evolink.yaml` | floor: dcg alone | - | - | - | - | - |" in done.stdout
    assert re.search(r"^- `evolink.yaml`: time: .*; memory: ", done.stdout, re.MULTILINE)


def test_the_floor_is_given_exactly_what_the_emitter_gives_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The prepared input is the emitter's, and the timed child imports nothing of our
    pipeline beyond the emitter's argument list."""
    from generator.emit import models
    from generator.emit.model_arguments import generate_input
    from generator.emit.render import header
    from tests.spec_cases import provider

    spec = ROOT / "specs" / "evolink.yaml"
    assert corpus_floor.prepare(spec, "evolink", tmp_path) is None
    given: list[tuple[str, str]] = []
    real = models._generate

    def recording(document: dict[str, Any], header_line: str) -> object:
        given.append((generate_input(document), header_line))
        return real(document, header_line)

    monkeypatch.setattr(models, "_generate", recording)
    evolink = provider("evolink")
    models.render_models(evolink, header(evolink))
    assert given == [
        (
            (tmp_path / corpus_floor.INPUT).read_text(encoding="utf-8"),
            (tmp_path / corpus_floor.HEADER).read_text(encoding="utf-8"),
        )
    ]

    script = ROOT / "benchmarks" / "corpus_floor.py"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(script), "alone", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    ours = {name for name in imported if name.split(".")[0] == "generator"}
    assert ours == {"generator", "generator.emit", "generator.emit.model_arguments"}
    assert "datamodel_code_generator" in imported
    assert "class TaskInfo(BaseModel):" in (tmp_path / corpus_floor.OUTPUT).read_text()


def _result(tool: str, seconds: float, tree_mb: float, *, refused: bool = False) -> Any:
    tally = None
    if tool != corpus_tables.FLOOR:
        tally = Tally(1, 0 if refused else 1, refusal="no" if refused else None)
    run = corpus_tables.Run(0, "", Path("."), seconds, tree_mb - 10, tree_mb)
    return corpus_tables.Result.of("d.yaml", tool, [run], tally=tally)


def test_the_conclusion_and_the_targets_follow_the_figures() -> None:
    peer = _result("openapi-python-client", 2.0, 100)
    out_of_reach = [_result("gatewaygen", 4.0, 200), peer, _result(corpus_tables.FLOOR, 1.4, 60)]
    line = corpus_tables.conclusions(out_of_reach)
    assert "time: datamodel-code-generator alone takes 0.70x the peer's whole run: <= 0.5x is " in (
        line
    )
    assert "memory: dcg alone takes 0.60x the peer's run, so <= 1.0x is within reach if the " in (
        line
    )
    assert "(140.0 MB beyond dcg alone) falls to 40.0 MB" in line
    assert corpus_tables.targets(out_of_reach, {"d.yaml"}) == [
        ("corpus d.yaml: time <= 0.5x the peer's", False),
        ("corpus d.yaml: memory <= 1.0x the peer's", False),
    ]
    assert corpus_tables.targets(out_of_reach, {"other.yaml"}) == []
    met = [_result("gatewaygen", 0.9, 90), peer, _result(corpus_tables.FLOOR, 0.5, 50)]
    assert "time: met (0.45x <= 0.5x); memory: met (0.90x <= 1.0x)" in (
        corpus_tables.conclusions(met)
    )
    assert all(passed for _, passed in corpus_tables.targets(met, {"d.yaml"}))
    ratios = corpus_tables.ratios(out_of_reach)
    assert "| `d.yaml` | 1 / 1 | 2.00x | 0.70x | 2.00x | 0.60x |" in ratios
    ours_refused = [_result("gatewaygen", 1.0, 50, refused=True), peer]
    assert not any(passed for _, passed in corpus_tables.targets(ours_refused, {"d.yaml"}))
