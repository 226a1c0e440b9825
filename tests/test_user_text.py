"""Docstrings and package READMEs carry the provider's documentation; the curation notes of a
spec (seed file names, research notes, conflict ids, extension names, what was inferred) stay
in the spec."""

from __future__ import annotations

import re

import pytest

from generator.emit.user_text import NOTE, for_users
from tests.spec_cases import ROOT, providers

CASES = [
    (
        "Shot mode: `customize` or `intelligent` (Kling itself spells the second value "
        "`intelligence`; see x-doc-conflicts shot-type-spelling).",
        "Shot mode: `customize` or `intelligent`.",
    ),
    (
        'Video length in seconds, as a string: "5" (default) or "10". The example sends "5"; '
        "see x-doc-conflicts `duration-type`.",
        'Video length in seconds, as a string: "5" (default) or "10". The example sends "5".',
    ),
    (
        "Create response. The page's field table is empty. The fields below are inferred: a "
        "client needs the task id to poll.",
        "Create response. The page's field table is empty.",
    ),
    (
        "Error code, a number or a string. research/gateways.md types it as an integer.",
        "Error code, a number or a string.",
    ),
    ("Host of the curl sample in 000_49f94ee2c233895f.txt.", ""),
    ("Task status (0 to 100); see the poll.", "Task status (0 to 100); see the poll."),
]


@pytest.mark.parametrize(("spec_text", "user_text"), CASES)
def test_curation_notes_are_left_out_of_user_text(spec_text: str, user_text: str) -> None:
    assert for_users(spec_text) == user_text


USER_FILES = ("README.md", "{pkg}/__init__.py", "{pkg}/_client.py", "{pkg}/models.py")


@pytest.mark.parametrize("name", providers())
def test_no_generated_docstring_or_readme_carries_a_curation_note(name: str) -> None:
    folder = ROOT / "generated" / name
    for pattern in USER_FILES:
        path = folder / pattern.format(pkg=f"{name}_client")
        text = path.read_text(encoding="utf-8")
        assert NOTE.findall(text) == [], path


def test_the_notes_stay_in_the_specs() -> None:
    seed_files = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
    for name in providers():
        spec = (ROOT / "specs" / f"{name}.yaml").read_text(encoding="utf-8")
        assert seed_files.search(spec) and "research/gateways.md" in spec, name
