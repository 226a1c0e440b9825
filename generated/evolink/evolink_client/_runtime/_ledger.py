"""The task ledger: every paid create, written down before it is sent, in a SQLite file.

A video task costs money from the moment the gateway accepts it, and its id is the only way to
get the video. A process can die at any point between sending a create and saving the video; the
ledger makes sure that what it knew survives:

- before a create is sent, its body and idempotency key are committed (state `submitting`);
- when the gateway answers, the task id (state `created`; `answered` for a paid create that starts
  no task to wait for), or why there is none: `refused` (the
  gateway said no, nothing was created), `uncertain` (no clear answer: it may exist), `no-task-id`
  (it answered success without an id we could read);
- while it is waited for, its status, and at the end `succeeded` (with the video URL) or
  `failed`; `saved_to` once the video is on disk.

The file uses SQLite's write-ahead log with full syncs: a commit survives `kill -9` (and a power
cut), and several processes, each with its own `TaskLedger`, may share one file. Writes are a few
hundred microseconds; an async client makes them in place, without a thread.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._errors import GatewayError

__all__ = ["FINAL_STATES", "RECONCILE_STATES", "LedgerEntry", "LedgerError", "TaskLedger"]

#: States of a create that may have made a task whose id nobody has: `tasks reconcile` lists them.
RECONCILE_STATES = ("submitting", "uncertain", "no-task-id")
#: States after which a task needs nothing more (a succeeded one, once its video is saved).
FINAL_STATES = ("refused", "failed", "dismissed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tasks (
    entry INTEGER PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    operation TEXT NOT NULL,
    base_url TEXT NOT NULL,
    state TEXT NOT NULL,
    task_id TEXT,
    body TEXT,
    idempotency_key TEXT,
    provider_status TEXT,
    video_url TEXT,
    saved_to TEXT,
    detail TEXT,
    process TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS tasks_by_id ON tasks (provider, task_id);
CREATE INDEX IF NOT EXISTS tasks_by_state ON tasks (state);
"""
_VERSION = 1


class LedgerError(GatewayError):
    """The task ledger cannot be opened or written; a create that could not be recorded is not
    sent."""


@dataclass(frozen=True)
class LedgerEntry:
    """One create, as the ledger knows it."""

    entry: int
    provider: str
    operation: str  # the create method, such as "create_video_generation"
    base_url: str
    state: str
    task_id: str | None
    body: Any
    idempotency_key: Any
    provider_status: Any
    video_url: str | None
    saved_to: str | None
    detail: str | None
    process: str  # "host:pid" of the process that sent the create
    created_at: float  # Unix time
    updated_at: float

    @property
    def unfinished(self) -> bool:
        """A task that exists and still needs waiting for, or whose video is not saved yet."""
        return self.task_id is not None and (
            self.state == "created" or (self.state == "succeeded" and self.saved_to is None)
        )


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _unjson(text: str | None) -> Any:
    return None if text is None else json.loads(text)


