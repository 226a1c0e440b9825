"""Groups of operations for big APIs: `client.files.create(...)`, `client.videos.list(...)`.

A generated package declares one class per group (by tag or path), built on `SyncResource` or
`AsyncResource`; its methods call `self._client._request(...)` as a flat client's methods do.
Resources hold nothing but their client, so `client.with_options(...)` gives each of the
copy's groups a resource of its own, bound to the copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._clients import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncResource", "SyncResource"]


class SyncResource:
    """A group of operations of a sync client."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class AsyncResource:
    """A group of operations of an async client."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"
