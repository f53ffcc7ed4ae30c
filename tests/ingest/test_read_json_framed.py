"""JSON inside a frame: JSONP callbacks, anti-hijacking prefixes and RFC 7464 text
sequences read as the JSON inside, noted; near misses read as before. Files written by the
tests, read, and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

RECORDS = [{"plant": "Qn1", "conc": 95, "uptake": 16.0},
           {"plant": "Mc3", "conc": 1000, "uptake": 19.4}]
ARRAY = json.dumps(RECORDS)


def _read(path: Path, text: str | bytes):
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return read_source(path, None, {}, {})


@pytest.mark.parametrize(("text", "note"), [
    (f"parseResponse({ARRAY});", "JSONP: the JSON read from inside the callback "
                                 "parseResponse(...)"),
    (f"/**/ jQuery3510.cb_1({ARRAY})\n", "JSONP: the JSON read from inside the callback "
                                        "jQuery3510.cb_1(...)"),
    (f"typeof cb === 'function' && cb(\n{json.dumps({'data': RECORDS})}\n);",
     "JSONP: the JSON read from inside the callback cb(...)"),
    (f")]}}'\n{ARRAY}", "the prefix \")]}'\" before the JSON (an API's guard against script "
                        "inclusion) left out"),
    (f"while(1);{ARRAY}", "the prefix 'while(1);' before the JSON (an API's guard against "
                          "script inclusion) left out"),
    ("".join(f"\x1e{json.dumps(r)}\n" for r in RECORDS),
     "a JSON text sequence (RFC 7464, as `jq --seq` writes): the byte 0x1E before each "
     "record removed"),
    ("".join(f"\x1e{json.dumps(r, indent=2)}\n" for r in RECORDS),
     "a JSON text sequence (RFC 7464, as `jq --seq` writes): the byte 0x1E before each "
     "record removed"),
])
def test_the_json_inside_a_frame_is_read_with_a_note(tmp_path: Path, text: str,
                                                     note: str) -> None:
    result = _read(tmp_path / "r.json", text)
    assert result.table.select(["plant", "conc", "uptake"]).to_pylist() == RECORDS
    assert result.rejects == []
    assert f"r.json: {note}" in result.schema_notes


def test_near_misses_read_as_before_without_a_frame_note(tmp_path: Path) -> None:
    """A callback's name inside a string value is plain JSON; a callback around no
    bracket holds no JSON, and its line is a reject as before."""
    plain = _read(tmp_path / "p.json", json.dumps([{"plant": "parseResponse([", "conc": 1}]))
    assert plain.table.to_pylist() == [{"plant": "parseResponse([", "conc": 1}]
    assert len(plain.schema_notes) == 0
    bare = _read(tmp_path / "b.json", "parseResponse(42);")
    assert bare.schema_notes == ["b.json: 1 line(s) are not JSON objects"]
    assert [r.raw for r in bare.rejects] == ["parseResponse(42);"]


def test_a_jsonp_delivery_loads_into_duckdb(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.json").write_text(f"cb({ARRAY});")
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 2
    assert adapter.fetch("select plant, conc from shop.sales order by conc")[1] == [
        ("Qn1", 95), ("Mc3", 1000)]


def test_a_framed_envelope_is_noted_and_refused_under_the_file_s_own_name(
        tmp_path: Path) -> None:
    """An envelope or a keyed object inside a frame is read from the unframed copy, but
    its note, and the refusal of a GraphQL response with errors, name the user's file."""
    paged = _read(tmp_path / "r.json", f"cb({json.dumps({'results': RECORDS, 'next': None})});")
    assert paged.table.select(["plant", "conc", "uptake"]).to_pylist() == RECORDS
    assert ('r.json: records in an envelope: read the list under "results" of the object as '
            '2 rows; left out: next') in paged.schema_notes
    keyed = _read(tmp_path / "k.json", f"cb({json.dumps({r['plant']: r for r in RECORDS})});")
    assert keyed.table.select(["plant", "conc", "uptake"]).to_pylist() == RECORDS
    assert any(n.startswith("k.json: one object keyed by row id") for n in keyed.schema_notes)
    failed = {"data": {"plants": RECORDS}, "errors": [{"message": "timeout"}]}
    with pytest.raises(IngestError, match=r"^g\.json: a GraphQL response reporting 1 error"):
        _read(tmp_path / "g.json", f")]}}'\n{json.dumps(failed)}")
