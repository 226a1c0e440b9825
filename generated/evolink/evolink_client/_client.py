# generated from specs/evolink.yaml by gatewaygen, do not edit
"""The Evolink video API clients: one method per documented operation."""

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
    name="evolink",
    title="Evolink video API",
    api_key_env="EVOLINK_API_KEY",
    base_url_env="EVOLINK_BASE_URL",
    default_base_url="https://api.evolink.ai",
    user_agent=f"evolink-client/{__version__} gatewaygen/0.1.0",
    models=_models,
    errors=ErrorFormat(
        code=("/error/code",),
        message=("/error/message",),
        request_id=(),
        advice=("/error/fallback_suggestion",),
    ),
)

CREATE_VIDEO_GENERATION: Operation[models.VideoGenerationTask] = Operation(
    name="createVideoGeneration",
    method="POST",
    path="/v1/videos/generations",
    response_model="VideoGenerationTask",
    request_model="VideoGenerationRequest",
    paid_task=True,
    checks=(
        (("image_start",), "uri"),
        (("image_end",), "uri"),
        (("image_urls", "[]"), "uri"),
        (("callback_url",), "uri"),
        (("callback_url",), "public-url"),
    ),
    create_method="create_video_generation",
    task_id_at=("/id",),
)

GET_TASK: Operation[models.TaskDetail] = Operation(
    name="getTask",
    method="GET",
    path="/v1/tasks/{task_id}",
    response_model="TaskDetail",
    parameters_model="GetTaskParameters",
)

CREATE_VIDEO_GENERATION_TASK = Lifecycle(
    create="create_video_generation",
    poll=GET_TASK,
    poll_argument="task_id",
    poll_location="path",
    id=("/id",),
    status=("/status",),
    succeeded=frozenset(("completed",)),
    failed=frozenset(("failed", "cancelled", "canceled")),
    pending=("pending", "processing"),
    progress=("/progress",),
    error=("/error/message", "/error/code"),
    video_url=("/results/0",),
)

#: The lifecycle of each create method's task, for `wait_for_task(operation=...)`.
TASKS = {
    "create_video_generation": CREATE_VIDEO_GENERATION_TASK,
}

CREATE_VIDEO_GENERATION_CALLBACK = Callback(
    lifecycle=CREATE_VIDEO_GENERATION_TASK,
    task_id=("/id",),
)

#: Where each create method's callbacks name their task, for `parse_callback(operation=...)`.
CALLBACKS = {
    "create_video_generation": CREATE_VIDEO_GENERATION_CALLBACK,
}


