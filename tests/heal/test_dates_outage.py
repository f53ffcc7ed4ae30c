from __future__ import annotations

import pytest

from datanet_sql.errors import RelationNotFoundError
from datanet_sql.heal.dates import choose_format
from datanet_sql.heal.outage import with_outage_policy


def test_choose_format() -> None:
    assert choose_format(("%m/%d/%Y",), want_time=False)[0] == "%m/%d/%Y"
    fmt, why = choose_format(("%d/%m/%Y", "%m/%d/%Y"), want_time=False)
    assert fmt is None and "ambiguous" in why
    assert choose_format(("%Y-%m-%d", "%Y%m%d"), want_time=False)[0] == "%Y-%m-%d"
    assert choose_format((), want_time=False)[0] is None
    assert choose_format(("%Y-%m-%d %H:%M:%S",), want_time=True)[0] == "%Y-%m-%d %H:%M:%S"


def _flaky(failures: int):
    calls = {"n": 0}

    def read() -> str:
        calls["n"] += 1
        if calls["n"] <= failures:
            raise RelationNotFoundError("source down")
        return "fresh"
    return read


def test_retry_with_backoff_then_success() -> None:
    sleeps: list[float] = []
    result = with_outage_policy(_flaky(2), "retry", retries=3, backoff=0.5, sleep=sleeps.append)
    assert (result.value, result.stale, result.attempts) == ("fresh", False, 3)
    assert sleeps == [0.5, 1.0]


def test_stale_falls_back_to_last_good_copy() -> None:
    result = with_outage_policy(_flaky(9), "stale", retries=2, backoff=0, sleep=lambda s: None,
                                fallback=lambda: "last good")
    assert (result.value, result.stale, result.attempts) == ("last good", True, 3)
    assert isinstance(result.error, RelationNotFoundError)


def test_fail_and_retry_exhausted_raise() -> None:
    with pytest.raises(RelationNotFoundError):
        with_outage_policy(_flaky(1), "fail", sleep=lambda s: None)
    with pytest.raises(RelationNotFoundError):
        with_outage_policy(_flaky(9), "retry", retries=1, sleep=lambda s: None)


def test_programming_errors_are_not_retried() -> None:
    def broken() -> None:
        raise KeyError("bug")
    with pytest.raises(KeyError):
        with_outage_policy(broken, "stale", fallback=lambda: None, sleep=lambda s: None)
