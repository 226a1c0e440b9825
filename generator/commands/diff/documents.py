"""Comparing two documents: info, servers, security, then each operation's parameters, body and
responses."""

from __future__ import annotations

from typing import Any

from ...load.document import iter_operations, resolve_at
from ...problems import escape_pointer_token, pointer
from .rules import _PARAMETER_WIRE, Change
from .schemas import SchemaDiffer
from .walk import (
    _essentials,
    _Operation,
    _operation,
    _parameters,
    _requirements,
    _show,
    _urls,
    _Walk,
)


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from `old` to `new` (two loaded spec documents), in document order:
    document-level findings first, then each operation of `new`, then removed operations."""
    return Differ(old, new).run()


class Differ(SchemaDiffer):
    """Compares two documents: the document itself, then operation by operation."""

    def run(self) -> list[Change]:
        self._document()
        self._operations()
        return self.changes

    def _document(self) -> None:
        old, new = self.old, self.new
        info_old, info_new = old.get("info") or {}, new.get("info") or {}
        self._annotations(None, info_old, info_new, "/info", "/info", ignore={"version"})
        top = {"openapi", "jsonSchemaDialect", "info", "servers", "security", "paths"}
        self._annotations(None, old, new, "", "", ignore=top | {"components", "webhooks"})
        self._servers(None, old, new, "", "")
        was, now = old.get("security"), new.get("security")
        if _requirements(was) != _requirements(now):
            text = f"the security requirements changed from {_show(was)} to {_show(now)}"
            text += "; calls authenticated the old way will be refused."
            self.emit("security-changed", None, "/security", was, now, text)
        self._security_schemes()
        old_paths = old.get("paths") or {}
        for path, item in (new.get("paths") or {}).items():
            if isinstance(old_paths.get(path), dict) and isinstance(item, dict):
                at = pointer("paths", path)
                self._annotations(None, old_paths[path], item, at, at, only_annotations=True)
                self._servers(None, old_paths[path], item, at, at)

    def _security_schemes(self) -> None:
        old = (self.old.get("components") or {}).get("securitySchemes") or {}
        new = (self.new.get("components") or {}).get("securitySchemes") or {}
        for name, scheme in old.items():
            at = pointer("components", "securitySchemes", name)
            if name not in new:
                text = f"the security scheme {name!r} was removed."
                self.emit("security-scheme-removed", None, at, scheme, None, text)
                continue
            was, now = _essentials(scheme), _essentials(new[name])
            if was != now:
                text = f"the security scheme {name!r} changed from {_show(was)} to {_show(now)}"
                text += "; calls authenticated the old way will be refused."
                self.emit("security-scheme-changed", None, at, scheme, new[name], text)
            if isinstance(scheme, dict) and isinstance(new[name], dict):
                self._annotations(None, scheme, new[name], at, at, only_annotations=True)
        for name, scheme in new.items():
            if name not in old:
                at = pointer("components", "securitySchemes", name)
                text = f"the security scheme {name!r} was added."
                self.emit("security-scheme-added", None, at, None, scheme, text)

    def _servers(
        self,
        op: _Operation | None,
        old: dict[str, Any],
        new: dict[str, Any],
        old_at: str,
        new_at: str,
    ) -> None:
        was, now = old.get("servers"), new.get("servers")
        if was == now:
            return
        at = f"{new_at}/servers" if now is not None else f"{old_at}/servers"
        if _urls(was) != _urls(now):
            text = f"the servers changed from {_show(_urls(was))} to {_show(_urls(now))}"
            text += "; the client's default base URL changes."
            self.emit("servers-changed", op, at, _urls(was), _urls(now), text)
        else:
            text = "the servers' descriptions changed; this is documentation only."
            self.emit("documentation-changed", op, at, was, now, text)

    # -- operations --

    def _operations(self) -> None:
        old_ops = [_operation(p, m, o) for p, m, o in iter_operations(self.old)]
        new_ops = [_operation(p, m, o) for p, m, o in iter_operations(self.new)]
        unmatched = {op.op_id: op for op in old_ops}
        pairs: dict[int, _Operation] = {}  # index in new_ops: the same operation in old
        for index, op in enumerate(new_ops):
            if op.op_id in unmatched:
                pairs[index] = unmatched.pop(op.op_id)
        by_route = {(op.path, op.method): op for op in unmatched.values()}
        for index, op in enumerate(new_ops):
            if index not in pairs and (op.path, op.method) in by_route:
                pairs[index] = by_route.pop((op.path, op.method))
                del unmatched[pairs[index].op_id]
        for index, op in enumerate(new_ops):
            before = pairs.get(index)
            if before is None:
                text = f"the operation {op.route} was added."
                self.emit("operation-added", op, op.at, None, op.route, text)
                continue
            if before.op_id != op.op_id:
                text = f"the operationId changed from {before.op_id!r} to {op.op_id!r}, so the "
                text += "client method is renamed."
                at = f"{op.at}/operationId"
                self.emit("operation-id-changed", op, at, before.op_id, op.op_id, text)
            elif before.route != op.route:
                text = f"the operation moved from {before.route} to {op.route}; calls to the old "
                text += "route will fail."
                self.emit("operation-moved", op, op.at, before.route, op.route, text)
            self._operation(before, op)
        for op in old_ops:
            if op.op_id in unmatched:
                text = f"the operation {op.route} was removed, and its client method with it."
                self.emit("operation-removed", op, op.at, op.route, None, text)

    def _operation(self, old: _Operation, new: _Operation) -> None:
        shape = {"operationId", "parameters", "requestBody", "responses", "security", "servers"}
        self._annotations(new, old.node, new.node, old.at, new.at, ignore=shape | {"callbacks"})
        self._servers(new, old.node, new.node, old.at, new.at)
        if "security" in old.node or "security" in new.node:
            was = old.node.get("security", self.old.get("security"))
            now = new.node.get("security", self.new.get("security"))
            if _requirements(was) != _requirements(now):
                at = f"{new.at if 'security' in new.node else old.at}/security"
                text = f"the security requirements changed from {_show(was)} to {_show(now)}"
                text += "; calls authenticated the old way will be refused."
                self.emit("security-changed", new, at, was, now, text)
        self._parameters(old, new)
        self._request_body(old, new)
        self._responses(old, new)

    def _parameters(self, old_op: _Operation, op: _Operation) -> None:
        before = dict(_parameters(self.old, old_op))
        after = dict(_parameters(self.new, op))
        for (where, name), (at, param) in before.items():
            if (where, name) not in after:
                text = f"the {name} {where} parameter was removed."
                self.emit("request-parameter-removed", op, at, param, None, text)
        for key, (at, param) in after.items():
            label = f"the {key[1]} {key[0]} parameter"
            required = param.get("required") is True
            if key not in before:
                if required:
                    text = f"{label} was added and is required; calls without it will fail."
                    self.emit("request-parameter-added-required", op, at, None, param, text)
                else:
                    text = f"{label} was added (optional)."
                    self.emit("request-parameter-added", op, at, None, param, text)
                continue
            old_at, old_param = before[key]
            was_required = old_param.get("required") is True
            was, now = old_param.get("required"), param.get("required")
            if required and not was_required:
                text = f"{label} is now required; calls without it will fail."
                self.emit("request-parameter-became-required", op, f"{at}/required", was, now, text)
            elif was_required and not required:
                text = f"{label} is now optional."
                self.emit("request-parameter-became-optional", op, f"{at}/required", was, now, text)
            for keyword in _PARAMETER_WIRE:
                was, now = old_param.get(keyword), param.get(keyword)
                if was != now:
                    text = f"{label} is sent differently now ({keyword} changed)."
                    rule = "request-parameter-serialization-changed"
                    self.emit(rule, op, f"{at}/{keyword}", was, now, text)
            shape = {"name", "in", "required", "schema", *_PARAMETER_WIRE}
            self._annotations(op, old_param, param, old_at, at, ignore=shape)
            if "schema" in old_param or "schema" in param:
                walk = _Walk(op, "request", label, f"{label}'s")
                was, now = old_param.get("schema"), param.get("schema")
                self._schema(walk, was, now, f"{old_at}/schema", f"{at}/schema", "")

    def _request_body(self, old_op: _Operation, op: _Operation) -> None:
        old, old_at = resolve_at(
            self.old, old_op.node.get("requestBody"), f"{old_op.at}/requestBody"
        )
        new, at = resolve_at(self.new, op.node.get("requestBody"), f"{op.at}/requestBody")
        if not isinstance(new, dict):
            if isinstance(old, dict):
                text = "the request body was removed."
                self.emit("request-body-removed", op, old_at, old, None, text)
            return
        required = new.get("required") is True
        if not isinstance(old, dict):
            if required:
                text = "a required request body was added; calls without it will fail."
                self.emit("request-body-added-required", op, at, None, new, text)
            else:
                text = "an optional request body was added."
                self.emit("request-body-added", op, at, None, new, text)
            return
        was_required = old.get("required") is True
        was, now = old.get("required"), new.get("required")
        if required and not was_required:
            text = "the request body is now required; calls without it will fail."
            self.emit("request-body-became-required", op, f"{at}/required", was, now, text)
        elif was_required and not required:
            text = "the request body is now optional."
            self.emit("request-body-became-optional", op, f"{at}/required", was, now, text)
        self._annotations(op, old, new, old_at, at, ignore={"required", "content"})
        walk = _Walk(op, "request", "the request body", "the request's")
        self._content(walk, old, new, old_at, at)

    def _responses(self, old_op: _Operation, op: _Operation) -> None:
        before = {str(k): v for k, v in (old_op.node.get("responses") or {}).items()}
        after = {str(k): v for k, v in (op.node.get("responses") or {}).items()}
        for status, response in before.items():
            if status not in after:
                at = f"{old_op.at}/responses/{escape_pointer_token(status)}"
                if status.startswith("2"):
                    text = f"the {status} response was removed; a client that expects it will "
                    text += "not understand the gateway's answer."
                    self.emit("response-success-status-removed", op, at, response, None, text)
                else:
                    text = f"the {status} response is no longer documented."
                    self.emit("response-status-removed", op, at, response, None, text)
        for status, response in after.items():
            at = f"{op.at}/responses/{escape_pointer_token(status)}"
            if status not in before:
                text = f"a {status} response was added."
                self.emit("response-status-added", op, at, None, response, text)
                continue
            old_at = f"{old_op.at}/responses/{escape_pointer_token(status)}"
            old, old_at = resolve_at(self.old, before[status], old_at)
            new, at = resolve_at(self.new, response, at)
            if isinstance(old, dict) and isinstance(new, dict):
                self._annotations(op, old, new, old_at, at, ignore={"content", "headers", "links"})
                walk = _Walk(
                    op, "response", f"the {status} response body", f"the {status} response's"
                )
                self._content(walk, old, new, old_at, at)

    def _content(
        self, walk: _Walk, old: dict[str, Any], new: dict[str, Any], old_at: str, new_at: str
    ) -> None:
        before, after = old.get("content") or {}, new.get("content") or {}
        d, op = walk.direction, walk.op
        for media, holder in before.items():
            if media not in after:
                at = f"{old_at}/content/{escape_pointer_token(media)}"
                verb = "accepted" if walk.request else "sent"
                text = f"{walk.root} is no longer {verb} as {media}."
                self.emit(f"{d}-media-type-removed", op, at, holder, None, text)
        for media, holder in after.items():
            at = f"{new_at}/content/{escape_pointer_token(media)}"
            if media not in before:
                text = f"{walk.root} may now be {media}."
                self.emit(f"{d}-media-type-added", op, at, None, holder, text)
                continue
            was_at = f"{old_at}/content/{escape_pointer_token(media)}"
            was, now = before[media] or {}, holder or {}
            self._annotations(op, was, now, was_at, at, ignore={"schema", "encoding"})
            if "schema" in was or "schema" in now:
                self._schema(
                    walk,
                    was.get("schema"),
                    now.get("schema"),
                    f"{was_at}/schema",
                    f"{at}/schema",
                    "",
                )
