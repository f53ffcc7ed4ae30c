"""Time `infer_relation` on a 10-million-row DuckDB table (sampling and distinct counts in SQL).

Run: .venv/bin/python benchmarks/semantics/bench_10m.py   (target: under 2 s for the inference)
"""

from __future__ import annotations

import time

from sqlglot import exp

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.semantics import infer_relation, load_or_train

BUILD = """
CREATE TABLE big AS SELECT range AS id,
    'user' || (range % 500000) || '@example.com' AS email,
    lpad(((range * 7919) % 99999)::VARCHAR, 5, '0') AS zip,
    40.0 + (range % 10000) / 10000.0 AS lat,
    -74.0 - (range % 7777) / 10000.0 AS lon,
    round(((range * 31) % 100000) / 100.0, 2) AS amount,
    ['new', 'paid', 'shipped', 'returned'][range % 4 + 1] AS status,
    1600000000 + range * 3 AS created_epoch,
    DATE '2020-01-01' + (range % 1500)::INTEGER AS order_date
FROM range(10000000)
"""


def main() -> None:
    adapter = DuckDBAdapter({"path": ":memory:"})
    t0 = time.perf_counter()
    adapter.execute(BUILD)
    print(f"built 10,000,000 rows in {time.perf_counter() - t0:.1f} s")
    model = load_or_train(None)
    columns = [(c.name, c.type) for c in adapter.list_columns(Relation("big")) or []]
    timings = []
    for _ in range(3):
        t0 = time.perf_counter()
        result = infer_relation(adapter, exp.table_("big"), columns, model=model)
        timings.append(time.perf_counter() - t0)
    for name, inf in result.items():
        print(f"  {name:14} {inf.semantic:16} {inf.confidence:.2f}  {'; '.join(inf.evidence)}")
    print(f"infer_relation over {len(columns)} columns: best {min(timings):.2f} s, "
          f"runs {', '.join(f'{t:.2f}' for t in timings)}")


if __name__ == "__main__":
    main()
