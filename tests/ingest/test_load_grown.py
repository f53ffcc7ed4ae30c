"""`append` over files that grew (a log, an export appended to): only the lines a file gained
since it was loaded are inserted, once, read as its first part was read (encoding, delimiter,
title lines, header), their rejects numbered in the whole file; a file whose loaded part ended
inside a line, or of a format rows are not appended to, is refused by name. On DuckDB; the
other engines in test_load_engines.py, a kill -9 in test_load_crash.py."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load


def job(root: Path, path: str, mode: str = "append", **config: Any) -> LoadJob:
    spec = {"mode": mode, "primary_key": [], "cursor": None, "path": path, "dsn": None,
            "format": None, "source_table": None, "options": {}, "on_bad_row": "reject",
            "columns": {}, **config}
    return LoadJob("shop", "sales", Relation("sales", "shop"), "main", root, spec)


def grow(path: Path, text: str, encoding: str = "utf-8") -> None:
    with path.open("a", encoding=encoding, newline="") as handle:
        handle.write(text)


def fetch(adapter: DuckDBAdapter, sql: str) -> list[tuple]:
    return adapter.fetch(sql)[1]


def test_append_loads_only_the_lines_a_csv_gained_numbered_in_the_whole_file(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """A Latin-1 export with a title line and `;` grows by three records, one of them bad:
    the tail is read with the first part's layout (a tail alone would sniff none of it),
    its reject is record 4 of the file, the ledger records the file's new size and hash in
    the rows' transaction, and a rerun loads nothing."""
    export = tmp_path / "export.csv"
    export.write_text("Sales export\nid;name;qty\n1;Zoë;10\n2;Åsa;20\n", encoding="latin-1")
    loaded = job(tmp_path, "export.csv", columns={"qty": "integer"})
    assert load(adapter, loaded, reading).rows == 2
    grow(export, "3;Noël;30\n4;Bo;many\n5;Éva;50\n", encoding="latin-1")
    result = load(adapter, loaded, reading)
    assert (result.batches, result.rows, result.rejects) == (1, 2, 1)
    assert fetch(adapter, "select * from shop.sales order by id") == [
        (1, "Zoë", 10), (2, "Åsa", 20), (3, "Noël", 30), (5, "Éva", 50)]
    assert fetch(adapter, "select record_no, reason, raw from shop._rejects") == [
        ("4", "qty: 'many' is not an integer", "4;Bo;many")]
    digest = hashlib.sha256(export.read_bytes()).hexdigest()
    assert fetch(adapter, "select size, sha256, rows from main._datanet_ingest_ledger "
                          "order by size")[-1] == (export.stat().st_size, digest, 2)
    again = load(adapter, loaded, reading)
    assert (again.batches, again.rows, again.skipped) == (0, 0, 1)
    assert fetch(adapter, "select count(*) from shop.sales") == [(4,)]


