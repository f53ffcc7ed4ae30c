"""What a load promises on each target engine (DuckDB, Postgres, local Spark), shown with real
files: a file is known by its content, not its time (a late file with an old timestamp is
loaded, an unchanged re-delivery skipped, a corrected one replaces its rows); a second run
changes nothing (rows, ledger, rejects); a header-only or empty file changes no column; a
database cursor reads the rows at its last value again and dedupes them on the primary key;
new columns are added and types widened (Spark refuses to widen: test_load_spark.py); a
growing NDJSON file is tailed; a file re-sent under a new name is not loaded twice (under
`replace`: a file of the glob with the bytes of another is read once).

Spark runs the tests of what its adapter does itself: a retype that rebuilds the table (rows
after a header alone), a database cursor's batches committed one by one and merged, merge on
trimmed keys, the types of extreme dates, the ledger rows of a re-sent copy (`replace`), plus
test_load_spark.py (each mode, a re-delivery's rows withdrawn by a rebuild, the refused
widening, a crash before the ledger row). The tests marked `LOCAL` check the planning and
ledger logic (which file is new, re-sent, grown or header-only), the same code on every
engine: they run on DuckDB and Postgres only, as each Spark statement costs a second of
its JVM."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from ingest_helpers import PG_DSN, Place, local_or_pg_place, pg_source_schema

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load


@pytest.fixture(params=["duckdb", "postgres", "spark"])
def place(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Place]:
    if request.param == "spark":
        yield Place(request.getfixturevalue("spark"), "dn_load", "dn_load_shop")
    else:
        with local_or_pg_place(request.param, tmp_path, "dn_eng") as where:
            yield where


@pytest.fixture
def table() -> str:
    """A table name of the test's own (Spark's schemas outlive a test)."""
    return f"t_{uuid.uuid4().hex[:8]}"


LOCAL = pytest.mark.parametrize("place", ["duckdb", "postgres"], indirect=True)
"""A test on DuckDB and Postgres only: of the load's planning and ledger logic, the same code
on Spark (module docstring), of a widening Spark refuses (test_load_spark.py), or of a path
a Spark test here covers (said at the test)."""


def land(root: Path, name: str, text: str, mtime: float | None = None) -> Path:
    path = root / "landing" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


@LOCAL
def test_files_known_by_content_not_time_and_a_second_run_changes_nothing(
        tmp_path: Path, place: Place, table: str) -> None:
    job = place.job(tmp_path, table, "incremental_files", columns={"amount": "integer"})
    land(tmp_path, "a.csv", "id,amount\n1,10\n2,20\n")
    b = land(tmp_path, "b.csv", "id,amount\n3,30\n9,x\n")
    first = load(place.adapter, job, reading)
    assert (first.batches, first.rows, first.rejects) == (2, 3, 1)
    later = time.time() + 3600
    b.write_text(b.read_text())                                  # re-delivered unchanged,
    os.utime(b, (later, later))                                  # with a newer time
    land(tmp_path, "0_late.csv", "id,amount\n4,40\n", mtime=1_000_000)   # stamped 1970
    land(tmp_path, "a.csv", "id,amount\n1,11\n")                 # corrected: row 2 withdrawn
    second = load(place.adapter, job, reading)
    assert (second.batches, second.rows, second.skipped, second.rejects) == (2, 2, 1, 0)
    assert place.rows(table, "id, amount") == [(1, 11), (3, 30), (4, 40)]
    assert [(Path(f).name, n) for f, _, _, n, _ in place.state(table)[1]] == [
        ("0_late.csv", 1), ("a.csv", 1), ("b.csv", 1)]
    before = place.state(table)
    assert [(Path(f).name, r, raw) for f, r, _, raw in before[2]] == [("b.csv", "2", "9,x")]
    third = load(place.adapter, job, reading)
    assert (third.batches, third.rows, third.skipped, third.rejects) == (0, 0, 3, 0)
    assert place.state(table) == before


@LOCAL
def test_a_file_resent_under_a_new_name_is_skipped_loudly_once(tmp_path: Path, place: Place,
                                                               table: str) -> None:
    """Content already loaded, under another name: not loaded again (its rows would be in
    the table twice), warned about once, recorded in the ledger; a path loaded before that
    now holds another file's content has its earlier rows withdrawn."""
    job = place.job(tmp_path, table, "incremental_files")
    land(tmp_path, "a.csv", "id,amount\n1,10\n2,20\n")
    b = land(tmp_path, "b.csv", "id,amount\n3,30\n")
    assert load(place.adapter, job, reading).batches == 2
    land(tmp_path, "b-resend.csv", b.read_text())
    second = load(place.adapter, job, reading)
    assert (second.batches, second.rows, second.skipped) == (0, 0, 3)
    assert second.warnings == [(
        "landing/b-resend.csv has the same content as landing/b.csv (loaded before): not "
        "loaded, so its rows are not in the table twice (recorded in the ledger, not "
        "reported again). If it is a delivery of its own (an unchanged snapshot to append), "
        "set `load: {same_content: load}` on the table and run again")]
    assert place.rows(table, "id, amount") == [(1, 10), (2, 20), (3, 30)]
    reasons = place.fetch(f"select file, rows, sha256, reason from {place.ledger_schema}."
                          f"_datanet_ingest_ledger where table_name = '{table}' order by file")
    resent = hashlib.sha256(b.read_bytes()).hexdigest()
    assert [(Path(f).name, n, h, r and Path(r).name) for f, n, h, r in reasons][1:] == [
        ("b-resend.csv", 0, resent, "b.csv"), ("b.csv", 1, resent, None)]
    assert reasons[1][3] == "same content as landing/b.csv"  # named as the ledger names it
    before = place.state(table)
    third = load(place.adapter, job, reading)
    assert (third.batches, third.skipped, third.warnings) == (0, 3, [])
    assert place.state(table) == before
    land(tmp_path, "a.csv", b.read_text())     # a.csv re-delivered as a copy of b.csv
    fourth = load(place.adapter, job, reading)
    assert fourth.warnings[0].startswith("landing/a.csv changed and now has the same content "
                                         "as landing/b.csv (loaded before): not loaded, its "
                                         "earlier rows withdrawn, so its rows are not in the "
                                         "table twice")
    assert place.rows(table, "id, amount") == [(3, 30)]


