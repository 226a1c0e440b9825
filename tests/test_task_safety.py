"""No paid task id is ever lost, and the key never leaks (issue 11, the runtime side).

Evolink (no envelope, no idempotency key) and EZLINK (an envelope) answered by respx, or by the
mock gateway on 127.0.0.1 where a real socket matters (the key in httpcore's debug log). Every
scenario runs on `Client` and `AsyncClient`.
"""

from __future__ import annotations

import asyncio
import gzip
import logging
import math
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import evolink_client
import ezlink_client
import httpx
import pytest
import respx

from generator.mock import running

KEY = "sk-safety-7c1d0e99aa"
BASE = "https://gw.test"
CREATE = f"{BASE}/v1/videos/generations"
ARGS = {"model": "kling-o3-image-to-video", "prompt": "a cat turns its head"}
TASK = {"id": "task-safe-1", "status": "pending", "progress": 0}
DONE = {**TASK, "status": "completed", "progress": 100, "results": ["https://cdn.test/v.mp4"]}
SAMPLE = resources.files("generator.mock").joinpath("sample.mp4").read_bytes()
MODES = pytest.mark.parametrize("mode", ["sync", "async"])
GZIP = {"Content-Encoding": "gzip"}


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("API_KEY", "BASE_URL", "TASK_LEDGER"):
        monkeypatch.delenv(f"EVOLINK_{name}", raising=False)
        monkeypatch.delenv(f"EZLINK_{name}", raising=False)


@pytest.fixture
def gateway() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


def on(mode: str, action: Callable[[Any], Any], pkg: Any = evolink_client, **options: Any) -> Any:
    """`action(client)` on a fresh Client, or awaited on a fresh AsyncClient."""
    options = {"api_key": KEY, "base_url": BASE, **options}
    if mode == "sync":
        with pkg.Client(**options) as client:
            return action(client)

    async def run() -> Any:
        async with pkg.AsyncClient(**options) as client:
            return await action(client)

    return asyncio.run(run())


def raises(mode: str, error: type[BaseException], action: Callable[[Any], Any], **kw: Any) -> Any:
    with pytest.raises(error) as caught:
        on(mode, action, **kw)
    return caught.value


# -- keys ----------------------------------------------------------------------------------------

BAD_KEYS = [
    ("sk-abc123\n", "ends with a line break (\\n)"),
    ("sk-abc123\r", "ends with a carriage return (\\r, as a .env file saved on Windows leaves)"),
    ("sk-abc\x00123", "has, at character 7 of 10, a NUL byte"),
    (" sk-abc123", "starts with a space"),
    ("sk-abcé123", "has, at character 7 of 10, the non-ASCII character U+00E9"),
    ("sk-abc\x1b123", "has, at character 7 of 10, the control character U+001B"),
]


