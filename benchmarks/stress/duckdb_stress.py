"""Stress the runner on DuckDB: builds killed at random times, and two builds started at once.

Run by hand (minutes, not part of the test suite):

    python benchmarks/stress/duckdb_stress.py --rounds 20 [--project shop|gen100|both] [--seed 0]

(--seed draws the signals and their moments; the 100-model project is always gen_project's
seed 0.)

Each project (examples/shop, and a 100-model project from benchmarks/gen_project.py) is copied
to a temporary folder. Its CSV data has two versions, A (as written) and B (the last tenth of
every file's rows dropped); a clean build of each gives every relation's reference fingerprint
(row count and a sum of row hashes); B is built over A, as in the rounds, so a model that B's
failing test skips keeps its A version. Each round then switches the data to the other version
and

1. starts `datanet build` and, after a random delay within a clean build's duration, sends
   kill -9 (most rounds), SIGINT or SIGTERM;
2. checks: every relation of the reference exists and holds the A or the B version (never a
   missing, half-built or other table; incremental models are only checked to be readable);
   no relation is left over (no `__dn_new`); every artifact under .datanet/ parses
   (*.json as JSON, compiled/<target>/*.sql as UTF-8); run_results.json belongs to the killed process
   and says `running` (kill -9) or `interrupted` (signals), or to an earlier process; state.db
   has no run of the killed process marked success;
3. starts two `datanet build`s at once: one must build (the reference build's exit code, every
   relation now exactly the new version, run_results.json with its PID and final status) and the other be refused at once
   (exit 75, "locked by PID ...") without touching anything.

Any violation is printed and counted; the summary gives rounds, kills by signal, kills that
landed mid-build, and violations.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

DATANET = [sys.executable, "-c", "from datanet_sql.cli.main import main; main()"]
ENV = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}


@dataclass
class Tally:
    rounds: int = 0
    signals: dict[str, int] = field(default_factory=dict)
    mid_build: int = 0
    violations: list[str] = field(default_factory=list)


def datanet(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([*DATANET, *args, "--project-dir", str(root)], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def build(root: Path) -> tuple[int, str]:
    proc = datanet(root, "build")
    out, err = proc.communicate()
    return proc.returncode, out + err


def set_data(root: Path, originals: dict[Path, str], version: str) -> None:
    """Version A: the CSV files as written; B: each without the last tenth of its rows."""
    for path, text in originals.items():
        lines = text.splitlines(keepends=True)
        keep = len(lines) if version == "A" else 1 + (len(lines) - 1) * 9 // 10
        path.write_text("".join(lines[:keep]), encoding="utf-8")


def warehouse(root: Path) -> Path:
    return next((root / ".datanet").glob("*.duckdb"))


def fingerprints(root: Path) -> dict[str, tuple]:
    """(rows, sum of row hashes) of every relation in the warehouse, by schema.name. Floating
    columns are rounded to 6 decimals first: a parallel sum of doubles differs in its last
    bits from one build to the next."""
    import duckdb

    con = duckdb.connect(str(warehouse(root)), read_only=True)
    try:
        columns: dict[tuple[str, str], list[str]] = {}
        for schema, table, column, kind in con.execute(
                "select table_schema, table_name, column_name, data_type from "
                "information_schema.columns order by table_schema, table_name, ordinal_position"
                ).fetchall():
            quoted = '"' + column.replace('"', '""') + '"'
            floating = kind in ("DOUBLE", "FLOAT", "REAL")
            columns.setdefault((schema, table), []).append(
                f"round({quoted}, 6)" if floating else quoted)
        return {f"{s}.{t}": tuple(con.execute(
            f'select count(*), sum(hash({", ".join(cols)})::hugeint) from "{s}"."{t}"'
            ).fetchone()) for (s, t), cols in columns.items()}
    finally:
        con.close()


def incremental(root: Path) -> set[str]:
    manifest = json.loads((root / ".datanet" / "manifest.json").read_text())
    return {n["name"] for n in manifest["nodes"].values()
            if n.get("materialized") == "incremental"}


def check_tables(root: Path, refs: dict[str, dict], exact: str | None,
                 skip: set[str]) -> list[str]:
    """Every reference relation holds version A or B (or exactly `exact`); nothing extra."""
    problems = []
    now = fingerprints(root)
    for name in refs["A"]:
        if name not in now:
            problems.append(f"{name} is missing")
        elif name.split(".")[-1] in skip:
            continue
        elif exact is not None and now[name] != refs[exact][name]:
            problems.append(f"{name} is not the new version ({exact})")
        elif now[name] not in (refs["A"][name], refs["B"][name]):
            problems.append(f"{name} is neither version: {now[name]}")
    problems += [f"{name} is left over" for name in now if name not in refs["A"]]
    return problems


def check_artifacts(root: Path) -> list[str]:
    problems = []
    for path in (root / ".datanet").rglob("*"):
        if not path.is_file() or path.suffix not in (".json", ".sql"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".json":
                json.loads(text)
        except (ValueError, UnicodeDecodeError) as err:
            problems.append(f"{path.name} does not parse: {err}")
    return problems


def check_results(root: Path, killed: int, how: str, exact: list[str]) -> list[str]:
    """What the killed run left in run_results.json and state.db claims nothing it did not do.

    A signal can land after the run recorded its end: then a `success` must be true, every
    relation being exactly the new version (`exact`, the problems of that check)."""
    data = json.loads((root / ".datanet" / "run_results.json").read_text())
    con = sqlite3.connect(root / ".datanet" / "state.db")
    try:
        claimed = con.execute("select count(*) from runs where pid = ? and success = 1",
                              (killed,)).fetchone()[0]
    finally:
        con.close()
    if data.get("pid") != killed:  # killed before its record: the file is an earlier run's
        if data.get("status") not in ("success", "error", "interrupted"):
            return [f"run_results.json of an earlier run says {data.get('status')}"]
        return ["state.db records the killed run as a success"] if claimed else []
    if data["status"] == "success" or claimed:
        return [f"the killed run claims a success that did not happen: {p}" for p in exact]
    # a signal other than -9 normally gives `interrupted`; one landing while the record is
    # being opened leaves `running`; `error`: the run had ended (a test failed) first
    allowed = ("running", "error") if how == "SIGKILL" else ("running", "interrupted", "error")
    if data["status"] not in allowed:
        return [f"run_results.json of the killed run says {data['status']}"]
    return []


def killed_round(root: Path, rng: random.Random, budget: float, tally: Tally,
                 refs: dict[str, dict], version: str, skip: set[str]) -> list[str]:
    how = rng.choices(["SIGKILL", "SIGINT", "SIGTERM"], weights=[6, 2, 2])[0]
    tally.signals[how] = tally.signals.get(how, 0) + 1
    proc = datanet(root, "build")
    time.sleep(rng.uniform(0, budget))
    if proc.poll() is None:
        tally.mid_build += 1
        proc.send_signal(getattr(signal, how))
        proc.communicate()
        return check_results(root, proc.pid, how, check_tables(root, refs, version, skip))
    proc.communicate()
    if proc.returncode != refs["code"][version]:
        return [f"an uninterrupted build exited {proc.returncode}"]
    return []


def concurrent_round(root: Path, refs: dict[str, dict], version: str,
                     skip: set[str]) -> list[str]:
    procs = [datanet(root, "build"), datanet(root, "build")]
    outs = [p.communicate() for p in procs]
    codes = sorted(p.returncode for p in procs)
    if codes != sorted([refs["code"][version], 75]):
        return [f"two builds at once exited {codes}: {[o[1][-300:] for o in outs]}"]
    winner = next(p for p in procs if p.returncode != 75)
    loser_err = next(o[1] for p, o in zip(procs, outs) if p.returncode == 75)
    problems = [] if f"locked by PID {winner.pid}" in loser_err else \
        [f"the refusal does not name the holder: {loser_err}"]
    data = json.loads((root / ".datanet" / "run_results.json").read_text())
    status = "success" if refs["code"][version] == 0 else "error"
    if data["pid"] != winner.pid or data["status"] != status:
        problems.append(f"run_results.json after two builds: pid {data['pid']} "
                        f"{data['status']}")
    return problems + check_tables(root, refs, version, skip)


def references(root: Path, originals: dict[Path, str], work: Path) -> dict[str, dict]:
    """Fingerprints after a clean build of version A, then after building B over it (a build
    whose test fails leaves the models it skips at A, as every B round does), in a copy; and
    the exit code of each build."""
    copy = work / "ref"
    shutil.copytree(root, copy)
    refs: dict[str, dict] = {"code": {}}
    for version in ("A", "B"):
        set_data(copy, {copy / p.relative_to(root): t for p, t in originals.items()}, version)
        code, output = build(copy)
        if code not in (0, 1):
            raise SystemExit(f"the clean build of {root.name} ({version}) broke:\n{output}")
        refs[version], refs["code"][version] = fingerprints(copy), code
    return refs


def stress(name: str, root: Path, rounds: int, rng: random.Random, work: Path) -> Tally:
    originals = {p: p.read_text(encoding="utf-8") for p in sorted((root / "data").rglob("*.csv"))}
    refs = references(root, originals, work)
    set_data(root, originals, "A")
    build(root)  # version A, the state every round starts from; the second build is warm,
    started = time.perf_counter()  # as every later one: kills fall within its duration
    code, output = build(root)
    budget = time.perf_counter() - started
    if code != refs["code"]["A"]:
        raise SystemExit(f"the first build of {name} failed:\n{output}")
    skip = incremental(root)
    tally = Tally()
    version = "A"
    for i in range(rounds):
        version = "B" if version == "A" else "A"
        set_data(root, originals, version)
        problems = killed_round(root, rng, budget, tally, refs, version, skip)
        problems += check_tables(root, refs, None, skip) + check_artifacts(root)
        problems += concurrent_round(root, refs, version, skip) + check_artifacts(root)
        tally.rounds += 1
        for problem in problems:
            tally.violations.append(f"{name} round {i + 1}: {problem}")
            print(f"  VIOLATION {name} round {i + 1}: {problem}", flush=True)
        print(f"{name} round {i + 1}/{rounds}: {len(problems)} problems", flush=True)
    print(f"{name}: {len(refs['A'])} relations, a warm build {budget:.1f}s (exit codes "
          f"A {refs['code']['A']}, B {refs['code']['B']}), {tally.rounds} "
          f"rounds, signals {tally.signals}, {tally.mid_build} landed mid-build, "
          f"{len(tally.violations)} violations", flush=True)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--project", choices=["shop", "gen100", "both"], default="both")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    from gen_project import generate_project

    rng = random.Random(args.seed)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="datanet-stress-") as tmp:
        work = Path(tmp)
        if args.project in ("shop", "both"):
            shop = work / "shop"
            shutil.copytree(REPO / "examples" / "shop", shop,
                            ignore=shutil.ignore_patterns(".datanet"))
            tally = stress("shop", shop, args.rounds, rng, work / "shop_refs")
            failed += len(tally.violations)
        if args.project in ("gen100", "both"):
            gen = work / "gen100"
            generate_project(gen, 100, seed=0)  # the same project whatever --seed says
            tally = stress("gen100", gen, args.rounds, rng, work / "gen_refs")
            failed += len(tally.violations)
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
