"""What keeps `gatewaygen generate` quick (issue 14), held as behaviour rather than timed:
the command line and the load stage import nothing they do not use, the fast JSON Schema checks
answer as the slow ones do, and the proof compiles each file once, outside the packages, in an
interpreter started ahead of time that is never left running."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator.schemas import schema_v31

from generator.load.loader import read_spec, schema_objects
from generator.load.schema_check import meta_schema_failures, openapi_failures, plain_schema
from generator.problems import SpecError
from generator.write.proof import Proof, prove_packages
from tests.spec_cases import ROOT

SPECS = sorted((ROOT / "specs").glob("*.yaml"))

#: Packages that cost a second or more to import and that neither starting the command line
#: nor loading a published document needs.
HEAVY = ("openapi_spec_validator", "jsonschema", "httpx", "rich", "datamodel_code_generator")


def _imported_after(code: str) -> set[str]:
    """The top-level packages a fresh interpreter has imported after running `code`."""
    report = "import json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_command_line_starts_without_the_heavy_packages() -> None:
    imported = _imported_after(
        "from generator.cli import main\ntry:\n    main(['generate', '--help'])\n"
        "except SystemExit:\n    pass"
    )
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))


def test_loading_a_published_document_imports_no_validator_but_jsonschema_rs() -> None:
    imported = _imported_after(
        "from pathlib import Path\nfrom generator.load.loader import load_spec\n"
        "spec = load_spec(Path('tests/corpus/petstore_3.0.yaml'))\n"
        "assert spec.curated is False and spec.document['paths']"
    )
    assert "jsonschema_rs" in imported
    unused = {*HEAVY, "jsonpath_rfc9535"}  # the overlays' JSONPath: this document has none
    assert imported.isdisjoint(unused), sorted(imported & unused)


def test_loading_a_curated_spec_imports_no_validator_but_jsonschema_rs() -> None:
    """Our own OpenAPI rules replace openapi-spec-validator's (issue 14); jsonschema phrases
    problems only when there are some."""
    imported = _imported_after(
        "from pathlib import Path\nfrom generator.load.loader import load_spec\n"
        "spec = load_spec(Path('specs/evolink.yaml'))\nassert spec.curated and spec.document"
    )
    assert "jsonschema_rs" in imported
    unused = {*HEAVY, "openapi_schema_validator", "jsonschema_path", "referencing"}
    assert imported.isdisjoint(unused), sorted(imported & unused)


@pytest.mark.slow
def test_generating_a_published_document_imports_no_httpx_nor_the_validators(
    tmp_path: Path,
) -> None:
    """The generator's own process: the generated package is imported by the proof's
    interpreter, which is the only one that needs httpx, and the models are written in the
    emitter's interpreter, the only one that loads datamodel-code-generator."""
    imported = _imported_after(
        "from pathlib import Path\nfrom generator.pipeline import generate\n"
        f"generate([Path('tests/corpus/petstore_3.0.yaml')], Path({str(tmp_path)!r}), "
        "whole_folder=False)"
    )
    elsewhere = {"httpx", "datamodel_code_generator"}  # the proof's, the emitter's
    assert imported.isdisjoint(
        {*elsewhere, "rich", "click", "jsonschema", "openapi_spec_validator"}
    )
    assert (tmp_path / "petstore_3_0" / "petstore_3_0_client" / "_client.py").is_file()


def test_the_runtime_types_are_the_runtimes_own_classes_whichever_loads_first() -> None:
    check = (
        "import generator.model.runtime_types as early\nimport generator.runtime as runtime\n"
        "names = ('Envelope', 'ErrorCode', 'ErrorFormat', 'SecurityScheme')\n"
        "assert all(getattr(early, n) is getattr(runtime, n) for n in names)\n"
        "assert 'httpx' in __import__('sys').modules  # the runtime did load, after"
    )
    subprocess.run([sys.executable, "-c", check], cwd=ROOT, check=True)


def test_the_client_members_read_from_the_runtime_source_are_those_dir_shows() -> None:
    from generator.model.runtime_types import runtime_client_members
    from generator.runtime import AsyncAPIClient, SyncAPIClient

    shown = {n for c in (SyncAPIClient, AsyncAPIClient) for n in dir(c) if not n.startswith("_")}
    assert shown  # close, with_options...
    assert runtime_client_members() == shown


