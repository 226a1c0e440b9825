"""Each kind of success response through a real call of a generated package (respx serves
the answers): what the method returns, sync and async, and the Accept header it sends."""

from __future__ import annotations

import asyncio
import datetime
import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from generator.pipeline import generate
from tests.test_model_responses import SPEC

BASE = "https://pets.example"


@pytest.fixture(scope="module")
def pets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The package generated from the response kinds' spec, imported from disk."""
    folder = tmp_path_factory.mktemp("responses")
    spec = folder / "pets.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    generate([spec], folder / "out", whole_folder=False)
    sys.path.insert(0, str(folder / "out" / "pets"))
    try:
        yield importlib.import_module("pets_client")
    finally:
        sys.path.remove(str(folder / "out" / "pets"))
        for name in [m for m in sys.modules if m.split(".")[0] == "pets_client"]:
            del sys.modules[name]


def _both(pets: Any, method: str, **arguments: Any) -> list[Any]:
    """The method's result from `Client` and from `AsyncClient`."""
    with pets.Client(api_key="k", max_retries=0) as client:
        sync = getattr(client, method)(**arguments)

    async def call() -> Any:
        async with pets.AsyncClient(api_key="k", max_retries=0) as client:
            return await getattr(client, method)(**arguments)

    return [sync, asyncio.run(call())]


@respx.mock
def test_an_array_comes_back_as_a_list_of_models(pets: Any) -> None:
    route = respx.get(f"{BASE}/pets").respond(
        200, json=[{"name": "Rex", "status": "sold"}, {"name": "Tom", "status": "lost"}]
    )
    for pets_found in _both(pets, "list_pets"):
        assert isinstance(pets_found, list)
        assert [(p.name, p.status) for p in pets_found] == [("Rex", "sold"), ("Tom", "lost")]
        assert all(isinstance(p, pets.models.Pet) for p in pets_found)
    assert route.calls[0].request.headers["accept"] == "application/json"


@respx.mock
def test_each_success_status_is_read_as_documented(pets: Any) -> None:
    respx.post(f"{BASE}/pets").mock(
        side_effect=[httpx.Response(201, json={"name": "Rex"}), httpx.Response(202)] * 2
    )
    with pets.Client(api_key="k", max_retries=0) as client:
        sync = [client.create_pet(), client.create_pet()]

    async def call() -> list[Any]:
        async with pets.AsyncClient(api_key="k", max_retries=0) as client:
            return [await client.create_pet(), await client.create_pet()]

    for made, later in (sync, asyncio.run(call())):
        assert isinstance(made, pets.models.Pet) and made.name == "Rex"
        assert later is None


@respx.mock
def test_no_content_is_none(pets: Any) -> None:
    respx.delete(f"{BASE}/pets/7").respond(204)
    assert _both(pets, "delete_pet", id="7") == [None, None]


@respx.mock
def test_text_is_a_string(pets: Any) -> None:
    route = respx.get(f"{BASE}/names").respond(
        200, text="Rex\nTom", headers={"content-type": "text/plain; charset=utf-8"}
    )
    assert _both(pets, "get_names") == ["Rex\nTom", "Rex\nTom"]
    assert route.calls[0].request.headers["accept"] == "text/plain; charset=utf-8"


@respx.mock
def test_maps_unions_formats_and_open_enums_are_their_roots(pets: Any) -> None:
    respx.get(f"{BASE}/counts").respond(200, json={"a": 1, "b": 2})
    respx.get(f"{BASE}/counted").respond(200, json={"a": 1})
    respx.get(f"{BASE}/either").respond(200, json={"barks": True})
    respx.get(f"{BASE}/when").respond(200, json="2024-05-01T10:00:00Z")
    respx.get(f"{BASE}/status").respond(200, json="adopted")
    assert _both(pets, "get_counts") == [{"a": 1, "b": 2}] * 2
    assert _both(pets, "get_counted") == [{"a": 1}] * 2
    for dog in _both(pets, "get_either"):
        assert isinstance(dog, pets.models.Dog) and dog.barks is True
    when = datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.timezone.utc)
    assert _both(pets, "get_when") == [when, when]
    assert _both(pets, "get_status") == ["adopted", "adopted"]


@respx.mock
def test_json_is_asked_for_first_where_a_body_comes_in_several_types(pets: Any) -> None:
    route = respx.get(f"{BASE}/report").respond(200, json={"name": "Rex"})
    assert [p.name for p in _both(pets, "get_report")] == ["Rex", "Rex"]
    assert route.calls[0].request.headers["accept"] == "application/json"


@respx.mock
def test_bytes_are_streamed_to_a_file(pets: Any, tmp_path: Path) -> None:
    photo = b"\x89PNG" + bytes(range(256)) * 64
    route = respx.get(f"{BASE}/pets/7").respond(
        200, content=photo, headers={"content-type": "image/png"}
    )
    with pets.Client(api_key="k", max_retries=0) as client:
        with client.get_pet_photo(id="7") as download:
            assert isinstance(download, pets._client.BinaryResponse)
            assert download.content_type == "image/png"
            download.write_to(tmp_path / "rex.png")
    assert (tmp_path / "rex.png").read_bytes() == photo
    assert route.calls[0].request.headers["accept"] == "image/png"

    async def call() -> bytes:
        async with pets.AsyncClient(api_key="k", max_retries=0) as client:
            async with await client.get_pet_photo(id="7") as download:
                assert isinstance(download, pets._client.AsyncBinaryResponse)
                return await download.read()

    assert asyncio.run(call()) == photo


@respx.mock
def test_an_error_with_a_body_of_another_type_raises_the_usual_error(pets: Any) -> None:
    respx.get(f"{BASE}/pets").respond(
        404, text="<h1>no pets</h1>", headers={"content-type": "text/html"}
    )
    with pets.Client(api_key="k", max_retries=0) as client, pytest.raises(pets.NotFoundError):
        client.list_pets()


@respx.mock
def test_an_answer_off_schema_names_the_body(pets: Any) -> None:
    respx.get(f"{BASE}/counts").respond(200, json={"a": "many"})
    with (
        pets.Client(api_key="k", max_retries=0) as client,
        pytest.raises(pets.APIResponseValidationError) as caught,
    ):
        client.get_counts()
    assert "The 200 response to getCounts does not match" in str(caught.value)


@pytest.mark.slow
def test_the_package_is_clean_under_mypy_strict(pets: Any, tmp_path: Path) -> None:
    """The return annotations agree with the operations' types, sync and async."""
    root = Path(pets.__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), "pets_client"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
