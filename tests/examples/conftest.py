"""Shared helpers for the example-project tests: run the CLI in-process, render by hand."""

from __future__ import annotations

from pathlib import Path

import duckdb
import jinja2
import pytest



def _datanet(*args: str) -> tuple[int, str]:
    """Run a datanet command in-process; (exit code, stdout + stderr)."""
    main = pytest.importorskip("datanet_sql.cli.main")
    from click.testing import CliRunner

    result = CliRunner().invoke(main.cli, list(args))
    return result.exit_code, result.output + (str(result.exception or "") if result.exit_code else "")


def _run_by_hand(root: Path, order: list[str], sources: dict[str, str]) -> duckdb.DuckDBPyConnection:
    """Render ref/source/var by hand and build every model as a table, without the compiler.

    Checks that the SQL itself is valid DuckDB SQL over the real files, independently of
    how far the compiler has got.
    """
    con = duckdb.connect()
    for table, reader in sources.items():
        con.execute(f"create view raw_{table} as select * from {reader}")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    files = {p.stem: p for p in (root / "models").rglob("*.sql")}
    for name in order:
        sql = env.from_string(files[name].read_text()).render(
            ref=lambda m: m, source=lambda s, t: f"raw_{t}", var=lambda k: "2024-01-01",
            config=lambda **kw: "", is_incremental=lambda: False)
        con.execute(f"create table {name} as {sql}")
    return con


@pytest.fixture(scope="session")
def datanet():
    """`datanet(*args) -> (exit code, output)`; skips when the CLI is not there yet."""
    return _datanet


@pytest.fixture
def run_by_hand():
    """`run_by_hand(root, model order, {table: reader SQL})` -> a DuckDB connection."""
    return _run_by_hand
