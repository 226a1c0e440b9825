"""Credentials for published APIs (security schemes and per-operation requirements), kept out of
every error, repr and log; groups of operations (resources); the ledger of non-JSON creates.

Every request is answered by respx; nothing touches the network.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import respx

from generator import runtime
from generator.runtime._ledger import TaskLedger
from tests.openapi_runtime import API_KEY, BASE_URL, KEY_ENV, client_classes, send

MODES = pytest.mark.parametrize("mode", ["sync", "async"])
Scheme = runtime.SecurityScheme
SCHEMES = {
    "bearer": Scheme("bearer"),
    "header": Scheme("header", "X-API-Key"),
    "query": Scheme("query", "api_key"),
    "cookie": Scheme("cookie", "token"),
    "basic": Scheme("basic"),
}
PUBLISHED = {"security_schemes": SCHEMES, "security": (("bearer",),)}
GET = runtime.Operation(name="listThings", method="GET", path="/things", response_kind="none")


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


def requirement(*alternatives: tuple[str, ...]) -> runtime.Operation[Any]:
    return runtime.Operation(
        name="listThings",
        method="GET",
        path="/things",
        response_kind="none",
        security=alternatives,
    )


def call(mode: str, operation: runtime.Operation[Any], **options: Any) -> None:
    send(mode, operation, provider_fields=PUBLISHED, options={"api_key": None, **options})


@MODES
@pytest.mark.parametrize(
    ("scheme", "where", "expected"),
    [
        ("bearer", "Authorization", f"Bearer {API_KEY}"),
        ("header", "X-API-Key", API_KEY),
        ("cookie", "Cookie", f"token={API_KEY}"),
    ],
)
def test_the_key_goes_where_the_scheme_says(
    mode: str, scheme: str, where: str, expected: str, api: respx.MockRouter
) -> None:
    route = api.get(f"{BASE_URL}/things").respond(204)
    call(mode, requirement((scheme,)), api_key=API_KEY)
    assert route.calls.last.request.headers[where] == expected
    if scheme != "bearer":
        assert "Authorization" not in route.calls.last.request.headers


@MODES
def test_a_query_key_is_sent_and_redacted_in_errors_and_logs(
    mode: str, api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    route = api.get(url__startswith=f"{BASE_URL}/things").respond(401, json={"error": "bad"})
    caplog.set_level(logging.INFO, logger="httpx")  # httpx logs each URL it sends
    caplog.set_level(logging.DEBUG, logger="sampleapi_client")
    with pytest.raises(runtime.AuthenticationError) as caught:
        send(mode, requirement(("query",)), query={"page": 2}, provider_fields=PUBLISHED)
    assert route.calls.last.request.url.params["api_key"] == API_KEY
    assert route.calls.last.request.url.params["page"] == "2"
    error = caught.value
    assert error.request is not None and error.response.request is error.request
    assert error.request.url.params["api_key"] == "<redacted>"
    assert API_KEY not in str(error) + repr(error.request.url) + caplog.text
    assert "listThings" in caplog.text  # the request was logged, without the key
    assert "HTTP Request: GET" in caplog.text and "api_key=%3Credacted%3E" in caplog.text


@MODES
def test_header_and_cookie_keys_are_redacted_in_errors(mode: str, api: respx.MockRouter) -> None:
    api.get(f"{BASE_URL}/things").respond(500)
    with pytest.raises(runtime.InternalServerError) as caught:
        send(
            mode,
            requirement(("header", "cookie")),
            cookies={"lang": "en"},
            provider_fields=PUBLISHED,
        )
    request = caught.value.request
    assert request is not None
    assert request.headers["X-API-Key"] == "<redacted>"
    assert request.headers["Cookie"] == "lang=en; token=<redacted>"


@MODES
def test_basic_auth_comes_from_its_own_argument(mode: str, api: respx.MockRouter) -> None:
    route = api.get(f"{BASE_URL}/things").respond(204)
    call(mode, requirement(("basic",)), basic_auth=("ada", "pä:ss"))
    token = base64.b64encode("ada:pä:ss".encode()).decode()
    assert route.calls.last.request.headers["Authorization"] == f"Basic {token}"


def test_with_options_changes_the_basic_auth(api: respx.MockRouter) -> None:
    route = api.get(f"{BASE_URL}/things").respond(204)
    client_class, _ = client_classes(**PUBLISHED)
    with client_class(base_url=BASE_URL, basic_auth=("a", "b")) as client:
        client.with_options(basic_auth=("c", "d"))._request(requirement(("basic",)))
        client._request(requirement(("basic",)))
    sent = [c.request.headers["Authorization"] for c in route.calls]
    assert sent == [f"Basic {base64.b64encode(pair).decode()}" for pair in (b"c:d", b"a:b")]
    with pytest.raises(runtime.ConfigurationError, match=r"user name.*':'"):
        client_class(base_url=BASE_URL, basic_auth=("a:b", "c"))
    with pytest.raises(runtime.ConfigurationError, match=r"\(user, password\) tuple"):
        client_class(base_url=BASE_URL, basic_auth="a:b")


@MODES
@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"api_key": API_KEY}, f"Bearer {API_KEY}"),
        ({"api_key": API_KEY, "basic_auth": ("u", "p")}, "Basic dTpw"),
        ({"basic_auth": ("u", "p")}, "Basic dTpw"),
    ],
)
def test_the_first_alternative_with_credentials_is_used(
    mode: str, options: dict[str, Any], expected: str, api: respx.MockRouter
) -> None:
    route = api.get(f"{BASE_URL}/things").respond(204)
    call(mode, requirement(("basic",), ("bearer",)), **options)
    assert route.calls.last.request.headers["Authorization"] == expected


@MODES
def test_no_key_is_demanded_where_none_is_needed(mode: str, api: respx.MockRouter) -> None:
    route = api.get(f"{BASE_URL}/things").respond(204)
    call(mode, requirement())  # security: [] on the operation
    call(mode, requirement(("bearer",), ()))  # auth optional: {} is an alternative
    assert route.call_count == 2
    assert all("Authorization" not in c.request.headers for c in route.calls)
    call(mode, requirement(("bearer",), ()), api_key=API_KEY)  # but a key given is sent
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {API_KEY}"
    send(mode, GET, provider_fields={"security_schemes": SCHEMES, "security": ()})
    assert "Authorization" not in route.calls.last.request.headers


@MODES
def test_a_requirement_that_cannot_be_met_says_how_to_meet_it(
    mode: str, api: respx.MockRouter
) -> None:
    route = api.get(f"{BASE_URL}/things").respond(204)
    with pytest.raises(runtime.ConfigurationError) as no_key:
        call(mode, GET)  # the provider's default: bearer
    message = str(no_key.value)
    assert "listThings was not sent" in message
    assert "bearer" in message and "api_key=..." in message and KEY_ENV in message
    with pytest.raises(runtime.ConfigurationError, match=r"basic_auth=\(user, password\)"):
        call(mode, requirement(("basic",), ("header", "query")), api_key=None)
    with pytest.raises(runtime.ConfigurationError, match=r"oauth.*not described") as unknown:
        call(mode, requirement(("oauth",)), api_key=API_KEY)
    assert "To give them" not in str(unknown.value)  # no argument would help
    strange = {**PUBLISHED, "security_schemes": {"mtls": Scheme("mutualTLS")}}
    with pytest.raises(runtime.ConfigurationError, match=r"mtls.*kind this client cannot send"):
        send(mode, requirement(("mtls",)), provider_fields=strange)
    assert route.call_count == 0


@MODES
def test_the_key_may_come_from_the_environment(
    mode: str, api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, "sk-from-env")
    route = api.get(f"{BASE_URL}/things").respond(204)
    call(mode, GET)
    assert route.calls.last.request.headers["Authorization"] == "Bearer sk-from-env"


def test_the_gateways_keep_demanding_a_key_and_refuse_basic_auth() -> None:
    legacy, _ = client_classes()
    with pytest.raises(runtime.ConfigurationError, match=f"No API key.*{KEY_ENV}"):
        legacy(base_url=BASE_URL)
    with pytest.raises(runtime.ConfigurationError, match="takes no HTTP basic auth"):
        legacy(base_url=BASE_URL, api_key=API_KEY, basic_auth=("u", "p"))
    published, _ = client_classes(**PUBLISHED)
    client = published(base_url=BASE_URL, api_key=API_KEY, basic_auth=("u", "secret-pw"))
    assert API_KEY not in repr(client) and "secret-pw" not in repr(client)
    assert "secret-pw" not in repr(vars(client))


# -- resources -------------------------------------------------------------------------------


class Things(runtime.SyncResource):
    def list(self) -> None:
        self._client._request(GET)


class AsyncThings(runtime.AsyncResource):
    async def list(self) -> None:
        await self._client._request(GET)


def test_resources_call_through_their_client_and_follow_its_copies(
    api: respx.MockRouter,
) -> None:
    route = api.get(f"{BASE_URL}/things").respond(204)
    client_class, async_class = client_classes()

    class Client(client_class):  # type: ignore[misc, valid-type]
        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self.things = Things(self)

    class AsyncClient(async_class):  # type: ignore[misc, valid-type]
        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self.things = AsyncThings(self)

    with Client(api_key=API_KEY, base_url=BASE_URL) as client:
        client.things.list()
        copy = client.with_options(default_headers={"X-Copy": "1"})
        assert copy.things._client is copy and client.things._client is client
        copy.things.list()
    assert [c.request.headers.get("X-Copy") for c in route.calls] == [None, "1"]

    async def run() -> None:
        async with AsyncClient(api_key=API_KEY, base_url=BASE_URL) as client:
            await client.with_options(default_headers={"X-Copy": "2"}).things.list()

    asyncio.run(run())
    assert route.calls.last.request.headers["X-Copy"] == "2"


# -- the ledger of a non-JSON create ---------------------------------------------------------


def test_a_paid_multipart_create_records_file_names_not_contents(
    api: respx.MockRouter, tmp_path: Path
) -> None:
    api.post(f"{BASE_URL}/renders").respond(200, json={"id": "r-1"})
    image = tmp_path / "frame.png"
    image.write_bytes(b"PIXELS" * 1000)
    render = runtime.Operation(
        name="createRender",
        method="POST",
        path="/renders",
        response_kind="none",
        body_encoding="multipart",
        file_fields=frozenset({"image", "masks"}),
        paid_task=True,
    )
    body = {"prompt": "pan left", "image": image, "masks": [b"m1", ("m2.png", b"m2")]}
    send("sync", render, body=body, options={"ledger": tmp_path / "tasks.db"})
    ledger = TaskLedger(tmp_path / "tasks.db")
    try:
        [entry] = ledger.entries()
    finally:
        ledger.close()
    assert entry.body == {"prompt": "pan left", "image": "frame.png", "masks": ["masks", "m2.png"]}
    assert entry.state == "answered"


def test_no_header_option_may_replace_an_api_key_header(api: respx.MockRouter) -> None:
    route = api.get(f"{BASE_URL}/things").respond(204)
    client_class, _ = client_classes(**PUBLISHED)
    with pytest.raises(runtime.ConfigurationError, match=r"may not set x-api-key.*api_key="):
        client_class(base_url=BASE_URL, default_headers={"x-api-key": "other"})
    with client_class(base_url=BASE_URL, api_key=API_KEY) as client:
        with pytest.raises(runtime.ValidationError, match="may not set X-API-Key"):
            client._request(requirement(("header",)), extra_headers={"X-API-Key": "other"})
        client._request(requirement(("header",)), extra_headers={"X-Other": "fine"})
    assert route.calls.last.request.headers["X-API-Key"] == API_KEY
    assert route.call_count == 1
