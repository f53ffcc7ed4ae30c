"""CSV values written for a person or for Excel rather than for a reader, on real files
written here: a units line under the header, Excel's `="0001"` text formula, and a number
column with a few values that are no number (kept as text, named in a note)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ingest_helpers import load_folder

from datanet_sql.ingest.reading import read_source


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("units, named", [
    (",,kg,kg", "before: kg, after: kg"),
    (",[-],[mm],[°C]", "site: [-], before: [mm], after: [°C]"),
])
def test_a_units_line_under_the_header_is_left_out_and_named(tmp_path, units, named):
    path = write(tmp_path / "weights.csv", ["id,site,before,after", units,
                                           "1,3,80.5,81", "2,4,79.0,77.25", "3,5,90,88.5"])
    result = read_source(path, None, {}, {})
    assert result.rejects == []
    assert result.table.column_names == ["id", "site", "before", "after"]
    assert result.table.column("before").to_pylist() == [80.5, 79.0, 90.0]
    assert str(result.table.schema.field("after").type) == "double"
    assert result.table.column("id").to_pylist() == [1, 2, 3]
    assert any(f"units, not values: left out ({named})" in n for n in result.schema_notes)


def test_a_first_row_of_words_over_text_is_data(tmp_path):
    path = write(tmp_path / "people.csv", ["name,city,age", "Bob,Oslo,", "Ann,Bergen,41"])
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"name": "Bob", "city": "Oslo", "age": None},
                                        {"name": "Ann", "city": "Bergen", "age": 41}]
    assert not any("units" in n for n in result.schema_notes)


def test_a_unit_over_a_column_with_other_words_is_a_value_named_in_a_note(tmp_path):
    rows = [f"{i},{i * 1.5},ok" for i in range(1, 60)]
    path = write(tmp_path / "log.csv", ["id,load,state", ",kg,idle", *rows])  # state: text
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 60
    assert result.table.column("load").to_pylist()[:2] == ["kg", "1.5"]
    assert any("column load: 1 of 60 values are not numbers ('kg')" in n
               for n in result.schema_notes)


def test_loading_a_file_with_a_units_line(tmp_path):
    (tmp_path / "landing").mkdir()
    write(tmp_path / "landing" / "a.csv", ["store,units", "[-],[pcs]", "1,10", "2,20"])
    adapter = load_folder(tmp_path)
    try:
        assert adapter.fetch("select count(*), sum(units), typeof(any_value(units)) "
                             "from shop.sales")[1] == [(2, 30, "BIGINT")]
    finally:
        adapter.close()


def test_excel_text_formulas_are_unwrapped_when_the_whole_column_is(tmp_path):
    path = write(tmp_path / "codes.csv", ['code,other,n', '="0001",="A",1', '"=""0042""",x,2',
                                          ',="7",3'])
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"code": "0001", "other": '="A"', "n": 1},
                                        {"code": "0042", "other": "x", "n": 2},
                                        {"code": None, "other": '="7"', "n": 3}]
    assert str(result.table.schema.field("code").type) == "string"
    assert any("column code: every value written as Excel's text formula" in n
               for n in result.schema_notes)
    assert not any("column other" in n for n in result.schema_notes)


def test_a_number_column_with_a_few_words_stays_text_and_is_named(tmp_path):
    rows = [f"{i},{i * 2}.5,{i}" for i in range(1, 200)]
    rows[10], rows[50], rows[90] = "11,?,11", "51,see note,51", "91,?,91"
    path = write(tmp_path / "readings.csv", ["id,value,n", *rows])
    result = read_source(path, None, {}, {})
    values = result.table.column("value").to_pylist()
    assert (values[0], values[10], values[50]) == ("2.5", "?", "see note")
    assert [n.split(": ", 1)[1] for n in result.schema_notes if "column value" in n] == [
        ("column value: 3 of 199 values are not numbers ('?', 'see note'): kept as text; "
         "declare it (columns: {value: double}) to read numbers, those rows becoming rejects")]
    declared = read_source(path, None, {}, {"value": "double"})
    assert declared.table.num_rows == 196
    assert sorted(r.record_no for r in declared.rejects) == ["11", "51", "91"]


def test_missing_words_and_a_few_others_in_a_number_column_are_named(tmp_path):
    rows = [f"{i},{'NA' if i % 7 == 0 else i}" for i in range(1, 100)] + ["100,n.d."]
    path = write(tmp_path / "r.csv", ["id,score", *rows])
    result = read_source(path, None, {}, {})
    assert result.table.column("score").to_pylist()[-1] == "n.d."
    assert any("column score: 1 of 86 values are not numbers ('n.d.')" in n
               for n in result.schema_notes)


def test_a_text_column_with_some_numbers_has_no_note(tmp_path):
    rows = [f"{i},{i if i % 3 else 'none'}" for i in range(1, 100)]
    result = read_source(write(tmp_path / "t.csv", ["id,code", *rows]), None, {}, {})
    assert not any("not numbers" in n for n in result.schema_notes)


