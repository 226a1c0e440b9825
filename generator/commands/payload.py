"""`gatewaygen check-payload`: a request body a user wrote, or a response they captured, checked
against the spec with the messages `validate` uses.

A request is checked the way the generated client checks it before sending (the schema, absolute
URIs, public callback URLs), so a wrong body is found before a task is paid for. A response is
checked against the documented schema of its status, and every field the documentation does
not mention is reported: that is how a gateway's drift from its docs shows.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..instances import SpecValidator, field_name
from ..load.document import JSON, lookup, resolve_at
from ..load.loader import Spec, load_spec
from ..model.ir import Operation, Provider, build_provider
from ..problems import SpecError, escape_pointer_token, pointer
from ..runtime._json import first
from .locate import find_spec
from .validate import Counted, Finding

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


@dataclass
class PayloadReport(Counted):
    provider: str
    operation: str
    kind: str  # "request body", "parameters" or "response <status>"
    file: str
    findings: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "operation": self.operation,
            "checked": self.kind,
            "file": self.file,
            "valid": self.errors == 0,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.as_json() for f in self.findings],
        }

    def as_text(self) -> str:
        verdict = "valid" if self.errors == 0 else "INVALID"
        lines = [
            f"{self.file}: {verdict} as the {self.kind} of {self.provider} {self.operation} "
            f"({self.errors} error{'s' if self.errors != 1 else ''}, "
            f"{self.warnings} warning{'s' if self.warnings != 1 else ''})"
        ]
        last_fix = ""
        for finding in self.findings:
            field_name = finding.context.get("field", "(the whole value)")
            lines.append(
                f"  {finding.severity} [{finding.rule}] {field_name} ({finding.pointer or '/'})"
            )
            lines.append(f"      {finding.message}")
            if finding.fix and finding.fix != last_fix:
                lines.append(f"      fix: {finding.fix}")
            last_fix = finding.fix
        return "\n".join(lines)


def check_request(
    spec: Spec, provider: Provider, operation: Operation, value: Any, file: str
) -> PayloadReport:
    """A request body against its schema; for an operation without a body, `value` is an
    object of its path and query parameters by name."""
    checker = _Checker(spec, file)
    at = operation.pointer
    if operation.has_body:
        report = PayloadReport(provider.name, operation.operation_id, "request body", file)
        schema = _media_schema(spec.document, f"{at}/requestBody")
        report.findings += checker.against(schema, value, undocumented="warning")
        return report
    report = PayloadReport(provider.name, operation.operation_id, "parameters", file)
    report.findings += checker.parameters(at, operation, value)
    return report


def check_response(
    spec: Spec,
    provider: Provider,
    operation: Operation,
    value: Any,
    file: str,
    status: str | None,
) -> PayloadReport:
    """A captured response against the documented response of its status (the success status
    when none is given)."""
    checker = _Checker(spec, file)
    at = operation.pointer
    responses = lookup(spec.document, "#" + at).get("responses") or {}
    chosen = status or next(s for s in map(str, responses) if s.startswith("2"))
    key = _response_key(responses, chosen)
    report = PayloadReport(provider.name, operation.operation_id, f"response {chosen}", file)
    if key is None:
        report.findings.append(
            Finding(
                "error",
                "status",
                file,
                "",
                f"{operation.operation_id} documents no response for HTTP {chosen} (it "
                f"documents {', '.join(map(str, responses))})",
                "if the gateway really answers this status, add it to the spec",
            )
        )
        return report
    envelope = provider.envelope if chosen.startswith("2") else None
    failure = _envelope_failure(provider, value) if envelope else None
    if envelope and failure:
        report.findings.append(Finding("warning", "envelope", file, envelope.code, failure))
        return report
    schema = _media_schema(spec.document, f"{at}/responses/{escape_pointer_token(key)}")
    if schema is None:
        return report  # a documented response without a body: nothing to compare
    report.findings += checker.against(schema, value, undocumented="drift")
    return report


@dataclass
class _Checker:
    spec: Spec
    file: str

    def __post_init__(self) -> None:
        self.validator = SpecValidator(self.spec.document)

    def against(self, schema: str | None, value: Any, *, undocumented: str) -> list[Finding]:
        if schema is None:
            return [
                Finding(
                    "error",
                    "schema",
                    self.file,
                    "",
                    "the spec documents no JSON schema for this",
                    "check the operation and --status",
                )
            ]
        findings = [
            Finding(
                "error",
                violation.rule,
                self.file,
                violation.pointer,
                violation.message,
                _FIX_RESPONSE if undocumented == "drift" else _FIX_REQUEST,
                None,
                {"field": violation.field},
            )
            for violation in self.validator.violations(schema, value)
        ]
        for path in self.validator.undocumented(schema, value):
            findings.append(self._undocumented(schema, value, path, undocumented))
        return findings

    def _undocumented(
        self, schema: str, value: Any, path: tuple[str | int, ...], kind: str
    ) -> Finding:
        name = str(path[-1])
        siblings = self._known_names(schema, value, path[:-1])
        guess = difflib.get_close_matches(name, siblings, n=1)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        shown = field_name(path)
        if kind == "drift":
            message = (
                f"the documentation does not mention {name!r}{hint}: the gateway sends a field "
                "the spec does not know (the generated client keeps it as an untyped extra "
                "attribute)"
            )
            fix = "if the field is real, add it to the spec's schema and regenerate"
            return Finding(
                "warning", "drift", self.file, pointer(*path), message, fix, None, {"field": shown}
            )
        message = (
            f"the spec documents no field {name!r} here{hint}; the gateway may ignore or refuse it"
        )
        return Finding(
            "warning",
            "undocumented",
            self.file,
            pointer(*path),
            message,
            "check the spelling against the documented fields",
            None,
            {"field": shown},
        )

    def _known_names(self, schema: str, value: Any, path: tuple[str | int, ...]) -> list[str]:
        """Documented property names of the object at `path` (for spelling suggestions)."""
        names: list[str] = []
        node = lookup(self.spec.document, "#" + schema)
        for step in path:
            branches = self.validator.branches(node) if isinstance(node, dict) else []
            following = None
            for branch in branches:
                if isinstance(step, int) and isinstance(branch.get("items"), dict):
                    following = branch["items"]
                elif isinstance(step, str) and step in (branch.get("properties") or {}):
                    following = branch["properties"][step]
            node = following
        if isinstance(node, dict):
            for branch in self.validator.branches(node):
                names += list(branch.get("properties") or {})
        return names

    def parameters(self, at: str, operation: Operation, value: Any) -> list[Finding]:
        if not isinstance(value, dict):
            return [
                Finding(
                    "error",
                    "type",
                    self.file,
                    "",
                    f"{operation.operation_id} has no request body; give its parameters as "
                    f'an object, such as {{"{operation.parameters[0].json_name}": ...}}'
                    if operation.parameters
                    else f"{operation.operation_id} takes no body and no parameters",
                    "write a JSON object of parameter names and values",
                )
            ]
        findings: list[Finding] = []
        declared = lookup(self.spec.document, "#" + at).get("parameters") or []
        known: dict[str, tuple[int, dict[str, Any]]] = {}
        for index, raw in enumerate(declared):
            parameter = raw
            if "$ref" in raw:
                parameter = lookup(self.spec.document, raw["$ref"])
            known[parameter["name"]] = (index, parameter)
        for name, (index, parameter) in known.items():
            if name not in value:
                if parameter.get("required"):
                    findings.append(
                        Finding(
                            "error",
                            "required",
                            self.file,
                            pointer(name),
                            f"the {parameter.get('in')} parameter {name!r} is required",
                            f"add {name!r}",
                            None,
                            {"field": name},
                        )
                    )
                continue
            if parameter.get("in") == "path" and value[name] == "":
                findings.append(
                    Finding(
                        "error",
                        "empty",
                        self.file,
                        pointer(name),
                        f"the path parameter {name!r} is empty; the request would go to "
                        f"another URL",
                        "give the task id (the generated client refuses an empty one too)",
                        None,
                        {"field": name},
                    )
                )
                continue
            where = f"{at}/parameters/{index}/schema"
            for violation in self.validator.violations(where, value[name]):
                findings.append(
                    Finding(
                        "error",
                        violation.rule,
                        self.file,
                        pointer(name) + violation.pointer,
                        violation.message,
                        _FIX_REQUEST,
                        None,
                        {"field": name + (f".{violation.field}" if violation.path else "")},
                    )
                )
        for name in value:
            if name not in known:
                guess = difflib.get_close_matches(name, list(known), n=1)
                hint = f" (did you mean {guess[0]!r}?)" if guess else ""
                findings.append(
                    Finding(
                        "error",
                        "unknown-parameter",
                        self.file,
                        pointer(name),
                        f"{operation.operation_id} has no parameter {name!r}{hint}",
                        f"its parameters are {', '.join(map(repr, known)) or 'none'}",
                        None,
                        {"field": name},
                    )
                )
        return findings


_FIX_REQUEST = "change the value to what the spec allows; nothing has been sent"
_FIX_RESPONSE = (
    "if the gateway really answers this, its documentation has drifted: record it in the spec "
    "(and x-doc-conflicts) and regenerate"
)


def _media_schema(document: dict[str, Any], holder: str) -> str | None:
    """The pointer of the JSON schema of a request body or response (following `$ref`s)."""
    node, holder = resolve_at(document, lookup(document, "#" + holder), holder)
    media = ((node or {}).get("content") or {}).get(JSON) if isinstance(node, dict) else None
    if not isinstance(media, dict) or "schema" not in media:
        return None
    return f"{holder}/content/{escape_pointer_token(JSON)}/schema"


def _response_key(responses: dict[Any, Any], status: str) -> str | None:
    """The documented response for a status: exact, then its range (4XX), then default."""
    keys = {str(k): str(k) for k in responses}
    for candidate in (status, f"{status[:1]}XX", "default"):
        if candidate in keys:
            return keys[candidate]
    return None


def _envelope_failure(provider: Provider, value: Any) -> str | None:
    """For a provider that reports failures inside 2xx bodies: what this body reports, if it
    is a failure."""
    envelope = provider.envelope
    if envelope is None:
        return None
    code = first(value, (envelope.code,))
    if code is None or code in envelope.success:
        return None
    message = first(value, (envelope.message,)) if envelope.message else None
    meaning = provider.errors.codes.get(str(code))
    what = f" ({meaning.meaning})" if meaning else ""
    said = f': "{message}"' if message else ""
    return (
        f"this 2xx answer reports failure code {code!r}{what}{said}; the generated client "
        f"raises an error for it, so it was not checked against the success schema"
    )


def _read(file: str) -> Any:
    """The JSON in `file` (`-`: standard input); `ValueError` says where it is broken."""
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read {file}: {exc.strerror}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{file} is not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc


def main(args: argparse.Namespace) -> int:
    try:
        path = find_spec(args.provider, args.specs_dir)
        spec = load_spec(path)
        provider = build_provider(spec)
        operation = provider.operation(args.operation)
        value = _read(args.file)
    except SpecError as exc:
        print(f"gatewaygen: {exc.counted} in the spec:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ValueError, LookupError) as exc:
        print(f"gatewaygen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    shown = "(stdin)" if args.file == "-" else args.file
    if args.status is not None and not args.response:
        print("gatewaygen: --status goes with --response", file=sys.stderr)
        return EXIT_USAGE
    if args.response:
        report = check_response(spec, provider, operation, value, shown, args.status)
    else:
        report = check_request(spec, provider, operation, value, shown)
    if args.format == "json":
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print(report.as_text())
    return EXIT_OK if report.errors == 0 else EXIT_INVALID