def test_replace_reads_one_copy_of_a_delivery_saved_twice(tmp_path: Path, place: Place,
                                                          table: str) -> None:
    """`replace` rebuilds the table from its glob: of two files with the same bytes, the
    second by path is not read (warned about once); a rerun with nothing changed skips."""
    job = place.job(tmp_path, table, "replace")
    land(tmp_path, "a.csv", "id,amount\n1,10\n")
    for name in ("b.csv", "b-copy.csv"):
        land(tmp_path, name, "id,amount\n2,20\n")
    first = load(place.adapter, job, reading)
    assert (first.rows, first.skipped, len(first.warnings)) == (2, 1, 1)
    assert first.warnings[0].startswith("landing/b.csv has the same content as "
                                        "landing/b-copy.csv (loaded in this run): not loaded")
    assert place.rows(table, "id, amount") == [(1, 10), (2, 20)]
    again = load(place.adapter, job, reading)
    assert (again.rows, again.skipped, again.warnings) == (0, 3, [])


@LOCAL
def test_header_only_and_empty_files_change_no_column(tmp_path: Path, place: Place,
                                                      table: str) -> None:
    """A header alone reads as text columns: loading it must not widen the table's integers
    to text (nor add its new column untyped); its ledger row says 0 rows. A file re-delivered
    with its header only withdraws its rows."""
    job = place.job(tmp_path, table, "incremental_files")
    land(tmp_path, "a.csv", "id,amount\n1,10\n2,20\n")
    load(place.adapter, job, reading)
    columns = place.adapter.list_columns(job.relation)
    land(tmp_path, "b.csv", "")
    land(tmp_path, "c.csv", "id,amount\n")
    land(tmp_path, "d.csv", "id,amount,note\n")
    result = load(place.adapter, job, reading)
    assert (result.batches, result.rows, result.notes) == (3, 0, [])
    assert place.adapter.list_columns(job.relation) == columns
    assert place.rows(table, "id, amount") == [(1, 10), (2, 20)]
    assert [(Path(f).name, n) for f, _, _, n, _ in place.state(table)[1]] == [
        ("a.csv", 2), ("b.csv", 0), ("c.csv", 0), ("d.csv", 0)]
    assert load(place.adapter, job, reading).skipped == 4
    land(tmp_path, "a.csv", "id,amount\n")
    assert load(place.adapter, job, reading).batches == 1
    assert place.rows(table, "id") == []
    assert place.adapter.list_columns(job.relation) == columns


