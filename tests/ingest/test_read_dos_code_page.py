"""Western text a DOS program wrote in code page 850 (`Départ` as bytes cp1252 reads
`D‚part`, `Étape` with a byte cp1252 lacks) is read as cp850, its letters as written; the
same text from Windows in cp1252 stays cp1252; a file with too few such letters to judge
is read as before, with a note saying how to read it as DOS text. Files written by the tests from Faker's Western names and streets."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import load_landing
from test_read_encodings import people, written

from datanet_sql.ingest.reading import read_source

# Italian names accent a word's last letter only, too rarely to judge on 200 rows (see the
# last test: too few letters are read as before, with a note)
LOCALES = ["fr_FR", "de_DE", "es_ES", "pt_PT", "sv_SE", "da_DK", "nl_NL"]


def _in_both(record: dict) -> bool:
    """Whether the record's text has every character in cp850 and in cp1252."""
    text = "".join(map(str, record.values()))
    return all(_encodes(text, page) for page in ("cp850", "cp1252"))


def _encodes(text: str, page: str) -> bool:
    try:
        text.encode(page)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("locale", LOCALES)
def test_a_dos_file_in_code_page_850_is_read_as_written(tmp_path: Path, locale: str) -> None:
    records = [r for r in people(locale, 200, seed=5) if _in_both(r)]
    result = read_source(written(tmp_path / "people.csv", records, "cp850"), None, {}, {})
    assert result.table.column("street").to_pylist() == [r["street"] for r in records]
    assert result.table.column("name").to_pylist() == [r["name"] for r in records]
    assert any("encoding cp850," in note for note in result.schema_notes)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_same_text_from_windows_stays_cp1252(tmp_path: Path, locale: str) -> None:
    records = [r for r in people(locale, 200, seed=5) if _in_both(r)]
    result = read_source(written(tmp_path / "people.csv", records, "cp1252"), None, {}, {})
    assert result.table.column("street").to_pylist() == [r["street"] for r in records]
    assert any("encoding cp1252," in note for note in result.schema_notes)


def test_the_header_and_a_french_column_load_into_duckdb(tmp_path: Path) -> None:
    """The case that found it: a DOS program's `;` CSV of Napoleon's route, CRLF, with `É`
    (a byte cp1252 leaves undefined) in the header and `é` in the values."""
    (tmp_path / "landing").mkdir()
    rows = ["Ville;Longitude;Étape", "Kowno;24,0;Départ", "Wilna;25,3;Étape",
            "Moscou;37,6;Arrivée", ""]
    (tmp_path / "landing" / "cities.csv").write_bytes("\r\n".join(rows).encode("cp850"))
    adapter, result = load_landing(tmp_path)
    assert result.rows == 3
    assert adapter.fetch("select ville, etape from shop.sales order by longitude")[1] == [
        ("Kowno", "Départ"), ("Wilna", "Étape"), ("Moscou", "Arrivée")]


def test_one_dos_letter_is_too_little_to_judge_and_is_read_as_before_with_a_note(
        tmp_path: Path) -> None:
    """Below three letters in words the bytes tell nothing for sure: read as cp1252, as
    before, with a note naming the word both ways and the option that reads it as DOS."""
    path = tmp_path / "one.csv"
    path.write_bytes("city,stage\nKowno,Départ\n".encode("cp850"))
    result = read_source(path, None, {}, {})
    assert result.table.column("stage").to_pylist() == ["D‚part"]
    assert result.schema_notes[-1] == (
        f"{path}: read as cp1252 (Western), but its few letters beyond ASCII read as a DOS "
        "program's code page 850 ('D‚part' would be 'Départ'), too few to decide: if so, "
        "set options: {encoding: cp850}")
    named = read_source(path, None, {"encoding": "cp850"}, {})
    assert named.table.column("stage").to_pylist() == ["Départ"]
