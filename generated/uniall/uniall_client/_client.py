# generated from specs/uniall.yaml by gatewaygen, do not edit
"""The UniAll video API clients: one method per documented operation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from . import models
from ._runtime import (
    NOT_GIVEN,
    AsyncAPIClient,
    NotGiven,
    Operation,
    Provider,
    SyncAPIClient,
)

__all__ = ["AsyncClient", "Client"]

PROVIDER = Provider(
    name="uniall",
    title="UniAll video API",
    api_key_env="UNIALL_API_KEY",
    base_url_env="UNIALL_BASE_URL",
    default_base_url=None,
    user_agent="uniall-client/0.1.0 gatewaygen/0.1.0",
)

CREATE_VIDEO_GENERATION = Operation(
    name="createVideoGeneration",
    method="POST",
    path="/v1/video/generations",
    response_model=models.VideoGenerationCreateResponse,
)

GET_VIDEO_TASK = Operation(
    name="getVideoTask",
    method="GET",
    path="/v1/videos/{task_id}",
    response_model=models.VideoTask,
)


class Client(SyncAPIClient):
    """A synchronous UniAll video API client.

    The API key is read from `UNIALL_API_KEY` when `api_key` is not given, and the base
    URL from `UNIALL_BASE_URL`.
    """

    _provider = PROVIDER

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
        extra_body_: models.ExtraBody | Mapping[str, Any] | NotGiven = NOT_GIVEN,
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
            extra_body_: (sent as `extra_body`) Kling-specific options. The table types
                extra_body as an object without listing its fields; cfg_scale, shot_type,
                negative_prompt and multi_prompt come from the page's examples, element_list
                from research/gateways.md.

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
                "extra_body": extra_body_,
            },
        )

    def get_video_task(
        self,
        *,
        task_id: str,
    ) -> models.VideoTask:
        """Query a video task

        Return the current state of a task created with createVideoGeneration: status, progress
        and, once completed, the video URL. Poll until the status is `completed` or `failed`.

        `GET /v1/videos/{task_id}`

        Args:
            task_id: The task id returned when the task was created (the `id` of the create
                response).

        Returns:
            The parsed `VideoTask` response.
        """
        return self._request(
            GET_VIDEO_TASK,
            path_params={
                "task_id": task_id,
            },
        )


class AsyncClient(AsyncAPIClient):
    """An asynchronous UniAll video API client, with the same methods as `Client`."""

    _provider = PROVIDER

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
        extra_body_: models.ExtraBody | Mapping[str, Any] | NotGiven = NOT_GIVEN,
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
            extra_body_: (sent as `extra_body`) Kling-specific options. The table types
                extra_body as an object without listing its fields; cfg_scale, shot_type,
                negative_prompt and multi_prompt come from the page's examples, element_list
                from research/gateways.md.

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
                "extra_body": extra_body_,
            },
        )

    async def get_video_task(
        self,
        *,
        task_id: str,
    ) -> models.VideoTask:
        """Query a video task

        Return the current state of a task created with createVideoGeneration: status, progress
        and, once completed, the video URL. Poll until the status is `completed` or `failed`.

        `GET /v1/videos/{task_id}`

        Args:
            task_id: The task id returned when the task was created (the `id` of the create
                response).

        Returns:
            The parsed `VideoTask` response.
        """
        return await self._request(
            GET_VIDEO_TASK,
            path_params={
                "task_id": task_id,
            },
        )
