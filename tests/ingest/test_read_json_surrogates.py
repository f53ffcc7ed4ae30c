"""NDJSON lines holding a lone UTF-16 surrogate escape (a text cut inside an emoji by a
writer counting UTF-16 units), on files written here: the rows are kept, the half character
read as U+FFFD, noted with the lines and columns; a surrogate pair, an escaped backslash
before `ud83d` and lines bad for other reasons are left as they were; loaded into a DuckDB
warehouse alike."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import local_or_pg_place

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

HIGH = "\\ud83d"  # the escape as the file holds it: the first half of 😀 (\ud83d\ude00)


def _line(title: str, comment: str) -> str:
    """A record's line whose `comment` is written into the JSON as it is (escapes and all)."""
    return f'{{"title": "{title}", "salary": 18.5, "comment": "{comment}"}}\n'


def _read(path: Path):
    return read_source(path, None, {}, {}, "reject", None)


def test_a_lone_high_half_is_read_as_the_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "survey.ndjson"
    path.write_text(_line("Tester", "New hire, no " + HIGH) + _line("Analyst", "fine")
                    + _line("Designer", "cut " + HIGH + " inside"))
    result = _read(path)
    assert result.table.select(["title", "comment"]).to_pylist() == [
        {"title": "Tester", "comment": "New hire, no \ufffd"},
        {"title": "Analyst", "comment": "fine"},
        {"title": "Designer", "comment": "cut \ufffd inside"},
    ]
    assert result.table.column("salary").to_pylist() == [18.5, 18.5, 18.5]
    assert result.rejects == []
    assert ("survey.ndjson: 2 line(s) hold a lone UTF-16 surrogate escape (half a character "
            "such as an emoji, e.g. \\ud83d, its text cut inside it): read with U+FFFD "
            "(\ufffd) in its place (lines 1, 3); look at column(s) comment"
            ) in result.schema_notes


def test_a_lone_low_half_and_one_in_a_nested_value_are_replaced_too(tmp_path: Path) -> None:
    path = tmp_path / "events.ndjson"
    path.write_text('{"id": 1, "props": {"label": "\\ude00 end"}}\n'
                    '{"id": 2, "props": {"label": "ok"}}\n')
    result = _read(path)
    assert result.table.column("props__label").to_pylist() == ["\ufffd end", "ok"]
    assert any("(lines 1); look at column(s) props" in n for n in result.schema_notes)


def test_a_whole_pair_and_an_escaped_backslash_are_left_as_they_are(tmp_path: Path) -> None:
    """Near misses: a surrogate pair is the emoji; `\\\\ud83d` is a backslash and the text
    `ud83d`, no escape. The line cut inside the emoji is the only one repaired."""
    path = tmp_path / "texts.ndjson"
    path.write_text(_line("a", "smile \\ud83d\\ude00") + _line("b", "path C:\\\\ud83d")
                    + _line("c", "half " + HIGH))
    result = _read(path)
    assert result.table.column("comment").to_pylist() == [
        "smile \U0001F600", "path C:\\ud83d", "half \ufffd"]
    assert any("(lines 3)" in n for n in result.schema_notes)


def test_an_ordinary_file_is_read_without_a_note(tmp_path: Path) -> None:
    path = tmp_path / "plain.ndjson"
    path.write_text(_line("a", "smile \\ud83d\\ude00") + _line("b", "path C:\\\\ud83d"))
    result = _read(path)
    assert result.table.num_rows == 2
    assert not any("surrogate" in n for n in result.schema_notes)


def test_a_line_bad_for_another_reason_stays_a_reject_as_sent(tmp_path: Path) -> None:
    cut = '{"title": "x", "comment": "half ' + HIGH + '", '
    path = tmp_path / "broken.ndjson"
    path.write_text(_line("a", "half " + HIGH) + cut + "\n" + "{not json " + HIGH + "\n")
    result = _read(path)
    assert result.table.column("comment").to_pylist() == ["half \ufffd"]
    assert [(r.record_no, r.raw) for r in result.rejects] == [
        ("2", cut), ("3", "{not json " + HIGH)]
    assert any("1 line(s) hold a lone UTF-16 surrogate escape" in n
               for n in result.schema_notes)


def test_loaded_into_a_duckdb_warehouse(tmp_path: Path) -> None:
    """The warehouse's own read refuses the file; the line by line read keeps every row."""
    records = [_line("Tester", "no " + HIGH), _line("Analyst", "fine")]
    (tmp_path / "survey.ndjson").write_text("".join(records))
    with local_or_pg_place("duckdb", tmp_path, "surrogates") as place:
        load(place.adapter, place.job(tmp_path, "survey", "append", path="survey.ndjson"),
             reading)
        assert place.rows("survey", "title, comment", "title") == [
            ("Analyst", "fine"), ("Tester", "no \ufffd")]
        assert place.fetch("select count(*) from shop._rejects") == [(0,)]
