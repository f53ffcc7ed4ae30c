"""A CSV whose text went through UTF-8 twice (`April CarriÃ³n`: UTF-8 read as Windows-1252
and written as UTF-8 again), the file itself valid UTF-8: the values kept as written, each
such column named in a note with an example and its repair. Near misses: real names in a
dozen languages written once in UTF-8 (Faker's, a fixed seed), and text that looks odd but
is no double encoding (`CAFÉ…`), read without a note. On files the tests write."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from faker import Faker

from datanet_sql.ingest.readers.mojibake import repaired
from datanet_sql.ingest.reading import read_source

LOCALES = ["es_ES", "fr_FR", "de_DE", "pt_BR", "pl_PL", "cs_CZ", "ro_RO", "tr_TR", "el_GR",
           "ru_RU", "he_IL", "ja_JP"]


def people(rows: int = 60) -> list[list[str]]:
    """Names and cities of many languages, from Faker (a fixed seed)."""
    found = []
    for index, locale in enumerate(LOCALES):
        fake = Faker(locale)
        fake.seed_instance(index)
        found += [[str(len(found) + 1), fake.name(), fake.city()] for _ in range(rows // 12)]
    return found


def twice(text: str) -> str:
    """UTF-8 text read as Windows-1252 (as Latin-1 where it has no character) and written
    as UTF-8 again, as a pipeline that read the file in the wrong encoding writes it."""
    return "".join(chr(b) if 0x80 <= b <= 0x9F and b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                   else bytes([b]).decode("cp1252") for b in text.encode("utf-8"))


def csv_file(path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["id", "name", "city"], *rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_text_encoded_twice_is_kept_and_each_column_named(tmp_path: Path) -> None:
    rows = [["1", "April Carrión", "Bayamón, Puerto Rico"], ["2", "Shea Couleé", "Chicago"],
            ["3", "Monét X Change", "Manatí, Puerto Rico"], ["4", "Ongina", "Los Angeles"]]
    written = [[i, twice(name), twice(city)] for i, name, city in rows]
    result = read_source(csv_file(tmp_path / "contestants.csv", written), None, {}, {})
    assert result.table.column("name").to_pylist() == [r[1] for r in written]
    assert result.table.column("name").to_pylist()[0] == "April CarriÃ³n"
    notes = [n.split(": ", 1)[1] for n in result.schema_notes]
    assert ("column name: 3 of the 3 sampled value(s) beyond ASCII look like UTF-8 text read "
            "as Windows-1252 and written as UTF-8 again (mojibake: 'April CarriÃ³n' would be "
            "'April Carrión'): kept as written; read the source as UTF-8 where the file is "
            "made, or repair the column in a model") in notes
    assert ("column city: 2 of the 2 sampled value(s) beyond ASCII look like UTF-8 text read "
            "as Windows-1252 and written as UTF-8 again (mojibake: 'BayamÃ³n, Puerto Rico' "
            "would be 'Bayamón, Puerto Rico'): kept as written; read the source as UTF-8 "
            "where the file is made, or repair the column in a model") in notes


def test_names_of_many_languages_encoded_twice_are_told(tmp_path: Path) -> None:
    """Every Faker name beyond ASCII, encoded twice, is told and repairs to itself."""
    rows = people()
    beyond = [r for r in rows if not r[1].isascii()]
    assert len(beyond) > 20
    assert all(repaired(twice(r[1])) == r[1] for r in beyond)
    result = read_source(csv_file(tmp_path / "people.csv", [
        [i, twice(name), city] for i, name, city in rows]), None, {}, {})
    assert any(f"column name: {len(beyond)} of the {len(beyond)} sampled" in n
               for n in result.schema_notes)
    assert not any("column city:" in n for n in result.schema_notes)


def test_names_of_many_languages_written_once_have_no_note(tmp_path: Path) -> None:
    rows = people()
    result = read_source(csv_file(tmp_path / "people.csv", rows), None, {}, {})
    assert result.table.column("name").to_pylist() == [r[1] for r in rows]
    assert not any("mojibake" in n for n in result.schema_notes)


@pytest.mark.parametrize("text", ["CAFÉ…", "Zoë", "São Paulo", "naïve café", "It’s", "Dvořák",
                                  "ÑANDÚ", "Ärger", "Ça va"])
def test_text_that_is_no_double_encoding_is_not_told(text: str) -> None:
    """A near miss: real text, some of whose characters UTF-8 writes as lead bytes."""
    assert repaired(text) is None


def test_a_column_mixing_both_counts_only_the_values_encoded_twice(tmp_path: Path) -> None:
    rows = [["1", twice("Zoë Ångström"), "x"], ["2", "Zoë Ångström", "y"],
            ["3", twice("it’s"), "z"]]
    result = read_source(csv_file(tmp_path / "mixed.csv", rows), None, {}, {})
    assert result.table.column("name").to_pylist() == [r[1] for r in rows]
    assert any("column name: 2 of the 3 sampled value(s)" in n for n in result.schema_notes)
