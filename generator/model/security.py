"""Security: the document's schemes and requirements as the runtime's `SecurityScheme`s and
requirement tuples.

Each scheme becomes one way the client sends its credential: an http `bearer` token, an
`apiKey` in a header, the query or a cookie, http `basic`; `oauth2` and `openIdConnect` are
bearer tokens the caller obtains elsewhere (a warning says so). A requirement is a tuple of
alternatives, each a tuple of scheme names that must all be met; `()` means no credential.

The gateways' way is kept (`Provider.security` None: a key demanded when the client is built,
sent as a bearer token) when the document declares exactly one scheme, an http bearer one,
requires it at the top level and no operation declares its own `security`: our four curated
specs are such documents, and their packages do not change. Any other document gets the
declared behaviour, and a client of it never demands a key it may not need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..load.document import iter_operations, resolve_ref
from ..problems import Problem, escape_pointer_token
from .runtime_types import SecurityScheme

Requirement = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Security:
    """The document's security: its schemes by name, and its default requirement (None: the
    gateways' way, see the module's docstring)."""

    schemes: dict[str, SecurityScheme] = field(default_factory=dict)
    default: Requirement | None = None

    @property
    def legacy(self) -> bool:
        return self.default is None


def build_security(shown: str, doc: dict[str, Any], notices: list[Problem]) -> Security:
    """The document's security, with a warning for each scheme the client cannot serve."""
    declared = (doc.get("components") or {}).get("securitySchemes") or {}
    declared = declared if isinstance(declared, dict) else {}
    if _gateway_style(doc, declared):
        return Security()
    schemes: dict[str, SecurityScheme] = {}
    for name, raw in declared.items():
        at = "/components/securitySchemes/" + escape_pointer_token(str(name))
        scheme = _scheme(shown, at, str(name), resolve_ref(doc, raw), notices)
        if scheme is not None:
            schemes[str(name)] = scheme
    default = requirement(doc.get("security"))
    return Security(schemes, () if default is None else default)


def requirement(value: Any) -> Requirement | None:
    """A Security Requirement list as alternatives of scheme names; None when absent."""
    if not isinstance(value, list):
        return None
    return tuple(tuple(str(name) for name in item) for item in value if isinstance(item, dict))


def operation_security(security: Security, raw: dict[str, Any]) -> Requirement | None:
    """An operation's own requirement (None: the document's), in the declared mode only."""
    return None if security.legacy else requirement(raw.get("security"))


def _gateway_style(doc: dict[str, Any], declared: dict[str, Any]) -> bool:
    if len(declared) != 1:
        return False
    name, raw = next(iter(declared.items()))
    raw = resolve_ref(doc, raw)
    bearer = (
        isinstance(raw, dict)
        and raw.get("type") == "http"
        and str(raw.get("scheme", "")).lower() == "bearer"
    )
    top = requirement(doc.get("security"))
    own = any("security" in op for _, _, op in iter_operations(doc))
    return bearer and top == ((str(name),),) and not own


def _scheme(
    shown: str, at: str, name: str, raw: Any, notices: list[Problem]
) -> SecurityScheme | None:
    def warn(message: str, fix: str) -> None:
        notices.append(Problem(shown, at, message, fix, rule="security"))

    kind = raw.get("type") if isinstance(raw, dict) else None
    if kind == "http":
        http = str(raw.get("scheme", "")).lower()
        if http == "bearer":
            return SecurityScheme("bearer")
        if http == "basic":
            return SecurityScheme("basic")
        warn(
            f"the http scheme {http!r} of {name!r} is not one the client can send",
            "operations that need it can be called only with a credential given in extra_headers",
        )
        return None
    if kind == "apiKey":
        where, key = raw.get("in"), raw.get("name")
        if where in ("header", "query", "cookie") and isinstance(key, str) and key:
            return SecurityScheme(where, key)
        warn(
            f"the API key scheme {name!r} has no usable 'in' and 'name'",
            "give it in: header, query or cookie and the name the key is sent under",
        )
        return None
    if kind in ("oauth2", "openIdConnect"):
        warn(
            f"{name!r} is an {kind} scheme: the client sends the access token as a bearer "
            "token and does not obtain it",
            "nothing to do: get a token from the provider and pass it as api_key",
        )
        return SecurityScheme("bearer")
    warn(
        f"the security scheme {name!r} of type {kind!r} is not one the client can send",
        "operations that need it can be called only with a credential given in extra_headers",
    )
    return None
