"""Text that reads Yes/No stays text, as dbt seeds and pandas keep it, in every reader: only
true/false (and what a format types boolean itself) make a BOOLEAN column; a column declared
`boolean` converts the words, its other values being rejects. Real files written here,
read by the real readers and loaded into a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_helpers import load_config

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load
from datanet_sql.ingest.reading import read_source

SAMPLE_PAST = 30_000   # rows: past DuckDB's sniff sample (20,480 rows)


def kinds(result: reading.ReadResult) -> dict[str, str]:
    return {f.name: str(f.type) for f in result.table.schema}


def test_yes_no_words_stay_text_as_spelled_true_false_is_boolean(tmp_path: Path) -> None:
    """DuckDB reads `Yes`/`No` and `T`/`F` as booleans; they stay as the file spells them,
    named in a note with how to convert them. `true`/`false` in any case is BOOLEAN."""
    path = tmp_path / "survey.csv"
    path.write_text("id,answer,letter,flag,valid,german\n"
                    "1,Yes,T,Y,true,Ja\n2,No,F,N,FALSE,Nein\n3,yes,t,Y,True,ja\n4,,,,,\n")
    result = read_source(path, None, {}, {})
    assert kinds(result) == {"id": "int64", "answer": "string", "letter": "string",
                             "flag": "string", "valid": "bool", "german": "string"}
    assert result.table.column("answer").to_pylist() == ["Yes", "No", "yes", None]
    assert result.table.column("letter").to_pylist() == ["T", "F", "t", None]
    assert result.table.column("valid").to_pylist() == [True, False, True, None]
    assert result.table.column("german").to_pylist() == ["Ja", "Nein", "ja", None]
    assert f"{path}: column answer: its words ('No', 'Yes', 'yes') kept as text, as " \
        "written (only true/false are read as booleans, as dbt seeds read them); declare " \
        "it (columns: {answer: boolean}) to read them as booleans" in result.schema_notes
    assert any(n.startswith(f"{path}: column letter: its words ('F', 'T', 't')")
               for n in result.schema_notes)
    assert f"{path}: column(s) valid typed BOOLEAN from their words true/false: declare " \
        "them varchar to keep the words as written" in result.schema_notes
    kept = read_source(path, None, {}, {"valid": "varchar"})
    assert kept.table.column("valid").to_pylist() == ["true", "FALSE", "True", None]
    assert not any("typed BOOLEAN" in n for n in kept.schema_notes)


def test_a_yes_past_the_sniff_sample_keeps_a_true_false_column_text(tmp_path: Path) -> None:
    """Every row is looked at: DuckDB's own read would cast a late `yes` to true silently."""
    path = tmp_path / "late.csv"
    lines = ["id,paid"] + [f"{i},{'true' if i % 2 else 'false'}"
                           for i in range(1, SAMPLE_PAST + 1)]
    path.write_text("\n".join([*lines, f"{SAMPLE_PAST + 1},yes"]) + "\n")
    result = read_source(path, None, {}, {})
    assert result.rejects == []
    assert kinds(result)["paid"] == "string"
    assert result.table.column("paid").to_pylist()[-3:] == ["true", "false", "yes"]
    assert any("column paid: its words ('yes')" in n for n in result.schema_notes)


def test_yes_no_first_seen_past_the_sample_stays_text_when_types_come_from_every_row(
        tmp_path: Path) -> None:
    """A column empty in the sniffer's sample is text there; read again with types from
    every row (another column's late decimal), DuckDB would type its late `Yes`/`No`
    BOOLEAN: it is checked as the sample's columns are."""
    path = tmp_path / "late.csv"
    lines = ["id,price,answer"] + [f"{i},{i * 3}," for i in range(1, SAMPLE_PAST + 1)]
    path.write_text("\n".join([*lines, f"{SAMPLE_PAST + 1},1.5,Yes",
                               f"{SAMPLE_PAST + 2},2,No"]) + "\n")
    result = read_source(path, None, {}, {})
    assert kinds(result) == {"id": "int64", "price": "double", "answer": "string"}
    assert result.table.column("answer").to_pylist()[-3:] == [None, "Yes", "No"]
    assert any("column answer: its words ('No', 'Yes')" in n for n in result.schema_notes)


