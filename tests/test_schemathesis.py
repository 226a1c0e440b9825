"""Schemathesis against the mock gateway: an independent tool finds the mock and its spec agree.

For each provider, the mock gateway is started on 127.0.0.1 and the Schemathesis CLI runs every
operation of specs/<provider>.yaml against it: the documented examples, the coverage cases
(boundaries, missing and wrong-typed fields, undeclared methods) and fuzzed cases, in positive
and negative mode, with a fixed seed and a bound of examples per operation, then a short stateful
phase that follows creates into polls. Every check Schemathesis has is on. A pass proves that:

- no request, valid or not, makes the mock fail (no 5xx);
- every answer has a status, content type, headers and a body that the spec documents for it;
- what the schemas allow is accepted and what they forbid is refused (400);
- a missing, malformed or wrong bearer token is refused (401);
- a method a path does not take is refused with 405 and an `Allow` header.

The test also asserts, from the mock's own counters (`GET /_mock/stats`), that every operation was
answered with success, refused as unauthorized and (where a request can be invalid) refused as
invalid, and that polls saw tasks that succeeded and tasks that failed, so it cannot pass by
testing nothing.

Nothing leaves this machine: Schemathesis 4 has no telemetry or upload service, the run writes
its files (crash records; the cache is off) only under the test's tmp_path, and every HTTP proxy
variable points at 127.0.0.1:9, so a request to any host but 127.0.0.1 would fail loudly instead
of going out.

Run as a module (`python -m tests.test_schemathesis run ...`), this file is the Schemathesis CLI
with one hook added (see `fresh_idempotency_keys`); the test starts it that way.
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis

from generator.mock import running
from generator.mock.pointers import get, put
from generator.model.ir import Operation
from tests.spec_cases import ROOT, provider, providers

SPECS = ROOT / "specs"
API_KEY = "sk-schemathesis"
SEED = 20261122  # Schemathesis's seed; the mock has its own, MOCK_SEED
# Test cases per operation and phase. 50 finds every disagreement seen so far (they show up in
# the first few cases) and keeps the four runs under a minute on two cores.
MAX_EXAMPLES = 50
# The tasks made before the run (SEEDED_TASKS per create) are running while the first phase
# polls them and have ended by the next, so the poll's answer is checked against the spec in
# every state of a task: running, succeeded and failed. Which tasks fail is drawn from the mock's
# seed: with MOCK_SEED, the first and the fourth draw fail (0.13 and 0.26 are under FAIL_TASKS)
# and the second and third succeed, so every provider has a seeded task of each outcome (the
# test asserts it).
TASK_SECONDS = 2.0
FAIL_TASKS = 0.5
MOCK_SEED = 1
SEEDED_TASKS = 2
# Every check Schemathesis 4 has but one, named rather than "all" so that the test says what it
# holds the mock to. use_after_free follows a DELETE, which no spec has, so it passes trivially;
# ensure_resource_availability (a task just made is found by its poll) holds in the stateful
# phase where the poll's path extends the create's (open-route). Left out:
# object_level_authorization, which asks whether one user can read another's objects: it needs
# two identities, and the mock (like the specs) knows one key and no users to tell apart
# (Schemathesis would skip it with a warning, which `fail-on` counts as a failure).
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "ignored_auth",
    "use_after_free",
    "ensure_resource_availability",
)
PHASES = ("examples", "coverage", "fuzzing", "stateful")
# Where a request to any host but 127.0.0.1 would go: a port on this machine that nothing serves.
NOWHERE = "http://127.0.0.1:9"
PLACEHOLDER_URL = "https://example.com/first-frame.jpg"


# -- the hook (runs inside the Schemathesis process) -------------------------------------------

_KEY_SUFFIXES = itertools.count(1)


def fresh_idempotency_keys(
    context: schemathesis.HookContext, case: schemathesis.Case[Any], kwargs: dict[str, Any]
) -> None:
    """Give every create's idempotency key (`x-paid-task.idempotency_key`, EZLINK's
    `options.external_task_id`) a suffix of its own before the request is sent.

    A gateway refuses a second create with a key it has seen (the mock answers 400, as the spec's
    `x-paid-task` says Kling does), and Hypothesis often draws the same short string twice. That
    refusal depends on an earlier request, which no schema can express, so without this
    `positive_data_acceptance` would report valid bodies refused. The key stays a string with
    the generated value in front; the refusal itself is tested in test_mock_gateway.py.
    """
    paid = case.operation.definition.raw.get("x-paid-task")
    where = paid.get("idempotency_key") if isinstance(paid, dict) else None
    if not where or not isinstance(case.body, dict):
        return
    key = get(case.body, where)
    if isinstance(key, str):
        put(case.body, where, f"{key}~{next(_KEY_SUFFIXES)}")


# -- helpers -----------------------------------------------------------------------------------


def create_body(operation: Operation) -> dict[str, Any]:
    """The create's first documented request example without placeholders (else with them
    replaced by a real URL)."""
    example = sorted(operation.request_examples, key=lambda e: bool(e.placeholders))[0]
    body: dict[str, Any] = copy.deepcopy(example.value)
    for where in example.placeholders:
        put(body, where, PLACEHOLDER_URL)
    return body


def seed_tasks(name: str, url: str) -> dict[str, list[str]]:
    """Make SEEDED_TASKS tasks per create before Schemathesis starts; the ids, by the poll
    argument (`path.task_id`, `query.task_ids`) they are passed in.

    A poll for an id the mock did not make is a 404, and Schemathesis cannot always find the
    link from a create to its poll (UniAll's create answers `{}` in its example and lives on
    another path), so the poll's success answers would go unchecked. These ids are handed to
    Schemathesis as a dictionary that half of the poll argument's generated values come from.
    """
    headers = {"Authorization": f"Bearer {API_KEY}"}
    ids: dict[str, list[str]] = {}
    for operation in provider(name).operations:
        lifecycle = operation.task
        if lifecycle is None:
            continue
        for _ in range(SEEDED_TASKS):
            answer = httpx.request(
                operation.http_method,
                url + operation.path,
                json=create_body(operation),
                headers=headers,
            )
            assert answer.status_code == 200, f"{name} {operation.operation_id}: {answer.text}"
            task_id = next(get(answer.json(), p) for p in lifecycle.id if get(answer.json(), p))
            argument = f"{lifecycle.poll_location}.{lifecycle.poll_argument}"
            ids.setdefault(argument, []).append(task_id)
    return ids


def write_config(folder: Path, task_ids: dict[str, list[str]]) -> Path:
    """schemathesis.toml for the run: no cache between runs, the seeded task ids, and every
    Schemathesis warning (such as an operation that only ever answered 404) a failure."""
    lines = ["[cache]", "enabled = false", "", "[warnings]", "fail-on = true", ""]
    for number, (parameter, ids) in enumerate(sorted(task_ids.items())):
        values = [*ids, ",".join(ids)] if parameter.startswith("query.") and len(ids) > 1 else ids
        lines += [f"[dictionaries.tasks{number}]", f"values = {json.dumps(values)}", ""]
    if task_ids:
        lines.append("[parameters]")
        for number, parameter in enumerate(sorted(task_ids)):
            binding = f'{{ dictionary = "tasks{number}", probability = 0.5 }}'
            lines.append(f"{json.dumps(parameter)} = {binding}")
    path = folder / "schemathesis.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def schemathesis_command(name: str, url: str, config: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tests.test_schemathesis",
        "--config-file",
        str(config),
        "--no-color",
        "run",
        str(SPECS / f"{name}.yaml"),
        "--url",
        url,
        "--header",
        f"Authorization: Bearer {API_KEY}",
        "--seed",
        str(SEED),
        "--max-examples",
        str(MAX_EXAMPLES),
        "--mode",
        "all",
        "--phases",
        ",".join(PHASES),
        "--checks",
        ",".join(CHECKS),
        "--continue-on-failure",
        "--generation-database",
        "none",
        "--request-timeout",
        "10",
    ]


def local_only_environment() -> dict[str, str]:
    """This process's environment, with every proxy pointing nowhere but for 127.0.0.1, and the
    project importable (for the hook)."""
    proxies = {"http_proxy": NOWHERE, "https_proxy": NOWHERE, "all_proxy": NOWHERE}
    proxies["no_proxy"] = "127.0.0.1,localhost"
    env = {k: v for k, v in os.environ.items() if k.lower() not in proxies}
    for variable, value in proxies.items():
        env[variable] = env[variable.upper()] = value
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["COLUMNS"] = "120"  # wide enough for the failure reports to keep their lines
    return env


# -- the test ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", providers())
def test_schemathesis_finds_the_mock_and_the_spec_in_agreement(name: str, tmp_path: Path) -> None:
    with running(
        name,
        specs_dir=SPECS,
        task_seconds=TASK_SECONDS,
        fail_tasks=FAIL_TASKS,
        seed=MOCK_SEED,
        api_key=API_KEY,
    ) as url:
        seeded = seed_tasks(name, url)
        config = write_config(tmp_path, seeded)
        try:
            finished = subprocess.run(
                schemathesis_command(name, url, config),
                cwd=tmp_path,
                env=local_only_environment(),
                capture_output=True,
                text=True,
                timeout=180,
            )
        except subprocess.TimeoutExpired as exc:
            partial = exc.stdout if isinstance(exc.stdout, str) else ""
            pytest.fail(f"Schemathesis did not finish within {exc.timeout} s:\n{partial}")
        seen: dict[str, Any] = httpx.get(f"{url}/_mock/stats").json()
    output = finished.stdout + finished.stderr
    assert finished.returncode == 0, (
        f"Schemathesis found the {name} mock and specs/{name}.yaml in disagreement "
        f"(exit code {finished.returncode}):\n{output}"
    )
    tested = re.search(r"Test cases:\s*\n\s*(\d+) generated", output)
    assert tested is not None and int(tested.group(1)) > 0, output
    print(f"{name}: {tested.group(1)} Schemathesis test cases")
    # Every operation of the spec was reached: answered with success, refused for its token, and
    # refused as invalid where a request can be invalid at all (a body or a query parameter: a
    # path parameter that is any string cannot be, and an empty one misses the route).
    operations = provider(name).operations
    assert set(seen["operations"]) == {op.operation_id for op in operations}
    for operation in operations:
        counts = seen["operations"][operation.operation_id]
        outcomes = ["answered", "unauthorized"]
        if operation.has_body or any(p.location == "query" for p in operation.parameters):
            outcomes.append("invalid")
        for outcome in outcomes:
            assert counts[outcome] > 0, (
                f"{name} {operation.operation_id}: no request {outcome}: {counts}\n{output}"
            )
    # The seeded tasks were polled, and ended both ways (so the poll's answers for a succeeded
    # and for a failed task were checked).
    tasks = [seen["tasks"][task_id] for ids in seeded.values() for task_id in ids]
    assert all(task["polls"] > 0 for task in tasks), tasks
    assert {task["outcome"] for task in tasks} == {"succeeded", "failed"}, (
        f"{name}: the seeded tasks did not end both ways ({tasks}); with another MOCK_SEED or "
        "FAIL_TASKS, choose them again so that they do"
    )


if __name__ == "__main__":
    # The Schemathesis CLI, with the hook registered for this process only.
    from schemathesis.cli import schemathesis as schemathesis_cli

    schemathesis.hook("before_call")(fresh_idempotency_keys)
    schemathesis_cli()
