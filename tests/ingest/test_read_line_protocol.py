"""InfluxDB line protocol, on files written here as Telegraf's `file` output and `influx
write` input write them: a column for the measurement, each tag and each field (typed as
spelled, the `i` dropped), `time` from the nanoseconds (or a shorter unit, noted); a line
that is no point a reject; type clashes refused; near misses (a space-separated CSV, a
`key=value` log) read as before."""

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

NOTE = "InfluxDB line protocol (Telegraf, influx write)"
START = datetime.datetime(2024, 1, 1, 8)
NANOS = 1704096000 * 10 ** 9   # START in nanoseconds since 1970


def test_telegraf_points_read_as_columns(tmp_path: Path) -> None:
    path = tmp_path / "metrics.txt"
    path.write_text(
        f"cpu,host=web\\ 1,region=eu usage=12.5,cores=4i,up=t,model=\"Xeon \\\"E5\\\", v2\" {NANOS}\n"
        f"cpu,host=db usage=3,cores=8i,up=false {NANOS + 60 * 10 ** 9 + 1500}\n")
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"measurement": "cpu", "host": "web 1", "region": "eu", "usage": 12.5, "cores": 4,
         "up": True, "model": 'Xeon "E5", v2', "time": START},
        {"measurement": "cpu", "host": "db", "region": None, "usage": 3.0, "cores": 8,
         "up": False, "model": None,
         "time": START + datetime.timedelta(minutes=1, microseconds=1)}]
    assert str(result.table.schema.field("cores").type) == "int64"
    assert result.rejects == []
    assert any(n.startswith(f"{path}: {NOTE}: 2 point(s) of measurement(s) cpu") and
               n.endswith("timestamps in nanoseconds since 1970 as timestamps in UTC, cut to "
                          "the microsecond") for n in result.schema_notes)


def test_timestamps_in_seconds_read_as_seconds_noted(tmp_path: Path) -> None:
    path = tmp_path / "seconds.lp.txt"
    path.write_text("# written with influx write --precision s\n"
                    "mem used=1i 1704096000\nmem used=2i 1704096060\nmem used=3i\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("time").to_pylist() == [
        START, START + datetime.timedelta(minutes=1), None]
    assert any("timestamps in seconds since 1970" in n and "InfluxDB's default is "
               "nanoseconds" in n for n in result.schema_notes)
    assert any("1 point(s) without a timestamp" in n for n in result.schema_notes)


