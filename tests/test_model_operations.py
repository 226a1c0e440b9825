"""Operations as a published document has them: named from method and path when they have no
operationId, renamed with a warning when two would share a name, and left out with a warning
naming them and the reason when they cannot be built, never refusing the whole document."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import respx

from generator.load.loader import load_spec
from generator.model.ir import build_provider
from generator.pipeline import generate

BASE_URL = "https://pets.test"

OK = (
    '{"200": {description: ok, content: {application/json: '
    '{schema: {$ref: "#/components/schemas/Pet"}}}}}'
)

PETS = f"""\
openapi: 3.1.0
info: {{title: Pets, version: "1"}}
servers: [{{url: "{BASE_URL}"}}]
paths:
  /pets/{{petId}}:
    get:
      parameters:
        - {{name: petId, in: path, required: true, schema: {{type: string}}}}
      responses: {OK}
    delete:
      operationId: deletePet
      parameters:
        - {{name: petId, in: path, required: true, schema: {{type: string}}}}
      responses: {{"404": {{description: gone}}}}
  /pets:
    get:
      operationId: listPets
      responses: {OK}
    post:
      operationId: listPets
      responses: {OK}
    put:
      operationId: list_pets
      responses: {OK}
  /uploads:
    post:
      operationId: uploadPhoto
      requestBody:
        content:
          multipart/mixed:
            schema: {{type: object, properties: {{file: {{type: string, format: binary}}}}}}
      responses: {OK}
  /stores/{{storeId}}/pets:
    get:
      responses: {OK}
      parameters:
        - {{name: storeId, in: path, required: true, schema: {{type: string}}}}
components:
  schemas:
    Pet:
      type: object
      properties:
        id: {{type: string}}
