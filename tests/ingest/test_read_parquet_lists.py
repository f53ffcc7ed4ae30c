"""A Parquet list column (Spark's `collect_list`: `list<double>` a row per group) is never
dropped without a word: its values are a child table linked to their row, noted naming the
column and `nested: keep`, which keeps it as a list (a list inside a struct too); a struct
(flattened) and a map (kept) are no lists and get no such note, nor does a JSON array,
whose child table is nested JSON's documented shape."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from test_load_modes import job, rows

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

NOTE = ("column readings: a list in each row (list<double> in the file): its values are the "
        "child table readings (loaded as <table>__readings), a row per element with its "
        "_index, linked to its row by the parent key or _record_no; set nested: keep to keep "
        "the list as a column")


def spark_groups(path: Path) -> Path:
    """A `groupBy(county).agg(collect_list(reading))` written by Spark: an empty list for a
    group with no readings kept, a NULL list for one whose readings were all NULL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({
        "county": pa.array([1, 2, 3, 4], pa.int32()),
        "county_name": ["AITKIN", "ANOKA", "BECKER", "BELTRAMI"],
        "readings": pa.array([[2.2, 2.2, 2.9], [2.8], [], None], pa.list_(pa.float64())),
    }), path)
    return path


def test_a_list_column_is_a_child_table_noted(tmp_path: Path) -> None:
    result = read_source(spark_groups(tmp_path / "radon.parquet"), "parquet", {}, {})
    assert result.table.column_names == ["county", "county_name", "_record_no"]
    assert result.table.column("county_name").to_pylist() == ["AITKIN", "ANOKA", "BECKER",
                                                              "BELTRAMI"]
    assert result.children["readings"].to_pylist() == [
        {"_record_no": 1, "_index": 1, "value": 2.2}, {"_record_no": 1, "_index": 2, "value": 2.2},
        {"_record_no": 1, "_index": 3, "value": 2.9}, {"_record_no": 2, "_index": 1, "value": 2.8}]
    assert result.schema_notes == [NOTE]


def test_nested_keep_keeps_the_list_without_a_note(tmp_path: Path) -> None:
    result = read_source(spark_groups(tmp_path / "radon.parquet"), "parquet",
                         {"nested": "keep"}, {})
    assert result.table.column("readings").to_pylist() == [[2.2, 2.2, 2.9], [2.8], [], None]
    assert (result.children, result.schema_notes) == ({}, [])


def test_a_struct_and_a_map_are_no_lists(tmp_path: Path) -> None:
    """Near misses: a struct is flattened to its fields, a map kept as it is; neither is a
    child table, and neither gets the list's note."""
    path = tmp_path / "places.parquet"
    pq.write_table(pa.table({
        "id": [1, 2],
        "at": pa.array([{"x": 1.5, "y": 2.5}, None], pa.struct([("x", pa.float64()),
                                                                ("y", pa.float64())])),
        "votes": pa.array([[("a", 3)], []], pa.map_(pa.string(), pa.int64())),
    }), path)
    result = read_source(path, "parquet", {}, {})
    assert result.table.to_pylist() == [{"id": 1, "at__x": 1.5, "at__y": 2.5, "votes": [("a", 3)]},
                                        {"id": 2, "at__x": None, "at__y": None, "votes": []}]
    assert (result.children, result.schema_notes) == ({}, [])


def test_a_load_writes_the_child_table_beside_the_table(tmp_path: Path, adapter) -> None:
    spark_groups(tmp_path / "landing" / "radon-1.parquet")
    result = load(adapter, job(tmp_path, "incremental_files", path="landing/*.parquet"),
                  reading)
    assert result.children == {"sales__readings": 4}
    assert rows(adapter, "select _record_no, _index, value from shop.sales__readings "
                         "order by all") == [(1, 1, 2.2), (1, 2, 2.2), (1, 3, 2.9), (2, 1, 2.8)]


def test_a_list_inside_a_struct_is_noted_by_its_flattened_name(tmp_path: Path) -> None:
    path = tmp_path / "visits.parquet"
    pq.write_table(pa.table({"id": [1], "Visit": pa.array(
        [{"day": "2024-01-02", "Scores": [3, 4]}],
        pa.struct([("day", pa.string()), ("Scores", pa.list_(pa.int64()))]))}), path)
    result = read_source(path, "parquet", {}, {})
    assert result.table.column_names == ["id", "visit__day", "_record_no"]
    assert result.children["visit__scores"].column("value").to_pylist() == [3, 4]
    assert [n.split(":")[0] for n in result.schema_notes][0] == "column visit__scores"


def test_a_json_array_is_not_noted(tmp_path: Path) -> None:
    path = tmp_path / "groups.ndjson"
    path.write_text('{"county": 1, "readings": [2.2, 2.9]}\n')
    result = read_source(path, "ndjson", {}, {})
    assert result.children["readings"].column("value").to_pylist() == [2.2, 2.9]
    assert result.schema_notes == []
