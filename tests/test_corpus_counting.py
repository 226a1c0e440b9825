"""The counting behind the corpus comparison (benchmarks/corpus_counting.py, bench_corpus.py):
on a tiny hand-written document and package, on our committed packages, and on real runs of
both generators, so that the table can never show "0 methods" for a tool because its layout
changed."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.spec_cases import ROOT, providers

sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_corpus  # found through the path above, as run.py finds its siblings
import corpus_counting
from corpus_counting import (
    CountingError,
    DocumentOperation,
    Tally,
    blank_parameters,
    document_operations,
    gatewaygen_endpoints,
    gatewaygen_reasons,
    left_out,
    mypy_errors,
    opc_endpoints,
    opc_reasons,
    read_document,
)

TINY = {
    "openapi": "3.0.3",
    "info": {"title": "tiny", "version": "1"},
    "paths": {
        "/pets": {
            "summary": "not an operation",
            "parameters": [],
            "get": {"operationId": "listPets", "responses": {}},
            "post": {"responses": {}},
        },
        "/pets/{petId}": {"get": {"operationId": "showPet", "responses": {}}},
        "/pets/{petId}/photo": {"put": {"responses": {}}, "x-note": {"get": "not a method"}},
    },
}


def _corpus() -> Path:
    corpus = bench_corpus.find_corpus()
    assert corpus is not None, "tests/corpus/ is missing from this checkout"
    return corpus


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def test_a_document_s_operations_are_its_methods_under_paths_and_nothing_else() -> None:
    found = document_operations(TINY)
    assert [(o.key, o.operation_id) for o in found] == [
        (("GET", "/pets"), "listPets"),
        (("POST", "/pets"), None),
        (("GET", "/pets/{}"), "showPet"),
        (("PUT", "/pets/{}/photo"), None),
    ]
    assert found[2].pointer == "/paths/~1pets~1{petId}/get"
    assert found[2].label == "GET /pets/{petId} (showPet)"
    assert document_operations({"openapi": "3.1.0"}) == []


def test_path_parameters_are_blanked_so_renamed_ones_still_match() -> None:
    assert blank_parameters("/a/{petId}/b/{pet_id}") == "/a/{}/b/{}"


def test_json_documents_are_read_as_json(tmp_path: Path) -> None:
    (tmp_path / "api.json").write_text('{"paths": {}, "x": 1e-05}', encoding="utf-8")
    assert read_document(tmp_path / "api.json")["x"] == 1e-05
    (tmp_path / "list.yaml").write_text("- 1\n", encoding="utf-8")
    with pytest.raises(CountingError, match="not a mapping"):
        read_document(tmp_path / "list.yaml")


def test_gatewaygen_declarations_are_counted_outside_the_runtime(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "_client.py": """
                LIST = Operation(name="listPets", method="GET", path="/pets")
                SHOW = _runtime.Operation(name="showPet", method="GET", path="/pets/{pet_id}")
                other = Operation()
            """,
            "_runtime/_spec.py": 'EXAMPLE = Operation(method="DELETE", path="/x")\n',
        },
    )
    assert gatewaygen_endpoints(tmp_path) == [("GET", "/pets"), ("GET", "/pets/{}")]
    (tmp_path / "more.py").write_text("X = Operation(method=m, path='/y')\n", encoding="utf-8")
    with pytest.raises(CountingError, match=r"more\.py:1: the method is not a plain string"):
        gatewaygen_endpoints(tmp_path)


@pytest.mark.parametrize("provider", providers())
def test_every_operation_of_our_committed_packages_is_counted(provider: str) -> None:
    operations = document_operations(read_document(ROOT / "specs" / f"{provider}.yaml"))
    package = ROOT / "generated" / provider / f"{provider}_client"
    generated = gatewaygen_endpoints(package)
    assert len(operations) >= 2
    assert sorted(generated) == sorted(o.key for o in operations)
    assert left_out(operations, generated, {}) == []


def test_opc_endpoint_modules_are_counted_with_their_requests(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "api/__init__.py": "",
            "api/pets/__init__.py": "",
            "api/pets/list_pets.py": """
                def _get_kwargs() -> dict:
                    _kwargs = {"method": "get", "url": "/pets", "params": params}
                    return _kwargs
            """,
            "api/pets/show_pet.py": """
                def _get_kwargs(pet_id: str) -> dict:
                    return {
                        "method": "get",
                        "url": "/pets/{pet_id}".format(pet_id=quote(str(pet_id), safe="")),
                    }
            """,
        },
    )
    assert opc_endpoints(tmp_path) == [("GET", "/pets"), ("GET", "/pets/{}")]
    (tmp_path / "api" / "broken.py").write_text("def _get_kwargs(): return {}\n", "utf-8")
    with pytest.raises(CountingError, match=r"broken\.py: no request"):
        opc_endpoints(tmp_path)
    with pytest.raises(CountingError, match="no api/ folder"):
        opc_endpoints(tmp_path / "api" / "pets")


def test_left_out_names_each_missing_operation_with_the_tool_s_reason() -> None:
    operations = document_operations(TINY)
    generated = [("GET", "/pets"), ("GET", "/pets/{}"), ("GET", "/pets/{}")]
    reasons = {("POST", "/pets"): "Invalid content type"}
    missing = left_out(operations, generated, reasons)
    assert [(o.key, why) for o, why in missing] == [
        (("POST", "/pets"), "Invalid content type"),
        (("PUT", "/pets/{}/photo"), None),
    ]
    tally = Tally(4, 3, missing)
    assert tally.silent == 1
    # Two operations under one key need two endpoints: one endpoint covers only the first.
    twins = [DocumentOperation(("GET", "/a/{}"), None, f"/paths/~1a~1{{{n}}}/get") for n in "xy"]
    assert [o.pointer for o, _ in left_out(twins, [("GET", "/a/{}")], {})] == [
        "/paths/~1a~1{y}/get"
    ]


def test_opc_warnings_give_the_reason_under_each_skipped_endpoint() -> None:
    output = "\n".join(
        [
            "Warning(s) encountered while generating. Client was generated, but some pieces may "
            "be missing",
            "",
            "WARNING parsing GET /assistants within assistants.",
            "",
            "Cannot parse response for status code 200, response will be omitted",
            "",
            "WARNING parsing POST /assistants/{assistant_id} within assistants. Endpoint will not "
            "be generated.",
            "",
            "Could not find reference in parsed models or enums",
            "",
            "WARNING parsing POST /config within config. Endpoint will not be generated.",
        ]
    )
    assert opc_reasons(output) == {
        ("POST", "/assistants/{}"): "Could not find reference in parsed models or enums",
        ("POST", "/config"): "no reason given",
    }


def test_gatewaygen_warnings_are_matched_by_pointer_method_and_path_or_operation_id() -> None:
    operations = document_operations(TINY)
    output = "\n".join(
        [
            "generated 1 package",
            "warning: spec.yaml: /paths/~1pets/get/responses/200: a defect, assumed any value",
            "warning: spec.yaml: /paths/~1pets/post: multipart bodies are left out",
            "warning: PUT /pets/{petId}/photo left out: a binary body",
            "warning: 'showPet' takes the name show_pet_",
        ]
    )
    assert gatewaygen_reasons(output, operations) == {
        # a line under the operation's pointer counts only when nothing names it better
        ("GET", "/pets"): "warning: spec.yaml: /paths/~1pets/get/responses/200: a defect, "
        "assumed any value",
        ("POST", "/pets"): "warning: spec.yaml: /paths/~1pets/post: multipart bodies are left out",
        ("PUT", "/pets/{}/photo"): "warning: PUT /pets/{petId}/photo left out: a binary body",
        ("GET", "/pets/{}"): "warning: 'showPet' takes the name show_pet_",
    }
    prefix = "warning: GET /pets/{petId}/photo is left out"  # names another operation only
    assert ("GET", "/pets") not in gatewaygen_reasons(prefix, operations)
    ranked = "a: /paths/~1pets/post/requestBody: a defect\nb: /paths/~1pets/post: left out"
    assert gatewaygen_reasons(ranked, operations)[("POST", "/pets")] == (
        "b: /paths/~1pets/post: left out"
    )


def test_mypy_errors_are_counted_one_per_error_line() -> None:
    output = (
        "pkg/client.py:280: error: Argument 1 has incompatible type  [arg-type]\n"
        "pkg/client.py:280: note: see above\n"
        "pkg/api/x.py:3:7: error: Name 'Unset' is not defined  [name-defined]\n"
        "Found 2 errors in 2 files (checked 9 source files)\n"
    )
    assert mypy_errors(output) == 2
    assert mypy_errors("Success: no issues found in 21 source files\n") == 0


def test_package_names_come_from_file_names() -> None:
    assert bench_corpus.valid_name("petstore_3.0.yaml") == "petstore_3_0"
    assert bench_corpus.valid_name("Swagger-Petstore 3.1.1.yaml") == "swagger_petstore_3_1_1"
    assert bench_corpus.valid_name("3d.json") == "api_3d"


@pytest.mark.slow
def test_both_generators_really_run_are_counted_and_not_zero(tmp_path: Path) -> None:
    """openapi-python-client on the petstore (3 operations) and gatewaygen on a gateway spec
    (the corpus documents do not generate with gatewaygen yet), through the bench's own runs."""
    generators = bench_corpus.Generators(tmp_path)
    petstore = _corpus() / "petstore_3.0.yaml"
    run = generators.opc(petstore)
    tally, package = bench_corpus.tally_opc(petstore, run)
    assert (tally.operations, tally.methods, tally.left_out, tally.refusal) == (3, 3, [], None)
    assert package is not None and (package / "client.py").is_file()
    assert run.seconds > 0 and run.peak_mb > 10

    evolink = ROOT / "specs" / "evolink.yaml"
    run = generators.gatewaygen(evolink)
    tally, package = bench_corpus.tally_gatewaygen(evolink, run)
    assert (tally.operations, tally.methods, tally.left_out, tally.refusal) == (2, 2, [], None)
    assert package is not None and package.name == "evolink_client"


