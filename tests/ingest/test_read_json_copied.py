"""NDJSON written by Postgres' `COPY (SELECT row_to_json(s) FROM s) TO` in its text format
(every backslash doubled), made here by the real Postgres server: each text read as it was
stored (quotes, line breaks, tabs, backslashes), noted; ordinary files holding backslashes,
and a file whose escaping is COPY's only in part, are read as before (their bad lines
rejects, the doubt noted); loaded into a DuckDB warehouse alike."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
from ingest_helpers import PG_DSN, local_or_pg_place

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

COMMENTS = [
    'After a "high" rating, less than last year.',
    "Joined 2017 - $42/hr\r\nFebruary 2019 - $48/hr",
    "plain words",
    "a tab\there and a path C:\\Users\\ann",
    None,
]


def copied(path: Path) -> Path:
    """`path` written by Postgres' COPY of row_to_json over a table of COMMENTS (a `json`
    column holding a line break between its tokens beside them), in COPY's text format."""
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute("create temporary table survey (id int, comment text, extra json)")
        with con.cursor() as cursor:
            for n, comment in enumerate(COMMENTS, 1):
                cursor.execute("insert into survey values (%s, %s, %s)",
                               (n, comment, '{"k":\n 1}' if n == 3 else None))
            with path.open("wb") as handle, cursor.copy(
                    "copy (select row_to_json(s) from survey s order by id) to stdout") as copy:
                for data in copy:
                    handle.write(data)
    return path


def _read(path: Path):
    return read_source(path, None, {}, {}, "reject", None)


def test_copy_text_format_is_undone_and_each_text_read_as_stored(tmp_path: Path) -> None:
    path = copied(tmp_path / "survey.ndjson")
    assert '\\\\"high\\\\"' in path.read_text()  # COPY doubled JSON's escapes
    result = _read(path)
    assert result.table.column("comment").to_pylist() == COMMENTS
    assert result.table.column("extra__k").to_pylist() == [None, None, 1, None, None]
    assert result.rejects == []
    assert ("survey.ndjson: the file is written in Postgres COPY's text format (every "
            "backslash doubled, as `COPY (SELECT row_to_json(...)) TO` writes it): 4 line(s) "
            "holding a backslash read with it undone, 2 of them no JSON as written (lines 1, 3); "
            "a text's quotes and line breaks are read as written") in result.schema_notes


def test_ordinary_backslashes_and_a_bad_line_are_read_as_before(tmp_path: Path) -> None:
    """Near miss: JSON's own escapes (a path, a quote, a line break) in lines that are JSON,
    and a line cut short: no COPY output, so nothing is undone and the cut line a reject."""
    records = [{"comment": "C:\\Users\\ann"}, {"comment": 'a "quote"'}, {"comment": "a\nb"}]
    path = tmp_path / "plain.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + '{"comment": "cut\\\\"\n')
    result = _read(path)
    assert result.table.column("comment").to_pylist() == [r["comment"] for r in records]
    assert [r.record_no for r in result.rejects] == ["4"]
    assert not any("COPY" in note for note in result.schema_notes)


def test_escaping_that_is_copys_only_in_part_is_left_and_the_doubt_noted(tmp_path: Path
                                                                           ) -> None:
    """One line reads only with its backslashes undoubled, but another holds JSON's own
    `\\"`, which COPY would have doubled: no COPY output throughout, nothing undone."""
    path = tmp_path / "mixed.ndjson"
    path.write_text('{"comment": "say \\\\"hi\\\\""}\n{"comment": "a \\"quote\\""}\n')
    result = _read(path)
    assert result.table.column("comment").to_pylist() == ['a "quote"']
    assert [r.record_no for r in result.rejects] == ["1"]
    assert ("mixed.ndjson: some lines are JSON only with their backslashes undoubled (line "
            "1), as Postgres' COPY ... TO writes text, but not every line holding a backslash "
            "is (line 2): not COPY's escaping throughout, nothing undone (the lines that are "
            "no JSON are rejects)") in result.schema_notes


def test_copys_null_line_stays_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "nulls.ndjson"
    path.write_text('{"comment":"a \\\\"b\\\\""}\n\\N\n')
    result = _read(path)
    assert result.table.column("comment").to_pylist() == ['a "b"']
    assert [(r.record_no, r.raw) for r in result.rejects] == [("2", "\\N")]


def test_loaded_into_a_duckdb_warehouse(tmp_path: Path) -> None:
    """The warehouse's own read refuses the file; the line by line read undoes COPY's
    escaping there too."""
    copied(tmp_path / "survey.ndjson")
    with local_or_pg_place("duckdb", tmp_path, "copied") as place:
        load(place.adapter, place.job(tmp_path, "survey", "append", path="survey.ndjson"),
             reading)
        assert place.rows("survey", "id, comment", "id") == list(enumerate(COMMENTS, 1))
        assert place.fetch("select count(*) from shop._rejects") == [(0,)]
