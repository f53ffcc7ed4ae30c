"""Lines under a CSV header that describe the columns, as survey tools export them, on real
files written here: Qualtrics' question texts and import ids, an older export's question
texts, left out (noted) so the answers keep their types; SurveyMonkey's answer options under
its questions, joined into the names; a first row of words is data."""

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


_MONKEY = [["Respondent ID", "Collector ID", "How likely are you to recommend us?",
            "Which of these do you use?", "", "", "What is your age?"],
           ["", "", "Response", "Product A", "Product B", "Other (please specify)", "Response"]]


def _monkey_rows(count: int) -> list[list[str]]:
    return [[str(11484538591 + i), "403254412", str(i % 11), "Product A" if i % 2 else "",
             "Product B" if i % 3 else "", "" if i % 5 else "a pen", str(20 + i)]
            for i in range(count)]


def test_surveymonkey_s_two_line_header_names_the_answer_columns(tmp_path):
    """Read with one header line, the options' line was a row (the scores and ages text)
    and the answer columns `column_5`, `column_6`."""
    result = read_source(_write(tmp_path / "sm.csv", [*_MONKEY, *_monkey_rows(30)]),
                         None, {}, {})
    assert dict(zip(result.table.column_names, map(str, result.table.schema.types))) == {
        "respondent_id": "int64", "collector_id": "int64",
        "how_likely_are_you_to_recommend_us": "int64",
        "which_of_these_do_you_use_product_a": "string",
        "which_of_these_do_you_use_product_b": "string",
        "which_of_these_do_you_use_other_please_specify": "string", "what_is_your_age": "int64"}
    assert result.table.num_rows == 30
    assert list(result.table.to_pylist()[5].values()) == [
        11484538596, 403254412, 5, "Product A", "Product B", "a pen", 25]
    assert any(n.endswith(
        "the header is written on two lines (a survey export's questions over their answer "
        "options, as SurveyMonkey writes them): columns of a question spanning several are "
        "named '<question> <option>' ('Which of these do you use? Product A', 'Which of these "
        "do you use? Product B', 'Which of these do you use? Other (please specify)'); line 1 "
        "under the header left out") for n in result.schema_notes)


def test_a_first_row_under_a_blank_name_is_data(tmp_path):
    """Near misses of a two-line header, the header kept one line: a value under the first
    column (a row with text in an unnamed column and no number), a number on the line."""
    header = ["name", "notes", "", "age"]
    rows = [header, ["Ann", "likes tea", "see file", ""],
            *[[f"P{i}", "ok", "", str(20 + i)] for i in range(20)]]
    people = read_source(_write(tmp_path / "people.csv", rows), None, {}, {})
    assert people.table.column_names == ["name", "notes", "column_3", "age"]
    assert people.table.column("name").to_pylist()[:2] == ["Ann", "P0"]
    assert people.table.column("age").to_pylist()[:2] == [None, 20]
    numbered = [_MONKEY[0], ["", "", "10", "Product A", "Product B", "Other", "Years"],
                *_monkey_rows(20)]
    monkey = read_source(_write(tmp_path / "sm.csv", numbered), None, {}, {})
    assert monkey.table.num_rows == 21
    for result in (people, monkey):
        assert not any("two lines" in n for n in result.schema_notes)


def test_loading_two_surveymonkey_exports_together(tmp_path):
    """A glob of two exports with the same two-line header is one table (of different
    respondents: an export repeating another's rows is a cumulative one, see
    test_load_cumulative.py)."""
    (tmp_path / "landing").mkdir()
    _write(tmp_path / "landing" / "a.csv", [*_MONKEY, *_monkey_rows(12)])
    _write(tmp_path / "landing" / "b.csv", [*_MONKEY, *_monkey_rows(20)[12:]])
    adapter = load_folder(tmp_path)
    try:
        assert adapter.fetch("select count(*), count(which_of_these_do_you_use_product_b), "
                             "typeof(any_value(what_is_your_age)) from shop.sales")[1] == \
            [(20, 8 + 5, "BIGINT")]
    finally:
        adapter.close()
