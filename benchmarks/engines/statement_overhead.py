"""Raw statement overhead per engine, through the adapters: what one model costs before datanet.

For each engine: connect (or start the session), then N times each of: CREATE TABLE AS of a
two-row query, CREATE OR REPLACE VIEW, the full `table` materialization (replace_table: temp
build + swap in a transaction), a MERGE of one row (merge_statements), and a one-row fetch.
Numbers are milliseconds per statement (median and total); they feed the per-engine
`datanet run` benchmark, where datanet's own overhead is the run time minus these.

Run by hand, once:  .venv/bin/python benchmarks/engines/statement_overhead.py [--n 100]
                    [--engines duckdb,postgres,spark] [--spark-n 20] [--spark-profile small]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlglot import exp, parse_one

from datanet_sql.adapters.base import Adapter, Relation

PG_DSN = os.environ.get("DATANET_BENCH_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")
OUT = Path(__file__).with_name("results.json")


def make_adapter(engine: str, workdir: Path, spark_profile: str) -> tuple[Adapter, str]:
    schema = f"dn_bench_{uuid.uuid4().hex[:8]}"
    if engine == "duckdb":
        from datanet_sql.adapters.duckdb import DuckDBAdapter

        return DuckDBAdapter({"path": str(workdir / "bench.duckdb"), "schema": schema}), schema
    if engine == "postgres":
        from datanet_sql.adapters.postgres import PostgresAdapter

        return PostgresAdapter({"dsn": PG_DSN, "schema": schema}), schema
    from datanet_sql.adapters.spark import SMALL_DATA_CONFIG, SparkAdapter

    extra = SMALL_DATA_CONFIG if spark_profile == "small" else {}
    return SparkAdapter({**extra, "warehouse_dir": str(workdir / "wh"), "schema": schema}), schema


def timed(n: int, step: Callable[[int], Any]) -> dict[str, float]:
    """Run step(i) n times; milliseconds per call (median, mean) and the total in seconds."""
    samples = []
    for i in range(n):
        start = time.perf_counter()
        step(i)
        samples.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(samples), 2),
            "mean_ms": round(statistics.mean(samples), 2),
            "total_s": round(sum(samples) / 1000, 2)}


def bench_engine(engine: str, n: int, workdir: Path, spark_profile: str) -> dict[str, Any]:
    start = time.perf_counter()
    adapter, schema = make_adapter(engine, workdir, spark_profile)
    adapter.execute(adapter.create_schema(schema))
    result: dict[str, Any] = {"n": n, "connect_s": round(time.perf_counter() - start, 2)}
    query = parse_one("SELECT 1 AS id, 'a' AS v UNION ALL SELECT 2, 'b'")
    rel = lambda name: Relation(name, schema)  # noqa: E731
    result["create_table_as"] = timed(n, lambda i: adapter.execute(
        adapter.create_table_as(rel(f"t{i}"), query.copy())))
    result["create_view"] = timed(n, lambda i: adapter.execute(
        adapter.create_view_as(rel(f"v{i}"), exp.select("*").from_(rel(f"t{i}").table()))))
    result["replace_table"] = timed(n, lambda i: adapter.replace_table(rel(f"t{i}"),
                                                                       query.copy()))
    source = parse_one("SELECT 2 AS id, 'B' AS v")
    result["merge"] = timed(n, lambda i: adapter.transaction(
        adapter.merge_statements(rel(f"t{i}"), source.copy(), ["id"], ["id", "v"])))
    result["fetch_one_row"] = timed(n, lambda i: adapter.fetch(adapter.select_star(rel(f"v{i}"))))
    drop = exp.Drop(tables=[exp.Table(this=exp.to_identifier(schema, quoted=True))],
                    kind="SCHEMA", exists=True, cascade=True)
    adapter.execute(drop)
    adapter.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--spark-n", type=int, default=20)
    parser.add_argument("--engines", default="duckdb,postgres,spark")
    parser.add_argument("--spark-profile", choices=["small", "default"], default="small")
    args = parser.parse_args()
    results: dict[str, Any] = {"machine": f"{platform.machine()} {os.cpu_count()} cpus",
                               "load_avg_at_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        for engine in args.engines.split(","):
            n = args.spark_n if engine == "spark" else args.n
            results[engine] = bench_engine(engine, n, Path(tmp), args.spark_profile)
            print(engine, json.dumps(results[engine]), flush=True)
    results["load_avg_at_end"] = os.getloadavg()[0]
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