def test_rows_after_a_header_alone_keep_their_types(tmp_path: Path, place: Place,
                                                    table: str) -> None:
    """A first delivery of a header alone makes a table of text columns; the first rows
    after it retype the empty table (noted) instead of loading as text, where a number
    column's `3` read as 3.0 became the text '3.0'."""
    job = place.job(tmp_path, table, "incremental_files")
    land(tmp_path, "a.csv", "id,amount\n")
    load(place.adapter, job, reading)
    land(tmp_path, "b.csv", "id,amount\n1,2.5\n2,3\n")
    result = load(place.adapter, job, reading)
    assert any("typed amount" in note and "the table had no rows" in note
               for note in result.notes), result.notes
    assert place.rows(table, "id, amount") == [(1, 2.5), (2, 3.0)]
    assert [(Path(f).name, n) for f, _, _, n, _ in place.state(table)[1]] == [
        ("a.csv", 0), ("b.csv", 2)]
    land(tmp_path, "c.csv", "id,amount\n3,4\n")
    assert load(place.adapter, job, reading).notes == []   # rows now: types stay
    assert place.rows(table, "id, amount") == [(1, 2.5), (2, 3.0), (3, 4.0)]


MERGED = [(1, "a2", 30), (2, "b", 20), (3, "c", 20)]
APPENDED = [(1, "a", 10), (1, "a2", 30), (2, "b", 20), (3, "c", 20)]


@pytest.mark.parametrize(("place", "mode", "expected"), [  # Spark: merge (append is the same
    ("duckdb", "merge", MERGED), ("duckdb", "append", APPENDED),     # filter, slower there)
    ("postgres", "merge", MERGED), ("postgres", "append", APPENDED),
    ("spark", "merge", MERGED)], indirect=["place"])
def test_a_database_cursor_rereads_its_last_value_and_dedupes_on_the_key(
        tmp_path: Path, place: Place, table: str, mode: str, expected: list[tuple]) -> None:
    """Rows at the cursor's last value are read again (one written in that instant is not
    lost) and those loaded before are not loaded twice (append: by key; merge: unless
    revised); a bad row past the last loaded value (read again by every run) is stored in
    `_rejects` once."""
    source = str(tmp_path / "app.sqlite")
    with sqlite3.connect(source) as con:
        con.execute("create table orders (id integer, status text, updated integer, qty text)")
        con.execute("insert into orders values (1, 'a', 10, '1'), (2, 'b', 20, '2')")
    job = place.job(tmp_path, table, mode, path=None, dsn=source, format="sqlite",
                    source_table="orders", primary_key=["id"], cursor="updated",
                    columns={"qty": "integer"})
    assert load(place.adapter, job, reading).rows == 2
    with sqlite3.connect(source) as con:  # a row written in the instant of the last one
        con.execute("insert into orders values (3, 'c', 20, '3'), (1, 'a2', 30, '1'), "
                    "(4, 'd', 40, 'many')")
    assert load(place.adapter, job, reading).rejects == 1
    assert place.rows(table, "id, status, updated", "id, updated") == expected
    before = place.state(table)
    again = load(place.adapter, job, reading)
    assert (again.batches, again.rows, again.rejects, again.skipped) == (0, 0, 0, 1)
    assert place.state(table) == before
    assert [(n, c) for _, _, _, n, c in before[1]] == [(2, "20"), (2, "30")]
    # record 5: the source table declares no primary key, so a reject is named by its rowid
    assert [(r, reason) for _, r, reason, _ in before[2]] == [
        ("5", "qty: 'many' is not an integer")]
    with sqlite3.connect(source) as con:  # revised within the last instant, cursor as it was
        con.execute("update orders set status = 'a3' where id = 1 and updated = 30")
    load(place.adapter, job, reading)  # merge applies it; append has the key at 30 already
    assert place.fetch(f"select status from {place.schema}.{table} where id = 1 and "
                       "updated = 30") == [("a3",) if mode == "merge" else ("a2",)]


