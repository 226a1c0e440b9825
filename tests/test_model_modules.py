"""Big packages split their models: one module per group of models that refer to each other,
imported on first use, so that a call builds only the models its operation needs."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import respx

from generator.cli import main
from generator.emit import model_modules
from generator.emit.model_modules import model_files

HEADER = "# generated from test.yaml by gatewaygen, do not edit\n"

SOURCE = '''# generated from test.yaml by gatewaygen, do not edit

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel


class Node(BaseModel):
    """A Leaf or a Tree: the words in this docstring are not references."""

    children: list[Tree] | None = None
    kind: Literal["node"] = "node"


class Tree(BaseModel):
    root: Node
    size: Annotated[int, Field(ge=0)]


class Owner(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    tree: Tree | None = None


class Leaf(BaseModel):
    value: str


class Leaves(RootModel[list[Leaf]]):
    root: list[Leaf]


Node.model_rebuild()
'''


@pytest.fixture
def split_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_modules, "SPLIT_ABOVE", 0)


def write_package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "split_pkg"
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    return package


@pytest.fixture
def imported(tmp_path: Path) -> Iterator[str]:
    """Removes what a test imported from tmp_path, so that each test starts clean."""
    sys.path.insert(0, str(tmp_path))
    yield "split_pkg"
    sys.path.remove(str(tmp_path))
    for name in [n for n in sys.modules if n.split(".")[0] == "split_pkg"]:
        del sys.modules[name]


def test_a_small_package_keeps_one_models_module() -> None:
    assert model_files(SOURCE, HEADER) == {"models.py": SOURCE}


def test_models_that_refer_to_each_other_share_a_module(split_everything: None) -> None:
    files = model_files(SOURCE, HEADER)
    assert sorted(files) == [
        "models/__init__.py",
        "models/_leaf.py",
        "models/_leaves.py",
        "models/_node.py",
        "models/_owner.py",
    ]
    node = files["models/_node.py"]
    assert "class Node(BaseModel):" in node and "class Tree(BaseModel):" in node
    assert node.rstrip().endswith("Node.model_rebuild()")
    assert "from ._node import Tree" in files["models/_owner.py"]
    assert "from ._leaf import Leaf" in files["models/_leaves.py"]
    # Imports are trimmed to what each module reads (a linter would refuse the others).
    assert "from pydantic import BaseModel\n" in files["models/_leaf.py"]
    assert "typing" not in files["models/_leaf.py"]
    assert all(text.startswith(HEADER) for text in files.values())


def test_reading_one_model_imports_only_what_it_needs(
    split_everything: None, tmp_path: Path, imported: str
) -> None:
    write_package(tmp_path, model_files(SOURCE, HEADER))
    models = importlib.import_module(f"{imported}.models")
    assert not [n for n in sys.modules if n.startswith(f"{imported}.models.")]
    owner = models.Owner.model_validate(
        {"name": "a", "tree": {"root": {"children": [{"root": {}, "size": 1}]}, "size": 2}}
    )
    loaded = sorted(n.rsplit(".", 1)[1] for n in sys.modules if n.startswith(f"{imported}.models."))
    assert loaded == ["_node", "_owner"]
    assert owner.tree is not None and owner.tree.root.children is not None
    assert owner.tree.root.children[0].size == 1
    assert models.Leaves.model_validate([{"value": "x"}]).root[0].value == "x"
    assert sorted(models.__all__) == ["Leaf", "Leaves", "Node", "Owner", "Tree"]
    with pytest.raises(AttributeError, match="has no attribute 'Missing'"):
        _ = models.Missing


@pytest.mark.slow  # generates a package, then runs mypy --strict on it
def test_a_split_gateway_package_works_and_type_checks(
    split_everything: None, tmp_path: Path, imported: str
) -> None:
    spec = Path(__file__).resolve().parent.parent / "specs" / "evolink.yaml"
    assert main(["generate", str(spec), "--output", str(tmp_path), "--name", "split"]) == 0
    package = tmp_path / "split" / "split_client"
    assert not (package / "models.py").exists() and (package / "models" / "__init__.py").exists()
    sys.path.insert(0, str(tmp_path / "split"))
    try:
        client_module = importlib.import_module("split_client")
        with respx.mock() as router:
            router.get("https://gw.test/v1/tasks/t-1").respond(
                json={"id": "t-1", "status": "completed", "results": ["https://cdn.test/v.mp4"]}
            )
            with client_module.Client(api_key="sk-test", base_url="https://gw.test") as client:
                task = client.get_task(task_id="t-1")
        assert (task.id, task.status) == ("t-1", "completed")
        assert type(task).__module__ == "split_client.models._task_detail"
    finally:
        sys.path.remove(str(tmp_path / "split"))
        for name in [n for n in sys.modules if n.split(".")[0] == "split_client"]:
            del sys.modules[name]
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "split_client"],
        cwd=tmp_path / "split",
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout
