"""Problems found in a spec, reported together rather than one at a time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a spec: where (file and JSON pointer), what, and how to fix it.

    `rule` names the kind of check that found it (`openapi`, `ref`, `example`, `lifecycle`...,
    as `gatewaygen validate` reports them); `line` is set where the pointer cannot say where
    (a YAML syntax error; the message says it too).
    """

    file: str
    pointer: str
    message: str
    fix: str = ""
    rule: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}{f':{self.line}' if self.line else ''}: {self.pointer or '/'}"
        text = f"{where}: {self.message}"
        return f"{text}\n    fix: {self.fix}" if self.fix else text


class SpecError(Exception):
    """A spec cannot be generated from; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def counted(self) -> str:
        """ "1 problem", "3 problems": for the line before the list."""
        count = len(self.problems)
        return f"{count} problem{'s' if count != 1 else ''}"


def escape_pointer_token(token: str) -> str:
    """An RFC 6901 reference token for a key (`/` and `~` escaped)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer(*tokens: object) -> str:
    """A JSON pointer from its tokens: ("paths", "/v1/x", "post") gives "/paths/~1v1~1x/post"."""
    return "".join("/" + escape_pointer_token(str(token)) for token in tokens)
