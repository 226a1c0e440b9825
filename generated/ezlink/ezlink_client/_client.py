# generated from specs/ezlink.yaml by gatewaygen, do not edit
"""The EZLINK AI video API clients: one method per documented operation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import models
from ._runtime import (
    NOT_GIVEN,
    AsyncAPIClient,
    Envelope,
    NotGiven,
    Operation,
    Provider,
    SyncAPIClient,
)

__all__ = ["AsyncClient", "Client"]

PROVIDER = Provider(
    name="ezlink",
    title="EZLINK AI video API",
    api_key_env="EZLINK_API_KEY",
    base_url_env="EZLINK_BASE_URL",
    default_base_url="https://api.ezlinkai.com",
    user_agent="ezlink-client/0.1.0 gatewaygen/0.1.0",
    envelope=Envelope(
        code="/code",
        success=(0,),
        message="/message",
        request_id="/request_id",
    ),
)

CREATE_IMAGE_TO_VIDEO = Operation(
    name="createImageToVideo",
    method="POST",
    path="/kling/image-to-video/kling-3.0-turbo",
    response_model=models.CreateTaskResponse,
)

CREATE_TEXT_TO_VIDEO = Operation(
    name="createTextToVideo",
    method="POST",
    path="/kling/text-to-video/kling-3.0-turbo",
    response_model=models.CreateTaskResponse,
)

GET_TASKS = Operation(
    name="getTasks",
    method="GET",
    path="/kling/tasks",
    response_model=models.QueryTasksResponse,
)


class Client(SyncAPIClient):
    """A synchronous EZLINK AI video API client.

    The API key is read from `EZLINK_API_KEY` when `api_key` is not given, and the base
    URL from `EZLINK_BASE_URL`, then defaults to https://api.ezlinkai.com.
    """

    _provider = PROVIDER

    def create_image_to_video(
        self,
        *,
        contents: Sequence[
            models.FirstFrameContentItem | models.PromptContentItem | Mapping[str, Any]
        ],
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
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
        )

    def create_text_to_video(
        self,
        *,
        prompt: str,
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
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
        )

    def get_tasks(
        self,
        *,
        task_ids: str,
    ) -> models.QueryTasksResponse:
        """【视频 3.0 Turbo 文生视频】查询任务(指定任务ID)

        Queries one or more Kling 3.0 Turbo tasks by ID. Kling's newer standard also accepts
        external_task_ids= (the external_task_id given at create) instead of task_ids; that
        variant is not modelled here. Queries do not use a concurrency slot. The result video is
        data[].outputs[].url once status is succeeded.

        `GET /kling/tasks`

        Args:
            task_ids: Comma-separated task IDs (data.id of the create response).

        Returns:
            The parsed `QueryTasksResponse` response.
        """
        return self._request(
            GET_TASKS,
            query={
                "task_ids": task_ids,
            },
        )


class AsyncClient(AsyncAPIClient):
    """An asynchronous EZLINK AI video API client, with the same methods as `Client`."""

    _provider = PROVIDER

    async def create_image_to_video(
        self,
        *,
        contents: Sequence[
            models.FirstFrameContentItem | models.PromptContentItem | Mapping[str, Any]
        ],
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
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
        )

    async def create_text_to_video(
        self,
        *,
        prompt: str,
        settings: models.GenerationSettings | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        options: models.TaskOptions | Mapping[str, Any] | NotGiven = NOT_GIVEN,
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
        )

    async def get_tasks(
        self,
        *,
        task_ids: str,
    ) -> models.QueryTasksResponse:
        """【视频 3.0 Turbo 文生视频】查询任务(指定任务ID)

        Queries one or more Kling 3.0 Turbo tasks by ID. Kling's newer standard also accepts
        external_task_ids= (the external_task_id given at create) instead of task_ids; that
        variant is not modelled here. Queries do not use a concurrency slot. The result video is
        data[].outputs[].url once status is succeeded.

        `GET /kling/tasks`

        Args:
            task_ids: Comma-separated task IDs (data.id of the create response).

        Returns:
            The parsed `QueryTasksResponse` response.
        """
        return await self._request(
            GET_TASKS,
            query={
                "task_ids": task_ids,
            },
        )
