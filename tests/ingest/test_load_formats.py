"""`datanet ingest` end to end on every format the issue lists, each file carrying a reader
trap (cp1252 with `;` and a header to snake_case, a ragged row, a TSV whose values hold
commas, Parquet drifting inside its glob, NDJSON with a late key, a nested object and an
array, a JSON array, an Excel sheet under title rows, SQLite with a cursor), into DuckDB and
into Postgres (`--target pg`): the tables hold the rows the readers promise, and a second run changes
nothing (rows, ledger, rejects)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from click.testing import CliRunner
from ingest_helpers import PG_DSN, Place, pg_warehouse, workbook

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.cli.main import cli

TABLES = [
    {"name": "orders", "path": "landing/*.csv", "load": {"mode": "incremental_files"}},
    {"name": "lines", "path": "lines.tsv", "load": {"mode": "replace"}},
    {"name": "metrics", "path": "parquet/*.parquet", "load": {"mode": "incremental_files"}},
    {"name": "events", "path": "events.ndjson", "load": {"mode": "append", "primary_key": "id"}},
    {"name": "rates", "path": "rates.json", "format": "json", "load": {"mode": "replace"}},
    {"name": "budget", "path": "finance.xlsx", "options": {"sheet": "Budget 2024"},
     "load": {"mode": "replace"}},
    {"name": "customers", "dsn": "shop.db", "format": "sqlite", "source_table": "customers",
     "load": {"mode": "merge", "primary_key": "id", "cursor": "updated"}},
]
QUERIES = {
    "orders": "select order_id, kunde, betrag from {s}.orders order by 1",
    "lines": "select sku, note from {s}.lines order by 1",
    "metrics": "select day, value, unit from {s}.metrics order by 1",
    "events": "select id, kind, user__name, late from {s}.events order by 1",
    "events__tags": "select id, _index, value from {s}.events__tags order by 1, 2",
    "rates": "select code, rate from {s}.rates order by 1",
    "budget": "select cost_center, amount_eur from {s}.budget order by 1",
    "customers": "select id, name from {s}.customers order by 1",
}
EXPECTED = {
    "orders": [(1, "Jörg", 10.5), (2, "Zoë", 3.0)],
    "lines": [("A-1", "red, large"), ("B-2", "blue")],
    "metrics": [(1, 1.0, None), (2, 2.5, "kg")],
    "events": [(1, "view", "ann", None), (2, "buy", "bo", "yes")],
    "events__tags": [(1, 1, "x"), (1, 2, "y"), (2, 1, "z")],
    "rates": [("EUR", 1.0), ("USD", 1.1)],
    "budget": [("A-1", 1200.5), ("A-2", 800.0)],
    "customers": [(1, "ann"), (2, "bo")],
}


def land(root: Path) -> None:
    (root / "landing").mkdir()
    (root / "landing" / "a.csv").write_bytes(
        "Order ID;Kunde;Betrag\r\n1;Jörg;10,5\r\n2;Zoë;3,0\r\n3;Ragged;1;extra\r\n"
        .encode("cp1252"))
    (root / "lines.tsv").write_text("sku\tnote\nA-1\tred, large\nB-2\tblue\n")
    (root / "parquet").mkdir()
    pq.write_table(pa.table({"day": pa.array([1], pa.int32()),
                             "value": pa.array([1], pa.int32())}), root / "parquet" / "1.parquet")
    # `unit` as Hive writes text: BYTE_ARRAY without the UTF8 annotation (loaded as text)
    pq.write_table(pa.table({"day": pa.array([2], pa.int64()), "value": [2.5],
                             "unit": pa.array([b"kg"], pa.binary())}),
                   root / "parquet" / "2.parquet")
    (root / "events.ndjson").write_text("".join(json.dumps(e) + "\n" for e in [
        {"id": 1, "kind": "view", "user": {"name": "ann"}, "tags": ["x", "y"]},
        {"id": 2, "kind": "buy", "user": {"name": "bo"}, "tags": ["z"], "late": "yes"}]))
    (root / "rates.json").write_text(json.dumps([{"code": "USD", "rate": 1.1},
                                                 {"code": "EUR", "rate": 1.0}]))
    workbook(root / "finance.xlsx", {"Cover": [["hello"]], "Budget 2024": [
        ["Budget 2024"], [], ["Cost Center", "Amount (EUR)"], ["A-1", 1200.5], ["A-2", 800]]})
    with sqlite3.connect(root / "shop.db") as con:
        con.execute("create table customers (id integer primary key, name text, updated text)")
        con.execute("insert into customers values (1, 'ann', '2024-01-01'), "
                    "(2, 'bo', '2024-01-02')")


@pytest.fixture(params=["duckdb", "postgres"])
def project(request: pytest.FixtureRequest, tmp_path: Path
            ) -> Iterator[tuple[list[str], Callable[[], AbstractContextManager[Place]]]]:
    """The arguments naming the project (and, for Postgres, `--target pg`: the default
    target is a DuckDB file) and how to open what it loaded (a DuckDB file is opened
    between commands: the CLI takes its lock)."""
    land(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "datanet.yml").write_text("name: formats\n")
    (tmp_path / "sources" / "shop.yml").write_text(yaml.safe_dump(
        {"sources": [{"name": "shop", "tables": TABLES}]}, allow_unicode=True))
    if request.param == "duckdb":
        (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")

        @contextmanager
        def opened() -> Iterator[Place]:
            adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
            try:
                yield Place(adapter, "main", "shop")
            finally:
                adapter.close()
        yield ["--project-dir", str(tmp_path)], opened
        return
    with pg_warehouse("dn_fmt") as (adapter, schema):
        (tmp_path / "targets.yml").write_text(yaml.safe_dump(
            {"dev": {"type": "duckdb", "path": "dw.duckdb"},
             "pg": {"type": "postgres", "dsn": PG_DSN, "schema": schema}}))
        yield (["--project-dir", str(tmp_path), "--target", "pg"],
               lambda: nullcontext(Place(adapter, schema, f"{schema}_shop")))


def loaded(place: Place) -> dict[str, list[tuple]]:
    return {name: place.fetch(sql.format(s=place.schema)) for name, sql in QUERIES.items()}


def ingest(args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["ingest", *args])
    assert result.exit_code == 0, result.output


def test_every_format_loads_with_its_trap_and_a_second_run_changes_nothing(project) -> None:
    args, opened = project
    ingest(args)
    with opened() as place:
        assert loaded(place) == EXPECTED
        [(file, record_no, raw)] = place.fetch(f"select file, record_no, raw from "
                                               f"{place.schema}._rejects")
        assert (Path(file).name, record_no, raw) == ("a.csv", "3", "3;Ragged;1;extra")
        before = {name: place.state(name) for name in QUERIES}
    ingest(args)
    with opened() as place:
        assert {name: place.state(name) for name in QUERIES} == before
