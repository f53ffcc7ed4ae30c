"""An OData response saved as JSON (`{"@odata.context": ..., "value": [...]}`, each record
with its `@odata.etag`): read as the records of `value`, every annotation left out and named
in the note, a next page or a larger `@odata.count` said; version 3's `odata.` keys alike;
a delta response with removed entities refused; near misses read as before. Files written by
the tests, read, and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

SERVICE = "https://erp.example.org/odata/v4"
STUDENTS = [{"id": 29442, "gender": 2, "act": 24, "satq": 500},
            {"id": 29457, "gender": 2, "act": 35, "satq": None},
            {"id": 29498, "gender": 1, "act": 21, "satq": 470}]


def _response(records: list[dict], **beside: object) -> dict:
    return {"@odata.context": f"{SERVICE}/$metadata#Students",
            "value": [{"@odata.etag": f'W/"{i}"', **r} for i, r in enumerate(records)],
            **beside}


def _read(path: Path, whole: object):
    path.write_text(json.dumps(whole))
    return read_source(path, None, {}, {})


def test_an_odata_response_is_read_as_its_records(tmp_path: Path):
    result = _read(tmp_path / "students.json", _response(
        STUDENTS, **{"@odata.count": 700, "@odata.nextLink": f"{SERVICE}/Students?$skip=3"}))
    assert result.table.to_pylist() == STUDENTS
    assert str(result.table.schema.field("satq").type) == "int64"
    assert result.schema_notes == [
        ("students.json: an OData response: read the list under value of the object as 3 "
        "rows; left out: @odata.context, @odata.count, @odata.nextLink, value[].@odata.etag; "
        "it links to a next page (@odata.nextLink): the rows there are not in this file; "
        "it says the whole answer has 700 rows: the others are on pages not in this file")]


def test_property_annotations_expanded_records_and_version_3(tmp_path: Path):
    order = {"odata.metadata": f"{SERVICE}/$metadata#Orders", "value": [
        {"odata.etag": 'W/"1"', "OrderID": 1, "Freight@odata.type": "#Decimal",
         "Freight": 32.38, "Customer": {"odata.id": "Customers('A')", "Name": "Alfreds"}}]}
    result = _read(tmp_path / "orders.json", order)
    assert result.table.to_pylist() == [
        {"order_id": 1, "freight": 32.38, "customer__name": "Alfreds"}]
    assert "left out: odata.metadata, value[].Customer.odata.id, value[].Freight@odata.type, " \
           "value[].odata.etag" in result.schema_notes[0]


def test_pages_saved_one_a_line_are_read_as_one_table(tmp_path: Path):
    pages = [_response(STUDENTS[:2], **{"@odata.nextLink": f"{SERVICE}/Students?$skip=2"}),
             _response(STUDENTS[2:])]
    (tmp_path / "pages.ndjson").write_text("".join(json.dumps(p) + "\n" for p in pages))
    result = read_source(tmp_path / "pages.ndjson", None, {}, {})
    assert result.table.to_pylist() == STUDENTS
    assert "in each of 2 pages (one a line) as 3 rows" in result.schema_notes[0]


def test_a_delta_response_with_removed_entities_is_refused(tmp_path: Path):
    delta = _response(STUDENTS[:1],
                      **{"@odata.deltaLink": f"{SERVICE}/Students?$deltatoken=9"})
    delta["value"].append({"@removed": {"reason": "deleted"}, "@id": "Students(29457)"})
    with pytest.raises(IngestError, match=r"(?s)delta\.json.*1 removed entity \(@removed\).*"
                                          r"query the entity set in full"):
        _read(tmp_path / "delta.json", delta)


@pytest.mark.parametrize("whole", [
    {"value": STUDENTS},                                   # no annotation: anyone's object
    {"id": 7, "@odata.context": "x", "value": STUDENTS},   # a record with a child list
])
def test_near_misses_are_read_as_before(tmp_path: Path, whole: dict):
    result = _read(tmp_path / "near.json", whole)
    assert result.table.num_rows == 1
    assert result.children["value"].num_rows == 3
    assert not any("OData" in n for n in result.schema_notes)


def test_an_odata_delivery_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "students.json").write_text(json.dumps(_response(STUDENTS)))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 3
    assert adapter.fetch("select id, act, satq from shop.sales order by id")[1] == [
        (29442, 24, 500), (29457, 35, None), (29498, 21, 470)]


def _v2(records: list[dict]) -> list[dict]:
    """Records as SAP Gateway writes them: `__metadata`, a navigation link not expanded."""
    return [{"__metadata": {"uri": f"{SERVICE}/Students({r['id']})", "type": "ZSAT.Student"},
             **r, "Scores": {"__deferred": {"uri": f"{SERVICE}/Students({r['id']})/Scores"}}}
            for r in records]


def test_a_version_2_answer_is_read_as_the_records_of_d_results(tmp_path: Path):
    result = _read(tmp_path / "students.json", {"d": {
        "results": _v2(STUDENTS), "__count": "700", "__next": f"{SERVICE}/Students?$skiptoken=3"}})
    assert result.table.to_pylist() == STUDENTS
    assert result.schema_notes == [
        ("students.json: an OData response (version 2): read the list under d.results of the "
         "object as 3 rows; left out: d.__count, d.__next, d.results[].Scores, "
         "d.results[].__metadata; it links to a next page (__next): the rows there are not "
         "in this file; it says the whole answer has 700 rows: the others are on pages not "
         "in this file")]


def test_a_version_1_answer_of_d_alone_and_a_near_miss(tmp_path: Path):
    plain = _read(tmp_path / "plain.json", {"d": _v2(STUDENTS)})
    assert plain.table.to_pylist() == STUDENTS
    # records without `__metadata` under `d`: anyone's object, read as it stands
    other = _read(tmp_path / "other.json", {"d": {"results": STUDENTS}})
    assert other.table.num_rows == 1
    assert not any("OData" in n for n in other.schema_notes)
