"""The mock gateway end to end: a real server on 127.0.0.1 (uvicorn in a thread, or
`gatewaygen mock` as a process), driven by the generated clients and by raw httpx.

Every server is started and stopped by the test that uses it; nothing leaves this machine.
Tests that wait for tasks run in real time (`real_time`), since the mock's tasks advance by the
clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import importlib
import re
import select
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.cli import main as cli_main
from generator.load.loader import iter_operations
from generator.mock import running
from generator.mock.pointers import MISSING, get, put
from generator.mock.tasks import FAILURE_REASON
from generator.model.ir import Operation
from generator.problems import pointer
from tests.spec_cases import ROOT, body_kwargs, package, provider, providers

SPECS = ROOT / "specs"
ACME = ROOT / "tests" / "fixtures" / "specs" / "acme.yaml"
API_KEY = "sk-mock-test"
PROVIDERS = providers()
PLACEHOLDER_URL = "https://example.com/first.jpg"

# A create argument that breaks a documented constraint, and the field the 400 must name.
BREAKS: dict[str, tuple[dict[str, Any], str]] = {
    "evolink": ({"duration": 99}, "duration"),
    "ezlink": ({"settings": {"duration": 99}}, "settings.duration"),
    "uniall": ({"duration": 99}, "duration"),
    "openroute": ({"cfg_scale": 2}, "cfg_scale"),
}


@pytest.fixture(autouse=True)
def _local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy between the clients and the mock, whatever the environment says."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def use_real_time(patch: pytest.MonkeyPatch) -> None:
    """Undo conftest's instant sleeps: the mock's tasks advance in real time."""

    async def async_sleep(seconds: float) -> None:
        await asyncio.sleep(seconds)

    for name in PROVIDERS:
        base = importlib.import_module(f"{name}_client._runtime._base")
        clients = importlib.import_module(f"{name}_client._runtime._clients")
        patch.setattr(clients.SyncAPIClient, "_sleep", staticmethod(time.sleep))
        patch.setattr(clients.AsyncAPIClient, "_sleep", staticmethod(async_sleep))
        patch.setattr(base._BaseClient, "_clock", staticmethod(time.monotonic))


@pytest.fixture
def real_time(monkeypatch: pytest.MonkeyPatch) -> None:
    use_real_time(monkeypatch)


# -- helpers ---------------------------------------------------------------------------------


def create_operation(name: str) -> Operation:
    return next(op for op in provider(name).operations if op.task is not None)


def create_body(name: str) -> dict[str, Any]:
    """The create's first documented request example (one without placeholders if there is
    one, else with its placeholders replaced by a real URL)."""
    operation = create_operation(name)
    example = sorted(operation.request_examples, key=lambda e: bool(e.placeholders))[0]
    body: dict[str, Any] = copy.deepcopy(example.value)
    for where in example.placeholders:
        put(body, where, PLACEHOLDER_URL)
    return body


def create_kwargs(name: str) -> dict[str, Any]:
    """`create_body` as the create method's keyword arguments."""
    return body_kwargs(create_operation(name), create_body(name))


def with_key(name: str, kwargs: dict[str, Any], key: str) -> dict[str, Any]:
    """`kwargs` with the create's idempotency key (if it has one) set to `key`."""
    operation = create_operation(name)
    if not operation.idempotency_key:
        return kwargs
    body = {p.json_name: kwargs[p.name] for p in operation.body_parameters if p.name in kwargs}
    put(body, operation.idempotency_key, key)
    return body_kwargs(operation, body)


