"""A file re-sent under a new name (the same bytes as a file already loaded) is not loaded
twice, on DuckDB: within one batch, across runs, under every mode that loads each file once,
with the opt-out `same_content: load`, and for tailed NDJSON files; an empty file is never a
re-send; a file whose size no other file has is loaded without waiting for its hash; an
older ledger gains the column that records why. On every engine: test_load_engines; under
kill -9: test_load_crash."""

from __future__ import annotations

import hashlib
from concurrent.futures import Future
from pathlib import Path

import pytest
from test_load_modes import job, rows, write

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest import reading
from datanet_sql.ingest.landing import LandedFile
from datanet_sql.ingest.ledger import Entry
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.resent import split

LEDGER = "select file, rows, reason from main._datanet_ingest_ledger order by file"


def names(adapter: DuckDBAdapter) -> list[tuple]:
    """The ledger as (file name, rows, the name of the file a re-send repeats)."""
    return [(Path(f).name, n, r and r.rsplit("/", 1)[-1]) for f, n, r in rows(adapter, LEDGER)]


@pytest.mark.parametrize("mode", ["incremental_files", "append", "merge"])
def test_two_identical_new_files_in_one_batch_the_first_by_path_loads(
        tmp_path: Path, adapter: DuckDBAdapter, mode: str) -> None:
    text = "id,amount\n1,10\n2,20\n"
    for name in ("2024-02-resend.csv", "2024-01.csv", "2024-02.csv"):
        write(tmp_path, name, text if name != "2024-01.csv" else "id,amount\n3,30\n")
    result = load(adapter, job(tmp_path, mode, primary_key=["id"]), reading)
    assert (result.batches, result.rows, result.skipped) == (2, 3, 1)
    assert result.warnings == [(
        "landing/2024-02.csv has the same content as landing/2024-02-resend.csv (loaded in "
        "this run): not loaded, so its rows are not in the table twice (recorded in the "
        "ledger, not reported again). If it is a delivery of its own (an unchanged snapshot "
        "to append), set `load: {same_content: load}` on the table and run again")]
    assert rows(adapter, "select id, amount from shop.sales order by id") == [
        (1, 10), (2, 20), (3, 30)]
    assert names(adapter) == [("2024-01.csv", 1, None), ("2024-02-resend.csv", 2, None),
                              ("2024-02.csv", 0, "2024-02-resend.csv")]
    again = load(adapter, job(tmp_path, mode, primary_key=["id"]), reading)
    assert (again.batches, again.skipped, again.warnings) == (0, 3, [])


def test_same_content_load_takes_each_file_as_its_own_delivery(tmp_path: Path,
                                                               adapter: DuckDBAdapter) -> None:
    """An unchanged daily snapshot meant to be appended: `same_content: load` loads it, also
    a file an earlier run skipped as a re-send (the user was told to set it and rerun)."""
    for name in ("day1.csv", "day2.csv"):
        write(tmp_path, name, "sku,stock\nA,5\n")
    assert load(adapter, job(tmp_path, "incremental_files"), reading).skipped == 1
    write(tmp_path, "day3.csv", "sku,stock\nA,5\n")
    result = load(adapter, job(tmp_path, "incremental_files", same_content="load"), reading)
    assert (result.batches, result.skipped, result.warnings) == (2, 1, [])
    assert rows(adapter, "select count(*) from shop.sales") == [(3,)]
    assert names(adapter) == [("day1.csv", 1, None), ("day2.csv", 1, None),
                              ("day3.csv", 1, None)]
    back = load(adapter, job(tmp_path, "incremental_files"), reading)   # skip again: nothing
    assert (back.batches, back.skipped, back.warnings) == (0, 3, [])


def test_files_without_rows_are_not_reported_as_resends(tmp_path: Path,
                                                        adapter: DuckDBAdapter) -> None:
    """Empty and header-only files hold no rows to double: a header-only file like one
    loaded before loads as any file; two alike in one batch, the second is recorded as a
    re-send without a warning (nothing was kept out)."""
    write(tmp_path, "a.csv", "id\n1\n")
    write(tmp_path, "h1.csv", "id\n")
    load(adapter, job(tmp_path, "incremental_files"), reading)
    for name in ("b.csv", "c.csv", "h2.csv"):
        write(tmp_path, name, "" if name != "h2.csv" else "id\n")
    later = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (later.batches, later.warnings) == (3, [])
    for name in ("h3.csv", "h4.csv"):
        write(tmp_path, name, "id,note\n")
    batch = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (batch.batches, batch.skipped, batch.warnings) == (1, 6, [])
    assert names(adapter)[-2:] == [("h3.csv", 0, None), ("h4.csv", 0, "h3.csv")]


def landed(path: str, size: int, sha256: str | None) -> LandedFile:
    """A landed file whose hash is known (`sha256`) or never computed (None: waiting on it
    would block the test)."""
    hashing: Future[str] = Future()
    if sha256 is not None:
        hashing.set_result(sha256)
    return LandedFile(path, size, hashing)


