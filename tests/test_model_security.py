"""Security as a published document declares it: each scheme becomes the runtime's way to send
the credential, requirements follow the document and each operation's override, and a client
of an API without auth never demands a key. The gateways' documents keep their behaviour."""

from __future__ import annotations

import base64
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import respx

from generator.load.loader import load_spec
from generator.model.ir import build_provider
from generator.pipeline import generate
from generator.runtime import SecurityScheme
from tests.spec_cases import provider, providers

BASE_URL = "https://secure.test"
OK = (
    '{"200": {description: ok, content: {application/json: '
    "{schema: {type: object, properties: {ok: {type: boolean}}}}}}}"
)


def operation(path: str, operation_id: str, security: str | None) -> str:
    own = f"\n      security: {security}" if security is not None else ""
    return f"""\
  {path}:
    get:
      operationId: {operation_id}{own}
      responses: {OK}"""


SPEC = "\n".join(
    [
        f"""\
openapi: 3.1.0
info: {{title: Secure, version: "1"}}
servers: [{{url: "{BASE_URL}"}}]
security: [{{headerKey: []}}]
paths:""",
        operation("/default", "byDefault", None),
        operation("/open", "openToAll", "[]"),
        operation("/basic", "withBasic", "[{basicAuth: []}]"),
        operation("/query", "withQueryKey", "[{queryKey: []}, {basicAuth: []}]"),
        operation("/oauth", "withOauth", "[{oauth: []}]"),
        operation("/cookie", "withCookie", "[{cookieKey: [], headerKey: []}]"),
        """\
components:
  securitySchemes:
    headerKey: {type: apiKey, in: header, name: X-Api-Key}
    queryKey: {type: apiKey, in: query, name: api_key}
    cookieKey: {type: apiKey, in: cookie, name: session}
    basicAuth: {type: http, scheme: basic}
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: "https://secure.test/token", scopes: {}}}
    digest: {type: http, scheme: digest}
""",
    ]
)


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secure") / "secure.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def secure(spec: Path) -> Iterator[ModuleType]:
    out = spec.parent / "out"
    generate([spec], out, whole_folder=False)
    sys.path.insert(0, str(out / "secure"))
    try:
        yield importlib.import_module("secure_client")
    finally:
        sys.path.remove(str(out / "secure"))
        for name in [m for m in sys.modules if m.split(".")[0] == "secure_client"]:
            del sys.modules[name]


@pytest.fixture
def no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECURE_API_KEY", raising=False)


def test_schemes_and_requirements_as_declared(spec: Path) -> None:
    provider = build_provider(load_spec(spec))
    assert provider.security_schemes == {
        "headerKey": SecurityScheme("header", "X-Api-Key"),
        "queryKey": SecurityScheme("query", "api_key"),
        "cookieKey": SecurityScheme("cookie", "session"),
        "basicAuth": SecurityScheme("basic"),
        "oauth": SecurityScheme("bearer"),
    }
    assert provider.security == (("headerKey",),)
    assert {op.method_name: op.security for op in provider.operations} == {
        "by_default": None,
        "open_to_all": (),
        "with_basic": (("basicAuth",),),
        "with_query_key": (("queryKey",), ("basicAuth",)),
        "with_oauth": (("oauth",),),
        "with_cookie": (("cookieKey", "headerKey"),),
    }
    assert [(n.rule, n.pointer, n.message) for n in provider.notices] == [
        (
            "security",
            "/components/securitySchemes/oauth",
            "'oauth' is an oauth2 scheme: the client sends the access token as a bearer token "
            "and does not obtain it",
        ),
        (
            "security",
            "/components/securitySchemes/digest",
            "the http scheme 'digest' of 'digest' is not one the client can send",
        ),
    ]


def test_the_gateways_keep_their_way(spec: Path, tmp_path: Path) -> None:
    for name in providers():
        curated = provider(name)
        assert curated.security is None, name
        assert all(op.security is None for op in curated.operations), name
    one_bearer = SPEC.replace("security: [{headerKey: []}]", "security: [{bearer: []}]")
    one_bearer = one_bearer.split("  /open:")[0] + "components:\n  securitySchemes:\n"
    one_bearer += "    bearer: {type: http, scheme: bearer}\n"
    path = tmp_path / "gateway_like.yaml"
    path.write_text(one_bearer, encoding="utf-8")
    assert build_provider(load_spec(path)).security is None


def sent_headers(secure: ModuleType, path: str, method: str, **options: object) -> object:
    with respx.mock() as router:
        route = router.get(url__startswith=BASE_URL + path).respond(json={"ok": True})
        with secure.Client(base_url=BASE_URL, **options) as client:
            getattr(client, method)()
        return route.calls.last.request


def test_a_client_without_a_key_calls_what_needs_none(secure: ModuleType, no_key: None) -> None:
    request = sent_headers(secure, "/open", "open_to_all")
    assert "Authorization" not in request.headers  # type: ignore[attr-defined]
    assert "X-Api-Key" not in request.headers  # type: ignore[attr-defined]


def test_a_missing_key_is_named_before_anything_is_sent(secure: ModuleType, no_key: None) -> None:
    with respx.mock(assert_all_called=False) as router:
        route = router.get(url__startswith=BASE_URL).respond(json={"ok": True})
        with secure.Client(base_url=BASE_URL) as client:
            with pytest.raises(secure.ConfigurationError, match="SECURE_API_KEY"):
                client.by_default()
        assert not route.called


def test_each_scheme_sends_the_credential_where_declared(secure: ModuleType, no_key: None) -> None:
    request = sent_headers(secure, "/default", "by_default", api_key="k-1")
    assert request.headers["X-Api-Key"] == "k-1"  # type: ignore[attr-defined]
    request = sent_headers(secure, "/query", "with_query_key", api_key="k-2")
    assert request.url.params["api_key"] == "k-2"  # type: ignore[attr-defined]
    request = sent_headers(secure, "/oauth", "with_oauth", api_key="token")
    assert request.headers["Authorization"] == "Bearer token"  # type: ignore[attr-defined]
    request = sent_headers(secure, "/cookie", "with_cookie", api_key="k-3")
    assert request.headers["Cookie"] == "session=k-3"  # type: ignore[attr-defined]
    assert request.headers["X-Api-Key"] == "k-3"  # type: ignore[attr-defined]
    request = sent_headers(secure, "/basic", "with_basic", basic_auth=("me", "pw"))
    expected = "Basic " + base64.b64encode(b"me:pw").decode()
    assert request.headers["Authorization"] == expected  # type: ignore[attr-defined]
    # The second alternative, when the first has no credential:
    request = sent_headers(secure, "/query", "with_query_key", basic_auth=("me", "pw"))
    assert request.headers["Authorization"] == expected  # type: ignore[attr-defined]
    assert "api_key" not in request.url.params  # type: ignore[attr-defined]
