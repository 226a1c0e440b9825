"""The request body: its fields as keyword arguments, its model, checks and examples."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..load.document import JSON, resolve_ref
from .checks import body_checks
from .examples import examples_of, text
from .naming import argument_name
from .operations import Example, Parameter
from .schemas import python_type, ref_name
from .site import Site


@dataclass(frozen=True)
class Body:
    """What the model stage makes of an operation's request body."""

    present: bool = False
    parameters: tuple[Parameter, ...] = ()
    request_class: str | None = None
    checks: tuple[tuple[tuple[str, ...], str], ...] = ()
    examples: tuple[Example, ...] = ()


def build_body(site: Site, raw: dict[str, Any]) -> Body:
    """The body's fields as arguments (a JSON object body: one argument per property)."""
    if "requestBody" not in raw:
        return Body()
    body = resolve_ref(site.doc, raw["requestBody"])
    content = body.get("content") or {}
    if JSON not in content:
        kinds = ", ".join(str(media) for media in content) or "no content"
        site.problem(
            "/requestBody",
            f"the request body is not {JSON} ({kinds}), which the generator cannot send yet",
            f"describe the body under content/{JSON} too, if the API accepts JSON",
        )
        return Body()
    media = content[JSON]
    schemas = site.schemas
    ref = schemas.adopt(
        media.get("schema") or {},
        site.stem + "Request",
        f"{site.at}/requestBody/content/application~1json/schema",
    )
    target = schemas.resolve(ref)
    required = set(target.get("required") or [])
    parameters = tuple(
        Parameter(
            name=argument_name(name),
            json_name=name,
            location="body",
            annotation=python_type(prop, schemas),
            required=name in required,
            description=text(prop.get("description") or schemas.resolve(prop).get("description")),
        )
        for name, prop in (target.get("properties") or {}).items()
    )
    return Body(
        present=True,
        parameters=parameters,
        request_class=ref_name(ref["$ref"]) if "$ref" in ref else None,
        checks=tuple(body_checks(site.doc, media.get("schema") or {}, (), 0)),
        examples=examples_of(media),
    )
