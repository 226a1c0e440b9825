# generated from specs/evolink.yaml by gatewaygen, do not edit

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class ModelParams(BaseModel):
    """
    Model extension parameters ("Modellerweiterungsparameter"). The page documents no keys; any object is passed through.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )


class TaskInfo(BaseModel):
    """
    Details of the video task ("Details zur Videoaufgabe"). Types follow the example values.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    can_cancel: bool | None = None
    """
    Whether the task can still be cancelled.
    """
    estimated_time: int | None = None
    """
    Estimated processing time (unit not documented; presumably seconds).
    """
    video_duration: int | None = None
    """
    Duration of the video in seconds.
    """


class TaskUsage(BaseModel):
    """
    Usage and billing information ("Nutzungs- und Abrechnungsinformationen").
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    billing_rule: str | None = None
    """
    Billing rule applied, e.g. `per_call`.
    """
    credits_reserved: int | float | None = None
    """
    Credits reserved at submission. The example shows an integer (7); typed as number so that fractional credit amounts still parse.
    """
    user_group: str | None = None
    """
    Billing user group, e.g. `default`.
    """


class TaskError(BaseModel):
    """
    Failure reason, present when `status` is `failed`.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    code: str | None = None
    """
    Machine-readable failure code (a string business code, not an HTTP status). Known
    codes: content_policy_violation, invalid_parameters, image_processing_error,
    generation_timeout, quota_exceeded, service_unavailable, unknown_error,
    image_dimension_mismatch, request_cancelled, generation_failed_no_content,
    service_error, resource_exhausted and resource_not_found; others may come.
    """
    message: str | None = None
    """
    Human-readable failure message.
    """


class ErrorDetail(BaseModel):
    """
    Error details of an HTTP error response.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    code: int | str | None = None
    """
    Error code, a number or a string (such as invalid_task_id).
    """
    message: str | None = None
    """
    Human-readable error message.
    """
    type: (
        Literal[
            "invalid_request_error",
            "authentication_error",
            "insufficient_quota_error",
            "permission_error",
            "not_found_error",
            "rate_limit_error",
            "internal_server_error",
            "upstream_error",
            "service_unavailable_error",
        ]
        | str
        | None
    ) = None
    """
    Error type: invalid_request_error 400, authentication_error 401, insufficient_quota_error 402, permission_error 403, not_found_error 404, rate_limit_error 429, internal_server_error 500, upstream_error 502, service_unavailable_error 503.
    """
    param: str | None = None
    """
    The request parameter the error refers to, if any.
    """
    fallback_suggestion: str | None = None
    """
    Suggested fallback (for example another model or retry advice), if any.
    """


class GetTaskParameters(BaseModel):
    """
    The parameters of `getTask`.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    task_id: str


class VideoGenerationRequest(BaseModel):
    """
    Request body of `createVideoGeneration` (model kling-o3-image-to-video).
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    model: Literal["kling-o3-image-to-video"]
    """
    Name of the video generation model.
    """
    prompt: Annotated[str, Field(max_length=2500)]
    """
    Text prompt, at most 2500 characters. The page marks it required and adds: "Required
    when multi_shot=false (default); provided per shot by multi_prompt when
    multi_shot=true" — but documents neither multi_shot nor multi_prompt. Use <<<element_1>>> to reference
    elements and <<<image_1>>> to reference images.
    """
    image_start: str | None = None
    """
    URL of the first-frame image. Image requirements: format JPG / JPEG / PNG; size
    <= 10MB; width and height >= 300px; aspect ratio between 1:2.5 and 2.5:1.

    """
    image_end: str | None = None
    """
    URL of the last-frame image. Restrictions: a last frame requires a first frame
    (`image_start`); the last frame is not supported when the total number of images
    exceeds 2.

    """
    image_urls: list[str] | None = None
    """
    Array of reference image URLs (not first/last frame; for style, scene or element reference).
    """
    duration: Annotated[int | None, Field(ge=3, le=15)] = 5
    """
    Video duration in seconds, an integer from 3 to 15.
    """
    aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = None
    """
    Video aspect ratio.
    """
    quality: Literal["720p", "1080p"] | None = None
    """
    Resolution level.
    """
    sound: Literal["on", "off"] | None = "off"
    """
    Sound effect control.
    """
    model_params: ModelParams | None = None
    callback_url: Annotated[str | None, Field(max_length=2048, pattern="^https://")] = None
    """
    HTTPS callback URL for task completion. When: fired when the task is completed, failed or cancelled; sent after billing is
    confirmed. Security restrictions: HTTPS only; internal IP addresses are forbidden (127.0.0.1,
    10.x.x.x, 172.16-31.x.x, 192.168.x.x, etc.); the URL must not exceed 2048 characters. Mechanism: 10 second timeout; at most 3 retries after a failure (after 1/2/4
    seconds); the callback body has the same format as the task query API (`TaskDetail`);
    any 2xx status counts as success, other codes trigger a retry.
    """


class VideoGenerationTask(BaseModel):
    """
    Response of `createVideoGeneration`: the newly created task. The page marks no field as required.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    created: int | None = None
    """
    Task creation timestamp (Unix seconds, per the example value).
    """
    id: str | None = None
    """
    Task ID; pass it to `getTask`.
    """
    model: str | None = None
    """
    Name of the model actually used.
    """
    object: Literal["video.generation.task"] | str | None = None
    """
    Task type.
    """
    progress: Annotated[int | None, Field(ge=0, le=100)] = None
    """
    Task progress in percent (0-100).
    """
    status: Literal["pending", "processing", "completed", "failed"] | str | None = None
    """
    Task status.
    """
    task_info: TaskInfo | None = None
    type: Literal["text", "image", "audio", "video"] | str | None = None
    """
    Task output type.
    """
    usage: TaskUsage | None = None


class TaskDetail(BaseModel):
    """
    Response of `getTask`, and the body POSTed to `callback_url`. No field is documented as required; `results` appears only when the task is completed and `error` only when it failed.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    created: int | None = None
    """
    Task creation timestamp.
    """
    id: str | None = None
    """
    Task ID.
    """
    model: str | None = None
    """
    Model used.
    """
    object: str | None = None
    """
    Task object type; `video.generation.task` for video tasks (as in the create response).
    """
    progress: Annotated[int | None, Field(ge=0, le=100)] = None
    """
    Task progress in percent (0-100).
    """
    results: list[str] | None = None
    """
    Result URLs, present only when the task is completed; the video URL is `results[0]`, valid for 24 hours.
    """
    status: Literal["pending", "processing", "completed", "failed"] | str | None = None
    """
    Task status; `completed` and `failed` are terminal.
    """
    task_info: TaskInfo | None = None
    type: Literal["text", "image", "audio", "video"] | str | None = None
    """
    Task output type.
    """
    error: TaskError | None = None


class ErrorResponse(BaseModel):
    """
    Body of every non-2xx HTTP response.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    error: ErrorDetail | None = None
