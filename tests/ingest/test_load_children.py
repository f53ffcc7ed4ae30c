"""Arrays in NDJSON loaded as child tables `<table>__<field>` in the parent's transaction, in
every mode, on DuckDB and Postgres: a re-delivered file replaces its children too, a merged
parent's children are those of the winning row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import pg_warehouse

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load


@pytest.fixture(params=["duckdb", "postgres"])
def warehouse(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Adapter, str]]:
    if request.param == "postgres":
        with pg_warehouse("dn_child") as found:
            yield found
        return
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    yield adapter, "main"
    adapter.close()


def job(tmp_path: Path, schema: str, mode: str, **extra: Any) -> LoadJob:
    config = {"mode": mode, "primary_key": [], "cursor": None, "path": "landing/*.ndjson",
              "dsn": None, "format": None, "source_table": None, "options": {},
              "on_bad_row": "reject", "columns": {}, **extra}
    shop = "shop" if schema == "main" else f"{schema}_shop"
    return LoadJob("shop", "orders", Relation("orders", shop), schema, tmp_path, config)


def deliver(tmp_path: Path, name: str, records: list[dict[str, Any]]) -> None:
    (tmp_path / "landing").mkdir(exist_ok=True)
    (tmp_path / "landing" / name).write_text("".join(json.dumps(r) + "\n" for r in records))


def rows(adapter: Adapter, schema: str, table: str, columns: str) -> list[tuple]:
    shop = "shop" if schema == "main" else f"{schema}_shop"
    return adapter.fetch(f'select {columns} from "{shop}"."{table}" order by {columns}')[1]


def order(id_: int, *skus: str, status: str = "new", updated: int = 1) -> dict[str, Any]:
    return {"id": id_, "status": status, "updated": updated,
            "items": [{"sku": s, "qty": n} for n, s in enumerate(skus, start=1)]}


def test_incremental_files_children_follow_their_file(tmp_path: Path, warehouse) -> None:
    adapter, schema = warehouse
    deliver(tmp_path, "a.ndjson", [order(1, "A", "B"), order(2, "C")])
    deliver(tmp_path, "b.ndjson", [order(3, "D")])
    first = load(adapter, job(tmp_path, schema, "incremental_files", primary_key=["id"]),
                 reading)
    assert first.children == {"orders__items": 4}
    assert rows(adapter, schema, "orders__items", "id, _index, sku, qty") == [
        (1, 1, "A", 1), (1, 2, "B", 2), (2, 1, "C", 1), (3, 1, "D", 1)]
    deliver(tmp_path, "a.ndjson", [order(1, "Z")])  # corrected: order 2 gone, 1 has one item
    again = load(adapter, job(tmp_path, schema, "incremental_files", primary_key=["id"]),
                 reading)
    assert (again.batches, again.skipped) == (1, 1)
    assert rows(adapter, schema, "orders", "id") == [(1,), (3,)]
    assert rows(adapter, schema, "orders__items", "id, sku") == [(1, "Z"), (3, "D")]
    deliver(tmp_path, "b.ndjson", [{"id": 3, "status": "x", "updated": 2, "items": []}])
    load(adapter, job(tmp_path, schema, "incremental_files", primary_key=["id"]), reading)
    assert rows(adapter, schema, "orders__items", "id, sku") == [(1, "Z")]
    ledger = f'select table_name, sum("rows") from "{schema}"._datanet_ingest_ledger group by 1'
    assert sorted(adapter.fetch(ledger)[1]) == [("orders", 2), ("orders__items", 1)]


def test_replace_rebuilds_children_and_drops_a_vanished_one(tmp_path: Path, warehouse) -> None:
    adapter, schema = warehouse
    deliver(tmp_path, "a.ndjson", [order(1, "A"), order(2, "B", "C")])
    load(adapter, job(tmp_path, schema, "replace", primary_key=["id"]), reading)
    deliver(tmp_path, "a.ndjson", [order(2, "C")])
    load(adapter, job(tmp_path, schema, "replace", primary_key=["id"]), reading)
    assert rows(adapter, schema, "orders__items", "id, sku") == [(2, "C")]
    deliver(tmp_path, "a.ndjson", [{"id": 5, "status": "x", "updated": 1}])  # no array now
    load(adapter, job(tmp_path, schema, "replace", primary_key=["id"]), reading)
    shop = "shop" if schema == "main" else f"{schema}_shop"
    assert adapter.list_columns(Relation("orders__items", shop)) is None


def test_append_without_a_key_links_children_by_file_and_record(tmp_path: Path,
                                                                 warehouse) -> None:
    adapter, schema = warehouse
    deliver(tmp_path, "a.ndjson", [{"name": "x", "items": [1, 2]}])
    deliver(tmp_path, "b.ndjson", [{"name": "y", "items": [3]}])
    load(adapter, job(tmp_path, schema, "append"), reading)
    linked = "select p.name, c.value from {s}.orders p join {s}.orders__items c " \
             "on c._record_no = p._record_no and c._datanet_file = p._datanet_file order by 2"
    shop = "shop" if schema == "main" else f'"{schema}_shop"'
    assert adapter.fetch(linked.format(s=shop))[1] == [("x", 1), ("x", 2), ("y", 3)]


def test_merge_keeps_the_children_of_the_winning_row(tmp_path: Path, warehouse) -> None:
    adapter, schema = warehouse
    spec = {"primary_key": ["id"], "cursor": "updated"}
    deliver(tmp_path, "a.ndjson", [order(1, "A", "B"), order(2, "C"),
                                   order(1, "A2", status="paid", updated=2)])
    load(adapter, job(tmp_path, schema, "merge", **spec), reading)
    assert rows(adapter, schema, "orders__items", "id, sku") == [(1, "A2"), (2, "C")]
    deliver(tmp_path, "b.ndjson", [order(2, "C", "D", status="shipped", updated=3),
                                   order(1, "OLD", updated=1)])  # older than the table: ignored
    load(adapter, job(tmp_path, schema, "merge", **spec), reading)
    assert rows(adapter, schema, "orders", "id, status") == [(1, "paid"), (2, "shipped")]
    assert rows(adapter, schema, "orders__items", "id, sku") == [(1, "A2"), (2, "C"), (2, "D")]
    assert "_record_no" not in [c.name for c in adapter.list_columns(
        Relation("orders", "shop" if schema == "main" else f"{schema}_shop")) or []]
