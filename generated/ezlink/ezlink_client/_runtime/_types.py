"""Small types shared by the runtime and the generated clients."""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["NOT_GIVEN", "NotGiven"]


class NotGiven:
    """The type of `NOT_GIVEN`: an argument the caller did not pass.

    `None` cannot mean "not sent", because `null` is a value a caller may want to send. Every
    optional keyword argument of a generated method defaults to `NOT_GIVEN`, and only the
    arguments that are not `NOT_GIVEN` reach the request. Compare with `isinstance`, or with
    `is NOT_GIVEN`: the package makes just the one instance.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
