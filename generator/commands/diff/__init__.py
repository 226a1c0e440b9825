"""`gatewaygen diff OLD NEW`: every change between two versions of a spec, rated for a client.

`rules` holds the rule table and explains the levels; `documents` compares documents and
operations, `schemas` their schemas, `annotations` documentation and our extensions; `report`
renders the findings and runs the command.
"""

from .documents import diff_documents
from .report import as_json, bump, main, render_markdown, render_text
from .rules import BEHAVIOUR_EXTENSIONS, LEVELS, RULES, Change, Level

__all__ = [
    "BEHAVIOUR_EXTENSIONS",
    "LEVELS",
    "RULES",
    "Change",
    "Level",
    "as_json",
    "bump",
    "diff_documents",
    "main",
    "render_markdown",
    "render_text",
]
