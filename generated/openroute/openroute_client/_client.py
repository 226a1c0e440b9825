# generated from specs/openroute.yaml by gatewaygen, do not edit
"""The open-route video API clients: one method per documented operation."""

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
    name="openroute",
    title="open-route video API",
    api_key_env="OPENROUTE_API_KEY",
    base_url_env="OPENROUTE_BASE_URL",
    default_base_url=None,
    user_agent=f"openroute-client/{__version__} gatewaygen/0.1.0",
    models=_models,
    errors=ErrorFormat(
        code=("/error/code", "/code"),
        message=("/error/message", "/message"),
        request_id=(),
        advice=(),
    ),
)

CREATE_KLING_TEXT_TO_VIDEO: Operation[models.KlingVideoTaskCreateResponse] = Operation(
    name="createKlingTextToVideo",
    method="POST",
    path="/kling/v1/videos/text2video",
    response_model="KlingVideoTaskCreateResponse",
    request_model="KlingVideoRequest",
    paid_task=True,
    create_method="create_kling_text_to_video",
    task_id_at=("/task_id", "/id"),
)

GET_TEXT_TO_VIDEO_TASK: Operation[models.TextToVideoTaskQueryResponse] = Operation(
    name="getTextToVideoTask",
    method="GET",
    path="/kling/v1/videos/text2video/{task_id}",
    response_model="TextToVideoTaskQueryResponse",
    parameters_model="GetTextToVideoTaskParameters",
)

CREATE_KLING_TEXT_TO_VIDEO_TASK = Lifecycle(
    create="create_kling_text_to_video",
    poll=GET_TEXT_TO_VIDEO_TASK,
    poll_argument="task_id",
    poll_location="path",
    id=("/task_id", "/id"),
    status=("/data/status",),
    succeeded=frozenset(("SUCCESS",)),
    failed=frozenset(("FAILURE",)),
    pending=("NOT_START", "SUBMITTED", "QUEUED", "IN_PROGRESS", "UNKNOWN"),
    progress=("/data/progress",),
    error=("/data/fail_reason",),
    video_url=("/data/result_url",),
)

#: The lifecycle of each create method's task, for `wait_for_task(operation=...)`.
TASKS = {
    "create_kling_text_to_video": CREATE_KLING_TEXT_TO_VIDEO_TASK,
}


