"""AEMO meter data files (NEM12 interval data, NEM13 accumulation reads), on files written
here as a meter data provider writes them: one reading a row with its meter's fields,
interval start and end, value and quality (a 400 record's over its intervals); several
meters and interval lengths in one file; a record that breaks the format a reject naming
why; Excel's re-save (padding commas, CRLF, BOM) read alike; loaded into DuckDB and
Postgres; near misses (files whose first field is 100 but that are no meter data) read as
before."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from ingest_helpers import Place, pg_warehouse

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

HEADER = "100,NEM12,201401150900,MDPUSER,RETAILER"
METER = "200,VCCCX00009,E1,E1,E1,N1,METSER123,MWh,30,"
DAY = datetime.datetime(2014, 1, 1)
NOTE = "an AEMO NEM12 meter data file (created 2014-01-15 09:00 by MDPUSER for RETAILER)"


def day(date: str, values: list[float], tail: str = "A,,,20140101235959,") -> str:
    """A 300 record: the date, the values, then the quality method and what follows it."""
    return f"300,{date}," + ",".join(f"{v:.3f}" for v in values) + "," + tail


def half_hours(first: float) -> list[float]:
    return [first + i for i in range(48)]


def nem12(tmp_path: Path, *records: str, name: str = "meter.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(records) + "\n")
    return path


def notes_with(result: reading.ReadResult, text: str) -> list[str]:
    return [n for n in result.schema_notes if text in n]


def test_half_hourly_days_read_one_reading_a_row(tmp_path: Path) -> None:
    """The benchmark's kind: a 100 header, a 200 meter, 300 days of 48 values, a 900."""
    path = nem12(tmp_path, HEADER, METER, day("20140101", half_hours(100)),
                 day("20140102", half_hours(200), "E52,51,meter reset,20140103101500,"
                                                  "20140103111500"), "900")
    result = read_source(path, None, {}, {})
    rows = result.table.to_pylist()
    assert len(rows) == 96 and result.rejects == []
    assert rows[0] == {
        "nmi": "VCCCX00009", "nmi_configuration": "E1", "register_id": "E1",
        "nmi_suffix": "E1", "mdm_data_stream_identifier": "N1",
        "meter_serial_number": "METSER123", "uom": "MWh", "interval_length": 30,
        "interval_start": DAY, "interval_end": DAY + datetime.timedelta(minutes=30),
        "value": 100.0, "quality_method": "A", "reason_code": None, "reason_description": None,
        "update_datetime": datetime.datetime(2014, 1, 1, 23, 59, 59),
        "msats_load_datetime": None, "next_scheduled_read_date": None}
    assert [(r["interval_start"], r["value"]) for r in rows[47:49]] == [
        (DAY + datetime.timedelta(hours=23, minutes=30), 147.0),
        (DAY + datetime.timedelta(days=1), 200.0)]
    assert rows[95]["interval_end"] == DAY + datetime.timedelta(days=2)
    assert {(r["quality_method"], r["reason_code"], r["reason_description"],
             r["msats_load_datetime"]) for r in rows[48:]} == {
        ("E52", "51", "meter reset", datetime.datetime(2014, 1, 3, 11, 15))}
    assert [n.removeprefix(f"{path}: ") for n in result.schema_notes] == [
        (f"{NOTE}: read one interval reading a row: 96 reading(s) of 1 meter data stream(s) "
        "(VCCCX00009/E1, nmi/nmi_suffix) over 2 day record(s) (300) of 30-minute intervals "
        "in MWh: the 200 record's fields on each, interval_start and interval_end as written "
        "(NEM time, AEST, UTC+10 all year: kept without a time zone), value, quality_method, "
        "reason_code, reason_description the 300 record's or a 400 record's over its "
        "intervals")]


