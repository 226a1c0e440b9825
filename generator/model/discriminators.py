"""Discriminators written out in full, so that the model emitter tags each branch with the value
the API really sends.

OpenAPI lets a `discriminator` leave its `mapping` out (or give only part of it): the branch is
then found by its component's name. Published documents rarely mean that: OpenAI's
`{oneOf: [Message, FunctionToolCall, ...], discriminator: {propertyName: type}}` tags each
branch with the `enum: [message]` or `const` its own `type` property declares. Given no mapping,
the model emitter takes the names literally (`type: Literal["Message"]`), and a documented
`{"type": "message"}` is refused; for a branch that is an `allOf`, it writes an internal marker
string as the tag instead.

So every discriminator gets an explicit mapping: a branch's tags are the `const`/`enum` values
of its discriminating property (found through `allOf`), or, where the branch does not constrain
the property, its component name, as OpenAPI says. Where no sound mapping exists (a branch that
is not a component, a tag that is not a string, the same tag for two branches), the
discriminator is dropped: the union still parses, by trying each branch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .refs import REF_PREFIX, ref_name

#: Follow a `$ref` to its component schema (`{}` when it names none).
Resolve = Callable[[dict[str, Any]], dict[str, Any]]


def spell_out(schema: dict[str, Any], resolve: Resolve, original: dict[str, str]) -> None:
    """Give the discriminator of `schema` (a oneOf/anyOf whose branches are named already) an
    explicit mapping, or remove it; `original` maps class names back to the component names
    the document used (the implicit tags)."""
    discriminator = schema.get("discriminator")
    if not isinstance(discriminator, dict):
        return
    mapping = _mapping(schema, discriminator, resolve, original)
    if mapping is None:
        del schema["discriminator"]
    else:
        schema["discriminator"] = {**discriminator, "mapping": mapping}


def _mapping(
    schema: dict[str, Any],
    discriminator: dict[str, Any],
    resolve: Resolve,
    original: dict[str, str],
) -> dict[str, str] | None:
    prop = discriminator.get("propertyName")
    branches = [b for k in ("oneOf", "anyOf") for b in schema.get(k) or []]
    if not isinstance(prop, str) or not branches:
        return None
    by_name = {name: REF_PREFIX + name for name in original}
    by_name.update({source: REF_PREFIX + name for name, source in original.items()})
    given = discriminator.get("mapping")
    mapping: dict[str, str] = {}
    if isinstance(given, dict):
        for tag, target in given.items():
            ref = target if isinstance(target, str) and target.startswith("#") else None
            ref = ref or by_name.get(str(target))
            if not isinstance(tag, str) or ref is None:
                return None
            mapping[tag] = ref
    for branch in branches:
        ref = branch.get("$ref") if isinstance(branch, dict) else None
        name = ref_name(ref) if isinstance(ref, str) else None
        if ref is None or name is None or not resolve(branch):
            return None  # an inline branch: nothing to map it to
        if ref in mapping.values():
            continue  # the document's own mapping names it
        tags = _tag_values(branch, prop, resolve, 0) or [original.get(name, name)]
        for tag in tags:
            if not isinstance(tag, str) or mapping.get(tag, ref) != ref:
                return None  # not a string, or the same tag for two branches
            mapping[tag] = ref
    return mapping


def _tag_values(schema: Any, prop: str, resolve: Resolve, depth: int) -> list[Any]:
    """The values a schema allows its property `prop`: its `const` or `enum` (null left out),
    looked for in its own properties, then in each part of its `allOf`; `[]` when nothing
    constrains it."""
    if not isinstance(schema, dict) or depth > 20:
        return []
    if "$ref" in schema:
        return _tag_values(resolve(schema), prop, resolve, depth + 1)
    declared = (schema.get("properties") or {}).get(prop)
    if isinstance(declared, dict):
        target = resolve(declared) if "$ref" in declared else declared
        if "const" in target:
            return [target["const"]]
        if isinstance(target.get("enum"), list):
            return [value for value in target["enum"] if value is not None]
    for part in schema.get("allOf") or []:
        found = _tag_values(part, prop, resolve, depth + 1)
        if found:
            return found
    return []
