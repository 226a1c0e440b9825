"""The templates compiled ahead of time (generator/emit/precompiled.py): fresh, used, and
rendering exactly what the template sources render."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import jinja2
import pytest

from generator.emit import precompiled, render
from generator.load.loader import load_spec
from generator.model.ir import build_provider
from tests.spec_cases import ROOT

SPECS = sorted((ROOT / "specs").glob("*.yaml"))


def test_the_committed_modules_are_what_the_templates_compile_to(tmp_path: Path) -> None:
    assert precompiled.recorded_key() == precompiled.source_key(), (
        "generator/emit/compiled_templates/ is stale: run `python -m generator.emit.precompiled`"
    )
    fresh = tmp_path / "compiled_templates"
    precompiled.write_compiled(fresh)
    committed = sorted(p.name for p in precompiled.FOLDER.glob("*.py"))
    assert sorted(p.name for p in fresh.glob("*.py")) == committed
    _, differ, errors = filecmp.cmpfiles(fresh, precompiled.FOLDER, committed, shallow=False)
    assert (differ, errors) == ([], [])


def test_generate_renders_with_the_compiled_modules_while_they_are_fresh() -> None:
    assert isinstance(precompiled.template_loader(), jinja2.ModuleLoader)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_compiled_and_source_templates_render_the_same_bytes(
    spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider = build_provider(load_spec(spec))
    render._environment.cache_clear()
    compiled = render.render_package(provider)
    monkeypatch.setattr(
        render,
        "template_loader",
        lambda: jinja2.PackageLoader("generator.emit", "templates"),
    )
    render._environment.cache_clear()
    try:
        from_source = render.render_package(provider)
    finally:
        render._environment.cache_clear()
    assert compiled.keys() == from_source.keys()
    assert [p for p in compiled if compiled[p] != from_source[p]] == []


def test_an_edited_template_is_compiled_from_source_not_read_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The key covers every template's bytes: a copy of the compiled folder whose key no longer
    # matches (as after editing a template) must not be used.
    stale = tmp_path / "compiled_templates"
    shutil.copytree(precompiled.FOLDER, stale)
    marker = stale / "__init__.py"
    marker.write_text(
        marker.read_text(encoding="utf-8").replace(precompiled.source_key(), "0" * 64),
        encoding="utf-8",
    )
    monkeypatch.setattr(precompiled, "FOLDER", stale)
    assert isinstance(precompiled.template_loader(), jinja2.PackageLoader)
    monkeypatch.setattr(precompiled, "FOLDER", tmp_path / "missing")
    assert isinstance(precompiled.template_loader(), jinja2.PackageLoader)
