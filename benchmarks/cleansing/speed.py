"""Speed benchmark: generated cleansing SQL vs a hand-written DuckDB equivalent, 10M rows.

    .venv/bin/python benchmarks/cleansing/speed.py [--rows 10000000] [--repeat 3]

Both queries are wrapped in `SELECT count(col), ...` over every output column, so DuckDB must
compute every cleansed value but no time goes into writing a table. The hand-written query is
what a DuckDB user would write (TRY_CAST, TRY_STRPTIME with a list of formats, regexp); the
generated one is portable (no TRY_*). Results are checked to agree on a 200k-row slice.
"""

from __future__ import annotations

import argparse
import statistics
import time

import duckdb
from sqlglot import exp

from datanet_sql.generate import cleanse_query, plan_column

COLUMNS = {
    "amount": "money",
    "day": "date",
    "email": "email",
    "flag": "boolean",
    "category": "categorical",
    "weight": "numeric_measure",
}

MAKE_RAW = """
CREATE OR REPLACE TABLE raw AS
SELECT i AS id,
  CASE i % 5 WHEN 0 THEN '$' || format('{:,.2f}', v) WHEN 1 THEN replace(replace(replace(format('{:,.2f}', v), ',', '_'), '.', ','), '_', '.') || ' €'
    WHEN 2 THEN '(' || format('{:.2f}', v) || ')' WHEN 3 THEN ' ' || format('{:.2f}', v) ELSE 'N/A' END AS amount,
  CASE i % 6 WHEN 0 THEN strftime(d, '%Y-%m-%d') WHEN 1 THEN strftime(d, '%d/%m/%Y') WHEN 2 THEN strftime(d, '%-d %b %Y')
    WHEN 3 THEN strftime(d, '%Y%m%d') WHEN 4 THEN CAST(epoch(d) AS BIGINT)::VARCHAR ELSE '' END AS day,
  CASE i % 4 WHEN 0 THEN ' User' || (i % 100000) || '@Example.com' WHEN 1 THEN 'user' || (i % 77777) || '@mail.org'
    WHEN 2 THEN 'bad-address-' || (i % 10) ELSE NULL END AS email,
  (['yes', 'no', 'Y', 'N', 'true', 'false', '1', '0', 'n/a', 'maybe'])[1 + i % 10] AS flag,
  (['Retail', 'RETAIL', 'retail ', 'Online', 'Online', 'online', 'Wholesale', '-'])[1 + i % 8] AS category,
  CASE i % 3 WHEN 0 THEN format('{:,}', (i % 50000)) || ' g' WHEN 1 THEN ((i % 5000) / 10.0)::VARCHAR || 'kg' ELSE ' ' || (i % 999)::VARCHAR END AS weight
FROM (SELECT i, (hash(i) % 10000000) / 100.0 AS v, DATE '2000-01-01' + CAST(hash(i * 7) % 9000 AS INT) AS d
      FROM range({rows}) t(i))
"""

WS = r"'[\s\xa0]+'"
NULLS = "('', 'n/a', 'na', 'n.a.', '#n/a', 'null', 'none', 'nil', 'nan', '-', '--', '?', '.', 'missing', '(null)', '(blank)', 'undefined')"

PREPARED = ", ".join(
    f"CASE WHEN lower(trim(regexp_replace({c}, {WS}, ' ', 'g'))) IN {NULLS} THEN NULL "
    f"ELSE trim(regexp_replace({c}, {WS}, ' ', 'g')) END AS {c}"
    for c in COLUMNS
)

