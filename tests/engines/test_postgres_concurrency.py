"""Postgres with threads under faults (issue 12, items 1-3): a failing model, a session ended
mid-run, a lock held by someone else, other users' views, the second build of a seeded project.

Every test builds a real project on the server at 127.0.0.1:5432, in a schema of its own.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import psycopg
import pytest
import yaml

from datanet_sql.run.executor import RunOptions
from datanet_sql.run.results import RunResults
from datanet_sql.run.session import execute, open_session

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "projects"
MODELS = 10


@pytest.fixture
def schema(pg_schema: str) -> str:
    """tests/conftest.py's schema of its own, under the name these tests read best."""
    return pg_schema


def _targets(root: Path, schema: str, **extra: object) -> None:
    target = {"type": "postgres", "dsn": PG_DSN, "schema": schema, **extra}
    (root / "targets.yml").write_text(yaml.safe_dump({"pg": target}), encoding="utf-8")


def _fan_project(root: Path, schema: str, version: str, broken: str | None = None,
                 **target: object) -> Path:
    """MODELS independent tables m0..m9, each with a view v<i> over it (a model too)."""
    models = root / "models"
    models.mkdir(parents=True, exist_ok=True)
    (root / "datanet.yml").write_text("name: fan\ntarget: pg\n", encoding="utf-8")
    _targets(root, schema, **target)
    for i in range(MODELS):
        body = f"select {i} as id, '{version}' as version"
        if f"m{i}" == broken:
            body = f"select {i} / (select count(*) - count(*) from (select 1) z) as id, " \
                   f"'{version}' as version"
        (models / f"m{i}.sql").write_text(
            "{{ config(materialized='table') }}\n" + body, encoding="utf-8")
        (models / f"v{i}.sql").write_text(
            "{{ config(materialized='view') }}\nselect id, version from {{ ref('m" + str(i)
            + "') }}", encoding="utf-8")
    return root


def _build(root: Path, command: str = "run", threads: int = 4) -> RunResults:
    session = open_session(root, "pg")
    try:
        return execute(session, command, options=RunOptions(threads=threads))
    finally:
        session.close()


def _versions(schema: str) -> dict[str, str | None]:
    """{relation: its version column} for every m<i> and v<i>, None when it is missing."""
    found: dict[str, str | None] = {}
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        for name in [f"{p}{i}" for i in range(MODELS) for p in ("m", "v")]:
            exists = con.execute("SELECT to_regclass(%s)", [f'"{schema}"."{name}"']).fetchone()
            found[name] = con.execute(f'SELECT version FROM "{schema}"."{name}"').fetchone()[0] \
                if exists[0] else None
    return found


def _status(results: RunResults) -> dict[str, tuple[str, str]]:
    return {r.name: (r.status, r.message) for r in results.results}


def test_a_failing_model_among_healthy_ones_loses_no_table(tmp_path: Path, schema: str) -> None:
    """Item 1: with 4 threads a failing model fails alone, with its own error; every other
    table is rebuilt, its own old table and its view are kept."""
    root = _fan_project(tmp_path / "fan", schema, "v1")
    assert all(s == "success" for s, _ in _status(_build(root)).values())
    for attempt in ("v2", "v3"):
        _fan_project(root, schema, attempt, broken="m4")
        status = _status(_build(root))
        assert status["m4"][0] == "error" and "division by zero" in status["m4"][1]
        assert "connection" not in status["m4"][1]
        assert status["v4"][0] == "skipped"
        versions = _versions(schema)
        assert versions.pop("m4") == "v1" and versions.pop("v4") == "v1"
        assert set(versions.values()) == {attempt}, versions


def test_a_session_terminated_mid_run_is_retried_on_a_new_one(tmp_path: Path,
                                                              schema: str) -> None:
    """A `pg_terminate_backend` of the session building one model: that model is rebuilt on a
    new session, the other threads' builds go on, nothing is lost."""
    root = _fan_project(tmp_path / "fan", schema, "v1")
    (root / "models" / "m7.sql").write_text(
        "{{ config(materialized='table') }}\n"
        "select 7 as id, 'v1' as version from (select pg_sleep(1.5)) s", encoding="utf-8")
    killed: list[int] = []

    def kill_the_slow_build() -> None:
        with psycopg.connect(PG_DSN, autocommit=True) as con:
            for _ in range(200):
                row = con.execute(
                    "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND "
                    "application_name = 'datanet' AND query LIKE %s AND query ILIKE '%%pg_sleep%%'",
                    [f"%{schema}%"]).fetchone()
                if row:
                    con.execute("SELECT pg_terminate_backend(%s)", [row[0]])
                    killed.append(row[0])
                    return
                time.sleep(0.05)

    killer = threading.Thread(target=kill_the_slow_build)
    killer.start()
    status = _status(_build(root))
    killer.join()
    assert killed, "the slow build was never seen running"
    assert all(s == "success" for s, _ in status.values()), status
    assert "after 2 attempts" in status["m7"][1] and "ended" in status["m7"][1]
    assert set(_versions(schema).values()) == {"v1"}


