"""Documented names win: a body field is the argument of its documented name, the client's own
options give way to it, an operation named like a client member is renamed (with a warning from
`generate` and `validate`), and per-call extras never silently replace an argument. Every
generated method's type hints resolve at runtime."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import evolink_client
import ezlink_client
import httpx
import pydantic
import pytest
import respx
import uniall_client

from generator.model.ir import client_members
from generator.pipeline import generate
from tests.spec_cases import ROOT, package, provider, providers

BASE_URL = "https://gw.test"
MODES = pytest.mark.parametrize("mode", ["sync", "async"])
COLLISIONS = ROOT / "tests" / "fixtures" / "names" / "collisions.yaml"
UNIALL_CREATE = provider("uniall").operation("createVideoGeneration")
EVO_ARGS = {
    "model": "kling-o3-image-to-video",
    "prompt": "ok",
    "image_start": "https://example.com/portrait.jpg",
}


def call(mode: str, pkg: ModuleType, method: str, **kwargs: Any) -> Any:
    """Call a method on a fresh Client or AsyncClient of `pkg`."""
    options = {"api_key": "sk-test", "base_url": BASE_URL}
    if mode == "sync":
        with pkg.Client(**options) as client:
            return getattr(client, method)(**kwargs)

    async def main() -> Any:
        async with pkg.AsyncClient(**options) as client:
            return await getattr(client, method)(**kwargs)

    return asyncio.run(main())


@pytest.fixture
def gateway() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


# -- UniAll's documented examples, exactly as its page shows them ------------------------------


def test_uniall_documents_four_request_examples_with_extra_body() -> None:
    examples = UNIALL_CREATE.request_examples
    assert len(examples) == 4
    assert all("extra_body" in example.value for example in examples)


@MODES
@pytest.mark.parametrize("example", UNIALL_CREATE.request_examples, ids=lambda e: e.key)
def test_uniall_examples_pass_through_byte_for_byte(
    mode: str, example: Any, gateway: respx.MockRouter
) -> None:
    route = gateway.post(BASE_URL + UNIALL_CREATE.path).respond(json={"id": "task-1"})
    call(mode, uniall_client, "create_video_generation", **example.value)
    expected = json.dumps(example.value, ensure_ascii=False, separators=(",", ":"))
    assert route.calls.last.request.content == expected.encode("utf-8")


@MODES
def test_the_per_call_option_gives_way_to_the_documented_field(
    mode: str, gateway: respx.MockRouter
) -> None:
    route = gateway.post(BASE_URL + UNIALL_CREATE.path).respond(json={"id": "task-1"})
    call(
        mode,
        uniall_client,
        "create_video_generation",
        model="kling-v3-std-silent",
        extra_body={"cfg_scale": 0.5},
        extra_body_={"trace": "t-1"},
    )
    assert json.loads(route.calls.last.request.content) == {
        "model": "kling-v3-std-silent",
        "extra_body": {"cfg_scale": 0.5},
        "trace": "t-1",
    }
    for cls in (uniall_client.Client, uniall_client.AsyncClient):
        for method in ("create_video_generation", "create_video_generation_and_wait"):
            names = list(inspect.signature(getattr(cls, method)).parameters)
            assert names.count("extra_body") == 1 and names.count("extra_body_") == 1
            assert names[names.index("extra_body") - 1 :].index("extra_body_") > 0


# -- extras never replace an argument ----------------------------------------------------------


@MODES
def test_an_extra_body_field_that_repeats_an_argument_is_refused_naming_both(
    mode: str, gateway: respx.MockRouter
) -> None:
    route = gateway.route()
    with pytest.raises(TypeError) as refused:
        call(
            mode,
            evolink_client,
            "create_video_generation",
            **EVO_ARGS,
            extra_body={"prompt": 42, "seed": 1},
        )
    assert str(refused.value) == (
        "createVideoGeneration was not sent, because 1 field(s) would be given twice: the "
        "argument prompt='ok' and extra_body['prompt']=42. Pass each field once: as its "
        "argument, or in extra_body when no argument carries it."
    )
    assert not route.called


@MODES
def test_an_extra_query_parameter_that_repeats_an_argument_is_refused(
    mode: str, gateway: respx.MockRouter
) -> None:
    route = gateway.route()
    with pytest.raises(TypeError, match=r"task_ids='t-1' and extra_query\['task_ids'\]='t-2'"):
        call(mode, ezlink_client, "get_tasks", task_ids="t-1", extra_query={"task_ids": "t-2"})
    assert not route.called


@MODES
def test_the_renamed_option_is_named_in_the_refusal(mode: str, gateway: respx.MockRouter) -> None:
    route = gateway.route()
    with pytest.raises(TypeError, match=r"extra_body=\{'cfg_scale': 0.5\} and extra_body_\["):
        call(
            mode,
            uniall_client,
            "create_video_generation",
            model="kling-v3-std-silent",
            extra_body={"cfg_scale": 0.5},
            extra_body_={"extra_body": {}},
        )
    assert not route.called


# -- names that collide with the client's own --------------------------------------------------


@pytest.fixture(scope="module")
def collisions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The package of the collisions fixture, generated and imported from a temporary folder."""
    out = tmp_path_factory.mktemp("collisions")
    generate([COLLISIONS], out, whole_folder=False)
    sys.path.insert(0, str(out / "collisions"))
    try:
        yield importlib.import_module("collisions_client")
    finally:
        sys.path.remove(str(out / "collisions"))
        for name in [m for m in sys.modules if m.split(".")[0] == "collisions_client"]:
            del sys.modules[name]


