"""Where the model stage is in the spec while it builds one operation, and its problem list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..problems import Problem
from .schemas import SchemaSet


@dataclass
class Site:
    """One operation being built: the spec, its schemas, the operation's pointer and names.

    Each concern (parameters, bodies, responses) reads the raw operation through this and
    reports problems with `problem` (the operation cannot be built) and `warn` (it can, with
    what the warning says), relative to the operation's pointer.
    """

    shown: str  # the spec file as generated files name it
    doc: dict[str, Any]
    schemas: SchemaSet
    at: str  # the operation's JSON pointer, such as /paths/~1v1~1tasks/post
    operation_id: str
    stem: str  # PascalCase stem for the names of the operation's models
    problems: list[Problem]
    #: What was worked around: warnings, kept whether or not the operation is built.
    warnings: list[Problem] = field(default_factory=list)

    def problem(self, where: str, message: str, fix: str, rule: str = "openapi") -> None:
        """Record a problem at `where`, a pointer below the operation ("" for itself)."""
        self.problems.append(Problem(self.shown, self.at + where, message, fix, rule=rule))

    def warn(self, where: str, message: str, fix: str, rule: str = "openapi") -> None:
        """Record a warning at `where`: something assumed or dropped, the operation still built."""
        self.warnings.append(Problem(self.shown, self.at + where, message, fix, rule=rule))
