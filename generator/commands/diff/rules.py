"""`gatewaygen diff OLD NEW`: every change between two versions of a spec, rated for a client.

The levels are oasdiff's: breaking, possibly breaking, non-breaking. A change is rated from the
point of view of a client generated from OLD that now talks to a gateway described by NEW, and
of the code that calls that client. What a client may send is a *request* question (narrowing
breaks it); what it may receive is a *response* question (widening breaks it, because the
generated pydantic models have closed `Literal` enums and typed fields). A change is an
*addition* when a client can ignore it (a new operation, a new optional field, a new enum value
it may send, a new response field). `bump` turns the findings into a release: major for
anything breaking, minor for additions and possibly breaking changes, patch for the rest.

Operations are matched by `operationId` first, so a new path or method for the same
`operationId` is one `operation-moved` finding, not a removal and an addition; what is left is
matched by path and method (`operation-id-changed`: the client method is renamed). Parameters
are matched by (`in`, `name`), responses by status, media types and properties by name;
`$ref`s are followed (each pair of schemas is compared once, which also ends cycles), and
`oneOf`/`anyOf`/`allOf` branches are paired by the component they name, inline ones in order.

Each finding names its operation ("createJob (POST /v1/jobs)"; None for document-level ones),
the JSON pointer of the changed place (in NEW; in OLD for a removal), the value there in OLD
and in NEW (None where there is none; an operation is given as "METHOD /path", a renamed thing
by its names), and one sentence for people. Documentation findings inside `components` belong
to no one operation: they are reported once, as document-level findings.

Rules (MAX stands for each of max-length, max-items, max-properties, maximum,
exclusive-maximum; MIN for min-length, min-items, min-properties, minimum, exclusive-minimum):

| rule | level | when |
|---|---|---|
| operation-removed | breaking | an operationId is gone |
| operation-moved | breaking | same operationId, new path or method |
| operation-id-changed | breaking | same path and method, new operationId |
| operation-added | non-breaking, addition | a new operation |
| security-changed | breaking | the security requirements differ |
| security-scheme-changed | breaking | a scheme's type, scheme, in, name... differ |
| security-scheme-removed | breaking | |
| security-scheme-added | non-breaking, addition | |
| servers-changed | possibly-breaking | the server URLs (the default base URL) differ |
| extension-changed | possibly-breaking | x-task, x-paid-task, x-errors, x-envelope, x-public-url |
| request-parameter-removed | breaking | |
| request-parameter-added-required | breaking | |
| request-parameter-became-required | breaking | |
| request-parameter-serialization-changed | breaking | style, explode, allowReserved, content |
| request-parameter-added | non-breaking, addition | an optional parameter |
| request-parameter-became-optional | non-breaking | |
| request-body-removed | breaking | |
| request-body-added-required | breaking | |
| request-body-became-required | breaking | |
| request-body-added | non-breaking, addition | an optional body |
| request-body-became-optional | non-breaking | |
| request-media-type-removed | breaking | |
| request-media-type-added | non-breaking, addition | |
| response-success-status-removed | breaking | a 2xx response is gone |
| response-status-removed | non-breaking | another response is no longer documented |
| response-status-added | non-breaking, addition | |
| response-media-type-removed | breaking | |
| response-media-type-added | non-breaking, addition | |
| request-property-removed | breaking | |
| request-property-renamed | breaking | one removed, one added, same schema |
| request-property-added-required | breaking | |
| request-property-became-required | breaking | |
| request-property-added | non-breaking, addition | an optional field |
| request-property-became-optional | non-breaking | |
| response-property-removed | breaking | |
| response-property-renamed | breaking | |
| response-property-became-optional | breaking | |
| response-property-added | non-breaking, addition | |
| response-property-became-required | non-breaking | |
| request-type-changed | breaking | a type the client sends is refused |
| request-type-widened | non-breaking | |
| response-type-changed | breaking | a type the client does not expect may arrive |
| response-type-narrowed | non-breaking | |
| request-enum-value-removed | breaking | |
| request-enum-added | breaking | a free field now takes listed values only |
| request-enum-value-added | non-breaking, addition | |
| request-enum-removed | non-breaking | |
| response-enum-value-added | breaking | a strict client rejects the new value |
| response-enum-removed | breaking | any value may now arrive |
| response-enum-value-removed | non-breaking | |
| response-enum-added | non-breaking | |
| request-const-changed | breaking | set or changed |
| request-const-removed | non-breaking | |
| response-const-changed | breaking | changed or removed |
| response-const-added | non-breaking | |
| request-MAX-decreased, request-MIN-increased | breaking | a bound tightened, or set |
| request-MAX-increased, request-MIN-decreased | non-breaking | a bound loosened, or removed |
| response-MAX-increased, response-MIN-decreased | possibly-breaking | |
| response-MAX-decreased, response-MIN-increased | non-breaking | |
| request-pattern-changed, request-format-changed | breaking | set or changed |
| request-pattern-removed, request-format-removed | non-breaking | |
| response-pattern-changed, response-format-changed | possibly-breaking | changed or removed |
| response-pattern-added, response-format-added | non-breaking | |
| request-additional-properties-closed | breaking | now false |
| request-additional-properties-opened | non-breaking | no longer false |
| response-additional-properties-changed | non-breaking | the client keeps unknown fields |
| request-one-of-branch-removed, request-any-of-branch-removed | breaking | |
| request-all-of-branch-added | breaking | |
| request-one-of-branch-added, request-any-of-branch-added | non-breaking, addition | |
| request-all-of-branch-removed | non-breaking | |
| response-one-of-branch-added, response-any-of-branch-added | breaking | |
| response-all-of-branch-removed | breaking | |
| response-one-of-branch-removed, response-any-of-branch-removed | non-breaking | |
| response-all-of-branch-added | non-breaking | |
| request-composition-changed, response-composition-changed | breaking | a oneOf... comes or goes |
| request-default-changed | possibly-breaking | callers who leave it out get another result |
| response-default-changed | non-breaking | |
| request-schema-changed, response-schema-changed | possibly-breaking | another keyword changed |
| model-renamed | possibly-breaking | a $ref names another component: the model class is renamed |
| known-values-changed | non-breaking | x-known-values: the field stays open |
| deprecated-changed | non-breaking | |
| documentation-changed | non-breaking | descriptions, summaries, titles, tags, other x- keys |
| example-changed | non-breaking | example, examples |

Not compared: `info.version` (the version is not a change), response headers, links,
callbacks, webhooks, and components no operation reaches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Level = Literal["breaking", "possibly-breaking", "non-breaking"]
Direction = Literal["request", "response"]
Bump = Literal["major", "minor", "patch"]

LEVELS: tuple[Level, ...] = ("breaking", "possibly-breaking", "non-breaking")
_HEADINGS: dict[Level, str] = {
    "breaking": "Breaking",
    "possibly-breaking": "Possibly breaking",
    "non-breaking": "Non-breaking",
}


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a spec, and what it means for a client."""

    level: Level
    rule: str
    operation: str | None
    pointer: str
    old: Any
    new: Any
    message: str
    addition: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "rule": self.rule,
            "operation": self.operation,
            "pointer": self.pointer,
            "old": self.old,
            "new": self.new,
            "message": self.message,
            "addition": self.addition,
        }


