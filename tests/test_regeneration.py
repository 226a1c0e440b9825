"""Regeneration that knows what it did: manifests, version bumps and changelog entries by the
spec diff's verdict, hand edits found and kept unless discarded, a fast no-op, and vendoring.

The spec versions are the fixture pairs of tests/fixtures/diff (how these docs really change),
generated as one provider, `vidco`, the way a user's generated/ folder lives through them.
"""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from pathlib import Path

import pytest

from generator import pipeline
from generator.cli import main
from generator.pipeline import HandEditError, check, generate
from generator.write.manifest import read_manifest, sha256
from tests.spec_cases import ROOT

PAIRS = ROOT / "tests" / "fixtures" / "diff"
DAY = "2026-11-22"

# The version the second spec gives (the first is 1.0.0) and the first line of its changelog
# entry, per fixture pair; None: nothing to release.
RELEASES: dict[str, tuple[str, str | None]] = {
    "identical": ("1.0.0", None),
    "description-only": ("1.0.1", "## 1.0.1 (patch): 2026-11-22"),
    "new-model-in-enum": ("1.1.0", "## 1.1.0 (minor): 2026-11-22"),
    "new-optional-setting": ("1.1.0", "## 1.1.0 (minor): 2026-11-22"),
    "field-renamed": ("2.0.0", "## 2.0.0 (major): 2026-11-22"),
    "prompt-limit-narrowed": ("2.0.0", "## 2.0.0 (major): 2026-11-22"),
    "status-value-added": ("2.0.0", "## 2.0.0 (major): 2026-11-22"),
    "endpoint-moved": ("2.0.0", "## 2.0.0 (major): 2026-11-22"),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with specs/vidco.yaml at the first version of a pair, generated."""
    (tmp_path / "specs").mkdir()
    return tmp_path


def use(project: Path, pair: str, side: str) -> Path:
    spec = project / "specs" / "vidco.yaml"
    shutil.copy(PAIRS / pair / f"{side}.yaml", spec)
    return spec


def test_every_fixture_pair_has_an_expected_release() -> None:
    assert sorted(RELEASES) == sorted(p.name for p in PAIRS.iterdir() if p.is_dir())


def test_first_generation_writes_a_manifest_a_spec_copy_and_a_changelog(project: Path) -> None:
    spec = use(project, "identical", "old")
    out = project / "generated"
    (outcome,) = generate([spec], out, whole_folder=True, today=DAY)
    assert (outcome.written, outcome.version, outcome.bump) == (True, "1.0.0", None)
    manifest = read_manifest(out / "vidco", "vidco_client")
    assert manifest is not None
    assert manifest.spec_sha256 == sha256(spec.read_bytes())
    package = out / "vidco" / "vidco_client"
    assert (package / "openapi.yaml").read_bytes() == spec.read_bytes()
    assert (package / "_version.py").read_text().endswith('__version__ = "1.0.0"\n')
    files = {str(p.relative_to(out / "vidco")) for p in (out / "vidco").rglob("*") if p.is_file()}
    assert set(manifest.files) == files - {"vidco_client/_manifest.json"}
    for name, digest in manifest.files.items():
        assert sha256((out / "vidco" / name).read_bytes()) == digest
    changelog = (out / "vidco" / "CHANGELOG.md").read_text()
    assert "## 1.0.0: 2026-11-22\n\nFirst version generated from specs/vidco.yaml" in changelog
    assert 'version = "1.0.0"' in (out / "vidco" / "pyproject.toml").read_text()


def test_nothing_changed_means_nothing_is_built_or_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = use(project, "identical", "old")
    out = project / "generated"
    generate([spec], out, whole_folder=True, today=DAY)
    before = snapshot(out)

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the manifest proves the package current: nothing to build")

    monkeypatch.setattr(pipeline, "build", no_build)
    (outcome,) = generate([spec], out, whole_folder=True, today="2027-01-01")
    assert (outcome.written, outcome.version) == (False, "1.0.0")
    assert check([spec], out) == []
    assert snapshot(out) == before


@pytest.mark.parametrize("pair", sorted(RELEASES))
def test_a_changed_spec_bumps_the_version_by_the_diff_and_logs_it(project: Path, pair: str) -> None:
    out = project / "generated"
    generate([use(project, pair, "old")], out, whole_folder=True, today=DAY)
    spec = use(project, pair, "new")
    version, heading = RELEASES[pair]
    lines = check([spec], out)
    if heading is None:  # only a comment changed: the spec copy and hash follow, no release
        assert lines == [
            "differs:    vidco/vidco_client/_manifest.json",
            "differs:    vidco/vidco_client/openapi.yaml",
        ]
    else:
        assert lines[0].startswith(f"spec changed: vidco would become {version}")
    (outcome,) = generate([spec], out, whole_folder=True, today=DAY)
    assert outcome.version == version
    manifest = read_manifest(out / "vidco", "vidco_client")
    assert manifest is not None and manifest.version == version
    assert manifest.spec_sha256 == sha256(spec.read_bytes())
    changelog = (out / "vidco" / "CHANGELOG.md").read_text()
    entries = [line for line in changelog.splitlines() if line.startswith("## ")]
    if heading is None:
        assert entries == ["## 1.0.0: 2026-11-22"]
        return
    assert entries == [heading, "## 1.0.0: 2026-11-22"]
    newest = changelog.split(heading, 1)[1].split("## 1.0.0", 1)[0]
    assert "specs/vidco.yaml changed" in newest
    for change in outcome.changes:  # every finding of the diff is in the entry
        assert change.pointer in newest
    assert check([spec], out) == []


def test_hand_edits_are_named_and_kept_unless_discarded(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = use(project, "identical", "old")
    out = project / "generated"
    generate([spec], out, whole_folder=True, today=DAY)
    before = snapshot(out)
    models = out / "vidco" / "vidco_client" / "models.py"
    models.write_text(models.read_text() + "# a local fix\n")
    (out / "vidco" / "README.md").unlink()
    (out / "vidco" / "vidco_client" / "extra.py").write_text("x = 1\n")
    edited = snapshot(out)
    expected = [
        "removed by hand: vidco/README.md",
        "edited by hand:  vidco/vidco_client/models.py",
        "added by hand:   vidco/vidco_client/extra.py",
    ]
    assert check([spec], out) == expected
    with pytest.raises(HandEditError) as refused:
        generate([spec], out, whole_folder=True, today=DAY)
    assert refused.value.lines == expected
    assert snapshot(out) == edited  # nothing was overwritten

    argv = ["generate", str(spec), "--output", str(out)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "was changed by hand since it was generated; nothing was written" in err
    assert "edited by hand:  vidco/vidco_client/models.py" in err
    assert "--discard-edits" in err
    assert main([*argv, "--discard-edits"]) == 0
    assert snapshot(out) == before  # restored, same version: the spec did not change


def test_a_generator_change_with_the_same_output_keeps_the_version(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = use(project, "identical", "old")
    out = project / "generated"
    generate([spec], out, whole_folder=True, today=DAY)
    other = {**pipeline.fingerprint(), "code_sha256": "0" * 64}
    monkeypatch.setattr(pipeline, "fingerprint", lambda: other)
    assert check([spec], out) == ["differs:    vidco/vidco_client/_manifest.json"]
    (outcome,) = generate([spec], out, whole_folder=True, today=DAY)
    assert (outcome.written, outcome.version, outcome.bump) == (True, "1.0.0", None)
    manifest = json.loads((out / "vidco" / "vidco_client" / "_manifest.json").read_text())
    assert manifest["generator"]["code_sha256"] == "0" * 64


def test_vendoring_copies_under_a_new_name_and_checks_against_the_spec(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = use(project, "prompt-limit-narrowed", "old")
    out = project / "generated"
    generate([spec], out, whole_folder=True, today=DAY)
    dest = project / "app" / "third_party"
    common = ["--generated", str(out), "--specs-dir", str(project / "specs")]
    assert main(["vendor", "vidco", str(dest), "--package-name", "vidco_api", *common]) == 0
    copy = dest / "vidco_api"
    assert (copy / "_manifest.json").is_file() and (copy / "openapi.yaml").is_file()

    sys.path.insert(0, str(dest))
    try:
        vendored = importlib.import_module("vidco_api")
        assert vendored.Client.__module__ == "vidco_api._client"
        assert vendored.__version__ == "1.0.0"
    finally:
        sys.path.remove(str(dest))
        for name in [m for m in sys.modules if m == "vidco_api" or m.startswith("vidco_api.")]:
            del sys.modules[name]

    checking = ["check", "--vendored", str(copy), "--specs-dir", str(project / "specs")]
    capsys.readouterr()
    assert main(checking) == 0
    assert "up to date with" in capsys.readouterr().out

    use(project, "prompt-limit-narrowed", "new")
    assert main(checking) == 1
    report = capsys.readouterr().out
    assert "behind" in report and "breaking" in report
    assert "[request-max-length-decreased]" in report and "3072 -> 2500" in report
    assert "gatewaygen vendor vidco" in report

    (copy / "_client.py").write_text((copy / "_client.py").read_text() + "# patched\n")
    assert main(checking) == 1
    assert "edited by hand:  _client.py" in capsys.readouterr().out
    generate([project / "specs" / "vidco.yaml"], out, whole_folder=True, today=DAY)
    refused = ["vendor", "vidco", str(dest), "--package-name", "vidco_api", *common]
    assert main(refused) == 2
    assert capsys.readouterr().err == (
        f"gatewaygen: {dest}/vidco_api was changed by hand since it was vendored (edited by "
        "hand: _client.py): pass --discard-edits to replace it anyway\n"
    )
    assert main([*refused, "--discard-edits"]) == 0
    assert main(checking) == 0


def test_diff_command_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    old, new = (str(PAIRS / "prompt-limit-narrowed" / f"{side}.yaml") for side in ("old", "new"))
    assert main(["diff", old, new]) == 0
    assert "the client needs a major release" in capsys.readouterr().out
    assert main(["diff", old, new, "--fail-on", "breaking"]) == 1
    capsys.readouterr()
    assert main(["diff", old, new, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["bump"], report["breaking"]) == ("major", 1)
    same = str(PAIRS / "identical" / "new.yaml")
    assert main(["diff", same, same, "--fail-on", "possibly-breaking"]) == 0
