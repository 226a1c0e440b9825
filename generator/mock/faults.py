"""The mock's options, and the faults it injects: refusals, server errors, delays, failed tasks.

Every decision is drawn from one `random.Random(seed)`, so a run with a seed and the same order
of requests injects the same faults.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class MockOptions:
    """How the mock behaves; the `gatewaygen mock` options of the same names."""

    task_seconds: float = 3.0  # from creation to the final status
    rate_limit: float = 0.0  # share of API requests answered 429 with Retry-After: 1
    server_errors: float = 0.0  # share of API requests answered 500 or 503
    slow: float = 0.0  # seconds added to a slowed request
    slow_share: float = 1.0  # share of requests that `slow` delays
    fail_tasks: float = 0.0  # share of tasks that end failed
    url_ttl: float | None = None  # seconds a video URL stays valid; None: forever
    seed: int | None = None  # seeds the faults, for repeatable runs
    # The only bearer token accepted (any other is 401, as a real gateway answers an unknown
    # key); None accepts any token.
    api_key: str | None = None
    # Call back a create's callback URL (loopback addresses only) when its task ends.
    callbacks: bool = False

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            flag = "--" + item.name.replace("_", "-")
            not_a_number = item.name in ("seed", "api_key", "callbacks")
            if not_a_number or (item.name == "url_ttl" and value is None):
                continue
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ValueError(f"{flag} must be a number, got {value!r}")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"{flag} must be a finite number of 0 or more, got {value!r}")
            if item.name in ("rate_limit", "server_errors", "slow_share", "fail_tasks"):
                if value > 1:
                    raise ValueError(f"{flag} is a share of requests from 0 to 1, got {value!r}")
        if not isinstance(self.callbacks, bool):
            raise ValueError(f"callbacks is true or false, got {self.callbacks!r}")
        if self.api_key is not None and not re.fullmatch(r"\S+", self.api_key):
            raise ValueError(f"the API key must be one token without spaces, got {self.api_key!r}")
        if self.url_ttl is not None and self.url_ttl <= 0:
            raise ValueError(f"--url-ttl must be more than 0 seconds, got {self.url_ttl!r}")
        if self.rate_limit + self.server_errors > 1:
            raise ValueError(
                "--rate-limit and --server-errors together exceed 1: no more than every request "
                f"can fail (got {self.rate_limit!r} + {self.server_errors!r})"
            )


class Faults:
    """Decides, request by request, which fault (if any) the mock injects."""

    def __init__(self, options: MockOptions) -> None:
        self.options = options
        self.random = random.Random(options.seed)

    def delay(self) -> float:
        """Seconds to hold this request back before answering (0 for most)."""
        options = self.options
        if options.slow > 0 and self.random.random() < options.slow_share:
            return options.slow
        return 0.0

    def refusal(self) -> int | None:
        """429, 500 or 503 for a request to refuse before it is processed; else None."""
        options = self.options
        if not (options.rate_limit or options.server_errors):
            return None
        draw = self.random.random()
        if draw < options.rate_limit:
            return 429
        if draw < options.rate_limit + options.server_errors:
            return 500 if self.random.random() < 0.5 else 503
        return None

    def task_fails(self) -> bool:
        """Whether a new task will end failed."""
        return bool(self.options.fail_tasks) and self.random.random() < self.options.fail_tasks
