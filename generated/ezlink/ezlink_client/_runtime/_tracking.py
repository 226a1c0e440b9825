"""How a client keeps its task ledger (`_ledger.py`) up to date, kept apart from the request code.

A create is recorded before it is sent: when the ledger cannot be written, the create is not sent
(`LedgerError`). Everything after the gateway answered is recorded on a best-effort basis: a
ledger that fails then is logged, with the task id, and never costs the caller the id.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ._errors import ConfigurationError
from ._ledger import LedgerError, TaskLedger

if TYPE_CHECKING:
    from ._spec import Provider

__all__ = ["LedgerOption", "Tracking", "ledger_env"]

#: `Client(ledger=...)`: a file path, an open `TaskLedger`, False for none, or None to use the
#: `<PROVIDER>_TASK_LEDGER` environment variable when it is set.
LedgerOption = str | os.PathLike[str] | TaskLedger | bool | None


def ledger_env(provider: Provider) -> str:
    """The environment variable that turns the ledger on: EVOLINK_TASK_LEDGER=/path/tasks.db."""
    return provider.name.upper() + "_TASK_LEDGER"


class Tracking:
    """The ledger side of a client: `ledger` is None when the ledger is off."""

    _provider: ClassVar[Provider]
    base_url: str
    _log: logging.Logger
    #: The task ledger this client records its paid creates in, or None.
    ledger: TaskLedger | None
    _owns_ledger: bool

    def _open_ledger(self, option: LedgerOption) -> None:
        self.ledger, self._owns_ledger = None, False
        if option is None:
            option = os.environ.get(ledger_env(self._provider)) or False
        if option is False:
            return
        if isinstance(option, TaskLedger):
            self.ledger = option
            return
        if option is True or not isinstance(option, (str, os.PathLike)) or not str(option):
            raise ConfigurationError(
                f"ledger= takes the path of the task ledger file, a TaskLedger, or False for "
                f"none; got {option!r}."
            )
        self.ledger, self._owns_ledger = TaskLedger(option), True

    def _close_ledger(self) -> None:
        if self.ledger is not None and self._owns_ledger:
            self.ledger.close()

    def _ledger_submitting(self, operation: str, body: Any, idempotency_key: Any) -> int | None:
        """Record a paid create about to be sent; raises `LedgerError` (nothing is sent)."""
        if self.ledger is None:
            return None
        try:
            return self.ledger.submitting(
                provider=self._provider.name,
                operation=operation,
                base_url=self.base_url,
                body=body,
                idempotency_key=idempotency_key,
            )
        except LedgerError as exc:
            raise LedgerError(
                f"{exc} The create was not sent, so nothing was paid for. Fix the ledger, or "
                "turn it off (ledger=False)."
            ) from exc

    def _ledger_answered(
        self, entry: int | None, task_id: str | None, detail: str, *, has_task: bool
    ) -> None:
        if self.ledger is not None and entry is not None:
            self._best_effort(
                task_id, self.ledger.answered, entry, task_id, detail, has_task=has_task
            )

    def _ledger_unanswered(self, entry: int | None, *, uncertain: bool, detail: str) -> None:
        if self.ledger is not None and entry is not None:
            self._best_effort(
                None, self.ledger.unanswered, entry, uncertain=uncertain, detail=detail
            )

    def _ledger_observed(
        self,
        operation: str,
        task_id: str,
        state: str,
        provider_status: Any,
        video_url: str | None,
        detail: str | None,
    ) -> None:
        if self.ledger is not None:
            self._best_effort(
                task_id,
                self.ledger.observed,
                provider=self._provider.name,
                operation=operation,
                base_url=self.base_url,
                task_id=task_id,
                state=state,
                provider_status=provider_status,
                video_url=video_url,
                detail=detail,
            )

    def _tracked_saved(self, task_id: str, path: Path) -> None:
        if self.ledger is not None:
            self._best_effort(task_id, self.ledger.saved, self._provider.name, task_id, path)

    def _best_effort(self, known_id: str | None, write: Any, *args: Any, **kwargs: Any) -> None:
        try:
            write(*args, **kwargs)
        except LedgerError as exc:
            self._log.error("task %s: not recorded in the task ledger: %s", known_id, exc)