@cache
def document(spec: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(spec.read_text(encoding="utf-8"))
    return loaded


def response_validator(
    spec: Path, operation_id: str, keys: tuple[str, ...]
) -> Draft202012Validator | None:
    """The documented schema of `operation_id`'s answer under the first of `keys` it has."""
    doc = document(spec)
    for path, method, operation in iter_operations(doc):
        if operation["operationId"] != operation_id:
            continue
        responses = operation["responses"]
        found = [k for k in keys if k in responses]
        if not found:
            return None
        at = pointer("paths", path, method, "responses", found[0])
        if "$ref" in responses[found[0]]:
            at = responses[found[0]]["$ref"][1:]
        registry = Registry().with_resource("urn:spec", Resource(doc, specification=DRAFT202012))
        schema = {"$ref": f"urn:spec#{at}/content/application~1json/schema"}
        return Draft202012Validator(schema, registry=registry)
    raise AssertionError(f"no operation {operation_id}")


def error_validator(spec: Path, operation_id: str, status: int) -> Draft202012Validator | None:
    """The documented schema of `operation_id`'s error answer with `status`, if there is one."""
    return response_validator(spec, operation_id, (str(status), f"{status // 100}XX", "default"))


def assert_valid(validator: Draft202012Validator | None, body: Any) -> None:
    assert validator is not None
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
    assert problems == [], f"{body} breaks its schema: {problems}"


def assert_error_shape(
    name: str, operation_id: str, status: int, body: Any, *, documented: bool = False
) -> None:
    """The body is the provider's error shape (message where `x-errors` says) and valid
    against the documented schema for its status where there is one."""
    spec = SPECS / f"{name}.yaml"
    errors = document(spec)["x-errors"]
    message_at = errors["message"] if isinstance(errors["message"], str) else errors["message"][0]
    assert isinstance(get(body, message_at), str) and get(body, message_at)
    validator = error_validator(spec, operation_id, status)
    assert validator is not None or not documented, f"{name}: no documented {status}"
    if validator is not None:
        problems = [e.message for e in validator.iter_errors(body)]
        assert problems == [], f"{name} {status} body {body} breaks its schema: {problems}"


def mp4_boxes(data: bytes) -> list[tuple[str, int]]:
    """The top-level ISO BMFF boxes (type, size); fails unless they exactly fill the file."""
    boxes, offset = [], 0
    while offset < len(data):
        size = int.from_bytes(data[offset : offset + 4], "big")
        kind = data[offset + 4 : offset + 8].decode("latin-1")
        if size == 1:
            size = int.from_bytes(data[offset + 8 : offset + 16], "big")
        elif size == 0:
            size = len(data) - offset
        assert size >= 8, f"box {kind!r} at {offset} has size {size}"
        boxes.append((kind, size))
        offset += size
    assert offset == len(data), "the boxes do not add up to the file's length"
    return boxes


def assert_valid_mp4(path: Path) -> None:
    data = path.read_bytes()
    assert 1000 < len(data) < 20_000
    kinds = [kind for kind, _ in mp4_boxes(data)]
    assert kinds[0] == "ftyp" and "moov" in kinds and "mdat" in kinds, kinds


def stats(url: str) -> dict[str, Any]:
    answer: dict[str, Any] = httpx.get(f"{url}/_mock/stats").json()
    return answer


def raw_create(name: str, url: str, headers: dict[str, str], body: Any) -> httpx.Response:
    operation = create_operation(name)
    return httpx.request(operation.http_method, url + operation.path, json=body, headers=headers)


# -- tasks, end to end -----------------------------------------------------------------------


@pytest.mark.parametrize("name", PROVIDERS)
def test_create_wait_and_download_with_the_sync_client(
    name: str, tmp_path: Path, real_time: None
) -> None:
    method = create_operation(name).method_name + "_and_wait"
    # Tasks of 1 s: the first poll (after 0.05 s) sees the task running even on a busy machine.
    with running(SPECS / f"{name}.yaml", task_seconds=1.0) as url:
        with package(name).Client(api_key=API_KEY, base_url=url) as client:
            result = getattr(client, method)(**create_kwargs(name), poll_interval=0.05)
            assert result.status == "succeeded"
            assert result.video_url.startswith(f"{url}/_mock/videos/")
            saved = result.download(tmp_path / "v.mp4")
        seen = stats(url)
    assert_valid_mp4(saved)
    assert list(seen["tasks"]) == [result.task_id]
    task = seen["tasks"][result.task_id]
    assert task["outcome"] == "succeeded" and task["polls"] >= 2
    assert seen["videos_served"] == 1


@pytest.mark.parametrize("name", PROVIDERS)
def test_create_wait_and_download_with_the_async_client(
    name: str, tmp_path: Path, real_time: None
) -> None:
    method = create_operation(name).method_name + "_and_wait"
    updates: list[Any] = []

    async def scenario(url: str) -> Path:
        async with package(name).AsyncClient(api_key=API_KEY, base_url=url) as client:
            result = await getattr(client, method)(
                **create_kwargs(name),
                poll_interval=0.05,
                on_progress=lambda update: updates.append(update),
            )
            path: Path = await result.adownload(tmp_path / "v.mp4")
            return path

    with running(SPECS / f"{name}.yaml", task_seconds=1.0) as url:  # see the sync test
        saved = asyncio.run(scenario(url))
    assert_valid_mp4(saved)
    lifecycle = create_operation(name).task
    assert lifecycle is not None
    # The provider's own statuses, in the spec's order, ending with its success status, and
    # the progress (a number, or "40%" where the spec says so) rising to 100.
    statuses = [update.provider_status for update in updates]
    assert statuses[-1] == lifecycle.succeeded[0]
    if lifecycle.progress:
        progress = [update.progress for update in updates]
        assert progress == sorted(progress) and progress[-1] == 100 and progress[0] < 100
    running_statuses = [s for s in dict.fromkeys(statuses) if s in lifecycle.pending]
    assert running_statuses == [s for s in lifecycle.pending if s in running_statuses]
    assert running_statuses[0] == lifecycle.pending[0]


@pytest.mark.parametrize("name", PROVIDERS)
def test_answers_fit_the_spec_while_running_and_once_failed(name: str) -> None:
    """The create's and the poll's answers validate against their documented schemas, carry
    the provider's own statuses, and have no video before success (nor a reason before failure)."""
    spec = SPECS / f"{name}.yaml"
    create = create_operation(name)
    lifecycle = create.task
    assert lifecycle is not None
    poll = next(op for op in provider(name).operations if op.method_name == lifecycle.poll_method)
    success = min(r.status for r in create.responses if r.status.startswith("2"))
    poll_success = min(r.status for r in poll.responses if r.status.startswith("2"))
    auth = {"Authorization": "Bearer x"}
    now = [0.0]  # the tasks' clock: moved by hand, so a slow machine cannot end a task early
    with running(spec, task_seconds=0.3, fail_tasks=1.0, clock=lambda: now[0]) as url:
        created = raw_create(name, url, auth, create_body(name))
        assert created.status_code == int(success)
        assert_valid(response_validator(spec, create.operation_id, (success,)), created.json())
        task_id = next(get(created.json(), p) for p in lifecycle.id if get(created.json(), p))
        path = poll.path.replace("{" + lifecycle.poll_argument + "}", task_id)
        params = {lifecycle.poll_argument: task_id} if lifecycle.poll_location == "query" else {}
        for expected in (lifecycle.pending, lifecycle.failed[:1]):
            if expected == lifecycle.failed[:1]:
                now[0] += 0.35
            answer = httpx.get(url + path, params=params, headers=auth).json()
            assert_valid(response_validator(spec, poll.operation_id, (poll_success,)), answer)
            assert get(answer, lifecycle.status[0]) in expected
            assert all(get(answer, p) is MISSING for p in lifecycle.video_url)
            reasons = [get(answer, p) for p in lifecycle.error]
            if expected == lifecycle.failed[:1] and lifecycle.error:
                assert reasons[0] == FAILURE_REASON
            else:
                assert all(reason is MISSING for reason in reasons)


def test_an_expired_video_url_is_replaced_by_a_fresh_one(tmp_path: Path, real_time: None) -> None:
    # A URL lives 1 s: long enough for the refreshed one to be downloaded on a busy machine.
    with running(SPECS / "evolink.yaml", task_seconds=0.1, url_ttl=1.0) as url:
        with package("evolink").Client(api_key=API_KEY, base_url=url) as client:
            result = client.create_video_generation_and_wait(
                **create_kwargs("evolink"), poll_interval=0.05
            )
            first_url = result.video_url
            assert re.search(r"\?expires=\d+\.\d+$", first_url)
            time.sleep(1.1)
            assert httpx.get(first_url).status_code == 403
            saved = result.download(tmp_path / "v.mp4")
        assert result.video_url != first_url
        assert stats(url)["videos_served"] == 1
    assert_valid_mp4(saved)


Outcome = tuple[str, "str | None", Any]  # ("succeeded" | "failed" | "not created", id, reason)
FAULTS = {"rate_limit": 0.2, "server_errors": 0.1, "fail_tasks": 0.3, "seed": 20261122}
SUBMISSIONS = 15


async def submit_many(name: str, url: str) -> list[Outcome]:
    """SUBMISSIONS concurrent create-and-waits on one AsyncClient; what became of each."""
    pkg = package(name)
    method = create_operation(name).method_name + "_and_wait"

    async def submit(client: Any, number: int) -> Outcome:
        kwargs = with_key(name, create_kwargs(name), f"submission-{number}")
        try:
            result = await getattr(client, method)(**kwargs, poll_interval=0.05, timeout=60)
        except pkg.TaskFailedError as exc:
            return "failed", exc.task_id, exc.reason
        except (pkg.SubmissionUncertainError, pkg.RateLimitError):
            return "not created", None, None
        return "succeeded", result.task_id, None

    async with pkg.AsyncClient(api_key=API_KEY, base_url=url) as client:
        return list(await asyncio.gather(*(submit(client, n) for n in range(SUBMISSIONS))))


@pytest.fixture(scope="module")
def fault_runs() -> dict[str, tuple[list[Outcome], dict[str, Any]]]:
    """Every provider's submissions under injected faults, run at once (the retry pauses that
    Retry-After asks for are real, so one after the other would take four times as long)."""
    with pytest.MonkeyPatch.context() as patch, contextlib.ExitStack() as servers:
        use_real_time(patch)
        patch.setenv("NO_PROXY", "127.0.0.1,localhost")
        urls = {
            name: servers.enter_context(running(SPECS / f"{name}.yaml", task_seconds=0.3, **FAULTS))
            for name in PROVIDERS
        }

        async def everyone() -> list[list[Outcome]]:
            return list(await asyncio.gather(*(submit_many(n, urls[n]) for n in PROVIDERS)))

        outcomes = asyncio.run(everyone())
        return {name: (outcomes[i], stats(urls[name])) for i, name in enumerate(PROVIDERS)}


@pytest.mark.parametrize("name", PROVIDERS)
def test_under_faults_no_task_is_lost_or_made_twice(
    name: str, fault_runs: dict[str, tuple[list[Outcome], dict[str, Any]]]
) -> None:
    """Concurrent creates against 429s, 5xx and failing tasks: every task the mock made was
    reported to the caller with its id and ended; no submission made two tasks."""
    operation = create_operation(name)
    lifecycle = operation.task
    assert lifecycle is not None
    outcomes, seen = fault_runs[name]
    reported = {task_id: outcome for outcome, task_id, _ in outcomes if task_id is not None}
    assert len(reported) == len([o for o in outcomes if o[1] is not None]), "an id came twice"
    made = seen["tasks"]
    # None lost: every task the mock made was reported to the caller, with its outcome.
    assert set(made) == set(reported)
    assert all(made[i]["outcome"] == outcome for i, outcome in reported.items())
    # Every create that got past the faults made exactly one task, and none was refused.
    counts = seen["operations"][operation.operation_id]
    assert counts["answered"] == len(seen["creates"]) == len(made)
    assert counts["refused"] == 0 and seen["refused"] == []
    assert counts["requests"] == sum(
        counts[k] for k in ("answered", "rate_limited", "server_errors", "invalid", "refused")
    )
    if operation.idempotency_key:
        keys = [c["idempotency_key"] for c in seen["creates"]]
        assert len(set(keys)) == len(keys)
    # The faults did happen, and failed tasks carry the mock's reason where the spec has one.
    assert seen["faults"]["rate_limited"] > 0 and seen["faults"]["server_errors"] > 0
    for outcome, _, reason in outcomes:
        if outcome == "failed":
            assert reason == (FAILURE_REASON if lifecycle.error else None)


# -- refusals in the provider's shape ---------------------------------------------------------


@pytest.mark.parametrize("name", PROVIDERS)
def test_a_body_breaking_a_constraint_gets_the_documented_400(name: str) -> None:
    pkg = package(name)
    operation = create_operation(name)
    changes, field = BREAKS[name]
    with running(SPECS / f"{name}.yaml") as url:
        with pkg.Client(api_key=API_KEY, base_url=url) as client:
            unchecked = client.with_options(validate_requests=False)
            with pytest.raises(pkg.BadRequestError) as caught:
                getattr(unchecked, operation.method_name)(**{**create_kwargs(name), **changes})
        seen = stats(url)
    error = caught.value
    assert error.status_code == 400
    assert f"{field}: " in error.provider_message and "(rule: maximum)" in error.provider_message
    assert_error_shape(name, operation.operation_id, 400, error.body)
    assert seen["creates"] == [] and seen["operations"][operation.operation_id]["invalid"] == 1


@pytest.mark.parametrize("name", PROVIDERS)
def test_no_or_a_malformed_bearer_token_gets_the_documented_401(name: str) -> None:
    operation = create_operation(name)
    body = create_body(name)
    with running(SPECS / f"{name}.yaml") as url:
        for headers in ({}, {"Authorization": "Token abc"}, {"Authorization": "Bearer"}):
            answer = raw_create(name, url, headers, body)
            assert answer.status_code == 401
            assert_error_shape(name, operation.operation_id, 401, answer.json(), documented=True)
        assert raw_create(name, url, {"Authorization": "bearer any-key"}, body).status_code == 200
        seen = stats(url)
    assert seen["operations"][operation.operation_id]["unauthorized"] == 3
    assert len(seen["creates"]) == 1


@pytest.mark.parametrize("name", PROVIDERS)
def test_unknown_routes_and_tasks_get_404_in_the_provider_shape(name: str) -> None:
    pkg = package(name)
    lifecycle = create_operation(name).task
    assert lifecycle is not None
    with running(SPECS / f"{name}.yaml") as url:
        answer = httpx.get(f"{url}/no/such/route", headers={"Authorization": "Bearer x"})
        assert answer.status_code == 404
        assert_error_shape(name, create_operation(name).operation_id, 404, answer.json())
        with pkg.Client(api_key=API_KEY, base_url=url) as client:
            with pytest.raises(pkg.NotFoundError) as caught:
                getattr(client, lifecycle.poll_method)(**{lifecycle.poll_argument: "task-nobody"})
    assert "task-nobody" in caught.value.provider_message


@pytest.mark.parametrize("name", PROVIDERS)
def test_injected_refusals_carry_the_provider_shape_and_retry_after(name: str) -> None:
    operation = create_operation(name)
    auth = {"Authorization": "Bearer x"}
    with running(SPECS / f"{name}.yaml", rate_limit=1.0) as url:
        answer = raw_create(name, url, auth, {})
        assert answer.status_code == 429 and answer.headers["Retry-After"] == "1"
        assert_error_shape(name, operation.operation_id, 429, answer.json())
        if name == "ezlink":  # the Kling rate-limit code that says retrying helps
            assert answer.json()["code"] == 1302
    with running(SPECS / f"{name}.yaml", server_errors=1.0) as url:
        answer = raw_create(name, url, auth, {})
        assert answer.status_code in (500, 503)
        assert_error_shape(name, operation.operation_id, answer.status_code, answer.json())
        assert stats(url)["creates"] == []


def test_a_reused_idempotency_key_is_refused_and_makes_nothing() -> None:
    pkg = package("ezlink")
    kwargs = with_key("ezlink", create_kwargs("ezlink"), "order-42")
    with running(SPECS / "ezlink.yaml") as url:
        with pkg.Client(api_key=API_KEY, base_url=url) as client:
            first = client.create_image_to_video(**kwargs)
            with pytest.raises(pkg.BadRequestError) as caught:
                client.create_image_to_video(**kwargs)
        seen = stats(url)
    assert caught.value.provider_message == f"external_task_id already used by task {first.data.id}"
    assert caught.value.code == 1200
    assert [c["task_id"] for c in seen["creates"]] == [first.data.id]
    assert seen["refused"][0]["task_id"] == first.data.id


def test_a_query_for_several_tasks_answers_one_item_each() -> None:
    pkg = package("ezlink")
    with running(SPECS / "ezlink.yaml", task_seconds=60) as url:
        with pkg.Client(api_key=API_KEY, base_url=url) as client:
            ids = [client.create_image_to_video(**create_kwargs("ezlink")).data.id for _ in "ab"]
            answer = client.get_tasks(task_ids=",".join(ids))
    assert [item.id for item in answer.data] == ids
    assert [item.status for item in answer.data] == ["submitted", "submitted"]
    assert all(not item.outputs for item in answer.data)


# -- options -----------------------------------------------------------------------------------


def test_slow_answers_are_delayed_without_blocking_others() -> None:
    auth = {"Authorization": "Bearer x"}

    async def two(url: str) -> tuple[list[int], float]:
        async with httpx.AsyncClient() as http:
            started = time.monotonic()
            answers = await asyncio.gather(
                *(http.get(f"{url}/v1/tasks/x", headers=auth) for _ in range(2))
            )
            return [a.status_code for a in answers], time.monotonic() - started

    with running(SPECS / "evolink.yaml", slow=0.3) as url:
        statuses, elapsed = asyncio.run(two(url))
        assert statuses == [404, 404]
        assert 0.3 <= elapsed < 0.6  # together, not one after the other
        assert stats(url)["faults"]["slowed"] == 2


def test_the_fifth_provider_is_served_from_its_spec_alone() -> None:
    """acme has no x-task: its create answers its documented example, with its status."""
    auth = {"Authorization": "Bearer x"}
    with running(ACME) as url:
        created = httpx.post(f"{url}/v2/jobs", json={"prompt": "a cat"}, headers=auth)
        assert created.status_code == 201 and created.json() == {
            "job": {"id": "j-1", "state": "new"},
            "extra": "kept",
        }
        invalid = httpx.post(f"{url}/v2/jobs", json={"prompt": "x" * 101}, headers=auth)
        assert invalid.status_code == 400
        assert invalid.json()["err"]["code"] == 400
        assert invalid.json()["err"]["msg"].startswith("Invalid request: prompt: ")
        bad_query = httpx.get(f"{url}/v2/jobs/j-1", params={"verbose": "maybe"}, headers=auth)
        assert bad_query.status_code == 400 and "verbose" in bad_query.json()["err"]["msg"]
        job = httpx.get(f"{url}/v2/jobs/j-1", params={"verbose": "true"}, headers=auth)
        assert job.status_code == 200 and job.json() == {"id": "mock"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["evolink", "--rate-limit", "1.5"], "--rate-limit is a share of requests from 0 to 1"),
        (["evolink", "--task-seconds", "-1"], "--task-seconds must be a finite number"),
        (["evolink", "--url-ttl", "0"], "--url-ttl must be more than 0 seconds"),
        (["evolink", "--port", "70000"], "--port must be from 0 to 65535"),
        (["nowhere"], "no provider 'nowhere' in "),
        ([str(ROOT / "tests" / "fixtures" / "specs" / "bad_task.yaml")], "problem"),
    ],
)
def test_bad_options_and_specs_exit_2_with_a_message(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["mock", *arguments, "--specs-dir", str(SPECS)]) == 2
    assert message in capsys.readouterr().err


def test_the_mock_command_serves_until_ctrl_c() -> None:
    command = [sys.executable, "-m", "generator", "mock", "evolink", "--port", "0"]
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None and process.stderr is not None
            ready, _, _ = select.select([process.stdout], [], [], 20)
            assert ready, "the mock printed nothing within 20 s"
            line = process.stdout.readline()
            match = re.fullmatch(r"mock evolink gateway: (http://127\.0\.0\.1:(\d+))\n", line)
            assert match and int(match.group(2)) > 0, line
            answer = httpx.get(
                f"{match.group(1)}/v1/tasks/task-nobody", headers={"Authorization": "Bearer x"}
            )
            assert answer.status_code == 404 and "task-nobody" in answer.json()["error"]["message"]
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=10) == 0
            assert "Traceback" not in process.stderr.read()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
