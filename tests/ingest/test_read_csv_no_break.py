"""Thousands grouped by no-break spaces (French exports: U+202F, older ones U+00A0) read as
numbers, noted; text with such spaces between words and mixed groupings read as before.
On files written here as a French-locale spreadsheet writes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.ingest.reading import read_source

NARROW, NBSP = "\u202f", "\u00a0"


def french(path: Path, space: str = NARROW) -> Path:
    """`;` between fields, decimal commas, thousands grouped by `space`."""
    path.write_text(f"id;income;limit;balance\n1;14,891;3{space}606;333\n"
                    f"2;106,025;6{space}645;1{space}903,5\n3;104,593;815;0\n")
    return path


@pytest.mark.parametrize("space, what", [
    (NARROW, "narrow no-break spaces (U+202F) between thousands (French)"),
    (NBSP, "no-break spaces (U+00A0) between thousands")])
def test_no_break_grouped_thousands_are_numbers(tmp_path: Path, space: str, what: str) -> None:
    path = french(tmp_path / "credit.csv", space)
    result = read_source(path, None, {}, {})
    assert result.rejects == []
    assert result.table.to_pylist() == [
        {"id": 1, "income": 14.891, "limit": 3606, "balance": 333.0},
        {"id": 2, "income": 106.025, "limit": 6645, "balance": 1903.5},
        {"id": 3, "income": 104.593, "limit": 815, "balance": 0.0}]
    assert f"{path}: column limit: every value is a number, some written with {what}, such " \
        f"as {'3' + space + '606'!r}: read as integer, the spaces removed" in result.schema_notes
    assert any(f"column balance: every value is a number, some written with {what}" in n
               and "read as double" in n for n in result.schema_notes)


def test_a_point_decimal_file_reads_grouped_decimals(tmp_path: Path) -> None:
    path = tmp_path / "sums.csv"
    path.write_text(f"id,total\n1,1{NARROW}234.5\n2,17.25\n3,1{NARROW}000{NARROW}000.0\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("total").to_pylist() == [1234.5, 17.25, 1000000.0]


@pytest.mark.parametrize("values", [
    [f"12{NARROW}h{NARROW}30", f"9{NARROW}h", "8"],          # times written with U+202F
    [f"3{NARROW}606", "4 500", "12"],                        # a plain space among them
    [f"3{NARROW}606", f"4{NBSP}500", "12"],                  # both no-break spaces
    [f"3{NARROW}606", "14,5", "1.5"],                        # a comma in a point file
    [f"3{NARROW}606", "12345", "12"],                        # a long number ungrouped
    [f"3{NARROW}606", "Paris", "12"],                        # a word
])
def test_text_or_mixed_groupings_stay_text(tmp_path: Path, values: list[str]) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text("id;limit\n" + "".join(f"{i};{v}\n" for i, v in enumerate(values)))
    result = read_source(path, None, {}, {})
    assert result.table.column("limit").to_pylist() == values
    assert not any("the spaces removed" in n for n in result.schema_notes)


def test_a_mix_of_groupings_is_named_as_before(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(f"id,limit\n1,3{NARROW}606\n2,4 500\n")
    result = read_source(path, None, {}, {})
    assert f"{path}: column limit: every value is a number, some written with spaces or ’ " \
        f"between thousands, such as {'3' + NARROW + '606'!r}: kept as text; cast it in a model, " \
        f"removing them (DuckDB's thousands option takes one one-byte character)" \
        in result.schema_notes


def test_a_french_export_loads_into_a_warehouse(tmp_path: Path) -> None:
    from ingest_helpers import load_folder

    (tmp_path / "landing").mkdir()
    french(tmp_path / "landing" / "a.csv")
    adapter = load_folder(tmp_path, "replace")
    try:
        assert adapter.fetch('select id, "limit", balance from shop.sales order by id')[1] == [
            (1, 3606, 333.0), (2, 6645, 1903.5), (3, 815, 0.0)]
    finally:
        adapter.close()
