"""The floor of the corpus comparison: datamodel-code-generator alone, as our emitter calls it.

gatewaygen's models are written by datamodel-code-generator. Timing the library alone, on
exactly the document and with exactly the arguments our emitter gives it, shows how much of a
target is reachable at all while it writes the models:

    python corpus_floor.py prepare DOCUMENT NAME FOLDER   # untimed: writes the library's input
    python corpus_floor.py alone FOLDER                   # timed: a fresh interpreter that
                                                          # imports the library and calls it

`prepare` runs our pipeline up to the models (load_spec -> build_provider -> model_schemas ->
`models_document`, as `render_models` does) and writes the JSON text `generate()` is given and
the header it is called with. `alone` imports only datamodel_code_generator and the emitter's
argument list (`generator.emit.model_arguments`, which imports nothing else of ours), reads the
text and calls `generate()`, as `_generate` does. It reads the text where the emitter writes it
with `json.dumps`, so the floor is, if anything, a little below the library's real share.

This module imports only the standard library at its top, so that `alone` loads nothing else.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

INPUT = "models_input.json"
HEADER = "models_header.txt"
OUTPUT = "models.py"


def prepare(document: Path, name: str, folder: Path) -> str | None:
    """Write the library's input for `document` into `folder`; None, or why there is none."""
    from generator.emit.model_arguments import generate_input
    from generator.emit.models import models_document
    from generator.emit.render import header
    from generator.load.loader import load_spec
    from generator.load.source import LoadOptions
    from generator.model.ir import build_provider
    from generator.model.model_shapes import model_schemas
    from generator.problems import SpecError

    try:
        provider = build_provider(load_spec(document, LoadOptions(name=name)))
    except SpecError as exc:
        return f"gatewaygen refuses the document ({exc.counted}): {exc.problems[0]}"
    schemas = model_schemas(provider)
    if not schemas:
        return "no schema needs a model: the emitter does not call datamodel-code-generator"
    text = generate_input(models_document(provider, schemas))
    (folder / INPUT).write_text(text, encoding="utf-8")
    (folder / HEADER).write_text(header(provider), encoding="utf-8")
    return None


def alone(folder: Path) -> None:
    """The timed part: datamodel-code-generator on the prepared input, and nothing of ours."""
    from datamodel_code_generator import generate

    from generator.emit.model_arguments import generate_arguments

    text = (folder / INPUT).read_text(encoding="utf-8")
    header = (folder / HEADER).read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # as render_models does
        source = generate(text, **generate_arguments(header))
    if not isinstance(source, str):
        raise SystemExit("datamodel-code-generator returned no single module")
    (folder / OUTPUT).write_text(source, encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "prepare":
        print(json.dumps({"refused": prepare(Path(argv[1]), argv[2], Path(argv[3]))}))
        return 0
    if len(argv) == 2 and argv[0] == "alone":
        alone(Path(argv[1]))
        return 0
    print("usage: corpus_floor.py prepare DOCUMENT NAME FOLDER | alone FOLDER", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
