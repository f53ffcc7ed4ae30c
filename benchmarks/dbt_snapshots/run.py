"""Snapshot the same sequences of source states with dbt-duckdb and with datanet; compare.

Run by hand (dbt-core and dbt-duckdb are never datanet dependencies; install them apart):

    python3 -m venv .dbt-venv && .dbt-venv/bin/pip install "dbt-core==1.9.*" "dbt-duckdb==1.9.*"
    python benchmarks/dbt_snapshots/run.py --dbt .dbt-venv/bin/dbt --datanet datanet \\
        --work ../dn_snapshots

Each scenario is one snapshot config and a sequence of states of the seed it reads. For every
state, both tools load the seed and run their snapshot command, each in its own copy of the
project and DuckDB file. Then the two snapshot tables are compared row by row, columns by name:
timestamps that are not in the seed data (the runs' clock: deletions, the check strategy) are
replaced by their rank in the table, and so are the `dbt_scd_id`s hashed from them; everything
else must be equal. dbt is the reference: it defines what a snapshot holds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import yaml

HEAD = "id,status,amount,updated_at\n"
S1 = HEAD + ("1,placed,10,2024-01-01 00:00:00\n2,placed,20,2024-01-01 00:00:00\n"
             "3,placed,30,2024-01-01 00:00:00\n")
S2 = HEAD + ("1,shipped,10,2024-01-02 00:00:00\n2,placed,20,2024-01-01 00:00:00\n"
             "4,placed,40,2024-01-02 00:00:00\n")
S3 = HEAD + ("1,shipped,10,2024-01-02 00:00:00\n2,placed,25,2024-01-03 00:00:00\n"
             "3,placed,30,2024-01-01 00:00:00\n4,placed,40,2024-01-02 00:00:00\n")
S4 = "id,status,amount,updated_at,channel\n" + (
    "1,shipped,10,2024-01-02 00:00:00,web\n2,placed,25,2024-01-04 00:00:00,shop\n"
    "4,placed,40,2024-01-02 00:00:00,web\n")
STEPS = [S1, S2, S2, S3]  # a change, a new key, a deletion; nothing new; the deleted key back
TS = {"unique_key": "id", "strategy": "timestamp", "updated_at": "updated_at"}
CHECK = {"unique_key": "id", "strategy": "check", "check_cols": ["status"]}
SCENARIOS: list[tuple[str, dict[str, Any], list[str], bool]] = [
    *[(f"timestamp_{mode}", {**TS, "hard_deletes": mode}, STEPS, False)
      for mode in ("ignore", "invalidate", "new_record")],
    *[(f"check_{mode}", {**CHECK, "hard_deletes": mode}, STEPS, False)
      for mode in ("ignore", "invalidate", "new_record")],
    ("check_all", {**CHECK, "check_cols": "all"}, STEPS, False),
    ("invalidate_hard_deletes_flag", {**TS, "invalidate_hard_deletes": True}, STEPS, False),
    ("composite_key", {**TS, "unique_key": ["id", "status"], "hard_deletes": "invalidate"},
     STEPS, False),
    ("yaml_renamed_meta_columns", {**TS, "snapshot_meta_column_names": {
        "dbt_valid_from": "vf", "dbt_valid_to": "vt", "dbt_scd_id": "sid",
        "dbt_updated_at": "ua"}}, STEPS, True),
    ("valid_to_current", {**TS, "hard_deletes": "invalidate",
                          "dbt_valid_to_current": "cast('9999-12-31' as timestamp)"},
     STEPS, False),
    ("timestamp_added_column", {**TS, "hard_deletes": "new_record"}, [S1, S3, S4, S4], False),
    ("check_all_added_column", {**CHECK, "check_cols": "all"}, [S1, S3, S4, S4], False),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dbt", default="dbt", help="the dbt executable (dbt-duckdb)")
    parser.add_argument("--datanet", default=shutil.which("datanet") or "datanet")
    parser.add_argument("--work", type=Path, required=True, help="a scratch folder")
    parser.add_argument("--only", nargs="*", default=None, help="scenario names")
    args = parser.parse_args()
    chosen = [s for s in SCENARIOS if not args.only or s[0] in args.only]
    equal = 0
    for name, config, steps, in_yaml in chosen:
        tables = {tool: snapshot_table(args.work / name / tool, tool, command, config, steps,
                                       in_yaml)
                  for tool, command in (("dbt", args.dbt), ("datanet", args.datanet))}
        known = seed_times(steps)
        same = normalized(*tables["dbt"], known) == normalized(*tables["datanet"], known)
        equal += same
        print(f"{name:30} dbt rows {len(tables['dbt'][1]):2}  datanet rows "
              f"{len(tables['datanet'][1]):2}  {'equal' if same else 'DIFFERENT'}", flush=True)
    print(f"{equal} of {len(chosen)} scenarios equal")
    return 0 if equal == len(chosen) else 1


def snapshot_table(root: Path, tool: str, command: str, config: dict[str, Any],
                   steps: list[str], in_yaml: bool) -> tuple[list[str], list[tuple]]:
    shutil.rmtree(root, ignore_errors=True)
    write_project(root, config, in_yaml)
    for csv in steps:
        (root / "seeds" / "raw.csv").write_text(csv)
        for verb in ("seed", "snapshot"):
            # dbt reloads a seed whose columns changed only with --full-refresh
            flags = ["--project-dir", str(root)] + (
                ["--profiles-dir", str(root)] + (["--full-refresh"] if verb == "seed" else [])
                if tool == "dbt" else [])
            done = subprocess.run([*command.split(), verb, *flags], cwd=root, text=True, check=False,
                                  capture_output=True, env=dict(os.environ,
                                                                DBT_PROFILES_DIR=str(root)))
            if done.returncode:
                sys.exit(f"{tool} {verb} failed in {root}:\n{done.stdout[-2000:]}"
                         f"{done.stderr[-2000:]}")
    with duckdb.connect(str(root / "w.duckdb"), read_only=True) as con:
        cursor = con.execute("select * from main.snap")
        return [d[0] for d in cursor.description], cursor.fetchall()


def write_project(root: Path, config: dict[str, Any], in_yaml: bool) -> None:
    (root / "seeds").mkdir(parents=True)
    (root / "snapshots").mkdir()
    (root / "dbt_project.yml").write_text(yaml.safe_dump({
        "name": "bench", "version": "1.0", "config-version": 2, "profile": "bench",
        "snapshot-paths": ["snapshots"],
        "seeds": {"bench": {"+column_types": {"updated_at": "timestamp"}}}}))
    (root / "profiles.yml").write_text(yaml.safe_dump({"bench": {"target": "dev", "outputs": {
        "dev": {"type": "duckdb", "path": str(root / "w.duckdb"), "schema": "main"}}}}))
    if in_yaml:
        (root / "snapshots" / "snap.yml").write_text(yaml.safe_dump({"snapshots": [
            {"name": "snap", "relation": "ref('raw')", "config": config}]}))
        return
    args = ", ".join(f"{key}={value!r}" for key, value in config.items())
    (root / "snapshots" / "snap.sql").write_text(
        "{% snapshot snap %}\n{{ config(" + args + ") }}\nselect * from {{ ref('raw') }}\n"
        "{% endsnapshot %}\n")


def seed_times(steps: list[str]) -> set[dt.datetime]:
    found = set()
    for csv in steps:
        for value in csv.replace("\n", ",").split(","):
            try:
                found.add(dt.datetime.fromisoformat(value))
            except ValueError:
                continue
    return found


def normalized(names: list[str], rows: list[tuple], known: set[dt.datetime]) -> list[tuple]:
    """Rows as sorted (column, value) tuples, clock values replaced by their rank."""
    clock = sorted({v for row in rows for v in row if isinstance(v, dt.datetime)} - known)
    rank = {value: f"clock{i}" for i, value in enumerate(clock)}
    out = []
    for row in rows:
        record = {name: rank.get(value, value) if isinstance(value, dt.datetime) else value
                  for name, value in zip(names, row)}
        if any(str(v).startswith("clock") for v in record.values()):
            for name in names:  # an scd id hashed from the clock cannot be equal
                if isinstance(record[name], str) and len(record[name]) == 32:
                    record[name] = "<md5 of a clock value>"
        out.append(tuple(sorted((k, str(v)) for k, v in record.items())))
    return sorted(out)


if __name__ == "__main__":
    sys.exit(main())