@pytest.fixture
def pg_source() -> Iterator[str]:
    """A Postgres table `events` with a timestamptz cursor, in a schema of its own."""
    with pg_source_schema("dn_src") as (con, schema):
        con.execute(f'create table "{schema}".events (id int primary key, status text, '
                    "qty text, seen timestamptz)")
        con.execute(f'insert into "{schema}".events values (1, \'new\', \'1\', '
                    "'2024-01-01 10:00+00'), (2, 'new', 'two', '2024-01-01 11:00+00')")
        yield f"{schema}.events"


@LOCAL  # Spark: SQLite test
def test_a_postgres_source_table_merged_by_its_cursor(tmp_path: Path, place: Place,
                                                      table: str, pg_source: str) -> None:
    """Read with psycopg (a server-side cursor); a value that does not fit its declared type
    is a reject named by its primary key; a rerun reads the last instant again, changing
    nothing."""
    job = place.job(tmp_path, table, "merge", path=None, dsn=PG_DSN, format="postgres",
                    source_table=pg_source, primary_key=["id"], cursor="seen",
                    columns={"qty": "integer"})
    first = load(place.adapter, job, reading)
    assert (first.rows, first.rejects) == (1, 1)
    [(file, record_no, reason, raw)] = place.state(table)[2]
    assert (file, record_no, reason) == (f"postgres:{pg_source}", "2",
                                         "qty: 'two' is not an integer")
    assert "two" in raw
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f"insert into {pg_source} values (3, 'new', '3', '2024-01-01 11:00+00')")
        con.execute(f"update {pg_source} set status = 'paid', qty = '5', "
                    "seen = '2024-01-02 09:00+00' where id = 1")
    load(place.adapter, job, reading)
    assert place.rows(table, "id, status, qty") == [(1, "paid", 5), (3, "new", 3)]
    before = place.state(table)
    assert load(place.adapter, job, reading).batches == 0
    assert place.state(table) == before


@LOCAL
def test_new_columns_added_and_types_widened(tmp_path: Path, place: Place, table: str) -> None:
    job = place.job(tmp_path, table, "append")
    land(tmp_path, "a.csv", "id,amount\n1,10\n")
    load(place.adapter, job, reading)
    land(tmp_path, "b.csv", "id,amount,note\n2,2.5,hi\n")
    result = load(place.adapter, job, reading)
    assert result.notes == ["added note TEXT", "widened amount BIGINT -> DOUBLE"]
    assert place.rows(table, "id, amount, note") == [(1, 10.0, None), (2, 2.5, "hi")]
    types = {c.name: c.type.lower() for c in place.adapter.list_columns(job.relation)}
    assert types["amount"] in ("double", "double precision")


@LOCAL
def test_a_number_column_turned_to_text_is_a_warning_with_the_way_back(
        tmp_path: Path, place: Place, table: str) -> None:
    """A later file with text in a number column widens it to text, as documented, but every
    earlier value changes with it: that is a warning naming the column and the declaration
    that keeps the type, not a note in the load's line; a widening within numbers is not."""
    job = place.job(tmp_path, table, "append")
    land(tmp_path, "a.csv", "id,amount\n1,10\n")
    load(place.adapter, job, reading)
    land(tmp_path, "b.csv", "id,amount\n2,2.5\n")
    assert load(place.adapter, job, reading).warnings == []
    land(tmp_path, "c.csv", "id,amount\n3,n/a?\n")
    result = load(place.adapter, job, reading)
    assert result.notes == ["widened amount DOUBLE -> VARCHAR"]
    assert result.warnings == [(
        "column amount is text now, was DOUBLE: the batch just loaded holds "
        "values that are not double, and every earlier value was turned to text with them. "
        "To keep it double, declare `columns: {amount: double}` (a value that does not fit "
        "is then a reject) and load the table again from the start: `datanet ingest "
        f"--full-refresh --select source:shop.{table}`")]