# --- the rules --------------------------------------------------------------------------------

# keyword: (rule stem, which bound, how the bound reads, what a call beyond it sends)
_BOUNDS: dict[str, tuple[str, str, str, str]] = {
    "maxLength": ("max-length", "upper", "at most {} characters", "a longer value"),
    "maxItems": ("max-items", "upper", "at most {} items", "more items"),
    "maxProperties": ("max-properties", "upper", "at most {} properties", "more properties"),
    "maximum": ("maximum", "upper", "at most {}", "a larger value"),
    "exclusiveMaximum": ("exclusive-maximum", "upper", "less than {}", "a larger value"),
    "minLength": ("min-length", "lower", "at least {} characters", "a shorter value"),
    "minItems": ("min-items", "lower", "at least {} items", "fewer items"),
    "minProperties": ("min-properties", "lower", "at least {} properties", "fewer properties"),
    "minimum": ("minimum", "lower", "at least {}", "a smaller value"),
    "exclusiveMinimum": ("exclusive-minimum", "lower", "greater than {}", "a smaller value"),
}
_BRANCHES = {"oneOf": "one-of", "anyOf": "any-of", "allOf": "all-of"}


def _rules() -> dict[str, tuple[Level, bool]]:
    rules: dict[str, tuple[Level, bool]] = {}

    def add(level: Level, *names: str, addition: bool = False) -> None:
        rules.update({name: (level, addition) for name in names})

    b: Level = "breaking"
    p: Level = "possibly-breaking"
    n: Level = "non-breaking"
    add(b, "operation-removed", "operation-moved", "operation-id-changed")
    add(n, "operation-added", addition=True)
    add(b, "security-changed", "security-scheme-changed", "security-scheme-removed")
    add(n, "security-scheme-added", addition=True)
    add(p, "servers-changed", "extension-changed")
    add(b, "request-parameter-removed", "request-parameter-added-required")
    add(b, "request-parameter-became-required", "request-parameter-serialization-changed")
    add(n, "request-parameter-added", addition=True)
    add(n, "request-parameter-became-optional")
    add(b, "request-body-removed", "request-body-added-required", "request-body-became-required")
    add(n, "request-body-added", addition=True)
    add(n, "request-body-became-optional")
    add(b, "request-media-type-removed")
    add(n, "request-media-type-added", addition=True)
    add(b, "response-success-status-removed")
    add(n, "response-status-removed")
    add(n, "response-status-added", addition=True)
    add(b, "response-media-type-removed")
    add(n, "response-media-type-added", addition=True)
    add(b, "request-property-removed", "request-property-renamed")
    add(b, "request-property-added-required", "request-property-became-required")
    add(n, "request-property-added", addition=True)
    add(n, "request-property-became-optional")
    add(b, "response-property-removed", "response-property-renamed")
    add(b, "response-property-became-optional")
    add(n, "response-property-added", addition=True)
    add(n, "response-property-became-required")
    add(b, "request-type-changed", "response-type-changed")
    add(n, "request-type-widened", "response-type-narrowed")
    add(b, "request-enum-value-removed", "request-enum-added")
    add(n, "request-enum-value-added", addition=True)
    add(n, "request-enum-removed")
    add(b, "response-enum-value-added", "response-enum-removed")
    add(n, "response-enum-value-removed", "response-enum-added")
    add(b, "request-const-changed", "response-const-changed")
    add(n, "request-const-removed", "response-const-added")
    for stem, kind, _, _ in _BOUNDS.values():
        narrower, wider = _bound_words(kind)
        add(b, f"request-{stem}-{narrower}")
        add(n, f"request-{stem}-{wider}", f"response-{stem}-{narrower}")
        add(p, f"response-{stem}-{wider}")
    for keyword in ("pattern", "format"):
        add(b, f"request-{keyword}-changed")
        add(n, f"request-{keyword}-removed", f"response-{keyword}-added")
        add(p, f"response-{keyword}-changed")
    add(b, "request-additional-properties-closed")
    add(n, "request-additional-properties-opened", "response-additional-properties-changed")
    for stem in ("one-of", "any-of"):
        add(b, f"request-{stem}-branch-removed", f"response-{stem}-branch-added")
        add(n, f"request-{stem}-branch-added", addition=True)
        add(n, f"response-{stem}-branch-removed")
    add(b, "request-all-of-branch-added", "response-all-of-branch-removed")
    add(n, "request-all-of-branch-removed", "response-all-of-branch-added")
    add(b, "request-composition-changed", "response-composition-changed")
    add(p, "request-default-changed", "request-schema-changed", "response-schema-changed")
    add(p, "model-renamed")
    add(n, "response-default-changed", "known-values-changed", "deprecated-changed")
    add(n, "documentation-changed", "example-changed")
    return rules


