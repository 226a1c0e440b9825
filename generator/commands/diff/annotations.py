"""The comparison's base: recording findings, and comparing what only documents (descriptions,
examples) and our extensions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...load.document import MISSING
from ...problems import escape_pointer_token
from .rules import _DOC_KEYS, _DOCUMENT_RULES, _EXAMPLE_KEYS, BEHAVIOUR_EXTENSIONS, RULES, Change
from .walk import _keys, _Operation, _parent, _place, _plain, _show, _value, _verb


class DifferBase:
    """The findings and how one is recorded; the parts of the comparison build on it."""

    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old = old
        self.new = new
        self.changes: list[Change] = []
        self._seen: set[tuple[str, str | None, str]] = set()

    def emit(
        self, rule: str, op: _Operation | None, at: str, old: Any, new: Any, text: str
    ) -> None:
        """Record a finding (once per rule, operation and pointer)."""
        level, addition = RULES[rule]
        if rule in _DOCUMENT_RULES and at.startswith("/components/"):
            op = None
        label = op.label if op else None
        if (rule, label, at) in self._seen:
            return
        self._seen.add((rule, label, at))
        message = f"{op.op_id}: {text}" if op else text[:1].upper() + text[1:]
        change = Change(level, rule, label, at, _plain(old), _plain(new), message, addition)
        self.changes.append(change)

    # -- the document --

    # -- annotations: documentation, examples, extensions --

    def _annotations(
        self,
        op: _Operation | None,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
        *,
        ignore: Iterable[str] = (),
        only_annotations: bool = False,
    ) -> list[str]:
        """Report the keys of two objects that document rather than shape the API; return
        the other keys that differ (the caller knows what they mean)."""
        skipped = set(ignore)
        others: list[str] = []
        for key in _keys(old, new):
            before, after = old.get(key, MISSING), new.get(key, MISSING)
            if key in skipped or before == after:
                continue
            at = f"{new_at if after is not MISSING else old_at}/{escape_pointer_token(key)}"
            was, now = _value(before), _value(after)
            if key in _EXAMPLE_KEYS:
                self._examples(op, key, before, after, old_at, new_at)
            elif key == "x-known-values":
                text = f"the known values{_place(op, at)} changed from {_show(was)} to "
                text += f"{_show(now)}; the field stays open, so this is documentation."
                self.emit("known-values-changed", op, at, was, now, text)
            elif key == "deprecated":
                state = "deprecated" if now is True else "no longer deprecated"
                what = "the operation" if op and _parent(at) == op.at else _parent(at)
                self.emit("deprecated-changed", op, at, was, now, f"{what} is now {state}.")
            elif key in BEHAVIOUR_EXTENSIONS:
                self._extension(op, key, was, now, at)
            elif key in _DOC_KEYS or key.startswith("x-"):
                text = f"the {key}{_place(op, at)} {_verb(before, after)}; this is "
                text += "documentation only."
                self.emit("documentation-changed", op, at, was, now, text)
            elif not only_annotations:
                others.append(key)
        return others

    def _examples(
        self, op: _Operation | None, key: str, before: Any, after: Any, old_at: str, new_at: str
    ) -> None:
        maps = [v for v in (before, after) if v is not MISSING]
        if key == "examples" and all(isinstance(v, dict) for v in maps):
            before = {} if before is MISSING else before
            after = {} if after is MISSING else after
            for name in _keys(before, after):
                one, other = before.get(name, MISSING), after.get(name, MISSING)
                if one != other:
                    where = new_at if other is not MISSING else old_at
                    at = f"{where}/examples/{escape_pointer_token(name)}"
                    text = f"the example {name!r}{_place(op, at)} {_verb(one, other)}; this is "
                    text += "documentation only."
                    self.emit("example-changed", op, at, _value(one), _value(other), text)
            return
        where = new_at if after is not MISSING else old_at
        at = f"{where}/{key}"
        text = f"the {key}{_place(op, at)} {_verb(before, after)}; this is documentation only."
        self.emit("example-changed", op, at, _value(before), _value(after), text)

    def _extension(self, op: _Operation | None, key: str, old: Any, new: Any, at: str) -> None:
        """A change to an extension the runtime acts on, key by key where both are objects."""
        if not (isinstance(old, dict) and isinstance(new, dict)):
            text = f"the {key} extension changed from {_show(old)} to {_show(new)}; the client "
            text += "runtime behaves differently."
            self.emit("extension-changed", op, at, old, new, text)
            return
        for name in _keys(old, new):
            one, other = old.get(name, MISSING), new.get(name, MISSING)
            if one == other:
                continue
            where = f"{at}/{escape_pointer_token(name)}"
            was, now = _value(one), _value(other)
            if name.startswith("x-"):
                text = f"the {name} of {key} {_verb(one, other)}; this is documentation only."
                self.emit("documentation-changed", op, where, was, now, text)
            else:
                text = f"the {name} of the {key} extension changed from {_show(was)} to "
                text += f"{_show(now)}; the client runtime behaves differently."
                self.emit("extension-changed", op, where, was, now, text)

    # -- schemas --
