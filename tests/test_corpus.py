"""Issue 13's proof, per published document of ../shared/corpus/ (exactly as published): it
generates; every operation is a method or named in a `left-out` warning; the package imports
and its clients have a method per operation; `mypy --strict` is clean (tests/fresh_package.py).

Only the documents that generate today are listed; each one joins as the generator learns
what it needs (the corpus benchmark, benchmarks/bench_corpus.py, measures all of them). The
two listed generate no method yet (every operation is left out, each with its reason), so the
respx round trip per operation (tests/roundtrip.py, proven on the gateways in
tests/test_roundtrip.py and tests/test_fresh_package.py) joins here with the first document
that has methods.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.fresh_package import FreshPackage, generate_fresh, imported, mypy_strict, unaccounted
from tests.roundtrip import API_KEY, BASE_URL, method_of
from tests.spec_cases import ROOT

#: The documents that generate today.
DOCUMENTS = ("opc_3.1_enums.yaml", "opc_3.1_specific.yaml")

# Each document is generated (seconds) and checked by mypy (10-30 s): all of it is slow.
pytestmark = pytest.mark.slow


def _corpus() -> Path:
    corpus = next(
        (p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
        None,
    )
    assert corpus is not None, "no ../shared/corpus/ beside the checkout (or a folder above it)"
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
    with imported(fresh) as package:
        with package.Client(api_key=API_KEY, base_url=BASE_URL) as client:
            for operation in fresh.provider.operations:
                assert callable(method_of(client, operation)), operation.method_name

        async def async_methods() -> None:
            async with package.AsyncClient(api_key=API_KEY, base_url=BASE_URL) as client:
                for operation in fresh.provider.operations:
                    assert callable(method_of(client, operation)), operation.method_name

        asyncio.run(async_methods())


def test_the_package_is_clean_under_mypy_strict(fresh: FreshPackage, tmp_path: Path) -> None:
    errors, report = mypy_strict(fresh, tmp_path / "mypy")
    assert errors == 0, report
