"""The wire forms the round trips expect (tests/wire.py), on the OpenAPI specification's own
style examples (a parameter `color` that is "blue", ["blue", "black", "brown"] or
{"R": 100, "G": 200, "B": 150}), and the body checks on requests httpx builds."""

from __future__ import annotations

import httpx
import pytest

from tests import wire

BLUE = "blue"
COLORS = ["blue", "black", "brown"]
RGB = {"R": 100, "G": 200, "B": 150}


@pytest.mark.parametrize(
    ("style", "explode", "expected"),
    [
        ("simple", False, ("blue", "blue,black,brown", "R,100,G,200,B,150")),
        ("simple", True, ("blue", "blue,black,brown", "R=100,G=200,B=150")),
        ("label", False, (".blue", ".blue,black,brown", ".R,100,G,200,B,150")),
        ("label", True, (".blue", ".blue.black.brown", ".R=100.G=200.B=150")),
        (
            "matrix",
            False,
            (";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"),
        ),
        (
            "matrix",
            True,
            (";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"),
        ),
    ],
)
def test_path_styles(style: str, explode: bool, expected: tuple[str, str, str]) -> None:
    got = tuple(wire.path_segment("color", v, style, explode) for v in (BLUE, COLORS, RGB))
    assert got == expected


def test_path_values_are_percent_encoded_as_one_segment() -> None:
    assert wire.path_segment("id", "a/b c?ü", "simple", False) == "a%2Fb%20c%3F%C3%BC"
    assert wire.path_segment("on", True, "simple", False) == "true"


@pytest.mark.parametrize(
    ("style", "explode", "array", "obj"),
    [
        ("form", True, [("color", c) for c in COLORS], [("R", "100"), ("G", "200"), ("B", "150")]),
        ("form", False, [("color", "blue,black,brown")], [("color", "R,100,G,200,B,150")]),
        (
            "spaceDelimited",
            False,
            [("color", "blue black brown")],
            [("color", "R 100 G 200 B 150")],
        ),
        ("pipeDelimited", False, [("color", "blue|black|brown")], [("color", "R|100|G|200|B|150")]),
        (
            "deepObject",
            True,
            [("color", c) for c in COLORS],
            [("color[R]", "100"), ("color[G]", "200"), ("color[B]", "150")],
        ),
    ],
)
def test_query_styles(style: str, explode: bool, array: list[object], obj: list[object]) -> None:
    assert wire.query("color", BLUE, style, explode) == [("color", "blue")]
    assert wire.query("color", COLORS, style, explode) == array
    assert wire.query("color", RGB, style, explode) == obj
    assert wire.query("color", None, style, explode) == []


def test_defaults_by_location_and_headers_and_cookies() -> None:
    assert wire.style_of({"in": "query"}) == ("form", True)
    assert wire.style_of({"in": "path"}) == ("simple", False)
    assert wire.style_of({"in": "header", "explode": True}) == ("simple", True)
    assert wire.style_of({"in": "query", "style": "deepObject", "explode": True}) == (
        "deepObject",
        True,
    )
    assert wire.simple(COLORS) == "blue,black,brown"
    assert wire.simple(False) == "false"
    assert wire.cookie("session", "abc", True) == "session=abc"
    assert wire.cookie("ids", [1, 2], False) == "ids=1,2"


@pytest.mark.parametrize(
    ("media_type", "kind"),
    [
        ("application/json", "json"),
        ("application/merge-patch+json; charset=utf-8", "json"),
        ("application/x-www-form-urlencoded", "form"),
        ("multipart/form-data", "multipart"),
        ("text/plain", "text"),
        ("text/csv", "text"),
        ("application/octet-stream", "binary"),
        ("image/png", "binary"),
    ],
)
def test_media_kinds(media_type: str, kind: str) -> None:
    assert wire.media_kind(media_type) == kind


def test_body_checks_accept_the_right_encoding_and_name_a_wrong_one() -> None:
    json_request = httpx.Request("POST", "https://x.test", json={"a": 5, "b": [True]})
    assert wire.body_problem("json", json_request, {"b": [True], "a": 5}, set()) is None
    assert "expected" in str(wire.body_problem("json", json_request, {"a": 5.0}, set()))

    form = httpx.Request("POST", "https://x.test", data={"a": "1", "tags": ["x", "y"]})
    assert wire.body_problem("form", form, {"a": 1, "tags": ["x", "y"]}, set()) is None
    assert wire.body_problem("form", form, {"a": 2, "tags": ["x", "y"]}, set()) is not None

    multipart = httpx.Request(
        "POST",
        "https://x.test",
        data={"name": "cat", "on": "true", "tags": ["a", "b"]},
        files={"photo": ("cat.png", b"\x89PNG\x00", "image/png")},
    )
    fields = {"name": "cat", "on": True, "tags": ["a", "b"], "photo": b"\x89PNG\x00"}
    assert wire.body_problem("multipart", multipart, fields, {"photo"}) is None
    wrong = {**fields, "photo": b"other"}
    assert "multipart parts" in str(wire.body_problem("multipart", multipart, wrong, {"photo"}))

    text = httpx.Request("POST", "https://x.test", content="héllo".encode())
    assert wire.body_problem("text", text, "héllo", set()) is None
    raw = httpx.Request("POST", "https://x.test", content=b"\x00\xff")
    assert wire.body_problem("binary", raw, b"\x00\xff", set()) is None
    assert wire.body_problem("binary", raw, b"\x00", set()) is not None


def test_served_answers_carry_their_media_type() -> None:
    assert wire.served(204, "none", None, "").content == b""
    answer = wire.served(200, "json", [1, "a"], "application/json")
    assert answer.json() == [1, "a"]
    assert answer.headers["content-type"] == "application/json"
    assert wire.served(200, "text", "hé", "text/plain").content == "hé".encode()
    assert wire.served(201, "binary", b"\x00", "image/png").status_code == 201