def test_several_meters_and_interval_lengths_in_one_file(tmp_path: Path) -> None:
    """A retailer's file: a 15-minute and a 5-minute meter, each with its 500 record."""
    path = nem12(tmp_path, HEADER,
                 "200,6123456789,E1B1,1,E1,N1,MS1,kWh,15,20140301",
                 day("20140101", [0.25] * 96), "500,O,S01,20140101120000,",
                 "200,6123456789,E1B1,2,B1,N2,MS1,kWh,5,",
                 day("20140101", [0.5] * 288), "500,O,S01,20140101120000,", "900")
    result = read_source(path, None, {}, {})
    table = result.table
    assert table.num_rows == 96 + 288 and result.rejects == []
    rows = table.to_pylist()
    assert {(r["nmi_suffix"], r["interval_length"], r["value"]) for r in rows} == {
        ("E1", 15, 0.25), ("B1", 5, 0.5)}
    assert rows[0]["next_scheduled_read_date"] == datetime.date(2014, 3, 1)
    assert rows[95]["interval_start"] == DAY + datetime.timedelta(hours=23, minutes=45)
    assert rows[96 + 287]["interval_end"] == DAY + datetime.timedelta(days=1)
    assert notes_with(result, "384 reading(s) of 2 meter data stream(s) (6123456789/E1, "
                              "6123456789/B1, nmi/nmi_suffix) over 2 day record(s) (300) of "
                              "15/5-minute intervals in kWh")
    assert notes_with(result, "2 500 record(s) (B2B details: transaction code, retailer "
                              "service order, read time, index read) not loaded")


def test_400_records_give_the_quality_of_their_intervals(tmp_path: Path) -> None:
    """A `V` day's 400s cover its intervals; a day of another quality may name a range."""
    path = nem12(tmp_path, HEADER, METER,
                 day("20140101", half_hours(0), "V,,,20140102000000,"),
                 "400,1,20,A,,", "400,21,48,S14,32,meter fault",
                 day("20140102", half_hours(0), "A,,,20140103000000,"),
                 "400,48,48,E52,51,", "900")
    result = read_source(path, None, {}, {})
    assert result.rejects == []
    rows = result.table.to_pylist()
    said = [(r["quality_method"], r["reason_code"], r["reason_description"]) for r in rows]
    assert said[:20] == [("A", None, None)] * 20
    assert said[20:48] == [("S14", "32", "meter fault")] * 28
    assert said[48:95] == [("A", None, None)] * 47 and said[95] == ("E52", "51", None)


@pytest.mark.parametrize(("events", "reason"), [
    (["400,1,20,A,,"], "quality V (variable) but no 400 record gives interval(s) 21-48"),
    ([], "quality V (variable) but no 400 record under it gives its intervals' quality"),
    (["400,1,30,A,,", "400,30,48,S14,,"], "interval 30 in the 400 records on lines 4 and 5"),
    (["400,1,49,A,,"], ("its 400 record on line 4 gives intervals '1' to '49', not a range of "
                       "its 48")),
    (["400,1,48,X,,"], "its 400 record on line 4's quality 'X' is no quality method"),
])
def test_a_variable_day_its_400s_do_not_describe_is_rejected_with_them(
        tmp_path: Path, events: list[str], reason: str) -> None:
    path = nem12(tmp_path, HEADER, METER, day("20140101", half_hours(0), "V,,,,"), *events,
                 day("20140102", half_hours(1)), "900")
    result = read_source(path, None, {}, {})
    assert result.table.column("value").to_pylist() == half_hours(1)
    assert [r.record_no for r in result.rejects] == ["3", *(str(4 + i)
                                                           for i in range(len(events)))]
    assert result.rejects[0].reason.startswith(reason)
    assert result.rejects[0].raw.startswith("300,20140101,0.000,1.000")
    assert all(r.reason.startswith("a 400 record of the 300 record on line 3, which is "
                                   "rejected: " + reason) for r in result.rejects[1:])


def test_records_that_break_the_format_are_rejects_naming_why(tmp_path: Path) -> None:
    path = nem12(tmp_path, HEADER,
                 "200,VCCCX00009,E1,E1,E2,N1,METSER123,MWh,7,",         # 2: 7 minutes
                 day("20140101", half_hours(0)),                        # 3: under it
                 METER,
                 day("20140101", half_hours(0)[:47]),                   # 5: 47 values
                 "300,20140102," + ",".join(["1"] * 9 + ["x"] + ["1"] * 38) + ",A",  # 6
                 day("20140132", half_hours(0)),                        # 7: a date
                 day("20140103", half_hours(0), "A,,,2014010312,"),      # 8: an update time
                 "400,1,48,A,,",                                        # 9: under a reject
                 METER, "400,1,48,A,,",                                 # 11: under no 300
                 "250,VCCCX00009,E1,1,E1,N1,M,I,1,,A,,,2,,A,,,1,kWh",  # 12: NEM13's
                 "600,what",                                            # 13: no kind
                 "100,NEM12,201401160900,MDPUSER,RETAILER",             # 14: a second header
                 day("20140104", half_hours(5)),                        # 15: read
                 "900", day("20140105", half_hours(0)))                 # 17: after the end
    result = read_source(path, None, {}, {})
    assert result.table.column("value").to_pylist() == half_hours(5)
    assert [(r.record_no, r.reason) for r in result.rejects] == [
        ("2", "interval length '7' is no number of minutes a day divides into (5, 15 or 30)"),
        ("3", "a 300 record under the 200 record on line 2, which is rejected"),
        ("5", ("47 interval values where the 200 record on line 4 (30-minute intervals) "
              "gives 48")),
        ("6", "interval 10's value 'x' is no number"),
        ("7", "interval date '20140132' is no date (YYYYMMDD)"),
        ("8", "update time '2014010312' is not YYYYMMDDHHMMSS"),
        ("9", "a 400 record of the 300 record on line 8, which is rejected"),
        ("11", "a 400 record with no 300 record above it"),
        ("12", ("a 250 record (NEM13's accumulation meter read) in a file whose 100 header "
               "says NEM12")),
        ("13", "a record '600': NEM12's are 100, 200, 300, 400, 500 and 900"),
        ("14", ("a second 100 header before the 900 end record: a meter data file holds one "
               "(load files joined together as sources of their own)")),
        ("17", ("a record after the 900 end record on line 16: a meter data file ends there "
               "(load files joined together as sources of their own)"))]
    assert result.rejects[0].file == str(path)


