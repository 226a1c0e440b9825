"""Downloading a task's video: streamed to a temporary file, renamed into place only when it is
complete and is a video.

What is refused (a `TaskDownloadError` carrying the task id; nothing is left at the path):
- an answer that is not a video: a declared text, JSON or XML type, or a body that starts like a
  page or a JSON document (a CDN's 200 "link expired" page);
- a body shorter or longer than the Content-Length the server announced;
- an MP4/MOV (ISO base media file) whose boxes do not add up to the bytes received: a body cut
  short by a connection closed early, when the server announced no length.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from ._errors import APIError
from ._task import (
    DownloadProgress,
    TaskDownloadError,
    TaskResult,
    download_refused,
    refresh_failed,
    temporary_file,
)

if TYPE_CHECKING:
    from ._clients import AsyncAPIClient, SyncAPIClient

__all__ = ["adownload", "download", "not_a_video", "truncated"]

_CHUNK = 1 << 16  # bytes read and written at a time
#: Statuses that say the URL has expired: the task is polled once for a fresh one.
_EXPIRED = (403, 404, 410)
_NOT_VIDEO_TYPES = ("text/", "application/json", "application/xml", "application/xhtml")
_NOT_VIDEO_STARTS = (b"<", b"{", b"[")
_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
Progress = Callable[[DownloadProgress], None] | None


def not_a_video(content_type: str, start: bytes) -> str | None:
    """Why an answer with this Content-Type and first bytes is not a video, or None."""
    declared = content_type.split(";")[0].strip().lower()
    if declared.startswith(_NOT_VIDEO_TYPES) or declared.endswith(("+json", "+xml")):
        return f"the server answered with {declared}, not a video"
    if start.lstrip()[:1] in _NOT_VIDEO_STARTS:
        shown = start.lstrip()[:40].decode("utf-8", "replace")
        return f"the server answered with a page or document, not a video (it begins {shown!r})"
    return None


def truncated(path: Path, received: int) -> str | None:
    """Why an ISO base media file (MP4, MOV) of `received` bytes at `path` is incomplete.

    Such a file is a chain of boxes, each starting with its own size; a body cut short ends
    inside a box. Other formats are not examined (None).
    """
    with path.open("rb") as video:
        if video.read(8)[4:8] != b"ftyp":
            return None
        offset = 0
        while offset < received:
            video.seek(offset)
            header = video.read(16)
            if len(header) < 8:
                return f"the video ends inside a box header at byte {offset}"
            size = int.from_bytes(header[:4], "big")
            if size == 1 and len(header) == 16:
                size = int.from_bytes(header[8:16], "big")
            elif size == 0:  # the last box runs to the end of the file
                return None
            if size < 8:
                return f"the video has a malformed box at byte {offset}"
            offset += size
        if offset != received:
            return f"the video was cut short: {received} bytes, its boxes need {offset}"
    return None


def _refused(task_id: str, url: str, why: str) -> TaskDownloadError:
    return TaskDownloadError(
        f"The video of task {task_id} was not saved: {why}. Nothing was written at the path. "
        "Call download() again, or poll the task for a fresh URL.",
        task_id=task_id,
        url=url,
        status_code=None,
    )


class _Fetch:
    """One streamed download into a temporary file beside the path, checked as it goes."""

    def __init__(self, task_id: str, url: str, path: Path, on_progress: Progress) -> None:
        self.task_id, self.url, self.path, self.on_progress = task_id, url, path, on_progress
        handle, self.temporary = temporary_file(path)
        self.out = os.fdopen(handle, "wb")
        self.received = 0
        self.total: int | None = None
        self.start = b""

    def begin(self, response: httpx.Response) -> None:
        value = response.headers.get("Content-Length", "")
        self.total = int(value) if value.isdigit() else None
        self.content_type = response.headers.get("Content-Type", "")

    def chunk(self, data: bytes) -> None:
        if len(self.start) < 64:
            self.start += data[: 64 - len(self.start)]
            if len(self.start) >= 64 or not data:
                self._check_start()
        self.out.write(data)
        self.received += len(data)
        if self.on_progress is not None:
            self.on_progress(DownloadProgress(self.path, self.received, self.total))

    def _check_start(self) -> None:
        why = not_a_video(self.content_type, self.start)
        if why is not None:
            raise _refused(self.task_id, self.url, why)

    def finish(self, response: httpx.Response) -> None:
        """Check that the whole video came, then rename it into place."""
        self.out.close()
        if len(self.start) < 64:
            self._check_start()
        # The length on the wire, before any Content-Encoding was undone.
        on_wire = response.num_bytes_downloaded
        if self.received == 0:
            raise _refused(self.task_id, self.url, "the server sent an empty body")
        if self.total is not None and on_wire != self.total:
            raise _refused(
                self.task_id,
                self.url,
                f"the server announced {self.total} bytes and sent {on_wire}",
            )
        why = truncated(self.temporary, self.received)
        if why is not None:
            raise _refused(self.task_id, self.url, why)
        os.replace(self.temporary, self.path)

    def failed(self, exc: httpx.HTTPError) -> TaskDownloadError:
        return TaskDownloadError(
            f"Downloading the video of task {self.task_id} failed: {type(exc).__name__}: {exc}. "
            "Nothing was written at the path. Call download() again (adownload() from an "
            "AsyncClient); the task id is kept in this error.",
            task_id=self.task_id,
            url=self.url,
            status_code=None,
        )

    def cleanup(self) -> None:
        self.out.close()
        self.temporary.unlink(missing_ok=True)


def _saved(client: Any, result: TaskResult[Any], path: Path, size: int) -> Path:
    client._log.info("task %s: video saved to %s (%d bytes)", result.task_id, path, size)
    client._tracked_saved(result.task_id, path)
    return path


def download(
    client: SyncAPIClient, result: TaskResult[Any], path: Path, on_progress: Progress
) -> Path:
    url = result.video_url
    status: int | None = None
    for attempt in (1, 2):
        if url:
            fetch = _Fetch(result.task_id, url, path, on_progress)
            try:
                with client._http.stream(
                    "GET",
                    url,
                    headers={"User-Agent": client._provider.user_agent},
                    follow_redirects=True,
                    timeout=_TIMEOUT,
                ) as response:
                    status = None if response.is_success else response.status_code
                    if status is None:
                        fetch.begin(response)
                        for data in response.iter_bytes(_CHUNK):
                            fetch.chunk(data)
                        fetch.finish(response)
                        return _saved(client, result, path, fetch.received)
            except httpx.HTTPError as exc:
                raise fetch.failed(exc) from exc
            finally:
                fetch.cleanup()
            if status not in _EXPIRED:
                break
        if attempt == 1:
            assert result._lifecycle is not None
            try:
                answer = client._request(result._lifecycle.poll, **client._poll_arguments(result))
            except APIError as error:
                raise refresh_failed(result.task_id, url, error) from error
            url = client._fresh_video_url(result, answer)
    raise download_refused(result.task_id, url, status)


async def adownload(
    client: AsyncAPIClient, result: TaskResult[Any], path: Path, on_progress: Progress
) -> Path:
    url = result.video_url
    status: int | None = None
    for attempt in (1, 2):
        if url:
            fetch = _Fetch(result.task_id, url, path, on_progress)
            try:
                async with client._http.stream(
                    "GET",
                    url,
                    headers={"User-Agent": client._provider.user_agent},
                    follow_redirects=True,
                    timeout=_TIMEOUT,
                ) as response:
                    status = None if response.is_success else response.status_code
                    if status is None:
                        fetch.begin(response)
                        async for data in response.aiter_bytes(_CHUNK):
                            fetch.chunk(data)
                        fetch.finish(response)
                        return _saved(client, result, path, fetch.received)
            except httpx.HTTPError as exc:
                raise fetch.failed(exc) from exc
            finally:
                fetch.cleanup()
            if status not in _EXPIRED:
                break
        if attempt == 1:
            assert result._lifecycle is not None
            try:
                answer = await client._request(
                    result._lifecycle.poll, **client._poll_arguments(result)
                )
            except APIError as error:
                raise refresh_failed(result.task_id, url, error) from error
            url = client._fresh_video_url(result, answer)
    raise download_refused(result.task_id, url, status)
