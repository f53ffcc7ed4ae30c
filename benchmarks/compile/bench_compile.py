"""Time `datanet compile` on generated projects: cold, warm (unchanged) and after one edit.

The cold compile is timed twice, alternately: as it runs (forked workers analyse each DAG
level's models on the spare cores) and in one process (DATANET_COMPILE_PROCESSES=1), so the
workers' gain in wall seconds and their cost in CPU seconds are seen on the same machine.

The unchanged recompile is timed twice: as a user meets it (the whole-compile fast path of
compile/last_compile.py reuses the last output) and with that path's stamp removed (every
pass runs, over the per-model caches), the baseline the fast path is measured against.
The edited recompile (a column appended to the first staging model, which the edit path of
compile/edit_compile.py recompiles alone) is the best of `--repeat` edits in a row.

Each compile runs in its own subprocess (so interpreter start-up and the cache on disk are
measured as a user meets them); peak memory is that process's maximum RSS (from os.wait4).
The same script also times a *baseline* in this process: plain sqlglot parse + qualify +
annotate_types + transpile of every model against one prebuilt MappingSchema, the least work
any compiler that checks columns must do. With `--dbt EXE` it also times `dbt compile`
(dbt-core + dbt-duckdb, a separate environment) on the dbt twin of the same project
(benchmarks/dbt_twin.py): cold (no target/) and unchanged (partial parse). On a shared, noisy
machine the ratios to the baseline are the meaningful figures (CPU seconds, which other
processes disturb far less than wall seconds); absolute seconds move with the load.

    .venv/bin/python benchmarks/compile/bench_compile.py [--sizes 100 1000] [--keep DIR]
        [--dbt .dbt-venv/bin/dbt] [--repeat 3]
        [--profile FILE]   # cProfile the cold compile of the largest size into FILE

Run by hand, once, when the machine is quiet (never from tests).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dbt_twin import child_env, timed_dbt, write_dbt_twin
from gen_project import generate_project

_REF = re.compile(r"\{\{\s*ref\('(\w+)'\)\s*\}\}")
_SOURCE = re.compile(r"\{\{\s*source\('(\w+)',\s*'(\w+)'\)\s*\}\}")
_SUMMARY = re.compile(r"in ([\d.]+)s \((\d+) analysed, (\d+) unchanged\)")


@dataclass
class Run:
    """One `datanet compile` subprocess."""

    wall: float  # seconds from process start to exit
    cpu: float  # user + system CPU seconds of the process (steadier than wall under load)
    inside: float  # seconds the command reports itself (no interpreter start-up)
    analysed: int
    unchanged: int
    peak_mb: float


def compile_once(project: Path, profile: Path | None = None, processes: int | None = None) -> Run:
    """`datanet compile` in a child process: its wall time, own timing, counts and peak RSS.

    The CPU seconds include the forked workers that analyse DAG levels (the process waits for
    them); the peak RSS is the largest process's, the workers sharing the compiler's memory
    copy-on-write. `processes` sets DATANET_COMPILE_PROCESSES (1: no workers)."""
    code = "from datanet_sql.cli.main import main; main()"
    command = [sys.executable, "-c", code] if profile is None else \
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-c", code]
    command += ["compile", "--project-dir", str(project)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        extra = {} if processes is None else {"DATANET_COMPILE_PROCESSES": str(processes)}
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True,
                                 env=child_env(COLUMNS="200", **extra))
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if child.returncode:
        raise SystemExit(f"datanet compile failed:\n{stderr}")
    match = _SUMMARY.search(stdout)
    if match is None:
        raise SystemExit(f"unexpected output: {stdout}")
    return Run(wall, usage.ru_utime + usage.ru_stime, float(match.group(1)),
               int(match.group(2)), int(match.group(3)), usage.ru_maxrss / 1024)  # KiB


def edit_one_model(project: Path, round_: int = 1) -> str:
    """Append a column to the first staging model (its children must be re-analysed); each
    round appends another."""
    model = min((project / "models" / "staging").glob("*.sql"))
    text = model.read_text(encoding="utf-8")
    head, sep, tail = text.rpartition("\nfrom ")
    model.write_text(f"{head},\n    {round_} as bench_extra_{round_}{sep}{tail}",
                     encoding="utf-8")
    return model.stem


# --- baseline: sqlglot alone -------------------------------------------------------------

def baseline(project: Path) -> tuple[float, float]:
    """Wall and CPU seconds for parse + qualify + annotate_types + transpile of every model, in DAG order,
    each model's output columns added to one MappingSchema for its children."""
    import duckdb
    import sqlglot
    from sqlglot.optimizer.annotate_types import annotate_types
    from sqlglot.optimizer.qualify import qualify
    from sqlglot.schema import MappingSchema

    texts = {p.stem: p.read_text(encoding="utf-8") for p in project.glob("models/**/*.sql")}
    schema = MappingSchema(dialect="duckdb")
    con = duckdb.connect()
    for csv in sorted((project / "data").glob("*.csv")):
        rows = con.execute(f"describe select * from read_csv('{csv}')").fetchall()
        schema.add_table(f"raw.{csv.stem}", {r[0]: r[1] for r in rows}, dialect="duckdb")
    graph = {name: set(_REF.findall(text)) for name, text in texts.items()}
    started, cpu = time.perf_counter(), time.process_time()
    for name in TopologicalSorter(graph).static_order():
        sql = _SOURCE.sub(r"\1.\2", _REF.sub(r"main.\1", texts[name]))
        tree = sqlglot.parse_one(sql, read="duckdb")
        typed = annotate_types(qualify(tree, schema=schema, dialect="duckdb",
                                       validate_qualify_columns=True),
                               schema=schema, dialect="duckdb")
        typed.sql(dialect="duckdb", pretty=True)
        schema.add_table(f"main.{name}", {s.alias_or_name: s.type or "UNKNOWN"
                                          for s in typed.selects}, dialect="duckdb")
    return time.perf_counter() - started, time.process_time() - cpu


