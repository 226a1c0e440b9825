"""The generator on fixture specs: a provider made from its spec alone, broken specs, atomicity."""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from generator import pipeline
from generator.cli import main
from generator.pipeline import build, find_specs, generate
from generator.problems import SpecError
from generator.write import writer
from generator.write.manifest import MANIFEST
from tests.spec_cases import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "specs"
ACME = FIXTURES / "acme.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def acme_client(tmp_path: Path) -> Iterator[object]:
    """The fifth provider, generated from its spec file alone and imported from disk."""
    generate([ACME], tmp_path, whole_folder=False)
    sys.path.insert(0, str(tmp_path / "acme"))
    try:
        yield importlib.import_module("acme_client")
    finally:
        sys.path.remove(str(tmp_path / "acme"))
        for name in [m for m in sys.modules if m == "acme_client" or m.startswith("acme_client.")]:
            del sys.modules[name]


def test_a_new_provider_needs_only_its_spec(acme_client: object, tmp_path: Path) -> None:
    files = snapshot(tmp_path / "acme")
    assert {
        "pyproject.toml",
        "README.md",
        "acme_client/__init__.py",
        "acme_client/_client.py",
        "acme_client/models.py",
        "acme_client/py.typed",
        "acme_client/_runtime/_base.py",
    } <= set(files)
    header = "# generated from specs/acme.yaml by gatewaygen, do not edit"
    for name in ("_client.py", "models.py", "__init__.py"):
        assert files[f"acme_client/{name}"].decode().splitlines()[0] == header
    assert files["README.md"].decode().splitlines()[0] == f"<!-- {header[2:]} -->"
    # The runtime core is copied byte for byte.
    runtime = ROOT / "generator" / "runtime" / "_base.py"
    assert files["acme_client/_runtime/_base.py"] == runtime.read_bytes()

    client_module = acme_client
    with respx.mock(assert_all_called=True) as router:
        route = router.post("https://acme.test/v2/jobs").mock(
            return_value=httpx.Response(
                201, json={"job": {"id": "j-1", "state": "new"}, "extra": "kept"}
            )
        )
        client = client_module.Client(api_key="k", base_url="https://acme.test")  # type: ignore[attr-defined]
        # Inline objects got names; a keyword got a trailing underscore; `timeout` is the
        # documented field, so the per-call HTTP timeout of this method is `timeout_`.
        result = client.submit_job(
            prompt="a cat", class_="cinematic", timeout=30, camera={"zoom": 2}, timeout_=5.0
        )
    assert json.loads(route.calls.last.request.content) == {
        "prompt": "a cat",
        "class": "cinematic",
        "timeout": 30,
        "camera": {"zoom": 2},
    }
    assert type(result).__name__ == "SubmitJobResponse201"
    assert result.job.id == "j-1"
    assert result.model_extra == {"extra": "kept"}
    assert type(result.job).__name__ == "SubmitJobResponse201Job"


def test_a_new_provider_gets_its_extensions_from_its_spec(acme_client: Any) -> None:
    """acme's x-errors, x-paid-task and x-public-url reach its client with no other input."""
    with respx.mock(assert_all_called=False) as router:
        route = router.post("https://acme.test/v2/jobs")
        client = acme_client.Client(api_key="k", base_url="https://acme.test")
        with pytest.raises(acme_client.ValidationError) as refused:
            client.submit_job(prompt="a cat", hooks=[{"url": "https://10.1.2.3/done"}])
        assert refused.value.problems[0][0] == "hooks[0].url"
        assert not route.called

        route.mock(return_value=httpx.Response(400, json={"err": {"code": "E1", "msg": "no"}}))
        with pytest.raises(acme_client.BadRequestError) as bad:
            client.submit_job(prompt="a cat")
        assert (bad.value.code, bad.value.provider_message) == ("E1", "no")

        route.mock(return_value=httpx.Response(502))
        with pytest.raises(acme_client.SubmissionUncertainError):
            client.submit_job(prompt="a cat")
        assert route.call_count == 2  # the 400, then one 502: the paid create was not resent


