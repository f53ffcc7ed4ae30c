"""InfluxDB's annotated CSV (a Flux query's answer), on files written here as Influx writes
them (CRLF, the empty annotation column): annotations and their column left out, types from
`#datatype`, `#default` filled in, tables of other columns joined by name, noted; Flux's
error answer, a time not in UTC and an answer that grew under `append` refused; near
misses (a CSV whose first cell is `#group` or a `#` comment) read as before."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load
from datanet_sql.ingest.reading import read_source

NOTE = "InfluxDB's annotated CSV (a Flux query's answer)"


def _write(path: Path, lines: list[str]) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


def test_annotated_csv_read_without_its_annotations(tmp_path: Path) -> None:
    path = _write(tmp_path / "query.csv", [
        "#group,false,false,true,true,false,false,true,true,true",
        ("#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339Nano,double,"
        "string,string,string"),
        "#default,_result,,,,,,,,",
        ",result,table,_start,_stop,_time,_value,_field,_measurement,sensor",
        (",,0,2024-01-01T00:00:00Z,2024-01-02T00:00:00Z,2024-01-01T08:00:00.123456789Z,21.5,"
        "temp,air,007"),
        ",,1,2024-01-01T00:00:00Z,2024-01-02T00:00:00Z,2024-01-01T09:00:00Z,,temp,air,010",
    ])
    result = read_source(path, None, {}, {})
    table = result.table
    assert table.column_names == ["result", "table", "start", "stop", "time", "value",
                                  "field", "measurement", "sensor"]
    assert table.column("result").to_pylist() == ["_result", "_result"]   # #default
    assert table.column("table").to_pylist() == [0, 1]
    assert table.column("time").to_pylist() == [
        datetime.datetime(2024, 1, 1, 8, 0, 0, 123456), datetime.datetime(2024, 1, 1, 9)]
    assert table.column("value").to_pylist() == [21.5, None]
    assert str(table.schema.field("table").type) == "int64"
    assert table.column("sensor").to_pylist() == ["007", "010"]   # #datatype string
    assert result.rejects == []
    assert any(n.startswith(f"{path}: {NOTE}: 3 annotation line(s) (#datatype, #group, "
                            f"#default) not loaded") and n.endswith(
        "#default's value in result; times past the microsecond (nanoseconds) cut to it in "
        "_time") for n in result.schema_notes)


def test_tables_of_other_columns_are_joined_by_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "two.csv", [
        "#datatype,string,long,dateTime:RFC3339,long,string",
        "#group,false,false,false,false,true",
        "#default,_result,,,,",
        ",result,table,_time,_value,host",
        ",,0,2024-01-01T00:00:00Z,3,a",
        "",
        "#datatype,string,long,dateTime:RFC3339,double,string,boolean",
        "#group,false,false,false,false,true,false",
        "#default,_result,,,,,",
        ",result,table,_time,_value,region,ok",
        ",,1,2024-01-01T00:00:00Z,2.5,eu,true",
    ])
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"result": "_result", "table": 0, "time": datetime.datetime(2024, 1, 1), "value": 3.0,
         "host": "a", "region": None, "ok": None},
        {"result": "_result", "table": 1, "time": datetime.datetime(2024, 1, 1), "value": 2.5,
         "host": None, "region": "eu", "ok": True}]
    assert any("2 tables of other columns joined by column name" in n
               for n in result.schema_notes)
    assert any("column '_value' of InfluxDB's annotated CSV is typed double, long in "
               "different tables: read as double" in n for n in result.schema_notes)


def test_a_value_that_does_not_fit_its_datatype_is_a_reject(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.csv", [
        "#datatype,string,long,long", ",result,table,count", ",_result,0,4", ",_result,0,many"])
    result = read_source(path, None, {}, {})
    assert result.table.column("count").to_pylist() == [4]
    assert [(r.record_no, r.reason) for r in result.rejects] == [
        ("2", "count: 'many' is not a bigint")]


def test_the_error_answer_of_a_failed_query_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "failed.csv", [
        "#datatype,string,string", "#group,true,true", "#default,,", ",error,reference",
        ",failed to create physical plan: bounds contain zero time,897"])
    with pytest.raises(IngestError, match="holds the error of a failed Flux query, no data: "
                                          "'failed to create physical plan") as raised:
        read_source(path, None, {}, {})
    assert str(path) in str(raised.value)


def test_a_time_not_in_utc_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "zoned.csv", [
        "#datatype,string,long,dateTime:RFC3339", ",result,table,_time",
        ",_result,0,2024-01-01T00:00:00+02:00"])
    with pytest.raises(IngestError, match=r"line 3: '_time' is '2024-01-01T00:00:00\+02:00', "
                                          r"a time not in UTC"):
        read_source(path, None, {}, {})


def test_options_header_reads_the_file_as_told(tmp_path: Path) -> None:
    path = _write(tmp_path / "told.csv", ["#datatype,string,long", ",result,table", ",a,1"])
    result = read_source(path, None, {"skip": 1, "header": True}, {})
    assert not any(NOTE in n for n in result.schema_notes)
    assert result.table.num_rows == 1


def test_near_misses_are_read_as_before(tmp_path: Path) -> None:
    grouped = tmp_path / "grouped.csv"   # an ordinary header whose first cell is `#group`
    grouped.write_text("#group,count\nA,3\nB,4\n")
    result = read_source(grouped, None, {}, {})
    assert result.table.column("count").to_pylist() == [3, 4]
    assert not any(NOTE in n for n in result.schema_notes)
    commented = tmp_path / "commented.csv"   # a comment line, then a header with no empty cell
    commented.write_text("#datatype,string,long\nname,n\nann,1\n")
    result = read_source(commented, None, {}, {})
    assert not any(NOTE in n for n in result.schema_notes)
    extended = tmp_path / "extended.csv"   # `influx write`'s extended annotated CSV
    extended.write_text("#datatype measurement,tag,double,dateTime:RFC3339\n"
                        "m,host,used_percent,time\nmem,host1,64.23,2020-06-11T16:34:41Z\n")
    result = read_source(extended, None, {}, {})
    assert not any(NOTE in n for n in result.schema_notes)


def test_an_answer_that_grew_is_refused_under_append(tmp_path: Path,
                                                      adapter: DuckDBAdapter) -> None:
    """A Flux answer is written whole: lines appended to it are no rows of its table, so
    `append` refuses it by name (its new lines read under the first line as a header would
    be wrong) and nothing is loaded."""
    lines = ["#datatype,string,long,double", "#default,_result,,", ",result,table,_value",
             ",,0,1.5"]
    path = _write(tmp_path / "answer.csv", lines)
    spec = {"mode": "append", "primary_key": [], "cursor": None, "path": "answer.csv",
            "dsn": None, "format": None, "source_table": None, "options": {},
            "on_bad_row": "reject", "columns": {}}
    loading = LoadJob("flux", "answer", Relation("answer", "flux"), "main", tmp_path, spec)
    assert load(adapter, loading, reading).rows == 1
    _write(path, [*lines, ",,0,2.5"])
    with pytest.raises(IngestError, match="rows are not appended to a file of this format"):
        load(adapter, loading, reading)
    assert adapter.fetch("select result, value from flux.answer")[1] == [("_result", 1.5)]