@LOCAL
@pytest.mark.parametrize("mode", ["incremental_files", "append", "merge"])
def test_a_number_column_empty_in_every_row_of_a_delivery_keeps_its_type(
        tmp_path: Path, place: Place, table: str, mode: str) -> None:
    """A delivery whose number column is empty in every row (an instrument failed that day)
    reads the column as text: that is no evidence of a type, so the table's column stays a
    number, its earlier values numbers, the new rows' values NULL, with a note and no
    warning (it turned every earlier value to text before). A new column empty in its first
    delivery is added as text, noted, as a column whose type nothing shows yet."""
    job = place.job(tmp_path, table, mode, primary_key=["id"] if mode == "merge" else [])
    land(tmp_path, "a.csv", "id,amount\n1,-1.3852\n2,20\n")
    load(place.adapter, job, reading)
    land(tmp_path, "b.csv", "id,amount,note\n2,,\n3,,\n")
    result = load(place.adapter, job, reading)
    assert result.warnings == []
    assert result.notes == ["kept amount DOUBLE (the batch's values are all empty)",
                            "added note TEXT"]
    types = {c.name: c.type.lower() for c in place.adapter.list_columns(job.relation)}
    assert types["amount"] in ("double", "double precision")
    old = [] if mode == "merge" else [(2, 20.0, None)]
    assert place.rows(table, "id, amount, note", "1, 2") == [
        (1, -1.3852, None), *old, (2, None, None), (3, None, None)]


@LOCAL
def test_a_delivery_of_integers_grouped_with_commas_keeps_the_integer_column(
        tmp_path: Path, place: Place, table: str) -> None:
    """A later delivery re-saved from a spreadsheet that shows counts grouped (`"3,820"`)
    reads as text on its own (3,820 could be a decimal comma's 3.82): the table's integer
    column decides, as 3820 is all it can mean there. Noted, no warning, no text column."""
    job = place.job(tmp_path, table, "incremental_files")
    land(tmp_path, "a.csv", "id,count\n1,987\n2,1110\n")
    load(place.adapter, job, reading)
    land(tmp_path, "b.csv", 'id,count\n3,"3,820"\n4,987\n5,"-1,234"\n6,\n')
    result = load(place.adapter, job, reading)
    assert result.warnings == []
    assert result.notes[-1] == (
        "read count as BIGINT, the table's type: the batch writes its integers grouped with "
        "commas ('-1,234' is -1234), which is all they can mean in an integer column")
    assert place.rows(table, "id, count", "1") == [
        (1, 987), (2, 1110), (3, 3820), (4, 987), (5, -1234), (6, None)]


@LOCAL
@pytest.mark.parametrize("value", ["3,82", "1,2345", "0,500"])
def test_commas_that_group_no_integer_still_widen_with_the_warning(
        tmp_path: Path, place: Place, table: str, value: str) -> None:
    """The near misses: a comma that is not every third digit of an integer (a decimal
    comma, a grouped decimal) is no integer, so the column widens to text, warned."""
    job = place.job(tmp_path, table, "incremental_files")
    land(tmp_path, "a.csv", "id,count\n1,987\n")
    load(place.adapter, job, reading)
    land(tmp_path, "b.csv", f'id,count\n2,"{value}"\n3,"3,820"\n')
    result = load(place.adapter, job, reading)
    assert "widened count BIGINT -> VARCHAR" in result.notes
    assert result.warnings[0].startswith("column count is text now, was BIGINT")
    assert place.rows(table, "id, count", "1")[1] == (2, value)


@LOCAL
def test_one_text_value_in_a_delivery_still_widens_with_the_warning(
        tmp_path: Path, place: Place, table: str) -> None:
    """The near miss of the test above: a delivery whose number column is empty but for one
    text value is evidence, and widens the column to text with the warning."""
    job = place.job(tmp_path, table, "incremental_files")
    land(tmp_path, "a.csv", "id,amount\n1,-1.3852\n")
    load(place.adapter, job, reading)
    land(tmp_path, "b.csv", "id,amount\n2,\n3,broken\n4,\n")
    result = load(place.adapter, job, reading)
    assert result.notes == ["widened amount DOUBLE -> VARCHAR"]
    assert [w.split(":")[0] for w in result.warnings] == ["column amount is text now, was DOUBLE"]
    assert place.rows(table, "id, amount") == [(1, "-1.3852"), (2, None), (3, "broken"),
                                               (4, None)]