def test_a_file_without_its_900_is_noted_as_maybe_cut_short(tmp_path: Path) -> None:
    path = nem12(tmp_path, HEADER, METER, day("20140101", half_hours(0)),
                 "300,20140102,1.000,2.0")
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 48
    assert [r.record_no for r in result.rejects] == ["4"]
    assert notes_with(result, "no 900 end record: the file may be cut short (its last "
                              "record, line 4, read); ask its sender for the whole file")


def test_a_file_saved_again_by_excel_reads_alike(tmp_path: Path) -> None:
    """Excel pads each line of a ragged CSV to the widest with commas, and writes CRLF
    (with `CSV UTF-8`, a BOM)."""
    records = [HEADER, METER, day("20140101", half_hours(0)), "900"]
    width = max(r.count(",") for r in records)
    path = tmp_path / "meter.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "".join(
        r + "," * (width - r.count(",")) + "\r\n" for r in records).encode()
        + b"," * width + b"\r\n")
    result = read_source(path, None, {}, {})
    assert result.rejects == []
    assert result.table.column("value").to_pylist() == half_hours(0)
    assert notes_with(result, NOTE)


def test_nem13_accumulation_reads_one_a_row(tmp_path: Path) -> None:
    path = nem12(tmp_path, "100,NEM13,201401150900,MDPUSER,RETAILER",
                 "250,1234567890,11,1,11,11,METSER66,E,000021.2,20031001103230,A,,,"
                 "000534.5,20040201100030,E64,77,,343.5,kWh,20040509,20040202125010,"
                 "20040203000130",
                 "550,N,,A,", "250,1234567890,11,1,11,11,METSER66,E,000534.5,20040201100030,"
                 "E64,77,,000600.0,20040501100000,A,,,x,kWh", "900")
    result = read_source(path, None, {}, {})
    rows = result.table.to_pylist()
    assert rows == [{
        "nmi": "1234567890", "nmi_configuration": "11", "register_id": "1",
        "nmi_suffix": "11", "mdm_data_stream_identifier": "11",
        "meter_serial_number": "METSER66", "direction_indicator": "E",
        "previous_register_read": "000021.2",
        "previous_register_read_datetime": datetime.datetime(2003, 10, 1, 10, 32, 30),
        "previous_quality_method": "A", "previous_reason_code": None,
        "previous_reason_description": None, "current_register_read": "000534.5",
        "current_register_read_datetime": datetime.datetime(2004, 2, 1, 10, 0, 30),
        "current_quality_method": "E64", "current_reason_code": "77",
        "current_reason_description": None, "quantity": 343.5, "uom": "kWh",
        "next_scheduled_read_date": datetime.date(2004, 5, 9),
        "update_datetime": datetime.datetime(2004, 2, 2, 12, 50, 10),
        "msats_load_datetime": datetime.datetime(2004, 2, 3, 0, 1, 30)}]
    assert [(r.record_no, r.reason) for r in result.rejects] == [
        ("4", "quantity 'x' is no number")]
    assert notes_with(result, "an AEMO NEM13 meter data file (created 2014-01-15 09:00 by "
                              "MDPUSER for RETAILER): read one accumulation meter read (250 "
                              "record) a row: 1 read(s), quantity in kWh")
    assert notes_with(result, "1 550 record(s) (B2B details")