def test_output_is_deterministic(tmp_path: Path) -> None:
    generate([ACME], tmp_path / "one", whole_folder=False)
    generate([ACME], tmp_path / "two", whole_folder=False)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_committed_packages_are_what_the_specs_generate(tmp_path: Path) -> None:
    """Every committed package is what today's generator makes of today's spec. A copy of
    generated/ whose manifests name another generator is rebuilt in full; every file comes out
    byte for byte as committed, manifests included, save the generator hashes they record. So a
    change to the generator that changes no output passes here (`gatewaygen check` still asks for
    the manifests to be refreshed), and one that changes the output fails, naming the files."""
    copy = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", copy, ignore=shutil.ignore_patterns(*writer.IGNORED))
    for manifest in copy.glob(f"*/*_client/{MANIFEST}"):
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        recorded["generator"]["code_sha256"] = "0" * 64  # not today's generator: rebuild
        manifest.write_text(json.dumps(recorded), encoding="utf-8")
    outcomes = generate(find_specs(ROOT / "specs"), copy, whole_folder=True)

    def without_generator(path: Path) -> dict[str, Any]:
        return {k: v for k, v in json.loads(path.read_text()).items() if k != "generator"}

    committed, rebuilt = writer.list_files(ROOT / "generated"), writer.list_files(copy)
    assert rebuilt == committed
    differ = [
        name
        for name in sorted(committed)
        if (ROOT / "generated" / name).read_bytes() != (copy / name).read_bytes()
        and not (
            name.endswith(MANIFEST)
            and without_generator(ROOT / "generated" / name) == without_generator(copy / name)
        )
    ]
    assert differ == []
    names = sorted(p.name for p in (ROOT / "generated").iterdir() if p.is_dir())
    assert [(o.name, o.written, o.bump) for o in outcomes] == [(n, True, None) for n in names]