@LOCAL
def test_replace_of_a_glob_whose_files_disagree_on_types(tmp_path: Path, place: Place,
                                                         table: str) -> None:
    """All files of the glob are one batch: a header-only file's text columns do not turn
    the others' numbers into text, and a column that is a number in one file and text in
    another becomes text (Arrow refused to unify the two, and the load crashed)."""
    job = place.job(tmp_path, table, "replace")
    land(tmp_path, "a.csv", "id,amount\n1,10\n")
    land(tmp_path, "b.csv", "id,amount,note\n")
    assert load(place.adapter, job, reading).rows == 1
    types = {c.name: c.type.lower() for c in place.adapter.list_columns(job.relation)}
    assert (types["id"], types["amount"]) == ("bigint", "bigint")
    assert place.rows(table, "id, amount, note") == [(1, 10, None)]
    land(tmp_path, "c.csv", "id,amount\nx1,5\n")
    assert load(place.adapter, job, reading).rows == 2
    assert place.rows(table, "id, amount") == [("1", 10), ("x1", 5)]


@LOCAL
def test_parquet_durations_load_as_intervals(tmp_path: Path, place: Place, table: str) -> None:
    """A Parquet duration (pandas timedeltas) is an INTERVAL in the warehouse: DuckDB's
    INTERVAL reached Postgres as text (`(0,0,604800000000000)`) before the reader handed
    it on as an Arrow duration."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "landing").mkdir()
    pq.write_table(pa.table({"id": [1, 2], "wait": pa.array([604800, None], pa.duration("s"))}),
                   tmp_path / "landing" / "a.parquet")
    job = place.job(tmp_path, table, "replace", path="landing/*.parquet")
    assert load(place.adapter, job, reading).rows == 2
    types = {c.name: c.type.lower() for c in place.adapter.list_columns(job.relation)}
    assert types["wait"] == "interval"
    assert place.rows(table, "id, wait") == [(1, dt.timedelta(weeks=1)), (2, None)]


@LOCAL
def test_pandas_index_of_a_filtered_frame_loads_under_pandas_name(tmp_path: Path, place: Place,
                                                                   table: str) -> None:
    """pandas' unnamed index that is not 0..n-1 (a filtered frame's row labels) is a
    column `__index_level_0__` in the warehouse, named as pandas names it (see
    readers/parquet_index)."""
    import pandas as pd

    (tmp_path / "landing").mkdir()
    frame = pd.DataFrame({"id": [1, 2, 3, 4], "v": [5.0, 6.0, 7.0, 8.0]})
    # rows 0, 1 and 3, no arithmetic run: pandas 3 keeps a run's index (0, 1, 2 or 0, 2, 4)
    # a RangeIndex, stored in the file's metadata alone
    frame[frame.id != 3].to_parquet(tmp_path / "landing" / "a.parquet")
    job = place.job(tmp_path, table, "replace", path="landing/*.parquet")
    assert load(place.adapter, job, reading).rows == 3
    assert place.rows(table, 'id, v, "__index_level_0__"') == [(1, 5.0, 0), (2, 6.0, 1),
                                                                  (4, 8.0, 3)]


@LOCAL  # Spark: as Postgres
def test_a_growing_ndjson_file_is_tailed_each_line_once(tmp_path: Path, place: Place,
                                                        table: str) -> None:
    """What `--follow` does each round: the complete lines appended since the last load (a
    half-written line waits), with the offset and the prefix's hash in the ledger; a file
    rewritten in place is read again from its start."""
    events = tmp_path / "events.ndjson"
    events.write_text('{"n": 1}\n{"n": 2}\n{"n": ')
    job = place.job(tmp_path, table, "incremental_files", path="events.ndjson")
    job.following = True
    assert load(place.adapter, job, reading).rows == 2
    with events.open("a") as handle:
        handle.write('3}\n{"n": 4}\n')
    assert (load(place.adapter, job, reading).rows, load(place.adapter, job, reading).skipped) \
        == (2, 1)
    assert place.rows(table, "n") == [(1,), (2,), (3,), (4,)]
    assert [size for _, size, _, _, _ in place.state(table)[1]] == [18, events.stat().st_size]
    events.write_text('{"n": 7}\n')   # rewritten: its rows replace the file's
    load(place.adapter, job, reading)
    assert place.rows(table, "n") == [(7,)]
    assert [(size, rows) for _, size, _, rows, _ in place.state(table)[1]] == [(9, 1)]


@LOCAL
def test_append_loads_the_lines_a_csv_file_gained_once(tmp_path: Path, place: Place,
                                                       table: str) -> None:
    """A CSV file that grew is not inserted whole again under `append`: its new lines are
    (one of them a reject numbered in the whole file), once, and a rerun adds nothing."""
    job = place.job(tmp_path, table, "append", columns={"amount": "integer"})
    log = land(tmp_path, "log.csv", "id,amount\n1,10\n2,20\n")
    assert load(place.adapter, job, reading).rows == 2
    with log.open("a") as handle:
        handle.write("3,30\n4,four\n5,50\n")
    assert (load(place.adapter, job, reading).rows, load(place.adapter, job, reading).rows) \
        == (2, 0)
    assert place.rows(table, "id, amount") == [(1, 10), (2, 20), (3, 30), (5, 50)]
    [(file, record_no, _reason, raw)] = place.state(table)[2]
    assert (Path(file).name, record_no, raw) == ("log.csv", "4", "4,four")
    assert [(size, rows) for _, size, _, rows, _ in place.state(table)[1]] == [
        (20, 2), (log.stat().st_size, 2)]


@LOCAL
@pytest.mark.parametrize("mode", ["incremental_files", "replace"])
def test_rejects_of_a_file_read_again_are_those_of_its_new_content(
        tmp_path: Path, place: Place, table: str, mode: str) -> None:
    """A file read while its writer was still writing (its last record cut short), complete
    at the next run: the cut record's reject goes with the rows of that version; a file read
    again unchanged by a `replace` keeps one reject, not two."""
    job = place.job(tmp_path, table, mode, columns={"amount": "integer"})
    land(tmp_path, "a.csv", "id,amount\n1,10\n2,2x")
    land(tmp_path, "b.csv", "id,amount\n3,30\n4,y\n")
    first = load(place.adapter, job, reading)
    assert (first.rows, first.rejects) == (2, 2)
    land(tmp_path, "a.csv", "id,amount\n1,10\n2,25\n")
    second = load(place.adapter, job, reading)
    assert second.rejects == (1 if mode == "replace" else 0)
    assert place.rows(table, "id, amount") == [(1, 10), (2, 25), (3, 30)]
    rejected = [(Path(f).name, r, raw) for f, r, _, raw in place.state(table)[2]]
    assert rejected == [("b.csv", "2", "4,y")]


@LOCAL
@pytest.mark.parametrize(("suffix", "damaged", "clean"), [
    (".csv", "id,town\r\n1,Aa\r\n2,Bb\n3,Cc\n",                 # CRLF, then LF
     "id,town\n4,Dd\n"),
    (".ndjson", ('{"id": 1, "town": "Aa"},\n{"id": 2, "town": "Bb"},\n'
                 '{"id": 3, "town": "Cc"}\n'),                       # an array's items
     '{"id": 4, "town": "Dd"}\n'),
])
def test_files_duckdb_cannot_read_as_they_are_load_all_their_records(
        tmp_path: Path, place: Place, table: str, suffix: str, damaged: str,
        clean: str) -> None:
    """Line endings that change midway, and NDJSON lines each followed by a comma: the
    warehouse's own reader refuses them, the loader reads them through the readers."""
    land(tmp_path, "damaged" + suffix, damaged)
    land(tmp_path, "clean" + suffix, clean)
    job = place.job(tmp_path, table, "incremental_files", path=f"landing/*{suffix}")
    done = load(place.adapter, job, reading)
    assert (done.rows, done.rejects) == (4, 0)
    assert place.rows(table, "id, town") == [(1, "Aa"), (2, "Bb"), (3, "Cc"), (4, "Dd")]


