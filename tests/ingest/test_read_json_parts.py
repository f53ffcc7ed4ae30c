"""An NDJSON file's whole-file types found by DuckDB on its parts in parallel
(`readers.json_parts`): where the parts agree, the rows read with those types equal DuckDB's
own whole-file read, row for row and type for type; where they differ (a key first seen late,
integers turning decimal, a column null in one part, a struct field first seen late, an
object turned text), a part DuckDB refuses, one thread or a small file leave the file to
DuckDB's own pass, and a load still gets the whole file's columns."""

from __future__ import annotations

import datetime
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pytest
from ingest_helpers import NoArrow

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest.loader import LoadJob, load
from datanet_sql.ingest.readers import json_parts
from datanet_sql.ingest.readers.json_sql import read_json
from datanet_sql.ingest.readers.sql import temp_table

LIMIT = 1 << 24


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Files of a few hundred bytes cut in parts; what `agreed_columns` answered, in order."""
    monkeypatch.setattr(json_parts, "PARALLEL_FROM", 256)
    answers: list[Any] = []
    agreed = json_parts.agreed_columns

    def spy(*args: Any) -> Any:
        answers.append(agreed(*args))
        return answers[-1]
    monkeypatch.setattr(json_parts, "agreed_columns", spy)
    return answers


def orders(count: int, last: dict[str, Any] | None = None) -> str:
    """Orders with a nested customer, a list of items (some empty), an ISO timestamp,
    unicode and NULLs in every part; `last` merged into the last line."""
    records = [{"order_id": n, "placed": f"2024-03-{n % 28 + 1:02d}T10:00:00",
                "customer": {"id": n % 7, "name": "Zoë" if n % 2 else None},
                "items": [{"sku": f"S{n}-{i}", "qty": i + 1} for i in range(n % 3)],
                "note": None if n % 4 else "ok"} for n in range(count)]
    records[-1].update(last or {})
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def two_threads() -> Any:
    """A DuckDB connection of two threads, as on the smallest machine that cuts a file."""
    return duckdb.connect(config={"threads": 2})


def staged(con: Any, path: Path, table: str, columns: dict[str, str] | None) -> tuple:
    """The file read into `table` (typed by the columns given, or by DuckDB): its DuckDB
    types and its rows in file order."""
    con.execute(temp_table(table, read_json(path, "newline_delimited", LIMIT, columns)))
    types = con.execute(f"DESCRIBE {table}").fetchall()
    return types, con.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()


def test_parts_that_agree_give_duckdbs_whole_file_types_and_rows(
        tmp_path: Path, small_parts: list[Any]) -> None:
    path = tmp_path / "orders.ndjson"
    path.write_text(orders(300), encoding="utf-8")
    con = duckdb.connect()
    con.execute("SET threads = 3")
    agreed = json_parts.agreed_columns(con, path, LIMIT)
    assert agreed == {"order_id": "BIGINT", "placed": "TIMESTAMP",
                      "customer": "STRUCT(id BIGINT, \"name\" VARCHAR)",
                      "items": "STRUCT(sku VARCHAR, qty BIGINT)[]", "note": "VARCHAR"}
    typed, whole = staged(con, path, "typed", agreed), staged(con, path, "whole", None)
    assert typed == whole
    assert len(whole[1]) == 300 and whole[1][1][2] == {"id": 1, "name": "Zoë"}


@pytest.mark.parametrize("last", [
    {"coupon": "LATE"},                                  # a key first seen on the last line
    {"order_id": 2.5},                                   # integers turning decimal
    {"customer": {"id": 1, "name": "x", "vip": True}},   # a struct field first seen late
    {"customer": "guest"},                               # an object turned text
], ids=["late_key", "decimal", "late_field", "object_to_text"])
def test_parts_that_differ_leave_the_file_to_duckdb(tmp_path: Path, small_parts: list[Any],
                                                    last: dict[str, Any]) -> None:
    path = tmp_path / "orders.ndjson"
    path.write_text(orders(300, last), encoding="utf-8")
    con = two_threads()
    assert json_parts.agreed_columns(con, path, LIMIT) is None
    types, rows = staged(con, path, "whole", None)
    assert len(rows) == 300
    assert [t[0] for t in types][-1] == ("coupon" if "coupon" in last else "note")


def test_a_column_null_in_one_part_only_is_left_to_duckdb(tmp_path: Path,
                                                           small_parts: list[Any]) -> None:
    path = tmp_path / "orders.ndjson"
    text = orders(300)
    path.write_text(text.replace('"note": "ok"', '"note": null')
                    + json.dumps({"order_id": 300, "note": "late"}) + "\n")
    assert json_parts.agreed_columns(two_threads(), path, LIMIT) is None


def test_a_part_duckdb_refuses_is_left_to_duckdb(tmp_path: Path, small_parts: list[Any]) -> None:
    path = tmp_path / "orders.ndjson"
    path.write_text(orders(300) + "[1, 2]\n")
    assert json_parts.agreed_columns(two_threads(), path, LIMIT) is None


def test_one_thread_a_small_file_or_a_full_disk_is_not_cut(tmp_path: Path, small_parts: list[Any],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "orders.ndjson"
    path.write_text(orders(300))
    con = duckdb.connect()
    con.execute("SET threads = 1")
    assert json_parts.agreed_columns(con, path, LIMIT) is None
    con.execute("SET threads = 2")
    assert json_parts.agreed_columns(con, path, LIMIT) is not None
    free = shutil.disk_usage(tempfile.gettempdir())
    monkeypatch.setattr(json_parts.shutil, "disk_usage", lambda folder: free._replace(
        free=2 * path.stat().st_size - 1))   # the parts' copies would not fit twice over
    assert json_parts.agreed_columns(con, path, LIMIT) is None
    monkeypatch.setattr(json_parts.shutil, "disk_usage", shutil.disk_usage)
    monkeypatch.setattr(json_parts, "PARALLEL_FROM", path.stat().st_size)
    assert json_parts.agreed_columns(con, path, LIMIT) is None


def test_a_typed_read_duckdb_refuses_is_read_whole(tmp_path: Path) -> None:
    """A value the agreed type cannot hold fails the typed read, never the load: the file is
    read again with DuckDB's own types (`json._staged`)."""
    from datanet_sql.ingest.readers.json import _staged

    path = tmp_path / "orders.ndjson"
    path.write_text(orders(5))
    con = duckdb.connect()
    assert not _staged(con, "t", path, LIMIT, {"order_id": "BIGINT", "placed": "DATE",
                                               "customer": "BIGINT"})
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'"
                       ).fetchone() == (0,)
    assert _staged(con, "t", path, LIMIT, None)


