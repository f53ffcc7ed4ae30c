"""Lines under a CSV header that describe the columns, as survey tools export them, on real
files written here: Qualtrics' question texts and import ids, an older export's question
texts, left out (noted) so the answers keep their types; a first row of words is data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ingest_helpers import load_folder

from datanet_sql.ingest.reading import read_source

_NAMES = ["StartDate", "Progress", "Duration (in seconds)", "ResponseId", "Q1", "Q2_1", "Q3"]
_TEXTS = ["Start Date", "Progress", "Duration (in seconds)", "Response ID", "How old are you?",
          "How satisfied are you with our service? - Price", "What else would you tell us?"]
_IDS = [{"ImportId": "startDate", "timeZone": "America/Denver"}, {"ImportId": "progress"},
        {"ImportId": "duration"}, {"ImportId": "_recordId"}, {"ImportId": "QID1"},
        {"ImportId": "QID2_1"}, {"ImportId": "QID3_TEXT"}]


def _answers(count: int) -> list[list[str]]:
    return [[f"2024-03-01 09:{i % 60:02}:00", "100", str(60 + i), f"R_{i:05}", str(20 + i % 50),
             str(1 + i % 5), "fine, thanks" if i % 3 else ""] for i in range(count)]


def _write(path: Path, rows: list[list[str]]) -> Path:
    """Rows as a CSV writer quotes them (a field with a comma or a quote, quoted)."""
    import csv

    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _qualtrics(path: Path, count: int = 40) -> Path:
    ids = [json.dumps(i, separators=(",", ":")) for i in _IDS]
    return _write(path, [_NAMES, _TEXTS, ids, *_answers(count)])


def test_qualtrics_question_texts_and_import_ids_are_left_out(tmp_path):
    """Read as rows, the two lines made every answer column text and added 2 rows."""
    result = read_source(_qualtrics(tmp_path / "survey.csv"), None, {}, {})
    assert result.rejects == []
    assert result.table.num_rows == 40
    assert dict(zip(result.table.column_names, map(str, result.table.schema.types))) == {
        "start_date": "timestamp[us]", "progress": "int64", "duration_in_seconds": "int64",
        "response_id": "string", "q1": "int64", "q2_1": "int64", "q3": "string"}
    assert result.table.to_pylist()[1] == {
        "start_date": dt.datetime(2024, 3, 1, 9, 1), "progress": 100, "duration_in_seconds": 61,
        "response_id": "R_00001", "q1": 21, "q2_1": 2, "q3": "fine, thanks"}
    assert any(n.endswith(
        "lines 1-2 under the header describe the columns (a survey export's question texts or "
        "import ids, as Qualtrics writes them), not values: left out (start_date: 'Start Date / "
        "{\"ImportId\":\"startDate\",\"timeZone\":\"America/Denver\"}', progress: 'Progress / "
        "{\"ImportId\":\"progress\"}', duration_in_seconds: 'Duration (in seconds) / "
        "{\"ImportId\":\"duration\"}', and 4 more)") for n in result.schema_notes)


def test_an_older_export_s_question_texts_under_v1_v2_are_left_out(tmp_path):
    rows = [["V1", "V2", "Q1", "Q2"], ["ResponseID", "Finished", "Age in years", "Rating"],
            *[[f"R_{i}", "1", str(30 + i), str(i % 5)] for i in range(30)]]
    result = read_source(_write(tmp_path / "legacy.csv", rows), None, {}, {})
    assert result.table.num_rows == 30
    assert result.table.column("q1").to_pylist()[:2] == [30, 31]
    assert str(result.table.schema.field("v2").type) == "int64"
    assert any("line 1 under the header describe" in n for n in result.schema_notes)


def test_a_first_row_of_words_is_data(tmp_path):
    """Near misses, each kept a row: the same word in two number columns (a row's missing
    values, `unknown`), one word over one number column, a table of text columns only."""
    rows = [["name", "city", "age", "height"], ["Ann", "Oslo", "unknown", "unknown"],
            *[[f"P{i}", "Bergen", str(20 + i), str(150 + i)] for i in range(30)]]
    twice = read_source(_write(tmp_path / "twice.csv", rows), None, {}, {})
    assert twice.table.num_rows == 31
    assert twice.table.column("age").to_pylist()[:2] == ["unknown", "20"]
    assert any("column age: 1 of 31 values are not numbers ('unknown')" in n
               for n in twice.schema_notes)
    rows[1] = ["Ann", "Oslo", "unknown", "171"]
    once = read_source(_write(tmp_path / "once.csv", rows), None, {}, {})
    assert once.table.num_rows == 31
    assert once.table.column("height").to_pylist()[:2] == [171, 150]
    words = read_source(_write(tmp_path / "words.csv", [["name", "city"], ["Ann", "Oslo"],
                                                        ["Bob", "Bergen"]]), None, {}, {})
    assert words.table.to_pylist() == [{"name": "Ann", "city": "Oslo"},
                                       {"name": "Bob", "city": "Bergen"}]
    for result in (twice, once, words):
        assert not any("under the header" in n for n in result.schema_notes)


def test_loading_a_qualtrics_export(tmp_path):
    (tmp_path / "landing").mkdir()
    _qualtrics(tmp_path / "landing" / "a.csv", count=25)
    adapter = load_folder(tmp_path)
    try:
        assert adapter.fetch("select count(*), sum(q1), typeof(any_value(start_date)) "
                             "from shop.sales")[1] == [(25, sum(20 + i for i in range(25)),
                                                        "TIMESTAMP")]
    finally:
        adapter.close()