def test_integer_and_float_field_read_as_double_noted(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text(f"m v=1i {NANOS}\nm v=2.5 {NANOS}\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("v").to_pylist() == [1.0, 2.5]
    assert any("field 'v' is an integer on line 1 and a float on line 2: read as double" in n
               for n in result.schema_notes)


def test_a_line_that_is_no_point_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_text(f"m v=1i {NANOS}\nm v=\nm v=3i {NANOS}\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("v").to_pylist() == [1, 3]
    assert [(r.record_no, r.raw) for r in result.rejects] == [("2", "m v=")]
    assert result.rejects[0].reason.startswith("not a point of InfluxDB line protocol")


@pytest.mark.parametrize(("text", "message"), [
    (f"m v=1i {NANOS}\nm v=\"x\" {NANOS}\n",
     r"field 'v' of InfluxDB line protocol is integer on line 1, string on line 2"),
    (f"m,v=a v=1 {NANOS}\n", r"key\(s\) v name both a tag and a field"),
    (f"m v=1 {NANOS}\nm v=2 1704096000\n", r"mix nanoseconds .* and shorter ones"),
    ("m v=1 5\nm v=2 6\n", r"are no nanoseconds .* and fit no other unit"),
])
def test_what_cannot_be_told_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "refused.txt"
    path.write_text(text)
    with pytest.raises(IngestError, match=message) as raised:
        read_source(path, None, {}, {})
    assert str(path) in str(raised.value)


def test_options_delimiter_reads_the_file_as_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "told.txt"
    path.write_text(f"m,t=a v=1 {NANOS}\nm,t=b v=2 {NANOS}\n")
    result = read_source(path, None, {"delimiter": ",", "header": False}, {})
    assert not any(NOTE in n for n in result.schema_notes)


def test_near_misses_are_read_as_before(tmp_path: Path) -> None:
    spaced = tmp_path / "spaced.txt"   # a CSV whose values hold spaces and `=`
    spaced.write_text("id,rule\n1,x = 2\n2,y=3 z\n")
    result = read_source(spaced, None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "rule": "x = 2"}, {"id": 2, "rule": "y=3 z"}]
    assert not any(NOTE in n for n in result.schema_notes)
    logfmt = tmp_path / "app.txt"   # logfmt: its first key=value is no measurement
    logfmt.write_text("level=info count=3 1704096000\nlevel=warn count=4 1704096001\n")
    result = read_source(logfmt, None, {}, {})
    assert not any(NOTE in n for n in result.schema_notes)


def test_telegraf_file_that_grew_appends_its_new_points(tmp_path: Path,
                                                         adapter: DuckDBAdapter) -> None:
    """Telegraf appends to its file: under `append` only the new points load, read as
    points (not as CSV lines under the first point taken for a header)."""
    path = tmp_path / "metrics.txt"
    path.write_text(f"leaf,co2level=high sample=1i,temp=1.5 {NANOS}\n"
                    f"leaf,co2level=low sample=2i,temp=1.25 {NANOS + 10 ** 9}\n")
    spec = {"mode": "append", "primary_key": [], "cursor": None, "path": "metrics.txt",
            "dsn": None, "format": None, "source_table": None, "options": {},
            "on_bad_row": "reject", "columns": {}}
    loading = LoadJob("lab", "leaf", Relation("leaf", "lab"), "main", tmp_path, spec)
    assert load(adapter, loading, reading).rows == 2
    with path.open("a") as handle:
        handle.write(f"leaf,co2level=medium sample=3i,temp=0.5 {NANOS + 2 * 10 ** 9}\n")
    assert load(adapter, loading, reading).rows == 1
    assert adapter.fetch("select measurement, co2level, sample, temp, time from lab.leaf "
                         "order by sample")[1] == [
        ("leaf", "high", 1, 1.5, START), ("leaf", "low", 2, 1.25, START + datetime.timedelta(
            seconds=1)), ("leaf", "medium", 3, 0.5, START + datetime.timedelta(seconds=2))]


def test_influx_inspect_export_without_its_ddl_lines(tmp_path: Path) -> None:
    """`influx_inspect export` (without -lponly) writes DDL and context lines above the
    points: they are no rows; points of two databases are refused."""
    head = "# INFLUXDB EXPORT: 1677-09-21T00:12:43Z - 2262-04-11T23:47:16Z\n# DDL\n" \
        "CREATE DATABASE lab WITH NAME autogen\n# DML\n# CONTEXT-DATABASE:lab\n" \
        "# CONTEXT-RETENTION-POLICY:autogen\n# writing tsm data\n"
    path = tmp_path / "export.txt"
    path.write_text(head + f"leaf,co2level=high temp=1.5 {NANOS}\n")
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"measurement": "leaf", "co2level": "high", "temp": 1.5, "time": START}]
    assert result.rejects == []
    assert any("1 line(s) `CREATE DATABASE ...` of influx_inspect export not loaded" in n
               for n in result.schema_notes)
    both = tmp_path / "both.txt"
    both.write_text(head + f"leaf temp=1.5 {NANOS}\n# CONTEXT-DATABASE:field\n"
                           f"leaf temp=2.5 {NANOS}\n")
    with pytest.raises(IngestError, match=r"the points of 2 databases \(field, lab\)"):
        read_source(both, None, {}, {})
