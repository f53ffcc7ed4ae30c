"""A JSON-stat dataset (`{"class": "dataset", "id": [...], "size": [...], "dimension":
{...}, "value": [...]}`): read as its cube unrolled, a row per cell of each dimension's
category and the value, labels other than the ids beside them, a status per cell a column;
a sparse cube's missing cells NULL; version 1's bundle of one dataset alike; a cube that
cannot be placed refused; near misses read as before. Files written by the tests, read,
and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source


def _dataset(**changed: object) -> dict:
    """Eurostat's shape: `geo` labelled, `time` by its ids, a status on one cell."""
    return {"version": "2.0", "class": "dataset", "label": "Unemployment",
            "source": "Eurostat", "id": ["geo", "time"], "size": [2, 3],
            "dimension": {
                "geo": {"label": "Country", "category": {
                    "index": {"DE": 0, "FR": 1}, "label": {"DE": "Germany", "FR": "France"}}},
                "time": {"label": "Year", "category": {"index": ["2019", "2020", "2021"]}}},
            "value": [3.1, 3.8, None, 8.4, 8.0, 7.9], **changed}


def _read(path: Path, whole: object):
    path.write_text(json.dumps(whole))
    return read_source(path, None, {}, {})


def test_a_dataset_is_its_cube_unrolled(tmp_path: Path):
    result = _read(tmp_path / "une.json", _dataset(status=["", "", "p", "", "", "e"]))
    assert result.table.to_pylist() == [
        {"geo": "DE", "time": "2019", "geo_label": "Germany", "value": 3.1, "status": ""},
        {"geo": "DE", "time": "2020", "geo_label": "Germany", "value": 3.8, "status": ""},
        {"geo": "DE", "time": "2021", "geo_label": "Germany", "value": None, "status": "p"},
        {"geo": "FR", "time": "2019", "geo_label": "France", "value": 8.4, "status": ""},
        {"geo": "FR", "time": "2020", "geo_label": "France", "value": 8.0, "status": ""},
        {"geo": "FR", "time": "2021", "geo_label": "France", "value": 7.9, "status": "e"}]
    assert result.schema_notes == [
        ("une.json: a JSON-stat dataset: its cube of geo (2), time (3) unrolled into 6 "
         "rows of each dimension's category and the value, the categories' labels in "
         "geo_label; left out: label, source, dimension.geo.label, dimension.time.label")]


def test_a_sparse_cube_leaves_its_missing_cells_null(tmp_path: Path):
    result = _read(tmp_path / "sparse.json",
                   _dataset(value={"0": 3.1, "5": 7.9}, status="p"))
    assert [r["value"] for r in result.table.to_pylist()] == [
        3.1, None, None, None, None, 7.9]
    assert "; status 'p' for every value" in result.schema_notes[0]


def test_a_version_1_bundle_of_one_dataset(tmp_path: Path):
    inner = _dataset()
    dimension = {"id": inner.pop("id"), "size": inner.pop("size"), **inner.pop("dimension")}
    for key in ("version", "class"):
        inner.pop(key)
    result = _read(tmp_path / "px.json", {"dataset": {"dimension": dimension, **inner}})
    assert result.table.num_rows == 6
    assert result.table.to_pylist()[3] == {
        "geo": "FR", "time": "2019", "geo_label": "France", "value": 8.4}
    assert "left out: dataset.label, dataset.source" in result.schema_notes[0]


def _without_index(whole: dict) -> dict:
    del whole["dimension"]["time"]["category"]["index"]
    whole["dimension"]["time"]["category"]["label"] = {"2019": "2019", "2020": "2020",
                                                       "2021": "2021"}
    return whole


@pytest.mark.parametrize(("whole", "said"), [
    (_dataset(value=[1, 2, 3]), r"value holds 3 entries that do not fill its 6 cells"),
    (_dataset(value={"6": 1.0}), r"value holds 1 entries that do not fill its 6 cells"),
    (_dataset(size=[2, 4]), r"dimension time does not list its 4 categories in order"),
    (_without_index(_dataset()), r"dimension time does not list its 3 categories"),
    (_dataset(id=["geo", "value"], dimension={**_dataset()["dimension"],
                                              "value": _dataset()["dimension"]["time"]}),
     r"columns would name value twice"),
    ({k: {"dimension": {"id": ["x"], "size": [1]}, "value": [1]} for k in ("a", "b")},
     r"a JSON-stat bundle of 2 datasets \(a, b\)"),
])
def test_cubes_that_cannot_be_placed_are_refused(tmp_path: Path, whole: dict, said: str):
    with pytest.raises(IngestError, match=rf"(?s)bad\.json.*{said}"):
        _read(tmp_path / "bad.json", whole)


@pytest.mark.parametrize("whole", [
    {"id": ["a"], "size": [1], "dimension": {"w": 1}, "value": [5]},   # no class dataset
    {"config": {"dimension": {"w": 2}, "value": 3}},                   # no id and size
])
def test_near_misses_are_read_as_before(tmp_path: Path, whole: dict):
    result = _read(tmp_path / "near.json", whole)
    assert result.table.num_rows == 1
    assert not any("JSON-stat" in n for n in result.schema_notes)


def test_a_dataset_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "une.json").write_text(json.dumps(_dataset()))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 6
    assert adapter.fetch("select geo, time, value from shop.sales where time = '2021' "
                         "order by geo")[1] == [("DE", "2021", None), ("FR", "2021", 7.9)]