def _bound_words(kind: str) -> tuple[str, str]:
    """(narrowing, widening) for an upper or a lower bound."""
    return ("decreased", "increased") if kind == "upper" else ("increased", "decreased")


RULES: dict[str, tuple[Level, bool]] = _rules()
"""Every rule id with its level and whether it is an addition: one level per rule, always."""

# Findings about the document's text: inside components they belong to no one operation.
_DOCUMENT_RULES = frozenset(
    {"documentation-changed", "example-changed", "known-values-changed", "deprecated-changed"}
)
BEHAVIOUR_EXTENSIONS = frozenset(
    {"x-task", "x-paid-task", "x-errors", "x-envelope", "x-public-url"}
)
"""The extensions the generated client's runtime acts on; every other `x-` key is prose."""
_DOC_KEYS = frozenset(
    {"description", "summary", "title", "tags", "externalDocs", "$comment", "contact", "license"}
    | {"termsOfService"}
)
_EXAMPLE_KEYS = frozenset({"example", "examples"})
# Schema keywords with rules of their own; any other keyword is `*-schema-changed`.
_SCHEMA_KEYS = frozenset(
    {"$ref", "type", "enum", "const", "pattern", "format", "default", "properties", "required"}
    | {"additionalProperties", "items", *_BOUNDS, *_BRANCHES}
)
_PARAMETER_WIRE = ("style", "explode", "allowReserved", "content")
