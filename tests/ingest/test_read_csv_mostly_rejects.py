"""A CSV more of whose records are rejected than read: the layout read fits a few of its
lines only (records of several kinds, each of its own width), so the table is likely not
the file's, and the read says so. A file with a few ragged lines among many good ones
reads as before, without the note. The doubt is `doubts/rejected.py`'s, asked of every
read and of a load through DuckDB's own scan."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import Place

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

NOTE = "more records break the layout read"


def test_records_of_several_kinds_read_as_one_table_are_noted(tmp_path: Path) -> None:
    """A bank's batch file: a header record, detail records of another width, a trailer."""
    path = tmp_path / "batch.txt"
    path.write_text("H,ACME,20240101\n" + "".join(
        f"D,{n},ACC{n:04d},{n * 10}.50,CR\n" for n in range(1, 7)) + "T,6\n")
    result = read_source(path, None, {}, {})
    assert result.table.num_rows < len(result.rejects)
    notes = [n for n in result.schema_notes if NOTE in n]
    assert notes == [
        (f"{path}: doubt: {len(result.rejects)} record(s) rejected and {result.table.num_rows} read: "
        f"{NOTE} ({len(result.table.column_names)} column(s): "
        f"{', '.join(result.table.column_names)}) than fit it, so it is likely not the "
        f"file's; look at the rejects (`_rejects`) before using the table, and set "
        f"`options:` (delimiter, header, skip) to the file's layout")]


def test_a_load_by_duckdbs_own_scan_says_so_too(tmp_path: Path,
                                                adapter: DuckDBAdapter) -> None:
    """A DuckDB warehouse loads a CSV by running the scan itself (no read into Arrow): the
    counts are taken there, and the load's notes say the same."""
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "batch.csv").write_text(
        "H,ACME,20240101\n" + "".join(f"D,{n},ACC{n:04d},{n * 10}.50,CR\n"
                                      for n in range(1, 7)) + "T,6\n")
    place = Place(adapter, "main", "main")
    result = load(adapter, place.job(tmp_path, "batch", "incremental_files"), reading)
    assert result.rows < result.rejects
    assert any(f"{result.rejects} record(s) rejected and {result.rows} read: {NOTE}" in n
               for n in result.read_notes)


def test_a_meter_data_file_told_to_read_as_a_csv_is_noted(tmp_path: Path) -> None:
    """An AEMO NEM12 file with `options: {header: false}` is read as a CSV: its days are
    rejects, and the read says the table is likely not the file's."""
    path = tmp_path / "meter.csv"
    path.write_text("100,NEM12,201401150900,MDPUSER,RETAILER\n"
                    "200,VCCCX00009,E1,E1,E1,N1,METSER123,MWh,30,\n"
                    + "".join(f"300,2014010{d},{','.join(['1.5'] * 48)},A,,,,\n"
                              for d in range(1, 4)) + "900\n")
    result = read_source(path, None, {"header": False}, {})
    assert (result.table.num_rows, len(result.rejects)) == (1, 5)
    assert any(f"{path}: doubt: 5 record(s) rejected and 1 read: {NOTE}" in n
               for n in result.schema_notes)


def test_a_few_ragged_lines_among_many_are_not_noted(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("id,amount\n1,10\n2,20,extra\n3,30\n4,40\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("id").to_pylist() == [1, 3, 4]
    assert [r.record_no for r in result.rejects] == ["2"]
    assert not any(NOTE in n for n in result.schema_notes)
    even = tmp_path / "even.csv"   # as many rejects as rows: not more
    even.write_text("id,amount\n1,10\n2,20,extra\n")
    result = read_source(even, None, {}, {})
    assert (result.table.num_rows, len(result.rejects)) == (1, 1)
    assert not any(NOTE in n for n in result.schema_notes)
