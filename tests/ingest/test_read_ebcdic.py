"""A mainframe's CSV still in EBCDIC (fetched by FTP in binary mode) is read decoded, in the
code page its bytes say (cp037, cp273 for German umlauts, cp1140 with `€`), its line ends
LF (0x25) or NL (0x15), with a note naming the code page; files that are not EBCDIC (a
Windows file full of accents, UTF-16 without a BOM, a binary file named .csv) are read as
before. Files written by the tests from Faker's names and cities."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from ingest_helpers import load_landing
from test_read_encodings import csv_text, people, written

from datanet_sql.errors import DatanetError
from datanet_sql.ingest.reading import read_source


def _ebcdic_notes(notes: list[str]) -> list[str]:
    return [note for note in notes if "EBCDIC" in note]


@pytest.mark.parametrize("line_end", [b"\x25", b"\x15", b"\x0d\x25"])
def test_a_mainframe_csv_in_code_page_037_is_read_decoded(tmp_path: Path, line_end: bytes
                                                          ) -> None:
    """LF (what Python's cp037 writes), NL (a mainframe's own line end) and CR LF: each
    record a row, every value as written."""
    records = people("en_US", 150, seed=3)
    text = csv_text(records).encode("cp037").replace(b"\x25", line_end)
    (tmp_path / "people.csv").write_bytes(text)
    result = read_source(tmp_path / "people.csv", None, {}, {})
    assert result.table.column("id").to_pylist() == [r["id"] for r in records]
    assert result.table.column("name").to_pylist() == [r["name"] for r in records]
    assert result.table.column("city").to_pylist() == [r["city"] for r in records]
    assert _ebcdic_notes(result.schema_notes) == [
        (f"{tmp_path / 'people.csv'}: the file is EBCDIC (IBM mainframe text, code page "
         f"037), read decoded: its letters, digits and punctuation are the same in every "
         f"EBCDIC code page")]


def test_german_text_in_code_page_273_keeps_its_umlauts(tmp_path: Path) -> None:
    """cp273 writes `ä` `ö` `ü` `Ä` `Ö` `Ü` `ß` where cp037 has brackets, braces and bars:
    inside words they are letters, so the German page is read."""
    records = [r for r in people("de_DE", 200, seed=4) if all(
        c.isascii() or c in "äöüÄÖÜß" for c in r["name"] + r["city"] + r["street"])]
    result = read_source(written(tmp_path / "kunden.csv", records, "cp273"), None, {}, {})
    assert result.table.column("street").to_pylist() == [r["street"] for r in records]
    assert result.table.column("name").to_pylist() == [r["name"] for r in records]
    [note] = _ebcdic_notes(result.schema_notes)
    assert "code page 273" in note and "set options: {encoding: ...}" in note


def test_a_euro_sign_reads_code_page_1140(tmp_path: Path) -> None:
    (tmp_path / "prices.csv").write_bytes(
        "item,price\nTEE,3.50 €\nKAFFEE,2.80 €\nBROT,1.20 €\n".encode("cp1140"))
    result = read_source(tmp_path / "prices.csv", None, {}, {})
    assert result.table.to_pylist() == [{"item": "TEE", "price": "3.50 €"},
                                        {"item": "KAFFEE", "price": "2.80 €"},
                                        {"item": "BROT", "price": "1.20 €"}]
    assert "code page 1140" in _ebcdic_notes(result.schema_notes)[0]


def test_an_ebcdic_file_loads_into_duckdb(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "jobs.csv").write_bytes(
        "job,cpu_seconds,owner\nPAYROLL1,12.5,ops\nBACKUP,340.25,sys\n".encode("cp037"))
    adapter, result = load_landing(tmp_path)
    assert result.rows == 2
    assert adapter.fetch("select job, cpu_seconds, owner from shop.sales order by job")[1] == [
        ("BACKUP", 340.25, "sys"), ("PAYROLL1", 12.5, "ops")]


@pytest.mark.parametrize("locale", ["fr_FR", "de_DE", "pt_PT", "is_IS"])
def test_a_windows_file_full_of_accents_is_not_ebcdic(tmp_path: Path, locale: str) -> None:
    records = [r for r in people(locale, 200, seed=5)
               if (r["name"] + r["city"] + r["street"]).isascii() is False]
    path = tmp_path / "people.csv"
    path.write_bytes(csv_text(records).encode("cp1252", errors="replace"))
    result = read_source(path, None, {}, {})
    assert len(result.table) == len(records)
    assert not _ebcdic_notes(result.schema_notes)
    assert any("encoding cp1252," in note for note in result.schema_notes)


def test_utf16_without_a_bom_is_not_ebcdic(tmp_path: Path) -> None:
    records = people("de_DE", 50, seed=6)
    result = read_source(written(tmp_path / "people.csv", records, "utf-16-le"), None, {}, {})
    assert result.table.column("name").to_pylist() == [r["name"] for r in records]
    assert not _ebcdic_notes(result.schema_notes)


def test_a_binary_file_named_csv_is_not_read_as_ebcdic(tmp_path: Path) -> None:
    """Bytes of every value (but NUL and LF, EBCDIC's near misses): whatever the reader
    makes of it, it is not called EBCDIC."""
    noise = random.Random(7).randbytes(20_000).replace(b"\x00", b"\x01").replace(b"\x0a", b"")
    (tmp_path / "blob.csv").write_bytes(noise)
    try:
        notes = read_source(tmp_path / "blob.csv", None, {}, {}).schema_notes
    except DatanetError as error:
        notes = [str(error)]
    assert not _ebcdic_notes(notes)
