"""A SQLite column declared INTEGER (or REAL) most of whose values are another storage
class (a Hindi-locale app's totals stored as the text it showed, `१२,९०,९४१`): read as
stored, noted naming the column, not every row a reject; a few stray values in a real
INTEGER column stay rejects; the source's `columns:` decide over it. On databases the tests
write."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from datanet_sql.ingest.reading import read_source, read_table

DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
TOTALS = ["12,90,941", "12,77,978", "4,97,536", "1,06,155"]   # Indian grouping


def survey_db(path: Path, totals: list, fees: list | None = None) -> Path:
    """A household survey whose `totexp` and `fee` hold the values given, as stored."""
    fees = fees or [float(i) for i in range(len(totals))]
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE budget (id INTEGER PRIMARY KEY, totexp INTEGER, fee REAL, "
                   "age INTEGER)")
        db.executemany("INSERT INTO budget VALUES (?, ?, ?, ?)",
                       [(i + 1, t, f, 40 + i) for i, (t, f) in enumerate(zip(totals, fees))])
    db.close()
    return path


def _read(path: Path, columns: dict[str, str] | None = None):
    return read_source(path, "sqlite", {"source_table": "budget"}, columns or {})


def test_an_integer_column_of_devanagari_text_in_every_row_is_read_as_stored(
        tmp_path: Path) -> None:
    written = [t.translate(DEVANAGARI) for t in TOTALS]
    result = _read(survey_db(tmp_path / "survey.db", written))
    assert not result.rejects
    assert result.table.column("totexp").to_pylist() == written
    assert str(result.table.schema.field("totexp").type) == "string"
    assert str(result.table.schema.field("age").type) == "int32"
    assert result.schema_notes == [
        (f"column totexp: declared INTEGER, but 4 of its 4 values are stored as text (e.g. "
         f"'{min(written)}'): read as text, as stored (as declared, each would be a reject); "
         f"declare its type in the source's columns: to read it otherwise")]


def test_a_column_mostly_text_keeps_its_few_integers_as_text(tmp_path: Path) -> None:
    result = _read(survey_db(tmp_path / "survey.db", ["12 kg", 1200, "3 kg", "n/a", None]))
    assert not result.rejects
    assert result.table.column("totexp").to_pylist() == ["12 kg", "1200", "3 kg", "n/a", None]
    assert result.schema_notes[0].startswith(
        "column totexp: declared INTEGER, but 3 of its 4 values are stored as text (e.g. "
        "'12 kg'): read as text")


def test_a_real_column_of_text_is_read_as_stored(tmp_path: Path) -> None:
    """A European app's REAL column holding the decimal commas it showed."""
    result = _read(survey_db(tmp_path / "survey.db", [1, 2, 3], ["3,5", "12,25", "0,5"]))
    assert not result.rejects
    assert result.table.column("fee").to_pylist() == ["3,5", "12,25", "0,5"]
    assert result.schema_notes[0].startswith(
        "column fee: declared REAL, but 3 of its 3 values are stored as text (e.g. '0,5')")


def test_an_integer_column_mostly_of_reals_is_read_as_double(tmp_path: Path) -> None:
    result = _read(survey_db(tmp_path / "survey.db", [1.5, 2.25, 3, 0.5]))
    assert not result.rejects
    assert result.table.column("totexp").to_pylist() == [1.5, 2.25, 3.0, 0.5]
    assert result.schema_notes[0].startswith(
        "column totexp: declared INTEGER, but 3 of its 4 values are stored as REAL: read as "
        "double")


def test_a_few_stray_texts_in_an_integer_column_stay_rejects(tmp_path: Path) -> None:
    """The near miss: the column is integers; its two texts are values gone wrong."""
    totals = [1000 + i for i in range(20)]
    totals[4], totals[11] = "n/a", "१२,९०,९४१"
    result = _read(survey_db(tmp_path / "survey.db", totals))
    assert [r.record_no for r in result.rejects] == ["5", "12"]
    assert str(result.table.schema.field("totexp").type) == "int32"
    assert result.table.column("totexp").to_pylist()[:4] == [1000, 1001, 1002, 1003]
    assert not [n for n in result.schema_notes if "as stored" in n]


def test_text_and_integers_even_stay_as_declared(tmp_path: Path) -> None:
    result = _read(survey_db(tmp_path / "survey.db", [1, 2, "x", "y"]))
    assert [r.record_no for r in result.rejects] == ["3", "4"]
    assert result.table.column("totexp").to_pylist() == [1, 2]


def test_a_type_the_source_declares_decides(tmp_path: Path) -> None:
    written = [t.translate(DEVANAGARI) for t in TOTALS]
    result = _read(survey_db(tmp_path / "survey.db", written), {"totexp": "integer"})
    assert [r.record_no for r in result.rejects] == ["1", "2", "3", "4"]
    assert not [n for n in result.schema_notes if "as stored" in n]


def test_every_batch_reads_the_column_alike(tmp_path: Path) -> None:
    """The first batch all text, the second all integers: both text, as the whole column
    decided, so a load's batches agree."""
    path = survey_db(tmp_path / "survey.db", ["a", "b", "c", 4, 5])
    batches = list(read_table("sqlite", str(path), "budget", {}, batch_rows=3))
    assert [b.table.column("totexp").to_pylist() for b in batches] == [["a", "b", "c"],
                                                                       ["4", "5"]]
    assert {str(b.table.schema.field("totexp").type) for b in batches} == {"string"}
