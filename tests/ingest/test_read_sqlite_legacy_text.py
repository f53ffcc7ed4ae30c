"""SQLite tables whose TEXT values are not UTF-8 (an old PHP app on a Latin-1 connection):
Python's sqlite3 failed the whole read. Each such column is read in its encoding, told as a
file's is, and noted; the source's `encoding:` decides when given; a value that does not
decode is refused naming the column. UTF-8 tables and BLOB columns read as before. On
databases the tests write, one loaded into DuckDB through the loader."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from ingest_helpers import local_or_pg_place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source, read_table

HOSTS = ["Zaunkönig", "Wiesenpieper", "Rotkehlchen", "Zaunkönig", "Bachstelze"]


def eggs_db(path: Path, hosts: list[str | bytes], encoding: str = "latin-1",
            photo: bytes | None = None) -> Path:
    """A table `eggs` (id, length, host TEXT, photo BLOB) whose hosts are stored with the
    TEXT storage class in `encoding` (`bytes` as given), as a PHP app binds strings."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE eggs (id INTEGER PRIMARY KEY, length REAL, host TEXT, "
                   "photo BLOB)")
        db.executemany("INSERT INTO eggs VALUES (?, ?, CAST(? AS TEXT), ?)", [
            (i + 1, 21.5 + i, h if isinstance(h, bytes) else h.encode(encoding), photo)
            for i, h in enumerate(hosts)])
    db.close()
    return path


def test_a_latin1_text_column_is_read_as_written_and_noted(tmp_path: Path) -> None:
    path = eggs_db(tmp_path / "eggs.db", HOSTS, photo=b"\x89PNG\xff")
    result = read_source(path, "sqlite", {"source_table": "eggs"}, {})
    assert result.table.column("host").to_pylist() == HOSTS
    assert result.table.column("photo").to_pylist() == ["89504e47ff"] * 5  # BLOBs as before
    assert not result.rejects
    assert "column host: 2 TEXT value(s) not UTF-8 (an app writing a legacy encoding) read " \
           "as cp1252 (detected)" in result.schema_notes


def test_bytes_cp1252_lacks_are_read_as_latin1_and_cp1252_quotes_as_cp1252(
        tmp_path: Path) -> None:
    quoted = eggs_db(tmp_path / "quoted.db", [b"\x93Gr\xfcn\x94", b"Caf\xe9"])
    read_ = read_source(quoted, "sqlite", {"source_table": "eggs"}, {})
    assert read_.table.column("host").to_pylist() == ["“Grün”", "Café"]
    assert any("read as cp1252 (detected)" in n for n in read_.schema_notes)
    holes = eggs_db(tmp_path / "holes.db", [b"Gr\xfcn\x81", b"Caf\xe9"])
    read_ = read_source(holes, "sqlite", {"source_table": "eggs"}, {})
    assert read_.table.column("host").to_pylist() == ["Grün\x81", "Café"]
    assert "column host: 2 TEXT value(s) not UTF-8 (an app writing a legacy encoding) read " \
           "as latin-1 (detected)" in read_.schema_notes


def test_a_cyrillic_column_is_read_in_its_code_page(tmp_path: Path) -> None:
    words = ["Москва", "Новосибирск", "Екатеринбург", "Санкт-Петербург"]
    path = eggs_db(tmp_path / "cities.db", words, encoding="cp1251")
    result = read_source(path, "sqlite", {"source_table": "eggs"}, {})
    assert result.table.column("host").to_pylist() == words
    assert any("column host: 4 TEXT value(s)" in n and "read as cp1251" in n
               for n in result.schema_notes)


def test_the_sources_encoding_decides_and_a_value_it_cannot_decode_is_refused(
        tmp_path: Path) -> None:
    path = eggs_db(tmp_path / "eggs.db", HOSTS)
    result = read_source(path, "sqlite", {"source_table": "eggs", "encoding": "iso-8859-15"}, {})
    assert result.table.column("host").to_pylist() == HOSTS
    assert "column host: 2 TEXT value(s) not UTF-8 (an app writing a legacy encoding) read " \
           "as iso8859-15 (as the source's options name it)" in result.schema_notes
    with pytest.raises(IngestError) as refused:
        read_source(path, "sqlite", {"source_table": "eggs", "encoding": "utf-8"}, {})
    assert refused.value.message == (
        "column host: the TEXT value b'Zaunk\\xf6nig' does not decode as utf-8, the encoding "
        "the source's options name (invalid start byte at byte 5)")
    assert refused.value.file == f"sqlite:{path}#eggs"