COLLIDING_FIELDS = {
    "prompt": "a cat",
    "poll_interval": 3,
    "on_progress": "webhook",
    "max_wait": 60,
    "timeout": 30,
    "extra_body": {"seed": 7},
    "extra_headers": "none",
}


def test_operations_named_like_client_members_are_renamed(collisions: ModuleType) -> None:
    for cls in (collisions.Client, collisions.AsyncClient):
        methods = {n for n, _ in inspect.getmembers(cls, inspect.isfunction) if n[:1] != "_"}
        generated = methods - {"close", "with_options"}
        assert generated == {
            "create_job",
            "create_job_and_wait",
            "create_job_and_wait_",
            "get_job",
            "wait_for_task",
            "wait_for_task_",
            "with_raw_response_",
        }
        assert isinstance(inspect.getattr_static(cls, "with_raw_response"), property)
    # The client's own wait_for_task still waits; the operation is reachable under its new name.
    assert "task_id" in inspect.signature(collisions.Client.wait_for_task).parameters
    assert list(inspect.signature(collisions.Client.wait_for_task_).parameters)[1:] == [
        "extra_headers",
        "extra_query",
        "timeout",
    ]


def test_documented_fields_keep_their_names_and_options_give_way(collisions: ModuleType) -> None:
    create = list(inspect.signature(collisions.Client.create_job).parameters)
    assert create == [
        "self",
        "prompt",
        "poll_interval",
        "on_progress",
        "max_wait",
        "timeout",
        "extra_body",
        "extra_headers",
        "self_",
        "GET_JOB_",
        "extra_headers_",
        "extra_query",
        "extra_body_",
        "timeout_",
    ]
    wait = list(inspect.signature(collisions.Client.create_job_and_wait).parameters)
    assert wait == [
        *create[:10],
        "max_wait_",
        "poll_interval_",
        "on_progress_",
        "extra_headers_",
        "extra_query",
        "extra_body_",
        "timeout_",
    ]


@MODES
def test_a_colliding_body_is_sent_under_its_documented_names(
    mode: str, collisions: ModuleType
) -> None:
    created = {"id": "job-1", "status": "queued"}
    done = {"id": "job-1", "status": "done", "video_url": "https://cdn.test/v.mp4"}
    sent: list[httpx.Request] = []
    with respx.mock(assert_all_called=True) as router:
        router.post(BASE_URL + "/v1/jobs").mock(
            side_effect=lambda r: sent.append(r) or httpx.Response(200, json=created)
        )
        poll = router.get(BASE_URL + "/v1/jobs/job-1").respond(json=done)
        seen: list[Any] = []
        result = call(
            mode,
            collisions,
            "create_job_and_wait",
            **COLLIDING_FIELDS,
            self_="me",
            GET_JOB_="upper",
            poll_interval_=0.5,
            on_progress_=seen.append,
            max_wait_=100,
            timeout_=7.0,
            extra_body_={"trace": "t"},
            extra_headers_={"X-Trace": "t"},
        )
    assert json.loads(sent[0].content) == {
        **COLLIDING_FIELDS,
        "self": "me",
        "GET_JOB": "upper",
        "trace": "t",
    }
    assert sent[0].headers["X-Trace"] == "t"
    assert sent[0].extensions["timeout"]["read"] == 7.0
    assert poll.calls.last.request.extensions["timeout"]["read"] == 7.0
    assert result.task_id == "job-1" and [p.provider_status for p in seen] == ["done"]


