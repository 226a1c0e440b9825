# generated from specs/uniall.yaml by gatewaygen, do not edit
"""The UniAll video API clients: one method per documented operation."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

import httpx

from ._runtime import (
    DEFAULT_MAX_WAIT,
    DEFAULT_POLL_INTERVAL,
    NOT_GIVEN,
    AsyncAPIClient,
    ErrorFormat,
    LazyModels,
    Lifecycle,
    NotGiven,
    Operation,
    Provider,
    SyncAPIClient,
    TaskProgress,
    TaskResult,
    async_raw_response,
    raw_response,
)
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
    name="uniall",
    title="UniAll video API",
    api_key_env="UNIALL_API_KEY",
    base_url_env="UNIALL_BASE_URL",
    default_base_url=None,
    user_agent=f"uniall-client/{__version__} gatewaygen/0.1.0",
    models=_models,
    errors=ErrorFormat(
        code=("/error/code", "/code"),
        message=("/error/message", "/message"),
        request_id=(),
        advice=(),
    ),
)

CREATE_VIDEO_GENERATION: Operation[models.VideoGenerationCreateResponse] = Operation(
    name="createVideoGeneration",
    method="POST",
    path="/v1/video/generations",
    response_model="VideoGenerationCreateResponse",
    request_model="VideoGenerationRequest",
    options={"extra_body": "extra_body_"},
    paid_task=True,
    create_method="create_video_generation",
    task_id_at=("/id",),
)

GET_VIDEO_TASK: Operation[models.VideoTask] = Operation(
    name="getVideoTask",
    method="GET",
    path="/v1/videos/{task_id}",
    response_model="VideoTask",
    parameters_model="GetVideoTaskParameters",
)

CREATE_VIDEO_GENERATION_TASK = Lifecycle(
    create="create_video_generation",
    poll=GET_VIDEO_TASK,
    poll_argument="task_id",
    poll_location="path",
    id=("/id",),
    status=("/status",),
    succeeded=frozenset(("completed",)),
    failed=frozenset(("failed",)),
    pending=("queued", "in_progress"),
    progress=("/progress",),
    error=(),
    video_url=("/video_url",),
)

#: The lifecycle of each create method's task, for `wait_for_task(operation=...)`.
TASKS = {
    "create_video_generation": CREATE_VIDEO_GENERATION_TASK,
}


class Client(SyncAPIClient):
    """A synchronous UniAll video API client.

    The API key is read from `UNIALL_API_KEY` when `api_key` is not given, and the base
    URL from `UNIALL_BASE_URL`.
    Failed reads are retried up to `max_retries` times; a create that may have reached the gateway
    is never resent without an idempotency key (see `SubmissionUncertainError`).
    """

    _provider = PROVIDER

    @property
    def with_raw_response(self) -> ClientWithRawResponse:
        """The same methods, returning an `APIResponse` (the `httpx.Response` and `.parse()`)."""
        return ClientWithRawResponse(self)

    def create_video_generation(
        self,
        *,
        model: Literal[
            "kling-v3-std-silent", "kling-v3-std-audio", "kling-v3-pro-silent", "kling-v3-pro-audio"
        ],
        prompt: str | NotGiven = NOT_GIVEN,
        image: str | NotGiven = NOT_GIVEN,
        last_image: str | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["16:9", "9:16", "1:1"] | NotGiven = NOT_GIVEN,
        duration: int | NotGiven = NOT_GIVEN,
        extra_body: models.ExtraBody | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body_: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.VideoGenerationCreateResponse:
        """创建视频任务

        Create a Kling v3 video generation task (text-to-video, image-to-video, first-and-last-
        frame image-to-video, or multi-prompt image-to-video). The task runs asynchronously;
        poll it with getVideoTask.

        `POST /v1/video/generations`

        Args:
            model: Model name.
            prompt: Main prompt. In image-to-video mode it must not be sent together with
                extra_body.multi_prompt (the multi_prompt example omits it).
            image: Reference image URL. Send it for image-to-video; omit it for text-to-video.
                (Note: if last_image is given, this image is the first frame.)
            last_image: End-frame image URL; used together with `image` (first frame).
            aspect_ratio: Output aspect ratio. Allowed values: 16:9, 9:16, 1:1. (Note: in image-
                to-video mode it is not guaranteed to take effect; the output video is
                authoritative.)
            duration: Video duration in seconds. Allowed values 3 to 15.
            extra_body: Kling-specific options.
            extra_headers, extra_query, extra_body_: headers, query parameters or body fields to
                send beyond the documented ones (not validated; one that repeats an argument is
                refused). timeout: the HTTP timeout of each request in seconds (or an
                httpx.Timeout; None for none), instead of the client's. `extra_body_` ends with
                an underscore because the documentation uses the plain name for a field.

        Creates a paid task: a failure that leaves unknown whether the gateway took the request
        raises `SubmissionUncertainError` instead of sending it again.

        Returns:
            The parsed `VideoGenerationCreateResponse` response.
        """
        return self._request(
            CREATE_VIDEO_GENERATION,
            body={
                "model": model,
                "prompt": prompt,
                "image": image,
                "last_image": last_image,
                "aspect_ratio": aspect_ratio,
                "duration": duration,
                "extra_body": extra_body,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body_,
            timeout=timeout,
        )

    def get_video_task(
        self,
        *,
        task_id: str,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.VideoTask:
        """Query a video task

        Return the current state of a task created with createVideoGeneration: status, progress
        and, once completed, the video URL. Poll until the status is `completed` or `failed`.

        `GET /v1/videos/{task_id}`

        Args:
            task_id: The task id returned when the task was created (the `id` of the create
                response).
            extra_headers, extra_query: headers, query parameters to send beyond the documented
                ones (not validated; one that repeats an argument is refused). timeout: the HTTP
                timeout of each request in seconds (or an httpx.Timeout; None for none), instead
                of the client's.

        Returns:
            The parsed `VideoTask` response.
        """
        return self._request(
            GET_VIDEO_TASK,
            path_params={
                "task_id": task_id,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
        )

    def create_video_generation_and_wait(
        self,
        *,
        model: Literal[
            "kling-v3-std-silent", "kling-v3-std-audio", "kling-v3-pro-silent", "kling-v3-pro-audio"
        ],
        prompt: str | NotGiven = NOT_GIVEN,
        image: str | NotGiven = NOT_GIVEN,
        last_image: str | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["16:9", "9:16", "1:1"] | NotGiven = NOT_GIVEN,
        duration: int | NotGiven = NOT_GIVEN,
        extra_body: models.ExtraBody | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body_: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.VideoTask]:
        """`create_video_generation`, then wait for the task with `get_video_task` until it ends.

        Takes the arguments of `create_video_generation`. Returns the `TaskResult` of a
        succeeded task (`.video_url`, `.download(path)`). Raises `TaskFailedError` (with the
        gateway's reason) if it fails and `TaskTimeoutError` after `max_wait` seconds (default
        30 minutes); polls start `poll_interval` seconds apart and grow to 30 s. `on_progress`
        gets a `TaskProgress` after every poll. Every error names the task id, and the id is
        logged as soon as the task exists.

        extra_headers, extra_query, extra_body_: headers, query parameters or body fields to
            send beyond the documented ones (not validated; one that repeats an argument is
            refused). timeout: the HTTP timeout of each request in seconds (or an httpx.Timeout;
            None for none), instead of the client's. `extra_body_` ends with an underscore
            because the documentation uses the plain name for a field.
        """
        self._check_wait(
            "create_video_generation",
            max_wait,
            poll_interval,
            on_progress,
            ("max_wait", "poll_interval", "on_progress"),
        )
        client = self._per_call(timeout)
        created = client.create_video_generation(
            model=model,
            prompt=prompt,
            image=image,
            last_image=last_image,
            aspect_ratio=aspect_ratio,
            duration=duration,
            extra_body=extra_body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body_=extra_body_,
        )
        return client._wait(
            CREATE_VIDEO_GENERATION_TASK,
            client._task_id(CREATE_VIDEO_GENERATION_TASK, created),
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    def wait_for_task(
        self,
        task_id: str,
        *,
        operation: Literal["create_video_generation"] = "create_video_generation",
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.VideoTask]:
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


class AsyncClient(AsyncAPIClient):
    """An asynchronous UniAll video API client, with the same methods as `Client`."""

    _provider = PROVIDER

    @property
    def with_raw_response(self) -> AsyncClientWithRawResponse:
        """The same methods, returning an `APIResponse` (the `httpx.Response` and `.parse()`)."""
        return AsyncClientWithRawResponse(self)

    async def create_video_generation(
        self,
        *,
        model: Literal[
            "kling-v3-std-silent", "kling-v3-std-audio", "kling-v3-pro-silent", "kling-v3-pro-audio"
        ],
        prompt: str | NotGiven = NOT_GIVEN,
        image: str | NotGiven = NOT_GIVEN,
        last_image: str | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["16:9", "9:16", "1:1"] | NotGiven = NOT_GIVEN,
        duration: int | NotGiven = NOT_GIVEN,
        extra_body: models.ExtraBody | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body_: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.VideoGenerationCreateResponse:
        """创建视频任务

        Create a Kling v3 video generation task (text-to-video, image-to-video, first-and-last-
        frame image-to-video, or multi-prompt image-to-video). The task runs asynchronously;
        poll it with getVideoTask.

        `POST /v1/video/generations`

        Args:
            model: Model name.
            prompt: Main prompt. In image-to-video mode it must not be sent together with
                extra_body.multi_prompt (the multi_prompt example omits it).
            image: Reference image URL. Send it for image-to-video; omit it for text-to-video.
                (Note: if last_image is given, this image is the first frame.)
            last_image: End-frame image URL; used together with `image` (first frame).
            aspect_ratio: Output aspect ratio. Allowed values: 16:9, 9:16, 1:1. (Note: in image-
                to-video mode it is not guaranteed to take effect; the output video is
                authoritative.)
            duration: Video duration in seconds. Allowed values 3 to 15.
            extra_body: Kling-specific options.
            extra_headers, extra_query, extra_body_: headers, query parameters or body fields to
                send beyond the documented ones (not validated; one that repeats an argument is
                refused). timeout: the HTTP timeout of each request in seconds (or an
                httpx.Timeout; None for none), instead of the client's. `extra_body_` ends with
                an underscore because the documentation uses the plain name for a field.

        Creates a paid task: a failure that leaves unknown whether the gateway took the request
        raises `SubmissionUncertainError` instead of sending it again.

        Returns:
            The parsed `VideoGenerationCreateResponse` response.
        """
        return await self._request(
            CREATE_VIDEO_GENERATION,
            body={
                "model": model,
                "prompt": prompt,
                "image": image,
                "last_image": last_image,
                "aspect_ratio": aspect_ratio,
                "duration": duration,
                "extra_body": extra_body,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body_,
            timeout=timeout,
        )

    async def get_video_task(
        self,
        *,
        task_id: str,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.VideoTask:
        """Query a video task

        Return the current state of a task created with createVideoGeneration: status, progress
        and, once completed, the video URL. Poll until the status is `completed` or `failed`.

        `GET /v1/videos/{task_id}`

        Args:
            task_id: The task id returned when the task was created (the `id` of the create
                response).
            extra_headers, extra_query: headers, query parameters to send beyond the documented
                ones (not validated; one that repeats an argument is refused). timeout: the HTTP
                timeout of each request in seconds (or an httpx.Timeout; None for none), instead
                of the client's.

        Returns:
            The parsed `VideoTask` response.
        """
        return await self._request(
            GET_VIDEO_TASK,
            path_params={
                "task_id": task_id,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
        )

    async def create_video_generation_and_wait(
        self,
        *,
        model: Literal[
            "kling-v3-std-silent", "kling-v3-std-audio", "kling-v3-pro-silent", "kling-v3-pro-audio"
        ],
        prompt: str | NotGiven = NOT_GIVEN,
        image: str | NotGiven = NOT_GIVEN,
        last_image: str | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["16:9", "9:16", "1:1"] | NotGiven = NOT_GIVEN,
        duration: int | NotGiven = NOT_GIVEN,
        extra_body: models.ExtraBody | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body_: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.VideoTask]:
        """`create_video_generation`, then wait for the task with `get_video_task` until it ends.

        Takes the arguments of `create_video_generation`. Returns the `TaskResult` of a
        succeeded task (`.video_url`, `.download(path)`). Raises `TaskFailedError` (with the
        gateway's reason) if it fails and `TaskTimeoutError` after `max_wait` seconds (default
        30 minutes); polls start `poll_interval` seconds apart and grow to 30 s. `on_progress`
        gets a `TaskProgress` after every poll. Every error names the task id, and the id is
        logged as soon as the task exists.

        extra_headers, extra_query, extra_body_: headers, query parameters or body fields to
            send beyond the documented ones (not validated; one that repeats an argument is
            refused). timeout: the HTTP timeout of each request in seconds (or an httpx.Timeout;
            None for none), instead of the client's. `extra_body_` ends with an underscore
            because the documentation uses the plain name for a field.
        """
        self._check_wait(
            "create_video_generation",
            max_wait,
            poll_interval,
            on_progress,
            ("max_wait", "poll_interval", "on_progress"),
        )
        client = self._per_call(timeout)
        created = await client.create_video_generation(
            model=model,
            prompt=prompt,
            image=image,
            last_image=last_image,
            aspect_ratio=aspect_ratio,
            duration=duration,
            extra_body=extra_body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body_=extra_body_,
        )
        return await client._wait(
            CREATE_VIDEO_GENERATION_TASK,
            client._task_id(CREATE_VIDEO_GENERATION_TASK, created),
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    async def wait_for_task(
        self,
        task_id: str,
        *,
        operation: Literal["create_video_generation"] = "create_video_generation",
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.VideoTask]:
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


class ClientWithRawResponse:
    """`Client`'s methods, each returning `APIResponse[Model]` instead of the model."""

    def __init__(self, client: Client) -> None:
        self.create_video_generation = raw_response(client.create_video_generation)
        self.get_video_task = raw_response(client.get_video_task)


class AsyncClientWithRawResponse:
    """`AsyncClient`'s methods, each returning `APIResponse[Model]` instead of the model."""

    def __init__(self, client: AsyncClient) -> None:
        self.create_video_generation = async_raw_response(client.create_video_generation)
        self.get_video_task = async_raw_response(client.get_video_task)
