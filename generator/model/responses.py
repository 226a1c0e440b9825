"""The documented responses of an operation: what each success body becomes, and its examples.

A success body (2xx, `2XX`, or `default` where no 2xx is documented) becomes:

- "model": a JSON object with a class of its own (`models.Pet`), or an `allOf` of objects,
  whose class is named after the operation;
- "root": any other JSON value (an array, a primitive, a union, a map), parsed through a
  `RootModel` named after the operation and returned as its `.root` (`list[models.Pet]`);
- "none": no content (a 204, or a 2xx without `content`): the method returns None;
- "text": a `text/*` (or XML) body, returned as `str`;
- "binary": bytes (`application/octet-stream`, images, audio, video, PDF, `format: binary`),
  returned as a `BinaryResponse` that streams them;
- "events": server-sent events (`text/event-stream`) and nothing else, returned as an
  `EventStream` that reads them as they arrive.

A response that offers events beside another body (OpenAI's `stream: true`) is read as the other
body, and `events` says the operation gets a second method, `<method>_events`, for the stream.

Error responses keep what the runtime needs (it reads their bodies whatever their type); an
inline object schema there is still named, for `validate` and the mock gateway.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..load.document import resolve_ref
from ..problems import escape_pointer_token
from .examples import examples_of
from .media import EVENT_STREAM, JSON, essence, preferred
from .operations import Example, Response, success_responses
from .schemas import SchemaSet, is_object, ref_name
from .site import Site
from .types import has_class, result_type


def build_responses(site: Site, raw: dict[str, Any]) -> list[Response]:
    """Every documented response; success bodies with their kind and return annotation."""
    statuses = [str(status) for status in raw.get("responses") or {}]
    success = [s for s in statuses if s.startswith("2")] or [s for s in statuses if s == "default"]
    responses = []
    for status in statuses:
        response = resolve_ref(site.doc, raw["responses"][_key(raw["responses"], status)])
        response = response if isinstance(response, dict) else {}
        if status in success:
            responses.append(_success(site, status, response))
        else:
            responses.append(_error(site, status, response))
    return responses


def _key(responses: dict[Any, Any], status: str) -> Any:
    """The key as the document wrote it (YAML may read `200` as an int)."""
    return next(key for key in responses if str(key) == status)


def _name(site: Site, status: str) -> str:
    return f"{site.stem}Response{status.replace('XX', 'xx').capitalize()}"


def _at(site: Site, status: str, media_type: str) -> str:
    tokens = (status, "content", media_type)
    return f"{site.at}/responses/" + "/".join(escape_pointer_token(t) for t in tokens) + "/schema"


def _error(site: Site, status: str, response: dict[str, Any]) -> Response:
    """An error response: a JSON object body gets a model, as it always has."""
    media = (response.get("content") or {}).get(JSON) or {}
    class_name = None
    if "schema" in media:
        ref = site.schemas.adopt(media["schema"], _name(site, status), _at(site, status, JSON))
        class_name = ref_name(ref["$ref"]) if "$ref" in ref else None
    return Response(status, class_name, examples_of(media))


def _success(site: Site, status: str, response: dict[str, Any]) -> Response:
    content = response.get("content")
    content = content if isinstance(content, dict) else {}
    chosen = preferred(content)
    if chosen is None:
        return Response(status, None, (), kind="none", annotation="None")
    media_type, media, sort = chosen
    examples = examples_of(media)
    if sort == "events":
        return Response(status, None, examples, "events", "EventStream", media_type)
    offers_events = any(essence(str(other)) == EVENT_STREAM for other in content)
    return replace(_body(site, status, media_type, media, sort, examples), events=offers_events)


def _body(
    site: Site,
    status: str,
    media_type: str,
    media: dict[str, Any],
    sort: str,
    examples: tuple[Example, ...],
) -> Response:
    """A success body read whole: as text, bytes, a model or a RootModel's value."""
    if sort == "text":
        return Response(status, None, examples, "text", "str", media_type)
    if sort == "binary":
        return Response(status, None, examples, "binary", "BinaryResponse", media_type)
    schemas = site.schemas
    where = _at(site, status, media_type)
    ref = schemas.adopt(media.get("schema") or {}, _name(site, status), where)
    name = ref_name(ref["$ref"]) if isinstance(ref.get("$ref"), str) else None
    if name is not None and has_class(name, schemas):
        component = schemas.schemas[name]
        if _written_as_root(component):  # its `.root` is what the caller wants
            annotation = result_type(component, schemas)
            return Response(status, name, examples, "root", annotation, media_type)
        return Response(status, name, examples, "model", f"models.{name}", media_type)
    if _composes_objects(ref, schemas, 0):
        # Declared an object, it is a model class of its own, inheriting each part.
        composed = {"type": "object", **ref} if "$ref" not in ref else {"allOf": [ref]}
        root = schemas.name_root({**composed, "type": "object"}, _name(site, status), where)
        return Response(status, root, examples, "model", f"models.{root}", media_type)
    root = schemas.name_root(ref, _name(site, status), where)
    # Anything else is read through a RootModel of its own, whose `.root` is returned.
    return Response(status, root, examples, "root", result_type(ref, schemas), media_type)


def _composes_objects(schema: dict[str, Any], schemas: SchemaSet, depth: int) -> bool:
    """Whether a schema without a class of its own is an `allOf` of objects (or of such
    `allOf`s), through `$ref`s: the model emitter writes it as a plain model that inherits
    each part (OpenAI's `AdminApiKeyCreateResponse`), not as a `RootModel`."""
    schema = schemas.resolve(schema)
    if is_object(schema):
        return depth > 0
    parts = schema.get("allOf")
    if not isinstance(parts, list) or not parts or depth > 20:
        return False
    if schema.get("oneOf") or schema.get("anyOf") or schema.get("type") not in (None, "object"):
        return False
    return all(isinstance(p, dict) and _composes_objects(p, schemas, depth + 1) for p in parts)


def _written_as_root(schema: dict[str, Any]) -> bool:
    """Whether the emitter writes a component with a class as a `RootModel`: a union (even
    with properties), a map without properties, or a non-object that refers to itself."""
    if not is_object(schema):
        return True
    if schema.get("oneOf") or schema.get("anyOf"):
        return True
    return not schema.get("properties") and isinstance(schema.get("additionalProperties"), dict)


def primary_response(responses: list[Response]) -> Response | None:
    """What a call returns when its status has no response of its own (see
    `success_responses`)."""
    success = success_responses(responses)
    return success[0] if success else None
