# generated from specs/ezlink.yaml by gatewaygen, do not edit
"""Typed client for the EZLINK AI video API, generated from specs/ezlink.yaml.

    from ezlink_client import Client

    with Client() as client:  # the API key comes from EZLINK_API_KEY
        ...

See README.md for every operation with its documented example.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._client import AsyncClient, Client
from ._runtime import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_MAX_WAIT,
    DEFAULT_POLL_INTERVAL,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    APIConnectionError,
    APIError,
    APIResponse,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    CallbackError,
    CallbackMismatchError,
    ConfigurationError,
    ConflictError,
    DownloadProgress,
    GatewayError,
    InternalServerError,
    LedgerEntry,
    LedgerError,
    NotFoundError,
    NotGiven,
    PermissionDeniedError,
    RateLimitError,
    SubmissionUncertainError,
    TaskCallback,
    TaskDownloadError,
    TaskError,
    TaskFailedError,
    TaskLedger,
    TaskProgress,
    TaskResult,
    TaskTimeoutError,
    TaskWaitError,
    UnprocessableEntityError,
    ValidationError,
)

if TYPE_CHECKING:
    from . import models

from ._version import __version__

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_MAX_WAIT",
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "CallbackError",
    "CallbackMismatchError",
    "Client",
    "ConfigurationError",
    "ConflictError",
    "DownloadProgress",
    "GatewayError",
    "InternalServerError",
    "LedgerEntry",
    "LedgerError",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "SubmissionUncertainError",
    "TaskCallback",
    "TaskDownloadError",
    "TaskError",
    "TaskFailedError",
    "TaskLedger",
    "TaskProgress",
    "TaskResult",
    "TaskTimeoutError",
    "TaskWaitError",
    "UnprocessableEntityError",
    "ValidationError",
    "__version__",
    "models",
]


def __getattr__(name: str) -> Any:
    # The models are imported on first use (`pkg.models`, or any call), not with the package.
    if name == "models":
        return importlib.import_module(".models", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
