"""`gatewaygen validate`: one report per spec of everything that is wrong or worth knowing.

This module checks curated specs; a published document gets `validate_published`'s report.

Errors: the OpenAPI structure (every problem, not only the first), `$ref`s, JSON Schema validity,
our conventions and extensions (lifecycle declarations included), every example against its
schema, provenance, the seed examples each page is declared to hold, generated-name collisions.
Warnings: where the documentation contradicts itself (`x-doc-conflicts`), and the documentation's
own defective examples that the spec marks (`x-example-defect`, `x-placeholders`).
Each finding has the file, JSON pointer and line, what is wrong, and how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..instances import SpecValidator, Violation
from ..load.document import JSON, MISSING, iter_operations, lookup, resolve_at, resolve_ref
from ..load.extensions import PROVENANCE_STATUSES as PROVENANCE
from ..load.loader import (
    Spec,
    document_problems,
    is_curated,
    overlays_of,
    read_spec,
    schema_objects,
)
from ..load.overlay import apply_overlays
from ..load.source import LoadOptions, provider_name
from ..load.spec_yaml import LineMap, refusals
from ..load.upgrade import SUBSCHEMA_LISTS, SUBSCHEMA_MAPS, SUBSCHEMAS
from ..problems import Problem, SpecError, escape_pointer_token, pointer
from .findings import (
    Counted,
    Finding,
    Report,
    Severity,
    from_problem,
    render_json,
    render_text,
    sorted_report,
)
from .validate_published import published_report, spec_of_document

__all__ = [
    "Counted",
    "Finding",
    "Report",
    "render_json",
    "render_text",
    "validate_spec",
    "within_placeholder",
]

EXAMPLE_KINDS = ("request", "response", "parameter")


@dataclass(frozen=True)
class Example:
    """A documented example and what it is an example of."""

    pointer: str  # of the Example Object
    schema: str | None  # pointer of the schema its value must satisfy
    kind: str  # request, response, parameter or schema
    operation: str  # operationId, or the schema's pointer for schema examples
    name: str
    node: dict[str, Any]

    @property
    def source(self) -> str:
        source = self.node.get("x-source")
        if source:
            return str(source)
        status = (self.node.get("x-provenance") or {}).get("status")
        return str(status) if status else "no source"

    @property
    def describe(self) -> str:
        of = {"request": "request body", "parameter": "parameter"}.get(self.kind, self.kind)
        return f"example {self.name!r} ({of} of {self.operation}, from {self.source})"


def validate_spec(path: Path, options: LoadOptions | None = None) -> Report:
    """Check one spec file and report every finding: a curated spec against every rule, a
    published one for what generation would make of it (see `loader.is_curated`)."""
    options = options or LoadOptions()
    report = Report(str(path))
    try:
        name = provider_name(path, options.name)
        document, source, text_keys = read_spec(path)
    except SpecError as exc:
        report.findings += [from_problem(p, p.line) for p in exc.problems]
        report.skipped.append(
            "everything else: the file could not be read as a JSON or YAML mapping"
        )
        return report
    if not is_curated(path, document, options):
        loaded = spec_of_document(path, name, document, source, options, text_keys)
        return published_report(report, loaded)
    refused = refusals(str(path), text_keys)
    if refused:  # as a YAML problem: our own specs quote every key
        report.findings += [from_problem(p, p.line) for p in refused]
        report.skipped.append(
            "everything else: the file could not be read as a JSON or YAML mapping"
        )
        return report
    try:  # our extensions may come from overlays: they are checked as applied
        document, overlaid, _ = apply_overlays(document, overlays_of(path, options))
    except SpecError as exc:
        report.findings += [from_problem(p, p.line) for p in exc.problems]
        report.skipped.append("everything else: the overlays must be valid first")
        return report
    report.findings += [from_problem(p, p.line, "warning") for p in overlaid]
    lines = LineMap(source)
    shown = str(path)
    problems = document_problems(shown, document, source)
    report.findings += [from_problem(p, lines.line(p.pointer)) for p in problems]
    if any(p.rule in ("openapi", "json-schema", "ref-cycle") for p in problems):
        report.skipped.append(
            "examples, provenance, seed examples, conflicts and generated names: the document's "
            "structure must be valid first"
        )
        return sorted_report(report)
    context = _Context(shown, document, lines, SpecValidator(document))
    found = list(_examples(document))
    examples_checked = not any(p.rule == "ref" for p in problems)
    if examples_checked:
        report.findings += list(context.example_findings(found))
    else:
        report.skipped.append("examples: every $ref must resolve first")
    report.findings += list(context.provenance_findings(found))
    report.findings += list(context.seed_findings(found))
    report.findings += list(context.conflict_findings())
    if problems:
        report.skipped.append("generated names: the spec must load without errors first")
    else:
        report.findings += list(context.name_findings(name, path, source))
    report.checked = {
        "operations": sum(1 for _ in iter_operations(document)),
        "examples": len(found) if examples_checked else 0,
        "doc_conflicts": len(document.get("x-doc-conflicts") or []),
    }
    return sorted_report(report)


def _examples(document: dict[str, Any]) -> Iterator[Example]:
    """Every example of the document: parameters, request bodies, responses (Example Objects,
    `$ref`s to components/examples followed) and `examples` lists inside schemas. A parameter,
    body or response that is a `$ref` is read where it really is, and an example shared by
    several operations is reported once."""
    seen: set[str] = set()
    for path, method, operation in iter_operations(document):
        at = pointer("paths", path, method)
        op_id = str(operation.get("operationId") or at)
        found: list[Example] = []
        for index, param in enumerate(operation.get("parameters") or []):
            param, where = resolve_at(document, param, f"{at}/parameters/{index}")
            schema = f"{where}/schema" if "schema" in param else None
            found += _example_objects(document, param, where, schema, "parameter", op_id)
        if "requestBody" in operation:
            body, where = resolve_at(document, operation["requestBody"], f"{at}/requestBody")
            where += f"/content/{escape_pointer_token(JSON)}"
            media = (body.get("content") or {}).get(JSON) or {}
            schema = f"{where}/schema" if "schema" in media else None
            found += _example_objects(document, media, where, schema, "request", op_id)
        for status, response in (operation.get("responses") or {}).items():
            at_status = f"{at}/responses/{escape_pointer_token(str(status))}"
            response, where = resolve_at(document, response, at_status)
            where += f"/content/{escape_pointer_token(JSON)}"
            media = (response.get("content") or {}).get(JSON) or {}
            schema = f"{where}/schema" if "schema" in media else None
            found += _example_objects(
                document, media, where, schema, "response", f"{op_id} {status}"
            )
        for example in found:
            if example.pointer not in seen:
                seen.add(example.pointer)
                yield example
    for where, schema in schema_objects(document):
        yield from _schema_examples(schema, where)


def _example_objects(
    document: dict[str, Any],
    holder: dict[str, Any],
    where: str,
    schema: str | None,
    kind: str,
    operation: str,
) -> Iterator[Example]:
    for name, example in (holder.get("examples") or {}).items():
        at = f"{where}/examples/{escape_pointer_token(str(name))}"
        if isinstance(example, dict) and "$ref" in example:
            at = example["$ref"].removeprefix("#")
            example = resolve_ref(document, example)
        if isinstance(example, dict) and "value" in example:
            yield Example(at, schema, kind, operation, str(name), example)
    if "example" in holder:
        yield Example(
            f"{where}/example", schema, kind, operation, "example", {"value": holder["example"]}
        )


def _schema_examples(schema: Any, where: str) -> Iterator[Example]:
    """The values of the `examples` keyword of a schema and of every schema inside it."""
    if not isinstance(schema, dict):
        return
    for index, value in enumerate(schema.get("examples") or []):
        yield Example(
            f"{where}/examples/{index}", where, "schema", where, str(index), {"value": value}
        )
    for keyword in SUBSCHEMA_MAPS:
        for key, sub in (schema.get(keyword) or {}).items():
            yield from _schema_examples(sub, f"{where}/{keyword}/{escape_pointer_token(key)}")
    for keyword in SUBSCHEMA_LISTS:
        for index, sub in enumerate(schema.get(keyword) or []):
            yield from _schema_examples(sub, f"{where}/{keyword}/{index}")
    for keyword in SUBSCHEMAS:
        yield from _schema_examples(schema.get(keyword), f"{where}/{keyword}")


@dataclass
class _Context:
    file: str
    document: dict[str, Any]
    lines: LineMap
    validator: SpecValidator

    def finding(
        self,
        severity: Severity,
        rule: str,
        at: str,
        message: str,
        fix: str = "",
        **context: str,
    ) -> Finding:
        return Finding(severity, rule, self.file, at, message, fix, self.lines.line(at), context)

    def sources(self) -> dict[str, dict[str, Any]]:
        info = self.document.get("info") or {}
        return {
            str(entry.get("source")): entry
            for entry in info.get("x-sources") or []
            if isinstance(entry, dict) and entry.get("source")
        }

    # Examples

    def example_findings(self, examples: list[Example]) -> Iterator[Finding]:
        for example in examples:
            if example.schema is None:
                continue
            violations = self.validator.violations(example.schema, example.node["value"])
            yield from self._judge(example, violations)

    def _judge(self, example: Example, violations: list[Violation]) -> Iterator[Finding]:
        defect = example.node.get("x-example-defect")
        placeholders = [p for p in example.node.get("x-placeholders") or [] if isinstance(p, str)]
        value_at = example.pointer + "/value"
        details = {"example": example.name, "source": example.source}
        if defect:
            if not violations:
                yield self.finding(
                    "error",
                    "example-defect",
                    example.pointer + "/x-example-defect",
                    f"{example.describe} is marked as a documentation defect but is valid "
                    f"against its schema",
                    "drop x-example-defect, or correct the schema if the mark is right",
                    **details,
                )
                return
            first = violations[0]
            yield self.finding(
                "warning",
                "example-defect",
                example.pointer,
                f"{example.describe} is wrong in the documentation, as the spec records: "
                f"{' '.join(str(defect).split())} ({len(violations)} schema "
                f"violation{'s' if len(violations) != 1 else ''}, first at "
                f"{first.field}: {first.message})",
                "nothing to fix in the spec; the example is kept as the page shows it",
                **details,
            )
            return
        for placeholder in placeholders:
            yield self.finding(
                "warning",
                "example-placeholder",
                value_at + placeholder,
                f"{example.describe} holds the page's template variable "
                f"{lookup(example.node['value'], '#' + placeholder)!r} at {placeholder}; a "
                f"caller must put a real value there (the generated client refuses it)",
                "nothing to fix in the spec; the example is kept as the page shows it",
                **details,
            )
        for violation in violations:
            if any(within_placeholder(violation.pointer, p) for p in placeholders):
                continue  # the placeholder itself, reported above
            yield self.finding(
                "error",
                "example",
                value_at + violation.pointer,
                f"{example.describe} breaks its schema at {violation.field}: "
                f"{violation.message} (rule {violation.rule})",
                "correct the example to what the page shows, or the schema if the page's "
                "example is right (and record the disagreement in x-doc-conflicts)",
                **details,
                field=violation.field,
                keyword=violation.rule,
            )

    # Provenance and seed examples

    def provenance_findings(self, examples: list[Example]) -> Iterator[Finding]:
        sources = self.sources()
        places = [
            (pointer("paths", path, method), f"operation {op.get('operationId')}", op)
            for path, method, op in iter_operations(self.document)
        ]
        schemas = (self.document.get("components") or {}).get("schemas") or {}
        places += [
            (pointer("components", "schemas", name), f"schema {name}", schema)
            for name, schema in schemas.items()
        ]
        for at, what, node in places:
            if isinstance(node, dict):
                yield from self._provenance(at, what, node.get("x-provenance"), sources)
        for example in examples:
            if example.kind == "schema":
                continue  # schema examples belong to their schema's provenance
            source = example.node.get("x-source")
            provenance = example.node.get("x-provenance")
            if source is not None:
                if str(source) not in sources:
                    yield self.finding(
                        "error",
                        "provenance",
                        example.pointer + "/x-source",
                        f"{example.describe} cites {source!r}, which info.x-sources does not list",
                        "add the page to info.x-sources, or correct x-source",
                    )
            elif provenance is None:
                yield self.finding(
                    "error",
                    "provenance",
                    example.pointer,
                    f"{example.describe} says neither where it comes from nor that it is inferred",
                    "add x-source: <page>, or x-provenance: {status: inferred, reason: ...}",
                )
            else:
                yield from self._provenance(example.pointer, example.describe, provenance, sources)

    def _provenance(
        self, at: str, what: str, provenance: Any, sources: dict[str, dict[str, Any]]
    ) -> Iterator[Finding]:
        fix = (
            "add x-provenance: {status: documented, source: <page>}, or status "
            "documented-elsewhere / inferred with a reason"
        )
        if not isinstance(provenance, dict):
            yield self.finding("error", "provenance", at, f"{what} has no x-provenance", fix)
            return
        at += "/x-provenance"
        status = provenance.get("status")
        if status not in PROVENANCE:
            yield self.finding(
                "error",
                "provenance",
                at + "/status",
                f"{what}: x-provenance status {status!r} is not one of {', '.join(PROVENANCE)}",
                fix,
            )
        elif status == "documented":
            cited = str(provenance.get("source") or "").replace(",", " ").split()
            if not any(c in sources for c in cited):
                yield self.finding(
                    "error",
                    "provenance",
                    at + "/source",
                    f"{what} is marked documented, but its source "
                    f"{provenance.get('source')!r} names no page in info.x-sources",
                    "name the page it comes from, as listed in info.x-sources",
                )
        elif not provenance.get("reason"):
            yield self.finding(
                "error",
                "provenance",
                at,
                f"{what} is {status} but does not say why",
                "add a reason: what it is inferred from, or where else it is documented",
            )

    def seed_findings(self, examples: list[Example]) -> Iterator[Finding]:
        """Each page in info.x-sources that declares how many examples it shows has them all
        in the spec (counted by their x-source)."""
        present: dict[tuple[str, str], int] = {}
        for example in examples:
            source = example.node.get("x-source")
            if source is not None:
                key = (str(source), example.kind)
                present[key] = present.get(key, 0) + 1
        entries = ((self.document.get("info") or {}).get("x-sources")) or []
        for index, entry in enumerate(entries):
            declared = entry.get("examples") if isinstance(entry, dict) else None
            if declared is None:
                continue
            at = f"/info/x-sources/{index}/examples"
            if not isinstance(declared, dict) or not all(
                k in EXAMPLE_KINDS and isinstance(v, int) for k, v in declared.items()
            ):
                yield self.finding(
                    "error",
                    "seed-examples",
                    at,
                    f"examples of {entry.get('source')!r} must map request/response/parameter "
                    f"to how many the page shows",
                    "write it as {request: 6, response: 1}",
                )
                continue
            for kind, count in declared.items():
                held = present.get((str(entry["source"]), kind), 0)
                if held != count:
                    yield self.finding(
                        "error",
                        "seed-examples",
                        f"{at}/{kind}",
                        f"{entry['source']} shows {count} {kind} example"
                        f"{'s' if count != 1 else ''}, but the spec holds {held} with "
                        f"x-source: {entry['source']}",
                        "copy every example of the page into the spec, each with x-source "
                        "naming the page (or correct the declared count)",
                    )

    # Documentation conflicts

    def conflict_findings(self) -> Iterator[Finding]:
        conflicts = self.document.get("x-doc-conflicts")
        if conflicts is None:
            return
        if not isinstance(conflicts, list):
            yield self.finding(
                "error",
                "doc-conflict",
                "/x-doc-conflicts",
                "x-doc-conflicts is not a list",
                "list the conflicts, each {id, where, what, chosen, why, pointers}",
            )
            return
        required = ("id", "where", "what", "chosen", "why", "pointers")
        for index, conflict in enumerate(conflicts):
            at = f"/x-doc-conflicts/{index}"
            missing = [k for k in required if not isinstance(conflict, dict) or k not in conflict]
            if missing:
                yield self.finding(
                    "error",
                    "doc-conflict",
                    at,
                    f"a documentation conflict lacks {', '.join(missing)}",
                    "record id, where, what, chosen, why and the pointers it concerns",
                )
                continue
            for number, target in enumerate(conflict["pointers"] or []):
                if not isinstance(target, str) or lookup(self.document, "#" + target) is MISSING:
                    yield self.finding(
                        "error",
                        "doc-conflict",
                        f"{at}/pointers/{number}",
                        f"conflict {conflict['id']!r} points at {target!r}, which is not in "
                        f"the spec",
                        "point at the schema, example or operation the conflict concerns",
                    )
            yield self.finding(
                "warning",
                "doc-conflict",
                at,
                f"{conflict['id']}: {' '.join(str(conflict['what']).split())} Chosen: "
                f"{' '.join(str(conflict['chosen']).split())}",
                conflict=str(conflict["id"]),
            )

    # Generated names

    def name_findings(self, name: str, path: Path, source: bytes) -> Iterator[Finding]:
        from ..model.ir import build_provider

        try:
            provider = build_provider(Spec(name, path, self.document, source))
        except SpecError as exc:
            for problem in exc.problems:  # named by the file as given, as the other findings
                yield from_problem(replace(problem, file=self.file), self.line(problem))
            return
        for notice in provider.notices:  # a name that gave way: the package still works
            yield from_problem(replace(notice, file=self.file), self.line(notice), "warning")

    def line(self, problem: Problem) -> int | None:
        return self.lines.line(problem.pointer)


def within_placeholder(found: str, placeholder: str) -> bool:
    """Whether a schema violation at `found` (a pointer into an example's value) is explained
    by a placeholder at `placeholder`: the placeholder itself, or the object holding it (a
    failed `oneOf` branch names its siblings)."""
    holder = placeholder.rsplit("/", 1)[0]
    return found == placeholder or found == holder or found.startswith(holder + "/")