"""


def write_spec(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def import_generated(out: Path, name: str) -> ModuleType:
    sys.path.insert(0, str(out / name))
    try:
        return importlib.import_module(f"{name}_client")
    finally:
        sys.path.remove(str(out / name))


def forget(name: str) -> None:
    for module in [m for m in sys.modules if m.split(".")[0] == f"{name}_client"]:
        del sys.modules[module]


@pytest.fixture(scope="module")
def pets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder = tmp_path_factory.mktemp("pets")
    generate([write_spec(folder, "pets", PETS)], folder / "out", whole_folder=False)
    try:
        yield import_generated(folder / "out", "pets")
    finally:
        forget("pets")


def test_operations_are_named_and_renamed_in_document_order(tmp_path: Path) -> None:
    provider = build_provider(load_spec(write_spec(tmp_path, "pets", PETS)))
    assert [(op.operation_id, op.method_name, op.constant) for op in provider.operations] == [
        ("get_pets_pet_id", "get_pets_pet_id", "GET_PETS_PET_ID"),
        ("listPets", "list_pets", "LIST_PETS"),
        ("listPets", "list_pets_2", "LIST_PETS_2"),
        ("list_pets", "list_pets_3", "LIST_PETS_3"),
        ("get_stores_store_id_pets", "get_stores_store_id_pets", "GET_STORES_STORE_ID_PETS"),
    ]


def test_every_rename_and_left_out_operation_is_one_warning(tmp_path: Path) -> None:
    provider = build_provider(load_spec(write_spec(tmp_path, "pets", PETS)))
    assert [(n.rule, n.pointer, n.message) for n in provider.notices] == [
        (
            "names",
            "/paths/~1pets/post",
            "POST /pets (listPets) would be named list_pets, as is GET /pets (listPets); "
            "its method is named list_pets_2",
        ),
        (
            "names",
            "/paths/~1pets/put",
            "PUT /pets (list_pets) would be named list_pets, as is GET /pets (listPets); "
            "its method is named list_pets_3",
        ),
        (
            "left-out",
            "/paths/~1pets~1{petId}/delete/responses",
            "DELETE /pets/{petId} (deletePet) is left out: no success response is documented",
        ),
        (
            "left-out",
            "/paths/~1uploads/post/requestBody",
            "POST /uploads (uploadPhoto) is left out: the request body has no media type the "
            "client can send (multipart/mixed)",
        ),
    ]
    assert all(n.fix for n in provider.notices)


def test_the_models_of_a_renamed_operation_get_their_own_names(tmp_path: Path) -> None:
    spec = PETS.replace(
        "    post:\n      operationId: listPets\n      responses:",
        "    post:\n      operationId: listPets\n"
        "      parameters: [{name: limit, in: query, schema: {type: integer}}]\n"
        "      responses:",
    ).replace(
        "  /pets:\n    get:\n      operationId: listPets\n      responses:",
        "  /pets:\n    get:\n      operationId: listPets\n"
        "      parameters: [{name: limit, in: query, schema: {type: integer}}]\n"
        "      responses:",
    )
    provider = build_provider(load_spec(write_spec(tmp_path, "pets", spec)))
    classes = [op.parameters_class for op in provider.operations if op.parameters_class]
    assert classes == [
        "GetPetsPetIdParameters",
        "ListPetsParameters",
        "ListPets2Parameters",
        "GetStoresStoreIdPetsParameters",
    ]


def test_the_package_has_a_method_per_built_operation(pets: ModuleType) -> None:
    for method in (
        "get_pets_pet_id",
        "list_pets",
        "list_pets_2",
        "list_pets_3",
        "get_stores_store_id_pets",
    ):
        assert callable(getattr(pets.Client, method)), method
    assert not hasattr(pets.Client, "delete_pet")
    assert not hasattr(pets.Client, "upload_photo")


def test_a_method_named_from_its_path_sends_its_request(pets: ModuleType) -> None:
    with respx.mock() as router:
        route = router.get(f"{BASE_URL}/pets/p-1").respond(json={"id": "p-1"})
        with pets.Client(api_key="k", base_url=BASE_URL) as client:
            pet = client.get_pets_pet_id(petId="p-1")
        assert route.called
    assert pet.id == "p-1"
    with respx.mock() as router:
        route = router.post(f"{BASE_URL}/pets").respond(json={"id": "p-2"})
        with pets.Client(api_key="k", base_url=BASE_URL) as client:
            assert client.list_pets_2().id == "p-2"
        assert route.call_count == 1


def test_generate_prints_the_warnings_and_succeeds(tmp_path: Path) -> None:
    import subprocess

    spec = write_spec(tmp_path, "pets", PETS)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(spec), "--output", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 4
    assert (
        "warning: pets.yaml: /paths/~1pets~1{petId}/delete/responses: DELETE /pets/{petId} "
        "(deletePet) is left out: no success response is documented"
    ) in warnings
    assert "Traceback" not in done.stderr


NOTHING_USABLE = """\
openapi: 3.1.0
info: {title: Nothing, version: "1"}
paths:
  /a:
    delete:
      responses: {"404": {description: none}}
  /b:
    post:
      requestBody: {content: {multipart/mixed: {schema: {type: string}}}}
      responses: {"404": {description: none}}
"""


def test_a_document_without_a_usable_operation_still_makes_a_package(tmp_path: Path) -> None:
    out = tmp_path / "out"
    generate([write_spec(tmp_path, "nothing", NOTHING_USABLE)], out, whole_folder=False)
    try:
        package = import_generated(out, "nothing")
        importlib.import_module("nothing_client.models")
        with package.Client(api_key="k", base_url=BASE_URL) as client:
            assert not [n for n in dir(client) if n.startswith(("delete", "post"))]
    finally:
        forget("nothing")
    provider = build_provider(load_spec(tmp_path / "nothing.yaml"))
    assert provider.operations == ()
    assert [(n.rule, n.message) for n in provider.notices] == [
        ("left-out", "DELETE /a is left out: no success response is documented"),
        (
            "left-out",
            "POST /b is left out: the request body has no media type the client can send "
            "(multipart/mixed)",
        ),
        ("left-out", "POST /b is left out: no success response is documented"),
    ]
