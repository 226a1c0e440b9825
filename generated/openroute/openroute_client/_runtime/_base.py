"""The hand-written core of every generated client.

A generated `_client.py` declares, per operation, an `Operation` (method, path, models, what it
costs) and one thin method that gathers its keyword arguments; everything else is here: the API
key and base URL, validating the arguments, building the request, sending it with httpx,
retrying when that is safe, and turning the response into either the documented model or an
error. The file is copied unchanged into each generated package.

Importing it does not import the generated models (nor pydantic's model machinery): they are
loaded on the first call, which keeps `import <provider>_client` cheap.
"""

from __future__ import annotations

import copy
import functools
import logging
import os
import random
import ssl
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import httpx

from ._auth import Credentials, credential_headers, guard_httpx_log
from ._binary import binary_response
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    SubmissionUncertainError,
    status_error_class,
    uncertain_error_class,
)
from ._events import is_event_stream, read_events
from ._headers import header_problems
from ._json import first, json_pointer, response_body
from ._keys import REDACTED, Secret, checked_key
from ._request import Call, Requests, Timeout, merged_headers, to_jsonable
from ._resources import AsyncResource, SyncResource
from ._response import APIResponse
from ._retry import (
    DEFAULT_MAX_RETRIES,
    MAX_RETRY_AFTER,
    backoff_delay,
    is_retry_status,
    is_uncertain_status,
    retry_after_seconds,
    transport_failure,
)
from ._spec import Envelope, ErrorCode, ErrorFormat, Operation, Provider, response_kind
from ._tracking import LedgerOption
from ._types import NOT_GIVEN, NotGiven
from ._validate import field_name
from ._waiting import TaskSupport

if sys.version_info >= (3, 11):
    from typing import Self
else:  # typing_extensions comes with pydantic
    from typing_extensions import Self

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "Envelope",
    "ErrorCode",
    "ErrorFormat",
    "Operation",
    "Provider",
    "json_pointer",
    "to_jsonable",
]

