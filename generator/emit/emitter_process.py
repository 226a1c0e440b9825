"""datamodel-code-generator in an interpreter of its own, started before it is needed.

Importing the library takes about 0.6 s, as long as everything else `generate` does to a small
spec, and on a big one its run is most of the time. In a second interpreter both overlap our
own work: it imports while the spec is loaded and modelled, and writes the models while the
client's templates are rendered. The library is called exactly as in-process
(`model_arguments`), so the models are the same bytes either way.

The interpreter runs with `-I`, so that nothing from the current folder or the environment is
imported in place of the library or of this package. It reads one JSON job a line and
answers each with one JSON line; `close()` stops it whatever state it is in.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import generator

_CHILD = r"""
import json, sys, warnings
sys.path.insert(0, sys.argv[1])  # this very generator, whatever else is installed
answers, sys.stdout = sys.stdout, sys.stderr  # whatever the library prints is not an answer
from datamodel_code_generator import generate
from generator.emit.model_arguments import generate_arguments
# The library loads most of itself on its first call: make that call now, on a small document
# of the usual shapes, while the parent is still reading the spec. Its output is discarded.
warm = {"type": "object", "required": ["s"], "properties": {
    "s": {"type": "string", "enum": ["x"]}, "n": {"type": "integer", "minimum": 0},
    "u": {"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/B"}]},
    "a": {"type": "array", "items": {"type": "number"}}, "b": {"$ref": "#/components/schemas/B"}}}
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        generate(json.dumps({"openapi": "3.1.0", "info": {"title": "warm", "version": "1"},
            "paths": {}, "components": {"schemas": {"A": warm, "B": {"type": "object",
            "additionalProperties": {"type": "string"}}}}}), **generate_arguments("# warm"))
except Exception:
    pass  # only a head start: the jobs below get the library's own answer
for line in sys.stdin:
    job = json.loads(line)
    try:
        with warnings.catch_warnings():
            # As in-process: "format of 'double' not understood for 'integer'" is expected.
            warnings.simplefilter("ignore", UserWarning)
            source = generate(job["input"], **generate_arguments(job["header"]))
        answer = {"id": job["id"], "source": source if isinstance(source, str) else None}
    except Exception as exc:  # the library raises several unrelated types
        answer = {"id": job["id"], "error": str(exc)}
    answers.write(json.dumps(answer) + "\n")
    answers.flush()
"""


class EmitterFailed(Exception):
    """The library refused the input (its message), or its interpreter stopped."""


@dataclass(frozen=True)
class Job:
    id: int


class EmitterProcess:
    """The library's interpreter: `submit` a models document, go on, `result` when needed."""

    def __init__(self) -> None:
        root = str(Path(generator.__file__).resolve().parent.parent)
        # A file, not a pipe: a library that writes much to stderr must not fill a pipe no one
        # reads while its answer is awaited on stdout.
        self._stderr = tempfile.TemporaryFile()
        self._child = subprocess.Popen(
            [sys.executable, "-I", "-B", "-c", _CHILD, root],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
        )
        self._next = 0
        self._closed = False
        self._answers: dict[int, dict[str, object]] = {}

    def __enter__(self) -> EmitterProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def submit(self, input_text: str, header: str) -> Job:
        """Hand the library one document (the JSON text `generate()` is given)."""
        job = Job(self._next)
        self._next += 1
        assert self._child.stdin is not None
        try:
            self._child.stdin.write(
                json.dumps({"id": job.id, "input": input_text, "header": header}) + "\n"
            )
            self._child.stdin.flush()
        except OSError:
            pass  # it stopped: `result` says why
        return job

    def result(self, job: Job) -> str | None:
        """The module the library wrote for `job` (None: it returned no single module);
        `EmitterFailed` with its message when it refused the input or stopped."""
        assert self._child.stdout is not None
        while job.id not in self._answers:
            line = self._child.stdout.readline()
            if not line:
                raise EmitterFailed(f"its interpreter stopped: {self._last_error()}")
            try:
                answer = json.loads(line)
                self._answers[int(answer["id"])] = answer
            except (ValueError, TypeError, KeyError):
                raise EmitterFailed(f"its interpreter answered {line.strip()[:200]!r}") from None
        answer = self._answers.pop(job.id)
        if "error" in answer:
            raise EmitterFailed(str(answer["error"]))
        source = answer["source"]
        return source if isinstance(source, str) else None

    def close(self) -> None:
        """Stop the interpreter and reap it; nothing is left running."""
        if self._closed:
            return
        self._closed = True
        if self._child.poll() is None:
            self._child.kill()
        self._child.communicate()
        self._stderr.close()

    def _last_error(self) -> str:
        if self._closed:
            return "it was stopped"
        self._child.wait()
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace")
        lines = text.strip().splitlines()
        return lines[-1] if lines else f"exit code {self._child.returncode}"
