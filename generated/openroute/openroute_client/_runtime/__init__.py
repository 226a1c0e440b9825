"""The runtime core shared by every generated client (copied unchanged into each package)."""

from ._base import (
    DEFAULT_TIMEOUT,
    AsyncAPIClient,
    Envelope,
    Operation,
    Provider,
    SyncAPIClient,
    to_jsonable,
)
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    GatewayError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._types import NOT_GIVEN, NotGiven

__all__ = [
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAPIClient",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "Envelope",
    "GatewayError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "Operation",
    "PermissionDeniedError",
    "Provider",
    "RateLimitError",
    "SyncAPIClient",
    "UnprocessableEntityError",
    "to_jsonable",
]