FIX_ERRORS = (
    "    fix: write it as {code: /error/code, message: /error/message, codes: [{codes: [1303], "
    "meaning: ..., status: 429, retry: true, min_retry_delay: 1}]}"
)
FIX_POINTER = (
    "    fix: point at a property of that response's schema (a number steps into an array, as "
    "in /data/0/status)"
)
FIX_CALLBACK = (
    "    fix: write it as callback: {url: /callback_url, task_id: /id, x-provenance: {status: "
    "..., source: ..., reason: ...}}: the body field that takes the URL, where the callback "
    "body (the poll's format) has the task id, and where that is documented"
)
BROKEN = {
    "bad_yaml.yaml": [
        "bad_yaml.yaml:3: /: not valid YAML at line 3, column 1: did not find expected ',' or "
        "'}'\n    fix: fix the YAML syntax there"
    ],
    "not_openapi.yaml": [
        "not_openapi.yaml: /paths/~1tasks/get/responses/200/content/application~1json/schema/"
        "properties/id/type: not a valid JSON Schema: 12 is not valid under any of the given "
        "schemas\n    fix: write this schema as JSON Schema 2020-12 allows"
    ],
    "bad_shared_response.yaml": [
        "bad_shared_response.yaml: /components/responses/NotFound/content/application~1json/"
        "schema/required: not a valid JSON Schema: 'code' is not of type 'array'\n    fix: write "
        "this schema as JSON Schema 2020-12 allows"
    ],
    "bad_extensions.yaml": [
        "bad_extensions.yaml: /x-errors/code: not a valid x-errors: 'code' is not a JSON "
        "pointer into the body, such as '/error/code', or a list of them\n" + FIX_ERRORS,
        "bad_extensions.yaml: /x-errors/codes/0/status: not a valid x-errors: 4290 is greater "
        "than the maximum of 599\n" + FIX_ERRORS,
        "bad_extensions.yaml: /x-errors/codes/0: not a valid x-errors: unknown key "
        "'retry_after'; the keys are codes, meaning, status, retry, min_retry_delay, advice\n"
        + FIX_ERRORS,
        "bad_extensions.yaml: /paths/~1a/post/x-paid-task: not a valid x-paid-task: "
        "{'idempotency_key': 12} is not true, or an object whose idempotency_key is a JSON "
        "pointer into the body\n    fix: write `x-paid-task: true`, or "
        "{idempotency_key: /pointer/into/the/body}",
        "bad_extensions.yaml: /paths/~1a/post/requestBody/content/application~1json/examples/"
        "templated/x-placeholders/0: '/image/url' does not point at a string in the example's "
        "value\n    fix: list JSON pointers into `value`, such as [/contents/0/url], one per "
        "placeholder string",
    ],
    "bad_idempotency_key.yaml": [
        "bad_idempotency_key.yaml: /paths/~1a/post/x-paid-task/idempotency_key: "
        "'/options/external_id' names no property of the request body\n    fix: point at the "
        "body field the provider deduplicates on, such as '/options/external_task_id'"
    ],
    "bad_task.yaml": [
        "bad_task.yaml: /paths/~1tasks/post/x-task/poll_argument: 'id' is not a parameter of "
        "getTask\n    fix: name the path or query parameter that takes the task id: one of "
        "'task_id'",
        "bad_task.yaml: /paths/~1tasks/post/x-task/id: '/task/id' does not resolve in the "
        "create's success response\n" + FIX_POINTER,
        "bad_task.yaml: /paths/~1tasks/post/x-task/video_url: '/result/0' does not resolve in "
        "the success response of getTask\n" + FIX_POINTER,
        "bad_task.yaml: /paths/~1tasks/post/x-task/succeeded/0: 'done' is not one of the status "
        "values the poll response documents ('queued', 'completed', 'failed')\n    fix: use the "
        "provider's own status value, or document it in the status schema's enum or "
        "x-known-values",
        "bad_task.yaml: /paths/~1tasks/get/x-task/poll: no operation has the operationId "
        "'getJob'\n    fix: name the operation that queries the task: one of 'createTask', "
        "'listTasks', 'getTask'",
    ],
    "bad_callback.yaml": [
        "bad_callback.yaml: /paths/~1other/post/x-task/callback: not a valid x-task callback: "
        "'x-provenance' is a required property\n" + FIX_CALLBACK,
        "bad_callback.yaml: /paths/~1other/post/x-task/callback: not a valid x-task callback: "
        "unknown key 'signed'; the keys are url, task_id, x-provenance\n" + FIX_CALLBACK,
        "bad_callback.yaml: /paths/~1tasks/post/x-task/callback/url: '/hook' names no property "
        "of the create's request body\n    fix: point at the body field that takes the callback "
        "URL, such as '/callback_url' or '/options/callback_url'",
        "bad_callback.yaml: /paths/~1tasks/post/x-task/callback/task_id/1: '/task/id' does not "
        "resolve in the success response of getTask, whose format the callback body has\n    "
        "fix: point at the task id in the poll's answer, such as '/id' or '/data/0/id'",
        "bad_callback.yaml: /paths/~1other/post/x-task/callback/url: '/count' is not a string "
        "field (its type is 'integer')\n    fix: point at the string field that takes the "
        "callback URL",
        "bad_callback.yaml: /paths/~1plain/post/x-task/callback/url: a callback URL needs a JSON "
        "request body, and this operation has none\n    fix: point at the body field that takes "
        "the callback URL, such as '/callback_url' or '/options/callback_url'",
    ],
    "dangling_ref.yaml": [
        "dangling_ref.yaml: /paths/~1a/get/responses/200/content/application~1json/schema/$ref:"
        " $ref '#/components/schemas/Missing' points at nothing\n    fix: define the schema it "
        "names under components/schemas, or correct the reference"
    ],
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_spec_is_reported_with_file_and_pointer(name: str) -> None:
    with pytest.raises(SpecError) as caught:
        build([FIXTURES / name])
    assert [str(p).split("specs/", 1)[1] for p in caught.value.problems] == BROKEN[name]


def test_problems_of_several_specs_are_reported_together() -> None:
    with pytest.raises(SpecError) as caught:
        build([FIXTURES / "not_openapi.yaml", ACME, FIXTURES / "dangling_ref.yaml"])
    assert [p.file.rsplit("/", 1)[1] for p in caught.value.problems] == [
        "not_openapi.yaml",
        "dangling_ref.yaml",
    ]


def test_bad_spec_exits_2_and_leaves_the_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "generated"
    generate([ACME], out, whole_folder=True)
    (out / "acme" / "NOTE.txt").write_text("a user's file")
    before = snapshot(out)
    status = main(
        ["generate", str(ACME), str(FIXTURES / "dangling_ref.yaml"), "--output", str(out)]
    )
    assert status == 2
    err = capsys.readouterr().err
    assert "1 problem in the specs; nothing was written." in err
    assert (
        "dangling_ref.yaml: /paths/~1a/get/responses/200/content/application~1json/schema/$ref:"
        in err
    )
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["generated"]  # no staging folder left


def test_failure_while_formatting_leaves_the_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "generated"
    generate([ACME], out, whole_folder=True)
    before = snapshot(out)

    def broken_formatter(paths: list[Path]) -> None:
        (paths[0]).write_text("half-written")
        raise writer.FormatError("ruff failed")

    monkeypatch.setattr(writer, "format_python", broken_formatter)
    stale_generator = {**pipeline.fingerprint(), "code_sha256": "changed"}
    monkeypatch.setattr(pipeline, "fingerprint", lambda: stale_generator)  # forces a rebuild
    with pytest.raises(writer.FormatError):
        generate([ACME], out, whole_folder=True)
    assert snapshot(out) == before


def test_failed_swap_puts_the_old_packages_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "generated"
    generate([ACME], out, whole_folder=False)
    shutil.copytree(out / "acme", out / "other")
    before = snapshot(out)
    real_replace = writer.os.replace
    calls = []

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        calls.append((src, dst))
        if len(calls) == 2:  # the old package is moved aside, then the new one fails to land
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", failing_replace)
    stale_generator = {**pipeline.fingerprint(), "code_sha256": "changed"}
    monkeypatch.setattr(pipeline, "fingerprint", lambda: stale_generator)  # forces a rebuild
    with pytest.raises(OSError, match="disk full"):
        generate([ACME], out, whole_folder=False)
    monkeypatch.setattr(writer.os, "replace", real_replace)
    assert snapshot(out) == before


def test_a_failed_swap_puts_back_the_packages_already_swapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two packages change; the first is swapped in, the second fails to land: both folders
    are as they were before, the first one's new version taken out again."""
    specs = [tmp_path / "acme.yaml", tmp_path / "beta.yaml"]
    for spec in specs:
        shutil.copy(ACME, spec)
    out = tmp_path / "generated"
    generate(specs, out, whole_folder=False)
    before = snapshot(out)
    for spec in specs:  # a new documented limit: both packages get a new release
        spec.write_text(spec.read_text().replace("maxLength: 100", "maxLength: 80"))
    real_replace = writer.os.replace
    calls: list[tuple[str, str]] = []

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        calls.append((Path(src).name, Path(dst).name))
        if len(calls) == 4:  # acme aside, acme in, beta aside, then beta fails to land
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        generate(specs, out, whole_folder=False)
    monkeypatch.setattr(writer.os, "replace", real_replace)
    swaps = [("acme", "acme.old"), ("acme", "acme"), ("beta", "beta.old"), ("beta", "beta")]
    rollback = [("beta.old", "beta"), ("acme.old", "acme")]
    assert calls == swaps + rollback
    assert snapshot(out) == before
    # The same generation, left to finish, does change both packages.
    generate(specs, out, whole_folder=False)
    after = snapshot(out)
    changed = sorted({name.split("/")[0] for name in after if after[name] != before.get(name)})
    assert changed == ["acme", "beta"]


def test_whole_folder_generation_removes_only_its_own_packages_without_a_spec(
    tmp_path: Path,
) -> None:
    """A package generate made (it has a manifest) whose spec is gone is removed; a folder or
    a file it did not make is left alone."""
    out = tmp_path / "generated"
    gone = tmp_path / "gone.yaml"
    gone.write_bytes(ACME.read_bytes())
    generate([gone], out, whole_folder=False)
    assert (out / "gone" / "gone_client" / "_manifest.json").is_file()
    (out / "mine").mkdir()
    (out / "mine" / "x.py").write_text("kept\n")
    (out / "notes.txt").write_text("kept\n")
    generate([ACME], out, whole_folder=True)
    assert sorted(p.name for p in out.iterdir()) == ["acme", "mine", "notes.txt"]
    assert (out / "mine" / "x.py").read_text() == "kept\n"


def test_check_names_the_files_that_differ(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "generated"
    generate([ACME], out, whole_folder=True)
    assert main(["check", str(ACME), "--output", str(out)]) == 0
    models = out / "acme" / "acme_client" / "models.py"
    models.write_text(models.read_text() + "# a hand edit\n")
    (out / "acme" / "acme_client" / "__init__.py").unlink()
    assert main(["check", str(ACME), "--output", str(out)]) == 1
    report = capsys.readouterr().out
    assert "removed by hand: acme/acme_client/__init__.py" in report
    assert "edited by hand:  acme/acme_client/models.py" in report
    assert "Run `gatewaygen generate`" in report


def test_generate_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", str(ACME), "--output", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "acme         1.0.0, 2 operations, 7 models" in out
    assert "generated 1 package (0 up to date) in" in out


def test_two_specs_for_one_provider_are_refused(tmp_path: Path) -> None:
    copy = tmp_path / "acme.yaml"
    shutil.copy(ACME, copy)
    with pytest.raises(SpecError, match="provider 'acme' is also given by"):
        build([ACME, copy])
