"""The one path from spec text to generated files.

A spec is untrusted input: its titles, URLs, descriptions, examples, enum values and names end
up in Python source, comments, Markdown and TOML. Every such string is passed through one of the
functions here, chosen by where it lands, and comes out as `Escaped`. The templates refuse to
print anything that is not `Escaped` (see `render._environment`), so a value that skipped this
module stops generation instead of reaching a file.

Each function either returns text that is inert where it goes (it cannot end the string,
comment or block it sits in) or raises `UnsafeValue`.
"""

from __future__ import annotations

import ast
import json
import keyword
import math
import re
import unicodedata
from typing import Any

from markupsafe import Markup

__all__ = [
    "Escaped",
    "UnsafeValue",
    "annotation",
    "clean",
    "comment",
    "docstring_text",
    "identifier",
    "markdown",
    "markdown_code",
    "one_line",
    "python_literal",
    "token",
    "toml_string",
]


class Escaped(Markup):
    """Text made safe for the place it is printed. Templates print only this (and numbers).

    It is a `Markup` so that Jinja, with autoescaping on, passes it through untouched, while
    any plain string that reaches a template without one of the functions below is refused.
    """


class UnsafeValue(ValueError):
    """A value cannot be written where it was meant to go (not a JSON value, not a name)."""


# Line breaks of every kind (CRLF, CR, vertical tab, form feed, NEL, line and paragraph
# separators) become "\n"; tabs become spaces. Every other control character is dropped, and
# so are lone surrogates (they cannot be written as UTF-8) and the bidirectional overrides that
# make source read differently from how it runs ("trojan source").
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def clean(text: object) -> str:
    """Prose from a spec, with only printable characters, spaces and "\\n" left."""
    value = _LINE_BREAKS.sub("\n", str(text)).replace("\t", " ")
    return "".join(
        ch
        for ch in value
        if ch == "\n" or (unicodedata.category(ch) not in ("Cc", "Cs") and ch not in _BIDI_CONTROLS)
    )


def one_line(text: object) -> str:
    """Prose on a single line: runs of whitespace (line breaks included) become one space."""
    return " ".join(clean(text).split())


# A quote that another quote follows, or that ends the text (where the template's own closing
# quotes follow): escaping these leaves no run of three quotes, wherever the text is placed.
_QUOTE_IN_RUN = re.compile(r'"(?="|\Z)')


def docstring_text(text: object) -> Escaped:
    """Text inside a `\"\"\"` docstring: backslashes doubled, and quotes escaped where they could
    join into `\"\"\"`, so that the text can neither close the docstring nor start an escape."""
    doubled = clean(text).replace("\\", "\\\\")
    return Escaped(_QUOTE_IN_RUN.sub(r'\\"', doubled))


def comment(text: object) -> Escaped:
    """Text after a `#` (or inside `<!-- -->`): one line, and no `-->`."""
    return Escaped(one_line(text).replace("-->", "-- >"))


# Characters Markdown would read as markup: code spans, emphasis, links, HTML, tables, escapes.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>|])")


def markdown(text: object) -> Escaped:
    """Prose inside a Markdown paragraph or heading: one line, markup characters escaped."""
    return Escaped(_MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text)))


def markdown_code(text: object) -> Escaped:
    """An inline Markdown code span of `text` (delimiters longer than any backtick run in it)."""
    body = one_line(text)
    longest = max((len(run) for run in re.findall("`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or longest else ""
    return Escaped(f"{fence}{pad}{body}{pad}{fence}")


def toml_string(text: object) -> Escaped:
    """A TOML basic string of `text` (one line; JSON's escapes are TOML's)."""
    return Escaped(json.dumps(one_line(text), ensure_ascii=True))


def python_literal(value: Any) -> Escaped:
    """A Python literal that evaluates to `value`, a JSON value (or tuple, frozenset).

    Anything else (a date, bytes, a non-finite number, an object) raises `UnsafeValue`: its
    repr might not be a literal. The result is checked by parsing it back.
    """
    _require_literal(value, 0)
    source = repr(value)
    if not isinstance(value, frozenset) and ast.literal_eval(source) != value:
        raise UnsafeValue(f"{_shorten(value)} does not survive being written as a literal")
    return Escaped(source)


def _require_literal(value: Any, depth: int) -> None:
    if depth > 100:
        raise UnsafeValue("a value nested more than 100 levels deep")
    if value is None or isinstance(value, (bool, int, str)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise UnsafeValue(f"{value!r} is not a JSON number")
        return
    if isinstance(value, (list, tuple, frozenset)):
        for item in value:
            _require_literal(item, depth + 1)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise UnsafeValue(f"key {_shorten(key)} is not a string")
            _require_literal(item, depth + 1)
        return
    raise UnsafeValue(f"{_shorten(value)} ({type(value).__name__}) is not a JSON value")


def identifier(name: object) -> Escaped:
    """A Python name (ASCII, not a keyword), as the naming rules made it; anything else is a
    bug upstream, refused here rather than written."""
    text = str(name)
    if not (text.isascii() and text.isidentifier()) or keyword.iskeyword(text):
        raise UnsafeValue(f"{_shorten(text)} is not a Python name")
    return Escaped(text)


_TOKEN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def token(text: object) -> Escaped:
    """A plain word (letters, digits, `_`, `.`, `-`: a distribution name, a version, an
    environment variable), safe in code, f-strings, comments, Markdown and TOML alike."""
    value = str(text)
    if not _TOKEN.fullmatch(value):
        raise UnsafeValue(f"{_shorten(value)} is not a plain name")
    return Escaped(value)


# The nodes a type annotation may hold: names, attribute access, subscripts, unions, literals.
_ANNOTATION_NODES = (
    ast.Expression,
    ast.Name,
    ast.Attribute,
    ast.Subscript,
    ast.BinOp,
    ast.BitOr,
    ast.Constant,
    ast.Tuple,
    ast.Load,
)


def annotation(text: object) -> Escaped:
    """A type annotation (`models.Job | Mapping[str, Any]`, `Literal['a', 'b']`), proven to be
    one: it parses, and holds no call, no lambda, no operator but `|`."""
    source = str(text)
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError) as exc:
        raise UnsafeValue(f"{_shorten(source)} is not a type annotation") from exc
    for node in ast.walk(tree):
        if _negative_number(node) or isinstance(node, ast.USub):
            continue  # `Literal[-1, 1]`: an enum of signed numbers
        if not isinstance(node, _ANNOTATION_NODES):
            raise UnsafeValue(
                f"{_shorten(source)} is not a plain type annotation ({type(node).__name__})"
            )
    if "\n" in source or "\r" in source:
        raise UnsafeValue(f"{_shorten(source)} spans lines")
    return Escaped(source)


def _negative_number(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and type(node.operand.value) in (int, float)
    )


def _shorten(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
