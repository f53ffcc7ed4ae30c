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


# Date pipelines inline to ~700 kB of SQL (every helper repeated): they are only compiled staged.
INLINE_CASES = sorted(n for n, c in CASES.items() if not n.startswith(("date", "timestamp")))


@pytest.mark.parametrize("name", INLINE_CASES)
def test_inlined_outputs_match_staged(duck, name: str) -> None:
    """`plan.outputs` (one expression over the raw column) gives the staged query's values."""
    from sqlglot import exp

    case = CASES[name]
    plan, rows, _ = cleanse(duck_runner(duck), "duckdb", name, case)
    inline = (
        exp.select("id", *[exp.alias_(e, n) for n, e in plan.outputs]).from_("t").order_by("id")
    )
    assert duck.execute(inline.sql("duckdb")).fetchall() == rows
    if plan.reject is None:
        assert not case.get("rejects")
        return
    flagged = exp.select("id").from_("t").where(plan.reject)
    assert len(duck.execute(flagged.sql("duckdb")).fetchall()) == len(case.get("rejects", []))
