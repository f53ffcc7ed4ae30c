"""Loading with `load:` on DuckDB: every mode, reruns, re-deliveries, late files, cursors;
new CSV files of a glob read in one scan, each still its own batch."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import NoArrow

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError, SchemaChangeError
from datanet_sql.ingest import reading
from datanet_sql.ingest.landing import content_hash, is_data_file, landed_files
from datanet_sql.ingest.loader import LoadJob, load


def job(tmp_path: Path, mode: str, path: str = "landing/*.csv", **extra: Any) -> LoadJob:
    config = {"mode": mode, "primary_key": [], "cursor": None, "path": path, "dsn": None,
              "format": None, "source_table": None, "options": {}, "on_bad_row": "reject",
              "columns": {}}
    policy = extra.pop("on_schema_change", "heal")
    config.update(extra)
    return LoadJob("shop", "sales", Relation("sales", "shop"), "main", tmp_path, config, policy)


def write(tmp_path: Path, name: str, text: str, mtime: float | None = None) -> Path:
    path = tmp_path / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def rows(adapter: DuckDBAdapter, sql: str = "select * exclude (_datanet_file) from shop.sales "
                                            "order by all") -> list[tuple]:
    return adapter.fetch(sql)[1]


def test_incremental_files_once_each_rerun_changes_nothing(tmp_path: Path, adapter) -> None:
    write(tmp_path, "a.csv", "sale_id,amount\n1,10\n2,20\n")
    write(tmp_path, "b.csv", "sale_id,amount\n3,30\n")
    write(tmp_path, "c.csv.part", "sale_id,amount\n99,0\n")
    write(tmp_path, ".hidden.csv", "sale_id,amount\n98,0\n")
    write(tmp_path, "_SUCCESS", "")
    first = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (first.batches, first.rows, first.skipped) == (2, 3, 0)
    assert rows(adapter) == [(1, 10), (2, 20), (3, 30)]
    again = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (again.batches, again.rows, again.skipped) == (0, 0, 2)
    assert rows(adapter) == [(1, 10), (2, 20), (3, 30)]
    sizes = [(p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest(), n)
             for p, n in ((tmp_path / "landing/a.csv", 2), (tmp_path / "landing/b.csv", 1))]
    assert rows(adapter, "select size, sha256, rows from main._datanet_ingest_ledger "
                         "order by file") == sizes


@pytest.mark.parametrize(("name", "data"), [
    ("a.csv", True), ("2024-01-01.csv.gz", True), ("a.csv.part", False), ("a.csv.tmp", False),
    (".a.csv.crc", False), ("a.csv.crc", False), (".hidden.csv", False), ("_SUCCESS", False),
    ("_committed_123", False)])
def test_unfinished_hidden_and_marker_files_are_not_data(name: str, data: bool) -> None:
    assert is_data_file(Path("landing") / name) is data


def test_landed_files_are_hashed_and_one_gone_is_an_error_naming_it(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", "sale_id,amount\n1,10\n")
    files = landed_files(str(tmp_path / "landing" / "*.csv"))
    assert files[0].sha256 == hashlib.sha256(b"sale_id,amount\n1,10\n").hexdigest()
    with pytest.raises(IngestError, match="cannot read the landed file: No such file") as error:
        content_hash(tmp_path / "landing" / "gone.csv")   # listed, then moved away
    assert error.value.file.endswith("gone.csv")


def test_corrected_redelivery_replaces_its_rows_and_late_file_loads(tmp_path: Path,
                                                                     adapter) -> None:
    write(tmp_path, "a.csv", "sale_id,amount\n1,10\n2,20\n")
    write(tmp_path, "b.csv", "sale_id,amount\n3,30\n")
    load(adapter, job(tmp_path, "incremental_files"), reading)
    write(tmp_path, "a.csv", "sale_id,amount\n1,11\n")  # corrected: row 2 withdrawn
    write(tmp_path, "0_late.csv", "sale_id,amount\n4,40\n", mtime=1_000_000)  # stamped 1970
    result = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (result.batches, result.skipped) == (2, 1)
    assert rows(adapter) == [(1, 11), (3, 30), (4, 40)]
    assert rows(adapter, "select count(*) from main._datanet_ingest_ledger") == [(3,)]


def test_replace_reloads_only_when_a_file_changed(tmp_path: Path, adapter) -> None:
    (tmp_path / "landing").mkdir()
    assert load(adapter, job(tmp_path, "replace"), reading).batches == 0  # nothing yet
    write(tmp_path, "a.csv", "id,name\n1,ann\n")
    assert load(adapter, job(tmp_path, "replace"), reading).rows == 1
    assert load(adapter, job(tmp_path, "replace"), reading).skipped == 1
    write(tmp_path, "b.csv", "id,name\n2,bo\n")
    assert load(adapter, job(tmp_path, "replace"), reading).rows == 2
    assert rows(adapter, "select * from shop.sales order by id") == [(1, "ann"), (2, "bo")]


def test_append_adds_each_new_file(tmp_path: Path, adapter) -> None:
    write(tmp_path, "a.csv", "id\n1\n")
    load(adapter, job(tmp_path, "append"), reading)
    write(tmp_path, "b.csv", "id\n1\n2\n")  # the same row in another file: appended
    load(adapter, job(tmp_path, "append"), reading)
    load(adapter, job(tmp_path, "append"), reading)
    assert rows(adapter, "select id from shop.sales order by id") == [(1,), (1,), (2,)]


def test_append_loads_the_tail_of_a_file_that_grew_and_one_written_anew_whole(
        tmp_path: Path, adapter) -> None:
    """A file whose first bytes are what was loaded before grew (a log, an export appended
    to): `append` inserts only its new lines (more in test_load_grown.py); a file written
    anew under the same path is appended whole."""
    write(tmp_path, "a.csv", "id,v\n1,a\n2,b\n")
    load(adapter, job(tmp_path, "append"), reading)
    write(tmp_path, "a.csv", "id,v\n1,a\n2,b\n3,c\n")
    write(tmp_path, "b.csv", "id,v\n4,d\n")
    assert load(adapter, job(tmp_path, "append"), reading).batches == 2
    assert rows(adapter, "select id from shop.sales order by id") == [(1,), (2,), (3,), (4,)]
    write(tmp_path, "a.csv", "id,v\n9,z\n")   # written anew: its rows are appended
    assert load(adapter, job(tmp_path, "append"), reading).batches == 1
    assert rows(adapter, "select id from shop.sales order by id") == [
        (1,), (2,), (3,), (4,), (9,)]


def test_an_identical_file_under_another_name_is_not_appended(tmp_path: Path, adapter) -> None:
    """The same bytes under a new name are a re-send: loading them would double their rows
    (unless `same_content: load` says each file is a delivery of its own)."""
    write(tmp_path, "a.csv", "id\n1\n")
    load(adapter, job(tmp_path, "append"), reading)
    write(tmp_path, "b.csv", "id\n1\n")
    resend = load(adapter, job(tmp_path, "append"), reading)
    assert (resend.batches, resend.skipped, len(resend.warnings)) == (0, 2, 1)
    assert rows(adapter, "select id from shop.sales") == [(1,)]
    loaded = load(adapter, job(tmp_path, "append", same_content="load"), reading)
    assert (loaded.batches, loaded.skipped, loaded.warnings) == (1, 1, [])
    assert rows(adapter, "select id from shop.sales") == [(1,), (1,)]


def test_merge_on_primary_key_with_cursor(tmp_path: Path, adapter) -> None:
    spec = {"primary_key": ["id"], "cursor": "updated"}
    write(tmp_path, "a.csv", "id,status,updated\n1,new,1\n2,new,1\n1,paid,2\n")
    load(adapter, job(tmp_path, "merge", **spec), reading)
    assert rows(adapter, "select * from shop.sales order by id") == [(1, "paid", 2), (2, "new", 1)]
    # an older version of row 1 arrives late: kept out; row 2 at an equal cursor value wins
    write(tmp_path, "b.csv", "id,status,updated\n1,new,1\n2,shipped,1\n3,new,3\n")
    load(adapter, job(tmp_path, "merge", **spec), reading)
    assert rows(adapter, "select * from shop.sales order by id") == \
        [(1, "paid", 2), (2, "shipped", 1), (3, "new", 3)]


def test_a_merge_over_a_table_holding_padded_keys_is_refused_naming_the_column(
        tmp_path: Path, adapter) -> None:
    """Padded keys in the table (appended before) and in the batch: which spelling is the
    key cannot be told, so the merge is refused, never doubled."""
    write(tmp_path, "a.csv", "code,price\nlamp      ,10\n")
    load(adapter, job(tmp_path, "append"), reading)
    write(tmp_path, "b.csv", "code,price\nlamp      ,11\n")
    with pytest.raises(IngestError, match="merge key column code is padded with blanks both "
                                          "in the new rows and in rows the table already"):
        load(adapter, job(tmp_path, "merge", primary_key=["code"]), reading)
    assert rows(adapter, "select code, price from shop.sales") == [("lamp      ", 10)]


KEYLESS = "region,code,price\neu,1,11\n,3,30\neu,1,2,3\neu,,40\n,,50\nus,4,40\neu,1,12\n"
NO_KEY = "no value in the primary key (region, code): a merge places each row by its key"


@pytest.mark.parametrize("on_bad_row", ["reject", "skip"])
def test_merge_sets_rows_without_a_key_apart_and_merges_the_others(tmp_path: Path, adapter,
                                                                   on_bad_row: str) -> None:
    """A row whose primary key is NULL has no place in a merge: it is a bad row, in
    `_rejects` (numbered as the file's records, the ragged record 3 counted; raw the row)
    or skipped, and the batch's other rows merge, the last of a key winning. Before, the
    whole batch was refused."""
    spec = {"primary_key": ["region", "code"], "on_bad_row": on_bad_row}
    write(tmp_path, "a.csv", "region,code,price\neu,1,10\neu,2,20\n")
    load(adapter, job(tmp_path, "merge", **spec), reading)
    write(tmp_path, "b.csv", KEYLESS)
    result = load(adapter, job(tmp_path, "merge", **spec), reading)
    assert rows(adapter, "select * from shop.sales order by all") == \
        [("eu", 1, 12), ("eu", 2, 20), ("us", 4, 40)]
    stored = rows(adapter, "select record_no, reason, raw from shop._rejects order by record_no")
    if on_bad_row == "skip":
        assert (result.rejects, stored) == (0, [])
        assert f"skipped 4 bad record(s) (on_bad_row: skip), the first: record 2: {NO_KEY}" \
            in result.read_notes
        return
    assert result.rejects == 4
    assert stored == [("2", NO_KEY, '{"region": null, "code": 3, "price": 30}'),
                      ("3", "4 fields where the header has 3", "eu,1,2,3"),
                      ("4", NO_KEY, '{"region": "eu", "code": null, "price": 40}'),
                      ("5", NO_KEY, '{"region": null, "code": null, "price": 50}')]
    assert load(adapter, job(tmp_path, "merge", **spec), reading).skipped == 2


def test_merge_fails_at_a_row_without_a_key_under_fail(tmp_path: Path, adapter) -> None:
    """`on_bad_row: fail` stops the table at the file, naming its record; the table and
    ledger keep what the files before it loaded."""
    spec = {"primary_key": ["region", "code"], "on_bad_row": "fail"}
    write(tmp_path, "a.csv", "region,code,price\neu,1,10\neu,2,20\n")
    write(tmp_path, "b.csv", KEYLESS)
    with pytest.raises(IngestError, match=re.escape(f"record 2: {NO_KEY}")) as failed:
        load(adapter, job(tmp_path, "merge", **spec), reading)
    assert failed.value.file.endswith("b.csv")
    assert rows(adapter, "select * from shop.sales order by all") == \
        [("eu", 1, 10), ("eu", 2, 20)]
    assert rows(adapter, "select count(*) from main._datanet_ingest_ledger") == [(1,)]


def test_keyless_rows_of_files_read_in_one_scan_are_numbered_in_their_file(
        tmp_path: Path, adapter) -> None:
    """Two new files of one layout are read in one scan: each reject's record number counts
    the records of its own file."""
    write(tmp_path, "a.csv", "region,code,price\neu,1,10\n,2,20\n")
    write(tmp_path, "b.csv", "region,code,price\n,3,30\neu,4,40\n")
    result = load(adapter, job(tmp_path, "merge", primary_key=["region", "code"]), reading)
    assert (result.batches, result.rejects) == (2, 2)
    assert rows(adapter, "select * from shop.sales order by all") == \
        [("eu", 1, 10), ("eu", 4, 40)]
    assert [(Path(f).name, n) for f, n in rows(
        adapter, "select file, record_no from shop._rejects order by all")] == \
        [("a.csv", "2"), ("b.csv", "1")]


@pytest.mark.parametrize("on_bad_row", ["reject", "skip"])
def test_merge_from_a_database_sets_keyless_rows_apart(tmp_path: Path, adapter,
                                                        on_bad_row: str) -> None:
    """From a database the reject is numbered by the table's own key (here its rowid key
    `n`), and `skip` drops it from `_rejects` too (it was stored there before)."""
    import sqlite3

    source_db = str(tmp_path / "app.sqlite")
    with sqlite3.connect(source_db) as con:
        con.execute("create table orders (n integer primary key, id integer, status text)")
        con.execute("insert into orders values (1, 1, 'a'), (2, null, 'b'), (3, 3, 'c')")
    spec = {"path": None, "dsn": source_db, "format": "sqlite", "source_table": "orders",
            "primary_key": ["id"], "on_bad_row": on_bad_row}
    result = load(adapter, job(tmp_path, "merge", **spec), reading)
    assert rows(adapter, "select * from shop.sales order by all") == [(1, 1, "a"), (3, 3, "c")]
    stored = rows(adapter, "select record_no, reason, raw from shop._rejects")
    no_key = "no value in the primary key (id): a merge places each row by its key"
    raw = '{"n": 2, "id": null, "status": "b"}'
    assert (result.rejects, stored) == ((1, [("2", no_key, raw)]) if on_bad_row == "reject"
                                        else (0, []))


def test_database_cursor_includes_equal_values_and_dedupes(tmp_path: Path, adapter) -> None:
    import sqlite3

    source_db = str(tmp_path / "app.sqlite")
    with sqlite3.connect(source_db) as con:
        con.execute("create table orders (id integer, status text, updated integer)")
        con.execute("insert into orders values (1, 'a', 10), (2, 'b', 20)")
    spec = {"path": None, "dsn": source_db, "format": "sqlite", "source_table": "orders",
            "primary_key": ["id"], "cursor": "updated"}
    assert load(adapter, job(tmp_path, "merge", **spec), reading).rows == 2
    with sqlite3.connect(source_db) as con:  # a row written in the same instant as the last one
        con.execute("insert into orders values (3, 'c', 20), (1, 'a2', 30)")
    load(adapter, job(tmp_path, "merge", **spec), reading)
    load(adapter, job(tmp_path, "merge", **spec), reading)
    assert rows(adapter, "select * from shop.sales order by id") == \
        [(1, "a2", 30), (2, "b", 20), (3, "c", 20)]
    assert rows(adapter, "select max(cursor_value) from main._datanet_ingest_ledger") == [("30",)]


def test_rejects_are_stored_and_counted_fail_stops_the_table(tmp_path: Path, adapter) -> None:
    write(tmp_path, "a.csv", "id,qty\n1,2\n2,abc\n")
    result = load(adapter, job(tmp_path, "incremental_files", columns={"qty": "integer"}),
                  reading)
    assert (result.rows, result.rejects) == (1, 1)
    assert rows(adapter, "select source, table_name, record_no, raw like '%abc%' from "
                         "shop._rejects") == [("shop", "sales", "2", True)]
    write(tmp_path, "b.csv", "id,qty\n3,x\n")
    with pytest.raises(IngestError, match="record 1: qty: 'x' is not an integer") as failed:
        load(adapter, job(tmp_path, "incremental_files", columns={"qty": "integer"},
                          on_bad_row="fail"), reading)
    assert failed.value.file.endswith("b.csv")
    assert rows(adapter, "select id from shop.sales") == [(1,)]  # b.csv kept out


def test_new_columns_added_and_types_widened(tmp_path: Path, adapter) -> None:
    write(tmp_path, "a.csv", "id,amount\n1,10\n")
    load(adapter, job(tmp_path, "append"), reading)
    write(tmp_path, "b.csv", "id,amount,note\n2,x1,hi\n")
    load(adapter, job(tmp_path, "append"), reading)
    assert rows(adapter, "select id, amount, note from shop.sales order by id") == \
        [(1, "10", None), (2, "x1", "hi")]
    write(tmp_path, "c.csv", "id,extra\n3,1\n")
    with pytest.raises(SchemaChangeError, match="new column extra"):
        load(adapter, job(tmp_path, "append", on_schema_change="fail"), reading)
    assert rows(adapter, "select count(*) from shop.sales") == [(2,)]


def test_one_scan_splits_rows_and_rejects_by_file(tmp_path: Path) -> None:
    paths = [write(tmp_path, "a.csv", "id,qty\n1,2\n2,abc\n3,4\n"),
             write(tmp_path, "b.csv", "id,qty\n4,x\n5,6\n"),
             write(tmp_path, "c.csv", "id,qty\n")]
    reads = list(reading.read_each(paths, None, {}, {"qty": "integer"}))
    assert [r.table.to_pylist() for r in reads] == [
        [{"id": 1, "qty": 2}, {"id": 3, "qty": 4}], [{"id": 5, "qty": 6}], []]
    assert [[(Path(j.file).name, j.record_no) for j in r.rejects] for r in reads] == [
        [("a.csv", "2")], [("b.csv", "1")], []]
    assert reads[0].schema_notes[0].startswith("encoding utf-8, delimiter ','")


def test_files_of_another_header_are_read_one_by_one(tmp_path: Path) -> None:
    paths = [write(tmp_path, "a.csv", "id,qty\n1,2\n"), write(tmp_path, "b.csv", "qty,id\n3,4\n")]
    assert reading.read_each(paths, None, {}, {}) is None
    assert reading.read_each(paths[:1], None, {}, {}) is None  # one file: read_source


def test_files_of_one_layout_commit_together_with_their_ledger_rows(tmp_path: Path,
                                                                    adapter) -> None:
    write(tmp_path, "a.csv", "id,qty\n1,2\n2,abc\n")
    write(tmp_path, "b.csv", "id,qty\n3,4\n")
    result = load(adapter, job(tmp_path, "incremental_files", columns={"qty": "integer"}),
                  reading)
    assert (result.batches, result.rows, result.rejects) == (2, 2, 1)
    assert rows(adapter, "select regexp_extract(_datanet_file, '[ab].csv'), id from shop.sales "
                         "order by id") == [("a.csv", 1), ("b.csv", 3)]
    assert rows(adapter, "select regexp_extract(file, '[ab].csv'), rows from "
                         "main._datanet_ingest_ledger order by file") == [("a.csv", 1), ("b.csv", 1)]
    assert rows(adapter, "select regexp_extract(file, '[ab].csv'), record_no from "
                         "shop._rejects") == [("a.csv", "2")]
    # one transaction: the transaction's timestamp on both ledger rows
    assert rows(adapter, "select count(distinct loaded_at) from main._datanet_ingest_ledger") \
        == [(1,)]
    write(tmp_path, "c.csv", "id,qty,note\n5,6,new\n")   # a new column: its own transaction
    write(tmp_path, "d.csv", "id,qty\n7,8\n")
    write(tmp_path, "e.csv", "id,qty\n9,x\n")
    again = load(adapter, job(tmp_path, "incremental_files", columns={"qty": "integer"}),
                 reading)
    assert (again.batches, again.rejects) == (3, 1)
    assert rows(adapter, "select id, note from shop.sales order by id") == [
        (1, None), (3, None), (5, "new"), (7, None)]
    assert rows(adapter, "select regexp_extract(file, '[a-e].csv'), record_no from "
                         "shop._rejects order by file") == [("a.csv", "2"), ("e.csv", "1")]


def test_fail_stops_at_its_file_after_committing_those_before(tmp_path: Path,
                                                             adapter) -> None:
    write(tmp_path, "a.csv", "id,qty\n1,2\n")
    write(tmp_path, "b.csv", "id,qty\n2,x\n")
    write(tmp_path, "c.csv", "id,qty\n3,4\n")
    with pytest.raises(IngestError, match="record 1: qty: 'x' is not an integer") as failed:
        load(adapter, job(tmp_path, "incremental_files", columns={"qty": "integer"},
                          on_bad_row="fail"), reading)
    assert failed.value.file.endswith("b.csv")
    assert rows(adapter, "select id from shop.sales") == [(1,)]


def test_duckdb_inserts_new_files_straight_from_its_reader(tmp_path: Path, adapter) -> None:
    write(tmp_path, "a.csv", "id,qty\n1,2\n2,abc\n3,4,5\n6,7\n")
    write(tmp_path, "b.csv", "id,qty\n4,8\n")
    # (a declared integer or decimal is read through Arrow: DuckDB's reader would round 2.5)
    config = {"columns": {"qty": "double"}}
    result = load(adapter, job(tmp_path, "incremental_files", **config), NoArrow())
    assert (result.batches, result.rows, result.rejects) == (2, 3, 2)
    assert rows(adapter, "select regexp_extract(_datanet_file, '[ab].csv'), id, qty "
                         "from shop.sales order by id") == [
        ("a.csv", 1, 2), ("b.csv", 4, 8), ("a.csv", 6, 7)]
    assert rows(adapter, "select regexp_extract(file, '[ab].csv'), record_no, reason, raw "
                         "from shop._rejects order by record_no") == [
        ("a.csv", "2", "qty: 'abc' is not a double", "2,abc"),
        ("a.csv", "3", "3 fields where the header has 2", "3,4,5")]
    assert rows(adapter, "select regexp_extract(file, '[ab].csv'), rows from "
                         "main._datanet_ingest_ledger order by file") == [("a.csv", 2), ("b.csv", 1)]
    assert result.read_notes == ["encoding utf-8, delimiter ',', header on line 1"]
    write(tmp_path, "b.csv", "id,qty\n4,9\n5,10\n")   # re-delivered: its rows replaced
    again = load(adapter, job(tmp_path, "incremental_files", **config), NoArrow())
    assert (again.batches, again.rows, again.skipped) == (1, 2, 1)
    assert rows(adapter, "select id, qty from shop.sales order by id") == [
        (1, 2), (4, 9), (5, 10), (6, 7)]
    assert rows(adapter, "select rows from main._datanet_ingest_ledger where file like "
                         "'%b.csv'") == [(2,)]
    assert rows(adapter, "select count(*) from duckdb_tables() where temporary") == [(0,)]


def test_the_table_is_written_from_duckdbs_reader_itself_not_a_view(
        tmp_path: Path, adapter, monkeypatch: pytest.MonkeyPatch) -> None:
    """A view over read_csv would be bound, and its files sniffed, again by every statement
    reading it: the CREATE TABLE AS and the INSERT of a later file read the reader itself."""
    statements: list[str] = []
    execute = adapter.execute
    monkeypatch.setattr(adapter, "execute",
                        lambda sql: statements.append(adapter.sql(sql)) or execute(sql))
    write(tmp_path, "a.csv", "id,qty\n1,2\n")
    write(tmp_path, "b.csv", "id,qty\n3,4\n")
    load(adapter, job(tmp_path, "incremental_files"), NoArrow())
    write(tmp_path, "c.csv", "id,qty\n5,6\n")
    load(adapter, job(tmp_path, "incremental_files"), NoArrow())
    assert [s.split()[0] for s in statements if "READ_CSV" in s] == ["CREATE", "INSERT"]
    assert not [s for s in statements if "VIEW" in s]
    assert rows(adapter, "select id, qty from shop.sales order by id") == [(1, 2), (3, 4), (5, 6)]


def test_a_byte_past_the_sampled_mb_that_is_not_utf8_is_read_as_the_file_is(
        tmp_path: Path, adapter) -> None:
    """The scan takes the first MB as UTF-8; DuckDB meets the cp1252 byte further on: the
    batch is rolled back and the files read one by one, each decided whole."""
    filler = "".join(f"{n},plain\n" for n in range(90_000))   # about 1.1 MB
    path = tmp_path / "landing" / "a.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(f"id,name\n{filler}90000,café\n".encode("cp1252"))
    write(tmp_path, "b.csv", "id,name\n90001,plain\n")
    result = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (result.batches, result.rows, result.rejects) == (2, 90_002, 0)
    assert rows(adapter, "select name from shop.sales where id = 90000") == [("café",)]


def test_columns_named_like_the_internal_ones_keep_their_data(tmp_path: Path,
                                                              adapter) -> None:
    for name, n in (("a.csv", 1), ("b.csv", 2)):
        write(tmp_path, name, f"id,dn_source_file,_datanet_file\n{n},x{n},y{n}\n")
    load(adapter, job(tmp_path, "incremental_files"), reading)
    assert rows(adapter, "select id, dn_source_file, datanet_file, "
                         "regexp_extract(_datanet_file, '[ab].csv') from shop.sales "
                         "order by id") == [(1, "x1", "y1", "a.csv"), (2, "x2", "y2", "b.csv")]
    assert [r.table.column_names for r in reading.read_each(
        sorted((tmp_path / "landing").glob("*.csv")), None, {}, {},
        file_column="_datanet_file")] == [["id", "dn_source_file", "datanet_file",
                                           "_datanet_file"]] * 2


def test_one_file_under_replace_or_append_goes_straight_too(tmp_path: Path, adapter) -> None:
    write(tmp_path, "a.csv", "id,qty\n1,2\n2,x\n3,4\n")
    config = {"path": "landing/a.csv", "columns": {"qty": "double"}}
    first = load(adapter, job(tmp_path, "replace", **config), NoArrow())
    assert (first.batches, first.rows, first.rejects) == (1, 2, 1)
    assert rows(adapter, "select * from shop.sales order by id") == [(1, 2), (3, 4)]
    write(tmp_path, "a.csv", "id,qty\n5,6\n")
    load(adapter, job(tmp_path, "replace", **config), NoArrow())
    assert rows(adapter, "select * from shop.sales") == [(5, 6)]
    write(tmp_path, "a.csv", "id,qty\n7,8\n9,10\n")
    appended = load(adapter, job(tmp_path, "append", **config), NoArrow())
    assert (appended.batches, appended.rows) == (1, 2)
    assert rows(adapter, "select * from shop.sales order by id") == [(5, 6), (7, 8), (9, 10)]
    assert rows(adapter, "select rows from main._datanet_ingest_ledger order by loaded_at") \
        == [(1,), (2,)]


def test_what_one_scan_cannot_say_is_read_through_arrow(tmp_path: Path, adapter) -> None:
    """Two new files under append (a ledger row counts each file's rows, which the table
    does not keep apart), and a declared column the files lack (added as NULL)."""
    write(tmp_path, "a.csv", "id,qty\n1,2\n")
    write(tmp_path, "b.csv", "id,qty\n3,4\n")
    with pytest.raises(AssertionError, match="read_each called"):
        load(adapter, job(tmp_path, "append"), NoArrow())
    result = load(adapter, job(tmp_path, "incremental_files", columns={"note": "varchar"}),
                  reading)
    assert rows(adapter, "select id, qty, note from shop.sales order by id") == [
        (1, 2, None), (3, 4, None)]
    assert "declared column(s) note not in the file: added as NULL" in result.read_notes


@pytest.mark.parametrize("mode", ["append", "merge"])
def test_a_sqlite_row_without_its_primary_key_is_named_by_its_rowid(tmp_path: Path, adapter,
                                                                    mode: str) -> None:
    """A SQLite primary key other than INTEGER PRIMARY KEY may hold NULL (SQLite allows it,
    Postgres does not): a reject of such a row is numbered by its rowid, said as such, and
    its reason says the key is missing (before: record_no 'None')."""
    import sqlite3

    source_db = str(tmp_path / "app.sqlite")
    with sqlite3.connect(source_db) as con:
        con.execute("create table orders (region text, code text, qty integer, "
                    "primary key (region, code))")
        con.execute("insert into orders values ('eu', 'a', 1), ('eu', null, 2), "
                    "(null, 'c', 'x'), ('us', 'd', 'y')")
    spec = {"path": None, "dsn": source_db, "format": "sqlite", "source_table": "orders",
            "primary_key": ["region", "code"]}
    result = load(adapter, job(tmp_path, mode, **spec), reading)
    stored = rows(adapter, "select record_no, reason from shop._rejects order by record_no")
    no_key = ("no value in the primary key (region, code): a merge places each row by its key"
              " (record_no is the row's SQLite rowid)")
    misfit = "qty: 'x' is not an integer; no value in the primary key (region, code): " \
        "record_no is the row's SQLite rowid"
    assert stored == ([("rowid 2", no_key), ("rowid 3", f"qty: 'x' is not an integer; {no_key}"),
                       ("us,d", "qty: 'y' is not an integer")]
                      if mode == "merge" else
                      [("rowid 3", misfit), ("us,d", "qty: 'y' is not an integer")])
    assert result.rejects == len(stored)
    again = load(adapter, job(tmp_path, mode, **spec), reading)   # stored once
    assert (again.rejects, len(rows(adapter, "select * from shop._rejects"))) == (0, len(stored))
