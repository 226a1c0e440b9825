"""Spec prose as a package's user reads it: the provider's documentation, without our notes.

A curated spec explains itself in its descriptions (which page a value came from, what was
inferred, which documented conflict a choice settles). Those notes stay in the spec, where
`gatewaygen validate` and a curator read them; the docstrings and READMEs of a generated package
get the text with them taken out: a parenthesis or a "see ..." clause that holds a note goes,
then any sentence that still does.
"""

from __future__ import annotations

import re

#: What marks a curation note: a seed page's file name, the research notes, one of the spec's
#: own extensions, the seed pages, or a value we inferred rather than read in the documentation.
NOTE = re.compile(
    r"\b\d{3}_[0-9a-f]{16}\.txt\b|\bresearch/|\bx-[a-z][a-z-]*|\bseed(?:'s)?\b|\binferred\b",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")
_SEE_CLAUSE = re.compile(r"[;,]?\s*\bsee\b[^.;()]*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Za-z`\"(*\d])")


def for_users(text: str) -> str:
    """`text` without the sentences, parentheses and "see" clauses that carry curation notes."""
    if not NOTE.search(text):
        return text
    text = _PARENTHESIS.sub(lambda m: "" if NOTE.search(m.group(1)) else m.group(0), text)
    text = _SEE_CLAUSE.sub(lambda m: "" if NOTE.search(m.group(0)) else m.group(0), text)
    kept = [s for s in _SENTENCE_END.split(text.strip()) if not NOTE.search(s)]
    return " ".join(kept).strip()
