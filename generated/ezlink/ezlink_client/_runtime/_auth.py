"""Credentials: which of an operation's security requirements a call meets, and how it is sent.

A published API declares its security schemes (bearer tokens, API keys in a header, the query or
a cookie, HTTP basic) and, per operation, alternatives of schemes that must all be satisfied.
The client's one API key (`api_key=` or the environment variable) serves every bearer and
API-key scheme; `basic_auth=(user, password)` serves basic. For each call the first alternative
whose schemes all have a credential is used; when none can be, nothing is sent and the error
says which argument would help. No message, repr or log shows a credential.

The four gateways (a `Provider` without `security`) keep their rule: a key is demanded when the
client is built and sent as a bearer token with every request.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

from ._errors import ConfigurationError
from ._keys import REDACTED, Secret
from ._spec import SECURITY_KINDS, Operation, Provider, SecurityScheme

__all__ = [
    "Applied",
    "Credentials",
    "applied_credentials",
    "credential_headers",
    "guard_httpx_log",
    "redacted_request",
]


@dataclass(frozen=True)
class Credentials:
    """What the client holds: the API key and the basic-auth pair, each possibly absent."""

    api_key: Secret | None = None
    basic: Secret | None = None  # "user:password"

    @staticmethod
    def basic_pair(value: Any, where: str) -> Secret | None:
        """`basic_auth=(user, password)` checked, kept as one secret; None stays None."""
        if value is None:
            return None
        if (
            not isinstance(value, tuple)
            or len(value) != 2
            or not all(isinstance(part, str) for part in value)
        ):
            raise ConfigurationError(
                f"{where} takes a (user, password) tuple of two strings; got a "
                f"{type(value).__name__}. The values are not shown."
            )
        user, password = value  # sent as base64 of UTF-8: any character can go in either
        if ":" in user:
            raise ConfigurationError(
                f"The user name given to {where} holds ':', which HTTP basic auth cannot carry."
            )
        return Secret(f"{user}:{password}")

    def has(self, scheme: SecurityScheme) -> bool:
        """Whether this scheme can be satisfied: a kind the runtime sends, and its credential."""
        if scheme.kind not in SECURITY_KINDS:
            return False
        return (self.basic if scheme.kind == "basic" else self.api_key) is not None


@dataclass
class Applied:
    """The credentials of one call, by where they go."""

    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    cookies: list[str] = field(default_factory=list)


def _requirement(provider: Provider, operation: Operation[Any]) -> tuple[tuple[str, ...], ...]:
    if operation.security is not None:
        return operation.security
    return provider.security or ()


def applied_credentials(
    provider: Provider, operation: Operation[Any], credentials: Credentials, client: str
) -> Applied:
    """The credentials to send with `operation`; `ConfigurationError` when none will do."""
    applied = Applied()
    alternatives = _requirement(provider, operation)
    if not alternatives:
        return applied
    # In order: an empty alternative (auth optional) is met by nothing, but one listed before
    # it is still used when its credentials are there.
    for alternative in alternatives:
        schemes = [provider.security_schemes.get(name) for name in alternative]
        if all(scheme is not None and credentials.has(scheme) for scheme in schemes):
            for scheme in schemes:
                assert scheme is not None
                _apply(scheme, credentials, applied)
            return applied
    raise ConfigurationError(_unmet(provider, operation, alternatives, client))


def _apply(scheme: SecurityScheme, credentials: Credentials, applied: Applied) -> None:
    if scheme.kind == "basic":
        assert credentials.basic is not None
        token = base64.b64encode(credentials.basic.get().encode("utf-8")).decode("ascii")
        applied.headers["Authorization"] = f"Basic {token}"
        return
    assert credentials.api_key is not None
    key = credentials.api_key.get()
    if scheme.kind == "bearer":
        applied.headers["Authorization"] = f"Bearer {key}"
    elif scheme.kind == "header" and scheme.name:
        applied.headers[scheme.name] = key
    elif scheme.kind == "query" and scheme.name:
        applied.query[scheme.name] = key
    elif scheme.kind == "cookie" and scheme.name:
        applied.cookies.append(f"{scheme.name}={key}")


def _unmet(
    provider: Provider,
    operation: Operation[Any],
    alternatives: tuple[tuple[str, ...], ...],
    client: str,
) -> str:
    listed = " or ".join(" and ".join(alternative) for alternative in alternatives)
    wanted = SECURITY_KINDS & {
        provider.security_schemes[name].kind
        for alternative in alternatives
        for name in alternative
        if name in provider.security_schemes
    }
    ways = []
    if wanted - {"basic"}:
        ways.append(
            f"pass api_key=... to {client}() or set the environment variable {provider.api_key_env}"
        )
    if "basic" in wanted:
        ways.append(f"pass basic_auth=(user, password) to {client}()")
    schemes = provider.security_schemes
    unknown = [
        name
        for alternative in alternatives
        for name in alternative
        if name not in schemes or schemes[name].kind not in SECURITY_KINDS
    ]
    text = (
        f"{operation.name} was not sent: it needs the credentials of {listed}, and the client "
        "has none that meet them."
    )
    if ways:
        text += " To give them, " + "; or ".join(ways) + "."
    if unknown:
        text += (
            f" The scheme(s) {', '.join(unknown)} are not described by the API, or are of a kind "
            "this client cannot send."
        )
    return text


def _secret_places(provider: Provider) -> tuple[set[str], set[str], set[str]]:
    """The header (lower case), query and cookie names that carry a credential."""
    headers, query, cookies = {"authorization"}, set(), set()
    for scheme in provider.security_schemes.values():
        if scheme.name and scheme.kind == "header":
            headers.add(scheme.name.lower())
        elif scheme.name and scheme.kind == "query":
            query.add(scheme.name)
        elif scheme.name and scheme.kind == "cookie":
            cookies.add(scheme.name)
    return headers, query, cookies


def credential_headers(provider: Provider) -> frozenset[str]:
    """The headers besides Authorization that carry the API key (lower case)."""
    return frozenset(_secret_places(provider)[0] - {"authorization"})


def _redacted_cookie(value: str, names: set[str]) -> str:
    pairs = []
    for pair in value.split("; "):
        name = pair.split("=", 1)[0]
        pairs.append(f"{name}={REDACTED}" if name in names else pair)
    return "; ".join(pairs)


def redacted_request(provider: Provider, request: httpx.Request) -> httpx.Request:
    """A copy of `request` that is safe to keep in an error or a log: no credential in it.

    A streamed body (a file being uploaded) is not copied: it is not held in memory.
    """
    secret_headers, secret_query, secret_cookies = _secret_places(provider)
    headers = httpx.Headers(request.headers)
    for name in list(headers.keys()):
        lowered = name.lower()
        if lowered == "authorization":
            scheme = headers[name].split(" ", 1)[0] if " " in headers[name] else "Bearer"
            headers[name] = f"{scheme} {REDACTED}"
        elif lowered in secret_headers:
            headers[name] = REDACTED
        elif lowered == "cookie" and secret_cookies:
            headers[name] = _redacted_cookie(headers[name], secret_cookies)
    url = _redacted_url(request.url, frozenset(secret_query))
    try:
        content: bytes | None = request.content
    except httpx.RequestNotRead:
        content = None
    return httpx.Request(request.method, url, headers=headers, content=content)


def _redacted_url(url: httpx.URL, names: frozenset[str]) -> httpx.URL:
    for name in names:
        if name in url.params:
            url = url.copy_set_param(name, REDACTED)
    return url


class _QueryKeyFilter(logging.Filter):
    """Redacts API keys sent in the query from the URLs httpx logs ("HTTP Request: GET ...")."""

    def __init__(self, names: frozenset[str]) -> None:
        super().__init__()
        self.names = names

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(
            isinstance(arg, httpx.URL) for arg in record.args
        ):
            record.args = tuple(
                _redacted_url(arg, self.names) if isinstance(arg, httpx.URL) else arg
                for arg in record.args
            )
        return True


def guard_httpx_log(provider: Provider) -> None:
    """Keep a query-string API key out of httpx's own request log, once per set of names.

    httpx logs every request's URL at INFO; an application that shows INFO logs would print
    the key. The filter changes only the URLs it logs, and only those parameters.
    """
    _, query, _ = _secret_places(provider)
    names = frozenset(query)
    if not names:
        return
    log = logging.getLogger("httpx")
    if not any(isinstance(f, _QueryKeyFilter) and f.names == names for f in log.filters):
        log.addFilter(_QueryKeyFilter(names))
