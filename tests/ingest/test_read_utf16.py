"""UTF-16 files the BOM does not announce (told by the NUL bytes of their ASCII text), and
UTF-16 files that end inside a character (their cut last line left out, and said so); a
UTF-8 file padded with NUL bytes is not taken for UTF-16; bytes that do not decode (a cut
compressed file, a byte the named encoding lacks) are refused naming their line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.encoding import detect_encoding
from datanet_sql.ingest.reading import read_source

TEXT = "id,name,city\n1,Anna,Zürich\n2,Bořek,Łódź\n3,Cid,Genève\n"
ROWS = [
    {"id": 1, "name": "Anna", "city": "Zürich"},
    {"id": 2, "name": "Bořek", "city": "Łódź"},
    {"id": 3, "name": "Cid", "city": "Genève"},
]


def _read(path: Path, data: bytes):
    path.write_bytes(data)
    return read_source(path, None, {}, {})


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("name", ["people.csv", "people.tsv"])
def test_utf16_without_a_bom_is_told_by_its_nul_bytes(tmp_path, order, name):
    text = TEXT.replace(",", "\t") if name.endswith(".tsv") else TEXT
    result = _read(tmp_path / name, text.encode(order))
    assert result.table.to_pylist() == ROWS
    assert not result.rejects
    assert any(f"encoding {order}," in note for note in result.schema_notes)


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_ndjson_in_utf16_without_a_bom_is_read(tmp_path, order):
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in ROWS)
    result = _read(tmp_path / "people.ndjson", lines.encode(order))
    assert result.table.to_pylist() == ROWS
    assert f"people.ndjson: encoding {order}" in result.schema_notes


@pytest.mark.parametrize("order", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_cut_inside_its_last_character_leaves_that_line_out(tmp_path, order):
    """The last line lost the second byte of its `e` (an odd byte count): read as
    `Genèv` it would be silently wrong, so it is left out and the note quotes it."""
    path = tmp_path / "people.csv"
    result = _read(path, TEXT.encode(order)[:-3])
    assert result.table.to_pylist() == ROWS[:2]
    assert [note for note in result.schema_notes if "ends inside a character" in note] == [
        (
            f"{path}: the file ends inside a character (UTF-16 with an odd byte count or half "
            f"a character: cut while written or copied); its last line, cut short, was left "
            f"out: '3,Cid,Genèv'; load the whole file to read it"
        )
    ]


def test_a_utf16_file_cut_inside_a_surrogate_pair_leaves_that_line_out(tmp_path):
    """An even byte count, but the last character is the first half of `😀`."""
    path = tmp_path / "moods.csv"
    data = "id,mood\n1,calm\n2,😀!\n".encode("utf-16-le")[:-6]
    result = _read(path, data)
    assert result.table.to_pylist() == [{"id": 1, "mood": "calm"}]
    assert any(
        "its last line, cut short, was left out: '2,'" in note for note in result.schema_notes
    )


def test_a_utf16_file_whose_cut_is_its_last_line_break_reads_every_line(tmp_path):
    """Little-endian `\\n` is 0A 00: a last 0A alone ended a whole line."""
    path = tmp_path / "people.csv"
    result = _read(path, TEXT.encode("utf-16")[:-1])
    assert result.table.to_pylist() == ROWS
    assert (
        f"{path}: the file ends inside a character (UTF-16 with an odd byte count: cut "
        f"while written or copied); only a line break was cut, every line read"
        in result.schema_notes
    )


def test_a_whole_utf16_file_has_no_cut_note(tmp_path):
    result = _read(tmp_path / "people.csv", TEXT.encode("utf-16"))
    assert result.table.to_pylist() == ROWS
    assert not any("ends inside" in note for note in result.schema_notes)


def test_utf8_padded_with_nul_bytes_is_not_taken_for_utf16(tmp_path):
    """Fixed-width exporters pad with runs of NULs: both bytes of a unit, not one side."""
    path = tmp_path / "padded.csv"
    path.write_bytes(b"id,code\n" + b"".join(b"%d,AB\x00\x00\x00\x00\n" % i for i in range(20)))
    assert detect_encoding(path) == "utf-8"
    result = read_source(path, None, {}, {})
    assert result.table.column("code").to_pylist() == ["AB"] * 20


def test_a_compressed_utf16_file_cut_inside_a_character_is_refused_naming_the_line(tmp_path):
    """A gzip file is not read back from its end: the cut is met while decoding."""
    path = tmp_path / "people.csv.gz"
    path.write_bytes(gzip.compress(TEXT.encode("utf-16")[:-3]))
    with pytest.raises(IngestError) as refused:
        read_source(path, None, {}, {})
    assert str(refused.value).startswith(
        f"{path}: the file ends inside a character of utf-16, in line 4 (byte "
    )
    assert "copy or export the file again, whole" in str(refused.value)


def test_a_byte_the_named_encoding_lacks_is_refused_naming_its_line(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"id,name\n1,Anna\n2,Bo\x81b\n")
    with pytest.raises(IngestError) as refused:
        read_source(path, None, {"encoding": "cp1252"}, {})
    assert str(refused.value).startswith(
        f"{path}: line 3 (byte 19) does not decode as cp1252: character maps to <undefined>"
    )
    assert "options: {encoding: cp1252}" in str(refused.value)
