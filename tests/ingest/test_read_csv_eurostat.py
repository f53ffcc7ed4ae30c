"""Eurostat's bulk TSV, on files written here: the first column's dimensions split, each
value read without its flags, `:` NULL, the flags kept beside, noted; a cell of another
shape refused; near misses (a backslash elsewhere, an ordinary TSV) read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

NOTE = "Eurostat's bulk TSV layout"


def test_bulk_tsv_split_and_flags_kept(tmp_path: Path) -> None:
    path = tmp_path / "demo_mlexpec.tsv"
    path.write_text("freq,unit,geo\\TIME_PERIOD\t2019 \t2020 \n"
                    "A,YR,AT\t82.0 \t81.3 p\nA,YR,BE\t: c\t80.8 ep\nA,YR,DE\t81.3 \t: \n")
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"freq": "A", "unit": "YR", "geo": "AT", "2019": 82.0, "2019_flag": None,
         "2020": 81.3, "2020_flag": "p"},
        {"freq": "A", "unit": "YR", "geo": "BE", "2019": None, "2019_flag": "c",
         "2020": 80.8, "2020_flag": "ep"},
        {"freq": "A", "unit": "YR", "geo": "DE", "2019": 81.3, "2019_flag": None,
         "2020": None, "2020_flag": None},
    ]
    note = next(n for n in result.schema_notes if NOTE in n)
    assert "demo_mlexpec.tsv" in note and "split into freq, unit, geo" in note
    assert "2 cell(s) ':' (no value) as NULL" in note and "2019_flag, 2020_flag" in note
    assert result.rejects == []


def test_old_layout_without_flags_has_no_flag_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.tsv"
    path.write_text("geo\\time\t2001 \t2000 \nFR\t62 \t61 \nIT\t57 \t56 \n")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["geo", "2001", "2000"]
    assert result.table.column("2001").to_pylist() == [62, 57]
    assert any("kept in columns: none written" in n for n in result.schema_notes)


def test_a_cell_of_another_shape_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.tsv"
    path.write_text("unit,geo\\time\t2001 \nNR,FR\tabout 62\n")
    with pytest.raises(IngestError, match=r"line 2, column 2001: 'about 62' is not a "
                                          r"Eurostat value") as raised:
        read_source(path, None, {}, {})
    assert str(path) in str(raised.value) and "header: true" in str(raised.value)


def test_options_header_reads_it_as_a_plain_tsv(tmp_path: Path) -> None:
    path = tmp_path / "plain.tsv"
    path.write_text("unit,geo\\time\t2001 \nNR,FR\t62 p\n")
    result = read_source(path, None, {"header": True}, {})
    assert result.table.num_rows == 1
    assert not any(NOTE in n for n in result.schema_notes)


def test_near_misses_are_read_as_before(tmp_path: Path) -> None:
    windows = tmp_path / "paths.tsv"   # a backslash in a first value, not in the header
    windows.write_text("path\tsize\nC:\\data\\a.csv\t10\n")
    result = read_source(windows, None, {}, {})
    assert result.table.to_pylist() == [{"path": "C:\\data\\a.csv", "size": 10}]
    header = tmp_path / "header.tsv"   # one name before a backslash, not before time
    header.write_text("a\\b\tc\nx\t1\n")
    result = read_source(header, None, {}, {})
    assert result.table.num_rows == 1
    assert not any(NOTE in n for n in result.schema_notes)