def test_options_delimiter_reads_the_file_as_a_csv(tmp_path: Path) -> None:
    path = nem12(tmp_path, HEADER, METER, day("20140101", half_hours(0)), "900")
    result = read_source(path, None, {"delimiter": ",", "header": False}, {})
    assert not notes_with(result, "AEMO")
    assert result.table.num_rows < 48


def test_near_misses_are_read_as_before(tmp_path: Path) -> None:
    """Files whose first field is `100` (or whose values name NEM12) but that are no
    meter data: a headerless table of codes, a table of files and their formats."""
    codes = tmp_path / "codes.csv"   # first field 100, but no NEM12 header
    codes.write_text("100,200,300\n200,400,600\n300,600,900\n")
    result = read_source(codes, None, {}, {})
    assert result.table.num_rows == 3 and not notes_with(result, "AEMO")
    listed = tmp_path / "files.csv"   # 100,NEM12 in the first line, but a 101 after it
    listed.write_text("100,NEM12,201401150900\n101,NEM13,201401160900\n")
    result = read_source(listed, None, {}, {})
    assert result.table.num_rows == 2 and not notes_with(result, "AEMO")
    named = tmp_path / "formats.csv"
    named.write_text("id,format,sent\n100,NEM12,201401150900\n200,NEM13,201401160900\n")
    result = read_source(named, None, {}, {})
    assert result.table.column("format").to_pylist() == ["NEM12", "NEM13"]
    assert not notes_with(result, "AEMO")


def test_a_glob_of_meter_files_reads_each(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for n in (1, 2):
        nem12(tmp_path / "in", HEADER, METER, day(f"2014010{n}", half_hours(n)), "900",
              name=f"nem12_{n}.csv")
    result = read_source(tmp_path / "in" / "*.csv", None, {}, {})
    assert result.table.num_rows == 96 and result.rejects == []
    assert result.table.column("value").to_pylist()[::48] == [1.0, 2.0]


def test_a_meter_file_loads_into_duckdb_and_refuses_to_append_what_grew(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    (tmp_path / "landing").mkdir()
    path = nem12(tmp_path / "landing", HEADER, METER, day("20140101", half_hours(0)),
                 day("20140102", [1.5] * 48, "S14,32,,,"), "900")
    place = Place(adapter, "main", "main")
    loading = place.job(tmp_path, "demand", "append", path="landing/meter.csv")
    assert load(adapter, loading, reading).rows == 96
    assert place.rows("demand", "count(*), sum(value), min(interval_start), "
                                "max(interval_end), count(distinct quality_method)") == [
        (96, sum(half_hours(0)) + 72.0, DAY, DAY + datetime.timedelta(days=2), 2)]
    with path.open("a") as handle:   # a provider never appends past its 900
        handle.write(day("20140103", half_hours(0)) + "\n")
    with pytest.raises(IngestError, match="rows are not appended to a file of this format"):
        load(adapter, loading, reading)


def test_a_meter_file_loads_into_postgres(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    nem12(tmp_path / "landing", HEADER, METER, day("20140101", half_hours(0), "V,,,,"),
          "400,1,24,A,,", "400,25,48,E52,51,", "900")
    with pg_warehouse("nem12") as (adapter, schema):
        place = Place(adapter, schema, f"{schema}_shop")
        loading = place.job(tmp_path, "demand", "replace", path="landing/meter.csv")
        assert load(adapter, loading, reading).rows == 48
        assert place.fetch(f"select quality_method, reason_code, count(*), "
                           f"min(interval_start), max(value) from {schema}_shop.demand "
                           f"group by 1, 2 order by 1") == [
            ("A", None, 24, DAY, 23.0),
            ("E52", "51", 24, DAY + datetime.timedelta(hours=12), 47.0)]


def test_a_description_in_windows_1252_is_read_and_a_wrong_encoding_refused(
        tmp_path: Path) -> None:
    """MDFF is ASCII, but a reason description typed on Windows may not be."""
    path = tmp_path / "meter.csv"
    path.write_bytes("\n".join([HEADER, METER, day("20140101", half_hours(0),
                                                   "S14,32,compteur bloqué,,"), "900"]
                               ).encode("cp1252") + b"\n")
    result = read_source(path, None, {}, {})
    assert set(result.table.column("reason_description").to_pylist()) == {"compteur bloqué"}
    with pytest.raises(IngestError, match=r"line 3 is not in the encoding given") as raised:
        read_source(path, None, {"encoding": "utf-8"}, {})
    assert str(path) in str(raised.value) and "encoding:" in str(raised.value)