def test_a_lock_held_elsewhere_fails_the_model_in_bounded_time(tmp_path: Path,
                                                              schema: str) -> None:
    """A reader that never lets go of m2 (an open BI transaction): m2's swap gives up after
    `lock_timeout` with a message naming the model and the relation; the rest is built."""
    root = _fan_project(tmp_path / "fan", schema, "v1")
    _build(root)
    _fan_project(root, schema, "v2", lock_timeout="1s")
    with psycopg.connect(PG_DSN) as reader:
        reader.execute(f'SELECT * FROM "{schema}".m2')  # holds ACCESS SHARE until rollback
        started = time.perf_counter()
        status = _status(_build(root, threads=1))
        elapsed = time.perf_counter() - started
        reader.rollback()
    assert elapsed < 30
    state, message = status["m2"]
    assert state == "error" and "lock_timeout (1s)" in message
    assert f'"{schema}"."m2"' in message and "pg_stat_activity" in message
    versions = _versions(schema)
    assert versions.pop("m2") == "v1" and versions.pop("v2") == "v1"
    assert set(versions.values()) == {"v2"}


def test_other_users_views_stop_the_rebuild_that_would_drop_them(tmp_path: Path,
                                                                 schema: str) -> None:
    """Item 3: a rebuilt table losing a column another user's view reads is refused, naming
    the view; the table, the view and the rest of the run are kept."""
    root = _fan_project(tmp_path / "fan", schema, "v1")
    _build(root)
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'CREATE VIEW "{schema}".report AS SELECT version FROM "{schema}".m3')
    _fan_project(root, schema, "v2")
    (root / "models" / "m3.sql").write_text("{{ config(materialized='table') }}\nselect 3 as id",
                                            encoding="utf-8")
    (root / "models" / "v3.sql").write_text("{{ config(materialized='view') }}\n"
                                            "select id from {{ ref('m3') }}", encoding="utf-8")
    status = _status(_build(root))
    state, message = status["m3"]
    assert state == "error" and f"{schema}.report" in message and "kept" in message
    assert f"{schema}.v3" not in message  # the run's own view is rebuilt, not a reason to stop
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        assert con.execute(f'SELECT version FROM "{schema}".report').fetchall() == [("v1",)]
    versions = _versions(schema)
    assert versions.pop("m3") == "v1" and versions.pop("v3") == "v1"
    assert set(versions.values()) == {"v2"}


def test_second_build_of_a_seeded_project_with_threads(tmp_path: Path, schema: str) -> None:
    """Item 2: jaffle_shop built three times over with 4 threads: no deadlock, no "could not
    open relation with OID", no hang; the tables hold the same rows each time."""
    root = tmp_path / "jaffle_shop"
    shutil.copytree(FIXTURES / "jaffle_shop", root, ignore=shutil.ignore_patterns(".datanet"))
    (root / "datanet.yml").write_text((root / "datanet.yml").read_text().replace(
        "target: dev", "target: pg"), encoding="utf-8")
    _targets(root, schema, threads=4, lock_timeout="20s")
    counts = []
    for _ in range(3):
        started = time.perf_counter()
        results = _build(root, "build")
        assert time.perf_counter() - started < 60
        bad = {n: s for n, s in _status(results).items() if s[0] not in ("success", "pass")}
        assert not bad
        assert not any("attempts" in r.message for r in results.results)  # nothing had to retry
        with psycopg.connect(PG_DSN, autocommit=True) as con:
            counts.append([con.execute(f'SELECT count(*) FROM "{schema}".{t}').fetchone()[0]
                           for t in ("customers", "orders", "stg_payments", "raw_orders")])
    assert counts[0] == counts[1] == counts[2] and counts[0][0] > 0


def test_a_seed_with_declared_types_is_one_swap(tmp_path: Path, schema: str) -> None:
    """Seeds too: the load and the cast to `column_types` are one swap (via a staging table
    unique to the load, dropped after), so a reader never sees the seed with other types."""
    root = tmp_path / "seeded"
    (root / "seeds").mkdir(parents=True)
    (root / "datanet.yml").write_text("name: seeded\ntarget: pg\n", encoding="utf-8")
    (root / "seeds" / "schema.yml").write_text(
        "seeds:\n  - name: codes\n    config: {column_types: {code: varchar}}\n",
        encoding="utf-8")
    _targets(root, schema)
    for rows in ("id,code\n1,10\n2,20\n", "id,code\n1,11\n"):
        (root / "seeds" / "codes.csv").write_text(rows, encoding="utf-8")
        assert _status(_build(root, "seed"))["codes"][0] == "success"
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        assert con.execute(f'SELECT id, code FROM "{schema}".codes').fetchall() == [(1, "11")]
        left = con.execute("SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                           "c.relnamespace WHERE nspname = %s AND relname LIKE 'codes\\_\\_dn%%'",
                           [schema]).fetchall()
    assert left == []
