"""Keys YAML reads as numbers, booleans, null or dates (`200:`, `on:`, `1.0:`, `~:`).

Many published documents leave response codes unquoted, and YAML 1.1 reads a property named
`on`, `off`, `yes` or `no` as a boolean. A published document is read as its authors wrote it:
each such key is the text written, with a warning naming file, line and pointer. A curated spec
(ours) is refused on them, as it always was (tests/fixtures/hostile/*_key*.yaml pin that).
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import respx

from generator.cli import main
from generator.load.loader import load_spec
from generator.load.source import LoadOptions, parse_document, read_document
from generator.load.spec_yaml import load_yaml, read_yaml
from generator.problems import SpecError
from tests.fresh_package import generate_fresh, imported

SWITCHES = """\
openapi: 3.0.3
info:
  title: Switches
  version: "1.0"
servers:
  - url: https://switches.test
paths:
  /switches/{id}:
    get:
      operationId: getSwitch
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        200:
          description: The switch
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Switch"}
        404:
          description: Not found
components:
  schemas:
    Switch:
      type: object
      properties:
        on: {type: boolean}
        off: {type: string}
        y: {type: string}
      x-levels:
        1.0: first
        ~: none
"""

#: (line, pointer, message, what was assumed) of each warning SWITCHES loads with.
SWITCHES_WARNINGS = [
    (
        14,
        "/paths/~1switches~1{id}/get/responses/200",
        "the key 200 is not quoted, and YAML reads it as a number",
        "the key is taken as the text '200', as written",
    ),
    (
        19,
        "/paths/~1switches~1{id}/get/responses/404",
        "the key 404 is not quoted, and YAML reads it as a number",
        "the key is taken as the text '404', as written",
    ),
    (
        26,
        "/components/schemas/Switch/properties/on",
        "the key on is not quoted, and YAML reads it as a boolean",
        "the key is taken as the text 'on', as written",
    ),
    (
        27,
        "/components/schemas/Switch/properties/off",
        "the key off is not quoted, and YAML reads it as a boolean",
        "the key is taken as the text 'off', as written",
    ),
    (
        30,
        "/components/schemas/Switch/x-levels/1.0",
        "the key 1.0 is not quoted, and YAML reads it as a number",
        "the key is taken as the text '1.0', as written",
    ),
    (
        31,
        "/components/schemas/Switch/x-levels/~0",
        "the key ~ is not quoted, and YAML reads it as null",
        "the key is taken as the text '~', as written",
    ),
]


def _write(folder: Path, text: str = SWITCHES, name: str = "switches.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_each_key_is_kept_as_the_text_written_and_listed() -> None:
    source = b"a:\n  200: ok\n  on: yes\n  1.0: one\n  ~: nothing\n  2024-01-01: day\n  y: n\n"
    value, keys = read_yaml(source, "x.yaml")
    assert value == {
        "a": {"200": "ok", "on": True, "1.0": "one", "~": "nothing"}
        | {
            "2024-01-01": "day",
            "y": "n",
        }
    }
    assert [(k.pointer, k.kind, k.line) for k in keys] == [
        ("/a/200", "a number", 2),
        ("/a/on", "a boolean", 3),
        ("/a/1.0", "a number", 4),
        ("/a/~0", "null", 5),
        ("/a/2024-01-01", "a date", 6),
    ]


def test_an_empty_key_is_the_empty_text() -> None:
    value, keys = read_yaml(b"a:\n  ?\n  : empty\n", "x.yaml")
    assert value == {"a": {"": "empty"}}
    assert [(k.warning("x.yaml").message, k.warning("x.yaml").fix) for k in keys] == [
        (
            "an empty key is not quoted, and YAML reads it as null",
            "the key is taken as the text '', as written",
        )
    ]


def test_the_strict_readers_refuse_them_as_before() -> None:
    source = b"a:\n  200: ok\n  on: yes\n"
    expected = [
        (2, "/a", "a key is a number (200); every key of a spec is a string"),
        (3, "/a", "a key is a boolean (on); every key of a spec is a string"),
    ]
    for read in (load_yaml, parse_document):
        with pytest.raises(SpecError) as caught:
            read(source, "x.yaml")
        assert [(p.line, p.pointer, p.message) for p in caught.value.problems] == expected
        assert all(p.fix == 'quote the key ("200": instead of 200:)' for p in caught.value.problems)


def test_a_key_written_unquoted_and_quoted_is_a_duplicate() -> None:
    with pytest.raises(SpecError) as caught:
        read_yaml(b'r:\n  200: a\n  "200": b\n', "x.yaml")
    assert [(p.line, p.pointer, p.message) for p in caught.value.problems] == [
        (
            3,
            "/r/200",
            "the key '200' appears twice in this mapping, at lines 2 and 3 (YAML would keep "
            "only the second)",
        )
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (b"a:\n  !!int 200: ok\n", "a key is a number (200); every key of a spec is a string"),
        (b"a:\n  !!binary aGk=: ok\n", "a key is a value (aGk=); every key of a spec is a string"),
        (b"a:\n  ? [1, 2]\n  : ok\n", "a key is a list; every key of a spec is a string"),
        (b"a:\n  {b: 1}: ok\n", "a key is a mapping; every key of a spec is a string"),
        (b"x: &k 1\na:\n  *k : ok\n", "a key is the alias *k; every key of a spec is a string"),
    ],
)
def test_a_tagged_or_collection_key_stays_refused_everywhere(source: bytes, message: str) -> None:
    with pytest.raises(SpecError) as caught:
        read_document(source, "x.yaml", Path("x.yaml"))
    assert [p.message for p in caught.value.problems] == [message]


def test_json_keys_are_strings_already() -> None:
    assert read_document(b'{"200": {"on": 1}}', "x.json", Path("x.json")) == (
        {"200": {"on": 1}},
        [],
    )


def test_a_published_document_loads_with_a_warning_for_each_key(tmp_path: Path) -> None:
    spec = load_spec(_write(tmp_path))
    assert not spec.curated
    assert [(w.line, w.pointer, w.message, w.fix) for w in spec.warnings] == SWITCHES_WARNINGS
    assert {w.rule for w in spec.warnings} == {"yaml-key"}
    operation = spec.document["paths"]["/switches/{id}"]["get"]
    assert list(operation["responses"]) == ["200", "404"]
    switch = spec.document["components"]["schemas"]["Switch"]
    assert list(switch["properties"]) == ["on", "off", "y"]
    assert switch["x-levels"] == {"1.0": "first", "~": "none"}


def test_a_curated_spec_is_refused_on_them_as_before(tmp_path: Path) -> None:
    for path, options in (
        (_write(tmp_path / "specs"), LoadOptions()),
        (_write(tmp_path), LoadOptions(curated=True)),
    ):
        with pytest.raises(SpecError) as caught:
            load_spec(path, options)
        assert [(p.line, p.pointer, p.message) for p in caught.value.problems] == [
            (
                14,
                "/paths/~1switches~1{id}/get/responses",
                "a key is a number (200); every key of a spec is a string",
            ),
            (
                19,
                "/paths/~1switches~1{id}/get/responses",
                "a key is a number (404); every key of a spec is a string",
            ),
            (
                26,
                "/components/schemas/Switch/properties",
                "a key is a boolean (on); every key of a spec is a string",
            ),
            (
                27,
                "/components/schemas/Switch/properties",
                "a key is a boolean (off); every key of a spec is a string",
            ),
            (
                30,
                "/components/schemas/Switch/x-levels",
                "a key is a number (1.0); every key of a spec is a string",
            ),
            (
                31,
                "/components/schemas/Switch/x-levels",
                "a key is null (~); every key of a spec is a string",
            ),
        ]


def test_validate_shows_the_warnings_of_a_published_document_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: valid, 0 errors, 6 warnings" in out
    assert f"warning [yaml-key] {path}:14 /paths/~1switches~1{{id}}/get/responses/200" in out
    assert main(["validate", "--curated", str(path)]) == 1
    assert "a key is a number (200); every key of a spec is a string" in capsys.readouterr().out


@pytest.mark.slow
def test_the_client_of_a_published_document_parses_a_200_answer(tmp_path: Path) -> None:
    fresh = generate_fresh(_write(tmp_path), tmp_path / "gen", "switches")
    assert "/get/responses/200: the key 200 is not quoted" in fresh.output
    with imported(fresh) as package, respx.mock(assert_all_called=True) as api:
        api.get("https://switches.test/switches/s1").mock(
            return_value=httpx.Response(200, json={"on": True, "off": "never", "y": "yes"})
        )
        with package.Client(api_key="sk-switches-0123456789") as client:
            switch = client.get_switch(id="s1")
    assert (switch.on, switch.off, switch.y) == (True, "never", "yes")


REQUIRED = """\
openapi: 3.1.0
info: {title: Lamps, version: "1"}
paths: {}
components:
  schemas:
    Lamp:
      type: object
      required: [on, "off", yes, true]
      properties:
        "on": {type: boolean}
        "off": {type: boolean}
        "yes": {type: boolean}
      example: {lit: [on]}
