"""The request body: which of its media types the method sends, its fields as keyword
arguments (or the whole body as one `body` argument), its model, checks and examples.

Among several media types the method sends the first of: JSON (`application/json`, then the
`+json` types), multipart/form-data, application/x-www-form-urlencoded, bytes
(`application/octet-stream` and other binary types), text. The others are named in the
docstring. A JSON body that is a plain object (or an `allOf` of plain objects) takes one
argument per property; any other JSON body (a union, an array, a primitive) is one `body`
argument with the annotation of its schema.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..load.document import resolve_ref
from ..problems import escape_pointer_token
from .checks import body_checks
from .examples import examples_of, text
from .media import essence, is_json
from .naming import argument_name
from .operations import Example, Parameter
from .schemas import is_object, python_type, ref_name
from .site import Site

#: The annotation of a file argument and of a bytes body (see the runtime's `_types.py`).
FILE = "FileTypes"
BYTES = "bytes | IO[bytes] | os.PathLike[str]"

#: Each encoding's usual media type: the runtime sends it when `body_content_type` is None.
_USUAL = {
    "json": "application/json",
    "form": "application/x-www-form-urlencoded",
    "binary": "application/octet-stream",
    "text": "text/plain",
}
_ORDER = ("json", "multipart", "form", "binary", "text")


@dataclass(frozen=True)
class Body:
    """What the model stage makes of an operation's request body."""

    present: bool = False
    parameters: tuple[Parameter, ...] = ()
    request_class: str | None = None
    checks: tuple[tuple[tuple[str, ...], str], ...] = ()
    examples: tuple[Example, ...] = ()
    encoding: str = "json"  # "json", "multipart", "form", "binary" or "text"
    content_type: str | None = None  # None: the encoding's usual media type
    file_fields: frozenset[str] = frozenset()
    #: The documented media types this method does not send, for its docstring.
    other_media_types: tuple[str, ...] = ()


def encoding_of(media_type: str) -> str | None:
    """How a request body of this media type is sent, or None when the client cannot."""
    kind = essence(media_type)
    if is_json(kind):
        return "json"
    if kind == "multipart/form-data":
        return "multipart"
    if kind == "application/x-www-form-urlencoded":
        return "form"
    if kind.startswith("text/"):
        return "text"
    if kind.startswith("multipart/") or "*" in kind.split("/", 1)[0]:
        return None  # other multipart kinds; `*/*`: say which
    return "binary"


def choose_media_type(content: dict[str, Any]) -> tuple[str, str] | None:
    """(media type, encoding) the method sends among a body's `content`; None when none can
    be sent. JSON prefers `application/json` itself to the `+json` types."""
    found = [(str(m), encoding_of(str(m))) for m in content]
    usable = [(media, enc) for media, enc in found if enc is not None]
    if not usable:
        return None

    def rank(choice: tuple[str, str]) -> tuple[int, bool]:
        media, encoding = choice
        return _ORDER.index(encoding), essence(media) != _USUAL.get(encoding)

    return min(usable, key=rank)


