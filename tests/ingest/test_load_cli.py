"""`datanet ingest` and `run`/`build` loading `load:` tables before the models reading them;
the source keys validated with the file and the table named."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import yaml
from ingest_helpers import PG_DSN, invoke, pg_warehouse, query

from datanet_sql.adapters.spark import SMALL_DATA_CONFIG
from datanet_sql.ingest.project import sources_only

SOURCES = """\
sources:
  - name: shop
    tables:
      - name: sales
        path: landing/*.csv
        load: {mode: incremental_files, primary_key: sale_id}
        columns: {amount: integer}
      - name: customers
        path: crm/customers.csv
"""


def project(tmp_path: Path, sources: str = SOURCES) -> Path:
    (tmp_path / "models").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "landing").mkdir()
    (tmp_path / "crm").mkdir()
    (tmp_path / "datanet.yml").write_text("name: shop\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "shop.yml").write_text(sources)
    (tmp_path / "landing" / "a.csv").write_text("sale_id,amount\n1,10\n2,x\n")
    (tmp_path / "crm" / "customers.csv").write_text("id\n1\n")
    (tmp_path / "models" / "total.sql").write_text(
        "select sum(amount) as total, count(*) as n from {{ source('shop', 'sales') }}")
    return tmp_path


def state(root: Path) -> list[list[tuple]]:
    """The loaded table, the ledger and the rejects, all but load times."""
    return [query(root, sql) for sql in (
        "select * from shop.sales order by all",
        "select * exclude (loaded_at) from main._datanet_ingest_ledger order by all",
        "select * exclude (loaded_at) from shop._rejects order by all")]


def test_ingest_loads_counts_rejects_and_reruns_unchanged(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = invoke("ingest", "--project-dir", root)
    assert first.exit_code == 0, first.output
    # source, table, batches, rows, unchanged, rejects
    assert "shop.sales\tshop.sales\t1\t1\t0\t1" in first.stdout
    assert "shop.customers" not in first.stdout
    assert query(root, "select sale_id, amount from shop.sales") == [(1, 10)]
    assert query(root, "select source, table_name, record_no, reason, raw from shop._rejects"
                 ) == [("shop", "sales", "2", "amount: 'x' is not an integer", "2,x")]
    loaded = state(root)
    again = invoke("ingest", "--project-dir", root, "--select", "source:shop.sales")
    assert again.exit_code == 0, again.output
    assert "shop.sales\tshop.sales\t0\t0\t1\t0" in again.stdout
    assert state(root) == loaded


def test_on_bad_row_fail_stops_that_table_only(tmp_path: Path) -> None:
    root = project(tmp_path, SOURCES.replace("columns: {amount: integer}",
                                             "columns: {amount: integer}\n"
                                             "        on_bad_row: fail") + """\
      - name: refunds
        path: refunds/*.csv
        load: {mode: append}
        columns: {amount: integer}
""")
    (root / "refunds").mkdir()
    (root / "refunds" / "r.csv").write_text("refund_id,amount\n7,3\n8,?\n")
    result = invoke("ingest", "--project-dir", root)
    assert result.exit_code == 1
    assert "shop.sales: landing/a.csv: record 2: amount: 'x' is not an integer" \
        in result.stderr and "Traceback" not in result.output
    assert "shop.refunds\tshop.refunds\t1\t1\t0\t1" in result.stdout
    assert query(root, "select refund_id, amount from shop.refunds") == [(7, 3)]
    assert query(root, "select table_name, record_no from shop._rejects") == [("refunds", "2")]
    assert query(root, "select table_name from main._datanet_ingest_ledger") == [("refunds",)]
    assert not query(root, "select * from information_schema.tables where table_name = 'sales'")


def test_an_unexpected_failure_of_one_table_is_its_refusal_not_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader's bug on a file nobody foresaw (injected here: a RuntimeError for one file)
    refuses that table alone, naming it and its file; the other table loads."""
    from datanet_sql.ingest import reading

    root = project(tmp_path, SOURCES + """\
      - name: refunds
        path: refunds/*.csv
        load: {mode: append}
""")
    (root / "refunds").mkdir()
    (root / "refunds" / "r.csv").write_text("refund_id,amount\n7,3\n")
    read_source = reading.read_source

    def failing(path, *args, **kwargs):
        if Path(path).parent.name == "landing":
            raise RuntimeError("a reader's bug\nsecond line")
        return read_source(path, *args, **kwargs)

    monkeypatch.setattr(reading, "read_source", failing)
    result = invoke("ingest", "--project-dir", root)
    assert result.exit_code == 1
    assert "shop.sales: landing/*.csv: not loaded: datanet stopped on an unexpected " \
           "RuntimeError: a reader's bug\n  hint: the batch in flight was rolled back" \
           in result.stderr
    assert "Traceback" not in result.output and "second line" not in result.output
    assert query(root, "select refund_id, amount from shop.refunds") == [(7, 3)]


def test_build_loads_the_source_first_then_the_model(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = invoke("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "ingested: 1 batch(es) loaded" in result.stdout
    (root / "landing" / "b.csv").write_text("sale_id,amount\n3,5\n")
    result = invoke("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert query(root, "select total, n from main.total") == [(15, 2)]
    (root / "landing" / "c.csv").write_text("sale_id,amount,channel\n4,1,web\n")
    result = invoke("run", "--project-dir", root)   # the load adds channel: the contract too
    assert result.exit_code == 0, result.output
    assert "added channel TEXT" in result.stdout
    contract = yaml.safe_load((root / "profiles" / "shop.sales.yml").read_text())
    assert "channel" in [c["name"] for c in contract["columns"]]


@pytest.mark.parametrize(("table", "message"), [
    ("{name: t, path: a.csv, load: {mode: merge}}", "load mode 'merge' needs `primary_key`"),
    (("{name: t, dsn: 'x.db', format: sqlite, source_table: t, load: {mode: append, "
      "cursor: at}}"), "load mode 'append' with a `cursor` needs `primary_key`"),
    ("{name: t, path: a.csv, load: {mode: upsert}}", "mode"),
    ("{name: t, load: {mode: append}}", "needs exactly one of `path:`"),
    ("{name: t, path: a.csv, on_bad_row: drop, load: {}}", "on_bad_row"),
    ("{name: t, path: a.csv, columns: {qty: integer}, load: {lag: 1}}", "lag"),
    ("{name: t, dsn: 'postgresql://h/db', source_table: t}", "has no `load:`"),
    ("{name: t, dsn: 'postgresql://h/db', load: {mode: append}}", "names no table"),
    ("{name: t, path: a.csv, load: {mode: append, same_content: keep}}",
     ("shop.yml:4: source 'shop': sources.0.tables.0.load.same_content: Input should be "
      "'skip' or 'load'")),
    (("{name: t, dsn: 'x.db', format: sqlite, source_table: t, load: {mode: append, "
      "same_content: load}}"),
     "`same_content` is about files with the same bytes, and a database table has none"),
])
def test_bad_source_keys_name_the_file(tmp_path: Path, table: str, message: str) -> None:
    root = project(tmp_path, f"sources:\n  - name: shop\n    tables:\n      - {table}\n")
    result = invoke("ingest", "--project-dir", root)
    assert result.exit_code != 0
    assert "shop.yml" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output


def test_a_sqlite_file_given_by_path_with_source_table_is_loaded(tmp_path: Path) -> None:
    import sqlite3

    root = project(tmp_path, "sources:\n  - name: shop\n    tables:\n"
                   "      - {name: orders, format: sqlite, path: exports/shop.db, "
                   "source_table: orders, load: {mode: merge, primary_key: id}}\n"
                   "      - {name: refunds, path: exports/shop.db, source_table: refunds, "
                   "load: {mode: replace}}\n")
    (root / "exports").mkdir()
    with sqlite3.connect(root / "exports" / "shop.db") as db:
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, qty INTEGER)")
        db.execute("CREATE TABLE refunds (id TEXT PRIMARY KEY, amount REAL)")
        db.executemany("INSERT INTO orders VALUES (?, ?)", [(1, 5), (2, 7)])
        db.execute("INSERT INTO refunds VALUES ('r1', 2.5)")
    for _ in range(2):  # the rerun changes nothing
        result = invoke("ingest", "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert query(root, "select * from shop.orders order by id") == [(1, 5), (2, 7)]
        assert query(root, "select * from shop.refunds") == [("r1", 2.5)]


def test_compile_alone_reads_a_sqlite_tables_columns_before_any_load(tmp_path: Path) -> None:
    """`datanet compile` with no warehouse to look at (CI, before any ingest): a database
    table with `load:` has no file to describe, so its columns are read from the database
    as the load will write them, and a model selecting them compiles (it reported `columns
    available: none`)."""
    import sqlite3

    root = project(tmp_path, "sources:\n  - name: shop\n    tables:\n"
                   "      - {name: sales, format: sqlite, path: exports/shop.db, "
                   "source_table: orders, load: {mode: replace}}\n")
    (root / "exports").mkdir()
    with sqlite3.connect(root / "exports" / "shop.db") as db:
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, amount INTEGER)")
        db.execute("INSERT INTO orders VALUES (1, 5)")
    (root / "targets.yml").unlink()   # no warehouse at all
    result = invoke("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    compiled = next((root / ".datanet" / "compiled").rglob("total.sql")).read_text()
    assert compiled == ('SELECT\n  SUM("sales"."amount") AS "total",\n  COUNT(*) AS "n"\n'
                        'FROM "shop"."sales" AS "sales"\n')


ISSUE_EXAMPLE = """\
sources:
  - name: shop
    tables:
      - name: orders                       # the warehouse table: <schema>.orders
        format: sqlite                     # csv, tsv, parquet, json, ndjson, xlsx, sqlite, postgres
        path: exports/shop.db              # a file or a glob; or dsn: for postgres
        source_table: orders               # table inside a database source
        load: {mode: merge, primary_key: id, cursor: updated_at}
        columns: {quantity: integer}       # declared types: a value that does not fit is a reject
        on_bad_row: reject                 # reject (default) | fail | skip
      - name: sales
        path: landing/*.csv
        load: {mode: incremental_files, primary_key: sale_id}
      - name: budget
        format: xlsx
        path: finance.xlsx
        options: {sheet: Budget 2024, header_row: 1}
      - name: customers
        path: crm/customers.csv
        options: {encoding: latin-1, delimiter: ";"}   # usually sniffed; options override
        load: {mode: replace}
"""


def _design_sources(root: Path) -> None:
    """The files of ISSUE_EXAMPLE's four tables, one with a bad row; a model reads all four."""
    import sqlite3

    import openpyxl

    (root / "sources" / "shop.yml").write_text(ISSUE_EXAMPLE)
    (root / "exports").mkdir()
    with sqlite3.connect(root / "exports" / "shop.db") as db:
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, quantity, updated_at TEXT)")
        db.executemany("INSERT INTO orders VALUES (?, ?, ?)", [
            (1, 3, "2026-01-01"), (2, "lots", "2026-01-02"), (3, 5, "2026-01-03")])
    (root / "landing" / "a.csv").write_text("sale_id,amount\n1,10\n2,20\n")
    (root / "crm" / "customers.csv").write_bytes("id;name\n1;Müller\n2;Zoë\n".encode("latin-1"))
    book = openpyxl.Workbook()
    book.active.title = "Budget 2024"
    book.active.append(["dept", "amount"])
    book.active.append(["ops", 100])
    book.save(root / "finance.xlsx")
    (root / "models" / "total.sql").write_text(
        "select b.dept, sum(o.quantity) as quantity, count(distinct c.name) as customers, "
        "sum(s.amount) as sales from {{ source('shop', 'budget') }} as b, "
        "{{ source('shop', 'orders') }} as o, {{ source('shop', 'customers') }} as c, "
        "{{ source('shop', 'sales') }} as s group by b.dept")


def _with_failing_refunds(root: Path) -> Path:
    """ISSUE_EXAMPLE's sources and a fifth, `refunds`, whose file has a bad row under
    `on_bad_row: fail`."""
    _design_sources(root)
    (root / "sources" / "shop.yml").write_text(ISSUE_EXAMPLE + (
        "      - {name: refunds, path: crm/refunds.csv, on_bad_row: fail, "
        "columns: {amount: integer}, load: {mode: replace}}\n"))
    (root / "crm" / "refunds.csv").write_text("id,amount\n1,5\n2,five\n")
    return root


def test_the_sources_of_the_ingestion_design_load_as_written(tmp_path: Path) -> None:
    """The design's own example, verbatim: a SQLite file by `path:`, a glob, an Excel sheet
    without `load:` (loaded as replace: no warehouse reads a workbook in place) and a
    latin-1 CSV; twice, the second run loading nothing."""
    root = project(tmp_path)
    _design_sources(root)
    first = invoke("ingest", "--project-dir", root)
    assert first.exit_code == 0, first.output
    assert "shop.orders\tshop.orders\t1\t2\t0\t1" in first.stdout
    second = invoke("ingest", "--project-dir", root)
    assert second.exit_code == 0, second.output
    for name in ("orders", "sales", "budget", "customers"):
        assert f"shop.{name}\tshop.{name}\t0\t0\t1\t0" in second.stdout
    assert query(root, "select id, quantity from shop.orders order by id") == [(1, 3), (3, 5)]
    assert query(root, "select sale_id, amount from shop.sales order by 1") == [(1, 10), (2, 20)]
    assert query(root, "select * from shop.customers order by id") == [(1, "Müller"), (2, "Zoë")]
    assert query(root, "select * from shop.budget") == [("ops", 100)]
    assert query(root, "select record_no, reason from shop._rejects") == [
        ("2", "quantity: 'lots' is not an integer")]


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_a_first_build_on_threads_loads_every_source_its_model_reads(tmp_path: Path,
                                                                     engine: str) -> None:
    """`build` on a fresh warehouse, four sources loading on four threads: the model
    compiles against each table as its load will write it (read by datanet's own readers:
    DuckDB's sniffer reads neither a workbook nor a database), and the threads share the
    ledger they create (two of them used to both create it, failing a source)."""
    root = project(tmp_path)
    _design_sources(root)
    with pg_warehouse("dn_first") as (adapter, schema):
        target = {"type": "duckdb", "path": "dw.duckdb", "threads": 4} if engine == "duckdb" \
            else {"type": "postgres", "dsn": PG_DSN, "schema": schema, "threads": 4}
        (root / "targets.yml").write_text(yaml.safe_dump({"dev": target}))
        for _ in range(2):  # the rebuild loads nothing and builds the same table
            result = invoke("build", "--project-dir", root)
            assert result.exit_code == 0, result.output
            total = (query(root, "select * from main.total") if engine == "duckdb" else
                     adapter.fetch(f"select * from {schema}.total")[1])
            assert [(d, int(q), c, int(s)) for d, q, c, s in total] == [("ops", 32, 2, 120)]


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_a_source_failing_its_load_on_threads_costs_only_its_own_readers(tmp_path: Path,
                                                                        engine: str) -> None:
    """Four sources load on four threads beside a fifth whose file has a bad row under
    `on_bad_row: fail`: the build fails that source and skips its model only; the others
    load and their model builds, twice in a row (the rebuild keeps every table), and once
    the file is fixed the next build loads it and builds the rest."""
    root = _with_failing_refunds(project(tmp_path))
    (root / "models" / "refunded.sql").write_text(
        "select sum(amount) as amount from {{ source('shop', 'refunds') }}")
    with pg_warehouse("dn_fail") as (adapter, schema):
        target = {"type": "duckdb", "path": "dw.duckdb", "threads": 4} if engine == "duckdb" \
            else {"type": "postgres", "dsn": PG_DSN, "schema": schema, "threads": 4}
        (root / "targets.yml").write_text(yaml.safe_dump({"dev": target}))

        def rows(sql: str) -> list[tuple]:
            found = query(root, sql) if engine == "duckdb" else adapter.fetch(
                sql.replace("main.", f"{schema}.").replace("shop.", f"{schema}_shop."))[1]
            return [tuple(int(v) if hasattr(v, "as_integer_ratio") and not isinstance(
                v, float) else v for v in row) for row in found]
        for _ in range(2):
            result = invoke("build", "--project-dir", root)
            assert result.exit_code == 1
            assert "ERROR source shop.refunds: " in result.output
            assert "record 2: amount: 'five' is not an integer" in result.output
            assert "build failed: shop.refunds; skipped: refunded" in result.output
            assert rows("select * from main.total") == [("ops", 32, 2, 120)]
            assert rows("select count(*) from shop.orders") == [(2,)]
        (root / "crm" / "refunds.csv").write_text("id,amount\n1,5\n2,7\n")
        fixed = invoke("build", "--project-dir", root)
        assert fixed.exit_code == 0, fixed.output
        assert rows("select * from main.refunded") == [(12,)]
        assert rows("select * from main.total") == [("ops", 32, 2, 120)]


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_sources_that_model_views_read_are_replaced_and_widened(tmp_path: Path,
                                                                engine: str) -> None:
    """Models built as views over loaded sources (the default materialization): a `replace`
    source whose file changed is swapped in, and a column widened by a later file is
    retyped, the views kept. Postgres refused both ("cannot drop table ... because other
    objects depend on it", "cannot alter type of a column used by a view"), failing the
    source on every build after its data changed."""
    root = project(tmp_path, SOURCES.replace("path: crm/customers.csv",
                                             "path: crm/customers.csv\n        load: {mode: replace}")
                   .replace("        columns: {amount: integer}\n", ""))
    (root / "landing" / "a.csv").write_text("sale_id,amount\n1,10\n")
    (root / "models" / "people.sql").write_text("select * from {{ source('shop', 'customers') }}")
    (root / "models" / "total.sql").write_text("select * from {{ source('shop', 'sales') }}")
    with pg_warehouse("dn_views") as (adapter, schema):
        target = {"type": "duckdb", "path": "dw.duckdb"} if engine == "duckdb" else \
            {"type": "postgres", "dsn": PG_DSN, "schema": schema}
        (root / "targets.yml").write_text(yaml.safe_dump({"dev": target}))

        def rows(model: str) -> list[tuple]:
            sql = f"select * from main.{model} order by 1"
            return query(root, sql) if engine == "duckdb" else [
                tuple(r) for r in adapter.fetch(sql.replace("main.", f"{schema}."))[1]]
        assert invoke("build", "--project-dir", root).exit_code == 0
        (root / "crm" / "customers.csv").write_text("id\n1\n2\n")
        (root / "landing" / "b.csv").write_text("sale_id,amount\n3,2.5\n")
        for _ in range(2):
            result = invoke("build", "--project-dir", root)
            assert result.exit_code == 0, result.output
            assert rows("people") == [(1,), (2,)]
            assert [(k, float(a)) for k, a, _ in rows("total")] == [(1, 10.0), (3, 2.5)]


def test_a_first_build_compiles_against_the_names_the_load_will_write(tmp_path: Path) -> None:
    """A messy CSV (`;`, a header with spaces and units, decimal commas): DuckDB's sniffer
    alone fails on it; the first build reads it as the load will, snake_cased names too."""
    root = project(tmp_path)
    (root / "landing" / "a.csv").write_text("Sale ID;Amount (EUR)\n1;10,5\n2;20\n")
    (root / "models" / "total.sql").write_text(
        "select sum(amount_eur) as total, count(sale_id) as n from {{ source('shop', 'sales') }}")
    result = invoke("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert query(root, "select * from main.total") == [(30.5, 2)]


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_ingest_loads_tables_side_by_side_and_reports_them_in_order(tmp_path: Path,
                                                                    engine: str) -> None:
    """`ingest --threads 4`: five tables at once, one failing its bad row; the others load,
    the report lists them in the tables' order, the command exits 1 naming the failure, and
    the rerun loads nothing (and fails the same way, its table untouched)."""
    root = _with_failing_refunds(project(tmp_path))
    with pg_warehouse("dn_threads") as (_, schema):
        target = {"type": "duckdb", "path": "dw.duckdb"} if engine == "duckdb" else \
            {"type": "postgres", "dsn": PG_DSN, "schema": schema}
        (root / "targets.yml").write_text(yaml.safe_dump({"dev": target}))
        for loaded in ("1", "0"):
            result = invoke("ingest", "--project-dir", root, "--threads", 4)
            assert result.exit_code == 1
            assert "shop.refunds: " in result.stderr and "record 2" in result.stderr
            names = [line.split("\t")[0] for line in result.stdout.splitlines()[1:]]
            assert names == ["shop.budget", "shop.customers", "shop.orders", "shop.sales"]
            assert all(line.split("\t")[2] == loaded for line in result.stdout.splitlines()[1:])


def test_source_table_on_a_file_that_is_no_database_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path, "sources:\n  - name: shop\n    tables:\n      - {name: sales, "
                   "path: landing/a.csv, source_table: sales, load: {mode: replace}}\n")
    result = invoke("ingest", "--project-dir", root)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "shop.yml:4" in result.stderr
    assert ("source table 'shop.sales' names `source_table: sales`, but its path "
            "landing/a.csv is not a SQLite database") in result.stderr
    assert "set `format: sqlite`" in result.stderr


def test_a_resent_file_is_named_in_a_warning_once_by_ingest_and_by_run(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert invoke("ingest", "--project-dir", root).exit_code == 0
    (root / "landing" / "a-again.csv").write_bytes((root / "landing" / "a.csv").read_bytes())
    result = invoke("ingest", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "shop.sales: warning: landing/a-again.csv has the same content as landing/a.csv " \
           "(loaded before): not loaded" in result.stderr
    assert "shop.sales\tshop.sales\t0\t0\t2\t0" in result.stdout
    again = invoke("ingest", "--project-dir", root)
    assert again.exit_code == 0 and "warning" not in again.stderr
    (root / "landing" / "b.csv").write_text("sale_id,amount\n3,5\n")
    (root / "landing" / "b-again.csv").write_text("sale_id,amount\n3,5\n")
    run = invoke("run", "--project-dir", root)
    assert run.exit_code == 0, run.output
    assert "WARN" in run.stdout and "landing/b.csv has the same content as " \
        "landing/b-again.csv (loaded in this run): not loaded" in run.stdout
    assert query(root, "select total, n from main.total") == [(15, 2)]


def test_a_new_column_is_added_and_recorded_in_the_contract(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert invoke("ingest", "--project-dir", root).exit_code == 0
    (root / "landing" / "b.csv").write_text("sale_id,amount,channel\n3,5,web\n")
    result = invoke("ingest", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "shop.sales: added channel TEXT" in result.stderr
    contract = (root / "profiles" / "shop.sales.yml").read_text()
    assert "name: channel" in contract
    assert query(root, "select sale_id, channel from shop.sales order by 1") == \
        [(1, None), (3, "web")]
    (root / "landing" / "c.csv").write_text("sale_id,amount,channel\n4.5,1,shop\n")
    result = invoke("ingest", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "shop.sales: widened sale_id BIGINT -> DOUBLE" in result.stderr
    columns = yaml.safe_load((root / "profiles" / "shop.sales.yml").read_text())["columns"]
    assert {c["name"]: c["type"] for c in columns}["sale_id"] == "DOUBLE"
    assert query(root, "select sale_id from shop.sales order by 1") == [(1.0,), (3.0,), (4.5,)]


def test_what_the_reader_decided_is_shown_and_recorded_in_the_contract(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "landing" / "a.csv").write_text("Sale ID;Amount\n1;10\n")
    result = invoke("ingest", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "shop.sales: read: encoding utf-8, delimiter ';', header on line 1; columns " \
           "renamed: 'Sale ID' -> sale_id, 'Amount' -> amount" in result.stderr
    contract = yaml.safe_load((root / "profiles" / "shop.sales.yml").read_text())
    assert contract["load_notes"] == ["encoding utf-8, delimiter ';', header on line 1",
                                      "columns renamed: 'Sale ID' -> sale_id, 'Amount' -> amount"]
    (root / "landing" / "b.csv").write_text("Sale ID;Amount\n2;20\n")  # same layout
    again = invoke("ingest", "--project-dir", root)
    assert again.exit_code == 0 and "contract recorded" not in again.stderr


def test_a_plain_first_load_leaves_the_contract_to_the_first_run(tmp_path: Path) -> None:
    """A file read as nearly every file is (UTF-8, comma, header on line 1) gives healing
    nothing to keep, so the first load does not fingerprint the table: the first run records
    its contract, as any source's. Once a contract holds another reading, a plain one is
    recorded over it."""
    root = project(tmp_path)
    contract = root / "profiles" / "shop.sales.yml"
    result = invoke("ingest", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "shop.sales: read: encoding utf-8, delimiter ',', header on line 1" in result.stderr
    assert "contract recorded" not in result.stderr and not contract.exists()
    assert invoke("run", "--project-dir", root).exit_code == 0
    assert yaml.safe_load(contract.read_text())["columns"][0]["name"] == "sale_id"

    (root / "landing" / "b.csv").write_text("Sale ID;Amount\n3;30\n")
    assert "contract recorded" in invoke("ingest", "--project-dir", root).stderr
    assert yaml.safe_load(contract.read_text())["load_notes"][0] == \
        "encoding utf-8, delimiter ';', header on line 1"
    (root / "landing" / "c.csv").write_text("sale_id,amount\n4,40\n")
    assert "contract recorded" in invoke("ingest", "--project-dir", root).stderr
    assert yaml.safe_load(contract.read_text())["load_notes"] == \
        ["encoding utf-8, delimiter ',', header on line 1"]


def test_child_tables_are_counted_and_readable_as_declared_sources(tmp_path: Path) -> None:
    root = project(tmp_path, """\
sources:
  - name: shop
    tables:
      - name: orders
        path: landing/*.ndjson
        load: {mode: append, primary_key: id}
      - name: items
        table: shop.orders__items
""")
    (root / "landing" / "a.ndjson").write_text(
        '{"id": 1, "items": [{"sku": "A"}, {"sku": "B"}]}\n{"id": 2, "items": [{"sku": "C"}]}\n')
    (root / "models" / "total.sql").write_text(
        "select o.id, count(*) as n from {{ source('shop', 'orders') }} o "
        "join {{ source('shop', 'items') }} i on i.id = o.id group by 1")
    result = invoke("ingest", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "orders__items 3" in result.stdout
    assert invoke("run", "--project-dir", root).exit_code == 0
    assert query(root, "select id, n from main.total order by 1") == [(1, 2), (2, 1)]



def test_ingest_compiles_the_sources_only_unless_the_selection_needs_the_dag(
        tmp_path: Path) -> None:
    root = project(tmp_path)
    result = invoke("ingest", "--project-dir", root, "--select", "source:shop.sales")
    assert result.exit_code == 0, result.output
    assert query(root, "select sale_id, amount from shop.sales") == [(1, 10)]
    assert not list((root / ".datanet").rglob("*.json"))  # no manifest: models not compiled
    # a graph operator needs the models' refs: the whole project compiles, the DAG selects
    (root / "landing" / "b.csv").write_text("sale_id,amount\n3,5\n")
    result = invoke("ingest", "--project-dir", root, "--select", "+total")
    assert result.exit_code == 0, result.output
    assert query(root, "select sale_id from shop.sales order by 1") == [(1,), (3,)]
    assert (root / ".datanet" / "manifest.json").exists()


@pytest.mark.parametrize(("selection", "light"), [
    ([], True), (["source:shop.sales"], True), (["source:shop source:crm.*"], True),
    (["source:shop.sales+"], False), (["+total"], False), (["total"], False),
    (["source:shop,tag:nightly"], False), (["selector:nightly"], False), (["@source:shop"], False),
])
def test_which_selections_the_sources_alone_answer(selection: list[str], light: bool) -> None:
    assert sources_only(selection) is light


def test_build_on_postgres_loads_before_the_model_and_a_second_build_changes_nothing(
        tmp_path: Path) -> None:
    root = project(tmp_path)
    with pg_warehouse("dn_cli") as (adapter, schema):
        (root / "targets.yml").write_text(yaml.safe_dump(
            {"dev": {"type": "postgres", "dsn": PG_DSN, "schema": schema}}))

        def pg_state() -> list[list[tuple]]:
            return [adapter.fetch(sql)[1] for sql in (
                f"select sale_id, amount, _datanet_file from {schema}_shop.sales order by 1",
                f"select file, size, sha256, rows from {schema}._datanet_ingest_ledger",
                f"select file, record_no, reason, raw from {schema}_shop._rejects",
                f"select total, n from {schema}.total")]
        first = invoke("build", "--project-dir", root)
        assert first.exit_code == 0, first.output
        assert "ingested: 1 batch(es) loaded, 0 unchanged, 1 rejected row(s)" in first.stdout
        (root / "landing" / "b.csv").write_text("sale_id,amount\n3,5\n")
        assert invoke("run", "--project-dir", root).exit_code == 0
        built = pg_state()
        assert built[0][:2] == [(1, 10, "landing/a.csv"), (3, 5, "landing/b.csv")]
        assert built[3] == [(15, 2)]
        again = invoke("build", "--project-dir", root)
        assert again.exit_code == 0, again.output
        assert "ingested: 0 batch(es) loaded, 2 unchanged" in again.stdout
        assert pg_state() == built


def test_build_on_spark_loads_an_append_source_then_the_model_and_reloads_nothing(
        tmp_path: Path, spark) -> None:
    """`datanet build --target spark` loads a `load: {mode: append}` table before the model
    that reads it with source(); a second build loads nothing and rebuilds the model. The
    target shares the tests' Spark session (its warehouse folder), so no JVM starts."""
    schema = f"dn_cli_{uuid.uuid4().hex[:8]}"
    root = project(tmp_path, SOURCES.replace("mode: incremental_files, primary_key: sale_id",
                                             "mode: append"))
    (root / "targets.yml").write_text(yaml.safe_dump({"spark": {
        "type": "spark", **SMALL_DATA_CONFIG, "schema": schema,
        "warehouse_dir": str(spark.warehouse_dir)}}))
    (root / "landing" / "b.csv").write_text("sale_id,amount\n3,5\n")
    model = root / "models" / "total.sql"
    model.write_text("{{ config(materialized='table') }}\n" + model.read_text())
    shared = spark.session
    try:
        first = invoke("build", "--project-dir", root, "--target", "spark")
        assert first.exit_code == 0, first.output
        assert "ingested: 2 batch(es) loaded, 0 unchanged, 1 rejected row(s)" in first.stdout
        loaded = spark.fetch(f"select sale_id, amount from {schema}_shop.sales order by 1")[1]
        assert loaded == [(1, 10), (3, 5)]
        assert spark.fetch(f"select total, n from {schema}.total")[1] == [(15, 2)]
        spark.execute(f"insert into {schema}.total values (0, 0)")  # gone if rebuilt
        again = invoke("build", "--project-dir", root, "--target", "spark")
        assert again.exit_code == 0, again.output
        assert "ingested: 0 batch(es) loaded, 2 unchanged" in again.stdout
        assert spark.fetch(f"select sale_id, amount from {schema}_shop.sales order by 1")[1] \
            == loaded
        assert spark.fetch(f"select total, n from {schema}.total")[1] == [(15, 2)]
        assert spark.fetch(f"select count(*) from {schema}_shop._rejects")[1] == [(1,)]
        assert spark.session is shared  # the commands joined the session, and left it running
    finally:
        for name in (schema, f"{schema}_shop"):
            spark.execute(f"drop schema if exists {name} cascade")
