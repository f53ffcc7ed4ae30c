"""A KoboToolbox (or Ona) export, on files written here: its own columns keep their leading
`_` (`_id`, `_uuid`, `_submission_time`, `_index`), the group paths snake_cased, declared
types found under either spelling; near misses (a file with `_id` alone, or Elasticsearch's
`_index` and `_id`) snake_cased as before."""

from __future__ import annotations

import json
from pathlib import Path

from datanet_sql.ingest.reading import read_source

KOBO = ("group_a/age;group_a/id;_id;_uuid;_submission_time;_index;_validation_status\n"
        "16;A7;1000;4b1d-1;2024-03-01T10:00:00;1;\n17;B2;1001;4b1d-2;2024-03-02T10:01:00;2;\n")


def test_kobo_csv_keeps_its_system_names(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(KOBO)
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["group_a_age", "group_a_id", "_id", "_uuid",
                                         "_submission_time", "_index", "_validation_status"]
    assert result.table.column("_id").to_pylist() == [1000, 1001]
    assert result.table.column("_uuid").to_pylist() == ["4b1d-1", "4b1d-2"]


def test_a_declared_type_finds_the_system_column_either_spelling(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(KOBO)
    for name in ("_id", "id"):
        result = read_source(path, None, {}, {name: "varchar", "_index": "bigint"})
        assert result.table.column("_id").to_pylist() == ["1000", "1001"]
        assert str(result.table.schema.field("_index").type) == "int64"
        assert "id" not in result.table.column_names


def test_kobo_json_keeps_its_system_names(tmp_path: Path) -> None:
    path = tmp_path / "survey.json"
    path.write_text(json.dumps([{"group_a/age": 16, "_id": 1000, "_uuid": "4b1d-1",
                                 "_submission_time": "2024-03-01T10:00:00"}]))
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["group_a_age", "_id", "_uuid", "_submission_time"]


def test_near_misses_are_snake_cased_as_before(tmp_path: Path) -> None:
    lone = tmp_path / "lone.csv"   # `_id` alone: no survey tool's marks
    lone.write_text("_id,_uuid,name\n1,u-1,ann\n")
    assert read_source(lone, None, {}, {}).table.column_names == ["id", "uuid", "name"]
    hits = tmp_path / "hits.csv"   # Elasticsearch's names beside each other
    hits.write_text("_index,_id,_score\nmoore,1,1.0\n")
    assert read_source(hits, None, {}, {}).table.column_names == ["index", "id", "score"]