@pytest.mark.parametrize(
    ("key", "where", "source"),
    [
        (key, where, source)
        for key, where in BAD_KEYS
        for source in ("argument", "environment", "with_options")
        if not (source == "environment" and "\x00" in key)  # no environment can hold a NUL
    ],
)
@pytest.mark.parametrize("client", ["Client", "AsyncClient"])
def test_a_key_that_cannot_go_in_a_header_is_refused_when_the_client_is_built(
    key: str, where: str, source: str, client: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cls = getattr(evolink_client, client)
    origin = {
        "argument": "api_key=...",
        "environment": "the environment variable EVOLINK_API_KEY",
        "with_options": "with_options(api_key=...)",
    }[source]
    with pytest.raises(evolink_client.ConfigurationError) as caught:
        if source == "argument":
            cls(api_key=key)
        elif source == "environment":
            monkeypatch.setenv("EVOLINK_API_KEY", key)
            cls()
        else:
            cls(api_key=KEY).with_options(api_key=key)
    assert str(caught.value) == (
        f"The API key from {origin} {where}, which cannot be sent in an HTTP header. Copy the "
        "key again without it (strip trailing line breaks and spaces). The key itself is not "
        "shown."
    )
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def _everything_said(error: BaseException) -> str:
    """The messages, reprs, arguments and requests of an error and of all its causes."""
    said = []
    seen: BaseException | None = error
    while seen is not None:
        said += [str(seen), repr(seen), repr(seen.args), repr(vars(seen))]
        request = getattr(seen, "_request", None) or getattr(seen, "request", None)
        if isinstance(request, httpx.Request):
            said.append(repr(list(request.headers.raw)))
        seen = seen.__cause__ or seen.__context__
    return "\n".join(said)


@MODES
def test_the_key_is_in_no_message_cause_or_log_line_of_any_failure(
    mode: str, caplog: pytest.LogCaptureFixture, unused_port: int
) -> None:
    caplog.set_level(logging.DEBUG)  # httpx, httpcore and the client's own logger
    kinds = []
    with running("evolink", api_key="sk-the-only-good-key") as url:
        for base_url, action, expected in [
            # a wrong key against a real socket: 401
            (url, lambda c: c.get_task(task_id="task-x"), evolink_client.AuthenticationError),
            # nothing listens there: the connection is refused
            (
                f"http://127.0.0.1:{unused_port}",
                lambda c: c.get_task(task_id="task-x"),
                evolink_client.APIConnectionError,
            ),
            # a paid create that cannot be sent
            (
                f"http://127.0.0.1:{unused_port}",
                lambda c: c.create_video_generation(**ARGS),
                evolink_client.APIConnectionError,
            ),
        ]:
            error = raises(mode, expected, action, base_url=base_url, max_retries=0)
            kinds.append(type(error).__name__)
            assert KEY not in _everything_said(error)
    assert kinds == ["AuthenticationError", "APIConnectionError", "APIConnectionError"]
    assert any(r.name.startswith("httpcore") for r in caplog.records)  # the debug log was on
    assert KEY not in caplog.text
    assert KEY not in "\n".join(repr(r.__dict__) for r in caplog.records)


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# -- arguments are checked before a paid create is sent ------------------------------------------

WAIT_PROBLEMS = [
    ({"max_wait": -5}, [("max_wait", "must be a finite number of seconds, above 0; got -5")]),
    ({"max_wait": 0}, [("max_wait", "must be a finite number of seconds, above 0; got 0")]),
    (
        {"max_wait": math.nan},
        [("max_wait", "must be a finite number of seconds, above 0; got nan")],
    ),
    (
        {"max_wait": math.inf},
        [("max_wait", "must be a finite number of seconds, above 0; got inf")],
    ),
    (
        {"poll_interval": -1.0},
        [("poll_interval", "must be a finite number of seconds, 0 or more; got -1.0")],
    ),
    (
        {"poll_interval": math.nan},
        [("poll_interval", "must be a finite number of seconds, 0 or more; got nan")],
    ),
    (
        {"max_wait": "60", "on_progress": 3},
        [
            ("max_wait", "must be a finite number of seconds, above 0; got '60'"),
            ("on_progress", "must be a function or None; got 3"),
        ],
    ),
]


@MODES
@pytest.mark.parametrize(("wait", "problems"), WAIT_PROBLEMS)
def test_and_wait_checks_its_waiting_arguments_before_the_paid_create_is_sent(
    mode: str, wait: dict[str, Any], problems: list[tuple[str, str]], gateway: respx.MockRouter
) -> None:
    create = gateway.post(CREATE).respond(json=TASK)
    error = raises(
        mode,
        evolink_client.ValidationError,
        lambda c: c.create_video_generation_and_wait(**ARGS, **wait),
    )
    assert error.problems == problems
    assert str(error).startswith("create_video_generation_and_wait was not sent")
    assert not create.called


@MODES
@pytest.mark.parametrize("max_wait", [math.nan, -1, 0])
def test_wait_for_task_refuses_a_deadline_that_is_not_a_positive_number(
    mode: str, max_wait: float, gateway: respx.MockRouter
) -> None:
    poll = gateway.get(f"{BASE}/v1/tasks/task-safe-1").respond(json=TASK)
    error = raises(mode, ValueError, lambda c: c.wait_for_task("task-safe-1", max_wait=max_wait))
    assert str(error) == (
        "Waiting for task task-safe-1 cannot start: max_wait must be a finite number of seconds, "
        f"above 0; got {max_wait!r}."
    )
    assert not poll.called


# -- every error after a create was answered carries the task id ---------------------------------


@MODES
@pytest.mark.parametrize("and_wait", [False, True])
def test_an_off_schema_create_answer_keeps_the_task_id(
    mode: str, and_wait: bool, gateway: respx.MockRouter
) -> None:
    gateway.post(CREATE).respond(json={"id": "task-off-1", "created": "yesterday"})
    method = "create_video_generation_and_wait" if and_wait else "create_video_generation"
    error = raises(
        mode, evolink_client.APIResponseValidationError, lambda c: getattr(c, method)(**ARGS)
    )
    assert error.task_id == "task-off-1"
    assert "The task was created: its id is task-off-1 (the error's .task_id)." in str(error)


@MODES
def test_an_off_schema_answer_without_a_readable_id_has_task_id_none(
    mode: str, gateway: respx.MockRouter
) -> None:
    gateway.post(CREATE).respond(json={"created": "yesterday"})
    error = raises(
        mode,
        evolink_client.APIResponseValidationError,
        lambda c: c.create_video_generation(**ARGS),
    )
    assert error.task_id is None


DEEP = b'{"id":"task-deep","a":' + b"[" * 100_000 + b"]" * 100_000 + b"}"


@MODES
@pytest.mark.parametrize(
    ("answer", "summary"),
    [
        (lambda: httpx.DecodingError, "DecodingError: Mock Error"),
        (lambda: httpx.TooManyRedirects, "TooManyRedirects: Mock Error"),
        (
            lambda: httpx.Response(200, headers=GZIP, stream=_chunks(b"not gzip")),
            "DecodingError: Error -3 while decompressing data: incorrect header check",
        ),
        (lambda: httpx.Response(200, content=DEEP), "a 2xx body that is not JSON"),
        (lambda: httpx.Response(200, text="<html>gw</html>"), "a 2xx body that is not JSON"),
    ],
    ids=["decoding", "redirects", "bad-gzip", "deep-nesting", "html"],
)
def test_a_create_whose_answer_cannot_be_read_is_submission_uncertain(
    mode: str, answer: Callable[[], Any], summary: str, gateway: respx.MockRouter
) -> None:
    create = gateway.post(CREATE).mock(side_effect=[answer()])
    error = raises(
        mode,
        evolink_client.SubmissionUncertainError,
        lambda c: c.create_video_generation(**ARGS, callback_url="https://example.com/cb"),
    )
    assert error.payload == {**ARGS, "callback_url": "https://example.com/cb"}
    assert error.attempts == 1 and create.call_count == 1
    assert f"the answer was {summary}." in str(error)


@MODES
def test_an_envelope_create_with_a_body_too_deep_to_decode_is_submission_uncertain(
    mode: str, gateway: respx.MockRouter
) -> None:
    gateway.post(f"{BASE}/kling/text-to-video/kling-3.0-turbo").respond(content=DEEP)
    error = raises(
        mode,
        ezlink_client.SubmissionUncertainError,
        lambda c: c.create_text_to_video(prompt="a cat"),
        pkg=ezlink_client,
    )
    assert "the answer was a 2xx body that is not JSON." in str(error)


@MODES
def test_a_read_with_an_undecodable_or_too_deep_body_raises_typed_errors(
    mode: str, gateway: respx.MockRouter
) -> None:
    gateway.get(f"{BASE}/v1/tasks/task-deep").respond(content=DEEP)
    error = raises(
        mode,
        evolink_client.APIResponseValidationError,
        lambda c: c.get_task(task_id="task-deep"),
    )
    assert "recursion limit exceeded" in str(error)
    gateway.get(f"{BASE}/v1/tasks/task-gz").mock(
        return_value=httpx.Response(200, headers=GZIP, stream=_chunks(b"not gzip"))
    )
    error = raises(
        mode,
        evolink_client.APIConnectionError,
        lambda c: c.get_task(task_id="task-gz"),
        max_retries=0,
    )
    assert "DecodingError" in str(error)


# -- downloads -----------------------------------------------------------------------------------


def _download(mode: str, gateway: respx.MockRouter, video: httpx.Response, path: Path) -> Any:
    """Create, wait and download `video` to `path`."""
    gateway.post(CREATE).respond(json=TASK)
    gateway.get(f"{BASE}/v1/tasks/task-safe-1").respond(json=DONE)
    gateway.get("https://cdn.test/v.mp4").mock(return_value=video)

    def action(client: Any) -> Any:
        if mode == "sync":
            return client.create_video_generation_and_wait(**ARGS).download(path)

        async def both() -> Any:
            result = await client.create_video_generation_and_wait(**ARGS)
            return await result.adownload(path)

        return both()

    return on(mode, action)


def _chunks(data: bytes) -> httpx.ByteStream:
    return httpx.ByteStream(data)  # a body given as a stream has no Content-Length


@MODES
def test_a_complete_video_is_saved(mode: str, gateway: respx.MockRouter, tmp_path: Path) -> None:
    for name, response in [
        ("with-length.mp4", httpx.Response(200, content=SAMPLE)),
        ("without-length.mp4", httpx.Response(200, stream=_chunks(SAMPLE))),
        ("gzipped.mp4", httpx.Response(200, headers=GZIP, content=gzip.compress(SAMPLE))),
    ]:
        assert _download(mode, gateway, response, tmp_path / name) == tmp_path / name
        assert (tmp_path / name).read_bytes() == SAMPLE
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gzipped.mp4",
        "with-length.mp4",
        "without-length.mp4",
    ]


