"""What `validate` and `check-payload` report: findings with their severity and place,
counted per spec, rendered as text for people or JSON for CI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..problems import Problem

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One finding of `validate` or `check-payload`."""

    severity: Severity
    rule: str
    file: str
    pointer: str
    message: str
    fix: str = ""
    line: int | None = None
    context: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "severity": self.severity,
            "rule": self.rule,
            "file": self.file,
            "pointer": self.pointer,
            "line": self.line,
            "message": self.message,
        }
        if self.fix:
            out["fix"] = self.fix
        out.update(self.context)
        return out


class Counted:
    """Something that holds findings and counts them by severity."""

    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


@dataclass
class Report(Counted):
    """The findings for one spec, and what was checked."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    mode: str = "curated"  # or "published": held to the curation rules or not

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "mode": self.mode,
            "valid": self.errors == 0,
            "errors": self.errors,
            "warnings": self.warnings,
            "checked": self.checked,
            "skipped": self.skipped,
            "findings": [f.as_json() for f in self.findings],
        }


def sorted_report(report: Report) -> Report:
    """Errors before warnings, each in the order of the file."""
    report.findings.sort(key=lambda f: (f.severity != "error", f.line or 0))
    return report


def from_problem(problem: Problem, line: int | None, severity: Severity = "error") -> Finding:
    return Finding(
        severity,
        problem.rule or "convention",
        problem.file,
        problem.pointer,
        problem.message,
        problem.fix,
        line,
    )


def render_text(reports: list[Report]) -> str:
    """The reports as text: a summary line per spec, then its findings."""
    out = []
    for report in reports:
        checked = report.checked
        if "methods" in checked:
            what = (
                f" (published: {checked['operations']} operations, {checked['methods']} "
                f"methods, {checked.get('left_out', 0)} left out)"
            )
        elif checked:
            what = (
                f" ({checked['operations']} operations, {checked['examples']} examples, "
                f"{checked['doc_conflicts']} documented conflicts)"
            )
        else:
            what = ""
        verdict = "valid" if report.errors == 0 else "INVALID"
        out.append(
            f"{report.file}: {verdict}, {_count(report.errors, 'error')}, "
            f"{_count(report.warnings, 'warning')}{what}"
        )
        for finding in report.findings:
            where = f"{finding.file}:{finding.line}" if finding.line else finding.file
            out.append(f"  {finding.severity} [{finding.rule}] {where} {finding.pointer or '/'}")
            out.append(f"      {finding.message}")
            if finding.fix:
                out.append(f"      fix: {finding.fix}")
        for skipped in report.skipped:
            out.append(f"  not checked: {skipped}")
    errors = sum(r.errors for r in reports)
    warnings = sum(r.warnings for r in reports)
    out.append(
        f"{_count(len(reports), 'spec')}: {_count(errors, 'error')}, {_count(warnings, 'warning')}"
    )
    return "\n".join(out)


def render_json(reports: list[Report]) -> dict[str, Any]:
    return {
        "valid": all(r.errors == 0 for r in reports),
        "errors": sum(r.errors for r in reports),
        "warnings": sum(r.warnings for r in reports),
        "specs": [r.as_json() for r in reports],
    }


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"
