# generated from specs/uniall.yaml by gatewaygen, do not edit

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class MultiPromptItem(BaseModel):
    """
    One shot of extra_body.multi_prompt.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    prompt: str
    """
    Prompt for this shot.
    """


class VideoGenerationCreateResponse(BaseModel):
    """
    Create response. The page's field table is empty and its only example is `{}`, so every field is optional.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    id: str | None = None
    """
    Task id; pass it to getVideoTask as task_id.
    """
    object: str | None = None
    """
    Object type, `video.generation.job` on UniAll's sibling pages.
    """
    model: str | None = None
    """
    Model of the task.
    """
    status: str | None = None
    """
    Task status. Known values: `queued` and `in_progress` (running), `completed` and `failed` (terminal).
    """
    progress: int | None = None
    """
    Progress in percent.
    """
    created_at: int | None = None
    """
    Creation time (Unix timestamp).
    """


class VideoTask(BaseModel):
    """
    A video generation task as returned by GET /v1/videos/{task_id}. More fields may be present (the research notes the list as open-ended); clients must keep unknown fields.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    id: str
    """
    Task id.
    """
    object: str | None = None
    """
    Object type, `video.generation.job`.
    """
    model: str | None = None
    """
    Model of the task, e.g. kling-v3-std-silent.
    """
    status: str
    """
    Task status. Known values: `queued` and `in_progress` (running), `completed` and `failed` (terminal).
    """
    progress: int | None = None
    """
    Progress in percent (0 to 100).
    """
    video_url: str | None = None
    """
    URL of the generated video; present once the status is `completed`.
    """
    created_at: int | None = None
    """
    Creation time (Unix timestamp).
    """


class ErrorDetail(BaseModel):
    """
    OpenAI-style error object.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    message: str | None = None
    type: str | None = None
    param: str | None = None
    code: str | int | None = None


class GetVideoTaskParameters(BaseModel):
    """
    The parameters of `getVideoTask`.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    task_id: str


class ExtraBody(BaseModel):
    """
    Kling-specific options.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    negative_prompt: str | None = None
    """
    Content to avoid in the video (examples "模糊, 低细节", "伪影, 畸变").
    """
    cfg_scale: Annotated[int | float | None, Field(ge=0.0, le=1.0)] = None
    """
    Prompt adherence strength; higher values follow the prompt more closely. Examples use 0.5 and 0.6.
    """
    multi_prompt: list[MultiPromptItem] | None = None
    """
    Multi-shot prompt list for image-to-video; each entry is one shot's prompt. Do not send it together with the top-level `prompt` in image-to-video mode.
    """
    element_list: list[Any] | None = None
    """
    Element (subject) references, passed on to Kling. The shape of an entry is not documented, so entries are left unconstrained.
    """
    shot_type: Literal["customize", "intelligent"] | None = None
    """
    Shot mode: `customize` or `intelligent`.
    """


class ErrorResponse(BaseModel):
    """
    Error body. Two shapes are plausible and both fit: the OpenAI-style `{"error": {"message", "type", "param", "code"}}`, and the task-relay shape `{"code", "message", "data"}`.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    error: ErrorDetail | None = None
    code: str | None = None
    """
    Error code of the task-relay shape.
    """
    message: str | None = None
    """
    Error message of the task-relay shape.
    """
    data: Any | None = None
    """
    Extra error data of the task-relay shape (any JSON value).
    """


class VideoGenerationRequest(BaseModel):
    """
    Body of 创建视频任务. Text-to-video: omit `image`. Image-to-video: send `image`. First-and-last-frame: send `image` (first frame) and `last_image`. Multi-prompt image-to-video: send `image` and `extra_body.multi_prompt`, without `prompt`. Either `prompt` or `extra_body.multi_prompt` must carry the prompt text.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    model: Annotated[
        Literal[
            "kling-v3-std-silent", "kling-v3-std-audio", "kling-v3-pro-silent", "kling-v3-pro-audio"
        ],
        Field(title="模型名称"),
    ]
    """
    Model name.
    """
    prompt: Annotated[str | None, Field(title="主提示词")] = None
    """
    Main prompt. In image-to-video mode it must not be sent together with extra_body.multi_prompt (the multi_prompt example omits it).
    """
    image: Annotated[str | None, Field(title="参考图URL")] = None
    """
    Reference image URL. Send it for image-to-video; omit it for text-to-video. (Note: if last_image is given, this image is the first frame.)
    """
    last_image: Annotated[str | None, Field(title="结束帧图 URL")] = None
    """
    End-frame image URL; used together with `image` (first frame).
    """
    aspect_ratio: Annotated[Literal["16:9", "9:16", "1:1"] | None, Field(title="输出画幅比例")] = (
        None
    )
    """
    Output aspect ratio. Allowed values: 16:9, 9:16, 1:1. (Note: in image-to-video mode it is not guaranteed to take effect; the output video is authoritative.)
    """
    duration: Annotated[int | None, Field(ge=3, le=15, title="视频时长(秒)")] = None
    """
    Video duration in seconds. Allowed values 3 to 15.
    """
    extra_body: ExtraBody | None = None
