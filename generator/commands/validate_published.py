"""`gatewaygen validate` on a published document: what generation would make of it.

Its repairs and the operations left out are warnings (the load and model stages find them);
only what stops generation is an error. The curation rules (provenance, seed examples,
documented conflicts, examples against schemas) are not applied: `validate --curated` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..load.document import iter_operations
from ..load.loader import Spec, spec_of
from ..load.published import LEFT_OUT
from ..load.source import LoadOptions
from ..load.spec_yaml import LineMap, TextKey
from ..problems import SpecError
from .findings import Report, from_problem, sorted_report


def spec_of_document(
    path: Path,
    name: str,
    document: dict[str, Any],
    source: bytes,
    options: LoadOptions,
    text_keys: Sequence[TextKey] = (),
) -> Spec | SpecError:
    """The spec a published document loads as, or why it cannot load."""
    try:
        return spec_of(path, name, document, source, replace(options, curated=False), text_keys)
    except SpecError as exc:
        return exc


def published_report(report: Report, loaded: Spec | SpecError) -> Report:
    """The report on a published document: its repairs and the operations left out are
    warnings; only what stops generation is an error. The curation rules do not apply."""
    from ..model.ir import build_provider

    report.mode = "published"
    report.skipped.append(
        "examples, provenance, seed examples and documented conflicts: a published document "
        "is not held to the curation rules (validate --curated applies them)"
    )
    if isinstance(loaded, SpecError):
        report.findings += [from_problem(p, p.line) for p in loaded.problems]
        report.skipped.append("generated names: nothing can be generated from this document")
        return sorted_report(report)
    shown = report.file
    report.findings += [
        from_problem(replace(w, file=shown), w.line, "warning") for w in loaded.warnings
    ]
    operations = sum(1 for _ in iter_operations(loaded.document))
    try:
        provider = build_provider(loaded)
    except SpecError as exc:
        report.findings += [from_problem(replace(p, file=shown), p.line) for p in exc.problems]
        report.checked = {"operations": operations, "methods": 0}
        return sorted_report(report)
    load_warnings = set(loaded.warnings)
    lines = LineMap(loaded.source) if provider.notices else None
    report.findings += [
        from_problem(
            replace(notice, file=shown),
            notice.line or (lines.line(notice.pointer) if lines else None),
            "warning",
        )
        for notice in provider.notices
        if notice not in load_warnings
    ]
    operations += sum(1 for w in loaded.warnings if w.rule == LEFT_OUT)
    methods = len(provider.operations)
    report.checked = {
        "operations": operations,
        "methods": methods,
        "left_out": operations - methods,
    }
    return sorted_report(report)
