"""Comparing the schemas of a request or a response: types, enums, bounds, properties, unions."""

from __future__ import annotations

from typing import Any

from ...load.document import MISSING, resolve_at
from ...problems import escape_pointer_token
from .annotations import DifferBase
from .rules import _BOUNDS, _BRANCHES, _SCHEMA_KEYS, _bound_words
from .walk import (
    _key,
    _number,
    _overlap,
    _ref,
    _shape,
    _show,
    _type_words,
    _types,
    _uncovered,
    _value,
    _Walk,
)


class SchemaDiffer(DifferBase):
    """Compares two schemas of a request or a response, following `$ref`s."""

    def _schema(self, walk: _Walk, old: Any, new: Any, old_at: str, new_at: str, path: str) -> None:
        """Compare two schemas of a request or a response; `path` names the field."""
        label, op, d = walk.label(path), walk.op, walk.direction
        old_ref, new_ref = _ref(old), _ref(new)
        if old_ref and new_ref and old_ref.rsplit("/", 1)[-1] != new_ref.rsplit("/", 1)[-1]:
            old_name, new_name = old_ref.rsplit("/", 1)[-1], new_ref.rsplit("/", 1)[-1]
            text = f"the model of {label} is now {new_name} (was {old_name}); code that names "
            text += "the generated class breaks."
            self.emit("model-renamed", op, f"{new_at}/$ref", old_name, new_name, text)
        old, old_at = resolve_at(self.old, old, old_at)
        new, new_at = resolve_at(self.new, new, new_at)
        if (old_at, new_at) in walk.visited:
            return
        walk.visited.add((old_at, new_at))
        if not isinstance(old, dict) or not isinstance(new, dict):
            if old != new:
                text = f"the schema of {label} changed from {_show(old)} to {_show(new)}."
                self.emit(f"{d}-schema-changed", op, new_at, old, new, text)
            return
        for key in self._annotations(op, old, new, old_at, new_at, ignore=_SCHEMA_KEYS):
            was, now = old.get(key), new.get(key)
            at = f"{new_at if key in new else old_at}/{escape_pointer_token(key)}"
            text = f"the {key} of {label} changed from {_show(was)} to {_show(now)}."
            self.emit(f"{d}-schema-changed", op, at, was, now, text)
        one_sided = [
            k for k in _BRANCHES if isinstance(old.get(k), list) != isinstance(new.get(k), list)
        ]
        for keyword in one_sided:  # the rest would only repeat the same break
            self._branches(walk, keyword, old, new, old_at, new_at, path)
        if one_sided or not self._type(walk, old, new, old_at, new_at, label):
            return
        self._enum(walk, old, new, old_at, new_at, label)
        self._const(walk, old, new, old_at, new_at, label)
        for keyword in _BOUNDS:
            self._bound(walk, keyword, old.get(keyword), new.get(keyword), old_at, new_at, label)
        for keyword in ("pattern", "format"):
            self._pattern(walk, keyword, old.get(keyword), new.get(keyword), old_at, new_at, label)
        self._default(walk, old, new, old_at, new_at, label)
        self._properties(walk, old, new, old_at, new_at, path)
        self._additional(walk, old, new, old_at, new_at, path)
        was, now = old.get("items"), new.get("items")
        if isinstance(was, dict) and isinstance(now, dict):
            self._schema(walk, was, now, f"{old_at}/items", f"{new_at}/items", f"{path}[]")
        elif was != now:
            at = f"{new_at if 'items' in new else old_at}/items"
            text = f"the items of {label} changed from {_show(was)} to {_show(now)}."
            self.emit(f"{d}-schema-changed", op, at, was, now, text)
        for keyword in _BRANCHES:
            self._branches(walk, keyword, old, new, old_at, new_at, path)

    def _type(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        label: str,
    ) -> bool:
        """Report a change of type; False when the old and the new types share no value
        (comparing further would only repeat the same break)."""
        before, after = _types(old), _types(new)
        if before == after:
            return True
        lost = _uncovered(before, after)  # some old value the new schema refuses
        gained = _uncovered(after, before)  # some new value the old schema refuses
        at = f"{new_at}/type" if "type" in new else f"{old_at}/type"
        was, now = old.get("type"), new.get("type")
        change = f"{_type_words(after)} (was {_type_words(before)})"
        if walk.request and lost:
            text = f"{label} must now be {change}; calls that send the old type will be refused."
            self.emit("request-type-changed", walk.op, at, was, now, text)
        elif walk.request and gained:
            text = f"{label} may now be {change}."
            self.emit("request-type-widened", walk.op, at, was, now, text)
        elif not walk.request and gained:
            text = f"{label} may now be {change}; a client built for the old type cannot read it."
            self.emit("response-type-changed", walk.op, at, was, now, text)
        elif not walk.request and lost:
            text = f"{label} is now always {change}."
            self.emit("response-type-narrowed", walk.op, at, was, now, text)
        return before is None or after is None or _overlap(before, after)

    def _enum(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        label: str,
    ) -> None:
        before, after = old.get("enum"), new.get("enum")
        if before == after:
            return
        op, strict = walk.op, "a strict client (the generated models use closed enums) rejects"
        if not isinstance(after, list):
            text = f"{label} is no longer limited to {_show(before)}"
            text += "." if walk.request else f"; {strict} any other value."
            rule = "request-enum-removed" if walk.request else "response-enum-removed"
            self.emit(rule, op, f"{old_at}/enum", before, None, text)
            return
        if not isinstance(before, list):
            if walk.request:
                text = f"{label} must now be one of {_show(after)}; calls that send another "
                text += "value will be refused."
                self.emit("request-enum-added", op, f"{new_at}/enum", None, after, text)
            else:
                text = f"{label} is now documented as one of {_show(after)}."
                self.emit("response-enum-added", op, f"{new_at}/enum", None, after, text)
            return
        old_keys, new_keys = [_key(v) for v in before], [_key(v) for v in after]
        for index, value in enumerate(before):
            if old_keys[index] not in new_keys:
                at = f"{old_at}/enum/{index}"
                if walk.request:
                    text = f"{label} no longer accepts {_show(value)}; calls that send it will "
                    text += "be refused."
                    self.emit("request-enum-value-removed", op, at, value, None, text)
                else:
                    text = f"{label} is no longer documented to be {_show(value)}."
                    self.emit("response-enum-value-removed", op, at, value, None, text)
        for index, value in enumerate(after):
            if new_keys[index] not in old_keys:
                at = f"{new_at}/enum/{index}"
                if walk.request:
                    text = f"{label} now also accepts {_show(value)}."
                    self.emit("request-enum-value-added", op, at, None, value, text)
                else:
                    text = f"{label} may now be {_show(value)}, which {strict}: breaking for such "
                    text += "clients."
                    self.emit("response-enum-value-added", op, at, None, value, text)

    def _const(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        label: str,
    ) -> None:
        before, after = old.get("const", MISSING), new.get("const", MISSING)
        if before == after:
            return
        at = f"{new_at}/const" if after is not MISSING else f"{old_at}/const"
        was, now = _value(before), _value(after)
        if walk.request and after is MISSING:
            text = f"{label} no longer has to be {_show(was)}."
            self.emit("request-const-removed", walk.op, at, was, None, text)
        elif walk.request:
            text = f"{label} must now be {_show(now)}; calls that send another value will be "
            text += "refused."
            self.emit("request-const-changed", walk.op, at, was, now, text)
        elif before is MISSING:
            text = f"{label} is now documented to be always {_show(now)}."
            self.emit("response-const-added", walk.op, at, None, now, text)
        else:
            anything = "may be anything" if after is MISSING else f"is {_show(now)}"
            text = f"{label} was always {_show(was)} and now {anything}; a strict client rejects "
            text += "the new value."
            self.emit("response-const-changed", walk.op, at, was, now, text)

    def _bound(
        self,
        walk: _Walk,
        keyword: str,
        was: Any,
        now: Any,
        old_at: str,
        new_at: str,
        label: str,
    ) -> None:
        if was == now:
            return
        stem, kind, words, beyond = _BOUNDS[keyword]
        at = f"{new_at}/{keyword}" if now is not None else f"{old_at}/{keyword}"
        if not _number(was) or not _number(now):
            text = f"the {keyword} of {label} changed from {_show(was)} to {_show(now)}."
            self.emit(f"{walk.direction}-schema-changed", walk.op, at, was, now, text)
            return
        if now is None or was is None:
            narrower = was is None
        else:
            narrower = now < was if kind == "upper" else now > was
        narrow, wide = _bound_words(kind)
        change = f"{'unlimited' if now is None else words.format(now)} (was "
        change += f"{'unlimited' if was is None else was})"
        if walk.request and narrower:
            text = f"{label} must now be {change}; a call with {beyond} will be refused."
            self.emit(f"request-{stem}-{narrow}", walk.op, at, was, now, text)
        elif walk.request:
            self.emit(
                f"request-{stem}-{wide}", walk.op, at, was, now, f"{label} may now be {change}."
            )
        elif narrower:
            text = f"{label} is now documented as {change}."
            self.emit(f"response-{stem}-{narrow}", walk.op, at, was, now, text)
        else:
            text = f"{label} may now be {change}; code that relies on the old limit may break."
            self.emit(f"response-{stem}-{wide}", walk.op, at, was, now, text)

    def _pattern(
        self,
        walk: _Walk,
        keyword: str,
        was: Any,
        now: Any,
        old_at: str,
        new_at: str,
        label: str,
    ) -> None:
        """`pattern` or `format`: both constrain what a string may be."""
        if was == now:
            return
        at = f"{new_at}/{keyword}" if now is not None else f"{old_at}/{keyword}"
        if walk.request and now is None:
            text = f"{label} no longer has to match the {keyword} {_show(was)}."
            self.emit(f"request-{keyword}-removed", walk.op, at, was, None, text)
        elif walk.request:
            text = f"{label} must now match the {keyword} {_show(now)} (was {_show(was)}); "
            text += "calls that send other values will be refused."
            self.emit(f"request-{keyword}-changed", walk.op, at, was, now, text)
        elif was is None:
            text = f"{label} is now documented to match the {keyword} {_show(now)}."
            self.emit(f"response-{keyword}-added", walk.op, at, None, now, text)
        else:
            text = f"{label} no longer promises the {keyword} {_show(was)} (now {_show(now)}); "
            text += "code that relies on it may break."
            self.emit(f"response-{keyword}-changed", walk.op, at, was, now, text)

    def _default(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        label: str,
    ) -> None:
        before, after = old.get("default", MISSING), new.get("default", MISSING)
        if before == after:
            return
        at = f"{new_at if after is not MISSING else old_at}/default"
        was, now = _value(before), _value(after)
        change = f"from {_show(was)} to {_show(now)}"
        if walk.request:
            text = f"the default of {label} changed {change}; calls that leave it out may now "
            text += "get a different result."
            self.emit("request-default-changed", walk.op, at, was, now, text)
        else:
            text = f"the documented default of {label} changed {change}."
            self.emit("response-default-changed", walk.op, at, was, now, text)

    def _properties(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        path: str,
    ) -> None:
        before, after = old.get("properties") or {}, new.get("properties") or {}
        old_required = [str(n) for n in old.get("required") or []]
        new_required = [str(n) for n in new.get("required") or []]
        removed = [n for n in before if n not in after]
        added = [n for n in after if n not in before]
        renamed: dict[str, str] = {}  # new name: old name
        if len(removed) == len(added) == 1:
            was, now = removed[0], added[0]
            same_need = (was in old_required) == (now in new_required)
            if same_need and self._same_shape(before[was], after[now]):
                renamed[now] = was
        op, d = walk.op, walk.direction
        consequence = (
            "calls that send it will lose it or be refused"
            if walk.request
            else "code that reads it will break"
        )

        def at_(where: str, name: str) -> str:
            return f"{where}/properties/{escape_pointer_token(name)}"

        def child(name: str) -> str:
            return f"{path}.{name}" if path else name

        for name in removed:
            if name not in renamed.values():
                text = f"{walk.label(child(name))} was removed; {consequence}."
                self.emit(f"{d}-property-removed", op, at_(old_at, name), before[name], None, text)
        for name, schema in after.items():
            at, label = at_(new_at, name), walk.label(child(name))
            if name in renamed:
                was = renamed[name]
                text = f"{walk.label(child(was))} is now called {name!r}; " + (
                    f"calls that still send {was!r} will lose it or be refused."
                    if walk.request
                    else f"code that reads {was!r} will break."
                )
                self.emit(f"{d}-property-renamed", op, at, was, name, text)
                self._schema(walk, before[was], schema, at_(old_at, was), at, child(name))
            elif name in before:
                self._schema(walk, before[name], schema, at_(old_at, name), at, child(name))
            elif walk.request and name in new_required:
                text = f"{label} was added and is required; calls without it will be refused."
                self.emit("request-property-added-required", op, at, None, schema, text)
            else:
                text = f"{label} was added" + (" (optional)." if walk.request else ".")
                self.emit(f"{d}-property-added", op, at, None, schema, text)
        skip = set(removed) | set(added)
        for index, name in enumerate(new_required):
            if name not in skip and name not in old_required:
                at, label = f"{new_at}/required/{index}", walk.label(child(name))
                if walk.request:
                    text = f"{label} is now required; calls without it will be refused."
                    self.emit("request-property-became-required", op, at, None, name, text)
                else:
                    text = f"{label} is now always present."
                    self.emit("response-property-became-required", op, at, None, name, text)
        for index, name in enumerate(old_required):
            if name not in skip and name not in new_required:
                at, label = f"{old_at}/required/{index}", walk.label(child(name))
                if walk.request:
                    text = f"{label} is now optional."
                    self.emit("request-property-became-optional", op, at, name, None, text)
                else:
                    text = f"{label} may now be missing; code that expects it will break."
                    self.emit("response-property-became-optional", op, at, name, None, text)

    def _same_shape(self, old: Any, new: Any) -> bool:
        """Whether two property schemas are the same apart from their documentation."""
        old, _ = resolve_at(self.old, old, "")
        new, _ = resolve_at(self.new, new, "")
        return bool(_shape(old) == _shape(new))

    def _additional(
        self,
        walk: _Walk,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        path: str,
    ) -> None:
        key = "additionalProperties"
        was, now = old.get(key), new.get(key)
        if isinstance(was, dict) and isinstance(now, dict):  # compared even if equal: $refs
            where = f"{path}.*" if path else "*"
            self._schema(walk, was, now, f"{old_at}/{key}", f"{new_at}/{key}", where)
            return
        if was == now:
            return
        label, op = walk.label(path), walk.op
        at = f"{new_at if key in new else old_at}/{key}"
        change = f"the {key} of {label} changed from {_show(was)} to {_show(now)}"
        if not walk.request:
            text = f"{change}; the client keeps unknown fields either way."
            self.emit("response-additional-properties-changed", op, at, was, now, text)
        elif now is False:
            text = f"{label} no longer accepts undocumented fields; calls that send them will be "
            text += "refused."
            self.emit("request-additional-properties-closed", op, at, was, now, text)
        elif was is False:
            text = f"{label} now accepts undocumented fields."
            self.emit("request-additional-properties-opened", op, at, was, now, text)
        else:
            self.emit("request-schema-changed", op, at, was, now, f"{change}.")

    def _branches(
        self,
        walk: _Walk,
        keyword: str,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        path: str,
    ) -> None:
        before, after = old.get(keyword), new.get(keyword)
        label, op, d = walk.label(path), walk.op, walk.direction
        if not isinstance(before, list) or not isinstance(after, list):
            if before == after:
                return
            at = f"{new_at}/{keyword}" if after is not None else f"{old_at}/{keyword}"
            state = "is now" if after is not None else "is no longer"
            text = f"{label} {state} a {keyword} of schemas, so its generated type changes."
            self.emit(f"{d}-composition-changed", op, at, before, after, text)
            return
        old_left, new_left = list(range(len(before))), list(range(len(after)))
        pairs: list[tuple[int, int]] = []
        for j in range(len(after)):  # branches naming the same component first
            i = next(
                (i for i in old_left if _ref(after[j]) and _ref(before[i]) == _ref(after[j])), None
            )
            if i is not None:
                pairs.append((i, j))
                old_left.remove(i)
                new_left.remove(j)
        inline = zip(
            [i for i in old_left if not _ref(before[i])],
            [j for j in new_left if not _ref(after[j])],
            strict=False,
        )
        for i, j in list(inline):  # then inline branches, in order
            pairs.append((i, j))
            old_left.remove(i)
            new_left.remove(j)
        for i, j in sorted(pairs, key=lambda pair: pair[1]):
            was_at, at = f"{old_at}/{keyword}/{i}", f"{new_at}/{keyword}/{j}"
            self._schema(walk, before[i], after[j], was_at, at, path)
        stem = _BRANCHES[keyword]
        for i in old_left:
            text = f"a {keyword} branch of {label} was removed ({_show(before[i])})."
            at = f"{old_at}/{keyword}/{i}"
            self.emit(f"{d}-{stem}-branch-removed", op, at, before[i], None, text)
        for j in new_left:
            text = f"a {keyword} branch was added to {label} ({_show(after[j])})."
            at = f"{new_at}/{keyword}/{j}"
            self.emit(f"{d}-{stem}-branch-added", op, at, None, after[j], text)
