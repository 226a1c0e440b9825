"""Issue 13's proof, per published document of ../shared/corpus/ (exactly as published): it
generates; every operation is a method or named in a `left-out` warning; the package imports
and its clients have a method per operation; and a respx round trip per operation sends what
its example (or a schema sample) says and returns what was served (tests/fresh_package.py,
tests/roundtrip.py).

Every document of the corpus is listed, openai.yaml (288 operations) included, and `mypy
--strict` is proven on each package (benchmarks/bench_corpus.py measures all of them).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.fresh_package import FreshPackage, generate_fresh, imported, mypy_strict, unaccounted
from tests.roundtrip import API_KEY, BASE_URL, method_of, method_paths, round_trips, run
from tests.spec_cases import ROOT

#: The documents of the corpus.
DOCUMENTS = (
    "opc_3.1_enums.yaml",
    "opc_3.1_specific.yaml",
    "opc_baseline_3.0.json",
    "opc_baseline_3.1.yaml",
    "openai.yaml",
    "petstore_3.0.yaml",
    "swagger_petstore_3.0.4.yaml",
    "swagger_petstore_3.1.1.yaml",
)

#: The documents whose packages `mypy --strict` finds clean.
MYPY_CLEAN = DOCUMENTS

# Each document takes seconds to generate: all of it is slow.
pytestmark = pytest.mark.slow


def _corpus() -> Path:
    # tests/corpus/ is ../shared/corpus/ copied byte for byte, so that any checkout has it.
    corpus = ROOT / "tests" / "corpus"
    assert corpus.is_dir(), "tests/corpus/ is missing from this checkout"
    return corpus


def _name(file_name: str) -> str:
    stem = file_name.rsplit(".", 1)[0].lower()
    return "corpus_" + "".join(c if c.isalnum() else "_" for c in stem)


@pytest.fixture(scope="module", params=DOCUMENTS)
def fresh(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> FreshPackage:
    document = _corpus() / request.param
    return generate_fresh(document, tmp_path_factory.mktemp("corpus"), _name(request.param))


def test_every_operation_is_a_method_or_named_in_a_warning(fresh: FreshPackage) -> None:
    assert unaccounted(fresh) == [], fresh.output


def test_the_package_imports_and_its_clients_have_every_method(fresh: FreshPackage) -> None:
    paths = method_paths(fresh.provider)
    assert sorted(paths) == sorted(op.pointer for op in fresh.provider.operations)
    with imported(fresh) as package:
        with package.Client(api_key=API_KEY, base_url=BASE_URL) as client:
            for path in paths.values():
                assert callable(method_of(client, path)), path

        async def async_methods() -> None:
            async with package.AsyncClient(api_key=API_KEY, base_url=BASE_URL) as client:
                for path in paths.values():
                    assert callable(method_of(client, path)), path

        asyncio.run(async_methods())


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_round_trip_per_operation(fresh: FreshPackage, mode: str) -> None:
    trips = round_trips(fresh.provider, fresh.document)
    assert len(trips) == len(fresh.provider.operations) > 0
    with imported(fresh) as package:
        for trip in trips:
            run(trip, package, mode=mode)


@pytest.mark.parametrize("fresh", MYPY_CLEAN, indirect=True)
def test_the_package_is_clean_under_mypy_strict(fresh: FreshPackage, tmp_path: Path) -> None:
    errors, report = mypy_strict(fresh, tmp_path / "mypy")
    assert errors == 0, report