def test_text_that_fits_two_encodings_is_refused_naming_the_column_and_both(
        tmp_path: Path) -> None:
    """Small Cyrillic words of even length are also valid GBK byte pairs: never guessed."""
    path = eggs_db(tmp_path / "words.db", ["дома рука нога пара"], encoding="cp1251")
    with pytest.raises(IngestError) as refused:
        read_source(path, "sqlite", {"source_table": "eggs"}, {})
    assert refused.value.message == (
        "column host's TEXT values are not UTF-8, and its text fits more than one "
        "encoding: cp1251 (Windows Cyrillic) and gbk (GBK), cp950 (Big5)")
    assert "options: {encoding: cp1251}" in refused.value.hint
    assert read_source(path, "sqlite", {"source_table": "eggs", "encoding": "cp1251"},
                       {}).table.column("host").to_pylist() == ["дома рука нога пара"]


def test_a_later_batch_its_columns_encoding_cannot_decode_is_refused(tmp_path: Path) -> None:
    """The first batch's curly quotes say cp1252; a later byte cp1252 lacks is refused,
    never read as `\\ufffd` or dropped."""
    path = eggs_db(tmp_path / "eggs.db", [b"\x93a\x94", b"b", b"c\x81"])
    with pytest.raises(IngestError, match="column host: the TEXT value b'c\\\\x81' does "
                                          "not decode as cp1252, the encoding its column"):
        list(read_table("sqlite", str(path), "eggs", {}, batch_rows=2))


def test_a_latin1_key_names_its_rejects_as_written(tmp_path: Path) -> None:
    path = tmp_path / "birds.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE birds (name TEXT PRIMARY KEY, eggs INTEGER)")
        db.executemany("INSERT INTO birds VALUES (CAST(? AS TEXT), ?)",
                       [("Zaunkönig".encode("latin-1"), "many"), (b"Amsel", 4)])
    db.close()
    result = read_source(path, "sqlite", {"source_table": "birds"}, {})
    assert result.table.to_pylist() == [{"name": "Amsel", "eggs": 4}]
    [reject] = result.rejects
    assert (reject.record_no, reject.reason) == ("Zaunkönig", "eggs: 'many' is not an integer")
    assert [n for n in result.schema_notes if "not UTF-8" in n] == [(
        "column name: 1 TEXT value(s) not UTF-8 (an app writing a legacy encoding) read as "
        "cp1252 (detected)")]


def test_a_utf8_table_reads_as_before(tmp_path: Path) -> None:
    path = eggs_db(tmp_path / "eggs.db", HOSTS, encoding="utf-8")
    result = read_source(path, "sqlite", {"source_table": "eggs"}, {})
    assert result.table.column("host").to_pylist() == HOSTS
    assert not any("not UTF-8" in n for n in result.schema_notes)


@pytest.mark.parametrize(("options", "read_as"), [
    ({}, "cp1252 (detected)"), ({"encoding": "latin1"}, "iso8859-1 (as the source's options name it)")])
def test_the_latin1_table_loads_into_duckdb(tmp_path: Path, options: dict, read_as: str) -> None:
    eggs_db(tmp_path / "eggs.db", HOSTS)
    with local_or_pg_place("duckdb", tmp_path, "dn_sqlite_text") as place:
        job = place.job(tmp_path, "eggs", "replace", path=None, dsn="eggs.db",
                        format="sqlite", source_table="eggs", options=options)
        result = load(place.adapter, job, reading)
        assert result.rows == 5
        assert place.rows("eggs", "id, host", "id") == list(enumerate(HOSTS, start=1))
        assert f"column host: 2 TEXT value(s) not UTF-8 (an app writing a legacy encoding) " \
               f"read as {read_as}" in result.read_notes