def test_a_merge_key_padded_by_a_char_export_is_trimmed_not_a_new_row(
        tmp_path: Path, place: Place, table: str) -> None:
    """The second delivery, a CHAR(12) export, pads each text key with blanks (and one with
    a leading blank): its rows revise the table's, none is added twice; noted, with how
    many keys were padded. A cursor compares the trimmed keys too."""
    job = place.job(tmp_path, table, "merge", primary_key=["code"], cursor="rev")
    land(tmp_path, "a.csv", "code,rev,price\nlamp,1,10\ndesk,1,20\nchair,1,30\n")
    load(place.adapter, job, reading)
    land(tmp_path, "b.csv", f"code,rev,price\n{'lamp':<12},2,11\n {'desk':<11},0,99\n"
                            f"{'stool':<12},1,5\n")
    second = load(place.adapter, job, reading)
    assert place.rows(table, "code, rev, price") == [
        ("chair", 1, 30), ("desk", 1, 20), ("lamp", 2, 11), ("stool", 1, 5)]
    assert f"shop.{table}: key column code: blanks at either end of 3 value(s) trimmed " \
           f"before merging (padding of a fixed-width CHAR export)" in second.notes


@pytest.fixture
def pg_history() -> Iterator[str]:
    """A Postgres history table whose open row ends at 'infinity', with the values Python
    cannot hold: -infinity, a year past 9999, a year BC, numeric NaN and Infinity."""
    with pg_source_schema("dn_src") as (con, schema):
        con.execute(f'create table "{schema}".terms (id int primary key, valid_from date, '
                    "valid_to date, seen timestamp, rate numeric(6, 2), score float8)")
        con.execute(f'insert into "{schema}".terms values '
                    "(1, '2001-01-20', '2009-01-20', '2009-01-20 12:00', 1.5, 1), "
                    "(2, '2009-01-20', 'infinity', 'infinity', 'NaN', 'NaN'), "
                    "(3, '-infinity', '10000-01-01', '0044-03-15 BC', 2, 'infinity')")
        yield f"{schema}.terms"


