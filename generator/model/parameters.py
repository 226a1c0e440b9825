"""Path, query, header and cookie parameters as keyword arguments, with one model that checks
them all before a call is sent.

Parameters declared on the path item apply to each of its operations; an operation's own
declaration of the same name and location replaces the path item's (OpenAPI's rule).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..load.document import JSON, resolve_at
from ..problems import escape_pointer_token
from .examples import examples_of, text
from .naming import argument_name
from .operations import Parameter
from .schemas import python_type, ref_name
from .site import Site

LOCATIONS = ("path", "query", "header", "cookie")

#: Headers OpenAPI says a parameter may not describe: the client sets them itself.
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})

#: Each location's default style, and whether it explodes by default.
_DEFAULT_STYLE = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}
_QUERY_STYLES = frozenset({"form", "spaceDelimited", "pipeDelimited", "deepObject"})


@dataclass(frozen=True)
class Parameters:
    """What the model stage makes of an operation's parameters."""

    arguments: list[Parameter] = field(default_factory=list)
    model: str | None = None  # the model that checks the arguments (by JSON name)
    #: Query parameters not sent as `form` with explode: json name -> (style, explode).
    query_styles: dict[str, tuple[str, bool]] = field(default_factory=dict)
    #: Path parameters not sent as `simple` without explode: json name -> (style, explode).
    path_styles: dict[str, tuple[str, bool]] = field(default_factory=dict)
    #: Header parameters declared with `explode: true` (an object as `key=value,...`).
    exploded_headers: frozenset[str] = frozenset()


def declared_parameters(site: Site, path: str, raw: dict[str, Any]) -> list[tuple[str, Any]]:
    """(pointer, Parameter Object) for each parameter of the operation, `$ref`s followed: the
    path item's first, each replaced by the operation's own of the same name and location."""
    item = (site.doc.get("paths") or {}).get(path) or {}
    item_at = "/paths/" + escape_pointer_token(path)
    found: dict[tuple[Any, Any], tuple[str, Any]] = {}
    for holder, at in ((item, item_at), (raw, site.at)):
        for index, declared in enumerate(holder.get("parameters") or []):
            param, where = resolve_at(site.doc, declared, f"{at}/parameters/{index}")
            if isinstance(param, dict):
                found[(param.get("name"), param.get("in"))] = (where, param)
    return list(found.values())


def build_parameters(site: Site, path: str, raw: dict[str, Any]) -> Parameters:
    """The operation's parameters as arguments, the model that checks them and their styles.

    A parameter that cannot be sent makes the operation's build fail (`site.problem`), with
    the reason; a header OpenAPI says to ignore (Accept, Content-Type, Authorization) is
    dropped with a warning."""
    arguments: list[Parameter] = []
    checked: dict[str, Any] = {}  # json name -> schema, for the parameters model
    styles: dict[str, dict[str, tuple[str, bool]]] = {"query": {}, "path": {}, "header": {}}
    twice: set[str] = set()
    for where, param in declared_parameters(site, path, raw):
        relative = where[len(site.at) :] if where.startswith(site.at + "/") else ""
        location, name = param.get("in"), param.get("name")
        if location not in LOCATIONS or not isinstance(name, str):
            site.problem(
                relative,
                f"a parameter in {location!r} cannot be sent",
                "declare it in path, query, header or cookie",
            )
            continue
        if location == "header" and name.lower() in _IGNORED_HEADERS:
            site.warn(
                relative,
                f"the header parameter {name!r} is ignored, as OpenAPI says: the client sets "
                f"{name} itself",
                "nothing to do, or drop the parameter",
            )
            continue
        schema, json_text = _schema_of(site, relative, param)
        if schema is None:
            continue
        style, explode = _style_of(param, location)
        default = (_DEFAULT_STYLE[location], location in ("query", "cookie"))
        if location in styles and (style, explode) != default and not json_text:
            if location == "query" and style not in _QUERY_STYLES:
                site.problem(
                    relative + "/style",
                    f"the query style {style!r} is not one OpenAPI defines for query parameters",
                    "use form, spaceDelimited, pipeDelimited or deepObject",
                )
                continue
            styles[location][name] = (style, explode)
        arguments.append(
            Parameter(
                name=argument_name(name),
                json_name=name,
                location=location,
                annotation=python_type(schema, site.schemas),
                required=bool(param.get("required")) or location == "path",
                description=text(param.get("description")),
                examples=examples_of(param),
                json_text=json_text,
            )
        )
        if not json_text:
            if name in checked:
                twice.add(name)
            checked[name] = schema
    # The runtime checks the values of every location together, by name: a name used in two
    # places cannot be checked without mixing the two up, so neither is.
    checked = {name: schema for name, schema in checked.items() if name not in twice}
    return Parameters(
        arguments,
        _parameters_model(site, arguments, checked),
        styles["query"],
        styles["path"],
        frozenset(styles["header"]),
    )


def _schema_of(site: Site, where: str, param: dict[str, Any]) -> tuple[Any, bool]:
    """The parameter's schema, and whether its value is sent as JSON text (a parameter
    described by `content: {application/json: ...}` rather than a schema); None when it has
    neither in a form the client can send."""
    if "schema" in param:
        return param.get("schema") or {}, False
    content = param.get("content")
    if isinstance(content, dict) and len(content) == 1:
        media, described = next(iter(content.items()))
        if _is_json(str(media)) and isinstance(described, dict):
            return described.get("schema") or {}, True
        site.problem(
            where + "/content",
            f"the parameter {param.get('name')!r} is described as {media}, which the client "
            "cannot write",
            "describe it with a schema, or as application/json content",
        )
        return None, False
    site.problem(
        where,
        f"the parameter {param.get('name')!r} has neither a schema nor one content type",
        "give it a schema",
    )
    return None, False


def _is_json(media: str) -> bool:
    kind = media.split(";", 1)[0].strip().lower()
    return kind == JSON or kind.endswith("+json")


def _style_of(param: dict[str, Any], location: str) -> tuple[str, bool]:
    style = param.get("style")
    style = style if isinstance(style, str) else _DEFAULT_STYLE[location]
    explode = param.get("explode")
    return style, explode if isinstance(explode, bool) else style == "form"


def _parameters_model(
    site: Site, arguments: list[Parameter], checked: dict[str, Any]
) -> str | None:
    """One model for the path, query, header and cookie parameters, so that their constraints
    are checked too (a value sent as JSON text is sent as given)."""
    if not checked:
        return None
    ref = site.schemas.adopt(
        {
            "type": "object",
            "description": f"The parameters of `{site.operation_id}`.",
            "properties": checked,
            "required": [
                p.json_name
                for p in arguments
                if p.required and p.location in LOCATIONS and p.json_name in checked
            ],
        },
        site.stem + "Parameters",
        f"{site.at}/parameters",
    )
    return ref_name(ref["$ref"])