class Client(SyncAPIClient):
    """A synchronous open-route video API client.

    The API key is read from `OPENROUTE_API_KEY` when `api_key` is not given, and the base
    URL from `OPENROUTE_BASE_URL`.
    Failed reads are retried up to `max_retries` times; a create that may have reached the gateway
    is never resent without an idempotency key (see `SubmissionUncertainError`).
    """

    _provider = PROVIDER

    @property
    def with_raw_response(self) -> ClientWithRawResponse:
        """The same methods, returning an `APIResponse` (the `httpx.Response` and `.parse()`)."""
        return ClientWithRawResponse(self)

    def create_kling_text_to_video(
        self,
        *,
        model_name: Literal[
            "kling-v1",
            "kling-v1-6",
            "kling-v2-master",
            "kling-v2-1-master",
            "kling-v2-5-turbo",
            "kling-v2-6",
            "kling-video-o1",
        ],
        prompt: str,
        mode: Literal["std", "pro"] | NotGiven = NOT_GIVEN,
        duration: Literal["5", "10"] | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["1:1", "16:9", "9:16"] | NotGiven = NOT_GIVEN,
        size: str | NotGiven = NOT_GIVEN,
        cfg_scale: float | NotGiven = NOT_GIVEN,
        negative_prompt: str | NotGiven = NOT_GIVEN,
        metadata: models.KlingVideoRequestMetadata | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.KlingVideoTaskCreateResponse:
        """文生视频

        Kling text-to-video endpoint (asynchronous task). Returns a task id; poll the result
        with `GET /kling/v1/videos/text2video/{task_id}` or `GET
        /v1/video/generations/{task_id}`.

        `POST /kling/v1/videos/text2video`

        Args:
            model_name: Model. kling-v2-master and kling-v2-1-master are the master editions
                (大师版), which have no std/pro distinction.
            prompt: Text prompt describing the video.
            mode: Quality: `std` (standard, default) or `pro` (high quality). The master-edition
                models (kling-v2-master, kling-v2-1-master) have no such parameter; leave it out
                for them.
            duration: Video length in seconds, as a string: "5" (default) or "10". The example
                sends "5".
            aspect_ratio: Aspect ratio, 1:1 (default), 16:9 or 9:16. Can also be derived from
                `size`.
            size: A size that the gateway maps automatically to an aspect ratio ("也可通过 size
                传尺寸自动 映射"), as an alternative to `aspect_ratio`. The page does not document its
                format.
            cfg_scale: Generation freedom (生成自由度), 0 to 1.
            negative_prompt: Negative prompt (optional).
            metadata: Extra Kling parameters passed through the gateway. The page says camera
                control is passed through `metadata` ("镜头控制(可选,通过 metadata 传递)"); it does not
                list other keys, so the object stays open.
            extra_headers, extra_query, extra_body: headers, query parameters or body fields to
                send beyond the documented ones (not validated; one that repeats an argument is
                refused). timeout: the HTTP timeout of each request in seconds (or an
                httpx.Timeout; None for none), instead of the client's.

        Creates a paid task: a failure that leaves unknown whether the gateway took the request
        raises `SubmissionUncertainError` instead of sending it again.

        Returns:
            The parsed `KlingVideoTaskCreateResponse` response.
        """
        return self._request(
            CREATE_KLING_TEXT_TO_VIDEO,
            body={
                "model_name": model_name,
                "prompt": prompt,
                "mode": mode,
                "duration": duration,
                "aspect_ratio": aspect_ratio,
                "size": size,
                "cfg_scale": cfg_scale,
                "negative_prompt": negative_prompt,
                "metadata": metadata,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def get_text_to_video_task(
        self,
        *,
        task_id: str,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.TextToVideoTaskQueryResponse:
        """Query a Kling text-to-video task

        Returns the state of a text-to-video task created with `createKlingTextToVideo`. The
        page names this path as the way to poll results but documents neither its parameters nor
        its response; the response shape is that of the new-api gateway software for this path.
        Poll until `data.status` is `SUCCESS` (video URL in `data.result_url`, or in the raw
        upstream body `data.data`) or `FAILURE` (reason in `data.fail_reason`). new-api answers
        an unknown task id with an HTTP 400 error (`task_not_exist`); that is not documented
        here.

        `GET /kling/v1/videos/text2video/{task_id}`

        Args:
            task_id: The task id returned by `createKlingTextToVideo` (`task_id`, or `id`).
            extra_headers, extra_query: headers, query parameters to send beyond the documented
                ones (not validated; one that repeats an argument is refused). timeout: the HTTP
                timeout of each request in seconds (or an httpx.Timeout; None for none), instead
                of the client's.

        Returns:
            The parsed `TextToVideoTaskQueryResponse` response.
        """
        return self._request(
            GET_TEXT_TO_VIDEO_TASK,
            path_params={
                "task_id": task_id,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
        )

    def create_kling_text_to_video_and_wait(
        self,
        *,
        model_name: Literal[
            "kling-v1",
            "kling-v1-6",
            "kling-v2-master",
            "kling-v2-1-master",
            "kling-v2-5-turbo",
            "kling-v2-6",
            "kling-video-o1",
        ],
        prompt: str,
        mode: Literal["std", "pro"] | NotGiven = NOT_GIVEN,
        duration: Literal["5", "10"] | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["1:1", "16:9", "9:16"] | NotGiven = NOT_GIVEN,
        size: str | NotGiven = NOT_GIVEN,
        cfg_scale: float | NotGiven = NOT_GIVEN,
        negative_prompt: str | NotGiven = NOT_GIVEN,
        metadata: models.KlingVideoRequestMetadata | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.TextToVideoTaskQueryResponse]:
        """`create_kling_text_to_video`, then wait for the task with `get_text_to_video_task` until it ends.

        Takes the arguments of `create_kling_text_to_video`. Returns the `TaskResult` of a
        succeeded task (`.video_url`, `.download(path)`). Raises `TaskFailedError` (with the
        gateway's reason) if it fails and `TaskTimeoutError` after `max_wait` seconds (default
        30 minutes); polls start `poll_interval` seconds apart and grow to 30 s. `on_progress`
        gets a `TaskProgress` after every poll. Every error names the task id, and the id is
        logged as soon as the task exists.

        extra_headers, extra_query, extra_body: headers, query parameters or body fields to send
            beyond the documented ones (not validated; one that repeats an argument is refused).
            timeout: the HTTP timeout of each request in seconds (or an httpx.Timeout; None for
            none), instead of the client's.
        """
        self._check_wait(
            "create_kling_text_to_video",
            max_wait,
            poll_interval,
            on_progress,
            ("max_wait", "poll_interval", "on_progress"),
        )
        client = self._per_call(timeout)
        created = client.create_kling_text_to_video(
            model_name=model_name,
            prompt=prompt,
            mode=mode,
            duration=duration,
            aspect_ratio=aspect_ratio,
            size=size,
            cfg_scale=cfg_scale,
            negative_prompt=negative_prompt,
            metadata=metadata,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return client._wait(
            CREATE_KLING_TEXT_TO_VIDEO_TASK,
            client._task_id(CREATE_KLING_TEXT_TO_VIDEO_TASK, created),
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    def wait_for_task(
        self,
        task_id: str,
        *,
        operation: Literal["create_kling_text_to_video"] = "create_kling_text_to_video",
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.TextToVideoTaskQueryResponse]:
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
    """An asynchronous open-route video API client, with the same methods as `Client`."""

    _provider = PROVIDER

    @property
    def with_raw_response(self) -> AsyncClientWithRawResponse:
        """The same methods, returning an `APIResponse` (the `httpx.Response` and `.parse()`)."""
        return AsyncClientWithRawResponse(self)

    async def create_kling_text_to_video(
        self,
        *,
        model_name: Literal[
            "kling-v1",
            "kling-v1-6",
            "kling-v2-master",
            "kling-v2-1-master",
            "kling-v2-5-turbo",
            "kling-v2-6",
            "kling-video-o1",
        ],
        prompt: str,
        mode: Literal["std", "pro"] | NotGiven = NOT_GIVEN,
        duration: Literal["5", "10"] | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["1:1", "16:9", "9:16"] | NotGiven = NOT_GIVEN,
        size: str | NotGiven = NOT_GIVEN,
        cfg_scale: float | NotGiven = NOT_GIVEN,
        negative_prompt: str | NotGiven = NOT_GIVEN,
        metadata: models.KlingVideoRequestMetadata | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.KlingVideoTaskCreateResponse:
        """文生视频

        Kling text-to-video endpoint (asynchronous task). Returns a task id; poll the result
        with `GET /kling/v1/videos/text2video/{task_id}` or `GET
        /v1/video/generations/{task_id}`.

        `POST /kling/v1/videos/text2video`

        Args:
            model_name: Model. kling-v2-master and kling-v2-1-master are the master editions
                (大师版), which have no std/pro distinction.
            prompt: Text prompt describing the video.
            mode: Quality: `std` (standard, default) or `pro` (high quality). The master-edition
                models (kling-v2-master, kling-v2-1-master) have no such parameter; leave it out
                for them.
            duration: Video length in seconds, as a string: "5" (default) or "10". The example
                sends "5".
            aspect_ratio: Aspect ratio, 1:1 (default), 16:9 or 9:16. Can also be derived from
                `size`.
            size: A size that the gateway maps automatically to an aspect ratio ("也可通过 size
                传尺寸自动 映射"), as an alternative to `aspect_ratio`. The page does not document its
                format.
            cfg_scale: Generation freedom (生成自由度), 0 to 1.
            negative_prompt: Negative prompt (optional).
            metadata: Extra Kling parameters passed through the gateway. The page says camera
                control is passed through `metadata` ("镜头控制(可选,通过 metadata 传递)"); it does not
                list other keys, so the object stays open.
            extra_headers, extra_query, extra_body: headers, query parameters or body fields to
                send beyond the documented ones (not validated; one that repeats an argument is
                refused). timeout: the HTTP timeout of each request in seconds (or an
                httpx.Timeout; None for none), instead of the client's.

        Creates a paid task: a failure that leaves unknown whether the gateway took the request
        raises `SubmissionUncertainError` instead of sending it again.

        Returns:
            The parsed `KlingVideoTaskCreateResponse` response.
        """
        return await self._request(
            CREATE_KLING_TEXT_TO_VIDEO,
            body={
                "model_name": model_name,
                "prompt": prompt,
                "mode": mode,
                "duration": duration,
                "aspect_ratio": aspect_ratio,
                "size": size,
                "cfg_scale": cfg_scale,
                "negative_prompt": negative_prompt,
                "metadata": metadata,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def get_text_to_video_task(
        self,
        *,
        task_id: str,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.TextToVideoTaskQueryResponse:
        """Query a Kling text-to-video task

        Returns the state of a text-to-video task created with `createKlingTextToVideo`. The
        page names this path as the way to poll results but documents neither its parameters nor
        its response; the response shape is that of the new-api gateway software for this path.
        Poll until `data.status` is `SUCCESS` (video URL in `data.result_url`, or in the raw
        upstream body `data.data`) or `FAILURE` (reason in `data.fail_reason`). new-api answers
        an unknown task id with an HTTP 400 error (`task_not_exist`); that is not documented
        here.

        `GET /kling/v1/videos/text2video/{task_id}`

        Args:
            task_id: The task id returned by `createKlingTextToVideo` (`task_id`, or `id`).
            extra_headers, extra_query: headers, query parameters to send beyond the documented
                ones (not validated; one that repeats an argument is refused). timeout: the HTTP
                timeout of each request in seconds (or an httpx.Timeout; None for none), instead
                of the client's.

        Returns:
            The parsed `TextToVideoTaskQueryResponse` response.
        """
        return await self._request(
            GET_TEXT_TO_VIDEO_TASK,
            path_params={
                "task_id": task_id,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
        )

    async def create_kling_text_to_video_and_wait(
        self,
        *,
        model_name: Literal[
            "kling-v1",
            "kling-v1-6",
            "kling-v2-master",
            "kling-v2-1-master",
            "kling-v2-5-turbo",
            "kling-v2-6",
            "kling-video-o1",
        ],
        prompt: str,
        mode: Literal["std", "pro"] | NotGiven = NOT_GIVEN,
        duration: Literal["5", "10"] | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["1:1", "16:9", "9:16"] | NotGiven = NOT_GIVEN,
        size: str | NotGiven = NOT_GIVEN,
        cfg_scale: float | NotGiven = NOT_GIVEN,
        negative_prompt: str | NotGiven = NOT_GIVEN,
        metadata: models.KlingVideoRequestMetadata | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.TextToVideoTaskQueryResponse]:
        """`create_kling_text_to_video`, then wait for the task with `get_text_to_video_task` until it ends.

        Takes the arguments of `create_kling_text_to_video`. Returns the `TaskResult` of a
        succeeded task (`.video_url`, `.download(path)`). Raises `TaskFailedError` (with the
        gateway's reason) if it fails and `TaskTimeoutError` after `max_wait` seconds (default
        30 minutes); polls start `poll_interval` seconds apart and grow to 30 s. `on_progress`
        gets a `TaskProgress` after every poll. Every error names the task id, and the id is
        logged as soon as the task exists.

        extra_headers, extra_query, extra_body: headers, query parameters or body fields to send
            beyond the documented ones (not validated; one that repeats an argument is refused).
            timeout: the HTTP timeout of each request in seconds (or an httpx.Timeout; None for
            none), instead of the client's.
        """
        self._check_wait(
            "create_kling_text_to_video",
            max_wait,
            poll_interval,
            on_progress,
            ("max_wait", "poll_interval", "on_progress"),
        )
        client = self._per_call(timeout)
        created = await client.create_kling_text_to_video(
            model_name=model_name,
            prompt=prompt,
            mode=mode,
            duration=duration,
            aspect_ratio=aspect_ratio,
            size=size,
            cfg_scale=cfg_scale,
            negative_prompt=negative_prompt,
            metadata=metadata,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
        )
        return await client._wait(
            CREATE_KLING_TEXT_TO_VIDEO_TASK,
            client._task_id(CREATE_KLING_TEXT_TO_VIDEO_TASK, created),
            max_wait=max_wait,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    async def wait_for_task(
        self,
        task_id: str,
        *,
        operation: Literal["create_kling_text_to_video"] = "create_kling_text_to_video",
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.TextToVideoTaskQueryResponse]:
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
        self.create_kling_text_to_video = raw_response(client.create_kling_text_to_video)
        self.get_text_to_video_task = raw_response(client.get_text_to_video_task)


class AsyncClientWithRawResponse:
    """`AsyncClient`'s methods, each returning `APIResponse[Model]` instead of the model."""

    def __init__(self, client: AsyncClient) -> None:
        self.create_kling_text_to_video = async_raw_response(client.create_kling_text_to_video)
        self.get_text_to_video_task = async_raw_response(client.get_text_to_video_task)
