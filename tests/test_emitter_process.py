"""datamodel-code-generator in its own interpreter (generator/emit/emitter_process.py): the same
models as in-process, the same refusals, nothing imported from the current folder, and nothing
left running whatever happens."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator.emit import models
from generator.emit.emitter_process import EmitterFailed, EmitterProcess
from generator.emit.model_arguments import generate_input
from generator.load.loader import load_spec
from generator.model.ir import build_provider
from generator.model.model_shapes import model_schemas
from generator.pipeline import generate
from generator.problems import SpecError
from tests.spec_cases import ROOT

SPECS = sorted((ROOT / "specs").glob("*.yaml"))

#: Text the library refuses (a list where an OpenAPI document must be a mapping).
REFUSED = "[1, 2]"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is not running: it is only waiting to be reaped.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_its_models_are_the_bytes_written_in_process(spec: Path) -> None:
    provider = build_provider(load_spec(spec))
    here = models.render_models(provider, "# header")
    with EmitterProcess() as emitter:
        there = models.finish_models(models.start_models(provider, "# header", emitter))
    assert there == here


def test_it_refuses_what_the_library_refuses_in_the_same_words() -> None:
    text = REFUSED
    with pytest.raises(Exception) as in_process:
        models._generate(text, "# h")
    with EmitterProcess() as emitter, pytest.raises(EmitterFailed) as there:
        emitter.result(emitter.submit(text, "# h"))
    assert str(there.value) == str(in_process.value)


def test_answers_go_to_their_own_jobs_in_any_order() -> None:
    provider = build_provider(load_spec(SPECS[0]))
    document = generate_input(models.models_document(provider, model_schemas(provider)))
    with EmitterProcess() as emitter:
        refused = emitter.submit(REFUSED, "# first")
        written = emitter.submit(document, "# second")
        source = emitter.result(written)  # read past the first job's answer
        assert source is not None and source.startswith("# second")
        with pytest.raises(EmitterFailed):
            emitter.result(refused)


def test_a_stopped_interpreter_is_a_refusal_not_a_hang_nor_a_traceback() -> None:
    emitter = EmitterProcess()
    pid = emitter._child.pid
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(EmitterFailed, match="its interpreter stopped"):
        emitter.result(emitter.submit(REFUSED, "# h"))
    emitter.close()
    assert not _running(pid)


def test_generate_names_the_spec_when_the_interpreter_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    killed = []
    submit = EmitterProcess.submit

    def kill_then_submit(self: EmitterProcess, text: str, header: str) -> object:
        os.kill(self._child.pid, signal.SIGKILL)
        killed.append(self._child.pid)
        return submit(self, text, header)

    monkeypatch.setattr(EmitterProcess, "submit", kill_then_submit)
    with pytest.raises(SpecError) as refused:
        generate([SPECS[0]], tmp_path / "out", whole_folder=False)
    [problem] = refused.value.problems
    assert problem.file.endswith(SPECS[0].name)
    assert "datamodel-code-generator could not write the models: its interpreter stopped" in (
        problem.message
    )
    assert killed and not _running(killed[0])
    assert not (tmp_path / "out" / SPECS[0].stem).exists()


def test_nothing_in_the_current_folder_is_imported_in_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project with its own `generator` package or a `datamodel_code_generator.py` must not
    have them run by the emitter's interpreter (it runs with -I and this generator's path)."""
    planted = tmp_path / "PLANTED-RAN"
    payload = f"open({str(planted)!r}, 'w').write('ran')\n"
    (tmp_path / "datamodel_code_generator.py").write_text(payload, encoding="utf-8")
    (tmp_path / "generator").mkdir()
    (tmp_path / "generator" / "__init__.py").write_text(payload, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    provider = build_provider(load_spec(SPECS[0]))
    with EmitterProcess() as emitter:
        source = models.finish_models(models.start_models(provider, "# h", emitter))
    assert "class " in source
    assert not planted.exists()


def test_output_that_is_not_an_answer_is_a_refusal_not_a_traceback() -> None:
    """The interpreter sends the library's own prints to stderr; should anything else reach
    the answers, it is named, not a JSON traceback."""
    emitter = EmitterProcess()
    emitter.close()  # its own interpreter stopped and reaped; a stand-in takes its place
    emitter._closed = False
    emitter._stderr = tempfile.TemporaryFile()
    emitter._child = subprocess.Popen(
        [sys.executable, "-c", "print('progress: 50%'); import sys; sys.stdin.readline()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    with pytest.raises(EmitterFailed, match="answered 'progress: 50%'"):
        emitter.result(emitter.submit(REFUSED, "# h"))
    pid = emitter._child.pid
    emitter.close()
    assert not _running(pid)