class TaskLedger:
    """One SQLite ledger file, safe to share between threads and processes.

    `TaskLedger(path)` creates the file (and its folder) when it does not exist.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()
        self._lock = threading.Lock()
        self._process = f"{socket.gethostname()}:{os.getpid()}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit: every statement below is its own transaction, durable when it returns.
            self._db = sqlite3.connect(
                self.path, timeout=30.0, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > _VERSION:
                raise LedgerError(
                    f"The task ledger {self.path} was written by a newer version of the client "
                    f"(format {version}); upgrade the package, or point the ledger elsewhere."
                )
            self._db.executescript(_SCHEMA + f"PRAGMA user_version = {_VERSION};")
        except (OSError, sqlite3.Error) as exc:
            raise LedgerError(
                f"The task ledger {self.path} cannot be opened: {exc}. Point it at a writable "
                "file, or turn it off."
            ) from exc

    def __repr__(self) -> str:
        return f"TaskLedger({str(self.path)!r})"

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- writing -------------------------------------------------------------------------------

    def _write(self, sql: str, values: Iterable[Any]) -> int:
        try:
            with self._lock:
                cursor = self._db.execute(sql, tuple(values))
                return cursor.lastrowid or 0
        except sqlite3.Error as exc:
            raise LedgerError(f"The task ledger {self.path} cannot be written: {exc}.") from exc

    def submitting(
        self, *, provider: str, operation: str, base_url: str, body: Any, idempotency_key: Any
    ) -> int:
        """Record a create about to be sent; its entry number."""
        now = time.time()
        return self._write(
            "INSERT INTO tasks (provider, operation, base_url, state, body, idempotency_key, "
            "process, created_at, updated_at) VALUES (?, ?, ?, 'submitting', ?, ?, ?, ?, ?)",
            (
                provider,
                operation,
                base_url,
                _json(body),
                _json(idempotency_key),
                self._process,
                now,
                now,
            ),
        )

    def answered(
        self, entry: int, task_id: str | None, detail: str | None = None, *, has_task: bool = True
    ) -> None:
        """The gateway accepted the create: its task id, or None when none could be read.

        A create that starts no task to wait for (`has_task` False) is simply `answered`.
        """
        state = "created" if task_id is not None else "no-task-id" if has_task else "answered"
        self._write(
            "UPDATE tasks SET state = ?, task_id = ?, detail = ?, updated_at = ? WHERE entry = ?",
            (
                state,
                task_id,
                detail,
                time.time(),
                entry,
            ),
        )

    def unanswered(self, entry: int, *, uncertain: bool, detail: str) -> None:
        """The create failed: `uncertain` when it may have made a task, else `refused`."""
        self._write(
            "UPDATE tasks SET state = ?, detail = ?, updated_at = ? WHERE entry = ?",
            ("uncertain" if uncertain else "refused", detail, time.time(), entry),
        )

    def observed(
        self,
        *,
        provider: str,
        operation: str,
        base_url: str,
        task_id: str,
        state: str,
        provider_status: Any = None,
        video_url: str | None = None,
        detail: str | None = None,
    ) -> None:
        """What a poll saw of a task. A task the ledger does not know yet (made elsewhere, now
        waited for) gets an entry of its own."""
        now = time.time()
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                row = self._db.execute(
                    "SELECT entry FROM tasks WHERE provider = ? AND task_id = ? "
                    "ORDER BY base_url = ? DESC, entry DESC LIMIT 1",
                    (provider, task_id, base_url),
                ).fetchone()
                if row is None:
                    self._db.execute(
                        "INSERT INTO tasks (provider, operation, base_url, state, task_id, "
                        "provider_status, video_url, detail, process, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            provider,
                            operation,
                            base_url,
                            state,
                            task_id,
                            _json(provider_status),
                            video_url,
                            detail,
                            self._process,
                            now,
                            now,
                        ),
                    )
                else:
                    self._db.execute(
                        "UPDATE tasks SET state = ?, provider_status = ?, "
                        "video_url = COALESCE(?, video_url), detail = COALESCE(?, detail), "
                        "updated_at = ? WHERE entry = ?",
                        (state, _json(provider_status), video_url, detail, now, row[0]),
                    )
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise LedgerError(f"The task ledger {self.path} cannot be written: {exc}.") from exc

    def saved(self, provider: str, task_id: str, path: str | os.PathLike[str]) -> None:
        """The task's video is on disk at `path`."""
        self._write(
            "UPDATE tasks SET saved_to = ?, updated_at = ? WHERE entry = (SELECT entry FROM "
            "tasks WHERE provider = ? AND task_id = ? ORDER BY entry DESC LIMIT 1)",
            (str(Path(path).resolve()), time.time(), provider, task_id),
        )

    def resolve(self, entry: int, task_id: str) -> None:
        """An uncertain create turned out to have made `task_id` (found by hand)."""
        self._write(
            "UPDATE tasks SET state = 'created', task_id = ?, detail = 'found by hand', "
            "updated_at = ? WHERE entry = ?",
            (task_id, time.time(), entry),
        )

    def dismiss(self, entry: int) -> None:
        """An uncertain create turned out to have made nothing; nothing is left to do."""
        self._write(
            "UPDATE tasks SET state = 'dismissed', updated_at = ? WHERE entry = ?",
            (time.time(), entry),
        )

    # -- reading -------------------------------------------------------------------------------

    def entries(
        self,
        *,
        states: Iterable[str] | None = None,
        provider: str | None = None,
        task_id: str | None = None,
        entry: int | None = None,
    ) -> list[LedgerEntry]:
        """Entries, oldest first: all, or those in `states`, of `provider`, of `task_id`."""
        sql = "SELECT * FROM tasks WHERE 1 = 1"
        values: list[Any] = []
        if states is not None:
            wanted = list(states)
            sql += f" AND state IN ({', '.join('?' for _ in wanted)})"
            values += wanted
        for column, value in (("provider", provider), ("task_id", task_id), ("entry", entry)):
            if value is not None:
                sql += f" AND {column} = ?"
                values.append(value)
        try:
            with self._lock:
                rows = self._db.execute(sql + " ORDER BY entry", values).fetchall()
        except sqlite3.Error as exc:
            raise LedgerError(f"The task ledger {self.path} cannot be read: {exc}.") from exc
        return [self._entry(row) for row in rows]

    def find(self, provider: str, task_id: str) -> LedgerEntry | None:
        """The latest entry of `task_id` at `provider`, if the ledger has one."""
        found = self.entries(provider=provider, task_id=task_id)
        return found[-1] if found else None

    @staticmethod
    def _entry(row: tuple[Any, ...]) -> LedgerEntry:
        (entry, provider, operation, base_url, state, task_id, body, key, status) = row[:9]
        (video_url, saved_to, detail, process, created_at, updated_at) = row[9:]
        return LedgerEntry(
            entry=entry,
            provider=provider,
            operation=operation,
            base_url=base_url,
            state=state,
            task_id=task_id,
            body=_unjson(body),
            idempotency_key=_unjson(key),
            provider_status=_unjson(status),
            video_url=video_url,
            saved_to=saved_to,
            detail=detail,
            process=process,
            created_at=created_at,
            updated_at=updated_at,
        )
