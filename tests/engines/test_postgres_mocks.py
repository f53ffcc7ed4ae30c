"""Mock data never lands where real data lives, on the real Postgres: `mock` writes to the
target's `<schema>_mock` schema and replaces only tables a mock wrote; `seed --mock` and
`build --mock` go to the mock warehouse; the real table's rows are unchanged throughout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import yaml
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli
from pg_source_project import PG_DSN, pg_source_project

ACCOUNTS = ("SELECT g AS id, 'acct ' || g AS name, (g * 1.5)::numeric(10,2) AS balance "
            "FROM generate_series(1, 50) g")


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[Path, str, str]]:
    """(root, source schema, target schema), profiled on the real table, with a seed."""
    models = {"rich": "select id, name, balance from {{ source('crm', 'accounts') }} "
                      "where balance > 30\n"}
    with pg_source_project(tmp_path, ACCOUNTS, models) as (root, crm):
        (root / "seeds").mkdir()
        (root / "seeds" / "codes.csv").write_text("code,label\n1,one\n2,two\n")
        schema = yaml.safe_load((root / "targets.yml").read_text())["pg"]["schema"]
        _ok(root, "profile")
        yield root, crm, schema


def _invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--project-dir", str(root)])


def _ok(root: Path, *args: str) -> str:
    result = _invoke(root, *args)
    assert result.exit_code == 0, result.output
    return result.output


def _refused(root: Path, *args: str) -> str:
    result = _invoke(root, *args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    return result.output


def _rows(sql: str) -> list[tuple]:
    with psycopg.connect(PG_DSN) as con:
        return con.execute(sql).fetchall()


def _relations(*schemas: str) -> list[tuple]:
    names = ", ".join(f"'{s}'" for s in schemas)
    return _rows("SELECT table_schema, table_name FROM information_schema.tables "
                 f"WHERE table_schema IN ({names}) ORDER BY 1, 2")


def test_mock_seed_mock_and_build_mock_leave_the_real_table_unchanged(project) -> None:
    root, crm, schema = project
    real = _rows(f'SELECT * FROM "{crm}".accounts ORDER BY id')
    out = _ok(root, "mock", "--rows", "12")
    assert "target 'pg'" in out and f"{schema}_mock.crm__accounts: 12 rows" in out
    assert _rows(f'SELECT count(*) FROM "{schema}_mock".crm__accounts') == [(12,)]
    _ok(root, "mock", "--rows", "5")   # a table a mock wrote may be replaced by a mock
    assert _rows(f'SELECT count(*) FROM "{schema}_mock".crm__accounts') == [(5,)]
    _ok(root, "seed", "--mock")
    _ok(root, "build", "--mock")
    assert _rows(f'SELECT * FROM "{crm}".accounts ORDER BY id') == real and len(real) == 50
    # nothing of the mock runs reached the real target: no seed, no model in its schemas
    assert _relations(crm, schema) == [(crm, "accounts")]
    assert (root / ".datanet" / "mock.duckdb").exists()


def test_mock_refuses_a_table_it_did_not_write(project) -> None:
    root, crm, schema = project
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'CREATE SCHEMA "{schema}_mock"')
        con.execute(f'CREATE TABLE "{schema}_mock".crm__accounts AS SELECT 1 AS id')
    out = _refused(root, "mock")
    assert f"refusing to write mock data into {schema}_mock.crm__accounts" in out
    assert "--out DIR" in out
    assert _rows(f'SELECT * FROM "{schema}_mock".crm__accounts') == [(1,)]


def test_mock_refuses_a_mock_schema_where_a_real_source_lives(project) -> None:
    root, crm, schema = project
    sources = root / "sources" / "crm.yml"
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'CREATE SCHEMA "{schema}_mock"')
        con.execute(f'CREATE TABLE "{schema}_mock".accounts AS SELECT * FROM "{crm}".accounts')
    sources.write_text(sources.read_text().replace(f"{crm}.accounts", f"{schema}_mock.accounts"))
    out = _refused(root, "mock")
    assert f"source 'crm.accounts' is the real relation {schema}_mock.accounts" in out
    assert _rows(f'SELECT count(*) FROM "{schema}_mock".accounts') == [(50,)]
    assert _relations(f"{schema}_mock") == [(f"{schema}_mock", "accounts")]
