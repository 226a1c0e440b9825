"""When a failed request may be sent again, and how long to wait first.

Reads (task queries) are retried on any transient failure. A request that creates a paid task is
retried only when the gateway cannot have acted on it: the connection was never made, or the
gateway refused it outright (429), or the caller gave an idempotency key the provider honours.
The client applies these rules; this module holds the pieces that do not depend on a client.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable

import httpx

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "RETRY_STATUSES",
    "backoff_delay",
    "is_retry_status",
    "is_uncertain_status",
    "retry_after_seconds",
    "transport_failure",
]

DEFAULT_MAX_RETRIES = 2
#: The first pause; each retry doubles it, up to MAX_RETRY_DELAY.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
#: A Retry-After longer than this is not waited out: the error is raised instead.
MAX_RETRY_AFTER = 60.0
#: Statuses that say "try again": timeout, conflict, rate or concurrency limit, server failure.
RETRY_STATUSES = frozenset({408, 409, 429})

# The connection was never made, so the gateway has not seen the request.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Transient failures after the request may have been (partly) sent.
_TRANSIENT = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
    httpx.DecodingError,
)


def transport_failure(exc: httpx.RequestError) -> tuple[bool, bool]:
    """`(retryable, may_have_reached)` for an httpx request error.

    A refused or timed-out connection never carried the request: retryable, and it cannot have
    created anything. A read timeout, a dropped connection or an answer that cannot be decoded
    happen after sending: retryable for a read, but the gateway may have acted on it. A
    malformed URL or a proxy refusing the tunnel fail before sending and will fail the same way
    again; too many redirects came after the gateway answered.
    """
    if isinstance(exc, _NOT_SENT):
        return True, False
    if isinstance(exc, _TRANSIENT):
        return True, True
    if isinstance(exc, httpx.TransportError):
        return False, False
    return False, True


def is_retry_status(status: int) -> bool:
    return status in RETRY_STATUSES or status >= 500


def is_uncertain_status(status: int) -> bool:
    """Whether an answer with this status leaves open that the gateway acted on the request.

    A 429 is a refusal; 408, 409 and 5xx may come from a proxy after the gateway took it.
    """
    return status in (408, 409) or status >= 500


def retry_after_seconds(
    headers: httpx.Headers, now: Callable[[], float] = time.time
) -> float | None:
    """The wait a response asks for: `retry-after-ms`, or `Retry-After` in seconds or as a date."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return max(float(milliseconds) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - now(), 0.0)


def backoff_delay(retries_taken: int, random: Callable[[], float]) -> float:
    """Exponential backoff with jitter: 0.5 s, 1 s, 2 s ... up to 8 s, each less up to 25 %."""
    delay = min(INITIAL_RETRY_DELAY * 2.0**retries_taken, MAX_RETRY_DELAY)
    return delay * (1.0 - 0.25 * random())
