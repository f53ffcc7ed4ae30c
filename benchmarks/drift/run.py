"""Drift benchmark: contract from `before`, live from `after`, plan, heal, run, score.

Run by hand: `.venv/bin/python benchmarks/drift/run.py [-v] [name ...]`. Each scenario gets a
fresh in-memory DuckDB. Scores: healed correctly, refused correctly, refused unnecessarily,
silently wrong (the model built and its rows differ from the model over `before`), crashed
(an exception, or healed SQL the warehouse rejected).
"""

from __future__ import annotations

import math
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlglot import exp, parse_one  # noqa: E402

from data import load_base  # noqa: E402
from datanet_sql.adapters.duckdb import DuckDBAdapter  # noqa: E402
from datanet_sql.heal.contract import live_contract  # noqa: E402
from datanet_sql.heal.plan import plan_healing  # noqa: E402
from datanet_sql.heal.rewrite import apply_healing  # noqa: E402
from scenarios import SCENARIOS, Scenario  # noqa: E402

OUTCOMES = ("healed correctly", "refused correctly", "refused unnecessarily",
            "healed, not expected", "silently wrong", "crashed")


def _norm(rows: list[tuple]) -> list[tuple]:
    def cell(v: object) -> object:
        return round(v, 6) if isinstance(v, float) and math.isfinite(v) else v
    return [tuple(cell(v) for v in row) for row in rows]


def _build(adapter: DuckDBAdapter, tables: dict[str, tuple[str, str | None]], side: int) -> None:
    """side 0: prev.<t> and raw.<t> from the before queries; side 1: raw.<t> from after."""
    for table, queries in tables.items():
        adapter.execute(f"DROP TABLE IF EXISTS raw.{table}")
        if side == 0:
            adapter.execute(f"CREATE TABLE prev.{table} AS {queries[0]}")
            adapter.execute(f"CREATE TABLE raw.{table} AS SELECT * FROM prev.{table}")
        elif queries[1] is not None:
            adapter.execute(f"CREATE TABLE raw.{table} AS {queries[1]}")


def _contracts(adapter: DuckDBAdapter, tables: dict) -> dict:
    return {("raw", t): live_contract(adapter, exp.table_(t, db="raw"), source="raw", table=t)
            for t in tables}


def run_one(scenario: Scenario) -> tuple[str, str]:
    """(outcome, detail) of one scenario."""
    adapter = DuckDBAdapter({"path": ":memory:"})
    try:
        load_base(adapter.connection)
        adapter.execute("CREATE SCHEMA prev; CREATE SCHEMA raw")
        tables = {scenario.table: (scenario.before, scenario.after), **scenario.extra}
        model = parse_one(scenario.model, read="duckdb")
        _build(adapter, tables, 0)
        contracts = _contracts(adapter, tables)
        if scenario.truth:
            adapter.execute(f"CREATE OR REPLACE TABLE prev.{scenario.table} AS {scenario.truth}")
            adapter.execute(f"CREATE OR REPLACE TABLE raw.{scenario.table} AS "
                            f"SELECT * FROM prev.{scenario.table}")
        expected = adapter.fetch(model)
        _build(adapter, tables, 1)
        live = _contracts(adapter, tables)
        reads = {f"raw.{t}": ("raw", t) for t in tables}
        plan = plan_healing(scenario.name, model, reads, contracts, live)
        if not plan.ok:
            outcome = "refused correctly" if scenario.expect == "refuse" else "refused unnecessarily"
            return outcome, plan.refusals[0].message()
        healed = apply_healing(model, plan)
        try:
            got = adapter.fetch(healed)
        except Exception as err:  # noqa: BLE001 - the benchmark records every failure
            return "crashed", f"healed SQL failed: {err}\n{healed.sql('duckdb')}"
        same = got[0] == expected[0] and _norm(got[1]) == _norm(expected[1])
        if not same:
            return "silently wrong", f"{healed.sql('duckdb')}\n{got[0]} vs {expected[0]}"
        if scenario.expect == "refuse":
            return "healed, not expected", plan.summary()
        return "healed correctly", "; ".join(h.fix.action for h in plan.heals) or "nothing to do"
    except Exception as err:  # noqa: BLE001
        return "crashed", f"{type(err).__name__}: {err}"
    finally:
        adapter.close()


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    names = [a for a in argv if not a.startswith("-")]
    chosen = [s for s in SCENARIOS if not names or s.name in names]
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    print(f"{'scenario':34} {'expect':7} outcome")
    for scenario in chosen:
        outcome, detail = run_one(scenario)
        counts[outcome] += 1
        print(f"{scenario.name:34} {scenario.expect:7} {outcome}")
        if verbose or outcome in ("silently wrong", "crashed"):
            print("    " + detail.replace("\n", "\n    "))
    total = len(chosen)
    correct = counts["healed correctly"] + counts["refused correctly"]
    print()
    print(f"| outcome | scenarios |\n|---|---|")
    for outcome in OUTCOMES:
        print(f"| {outcome} | {counts[outcome]} |")
    print(f"| **correct** | **{correct}/{total} ({correct / total:.0%})** |")
    print(f"\n{total} scenarios in {time.perf_counter() - start:.1f} s")
    return 0 if counts["silently wrong"] == counts["crashed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
