# generated from specs/evolink.yaml by gatewaygen, do not edit
"""Typed client for the Evolink video API, generated from specs/evolink.yaml.

    from evolink_client import Client

    with Client() as client:  # the API key comes from EVOLINK_API_KEY
        ...

See README.md for every operation with its documented example.
"""

from . import models
from ._client import AsyncClient, Client
from ._runtime import (
    NOT_GIVEN,
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
    NotGiven,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

__version__ = "0.1.0"

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConfigurationError",
    "GatewayError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "__version__",
    "models",
]