def test_only_files_of_a_size_another_file_has_wait_for_their_hash() -> None:
    loaded = [Entry("/l/a.csv", "h1", None, 10, None, 1),
              Entry("/l/x.csv", "h9", None, 30, "same content as /l/y.csv", 0),
              Entry("/l/z.csv", "h5", None, 40, None, 0)]   # a header alone: no rows
    files = [landed("/l/b.csv", 10, "h1"),   # a's size and bytes: a re-send of a
             landed("/l/c.csv", 20, None),   # a size of its own: loaded, hash never asked
             landed("/l/d.csv", 30, None),   # the size of a skipped re-send only: as c
             landed("/l/e.csv", 40, "h4"), landed("/l/f.csv", 40, "h5"),  # f: z's bytes
             landed("/l/g.csv", 0, None)]    # empty: adds no rows either way
    keep, repeats = split(files, loaded)
    assert [f.path for f in keep] == ["/l/c.csv", "/l/d.csv", "/l/e.csv", "/l/f.csv", "/l/g.csv"]
    assert [(r.file.path, r.original, r.before, r.redelivered) for r in repeats] == [
        ("/l/b.csv", "/l/a.csv", True, False)]


def test_a_ledger_made_before_the_reason_column_gains_it(tmp_path: Path,
                                                         adapter: DuckDBAdapter) -> None:
    write(tmp_path, "a.csv", "id\n1\n")
    load(adapter, job(tmp_path, "incremental_files"), reading)
    adapter.execute("alter table main._datanet_ingest_ledger drop column reason")
    write(tmp_path, "b.csv", "id\n1\n")
    result = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (result.batches, result.skipped, len(result.warnings)) == (0, 2, 1)
    assert names(adapter) == [("a.csv", 1, None), ("b.csv", 0, "a.csv")]
    assert rows(adapter, "select sha256 from main._datanet_ingest_ledger") == [
        (hashlib.sha256(b"id\n1\n").hexdigest(),)] * 2


def test_a_tailed_ndjson_file_resent_under_a_new_name_loads_only_lines_it_adds(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """An NDJSON copy of a tailed file is a re-send of what was loaded of it; lines appended
    to the copy later are its own, and load."""
    lines = '{"id": 1}\n{"id": 2}\n'
    write(tmp_path, "a.ndjson", lines)
    tailed = job(tmp_path, "append", path="landing/*.ndjson")
    assert load(adapter, tailed, reading).rows == 2
    copy = write(tmp_path, "b.ndjson", lines)
    result = load(adapter, tailed, reading)
    assert (result.batches, result.skipped) == (0, 2)
    assert result.warnings[0].startswith("landing/b.ndjson has the same content as "
                                         "landing/a.ndjson (loaded before): not loaded")
    assert load(adapter, tailed, reading).warnings == []
    copy.write_text(lines + '{"id": 3}\n')
    assert load(adapter, tailed, reading).rows == 1
    assert rows(adapter, "select id from shop.sales order by id") == [(1,), (2,), (3,)]
    assert names(adapter) == [("a.ndjson", 2, None), ("b.ndjson", 0, "a.ndjson"),
                              ("b.ndjson", 1, None)]
    for name in ("c.ndjson", "d.ndjson"):       # two copies in one run: c loads, d is skipped
        write(tmp_path, name, '{"id": 4}\n')
    both = load(adapter, tailed, reading)
    assert (both.batches, both.rows) == (1, 1)
    assert both.warnings[0].startswith("landing/d.ndjson has the same content as "
                                       "landing/c.ndjson (loaded in this run): not loaded")


def test_replace_over_a_glob_loads_one_copy_of_a_delivery_saved_twice(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """`replace` rebuilds the table from the files of its glob: a delivery saved under two
    names is one delivery, its rows once, with the same warning (once: the ledger records
    the copy) and the same opt-out as the other modes."""
    write(tmp_path, "2024-01.csv", "id,amount\n1,10\n")
    for name in ("2024-02.csv", "2024-02-copy.csv"):
        write(tmp_path, name, "id,amount\n2,20\n3,30\n")
    result = load(adapter, job(tmp_path, "replace"), reading)
    assert (result.batches, result.rows, result.skipped) == (2, 3, 1)
    assert result.warnings == [(
        "landing/2024-02.csv has the same content as landing/2024-02-copy.csv (loaded in "
        "this run): not loaded, so its rows are not in the table twice (recorded in the "
        "ledger, not reported again). If it is a delivery of its own (an unchanged snapshot "
        "to append), set `load: {same_content: load}` on the table and run again")]
    assert rows(adapter, "select id, amount from shop.sales order by id") == [
        (1, 10), (2, 20), (3, 30)]
    assert names(adapter) == [("2024-01.csv", 1, None), ("2024-02-copy.csv", 2, None),
                              ("2024-02.csv", 0, "2024-02-copy.csv")]
    assert load(adapter, job(tmp_path, "replace"), reading).skipped == 3   # nothing changed
    write(tmp_path, "2024-03.csv", "id,amount\n4,40\n")    # the table is rebuilt, told once
    rebuilt = load(adapter, job(tmp_path, "replace"), reading)
    assert (rebuilt.rows, rebuilt.skipped, rebuilt.warnings) == (4, 1, [])
    (tmp_path / "landing" / "2024-02-copy.csv").unlink()   # the other copy now loads
    alone = load(adapter, job(tmp_path, "replace"), reading)
    assert (alone.rows, alone.skipped, alone.warnings) == (4, 0, [])
    write(tmp_path, "2024-02-copy.csv", "id,amount\n2,20\n3,30\n")
    both = load(adapter, job(tmp_path, "replace", same_content="load"), reading)
    assert (both.rows, both.skipped, both.warnings) == (6, 0, [])
    assert rows(adapter, "select count(*) from shop.sales where id = 2") == [(2,)]
