"""A JSON:API document saved as JSON (`{"data": [{"type": ..., "id": ..., "attributes":
{...}, "relationships": {...}, "links": {...}}], "links": ..., "meta": ...}`): each
resource object a row of its id, type, attributes and relationships' linkage, noted naming
what was left out; a single resource and pages alike; errors beside the data refused; near
misses (records that only look alike) read as before. Files written by the tests, read,
and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

WINES = [{"temp": "cold", "rating": 2, "judge": 1}, {"temp": "warm", "rating": 4, "judge": 1},
         {"temp": "cold", "rating": 3, "judge": 9}]
ROWS = [{"id": str(n), "type": "tastings", **w} for n, w in enumerate(WINES, 1)]
NOTE = ("a JSON:API document: read each resource object under data as its id, type, "
        "attributes and relationships (each its linkage)")


def _resource(n: int, wine: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"type": "tastings", "id": str(n), "attributes": wine,
            "links": {"self": f"https://api.example.org/tastings/{n}"}, **more}


def _document(wines: list[dict], first: int = 1, **more: Any) -> dict[str, Any]:
    return {"jsonapi": {"version": "1.0"},
            "data": [_resource(n, w) for n, w in enumerate(wines, first)],
            "links": {"self": "https://api.example.org/tastings"}, **more}


def _read(path: Path, whole: Any, lines: bool = False):
    """`whole` written as indented JSON, or its pages as NDJSON (`lines`), and read."""
    path.write_text("".join(json.dumps(p) + "\n" for p in whole) if lines
                    else json.dumps(whole, indent=2))
    return read_source(path, None, {}, {})


def test_a_document_is_read_as_its_resources_attributes(tmp_path: Path):
    result = _read(tmp_path / "wine.json", _document(WINES, meta={"total": 3}))
    assert result.table.to_pylist() == ROWS
    assert str(result.table.schema.field("rating").type) == "int64"
    assert (f"wine.json: {NOTE} of the object as 3 rows; left out: data[].links, jsonapi, "
            "links, meta") in result.schema_notes


def test_relationships_are_read_as_their_linkage(tmp_path: Path):
    author = {"links": {"related": "/tastings/1/judge"}, "data": {"type": "judges", "id": "9"}}
    bottles = {"data": [{"type": "bottles", "id": "5"}, {"type": "bottles", "id": "12"}]}
    whole = {"data": [
        _resource(1, WINES[0], relationships={"judged_by": author, "bottles": bottles,
                                              "cellar": {"links": {"related": "/c/1"}}}),
        _resource(2, WINES[1], relationships={"judged_by": {"data": None},
                                              "bottles": {"data": []}})],
        "included": [{"type": "judges", "id": "9", "attributes": {"name": "Ann"}}]}
    result = _read(tmp_path / "wine.json", whole)
    assert [(r["id"], r["temp"], r["judged_by__type"], r["judged_by__id"])
            for r in result.table.to_pylist()] == [("1", "cold", "judges", "9"),
                                                    ("2", "warm", None, None)]
    assert [(r["type"], r["id"]) for r in result.children["bottles"].to_pylist()] == [
        ("bottles", "5"), ("bottles", "12")]
    assert (f"wine.json: {NOTE} of the object as 2 rows; left out: data[].links, "
            "data[].relationships.cellar.links, data[].relationships.judged_by.links, "
            "included") in result.schema_notes


def test_a_single_resource_is_one_row(tmp_path: Path):
    whole = {"data": _resource(1, WINES[0]), "links": {"self": "/tastings/1"}}
    result = _read(tmp_path / "wine.json", whole)
    assert result.table.to_pylist() == ROWS[:1]
    assert any(NOTE in n and "as 1 rows" in n for n in result.schema_notes)


@pytest.mark.parametrize("lines", [False, True])
def test_pages_as_an_array_or_one_a_line_the_last_empty(tmp_path: Path, lines: bool):
    pages = [_document(WINES[:2]), _document(WINES[2:], first=3), _document([])]
    result = _read(tmp_path / "wine.json", pages, lines)
    assert result.table.to_pylist() == ROWS
    assert any(f"{NOTE} in each of 3 pages" in n for n in result.schema_notes)


def test_errors_beside_the_data_are_refused_naming_them(tmp_path: Path):
    whole = _document(WINES, errors=[{"status": "500", "title": "Timeout",
                                      "detail": "tastings of judge 9 not read"}])
    with pytest.raises(IngestError, match=r"wine.json: a JSON:API document reporting 1 "
                                          r"error\(s\) beside its data: 500 Timeout: "
                                          r"tastings of judge 9 not read"):
        _read(tmp_path / "wine.json", whole)


@pytest.mark.parametrize("record", [
    {"type": "tastings", "id": 1, "attributes": {"temp": "cold"}},   # an id not a string
    {"type": "tastings", "id": "1", "attributes": {"temp": "cold"}, "price": 3},  # a field
    {"type": "tastings", "id": "1", "attributes": {"id": 7, "temp": "cold"}},  # id twice
])
def test_near_misses_keep_their_attributes_nested(tmp_path: Path, record: dict):
    result = _read(tmp_path / "other.json", {"data": [record], "meta": {"total": 1}})
    assert result.table.to_pylist()[0]["attributes__temp"] == "cold"
    assert not any("JSON:API" in n for n in result.schema_notes)


def test_a_document_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "wine.json").write_text(json.dumps(_document(WINES)))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 3
    assert adapter.fetch("select id, temp, rating, judge from shop.sales order by id")[1] == [
        ("1", "cold", 2, 1), ("2", "warm", 4, 1), ("3", "cold", 3, 9)]
