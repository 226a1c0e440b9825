"""Path and query parameters as keyword arguments, with one model that checks them all."""

from __future__ import annotations

from typing import Any

from ..load.document import resolve_ref
from .examples import examples_of, text
from .naming import argument_name
from .operations import Parameter
from .schemas import python_type, ref_name
from .site import Site


def build_parameters(site: Site, raw: dict[str, Any]) -> tuple[list[Parameter], str | None]:
    """The operation's parameters as arguments, and the model that checks them (if any)."""
    parameters: list[Parameter] = []
    for index, param in enumerate(raw.get("parameters") or []):
        param = resolve_ref(site.doc, param)
        location = param.get("in")
        if location not in ("path", "query"):
            site.problem(
                f"/parameters/{index}",
                f"{location} parameters are not supported",
                "describe headers and cookies in the security scheme, or drop the parameter",
            )
            continue
        parameters.append(
            Parameter(
                name=argument_name(param["name"]),
                json_name=param["name"],
                location=location,
                annotation=python_type(param.get("schema") or {}, site.schemas),
                required=bool(param.get("required")) or location == "path",
                description=text(param.get("description")),
                examples=examples_of(param),
            )
        )
    if not parameters:
        return parameters, None
    # One model for the path and query parameters, so their constraints are checked too.
    ref = site.schemas.adopt(
        {
            "type": "object",
            "description": f"The path and query parameters of `{site.operation_id}`.",
            "properties": {
                p["name"]: p.get("schema") or {}
                for p in (resolve_ref(site.doc, q) for q in raw.get("parameters") or [])
                if p.get("in") in ("path", "query")
            },
            "required": [p.json_name for p in parameters if p.required],
        },
        site.stem + "Parameters",
        f"{site.at}/parameters",
    )
    return parameters, ref_name(ref["$ref"])
