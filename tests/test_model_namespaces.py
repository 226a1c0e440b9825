"""Big APIs are grouped: more than 40 operations become resources by first tag (else first
path segment), `client.pets.get_pet3(...)`, sync and async and through `with_raw_response`;
small APIs and our gateways keep flat methods."""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import respx

from generator.load.loader import load_spec
from generator.model.ir import build_provider
from generator.model.namespaces import GROUP_ABOVE
from generator.pipeline import generate
from tests.spec_cases import provider, providers

BASE_URL = "https://big.test"
OK = (
    '{"200": {description: ok, content: {application/json: '
    "{schema: {type: object, properties: {n: {type: integer}}}}}}}"
)


def big_spec(pets: int, stores: int) -> str:
    lines = [
        "openapi: 3.1.0",
        'info: {title: Big, version: "1"}',
        f'servers: [{{url: "{BASE_URL}"}}]',
        "paths:",
    ]
    for n in range(pets):
        lines += [
            f"  /pets/{n}:",
            "    get:",
            f"      operationId: getPet{n}",
            "      tags: [Pets]",
            f"      responses: {OK}",
        ]
    for n in range(stores):  # no tags: grouped by the first path segment past the version
        lines += [f"  /v1/stores/{{storeId}}/items/{n}:", "    get:", f"      responses: {OK}"]
        lines.append(
            "      parameters: [{name: storeId, in: path, required: true, schema: {type: string}}]"
        )
    lines += ["  /close:", "    post:", "      operationId: closeIt"]
    lines += ["      tags: [with raw response]", f"      responses: {OK}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(big_spec(30, 12), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big(spec: Path) -> Iterator[ModuleType]:
    out = spec.parent / "out"
    generate([spec], out, whole_folder=False)
    sys.path.insert(0, str(out / "big"))
    try:
        yield importlib.import_module("big_client")
    finally:
        sys.path.remove(str(out / "big"))
        for name in [m for m in sys.modules if m.split(".")[0] == "big_client"]:
            del sys.modules[name]


def test_groups_by_first_tag_else_first_path_segment(spec: Path) -> None:
    built = build_provider(load_spec(spec))
    assert len(built.operations) == 43 > GROUP_ABOVE
    assert [(s.attribute, s.class_name, len(s.operations)) for s in built.namespaces] == [
        ("pets", "PetsResource", 30),
        ("stores", "StoresResource", 12),
        ("with_raw_response_", "WithRawResponseResource", 1),
    ]
    assert built.flat_operations == ()


def test_small_apis_and_the_gateways_stay_flat(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(big_spec(GROUP_ABOVE - 1, 0), encoding="utf-8")
    small = build_provider(load_spec(path))
    assert len(small.operations) == GROUP_ABOVE
    assert small.namespaces == () and small.flat_operations == small.operations
    for name in providers():
        assert provider(name).namespaces == (), name


def test_methods_live_in_their_group(big: ModuleType) -> None:
    with big.Client(api_key="k", base_url=BASE_URL) as client:
        assert not hasattr(client, "get_pet0")
        assert type(client.pets).__name__ == "PetsResource"
        with respx.mock() as router:
            route = router.get(f"{BASE_URL}/pets/3").respond(json={"n": 3})
            assert client.pets.get_pet3().n == 3
            assert route.called
        with respx.mock() as router:
            router.get(f"{BASE_URL}/v1/stores/s1/items/0").respond(json={"n": 0})
            assert client.stores.get_v1_stores_store_id_items_0(storeId="s1").n == 0
        with respx.mock() as router:
            router.post(f"{BASE_URL}/close").respond(json={"n": 1})
            assert client.with_raw_response_.close_it().n == 1


def test_async_groups_and_raw_responses(big: ModuleType) -> None:
    async def main() -> None:
        async with big.AsyncClient(api_key="k", base_url=BASE_URL) as client:
            with respx.mock() as router:
                router.get(f"{BASE_URL}/pets/1").respond(json={"n": 1}, headers={"X-Id": "r"})
                assert (await client.pets.get_pet1()).n == 1
                raw = await client.with_raw_response.pets.get_pet1()
                assert raw.http_response.headers["X-Id"] == "r"
                assert raw.parse().n == 1

    asyncio.run(main())
    with big.Client(api_key="k", base_url=BASE_URL) as client:
        with respx.mock() as router:
            router.get(f"{BASE_URL}/pets/2").respond(json={"n": 2})
            raw = client.with_raw_response.pets.get_pet2()
            assert raw.http_response.status_code == 200 and raw.parse().n == 2


def test_a_group_follows_the_client_it_came_from(big: ModuleType) -> None:
    with big.Client(api_key="k", base_url=BASE_URL) as client:
        other = client.with_options(base_url="https://other.test")
        with respx.mock() as router:
            route = router.get("https://other.test/pets/4").respond(json={"n": 4})
            assert other.pets.get_pet4().n == 4
            assert route.called
