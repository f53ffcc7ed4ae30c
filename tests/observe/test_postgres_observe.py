"""History and freshness on Postgres: a `table:` source with a timestamptz loaded-at column."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from run.helpers import write_project

from datanet_sql.cli.main import cli
from datanet_sql.observe.state import StateStore

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture
def schema(pg_schema: str) -> str:
    """tests/conftest.py's schema of its own, with an events table loaded 3 hours ago."""
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'CREATE SCHEMA "{pg_schema}"')
        con.execute(f'CREATE TABLE "{pg_schema}".events (id int, loaded_at timestamptz)')
        con.execute(f"INSERT INTO \"{pg_schema}\".events SELECT g, now() - interval '3 hours' "
                    f"- g * interval '1 minute' FROM generate_series(1, 40) g")
        con.execute(f'INSERT INTO "{pg_schema}".events VALUES (NULL, NULL)')
    return pg_schema


def test_history_and_freshness_on_postgres(tmp_path: Path, schema: str) -> None:
    root = write_project(tmp_path, {
        "targets.yml": f"dev: {{type: postgres, dsn: '{PG_DSN}', schema: {schema}}}\n",
        "sources/app.yml": f"""
            sources:
              - name: app
                loaded_at_field: loaded_at
                freshness: {{warn_after: {{count: 2, period: hour}}}}
                tables:
                  - name: events
                    table: {schema}.events
                    columns:
                      - name: id
                        tests: [not_null]
            """,
        "models/ev.sql": "{{ config(materialized='table') }}\n"
                         "select id from {{ source('app', 'events') }}",
    })
    run = CliRunner().invoke(cli, ["run", "--project-dir", str(root)])
    assert run.exit_code == 0, run.output
    store = StateStore(root / ".datanet" / "state.db")
    [source] = store.metrics("source.app.events", "dev")
    assert source.row_count == 41 and source.null_rates == {"id": round(1 / 41, 6)}
    assert source.columns["loaded_at"].startswith("timestamp")
    assert [m.row_count for m in store.metrics("model.ev", "dev")] == [41]

    fresh = CliRunner().invoke(cli, ["source", "freshness", "--project-dir", str(root)])
    assert fresh.exit_code == 0
    assert "1 of 1 WARN freshness of app.events: last loaded 3.0h ago, more than 2 hour(s)" \
        in fresh.output
    [result] = json.loads((root / "target" / "sources.json").read_text())["results"]
    assert result["status"] == "warn" and 10790 < result["max_loaded_at_time_ago_in_s"] < 10900


def test_history_in_the_postgres_warehouse_is_shared(tmp_path: Path, schema: str) -> None:
    """Two clones of one project (two team members) on one Postgres: each run lands in the
    history schema, each clone's status and anomaly test read both members' runs."""
    history = f"{schema}_history"
    clones = [tmp_path / "alice", tmp_path / "bob"]
    for root in clones:
        write_project(root, {
            "datanet.yml": f"name: proj\ntarget: dev\nhistory: {{warehouse: true, schema: "
                           f"{history}, retention_days: 30}}\n"
                           "profile_metrics: {columns: [id], metrics: [mean, p50, p95]}\n",
            "targets.yml": f"dev: {{type: postgres, dsn: '{PG_DSN}', schema: {schema}}}\n",
            "sources/app.yml": f"sources:\n  - name: app\n    tables:\n"
                               f"      - {{name: events, table: {schema}.events}}\n",
            "models/ev.sql": "{{ config(materialized='table') }}\n"
                             "select id from {{ source('app', 'events') }}",
            "models/ev.yml": "models:\n  - name: ev\n    tests:\n"
                             "      - anomaly: {metrics: [row_count, mean], columns: [id]}\n",
        })
    try:
        for root in clones:
            result = CliRunner().invoke(cli, ["build", "--project-dir", str(root)])
            assert result.exit_code == 0, result.output
            with psycopg.connect(PG_DSN, autocommit=True) as con:  # the next day's events
                con.execute(f'INSERT INTO "{schema}".events VALUES (41, now())')
        with psycopg.connect(PG_DSN, autocommit=True) as con:
            runs = con.execute(f'select command, status from "{history}".runs').fetchall()
            stats = con.execute(f'select distribution from "{history}".table_metrics '
                                "where unique_id = 'model.ev' order by measured_at").fetchall()
        assert runs == [("build", "success")] * 2
        assert [json.loads(d) for (d,) in stats] == \
            [{"id": {"mean": 20.5, "p50": 20.5, "p95": 38.05}},
             {"id": {"mean": 21.0, "p50": 21.0, "p95": 39.0}}]
        # bob's test already saw alice's run
        bob = json.loads((clones[1] / ".datanet" / "run_results.json").read_text())
        [test] = [r for r in bob["results"] if r["name"].startswith("anomaly_")]
        assert test["message"] == "pass (1 earlier runs)"
        report = CliRunner().invoke(cli, ["status", "--project-dir", str(clones[0]),
                                          "--output", "json"])
        status = json.loads(report.output)
        assert status["history"] == f"target dev: warehouse schema {history} (postgres)"
        assert status["targets"][0]["last_run"]["counts"] == {"success": 2, "pass": 1}
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as con:
            con.execute(f'DROP SCHEMA IF EXISTS "{history}" CASCADE')
