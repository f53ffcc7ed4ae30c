"""Run every rule fixture of tests/generate/cases.py on local Spark (by hand: the JVM is slow).

    .venv/bin/python benchmarks/cleansing/spark_check.py

Spark 4 runs with ANSI mode on, so a cast that is not guarded would raise here.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

from generate.cases import CASES
from generate.helpers import cleanse
from generate.test_rules import check_case


def main() -> int:
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[1]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    print("ansi mode:", spark.conf.get("spark.sql.ansi.enabled"))
    failures = 0
    for name, case in sorted(CASES.items()):
        table: list[tuple[int, str | None]] = []

        def run(sql: str, params: list | None, table=table, case=case, name=name) -> list:
            if sql.startswith("CREATE TABLE"):
                return []
            if sql.startswith("INSERT"):
                table.append((len(table), params[0] if params else None))
                if len(table) == len(case["values"]):
                    spark.createDataFrame(
                        table, f"id INT, `{name}` STRING"
                    ).createOrReplaceTempView("t")
                return []
            return [tuple(r) for r in spark.sql(sql).collect()]

        try:
            plan, rows, rejects = cleanse(run, "spark", name, case)
            check_case(name, case, plan, rows, rejects)
            print(f"ok    {name}")
        except Exception as err:  # noqa: BLE001 - report every case, then fail
            failures += 1
            print(f"FAIL  {name}: {str(err)[:300]}")
    spark.stop()
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