HAND = f"""
WITH p AS (
  SELECT id,
    {PREPARED}
  FROM raw
), n AS (
  SELECT *, regexp_replace(upper(amount), '[^0-9.,]', '', 'g') AS amount_digits,
         regexp_extract(weight, '^[-+]?[0-9.,]*[0-9]') AS weight_num
  FROM p
)
SELECT id,
  CASE WHEN amount LIKE '(%)' OR amount LIKE '%-%' THEN -1 ELSE 1 END *
    CASE WHEN regexp_matches(amount_digits, ',[0-9]{{1,2}}$') THEN TRY_CAST(replace(replace(amount_digits, '.', ''), ',', '.') AS DECIMAL(18, 2))
         ELSE TRY_CAST(replace(amount_digits, ',', '') AS DECIMAL(18, 2)) END AS amount,
  CASE WHEN amount LIKE '%$%' THEN 'USD' WHEN amount LIKE '%€%' OR amount LIKE '%EUR%' THEN 'EUR' END AS amount_currency,
  CAST(COALESCE(TRY_STRPTIME(day, ['%Y-%m-%d', '%d/%m/%Y', '%d %b %Y', '%Y%m%d']),
                CASE WHEN regexp_matches(day, '^[0-9]{{9,10}}$') THEN to_timestamp(day::BIGINT) END) AS DATE) AS day,
  CASE WHEN regexp_matches(lower(email), '^[a-z0-9._%+-]+@[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{{2,}}$') THEN lower(email) END AS email,
  CASE WHEN lower(flag) IN ('yes', 'y', 'true', 't', '1', 'on', 'x') THEN TRUE
       WHEN lower(flag) IN ('no', 'n', 'false', 'f', '0', 'off') THEN FALSE END AS flag,
  upper(category[1]) || lower(category[2:]) AS category,
  TRY_CAST(replace(weight_num, ',', '') AS DOUBLE) AS weight,
  nullif(trim(substring(weight, length(weight_num) + 1)), '') AS weight_unit
FROM n
"""


def generated_sql(con: duckdb.DuckDBPyConnection) -> tuple[str, list[str]]:
    plans = {}
    for column, semantic in COLUMNS.items():
        sample = [
            r[0]
            for r in con.execute(
                f"SELECT {column} FROM raw USING SAMPLE 1000 ROWS (reservoir, 7)"
            ).fetchall()
        ]
        plans[column] = plan_column(column, semantic, "VARCHAR", sample)
    outputs = ["id"] + [n for p in plans.values() for n in p.output_names]
    return cleanse_query(exp.table_("raw"), plans, ["id"]).sql("duckdb"), outputs


def counted(sql: str, outputs: list[str]) -> str:
    return f"SELECT {', '.join(f'count({c})' for c in outputs)} FROM ({sql}) q"


def timed(con: duckdb.DuckDBPyConnection, queries: dict[str, str], repeat: int) -> dict[str, tuple]:
    """Best of `repeat` runs each, the queries interleaved so load from other processes on a
    shared machine hits both alike."""
    times: dict[str, list[float]] = {name: [] for name in queries}
    results: dict[str, tuple] = {}
    for _ in range(repeat):
        for name, sql in queries.items():
            started = time.perf_counter()
            results[name] = con.execute(sql).fetchone()
            times[name].append(time.perf_counter() - started)
    return {
        name: (min(times[name]), statistics.median(times[name]), results[name]) for name in queries
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    con = duckdb.connect()
    con.execute(f"SET threads = {args.threads}")
    con.execute("SET TimeZone = 'UTC'")
    started = time.perf_counter()
    con.execute(MAKE_RAW.replace("{rows}", str(args.rows)))
    print(f"made {args.rows:,} dirty rows in {time.perf_counter() - started:.1f}s")
    generated, outputs = generated_sql(con)
    hand_outputs = [
        "id",
        "amount",
        "amount_currency",
        "day",
        "email",
        "flag",
        "category",
        "weight",
        "weight_unit",
    ]
    assert outputs == hand_outputs, outputs
    check = (
        f"SELECT count(*) FROM (SELECT * FROM ({generated}) g WHERE id < 200000 EXCEPT "
        f"SELECT * FROM ({HAND}) h WHERE id < 200000)"
    )
    mismatches = con.execute(check).fetchone()[0]
    runs = timed(
        con,
        {"hand-written": counted(HAND, outputs), "generated": counted(generated, outputs)},
        args.repeat,
    )
    print(f"{'query':<12} {'best s':>7} {'median s':>9} {'non-null outputs':>18}")
    for name, (best, median, counts) in runs.items():
        print(f"{name:<12} {best:>7.2f} {median:>9.2f} {sum(counts):>18,}")
    gen_time, hand_time = runs["generated"][0], runs["hand-written"][0]
    print(
        f"ratio generated / hand-written: {gen_time / hand_time:.2f}x (target <= 1.5x); "
        f"rows that differ on the first 200k: {mismatches}"
    )
    return 0 if gen_time / hand_time <= 1.5 and mismatches == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
