"""A totals line at the end of a CSV file (`Total,,12,60.75`): left out, with a note naming
the file, the line and its words, when its label is a totals word and its numbers are the
sums of their columns above; kept as a record otherwise (a product called `Total Care`).
Real files read by the real readers, and loaded into DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load
from datanet_sql.ingest.readers import csv_totals
from datanet_sql.ingest.reading import read_source


def read(tmp_path: Path, text: str, name: str = "sales.csv", **options: str
         ) -> tuple[list[dict], list[str]]:
    path = tmp_path / name
    path.write_text(text)
    result = read_source(path, None, options, {})
    return result.table.to_pylist(), [n for n in result.schema_notes if "a totals row" in n]


def test_a_totals_line_under_a_date_column_is_left_out_and_noted(tmp_path: Path) -> None:
    """Its label sits in the date column: left out before the read, so `day` stays a date."""
    found, notes = read(tmp_path, "day,region,qty,amount\n2024-01-01,north,3,10.50\n"
                                  "2024-01-02,south,4,20.25\n2024-01-03,east,5,30\n"
                                  "TOTAL,,12,60.75\n")
    assert [(str(r["day"]), r["qty"], r["amount"]) for r in found] == [
        ("2024-01-01", 3, 10.5), ("2024-01-02", 4, 20.25), ("2024-01-03", 5, 30.0)]
    assert notes == [(f"{tmp_path / 'sales.csv'}: line 5 of sales.csv is a totals row "
                     "('TOTAL,,12,60.75': each number the sum of its column above): not loaded")]


def test_a_line_starting_with_total_whose_numbers_are_not_the_sums_is_a_record(
        tmp_path: Path) -> None:
    found, notes = read(tmp_path, "product;qty;price\nWidget;3;1,50\nTotal Care;2;4,00\n")
    assert found == [{"product": "Widget", "qty": 3, "price": 1.5},
                     {"product": "Total Care", "qty": 2, "price": 4.0}]
    assert notes == []


@pytest.mark.parametrize(("text", "kept", "lines"), [
    # German, decimal comma, a blank line between the table and its totals
    ("produkt;menge;preis\nA;3;1,50\nB;2;4,00\n\nSumme;5;5,50\n", 2, ["line 5"]),
    # a total and a grand total, the first with grouped digits in quotes
    ('id,amount\n1,1000\n2,2345.6\nTotal,"3,345.6"\nGrand total,3345.60\n', 2,
     ["line 4", "line 5"]),
    # a record labelled like a total above the real one: kept, and in the sum
    ("name,qty\nann,3\nTotal Care,5\nTotal,8\n", 2, ["line 4"]),
    # an id column holding the label: stays an integer column
    ("id,amount\n1,0.333\n2,0.333\n3,0.334\nTotaal,1.00\n", 3, ["line 5"]),
])
def test_totals_lines_in_other_words_and_spellings(tmp_path: Path, text: str, kept: int,
                                                   lines: list[str]) -> None:
    found, notes = read(tmp_path, text)
    assert len(found) == kept
    assert [n.split(": ", 1)[1].split(" of ")[0] for n in notes] == lines
    assert not any(str(v).lower().startswith(("summe", "total", "grand")) and v != "Total Care"
                   for row in found for v in row.values())


def test_a_sum_off_by_more_than_its_printed_precision_is_a_record(tmp_path: Path) -> None:
    found, notes = read(tmp_path, "id,amount\n1,0.333\n2,0.333\n3,0.334\nTotal,1.02\n")
    assert [r["id"] for r in found] == ["1", "2", "3", "Total"] and notes == []


def test_a_file_whose_end_does_not_look_like_totals_is_not_summed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the file's end is read to look for totals lines: the column sums (a pass over the
    file) are taken only when its last lines look like some."""
    def summed(*_: object) -> None:
        raise AssertionError("summed")
    monkeypatch.setattr(csv_totals, "_sums", summed)
    rows = "".join(f"{i},Total {i},{i * 2}\n" for i in range(20_000))
    found, notes = read(tmp_path, "id,name,amount\n" + rows)
    assert (len(found), notes) == (20_000, [])


@pytest.mark.parametrize("mode", ["append", "incremental_files"])
def test_loaded_into_duckdb_without_the_totals_line(tmp_path: Path, mode: str) -> None:
    """Two files of a glob, one ending in a totals line: the table holds the records, the
    load's notes name the file and the line."""
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.csv").write_text("id,amount\n1,10\n2,20\n")
    (tmp_path / "landing" / "b.csv").write_text("id,amount\n3,30\n4,40\nSum,70\n")
    config = {"mode": mode, "primary_key": [], "cursor": None, "path": "landing/*.csv",
              "dsn": None, "format": None, "source_table": None, "options": {},
              "on_bad_row": "reject", "columns": {}}
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    try:
        result = load(adapter, LoadJob("shop", "sales", Relation("sales", "shop"), "main",
                                       tmp_path, config), reading)
        assert adapter.fetch("select id, amount from shop.sales order by id")[1] == [
            (1, 10), (2, 20), (3, 30), (4, 40)]
        assert [n for n in result.read_notes if "a totals row" in n] == [
            ("line 4 of b.csv is a totals row ('Sum,70': each number the sum of its column "
            "above): not loaded")]
    finally:
        adapter.close()
