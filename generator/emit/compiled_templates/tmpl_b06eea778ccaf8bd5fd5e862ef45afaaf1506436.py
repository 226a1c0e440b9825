from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '__init__.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_provider = resolve('provider')
    try:
        t_1 = environment.filters['doc']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'doc' found.")
    try:
        t_2 = environment.filters['name']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'name' found.")
    pass
    yield escape(environment.finalize((undefined(name='header') if l_0_header is missing else l_0_header)))
    yield '\n"""Typed client for the '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'title'))))
    yield ', generated from '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'spec_file'))))
    yield '.\n\n    from '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'package'))))
    yield ' import Client\n\n    with Client() as client:  # the API key comes from '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'api_key_env'))))
    yield '\n        ...\n\nSee README.md for every operation with its documented example.\n"""\n\nimport importlib\nfrom typing import TYPE_CHECKING, Any\n\nfrom ._client import AsyncClient, Client\nfrom ._runtime import (\n    DEFAULT_MAX_RETRIES,\n    DEFAULT_MAX_WAIT,\n    DEFAULT_POLL_INTERVAL,\n    DEFAULT_TIMEOUT,\n    NOT_GIVEN,\n    APIConnectionError,\n    APIError,\n    APIResponse,\n    APIResponseValidationError,\n    APIStatusError,\n    APITimeoutError,\n    AuthenticationError,\n    BadRequestError,\n    CallbackError,\n    CallbackMismatchError,\n    ConfigurationError,\n    ConflictError,\n    DownloadProgress,\n    GatewayError,\n    InternalServerError,\n    LedgerEntry,\n    LedgerError,\n    NotFoundError,\n    NotGiven,\n    PermissionDeniedError,\n    RateLimitError,\n    SubmissionUncertainError,\n    TaskCallback,\n    TaskDownloadError,\n    TaskError,\n    TaskFailedError,\n    TaskLedger,\n    TaskProgress,\n    TaskResult,\n    TaskTimeoutError,\n    TaskWaitError,\n    UnprocessableEntityError,\n    ValidationError,\n)\n\nif TYPE_CHECKING:\n    from . import models\n\nfrom ._version import __version__\n\n__all__ = [\n    "DEFAULT_MAX_RETRIES",\n    "DEFAULT_MAX_WAIT",\n    "DEFAULT_POLL_INTERVAL",\n    "DEFAULT_TIMEOUT",\n    "NOT_GIVEN",\n    "APIConnectionError",\n    "APIError",\n    "APIResponse",\n    "APIResponseValidationError",\n    "APIStatusError",\n    "APITimeoutError",\n    "AsyncClient",\n    "AuthenticationError",\n    "BadRequestError",\n    "CallbackError",\n    "CallbackMismatchError",\n    "Client",\n    "ConfigurationError",\n    "ConflictError",\n    "DownloadProgress",\n    "GatewayError",\n    "InternalServerError",\n    "LedgerEntry",\n    "LedgerError",\n    "NotFoundError",\n    "NotGiven",\n    "PermissionDeniedError",\n    "RateLimitError",\n    "SubmissionUncertainError",\n    "TaskCallback",\n    "TaskDownloadError",\n    "TaskError",\n    "TaskFailedError",\n    "TaskLedger",\n    "TaskProgress",\n    "TaskResult",\n    "TaskTimeoutError",\n    "TaskWaitError",\n    "UnprocessableEntityError",\n    "ValidationError",\n    "__version__",\n    "models",\n]\n\n\ndef __getattr__(name: str) -> Any:\n    # The models are imported on first use (`pkg.models`, or any call), not with the package.\n    if name == "models":\n        return importlib.import_module(".models", __name__)\n    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")\n'

blocks = {}
debug_info = '1=25&2=27&4=31&6=33'