"""The empty string an old PHP app stores in a SQLite INTEGER (REAL, DECIMAL) column for
every form field left empty: SQLite keeps `''` as TEXT, and read as declared each row
holding one was a reject. `''` in a column of numeric affinity is a missing value (NULL),
noted naming the column and the count; other text there stays a reject; a TEXT column,
or one the source's `columns:` declare text, keeps its `''`. On databases the tests
write, one loaded into DuckDB through the loader."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ingest_helpers import local_or_pg_place

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source, read_table

# a survey as a PHP form stores it: each answer left empty bound as ''
ANSWERS = [(1, 92, "", "12.50", "Ada"), (2, "", 17022.5, "", ""), (3, 110, 25990.0, "3.00", "")]


def survey_db(path: Path, rows: list[tuple] = ANSWERS) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE children (id INTEGER PRIMARY KEY, score INTEGER, "
                   "income REAL, fee DECIMAL(8,2), name TEXT)")
        db.executemany("INSERT INTO children VALUES (?, ?, ?, ?, ?)", rows)
    db.close()
    return path


def test_empty_strings_in_numeric_columns_are_missing_values_noted(tmp_path: Path) -> None:
    result = read_source(survey_db(tmp_path / "survey.db"), "sqlite",
                         {"source_table": "children"}, {})
    assert not result.rejects
    assert result.table.to_pydict() == {
        "id": [1, 2, 3], "score": [92, None, 110], "income": [None, 17022.5, 25990.0],
        "fee": [12.5, None, 3.0], "name": ["Ada", "", ""]}     # TEXT keeps its ''
    assert str(result.table.schema.field("score").type) == "int32"
    assert result.schema_notes == [
        f"column {name}: 1 empty string(s) ('') stored in a column declared {kind} (as an "
        f"app binds an empty field) read as missing (NULL); other text in it stays a reject"
        for name, kind in (("score", "INTEGER"), ("income", "REAL"), ("fee", "DECIMAL(8,2)"))]


def test_other_text_in_a_numeric_column_stays_a_reject(tmp_path: Path) -> None:
    """The near miss: `n/a` and a lone space may be values someone meant."""
    rows = [*ANSWERS, (4, "n/a", 1.0, "1.00", "Bo"), (5, " ", 2.0, "2.00", "Cy")]
    result = read_source(survey_db(tmp_path / "survey.db", rows), "sqlite",
                         {"source_table": "children"}, {})
    assert [r.record_no for r in result.rejects] == ["4", "5"]
    assert "'n/a'" in result.rejects[0].reason
    assert result.table.column("score").to_pylist() == [92, None, 110]


def test_a_column_the_source_declares_text_keeps_its_empty_strings(tmp_path: Path) -> None:
    result = read_source(survey_db(tmp_path / "survey.db"), "sqlite",
                         {"source_table": "children"}, {"score": "varchar"})
    assert result.table.column("score").to_pylist() == ["92", "", "110"]
    assert not any(n.startswith("column score: 1 empty") for n in result.schema_notes)


def test_batches_each_read_their_empty_strings_as_missing(tmp_path: Path) -> None:
    path = survey_db(tmp_path / "survey.db")
    batches = list(read_table("sqlite", str(path), "children", {}, batch_rows=2))
    assert [b.table.column("score").to_pylist() for b in batches] == [[92, None], [110]]
    assert [str(b.table.schema.field("score").type) for b in batches] == ["int32"] * 2
    assert [sum("column score" in n for n in b.schema_notes) for b in batches] == [1, 0]


def test_the_survey_loads_into_duckdb_with_nulls(tmp_path: Path) -> None:
    survey_db(tmp_path / "survey.db")
    with local_or_pg_place("duckdb", tmp_path, "dn_sqlite_blanks") as place:
        job = place.job(tmp_path, "children", "replace", path=None, dsn="survey.db",
                        format="sqlite", source_table="children")
        result = load(place.adapter, job, reading)
        assert result.rows == 3
        assert place.rows("children", "id, score, income", "id") == [
            (1, 92, None), (2, None, 17022.5), (3, 110, 25990.0)]
        assert any(n.startswith("column score: 1 empty string(s)") for n in result.read_notes)
