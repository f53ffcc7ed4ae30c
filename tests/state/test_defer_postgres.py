"""`--defer` on Postgres: the state's relations are another schema of the same database."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg

from run.helpers import write_project

from .helpers import cli_run

DSN = "postgresql://postgres@127.0.0.1:5432/test"


def test_a_child_reads_its_parent_from_the_state_schema(tmp_path: Path) -> None:
    prod, dev = (f"dn_cistate_{name}_{uuid.uuid4().hex[:8]}" for name in ("prod", "dev"))
    root = write_project(tmp_path / "p", {
        "targets.yml": f"dev: {{type: postgres, dsn: '{DSN}', schema: {dev}}}\n"
                       f"prod: {{type: postgres, dsn: '{DSN}', schema: {prod}}}\n",
        "seeds/orders.csv": "id,amount\n1,5\n2,20\n",
        "models/stg_orders.sql": "select id, amount from {{ ref('orders') }}",
        "models/big_orders.sql": "select id from {{ ref('stg_orders') }} where amount > 10"})
    try:
        assert cli_run("build", "--project-dir", str(root), "--target", "prod").exit_code == 0
        state = tmp_path / "state"
        (root / "target").rename(state)
        result = cli_run("run", "--project-dir", str(root), "-s", "big_orders", "--defer",
                         "--state", str(state))
        assert result.exit_code == 0, result.output
        with psycopg.connect(DSN) as con:
            assert con.execute(f'select id from "{dev}".big_orders').fetchall() == [(2,)]
            tables = con.execute("select table_name from information_schema.tables where "
                                 "table_schema = %s", (dev,)).fetchall()
        assert tables == [("big_orders",)]
    finally:
        with psycopg.connect(DSN, autocommit=True) as con:
            for schema in (prod, dev):
                con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
