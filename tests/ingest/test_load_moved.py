"""A project loaded in one folder and run again from another (moved, copied with its DuckDB
file, or a second checkout sharing a Postgres warehouse) finds its files loaded: the
warehouse names them by their path from the project root. A warehouse an earlier version
wrote with absolute paths keeps working."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import duckdb
import pytest
import yaml
from click.testing import CliRunner, Result
from ingest_helpers import PG_DSN, pg_warehouse, query
from sqlglot import exp

from datanet_sql.cli.main import cli
from datanet_sql.ingest.file_names import located, spellings, stored, stored_expression

SOURCES = """\
sources:
  - name: shop
    tables:
      - name: sales
        path: landing/*.csv
        load: {mode: incremental_files, primary_key: sale_id}
        columns: {amount: integer}
      - name: returns               # read by the warehouse's own scan (sales: into Arrow)
        path: returns/*.csv
        load: {mode: incremental_files}
        columns: {qty: double}
      - name: customers
        path: crm/*.csv
        load: {mode: replace}
      - name: events
        path: logs/*.ndjson
        load: {mode: append}
      - name: refunds
        path: refunds/*.csv
        load: {mode: append}
      - name: orders
        format: sqlite
        path: exports/shop.db
        source_table: orders
        load: {mode: append, primary_key: id, cursor: id}
"""
TABLES = ("sales", "returns", "customers", "events", "refunds", "orders")
LEDGER = "main._datanet_ingest_ledger"


def project(root: Path) -> Path:
    """A DuckDB project (warehouse `dw.duckdb` inside it) with a file of each kind landed."""
    for folder in ("sources", "landing", "returns", "crm", "logs", "refunds", "exports"):
        (root / folder).mkdir(parents=True)
    (root / "datanet.yml").write_text("name: shop\n")
    (root / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (root / "sources" / "shop.yml").write_text(SOURCES)
    (root / "landing" / "a.csv").write_text("sale_id,amount\n1,10\n2,20\n")
    (root / "landing" / "b.csv").write_text("sale_id,amount\n3,30\n4,x\n")
    (root / "returns" / "x.csv").write_text("return_id,qty\n1,1.5\n")
    (root / "returns" / "y.csv").write_text("return_id,qty\n2,2.5\n")
    (root / "crm" / "customers.csv").write_text("customer_id\n1\n")
    (root / "logs" / "app.ndjson").write_text('{"id": 1}\n{"id": 2}\n')
    (root / "refunds" / "r.csv").write_text("refund_id,amount\n7,3\n")
    with sqlite3.connect(root / "exports" / "shop.db") as db:
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, qty INTEGER)")
        db.executemany("INSERT INTO orders VALUES (?, ?)", [(1, 5), (2, 7)])
    return root.resolve()


def ingest(root: Path) -> Result:
    result = CliRunner().invoke(cli, ["ingest", "--project-dir", str(root)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def unchanged(result: Result) -> bool:
    """Whether the run loaded no batch of any table (and warned about nothing)."""
    batches = {line.split("\t")[0]: line.split("\t")[2:4] for line in result.stdout.splitlines()}
    return "warning" not in result.stderr and all(
        batches.get(f"shop.{t}") == ["0", "0"] for t in TABLES
    )


def execute(root: Path, *statements: str) -> None:
    with duckdb.connect(str(root / "dw.duckdb")) as con:
        for sql in statements:
            con.execute(sql)


def state(root: Path, tables: tuple[str, ...] = TABLES) -> list[list[tuple]]:
    """The loaded tables, the ledger and the rejects, all but load times."""
    return [
        query(root, sql)
        for sql in (
            *[f"select * from shop.{t} order by all" for t in tables],
            f"select * exclude (loaded_at) from {LEDGER} order by all",
            "select * exclude (loaded_at) from shop._rejects order by all",
        )
    ]


def duplicate_keys(root: Path) -> list[tuple]:
    return query(root, "select sale_id from shop.sales group by 1 having count(*) > 1")


def redeliver_and_append(root: Path) -> None:
    """A corrected `landing/a.csv` and `returns/x.csv` (same names, new content), and new
    lines at the end of the appended files and of the SQLite table."""
    (root / "landing" / "a.csv").write_text("sale_id,amount\n1,11\n2,21\n")
    (root / "returns" / "x.csv").write_text("return_id,qty\n1,1.75\n")
    with (root / "logs" / "app.ndjson").open("a") as log:
        log.write('{"id": 3}\n')
    with (root / "refunds" / "r.csv").open("a") as refunds:
        refunds.write("8,4\n")
    with sqlite3.connect(root / "exports" / "shop.db") as db:
        db.execute("INSERT INTO orders VALUES (3, 9)")


def assert_only_the_new_rows_loaded(root: Path) -> None:
    assert query(root, "select sale_id, amount, _datanet_file from shop.sales order by 1") == [
        (1, 11, "landing/a.csv"),
        (2, 21, "landing/a.csv"),
        (3, 30, "landing/b.csv"),
    ]
    assert duplicate_keys(root) == []
    assert query(root, "select return_id, qty from shop.returns order by 1") == [
        (1, 1.75),
        (2, 2.5),
    ]
    assert query(root, "select id from shop.events order by 1") == [(1,), (2,), (3,)]
    assert query(root, "select refund_id, amount from shop.refunds order by 1") == [(7, 3), (8, 4)]
    assert query(root, "select id, qty from shop.orders order by 1") == [(1, 5), (2, 7), (3, 9)]


@pytest.mark.parametrize("how", ["moved", "copied"])
def test_a_project_moved_or_copied_with_its_warehouse_loads_nothing_again(
    tmp_path: Path, how: str
) -> None:
    first = project(tmp_path / "ann" / "shop")
    assert "warning" not in ingest(first).stderr
    assert unchanged(ingest(first))  # twice in a row: nothing new
    loaded = state(first)
    assert query(first, f"select distinct file from {LEDGER} order by 1") == [
        ("crm/customers.csv",),
        ("exports/shop.db",),
        ("landing/a.csv",),
        ("landing/b.csv",),
        ("logs/app.ndjson",),
        ("refunds/r.csv",),
        ("returns/x.csv",),
        ("returns/y.csv",),
    ]
    assert query(first, "select file, record_no from shop._rejects") == [("landing/b.csv", "2")]

    second = tmp_path / "ci" / "checkout"
    if how == "moved":
        shutil.move(first, second)
    else:
        shutil.copytree(first, second)
    assert unchanged(ingest(second))
    assert state(second) == loaded

    redeliver_and_append(second)
    result = ingest(second)
    assert "warning" not in result.stderr
    assert "shop.sales\tshop.sales\t1\t2\t1\t0" in result.stdout  # a.csv again, b.csv unchanged
    assert_only_the_new_rows_loaded(second)
    assert query(second, "select return_id, _datanet_file from shop.returns order by 1") == [
        (1, "returns/x.csv"),
        (2, "returns/y.csv"),
    ]
    assert query(
        second, f"select file, rows from {LEDGER} where table_name = 'sales' order by 1"
    ) == [("landing/a.csv", 2), ("landing/b.csv", 1)]
    assert unchanged(ingest(second))


def as_an_earlier_version_wrote_it(root: Path) -> None:
    """The warehouse rewritten as versions before relative names wrote it: every file named
    by its absolute path (the ledger, `_datanet_file`, `_rejects.file`)."""
    prefix = f"'{root.as_posix()}/' || "
    execute(
        root,
        f"update {LEDGER} set file = {prefix}file",
        f"update shop.sales set _datanet_file = {prefix}_datanet_file",
        f"update shop.returns set _datanet_file = {prefix}_datanet_file",
        f"update shop._rejects set file = {prefix}file",
    )


def test_a_warehouse_with_absolute_paths_keeps_working_without_duplicates(tmp_path: Path) -> None:
    root = project(tmp_path / "shop")
    ingest(root)
    as_an_earlier_version_wrote_it(root)
    assert query(root, "select distinct _datanet_file from shop.sales order by 1") == [
        (str(root / "landing" / "a.csv"),),
        (str(root / "landing" / "b.csv"),),
    ]
    before = state(root)
    assert unchanged(ingest(root))
    assert state(root) == before  # the old names are read, not rewritten

    redeliver_and_append(root)
    (root / "landing" / "b.csv").write_text("sale_id,amount\n3,30\n")  # its bad row fixed
    result = ingest(root)
    assert "warning" not in result.stderr
    assert query(root, "select sale_id, amount, _datanet_file from shop.sales order by 1") == [
        (1, 11, "landing/a.csv"),
        (2, 21, "landing/a.csv"),
        (3, 30, "landing/b.csv"),
    ]
    assert_only_the_new_rows_loaded(root)
    assert query(root, "select return_id, _datanet_file from shop.returns order by 1") == [
        (1, "returns/x.csv"),
        (2, str(root / "returns" / "y.csv")),
    ]  # y.csv: as it was
    # the re-delivered files' old rows went with them: their ledger rows, b.csv's reject
    assert query(root, f"select file from {LEDGER} where table_name = 'sales' order by 1") == [
        ("landing/a.csv",),
        ("landing/b.csv",),
    ]
    assert query(root, "select * from shop._rejects") == []
    assert unchanged(ingest(root))


def test_absolute_paths_of_another_root_are_left_alone(tmp_path: Path) -> None:
    """An earlier version's names under the folder the project was loaded from cannot be
    told from another project's files: the moved project's files are new by name, and
    their content the ledger holds is not loaded twice (the re-send warning says why)."""
    first = project(tmp_path / "ann" / "shop")
    ingest(first)
    as_an_earlier_version_wrote_it(first)
    loaded = query(first, "select sale_id, amount from shop.sales order by 1")
    second = tmp_path / "ci" / "shop"
    shutil.move(first, second)
    result = ingest(second)
    assert f"landing/a.csv has the same content as {first}/landing/a.csv" in result.stderr
    assert query(second, "select sale_id, amount from shop.sales order by 1") == loaded
    assert duplicate_keys(second) == []


def test_a_second_checkout_sharing_a_postgres_warehouse(tmp_path: Path) -> None:
    first = project(tmp_path / "ann" / "shop")
    with pg_warehouse("relpaths") as (adapter, schema):
        target = yaml.safe_dump({"dev": {"type": "postgres", "dsn": PG_DSN, "schema": schema}})
        (first / "targets.yml").write_text(target)

        def pg_state() -> list[list[tuple]]:
            return [
                adapter.fetch(sql)[1]
                for sql in (
                    *[f"select * from {schema}_shop.{t} order by 1" for t in TABLES],
                    (
                        f"select file, size, sha256, rows from {schema}._datanet_ingest_ledger "
                        f"order by 1, 2"
                    ),
                    f"select file, record_no, raw from {schema}_shop._rejects",
                )
            ]

        ingest(first)
        loaded = pg_state()
        assert loaded[-1] == [("landing/b.csv", "2", "4,x")]
        second = tmp_path / "ci" / "shop"
        shutil.copytree(first, second)
        assert unchanged(ingest(second))
        assert pg_state() == loaded

        redeliver_and_append(second)
        assert "warning" not in ingest(second).stderr
        assert adapter.fetch(
            f"select sale_id, amount, _datanet_file from {schema}_shop.sales order by 1"
        )[1] == [(1, 11, "landing/a.csv"), (2, 21, "landing/a.csv"), (3, 30, "landing/b.csv")]
        assert adapter.fetch(f"select count(*) from {schema}_shop.events")[1] == [(3,)]
        assert adapter.fetch(f"select count(*) from {schema}_shop.refunds")[1] == [(2,)]
        assert unchanged(ingest(second))


def test_names_are_relative_inside_the_root_and_absolute_outside(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    assert stored(root, str(root / "landing" / "a.csv")) == "landing/a.csv"
    assert stored(root, str(root / "landing" / ".." / "x.csv")) == "x.csv"
    assert stored(root, str(tmp_path / "shared" / "a.csv")) == str(tmp_path / "shared" / "a.csv")
    assert stored(root, str(root / ".." / "shared" / "a.csv")) == str(tmp_path / "shared" / "a.csv")
    assert stored(root, "postgresql://db/shop") == "postgresql://db/shop"
    assert located(root, "landing/a.csv") == str(root / "landing" / "a.csv")
    assert located(root, str(root / "landing" / "a.csv")) == str(root / "landing" / "a.csv")
    assert located(root, "/elsewhere/landing/a.csv") == "/elsewhere/landing/a.csv"
    assert spellings(root, [str(root / "a.csv"), "b.csv"]) == (
        "a.csv",
        str(root / "a.csv"),
        "b.csv",
        str(root / "b.csv"),
    )


def test_the_sql_name_of_a_listed_path_is_the_stored_one(tmp_path: Path) -> None:
    """What DuckDB's reader names a row's file by is renamed in SQL as `stored` names it."""
    root = tmp_path / "shop"
    paths = [
        str(root / "landing" / "a.csv"),
        str(tmp_path / "shopping" / "a.csv"),
        str(tmp_path / "a.csv"),
        "/elsewhere/landing/a.csv",
    ]
    values = exp.Values(
        expressions=[exp.Tuple(expressions=[exp.Literal.string(p)]) for p in paths],
        alias=exp.TableAlias(this=exp.to_identifier("t"), columns=[exp.to_identifier("f")]),
    )
    sql = exp.select(stored_expression(root, exp.column("f"))).from_(values).sql("duckdb")
    assert [name for (name,) in duckdb.sql(sql).fetchall()] == [stored(root, p) for p in paths]


def test_build_with_two_threads_after_a_move_loads_nothing_again(tmp_path: Path) -> None:
    """`build --threads 2` loads the two `load:` tables a model reads side by side before
    it: moved, both are unchanged and the model is built from the same rows."""
    first = project(tmp_path / "ann" / "shop")
    (first / "models").mkdir()
    (first / "models" / "total.sql").write_text(
        "select (select sum(amount) from {{ source('shop', 'sales') }}) as total, "
        "(select sum(qty) from {{ source('shop', 'returns') }}) as qty"
    )
    build = ["build", "--threads", "2", "--project-dir"]
    for _ in range(2):
        result = CliRunner().invoke(cli, [*build, str(first)])
        assert result.exit_code == 0, result.output
    assert result.stdout.count("ingested: 0 batch(es) loaded") == 2
    loaded = state(first, ("sales", "returns"))
    second = tmp_path / "ci" / "shop"
    shutil.move(first, second)
    result = CliRunner().invoke(cli, [*build, str(second)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("ingested: 0 batch(es) loaded") == 2
    assert "WARN" not in result.stdout and "warning" not in result.output
    assert state(second, ("sales", "returns")) == loaded
    assert query(second, "select total, qty from main.total") == [(60, 4.0)]


def test_a_log_rotated_after_the_move_loads_each_line_once(tmp_path: Path) -> None:
    """Rotation is told by the prefix a load of another path consumed: a name the ledger
    wrote in the other folder is that path here."""
    first = project(tmp_path / "ann" / "shop")
    ingest(first)
    second = tmp_path / "ci" / "shop"
    shutil.move(first, second)
    log = second / "logs" / "app.ndjson"
    with log.open("a") as lines:
        lines.write('{"id": 3}\n')
    log.rename(second / "logs" / "app-1.ndjson")
    log.write_text('{"id": 4}\n')
    result = ingest(second)
    assert "warning" not in result.stderr
    assert query(second, "select id from shop.events order by 1") == [(1,), (2,), (3,), (4,)]
    assert unchanged(ingest(second))
