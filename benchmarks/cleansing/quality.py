"""Cleansing quality benchmark: dirty real tables, run `cleanse: auto` + `dedupe: exact`, score.

    .venv/bin/python benchmarks/cleansing/quality.py [--seed 42]

For every table: a seeded share of cells is spoiled (formats, case, whitespace, units,
currencies, null tokens for missing values), 3% of rows are appended again as exact copies of
their dirty row and 3% as near duplicates (the clean row spoiled a second, different way).
The generated SQL runs on DuckDB; the result is compared with the clean original.
Targets: >= 95% of dirtied cells restored, no row lost, every duplicate removed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import duckdb
import pyarrow as pa
from dirt import clean_text, dirty
from sqlglot import exp
from tables import Table, all_tables

from datanet_sql.generate import cleanse_query, dedupe_query, plan_column, rejects_query

DIRTY_SHARE, NULL_TOKEN_SHARE, DUPLICATE_SHARE, GARBAGE_SHARE = 0.4, 0.7, 0.03, 0.01
GARBAGE = ["#VALUE!", "TBD", "see notes", "12/45/2020", "1.2.3", "xx@", "--x--"]
UNTYPED = ("categorical", "identifier", "free_text", "person_name", "address")
SAMPLE = 1000  # the compiler samples at most this many raw values per column


def spoil(table: Table, rng: random.Random) -> tuple[list[dict], set[tuple[str, str]], int, set]:
    """Dirty rows (all text), the (row_id, column) cells spoiled, how many duplicates were
    added, and the cells overwritten with garbage (which must end up in the rejects)."""
    rows, spoiled, garbage = [], set(), set()
    for row in table.rows:
        out = {"row_id": row["row_id"]}
        for column, semantic in table.semantics.items():
            value = row[column]
            chance = NULL_TOKEN_SHARE if value is None else DIRTY_SHARE
            if semantic not in UNTYPED and rng.random() < GARBAGE_SHARE:
                out[column] = rng.choice(GARBAGE)
                garbage.add((row["row_id"], column))
            elif rng.random() < chance:
                out[column] = dirty(value, semantic, rng, column)
                spoiled.add((row["row_id"], column))
            else:
                out[column] = None if value is None else clean_text(value, semantic)
        rows.append(out)
    count = max(1, int(len(rows) * DUPLICATE_SHARE))
    exact = [dict(r) for r in rng.sample(rows, count)]
    originals = {r["row_id"]: r for r in table.rows}
    near = [
        {
            "row_id": r["row_id"],
            **{
                c: r[c]
                if (r["row_id"], c) in garbage
                else dirty(originals[r["row_id"]][c], s, rng, c)
                for c, s in table.semantics.items()
            },
        }
        for r in rng.sample(rows, count)
    ]
    everything = rows + exact + near
    rng.shuffle(everything)
    return everything, spoiled, 2 * count, garbage


def same(got: object, want: object) -> bool:
    if want is None or got is None:
        return got is None and want is None
    if isinstance(want, Decimal):
        return Decimal(str(got)) == want
    if isinstance(want, float):
        return abs(float(got) - want) <= 1e-9 * max(1.0, abs(want))  # type: ignore[arg-type]
    if isinstance(want, (date, datetime, bool)):
        return got == want
    return str(got) == str(want)


def run_table(
    con: duckdb.DuckDBPyConnection, table: Table, rng: random.Random, overrides: bool
) -> dict[str, object]:
    rows, spoiled, duplicates, garbage = spoil(table, rng)
    columns = ["row_id", *table.semantics]
    con.register(
        f"raw_{table.name}",
        pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in columns}),
    )
    rules = (table.overrides or {}) if overrides else {}
    plans = {
        c: plan_column(c, s, "VARCHAR", [r[c] for r in rows][:SAMPLE], rules.get(c, "auto"))
        for c, s in table.semantics.items()
    }
    source = exp.table_(f"raw_{table.name}")
    started = time.perf_counter()
    query = dedupe_query(cleanse_query(source, plans, ["row_id"]), "exact")
    result = con.execute(query.sql("duckdb"))
    names = [d[0] for d in result.description]
    out = [dict(zip(names, r)) for r in result.fetchall()]
    rejects = con.execute(
        rejects_query(source, plans, ["row_id"], table.name).sql("duckdb")
    ).fetchall()
    seconds = time.perf_counter() - started
    by_id: dict[str, list[dict]] = {}
    for row in out:
        by_id.setdefault(row["row_id"], []).append(row)
    originals = {r["row_id"]: r for r in table.rows}
    restored = sum(
        1 for rid, c in spoiled if rid in by_id and same(by_id[rid][0][c], originals[rid][c])
    )
    untouched = [
        (rid, c) for rid in originals for c in table.semantics if (rid, c) not in spoiled | garbage
    ]
    kept = sum(
        1 for rid, c in untouched if rid in by_id and same(by_id[rid][0][c], originals[rid][c])
    )
    failures = [
        (
            c,
            next(r[c] for r in rows if r["row_id"] == rid),
            by_id.get(rid, [{}])[0].get(c),
            originals[rid][c],
        )
        for rid, c in sorted(spoiled)
        if rid in by_id and not same(by_id[rid][0][c], originals[rid][c])
    ]
    return {
        "table": table.name,
        "rows": len(table.rows),
        "cols": len(table.semantics),
        "dirtied": len(spoiled),
        "restored": restored / len(spoiled),
        "clean_kept": kept / max(1, len(untouched)),
        "rows_kept": sum(1 for rid in originals if rid in by_id) / len(originals),
        "dups_added": duplicates,
        "dups_left": len(out) - len(by_id),
        "rejects": len(rejects),
        "garbage": len(garbage),
        "garbage_rejected": len(garbage & {(r[1], r[2]) for r in rejects}),
        "garbage_nulled": sum(1 for rid, c in garbage if by_id[rid][0][c] is None),
        "issues": [i for p in plans.values() for i in p.issues],
        "garbage_kept": sorted(
            {
                (c, next(r[c] for r in rows if r["row_id"] == rid))
                for rid, c in garbage
                if (rid, c) not in {(r[1], r[2]) for r in rejects}
            }
        ),
        "failures": failures,
        "seconds": seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--no-overrides",
        action="store_true",
        help="pure `cleanse: auto`, ignore the "
        "rule options a user adds after reading the plan's issues",
    )
    args = parser.parse_args()
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    results = [
        run_table(con, t, random.Random(f"{args.seed}-{t.name}"), not args.no_overrides)
        for t in all_tables()
    ]
    header = f"{'table':16} {'rows':>5} {'cols':>4} {'dirtied':>7} {'restored':>8} {'clean ok':>8} {'rows kept':>9} {'dups in':>7} {'dups left':>9} {'garbage':>7} {'rejected':>8} {'rejects':>7} {'sec':>5}"
    print(header)
    for r in results:
        print(
            f"{r['table']:16} {r['rows']:>5} {r['cols']:>4} {r['dirtied']:>7} {r['restored']:>8.2%} {r['clean_kept']:>8.2%} "
            f"{r['rows_kept']:>9.2%} {r['dups_added']:>7} {r['dups_left']:>9} {r['garbage']:>7} {r['garbage_rejected']:>8} {r['rejects']:>7} {r['seconds']:>5.2f}"
        )
    dirtied = sum(r["dirtied"] for r in results)
    restored = sum(r["restored"] * r["dirtied"] for r in results) / dirtied
    print(
        f"{'TOTAL':16} {sum(r['rows'] for r in results):>5} {'':>4} {dirtied:>7} {restored:>8.2%}"
    )
    for r in results:
        for issue in r["issues"]:
            print(f"issue  {r['table']}: {issue}")
        for column, raw in r["garbage_kept"][:5]:
            print(f"kept   {r['table']}.{column}: garbage {raw!r} not rejected")
        for column, raw, got, want in r["failures"][:5]:
            print(f"miss   {r['table']}.{column}: {raw!r} -> {got!r}, wanted {want!r}")
    ok = restored >= 0.95 and all(r["rows_kept"] == 1 and r["dups_left"] == 0 for r in results)
    ok = ok and all(r["garbage_rejected"] == r["garbage"] == r["garbage_nulled"] for r in results)
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