class Client(SyncAPIClient):
    """A synchronous Evolink video API client.

    The API key is read from `EVOLINK_API_KEY` when `api_key` is not given, and the base
    URL from `EVOLINK_BASE_URL`, then defaults to https://api.evolink.ai.
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
        model: Literal["kling-o3-image-to-video"],
        prompt: str,
        image_start: str | NotGiven = NOT_GIVEN,
        image_end: str | NotGiven = NOT_GIVEN,
        image_urls: Sequence[str] | NotGiven = NOT_GIVEN,
        duration: int | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["16:9", "9:16", "1:1"] | NotGiven = NOT_GIVEN,
        quality: Literal["720p", "1080p"] | NotGiven = NOT_GIVEN,
        sound: Literal["on", "off"] | NotGiven = NOT_GIVEN,
        model_params: models.ModelParams | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        callback_url: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.VideoGenerationTask:
        """Create a video generation task (kling-o3-image-to-video)

        Submits an asynchronous Kling O3 image-to-video task and returns the task object (status
        `pending`). Poll it with `getTask` or receive it at `callback_url`.

        `POST /v1/videos/generations`

        Args:
            model: Name of the video generation model.
            prompt: Text prompt, at most 2500 characters. The page marks it required and adds:
                "Required when multi_shot=false (default); provided per shot by multi_prompt
                when multi_shot=true" — but documents neither multi_shot nor multi_prompt. Use
                <<<element_1>>> to reference elements and <<<image_1>>> to reference images.
            image_start: URL of the first-frame image. Image requirements: format JPG / JPEG /
                PNG; size <= 10MB; width and height >= 300px; aspect ratio between 1:2.5 and
                2.5:1.
            image_end: URL of the last-frame image. Restrictions: a last frame requires a first
                frame (`image_start`); the last frame is not supported when the total number of
                images exceeds 2.
            image_urls: Array of reference image URLs (not first/last frame; for style, scene or
                element reference).
            duration: Video duration in seconds, an integer from 3 to 15.
            aspect_ratio: Video aspect ratio.
            quality: Resolution level.
            sound: Sound effect control.
            model_params: Model extension parameters ("Modellerweiterungsparameter"). The page
                documents no keys; any object is passed through.
            callback_url: HTTPS callback URL for task completion. When: fired when the task is
                completed, failed or cancelled; sent after billing is confirmed. Security
                restrictions: HTTPS only; internal IP addresses are forbidden (127.0.0.1,
                10.x.x.x, 172.16-31.x.x, 192.168.x.x, etc.); the URL must not exceed 2048
                characters. Mechanism: 10 second timeout; at most 3 retries after a failure
                (after 1/2/4 seconds); the callback body has the same format as the task query
                API (`TaskDetail`); any 2xx status counts as success, other codes trigger a
                retry.
            extra_headers, extra_query, extra_body: headers, query parameters or body fields to
                send beyond the documented ones (not validated; one that repeats an argument is
                refused). timeout: the HTTP timeout of each request in seconds (or an
                httpx.Timeout; None for none), instead of the client's.

        Creates a paid task: a failure that leaves unknown whether the gateway took the request
        raises `SubmissionUncertainError` instead of sending it again.

        Returns:
            The parsed `VideoGenerationTask` response.
        """
        return self._request(
            CREATE_VIDEO_GENERATION,
            body={
                "model": model,
                "prompt": prompt,
                "image_start": image_start,
                "image_end": image_end,
                "image_urls": image_urls,
                "duration": duration,
                "aspect_ratio": aspect_ratio,
                "quality": quality,
                "sound": sound,
                "model_params": model_params,
                "callback_url": callback_url,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def get_task(
        self,
        *,
        task_id: str,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.TaskDetail:
        """Query a task's status, progress and result

        Returns the task created by `createVideoGeneration`. `progress` runs from 0 to 100;
        `results` (video URLs, valid 24 hours) is present only when `status` is `completed`; a
        `failed` task carries `error`. Terminal statuses: `completed`, `failed`. The callback
        body sent to `callback_url` has this same shape.

        `GET /v1/tasks/{task_id}`

        Args:
            task_id: The task ID, i.e. the `id` returned by `createVideoGeneration`.
            extra_headers, extra_query: headers, query parameters to send beyond the documented
                ones (not validated; one that repeats an argument is refused). timeout: the HTTP
                timeout of each request in seconds (or an httpx.Timeout; None for none), instead
                of the client's.

        Returns:
            The parsed `TaskDetail` response.
        """
        return self._request(
            GET_TASK,
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
        model: Literal["kling-o3-image-to-video"],
        prompt: str,
        image_start: str | NotGiven = NOT_GIVEN,
        image_end: str | NotGiven = NOT_GIVEN,
        image_urls: Sequence[str] | NotGiven = NOT_GIVEN,
        duration: int | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["16:9", "9:16", "1:1"] | NotGiven = NOT_GIVEN,
        quality: Literal["720p", "1080p"] | NotGiven = NOT_GIVEN,
        sound: Literal["on", "off"] | NotGiven = NOT_GIVEN,
        model_params: models.ModelParams | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        callback_url: str | NotGiven = NOT_GIVEN,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.TaskDetail]:
        """`create_video_generation`, then wait for the task with `get_task` until it ends.

        Takes the arguments of `create_video_generation`. Returns the `TaskResult` of a
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
            image_start=image_start,
            image_end=image_end,
            image_urls=image_urls,
            duration=duration,
            aspect_ratio=aspect_ratio,
            quality=quality,
            sound=sound,
            model_params=model_params,
            callback_url=callback_url,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
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
    ) -> TaskResult[models.TaskDetail]:
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
        operation: Literal["create_video_generation"] = "create_video_generation",
    ) -> TaskCallback[models.TaskDetail]:
        """Read the body the gateway POSTs to a create's `callback_url` (the task, in the poll's format).

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
        operation: Literal["create_video_generation"] = "create_video_generation",
    ) -> TaskResult[models.TaskDetail] | None:
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
    """An asynchronous Evolink video API client, with the same methods as `Client`."""

    _provider = PROVIDER

    @property
    def with_raw_response(self) -> AsyncClientWithRawResponse:
        """The same methods, returning an `APIResponse` (the `httpx.Response` and `.parse()`)."""
        return AsyncClientWithRawResponse(self)

    async def create_video_generation(
        self,
        *,
        model: Literal["kling-o3-image-to-video"],
        prompt: str,
        image_start: str | NotGiven = NOT_GIVEN,
        image_end: str | NotGiven = NOT_GIVEN,
        image_urls: Sequence[str] | NotGiven = NOT_GIVEN,
        duration: int | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["16:9", "9:16", "1:1"] | NotGiven = NOT_GIVEN,
        quality: Literal["720p", "1080p"] | NotGiven = NOT_GIVEN,
        sound: Literal["on", "off"] | NotGiven = NOT_GIVEN,
        model_params: models.ModelParams | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        callback_url: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.VideoGenerationTask:
        """Create a video generation task (kling-o3-image-to-video)

        Submits an asynchronous Kling O3 image-to-video task and returns the task object (status
        `pending`). Poll it with `getTask` or receive it at `callback_url`.

        `POST /v1/videos/generations`

        Args:
            model: Name of the video generation model.
            prompt: Text prompt, at most 2500 characters. The page marks it required and adds:
                "Required when multi_shot=false (default); provided per shot by multi_prompt
                when multi_shot=true" — but documents neither multi_shot nor multi_prompt. Use
                <<<element_1>>> to reference elements and <<<image_1>>> to reference images.
            image_start: URL of the first-frame image. Image requirements: format JPG / JPEG /
                PNG; size <= 10MB; width and height >= 300px; aspect ratio between 1:2.5 and
                2.5:1.
            image_end: URL of the last-frame image. Restrictions: a last frame requires a first
                frame (`image_start`); the last frame is not supported when the total number of
                images exceeds 2.
            image_urls: Array of reference image URLs (not first/last frame; for style, scene or
                element reference).
            duration: Video duration in seconds, an integer from 3 to 15.
            aspect_ratio: Video aspect ratio.
            quality: Resolution level.
            sound: Sound effect control.
            model_params: Model extension parameters ("Modellerweiterungsparameter"). The page
                documents no keys; any object is passed through.
            callback_url: HTTPS callback URL for task completion. When: fired when the task is
                completed, failed or cancelled; sent after billing is confirmed. Security
                restrictions: HTTPS only; internal IP addresses are forbidden (127.0.0.1,
                10.x.x.x, 172.16-31.x.x, 192.168.x.x, etc.); the URL must not exceed 2048
                characters. Mechanism: 10 second timeout; at most 3 retries after a failure
                (after 1/2/4 seconds); the callback body has the same format as the task query
                API (`TaskDetail`); any 2xx status counts as success, other codes trigger a
                retry.
            extra_headers, extra_query, extra_body: headers, query parameters or body fields to
                send beyond the documented ones (not validated; one that repeats an argument is
                refused). timeout: the HTTP timeout of each request in seconds (or an
                httpx.Timeout; None for none), instead of the client's.

        Creates a paid task: a failure that leaves unknown whether the gateway took the request
        raises `SubmissionUncertainError` instead of sending it again.

        Returns:
            The parsed `VideoGenerationTask` response.
        """
        return await self._request(
            CREATE_VIDEO_GENERATION,
            body={
                "model": model,
                "prompt": prompt,
                "image_start": image_start,
                "image_end": image_end,
                "image_urls": image_urls,
                "duration": duration,
                "aspect_ratio": aspect_ratio,
                "quality": quality,
                "sound": sound,
                "model_params": model_params,
                "callback_url": callback_url,
            },
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def get_task(
        self,
        *,
        task_id: str,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> models.TaskDetail:
        """Query a task's status, progress and result

        Returns the task created by `createVideoGeneration`. `progress` runs from 0 to 100;
        `results` (video URLs, valid 24 hours) is present only when `status` is `completed`; a
        `failed` task carries `error`. Terminal statuses: `completed`, `failed`. The callback
        body sent to `callback_url` has this same shape.

        `GET /v1/tasks/{task_id}`

        Args:
            task_id: The task ID, i.e. the `id` returned by `createVideoGeneration`.
            extra_headers, extra_query: headers, query parameters to send beyond the documented
                ones (not validated; one that repeats an argument is refused). timeout: the HTTP
                timeout of each request in seconds (or an httpx.Timeout; None for none), instead
                of the client's.

        Returns:
            The parsed `TaskDetail` response.
        """
        return await self._request(
            GET_TASK,
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
        model: Literal["kling-o3-image-to-video"],
        prompt: str,
        image_start: str | NotGiven = NOT_GIVEN,
        image_end: str | NotGiven = NOT_GIVEN,
        image_urls: Sequence[str] | NotGiven = NOT_GIVEN,
        duration: int | NotGiven = NOT_GIVEN,
        aspect_ratio: Literal["16:9", "9:16", "1:1"] | NotGiven = NOT_GIVEN,
        quality: Literal["720p", "1080p"] | NotGiven = NOT_GIVEN,
        sound: Literal["on", "off"] | NotGiven = NOT_GIVEN,
        model_params: models.ModelParams | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        callback_url: str | NotGiven = NOT_GIVEN,
        max_wait: float = DEFAULT_MAX_WAIT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[TaskProgress], None] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
    ) -> TaskResult[models.TaskDetail]:
        """`create_video_generation`, then wait for the task with `get_task` until it ends.

        Takes the arguments of `create_video_generation`. Returns the `TaskResult` of a
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
            image_start=image_start,
            image_end=image_end,
            image_urls=image_urls,
            duration=duration,
            aspect_ratio=aspect_ratio,
            quality=quality,
            sound=sound,
            model_params=model_params,
            callback_url=callback_url,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
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
    ) -> TaskResult[models.TaskDetail]:
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
        operation: Literal["create_video_generation"] = "create_video_generation",
    ) -> TaskCallback[models.TaskDetail]:
        """Read the body the gateway POSTs to a create's `callback_url` (the task, in the poll's format).

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
        operation: Literal["create_video_generation"] = "create_video_generation",
    ) -> TaskResult[models.TaskDetail] | None:
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
        self.create_video_generation = raw_response(client.create_video_generation)
        self.get_task = raw_response(client.get_task)


class AsyncClientWithRawResponse:
    """`AsyncClient`'s methods, each returning `APIResponse[Model]` instead of the model."""

    def __init__(self, client: AsyncClient) -> None:
        self.create_video_generation = async_raw_response(client.create_video_generation)
        self.get_task = async_raw_response(client.get_task)
