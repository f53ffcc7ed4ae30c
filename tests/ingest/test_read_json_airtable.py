"""An Airtable API list response saved as JSON (`records` of `id`, `createdTime`,
`fields`, `offset` beside): read as each record's fields beside its id and createdTime, an
unticked checkbox (absent) read as false and noted, the offset said; near misses read as
before. Files written by the tests, read, and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_helpers import load_landing

from datanet_sql.ingest.reading import read_source

BIDS = [{"docno": 78001, "weeks": 23.5, "whtknght": True},
        {"docno": 78005, "weeks": 13.5},
        {"docno": 78015, "weeks": 5.0, "whtknght": True}]


def _records(fields: list[dict]) -> list[dict]:
    return [{"id": f"rec{i:010d}", "createdTime": "2026-11-30T10:00:00.000Z", "fields": f}
            for i, f in enumerate(fields)]


def _read(path: Path, whole: object):
    path.write_text(json.dumps(whole))
    return read_source(path, None, {}, {})


def test_an_airtable_page_is_its_records_fields_unticked_boxes_false(tmp_path: Path):
    result = _read(tmp_path / "bids.json", {"records": _records(BIDS), "offset": "itrX/rec2"})
    rows = result.table.to_pylist()
    assert [(r["id"], r["docno"], r["whtknght"]) for r in rows] == [
        ("rec0000000000", 78001, True), ("rec0000000001", 78005, False),
        ("rec0000000002", 78015, True)]
    assert result.table.schema.names == ["id", "created_time", "docno", "weeks", "whtknght"]
    assert result.schema_notes[0] == (
        "bids.json: an Airtable API response: read the fields under records[].fields, with "
        "each record's id and createdTime of the object as 3 rows; left out: offset; "
        "whtknght: checkbox(es) Airtable leaves out where unticked, read as false there; "
        "its offset says more records follow: they are on pages not in this file")


def test_the_last_page_and_a_field_named_id(tmp_path: Path):
    fields = [{"id": "A-1", "score": None}, {"id": "A-2", "score": 3}]
    result = _read(tmp_path / "last.json", {"records": _records(fields)})
    assert result.table.to_pylist()[1]["id"] == "A-2"
    assert result.table.schema.names == ["created_time", "id", "score"]
    assert "left out: records[].id" in result.schema_notes[0]
    assert "false" not in result.schema_notes[0]   # no checkbox: nothing filled


def test_loaded_into_duckdb(tmp_path: Path):
    path = tmp_path / "landing" / "bids.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"records": _records(BIDS)}))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 3
    assert adapter.fetch("select docno, whtknght from shop.sales order by docno")[1] == [
        (78001, True), (78005, False), (78015, True)]


def test_near_misses_are_read_as_before(tmp_path: Path):
    # an envelope of plain records, some ids not Airtable's: no fields unwrapped
    plain = _read(tmp_path / "plain.json", {"records": [
        {"id": "rec1", "fields": {"a": 1}}, {"id": 7, "fields": {"a": 2}}]})
    assert plain.table.schema.names == ["id", "fields__a"]
    # true everywhere it is, present in every record: left as read
    every = _read(tmp_path / "every.json", {"records": _records([{"ok": True}, {"ok": True}])})
    assert [r["ok"] for r in every.table.to_pylist()] == [True, True]
    assert "checkbox" not in every.schema_notes[0]
    # a field true or false: not left out when unticked, absent is missing
    mixed = _read(tmp_path / "mixed.json", {"records": _records(
        [{"ok": True}, {"ok": False}, {"n": 1}])})
    assert [r["ok"] for r in mixed.table.to_pylist()] == [True, False, None]