#: Creating a task answers in seconds; reads are quicker. A minute bounds a stuck connection.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
#: The client's own connection pool: every connection is kept for reuse, since many tasks
#: waiting at once poll the same host over and over.
POOL_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One TLS context for all the package's clients: loading the CA bundle into a new one takes
    tens of milliseconds, and a context is safe to share. Made as httpx makes its default
    (certifi's bundle, or SSL_CERT_FILE / SSL_CERT_DIR)."""
    return httpx.create_ssl_context()


@dataclass
class _Failure:
    """A failed attempt: the error it would raise and how the retry rules see it."""

    error: APIError
    summary: str  # what happened, in a few words: "HTTP 500 Internal Server Error"
    retryable: bool
    uncertain: bool
    retry_after: float | None = None
    min_delay: float = 0.0


class _BaseClient(Requests, TaskSupport):
    """What the sync and async clients share: configuration, requests and responses."""

    _provider: ClassVar[Provider]
    #: Whether requests are awaited (the async client): binary responses are made to match.
    _asynchronous: ClassVar[bool] = False

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: Timeout | NotGiven,
        max_retries: int,
        validate_requests: bool,
        ledger: LedgerOption,
        default_headers: Mapping[str, str] | None = None,
        basic_auth: tuple[str, str] | None = None,
    ) -> None:
        provider = self._provider
        key = api_key if api_key is not None else os.environ.get(provider.api_key_env)
        if not key and provider.security is None:
            raise ConfigurationError(
                f"No API key for {provider.title}: pass api_key=... to "
                f"{type(self).__name__}() or set the environment variable "
                f"{provider.api_key_env}."
            )
        where = f"the environment variable {provider.api_key_env}"
        if api_key is not None:
            where = "api_key=..."
        # An API with declared security may need no key at all: each call checks its own needs.
        self._api_key = Secret(checked_key(key, where=where)) if key else None
        self._basic_auth = self._check_basic_auth(
            basic_auth, f"{type(self).__name__}(basic_auth=...)"
        )
        guard_httpx_log(provider)
        self.base_url = self._check_base_url(
            base_url or os.environ.get(provider.base_url_env) or provider.default_base_url
        )
        self._set_timeout(timeout)
        self.max_retries = self._check_max_retries(max_retries)
        self.validate_requests = validate_requests
        self._default_headers = self._check_default_headers(default_headers or {})
        self._log = logging.getLogger(provider.name + "_client")
        self._open_ledger(ledger)

    def _check_basic_auth(self, value: Any, where: str) -> Secret | None:
        secret = Credentials.basic_pair(value, where)
        kinds = {scheme.kind for scheme in self._provider.security_schemes.values()}
        if secret is not None and "basic" not in kinds:
            raise ConfigurationError(
                f"{where} was given, but {self._provider.title} takes no HTTP basic auth: pass "
                "api_key=... instead."
            )
        return secret

    def _check_default_headers(self, headers: Mapping[str, str]) -> dict[str, str]:
        problems = header_problems(headers, "default_headers", credential_headers(self._provider))
        if problems:
            raise ConfigurationError("; ".join(problems) + ".")
        return dict(headers)

    @property
    def default_headers(self) -> dict[str, str]:
        """The headers sent with every request besides the client's own (a copy)."""
        return dict(self._default_headers)

    def _check_base_url(self, url: str | None) -> str:
        provider = self._provider
        if not url:
            raise ConfigurationError(
                f"No base URL for {provider.title}: its documentation names no server. "
                f"Pass base_url='https://...' to {type(self).__name__}() or set the "
                f"environment variable {provider.base_url_env}."
            )
        if httpx.URL(url).scheme not in ("https", "http"):
            raise ConfigurationError(
                f"The base URL {url!r} for {provider.title} is not an http(s) URL; "
                "give the full address, such as 'https://api.example.com'."
            )
        return url.rstrip("/")

    @staticmethod
    def _check_max_retries(value: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigurationError(
                f"max_retries must be a whole number of retries, 0 or more; got {value!r}."
            )
        return value

    def _set_timeout(self, timeout: Timeout | NotGiven) -> None:
        self.timeout = timeout
        self._timeout_extension = (
            None if isinstance(timeout, NotGiven) else httpx.Timeout(timeout).as_dict()
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key={REDACTED!r})"

    def with_options(
        self,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        base_url: str | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        validate_requests: bool | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        basic_auth: tuple[str, str] | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A copy of this client with some options changed, sharing its connection pool.

        For one call: `client.with_options(max_retries=0).get_task(...)`. `default_headers` are
        added to this client's (a name given again takes the new value). The copy does not
        close the pool; close the client it was made from.
        """
        clone = copy.copy(self)
        clone._owns_http = False
        clone._owns_ledger = False
        if not isinstance(api_key, NotGiven):
            if not api_key:
                raise ConfigurationError("with_options(api_key=...) needs a non-empty key.")
            clone._api_key = Secret(checked_key(api_key, where="with_options(api_key=...)"))
        if not isinstance(basic_auth, NotGiven):
            clone._basic_auth = self._check_basic_auth(basic_auth, "with_options(basic_auth=...)")
        if not isinstance(base_url, NotGiven):
            clone.base_url = self._check_base_url(base_url)
        if not isinstance(timeout, NotGiven):
            clone._set_timeout(timeout)
        if not isinstance(max_retries, NotGiven):
            clone.max_retries = self._check_max_retries(max_retries)
        if not isinstance(validate_requests, NotGiven):
            clone.validate_requests = validate_requests
        if not isinstance(default_headers, NotGiven):
            added = self._check_default_headers(default_headers)
            clone._default_headers = merged_headers(self._default_headers, added)
        for name, value in list(vars(clone).items()):
            # Groups of operations (client.files) made for this client: the copy gets its own.
            if isinstance(value, (SyncResource, AsyncResource)) and value._client is self:
                setattr(clone, name, type(value)(clone))  # type: ignore[arg-type]
        return clone

    _owns_http: bool

    def _per_call(self, timeout: Timeout | NotGiven) -> Self:
        """This client, or a copy with another HTTP timeout for the requests of one call."""
        return self if isinstance(timeout, NotGiven) else self.with_options(timeout=timeout)

    # -- reading a response ------------------------------------------------------------------

    def _transport_failure(self, call: Call, exc: httpx.RequestError) -> _Failure:
        request = call.request
        safe_request = self._redacted(request)
        exc.request = safe_request  # the chained httpx error must not keep the key either
        retryable, reached = transport_failure(exc)
        kind = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        what = "timed out" if kind is APITimeoutError else "could not be completed"
        if not reached:
            advice = "Check the base URL and the network; the gateway did not receive it."
        elif call.operation.retry_safe:
            advice = "Check the network and try again."
        else:
            advice = "The gateway may have received it: query the task before creating it again."
        error = kind(
            f"{call.operation.name} ({request.method} {safe_request.url}) {what}: "
            f"{type(exc).__name__}: {exc}.{self._retried(call)} {advice}",
            request=safe_request,
        )
        error.__cause__ = exc
        summary = f"{type(exc).__name__}: {exc}".rstrip(": ")
        return _Failure(error, summary, retryable=retryable, uncertain=reached)

    def _response_failure(self, call: Call, response: httpx.Response) -> _Failure | None:
        """The failure a response reports, or None when it is a success."""
        envelope = self._provider.envelope
        if response.is_success and (envelope is None or call.streams(response)):
            return None  # a binary body is the caller's to read: no envelope in it
        body = response_body(response)
        errors = self._provider.errors
        if response.is_success:
            assert envelope is not None
            code = json_pointer(body, envelope.code)
            # No code at all is not a reported failure: the schema check names it.
            if code is None or code in envelope.success:
                return None
            message = json_pointer(body, envelope.message) if envelope.message else None
            request_id = json_pointer(body, envelope.request_id) if envelope.request_id else None
        else:
            code = first(body, errors.code)
            message = first(body, errors.message)
            request_id = first(body, errors.request_id)
        info = errors.codes.get(str(code)) if code is not None else None
        status = response.status_code
        if response.is_success:
            status_for_rules = info.status if info is not None and info.status else None
            error_class = (
                status_error_class(status_for_rules) if status_for_rules else APIStatusError
            )
        else:
            status_for_rules = status
            error_class = status_error_class(status)
        retryable = bool(status_for_rules and is_retry_status(status_for_rules))
        if info is not None and info.retry is not None:
            retryable = info.retry
        safe_request = self._redacted(call.request)
        response.request = safe_request  # the error keeps the response: no key in it
        error = error_class(
            self._status_message(call, response, code, info, message, request_id, body),
            request=safe_request,
            response=response,
            body=body,
            code=code,
            provider_message=str(message) if message is not None else None,
            request_id=str(request_id) if request_id is not None else None,
        )
        summary = f"HTTP {status} {response.reason_phrase}"
        if code is not None:
            summary += f", provider code {code!r}"
        if message:
            summary += f': "{message}"'
        return _Failure(
            error,
            summary,
            retryable=retryable,
            uncertain=bool(status_for_rules and is_uncertain_status(status_for_rules)),
            retry_after=retry_after_seconds(response.headers),
            min_delay=info.min_retry_delay if info is not None else 0.0,
        )

    def _status_message(
        self,
        call: Call,
        response: httpx.Response,
        code: Any,
        info: ErrorCode | None,
        message: Any,
        request_id: Any,
        body: Any,
    ) -> str:
        status = response.status_code
        if response.is_success:
            text = f"{call.operation.name} failed: the gateway answered HTTP {status} but"
            text += f" reported the failure code {code!r}"
        else:
            text = f"{call.operation.name} failed with HTTP {status} {response.reason_phrase}"
            if code is not None:
                text += f", provider code {code!r}"
        if info is not None:
            text += f" ({info.meaning})"
        if message:
            text += f': "{message}"'
        if request_id:
            text += f" (request id {request_id})"
        text += "." + self._retried(call)
        advice = info.advice if info is not None and info.advice else None
        suggestion = first(body, self._provider.errors.advice)
        if suggestion:
            text += f" The gateway suggests: {suggestion}."
        text += " " + (advice or self._advice(info.status if info and info.status else status))
        return text + " The response body is in the error's .body."

    def _advice(self, status: int) -> str:
        if status in (400, 422):
            return "Check the arguments against the provider's documentation."
        if status == 401:
            return (
                f"Check the API key (the api_key argument or the environment variable "
                f"{self._provider.api_key_env})."
            )
        if status == 402:
            return "The account's balance or credits do not cover this: top them up."
        if status == 403:
            return "The key may not do this: check the account's permissions and balance."
        if status == 404:
            return "Check the id and the base URL."
        if status == 429:
            return "Too many requests or running tasks: wait, or lower the concurrency."
        if status >= 500:
            return "The gateway or its upstream failed; try again later."
        return "See the provider's documentation for this status."

    @staticmethod
    def _retried(call: Call) -> str:
        if not call.retries:
            return ""
        return f" (after {call.retries} retr{'y' if call.retries == 1 else 'ies'})"

    def _result(self, call: Call, response: httpx.Response) -> Any:
        operation = call.operation
        if operation.paid_task:
            body = response_body(response)
            if not isinstance(body, (dict, list)):
                error = APIResponseValidationError(
                    f"The {response.status_code} answer to {operation.name} is not JSON.",
                    request=self._redacted(call.request),
                    response=response,
                    body=body,
                )
                raise self._uncertain(
                    call, _Failure(error, "a 2xx body that is not JSON", False, True)
                )
            found = first(body, operation.task_id_at) if operation.task_id_at else None
            call.task_id = str(found) if found is not None else None
            self._ledger_answered(
                call.entry,
                call.task_id,
                f"HTTP {response.status_code}",
                has_task=bool(operation.task_id_at),
            )
        if not call.raw:
            return self._parse(call, response)
        response.request = self._redacted(call.request)
        request_id = None
        envelope = self._provider.envelope
        if envelope is not None and envelope.request_id:
            request_id = json_pointer(response_body(response), envelope.request_id)
        return APIResponse(
            http_response=response,
            parse=lambda: self._parse(call, response),
            retries_taken=call.retries,
            request_id=str(request_id) if request_id is not None else None,
        )

    def _parse(self, call: Call, response: httpx.Response) -> Any:
        import pydantic  # loaded with the models, not with the package

        operation = call.operation
        kind, model_name = response_kind(operation, response.status_code)
        if kind == "none":
            return None
        if kind == "text":
            return response.text
        if kind == "binary":
            response.request = self._redacted(call.request)
            return binary_response(response, operation.name, asynchronous=self._asynchronous)
        if kind == "events" or is_event_stream(response):
            response.request = self._redacted(call.request)
            return read_events(response, operation, kind, asynchronous=self._asynchronous)
        if model_name is None:  # the generator names a model for these kinds
            raise TypeError(f"{operation.name} declares a {kind!r} response without a model.")
        model = self._model(model_name)
        try:
            parsed = model.model_validate_json(response.content)
            return parsed.root if kind == "root" else parsed  # type: ignore[attr-defined]
        except pydantic.ValidationError as exc:
            body = response_body(response)
            problem = exc.errors(include_url=False)[0]
            where = field_name(problem["loc"], body, {}) if problem["loc"] else "(the body)"
            response.request = self._redacted(call.request)
            kept = ""
            if call.task_id is not None:
                kept = f" The task was created: its id is {call.task_id} (the error's .task_id)."
            raise APIResponseValidationError(
                f"The {response.status_code} response to {operation.name} does not match the "
                f"documented schema: {where}: {problem['msg']} ({exc.error_count()} problem(s) "
                f"in all).{kept} The body is kept in the error's .body; if the gateway changed, "
                "regenerate the client from an updated spec.",
                request=response.request,
                response=response,
                body=body,
                task_id=call.task_id,
            ) from exc

    # -- retrying ----------------------------------------------------------------------------

    def _retry_delay(self, call: Call, failure: _Failure) -> float:
        """How long to wait before sending `call` again; raises when it must not be resent."""
        operation = call.operation
        call.uncertain = call.uncertain or failure.uncertain
        guarded = not operation.retry_safe
        if guarded and call.uncertain and call.idempotency_key is None:
            raise self._uncertain(call, failure)
        delay = None
        if failure.retryable and call.retries < self.max_retries and call.replayable:
            delay = backoff_delay(call.retries, random.random)
            if failure.retry_after is not None:
                delay = failure.retry_after if failure.retry_after <= MAX_RETRY_AFTER else None
            if delay is not None:
                delay = max(delay, failure.min_delay)
        if delay is None:
            if guarded and call.uncertain:
                raise self._uncertain(call, failure)
            self._ledger_unanswered(call.entry, uncertain=False, detail=failure.summary)
            raise failure.error
        if self._log.isEnabledFor(logging.DEBUG):
            self._log.debug(
                "Retrying %s in %.2f s (retry %d of %d): %s",
                operation.name,
                delay,
                call.retries + 1,
                self.max_retries,
                failure.error.message,
            )
        call.retries += 1
        return delay

    def _uncertain(self, call: Call, failure: _Failure) -> SubmissionUncertainError:
        operation = call.operation
        attempts = call.retries + 1
        what = "may have created a paid task" if operation.paid_task else "may have taken effect"
        if call.idempotency_key is not None:
            why = (
                f"It was sent {attempts} time(s) with the idempotency key "
                f"{call.idempotency_key!r}; an attempt may have reached the gateway"
            )
            todo = (
                "Look the task up by that key before creating it again, and reuse the key if "
                "you do: the gateway refuses a second task with the same key."
            )
        else:
            why = (
                "It was not sent again, because a second request could start (and bill) a "
                "second task"
            )
            todo = "Query your tasks to find out whether it was created before creating it again."
            if operation.idempotency_key:
                steps = operation.idempotency_key.split("/")[1:]
                steps[0] = operation.arguments.get(steps[0], steps[0])
                todo += (
                    f" Set {'.'.join(steps)} on the next create, and the client can retry it "
                    "safely."
                )
        error = uncertain_error_class(type(failure.error))(
            f"{operation.name} {what}: the request was sent, and the answer was "
            f"{failure.summary}. {why}. {todo} The last error is in .last_error.",
            request=failure.error.request,
            operation=operation.name,
            payload=call.payload,
            idempotency_key=call.idempotency_key,
            attempts=attempts,
            last_error=failure.error,
        )
        error.__cause__ = failure.error
        self._ledger_unanswered(call.entry, uncertain=True, detail=failure.summary)
        self._log.warning(
            "%s %s (%d attempt(s), idempotency key %r): %s",
            operation.name,
            what,
            attempts,
            call.idempotency_key,
            failure.summary,
        )
        return error

    # -- tasks -------------------------------------------------------------------------------

    _clock: Callable[[], float] = staticmethod(time.monotonic)

    def _log_request(self, call: Call) -> None:
        if self._log.isEnabledFor(logging.DEBUG):
            self._log.debug(
                "%s %s (%s, attempt %d)",
                call.request.method,
                self._redacted(call.request).url,
                call.operation.name,
                call.retries + 1,
            )

    def _log_response(self, call: Call, response: httpx.Response, started: float) -> None:
        if self._log.isEnabledFor(logging.DEBUG):
            self._log.debug(
                "%s answered HTTP %d in %.3f s",
                call.operation.name,
                response.status_code,
                time.monotonic() - started,
            )