def job(tmp_path: Path, path: str, **given: object) -> LoadJob:
    return LoadJob("shop", "sales", Relation("sales", "shop"), "main", tmp_path,
                   load_config("incremental_files", path, **given))


def test_loaded_yes_no_text_is_what_a_model_filters_on(tmp_path: Path,
                                                        adapter: DuckDBAdapter) -> None:
    """The warehouse's insert reads the files itself (one scan over both): the words land
    as written, so `where answer = 'Yes'` finds its rows."""
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.csv").write_text("id,answer\n1,Yes\n2,No\n")
    (landing / "b.csv").write_text("id,answer\n3,Yes\n4,No\n")
    load(adapter, job(tmp_path, "landing/*.csv"), reading)
    assert adapter.fetch("select data_type from information_schema.columns where "
                         "table_name = 'sales' and column_name = 'answer'")[1] == [("VARCHAR",)]
    assert adapter.fetch("select id from shop.sales where answer = 'Yes' order by id")[1] == \
        [(1,), (3,)]


def test_declared_boolean_converts_yes_no_and_rejects_other_words(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """`columns: {answer: boolean}` is the user asking: the words become booleans, and
    `maybe` a reject in `_rejects`, as any value a declared type cannot read."""
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.csv").write_text("id,answer\n1,Yes\n2,no\n3,maybe\n4,\n")
    result = load(adapter, job(tmp_path, "landing/*.csv", columns={"answer": "boolean"}),
                  reading)
    assert (result.rows, result.rejects) == (3, 1)
    assert adapter.fetch("select id, answer from shop.sales order by id")[1] == \
        [(1, True), (2, False), (4, None)]
    assert adapter.fetch("select record_no, reason from shop._rejects")[1] == \
        [("3", "answer: 'maybe' is not a boolean")]


def answers_xlsx(path: Path, answers: list[str]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "answer", "checked"])
    for i, answer in enumerate(answers, 1):
        sheet.append([i, answer, i % 2 == 1])   # a real Excel boolean cell
    book.save(path)
    return path


def answers_ndjson(path: Path, answers: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "answer": a, "checked": i % 2 == 1}) + "\n"
                            for i, a in enumerate(answers, 1)))
    return path


@pytest.mark.parametrize("write", [answers_xlsx, answers_ndjson], ids=["xlsx", "ndjson"])
def test_yes_no_text_cells_stay_text_booleans_stay_boolean(tmp_path: Path, write) -> None:
    suffix = "xlsx" if write is answers_xlsx else "ndjson"
    result = read_source(write(tmp_path / f"answers.{suffix}", ["Yes", "no", "Yes"]), None,
                         {}, {})
    assert kinds(result) == {"id": "int64", "answer": "string", "checked": "bool"}
    assert result.table.column("answer").to_pylist() == ["Yes", "no", "Yes"]
    assert result.table.column("checked").to_pylist() == [True, False, True]


@pytest.mark.parametrize("write", [answers_xlsx, answers_ndjson], ids=["xlsx", "ndjson"])
def test_declared_boolean_converts_yes_no_text_cells(tmp_path: Path, write) -> None:
    suffix = "xlsx" if write is answers_xlsx else "ndjson"
    result = read_source(write(tmp_path / f"answers.{suffix}", ["Yes", "no", "maybe"]), None,
                         {}, {"answer": "boolean"})
    assert result.table.column("answer").to_pylist() == [True, False]
    assert [(r.record_no, r.reason) for r in result.rejects] == \
        [("3", "answer: 'maybe' is not a boolean")]


def test_parquet_booleans_and_text_keep_their_types(tmp_path: Path) -> None:
    """A format's own booleans are booleans; its text `Yes`/`No` is text."""
    path = tmp_path / "answers.parquet"
    pq.write_table(pa.table({"answer": ["Yes", "No"], "checked": [True, False]}), path)
    result = read_source(path, None, {}, {})
    assert kinds(result) == {"answer": "string", "checked": "bool"}
    assert result.table.to_pylist() == [{"answer": "Yes", "checked": True},
                                        {"answer": "No", "checked": False}]
