"""Spec text reaches the generated files only through `generator.emit.escape`: exact escapes, the
templates' refusal of anything unescaped, and hostile text in every field of a spec."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.emit import escape
from generator.emit.escape import UnsafeValue
from generator.emit.render import _environment
from generator.pipeline import generate
from generator.problems import SpecError
from tests.hostile import (
    FIELDS,
    NAME_FIELDS,
    base_spec,
    import_package,
    payloads,
    place,
    write_spec,
)


def test_clean_keeps_text_and_normalises_line_breaks() -> None:
    text = "a\r\nb\rc\u2028d\u2029e\x85f\x0bg\x0ch\ti\x00j\x1bk\u202el\ud800m 中文 ✓"
    assert escape.clean(text) == "a\nb\nc\nd\ne\nf\ng\nh ijklm 中文 ✓"
    assert escape.one_line(" a \n\n b\u2028c ") == "a b c"


def test_docstring_text_cannot_close_the_docstring() -> None:
    assert escape.docstring_text('say "hi"') == 'say "hi\\"'
    assert escape.docstring_text('X""" if 1 else """') == 'X\\"\\"" if 1 else \\"\\"\\"'
    assert escape.docstring_text("back\\slash \\N{x}") == "back\\\\slash \\\\N{x}"
    assert escape.docstring_text("a\x00b\r\nc") == "ab\nc"
    # Wherever it is placed, the text reads back as itself.
    for text in ('""', '"', 'a"', '"a', '\\"""', 'x""" + y + """'):
        source = f'"""{escape.docstring_text(text)}"""'
        assert eval(source) == text


def test_comment_markdown_and_toml() -> None:
    assert escape.comment("a.yaml\nimport os -->") == "a.yaml import os -- >"
    assert escape.markdown("a *b* `c` <!-- d --> [e](f) | g \\") == (
        "a \\*b\\* \\`c\\` \\<!-- d --\\> \\[e\\](f) \\| g \\\\"
    )
    assert escape.markdown_code("POST /v1/x") == "`POST /v1/x`"
    assert escape.markdown_code("a ``b`` c") == "``` a ``b`` c ```"
    assert escape.markdown_code("`x") == "`` `x ``"
    assert escape.toml_string('Acme "video"\n\\ API') == '"Acme \\"video\\" \\\\ API"'


def test_python_literal_is_exact_or_refused() -> None:
    value = {"a": ["x\x00", 1, 2.5, True, None], "b\u2028": '\'"""'}
    literal = escape.python_literal(value)
    assert eval(literal) == value
    assert escape.python_literal(("a", 1)) == "('a', 1)"
    for bad, why in (
        (float("inf"), "inf is not a JSON number"),
        (float("nan"), "nan is not a JSON number"),
        ({1: "a"}, "key 1 is not a string"),
        (b"x", "b'x' (bytes) is not a JSON value"),
    ):
        with pytest.raises(UnsafeValue) as refused:
            escape.python_literal(bad)
        assert str(refused.value) == why


def test_names_tokens_and_annotations_are_checked() -> None:
    assert escape.identifier("create_job") == "create_job"
    assert escape.token("evolink-client") == "evolink-client"
    assert escape.annotation("models.Job | Mapping[str, Any] | Literal['a', 1] | None") == (
        "models.Job | Mapping[str, Any] | Literal['a', 1] | None"
    )
    for bad in ("class", "a b", "x()", "é"):
        with pytest.raises(UnsafeValue):
            escape.identifier(bad)
    with pytest.raises(UnsafeValue):
        escape.token("1.0\nimport os")
    with pytest.raises(UnsafeValue) as refused:
        escape.annotation("Literal[__import__('os').system('x')]")
    assert str(refused.value) == (
        "\"Literal[__import__('os').system('x')]\" is not a plain type annotation (Call)"
    )


def test_templates_print_nothing_that_skipped_escaping() -> None:
    env = _environment()
    assert env.from_string("{{ x | py }} {{ y }}").render(x="a'b", y=3) == '"a\'b" 3'
    with pytest.raises(UnsafeValue) as refused:
        env.from_string("title: {{ x }}").render(x='X"""')
    assert str(refused.value) == 'a template printed str \'X"""\' without an escaping filter'


def _generate(spec: dict[str, object], folder: Path) -> Path:
    generate([write_spec(folder, spec)], folder / "out", whole_folder=False)
    return folder / "out" / "hostile"


READ_BACK = """
import json, typing, hostile_client as p, hostile_client.models as m
from hostile_client import _client as c
fields = m.CreateJobRequest.model_fields
print(json.dumps({
    "doc": p.__doc__,
    "url": c.PROVIDER.default_base_url,
    "style": typing.get_args(typing.get_args(fields["style"].annotation)[0]),
    "default": fields["mood"].default,
    "meaning": c.PROVIDER.errors.codes[next(iter(c.PROVIDER.errors.codes))].meaning,
}))
"""


@pytest.mark.parametrize("index", range(14))
def test_hostile_text_in_every_field_runs_nothing_and_reads_back(
    tmp_path: Path, index: int
) -> None:
    """Each payload in every field at once: the package compiles, imports, runs none of it,
    and the values that are data (URL, enum value, default, meanings) come back exactly."""
    marker = tmp_path / "MARKER"
    text = payloads(marker)[index]
    spec = base_spec()
    for field in [*FIELDS, *NAME_FIELDS]:
        if field not in ("enum value",):
            place(spec, field, text)
    place(spec, "enum value", text + "!")  # an enum keeps distinct values
    folder = _generate(spec, tmp_path)
    done = import_package(folder, "hostile_client")
    assert (done.returncode, done.stderr) == (0, "")
    read = subprocess.run(
        [sys.executable, "-c", READ_BACK], cwd=folder, capture_output=True, text=True, check=False
    )
    assert read.stderr == ""
    values = json.loads(read.stdout)
    assert values["doc"].startswith(f"Typed client for the {escape.one_line(text)}, generated")
    assert values["url"] == text.rstrip("/")
    assert values["style"][0] == text + "!"
    assert values["default"] == text
    assert values["meaning"] == escape.one_line(text)
    assert not marker.exists()


_DANGEROUS = st.sampled_from(
    list("\"'\\\n\r\x00\x0b\x0c\x1b\x85\u2028\u2029\u202e{}()[]`#<>-;:!|*$~ ")
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from([*FIELDS, *NAME_FIELDS]),
    prefix=st.text(_DANGEROUS | st.characters(), max_size=12),
    payload=st.integers(min_value=0, max_value=13),
    suffix=st.text(_DANGEROUS | st.characters(), max_size=12),
)
def test_fuzzed_spec_text_never_runs(field: str, prefix: str, payload: int, suffix: str) -> None:
    """Any text, in any field: either a clean refusal, or a package that imports and runs
    nothing."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        marker = folder / "MARKER"
        text = prefix + payloads(marker)[payload] + suffix
        try:
            package = _generate(place(base_spec(), field, text), folder)
        except SpecError as exc:
            assert exc.problems and all(p.file.endswith("hostile.yaml") for p in exc.problems)
            return
        done = import_package(package, "hostile_client")
        assert (done.returncode, done.stderr) == (0, "")
        assert not marker.exists()
