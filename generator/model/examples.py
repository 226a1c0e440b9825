"""Documented examples and spec prose, as the intermediate model keeps them."""

from __future__ import annotations

from typing import Any

from ..emit.escape import one_line
from ..emit.user_text import for_users
from .operations import Example


def examples_of(holder: dict[str, Any]) -> tuple[Example, ...]:
    return tuple(
        Example(
            key=key,
            summary=text(ex.get("summary")),
            source=str(ex.get("x-source", "")),
            value=ex.get("value"),
            defect=ex.get("x-example-defect"),
            placeholders=tuple(ex.get("x-placeholders") or ()),
        )
        for key, ex in (holder.get("examples") or {}).items()
    )


def text(value: Any) -> str:
    """Spec prose for the package's docstrings and README: one line, curation notes left out."""
    return for_users(one_line(value)) if value else ""