def test_generate_prints_each_rename_as_a_warning(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(COLLISIONS), "--output", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 10
    assert (
        "warning: collisions.yaml: /paths/~1v1~1wait/get/operationId: the method of "
        "'waitForTask' is named wait_for_task_, since wait_for_task is a member of the generated "
        "client"
    ) in warnings
    assert (
        "warning: collisions.yaml: /paths/~1v1~1jobs/post: 'poll_interval' is a documented "
        "argument of create_job, so it keeps that name; the client's own option poll_interval "
        "is poll_interval_ (in create_job_and_wait)"
    ) in warnings
    assert "Traceback" not in done.stderr


def test_validate_reports_each_rename_as_a_warning() -> None:
    from generator.commands.validate import validate_spec

    report = validate_spec(COLLISIONS)
    assert report.errors == 0
    assert [(f.severity, f.rule, f.line) for f in report.findings] == [
        ("warning", "names", 19),
        *[("warning", "names", 19)] * 6,
        ("warning", "names", 81),
        ("warning", "names", 91),
        ("warning", "names", 101),
    ]
    assert report.findings[-1].message == (
        "the method of 'createJobAndWait' is named create_job_and_wait_, since "
        "create_job_and_wait is a member of the generated client"
    )


def test_the_reserved_members_cover_every_public_name_of_a_client() -> None:
    """The generator's list of client members is what a client really has, so a runtime that
    grows a member cannot be shadowed by an operation."""
    reserved = client_members()
    for name in providers():
        pkg = package(name)
        for cls in (pkg.Client, pkg.AsyncClient):
            client = cls(api_key="sk-test", base_url=BASE_URL)
            public = {n for n in [*dir(client), *vars(client)] if n[:1] != "_"}
            operations = {op.method_name for op in provider(name).operations}
            waits = {op.wait_method_name for op in provider(name).task_operations}
            assert public - operations - waits <= reserved, (name, cls.__name__)
            close = client.close()
            if inspect.isawaitable(close):
                asyncio.run(close)


# -- type hints resolve at runtime -------------------------------------------------------------


def hinted_packages() -> list[str]:
    return providers()


@pytest.mark.parametrize("name", hinted_packages())
def test_type_hints_of_every_generated_method_resolve(name: str) -> None:
    pkg = package(name)
    ops = provider(name).operations
    expected = {
        *(op.method_name for op in ops),
        *(op.wait_method_name for op in provider(name).task_operations),
        "wait_for_task",
    }
    for cls in (pkg.Client, pkg.AsyncClient):
        checked = set()
        for method_name, method in vars(cls).items():
            if inspect.isfunction(method):
                hints = typing.get_type_hints(method)
                assert "return" in hints, method_name
                checked.add(method_name)
        assert expected <= checked, cls
    hints = typing.get_type_hints(pkg.Client.wait_for_task)
    assert hints["max_wait"] is float
    create = next(op for op in ops if op.task is not None)
    returned = typing.get_type_hints(getattr(pkg.AsyncClient, create.method_name))["return"]
    assert returned is getattr(pkg.models, create.response_class)


@pytest.mark.parametrize("name", hinted_packages())
def test_type_hints_of_every_model_resolve_and_no_model_wraps_a_plain_value(name: str) -> None:
    models = importlib.import_module(f"{name}_client.models")
    classes = [
        c for c in vars(models).values() if isinstance(c, type) and c.__module__ == models.__name__
    ]
    assert len(classes) == len(provider(name).model_names)
    for cls in classes:
        hints = typing.get_type_hints(cls)
        assert set(cls.model_fields) <= set(hints), cls.__name__
        assert not issubclass(cls, pydantic.RootModel), cls.__name__


def test_type_hints_resolve_in_a_package_with_renamed_names(collisions: ModuleType) -> None:
    for cls in (collisions.Client, collisions.AsyncClient):
        for method in vars(cls).values():
            if inspect.isfunction(method):
                typing.get_type_hints(method)
    hints = typing.get_type_hints(collisions.Client.create_job_and_wait)
    assert hints["poll_interval"] == int | collisions.NotGiven
    assert hints["poll_interval_"] is float


@MODES
def test_wrong_waiting_options_are_named_as_the_method_names_them(
    mode: str, collisions: ModuleType
) -> None:
    with respx.mock(assert_all_called=False) as router:
        route = router.route()
        with pytest.raises(collisions.ValidationError) as refused:
            call(
                mode,
                collisions,
                "create_job_and_wait",
                **COLLIDING_FIELDS,
                max_wait_=-1,
                on_progress_=3,
            )
    assert refused.value.problems == [
        ("max_wait_", "must be a finite number of seconds, above 0; got -1"),
        ("on_progress_", "must be a function or None; got 3"),
    ]
    assert not route.called


def test_resolvable_hints_keep_the_import_lazy() -> None:
    """The stand-in for `models` imports nothing until a hint (or a call) needs a model."""
    probe = (
        "import sys, typing, uniall_client\n"
        "before = 'uniall_client.models' in sys.modules or 'pydantic' in sys.modules\n"
        "typing.get_type_hints(uniall_client.Client.get_video_task)\n"
        "print(before, 'uniall_client.models' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "generated" / "uniall"), "PATH": ""},
    )
    assert done.stdout == "False True\n"
