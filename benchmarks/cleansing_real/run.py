"""Cleansing on real tables nobody here wrote: dirty them, run a datanet project, score.

    PYTHONPATH=. python benchmarks/cleansing_real/run.py [--seed 7] [--heldout]
        [--workdir DIR] [--show 8]

Each table is spoiled by `dirt.py` (30% of cells; every missing value written as a null token),
3% of its records are re-sent as exact copies of their dirty row and 3% as near duplicates
(every column re-written another way: case, whitespace, number or unit format). The files
become a project with one declarative model per table, `cleanse: auto` + `dedupe: exact` and
nothing else (no semantic declared), built with `datanet run` on DuckDB. The result is compared
with the clean original, cell by cell (see README.md for what counts).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

from dirt import clean_text, dirty, number_text  # noqa: E402
from tables import HELD_OUT, Table, all_tables  # noqa: E402

DIRTY_SHARE, DUPLICATE_SHARE = 0.3, 0.03


@dataclass
class Spoiled:
    rows: list[dict[str, str]]  # the file's rows, duplicates included, shuffled
    dirty: set[tuple[str, str]]  # (rec_id, column) cells written dirty in the record's first copy
    duplicates: int
    samples: dict[tuple[str, str], str] = field(default_factory=dict)  # raw text of dirty cells


def spoil(table: Table, rng: random.Random) -> Spoiled:
    rows, cells, raw = [], set(), {}
    for record in table.rows:
        out = {"rec_id": str(record["rec_id"])}
        for column, kind in table.kinds.items():
            value = record[column]
            if value is None or rng.random() < DIRTY_SHARE:
                out[column] = dirty(value, kind, rng)
                cells.add((out["rec_id"], column))
                raw[(out["rec_id"], column)] = out[column]
            else:
                out[column] = clean_text(value, kind)
        rows.append(out)
    count = max(1, round(len(rows) * DUPLICATE_SHARE))
    exact = [dict(r) for r in rng.sample(rows, count)]
    by_id = {str(r["rec_id"]): r for r in table.rows}
    near = []
    for row in rng.sample(rows, count):
        record = by_id[row["rec_id"]]
        near.append({"rec_id": row["rec_id"],
                     **{c: dirty(record[c], k, rng) for c, k in table.kinds.items()}})
    everything = rows + exact + near
    rng.shuffle(everything)
    return Spoiled(everything, cells, 2 * count, raw)


def write_project(root: Path, spoiled: dict[str, Spoiled], tables: list[Table]) -> None:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "models").mkdir(exist_ok=True)
    (root / "sources").mkdir(exist_ok=True)
    (root / "datanet.yml").write_text("name: cleansing_real\ntarget: dev\n")
    (root / "targets.yml").write_text("dev: {type: duckdb, path: .datanet/dev.duckdb}\n")
    sources = ["sources:", "  - name: raw", "    tables:"]
    models = ["models:"]
    for table in tables:
        columns = ["rec_id", *table.kinds]
        with (root / "data" / f"{table.name}.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, columns)
            writer.writeheader()
            writer.writerows(spoiled[table.name].rows)
        sources.append(f"      - {{name: {table.name}, path: data/{table.name}.csv}}")
        models += [f"  - name: clean_{table.name}", f"    from: source('raw', '{table.name}')",
                   "    materialized: table", "    cleanse: auto", "    dedupe: exact"]
    (root / "sources" / "raw.yml").write_text("\n".join(sources) + "\n")
    (root / "models" / "clean.yml").write_text("\n".join(models) + "\n")


def build(root: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    code = "import sys; from datanet_sql.cli.main import main; sys.exit(main())"
    done = subprocess.run([sys.executable, "-c", code, "run", "--project-dir", str(root)],
                          env=env, capture_output=True, text=True)
    return done.stdout + done.stderr


def same(got: object, want: object) -> bool:
    """The cleansed value is the clean one: numbers exactly (no float noise), dates as dates;
    a column left as text counts when its text is the clean text."""
    if want is None or got is None:
        return got is None and want is None
    if isinstance(want, date):
        return got == want or str(got) == want.isoformat()
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        if isinstance(got, (int, float, Decimal)) and not isinstance(got, bool):
            try:
                return Decimal(repr(got) if isinstance(got, float) else str(got)) == \
                    Decimal(number_text(want))
            except InvalidOperation:
                return False
        return str(got) == number_text(want)
    if isinstance(got, datetime):
        return False
    return str(got) == str(want)


def score(table: Table, spoiled: Spoiled, out: list[dict]) -> dict:
    by_id: dict[str, list[dict]] = {}
    for row in out:
        by_id.setdefault(str(row["rec_id"]), []).append(row)
    truth = {str(r["rec_id"]): r for r in table.rows}
    restored, kept, damaged, misses = 0, 0, [], []
    clean_cells = 0
    for rec_id, record in truth.items():
        copies = by_id.get(rec_id, [{}])
        got = copies[0]
        for column in table.kinds:  # every copy left in the model must hold the clean value
            name = column.lower()
            ok = all(name in c and same(c[name], record[column]) for c in copies)
            if (rec_id, column) in spoiled.dirty:
                restored += ok
                if not ok:
                    misses.append((column, spoiled.samples[(rec_id, column)], got.get(name),
                                   record[column]))
            else:
                clean_cells += 1
                kept += ok
                if not ok:
                    damaged.append((column, clean_text(record[column], table.kinds[column]),
                                    got.get(name)))
    left = len(out) - len(by_id)
    return {"table": table.name, "rows": len(truth), "dirty": len(spoiled.dirty),
            "restored": restored, "clean": clean_cells, "kept": kept,
            "dups": spoiled.duplicates, "dups_left": left,
            "lost": sum(1 for r in truth if r not in by_id), "misses": misses, "damaged": damaged}


def read(root: Path, name: str) -> list[dict]:
    import duckdb

    con = duckdb.connect(str(root / ".datanet" / "dev.duckdb"), read_only=True)
    try:
        result = con.execute(f'select * from main."clean_{name}"')
        names = [d[0].lower() for d in result.description]  # DuckDB names are case-insensitive
        return [dict(zip(names, r)) for r in result.fetchall()]
    finally:
        con.close()


def report(results: list[dict], show: int) -> None:
    print(f"{'table':10} {'rows':>5} {'dirty':>6} {'restored':>9} {'clean':>6} {'unchanged':>9} "
          f"{'dups':>5} {'removed':>8} {'lost':>5}")
    for r in results:
        print(f"{r['table']:10} {r['rows']:>5} {r['dirty']:>6} {r['restored'] / r['dirty']:>9.2%} "
              f"{r['clean']:>6} {r['kept'] / r['clean']:>9.2%} {r['dups']:>5} "
              f"{(r['dups'] - r['dups_left']) / r['dups']:>8.2%} {r['lost']:>5}")
    dirty_cells = sum(r["dirty"] for r in results)
    clean_cells = sum(r["clean"] for r in results)
    dups = sum(r["dups"] for r in results)
    print(f"{'TOTAL':10} {sum(r['rows'] for r in results):>5} {dirty_cells:>6} "
          f"{sum(r['restored'] for r in results) / dirty_cells:>9.2%} {clean_cells:>6} "
          f"{sum(r['kept'] for r in results) / clean_cells:>9.2%} {dups:>5} "
          f"{(dups - sum(r['dups_left'] for r in results)) / dups:>8.2%} "
          f"{sum(r['lost'] for r in results):>5}")
    for r in results:
        for column, raw, got, want in r["misses"][:show]:
            print(f"miss    {r['table']}.{column}: {raw!r} -> {got!r}, wanted {want!r}")
        for column, raw, got in r["damaged"][:show]:
            print(f"damaged {r['table']}.{column}: {raw!r} -> {got!r}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--heldout", action="store_true", help="score the held-out table only")
    parser.add_argument("--workdir", type=Path, help="keep the project here (default: a temp dir)")
    parser.add_argument("--show", type=int, default=8, help="misses shown per table")
    args = parser.parse_args()
    tables = [t for t in all_tables() if (t.name in HELD_OUT) == args.heldout]
    spoiled = {t.name: spoil(t, random.Random(f"{args.seed}-{t.name}")) for t in tables}
    root = args.workdir or Path(tempfile.mkdtemp(prefix="dn_cleansing_real_"))
    write_project(root, spoiled, tables)
    log = build(root)
    print(log.strip())
    results = [score(t, spoiled[t.name], read(root, t.name)) for t in tables]
    report(results, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