# --- the table ---------------------------------------------------------------------------

def best(runs: list[Run]) -> Run:
    """The run least disturbed by other processes: the one with the least CPU time."""
    return min(runs, key=lambda run: run.cpu)


def cold_compile(project: Path, processes: int | None = None) -> Run:
    """A compile with no cache and no earlier output."""
    shutil.rmtree(project / ".datanet", ignore_errors=True)
    return compile_once(project, processes=processes)


def full_recompile(project: Path) -> Run:
    """An unchanged recompile without the whole-compile fast path (its stamp removed, so
    every pass runs over the per-model caches): what the fast path saves."""
    (project / ".datanet" / "cache" / "last_compile.json").unlink(missing_ok=True)
    return compile_once(project)


def _edited(project: Path, round_: int) -> Run:
    """A recompile after one more column in the first staging model."""
    edit_one_model(project, round_)
    return compile_once(project)


def dbt_compiles(dbt: str, project: Path, repeat: int) -> tuple[float, float]:
    """CPU seconds of `dbt compile` cold (no target/) and unchanged (partial parse), best of
    `repeat` each."""
    cold = min(_dbt_cold(dbt, project)[1] for _ in range(repeat))
    return cold, min(timed_dbt(dbt, "compile", project)[1] for _ in range(repeat))


def _dbt_cold(dbt: str, project: Path) -> tuple[float, float]:
    shutil.rmtree(project / "target", ignore_errors=True)
    return timed_dbt(dbt, "compile", project)


def bench(size: int, root: Path, profile: Path | None, dbt: str | None,
          repeat: int) -> dict[str, object]:
    project = root / f"p{size}"
    shutil.rmtree(project, ignore_errors=True)
    generate_project(project, size, seed=0)
    base = min((baseline(project) for _ in range(repeat)), key=lambda b: b[1])
    if profile is not None:
        compile_once(project, profile)
    colds = [(cold_compile(project, 1), cold_compile(project)) for _ in range(repeat)]
    serial, cold = best([one for one, _ in colds]), best([every for _, every in colds])
    warm = best([compile_once(project) for _ in range(repeat)])
    warm_full = best([full_recompile(project) for _ in range(repeat)])
    edited = best([_edited(project, round_) for round_ in range(repeat)])
    row = {"size": size, "baseline": base, "cold": cold, "serial": serial, "warm": warm, "warm_full": warm_full,
           "edited": edited, "dbt": None}
    if dbt is not None:
        row["dbt"] = dbt_compiles(dbt, write_dbt_twin(project, root / f"dbt{size}"), repeat)
    return row


def markdown(rows: list[dict[str, object]]) -> str:
    lines = [("| models | cold compile | cold, one process | warm (unchanged) | unchanged, every pass run "
              "| one staging model edited | peak RSS cold | sqlglot baseline (same machine) "
              "| cold / baseline (CPU) | dbt compile cold, unchanged (CPU) |"),
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        cold, warm, full, edited = row["cold"], row["warm"], row["warm_full"], row["edited"]
        serial = row["serial"]
        assert isinstance(cold, Run) and isinstance(warm, Run) and isinstance(full, Run) \
            and isinstance(edited, Run) and isinstance(serial, Run)
        base_wall, base_cpu = row["baseline"]  # type: ignore[misc]
        dbt = row["dbt"]
        dbt_cell = "not run" if dbt is None else \
            f"{dbt[0]:.2f} s ({dbt[0] / base_cpu:.1f}x), {dbt[1]:.2f} s"  # type: ignore[index]
        lines.append(
            f"| {row['size']} | {cold.wall:.2f} s wall, {cold.cpu:.2f} s CPU "
            f"({cold.analysed} analysed) | {serial.wall:.2f} s wall, {serial.cpu:.2f} s CPU, "
            f"{serial.peak_mb:.0f} MB | {warm.wall:.2f} s wall, {warm.cpu:.2f} s CPU "
            f"| {full.wall:.2f} s wall, {full.cpu:.2f} s CPU | {edited.wall:.2f} s wall, {edited.cpu:.2f} s CPU ({edited.analysed} analysed) "
            f"| {cold.peak_mb:.0f} MB | {base_wall:.2f} s wall, {base_cpu:.2f} s CPU "
            f"| {cold.cpu / base_cpu:.2f}x | {dbt_cell} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the generated projects here and keep them")
    parser.add_argument("--profile", type=Path, default=None,
                        help="cProfile output of the cold compile of the largest size")
    parser.add_argument("--dbt", default=None, help="a dbt executable with dbt-duckdb, to compare")
    parser.add_argument("--repeat", type=int, default=3,
                        help="cold and unchanged compiles (and the baseline): best of this many")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="datanet-bench-"))
    rows = []
    try:
        for size in args.sizes:
            profile = args.profile if size == max(args.sizes) else None
            rows.append(bench(size, root, profile, args.dbt, args.repeat))
            print(f"done: {size} models", file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"load average before the last run: {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores", file=sys.stderr)
    print(markdown(rows))


if __name__ == "__main__":
    main()
