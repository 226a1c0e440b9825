"""Turning a call's arguments into the parts of an HTTP request, as OpenAPI describes them.

Parameters: query parameters in every `style` OpenAPI defines for them (`form` with and without
explode, `spaceDelimited`, `pipeDelimited`, `deepObject`); header, cookie and path parameters in
the `simple` style. Bodies: JSON (any JSON value), multipart with files, form-urlencoded, raw
bytes and text.

Files are never read whole into memory here: a path is opened and streamed in chunks, and so
is a file object (a raw body from where the file stands, a multipart part from its start, as
httpx sends parts). A retry sends the same bytes again; a file that cannot be rewound makes the
request one that is not retried. The files this module opens are closed by
`EncodedBody.close()` once the call is over.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote, urlencode

from ._errors import ValidationError
from ._headers import value_problem
from ._spec import Operation
from ._types import NOT_GIVEN

__all__ = [
    "EncodedBody",
    "cookie_header",
    "encode_body",
    "header_values",
    "query_items",
    "simple_style",
    "split_files",
]

_CHUNK = 1 << 16  # bytes read from a file at a time
_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}
_USUAL_TYPES = {
    "json": "application/json",
    "form": "application/x-www-form-urlencoded",
    "binary": "application/octet-stream",
    "text": "text/plain",
}


def _primitive(value: Any) -> str:
    """A scalar as text in a URL or header: booleans as JSON spells them, None as nothing."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)