def job(root: Path) -> LoadJob:
    config = {"mode": "append", "primary_key": ["order_id"], "cursor": None,
              "path": "orders.ndjson", "dsn": None, "format": None, "source_table": None,
              "options": {}, "on_bad_row": "reject", "columns": {}}
    return LoadJob("shop", "orders", Relation("orders", "shop"), "main", root, config)


def test_a_load_reads_the_file_through_its_parts_and_leaves_no_part_behind(
        tmp_path: Path, small_parts: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "orders.ndjson").write_text(orders(300), encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # this test's own
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb"), "threads": 2})
    try:
        assert load(adapter, job(tmp_path), NoArrow()).rows == 300
        assert small_parts and small_parts[0]["items"] == "STRUCT(sku VARCHAR, qty BIGINT)[]"
        assert adapter.fetch("select order_id, placed, customer__name, note from shop.orders "
                             "where order_id in (1, 4) order by 1")[1] == [
            (1, datetime.datetime(2024, 3, 2, 10), "Zoë", None),
            (4, datetime.datetime(2024, 3, 5, 10), None, "ok")]
        assert adapter.fetch("select count(*), sum(qty) from shop.orders__items")[1] == [
            (sum(n % 3 for n in range(300)), sum(i + 1 for n in range(300) for i in range(n % 3)))]
    finally:
        adapter.close()
    assert not list((tmp_path / "tmp").iterdir())