def build_body(site: Site, raw: dict[str, Any]) -> Body:
    """The body's arguments, model, encoding and media type (see the module's docstring)."""
    if "requestBody" not in raw:
        return Body()
    body = resolve_ref(site.doc, raw["requestBody"])
    content = body.get("content") if isinstance(body, dict) else None
    content = content if isinstance(content, dict) else {}
    chosen = choose_media_type(content)
    if chosen is None:
        kinds = ", ".join(str(media) for media in content) or "no content"
        site.problem(
            "/requestBody",
            f"the request body has no media type the client can send ({kinds})",
            "describe the body as JSON, multipart/form-data, form-urlencoded, bytes or text",
        )
        return Body()
    media_type, encoding = chosen
    media = content[media_type] if isinstance(content[media_type], dict) else {}
    declared = media.get("schema")
    schema: dict[str, Any] = declared if isinstance(declared, dict) else {}
    where = f"/requestBody/content/{escape_pointer_token(media_type)}/schema"
    required = bool(body.get("required"))
    usual = essence(media_type) == _USUAL.get(encoding) or encoding == "multipart"
    common = Body(  # multipart: the runtime writes the boundary into the media type
        present=True,
        examples=examples_of(media),
        encoding=encoding,
        content_type=None if usual else media_type,
        other_media_types=tuple(str(m) for m in content if m != media_type),
    )
    if encoding in ("binary", "text"):
        annotation = BYTES if encoding == "binary" else "str"
        return replace(common, parameters=(_whole(annotation, required, body, schema),))
    ref = site.schemas.adopt(schema, site.stem + "Request", site.at + where)
    properties, required_fields = _fields_of(site, ref)
    if properties is None:
        if encoding != "json":
            site.problem(
                where,
                f"the {media_type} body is not an object of fields",
                "describe the body as an object whose properties are its fields",
            )
            return Body()
        whole = _whole(python_type(ref, site.schemas), required, body, schema)
        return replace(common, parameters=(whole,))
    parameters = []
    files = set()
    for name, prop in properties.items():
        prop = prop if isinstance(prop, dict) else {}
        file_kind = _file_kind(site, prop) if encoding == "multipart" else None
        if file_kind is not None:
            files.add(name)
        parameters.append(
            Parameter(
                name=argument_name(name),
                json_name=name,
                location="body",
                annotation=file_kind or python_type(prop, site.schemas),
                required=name in required_fields,
                description=text(
                    prop.get("description") or site.schemas.resolve(prop).get("description")
                ),
            )
        )
    # An allOf body is sent as its fields but not checked as a whole: it has no model class.
    checked = "$ref" in ref and _plain_object(site.schemas.resolve(ref))
    return replace(
        common,
        parameters=tuple(parameters),
        request_class=ref_name(ref["$ref"]) if checked else None,
        checks=tuple(body_checks(site.doc, schema, (), 0)) if encoding == "json" else (),
        file_fields=frozenset(files),
    )


def _whole(annotation: str, required: bool, body: dict[str, Any], schema: Any) -> Parameter:
    """The one `body` argument of a body that is not a set of fields."""
    described = text(body.get("description")) or text(
        schema.get("description") if isinstance(schema, dict) else None
    )
    return Parameter(
        name="body",
        json_name="",
        location="content",
        annotation=annotation,
        required=required,
        description=described or "the request body.",
    )


def _fields_of(site: Site, ref: dict[str, Any]) -> tuple[dict[str, Any] | None, set[str]]:
    """The properties and required fields of a body that is a plain object, or an `allOf` of
    plain objects and of such `allOf`s (merged in order, the later part winning a name);
    (None, set()) for any other body."""
    return _merged(site, site.schemas.resolve(ref), 0)


def _merged(
    site: Site, schema: dict[str, Any], depth: int
) -> tuple[dict[str, Any] | None, set[str]]:
    if _plain_object(schema):
        return dict(schema.get("properties") or {}), set(schema.get("required") or [])
    parts = schema.get("allOf")
    if depth > 10 or not isinstance(parts, list) or not parts:
        return None, set()
    if schema.get("oneOf") or schema.get("anyOf") or schema.get("not"):
        return None, set()
    properties: dict[str, Any] = {}
    required: set[str] = set()
    for part in parts:
        resolved = site.schemas.resolve(part) if isinstance(part, dict) else {}
        found, needed = _merged(site, resolved, depth + 1)
        if found is None:
            return None, set()
        properties.update(found)
        required |= needed
    properties.update(schema.get("properties") or {})  # the schema's own, beside its allOf
    return properties, required | set(schema.get("required") or [])


def _plain_object(schema: dict[str, Any]) -> bool:
    return (
        is_object(schema)
        and not schema.get("oneOf")
        and not schema.get("anyOf")
        and not schema.get("allOf")
    )


def _file_kind(site: Site, prop: dict[str, Any]) -> str | None:
    """The annotation of a multipart field that carries a file (or a list of files)."""
    resolved = site.schemas.resolve(prop)
    if _is_file(resolved):
        return FILE
    items = resolved.get("items")
    if resolved.get("type") == "array" and isinstance(items, dict):
        if _is_file(site.schemas.resolve(items)):
            return f"Sequence[{FILE}]"
    return None


def _is_file(schema: dict[str, Any]) -> bool:
    """A string of bytes: `format: binary` (3.0), or `contentMediaType` without
    `contentEncoding` (3.1's way to say raw bytes)."""
    if schema.get("format") == "binary":
        return True
    return "contentMediaType" in schema and "contentEncoding" not in schema
