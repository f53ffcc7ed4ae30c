"""Stress the runner on Postgres: repeated builds with 8 threads under injected faults.

Run by hand (not in the test suite; needs the server of the tests at 127.0.0.1:5432), with
the datanet to test importable (`PYTHONPATH=.` in a checkout):

    PYTHONPATH=. python benchmarks/stress/postgres_stress.py [--runs 20] [--threads 8] [--seed 0]
        [--projects shop,gen100] [--dsn postgresql://postgres@127.0.0.1:5432/test]

For each project (examples/shop, and a 100-model project from benchmarks/gen_project.py) in a
schema of its own: one clean `build`, whose table contents are the baseline; then `--runs`
builds, cycling through four fault plans: none, one table model made to fail at run time
(division by zero), one datanet session ended with `pg_terminate_backend` at a random moment,
and both. After each build, for every relation the project builds:

- it exists (never missing) and, for a view, answers a query;
- a node that did not succeed kept its old relation (same OID, same contents);
- a rebuilt table holds exactly the baseline contents (a complete new version);
- the failing model is reported with its own error (division by zero);
- no temporary relation (`*__dn_*`) is left in the schema.

It prints one line a build and a summary per project; any violation is listed and makes the
exit code 1.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))  # datanet_sql itself: the installed one

from gen_project import generate_project  # noqa: E402

from datanet_sql.run.executor import RunOptions  # noqa: E402
from datanet_sql.run.results import RunResults  # noqa: E402
from datanet_sql.run.session import Session, execute, open_session  # noqa: E402

FAULTS = ("none", "fail", "kill", "fail+kill")
CHECKSUM = ("SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), "
            "'')) FROM {} t")


@dataclass
class State:
    """One relation as the server has it: OID, kind ('r' table, 'v' view) and contents."""

    oid: int
    kind: str
    rows: int
    checksum: str


@dataclass
class Report:
    project: str
    builds: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    failed_nodes: int = 0
    killed_sessions: int = 0
    retried_nodes: int = 0
    rebuilt_checked: int = 0
    kept_checked: int = 0
    seconds: list[float] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


def prepare(name: str, work: Path, dsn: str, threads: int,
            lock_timeout: str) -> tuple[Path, str]:
    """A copy of the project with a `pg` target in a fresh schema."""
    root = work / name
    if name == "shop":
        shutil.copytree(REPO / "examples" / "shop", root,
                        ignore=shutil.ignore_patterns(".datanet"))
    else:
        generate_project(root, int(name.removeprefix("gen")), seed=0)
    schema = f"stress_{name}_{uuid.uuid4().hex[:6]}"
    target = {"type": "postgres", "dsn": dsn, "schema": schema, "threads": threads,
              **({"lock_timeout": lock_timeout} if lock_timeout else {})}
    (root / "targets.yml").write_text(yaml.safe_dump({"pg": target}), encoding="utf-8")
    project = root / "datanet.yml"
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("target: dev", "target: pg"), encoding="utf-8")
    return root, schema


def build(root: Path, threads: int) -> tuple[RunResults, Session]:
    session = open_session(root, "pg")
    try:
        return execute(session, "build", options=RunOptions(threads=threads)), session
    finally:
        session.close()


def relations(session: Session) -> dict[str, str]:
    """{node unique_id: '"schema"."name"'} of every relation the build makes."""
    found = {}
    for node in session.manifest.nodes.values():
        if node.relation is None or node.kind not in ("model", "seed", "source"):
            continue
        if node.kind == "source" and not node.config.get("path"):
            continue
        if node.kind == "model" and node.config.get("materialized") == "ephemeral":
            continue
        schema = session.adapter.schema_of(node.relation)
        found[node.unique_id] = f'"{schema}"."{node.relation.name}"'
    return found


def snapshot(con: psycopg.Connection, names: dict[str, str]) -> dict[str, State | None]:
    states: dict[str, State | None] = {}
    for uid, qualified in names.items():
        row = con.execute("SELECT c.oid, c.relkind FROM pg_class c WHERE c.oid = "
                          "to_regclass(%s)", [qualified]).fetchone()
        if row is None:
            states[uid] = None
            continue
        count, checksum = con.execute(CHECKSUM.format(qualified)).fetchone()
        states[uid] = State(int(row[0]), str(row[1]), int(count), str(checksum))
    return states


def leftovers(con: psycopg.Connection, schema: str) -> list[str]:
    rows = con.execute("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace "
                       "n ON n.oid = c.relnamespace WHERE n.nspname LIKE %s AND c.relname "
                       "LIKE %s", [f"{schema}%", r"%\_\_dn\_%"]).fetchall()
    return [r[0] for r in rows]


def break_model(root: Path, rng: random.Random, session: Session) -> tuple[str, Path, str]:
    """Make one table model fail at run time (division by zero); return what to restore."""
    tables = [n for n in session.manifest.nodes.values() if n.kind == "model" and n.path
              and str(n.path).endswith(".sql") and n.config.get("materialized") == "table"]
    node = rng.choice(sorted(tables, key=lambda n: n.name))
    path = root / node.path if not Path(node.path).is_absolute() else Path(node.path)
    original = path.read_text(encoding="utf-8")
    path.write_text("select * from (\n" + original + "\n) as dn_stress where 1 / (select count(*)"
                    " - count(*) from (select 1) z) = 1\n", encoding="utf-8")
    return node.name, path, original


def killer(dsn: str, schema: str, rng: random.Random, killed: list[int],
           stop: threading.Event) -> threading.Thread:
    """End one active datanet session working in `schema`, a random 0-1.5 s after the first
    one is seen (compile happens before: the clock starts when the run does)."""
    delay = rng.uniform(0.0, 1.5)
    active = ("SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND "
              "application_name = 'datanet' AND state = 'active' AND query LIKE %s")

    def run() -> None:
        with psycopg.connect(dsn, autocommit=True) as con:
            while not stop.is_set() and not con.execute(active, [f"%{schema}%"]).fetchall():
                time.sleep(0.02)
            if stop.wait(delay):
                return
            while not stop.is_set():
                rows = con.execute(active, [f"%{schema}%"]).fetchall()
                if rows:
                    pid = rng.choice(rows)[0]
                    con.execute("SELECT pg_terminate_backend(%s)", [pid])
                    killed.append(pid)
                    return
                time.sleep(0.01)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def check(report: Report, run: int, results: RunResults, names: dict[str, str],
          before: dict[str, State | None], after: dict[str, State | None],
          baseline: dict[str, State | None], failing: str | None) -> None:
    status = {r.unique_id: r for r in results.results}
    for uid, qualified in names.items():
        now, was, result = after[uid], before[uid], status.get(uid)
        where = f"build {run}: {qualified}"
        if now is None:
            report.violations.append(f"{where} is missing")
            continue
        if result is None or result.status not in ("success",):
            report.kept_checked += 1
            if was is not None and (now.oid, now.checksum) != (was.oid, was.checksum):
                report.violations.append(f"{where} changed although its node "
                                         f"{result.status if result else 'did not run'}")
            continue
        report.rebuilt_checked += 1
        base = baseline[uid]
        if now.kind == "r" and base is not None and now.checksum != base.checksum:
            report.violations.append(f"{where} rebuilt with other contents ({now.rows} rows, "
                                     f"baseline {base.rows})")
    for result in results.results:
        if result.status == "error":
            report.failed_nodes += 1
            if result.name != failing:
                report.violations.append(f"build {run}: {result.name} failed: {result.message}")
            elif "division by zero" not in result.message:
                report.violations.append(f"build {run}: {failing} failed with another error: "
                                         f"{result.message}")
        if "attempts" in result.message:
            report.retried_nodes += 1


def stress(name: str, work: Path, args: argparse.Namespace) -> Report:
    rng = random.Random(f"{args.seed}-{name}")
    root, schema = prepare(name, work, args.dsn, args.threads,
                           args.lock_timeout)
    report = Report(name)
    try:
        results, session = build(root, args.threads)
        if not results.success:
            bad = [f"{r.name}: {r.message}" for r in results.failed]
            raise SystemExit(f"{name}: the clean build failed: {bad}")
        names = relations(session)
        with psycopg.connect(args.dsn, autocommit=True) as con:
            baseline = snapshot(con, names)
        for run in range(1, args.runs + 1):
            fault = FAULTS[(run - 1) % len(FAULTS)]
            report.faults[fault] = report.faults.get(fault, 0) + 1
            with psycopg.connect(args.dsn, autocommit=True) as con:
                before = snapshot(con, names)
            failing, restore = None, None
            if "fail" in fault:
                failing, path, original = break_model(root, rng, session)
                restore = (path, original)
            killed: list[int] = []
            stop = threading.Event()
            thread = killer(args.dsn, schema, rng, killed, stop) if "kill" in fault else None
            started = time.perf_counter()
            try:
                results, session = build(root, args.threads)
            finally:
                stop.set()
                if restore:
                    restore[0].write_text(restore[1], encoding="utf-8")
            seconds = time.perf_counter() - started
            if thread:
                thread.join()
            report.builds += 1
            report.seconds.append(seconds)
            report.killed_sessions += len(killed)
            with psycopg.connect(args.dsn, autocommit=True) as con:
                after = snapshot(con, names)
                left = leftovers(con, schema)
            if left:
                report.violations.append(f"build {run}: temporary relations left: {left}")
            errors_before = len(report.violations)
            check(report, run, results, names, before, after, baseline, failing)
            counts = {s: sum(r.status == s for r in results.results)
                      for s in ("success", "error", "skipped", "pass", "fail")}
            print(f"{name} build {run:2d} [{fault:9s}] {seconds:5.1f}s "
                  f"killed={len(killed)} failing={failing or '-'} {counts} "
                  f"violations={len(report.violations) - errors_before}", flush=True)
    finally:
        with psycopg.connect(args.dsn, autocommit=True) as con:
            for (nspname,) in con.execute("SELECT nspname FROM pg_namespace WHERE nspname "
                                          "LIKE %s", [f"{schema}%"]).fetchall():
                con.execute(f'DROP SCHEMA "{nspname}" CASCADE')
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--projects", default="shop,gen100")
    parser.add_argument("--dsn", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--lock-timeout", default="30s", help="'' for the target's default "
                        "(and for datanet versions without the key)")
    args = parser.parse_args(argv)
    reports = []
    with tempfile.TemporaryDirectory(prefix="dn_stress_") as work:
        for name in args.projects.split(","):
            reports.append(stress(name, Path(work), args))
    for r in reports:
        secs = sorted(r.seconds)
        print(f"\n{r.project}: {r.builds} builds, faults {r.faults}; failed nodes "
              f"{r.failed_nodes}, sessions killed {r.killed_sessions}, nodes retried "
              f"{r.retried_nodes}; relations checked rebuilt {r.rebuilt_checked}, kept "
              f"{r.kept_checked}; build seconds median {secs[len(secs) // 2]:.1f} max "
              f"{secs[-1]:.1f}; violations {len(r.violations)}")
        for violation in r.violations:
            print(f"  VIOLATION {violation}")
    return 1 if any(r.violations for r in reports) else 0


if __name__ == "__main__":
    raise SystemExit(main())
