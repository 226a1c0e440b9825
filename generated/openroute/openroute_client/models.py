# generated from specs/openroute.yaml by gatewaygen, do not edit

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class KlingCameraControlConfig(BaseModel):
    """
    Camera movement amounts, each from -10 to 10.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    horizontal: Annotated[int | float | None, Field(ge=-10.0, le=10.0)] = None
    vertical: Annotated[int | float | None, Field(ge=-10.0, le=10.0)] = None
    pan: Annotated[int | float | None, Field(ge=-10.0, le=10.0)] = None
    tilt: Annotated[int | float | None, Field(ge=-10.0, le=10.0)] = None
    roll: Annotated[int | float | None, Field(ge=-10.0, le=10.0)] = None
    zoom: Annotated[int | float | None, Field(ge=-10.0, le=10.0)] = None


class VideoTaskMetadata(BaseModel):
    """
    Extra task data; `url` is the video URL once the task has finished.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    url: str | None = None
    """
    Video URL.
    """


class TextToVideoTaskData(BaseModel):
    """
    The gateway's task record. new-api's record may carry further fields (for example
    `action`, `start_time`, `platform`); they are kept.

    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    task_id: str
    """
    Task id.
    """
    status: str
    """
    Task status. Known values: NOT_START, SUBMITTED, QUEUED, IN_PROGRESS, SUCCESS,
    FAILURE, UNKNOWN. Terminal: SUCCESS, FAILURE. NOT_START, SUBMITTED, QUEUED and
    IN_PROGRESS mean the task is still running; UNKNOWN means the gateway could not tell.
    """
    progress: str | None = None
    """
    Progress as a percentage string, for example "30%" or "100%".
    """
    fail_reason: str | None = None
    """
    Why the task failed; empty otherwise.
    """
    result_url: str | None = None
    """
    URL of the generated video once the task has succeeded.
    """
    submit_time: int | None = None
    """
    Submission time, Unix seconds.
    """
    finish_time: int | None = None
    """
    Finish time, Unix seconds (0 while the task runs).
    """
    data: dict[str, Any] | None = None
    """
    The upstream (Kling) task body as the gateway last received it, unchanged; its
    shape is Kling's, not the gateway's.

    """


class ErrorDetail(BaseModel):
    """
    Error details.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    message: str | None = None
    """
    Human-readable message (new-api may append the request id).
    """
    type: str | None = None
    """
    Error type, for example "new_api_error".
    """
    code: str | None = None
    """
    Error code; may be empty.
    """


class GetTextToVideoTaskParameters(BaseModel):
    """
    The parameters of `getTextToVideoTask`.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    task_id: Annotated[str, Field(min_length=1)]


class KlingCameraControl(BaseModel):
    """
    Kling camera control (optional). The page names the parameter only; its layout
    {type, config} is Kling's.

    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    type: str | None = None
    """
    Camera movement type, as Kling defines it.
    """
    config: KlingCameraControlConfig | None = None


class KlingVideoTaskCreateResponse(BaseModel):
    """
    任务提交成功: an OpenAI-style video object describing the new task. Poll with `task_id`
    (or `id`). The page's example is a template filled with placeholders.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    id: str | None = None
    """
    Task id.
    """
    task_id: str | None = None
    """
    Task id (the value to poll with).
    """
    object: str | None = None
    """
    Object type; "video" in the page's example.
    """
    model: str | None = None
    """
    Model name.
    """
    status: str | None = None
    """
    Task status. The page's example has an empty string and documents no values. The
    values new-api uses in this object are queued,
    in_progress, completed, failed and unknown; kept a plain string so that an empty or
    other value is accepted.
    """
    progress: int | None = None
    """
    Progress (the example shows 0).
    """
    created_at: int | None = None
    """
    Creation time (the example shows 0; new-api uses Unix seconds).
    """
    completed_at: int | None = None
    """
    Completion time (the example shows 0).
    """
    metadata: VideoTaskMetadata | None = None


class TextToVideoTaskQueryResponse(BaseModel):
    """
    new-api's task response: `code` is "success" when the lookup worked; the task is in
    `data`.

    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    code: str
    """
    "success" when the task was found.
    """
    message: str | None = None
    """
    Message; usually empty on success.
    """
    data: TextToVideoTaskData


class ErrorResponse(BaseModel):
    """
    Error body returned with a non-2xx status, in one of new-api's two shapes (all fields optional): the OpenAI-style `{"error": {"message", "type", "code"}}` of its authentication middleware, and the task-relay `{"code", "message", "data"}` of its task routes.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    error: ErrorDetail | None = None
    code: str | None = None
    """
    Error code of the task-relay shape, such as "task_not_exist".
    """
    message: str | None = None
    """
    Error message of the task-relay shape.
    """
    data: Any | None = None
    """
    Extra error data of the task-relay shape (any JSON value).
    """


class KlingVideoRequestMetadata(BaseModel):
    """
    Extra Kling parameters passed through the gateway. The page says camera control is
    passed through `metadata` ("镜头控制(可选,通过 metadata 传递)"); it does not list other
    keys, so the object stays open.

    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    camera_control: KlingCameraControl | None = None


class KlingVideoRequest(BaseModel):
    """
    Body of a Kling text-to-video request. The page has no field table, only parameter notes
    and one example, and marks the body as required without marking fields. `model_name` and
    `prompt` are required here: the page's model list applies to `model_name` (new-api routes
    the request by it), and a text-to-video task has nothing to generate from without a
    prompt; both are in the example. Every other field has a documented default or is
    documented as optional. The whole body is forwarded to Kling (new-api copies it into the
    upstream request), so other Kling fields are not rejected.

    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    model_name: Literal[
        "kling-v1",
        "kling-v1-6",
        "kling-v2-master",
        "kling-v2-1-master",
        "kling-v2-5-turbo",
        "kling-v2-6",
        "kling-video-o1",
    ]
    """
    Model. kling-v2-master and kling-v2-1-master are the master editions (大师版), which
    have no std/pro distinction.

    """
    prompt: str
    """
    Text prompt describing the video.
    """
    mode: Literal["std", "pro"] | None = "std"
    """
    Quality: `std` (standard, default) or `pro` (high quality). The master-edition models
    (kling-v2-master, kling-v2-1-master) have no such parameter; leave it out for them.

    """
    duration: Literal["5", "10"] | None = "5"
    """
    Video length in seconds, as a string: "5" (default) or "10". The example sends "5".
    """
    aspect_ratio: Literal["1:1", "16:9", "9:16"] | None = "1:1"
    """
    Aspect ratio, 1:1 (default), 16:9 or 9:16. Can also be derived from `size`.
    """
    size: str | None = None
    """
    A size that the gateway maps automatically to an aspect ratio ("也可通过 size 传尺寸自动
    映射"), as an alternative to `aspect_ratio`. The page does not document its format.

    """
    cfg_scale: Annotated[int | float | None, Field(ge=0.0, le=1.0)] = 0.5
    """
    Generation freedom (生成自由度), 0 to 1.
    """
    negative_prompt: str | None = None
    """
    Negative prompt (optional).
    """
    metadata: KlingVideoRequestMetadata | None = None