@MODES
@pytest.mark.parametrize(
    ("response", "why"),
    [
        (
            lambda: httpx.Response(200, html="<!doctype html><p>This link has expired</p>"),
            "the server answered with text/html, not a video",
        ),
        (
            lambda: httpx.Response(200, content=b'{"error": "expired"}'),
            "the server answered with a page or document, not a video (it begins "
            '\'{"error": "expired"}\')',
        ),
        (
            lambda: httpx.Response(200, stream=_chunks(SAMPLE[:2000])),
            "the video was cut short: 2000 bytes, its boxes need 2387",
        ),
        (
            lambda: httpx.Response(200, headers={"Content-Length": "5000"}, stream=_chunks(SAMPLE)),
            "the server announced 5000 bytes and sent 2387",
        ),
        (lambda: httpx.Response(200, content=b""), "the server sent an empty body"),
    ],
    ids=["html", "json", "cut-short", "shorter-than-announced", "empty"],
)
def test_a_download_that_is_not_a_whole_video_is_refused_with_the_task_id(
    mode: str,
    response: Callable[[], httpx.Response],
    why: str,
    gateway: respx.MockRouter,
    tmp_path: Path,
) -> None:
    target = tmp_path / "video.mp4"
    with pytest.raises(evolink_client.TaskDownloadError) as caught:
        _download(mode, gateway, response(), target)
    assert caught.value.task_id == "task-safe-1"
    assert str(caught.value) == (
        f"The video of task task-safe-1 was not saved: {why}. Nothing was written at the path. "
        "Call download() again, or poll the task for a fresh URL."
    )
    assert list(tmp_path.iterdir()) == []


