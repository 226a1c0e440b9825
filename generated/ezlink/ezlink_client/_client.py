# generated from specs/ezlink.yaml by gatewaygen, do not edit
"""The EZLINK AI video API clients: one method per documented operation."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

import httpx

from ._runtime import (
    DEFAULT_MAX_WAIT,
    DEFAULT_POLL_INTERVAL,
    NOT_GIVEN,
    APIError,
    AsyncAPIClient,
    Callback,
    Envelope,
    ErrorCode,
    ErrorFormat,
    LazyModels,
    Lifecycle,
    NotGiven,
    Operation,
    Provider,
    SyncAPIClient,
    TaskCallback,
    TaskProgress,
    TaskResult,
    async_raw_response,
    raw_response,
)
from ._runtime._callback import confirm_arguments, confirmed, read_callback, unknown_task
from ._version import __version__

if TYPE_CHECKING:
    from . import models
else:
    models = LazyModels(__package__)

__all__ = ["AsyncClient", "AsyncClientWithRawResponse", "Client", "ClientWithRawResponse"]


def _models() -> ModuleType:
    # Called on the first request, so that importing the package does not import the models.
    return importlib.import_module(".models", __package__)


PROVIDER = Provider(
    name="ezlink",
    title="EZLINK AI video API",
    api_key_env="EZLINK_API_KEY",
    base_url_env="EZLINK_BASE_URL",
    default_base_url="https://api.ezlinkai.com",
    user_agent=f"ezlink-client/{__version__} gatewaygen/0.1.0",
    models=_models,
    envelope=Envelope(
        code="/code",
        success=(0,),
        message="/message",
        request_id="/request_id",
    ),
    errors=ErrorFormat(
        code=("/code",),
        message=("/message",),
        request_id=("/request_id",),
        advice=(),
        codes={
            "1000": ErrorCode(
                meaning="authentication failed",
                status=401,
                retry=None,
                min_retry_delay=0.0,
                advice="Check the API key.",
            ),
            "1001": ErrorCode(
                meaning="authentication failed",
                status=401,
                retry=None,
                min_retry_delay=0.0,
                advice="Check the API key.",
            ),
            "1002": ErrorCode(
                meaning="authentication failed",
                status=401,
                retry=None,
                min_retry_delay=0.0,
                advice="Check the API key.",
            ),
            "1003": ErrorCode(
                meaning="authentication failed",
                status=401,
                retry=None,
                min_retry_delay=0.0,
                advice="Check the API key.",
            ),
            "1004": ErrorCode(
                meaning="authentication failed",
                status=401,
                retry=None,
                min_retry_delay=0.0,
                advice="Check the API key.",
            ),
            "1100": ErrorCode(
                meaning="account exception",
                status=429,
                retry=False,
                min_retry_delay=0.0,
                advice="Waiting will not help; check the account with the gateway.",
            ),
            "1101": ErrorCode(
                meaning="account in arrears",
                status=429,
                retry=False,
                min_retry_delay=0.0,
                advice="Waiting will not help; top up the account.",
            ),
            "1102": ErrorCode(
                meaning="resource pack or quota exhausted",
                status=429,
                retry=False,
                min_retry_delay=0.0,
                advice="Waiting will not help; buy more quota.",
            ),
            "1103": ErrorCode(
                meaning="no permission for this resource or model",
                status=403,
                retry=None,
                min_retry_delay=0.0,
                advice=None,
            ),
            "1200": ErrorCode(
                meaning="invalid request parameters",
                status=400,
                retry=None,
                min_retry_delay=0.0,
                advice=None,
            ),
            "1201": ErrorCode(
                meaning="invalid request parameters",
                status=400,
                retry=None,
                min_retry_delay=0.0,
                advice=None,
            ),
            "1202": ErrorCode(
                meaning="the requested resource or task does not exist",
                status=404,
                retry=None,
                min_retry_delay=0.0,
                advice=None,
            ),
            "1203": ErrorCode(
                meaning="the requested resource or task does not exist",
                status=404,
                retry=None,
                min_retry_delay=0.0,
                advice=None,
            ),
            "1300": ErrorCode(
                meaning="rejected by the content policy",
                status=400,
                retry=None,
                min_retry_delay=0.0,
                advice="Change the prompt or the images; resending them unchanged fails again.",
            ),
            "1301": ErrorCode(
                meaning="rejected by the content policy",
                status=400,
                retry=None,
                min_retry_delay=0.0,
                advice="Change the prompt or the images; resending them unchanged fails again.",
            ),
            "1302": ErrorCode(
                meaning="request rate limit exceeded",
                status=429,
                retry=True,
                min_retry_delay=0.0,
                advice=None,
            ),
            "1303": ErrorCode(
                meaning="concurrent tasks over the resource pack's limit",
                status=429,
                retry=True,
                min_retry_delay=1.0,
                advice="Wait for running tasks to finish, or lower the number of tasks created at once; the gateway asks for a back-off of at least one second.",
            ),
            "1304": ErrorCode(
                meaning="the caller's IP address is not on the allow-list",
                status=429,
                retry=False,
                min_retry_delay=0.0,
                advice="Add this machine's address to the account's IP allow-list.",
            ),
            "5000": ErrorCode(
                meaning="internal server error",
                status=500,
                retry=None,
                min_retry_delay=0.0,
                advice=None,
            ),
            "5001": ErrorCode(
                meaning="service temporarily unavailable",
                status=503,
                retry=None,
                min_retry_delay=0.0,
                advice=None,
            ),
            "5002": ErrorCode(
                meaning="internal server timeout",
                status=504,
                retry=None,
                min_retry_delay=0.0,
                advice=None,
            ),
        },
    ),
)

CREATE_IMAGE_TO_VIDEO: Operation[models.CreateTaskResponse] = Operation(
    name="createImageToVideo",
    method="POST",
    path="/kling/image-to-video/kling-3.0-turbo",
    response_model="CreateTaskResponse",
    request_model="ImageToVideoRequest",
    paid_task=True,
    idempotency_key="/options/external_task_id",
    checks=((("contents", "[]", "url"), "uri"), (("options", "callback_url"), "uri")),
    create_method="create_image_to_video",
    task_id_at=("/data/id", "/data/task_id"),
)

CREATE_TEXT_TO_VIDEO: Operation[models.CreateTaskResponse] = Operation(
    name="createTextToVideo",
    method="POST",
    path="/kling/text-to-video/kling-3.0-turbo",
    response_model="CreateTaskResponse",
    request_model="TextToVideoRequest",
    paid_task=True,
    idempotency_key="/options/external_task_id",
    checks=((("options", "callback_url"), "uri"),),
    create_method="create_text_to_video",
    task_id_at=("/data/id", "/data/task_id"),
)

GET_TASKS: Operation[models.QueryTasksResponse] = Operation(
    name="getTasks",
    method="GET",
    path="/kling/tasks",
    response_model="QueryTasksResponse",
    parameters_model="GetTasksParameters",
)

CREATE_IMAGE_TO_VIDEO_TASK = Lifecycle(
    create="create_image_to_video",
    poll=GET_TASKS,
    poll_argument="task_ids",
    poll_location="query",
    id=("/data/id", "/data/task_id"),
    status=("/data/0/status", "/data/0/task_status"),
    succeeded=frozenset(("succeeded", "succeed")),
    failed=frozenset(("failed",)),
    pending=("submitted", "processing"),
    progress=(),
    error=("/data/0/message",),
    video_url=("/data/0/outputs/0/url",),
)

CREATE_TEXT_TO_VIDEO_TASK = Lifecycle(
    create="create_text_to_video",
    poll=GET_TASKS,
    poll_argument="task_ids",
    poll_location="query",
    id=("/data/id", "/data/task_id"),
    status=("/data/0/status", "/data/0/task_status"),
    succeeded=frozenset(("succeeded", "succeed")),
    failed=frozenset(("failed",)),
    pending=("submitted", "processing"),
    progress=(),
    error=("/data/0/message",),
    video_url=("/data/0/outputs/0/url",),
)

#: The lifecycle of each create method's task, for `wait_for_task(operation=...)`.
TASKS = {
    "create_image_to_video": CREATE_IMAGE_TO_VIDEO_TASK,
    "create_text_to_video": CREATE_TEXT_TO_VIDEO_TASK,
}

CREATE_IMAGE_TO_VIDEO_CALLBACK = Callback(
    lifecycle=CREATE_IMAGE_TO_VIDEO_TASK,
    task_id=("/data/0/id", "/data/0/task_id"),
)

CREATE_TEXT_TO_VIDEO_CALLBACK = Callback(
    lifecycle=CREATE_TEXT_TO_VIDEO_TASK,
    task_id=("/data/0/id", "/data/0/task_id"),
)

#: Where each create method's callbacks name their task, for `parse_callback(operation=...)`.
CALLBACKS = {
    "create_image_to_video": CREATE_IMAGE_TO_VIDEO_CALLBACK,
    "create_text_to_video": CREATE_TEXT_TO_VIDEO_CALLBACK,
}


class Client(SyncAPIClient):
    """A synchronous EZLINK AI video API client.

    The API key is read from `EZLINK_API_KEY` when `api_key` is not given, and the base
    URL from `EZLINK_BASE_URL`, then defaults to https://api.ezlinkai.com.
    Failed reads are retried up to `max_retries` times; a create that may have reached the gateway
    is never resent without an idempotency key (see `SubmissionUncertainError`).
    """

    _provider = PROVIDER

    @property
    def with_raw_response(self) -> ClientWithRawResponse:
        """The same methods, returning an `APIResponse` (the `httpx.Response` and `.parse()`)."""
        return ClientWithRawResponse(self)

    def create_image_to_video(
        self,
        *,
        contents: Sequence[
            models.FirstFrameContentItem | models.PromptContentItem | Mapping[str, Any]
        ],
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.CreateTaskResponse:
        """【视频 3.0 Turbo 图生视频】创建任务

        Creates a Kling 3.0 Turbo image-to-video task. contents is required and must include at
        least one type=first_frame item (with url); a type=prompt item (text up to 2500
        characters) may be added. The body is passed to the upstream unchanged; settings gets no
        defaults when missing, so set it explicitly. The page marks the endpoint as
        "Developing".

        `POST /kling/image-to-video/kling-3.0-turbo`

        Args:
            contents: Content items, required. Rules: (1) at least one type=first_frame item
                (with url); (2) optionally one type=prompt item (text up to 2500 characters);
                (3) type supports only prompt / first_frame, any other value gets a 400.
            settings: Generation parameters, all optional. For image-to-video the body is passed
                to the upstream unchanged and no defaults are filled in when settings is
                missing; set it explicitly.
            options: Task control parameters, all optional.
            extra_headers, extra_query, extra_body: headers, query parameters or body fields to
                send beyond the documented ones (not validated; one that repeats an argument is
                refused). timeout: the HTTP timeout of each request in seconds (or an
                httpx.Timeout; None for none), instead of the client's.

        Creates a paid task: a failure that leaves unknown whether the gateway took the request
        raises `SubmissionUncertainError` instead of sending it again. Setting
        `options.external_task_id` (an idempotency key) lets the client retry it safely.

        Returns:
            The parsed `CreateTaskResponse` response.
        """
        return self._request(
            CREATE_IMAGE_TO_VIDEO,
            body={
                "contents": contents,
                "settings": settings,
                "options": options,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def create_text_to_video(
        self,
        *,
        prompt: str,
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.CreateTaskResponse:
        """【视频 3.0 Turbo 文生视频】创建任务

        Creates a Kling 3.0 Turbo text-to-video task from a prompt (up to 3072 characters) with
        the same settings and options as image-to-video.

        `POST /kling/text-to-video/kling-3.0-turbo`

        Args:
            prompt: Prompt text, at most 3072 characters.
            settings: Generation parameters, all optional. For image-to-video the body is passed
                to the upstream unchanged and no defaults are filled in when settings is
                missing; set it explicitly.
            options: Task control parameters, all optional.
            extra_headers, extra_query, extra_body: headers, query parameters or body fields to
                send beyond the documented ones (not validated; one that repeats an argument is
                refused). timeout: the HTTP timeout of each request in seconds (or an
                httpx.Timeout; None for none), instead of the client's.

        Creates a paid task: a failure that leaves unknown whether the gateway took the request
        raises `SubmissionUncertainError` instead of sending it again. Setting
        `options.external_task_id` (an idempotency key) lets the client retry it safely.

        Returns:
            The parsed `CreateTaskResponse` response.
        """
        return self._request(
            CREATE_TEXT_TO_VIDEO,
            body={
                "prompt": prompt,
                "settings": settings,
                "options": options,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def get_tasks(
        self,
        *,
        task_ids: str,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.QueryTasksResponse:
        """【视频 3.0 Turbo 文生视频】查询任务(指定任务ID)

        Queries one or more Kling 3.0 Turbo tasks by ID. Kling's newer standard also accepts
        external_task_ids= (the external_task_id given at create) instead of task_ids; that
        variant is not modelled here. Queries do not use a concurrency slot. The result video is
        data[].outputs[].url once status is succeeded.

        `GET /kling/tasks`

        Args:
            task_ids: Comma-separated task IDs (data.id of the create response).
            extra_headers, extra_query: headers, query parameters to send beyond the documented
                ones (not validated; one that repeats an argument is refused). timeout: the HTTP
                timeout of each request in seconds (or an httpx.Timeout; None for none), instead
                of the client's.

        Returns:
            The parsed `QueryTasksResponse` response.
        """
        return self._request(
            GET_TASKS,
            query={
                "task_ids": task_ids,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
        )

    def create_image_to_video_and_wait(
        self,
        *,
        contents: Sequence[
            models.FirstFrameContentItem | models.PromptContentItem | Mapping[str, Any]
        ],
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.QueryTasksResponse]:
        """`create_image_to_video`, then wait for the task with `get_tasks` until it ends.

        Takes the arguments of `create_image_to_video`. Returns the `TaskResult` of a succeeded
        task (`.video_url`, `.download(path)`). Raises `TaskFailedError` (with the gateway's
        reason) if it fails and `TaskTimeoutError` after `max_wait` seconds (default 30
        minutes); polls start `poll_interval` seconds apart and grow to 30 s. `on_progress` gets
        a `TaskProgress` after every poll. Every error names the task id, and the id is logged
        as soon as the task exists.

        extra_headers, extra_query, extra_body: headers, query parameters or body fields to send
            beyond the documented ones (not validated; one that repeats an argument is refused).
            timeout: the HTTP timeout of each request in seconds (or an httpx.Timeout; None for
            none), instead of the client's.
        """
        self._check_wait(
            "create_image_to_video",
            max_wait,
            poll_interval,
            on_progress,
            ("max_wait", "poll_interval", "on_progress"),
        )
        client = self._per_call(timeout)
        created = client.create_image_to_video(
            contents=contents,
            settings=settings,
            options=options,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return client._wait(
            CREATE_IMAGE_TO_VIDEO_TASK,
            client._task_id(CREATE_IMAGE_TO_VIDEO_TASK, created),
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    def create_text_to_video_and_wait(
        self,
        *,
        prompt: str,
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.QueryTasksResponse]:
        """`create_text_to_video`, then wait for the task with `get_tasks` until it ends.

        Takes the arguments of `create_text_to_video`. Returns the `TaskResult` of a succeeded
        task (`.video_url`, `.download(path)`). Raises `TaskFailedError` (with the gateway's
        reason) if it fails and `TaskTimeoutError` after `max_wait` seconds (default 30
        minutes); polls start `poll_interval` seconds apart and grow to 30 s. `on_progress` gets
        a `TaskProgress` after every poll. Every error names the task id, and the id is logged
        as soon as the task exists.

        extra_headers, extra_query, extra_body: headers, query parameters or body fields to send
            beyond the documented ones (not validated; one that repeats an argument is refused).
            timeout: the HTTP timeout of each request in seconds (or an httpx.Timeout; None for
            none), instead of the client's.
        """
        self._check_wait(
            "create_text_to_video",
            max_wait,
            poll_interval,
            on_progress,
            ("max_wait", "poll_interval", "on_progress"),
        )
        client = self._per_call(timeout)
        created = client.create_text_to_video(
            prompt=prompt,
            settings=settings,
            options=options,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return client._wait(
            CREATE_TEXT_TO_VIDEO_TASK,
            client._task_id(CREATE_TEXT_TO_VIDEO_TASK, created),
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    def wait_for_task(
        self,
        task_id: str,
        *,
        operation: Literal[
            "create_image_to_video", "create_text_to_video"
        ] = "create_image_to_video",
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.QueryTasksResponse]:
        """Wait for a task created earlier (by this process or another) until it ends.

        `operation` is the create method that made it, which decides how it is polled. Same
        results and errors as the `..._and_wait` methods: `max_wait` is the wait's deadline in
        seconds, `timeout` the HTTP timeout of each poll.
        """
        return self._per_call(timeout)._wait(
            TASKS[operation],
            task_id,
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    def parse_callback(
        self,
        body: bytes | str | Mapping[str, Any],
        *,
        operation: Literal[
            "create_image_to_video", "create_text_to_video"
        ] = "create_image_to_video",
    ) -> TaskCallback[models.QueryTasksResponse]:
        """Read the body the gateway POSTs to a create's `options.callback_url` (the task, in the poll's format).

        `body` is the request's raw body (bytes or text) or its decoded JSON. Returns what the
        sender claims: `.task_id`, `.status`, `.raw` (the poll's model) and, once the task has
        ended, `.result` (a `TaskResult`). Sends nothing. Callbacks are not signed, so anyone
        who knows the URL can post one: act on `confirm_callback(body)`, not on this.
        Raises `CallbackError` for a body that is not JSON, not the poll's format or has no
        task id.
        """
        return read_callback(self, CALLBACKS[operation], body)

    def confirm_callback(
        self,
        body: bytes | str | Mapping[str, Any],
        *,
        operation: Literal[
            "create_image_to_video", "create_text_to_video"
        ] = "create_image_to_video",
    ) -> TaskResult[models.QueryTasksResponse] | None:
        """Read a callback body, poll the task it names once, and answer with the gateway's view.

        Returns the `TaskResult` the poll gives once the task has ended (check `.status`: a
        failed task is returned too, with `.error`), or None while it is still running (some
        gateways call back on every status change). Its `video_url` is the poll's, never the
        callback's. Raises `CallbackMismatchError` when the poll contradicts the callback (another
        ending, another task, or no such task for this API key), `CallbackError` for an
        unreadable body, and the poll's own error when the gateway cannot be asked.
        """
        callback = CALLBACKS[operation]
        claimed = read_callback(self, callback, body)
        try:
            answer = self._request(callback.lifecycle.poll, **confirm_arguments(callback, claimed))
        except APIError as error:
            refusal = unknown_task(claimed, error)
            if refusal is error:
                raise
            raise refusal from error
        return confirmed(self, callback, claimed, answer)


class AsyncClient(AsyncAPIClient):
    """An asynchronous EZLINK AI video API client, with the same methods as `Client`."""

    _provider = PROVIDER

    @property
    def with_raw_response(self) -> AsyncClientWithRawResponse:
        """The same methods, returning an `APIResponse` (the `httpx.Response` and `.parse()`)."""
        return AsyncClientWithRawResponse(self)

    async def create_image_to_video(
        self,
        *,
        contents: Sequence[
            models.FirstFrameContentItem | models.PromptContentItem | Mapping[str, Any]
        ],
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.CreateTaskResponse:
        """【视频 3.0 Turbo 图生视频】创建任务

        Creates a Kling 3.0 Turbo image-to-video task. contents is required and must include at
        least one type=first_frame item (with url); a type=prompt item (text up to 2500
        characters) may be added. The body is passed to the upstream unchanged; settings gets no
        defaults when missing, so set it explicitly. The page marks the endpoint as
        "Developing".

        `POST /kling/image-to-video/kling-3.0-turbo`

        Args:
            contents: Content items, required. Rules: (1) at least one type=first_frame item
                (with url); (2) optionally one type=prompt item (text up to 2500 characters);
                (3) type supports only prompt / first_frame, any other value gets a 400.
            settings: Generation parameters, all optional. For image-to-video the body is passed
                to the upstream unchanged and no defaults are filled in when settings is
                missing; set it explicitly.
            options: Task control parameters, all optional.
            extra_headers, extra_query, extra_body: headers, query parameters or body fields to
                send beyond the documented ones (not validated; one that repeats an argument is
                refused). timeout: the HTTP timeout of each request in seconds (or an
                httpx.Timeout; None for none), instead of the client's.

        Creates a paid task: a failure that leaves unknown whether the gateway took the request
        raises `SubmissionUncertainError` instead of sending it again. Setting
        `options.external_task_id` (an idempotency key) lets the client retry it safely.

        Returns:
            The parsed `CreateTaskResponse` response.
        """
        return await self._request(
            CREATE_IMAGE_TO_VIDEO,
            body={
                "contents": contents,
                "settings": settings,
                "options": options,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def create_text_to_video(
        self,
        *,
        prompt: str,
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.CreateTaskResponse:
        """【视频 3.0 Turbo 文生视频】创建任务

        Creates a Kling 3.0 Turbo text-to-video task from a prompt (up to 3072 characters) with
        the same settings and options as image-to-video.

        `POST /kling/text-to-video/kling-3.0-turbo`

        Args:
            prompt: Prompt text, at most 3072 characters.
            settings: Generation parameters, all optional. For image-to-video the body is passed
                to the upstream unchanged and no defaults are filled in when settings is
                missing; set it explicitly.
            options: Task control parameters, all optional.
            extra_headers, extra_query, extra_body: headers, query parameters or body fields to
                send beyond the documented ones (not validated; one that repeats an argument is
                refused). timeout: the HTTP timeout of each request in seconds (or an
                httpx.Timeout; None for none), instead of the client's.

        Creates a paid task: a failure that leaves unknown whether the gateway took the request
        raises `SubmissionUncertainError` instead of sending it again. Setting
        `options.external_task_id` (an idempotency key) lets the client retry it safely.

        Returns:
            The parsed `CreateTaskResponse` response.
        """
        return await self._request(
            CREATE_TEXT_TO_VIDEO,
            body={
                "prompt": prompt,
                "settings": settings,
                "options": options,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def get_tasks(
        self,
        *,
        task_ids: str,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.QueryTasksResponse:
        """【视频 3.0 Turbo 文生视频】查询任务(指定任务ID)

        Queries one or more Kling 3.0 Turbo tasks by ID. Kling's newer standard also accepts
        external_task_ids= (the external_task_id given at create) instead of task_ids; that
        variant is not modelled here. Queries do not use a concurrency slot. The result video is
        data[].outputs[].url once status is succeeded.

        `GET /kling/tasks`

        Args:
            task_ids: Comma-separated task IDs (data.id of the create response).
            extra_headers, extra_query: headers, query parameters to send beyond the documented
                ones (not validated; one that repeats an argument is refused). timeout: the HTTP
                timeout of each request in seconds (or an httpx.Timeout; None for none), instead
                of the client's.

        Returns:
            The parsed `QueryTasksResponse` response.
        """
        return await self._request(
            GET_TASKS,
            query={
                "task_ids": task_ids,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
        )

    async def create_image_to_video_and_wait(
        self,
        *,
        contents: Sequence[
            models.FirstFrameContentItem | models.PromptContentItem | Mapping[str, Any]
        ],
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.QueryTasksResponse]:
        """`create_image_to_video`, then wait for the task with `get_tasks` until it ends.

        Takes the arguments of `create_image_to_video`. Returns the `TaskResult` of a succeeded
        task (`.video_url`, `.download(path)`). Raises `TaskFailedError` (with the gateway's
        reason) if it fails and `TaskTimeoutError` after `max_wait` seconds (default 30
        minutes); polls start `poll_interval` seconds apart and grow to 30 s. `on_progress` gets
        a `TaskProgress` after every poll. Every error names the task id, and the id is logged
        as soon as the task exists.

        extra_headers, extra_query, extra_body: headers, query parameters or body fields to send
            beyond the documented ones (not validated; one that repeats an argument is refused).
            timeout: the HTTP timeout of each request in seconds (or an httpx.Timeout; None for
            none), instead of the client's.
        """
        self._check_wait(
            "create_image_to_video",
            max_wait,
            poll_interval,
            on_progress,
            ("max_wait", "poll_interval", "on_progress"),
        )
        client = self._per_call(timeout)
        created = await client.create_image_to_video(
            contents=contents,
            settings=settings,
            options=options,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return await client._wait(
            CREATE_IMAGE_TO_VIDEO_TASK,
            client._task_id(CREATE_IMAGE_TO_VIDEO_TASK, created),
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    async def create_text_to_video_and_wait(
        self,
        *,
        prompt: str,
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.QueryTasksResponse]:
        """`create_text_to_video`, then wait for the task with `get_tasks` until it ends.

        Takes the arguments of `create_text_to_video`. Returns the `TaskResult` of a succeeded
        task (`.video_url`, `.download(path)`). Raises `TaskFailedError` (with the gateway's
        reason) if it fails and `TaskTimeoutError` after `max_wait` seconds (default 30
        minutes); polls start `poll_interval` seconds apart and grow to 30 s. `on_progress` gets
        a `TaskProgress` after every poll. Every error names the task id, and the id is logged
        as soon as the task exists.

        extra_headers, extra_query, extra_body: headers, query parameters or body fields to send
            beyond the documented ones (not validated; one that repeats an argument is refused).
            timeout: the HTTP timeout of each request in seconds (or an httpx.Timeout; None for
            none), instead of the client's.
        """
        self._check_wait(
            "create_text_to_video",
            max_wait,
            poll_interval,
            on_progress,
            ("max_wait", "poll_interval", "on_progress"),
        )
        client = self._per_call(timeout)
        created = await client.create_text_to_video(
            prompt=prompt,
            settings=settings,
            options=options,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return await client._wait(
            CREATE_TEXT_TO_VIDEO_TASK,
            client._task_id(CREATE_TEXT_TO_VIDEO_TASK, created),
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    async def wait_for_task(
        self,
        task_id: str,
        *,
        operation: Literal[
            "create_image_to_video", "create_text_to_video"
        ] = "create_image_to_video",
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.QueryTasksResponse]:
        """Wait for a task created earlier (by this process or another) until it ends.

        `operation` is the create method that made it, which decides how it is polled. Same
        results and errors as the `..._and_wait` methods: `max_wait` is the wait's deadline in
        seconds, `timeout` the HTTP timeout of each poll.
        """
        return await self._per_call(timeout)._wait(
            TASKS[operation],
            task_id,
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    def parse_callback(
        self,
        body: bytes | str | Mapping[str, Any],
        *,
        operation: Literal[
            "create_image_to_video", "create_text_to_video"
        ] = "create_image_to_video",
    ) -> TaskCallback[models.QueryTasksResponse]:
        """Read the body the gateway POSTs to a create's `options.callback_url` (the task, in the poll's format).

        `body` is the request's raw body (bytes or text) or its decoded JSON. Returns what the
        sender claims: `.task_id`, `.status`, `.raw` (the poll's model) and, once the task has
        ended, `.result` (a `TaskResult`). Sends nothing. Callbacks are not signed, so anyone
        who knows the URL can post one: act on `confirm_callback(body)`, not on this.
        Raises `CallbackError` for a body that is not JSON, not the poll's format or has no
        task id.
        """
        return read_callback(self, CALLBACKS[operation], body)

    async def confirm_callback(
        self,
        body: bytes | str | Mapping[str, Any],
        *,
        operation: Literal[
            "create_image_to_video", "create_text_to_video"
        ] = "create_image_to_video",
    ) -> TaskResult[models.QueryTasksResponse] | None:
        """Read a callback body, poll the task it names once, and answer with the gateway's view.

        Returns the `TaskResult` the poll gives once the task has ended (check `.status`: a
        failed task is returned too, with `.error`), or None while it is still running (some
        gateways call back on every status change). Its `video_url` is the poll's, never the
        callback's. Raises `CallbackMismatchError` when the poll contradicts the callback (another
        ending, another task, or no such task for this API key), `CallbackError` for an
        unreadable body, and the poll's own error when the gateway cannot be asked.
        """
        callback = CALLBACKS[operation]
        claimed = read_callback(self, callback, body)
        try:
            answer = await self._request(
                callback.lifecycle.poll, **confirm_arguments(callback, claimed)
            )
        except APIError as error:
            refusal = unknown_task(claimed, error)
            if refusal is error:
                raise
            raise refusal from error
        return confirmed(self, callback, claimed, answer)


class ClientWithRawResponse:
    """`Client`'s methods, each returning `APIResponse[Model]` instead of the model."""

    def __init__(self, client: Client) -> None:
        self.create_image_to_video = raw_response(client.create_image_to_video)
        self.create_text_to_video = raw_response(client.create_text_to_video)
        self.get_tasks = raw_response(client.get_tasks)


class AsyncClientWithRawResponse:
    """`AsyncClient`'s methods, each returning `APIResponse[Model]` instead of the model."""

    def __init__(self, client: AsyncClient) -> None:
        self.create_image_to_video = async_raw_response(client.create_image_to_video)
        self.create_text_to_video = async_raw_response(client.create_text_to_video)
        self.get_tasks = async_raw_response(client.get_tasks)
