"""A column of formulas a script saved without their values (openpyxl, xlsxwriter): computed
where each is arithmetic on its own row's numbers (title rows above the header and blank
rows among the data counted), with a note naming the column; refused, naming the column and
the cell, where one is anything else (a function, another row's cell, text, a division by
zero); never a column of NULLs, nor the formulas' text. Near misses: the same formulas with
values a spreadsheet program computed and cached (read as those values, no note), and an
empty column with no formula (NULL, no note). On workbooks openpyxl writes, the cached
values put into their XML as Excel stores them."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import cache_formulas, workbook

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

_DIARY = [["Orchard diary"], [], ["tree", "volume", "volume m3", "remark"],
          [1, 10.3, "=B4*0.0283168", None], [], [2, 10.2, "=B6*0.0283168", None],
          [3, 16.4, "=(B7 - 0.4) * 0.0283168 / 1", None]]
_NOTE = ("diary.xlsx: column volume_m3: formulas stored without their values (the workbook "
         "was written by a program that does not calculate them, e.g. C4 =B4*0.0283168): "
         "computed from the numbers of each formula's row, as Excel computes them; open and "
         "save it in Excel or LibreOffice to store Excel's own values")


def test_formulas_without_values_are_computed_noted(tmp_path: Path) -> None:
    workbook(tmp_path / "diary.xlsx", {"Trees": _DIARY})
    result = read_source(tmp_path / "diary.xlsx", None, {}, {})
    assert result.table.to_pydict() == {
        "tree": [1, 2, 3], "volume": [10.3, 10.2, 16.4],
        "volume_m3": [10.3 * 0.0283168, 10.2 * 0.0283168, (16.4 - 0.4) * 0.0283168 / 1],
        "remark": [None, None, None]}
    assert str(result.table.schema.field("volume_m3").type) == "double"
    assert _NOTE in result.schema_notes
    assert not [n for n in result.schema_notes if "column remark:" in n]


def test_formulas_with_cached_values_are_read_as_the_values(tmp_path: Path) -> None:
    workbook(tmp_path / "diary.xlsx", {"Trees": _DIARY})
    cache_formulas(tmp_path / "diary.xlsx", lambda cell: int(cell[1:]) * 0.5)
    result = read_source(tmp_path / "diary.xlsx", None, {}, {})
    assert result.table.column("volume_m3").to_pylist() == [2.0, 3.0, 3.5]  # as cached
    assert not [n for n in result.schema_notes if "formulas" in n]


def test_an_empty_column_without_formulas_stays_null_unnoted(tmp_path: Path) -> None:
    rows = [r[:2] + r[3:] if len(r) > 2 else r for r in _DIARY]
    rows[2] = ["tree", "volume", "remark"]
    workbook(tmp_path / "diary.xlsx", {"Trees": rows})
    result = read_source(tmp_path / "diary.xlsx", None, {}, {})
    assert result.table.column("remark").to_pylist() == [None, None, None]
    assert not [n for n in result.schema_notes if "formulas" in n]


@pytest.mark.parametrize(("formula", "why"), [
    ("=SUM(B5:B5)*2", "it is no arithmetic of + - * / on numbers and cells"),
    ("=B5*$B$1", "$B$1 is a cell of another row"),
    ("=B5/(A5-1)", "it divides by zero (#DIV/0! in Excel)"),
    ("=D5*2", "D5 holds 'n/a', not a number"),
])
def test_a_formula_that_is_not_plain_arithmetic_is_refused_naming_the_cell(
        tmp_path: Path, formula: str, why: str) -> None:
    rows = [["tree", "volume", "volume m3", "remark"], [1, 10.3, formula, "n/a"]]
    workbook(tmp_path / "d.xlsx", {"Trees": [["Orchard diary"], [], [], *rows]})
    with pytest.raises(IngestError) as error:
        read_source(tmp_path / "d.xlsx", None, {}, {})
    assert (f"column volume_m3: cell C5 holds the formula {formula} stored without its value "
            f"(a workbook written by a program that does not calculate), which datanet does "
            f"not compute: {why}") in str(error.value)
    assert "open and save the workbook in Excel or LibreOffice" in str(error.value)
