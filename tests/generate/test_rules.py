"""Every rule's dirty fixture run through the generated SQL on DuckDB, clean values asserted."""

from __future__ import annotations

import math

import pytest

from generate.cases import CASES
from generate.helpers import cleanse, duck_runner


def assert_same(got: object, want: object, context: str) -> None:
    if isinstance(want, float) and got is not None:
        assert math.isclose(float(got), want, rel_tol=1e-9), context
    else:
        assert got == want, context


def check_case(name: str, case: dict, plan, rows, rejects) -> None:
    for (raw, want), row in zip(case["values"], rows):
        assert_same(row[1], want, f"{name}: {raw!r} -> {row[1]!r}, wanted {want!r}")
    for offset, (extra, wants) in enumerate(case.get("extra", {}).items(), start=2):
        assert plan.output_names[offset - 1] == extra
        assert [row[offset] for row in rows] == wants, extra
    assert sorted(r[3] for r in rejects) == sorted(case.get("rejects", []))
    for model, key, column, raw, rule, reason in rejects:
        assert (model, column) == ("m", name) and rule == plan.reject_rule and reason == plan.reason
        assert case["values"][int(key)][0] == raw


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_on_duckdb(duck, name: str) -> None:
    case = CASES[name]
    plan, rows, rejects = cleanse(duck_runner(duck), "duckdb", name, case)
    check_case(name, case, plan, rows, rejects)
    for fragment in case.get("issues", []):
        assert any(fragment in issue for issue in plan.issues), plan.issues
    if "issues" not in case:
        assert not plan.issues
