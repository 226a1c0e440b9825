"""A package grouped into namespaces keeps each group's classes in a module of its own
(`resources/_<group>.py`), imported when the client first reads the group's attribute: a call
of one operation imports its own group's module and no other. Type checkers and
`typing.get_type_hints` still see every name."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import respx

from generator.pipeline import generate
from tests.test_model_namespaces import BASE_URL, OK, big_spec

PACKAGE = "grouped_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder to import `grouped_client` from: 30 `pets` operations (by tag), 12 `stores`
    (by path), one `with_raw_response_` and one `resources`."""
    spec = tmp_path_factory.mktemp("grouped") / "grouped.yaml"
    # A group named like the package's own `resources` module, first, so that the client's
    # other members come after its attribute: it must not hide the module from them.
    resources = [
        "  /resources/1:",
        "    get:",
        "      operationId: getResource",
        "      tags: [Resources]",
    ]
    resources.append(f"      responses: {OK}")
    text = big_spec(30, 12).replace("paths:\n", "paths:\n" + "\n".join(resources) + "\n", 1)
    spec.write_text(text, encoding="utf-8")
    generate([spec], spec.parent / "out", whole_folder=False)
    return spec.parent / "out" / "grouped"


@pytest.fixture
def package(generated: Path) -> Iterator[ModuleType]:
    """`grouped_client` imported afresh, so that each test sees what its own calls import."""
    sys.path.insert(0, str(generated))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(generated))
        for name in [m for m in sys.modules if m.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def groups_imported() -> list[str]:
    prefix = f"{PACKAGE}.resources._"
    return sorted(
        m.removeprefix(f"{PACKAGE}.resources.") for m in sys.modules if m.startswith(prefix)
    )


def test_each_group_has_its_own_module(generated: Path) -> None:
    folder = generated / PACKAGE / "resources"
    assert sorted(p.name for p in folder.glob("*.py")) == [
        "__init__.py",
        "_pets.py",
        "_resources.py",
        "_stores.py",
        "_with_raw_response_.py",
    ]
    pets = (folder / "_pets.py").read_text(encoding="utf-8")
    assert "class PetsResource(SyncResource):" in pets and "GET_PET29: Operation" in pets
    assert "class StoresResource" not in pets
    client = (generated / PACKAGE / "_client.py").read_text(encoding="utf-8")
    assert "class PetsResource" not in client and "GET_PET29" not in client


def test_a_call_imports_its_own_group_and_no_other(package: ModuleType) -> None:
    assert groups_imported() == []
    with package.Client(api_key="k", base_url=BASE_URL) as client:
        assert groups_imported() == []  # building the client imports no group either
        with respx.mock() as router:
            router.get(f"{BASE_URL}/pets/3").respond(json={"n": 3})
            assert client.pets.get_pet3().n == 3
        assert groups_imported() == ["_pets"]
        assert type(client.pets).__module__ == f"{PACKAGE}.resources._pets"
        with respx.mock() as router:  # the group named `resources` is a group like the others
            router.get(f"{BASE_URL}/resources/1").respond(json={"n": 1})
            assert client.resources.get_resource().n == 1
    assert groups_imported() == ["_pets", "_resources"]


def test_async_and_raw_response_groups_are_imported_on_first_use(package: ModuleType) -> None:
    async def call() -> int:
        async with package.AsyncClient(api_key="k", base_url=BASE_URL) as client:
            with respx.mock() as router:
                router.get(f"{BASE_URL}/v1/stores/s/items/1").respond(json={"n": 1})
                raw = await client.with_raw_response.stores.get_v1_stores_store_id_items_1(
                    storeId="s"
                )
                return int(raw.parse().n)

    assert asyncio.run(call()) == 1
    assert groups_imported() == ["_stores"]


def test_the_groups_module_names_its_classes_and_refuses_others(package: ModuleType) -> None:
    resources = importlib.import_module(f"{PACKAGE}.resources")
    assert groups_imported() == []
    assert "AsyncStoresResourceWithRawResponse" in resources.__all__
    assert "PetsResource" in dir(resources)
    assert resources.PetsResource.__module__ == f"{PACKAGE}.resources._pets"
    with pytest.raises(AttributeError, match="has no attribute 'Missing'"):
        _ = resources.Missing
    assert groups_imported() == ["_pets"]


def test_type_hints_resolve_for_groups_and_their_methods(package: ModuleType) -> None:
    resources = importlib.import_module(f"{PACKAGE}.resources")
    for owner in (package.Client, package.AsyncClient):
        hinted = typing.get_type_hints(owner.pets.fget)["return"]
        assert hinted.__name__.endswith("PetsResource")
    raw = typing.get_type_hints(package._client.ClientWithRawResponse.stores.fget)["return"]
    assert raw is resources.StoresResourceWithRawResponse
    assert typing.get_type_hints(resources.PetsResource)["_client"] is package.Client
    for name in resources.__all__:
        cls = getattr(resources, name)
        for method_name, method in inspect.getmembers(cls, inspect.isfunction):
            if not method_name.startswith("__"):
                assert "return" in typing.get_type_hints(method), (name, method_name)


@pytest.mark.slow  # mypy --strict on the generated package
def test_a_grouped_package_type_checks(generated: Path) -> None:
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", PACKAGE],
        cwd=generated,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
