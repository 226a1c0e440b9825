# generated from specs/ezlink.yaml by gatewaygen, do not edit

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class FirstFrameContentItem(BaseModel):
    """
    First-frame image (at least one is required).
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    type: Literal["first_frame"]
    url: str
    """
    Publicly reachable URL of the first-frame image. Upstream constraints: jpg/jpeg/png (no webp); size <= 50 MB; width and height each >= 300 px; aspect ratio between 1:2.5 and 2.5:1, otherwise the upstream returns an error.
    """


class PromptContentItem(BaseModel):
    """
    Text prompt (optional, at most one).
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    type: Literal["prompt"]
    text: Annotated[str, Field(max_length=2500, min_length=1)]
    """
    Prompt text, at most 2500 characters (image-to-video limit, lower than text-to-video's 3072).
    """


class GenerationSettings(BaseModel):
    """
    Generation parameters, all optional. For image-to-video the body is passed to the upstream unchanged and no defaults are filled in when settings is missing; set it explicitly.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    resolution: Literal["720p", "1080p"] | None = None
    """
    Output resolution. 720p (标清) is the base price; 1080p (高清) costs about 1.5x.
    """
    aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = None
    """
    Frame aspect ratio: 16:9 (landscape), 9:16 (portrait), 1:1 (square). For image-to-video the official note says the aspect ratio is set by the first-frame image and this field has no effect upstream, but the gateway still uses it to compute the price: keep it equal to the first frame's actual ratio, or omit it.
    """
    duration: Annotated[int | None, Field(ge=3, le=15)] = None
    """
    Video length in seconds, 3 to 15. The price grows linearly with the duration.
    """


class WatermarkInfo(BaseModel):
    """
    Watermark configuration, passed through unchanged (open object).
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    enabled: bool | None = None
    """
    Whether to produce a watermarked copy (Kling newer standard).
    """


class CreateTaskData(BaseModel):
    """
    Task information. Both id and task_id may carry the task ID; prefer id. Likewise status and task_status (the field name depends on the upstream).
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    id: str | None = None
    """
    Task ID (preferred).
    """
    task_id: str | None = None
    """
    Task ID (fallback; some upstreams return this field).
    """
    status: str | None = None
    """
    Initial task status, e.g. submitted / queued. Kling's newer standard uses submitted | processing | succeeded | failed.
    """
    task_status: str | None = None
    """
    Same as status; the field name depends on the upstream.
    """
    create_time: int | str | None = None
    """
    Creation time.
    """
    update_time: int | str | None = None
    """
    Last update time.
    """
    external_id: str | None = None
    """
    The external_task_id given at create.
    """


class TaskOutput(BaseModel):
    """
    One generated output of a task.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    type: str | None = None
    """
    Output kind, "video".
    """
    id: str | None = None
    url: str | None = None
    """
    URL of the generated video.
    """
    watermark_url: str | None = None
    """
    URL of the watermarked copy, when watermarking was requested.
    """
    duration: int | str | float | None = None
    """
    Video length in seconds (Kling's older standard sends a string such as "5").
    """


class TaskBillingItem(BaseModel):
    """
    One billing entry of a task; its fields are not documented (open object).
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )


class ErrorResponse(BaseModel):
    """
    Kling error body, returned with a non-2xx HTTP status.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    code: int
    """
    Kling error code (e.g. 1000-1004 auth, 1100-1102/1302-1304 limits, 1200-1201 parameters).
    """
    message: str
    request_id: str | None = None


class GetTasksParameters(BaseModel):
    """
    The parameters of `getTasks`.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    task_ids: Annotated[str, Field(min_length=1)]


class TaskOptions(BaseModel):
    """
    Task control parameters, all optional.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    callback_url: str | None = None
    """
    URL the upstream calls back when the task completes.
    """
    external_task_id: str | None = None
    """
    Caller-defined task ID, for idempotent lookups.
    """
    watermark_info: WatermarkInfo | None = None


class CreateTaskResponse(BaseModel):
    """
    Envelope of a create call. code 0 = success; any other code = failure, see message.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    code: int
    """
    0 = success; non-zero = failure, see message.
    """
    message: str
    request_id: str | None = None
    """
    Upstream request ID; give it to upstream support when investigating a problem.
    """
    data: CreateTaskData


class TaskInfo(BaseModel):
    """
    One task in the query result. Both id and task_id may carry the task ID (prefer id); status and task_status likewise.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    id: str | None = None
    """
    Task ID (preferred).
    """
    task_id: str | None = None
    """
    Task ID (fallback; some upstreams return this field).
    """
    status: str | None = None
    """
    Task status. Kling's newer standard: submitted | processing | succeeded | failed (terminal: succeeded, failed). The gateway may pass other values through (e.g. queued; Kling's older standard spells success "succeed").
    """
    task_status: str | None = None
    """
    Same as status; the field name depends on the upstream.
    """
    message: str | None = None
    """
    Status or failure message.
    """
    create_time: int | str | None = None
    """
    Creation time (type not documented).
    """
    update_time: int | str | None = None
    """
    Last update time (type not documented).
    """
    external_id: str | None = None
    """
    The external_task_id given at create.
    """
    outputs: list[TaskOutput] | None = None
    """
    Generated outputs, present once the task succeeded.
    """
    billing: list[TaskBillingItem] | None = None
    """
    Billing entries (shape not documented).
    """


class ImageToVideoRequest(BaseModel):
    """
    Kling 3.0 Turbo image-to-video request body. contents is required and must include at least one type=first_frame image item. The body is passed to the upstream unchanged; settings gets no defaults when missing (set it explicitly). Without a first_frame item the gateway answers 400 "contents must include at least one first_frame item".
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    contents: Annotated[list[FirstFrameContentItem | PromptContentItem], Field(min_length=1)]
    """
    Content items, required. Rules: (1) at least one type=first_frame item (with url); (2) optionally one type=prompt item (text up to 2500 characters); (3) type supports only prompt / first_frame, any other value gets a 400.
    """
    settings: GenerationSettings | None = None
    options: TaskOptions | None = None


class TextToVideoRequest(BaseModel):
    """
    Kling 3.0 Turbo text-to-video request body (Kling newer standard, passed through by EZLINK).
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    prompt: Annotated[str, Field(max_length=3072, min_length=1)]
    """
    Prompt text, at most 3072 characters.
    """
    settings: GenerationSettings | None = None
    options: TaskOptions | None = None


class QueryTasksResponse(BaseModel):
    """
    Envelope of the task query. code 0 = success; any other code = failure, see message.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    code: int
    """
    0 = success; non-zero = failure, see message.
    """
    message: str
    request_id: str | None = None
    """
    Upstream request ID.
    """
    data: list[TaskInfo]
    """
    One entry per queried task.
    """
