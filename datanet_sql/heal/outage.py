"""on_source_outage: retry a source read with backoff, then fall back to the last good copy.

The runner wraps whatever reads or refreshes a source in `with_outage_policy`; the result says
whether the value is fresh or the stale fallback, so the run can mark the models built on it.
Only transient failures (the warehouse or file is unreachable or missing) are retried; a
mistake in the project is raised at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from datanet_sql.errors import (
    RelationNotFoundError,
    TransientWarehouseError,
    WarehouseUnavailableError,
)

T = TypeVar("T")
OUTAGE_POLICIES = ("retry", "stale", "fail")
# an outage: unreachable, missing, or a transient refusal; a terminal warehouse error (a bad
# statement) would fail the same way again, so it is raised at once
TRANSIENT: tuple[type[BaseException], ...] = (
    TransientWarehouseError, WarehouseUnavailableError, RelationNotFoundError,
    ConnectionError, TimeoutError, OSError)


@dataclass
class OutageResult(Generic[T]):
    """The value read (or the fallback), whether it is stale, and what went wrong."""

    value: T
    stale: bool = False
    attempts: int = 1
    error: BaseException | None = None


def with_outage_policy(fn: Callable[[], T], policy: str = "retry", retries: int = 3,
                       backoff: float = 1.0, *, fallback: Callable[[], T] | None = None,
                       sleep: Callable[[float], None] = time.sleep,
                       transient: tuple[type[BaseException], ...] = TRANSIENT) -> OutageResult[T]:
    """Call `fn` under an outage policy.

    fail: one attempt, the error propagates. retry: up to `retries` more attempts with
    exponential backoff (backoff, 2*backoff, ...), then the error propagates. stale: like
    retry, then `fallback()` (the last good copy) is returned with `stale=True`.
    """
    if policy not in OUTAGE_POLICIES:
        raise ValueError(f"on_source_outage must be one of {OUTAGE_POLICIES}, not {policy!r}")
    attempts = 1 if policy == "fail" else 1 + max(0, retries)
    last: BaseException | None = None
    for attempt in range(1, attempts + 1):
        try:
            return OutageResult(fn(), attempts=attempt)
        except transient as err:
            last = err
            if attempt < attempts:
                sleep(backoff * 2 ** (attempt - 1))
    assert last is not None
    if policy == "stale" and fallback is not None:
        return OutageResult(fallback(), stale=True, attempts=attempts, error=last)
    raise last