def _text(value: Any) -> str:
    """A scalar as `_primitive` does; a nested list or object as compact JSON."""
    if isinstance(value, (Mapping, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _primitive(value)


def _joined(value: Any, delimiter: str) -> str:
    """An array or object in a non-exploded style: `a,b,c`, or `key,value,key,value`."""
    if isinstance(value, Mapping):
        return delimiter.join(_text(part) for pair in value.items() for part in pair)
    if isinstance(value, list):
        return delimiter.join(_text(item) for item in value)
    return _primitive(value)


def simple_style(value: Any, explode: bool = False) -> str:
    """A path, header or cookie value in OpenAPI's `simple` style: lists comma-joined, an
    object `key,value,key,value`, or exploded `key=value,key=value`."""
    if explode and isinstance(value, Mapping):
        return ",".join(f"{key}={_text(item)}" for key, item in value.items())
    return _joined(value, ",")


def path_segment(name: str, value: Any, style: str = "simple", explode: bool = False) -> str:
    """A path parameter as the URL spells it in its style (RFC 6570, as OpenAPI uses it):
    `simple` `3,4`, `label` `.3,4` (exploded `.3.4`), `matrix` `;id=3,4` (exploded
    `;id=3;id=4`; an object `;R=100;G=200`). Each name and value is percent-encoded (a `/` too:
    the value stays in its segment); the style's own delimiters are not."""

    def encoded(item: Any) -> str:
        return quote(item if isinstance(item, str) else _text(item), safe="")

    if isinstance(value, Mapping):
        pairs = [(encoded(str(key)), encoded(item)) for key, item in value.items()]
        parts = [f"{k}={v}" for k, v in pairs] if explode else [p for pair in pairs for p in pair]
    elif isinstance(value, list):
        parts = [encoded(item) for item in value]
    else:
        parts = [encoded(value)]
    if style == "label":
        return "." + ("." if explode else ",").join(parts)
    if style != "matrix":
        return ",".join(parts)
    key = encoded(name)
    if explode and isinstance(value, Mapping):
        return "".join(f";{part}" for part in parts)
    if explode and isinstance(value, list):
        return "".join(f";{key}={part}" for part in parts)
    joined = ",".join(parts)
    return f";{key}={joined}" if joined else f";{key}"


def _exploded(name: str, value: Any) -> list[tuple[str, str]]:
    """`form` with explode: a list repeats its key, an object gives one key per property.

    What OpenAPI leaves undefined (an object inside) is sent as JSON text.
    """
    if isinstance(value, list):
        return [(name, _text(item)) for item in value]
    if isinstance(value, Mapping):
        return [(key, _text(item)) for key, item in value.items()]
    return [(name, _primitive(value))]


def _deep_object(name: str, value: Any) -> list[tuple[str, str]]:
    """`deepObject`: `name[property]=value`, nested objects one bracket deeper, lists repeated."""
    if isinstance(value, Mapping):
        return [
            pair for key, item in value.items() for pair in _deep_object(f"{name}[{key}]", item)
        ]
    if isinstance(value, list):
        return [(name, _text(item)) for item in value]
    return [(name, _primitive(value))]


def query_items(
    params: Mapping[str, Any], styles: Mapping[str, tuple[str, bool]]
) -> list[tuple[str, Any]]:
    """The query string's (name, value) pairs, in argument order, each in its declared style.

    `params` holds JSON values (see `to_jsonable`); a name without an entry in `styles` is
    `form` with explode, the OpenAPI default.
    """
    items: list[tuple[str, Any]] = []
    for name, value in params.items():
        style, explode = styles.get(name, ("form", True))
        if style == "deepObject":
            items += _deep_object(name, value)
        elif style in _DELIMITERS and not explode and isinstance(value, (Mapping, list)):
            items.append((name, _joined(value, _DELIMITERS[style])))
        else:
            items += _exploded(name, value)
    return items


def _refused(operation: Operation[Any], problems: list[tuple[str, str]]) -> ValidationError:
    listed = "; ".join(f"{name}: {message}" for name, message in problems)
    return ValidationError(
        f"{operation.name} was not sent: {listed}.", operation=operation.name, problems=problems
    )


def header_values(operation: Operation[Any], headers: Mapping[str, Any]) -> dict[str, str]:
    """The documented header parameters to send (wire name -> text); `NOT_GIVEN` left out.

    A value no header may carry is a `ValidationError` naming the argument, raised before
    anything is sent.
    """
    sent: dict[str, str] = {}
    problems = []
    for name, value in headers.items():
        if value is NOT_GIVEN:
            continue
        text = simple_style(value, explode=name in operation.exploded_headers)
        problem = value_problem(text)
        if problem is not None:
            problems.append((operation.arguments.get(name, name), problem))
        sent[name] = text
    if problems:
        raise _refused(operation, problems)
    return sent


def cookie_header(operation: Operation[Any], cookies: Mapping[str, Any]) -> list[str]:
    """The documented cookie parameters as `name=value` pairs for the Cookie header."""
    pairs = []
    problems = []
    for name, value in cookies.items():
        if value is NOT_GIVEN:
            continue
        text = simple_style(value)
        problem = value_problem(text)
        if problem is None and any(c in text for c in ';" \t'):
            problem = "a cookie value may not hold ';', '\"' or whitespace"
        if problem is not None:
            problems.append((operation.arguments.get(name, name), problem))
        pairs.append(f"{name}={text}")
    if problems:
        raise _refused(operation, problems)
    return pairs


# -- bodies ----------------------------------------------------------------------------------


@dataclass
class EncodedBody:
    """A request body ready for httpx, and what the task ledger may keep of it.

    At most one of `content` and `files` (multipart parts) is set. `record` is the
    JSON value written to the ledger and kept in errors: the JSON payload, or the non-file fields
    with the file names (never a file's contents).
    """

    content: Any = None
    files: list[tuple[str, Any]] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    record: Any = None
    #: False when a file object cannot be rewound: the body can be sent only once.
    replayable: bool = True
    opened: ExitStack = field(default_factory=ExitStack)

    def open(self, path: os.PathLike[str]) -> IO[bytes]:
        """`path` opened for reading, until `close()`."""
        return self.opened.enter_context(Path(path).open("rb"))

    def close(self) -> None:
        """Close the files this body opened (paths); file objects the caller passed stay open."""
        self.opened.close()


class _FileChunks:
    """A binary file sent in chunks, from where it stood, as often as the request is sent."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self._start = handle.tell() if _rewindable(handle) else None

    def length(self) -> int | None:
        """The bytes left to send, when the file can tell."""
        if self._start is None:
            return None
        try:
            size = os.fstat(self._handle.fileno()).st_size
        except (AttributeError, OSError, ValueError):
            end = self._handle.seek(0, os.SEEK_END)
            self._handle.seek(self._start)
            return end - self._start
        return max(size - self._start, 0)

    def _chunks(self) -> Iterator[bytes]:
        if self._start is not None:
            self._handle.seek(self._start)
        while chunk := self._handle.read(_CHUNK):
            yield chunk


class _SyncFileStream(_FileChunks):
    def __iter__(self) -> Iterator[bytes]:
        return self._chunks()


class _AsyncFileStream(_FileChunks):
    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks():
            yield chunk


def _is_file(value: Any) -> bool:
    return callable(getattr(value, "read", None))


def _rewindable(handle: Any) -> bool:
    seekable = getattr(handle, "seekable", None)
    return bool(callable(seekable) and seekable())


def _file_name(value: Any, default: str) -> str:
    if isinstance(value, os.PathLike):
        return Path(value).name
    name = getattr(value, "name", None)
    if isinstance(name, str) and name:
        return Path(name).name
    return default


def _file_part(
    operation: Operation[Any], field_name: str, value: Any, body: EncodedBody
) -> tuple[Any, ...]:
    """One file as httpx's `(filename, file)` or `(filename, file, content_type)` tuple.

    A path is opened here (and closed with the body); bytes without a name take the field's.
    """
    filename: str | None = None
    content_type: str | None = None
    content = value
    if isinstance(value, tuple):
        if len(value) not in (2, 3) or not isinstance(value[0], (str, type(None))):
            raise _bad_file(operation, field_name, value)
        filename, content = value[0], value[1]
        content_type = value[2] if len(value) == 3 else None
    if isinstance(content, os.PathLike):
        handle = body.open(content)
        filename = filename or _file_name(content, field_name)
        content = handle
    elif isinstance(content, (bytes, bytearray)):
        content = bytes(content)
    elif not _is_file(content) or isinstance(content, str):
        raise _bad_file(operation, field_name, value)
    else:
        body.replayable = body.replayable and _rewindable(content)
    name = filename or _file_name(content, field_name)
    return (name, content) if content_type is None else (name, content, content_type)


def _bad_file(operation: Operation[Any], field_name: str, value: Any) -> TypeError:
    argument = operation.arguments.get(field_name, field_name)
    return TypeError(
        f"{operation.name} was not sent: {argument} takes a file, given as bytes, a binary file "
        "object, a pathlib.Path, or a tuple (filename, content[, content_type]); got "
        f"{type(value).__name__}. For a file on disk pass pathlib.Path('...'): a plain string "
        "is not read as a path."
    )


def _files_of(
    operation: Operation[Any], name: str, value: Any, body: EncodedBody
) -> list[tuple[str, Any]]:
    """The parts of one file field: a list of files gives one part each."""
    if isinstance(value, list):
        return [(name, _file_part(operation, name, item, body)) for item in value]
    return [(name, _file_part(operation, name, value, body))]


def _form_text(value: Any) -> list[str]:
    """A multipart or form field's values: lists of scalars repeat, objects are JSON text."""
    if isinstance(value, list) and all(not isinstance(i, (Mapping, list)) for i in value):
        return [_primitive(item) for item in value]
    return [_text(value)]


def split_files(operation: Operation[Any], body: Any) -> tuple[Any, dict[str, Any]]:
    """A multipart body as (its other fields, its file fields); other encodings unchanged."""
    if operation.body_encoding != "multipart" or not isinstance(body, Mapping):
        return body, {}
    fields = {k: v for k, v in body.items() if v is not NOT_GIVEN}
    files = {k: fields.pop(k) for k in operation.file_fields if k in fields}
    return fields, files


def _recorded_file(value: Any, field_name: str) -> Any:
    if isinstance(value, list):
        return [_recorded_file(item, field_name) for item in value]
    if isinstance(value, tuple) and value and isinstance(value[0], str):
        return value[0]
    return _file_name(value, field_name)


def _multipart_parts(
    operation: Operation[Any],
    fields: Mapping[str, Any],
    files: Mapping[str, Any],
    order: Sequence[str],
    body: EncodedBody,
) -> list[tuple[str, Any]]:
    """Every part, in the order the caller gave the fields (fields added by `extra_body` last).

    A text field is a part without a file name (httpx sends it as a plain field).
    """
    names = [name for name in order if name in fields or name in files]
    names += [name for name in fields if name not in names]
    parts: list[tuple[str, Any]] = []
    for name in names:
        if name in files:
            parts += _files_of(operation, name, files[name], body)
        else:
            parts += [(name, (None, text.encode("utf-8"))) for text in _form_text(fields[name])]
    return parts


def _mapping(operation: Operation[Any], payload: Any) -> Mapping[str, Any]:
    if payload is None:
        return {}
    if not isinstance(payload, Mapping):
        raise TypeError(
            f"{operation.name} sends its body as {operation.body_encoding} fields: pass a "
            f"mapping of field names to values, not {type(payload).__name__}."
        )
    return payload


def _binary(
    operation: Operation[Any], payload: Any, body: EncodedBody, *, asynchronous: bool
) -> None:
    """Raw bytes: given as bytes, a binary file object or a path, streamed from a file."""
    if isinstance(payload, (bytes, bytearray)):
        body.content = bytes(payload)
        body.record = f"<{len(payload)} bytes>"
        return
    if isinstance(payload, os.PathLike):
        handle: IO[bytes] = body.open(payload)
    elif _is_file(payload) and not isinstance(payload, str):
        handle = payload
    else:
        raise TypeError(
            f"{operation.name} sends raw bytes: pass bytes, a binary file object or a "
            f"pathlib.Path, not {type(payload).__name__}."
        )
    body.replayable = _rewindable(handle)
    stream = _AsyncFileStream(handle) if asynchronous else _SyncFileStream(handle)
    length = stream.length()
    if length is not None:
        body.headers["Content-Length"] = str(length)
    body.content = stream
    body.record = _file_name(payload, "(body)")


def encode_body(
    operation: Operation[Any],
    payload: Any,
    files: Mapping[str, Any],
    *,
    asynchronous: bool,
    order: Sequence[str] = (),
) -> EncodedBody:
    """The body of `operation`: `payload` is the JSON form of what the caller gave (for
    multipart, its non-file fields), `files` the file fields as given, `order` the fields'
    order as given (multipart parts keep it)."""
    encoding = operation.body_encoding
    usual = _USUAL_TYPES.get(encoding)
    content_type = operation.body_content_type or usual
    body = EncodedBody(record=payload)
    if payload is None and not files:
        return body
    if encoding == "json":
        try:
            text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"The arguments of {operation.name} cannot be sent as JSON: {exc}. Pass "
                "strings, finite numbers, booleans, None, lists, dicts or the package's "
                "models."
            ) from exc
        body.content = text.encode("utf-8")
    elif encoding == "form":  # as a query string in `form` style, exploded; null is left out
        fields = _mapping(operation, payload)
        pairs = [
            pair
            for name, value in fields.items()
            if value is not None
            for pair in _exploded(name, value)
        ]
        body.content = urlencode(pairs).encode("ascii")
    elif encoding == "multipart":
        fields = _mapping(operation, payload)
        try:
            parts = _multipart_parts(operation, fields, files, order, body)
        except BaseException:
            body.close()
            raise
        if parts:
            body.files = parts
            content_type = None  # httpx sends multipart/form-data with the boundary it chose
        else:  # no fields at all: httpx would send no body, so the empty multipart is made here
            boundary = secrets.token_hex(16)
            body.content = f"--{boundary}--\r\n".encode("ascii")
            content_type = f"multipart/form-data; boundary={boundary}"
        body.record = {**fields, **{k: _recorded_file(v, k) for k, v in files.items()}}
    elif encoding == "text":
        if not isinstance(payload, str):
            raise TypeError(
                f"{operation.name} sends text: pass the body as a str, not "
                f"{type(payload).__name__}."
            )
        body.content = payload.encode("utf-8")
    elif encoding == "binary":
        _binary(operation, payload, body, asynchronous=asynchronous)
    else:
        raise TypeError(f"{operation.name} declares an unknown body encoding {encoding!r}.")
    if content_type is not None:
        body.headers["Content-Type"] = content_type
    return body
