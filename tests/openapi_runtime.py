"""A client built by hand on the runtime core, as a generated `_client.py` builds one, for the
tests of what a published OpenAPI operation needs (`test_runtime_openapi_*.py`).

Its models are made here with pydantic; its operations are declared in each test.
"""

from __future__ import annotations

import asyncio
import datetime
import email.parser
import email.policy
import uuid
from types import ModuleType
from typing import Any

import httpx
import pydantic

from generator import runtime

BASE_URL = "https://api.test"
API_KEY = "sk-openapi-secret-0123456789"
KEY_ENV = "SAMPLEAPI_API_KEY"


class Upload(pydantic.BaseModel):
    purpose: str
    file: bytes
    tags: list[str] | None = None
    meta: dict[str, Any] | None = None
    count: int | None = None
    flag: bool | None = None


class Thing(pydantic.BaseModel):
    id: uuid.UUID
    day: datetime.date | None = None
    at: datetime.datetime | None = None
    size: int | None = None
    url: str | None = None


class Ids(pydantic.RootModel[list[int]]):
    pass


class Query(pydantic.BaseModel):
    ids: list[int] | None = None
    limit: int | None = None


def models_module() -> ModuleType:
    module = ModuleType("sampleapi_models")
    for model in (Upload, Thing, Ids, Query):
        setattr(module, model.__name__, model)
    return module


_MODELS = models_module()


def provider(**fields: Any) -> runtime.Provider:
    return runtime.Provider(
        name="sampleapi",
        title="Sample API",
        api_key_env=KEY_ENV,
        base_url_env="SAMPLEAPI_BASE_URL",
        default_base_url=BASE_URL,
        user_agent="sampleapi-client/0.0.1",
        models=lambda: _MODELS,
        **fields,
    )


def client_classes(**fields: Any) -> tuple[type[Any], type[Any]]:
    """A (Client, AsyncClient) pair for a provider with `fields`; no retry ever waits."""
    made = provider(**fields)

    async def no_wait(seconds: float) -> None:
        await asyncio.sleep(0)

    class Client(runtime.SyncAPIClient):
        _provider = made
        _sleep = staticmethod(lambda seconds: None)

    class AsyncClient(runtime.AsyncAPIClient):
        _provider = made
        _sleep = staticmethod(no_wait)

    return Client, AsyncClient


def send(
    mode: str,
    operation: runtime.Operation[Any],
    *,
    provider_fields: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
    **arguments: Any,
) -> Any:
    """Call `operation` through a fresh sync or async client; the value `_request` returned."""
    client_class, async_class = client_classes(**(provider_fields or {}))
    settings = {"api_key": API_KEY, "base_url": BASE_URL, "max_retries": 0, **(options or {})}
    if mode == "sync":
        with client_class(**settings) as client:
            return client._request(operation, **arguments)

    async def run() -> Any:
        async with async_class(**settings) as client:
            return await client._request(operation, **arguments)

    return asyncio.run(run())


def multipart_parts(request: httpx.Request) -> list[tuple[str, str | None, str | None, bytes]]:
    """The parts of a multipart request: (name, filename, content type, content)."""
    body = request.read()
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    parts = []
    for part in message.iter_parts():
        disposition = part.get("Content-Disposition", "")
        params = dict(part.get_params(header="Content-Disposition") or [])
        assert disposition.startswith("form-data"), disposition
        content = part.get_payload(decode=True)
        assert isinstance(content, bytes)
        declared = part.get("Content-Type")
        parts.append((params["name"], params.get("filename"), declared, content))
    return parts