def test_the_schemas_read_as_files_are_those_the_validator_packages_give() -> None:
    assert plain_schema("openapi") == json.loads(json.dumps(schema_v31, default=dict))
    assert plain_schema("meta") == Draft202012Validator.META_SCHEMA


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_jsonschema_rs_and_jsonschema_agree_on_the_gateway_specs(spec: Path) -> None:
    """Curated specs are checked with jsonschema-rs first and phrased by jsonschema only when
    it finds something: both must find the same (here: nothing, in a valid spec) and both must
    find a planted defect."""
    document, _, _ = read_spec(spec)
    python_openapi = Draft202012Validator(plain_schema("openapi"))
    python_meta = Draft202012Validator(plain_schema("meta"))
    assert openapi_failures(document) == []
    assert list(python_openapi.iter_errors(document)) == []
    for _, schema in schema_objects(document):
        assert meta_schema_failures(schema) == []
        assert list(python_meta.iter_errors(schema)) == []
    document["info"] = {"title": 12}  # a title must be a string, and a version is required
    rust = {(f.steps, f.keyword) for f in openapi_failures(document)}
    python = {(tuple(e.absolute_path), e.validator) for e in python_openapi.iter_errors(document)}
    assert rust and python
    assert {steps for steps, _ in rust} == {steps for steps, _ in python}


def _package(tree: Path, name: str, init: str) -> dict[str, tuple[str, str]]:
    package = tree / name / f"{name}_client"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(init, encoding="utf-8")
    return {name: (f"{name}_client", f"specs/{name}.yaml")}


def test_a_big_package_is_compiled_on_two_processors_with_the_same_verdicts(
    tmp_path: Path,
) -> None:
    """From 400 files on, the proof compiles in forked workers: every broken file is still
    named with its line, in file order, and nothing is imported."""
    packages = _package(tmp_path, "big", "from pathlib import Path\nPath('IMPORTED').touch()\n")
    models = tmp_path / "big" / "big_client" / "models"
    models.mkdir()
    for number in range(450):
        broken = number in (7, 300)
        text = f"x = {number}\ndef broken(:\n" if broken else f"VALUE = {number}\n"
        (models / f"m{number:03d}.py").write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as refused:
        prove_packages(tmp_path, packages)
    said = [problem.message for problem in refused.value.problems]
    assert said == [
        f"the generated big_client/models/m{n}.py does not compile, line 2: invalid syntax"
        for n in ("007", "300")
    ]
    assert not (tmp_path / "IMPORTED").exists()
    assert not (Path.cwd() / "IMPORTED").exists()


def test_a_file_that_does_not_compile_is_named_with_its_line_and_nothing_is_imported(
    tmp_path: Path,
) -> None:
    packages = _package(tmp_path, "good", "from pathlib import Path\nPath('IMPORTED').touch()\n")
    packages |= _package(tmp_path, "bad", "x = 1\ndef broken(:\n")
    with pytest.raises(SpecError) as refused:
        prove_packages(tmp_path, packages)
    assert str(refused.value) == (
        "specs/bad.yaml: /: the generated bad_client/__init__.py does not compile, line 2: "
        "invalid syntax\n    fix: a name or value in the spec cannot be written as Python; "
        "rename it in the spec (or report the spec if nothing in it explains the error)"
    )
    assert not (tmp_path / "IMPORTED").exists()
    assert not (Path.cwd() / "IMPORTED").exists()


def test_the_proof_leaves_no_bytecode_in_the_packages_and_reads_its_own(tmp_path: Path) -> None:
    """Each file is compiled once, into the proof's own folder: the import finds that bytecode
    (the module's __cached__ is there), and the packages stay as written."""
    init = (
        "import sys\nclass Client:\n    def __init__(self, **kw): pass\nAsyncClient = Client\n"
        "assert __cached__ and '__pycache__' not in __cached__, __cached__\n"
        "assert sys.pycache_prefix and __cached__.startswith(sys.pycache_prefix), __cached__\n"
    )
    packages = _package(tmp_path, "acme", init)
    (tmp_path / "acme" / "acme_client" / "models.py").write_text("", encoding="utf-8")
    prove_packages(tmp_path, packages)  # the asserts above fail it otherwise
    assert sorted(p.name for p in (tmp_path / "acme").rglob("*")) == [
        "__init__.py",
        "acme_client",
        "models.py",
    ]


def test_a_proof_that_is_not_used_is_stopped() -> None:
    with Proof() as proof:
        child = proof._child
        assert child is not None and child.poll() is None  # started, waiting for packages
    assert child.poll() is not None
    assert child.stdout is not None and child.stdout.closed
    with Proof(start=False) as later:
        assert later._child is None  # nothing to stop: it was never started