def test_postgres_infinity_dates_and_nan_numerics_are_read_not_a_crash(
        tmp_path: Path, place: Place, table: str, pg_history: str) -> None:
    """'infinity' is the greatest date or timestamp, '-infinity' the least; a year no date
    holds and a numeric NaN are NULL; each noted with how many. Doubles keep NaN and inf."""
    import datetime as dt

    job = place.job(tmp_path, table, "replace", path=None, dsn=PG_DSN, format="postgres",
                    source_table=pg_history)
    loaded = load(place.adapter, job, reading)
    assert place.rows(table, "id, valid_from, valid_to, seen, rate") == [
        (1, dt.date(2001, 1, 20), dt.date(2009, 1, 20), dt.datetime(2009, 1, 20, 12), 1.5),
        (2, dt.date(2009, 1, 20), dt.date(9999, 12, 31),
         dt.datetime(9999, 12, 31, 23, 59, 59, 999999), None),
        (3, dt.date(1, 1, 1), None, None, 2)]
    scores = [row[0] for row in place.rows(table, "score", "id")]
    assert scores[0] == 1 and math.isnan(scores[1]) and scores[2] == math.inf
    assert {("column valid_to: 1 value(s) 'infinity' read as 9999-12-31 (the greatest value "
            "the column can hold)"),
            ("column valid_from: 1 value(s) '-infinity' read as 0001-01-01 (the least value "
            "the column can hold)"),
            ("column valid_to: 1 value(s) of a year past 9999 or before 1 read as NULL (no date "
            "holds them)"),
            ("column seen: 1 value(s) of a year past 9999 or before 1 read as NULL (no date "
            "holds them)"),
            ("column rate: 1 value(s) NaN or Infinity read as NULL (a decimal holds no such "
            "value)")} <= set(loaded.read_notes)
