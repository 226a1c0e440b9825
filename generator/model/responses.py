"""The documented responses of an operation: status, the model of the body, examples."""

from __future__ import annotations

from typing import Any

from ..load.document import JSON, resolve_ref
from .examples import examples_of
from .operations import Response
from .schemas import ref_name
from .site import Site


def build_responses(site: Site, raw: dict[str, Any]) -> list[Response]:
    """Every documented response, with a model named for each JSON object body."""
    responses = []
    for status, response in raw["responses"].items():
        response = resolve_ref(site.doc, response)
        media = (response.get("content") or {}).get(JSON) or {}
        class_name = None
        if "schema" in media:
            ref = site.schemas.adopt(
                media["schema"],
                f"{site.stem}Response{str(status).replace('XX', 'xx').capitalize()}",
                f"{site.at}/responses/{status}/content/application~1json/schema",
            )
            class_name = ref_name(ref["$ref"]) if "$ref" in ref else None
        responses.append(Response(str(status), class_name, examples_of(media)))
    return responses
