"""Helpers for runner tests: small projects written into tmp_path, run through the Python API,
and read back with a read-only DuckDB connection on the target's database file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import duckdb

from datanet_sql.run.executor import RunOptions
from datanet_sql.run.results import RunResults
from datanet_sql.run.session import execute, open_session

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "projects"
REPO = Path(__file__).resolve().parents[2]


def write_project(root: Path, files: dict[str, str], name: str = "proj") -> Path:
    """A project with datanet.yml and targets.yml (duckdb file under .datanet/) plus `files`."""
    defaults = {"datanet.yml": f"name: {name}\ntarget: dev\n",
                "targets.yml": "dev: {type: duckdb, path: .datanet/dev.duckdb}\n"}
    for rel, text in {**defaults, **files}.items():
        write(root, rel, text)
    return root


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def copy_fixture(name: str, dest: Path) -> Path:
    root = dest / name
    shutil.copytree(FIXTURES / name, root, ignore=shutil.ignore_patterns(".datanet"))
    return root


def copy_built(built: Path, dest: Path) -> Path:
    """A copy of a project compiled or built once (a module's fixture), for a test of its
    own, without the compile cache: the cache names the first copy's files, so the copy's
    next command compiles its own."""
    cache = built / ".datanet" / "cache"
    shutil.copytree(built, dest, ignore=lambda folder, names: names if Path(folder) == cache
                    else [])
    return dest


def run(root: Path, command: str = "run", select: tuple[str, ...] = (),
        **options: Any) -> RunResults:
    """`datanet <command>` through the API (threads 1 unless given)."""
    session = open_session(root)
    try:
        return execute(session, command, select, (), RunOptions(**{"threads": 1, **options}))
    finally:
        session.close()


def db_path(root: Path) -> Path:
    return root / ".datanet" / "dev.duckdb"


def query(root: Path, sql: str) -> list[tuple]:
    """Rows of `sql` on the project's warehouse file (opened read-only, closed after)."""
    con = duckdb.connect(str(db_path(root)), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def statuses(results: RunResults) -> dict[str, str]:
    """{node name: status} of a run."""
    return {r.name: r.status for r in results.results}


def relation_kind(root: Path, name: str) -> str | None:
    rows = query(root, f"select table_type from information_schema.tables "
                       f"where table_name = '{name}'")
    return rows[0][0] if rows else None


DATANET = Path(sys.executable).with_name("datanet")
ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "120"}
SLOW = ("{{ config(materialized='table') }}\nselect count(*) as n, max(f.id) as top "
        "from {{ ref('fast') }} f, range({{ var('n') }}) a, range({{ var('n') }}) b "
        "where a.range + b.range >= 0")


def datanet(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The `datanet` command in a subprocess, in the project's folder."""
    return subprocess.run([str(DATANET), *args], cwd=root, capture_output=True, text=True,
                          env=ENV, timeout=timeout, check=False)


def slow_project(root: Path) -> Path:
    """`fast`, then `slow`: a cross join of range(n) twice, built once with n = 10."""
    write_project(root, {
        "datanet.yml": "name: p\ntarget: dev\nvars: {n: 10}\n",
        "models/fast.sql": "{{ config(materialized='table') }}\nselect range as id from range(3)",
        "models/slow.sql": SLOW,
    })
    assert run(root).success
    assert query(root, "select * from slow") == [(300, 2)]
    return root


def start_slow_run(root: Path, n: int = 60000) -> subprocess.Popen:
    """`datanet run` in a subprocess, returned once `slow` (a huge cross join) is running."""
    proc = subprocess.Popen(
        [str(DATANET), "run", "--threads", "1", "--vars", f"{{n: {n}}}"], cwd=root,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    lines = []
    for line in proc.stdout:  # wait until `fast` is built, so `slow` is the node running
        lines.append(line)
        if "fast" in line:
            break
    time.sleep(1.0)
    assert proc.poll() is None, "".join(lines)
    return proc
