"""The same rule fixtures, transpiled to Postgres and run on the real server (a server that is down fails the tests).

This is what proves the SQL is portable, not just transpilable: Postgres has no TRY_CAST and
raises on any bad cast, so a guard that does not hold would fail here.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from generate.cases import CASES
from generate.helpers import PG_DSN, cleanse
from generate.test_rules import check_case



@pytest.fixture(scope="module")
def pg() -> Iterator[object]:
    con = psycopg.connect(PG_DSN, connect_timeout=3, autocommit=True)  # no server: fail
    con.execute("SET TIME ZONE 'UTC'")
    yield con
    con.close()


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_on_postgres(pg, name: str) -> None:
    def run(sql: str, params: list | None) -> list:
        cursor = pg.execute(sql.replace("CREATE TABLE t", "CREATE TEMP TABLE t"), params)
        return cursor.fetchall() if cursor.description else []

    pg.execute("DROP TABLE IF EXISTS t")
    case = CASES[name]
    plan, rows, rejects = cleanse(run, "postgres", name, case)
    check_case(name, case, plan, [tuple(r) for r in rows], [tuple(r) for r in rejects])
