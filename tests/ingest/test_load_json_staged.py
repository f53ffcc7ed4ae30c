"""NDJSON into a DuckDB warehouse is read by the warehouse itself (`reading.stage_json`): the
parent and child rows inserted from queries over the read, never through Arrow. The tables,
child tables, ledger rows and record numbers equal those of the Arrow path on the same files;
what the staged read declines (bad lines, declared columns, options) goes through Arrow."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import NoArrow

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load


class _ArrowOnly:
    """The reading module, except that the warehouse never reads the file itself."""

    def __getattr__(self, name: str) -> Any:
        if name == "stage_json":
            return lambda *args, **kwargs: None
        return getattr(reading, name)


def job(root: Path, mode: str = "append", key: list[str] | None = None,
        columns: dict[str, str] | None = None) -> LoadJob:
    config = {"mode": mode, "primary_key": key or [], "cursor": None, "path": "orders.ndjson",
              "dsn": None, "format": None, "source_table": None, "options": {},
              "on_bad_row": "reject", "columns": columns or {}}
    return LoadJob("shop", "orders", Relation("orders", "shop"), "main", root, config)


def orders(first: int, count: int) -> str:
    """Orders with a customer object, an array of items (sometimes empty or missing), and a
    key (`coupon`) first seen on the last line."""
    out = []
    for n in range(first, first + count):
        record: dict[str, Any] = {"Order ID": n, "customer": {"id": n % 7, "Country": "NO"}}
        if n % 3:
            record["items"] = [{"sku": f"S{n}-{i}", "qty": i + 1} for i in range(n % 4)]
        if n == first + count - 1:
            record["coupon"] = "LATE"
        out.append(json.dumps(record) + "\n")
    return "".join(out)


def tables(adapter: DuckDBAdapter) -> dict[str, Any]:
    """Every table of the warehouse's `shop` and `main` schemas: columns, types, sorted rows
    (the ledger without its load time)."""
    found = {}
    for schema, name in adapter.fetch(
            "select schema_name, table_name from duckdb_tables() where not temporary "
            "order by all")[1]:
        columns = adapter.fetch(f"select column_name, data_type from duckdb_columns() where "
                                f"schema_name = '{schema}' and table_name = '{name}' "
                                f"order by column_index")[1]
        kept = [c for c, _ in columns if c not in ("loaded_at", "rejected_at")]
        rows = adapter.fetch(f"select {', '.join(kept)} from {schema}.{name} order by all")[1]
        found[f"{schema}.{name}"] = (columns, rows)
    return found


def load_twice(root: Path, readers: Any, **config: Any) -> dict[str, Any]:
    """The file loaded, then loaded again after more lines were appended (tailed)."""
    path = root / "orders.ndjson"
    path.write_text(orders(1, 40))
    adapter = DuckDBAdapter({"path": str(root / f"{type(readers).__name__}.duckdb")})
    try:
        load(adapter, job(root, **config), readers)
        with path.open("a") as handle:
            handle.write(orders(41, 25))
        load(adapter, job(root, **config), readers)
        return tables(adapter)
    finally:
        adapter.close()


@pytest.mark.parametrize("config", [{}, {"key": ["order_id"]},
                                    {"mode": "incremental_files"}],
                         ids=["record_no", "primary_key", "incremental_files"])
def test_staged_tables_equal_the_arrow_paths(tmp_path: Path, config: dict[str, Any]) -> None:
    staged = load_twice(tmp_path, NoArrow(), **config)
    arrow = load_twice(tmp_path, _ArrowOnly(), **config)
    assert staged == arrow
    linked = [] if config.get("key") else ["_record_no", "_datanet_file"]
    assert [c for c, _ in staged["shop.orders"][0]] == [
        "order_id", "customer__id", "customer__country", "coupon", *linked]
    assert [c for c, _ in staged["shop.orders__items"][0]] == [
        *(config.get("key") or ["_record_no"]), "_index", "sku", "qty", *linked[1:]]


def test_record_numbers_of_an_appended_chunk_continue_the_files(tmp_path: Path) -> None:
    load_twice(tmp_path, NoArrow())
    adapter = DuckDBAdapter({"path": str(tmp_path / "NoArrow.duckdb")})
    try:
        assert adapter.fetch("select min(_record_no), max(_record_no), count(*), "
                             "count(distinct _record_no) from shop.orders")[1] == [(1, 65, 65, 65)]
        # each item row links to its own order through the record number
        assert adapter.fetch("select count(*) from shop.orders__items i join shop.orders o "
                             "using (_record_no, _datanet_file) "
                             "where i.sku not like 'S' || o.order_id || '-%'")[1] == [(0,)]
        items = [sum(n % 4 for n in numbers if n % 3) for numbers in (range(1, 41),
                                                                     range(41, 66))]
        assert adapter.fetch("select table_name, rows from main._datanet_ingest_ledger "
                             "order by all")[1] == sorted(
            [("orders", 40), ("orders", 25)] + [("orders__items", n) for n in items])
    finally:
        adapter.close()


def test_a_bad_line_goes_through_arrow_and_is_rejected_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "orders.ndjson").write_text(orders(1, 3) + "[1, 2]\n" + orders(4, 2))
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    try:
        with pytest.raises(AssertionError, match="read_source called"):
            load(adapter, job(tmp_path, key=["order_id"]), NoArrow())
        result = load(adapter, job(tmp_path, key=["order_id"]), reading)
        assert (result.rows, result.rejects) == (5, 1)
        assert adapter.fetch("select record_no, reason, raw from shop._rejects")[1] == [
            ("4", "not a JSON object (invalid JSON)", "[1, 2]")]
        assert adapter.fetch("select count(*) from duckdb_tables() where temporary")[1] == [(0,)]
    finally:
        adapter.close()


def test_declared_columns_go_through_arrow(tmp_path: Path) -> None:
    (tmp_path / "orders.ndjson").write_text(orders(1, 3))
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    try:
        with pytest.raises(AssertionError, match="read_source called"):
            load(adapter, job(tmp_path, columns={"order_id": "integer"}), NoArrow())
        assert load(adapter, job(tmp_path, columns={"order_id": "integer"}), reading).rows == 3
    finally:
        adapter.close()


@pytest.mark.parametrize("appended", ["\n", "[1]\n"], ids=["blank_line", "not_an_object"])
def test_an_appended_chunk_without_objects_adds_no_rows_nor_columns(tmp_path: Path,
                                                                    appended: str) -> None:
    path = tmp_path / "orders.ndjson"
    path.write_text(orders(1, 3))
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    try:
        load(adapter, job(tmp_path, key=["order_id"]), reading)
        before = tables(adapter)["shop.orders"]
        with path.open("a") as handle:
            handle.write(appended)
        result = load(adapter, job(tmp_path, key=["order_id"]), reading)
        assert (result.rows, result.rejects) == (0, len(appended.strip() and [appended]))
        assert tables(adapter)["shop.orders"] == before
        assert adapter.fetch("select record_no from shop._rejects")[1] == (
            [("4",)] if appended.strip() else [])
    finally:
        adapter.close()


def test_replacing_a_table_with_a_file_without_records_is_refused(tmp_path: Path) -> None:
    (tmp_path / "orders.ndjson").write_text("\n")
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    try:
        with pytest.raises(IngestError, match="shop.orders: the file has no columns"):
            load(adapter, job(tmp_path, mode="replace"), reading)
    finally:
        adapter.close()


def test_integers_past_bigint_go_through_arrow_and_keep_their_digits(tmp_path: Path) -> None:
    ids = [7, 2**64 + 1, 9]
    (tmp_path / "orders.ndjson").write_text(
        "".join(json.dumps({"order_id": n, "hash": n}) + "\n" for n in ids))
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    try:
        with pytest.raises(AssertionError, match="read_source called"):
            load(adapter, job(tmp_path), NoArrow())
        load(adapter, job(tmp_path), reading)
        assert adapter.fetch("select cast(hash as varchar) from shop.orders order by hash")[1] \
            == [("7",), ("9",), (str(2**64 + 1),)]
        assert adapter.fetch("select count(*) from duckdb_tables() where temporary")[1] == [(0,)]
    finally:
        adapter.close()


def test_keys_differing_only_by_case_load_by_the_file_own_names(tmp_path: Path) -> None:
    """The warehouse's own read leaves such a file to the readers, which name the keys from
    the file (`name`, `name_2`), so a loaded table has the names a read gives."""
    (tmp_path / "orders.ndjson").write_text('{"Name": "Ann", "name": "ann", "name_1": 1}\n')
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    try:
        load(adapter, job(tmp_path), reading)
        assert adapter.fetch("select name, name_2, name_1 from shop.orders")[1] == \
            [("Ann", "ann", 1)]
    finally:
        adapter.close()


def test_an_appended_chunk_with_a_key_written_twice_loads(tmp_path: Path) -> None:
    # the warehouse's own read refuses the chunk; the read through Arrow keeps the last value
    path = tmp_path / "orders.ndjson"
    path.write_text('{"Order ID": 1, "total": 5}\n')
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    try:
        load(adapter, job(tmp_path), reading)
        with path.open("a") as handle:
            handle.write('{"Order ID": 2, "total": -1, "total": 7}\n')
        load(adapter, job(tmp_path), reading)
        assert adapter.fetch("select order_id, total from shop.orders order by 1")[1] == [
            (1, 5), (2, 7)]
    finally:
        adapter.close()