def test_a_tail_of_text_columns_keeps_the_files_header_and_reads_quotes(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """Columns of text only: a tail sniffed alone could take its first record for a header;
    read under the file's header, every new line is a row, a quoted delimiter within one
    field (no quote in the file's first part)."""
    codes = tmp_path / "codes.csv"
    codes.write_text("code,name\nA1,ann\nB2,bo\n")
    load(adapter, job(tmp_path, "codes.csv"), reading)
    grow(codes, 'C3,"Smith, J"\nD4,dee\n')
    assert load(adapter, job(tmp_path, "codes.csv"), reading).rows == 2
    assert fetch(adapter, "select * from shop.sales order by code") == [
        ("A1", "ann"), ("B2", "bo"), ("C3", "Smith, J"), ("D4", "dee")]


def test_a_last_line_without_its_newline_then_lines_after_one(tmp_path: Path,
                                                             adapter: DuckDBAdapter) -> None:
    """A file written without a final newline, to which the writer appends a newline and
    then lines: the loaded part ended at a record, so the new lines load."""
    log = tmp_path / "log.csv"
    log.write_text("id,v\n1,a")
    load(adapter, job(tmp_path, "log.csv"), reading)
    grow(log, "\n2,b\n3,c\n")
    assert load(adapter, job(tmp_path, "log.csv"), reading).rows == 2
    assert fetch(adapter, "select * from shop.sales order by id") == [
        (1, "a"), (2, "b"), (3, "c")]


def test_a_cut_last_line_completed_since_is_refused_naming_the_file(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """A load read the file while its last line was being written (`2,b` of `2,bob`): what
    follows now starts inside that line. Refused, naming the file and what to do, before
    anything of the table is loaded (the new file b.csv neither)."""
    (tmp_path / "landing").mkdir()
    a = tmp_path / "landing" / "a.csv"
    a.write_text("id,name\n1,ann\n2,b")
    load(adapter, job(tmp_path, "landing/*.csv"), reading)
    grow(a, "ob\n3,cy\n")
    (tmp_path / "landing" / "b.csv").write_text("id,name\n4,dee\n")
    with pytest.raises(IngestError) as refused:
        load(adapter, job(tmp_path, "landing/*.csv"), reading)
    text = refused.value.render()
    assert "a.csv" in text and "ended inside a line" in text
    assert "mode: incremental_files" in text
    assert fetch(adapter, "select * from shop.sales order by id") == [(1, "ann"), (2, "b")]


def test_a_grown_file_of_a_format_rows_are_not_appended_to_is_refused(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """JSON objects one after another in a `.json` file: it can grow with its first bytes
    kept, but a JSON document has no lines to tail. Refused as before, by name."""
    data = tmp_path / "data.json"
    data.write_text('{"id": 1}\n')
    load(adapter, job(tmp_path, "data.json"), reading)
    grow(data, '{"id": 2}\n')
    with pytest.raises(IngestError) as refused:
        load(adapter, job(tmp_path, "data.json"), reading)
    assert "data.json" in refused.value.render()
    assert "rows are not appended to a file of this format" in refused.value.render()
    assert fetch(adapter, "select id from shop.sales") == [(1,)]


def test_an_ndjson_file_under_append_loads_its_new_lines_after_an_unended_last_one(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """NDJSON is tailed: a complete last line without its newline, then lines appended
    after one, load once each."""
    events = tmp_path / "events.ndjson"
    events.write_text('{"n": 1}\n{"n": 2}')
    load(adapter, job(tmp_path, "events.ndjson"), reading)
    grow(events, '\n{"n": 3}\n')
    assert load(adapter, job(tmp_path, "events.ndjson"), reading).rows == 1
    assert fetch(adapter, "select n from shop.sales order by n") == [(1,), (2,), (3,)]


@pytest.mark.parametrize("mode", ["append", "incremental_files"])
def test_an_ndjson_line_cut_by_a_load_then_completed(tmp_path: Path, adapter: DuckDBAdapter,
                                                     mode: str) -> None:
    """A plain `ingest` read the file while `{"n": 3}` was half written (a reject then).
    Under `append` what follows is refused, naming the file; under `incremental_files` the
    file is read again from its start and its rows replace those of the cut read."""
    events = tmp_path / "events.ndjson"
    events.write_text('{"n": 1}\n{"n": 2}\n{"n": ')
    first = load(adapter, job(tmp_path, "events.ndjson", mode), reading)
    assert (first.rows, first.rejects) == (2, 1)
    grow(events, '3}\n{"n": 4}\n')
    if mode == "append":
        with pytest.raises(IngestError) as refused:
            load(adapter, job(tmp_path, "events.ndjson", mode), reading)
        assert "events.ndjson" in refused.value.render()
        assert "ended inside a line" in refused.value.render()
        assert fetch(adapter, "select n from shop.sales order by n") == [(1,), (2,)]
    else:
        assert load(adapter, job(tmp_path, "events.ndjson", mode), reading).rows == 4
        assert fetch(adapter, "select n from shop.sales order by n") == [
            (1,), (2,), (3,), (4,)]
        assert fetch(adapter, "select count(*) from shop._rejects") == [(0,)]  # the cut one


def test_append_splits_a_grown_fixed_width_file_at_its_first_columns(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """A fixed-width report that grows: its new lines are split where its start was (the
    `widths` found then), not sniffed as a CSV of one column."""
    report = tmp_path / "cars.txt"
    report.write_text("make      model           hp\nFord      GT             647\n"
                      "Ferrari   458 Speciale   597\n")
    loaded = job(tmp_path, "cars.txt")
    assert load(adapter, loaded, reading).rows == 2
    grow(report, "BMW       i8 Roadster    369\n")
    assert load(adapter, loaded, reading).rows == 1
    assert fetch(adapter, "select make, model, hp from shop.sales order by hp") == [
        ("BMW", "i8 Roadster", 369), ("Ferrari", "458 Speciale", 597), ("Ford", "GT", 647)]
