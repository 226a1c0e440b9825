"""Test cases read from the specs: every documented example, with what the client must do."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.load.loader import load_spec
from generator.model.ir import Example, Operation, Provider, build_provider
from generator.pipeline import find_specs

ROOT = Path(__file__).resolve().parent.parent
SPECS = find_specs(ROOT / "specs")
BASE_URL = "https://gateway.test"
API_KEY = "sk-test-0123456789"


@cache
def provider(name: str) -> Provider:
    return build_provider(load_spec(ROOT / "specs" / f"{name}.yaml"))


def package(name: str) -> ModuleType:
    return importlib.import_module(f"{name}_client")


def providers() -> list[str]:
    return [path.stem for path in SPECS]


@dataclass(frozen=True)
class Call:
    """One way of calling an operation: keyword arguments and the request they must produce."""

    provider: str
    operation: Operation
    kwargs: dict[str, Any]
    path: str
    query: dict[str, str]
    body: Any  # the JSON the gateway must receive, or None for no body
    example: Example | None

    @property
    def id(self) -> str:
        return f"{self.provider}-{self.operation.method_name}-" + (
            self.example.key if self.example else "parameters"
        )


def parameter_kwargs(operation: Operation) -> tuple[dict[str, Any], str, dict[str, str]]:
    """Arguments for the path and query parameters from their first documented example."""
    kwargs: dict[str, Any] = {}
    path = operation.path
    query: dict[str, str] = {}
    for param in operation.parameters:
        if param.location == "body":
            continue
        assert param.examples, (
            f"{operation.operation_id}: parameter {param.json_name} has no example"
        )
        value = param.examples[0].value
        kwargs[param.name] = value
        if param.location == "path":
            path = path.replace("{" + param.json_name + "}", str(value))
        else:
            query[param.json_name] = str(value)
    return kwargs, path, query


def body_kwargs(operation: Operation, body: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments that carry a documented request body: the body itself, since every
    field is the argument of its documented name (`create(**body)`), not a renamed one."""
    names = operation.body_argument_names
    unknown = set(body) - set(names)
    assert not unknown, (
        f"{operation.operation_id}: example has fields no argument carries: {unknown}"
    )
    renamed = {key: names[key] for key in body if names[key] != key}
    assert not renamed, f"{operation.operation_id}: documented fields renamed: {renamed}"
    return dict(body)


def calls() -> list[Call]:
    """Every documented request example, and a parameters-only call for body-less operations."""
    out = []
    for name in providers():
        for operation in provider(name).operations:
            kwargs, path, query = parameter_kwargs(operation)
            if operation.has_body:
                for example in operation.request_examples:
                    out.append(
                        Call(
                            name,
                            operation,
                            {**kwargs, **body_kwargs(operation, example.value)},
                            path,
                            query,
                            example.value,
                            example,
                        )
                    )
            else:
                out.append(Call(name, operation, kwargs, path, query, None, None))
    return out


@dataclass(frozen=True)
class ResponseCase:
    provider: str
    operation: Operation
    status: str
    class_name: str
    example: Example

    @property
    def id(self) -> str:
        return f"{self.provider}-{self.operation.method_name}-{self.status}-{self.example.key}"


def response_cases() -> list[ResponseCase]:
    """Every documented response example that has a schema to parse it with."""
    out = []
    for name in providers():
        for operation in provider(name).operations:
            for response in operation.responses:
                for example in response.examples:
                    assert response.class_name, f"{operation.operation_id} {response.status}"
                    out.append(
                        ResponseCase(name, operation, response.status, response.class_name, example)
                    )
    return out


def first_good(examples: tuple[Example, ...]) -> Example:
    good = [e for e in examples if not e.defect]
    assert good, "an operation needs at least one success response example"
    return good[0]
