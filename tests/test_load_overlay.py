"""Overlays (OpenAPI Overlay 1.0): our extensions added to a published document from a file
beside it or --overlay, recorded in the package's manifest."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.load.loader import load_spec
from generator.load.overlay import apply_overlays
from generator.load.source import LoadOptions
from generator.problems import SpecError
from tests.spec_cases import ROOT

EXAMPLE = ROOT / "examples" / "overlays"

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "T", "version": "1"},
    "tags": [{"name": "a"}],
    "paths": {
        "/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "ok"}}}},
        "/b": {"get": {"operationId": "getB", "responses": {"200": {"description": "ok"}}}},
    },
}


def _overlay(tmp_path: Path, actions: list[dict[str, Any]], name: str = "o.yaml") -> Path:
    path = tmp_path / name
    overlay = {"overlay": "1.0.0", "info": {"title": "o", "version": "1"}, "actions": actions}
    path.write_text(yaml.safe_dump(overlay, sort_keys=False), encoding="utf-8")
    return path


def test_update_merges_into_objects_and_appends_to_arrays(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        [
            {"target": "$.paths.*.get", "update": {"x-paid-task": True, "summary": "s"}},
            {"target": "$.info", "update": {"title": "New", "contact": {"name": "n"}}},
            {"target": "$.tags", "update": {"name": "b"}},
        ],
    )
    before = json.loads(json.dumps(DOCUMENT))
    result, warnings, applied = apply_overlays(DOCUMENT, [(path, False)])
    assert DOCUMENT == before  # the document given is not changed
    assert warnings == []
    assert result["paths"]["/a"]["get"]["x-paid-task"] is True
    assert result["paths"]["/b"]["get"]["summary"] == "s"
    assert result["info"] == {"title": "New", "version": "1", "contact": {"name": "n"}}
    assert result["tags"] == [{"name": "a"}, {"name": "b"}]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert [(a.name, a.sha256, a.found_beside) for a in applied] == [("o.yaml", digest, False)]


def test_remove_takes_nodes_out_and_actions_apply_in_order(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        [
            {"target": "$.paths['/b']", "remove": True},
            {"target": "$.paths['/a'].get", "update": {"x-errors": {"code": "/code"}}},
            {"target": "$.tags[0]", "remove": True},
        ],
    )
    result, _, _ = apply_overlays(DOCUMENT, [(path, False)])
    assert list(result["paths"]) == ["/a"]
    assert result["paths"]["/a"]["get"]["x-errors"] == {"code": "/code"}
    assert result["tags"] == []


def test_a_target_that_selects_nothing_is_a_warning_naming_the_action(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        [
            {"target": "$.info", "update": {"x-a": 1}},
            {"target": "$.paths['/gone'].post", "description": "task", "update": {"x-b": 1}},
        ],
    )
    result, warnings, _ = apply_overlays(DOCUMENT, [(path, False)])
    [warning] = warnings
    assert (warning.file, warning.pointer, warning.rule, warning.line) == (
        str(path),
        "/actions/1/target",
        "overlay",
        9,
    )
    assert warning.message == (
        "action 2 (task): the target $.paths['/gone'].post selects nothing in the document"
    )
    assert result["info"]["x-a"] == 1


@pytest.mark.parametrize(
    ("overlay", "problems"),
    [
        (
            {"overlay": "2.0.0", "info": {"title": "o"}, "actions": []},
            [
                ("/overlay", "overlay version '2.0.0' is not 1.0.x"),
                ("/info", "info needs a title and a version (strings)"),
                ("/actions", "actions must be a list of at least one action"),
            ],
        ),
        (
            {
                "overlay": "1.0.0",
                "info": {"title": "o", "version": "1"},
                "actions": [
                    {"target": "paths", "update": {}},
                    {"target": "$.paths[", "update": {}},
                    {"target": "$.info", "remove": "yes", "extra": 1},
                ],
            },
            [
                ("/actions/0/target", "target must be a JSONPath query starting with $"),
                (
                    "/actions/1/target",
                    "target '$.paths[' is not a JSONPath query: unbalanced brackets, line 1, "
                    "column 8",
                ),
                ("/actions/2/extra", "an action has no key 'extra'"),
                ("/actions/2/remove", "remove must be true or false"),
                ("/actions/2", "the action neither updates nor removes"),
            ],
        ),
    ],
)
def test_a_bad_overlay_is_an_error_with_its_pointers(
    tmp_path: Path, overlay: dict[str, Any], problems: list[tuple[str, str]]
) -> None:
    path = tmp_path / "bad.overlay.yaml"
    path.write_text(yaml.safe_dump(overlay, sort_keys=False), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        apply_overlays(DOCUMENT, [(path, False)])
    assert [(p.pointer, p.message) for p in caught.value.problems] == problems
    assert all(
        p.rule == "overlay" and p.line and p.file == str(path) for p in caught.value.problems
    )


def test_an_update_that_does_not_fit_its_target_is_an_error(tmp_path: Path) -> None:
    path = _overlay(tmp_path, [{"target": "$.info.title", "update": {"a": 1}}])
    with pytest.raises(SpecError, match="neither an object nor an array"):
        apply_overlays(DOCUMENT, [(path, False)])
    path = _overlay(tmp_path, [{"target": "$.info", "update": "text"}])
    with pytest.raises(SpecError, match="so update must be a mapping"):
        apply_overlays(DOCUMENT, [(path, False)])
    path = _overlay(tmp_path, [{"target": "$", "remove": True}])
    with pytest.raises(SpecError, match="would remove the whole document"):
        apply_overlays(DOCUMENT, [(path, False)])


def test_an_overlay_beside_the_spec_is_found_and_explicit_ones_follow(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(yaml.safe_dump(DOCUMENT), encoding="utf-8")
    _overlay(tmp_path, [{"target": "$.info", "update": {"title": "beside"}}], "api.overlay.yaml")
    extra = _overlay(tmp_path, [{"target": "$.info", "update": {"title": "given"}}], "more.yaml")
    loaded = load_spec(spec, LoadOptions(overlays=(extra,)))
    assert loaded.document["info"]["title"] == "given"  # applied last
    assert [(a.name, a.found_beside) for a in loaded.overlays] == [
        ("api.overlay.yaml", True),
        ("more.yaml", False),
    ]


def test_the_example_overlay_gives_the_published_spec_a_task_lifecycle(tmp_path: Path) -> None:
    spec = load_spec(EXAMPLE / "clipforge.yaml")
    assert spec.curated is False and spec.openapi_version == "3.0.3"
    create = spec.document["paths"]["/v1/renders"]["post"]
    assert create["x-task"]["poll"] == "getRender"
    # The published file itself has none of it.
    assert "x-task" not in (EXAMPLE / "clipforge.yaml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_generate_applies_the_overlay_says_so_and_records_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("clipforge.yaml", "clipforge.overlay.yaml"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    assert (
        main(["generate", str(tmp_path / "clipforge.yaml"), "--output", str(tmp_path / "out")]) == 0
    )
    out = capsys.readouterr().out
    assert "clipforge: overlay clipforge.overlay.yaml applied (found beside the spec)" in out
    package = tmp_path / "out" / "clipforge" / "clipforge_client"
    client = (package / "_client.py").read_text(encoding="utf-8")
    assert "def create_render_and_wait(" in client
    manifest = json.loads((package / "_manifest.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256((tmp_path / "clipforge.overlay.yaml").read_bytes()).hexdigest()
    assert manifest["overlays"] == [{"file": "clipforge.overlay.yaml", "sha256": digest}]
    # The overlay is part of what the package is made of: changing it regenerates.
    overlay = tmp_path / "clipforge.overlay.yaml"
    overlay.write_text(overlay.read_text(encoding="utf-8").replace("until done", "until it ends"))
    assert (
        main(["generate", str(tmp_path / "clipforge.yaml"), "--output", str(tmp_path / "out")]) == 0
    )
    assert "generated 1 package (0 up to date)" in capsys.readouterr().out
    manifest = json.loads((package / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["overlays"][0]["sha256"] == hashlib.sha256(overlay.read_bytes()).hexdigest()


def test_overlay_options_are_checked_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = EXAMPLE / "clipforge.yaml"
    assert main(["validate", str(spec), "--overlay", str(tmp_path / "none.yaml")]) == 2
    assert f"no overlay file {tmp_path / 'none.yaml'}" in capsys.readouterr().err
    overlay = EXAMPLE / "clipforge.overlay.yaml"
    assert main(["validate", str(spec), str(spec), "--overlay", str(overlay)]) == 2
    assert "--overlay applies to one spec, but 2 were given" in capsys.readouterr().err


def test_an_overlay_beside_curated_specs_is_not_a_spec_and_is_applied(tmp_path: Path) -> None:
    from generator.commands.locate import spec_files
    from generator.commands.validate import validate_spec

    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "api.yaml").write_text(yaml.safe_dump(DOCUMENT), encoding="utf-8")
    _overlay(specs, [{"target": "$.paths['/a'].get", "update": {"x-task": {}}}], "api.overlay.yaml")
    assert spec_files(specs) == [specs / "api.yaml"]
    report = validate_spec(specs / "api.yaml")
    assert report.mode == "curated"
    # The curated rules see the overlay's incomplete x-task.
    extension = [f.message for f in report.findings if f.rule == "extension"]
    assert extension[0] == "not a valid x-task: 'poll' is a required property"
    assert {f.pointer for f in report.findings if f.rule == "extension"} == {
        "/paths/~1a/get/x-task"
    }
