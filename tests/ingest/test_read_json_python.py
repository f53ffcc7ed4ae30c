"""NDJSON whose lines are Python dict reprs (`print(record)`: single quotes, True/None), on
files written here: a small file is read as the dicts the lines spell, noted; a file with a
repr line that is no literal dict, or too large to read line by line, is refused naming the
file, the line and `json.dumps`; a file of JSON objects with a few such lines keeps them as
rejects, as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import json_python
from datanet_sql.ingest.reading import read_source

RECORDS = [
    {"family": "001", "father": 78.5, "children": 4, "tall": True, "note": None},
    {"family": "002", "father": 75.5, "children": 2, "tall": False, "note": "it's 'x'"},
    {"family": "010", "father": 72.0, "children": 1, "tall": False, "note": 'say "hi"'},
]


def _read(path: Path):
    return read_source(path, None, {}, {}, "reject", None)


def test_python_repr_lines_are_read_as_the_dicts_they_spell(tmp_path: Path) -> None:
    path = tmp_path / "galton.jsonl"
    path.write_text("".join(f"{r!r}\n" for r in RECORDS))
    result = _read(path)
    assert result.table.to_pylist() == RECORDS
    types = [str(result.table.schema.field(n).type) for n in ("family", "father", "tall")]
    assert types == ["string", "double", "bool"]  # `'001'` stays text
    assert result.rejects == []
    assert (
        "galton.jsonl: 3 line(s) are Python dict reprs (single quotes, True/False/None), not "
        "JSON: read as the dicts they spell (ast.literal_eval)" in result.schema_notes
    )



def test_repr_lines_in_a_legacy_encoding_are_noted_under_the_file_s_own_name(
        tmp_path: Path) -> None:
    """Read from its UTF-8 copy, the note still names the user's file."""
    path = tmp_path / "galton.jsonl"
    path.write_bytes("".join(f"{r!r}\n" for r in [{"family": "K\u00f6nig"}]).encode("cp1252"))
    result = _read(path)
    assert result.table.to_pylist() == [{"family": "K\u00f6nig"}]
    assert any(n.startswith("galton.jsonl: 1 line(s) are Python dict reprs")
               for n in result.schema_notes), result.schema_notes

def test_a_repr_line_that_is_no_literal_dict_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    lines = [repr(RECORDS[0]), "{'family': '002', 'born': datetime.date(1880, 1, 2)}"]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(IngestError) as refused:
        _read(path)
    message = str(refused.value)
    assert "log.jsonl" in message and "line 2" in message
    assert "Python dict reprs" in message and "datetime.date(1880" in message
    assert "json.dumps(record)" in message


def test_a_file_too_large_to_read_line_by_line_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(json_python, "MAX_BYTES", 100)  # the limit, not a 16 MB file
    path = tmp_path / "big.jsonl"
    path.write_text("".join(f"{r!r}\n" for r in RECORDS * 3))
    with pytest.raises(IngestError, match=r"big.jsonl.*line 1: \{'family': '001'.*too large"):
        _read(path)


def test_a_few_repr_lines_among_json_objects_stay_rejects(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS) + repr(RECORDS[0]) + "\n{'bad\n")
    result = _read(path)
    assert result.table.column("family").to_pylist() == ["001", "002", "010"]
    assert [r.record_no for r in result.rejects] == ["4", "5"]
    assert not any("Python dict reprs" in n for n in result.schema_notes)