def test_a_missing_word_among_text_formulas_leaves_them_as_written(tmp_path):
    path = write(tmp_path / "codes.csv", ['code,n', '="0001",1', 'NA,2', '="0003",3'])
    result = read_source(path, None, {}, {})
    assert result.table.column("code").to_pylist() == ['="0001"', "NA", '="0003"']


def logger_file(path: Path, rows: int = 30) -> Path:
    """A data logger's table file (Campbell Scientific's TOA5 layout): a metadata line wider
    than the table, the names, a units line, a line saying how each value was taken."""
    lines = ['"TOA5","Mast3","CR300","777","CR300.Std.10","CPU:wind.CR300","1234","Hourly"',
             '"TIMESTAMP","RECORD","Temp_Avg","WS_ms"', '"TS","RN","Deg C","meters/second"',
             '"","","Avg","Smp"']
    lines += [f'"2025-06-{1 + i // 24:02} {i % 24:02}:00:00",{i},{12 + i / 4},{i % 7}'
              for i in range(rows)]
    return write(path, lines)


def test_a_logger_file_s_metadata_units_and_processing_lines_are_left_out(tmp_path):
    result = read_source(logger_file(tmp_path / "mast.dat"), "csv", {}, {})
    assert result.rejects == []
    assert result.table.column_names == ["timestamp", "record", "temp_avg", "ws_ms"]
    assert [str(t) for t in result.table.schema.types] == [
        "timestamp[us]", "int64", "double", "int64"]
    assert result.table.num_rows == 30
    assert result.table.to_pylist()[25] == {"timestamp": dt.datetime(2025, 6, 2, 1),
                                            "record": 25, "temp_avg": 18.25, "ws_ms": 4}
    notes = [n.split(": ", 1)[1] for n in result.schema_notes]
    assert notes[:3] == [
        "encoding utf-8, delimiter ',', header on line 2",
        ("line 1, above the header on line 2, of another field count than the table's 4 (a "
         "title or a logger's metadata line): left out ('\"TOA5\",\"Mast3\",\"CR300\",\"777\","
         "\"CR300.Std.10\",\"CPU:wind.CR3...')"),
        ("lines 1-2 under the header give units and other descriptions, not values: left out "
         "(timestamp: TS, record: RN, temp_avg: Deg C / Avg, ws_ms: meters/second / Smp)")]


def test_loading_a_logger_file(tmp_path):
    (tmp_path / "landing").mkdir()
    logger_file(tmp_path / "landing" / "mast.csv")
    adapter = load_folder(tmp_path)
    try:
        assert adapter.fetch("select count(*), min(timestamp), max(record), "
                             "typeof(any_value(temp_avg)) from shop.sales")[1] == \
            [(30, dt.datetime(2025, 6, 1), 29, "DOUBLE")]
    finally:
        adapter.close()


def test_a_first_line_that_is_the_header_of_ragged_rows_stays_the_header(tmp_path):
    path = write(tmp_path / "r.csv", ["id,name,qty", "1,Oslo,5,x", "2,Bergen,6,y",
                                      "3,Bodø,7,z", "4,Tromsø,8"])
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["id", "name", "qty"]
    assert result.table.to_pylist() == [{"id": 4, "name": "Tromsø", "qty": 8}]
    assert len(result.rejects) == 3
    assert not any("above the header" in n for n in result.schema_notes)


def test_a_title_line_over_a_table_of_words_only_is_not_guessed(tmp_path):
    path = write(tmp_path / "w.csv", ["Staff list,2025,final", "name,city",
                                      "Ann,Oslo", "Bob,Bergen", "Cy,Bodø"])
    result = read_source(path, None, {}, {})
    assert not any("above the header" in n for n in result.schema_notes)


def test_only_lines_of_words_over_number_columns_are_left_out(tmp_path):
    rows = [f"{i},{i * 1.5},ok" for i in range(1, 40)]
    path = write(tmp_path / "log.csv", ["id,load,state", ",kg,", ",,idle", *rows])
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 40
    assert result.table.to_pylist()[0] == {"id": None, "load": None, "state": "idle"}
    assert str(result.table.schema.field("load").type) == "double"
    assert any("line 1 under the header gives units, not values: left out (load: kg)" in n
               for n in result.schema_notes)


def test_a_units_word_over_dates_not_cast_as_iso_keeps_the_lines(tmp_path):
    rows = [f"{d:02}/03/2025,{d}" for d in range(1, 30)]
    path = write(tmp_path / "d.csv", ["day,count", "date,n", *rows])
    result = read_source(path, None, {}, {})
    assert result.table.column("day").to_pylist()[:2] == ["date", "01/03/2025"]
    assert not any("under the header" in n for n in result.schema_notes)