"""


#: REQUIRED with only names in its `required` list, and no example (which would then lack them).
NAMES_ONLY = REQUIRED.replace(", true]", "]").replace("      example: {lit: [on]}\n", "")


def test_a_published_required_list_keeps_the_names_yaml_1_1_reads_as_booleans(
    tmp_path: Path,
) -> None:
    spec = load_spec(_write(tmp_path, REQUIRED, "lamps.yaml"))
    assert [(w.line, w.pointer, w.message, w.fix) for w in spec.warnings] == [
        (
            8,
            "/components/schemas/Lamp/required/0",
            "the name on in required is not quoted, and YAML 1.1 reads it as a boolean",
            "the name is taken as the text 'on', the property it spells",
        ),
        (
            8,
            "/components/schemas/Lamp/required/2",
            "the name yes in required is not quoted, and YAML 1.1 reads it as a boolean",
            "the name is taken as the text 'yes', the property it spells",
        ),
        (  # `true` is a boolean in YAML 1.2 as well: the keyword is dropped, as any invalid one
            8,
            "/components/schemas/Lamp/required",
            'not valid JSON Schema: true is not of type "string"',
            "the keyword required is ignored",
        ),
    ]
    lamp = spec.document["components"]["schemas"]["Lamp"]
    assert "required" not in lamp
    assert lamp["example"] == {"lit": [True]}  # only `required` lists name properties


def test_a_published_required_list_of_names_only_is_kept_whole(tmp_path: Path) -> None:
    spec = load_spec(_write(tmp_path, NAMES_ONLY, "lamps.yaml"))
    assert [w.pointer for w in spec.warnings] == [
        "/components/schemas/Lamp/required/0",
        "/components/schemas/Lamp/required/2",
    ]
    assert spec.document["components"]["schemas"]["Lamp"]["required"] == ["on", "off", "yes"]


def test_a_curated_required_list_is_refused_as_before(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec(_write(tmp_path / "specs", NAMES_ONLY, "lamps.yaml"))
    assert [(p.pointer, p.message) for p in caught.value.problems] == [
        (
            "/components/schemas/Lamp/required/0",
            "not a valid JSON Schema: True is not of type 'string'",
        ),
        (
            "/components/schemas/Lamp/required/2",
            "not a valid JSON Schema: True is not of type 'string'",
        ),
        (
            "/components/schemas/Lamp/required",
            "not a valid JSON Schema: [True, 'off', True] has non-unique elements",
        ),
    ]