def test_a_refusal_counts_no_methods_and_keeps_the_reason(tmp_path: Path) -> None:
    document = tmp_path / "broken.yaml"
    document.write_text("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: [1]\n", "utf-8")
    run = bench_corpus.Generators(tmp_path).opc(document)
    tally, package = bench_corpus.tally_opc(document, run)
    assert package is None and tally.methods == 0
    assert tally.refusal and "client was not created" in tally.refusal


@pytest.mark.slow
def test_the_corpus_bench_prints_its_tables_for_one_document() -> None:
    command = [sys.executable, "bench_corpus.py", "--document", "petstore_3.0.yaml"]
    done = subprocess.run(
        [*command, "--rounds", "1"],
        cwd=ROOT / "benchmarks",
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "openapi-python-client 0.29.1 on the corpus" in done.stdout
    row = "| `petstore_3.0.yaml` | openapi-python-client | 3 | 3 | 0 | 0 |"
    assert row in done.stdout, done.stdout
    assert "| `petstore_3.0.yaml` | gatewaygen | 3 |" in done.stdout


def test_the_readme_block_is_replaced_between_its_markers_only() -> None:
    readme = f"# Title\n\n{bench_corpus.README_START}\nold table\n{bench_corpus.README_END}\nrest\n"
    written = bench_corpus.replace_table(readme, "| new |")
    assert written == (
        f"# Title\n\n{bench_corpus.README_START}\n\n| new |\n\n{bench_corpus.README_END}\nrest\n"
    )
    assert bench_corpus.replace_table(written, "| new |") == written
    with pytest.raises(SystemExit, match="has no corpus table block"):
        bench_corpus.replace_table("# Title\n", "| new |")


def test_an_operation_is_named_only_as_a_whole() -> None:
    assert corpus_counting.names("GET /tests (op) is left out", "GET /tests")
    assert corpus_counting.names("POST /a: left out", "POST /a")
    assert not corpus_counting.names("GET /tests/{id} is left out", "GET /tests")
    assert not corpus_counting.names("GET /testsuite is left out", "GET /tests")
    under = "/paths/~1a/get/parameters/3"
    assert corpus_counting.names(under, "/paths/~1a/get", within=True)
    assert not corpus_counting.names(under, "/paths/~1a/get")
    assert not corpus_counting.names("/paths/~1a~1b/get", "/paths/~1a", within=True)


def test_the_pinned_version_is_the_one_installed_measured_and_named() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (pinned,) = re.findall(r'"openapi-python-client==([\d.]+)"', pyproject)
    assert importlib.metadata.version("openapi-python-client") == pinned
    assert bench_corpus.OPC_VERSION == pinned
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"openapi-python-client (\d+\.\d+\.\d+)", readme)
    assert set(re.findall(r"openapi-python-client (\d+\.\d+\.\d+)", readme)) == {pinned}


TWO_OPERATIONS = ROOT / "tests" / "fixtures" / "published" / "two_operations.yaml"


@pytest.mark.slow
def test_an_operation_gatewaygen_leaves_out_is_counted_with_its_warning(tmp_path: Path) -> None:
    document = TWO_OPERATIONS
    run = bench_corpus.Generators(tmp_path).gatewaygen(document)
    tally, package = bench_corpus.tally_gatewaygen(document, run)
    assert (tally.operations, tally.methods, tally.refusal, tally.silent) == (2, 1, None, 0)
    [(operation, reason)] = tally.left_out
    assert operation.label == "GET /pets (listPets)"
    assert reason is not None and "GET /pets (listPets) is left out" in reason
    assert package is not None and gatewaygen_endpoints(package) == [("GET", "/pets/{}")]