# -- callback URLs -------------------------------------------------------------------------------

PRIVATE_HOSTS = [
    ("localhost.", "the URL points at this machine (localhost.)"),
    ("api.localhost.", "the URL points at this machine (api.localhost.)"),
    ("2130706433", "the URL points at the non-public address 2130706433 (127.0.0.1)"),
    ("0x7f000001", "the URL points at the non-public address 0x7f000001 (127.0.0.1)"),
    ("127.1", "the URL points at the non-public address 127.1 (127.0.0.1)"),
    ("0177.0.0.1", "the URL points at the non-public address 0177.0.0.1 (127.0.0.1)"),
    ("0", "the URL points at the non-public address 0 (0.0.0.0)"),
    ("10.1", "the URL points at the non-public address 10.1 (10.0.0.1)"),
    ("%31%32%37.0.0.1", "the URL points at the non-public address %31%32%37.0.0.1 (127.0.0.1)"),
    ("[::1]", "the URL points at the non-public address ::1;"),
    ("[::]", "the URL points at the non-public address ::;"),
    ("[::ffff:127.0.0.1]", "the URL points at the non-public address ::ffff:127.0.0.1 (127.0.0.1)"),
    ("[::ffff:7f00:1]", "the URL points at the non-public address ::ffff:7f00:1 (127.0.0.1)"),
    ("[fe80::1%25eth0]", "the URL points at the non-public address fe80::1%25eth0 (fe80::1)"),
    ("[2002:a00:1::]", "the URL points at the non-public address 2002:a00:1:: (10.0.0.1)"),
    (
        "[64:ff9b::a9fe:a9fe]",
        "the URL points at the non-public address 64:ff9b::a9fe:a9fe (169.254.169.254)",
    ),
]


@MODES
@pytest.mark.parametrize(("host", "why"), PRIVATE_HOSTS, ids=[h for h, _ in PRIVATE_HOSTS])
def test_every_spelling_of_a_private_callback_address_is_refused_before_sending(
    mode: str, host: str, why: str, gateway: respx.MockRouter
) -> None:
    create = gateway.post(CREATE).respond(json=TASK)
    error = raises(
        mode,
        evolink_client.ValidationError,
        lambda c: c.create_video_generation(**ARGS, callback_url=f"https://{host}/hook"),
    )
    assert [name for name, _ in error.problems] == ["callback_url"]
    assert error.problems[0][1].startswith(why)
    assert not create.called


@MODES
@pytest.mark.parametrize(
    "host", ["example.com", "8.8.8.8", "134744072", "[2001:4860:4860::8888]", "1.2.3.4.5"]
)
def test_public_callback_addresses_are_sent(
    mode: str, host: str, gateway: respx.MockRouter
) -> None:
    create = gateway.post(CREATE).respond(json=TASK)
    on(mode, lambda c: c.create_video_generation(**ARGS, callback_url=f"https://{host}/hook"))
    assert create.call_count == 1
