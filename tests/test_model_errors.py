"""A published document without `x-errors`: its error responses' schemas say where the code and
the message are (generator/model/errors.py)."""

from __future__ import annotations

from pathlib import Path

from generator.load.loader import load_spec
from generator.model.ir import build_provider
from generator.runtime import ErrorFormat
from tests.spec_cases import ROOT

SPEC = """
openapi: 3.0.3
info: {title: Errors, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: array, items: {type: string}}}}
        "400":
          description: bad
          content: {application/json: {schema: {$ref: "#/components/schemas/Wrapped"}}}
        default:
          description: other
          content: {application/json: {schema: {$ref: "#/components/schemas/Flat"}}}
components:
  schemas:
    Wrapped:
      type: object
      properties:
        error:
          type: object
          properties:
            message: {type: string}
            type: {type: string}
            details: {type: array, items: {type: string}}
    Flat:
      allOf:
        - type: object
          properties:
            code: {type: integer}
            message: {type: string}
            request_id: {type: string}
"""


def errors_of(tmp_path: Path, text: str) -> ErrorFormat:
    spec = tmp_path / "errors.yaml"
    spec.write_text(text, encoding="utf-8")
    return build_provider(load_spec(spec)).errors


def test_the_error_fields_come_from_the_error_schemas(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, SPEC)
    assert errors.message == ("/error/message", "/message")
    assert errors.code == ("/code", "/error/type")
    assert errors.request_id == ("/request_id",)


def test_no_error_schema_means_no_error_fields(tmp_path: Path) -> None:
    text = SPEC.split('        "400"')[0] + "components: {}\n"
    errors = errors_of(tmp_path, text)
    assert (errors.message, errors.code, errors.request_id) == ((), (), ())


def test_a_curated_spec_keeps_its_declared_x_errors() -> None:
    errors = build_provider(load_spec(ROOT / "specs" / "evolink.yaml")).errors
    assert errors.message == ("/error/message",)
    assert "/error/code" in errors.code
